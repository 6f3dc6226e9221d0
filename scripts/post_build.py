#!/usr/bin/env python3
"""Trunk post-build hook: pins the Content-Security-Policy into the built index.html.

(It also puts the app's start-up module, start-<hash>.js from scripts/split_build.py, in
place of index.html's placeholder: see below.)

The policy allows nothing but the site's own files: no CDN, no font, no third-party
script, no network connection elsewhere. The start-up scripts are the site's own files
('self'); should Trunk ever inline one, its exact SHA-256 goes into script-src
(recomputed on every build); 'wasm-unsafe-eval' lets the WebAssembly modules (the app's and
its chunks) compile. Only index.html is touched: the hashed JS/WASM files keep their
integrity attributes.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

# The app's start-up module, written by scripts/split_build.py (the pre_build hook): one
# start-<hash>.js in the staging dir, put where index.html's placeholder is.
starts = sorted(f for f in os.listdir(staging) if re.fullmatch(r"start-[0-9a-f]{16}\.js", f))
if len(starts) != 1:
    sys.exit(f"post_build.py: expected one start-<hash>.js from scripts/split_build.py, found {starts}")
# As Trunk did for its own loader: the module graph (start -> app.js -> __wasm_split.js)
# and the WASM are asked for at once, not one round trip after another.
h = starts[0][len("start-"):-len(".js")]
preloads = "".join([
    f'<link rel="modulepreload" href="./app-{h}.js">',
    f'<link rel="modulepreload" href="./__wasm_split-{h}.js">',
    f'<link rel="preload" href="./app-{h}_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
])
for name in (f"app-{h}.js", f"__wasm_split-{h}.js", f"app-{h}_bg.wasm"):
    if not os.path.isfile(os.path.join(staging, name)):
        sys.exit(f"post_build.py: {name} is missing beside {starts[0]}")
html, n = re.subn(r'<meta name="cqhr-start"[^>]*>', f'{preloads}<script type="module" src="./{starts[0]}"></script>', html)
if n != 1:
    sys.exit("post_build.py: index.html must contain exactly one <meta name=\"cqhr-start\"> placeholder")

hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")

policy = "; ".join([
    "default-src 'none'",
    " ".join(["script-src 'self' 'wasm-unsafe-eval'"] + hashes),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
]).strip()
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
html, n = re.subn(r'<meta name="cqhr-csp"[^>]*>', meta, html)
if n != 1:
    sys.exit("post_build.py: index.html must contain exactly one <meta name=\"cqhr-csp\"> placeholder")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
