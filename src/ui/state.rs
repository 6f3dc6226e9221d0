//! The app's state: one draft signal, its report memo, the store handle and the save
//! status, and the ranking list. Created once by [`super::app::App`]; nothing here draws.
//!
//! Components do not receive this whole struct. Pages and widgets take the few signals
//! they show as props; the two things many of them must *do* travel as narrow contexts,
//! as Leptos's todomvc passes its setter rather than its state:
//!
//! - [`Notify`]: say something in the notice bar (a setter only: no component reads the
//!   notices but the bar itself);
//! - [`Printer`]: print one sheet.
//!
//! The draft list ([`Drafts`]) is a context too, for the two widgets that manage drafts
//! (the draft bar and the notice bar's preview buttons) and the pages that read other
//! stored drafts (等次排名, 年度对比).

use super::web::{self, AnyBackend, LocalBackend};
use crate::domain::{score_draft, Draft, Report};
use crate::store::{CohortList, Entry, MemoryBackend, Quarantined, Store, StoreError};
use leptos::prelude::*;

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

/// Which sheet `window.print()` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    /// 得分表.
    Scores,
    /// 附表1 认定申请表.
    Application,
    /// The cohort ranking table.
    Cohort,
    /// 年度对比 (issue 15).
    Compare,
    /// 审核表: every stage side by side (the review screen's Ctrl+P).
    Review,
    /// 自评材料: the 文字报告.
    Report,
    /// 自评材料: the 佐证材料目录.
    Catalogue,
    /// 评分标准: the 调整说明 of the edition being edited (issue 13).
    Edition,
    /// 签名与名录: the 公布 open there, as the website notice (issue 21, Art. 30 (四)).
    Publication,
}

impl Sheet {
    /// What the top print button says on the page that prints this sheet.
    pub fn print_label(self) -> &'static str {
        match self {
            Sheet::Scores => "打印本页（得分表）",
            Sheet::Application => "打印本页（申请表）",
            Sheet::Cohort => "打印本页（排名表）",
            Sheet::Compare => "打印本页（年度对比）",
            Sheet::Review => "打印本页（审核表）",
            Sheet::Report => "打印本页（文字报告）",
            Sheet::Catalogue => "打印本页（佐证材料目录）",
            Sheet::Edition => "打印本页（调整说明）",
            Sheet::Publication => "打印本页（公布）",
        }
    }
}

/// A message at the top of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
    /// An action offered with it: after an edition's import, moving the open draft to it
    /// (the button's words and the edition's 8-digit fingerprint).
    pub offer: Option<(String, String)>,
}

/// Says something in the notice bar. A context holding only the setter: components that
/// report an outcome need not see (nor re-render with) the notices.
#[derive(Clone, Copy)]
pub struct Notify(pub WriteSignal<Option<Notice>>);

impl Notify {
    pub fn say(self, text: impl Into<String>) {
        self.0.set(Some(Notice {
            error: false,
            text: text.into(),
            offer: None,
        }));
    }
    pub fn warn(self, text: impl Into<String>) {
        self.0.set(Some(Notice {
            error: true,
            text: text.into(),
            offer: None,
        }));
    }
    /// Says something and offers to move the open draft to the edition `fingerprint`
    /// (改用…), with the button's words.
    pub fn offer_move(self, text: impl Into<String>, button: String, fingerprint: String) {
        self.0.set(Some(Notice {
            error: false,
            text: text.into(),
            offer: Some((button, fingerprint)),
        }));
    }
}

/// Prints one sheet. A context: the print buttons live on three pages.
#[derive(Clone, Copy)]
pub struct Printer {
    pub sheet: RwSignal<Sheet>,
    /// Whether the print sheets are in the DOM. They are built only for printing (the
    /// print button, `beforeprint`, print media) and dropped after it, so that typing
    /// does not lay them out nor re-render them (issue 10, item 6).
    pub mounted: RwSignal<bool>,
}

impl Printer {
    /// The print stylesheet shows only `.print-sheet[data-sheet=…]` of the chosen kind.
    /// The dialog waits one task, so that the page has re-rendered with that sheet.
    pub fn print(self, sheet: Sheet) {
        self.mounted.set(true);
        self.sheet.set(sheet);
        set_timeout(web::print, std::time::Duration::ZERO);
    }
}

/// The stored drafts, the open one's id and how its saving goes.
#[derive(Clone, Copy)]
pub struct Drafts {
    /// The one draft on screen (every page edits this signal).
    pub draft: RwSignal<Draft>,
    pub current: RwSignal<Option<String>>,
    pub entries: RwSignal<Vec<Entry>>,
    pub save: RwSignal<SaveState>,
    pub quarantined: RwSignal<Vec<Quarantined>>,
    pub store: StoredValue<Store<AnyBackend>>,
    pub notify: Notify,
    /// False when the browser refuses localStorage: drafts then live in memory only, and
    /// every write says so instead of "saved".
    pub persistent: bool,
    /// The save of the draft on screen waiting for typing to pause ([`Drafts::save_soon`]).
    pub pending: StoredValue<Option<TimeoutHandle>>,
    /// A newer build of the app is active in another tab (or was, since this page loaded;
    /// issue 22): this tab then says 已有新版本，请刷新 and no longer saves, so that it
    /// never writes over what the newer build wrote.
    pub newer_build: RwSignal<bool>,
    /// Counts the editions that became held (import, link, publish): what lists the held
    /// editions outside the 评分标准 page (改用其他版本评分标准…) tracks it, since the
    /// registry itself is not reactive.
    pub editions: RwSignal<u32>,
    /// The edition (8-digit fingerprint) the notice asked to move the open draft to: the
    /// draft bar opens the move dialog on it.
    pub move_to: RwSignal<Option<String>>,
}

/// What the app says when a newer build is active (issue 22).
pub const NEWER_BUILD_ZH: &str =
    "已有新版本，请刷新：本工具的新版本已在另一个标签页中打开，为免覆盖它写入的内容，本页不再自动保存";

/// How long typing must pause before the draft on screen is written to localStorage.
/// Serialising the whole draft and writing it took a large part of a keystroke's time on
/// a slow phone (issue 10, item 6); nothing waits longer than this, and leaving or hiding
/// the page, and every other store operation, writes it at once ([`Drafts::flush`]).
pub const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

impl Drafts {
    /// Saves the draft on screen once typing pauses ([`SAVE_DELAY`]); a change before then
    /// restarts the wait.
    pub fn save_soon(self) {
        self.cancel_pending();
        let handle = set_timeout_with_handle(
            move || {
                self.pending.set_value(None);
                self.save_now();
            },
            SAVE_DELAY,
        )
        .ok();
        if handle.is_none() {
            // No timer (never in a browser): save at once rather than never.
            self.save_now();
        }
        self.pending.set_value(handle);
    }

    /// Writes the draft on screen now if its save is waiting: before the page is left or
    /// hidden, before another draft opens, before any other store operation, and before
    /// anything reads the stored copy. Nothing typed is lost to the delay.
    pub fn flush(self) {
        if self.cancel_pending() {
            self.save_now();
        }
    }

    /// Drops a waiting save (another tab's version replaces the draft on screen, or ours
    /// goes to a new draft). Returns whether one was waiting.
    pub fn cancel_pending(self) -> bool {
        match self.pending.try_update_value(Option::take).flatten() {
            Some(handle) => {
                handle.clear();
                true
            }
            None => false,
        }
    }

    /// Writes the draft on screen to its entry (not a link preview's, not one of a newer
    /// format, nothing once a newer build is active).
    fn save_now(self) {
        if self.save.get_untracked() == SaveState::Preview {
            return;
        }
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        // A draft of a newer format is shown read-only and never written (issue 22).
        if self.draft.with_untracked(|d| d.newer().is_some()) {
            return;
        }
        if self.newer_build.get_untracked() {
            let failed = SaveState::Failed(NEWER_BUILD_ZH.into());
            if self.save.with_untracked(|s| *s != failed) {
                self.save.set(failed);
            }
            return;
        }
        // Control and bidi characters typed or pasted are taken out before saving (issue
        // 22: as reading a draft does), and the form shows the cleaned text.
        let mut cleaned = self.draft.get_untracked();
        if cleaned.clean_text() {
            self.draft.set(cleaned);
        }
        let result = self
            .draft
            .with_untracked(|d| self.store.try_update_value(|s| s.save(&id, d)))
            .unwrap_or(Ok(()));
        self.after_write(result);
    }

    /// Shows the store's draft list, if it changed. (Setting it unchanged would redraw the
    /// draft bar, and reset a draft name being typed, whenever a delayed save lands.)
    pub fn sync_entries(self) {
        let now = self.store.with_value(|s| s.entries.clone());
        if self.entries.with_untracked(|e| *e != now) {
            self.entries.set(now);
        }
    }

    /// The live (not deleted) drafts, tracked.
    pub fn live(self) -> Vec<Entry> {
        self.entries
            .get()
            .into_iter()
            .filter(|e| !e.deleted)
            .collect()
    }

    /// A stored draft's name (empty when unknown).
    pub fn name_of(self, id: &str) -> String {
        self.store
            .with_value(|s| s.entry(id).map(|e| e.name.clone()))
            .unwrap_or_default()
    }

    /// Reports a store write's outcome to the user (the save state is set only when it
    /// changes: an unchanged set would redraw what shows it after every delayed save).
    pub fn after_write(self, result: Result<(), StoreError>) {
        let next = match result {
            Ok(()) if !self.persistent => Some(SaveState::Failed(
                "浏览器禁用了本地存储，草稿只在本页内存中".into(),
            )),
            Ok(()) => (self.save.get_untracked() != SaveState::Preview).then_some(SaveState::Saved),
            Err(e) => Some(SaveState::Failed(e.to_string())),
        };
        if let Some(next) = next {
            if self.save.with_untracked(|s| *s != next) {
                self.save.set(next);
            }
        }
        self.sync_entries();
    }

    /// Runs one write on the store (after the draft on screen's waiting save) and reports
    /// its outcome (see [`Drafts::after_write`]).
    pub fn write(self, f: impl FnOnce(&mut Store<AnyBackend>) -> Result<(), StoreError>) {
        self.flush();
        let r = self.store.try_update_value(f).unwrap_or(Ok(()));
        self.after_write(r);
    }

    /// Opens a stored draft; an unreadable one is quarantined and reported. Returns
    /// whether it opened.
    pub fn open(self, id: &str) -> bool {
        // The draft being left keeps what was typed into it last.
        self.flush();
        let loaded = self
            .store
            .try_update_value(|s| s.load(id))
            .unwrap_or_else(|| {
                Err(Quarantined {
                    id: id.to_string(),
                    name: String::new(),
                    raw: String::new(),
                    reason: StoreError::Unavailable.to_string(),
                })
            });
        match loaded {
            Ok(d) => {
                // Leaving a link preview: drop the link, so a reload opens this draft.
                if self.save.get_untracked() == SaveState::Preview {
                    super::route::leave_share();
                }
                self.current.set(Some(id.to_string()));
                self.save.set(SaveState::Saved);
                self.draft.set(d);
                self.write(|s| s.set_current(id));
                true
            }
            Err(q) => {
                self.notify.warn(format!(
                    "草稿“{}”无法读取，已隔离保存（未删除）：{}",
                    q.name, q.reason
                ));
                self.quarantined.update(|list| {
                    if !list.iter().any(|x| x.id == q.id) {
                        list.push(q)
                    }
                });
                false
            }
        }
    }

    /// Adds a draft as a new entry and opens it; never overwrites an existing one.
    pub fn add_and_open(self, name: &str, draft: &Draft) -> Option<String> {
        self.flush();
        let result = self
            .store
            .try_update_value(|s| s.add(name, draft))
            .unwrap_or(Err(StoreError::Unavailable));
        match result {
            Ok(id) => {
                self.sync_entries();
                self.open(&id);
                Some(id)
            }
            Err(e) => {
                self.save.set(SaveState::Failed(e.to_string()));
                self.notify
                    .warn(format!("无法保存新草稿：{e}。请先导出文件，以免丢失。"));
                None
            }
        }
    }
}

/// The ranking list (等次排名) and what could not be added to it.
#[derive(Clone, Copy)]
pub struct Cohort {
    /// Kept by the store after every change (an effect in `App`).
    pub list: RwSignal<CohortList>,
    /// Files and links that could not be read, each with its message (not kept).
    pub errors: RwSignal<Vec<String>>,
    /// The ranking's rules chosen on the page (stage, --strict, Art. 33 reading), read by
    /// the page and its print (not kept: each visit starts on the defaults).
    pub options: RwSignal<crate::domain::grade::RankOptions>,
}

/// Everything [`super::app::App`] creates at start-up.
#[derive(Clone, Copy)]
pub struct AppState {
    pub drafts: Drafts,
    /// The report of the draft on screen (`None` when the draft's rubric is unknown).
    pub report: Memo<Option<Report>>,
    pub notice: RwSignal<Option<Notice>>,
    pub printer: Printer,
    pub cohort: Cohort,
}

impl AppState {
    /// Opens the store (memory when the browser refuses storage) and the signals.
    pub fn new() -> AppState {
        let (backend, persistent) = match LocalBackend::available() {
            Some(b) => (AnyBackend::Local(b), true),
            None => (AnyBackend::Memory(MemoryBackend::default()), false),
        };
        let store = StoredValue::new(Store::open(backend));
        let draft = RwSignal::new(Draft::new("comprehensive-park"));
        let report = Memo::new(move |_| draft.with(|d| score_draft(d).ok()));
        let notice = RwSignal::new(None);
        let notify = Notify(notice.write_only());
        let cohort = match store.try_update_value(|s| s.cohort()) {
            Some(Ok(list)) => list,
            Some(Err(e)) => {
                notify.warn(format!("{e}。"));
                CohortList::default()
            }
            None => CohortList::default(),
        };
        AppState {
            drafts: Drafts {
                draft,
                current: RwSignal::new(None),
                entries: RwSignal::new(store.with_value(|s| s.entries.clone())),
                save: RwSignal::new(SaveState::Saved),
                quarantined: RwSignal::new(Vec::new()),
                store,
                notify,
                persistent,
                pending: StoredValue::new(None),
                newer_build: RwSignal::new(false),
                editions: RwSignal::new(0),
                move_to: RwSignal::new(None),
            },
            report,
            notice,
            printer: Printer {
                sheet: RwSignal::new(Sheet::Scores),
                mounted: RwSignal::new(false),
            },
            cohort: Cohort {
                list: RwSignal::new(cohort),
                errors: RwSignal::new(Vec::new()),
                options: RwSignal::new(Default::default()),
            },
        }
    }
}
