#!/usr/bin/env python3
"""Trunk post-build hook: pins the Content-Security-Policy into the built index.html.

(It also corrects the WASM size in Trunk's loader script, used for the loading frame's
progress bar: see below. Both before the script's hash is taken.)

The policy allows nothing but the site's own files: no CDN, no font, no third-party
script, no network connection elsewhere. Trunk's start-up script is inline, so its exact
SHA-256 goes into script-src (recomputed on every build); 'wasm-unsafe-eval' lets the
WebAssembly module compile. Only index.html is touched: the hashed JS/WASM files keep
their integrity attributes.
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

# Trunk's loader (data-initializer) reports the download's progress against the WASM's
# size, which Trunk 0.21 measures before wasm-opt: put in the size of the file it serves.
def real_size(m):
    wasm = os.path.join(staging, m.group(2))
    return m.group(1) + str(os.path.getsize(wasm)) if os.path.isfile(wasm) else m.group(0)


html = re.sub(r"(__trunkInitializer\(init, '\./([^'/]+_bg\.wasm)', )(\d+)", real_size, html)

hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")

policy = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
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
