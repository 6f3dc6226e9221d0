//! Bundles every rubric data file under rubrics/<edition>/*.json into the binary.
//! A new edition is a new folder of data files: no code changes (Art. 29).
use std::{env, fs, path::Path};

fn main() {
    // Read when the build script runs, not baked in when it was compiled: a build script
    // compiled for one checkout and reused from a shared target dir by another (moved)
    // checkout must read that checkout's rubrics.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("rubrics");
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
    // No rubric would make every score fail at run time with "unknown rubric": stop here.
    assert!(
        !files.is_empty(),
        "no rubric files under {}",
        root.display()
    );
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
