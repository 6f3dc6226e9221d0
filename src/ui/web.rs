//! The browser boundary: the only module that touches web-sys, js-sys or gloo (a check in
//! `scripts/test` keeps it so). The few browser services the app needs: localStorage
//! (through gloo-storage), file download and import, clipboard, confirm, the URL
//! fragment (page addresses, share links), printing, focus, and the date. Nothing here
//! knows the rules.
//!
//! Over 600 lines: every browser call is here by design (the boundary test in `ui/mod.rs`
//! allows the browser crates in this file alone).

use crate::store::{Backend, StoreError};
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
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
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
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
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
    // Revoked a little later: some browsers start the download after the click returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

// ---- The exporter worker (issue 12): the Word and Excel writers live in their own WASM,
// `exporter_bg.wasm` (src/bin/exporter.rs, Trunk `data-type="worker"`), which the app
// starts only when the user first exports. The app posts an [`ExportRequest`] (the draft as
// its own JSON file text) and gets an [`ExportReply`] and the file's bytes back. Rust
// values cross into JavaScript through serde-wasm-bindgen.

/// The app → worker message.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ExportRequest {
    pub id: u32,
    pub kind: crate::export::ExportKind,
    /// The draft, as the JSON of a draft file (`Draft::to_json`).
    pub draft: String,
    /// The trust the app verifies under (issue 21): `trust.json`'s root as JSON and the held
    /// directory's text, so that the 审核表's 签名状态 in the file is the screen's. The
    /// worker installs them for the request (`trust::from_texts`); none: 名录缺失.
    #[serde(default)]
    pub trust: Option<String>,
    #[serde(default)]
    pub directory: Option<String>,
}

/// The worker → app message; the file's bytes travel beside it (`bytes`, a transferred
/// Uint8Array), not through serde.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ExportReply {
    pub id: u32,
    pub file_name: String,
    pub mime: String,
    /// Why the file was not made (in Chinese), when it was not.
    pub error: Option<String>,
}

/// The worker's message when it is ready to take requests (messages posted before its
/// WASM has started would be lost).
const READY: &str = "ready";
/// The worker's loader, beside index.html: named with its build's content hash by
/// scripts/post_build.py, which writes it into index.html's `<meta name="cqhr-exporter">`,
/// so that the app starts the exporter of its own build only (issue 22). Without the meta
/// (a build without the hook), Trunk's own name.
fn exporter_url() -> String {
    meta_content("cqhr-exporter").unwrap_or_else(|| "./exporter_loader.js".into())
}

/// The content of `<meta name=NAME>` in the page, if present and not blank.
fn meta_content(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
        .filter(|c| !c.trim().is_empty())
}

/// This build's stamp (`<meta name="cqhr-build">`, its build time in UTC, written by
/// scripts/post_build.py), to tell an older build from a newer one (issue 22).
pub fn build_stamp() -> Option<String> {
    meta_content("cqhr-build")
}

/// How long an export may take before the app gives up on the worker (and starts a new one
/// on the next click): the first export downloads the exporter (~0.5 MB) and writes the file.
const EXPORT_TIMEOUT_MS: i32 = 30_000;

/// What an export ends with: the file's name, or why no file was made.
type ExportDone = Box<dyn FnOnce(Result<String, ExportFailure>)>;

/// Why an export made no file; said (after 导出失败：) by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailure {
    /// The browser would not start the worker.
    NoWorker,
    /// The worker did not load, or failed while running (`onerror`).
    WorkerFailed,
    /// Its reply cannot be read (a worker of another build).
    UnreadableReply,
    /// It answered without the file's bytes.
    NoFile,
    /// No answer within [`EXPORT_TIMEOUT_MS`].
    TimedOut,
    /// The request could not be packed for the worker (`serde_wasm_bindgen`'s words).
    Request(String),
    /// The worker (or its loader) said why. Its message comes from the other thread as
    /// text (`ExportReply::error`, the loader's `start_error`), already Chinese, so it
    /// stays a `String` inside this variant.
    Said(String),
}

impl std::fmt::Display for ExportFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ExportFailure::NoWorker => "浏览器无法启动导出程序（Web Worker）",
            ExportFailure::WorkerFailed => {
                "导出程序未能加载或运行出错。首次导出需要联网下载导出程序（之后可离线使用），请联网后重试"
            }
            ExportFailure::UnreadableReply => {
                "导出程序的答复无法读取（导出程序与本页面的版本可能不一致），请刷新页面后重试"
            }
            ExportFailure::NoFile => "导出程序没有返回文件内容",
            ExportFailure::TimedOut => {
                "导出超时（30 秒内没有完成）：导出程序可能未能下载或启动。请检查网络或刷新页面后再试一次"
            }
            ExportFailure::Request(why) | ExportFailure::Said(why) => why.as_str(),
        })
    }
}

impl std::error::Error for ExportFailure {}

#[derive(Default)]
struct ExporterState {
    worker: Option<web_sys::Worker>,
    ready: bool,
    next_id: u32,
    /// Requests posted before the worker said it is ready.
    queued: Vec<wasm_bindgen::JsValue>,
    pending: std::collections::HashMap<u32, ExportDone>,
}

thread_local! {
    static EXPORTER: std::cell::RefCell<ExporterState> = std::cell::RefCell::new(ExporterState::default());
}

/// Whether the exporter worker has been started in this page (for tests and the status line).
pub fn exporter_started() -> bool {
    EXPORTER.with(|e| e.borrow().worker.is_some())
}

fn fail_all(why: ExportFailure) {
    let pending: Vec<ExportDone> = EXPORTER.with(|e| {
        let mut e = e.borrow_mut();
        if let Some(w) = e.worker.take() {
            w.terminate();
        }
        e.ready = false;
        e.queued.clear();
        e.pending.drain().map(|(_, f)| f).collect()
    });
    for done in pending {
        done(Err(why.clone()));
    }
}

fn on_exporter_message(ev: web_sys::MessageEvent) {
    let data = ev.data();
    // The loader could not fetch or start the exporter (scripts/post_build.py writes it).
    if let Some(why) = js_sys::Reflect::get(&data, &"start_error".into())
        .ok()
        .and_then(|v| v.as_string())
    {
        fail_all(ExportFailure::Said(why));
        return;
    }
    if data.as_string().as_deref() == Some(READY) {
        let queued = EXPORTER.with(|e| {
            let mut e = e.borrow_mut();
            e.ready = true;
            std::mem::take(&mut e.queued)
        });
        EXPORTER.with(|e| {
            if let Some(w) = &e.borrow().worker {
                for m in &queued {
                    let _ = w.post_message(m);
                }
            }
        });
        return;
    }
    let Ok(reply) = serde_wasm_bindgen::from_value::<ExportReply>(data.clone()) else {
        fail_all(ExportFailure::UnreadableReply);
        return;
    };
    let Some(done) = EXPORTER.with(|e| e.borrow_mut().pending.remove(&reply.id)) else {
        // An answer to no request of ours: the worker could not read one (it says why).
        if let Some(why) = reply.error {
            fail_all(ExportFailure::Said(why));
        }
        return;
    };
    match reply.error {
        Some(e) => done(Err(ExportFailure::Said(e))),
        None => {
            let bytes = js_sys::Reflect::get(&data, &"bytes".into())
                .ok()
                .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok());
            match bytes {
                Some(bytes) => {
                    download_bytes(&reply.file_name, &reply.mime, &bytes);
                    done(Ok(reply.file_name));
                }
                None => done(Err(ExportFailure::NoFile)),
            }
        }
    }
}

fn start_exporter() -> Result<web_sys::Worker, ExportFailure> {
    let worker = web_sys::Worker::new(&exporter_url()).map_err(|_| ExportFailure::NoWorker)?;
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        on_exporter_message,
    );
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(
        |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            fail_all(ExportFailure::WorkerFailed);
        },
    );
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

/// Makes the file of `kind` from the draft (its JSON) in the exporter worker, starting
/// it on first use, and offers it as a download; `done` gets the file's name or why not.
pub fn export_file(kind: crate::export::ExportKind, draft_json: String, done: ExportDone) {
    let started = EXPORTER.with(|e| {
        let mut e = e.borrow_mut();
        if e.worker.is_none() {
            match start_exporter() {
                Ok(w) => {
                    e.worker = Some(w);
                    e.ready = false;
                }
                Err(m) => return Err(m),
            }
        }
        e.next_id = e.next_id.wrapping_add(1);
        Ok(e.next_id)
    });
    let id = match started {
        Ok(id) => id,
        Err(m) => return done(Err(m)),
    };
    let trust = crate::domain::sign::trust::current();
    let request = ExportRequest {
        id,
        kind,
        draft: draft_json,
        trust: trust
            .config
            .as_ref()
            .and_then(|c| serde_json::to_string(c).ok()),
        directory: trust
            .directory
            .is_some()
            .then(|| recall(crate::store::DIRECTORY_KEY))
            .flatten(),
    };
    let message = match serde_wasm_bindgen::to_value(&request) {
        Ok(m) => m,
        Err(e) => return done(Err(ExportFailure::Request(e.to_string()))),
    };
    EXPORTER.with(|e| {
        let mut e = e.borrow_mut();
        e.pending.insert(id, done);
        if e.ready {
            if let Some(w) = &e.worker {
                let _ = w.post_message(&message);
            }
        } else {
            e.queued.push(message);
        }
    });
    // A worker that never answers (a start that failed without a word, a hang): after
    // EXPORT_TIMEOUT_MS the export fails with the reason, the buttons are free again, and
    // the next click starts a new worker.
    let timeout = wasm_bindgen::closure::Closure::once_into_js(move || {
        let waiting = EXPORTER.with(|e| e.borrow().pending.contains_key(&id));
        if waiting {
            fail_all(ExportFailure::TimedOut);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            timeout.unchecked_ref(),
            EXPORT_TIMEOUT_MS,
        );
    }
}

/// The worker's side (src/bin/exporter.rs): answers each [`ExportRequest`] with an
/// [`ExportReply`] and the file's bytes (transferred, not copied).
#[cfg(feature = "export")]
pub fn serve_exports() {
    use wasm_bindgen::JsValue;
    // The 审核表 states each layer's signature: the worker checks as cqhr does (the app's
    // main module installs the check only with its signing chunk).
    crate::domain::review::install_check(crate::domain::review::layer_status_with);
    // And names the place of a draft's structural error as cqhr does (issue 25).
    crate::domain::install_locators();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |ev: web_sys::MessageEvent| {
            let Ok(req) = serde_wasm_bindgen::from_value::<ExportRequest>(ev.data()) else {
                // Said, never ignored (issue 22): the app's request is not one this
                // exporter reads (an app of another build).
                let id = js_sys::Reflect::get(&ev.data(), &JsValue::from_str("id"))
                    .ok()
                    .and_then(|v| v.as_f64())
                    .map_or(0, |n| n as u32);
                let reply = ExportReply {
                    id,
                    file_name: String::new(),
                    mime: String::new(),
                    error: Some(
                        "导出程序无法读取本页面的请求（版本不一致），请刷新页面后重试".into(),
                    ),
                };
                if let Ok(message) = serde_wasm_bindgen::to_value(&reply) {
                    let _ = reply_scope.post_message(&message);
                }
                return;
            };
            crate::domain::sign::trust::install(crate::domain::sign::trust::from_texts(
                req.trust.as_deref(),
                req.directory.as_deref(),
            ));
            let made = if req.kind == crate::export::ExportKind::RankXlsx {
                crate::export::export_ranking(&req.draft).map_err(|e| e.to_string())
            } else {
                crate::domain::Draft::open_json(&req.draft)
                    .map_err(|e| format!("草稿无法读取：{e}"))
                    .and_then(|d| {
                        let name = req.kind.file_name(&d);
                        crate::export::export_draft(&d, req.kind)
                            .map(|bytes| (name, bytes))
                            .map_err(|e| e.to_string())
                    })
            };
            let (reply, bytes) = match made {
                Ok((file_name, bytes)) => (
                    ExportReply {
                        id: req.id,
                        file_name,
                        mime: req.kind.mime().into(),
                        error: None,
                    },
                    Some(js_sys::Uint8Array::from(bytes.as_slice())),
                ),
                Err(e) => (
                    ExportReply {
                        id: req.id,
                        file_name: String::new(),
                        mime: String::new(),
                        error: Some(e),
                    },
                    None,
                ),
            };
            let Ok(message) = serde_wasm_bindgen::to_value(&reply) else {
                return;
            };
            let transfer = js_sys::Array::new();
            if let Some(b) = &bytes {
                let _ = js_sys::Reflect::set(&message, &JsValue::from_str("bytes"), b);
                transfer.push(&b.buffer());
            }
            let _ = reply_scope.post_message_with_transfer(&message, &transfer);
        },
    );
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
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
