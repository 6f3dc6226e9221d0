//! The web calculator: a thin Leptos layer over the domain, a shell over one folder per page.
//!
//! The shell: [`app`] (the top: creates the state, listens to the window, shows the page in
//! the address), [`drafts`] (the frame on every page: the draft bar and the notice bar),
//! [`lazy`] (the pages table expanded: what loads on first use, in its own WASM chunk),
//! [`state`] (what the app holds), [`route`] (the pages table, one row a page; page
//! addresses and share links in the fragment) and [`web`] (the browser boundary, the only
//! module that touches web-sys / js-sys / gloo).
//!
//! The pages, each a folder with its components and its print sheets: [`scoring`]
//! (绩效评分, the first screen), [`certify`] (认定条件与申请表, 附表1), [`ranking`] (等次排名),
//! [`compare`] (年度对比), [`materials`] (自评材料), [`review`] (初审 / 评审, 审核表),
//! [`editions`] (评分标准, its editor, edition links, 改用其他版本评分标准…), [`signing`]
//! (签名与名录). What several pages show alike is in [`widgets`].
//!
//! A room names only rooms on a lower floor (`layers`, a native test, holds the table).
//! Only [`route`] is plain Rust and compiled (and tested) natively too.

// The exporter worker's build (`worker`) uses `web` alone: every other module below is
// left out of it (`not(feature = "worker")`), so the worker compiles no page.

// The shell: the top, the frame around every page, the pages' chunks, the state, the
// pages table and addresses, and the browser boundary.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod app;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod drafts;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod lazy;
pub mod route;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod state;
#[cfg(target_arch = "wasm32")]
pub mod web;
// One folder per page: its components and its print sheets.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod certify;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod compare;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod editions;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod materials;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod ranking;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod review;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod scoring;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod signing;
// What several pages share.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod widgets;
// The floors above, checked (a native test).
#[cfg(test)]
mod layers;

/// The text to show in an input for a stored raw value: what the user typed.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
pub(crate) fn raw_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A stored text input: `None` when blank, so that blank stays blank (not "").
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
pub(crate) fn typed(v: String) -> Option<serde_json::Value> {
    (!v.trim().is_empty()).then_some(serde_json::Value::String(v))
}

/// Mounts the app on the page. Not in the exporter worker's build (the `worker` feature):
/// the pages' split points (`lazy`) would keep every page in it.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// Architecture invariant: [`web`] is the only place that touches the browser's APIs
/// (web-sys, js-sys, gloo, wasm-bindgen and its futures). Checked natively, on the text of
/// every source file under `src/`.
#[cfg(test)]
mod boundary {
    use std::path::{Path, PathBuf};

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn only_web_touches_browser_apis() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let allowed = src.join("ui").join("web");
        let mut files = Vec::new();
        sources(&src, &mut files);
        assert!(
            files.contains(&allowed.join("mod.rs")),
            "src/ui/web/mod.rs exists"
        );
        // Spelled in two halves, so that this test does not find itself.
        let crates = [
            concat!("web", "_sys"),
            concat!("js", "_sys"),
            concat!("gloo", "_"),
            concat!("wasm", "_bindgen"),
        ];
        let mut found = Vec::new();
        for file in files.iter().filter(|f| !f.starts_with(&allowed)) {
            let text = std::fs::read_to_string(file).expect("a readable source file");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if crates.iter().any(|c| code.contains(c)) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "browser APIs outside src/ui/web/:\n{}",
            found.join("\n")
        );
    }
}
