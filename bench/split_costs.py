#!/usr/bin/env python3
"""What opening each split point costs before the prefetch (issue 25, item 4): read from a
built site's chunk loader (`__wasm_split-<hash>.js`: each split point's `makeLoad` and the
shared chunks it awaits), the files fetched, their gzip -9 bytes, and how many are under
2 KB raw. Usage: bench/split_costs.py [dist]   (default: dist)."""
import gzip
import pathlib
import re
import sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
loader = next(dist.glob("__wasm_split-*.js")).read_text()
files = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', loader))
points = re.findall(
    r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"'
    r'.*?\n, \[([^\]]*)\]\)\);', loader, re.S)


def size(name):
    raw = (dist / name).read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


print("| split point | files fetched | gzip -9 | of them under 2 KB raw |")
print("| --- | ---: | ---: | ---: |")
total = 0
for name, own, deps in sorted(points):
    fetched = [own] + [files[d.strip()] for d in deps.split(",") if d.strip()]
    sizes = [size(f) for f in fetched]
    print(f"| {name} | {len(fetched)} | {sum(g for _, g in sizes) / 1000:.1f} KB | {sum(1 for r, _ in sizes if r < 2048)} |")
print(f"\n{len(points)} split points, {len(files)} shared chunks, {len(list(dist.glob('*.wasm')))} .wasm files in {dist}")
