//! The web calculator: a thin Leptos layer over the domain.
//!
//! State is one reactive draft and one derived report (a memo of `score_draft`); every
//! change to the draft is saved at once by one effect. Components receive the signals
//! they show and change.

mod certify;
mod cohort;
mod compare;
mod drafts;
mod form;
mod print;
mod summary;
pub mod web;

use crate::domain::{score_draft, Draft, Report};
use crate::store::{Entry, ExternalChange, MemoryBackend, Quarantined, Store};
use leptos::prelude::*;
use web::{AnyBackend, LocalBackend};

/// The text to show in an input for a stored raw value: what the user typed.
pub(crate) fn raw_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Mounts the app on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// Where the draft on screen came from, and whether it is being saved.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    /// Saved to this browser.
    Saved,
    /// The last write failed: the draft is only in memory until export.
    Failed(String),
    /// A draft opened from a share link, not saved until the user asks.
    Preview,
}

/// The page's views. The draft bar and the notices stay above all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// 评分: the rubric form and the score summary.
    Score,
    /// 认定条件与申请表: Arts. 10–13, 17 and 附表1, and the grade outlook.
    Certify,
    /// 等次排名: a cohort of drafts ranked (Arts. 31–32).
    Cohort,
    /// 年度对比: two drafts side by side.
    Compare,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Score, Tab::Certify, Tab::Cohort, Tab::Compare];
    pub fn label_zh(self) -> &'static str {
        match self {
            Tab::Score => "绩效评分",
            Tab::Certify => "认定条件与申请表",
            Tab::Cohort => "等次排名",
            Tab::Compare => "年度对比",
        }
    }
}

/// Which sheet `window.print()` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    /// 得分表.
    Scores,
    /// 附表1 认定申请表.
    Application,
    /// The cohort ranking table.
    Cohort,
}

/// A message at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// The app's state, shared with the components through context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub draft: RwSignal<Draft>,
    pub report: Memo<Option<Report>>,
    pub current: RwSignal<Option<String>>,
    pub entries: RwSignal<Vec<Entry>>,
    pub save: RwSignal<SaveState>,
    pub notice: RwSignal<Option<Notice>>,
    pub quarantined: RwSignal<Vec<Quarantined>>,
    pub store: StoredValue<Store<AnyBackend>>,
    pub tab: RwSignal<Tab>,
    pub sheet: RwSignal<Sheet>,
    /// False when the browser refuses localStorage: drafts then live in memory only, and
    /// every write says so instead of "saved".
    pub persistent: bool,
}

impl AppState {
    /// Prints one sheet: the print stylesheet shows only `.print-sheet[data-sheet=…]`
    /// of the chosen kind.
    /// The dialog waits one task, so that the page has re-rendered with that sheet.
    pub fn print(&self, sheet: Sheet) {
        self.sheet.set(sheet);
        set_timeout(web::print, std::time::Duration::ZERO);
    }

    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error: false,
            text: text.into(),
        }));
    }
    pub fn warn(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            error: true,
            text: text.into(),
        }));
    }

    fn sync_entries(&self) {
        self.entries
            .set(self.store.with_value(|s| s.entries.clone()));
    }

    /// Reports a store write's outcome to the user.
    pub fn after_write(&self, result: Result<(), String>) {
        match result {
            Ok(()) if !self.persistent => self.save.set(SaveState::Failed(
                "浏览器禁用了本地存储，草稿只在本页内存中".into(),
            )),
            Ok(()) => {
                if self.save.get_untracked() != SaveState::Preview {
                    self.save.set(SaveState::Saved);
                }
            }
            Err(e) => self.save.set(SaveState::Failed(e)),
        }
        self.sync_entries();
    }

    /// Runs one write on the store and reports its outcome (see [`AppState::after_write`]).
    pub fn write(&self, f: impl FnOnce(&mut Store<AnyBackend>) -> Result<(), String>) {
        let r = self.store.try_update_value(f).unwrap_or(Ok(()));
        self.after_write(r);
    }

    /// Opens a stored draft; an unreadable one is quarantined and reported.
    pub fn open(&self, id: &str) {
        match self
            .store
            .try_update_value(|s| s.load(id))
            .unwrap_or_else(|| {
                Err(Quarantined {
                    id: id.to_string(),
                    name: String::new(),
                    raw: String::new(),
                    reason: "存储不可用".into(),
                })
            }) {
            Ok(d) => {
                // Leaving a link preview: drop the link, so a reload opens this draft.
                if self.save.get_untracked() == SaveState::Preview {
                    web::clear_fragment();
                }
                self.current.set(Some(id.to_string()));
                self.save.set(SaveState::Saved);
                self.draft.set(d);
                self.write(|s| s.set_current(id));
            }
            Err(q) => {
                self.warn(format!(
                    "草稿“{}”无法读取，已隔离保存（未删除）：{}",
                    q.name, q.reason
                ));
                self.quarantined.update(|list| {
                    if !list.iter().any(|x| x.id == q.id) {
                        list.push(q)
                    }
                });
            }
        }
    }

    /// Adds a draft as a new entry and opens it; never overwrites an existing one.
    pub fn add_and_open(&self, name: &str, draft: &Draft) -> Option<String> {
        let result = self
            .store
            .try_update_value(|s| s.add(name, draft))
            .unwrap_or_else(|| Err("存储不可用".into()));
        match result {
            Ok(id) => {
                self.sync_entries();
                self.open(&id);
                Some(id)
            }
            Err(e) => {
                self.save.set(SaveState::Failed(e.clone()));
                self.warn(format!("无法保存新草稿：{e}。请先导出文件，以免丢失。"));
                None
            }
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (backend, storage_ok) = match LocalBackend::available() {
        Some(b) => (AnyBackend::Local(b), true),
        None => (AnyBackend::Memory(MemoryBackend::default()), false),
    };
    let store = StoredValue::new(Store::open(backend));
    let draft = RwSignal::new(Draft::new("comprehensive-park"));
    let report = Memo::new(move |_| draft.with(|d| score_draft(d).ok()));
    let state = AppState {
        draft,
        report,
        current: RwSignal::new(None),
        entries: RwSignal::new(store.with_value(|s| s.entries.clone())),
        save: RwSignal::new(SaveState::Saved),
        notice: RwSignal::new(None),
        quarantined: RwSignal::new(Vec::new()),
        store,
        tab: RwSignal::new(Tab::Score),
        sheet: RwSignal::new(Sheet::Scores),
        persistent: storage_ok,
    };
    provide_context(state);

    // Open the last draft, or the first readable one, or start a new one.
    let current = store.with_value(|s| s.current());
    let live: Vec<String> = store.with_value(|s| s.live().map(|e| e.id.clone()).collect());
    let mut opened = false;
    for id in current.iter().chain(live.iter()) {
        state.open(id);
        if state.current.get_untracked().as_deref() == Some(id.as_str()) {
            opened = true;
            break;
        }
    }
    if !opened {
        state.add_and_open("新草稿", &Draft::new("comprehensive-park"));
    }

    // A share link in the address opens as a preview.
    drafts::open_fragment(state);
    window_event_listener(leptos::ev::hashchange, move |_| {
        drafts::open_fragment(state)
    });

    // Another tab changed the list or a draft (the `storage` event fires only in the
    // other tabs): follow it, and never lose either side's change.
    window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else { return };
        if key == crate::store::INDEX_KEY {
            store.update_value(|s| s.reload_index());
            state.sync_entries();
            return;
        }
        let Some(id) = state.current.get_untracked() else {
            return;
        };
        if key != format!("{}{id}", crate::store::DRAFT_PREFIX)
            || state.save.get_untracked() == SaveState::Preview
        {
            return;
        }
        let ours = draft.get_untracked();
        let change = store.try_update_value(|s| s.external_change(&id, &ours));
        match change {
            Some(ExternalChange::Adopt(theirs)) => {
                draft.set(theirs);
                state.say("此草稿已在另一个标签页中修改，已显示最新内容。");
            }
            // Theirs is already stored under the draft's id; ours becomes a new draft.
            Some(ExternalChange::Conflict { .. }) => {
                let name = store
                    .with_value(|s| s.entry(&id).map(|e| e.name.clone()))
                    .unwrap_or_default();
                let copy = format!("{name}（本页的修改）");
                if state.add_and_open(&copy, &ours).is_some() {
                    state.warn(format!(
                        "草稿“{name}”同时在另一个标签页中被修改。两份都已保留：另一标签页的修改在“{name}”中，本页的修改已另存为“{copy}”。"
                    ));
                }
            }
            Some(ExternalChange::Unreadable(reason)) => {
                state.warn(format!("另一个标签页写入的草稿内容无法读取（{reason}）。本页内容保持不变，请导出文件备份。"));
            }
            Some(ExternalChange::Same) | None => {}
        }
    });

    // After any print the browser's own print command (Ctrl+P) prints the 得分表 again.
    window_event_listener(leptos::ev::afterprint, move |_| {
        if state.sheet.get_untracked() != Sheet::Scores {
            state.sheet.set(Sheet::Scores);
        }
    });

    // Every change is saved at once (the current id is read untracked: switching drafts
    // sets the id first, then the draft).
    Effect::new(move |_| {
        let d = draft.get();
        if state.save.get_untracked() == SaveState::Preview {
            return;
        }
        if let Some(id) = state.current.get_untracked() {
            state.write(|s| s.save(&id, &d));
        }
    });

    view! {
        <div class="app">
            <header class="top">
                <h1>"重庆市人力资源服务发展平台 绩效评估计算器"</h1>
                <p class="sub">"依据《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）附表2–4 · 全部计算在本机浏览器中完成，数据不上传"</p>
            </header>
            <drafts::NoticeBar/>
            <drafts::DraftBar/>
            <nav class="tabs" aria-label="功能">
                {Tab::ALL.into_iter().map(|t| view! {
                    <button type="button" class="tab" class:active=move || state.tab.get() == t
                        aria-current=move || if state.tab.get() == t { "page" } else { "false" }
                        on:click=move |_| state.tab.set(t)>{t.label_zh()}</button>
                }).collect_view()}
            </nav>
            {move || match state.tab.get() {
                Tab::Score => view! {
                    <div class="layout">
                        <main class="form" id="main">
                            <form::PlatformForm/>
                            <form::IndicatorForm/>
                        </main>
                        <summary::Summary/>
                    </div>
                }.into_any(),
                Tab::Certify => view! { <main class="page" id="main"><certify::CertifyPage/></main> }.into_any(),
                Tab::Cohort => view! { <main class="page" id="main"><cohort::CohortPage/></main> }.into_any(),
                Tab::Compare => view! { <main class="page" id="main"><compare::ComparePage/></main> }.into_any(),
            }}
            <footer class="foot">
                <p>"本工具为辅助计算工具，评估结果以市人力社保局审定为准。带“本工具的解读”标注处为对条文未明确之处的理解。"</p>
            </footer>
        </div>
        // The sheets for window.print(): hidden on screen, the chosen one alone in print.
        <main class="print-area" aria-label="打印内容">
            <print::ScoreSheet/>
            <certify::ApplicationSheet/>
            <cohort::CohortSheet/>
        </main>
    }
}
