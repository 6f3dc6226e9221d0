//! Named drafts and the ranking list, kept in a key–value store (the browser's
//! localStorage in the app, a map in tests). Plain Rust: the browser only supplies a
//! [`Backend`]; nothing outside this module reads or writes a key.
//!
//! # Key space
//!
//! - `cqhr.index` ([`INDEX_KEY`]): the list of drafts: id, name, rubric, deleted flag
//! - `cqhr.index.broken`: an unreadable list's raw text, kept aside when the list is
//!   rebuilt
//! - `cqhr.draft.<id>` ([`DRAFT_PREFIX`]): each draft's JSON (draft format)
//! - `cqhr.current`: the open draft's id
//! - `cqhr.cohort`: the ranking list (等次排名) as JSON: [`CohortList`]
//! - `cqhr.cohort.broken`: an unreadable ranking list's raw text, kept aside
//! - `cqhr.cohort.rules`: the ranking's rules chosen on 等次排名 (stage, Art. 33 reading,
//!   从严) as `stage=…;district=…;strict=…` (`domain::grade::RankOptions`); apart from the list, so that a tab of an
//!   older build, which rewrites the list, never drops them
//! - `cqhr.edition.<fingerprint>` ([`EDITION_PREFIX`]): an imported edition (issue 13): one
//!   rubric's JSON, the same as `rubrics/<edition>/<id>.json`, under its 16-digit fingerprint
//!   (`domain::edition::fingerprint`); read back and checked at start-up, beside the bundled
//!   rubrics
//! - `cqhr.issue.<fingerprint>` ([`ISSUE_PREFIX`]): an edition's 签发单 (issue 21 item 7) as
//!   imported, beside the edition it signs
//! - `cqhr.editor.work`: the edition editor's work in progress (issue 13, 评分标准 → 编辑新版):
//!   `domain::edition::edit::Work` as JSON, kept after every edit so that a reload keeps it
//! - `cqhr.probe` ([`PROBE_KEY`]): written and removed once at start-up to test that
//!   storage works (`ui::web`)
//! - `cqhr.reviewing.<id>` ([`reviewing_key`]): the stage a review draft is being reviewed
//!   at (`ui::review`), so a reload stays in the review
//! - `cqhr.build`: the newest build of the app any tab has run: its stamp (build time, UTC,
//!   `YYYYMMDDTHHMMSSZ`); a tab of an older build stops saving (issue 22,
//!   [`Store::announce_build`])
//! - `cqhr.keys` ([`KEYS_KEY`]), `cqhr.directory` ([`DIRECTORY_KEY`]): issue 21
//!   (`ui::signing::held`): the signing key files, each private key sealed under its
//!   passphrase (never in clear); the 审核人名录 file as imported, re-verified against
//!   `trust.json`'s root at start-up
//!
//! A draft that cannot be read is quarantined: reported and left untouched, never
//! deleted or overwritten, and the other drafts still open.
//!
//! Over 600 lines: one `Store` and every key it owns, which is the point (nothing else names a
//! key); the ranking list's types are `store/cohort.rs`, its tests `store/tests.rs`.

use crate::domain::grade::RankOptions;
use crate::domain::Draft;
use serde::{Deserialize, Serialize};

/// The list of drafts. The UI compares a `storage` event's key with it (another tab
/// changed the list); see [`Store::is_index_key`].
const INDEX_KEY: &str = "cqhr.index";
const INDEX_BROKEN_KEY: &str = "cqhr.index.broken";
const CURRENT_KEY: &str = "cqhr.current";
/// Each draft's key is this prefix and its id.
const DRAFT_PREFIX: &str = "cqhr.draft.";
const COHORT_KEY: &str = "cqhr.cohort";
const COHORT_BROKEN_KEY: &str = "cqhr.cohort.broken";
const RANK_RULES_KEY: &str = "cqhr.cohort.rules";
/// Each imported edition's key is this prefix and the rubric's 16-digit fingerprint.
pub const EDITION_PREFIX: &str = "cqhr.edition.";
/// Each edition's 签发单 is kept under this prefix and the edition's 16-digit fingerprint
/// (not under [`EDITION_PREFIX`]: `editions` lists rubrics only).
pub const ISSUE_PREFIX: &str = "cqhr.issue.";
/// The edition editor's work in progress (one at a time).
const EDITOR_WORK_KEY: &str = "cqhr.editor.work";
/// Written and removed once at start-up by `ui::web` to test that storage takes writes.
pub const PROBE_KEY: &str = "cqhr.probe";
/// The signing key files (issue 21, `ui::signing::held`), each private key sealed.
pub const KEYS_KEY: &str = "cqhr.keys";
/// The 审核人名录 file as imported (issue 21, `ui::signing::held`).
pub const DIRECTORY_KEY: &str = "cqhr.directory";
/// Each review draft's stage under review is kept under this prefix and the draft's id.
const REVIEWING_PREFIX: &str = "cqhr.reviewing.";

/// The key under which `ui::review` keeps the stage draft `id` is being reviewed at.
pub fn reviewing_key(id: &str) -> String {
    format!("{REVIEWING_PREFIX}{id}")
}

/// The newest build's stamp.
const BUILD_KEY: &str = "cqhr.build";

/// Whether `s` is a build stamp (`YYYYMMDDTHHMMSSZ`): stamps of that form order as text.
fn is_stamp(s: &str) -> bool {
    s.len() == 16
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            15 => b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// Why the store could not do what was asked. Shown to the user as it is (Chinese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage quota is used up.
    Full,
    /// The browser refused the write; the name of its exception (e.g. `SecurityError`).
    Refused(String),
    /// The store itself is gone (the page is being torn down).
    Unavailable,
    /// A stored draft could not be read (for [`Store::duplicate`]); why.
    Unreadable(ReadError),
    /// The kept ranking list could not be read; its raw text is kept under
    /// `cqhr.cohort.broken` and the list starts empty.
    CohortUnreadable,
    /// The draft was made by a newer version (its format): this version never writes it.
    Newer(u32),
    /// The draft was deleted (or purged) in another tab: this tab no longer writes it, so
    /// that a purge stays purged.
    Gone,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Full => f.write_str("浏览器存储空间已满"),
            StoreError::Refused(name) => write!(f, "浏览器拒绝写入存储（{name}）"),
            StoreError::Unavailable => f.write_str("存储不可用"),
            StoreError::Unreadable(why) => std::fmt::Display::fmt(why, f),
            StoreError::CohortUnreadable => f.write_str(
                "之前保存的排名列表无法读取，已原样另存（cqhr.cohort.broken），当前列表从空开始",
            ),
            StoreError::Newer(format) => f.write_str(&Draft::newer_message_zh(*format)),
            StoreError::Gone => f.write_str("此草稿已在另一个标签页中删除，本页不再保存到它"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Where the store keeps its text. A failed write (quota full, storage disabled) is an
/// error the user must see, never silence.
pub trait Backend {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    /// Every key present (to find the drafts again when the list is lost).
    fn keys(&self) -> Vec<String>;
}

use cohort::{rank_rules_text, read_rank_rules};
pub use cohort::{CohortItem, CohortList};
pub use draft_id::DraftId;

/// One draft in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: DraftId,
    pub name: String,
    pub rubric: String,
    /// Deleted drafts stay recoverable until purged.
    #[serde(default)]
    pub deleted: bool,
    /// The name is the app's placeholder (新草稿) or the platform's name, not one the user
    /// chose: it follows the platform's name as that is filled in (issue 15). A rename by
    /// the user clears it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto_name: bool,
}

/// The names the app gives a draft before its platform is named.
pub const PLACEHOLDER_NAMES: &[&str] = &["新草稿", "未命名草稿"];

/// Whether `name` is a placeholder, possibly numbered ("新草稿 (2)").
pub fn is_placeholder(name: &str) -> bool {
    PLACEHOLDER_NAMES.iter().any(|p| {
        name == *p
            || name
                .strip_prefix(p)
                .and_then(|r| r.strip_prefix(" ("))
                .and_then(|r| r.strip_suffix(')'))
                .is_some_and(|n| n.parse::<u32>().is_ok())
    })
}

/// A stored draft that could not be read, kept as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarantined {
    pub id: DraftId,
    pub name: String,
    pub raw: String,
    pub reason: ReadError,
    /// The draft does not read for its structure, found before the place could be named
    /// (`DraftErrorKind::Unplaced`: the web app's path reader is a chunk, issue 25):
    /// `reason` says what is wrong, not yet where; the app reads again once it is in.
    pub unplaced: bool,
}

/// Why a stored draft does not open ([`Store::peek`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing is stored under its key.
    Missing,
    /// The store itself is gone (the page is being torn down).
    Unavailable,
    /// The draft reader refused its text (`Draft::open_json`, `Draft::readable`).
    Draft(crate::domain::DraftError),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("存储中找不到该草稿"),
            ReadError::Unavailable => std::fmt::Display::fmt(&StoreError::Unavailable, f),
            ReadError::Draft(e) => std::fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for ReadError {}

pub struct Store<B: Backend> {
    backend: B,
    pub entries: Vec<Entry>,
    /// The text last written or read for each draft: what "no unsaved change" means when
    /// another tab writes the same draft.
    saved: std::collections::BTreeMap<String, String>,
}

/// What to do when another tab has written a draft this tab has open.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalChange {
    /// Nothing to do: the stored text is what this tab has.
    Same,
    /// This tab had no unsaved change: show the other tab's version.
    Adopt(Draft),
    /// Both changed it: keep the stored (other tab's) version under its id and this
    /// tab's version as a new draft, and say so.
    Conflict { theirs: Draft },
    /// The other tab wrote something unreadable: keep ours. Why, and the text as stored
    /// (read again to name a structural error's place once it can be: `ui::state::placing`).
    Unreadable {
        error: crate::domain::DraftError,
        raw: String,
    },
    /// The other tab purged the draft (彻底删除): say so; [`Store::save`] refuses it from
    /// now on ([`StoreError::Gone`]).
    Purged,
}

impl<B: Backend> Store<B> {
    /// Opens the store. An unreadable index is rebuilt from nothing only after saving its
    /// raw text aside under `cqhr.index.broken`, so nothing is lost.
    pub fn open(mut backend: B) -> Store<B> {
        let (entries, rebuild) = match backend.get(INDEX_KEY) {
            None => (Vec::new(), false),
            Some(raw) => match serde_json::from_str::<Vec<Entry>>(&raw) {
                Ok(e) => (e, false),
                Err(_) => {
                    let _ = backend.set(INDEX_BROKEN_KEY, &raw);
                    (Vec::new(), true)
                }
            },
        };
        let mut store = Store {
            backend,
            entries,
            saved: Default::default(),
        };
        // Drafts are stored apart from the list: an unreadable list loses none of them.
        // Every stored draft the list does not name is listed again (an unreadable one
        // under its id, to be quarantined when opened).
        let mut orphans: Vec<String> = store
            .backend
            .keys()
            .into_iter()
            .filter_map(|k| k.strip_prefix(DRAFT_PREFIX).map(str::to_string))
            .filter(|id| store.entry(id).is_none())
            .collect();
        orphans.sort_by_key(|id| (id.len(), id.clone()));
        for id in &orphans {
            let (name, rubric) = match store.peek(id) {
                Ok(d) if !d.platform.name.trim().is_empty() => {
                    (d.platform.name.trim().to_string(), d.rubric)
                }
                Ok(d) => (format!("恢复的草稿 {id}"), d.rubric),
                Err(_) => (format!("无法读取的草稿 {id}"), String::new()),
            };
            let name = store.unique_name(&name);
            store.entries.push(Entry {
                id: DraftId(id.clone()),
                name,
                rubric,
                deleted: false,
                auto_name: false,
            });
        }
        if rebuild || !orphans.is_empty() {
            let _ = store.write_index();
        }
        store
    }

    /// Announces this build (its stamp, see [`BUILD_KEY`]) and says whether a newer one has
    /// been run in this browser: then this tab must not save (issue 22). The newest stamp
    /// is kept; an older or unreadable one is replaced by ours.
    pub fn announce_build(&mut self, ours: &str) -> bool {
        if self.newer_build(ours) {
            return true;
        }
        if is_stamp(ours) && self.backend.get(BUILD_KEY).as_deref() != Some(ours) {
            let _ = self.backend.set(BUILD_KEY, ours);
        }
        false
    }

    /// Whether a newer build than `ours` has announced itself.
    pub fn newer_build(&self, ours: &str) -> bool {
        match self.backend.get(BUILD_KEY) {
            Some(newest) => is_stamp(&newest) && is_stamp(ours) && newest.as_str() > ours,
            None => false,
        }
    }

    /// Whether a changed key is the newest build's stamp.
    pub fn is_build_key(key: &str) -> bool {
        key == BUILD_KEY
    }

    /// Whether a changed key (the `storage` event's) is the list of drafts.
    pub fn is_index_key(key: &str) -> bool {
        key == INDEX_KEY
    }

    /// Whether a changed key is draft `id`'s.
    pub fn is_draft_key(key: &str, id: &str) -> bool {
        key.strip_prefix(DRAFT_PREFIX) == Some(id)
    }

    /// Reads the kept ranking list (empty when none is kept). An unreadable one is kept
    /// aside under `cqhr.cohort.broken`, untouched, and reported as
    /// [`StoreError::CohortUnreadable`]; the list then starts empty.
    pub fn cohort(&mut self) -> Result<CohortList, StoreError> {
        let Some(raw) = self.backend.get(COHORT_KEY) else {
            return Ok(CohortList::default());
        };
        serde_json::from_str(&raw).map_err(|_| {
            let _ = self.backend.set(COHORT_BROKEN_KEY, &raw);
            StoreError::CohortUnreadable
        })
    }

    /// Keeps the ranking list (after every change).
    pub fn keep_cohort(&mut self, list: &CohortList) -> Result<(), StoreError> {
        let json = serde_json::to_string(list).unwrap_or_default();
        self.backend.set(COHORT_KEY, &json)
    }

    /// The ranking's rules last chosen on 等次排名 (the defaults when none are kept, or
    /// when what is kept cannot be read: rules of a newer build's making, say; its own
    /// write then replaces them).
    pub fn rank_rules(&self) -> RankOptions {
        self.backend
            .get(RANK_RULES_KEY)
            .map(|raw| read_rank_rules(&raw))
            .unwrap_or_default()
    }

    /// Keeps the ranking's rules (after every change on 等次排名).
    pub fn keep_rank_rules(&mut self, rules: &RankOptions) -> Result<(), StoreError> {
        self.backend.set(RANK_RULES_KEY, &rank_rules_text(rules))
    }

    /// The imported editions kept (issue 13): (fingerprint, the rubric's JSON), sorted by
    /// fingerprint. The caller checks each with `domain::edition::parse`.
    pub fn editions(&self) -> Vec<(String, String)> {
        let mut keys: Vec<String> = self
            .backend
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(EDITION_PREFIX))
            .collect();
        keys.sort();
        keys.into_iter()
            .filter_map(|k| {
                let text = self.backend.get(&k)?;
                Some((k[EDITION_PREFIX.len()..].to_string(), text))
            })
            .collect()
    }

    /// Keeps an imported rubric under its fingerprint (writing the same one twice is a no-op).
    pub fn keep_edition(&mut self, fingerprint: &str, json: &str) -> Result<(), StoreError> {
        let key = format!("{EDITION_PREFIX}{fingerprint}");
        if self.backend.get(&key).as_deref() == Some(json) {
            return Ok(());
        }
        self.backend.set(&key, json)
    }

    /// The 签发单 kept for the edition `fingerprint` (16 digits), as imported; the caller
    /// reads and verifies it (`domain::edition::issuer`).
    pub fn edition_issue(&self, fingerprint: &str) -> Option<String> {
        self.backend.get(&format!("{ISSUE_PREFIX}{fingerprint}"))
    }

    /// Keeps an edition's 签发单 beside it (a newer one replaces the one kept).
    pub fn keep_edition_issue(&mut self, fingerprint: &str, json: &str) -> Result<(), StoreError> {
        let key = format!("{ISSUE_PREFIX}{fingerprint}");
        if self.backend.get(&key).as_deref() == Some(json) {
            return Ok(());
        }
        self.backend.set(&key, json)
    }

    /// The edition editor's work in progress, as kept (the caller reads it as
    /// `domain::edition::edit::Work`; an unreadable one is dropped by the caller).
    pub fn editor_work(&self) -> Option<String> {
        self.backend.get(EDITOR_WORK_KEY)
    }

    /// Keeps the edition editor's work in progress (after every edit).
    pub fn keep_editor_work(&mut self, json: &str) -> Result<(), StoreError> {
        self.backend.set(EDITOR_WORK_KEY, json)
    }

    /// Forgets the edition editor's work in progress (discarded by the user).
    pub fn forget_editor_work(&mut self) {
        self.backend.remove(EDITOR_WORK_KEY);
    }

    /// Forgets an imported rubric.
    pub fn forget_edition(&mut self, fingerprint: &str) {
        self.backend
            .remove(&format!("{EDITION_PREFIX}{fingerprint}"));
        self.backend.remove(&format!("{ISSUE_PREFIX}{fingerprint}"));
    }

    /// Re-reads the list after another tab changed it (the `storage` event).
    pub fn reload_index(&mut self) {
        if let Some(raw) = self.backend.get(INDEX_KEY) {
            if let Ok(e) = serde_json::from_str::<Vec<Entry>>(&raw) {
                self.entries = e;
            }
        }
    }

    /// Decides how to take another tab's write of draft `id`, given this tab's draft.
    pub fn external_change(&mut self, id: &str, ours: &Draft) -> ExternalChange {
        let Some(raw) = self.backend.get(&draft_key(id)) else {
            return ExternalChange::Purged;
        };
        let ours_json = ours.to_json();
        if raw == ours_json {
            self.saved.insert(id.to_string(), raw);
            return ExternalChange::Same;
        }
        let theirs = match Draft::open_json(&raw) {
            Ok(d) => d,
            Err(error) => return ExternalChange::Unreadable { error, raw },
        };
        let unsaved_here = self.saved.get(id).is_some_and(|last| *last != ours_json);
        self.saved.insert(id.to_string(), raw);
        if unsaved_here {
            ExternalChange::Conflict { theirs }
        } else {
            ExternalChange::Adopt(theirs)
        }
    }

    fn write_index(&mut self) -> Result<(), StoreError> {
        let text = serde_json::to_string(&self.entries).unwrap_or_else(|_| "[]".into());
        self.backend.set(INDEX_KEY, &text)
    }

    /// The drafts not deleted, in creation order.
    pub fn live(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.deleted)
    }

    pub fn deleted(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.deleted)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    fn fresh_id(&self) -> DraftId {
        let mut n = self.entries.len() + 1;
        loop {
            let id = format!("d{n}");
            if self.entry(&id).is_none() && self.backend.get(&draft_key(&id)).is_none() {
                return DraftId(id);
            }
            n += 1;
        }
    }

    /// A name not yet used by a live draft: "name", then "name (2)", "name (3)"…
    pub fn unique_name(&self, name: &str) -> String {
        let name = if name.trim().is_empty() {
            "未命名草稿"
        } else {
            name.trim()
        };
        if !self.live().any(|e| e.name == name) {
            return name.to_string();
        }
        (2..)
            .map(|n| format!("{name} ({n})"))
            .find(|c| !self.live().any(|e| &e.name == c))
            .unwrap_or_default()
    }

    /// Adds a draft under a new id and a unique name; never overwrites an existing one.
    pub fn add(&mut self, name: &str, draft: &Draft) -> Result<DraftId, StoreError> {
        if let Some(format) = draft.newer() {
            return Err(StoreError::Newer(format));
        }
        let id = self.fresh_id();
        let name = self.unique_name(name);
        self.backend.set(&draft_key(&id), &draft.to_json())?;
        let auto_name = is_placeholder(&name);
        self.entries.push(Entry {
            id: id.clone(),
            name,
            rubric: draft.rubric.clone(),
            deleted: false,
            auto_name,
        });
        // A draft added with a platform name already filled in takes it.
        self.follow_platform_name(&id, draft)?;
        self.write_index()?;
        Ok(id)
    }

    /// A draft not named by the user is named after its platform once that is filled in
    /// ("测试产业园", or "测试产业园 (2)" beside another draft of that name).
    fn follow_platform_name(&mut self, id: &str, draft: &Draft) -> Result<(), StoreError> {
        let platform = draft.platform.name.trim();
        let Some(e) = self.entries.iter().find(|e| e.id == id) else {
            return Ok(());
        };
        let auto = e.auto_name || is_placeholder(&e.name);
        if !auto || platform.is_empty() || e.name == platform {
            return Ok(());
        }
        let taken = self.live().any(|o| o.id != id && o.name == platform);
        let name = if taken {
            (2..)
                .map(|n| format!("{platform} ({n})"))
                .find(|c| !self.live().any(|o| o.id != id && &o.name == c))
                .unwrap_or_default()
        } else {
            platform.to_string()
        };
        if e.name == name {
            return Ok(());
        }
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.name = name;
            e.auto_name = true;
        }
        self.write_index()
    }

    /// Whether draft `id` was deleted or purged, by the list as stored now (another tab may
    /// have changed it since this one read it). An unreadable list says nothing.
    pub fn gone(&self, id: &str) -> bool {
        let Some(raw) = self.backend.get(INDEX_KEY) else {
            return self.entry(id).is_none_or(|e| e.deleted);
        };
        match serde_json::from_str::<Vec<Entry>>(&raw) {
            Ok(list) => list.iter().find(|e| e.id == id).is_none_or(|e| e.deleted),
            Err(_) => false,
        }
    }

    /// Saves a draft's current state (and names it after its platform, see
    /// `follow_platform_name`). Refuses a draft of a newer format ([`StoreError::Newer`]:
    /// this version would lose what it does not know of it) and a draft deleted or purged
    /// meanwhile, here or in another tab ([`StoreError::Gone`]: a purge stays purged).
    pub fn save(&mut self, id: &str, draft: &Draft) -> Result<(), StoreError> {
        if let Some(format) = draft.newer() {
            return Err(StoreError::Newer(format));
        }
        if self.gone(id) {
            return Err(StoreError::Gone);
        }
        self.backend.set(&draft_key(id), &draft.to_json())?;
        self.follow_platform_name(id, draft)?;
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            if e.rubric != draft.rubric {
                e.rubric = draft.rubric.clone();
                return self.write_index();
            }
        }
        Ok(())
    }

    /// Reads a draft; an unreadable one is reported with its raw text, untouched.
    // A quarantined draft carries its raw text, by design: returned once, never kept in a loop.
    #[allow(clippy::result_large_err)]
    pub fn load(&mut self, id: &str) -> Result<Draft, Quarantined> {
        let result = self.peek(id);
        if let Ok(d) = &result {
            self.saved.insert(id.to_string(), d.to_json());
        }
        result
    }

    /// Reads a draft without marking it as this tab's.
    // A quarantined draft carries its raw text, by design: returned once, never kept in a loop.
    #[allow(clippy::result_large_err)]
    pub fn peek(&self, id: &str) -> Result<Draft, Quarantined> {
        let name = self.entry(id).map(|e| e.name.clone()).unwrap_or_default();
        let key = draft_key(id);
        let Some(raw) = self.backend.get(&key) else {
            return Err(Quarantined {
                id: id.into(),
                name,
                raw: String::new(),
                reason: ReadError::Missing,
                unplaced: false,
            });
        };
        // A draft naming an edition not held opens (it scores nothing and says so); one of a
        // newer format opens read-only (`Draft::newer`, never saved).
        match Draft::open_json(&raw).and_then(Draft::readable) {
            Ok(d) => Ok(d),
            Err(e) => Err(Quarantined {
                id: id.into(),
                name,
                raw,
                unplaced: e.kind == crate::domain::DraftErrorKind::Unplaced,
                reason: ReadError::Draft(e),
            }),
        }
    }

    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), StoreError> {
        let others_have = self.live().any(|e| e.id != id && e.name == name.trim());
        let name = if others_have {
            self.unique_name(name)
        } else {
            name.trim().to_string()
        };
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.auto_name = name.is_empty();
            e.name = if name.is_empty() {
                "未命名草稿".into()
            } else {
                name
            };
        }
        self.write_index()
    }

    /// Copies a draft under a new name "… 副本".
    pub fn duplicate(&mut self, id: &str) -> Result<DraftId, StoreError> {
        let draft = self
            .peek(id)
            .map_err(|q| StoreError::Unreadable(q.reason))?;
        let name = format!(
            "{} 副本",
            self.entry(id).map(|e| e.name.as_str()).unwrap_or("草稿")
        );
        self.add(&name, &draft)
    }

    /// Moves a draft to 最近删除; its data stays until [`Store::purge`].
    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.deleted = true;
        }
        self.write_index()
    }

    pub fn restore(&mut self, id: &str) -> Result<(), StoreError> {
        let name = self.entry(id).map(|e| e.name.clone()).unwrap_or_default();
        let name = self.unique_name(&name);
        if let Some(e) = self.entries.iter_mut().find(|e| e.id == id) {
            e.deleted = false;
            e.name = name;
        }
        self.write_index()
    }

    /// Removes a deleted draft for good.
    pub fn purge(&mut self, id: &str) -> Result<(), StoreError> {
        if self.entry(id).is_some_and(|e| e.deleted) {
            self.entries.retain(|e| e.id != id);
            self.backend.remove(&draft_key(id));
        }
        self.write_index()
    }

    pub fn current(&self) -> Option<DraftId> {
        self.backend
            .get(CURRENT_KEY)
            .filter(|id| self.live().any(|e| e.id == *id))
            .map(DraftId)
    }

    pub fn set_current(&mut self, id: &str) -> Result<(), StoreError> {
        self.backend.set(CURRENT_KEY, id)
    }
}

/// An in-memory backend, for tests and as the app's fallback when storage is unavailable.
#[derive(Debug, Default, Clone)]
pub struct MemoryBackend {
    pub map: std::collections::BTreeMap<String, String>,
    /// When set, every write fails as a full quota would.
    pub full: bool,
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.full {
            return Err(StoreError::Full);
        }
        self.map.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

mod cohort;
mod draft_id;
#[cfg(test)]
mod tests;
