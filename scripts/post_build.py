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


def json_quote(v):
    import json
    return json.dumps(v, ensure_ascii=False)

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

# The exporter worker (issue 22). Trunk names a worker's files without a hash
# (exporter.js, exporter_bg.wasm, exporter_loader.js), so an app of one build could start
# the exporter of another. They are renamed here with one content hash, like the app's
# files, and index.html names the loader (<meta name="cqhr-exporter">), so that an app only
# ever starts the exporter of its own build. The loader is written here too: Trunk's
# (`importScripts(...); wasm_bindgen(...)`) leaves a failed start silent (a rejected promise
# in a classic worker never reaches `onerror`); this one tells the app, in Chinese.
exporter_js = os.path.join(staging, "exporter.js")
exporter_wasm = os.path.join(staging, "exporter_bg.wasm")
if os.path.isfile(exporter_js) and os.path.isfile(exporter_wasm):
    digest = hashlib.sha256()
    for f in (exporter_js, exporter_wasm):
        with open(f, "rb") as fh:
            digest.update(fh.read())
    eh = digest.hexdigest()[:16]
    os.replace(exporter_js, os.path.join(staging, f"exporter-{eh}.js"))
    os.replace(exporter_wasm, os.path.join(staging, f"exporter-{eh}_bg.wasm"))
    old_loader = os.path.join(staging, "exporter_loader.js")
    if os.path.isfile(old_loader):
        os.remove(old_loader)
    loader = (
        "// The exporter worker's loader (scripts/post_build.py): reports a failed start to the app.\n"
        "'use strict';\n"
        "function cqhrFailed(what) {\n"
        "  self.postMessage({ start_error: what + '（exporter-" + eh + "）。可能是网站刚更新或网络中断：请刷新页面后重试' });\n"
        "}\n"
        f"try {{ importScripts('./exporter-{eh}.js'); }} catch (e) {{ cqhrFailed('无法下载导出程序'); throw e; }}\n"
        f"wasm_bindgen('./exporter-{eh}_bg.wasm').catch(function () {{ cqhrFailed('无法下载或启动导出程序'); }});\n"
    )
    with open(os.path.join(staging, f"exporter_loader-{eh}.js"), "w", encoding="utf-8") as f:
        f.write(loader)
    html = re.sub(r'<meta name="cqhr-exporter"[^>]*>', "", html)
    html = html.replace("</head>", f'<meta name="cqhr-exporter" content="./exporter_loader-{eh}.js"></head>', 1)

# The build's stamp (issue 22): when it was built, UTC. A tab compares its own with the
# newest one any tab of this site has announced (localStorage `cqhr.build`): a tab of an
# older build then says 已有新版本，请刷新 and stops saving rather than write over what a
# newer build wrote. SOURCE_DATE_EPOCH, when set, makes it reproducible.
import time
stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())))
html = re.sub(r'<meta name="cqhr-build"[^>]*>', "", html)
html = html.replace("</head>", f'<meta name="cqhr-build" content="{stamp}"></head>', 1)

meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
html, n = re.subn(r'<meta name="cqhr-csp"[^>]*>', meta, html)
if n != 1:
    sys.exit("post_build.py: index.html must contain exactly one <meta name=\"cqhr-csp\"> placeholder")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)

# The headers a host should send (issue 22): the same policy as a header, for the page and
# also for the exporter worker and sw.js (a <meta> policy covers the page only), with
# frame-ancestors (which a <meta> policy cannot carry): the site refuses to be framed.
# dist/_headers is the format of static hosts that read one (Netlify, Cloudflare Pages);
# the README's nginx and Caddy samples and `trunk serve` (Trunk.toml [serve.headers],
# checked here to be the same) send the same.
header_policy = f"{policy}; frame-ancestors 'none'"
headers = {
    "Content-Security-Policy": header_policy,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
with open(os.path.join(staging, "_headers"), "w", encoding="utf-8") as f:
    f.write("# Written by scripts/post_build.py: the headers for static hosts that read this file.\n")
    f.write("/*\n" + "".join(f"  {k}: {v}\n" for k, v in headers.items()))
    f.write("/index.html\n  Cache-Control: no-cache\n/sw.js\n  Cache-Control: no-cache\n/trust.json\n  Cache-Control: no-cache\n")
try:
    import tomllib
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "Trunk.toml"), "rb") as f:
        served = tomllib.load(f).get("serve", {}).get("headers", {})
    if served != headers:
        sys.exit(
            "post_build.py: Trunk.toml [serve.headers] must be exactly the headers of dist/_headers:\n"
            + "".join(f"  {k} = {json_quote(v)}\n" for k, v in headers.items())
        )
except ImportError:
    pass
