//! The domain's layers, checked: every module may import only from modules of a strictly
//! lower layer (or from itself), so the import graph of `src/domain` is a DAG.
//!
//! | layer | modules | what they are |
//! | ---: | --- | --- |
//! | 0 | `number`, `filing` | what users type, read into `Decimal`; printing decimals; the typed year, platform identity and export file names |
//! | 0 | `date` | calendar dates (YYYY-MM-DD), day arithmetic, working days |
//! | 0 | `text` | text that prints safely: control and bidi characters out (issue 22) |
//! | 0 | `serde_zh` | serde's messages said in Chinese (drafts and edition files) |
//! | 0 | `locate` | the place of a structural error in JSON (`serde_path_to_error`), a seam a chunk installs on the web (issue 25) |
//! | 0 | `sign::verify` | SM2 verification in variable time, on the `sm2` crate's curve arithmetic alone (issue 21) |
//! | 1 | `sign::crypto` | SM3, SM2, the passphrase-sealed private key (issue 21) |
//! | 5 | `template` | the grammar of the 文字报告's sentence templates (plain text) |
//! | 10 | `rubric`, `districts` | data: rubrics (附表2–4) and editions; Chongqing's districts |
//! | 11 | `sign` | keys and their holders, the 审核人名录 signed by the root, the trust a verifier holds (issue 21) |
//! | 12 | `edition` | edition files from outside the build: bounds, checks, fingerprints, the runtime registry, diff (issue 13) |
//! | 20 | `draft::error` | `DraftError`, `FieldPath` |
//! | 21 | `draft::certification`, `draft::application`, `draft::previous`, `draft::report`, `draft::review` | the draft's input records |
//! | 22 | `draft` | the draft format, migration, `check` (the scoring inputs) |
//! | 25 | `eligibility::conditions` | the certification conditions as one table (data) |
//! | 30 | `score`, `application` | checks that read a draft: scores, the 附表1 check |
//! | 31 | `edition::migrate` | moving a draft to another edition (reads draft and score) |
//! | 35 | `eligibility::suggest` | values the draft already holds, offered for the certification inputs |
//! | 36 | `eligibility::report` | the certification report types (`Condition`, `Status`, `Note` …) |
//! | 40 | `eligibility` | the certification check: a loop over `eligibility::conditions` |
//! | 45 | `review` | Art. 30 review layers: overlay, fingerprints, validation, the per-stage comparison |
//! | 50 | `grade` | grades and cohort ranking (reads scores and the certification check) |
//! | 50 | `text_report`, `evidence` | the 文字报告 and the 佐证材料目录 (read scores) |
//! | 55 | `publish` | the 公布: the year's result signed by the city (issue 21) |
//! | 60 | `output` | report formats: the documented JSON of `cqhr` |
//!
//! `domain/mod.rs` is the facade (it re-exports from every layer) and is not checked; a
//! domain module must not import through it (`crate::domain::Draft`), but name the module.
//! Unit-test code (after a file's `#[cfg(test)]`) may use any layer.

use std::path::{Path, PathBuf};

/// (module path, layer). A module not listed here fails the test: add it.
const LAYERS: &[(&str, u32)] = &[
    ("number", 0),
    ("filing", 0),
    ("date", 0),
    ("text", 0),
    ("serde_zh", 0),
    ("locate", 0),
    ("sign::crypto", 1),
    ("sign::verify", 0),
    ("template", 5),
    ("sign", 11),
    ("rubric", 10),
    ("districts", 10),
    ("edition", 12),
    ("edition::migrate", 31),
    ("draft::error", 20),
    ("draft::certification", 21),
    ("draft::application", 21),
    ("draft::previous", 21),
    ("draft::report", 21),
    ("draft::review", 21),
    ("draft", 22),
    ("eligibility::conditions", 25),
    ("eligibility::suggest", 35),
    ("eligibility::report", 36),
    ("score", 30),
    ("application", 30),
    ("eligibility", 40),
    ("review", 45),
    ("grade", 50),
    ("text_report", 50),
    ("evidence", 50),
    ("publish", 55),
    ("output", 60),
];

fn layer(module: &str) -> Option<u32> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The longest listed module that `path` (segments from `domain`) lies in.
fn owner(path: &[String]) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| layer(m).is_some())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/domain is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file below `src/domain`: `draft/mod.rs` → [draft].
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every `super::…` and `crate::domain::…` path in the non-test code of a file, resolved
/// to segments from `domain`.
fn imports(text: &str, module: &[String]) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = [rest.find("super::"), rest.find("crate::domain::")]
            .into_iter()
            .flatten()
            .min()
        {
            let tail = &rest[i..];
            let (mut base, path_text): (Vec<String>, &str) =
                if let Some(t) = tail.strip_prefix("crate::domain::") {
                    (Vec::new(), t)
                } else {
                    // `super` of a file module is its parent; of a mod.rs, the directory's parent.
                    let mut base = module.to_vec();
                    let mut t = tail;
                    while let Some(r) = t.strip_prefix("super::") {
                        base.pop();
                        t = r;
                    }
                    (base, t)
                };
            let segs: Vec<String> = path_text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_lowercase()))
                .map(str::to_string)
                .collect();
            base.extend(segs);
            out.push((n + 1, base));
            rest = &tail[1..];
        }
    }
    out
}

#[test]
fn no_module_imports_a_higher_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        if rel == Path::new("mod.rs") || rel == Path::new("layers.rs") {
            continue;
        }
        let module = module_of(rel);
        let Some(me) = owner(&module) else {
            problems.push(format!(
                "{}: module {} is not in the layer table",
                rel.display(),
                module.join("::")
            ));
            continue;
        };
        let my_layer = layer(&me).unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        for (line, path) in imports(&text, &module) {
            let Some(target) = owner(&path) else {
                problems.push(format!(
                    "{}:{line}: {me} imports through the facade `domain` (name the module)",
                    rel.display()
                ));
                continue;
            };
            if target == me {
                continue;
            }
            let their = layer(&target).unwrap();
            if their >= my_layer {
                problems.push(format!(
                    "{}:{line}: {me} (layer {my_layer}) imports {target} (layer {their})",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layer violations:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_a_violation() {
    let found = imports(
        "use super::score::Report;\nfn f() { crate::domain::grade::rank(&[]); }\n",
        &["draft".into()],
    );
    let owners: Vec<String> = found.iter().filter_map(|(_, p)| owner(p)).collect();
    assert_eq!(owners, ["score", "grade"]);
    let found = imports(
        "use super::error::DraftError;\n",
        &["draft".into(), "previous".into()],
    );
    assert_eq!(owner(&found[0].1).as_deref(), Some("draft::error"));
}
