//! The browser's exporter (issue 12): a Web Worker holding the Word and Excel writers,
//! built by Trunk as its own WASM (`data-type="worker"` in index.html) and started by the
//! app only when the user first exports, so the writers (~480 KB gzip) stay out of the
//! app's first load. The message handling is in `cqhr::ui::web::serve_exports`.

#[cfg(target_arch = "wasm32")]
fn main() {
    cqhr::ui::web::serve_exports();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The exporter runs in the browser as a Web Worker; on the command line use \
         `cqhr report … --format docx` or `cqhr score … --format xlsx`."
    );
}
