#!/usr/bin/env python3
"""Trunk pre-build hook: builds the app's WASM split into lazily loaded chunks (issue 10, item 2).

Trunk 0.21's Rust pipeline is cargo -> wasm-bindgen -> wasm-opt with no step in between,
and the splitter must run on the linked module before wasm-bindgen (it needs the link's
relocations). So the app is no longer a Trunk `rel="rust"` asset; this hook builds it:

1. cargo: the `app` bin for wasm32 without default features (no Word/Excel writers), with
   `-C link-args=--emit-relocs` passed to the final crate only (`cargo rustc`), so the
   dependencies keep the fingerprints of Trunk's other builds and are not rebuilt;
2. `wasm-split-cli` (crate wasm_split_cli_support, installed by scripts/setup): the main
   module, one WASM per split point (`src/ui/lazy.rs`) or shared chunk, and
   `__wasm_split.js`, the loader the main module imports them through;
3. `wasm-bindgen --target web --keep-lld-exports --no-demangle` on the main module (the
   chunks link against its exports: function table, memory, shared functions);
4. `wasm-opt -Oz` on every module (release only), as Trunk does with `data-wasm-opt="z"`;
5. into Trunk's staging dir, every file named with one content hash of the whole set
   (`app-<h>.js`, `app-<h>_bg.wasm`, `__wasm_split-<h>.js`, `split_<page>-<h>.wasm`,
   `start-<h>.js`): the references between them are rewritten, so a new build never mixes
   with files a browser cached from an older one. `assets/start.js` becomes `start-<h>.js`,
   the page's start-up module, which scripts/post_build.py puts into index.html.

Run by Trunk (`TRUNK_STAGING_DIR`, `TRUNK_PROFILE`); by hand: `scripts/split_build.py DIR`
writes the files into DIR (release).
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else None)
if not staging:
    sys.exit("split_build.py: run by Trunk (pre_build hook), or give the output directory")
release = os.environ.get("TRUNK_PROFILE", "release") == "release"
bin_path = os.path.join(root, "node_modules", ".bin")
env = dict(os.environ, PATH=bin_path + os.pathsep + os.environ.get("PATH", ""))


def say(text):
    print(f"split_build.py: {text}", file=sys.stderr, flush=True)


def run(args):
    say(" ".join(args))
    subprocess.run(args, cwd=root, env=env, check=True)


started = time.monotonic()
meta = json.loads(
    subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        cwd=root, env=env, check=True, capture_output=True,
    ).stdout
)
profile = "release" if release else "debug"
cargo_wasm = os.path.join(meta["target_directory"], "wasm32-unknown-unknown", profile, "app.wasm")

run(["cargo", "rustc", "--target", "wasm32-unknown-unknown", "--bin", "app", "--no-default-features"]
    + (["--release"] if release else [])
    + ["--", "-C", "link-args=--emit-relocs"])

work = tempfile.mkdtemp(prefix="cqhr-split-")
try:
    split_dir = os.path.join(work, "split")
    out = os.path.join(work, "out")
    os.makedirs(split_dir)
    os.makedirs(out)
    run(["wasm-split-cli", cargo_wasm, split_dir, "--out-name", "app", "--target", "web"])
    # The main module as split, with its names (wasm-bindgen and wasm-opt drop them): what
    # bench/run's per-crate table and size guard read (bench/wasm_sizes.py), issue 25.
    named = os.path.join(meta["target_directory"], "split-main")
    os.makedirs(named, exist_ok=True)
    shutil.copy(os.path.join(split_dir, "app.wasm"), os.path.join(named, f"app-{profile}.wasm"))
    run(["wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
         "--out-name", "app", "--out-dir", out, os.path.join(split_dir, "app.wasm")])
    chunks = sorted(f for f in os.listdir(split_dir) if f.endswith(".wasm") and f != "app.wasm")
    shutil.copy(os.path.join(split_dir, "__wasm_split.js"), out)
    modules = [("app_bg.wasm", os.path.join(out, "app_bg.wasm"))] + [
        (c, os.path.join(split_dir, c)) for c in chunks
    ]
    for name, source in modules:
        target = os.path.join(out, name)
        if release:
            run(["wasm-opt", "-Oz", source, "-o", target + ".opt"])
            os.replace(target + ".opt", target)
        elif source != target:
            shutil.copy(source, target)
    shutil.copy(os.path.join(root, "assets", "start.js"), out)

    # One hash of the whole set (names and contents), before the names go in.
    names = ["app.js", "app_bg.wasm", "__wasm_split.js", "start.js"] + chunks
    digest = hashlib.sha256()
    for name in names:
        with open(os.path.join(out, name), "rb") as f:
            digest.update(name.encode() + b"\0" + hashlib.sha256(f.read()).digest())
    h = digest.hexdigest()[:16]

    def hashed(name):
        stem, ext = os.path.splitext(name)
        return f"{stem}-{h}{ext}" if stem != "app_bg" else f"app-{h}_bg.wasm"

    def rewrite(name, edits):
        path = os.path.join(out, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for pattern, replacement, count in edits:
            text, n = re.subn(pattern, replacement, text)
            if n != count and not (count is None and n > 0):
                sys.exit(f"split_build.py: {name}: expected {count or 'some'} match(es) of {pattern!r}, found {n}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    # The wasm's own import module names ("./__wasm_split.js": import1) stay as they are;
    # wasm-bindgen may import the loader more than once (one line per import group).
    rewrite("app.js", [
        (r'from "\./__wasm_split\.js"', f'from "./{hashed("__wasm_split.js")}"', None),
        (r"new URL\('app_bg\.wasm'", f"new URL('{hashed('app_bg.wasm')}'", 1),
    ])
    rewrite("__wasm_split.js", [(r'from "\./app\.js"', f'from "./{hashed("app.js")}"', 1)] + [
        (re.escape(f'"./{c}"'), f'"./{hashed(c)}"', 1) for c in chunks
    ])
    size = os.path.getsize(os.path.join(out, "app_bg.wasm"))
    rewrite("start.js", [
        (r"'\./app\.js'", f"'./{hashed('app.js')}'", 1),
        (r"'\./app_bg\.wasm'", f"'./{hashed('app_bg.wasm')}'", 1),
        (r"const WASM_SIZE = 0;", f"const WASM_SIZE = {size};", 1),
    ])
    os.makedirs(staging, exist_ok=True)
    for name in names:
        shutil.copy(os.path.join(out, name), os.path.join(staging, hashed(name)))
    sizes = ", ".join(f"{c} {os.path.getsize(os.path.join(out, c))} B" for c in chunks)
    say(f"app {size} B; chunks: {sizes or 'none'}; {time.monotonic() - started:.0f} s")
finally:
    shutil.rmtree(work, ignore_errors=True)
