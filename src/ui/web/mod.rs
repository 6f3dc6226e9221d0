//! The browser boundary: the only module (this folder) that touches web-sys, js-sys, gloo or
//! wasm-bindgen (the test `only_web_touches_browser_apis` in `ui/mod.rs` keeps it so). The few browser services the app needs: localStorage
//! (through gloo-storage), file download and import, clipboard, confirm, the URL
//! fragment (page addresses, share links), printing, focus, and the date. Nothing here
//! knows the rules.
//!
//! The exporter worker's bridge, both sides, is `export.rs` beside this file.

use crate::store::{Backend, StoreError};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

mod export;
pub use export::*;

/// localStorage, when the browser allows it.
pub struct LocalBackend;

impl LocalBackend {
    /// `None` when storage is disabled (some private modes, policies): the app then keeps
    /// drafts in memory and says so.
    pub fn available() -> Option<LocalBackend> {
        let storage = web_sys::window()?.local_storage().ok().flatten()?;
        // A test write: some browsers expose a storage object that refuses every write.
        storage.set_item(crate::store::PROBE_KEY, "1").ok()?;
        let _ = storage.remove_item(crate::store::PROBE_KEY);
        Some(LocalBackend)
    }
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        LocalStorage::raw().set_item(key, value).map_err(|e| {
            let name = e
                .dyn_ref::<js_sys::Error>()
                .map(|err| String::from(err.name()))
                .unwrap_or_default();
            if name.contains("Quota") {
                StoreError::Full
            } else {
                StoreError::Refused(name)
            }
        })
    }
    fn remove(&mut self, key: &str) {
        let _ = LocalStorage::raw().remove_item(key);
    }
    fn keys(&self) -> Vec<String> {
        let storage = LocalStorage::raw();
        let n = storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }
}

/// Either real storage or, when it is unavailable, memory.
pub enum AnyBackend {
    Local(LocalBackend),
    Memory(crate::store::MemoryBackend),
}

impl Backend for AnyBackend {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            AnyBackend::Local(b) => b.get(key),
            AnyBackend::Memory(b) => b.get(key),
        }
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            AnyBackend::Local(b) => b.set(key, value),
            AnyBackend::Memory(b) => b.set(key, value),
        }
    }
    fn remove(&mut self, key: &str) {
        match self {
            AnyBackend::Local(b) => b.remove(key),
            AnyBackend::Memory(b) => b.remove(key),
        }
    }
    fn keys(&self) -> Vec<String> {
        match self {
            AnyBackend::Local(b) => b.keys(),
            AnyBackend::Memory(b) => b.keys(),
        }
    }
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        offer(file_name, &blob);
    }
}

/// Copies text to the clipboard (best effort: the link is also shown for manual copy).
pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// The URL fragment without '#'.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The page's address without its fragment (works under any sub-path).
pub fn base_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// Sets the fragment (without '#') in place, without reloading or adding history; an
/// empty one leaves the bare page address.
pub fn replace_fragment(fragment: &str) {
    let url = if fragment.is_empty() {
        base_url()
    } else {
        format!("{}#{fragment}", base_url())
    };
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// Goes to a fragment (without '#') as a new history entry: back returns here. The
/// browser then fires `hashchange`.
pub fn go_to_fragment(fragment: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w
            .location()
            .set_hash(if fragment.is_empty() { "/" } else { fragment });
    }
}

/// Asks the user to confirm (the browser's own dialog); false when it cannot ask.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Sets a `<select>`'s shown value back (the event's target), for a change refused.
pub fn reset_select(ev: &leptos::ev::Event, value: &str) {
    if let Some(select) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        select.set_value(value);
    }
}

/// Calls `f` with the key of every `storage` event: another tab wrote localStorage (the
/// event fires only in the other tabs; a `clear()` has no key and is passed over).
pub fn on_storage(f: impl Fn(String) + 'static) {
    leptos::prelude::window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            f(key)
        }
    });
}

/// Selects all the text of the focused input (the event's target).
pub fn select_text(ev: &leptos::ev::FocusEvent) {
    if let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.select()
    }
}

/// Larger files are refused unread: a draft file is a few kilobytes.
pub const MAX_IMPORT_BYTES: f64 = 2_000_000.0;

/// A file the user picked, read as text, or why not.
pub struct PickedFile {
    pub name: String,
    pub text: Result<String, FileError>,
}

/// Why a picked file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileError {
    /// Over [`MAX_IMPORT_BYTES`]: not a draft file.
    TooLarge,
    /// The browser could not read it.
    Unreadable,
}

/// Takes the files picked in an `<input type=file>` (the event's target) and clears the
/// input, so the same file can be picked again; reads each as text (a leading BOM
/// removed) and hands them, in order, to `done` (boxed: one copy of the reading code for
/// every caller). Returns how many were picked.
pub fn read_picked_files(ev: &leptos::ev::Event, done: Box<dyn FnOnce(Vec<PickedFile>)>) -> usize {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return 0;
    };
    let Some(list) = input.files() else { return 0 };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    input.set_value("");
    let n = files.len();
    leptos::task::spawn_local(async move {
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            let text = if file.size() > MAX_IMPORT_BYTES {
                Err(FileError::TooLarge)
            } else {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(t) => {
                        let t = t.as_string().unwrap_or_default();
                        Ok(t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t))
                    }
                    Err(_) => Err(FileError::Unreadable),
                }
            };
            read.push(PickedFile { name, text });
        }
        done(read);
    });
    n
}

/// Today's date on this computer, for the domain's date checks (Art. 17 达成时限, Art. 15
/// 筹建期); the domain never reads a clock itself.
pub fn today() -> crate::domain::date::Date {
    let d = js_sys::Date::new_0();
    crate::domain::date::Date::new(d.get_full_year(), d.get_month() + 1, d.get_date()).unwrap_or(
        crate::domain::date::Date {
            year: 2026,
            month: 1,
            day: 1,
        },
    )
}

/// Today as YYYY-MM-DD (export file names, a review layer's date).
pub fn today_iso() -> String {
    today().to_string()
}

/// Today as 2026年11月26日.
pub fn today_zh() -> String {
    today().zh()
}

/// Sets the 得分表's running head (`--sheet-name`, `--sheet-state` on the root element,
/// read by `@page score-sheet` in style/app.css) as CSS strings, through the CSSOM.
pub fn set_print_head(name: &str, state: &str) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    let style = root.style();
    let _ = style.set_property("--sheet-name", &css_string(name));
    let _ = style.set_property("--sheet-state", &css_string(state));
}

/// A CSS string literal of any text (quotes and backslashes escaped, line breaks dropped).
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Calls `f(true)` when the page starts matching print media (print preview, printing,
/// emulation) and `f(false)` when it stops.
pub fn on_print_media(f: impl Fn(bool) + 'static) {
    use wasm_bindgen::closure::Closure;
    let Some(mql) = web_sys::window().and_then(|w| w.match_media("print").ok().flatten()) else {
        return;
    };
    let list = mql.clone();
    let on_change = Closure::<dyn Fn()>::new(move || f(list.matches()));
    let _ = mql.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_change.forget();
}

/// Moves the keyboard focus to an element.
pub fn focus(el: &web_sys::HtmlElement) {
    let _ = el.focus();
}

/// Scrolls an element into view and focuses its first input.
pub fn jump_to(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = document.get_element_by_id(id) {
        el.scroll_into_view();
        if let Ok(Some(input)) = el.query_selector("input, select, textarea") {
            if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        }
    }
}

/// A small remembered setting (which draft is open for review): `None` forgets it.
pub fn remember(key: &str, value: Option<&str>) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let _ = match value {
        Some(v) => storage.set_item(key, v),
        None => storage.remove_item(key),
    };
}

/// A setting kept by [`remember`].
pub fn recall(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Offers bytes as a file download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &js_sys::Uint8Array) {
    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        offer(file_name, &blob);
    }
}

/// Offers `blob` as a download named `file_name` (a link clicked), for [`download`] and
/// [`download_bytes`].
fn offer(file_name: &str, blob: &web_sys::Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(file_name);
            a.click();
        }
    }
    // Revoked a little later: some browsers start the download after the click returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

/// A file beside index.html as text (`trust.json`, issue 21): `None` when it cannot be
/// fetched or the server says no. The one runtime request to the app's own origin.
pub async fn fetch_text(path: &str) -> Option<String> {
    let window = web_sys::window()?;
    let resp = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(path))
        .await
        .ok()?;
    let resp: web_sys::Response = resp.dyn_into().ok()?;
    if !resp.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(resp.text().ok()?)
        .await
        .ok()?;
    text.as_string()
}

/// The print area (`<main class="print-area">`, `App`): where a sheet that a page builds
/// itself is mounted (`leptos::portal::Portal`), outside the screen layout that print hides.
pub fn print_area() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector("main.print-area")
        .ok()
        .flatten()
}
