//! The app's state: one draft signal, its report memo, the store handle and the save
//! status, and the ranking list. Created once by `App`; nothing here draws.
//!
//! Components do not receive this whole struct. Pages and widgets take the few signals
//! they show as props; the two things many of them must *do* travel as narrow contexts,
//! as Leptos's todomvc passes its setter rather than its state:
//!
//! - [`Notify`]: say something in the notice bar (a setter only: no component reads the
//!   notices but the bar itself);
//! - [`Printer`]: print one sheet.
//!
//! - [`Drafts`]: open and switch drafts (the draft bar, the notice bar's preview buttons,
//!   the first visit's choice, a review's copy); its fields are private. From it,
//!   [`Drafts::saving`] is [`Saving`] (the save state, the delayed save, every store write;
//!   its wiring to the page is `saving.rs`, beside the store handle) and [`Drafts::list`]
//!   is [`DraftList`] (the stored drafts as a list: 等次排名, 年度对比, the pickers).

pub mod held;
pub mod placing;
mod reviewing;
mod saving;

/// Which sheet `window.print()` prints: from the pages table (a page's row names its sheet).
pub use crate::ui::route::Sheet;
pub use reviewing::Reviewing;
pub use saving::Saving;

use crate::domain::{score_draft, Draft, Report};
use crate::store::{CohortList, Entry, MemoryBackend, Quarantined, ReadError, Store, StoreError};
use crate::ui::web::{self, AnyBackend, LocalBackend};
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

/// The draft on screen and which stored draft it is: opening and switching (the draft bar,
/// the notice bar, the first visit's choice, a review's copy, another tab's conflict).
/// A context. What is saved and how goes through [`Saving`] ([`Drafts::saving`]); the list
/// through [`DraftList`] ([`Drafts::list`]), the handle the pages that read other stored
/// drafts take.
#[derive(Clone, Copy)]
pub struct Drafts {
    /// The one draft on screen (every page edits this signal).
    draft: RwSignal<Draft>,
    current: RwSignal<Option<String>>,
    quarantined: RwSignal<Vec<Quarantined>>,
    saving: Saving,
    notify: Notify,
    /// Counts the editions that became held (import, link, publish): what lists the held
    /// editions outside the 评分标准 page (改用其他版本评分标准…) tracks it, since the
    /// registry itself is not reactive.
    editions: RwSignal<u32>,
    /// The edition (8-digit fingerprint) the notice asked to move the open draft to: the
    /// draft bar opens the move dialog on it.
    move_to: RwSignal<Option<String>>,
}

impl Drafts {
    /// The one draft on screen (every page edits this signal).
    pub fn draft(self) -> RwSignal<Draft> {
        self.draft
    }

    /// The stored draft on screen's id (`None`: a link preview or none yet), tracked.
    pub fn current(self) -> ReadSignal<Option<String>> {
        self.current.read_only()
    }

    /// Drafts that could not be read, kept aside (the notice bar lists them).
    pub fn quarantined(self) -> ReadSignal<Vec<Quarantined>> {
        self.quarantined.read_only()
    }

    pub fn saving(self) -> Saving {
        self.saving
    }

    pub fn list(self) -> DraftList {
        DraftList {
            draft: self.draft,
            current: self.current,
            saving: self.saving,
        }
    }

    pub fn notify(self) -> Notify {
        self.notify
    }

    /// The held editions changed (an import, a link, a publish).
    pub fn editions_changed(self) {
        self.editions.update(|v| *v += 1);
    }

    /// Tracks the held editions (see [`Drafts::editions_changed`]).
    pub fn track_editions(self) {
        self.editions.track();
    }

    /// The edition the notice asked to move the open draft to (the move dialog reads it).
    pub fn move_to(self) -> RwSignal<Option<String>> {
        self.move_to
    }

    /// See [`Saving::flush`].
    pub fn flush(self) {
        self.saving.flush();
    }

    /// See [`Saving::write`].
    pub fn write(self, f: impl FnOnce(&mut Store<AnyBackend>) -> Result<(), StoreError>) {
        self.saving.write(f);
    }

    /// The live (not deleted) drafts, tracked.
    pub fn live(self) -> Vec<Entry> {
        self.list().live()
    }

    /// A stored draft's name (empty when unknown).
    pub fn name_of(self, id: &str) -> String {
        self.list().name_of(id)
    }

    /// The saving wired to the page (`Saving::wire`), once, by `App`.
    pub fn wire(self) {
        self.saving.wire(self.notify, move |name, d| {
            self.add_and_open(name, d).is_some()
        });
    }

    /// Opens a stored draft; an unreadable one is quarantined and reported. Returns
    /// whether it opened.
    pub fn open(self, id: &str) -> bool {
        // The draft being left keeps what was typed into it last.
        self.flush();
        let loaded = self
            .saving
            .store
            .try_update_value(|s| s.load(id))
            .unwrap_or_else(|| {
                Err(Quarantined {
                    id: id.into(),
                    name: String::new(),
                    raw: String::new(),
                    reason: ReadError::Unavailable,
                    unplaced: false,
                })
            });
        match loaded {
            Ok(d) => {
                // Leaving a link preview: drop the link, so a reload opens this draft.
                if self.saving.is_preview() {
                    crate::ui::route::leave_share();
                }
                self.current.set(Some(id.to_string()));
                self.saving.saved();
                self.draft.set(d);
                self.write(|s| s.set_current(id));
                true
            }
            Err(q) => {
                // It stays closed either way; only the message of a structural error may
                // wait for its place (`placing`: the path reader's chunk), read again then.
                let (store, id) = (self.saving.store, id.to_string());
                placing::word(
                    Some(q),
                    |q| q.as_ref().is_some_and(|q| q.unplaced),
                    move || store.try_with_value(|s| s.peek(&id)).and_then(Result::err),
                    move |q| {
                        if let Some(q) = q {
                            self.quarantine(q);
                        }
                    },
                );
                false
            }
        }
    }

    /// Reports an unreadable draft and lists it among the quarantined ones.
    fn quarantine(self, q: Quarantined) {
        self.notify.warn(format!(
            "草稿“{}”无法读取，已隔离保存（未删除）：{}",
            q.name, q.reason
        ));
        self.quarantined.update(|list| {
            if !list.iter().any(|x| x.id == q.id) {
                list.push(q)
            }
        });
    }

    /// Adds a draft as a new entry and opens it; never overwrites an existing one.
    pub fn add_and_open(self, name: &str, draft: &Draft) -> Option<String> {
        self.flush();
        let result = self
            .saving
            .store
            .try_update_value(|s| s.add(name, draft))
            .unwrap_or(Err(StoreError::Unavailable));
        match result {
            Ok(id) => {
                self.saving.sync_entries();
                self.open(&id);
                Some(id.into())
            }
            Err(e) => {
                self.saving.failed(e.to_string());
                self.notify
                    .warn(format!("无法保存新草稿：{e}。请先导出文件，以免丢失。"));
                None
            }
        }
    }

    /// Shows a draft from a link as a preview: read-only, no stored draft open, not saved
    /// until the user asks ([`Drafts::keep_as`]).
    pub fn preview(self, draft: Draft) {
        self.saving.preview();
        self.current.set(None);
        self.draft.set(draft);
    }

    /// Keeps `draft` as a new stored draft named `name` and opens it. From a link preview,
    /// the preview becomes the user's own draft (the link leaves the address); when the add
    /// fails, the preview stays on screen as it was.
    pub fn keep_as(self, name: &str, draft: &Draft) -> Option<String> {
        let preview = self.saving.is_preview();
        if preview {
            self.saving.saved();
        }
        let id = self.add_and_open(name, draft);
        match (&id, preview) {
            (Some(_), true) => crate::ui::route::leave_share(),
            (None, true) => self.saving.preview(),
            _ => {}
        }
        id
    }
}

/// The stored drafts as a list, for the pages that read other drafts than the one on
/// screen (等次排名, 年度对比, 签名与名录) and the draft pickers.
#[derive(Clone, Copy)]
pub struct DraftList {
    draft: RwSignal<Draft>,
    current: RwSignal<Option<String>>,
    saving: Saving,
}

impl DraftList {
    /// Every entry, deleted ones too, tracked.
    pub fn entries(self) -> ReadSignal<Vec<Entry>> {
        self.saving.entries.read_only()
    }

    /// The live (not deleted) drafts, tracked.
    pub fn live(self) -> Vec<Entry> {
        self.saving
            .entries
            .get()
            .into_iter()
            .filter(|e| !e.deleted)
            .collect()
    }

    /// A stored draft's name (empty when unknown).
    pub fn name_of(self, id: &str) -> String {
        self.saving
            .store
            .with_value(|s| s.entry(id).map(|e| e.name.clone()))
            .unwrap_or_default()
    }

    /// The stored draft on screen's id, tracked.
    pub fn current(self) -> ReadSignal<Option<String>> {
        self.current.read_only()
    }

    /// A stored draft's freshest copy: the one on screen if it is open (tracked), else the
    /// stored one; `Err` with why it cannot be read.
    pub fn read(self, id: &str) -> Result<Draft, ReadError> {
        if self.current.get().as_deref() == Some(id) {
            return Ok(self.draft.get());
        }
        self.saving
            .store
            .with_value(|s| s.peek(id))
            .map_err(|q| q.reason)
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
    /// the page and its print; kept by the store after every change (an effect in `App`),
    /// so that a reload ranks as before.
    pub options: RwSignal<crate::domain::grade::RankOptions>,
}

/// Everything `App` creates at start-up.
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
        let current = RwSignal::new(None);
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
                current,
                quarantined: RwSignal::new(Vec::new()),
                saving: Saving {
                    draft,
                    current,
                    entries: RwSignal::new(store.with_value(|s| s.entries.clone())),
                    status: RwSignal::new(SaveState::Saved),
                    store,
                    persistent,
                    pending: StoredValue::new(None),
                    newer_build: RwSignal::new(false),
                },
                notify,
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
                options: RwSignal::new(store.with_value(|s| s.rank_rules())),
            },
        }
    }
}
