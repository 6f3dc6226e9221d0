//! Bundles every rubric data file under rubrics/<edition>/*.json into the binary.
//! A new edition is a new folder of data files: no code changes (Art. 29).
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if let Ok(editions) = fs::read_dir(&root) {
        for edition in editions.flatten() {
            println!("cargo:rerun-if-changed={}", edition.path().display());
            if let Ok(entries) = fs::read_dir(edition.path()) {
                for f in entries.flatten() {
                    let p = f.path();
                    if p.extension().is_some_and(|e| e == "json") {
                        println!("cargo:rerun-if-changed={}", p.display());
                        files.push(p);
                    }
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Every bundled rubric file, as (path, text).\npub static RUBRIC_FILES: &[(&str, &str)] = &[\n");
    for p in &files {
        let rel = p.strip_prefix(&root).unwrap().display().to_string();
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("rubric_files.rs");
    fs::write(dest, out).unwrap();
}
