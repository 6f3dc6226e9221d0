//! Named drafts and the ranking list, kept in a key–value store (the browser's
//! localStorage in the app, a map in tests). Plain Rust: the browser only supplies a
//! [`Backend`]; nothing outside this module reads or writes a key.
//!
//! # Key space
//!
//! | key | holds |
//! | --- | --- |
//! | `cqhr.index` ([`INDEX_KEY`]) | the list of drafts: id, name, rubric, deleted flag |
//! | `cqhr.index.broken` | an unreadable list's raw text, kept aside when the list is rebuilt |
//! | `cqhr.draft.<id>` ([`DRAFT_PREFIX`]) | each draft's JSON (draft format) |
//! | `cqhr.current` | the open draft's id |
//! | `cqhr.cohort` | the ranking list (等次排名) as JSON: [`CohortList`] |
//! | `cqhr.cohort.broken` | an unreadable ranking list's raw text, kept aside |
//! | `cqhr.edition.<fingerprint>` ([`EDITION_PREFIX`]) | an imported edition (issue 13): one rubric's JSON, the same as `rubrics/<edition>/<id>.json`, under its 16-digit fingerprint (`domain::edition::fingerprint`); read back and checked at start-up, beside the bundled rubrics |
//! | `cqhr.issue.<fingerprint>` ([`ISSUE_PREFIX`]) | an edition's 签发单 (issue 21 item 7) as imported, beside the edition it signs |
//! | `cqhr.editor.work` | the edition editor's work in progress (issue 13, 评分标准 → 编辑新版): `domain::edition::edit::Work` as JSON, kept after every edit so that a reload keeps it |
//! | `cqhr.probe` ([`PROBE_KEY`]) | written and removed once at start-up to test that storage works (`ui::web`) |
//! | `cqhr.reviewing.<id>` ([`reviewing_key`]) | the stage a review draft is being reviewed at (`ui::review`), so a reload stays in the review |
//! | `cqhr.build` | the newest build of the app any tab has run: its stamp (build time, UTC, `YYYYMMDDTHHMMSSZ`); a tab of an older build stops saving (issue 22, [`Store::announce_build`]) |
//! | `cqhr.keys` ([`KEYS_KEY`]), `cqhr.directory` ([`DIRECTORY_KEY`]) | issue 21 (`ui::signing::held`): the signing key files, each private key sealed under its passphrase (never in clear); the 审核人名录 file as imported, re-verified against `trust.json`'s root at start-up |
//!
//! A draft that cannot be read is quarantined: reported and left untouched, never
//! deleted or overwritten, and the other drafts still open.

use crate::domain::date::Date;
use crate::domain::grade::CohortEntry;
use crate::domain::review::Stage;
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
    /// A stored draft could not be read (for [`Store::duplicate`]); the reason.
    Unreadable(String),
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
            StoreError::Unreadable(reason) => f.write_str(reason),
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

/// One draft in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
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
    pub id: String,
    pub name: String,
    pub raw: String,
    pub reason: String,
}

/// One platform in the ranking list (等次排名).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortItem {
    /// Unique within its list, never reused (see [`CohortList::push`]).
    pub id: u64,
    /// Where it came from: 文件 a.json, 链接第 2 行, 本机草稿“…”.
    pub source: String,
    /// The stored draft's id, for drafts added from this browser (added once only).
    pub stored: Option<String>,
    pub entry: CohortEntry,
    /// The draft as added (its JSON), so that the ranking judges it again on the day it is
    /// shown ([`CohortList::entries_on`]). Absent in lists kept before drafts were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
}

/// The evaluator's ranking list, kept under `cqhr.cohort` apart from the drafts, so a
/// reload or a closed tab loses none of the gathering.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CohortList {
    pub items: Vec<CohortItem>,
    /// The last id handed out.
    next: u64,
}

impl CohortList {
    /// Adds a platform under a new id; returns the id.
    pub fn push(
        &mut self,
        source: String,
        stored: Option<String>,
        entry: CohortEntry,
        draft: Option<String>,
    ) -> u64 {
        self.next += 1;
        self.items.push(CohortItem {
            id: self.next,
            source,
            stored,
            entry,
            draft,
        });
        self.next
    }

    /// Whether the stored draft `id` is already in the list.
    pub fn has_stored(&self, id: &str) -> bool {
        self.items.iter().any(|i| i.stored.as_deref() == Some(id))
    }

    pub fn remove(&mut self, id: u64) {
        self.items.retain(|i| i.id != id);
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The entries to rank, in the order they were added.
    pub fn entries(&self) -> Vec<CohortEntry> {
        self.items.iter().map(|i| i.entry.clone()).collect()
    }

    /// The entries judged on `today`: an item kept with its draft is checked again, so an
    /// Art. 17 达成时限 that has passed since it was added counts as missed (and one still
    /// running as met); it keeps its name and 选用此份 as listed. An item without its draft
    /// (a list kept before drafts were) or whose draft no longer reads is as it was stored.
    pub fn entries_on(&self, today: Date) -> Vec<CohortEntry> {
        self.items
            .iter()
            .map(|i| {
                i.draft
                    .as_deref()
                    .and_then(|text| Draft::from_json(text).ok())
                    .and_then(|d| CohortEntry::from_draft_on(&d, Stage::City, Some(today)).ok())
                    .map(|mut e| {
                        e.name = i.entry.name.clone();
                        e.chosen = i.entry.chosen;
                        e
                    })
                    .unwrap_or_else(|| i.entry.clone())
            })
            .collect()
    }
}

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
    /// The other tab wrote something unreadable: keep ours.
    Unreadable(String),
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
                id: id.clone(),
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
            Err(e) => return ExternalChange::Unreadable(e.message),
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

    fn fresh_id(&self) -> String {
        let mut n = self.entries.len() + 1;
        loop {
            let id = format!("d{n}");
            if self.entry(&id).is_none() && self.backend.get(&draft_key(&id)).is_none() {
                return id;
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
    pub fn add(&mut self, name: &str, draft: &Draft) -> Result<String, StoreError> {
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
    pub fn load(&mut self, id: &str) -> Result<Draft, Quarantined> {
        let result = self.peek(id);
        if let Ok(d) = &result {
            self.saved.insert(id.to_string(), d.to_json());
        }
        result
    }

    /// Reads a draft without marking it as this tab's.
    pub fn peek(&self, id: &str) -> Result<Draft, Quarantined> {
        let name = self.entry(id).map(|e| e.name.clone()).unwrap_or_default();
        let key = draft_key(id);
        let Some(raw) = self.backend.get(&key) else {
            return Err(Quarantined {
                id: id.into(),
                name,
                raw: String::new(),
                reason: "存储中找不到该草稿".into(),
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
                reason: e.message,
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
    pub fn duplicate(&mut self, id: &str) -> Result<String, StoreError> {
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

    pub fn current(&self) -> Option<String> {
        self.backend
            .get(CURRENT_KEY)
            .filter(|id| self.live().any(|e| &e.id == id))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store<MemoryBackend> {
        Store::open(MemoryBackend::default())
    }

    #[test]
    fn editor_work_is_kept_and_forgotten_apart_from_editions() {
        let mut s = Store::open(MemoryBackend::default());
        assert_eq!(s.editor_work(), None);
        s.keep_editor_work("{\"w\":1}").unwrap();
        assert_eq!(s.editor_work().as_deref(), Some("{\"w\":1}"));
        assert!(s.editions().is_empty());
        s.forget_editor_work();
        assert_eq!(s.editor_work(), None);
    }

    #[test]
    fn imported_editions_are_kept_apart_from_drafts() {
        let mut s = store();
        s.keep_edition("00aa", "{\"id\":1}").unwrap();
        s.keep_edition("00bb", "{}").unwrap();
        s.keep_edition("00aa", "{\"id\":1}").unwrap();
        assert_eq!(
            s.editions(),
            vec![
                ("00aa".to_string(), "{\"id\":1}".to_string()),
                ("00bb".to_string(), "{}".to_string())
            ]
        );
        // Reopening finds them again, and lists no draft for them.
        let s2 = Store::open(s.backend.clone());
        assert_eq!(s2.editions().len(), 2);
        assert!(s2.entries.is_empty());
        s.forget_edition("00aa");
        assert_eq!(s.editions().len(), 1);
    }

    #[test]
    fn an_editions_issue_is_kept_beside_it_and_not_listed_as_an_edition() {
        let mut s = store();
        s.keep_edition("00aa", "{\"id\":1}").unwrap();
        assert_eq!(s.edition_issue("00aa"), None);
        s.keep_edition_issue("00aa", "{\"type\":\"cqhr-edition-issue\"}")
            .unwrap();
        assert_eq!(
            s.edition_issue("00aa").as_deref(),
            Some("{\"type\":\"cqhr-edition-issue\"}")
        );
        assert_eq!(s.editions().len(), 1, "the 签发单 is not an edition");
        assert_eq!(s.edition_issue("00bb"), None);
        // Reopened, it is still there; forgetting the edition forgets its 签发单.
        let mut s2 = Store::open(s.backend.clone());
        assert!(s2.edition_issue("00aa").is_some());
        s2.forget_edition("00aa");
        assert_eq!(s2.edition_issue("00aa"), None);
    }

    #[test]
    fn create_rename_duplicate_delete_restore() {
        let mut s = store();
        let a = s
            .add("渝北园 2025", &Draft::new("comprehensive-park"))
            .unwrap();
        let b = s.add("渝北园 2025", &Draft::new("talent-market")).unwrap();
        assert_ne!(a, b);
        assert_eq!(s.entry(&b).unwrap().name, "渝北园 2025 (2)");
        s.rename(&b, "人才市场").unwrap();
        assert_eq!(s.entry(&b).unwrap().name, "人才市场");
        let c = s.duplicate(&a).unwrap();
        assert_eq!(s.entry(&c).unwrap().name, "渝北园 2025 副本");
        assert_eq!(s.load(&c).unwrap().rubric, "comprehensive-park");
        s.delete(&a).unwrap();
        assert_eq!(s.live().count(), 2);
        assert_eq!(
            s.load(&a).unwrap().rubric,
            "comprehensive-park",
            "deleted drafts keep their data"
        );
        s.restore(&a).unwrap();
        assert_eq!(s.live().count(), 3);
        s.delete(&a).unwrap();
        s.purge(&a).unwrap();
        assert!(s.entry(&a).is_none());
        assert!(s.load(&a).is_err());
        // The index survives a reopen.
        let s2 = Store::open(s.backend.clone());
        assert_eq!(s2.entries, s.entries);
    }

    #[test]
    fn a_full_store_reports_the_failure() {
        let mut s = store();
        let id = s.add("a", &Draft::new("comprehensive-park")).unwrap();
        s.backend.full = true;
        assert!(s.save(&id, &Draft::new("comprehensive-park")).is_err());
        assert!(s.add("b", &Draft::new("comprehensive-park")).is_err());
    }

    #[test]
    fn a_corrupt_draft_is_quarantined_and_kept() {
        let mut s = store();
        let a = s.add("a", &Draft::new("comprehensive-park")).unwrap();
        let b = s.add("b", &Draft::new("talent-market")).unwrap();
        s.backend
            .set(
                &format!("{DRAFT_PREFIX}{a}"),
                "{\"rubric\": \"comprehensive-pa",
            )
            .unwrap();
        let q = s.load(&a).unwrap_err();
        assert_eq!(q.raw, "{\"rubric\": \"comprehensive-pa");
        assert!(q.reason.contains("JSON"), "{}", q.reason);
        assert!(s.load(&b).is_ok(), "the other drafts still open");
        assert_eq!(
            s.backend.get(&format!("{DRAFT_PREFIX}{a}")).unwrap(),
            "{\"rubric\": \"comprehensive-pa"
        );
    }

    #[test]
    fn another_tabs_write_is_adopted_or_kept_beside_ours() {
        let shared = MemoryBackend::default();
        let mut a = Store::open(shared);
        let id = a.add("园区", &Draft::new("comprehensive-park")).unwrap();
        let mut mine = a.load(&id).unwrap();
        // Another tab writes a change; we have none: adopt theirs.
        let mut theirs = mine.clone();
        theirs.platform.name = "另一标签页".into();
        a.backend
            .set(&format!("{DRAFT_PREFIX}{id}"), &theirs.to_json())
            .unwrap();
        assert_eq!(
            a.external_change(&id, &mine),
            ExternalChange::Adopt(theirs.clone())
        );
        mine = theirs.clone();
        assert_eq!(a.external_change(&id, &mine), ExternalChange::Same);
        // We change ours but our write has not happened (e.g. it failed); they write too.
        mine.platform.year = "2025".into();
        let mut theirs2 = theirs.clone();
        theirs2.platform.district = "渝北区".into();
        a.backend
            .set(&format!("{DRAFT_PREFIX}{id}"), &theirs2.to_json())
            .unwrap();
        assert_eq!(
            a.external_change(&id, &mine),
            ExternalChange::Conflict { theirs: theirs2 }
        );
        // Garbage from elsewhere is not adopted.
        a.backend.set(&format!("{DRAFT_PREFIX}{id}"), "{").unwrap();
        assert!(matches!(
            a.external_change(&id, &mine),
            ExternalChange::Unreadable(_)
        ));
    }

    #[test]
    fn a_newer_formats_draft_opens_keeps_everything_and_is_never_written() {
        let mut s = store();
        let id = s.add("园区", &Draft::new("comprehensive-park")).unwrap();
        let raw = r#"{"format":99,"rubric":"comprehensive-park","platform":{"name":"新园","colour":"红"},"signatures":[{"by":"王敏","sig":"00ff"}],"inputs":{"1.1":{"firms":3}}}"#;
        s.backend.set(&draft_key(&id), raw).unwrap();
        let d = s.load(&id).unwrap();
        assert_eq!(d.newer(), Some(99));
        assert_eq!(d.platform.name, "新园");
        assert_eq!(s.save(&id, &d), Err(StoreError::Newer(99)));
        assert!(StoreError::Newer(99)
            .to_string()
            .starts_with("此草稿由较新版本创建"));
        assert_eq!(
            s.backend.get(&draft_key(&id)).as_deref(),
            Some(raw),
            "never written"
        );
        assert!(matches!(s.duplicate(&id), Err(StoreError::Newer(99))));
        // What this version writes of it, were it to write, would lose nothing.
        let back: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        let was: serde_json::Value = serde_json::from_str(raw).unwrap();
        assert_eq!(back["signatures"], was["signatures"]);
        assert_eq!(back["platform"]["colour"], "红");
        assert_eq!(back["format"], 99);
    }

    #[test]
    fn a_draft_deleted_or_purged_in_another_tab_is_not_written_again() {
        let mut a = store();
        let x = a
            .add("甲 · 初审", &Draft::new("comprehensive-park"))
            .unwrap();
        let mut keep = Draft::new("comprehensive-park");
        keep.platform.name = "乙".into();
        let y = a.add("乙", &keep).unwrap();
        let mine = a.load(&x).unwrap();
        // Another tab (the same storage) deletes x: this tab's next save is refused.
        let mut b = Store::open(a.backend.clone());
        b.delete(&x).unwrap();
        a.backend = b.backend.clone();
        assert_eq!(
            a.save(&x, &mine),
            Err(StoreError::Gone),
            "refused before the list is reread"
        );
        a.reload_index();
        assert_eq!(a.save(&x, &mine), Err(StoreError::Gone));
        assert!(a.save(&y, &keep).is_ok(), "the other drafts save as before");
        // … then purges it: the storage event says so, and the draft stays purged.
        b.purge(&x).unwrap();
        a.backend = b.backend.clone();
        assert_eq!(a.external_change(&x, &mine), ExternalChange::Purged);
        assert_eq!(a.save(&x, &mine), Err(StoreError::Gone));
        assert!(a.backend.get(&draft_key(&x)).is_none());
        let reopened = Store::open(a.backend.clone());
        assert!(reopened.entry(&x).is_none(), "not found again as an orphan");
        assert_eq!(reopened.live().count(), 1);
    }

    #[test]
    fn an_older_build_learns_of_a_newer_one() {
        let mut old = store();
        assert!(!old.announce_build("20261101T080000Z"));
        let mut new = Store::open(old.backend.clone());
        assert!(
            !new.announce_build("20261206T233000Z"),
            "the newer build saves"
        );
        old.backend = new.backend.clone();
        assert!(old.newer_build("20261101T080000Z"));
        assert!(
            old.announce_build("20261101T080000Z"),
            "the older one is told, and says so"
        );
        assert_eq!(
            old.backend.get(BUILD_KEY).as_deref(),
            Some("20261206T233000Z"),
            "the newest is kept"
        );
        // Garbage in the key is replaced; garbage as our stamp announces nothing.
        old.backend.set(BUILD_KEY, "zzz").unwrap();
        assert!(!old.announce_build("20261101T080000Z"));
        assert!(!old.newer_build("x"));
        assert!(Store::<MemoryBackend>::is_build_key("cqhr.build"));
    }

    #[test]
    fn the_list_follows_another_tab() {
        let mut a = store();
        a.add("a", &Draft::new("comprehensive-park")).unwrap();
        let mut b = Store::open(a.backend.clone());
        b.add("b", &Draft::new("talent-market")).unwrap();
        a.backend = b.backend.clone();
        a.reload_index();
        assert_eq!(a.live().count(), 2);
    }

    #[test]
    fn a_corrupt_index_is_kept_aside_and_the_drafts_found_again() {
        let mut s = store();
        let mut named = Draft::new("talent-market");
        named.platform.name = "渝中人才市场".into();
        let a = s.add("随便", &named).unwrap();
        let b = s.add("另一个", &Draft::new("comprehensive-park")).unwrap();
        s.backend
            .set(&format!("{DRAFT_PREFIX}{b}"), "{broken")
            .unwrap();
        s.backend.set(INDEX_KEY, "not json").unwrap();
        let s = Store::open(s.backend);
        assert_eq!(
            s.backend.get("cqhr.index.broken").as_deref(),
            Some("not json")
        );
        let unreadable = format!("无法读取的草稿 {b}");
        let names: Vec<(&str, &str)> = s.live().map(|e| (e.id.as_str(), e.name.as_str())).collect();
        assert_eq!(
            names,
            vec![
                (a.as_str(), "渝中人才市场"),
                (b.as_str(), unreadable.as_str())
            ]
        );
        assert_eq!(s.entry(&a).unwrap().rubric, "talent-market");
        // The rebuilt list is written back, and the unreadable draft is still as it was.
        assert!(serde_json::from_str::<Vec<Entry>>(&s.backend.get(INDEX_KEY).unwrap()).is_ok());
        assert_eq!(
            s.backend.get(&format!("{DRAFT_PREFIX}{b}")).as_deref(),
            Some("{broken")
        );
    }

    fn platform(name: &str, total: i64) -> CohortEntry {
        CohortEntry::new(
            name,
            "comprehensive-park",
            "2025",
            rust_decimal::Decimal::from(total),
            true,
        )
    }

    #[test]
    fn the_ranking_list_is_kept_apart_from_the_drafts() {
        let mut s = store();
        let d = s.add("a", &Draft::new("comprehensive-park")).unwrap();
        assert_eq!(s.cohort().unwrap(), CohortList::default(), "none kept yet");
        let mut list = CohortList::default();
        let x = list.push("文件 a.json".into(), None, platform("甲", 80), None);
        let y = list.push(
            "本机草稿“a”".into(),
            Some(d.clone()),
            platform("乙", 70),
            None,
        );
        assert_ne!(x, y);
        assert!(list.has_stored(&d));
        s.keep_cohort(&list).unwrap();
        // A reopened store (a reload) reads the same list, and the drafts are untouched.
        let mut again = Store::open(s.backend.clone());
        assert_eq!(again.cohort().unwrap(), list);
        assert_eq!(again.live().count(), 1);
        // Ids are never reused, also after a removal and a reload.
        let mut list = again.cohort().unwrap();
        list.remove(y);
        assert!(!list.has_stored(&d));
        let z = list.push("链接第 1 行".into(), None, platform("丙", 60), None);
        assert!(z > y);
        assert_eq!(
            list.entries()
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>(),
            vec!["甲", "丙"]
        );
        list.clear();
        again.keep_cohort(&list).unwrap();
        assert!(Store::open(again.backend.clone())
            .cohort()
            .unwrap()
            .items
            .is_empty());
    }

    #[test]
    fn an_unreadable_ranking_list_is_kept_aside() {
        let mut s = store();
        s.backend.set(COHORT_KEY, "[{\"id\": 1").unwrap();
        assert_eq!(s.cohort(), Err(StoreError::CohortUnreadable));
        assert_eq!(
            s.backend.get(COHORT_BROKEN_KEY).as_deref(),
            Some("[{\"id\": 1")
        );
        // The broken text stays until a new list is kept over it.
        assert_eq!(s.backend.get(COHORT_KEY).as_deref(), Some("[{\"id\": 1"));
        assert!(StoreError::CohortUnreadable
            .to_string()
            .contains("cqhr.cohort.broken"));
    }

    #[test]
    fn a_full_store_refuses_to_keep_the_ranking_list() {
        let mut s = store();
        s.backend.full = true;
        let mut list = CohortList::default();
        list.push("文件 a.json".into(), None, platform("甲", 80), None);
        assert_eq!(s.keep_cohort(&list), Err(StoreError::Full));
        assert_eq!(StoreError::Full.to_string(), "浏览器存储空间已满");
    }

    #[test]
    fn storage_event_keys_are_recognised() {
        assert!(Store::<MemoryBackend>::is_index_key("cqhr.index"));
        assert!(!Store::<MemoryBackend>::is_index_key("cqhr.cohort"));
        assert!(Store::<MemoryBackend>::is_draft_key("cqhr.draft.d2", "d2"));
        assert!(!Store::<MemoryBackend>::is_draft_key(
            "cqhr.draft.d21",
            "d2"
        ));
    }

    #[test]
    fn a_draft_is_named_after_its_platform_once_filled_in() {
        let mut s = store();
        let mut d = Draft::new("talent-market");
        let id = s.add("新草稿", &d).unwrap();
        assert_eq!(s.entry(&id).unwrap().name, "新草稿");
        d.platform.name = "测".into();
        s.save(&id, &d).unwrap();
        assert_eq!(s.entry(&id).unwrap().name, "测");
        // It keeps following while the name is typed.
        d.platform.name = "测试人才市场".into();
        s.save(&id, &d).unwrap();
        assert_eq!(s.entry(&id).unwrap().name, "测试人才市场");
        // A second draft of the same platform is numbered.
        let id2 = s.add("新草稿", &d).unwrap();
        assert_eq!(s.entry(&id2).unwrap().name, "测试人才市场 (2)");
        // The index keeps the flag across a reload.
        let s2 = Store::open(s.backend.clone());
        assert!(s2.entry(&id).unwrap().auto_name);
        // A name the user chose is theirs.
        s.rename(&id, "我的草稿").unwrap();
        d.platform.name = "别的名字".into();
        s.save(&id, &d).unwrap();
        assert_eq!(s.entry(&id).unwrap().name, "我的草稿");
        assert!(is_placeholder("新草稿 (3)") && !is_placeholder("新草稿 副本"));
    }
}
