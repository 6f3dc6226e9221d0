//! The web app's entry point: mounts the UI (wasm32 only).

#[cfg(target_arch = "wasm32")]
fn main() {
    cqhr::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The web app runs in the browser: build it with `trunk build` (see README). For the command line, use `cqhr`.");
}
