#!/usr/bin/env python3
"""What the app's WASM is made of: code bytes per function, grouped, from the name section.

    bench/wasm_sizes.py [WASM] [--top N] [--json]

WASM defaults to the cargo output before wasm-bindgen and wasm-opt
($CARGO_TARGET_DIR or target)/wasm32-unknown-unknown/release/app.wasm, which keeps its
function names (the release profile strips debug info, not the name section). The shipped
file is smaller (wasm-opt -Oz), the shares are close. Instead of twiggy (not installed
here): the same "shallow size" per function, with generic code charged to the app type it
was made for (serde's deserializer for cqhr::domain::draft::Draft counts as the draft
format; Leptos's view code for a page's component as that page), the rest to the crate of
the function's path. Prints a markdown table of the groups and the largest functions.
"""
import os
import re
import sys
from collections import defaultdict


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    assert buf[:4] == b"\0asm", "not a WebAssembly module"
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size]
        i = j + size


def parse(path):
    buf = open(path, "rb").read()
    imported_funcs = 0
    bodies = []
    names = {}
    data = 0
    other = defaultdict(int)
    for sid, body in sections(buf):
        if sid == 2:  # imports: count the imported functions (they shift the indices)
            n, i = leb(body, 0)
            for _ in range(n):
                for _ in range(2):
                    ln, i = leb(body, i)
                    i += ln
                kind = body[i]
                i += 1
                if kind == 0:
                    _, i = leb(body, i)
                    imported_funcs += 1
                elif kind == 1:
                    i += 1
                    flags, i = leb(body, i)
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 2:
                    flags, i = leb(body, i)
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 3:
                    i += 2
            other["imports"] += len(body)
        elif sid == 10:
            n, i = leb(body, 0)
            for _ in range(n):
                size, j = leb(body, i)
                bodies.append(j + size - i)
                i = j + size
        elif sid == 11:
            data += len(body)
        elif sid == 0:
            ln, i = leb(body, 0)
            name = body[i:i + ln].decode()
            i += ln
            if name == "name":
                while i < len(body):
                    sub = body[i]
                    size, j = leb(body, i + 1)
                    if sub == 1:
                        n, k = leb(body, j)
                        for _ in range(n):
                            idx, k = leb(body, k)
                            ln2, k = leb(body, k)
                            names[idx] = body[k:k + ln2].decode("utf-8", "replace")
                            k += ln2
                    i = j + size
            other[f"custom section {name}"] += len(body)
        else:
            other[f"section {sid}"] += len(body)
    funcs = [(names.get(imported_funcs + n, f"func[{imported_funcs + n}]"), size) for n, size in enumerate(bodies)]
    return len(buf), funcs, data, other


# Group of a function: the first rule that matches its (demangled) name.
UI_PAGES = {
    # The folders of src/ui (issue 24: a shell and one folder a page).
    "scoring": "page: scoring form, summary, 得分表 (ui::scoring)",
    "certify": "page: certification + 附表1 (ui::certify)", "ranking": "page: ranking (ui::ranking)",
    "compare": "page: comparison (ui::compare)", "materials": "page: materials (ui::materials)",
    "drafts": "drafts bar, import/export (ui::drafts)", "review": "review screen, choice, 审核表 (ui::review)",
    "signing": "signing: keys, directory, trust (ui::signing)",
    "editions": "edition links, editions (ui::editions)", "widgets": "shared widgets (ui::widgets)",
    "state": "shell: state, store handles (ui::state)", "lazy": "shell: pages table, chunks (ui::lazy, ui::route)",
    "route": "shell: pages table, chunks (ui::lazy, ui::route)",
}
RULES = [
    (r"cqhr::ui::(\w+)", lambda m: UI_PAGES.get(m.group(1), "shell: app, browser boundary (ui::app, ui::web)")),
    (r"cqhr::ui\b|cqhr::App|app::main", lambda m: "shell: app, browser boundary (ui::app, ui::web)"),
    (r"cqhr::domain::(sign|publish|review::signature)\b", lambda m: "signatures: SM2/SM3 crates + verification (domain::sign, …)"),
    (r"cqhr::domain::rubric", lambda m: "domain: rubric data model + parsing at start-up"),
    (r"cqhr::domain::edition", lambda m: "domain: editions (parse, diff, fingerprints, registry)"),
    (r"cqhr::domain::review", lambda m: "domain: review layers (overlay, validate, compare)"),
    (r"cqhr::domain::(draft|migrate|format)", lambda m: "domain: draft format (serde)"),
    (r"cqhr::domain::(certification|application|eligibility|districts)", lambda m: "domain: certification, 附表1"),
    (r"cqhr::domain::(grade|cohort|rank)", lambda m: "domain: grades, ranking"),
    (r"cqhr::domain::(score|number|quantity|check)", lambda m: "domain: scoring, numbers"),
    (r"cqhr::domain", lambda m: "domain: other"),
    (r"cqhr::share", lambda m: "share links (share.rs)"),
    (r"cqhr::store", lambda m: "draft store (store.rs)"),
    (r"cqhr::", lambda m: "cqhr: other"),
    (r"\b(sm2|sm3|sm4|elliptic_curve|primeorder|crypto_bigint|ff|group|pbkdf2|hmac|digest|aead|ghash|gcm|"
     r"polyval|universal_hash|cipher|ctr|signature|rfc6979|subtle|zeroize|sec1|der|base16ct|generic_array|"
     r"rand_core|getrandom|block_buffer|crypto_common)::", lambda m: "signatures: SM2/SM3 crates + verification (domain::sign, …)"),
    (r"serde_path_to_error", lambda m: "serde / serde_json"),
    (r"serde_json|serde_core|serde::|serde_wasm_bindgen|\bserde\b|\bzmij\b|\bitoa\b|\bryu\b", lambda m: "serde / serde_json"),
    (r"__wbindgen_describe|__wbindgen_describe_cast", lambda m: "wasm-bindgen descriptors (removed by wasm-bindgen)"),
    (r"rust_decimal", lambda m: "rust_decimal"),
    (r"\b(leptos\w*|tachys|reactive_graph|reactive_stores|any_spawner|throw_error|or_poisoned|guardian|slotmap|oco_ref"
     r"|send_wrapper|hydration_context|next_tuple|either_of|futures\w*|server_fn|codee|const_str_slice_concat)\b",
     lambda m: "Leptos (tachys, reactive_graph, …)"),
    (r"\b(wasm_bindgen\w*|js_sys|web_sys|gloo\w*|console_error_panic_hook)\b|__wbg_|__externref|__wbindgen|intounderlying",
     lambda m: "wasm-bindgen, js-sys, web-sys glue"),
    (r"miniz_oxide|base64", lambda m: "DEFLATE, base64 (share links)"),
    (r"core::fmt|alloc::fmt|std::fmt|core::panicking|core::result::unwrap_failed|::fmt::|Display|Debug", lambda m: "std: formatting, panics"),
    (r"dlmalloc|alloc::alloc|__rust_(alloc|dealloc|realloc)|memcpy|memmove|memset|memcmp|compiler_builtins",
     lambda m: "std: allocator, mem*, builtins"),
    (r"\b(core|alloc|std|hashbrown|indexmap|arrayvec)::|__rust|__rdl|__mulo|__udiv|__umod|__div|__mod|\bmain\b",
     lambda m: "std: collections, iterators, other"),
]


ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","), ("$u7b$", "{"),
           ("$u7d$", "}"), ("$BP$", "*"), ("$SP$", "@"), ("$u27$", "'"), ("$u5b$", "["), ("$u5d$", "]"),
           ("$u3b$", ";"), ("$u2b$", "+"), ("$u22$", '"'), ("$u3d$", "="), ("..", "::")]


def demangle(name):
    """Rust's legacy (_ZN…E) and v0 (_R…) symbols to a readable path, roughly: enough to
    group by crate and module (rustfilt is not installed here)."""
    if not (name.startswith("_ZN") or name.startswith("_R")):
        return name
    body = name[3:] if name.startswith("_ZN") else name[2:]
    parts, i = [], 0
    while i < len(body):
        m = re.match(r"(\d+)", body[i:])
        if not m:
            i += 1
            continue
        n = int(m.group(1))
        start = i + len(m.group(1))
        if n == 0 or start + n > len(body):
            i = start
            continue
        ident = body[start:start + n]
        if name.startswith("_R") and not re.match(r"[A-Za-z_]", ident):
            i = start
            continue
        parts.append(ident)
        i = start + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(p[1:] if p.startswith("_$") else p for p in parts)
    for a, b in ESCAPES:
        text = text.replace(a, b)
    return text


def group(name):
    name = demangle(name)
    for pattern, label in RULES:
        m = re.search(pattern, name)
        if m:
            return label(m)
    return "other / unnamed"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    if "--top" in sys.argv:
        args = [a for a in args if a != str(top)]
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    path = args[0] if args else os.path.join(target, "wasm32-unknown-unknown", "release", "app.wasm")
    total, funcs, data, other = parse(path)
    code = sum(s for _, s in funcs)
    groups = defaultdict(lambda: [0, 0])
    for name, size in funcs:
        g = groups[group(name)]
        g[0] += size
        g[1] += 1
    if "--json" in sys.argv:  # for bench/run's table and size guard
        import json
        print(json.dumps({"path": path, "code": code, "data": data, "groups": sorted(
            ([label, size, n] for label, (size, n) in groups.items()), key=lambda g: -g[1])}))
        return
    print(f"{path}: {total:,} bytes; code {code:,} in {len(funcs):,} functions; data {data:,}; "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(other.items(), key=lambda kv: -kv[1]) if v > 1000))
    print()
    base = code + data
    print(f"Shares are of code + data ({base:,} bytes; the rest of the file is names and wasm-bindgen's"
          " section, gone after wasm-bindgen and wasm-opt).")
    print()
    print("| group | code bytes | share of code + data | functions |")
    print("| --- | ---: | ---: | ---: |")
    for label, (size, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        print(f"| {label} | {size:,} | {100 * size / base:.1f} % | {n:,} |")
    print(f"| data (static strings, rubric JSON, tables) | {data:,} | {100 * data / base:.1f} % | |")
    print()
    print(f"Largest {top} functions:")
    print()
    print("| bytes | group | function |")
    print("| ---: | --- | --- |")
    for name, size in sorted(funcs, key=lambda f: -f[1])[:top]:
        short = demangle(name)
        print(f"| {size:,} | {group(name)} | `{short[:140]}` |")


if __name__ == "__main__":
    main()
