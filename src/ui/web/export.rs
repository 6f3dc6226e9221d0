//! The exporter worker's bridge (issue 12): the Word and Excel writers live in their own
//! WASM, `exporter_bg.wasm` (src/bin/exporter.rs, Trunk `data-type="worker"`), which the app
//! starts only when the user first exports. The app posts an [`ExportRequest`] (the draft as
//! its own JSON file text) and gets an [`ExportReply`] and the file's bytes back. Rust
//! values cross into JavaScript through serde-wasm-bindgen. Both sides are here: the app's
//! ([`export_file`]) and the worker's ([`serve_exports`]). Part of the browser boundary
//! (`ui/web/`), re-exported by it.

use super::*;

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
