//! The pinned tools (issue 24, item 7): `scripts/toolchain.env` is the one place their
//! versions are written. Every other file that must repeat one (Cargo.toml's `=` pin,
//! Cargo.lock, Trunk.toml's `[tools]`, package.json and its lock, bench/bare) is checked
//! against it here, and so are the installed tools, which Trunk would otherwise try to
//! download (and fail) on a mismatch.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `KEY=value  # comment` lines of scripts/toolchain.env.
fn pins() -> BTreeMap<String, String> {
    let text = read("scripts/toolchain.env");
    let mut pins = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("not KEY=value: {line}"));
        assert!(
            !value.contains(char::is_whitespace),
            "{key}: one word, no quotes: {value:?}"
        );
        pins.insert(key.to_owned(), value.to_owned());
    }
    pins
}

fn pin(key: &str) -> String {
    pins()
        .remove(key)
        .unwrap_or_else(|| panic!("scripts/toolchain.env has no {key}"))
}

/// The version of a registry package in Cargo.lock (the only one of that name).
fn locked(name: &str) -> String {
    let lock = read("Cargo.lock");
    let versions: Vec<&str> = lock
        .split("[[package]]")
        .filter(|block| {
            block
                .lines()
                .any(|l| l.trim() == format!("name = \"{name}\""))
        })
        .filter_map(|block| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix("version = \""))
        })
        .map(|v| v.trim_end_matches('"'))
        .collect();
    assert_eq!(
        versions.len(),
        1,
        "Cargo.lock: expected one {name}, found {versions:?}"
    );
    versions[0].to_owned()
}

fn contains(path: &str, needle: &str) {
    assert!(
        read(path).contains(needle),
        "{path} must contain `{needle}` (scripts/toolchain.env)"
    );
}

fn under_scripts_test() -> bool {
    std::env::var("CQHR_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// A tool's output, or None when it is not installed (an error under scripts/test).
fn run(program: &str, args: &[&str]) -> Option<String> {
    match Command::new(program).args(args).output() {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ if under_scripts_test() => panic!(
            "`{program} {}` failed; scripts/setup installs it",
            args.join(" ")
        ),
        _ => {
            eprintln!("note: `{program}` is not installed here; its version is not checked");
            None
        }
    }
}

/// `0.2` of `0.2.4`.
fn release_line(version: &str) -> String {
    version.split('.').take(2).collect::<Vec<_>>().join(".")
}

#[test]
fn the_pins_of_the_splitter_and_its_macros_are_one_release_line() {
    assert_eq!(
        release_line(&pin("WASM_SPLIT_VERSION")),
        release_line(&pin("WASM_SPLIT_MACROS_VERSION")),
        "scripts/toolchain.env: WASM_SPLIT_VERSION and WASM_SPLIT_MACROS_VERSION"
    );
    assert_eq!(release_line("0.2.4"), "0.2");
}

#[test]
fn the_files_agree_with_toolchain_env() {
    let bindgen = pin("WASM_BINDGEN_VERSION");
    contains("Cargo.toml", &format!("wasm-bindgen = \"={bindgen}\""));
    assert_eq!(locked("wasm-bindgen"), bindgen, "Cargo.lock's wasm-bindgen");
    contains("Trunk.toml", &format!("wasm_bindgen = \"{bindgen}\""));
    contains(
        "bench/bare/Cargo.toml",
        &format!("wasm-bindgen = \"={bindgen}\""),
    );
    contains(
        "bench/bare/Trunk.toml",
        &format!("wasm_bindgen = \"{bindgen}\""),
    );

    let binaryen = pin("BINARYEN_VERSION");
    let major = binaryen.split('.').next().unwrap();
    contains("Trunk.toml", &format!("wasm_opt = \"version_{major}\""));
    contains(
        "bench/bare/Trunk.toml",
        &format!("wasm_opt = \"version_{major}\""),
    );
    contains("package.json", &format!("\"binaryen\": \"{binaryen}\""));
    let lock = read("package-lock.json");
    let entry = lock
        .split("\"node_modules/binaryen\"")
        .nth(1)
        .expect("package-lock.json has binaryen");
    assert!(
        entry
            .split('}')
            .next()
            .unwrap()
            .contains(&format!("\"version\": \"{binaryen}\"")),
        "package-lock.json's binaryen is not {binaryen}"
    );

    // The split points compiled into the app (wasm_split_macros, through leptos) and the
    // CLI that reads them after linking come from one release line.
    assert_eq!(
        locked("wasm_split_macros"),
        pin("WASM_SPLIT_MACROS_VERSION"),
        "Cargo.lock's wasm_split_macros"
    );

    let setup = read("scripts/setup");
    assert!(
        setup.contains(". scripts/toolchain.env"),
        "scripts/setup must source scripts/toolchain.env"
    );
    for key in pins().keys() {
        if key != "WASM_SPLIT_MACROS_VERSION" {
            assert!(
                setup.contains(&format!("${{{key}}}")),
                "scripts/setup never uses {key}"
            );
        }
    }
}

#[test]
fn the_installed_tools_are_the_pinned_ones() {
    if let Some(out) = run("wasm-bindgen", &["--version"]) {
        assert_eq!(
            out.trim(),
            format!("wasm-bindgen {}", pin("WASM_BINDGEN_VERSION"))
        );
    }
    if let Some(out) = run("trunk", &["--version"]) {
        assert!(
            out.starts_with(&format!("trunk {}.", pin("TRUNK_SERIES"))),
            "installed: {out}"
        );
    }
    if let Some(out) = run("leptosfmt", &["--version"]) {
        assert!(
            out.contains(&pin("LEPTOSFMT_VERSION")),
            "installed leptosfmt: {out}"
        );
    }
    if let Some(out) = run("cargo", &["install", "--list"]) {
        let line = format!("wasm_split_cli_support v{}:", pin("WASM_SPLIT_VERSION"));
        let installed = out
            .lines()
            .find_map(|l| l.strip_prefix("wasm_split_cli_support v"))
            .map(|v| v.trim_end_matches(':').to_owned());
        if installed.is_some() || under_scripts_test() {
            assert!(
                out.lines().any(|l| l.starts_with(&line)),
                "cargo install --list has no `{line}`"
            );
        }
        // The installed splitter reads the split points that Cargo.lock's
        // wasm_split_macros compiles in: one release line (major.minor), or the chunks it
        // writes do not match the app's imports.
        if let Some(v) = installed {
            assert_eq!(
                release_line(&v),
                release_line(&locked("wasm_split_macros")),
                "installed wasm-split {v} against Cargo.lock's wasm_split_macros"
            );
        }
    }
    let npm = root().join("node_modules/binaryen/package.json");
    if npm.exists() || under_scripts_test() {
        let text = std::fs::read_to_string(&npm).expect("node_modules/binaryen (npm ci)");
        assert!(
            text.contains(&format!("\"version\": \"{}\"", pin("BINARYEN_VERSION"))),
            "installed binaryen"
        );
    }
}
