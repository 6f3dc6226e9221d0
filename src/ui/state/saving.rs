//! Saving the draft on screen, beside the store handle (issue 24, item 5): the delayed save
//! and its flush, the save state the page shows, every other write to the store reported
//! the same way, and the wiring that keeps them — the draft saved once typing pauses and at
//! once when the page is hidden or left, another tab's change followed, a newer build's
//! tab respected. Created by [`super::AppState::new`]; `App` calls [`Saving::wire`] once.

use super::{placing, Notify, SaveState};
use crate::domain::Draft;
use crate::store::{Entry, ExternalChange, Store, StoreError};
use crate::ui::web::{self, AnyBackend};
use leptos::prelude::*;

/// What the app says when a newer build is active (issue 22).
pub const NEWER_BUILD_ZH: &str =
    "已有新版本，请刷新：本工具的新版本已在另一个标签页中打开，为免覆盖它写入的内容，本页不再自动保存";

/// How long typing must pause before the draft on screen is written to localStorage.
/// Serialising the whole draft and writing it took a large part of a keystroke's time on
/// a slow phone (issue 10, item 6); nothing waits longer than this, and leaving or hiding
/// the page, and every other store operation, writes it at once ([`Saving::flush`]).
pub const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The store and the save of the draft on screen. Its fields are the state's own; what
/// others need is a method.
#[derive(Clone, Copy)]
pub struct Saving {
    pub(super) draft: RwSignal<Draft>,
    pub(super) current: RwSignal<Option<String>>,
    pub(super) entries: RwSignal<Vec<Entry>>,
    pub(super) status: RwSignal<SaveState>,
    pub(super) store: StoredValue<Store<AnyBackend>>,
    /// False when the browser refuses localStorage: drafts then live in memory only, and
    /// every write says so instead of "saved".
    pub(super) persistent: bool,
    /// The save of the draft on screen waiting for typing to pause ([`Saving::save_soon`]).
    pub(super) pending: StoredValue<Option<TimeoutHandle>>,
    /// A newer build of the app is active in another tab (or was, since this page loaded;
    /// issue 22): this tab then says 已有新版本，请刷新 and no longer saves, so that it
    /// never writes over what the newer build wrote.
    pub(super) newer_build: RwSignal<bool>,
}

impl Saving {
    /// Where the draft on screen came from and whether it is saved (the summary and the
    /// notice bar show it).
    pub fn status(self) -> ReadSignal<SaveState> {
        self.status.read_only()
    }

    /// Whether the draft on screen is a link preview (not saved until asked), untracked.
    pub fn is_preview(self) -> bool {
        self.status.with_untracked(|s| *s == SaveState::Preview)
    }

    /// The draft on screen is a link preview: not saved until the user asks.
    pub fn preview(self) {
        self.status.set(SaveState::Preview);
    }

    /// The draft on screen is a stored draft's (saved as it is typed into).
    pub fn saved(self) {
        self.status.set(SaveState::Saved);
    }

    /// A write failed (or will not be made): said in the bar, with 导出文件.
    pub fn failed(self, why: impl Into<String>) {
        self.status.set(SaveState::Failed(why.into()));
    }

    /// The store itself, for what keeps its own keys through it (the editions, the editor's
    /// work, the ranking list) and reads the list at start.
    pub fn store(self) -> StoredValue<Store<AnyBackend>> {
        self.store
    }

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
        if self.is_preview() {
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
            if self.status.with_untracked(|s| *s != failed) {
                self.status.set(failed);
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

    /// Reports a store write's outcome to the user (the save state is set only when it
    /// changes: an unchanged set would redraw what shows it after every delayed save).
    pub fn after_write(self, result: Result<(), StoreError>) {
        let next = match result {
            Ok(()) if !self.persistent => Some(SaveState::Failed(
                "浏览器禁用了本地存储，草稿只在本页内存中".into(),
            )),
            Ok(()) => (!self.is_preview()).then_some(SaveState::Saved),
            Err(e) => Some(SaveState::Failed(e.to_string())),
        };
        if let Some(next) = next {
            if self.status.with_untracked(|s| *s != next) {
                self.status.set(next);
            }
        }
        self.sync_entries();
    }

    /// Runs one write on the store (after the draft on screen's waiting save) and reports
    /// its outcome (see [`Saving::after_write`]).
    pub fn write(self, f: impl FnOnce(&mut Store<AnyBackend>) -> Result<(), StoreError>) {
        self.flush();
        let r = self.store.try_update_value(f).unwrap_or(Ok(()));
        self.after_write(r);
    }

    /// A newer build is active (issue 22): said once, in the bar of a failed save (with
    /// 导出文件), and nothing is saved any more.
    fn newer_build_seen(self) {
        if !self.newer_build.get_untracked() {
            self.newer_build.set(true);
            self.cancel_pending();
            self.failed(NEWER_BUILD_ZH);
        }
    }

    /// The saving wired to the page, once, by `App`: every change is saved once typing
    /// pauses (`SAVE_DELAY`; the current id is read when writing: switching drafts writes
    /// the one left first, see `Drafts::open`), and at once when the page is hidden or left
    /// (reload, closing the tab, switching apps on a phone). A newer build of the app in
    /// another tab (issue 22) is announced at start (a tab of an older build, e.g. served
    /// offline, learns it at once) and followed through the `storage` event, as is another
    /// tab's change of the list or of the draft on screen: never losing either side's.
    /// `reopen` opens a draft by id (another tab's conflict goes to a new draft).
    pub fn wire(self, notify: Notify, add_and_open: impl Fn(&str, &Draft) -> bool + 'static) {
        let draft = self.draft;
        Effect::new(move |_| {
            draft.track();
            if !self.is_preview() {
                self.save_soon();
            }
        });
        window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        window_event_listener(leptos::ev::beforeunload, move |_| self.flush());
        window_event_listener(leptos::ev::visibilitychange, move |_| self.flush());

        let build = web::build_stamp();
        if let Some(stamp) = &build {
            if self.store.try_update_value(|s| s.announce_build(stamp)) == Some(true) {
                self.newer_build_seen();
            }
        }
        // The `storage` event fires only in the other tabs.
        web::on_storage(move |key| self.other_tab(&key, build.as_deref(), notify, &add_and_open));
    }

    /// Another tab wrote `key`: follow it, and never lose either side's change.
    fn other_tab(
        self,
        key: &str,
        build: Option<&str>,
        notify: Notify,
        add_and_open: &dyn Fn(&str, &Draft) -> bool,
    ) {
        let store = self.store;
        if Store::<AnyBackend>::is_build_key(key) {
            if store.with_value(|s| s.newer_build(build.unwrap_or_default())) {
                self.newer_build_seen();
            }
            return;
        }
        if Store::<AnyBackend>::is_index_key(key) {
            store.update_value(|s| s.reload_index());
            self.sync_entries();
            // The draft on screen deleted (or purged) in another tab (issue 22): said once,
            // and no longer saved into (`Store::save` refuses it: a purge stays purged).
            if let Some(id) = self.current.get_untracked() {
                if !self.is_preview() && store.with_value(|s| s.gone(&id)) {
                    self.cancel_pending();
                    self.failed(StoreError::Gone.to_string());
                }
            }
            return;
        }
        let Some(id) = self.current.get_untracked() else {
            return;
        };
        if !Store::<AnyBackend>::is_draft_key(key, &id) || self.is_preview() {
            return;
        }
        let ours = self.draft.get_untracked();
        match store.try_update_value(|s| s.external_change(&id, &ours)) {
            Some(ExternalChange::Adopt(theirs)) => {
                self.cancel_pending();
                self.draft.set(theirs);
                notify.say("此草稿已在另一个标签页中修改，已显示最新内容。");
            }
            // Theirs is already stored under the draft's id; ours goes to a new draft:
            // never over theirs under this id.
            Some(ExternalChange::Conflict { .. }) => {
                self.cancel_pending();
                let name = store
                    .with_value(|s| s.entry(&id).map(|e| e.name.clone()))
                    .unwrap_or_default();
                let copy = format!("{name}（本页的修改）");
                if add_and_open(&copy, &ours) {
                    notify.warn(format!(
                        "草稿“{name}”同时在另一个标签页中被修改。两份都已保留：另一标签页的修改在“{name}”中，本页的修改已另存为“{copy}”。"
                    ));
                }
            }
            Some(ExternalChange::Purged) => {
                self.cancel_pending();
                self.failed(StoreError::Gone.to_string());
            }
            Some(ExternalChange::Unreadable { error, raw }) => {
                // A structural error's message may wait for its place (`placing`: a chunk).
                let again = error.clone();
                placing::word(
                    error,
                    placing::draft_waits,
                    move || Draft::open_json(&raw).err().unwrap_or(again),
                    move |reason| {
                        notify.warn(format!(
                            "另一个标签页写入的草稿内容无法读取（{reason}）。本页内容保持不变，请导出文件备份。"
                        ))
                    },
                );
            }
            Some(ExternalChange::Same) | None => {}
        }
    }
}
