//! The few browser services the app needs: localStorage (through gloo-storage), file
//! download, clipboard, the URL fragment and the date. Nothing here knows the rules.

use crate::store::Backend;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

/// localStorage, when the browser allows it.
pub struct LocalBackend;

impl LocalBackend {
    /// `None` when storage is disabled (some private modes, policies): the app then keeps
    /// drafts in memory and says so.
    pub fn available() -> Option<LocalBackend> {
        let storage = web_sys::window()?.local_storage().ok().flatten()?;
        // A test write: some browsers expose a storage object that refuses every write.
        storage.set_item("cqhr.probe", "1").ok()?;
        let _ = storage.remove_item("cqhr.probe");
        Some(LocalBackend)
    }
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        LocalStorage::raw().set_item(key, value).map_err(|e| {
            let name = e
                .dyn_ref::<js_sys::Error>()
                .map(|err| String::from(err.name()))
                .unwrap_or_default();
            if name.contains("Quota") {
                "浏览器存储空间已满".to_string()
            } else {
                format!("浏览器拒绝写入存储（{name}）")
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
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
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
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(file_name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
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

/// Drops the fragment from the address bar without reloading or adding history.
pub fn clear_fragment() {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&base_url()));
        }
    }
}

/// Today as 2026年11月26日.
pub fn today_zh() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{}年{}月{}日",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
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
