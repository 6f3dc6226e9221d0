//! The web calculator: a thin Leptos layer over the domain.
//!
//! - [`app`]: the top — `App` lays out the page and wires the state to the browser;
//! - [`lazy`]: the pages and sheets other than 绩效评分's, loaded on first use (their own
//!   WASM chunks: `scripts/split_build.py`);
//! - [`state`]: the one draft signal, its report memo, the store handle, the save status;
//! - [`route`]: page addresses (`#/certify` …) and share links in the fragment;
//! - [`web`]: the browser boundary, the only module that touches web-sys / js-sys / gloo;
//! - the pages and widgets: [`form`] and [`summary`] (绩效评分), [`certify`], [`cohort`],
//!   [`compare`], [`editions`] (评分标准: [`edition_editor`] its editor and 调整说明,
//!   [`edition_link`] edition links and a draft's missing edition, [`move_edition`]
//!   改用其他版本评分标准…), [`drafts`] (the draft bar and the notice bar), [`print`] (得分表),
//!   [`review`] (the reviewer's screen, 初审 / 评审) and [`review_sheet`] (审核表),
//!   [`submission`] (自评材料: 文字报告, 佐证材料目录, Word and Excel export).
//!
//! Only [`route`] is plain Rust and compiled (and tested) natively too.

// The exporter worker's build (`worker`) uses `web` alone: every other module below is
// left out of it (`not(feature = "worker")`), so the worker compiles no page.

#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod app;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod application;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod certify;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod cohort;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod compare;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod drafts;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod edition_editor;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod edition_link;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod editions;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod form;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod lazy;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod materials;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod move_edition;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod outlook;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod print;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod relief;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod review;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod review_sheet;
pub mod route;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod signing;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod start;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod state;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod submission;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod summary;
#[cfg(target_arch = "wasm32")]
pub mod web;

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
    fn only_web_rs_touches_browser_apis() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let allowed = src.join("ui").join("web.rs");
        let mut files = Vec::new();
        sources(&src, &mut files);
        assert!(files.contains(&allowed), "src/ui/web.rs exists");
        // Spelled in two halves, so that this test does not find itself.
        let crates = [
            concat!("web", "_sys"),
            concat!("js", "_sys"),
            concat!("gloo", "_"),
            concat!("wasm", "_bindgen"),
        ];
        let mut found = Vec::new();
        for file in files.iter().filter(|f| **f != allowed) {
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
            "browser APIs outside src/ui/web.rs:\n{}",
            found.join("\n")
        );
    }
}
