#!/usr/bin/env python3
"""Trunk post-build hook: a .gz and a .br sibling for every text and WASM file of the site.

For hosts that serve precompressed files (nginx `gzip_static on; brotli_static on;`,
README, Deploying): foo.wasm gets foo.wasm.gz and foo.wasm.br (brotli -q 11). The .gz is
made by zopfli (5 iterations) when it is installed: a valid gzip stream 4.5 % smaller than
gzip -9 on the app's WASM (issue 10, item 4: bytes before interactive), at about 10 s of
build time; else by gzip -9.
The built files themselves are never touched (Trunk's integrity hashes stay valid); the
siblings decompress to exactly their bytes. Already compressed files (PNG) get none, nor
does trust.json: a bureau replaces it in the deployed site after the build (README), and a
stale sibling would then be served in its place.
Run last (Trunk.toml), after sw.js is written, so that sw.js gets siblings too; sw.js
lists no sibling (scripts/sw_manifest.py), so the offline cache holds each file once.

Usage: with TRUNK_STAGING_DIR set (as Trunk does), or `compress.py DIR`.
"""
import gzip
import os
import shutil
import subprocess
import sys

UNPACKED = {"trust.json"}  # replaced in place after the build: no sibling to go stale
TEXT = (".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".webmanifest", ".json", ".txt", ".map")

site = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
brotli = shutil.which("brotli")
zopfli = shutil.which("zopfli")
if not brotli:
    sys.exit("compress.py: the brotli command is missing (scripts/setup installs Debian's brotli)")

count = 0
for top, dirs, names in os.walk(site):
    for name in names:
        if not name.endswith(TEXT) or name.startswith(".") or name in UNPACKED:
            continue
        path = os.path.join(top, name)
        with open(path, "rb") as f:
            data = f.read()
        # mtime 0 and no file name in the header: the same bytes on every build.
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if zopfli and len(data) > 1024:
            out = subprocess.run([zopfli, "-c", "--i5", path], check=True, capture_output=True).stdout
            # Zopfli's header has mtime 0 too; kept only if it is smaller and reads back exactly.
            if len(out) < len(packed) and gzip.decompress(out) == data:
                packed = out
        with open(path + ".gz", "wb") as f:
            f.write(packed)
        subprocess.run([brotli, "-q", "11", "-f", "-n", "-o", path + ".br", path], check=True)
        # Readable as the file itself is (brotli writes 0600): the web server must read them.
        mode = os.stat(path).st_mode & 0o777
        os.chmod(path + ".gz", mode)
        os.chmod(path + ".br", mode)
        count += 1
print(f"compress.py: .gz and .br siblings for {count} files", file=sys.stderr)
