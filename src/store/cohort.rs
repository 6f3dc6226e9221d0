//! The ranking list (等次排名) as the store keeps it under `cqhr.cohort`, and the text form of
//! the ranking's rules under `cqhr.cohort.rules` (the keys are named in `store.rs`).

use super::DraftId;
use crate::domain::date::Date;
use crate::domain::grade::{CohortEntry, DistrictReading, RankOptions};
use crate::domain::review::Stage;
use crate::domain::Draft;
use serde::{Deserialize, Serialize};

/// The ranking's rules as kept under `cqhr.cohort.rules`: `stage=<key>;district=<key>;strict=<0|1>`
/// (`Stage::key`, empty for the default stage; `DistrictReading::key`). Plain text, not JSON:
/// the main module then carries no serde code for `RankOptions` (about 6 KB). The pass mark
/// (`cqhr rank --pass-mark`) is not set on the page and not kept.
pub(super) fn rank_rules_text(rules: &RankOptions) -> String {
    format!(
        "stage={};district={};strict={}",
        rules.stage.map(Stage::key).unwrap_or(""),
        rules.district.key(),
        u8::from(rules.strict)
    )
}

/// Reads [`rank_rules_text`]; a part that cannot be read (a newer build's, a hand edit) is
/// its default.
pub(super) fn read_rank_rules(text: &str) -> RankOptions {
    let mut rules = RankOptions::default();
    for (name, value) in text.split(';').filter_map(|part| part.split_once('=')) {
        match name {
            "stage" => rules.stage = Stage::from_key(value),
            "district" => rules.district = DistrictReading::from_key(value).unwrap_or_default(),
            "strict" => rules.strict = value == "1",
            _ => {}
        }
    }
    rules
}

/// One platform in the ranking list (等次排名).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortItem {
    /// Unique within its list, never reused (see [`CohortList::push`]).
    pub id: u64,
    /// Where it came from: 文件 a.json, 链接第 2 行, 本机草稿“…”.
    pub source: String,
    /// The stored draft's id, for drafts added from this browser (added once only).
    pub stored: Option<DraftId>,
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
        stored: Option<DraftId>,
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
