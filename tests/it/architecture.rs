//! ARCHITECTURE.md names files and folders (`ui/scoring/form.rs`, `grade/rank/mod.rs`,
//! `scripts/split_build.py`, …). Every name must still be there (issue 24, item 9): a test
//! that fails when a module named in the map is moved or gone, so the map cannot drift
//! silently. A name matches a file whose path ends with it at a `/` boundary; names of
//! files that only the build writes are listed below with where they come from.

use std::path::{Path, PathBuf};

/// Written by the build into dist/, never checked in.
const BUILT: &[(&str, &str)] = &[
    (
        "sw.js",
        "scripts/sw_manifest.py from scripts/sw-template.js",
    ),
    ("__wasm_split.js", "wasm-split-cli (scripts/split_build.py)"),
];

fn files(dir: &Path, out: &mut Vec<String>, root: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.')
            || ["target", "node_modules", "dist", "out"].contains(&name.as_ref())
        {
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            out.push(format!("{relative}/"));
            files(&path, out, root);
        } else {
            out.push(relative);
        }
    }
}

/// The backticked names in `text` that look like a file or folder path.
fn named_paths(text: &str) -> Vec<String> {
    let suffixes = [
        ".rs", ".json", ".css", ".js", ".mjs", ".py", ".html", ".toml", ".md", ".env", "/",
    ];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.contains(char::is_whitespace) && !t.contains(['<', '*', '#', '{', ':']))
        .filter(|t| t.len() > 1 && suffixes.iter().any(|s| t.ends_with(s)))
        .map(|t| t.trim_start_matches("./").to_owned())
        .collect()
}

#[test]
fn every_path_architecture_md_names_exists() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut tree = Vec::new();
    files(&root, &mut tree, &root);
    let names = named_paths(&text);
    assert!(
        names.len() > 50,
        "the map names its modules: found only {names:?}"
    );
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| BUILT.iter().all(|(built, _)| built != name))
        .filter(|name| {
            !tree
                .iter()
                .any(|path| path == *name || path.ends_with(&format!("/{name}")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that are not in the tree: {missing:?}"
    );
}

#[test]
fn the_check_itself_sees_a_missing_module() {
    assert_eq!(
        named_paths("`ui/gone.rs` and `x` and `src/ui/`"),
        ["ui/gone.rs", "src/ui/"]
    );
}
