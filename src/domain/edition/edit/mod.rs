//! The edition editor's work (issue 13, item 2): a copy of a held rubric under a new
//! edition name, changed one [`Edit`] at a time, checked live, and published when valid.
//!
//! Plain Rust: the 评分标准 page (`ui/edition_editor.rs`) only draws a [`Work`] and sends
//! it edits. What the user typed into a number slot is kept as typed
//! ([`Work::typed`]) even when it is not a number; the rubric keeps its last valid value
//! until it is one, and [`Work::problems`] names the slot. No edit panics: an edit that
//! cannot apply (an unknown indicator, a field a rule needs) returns a Chinese message and
//! changes nothing.
//!
//! Rooms: this file holds the types ([`Slot`], [`Edit`], [`Work`], [`WorkProblem`]), new
//! ids, and reading a slot; `apply.rs` applies an edit, `problems.rs` checks the work,
//! `publish.rs` diffs it against its base and publishes it.

use crate::domain::number::fmt_decimal;
use crate::domain::rubric::{Indicator, Rubric, Term};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod apply;
pub use apply::{FieldPlace, Refused};
mod problems;
mod publish;
pub use publish::grouped;

/// A number slot of the rubric, addressed by indicator and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "slot", rename_all = "snake_case")]
pub enum Slot {
    /// An indicator's 分值上限 (for a 选其一 member, the pair's shared cap).
    Cap { indicator: String },
    /// A term's 计分单位.
    Unit { indicator: String, term: usize },
    /// A term's 每单位分值 (a deduction's per case, an each-of's per item).
    Points { indicator: String, term: usize },
    /// A replacement term's 规模以上 per-unit points.
    SpecialPoints { indicator: String, term: usize },
    /// An area term's 面积门槛.
    Threshold { indicator: String, term: usize },
    /// One tier's score.
    Tier {
        indicator: String,
        term: usize,
        tier: usize,
    },
    /// A judged indicator's preset value.
    Preset { indicator: String, preset: usize },
}

impl Slot {
    /// The key of [`Work::typed`] and of the page's input (`cap:1.1`, `points:1.1:0`).
    pub fn key(&self) -> String {
        match self {
            Slot::Cap { indicator } => format!("cap:{indicator}"),
            Slot::Unit { indicator, term } => format!("unit:{indicator}:{term}"),
            Slot::Points { indicator, term } => format!("points:{indicator}:{term}"),
            Slot::SpecialPoints { indicator, term } => format!("special:{indicator}:{term}"),
            Slot::Threshold { indicator, term } => format!("threshold:{indicator}:{term}"),
            Slot::Tier {
                indicator,
                term,
                tier,
            } => format!("tier:{indicator}:{term}:{tier}"),
            Slot::Preset { indicator, preset } => format!("preset:{indicator}:{preset}"),
        }
    }

    pub fn indicator(&self) -> &str {
        match self {
            Slot::Cap { indicator }
            | Slot::Unit { indicator, .. }
            | Slot::Points { indicator, .. }
            | Slot::SpecialPoints { indicator, .. }
            | Slot::Threshold { indicator, .. }
            | Slot::Tier { indicator, .. }
            | Slot::Preset { indicator, .. } => indicator,
        }
    }

    /// What the slot is called in a message.
    pub fn label_zh(&self) -> &'static str {
        match self {
            Slot::Cap { .. } => "分值上限",
            Slot::Unit { .. } => "计分单位",
            Slot::Points { .. } => "分值",
            Slot::SpecialPoints { .. } => "规模以上企业分值",
            Slot::Threshold { .. } => "面积门槛",
            Slot::Tier { .. } => "档次分值",
            Slot::Preset { .. } => "预设分值",
        }
    }
}

/// One change the user makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// The new edition's name (e.g. "2026").
    Edition(String),
    Title(String),
    GroupName {
        group: String,
        name: String,
    },
    Name {
        indicator: String,
        name: String,
    },
    Standard {
        indicator: String,
        text: String,
    },
    /// The project's reading; blank removes it.
    Reading {
        indicator: String,
        text: String,
    },
    /// A number, as typed.
    Number {
        slot: Slot,
        text: String,
    },
    FieldLabel {
        indicator: String,
        field: String,
        label: String,
    },
    FieldUnit {
        indicator: String,
        field: String,
        unit: String,
    },
    TierLabel {
        indicator: String,
        term: usize,
        tier: usize,
        label: String,
    },
    PresetLabel {
        indicator: String,
        preset: usize,
        label: String,
    },
    /// A new indicator after the last of the template's group: the template's copy under a
    /// fresh id ([`next_indicator_id`]).
    AddIndicator {
        template: String,
    },
    /// Removes an indicator (and a 选其一 pair it belonged to).
    RemoveIndicator {
        indicator: String,
    },
    /// A new field copying `template` (and the term that reads it), under a fresh key.
    AddField {
        indicator: String,
        template: String,
    },
    /// Removes a field and the terms that read only it.
    RemoveField {
        indicator: String,
        field: String,
    },
    /// Makes two indicators 选其一 (the pair's cap is the first one's cap, given to both).
    Pair {
        first: String,
        second: String,
    },
    Unpair {
        pair: String,
    },
}

/// The editor's work in progress: kept in the browser (`store`), so it survives a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Work {
    /// The rubric started from: its id, edition and 16-digit fingerprint.
    pub base_id: String,
    pub base_edition: String,
    pub base_fingerprint: String,
    /// The copy being edited.
    pub rubric: Rubric,
    /// Numbers as typed, by [`Slot::key`]: shown as typed; the ones that are not numbers
    /// are reported by [`Work::problems`] and leave the rubric's value unchanged.
    #[serde(default)]
    pub typed: BTreeMap<String, String>,
}

/// One problem of a [`Work`], where it lies (indicator and field or slot), in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkProblem {
    pub indicator: Option<String>,
    pub field: Option<String>,
    /// The [`Slot::key`] of an unreadable number.
    pub slot: Option<String>,
    /// The whole sentence, naming its place when the place is not obvious.
    pub message: String,
    /// What is shown at the place itself (the indicator, field or slot), without naming it.
    pub local: String,
}

impl WorkProblem {
    /// A problem whose sentence reads the same at its place and in a list.
    pub fn new(
        indicator: Option<String>,
        field: Option<String>,
        slot: Option<String>,
        message: String,
    ) -> Self {
        WorkProblem {
            indicator,
            field,
            slot,
            local: message.clone(),
            message,
        }
    }
}

/// The id after the last indicator of `group`: "3.3" → "3.4", never one in use.
pub fn next_indicator_id(r: &Rubric, group: &str) -> String {
    let mut n = r
        .indicators
        .iter()
        .filter(|i| i.group == group)
        .filter_map(|i| {
            i.id.rsplit_once('.')
                .and_then(|(_, k)| k.parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0)
        + 1;
    loop {
        let id = format!("{group}.{n}");
        if r.indicator(&id).is_none() {
            return id;
        }
        n += 1;
    }
}

/// A field key not used in the indicator: `template_2`, `template_3`, ….
pub fn next_field_key(ind: &Indicator, template: &str) -> String {
    let stem = template.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    let stem = if stem.is_empty() { "field" } else { stem };
    (2u32..)
        .map(|n| format!("{stem}_{n}"))
        .find(|k| !ind.fields.iter().any(|f| &f.key == k))
        .unwrap_or_else(|| format!("{stem}_x"))
}

impl Work {
    /// A copy of `base` to edit, named `edition`.
    pub fn start(base: &Rubric, edition: &str) -> Work {
        let mut rubric = base.clone();
        rubric.edition = edition.to_string();
        Work {
            base_id: base.id.clone(),
            base_edition: base.edition.clone(),
            base_fingerprint: super::fingerprint(base),
            rubric,
            typed: BTreeMap::new(),
        }
    }

    /// The held rubric started from (bundled or imported), if still held.
    pub fn base(&self) -> Option<&'static Rubric> {
        super::candidates(&self.base_id, &self.base_edition)
            .into_iter()
            .find(|r| super::fingerprint(r) == self.base_fingerprint)
    }

    /// What a number slot shows: as typed when typed, else the rubric's value
    /// (empty for a slot that does not exist).
    pub fn shown(&self, slot: &Slot) -> String {
        if let Some(t) = self.typed.get(&slot.key()) {
            return t.clone();
        }
        self.value(slot).map(fmt_decimal).unwrap_or_default()
    }

    /// The rubric's value in a slot.
    pub fn value(&self, slot: &Slot) -> Option<Decimal> {
        let ind = self.rubric.indicator(slot.indicator())?;
        let term = |t: usize| ind.terms.get(t);
        match slot {
            Slot::Cap { .. } => ind.cap,
            Slot::Unit { term: t, .. } => match term(*t)? {
                Term::PerUnit { unit, .. }
                | Term::Replacement { unit, .. }
                | Term::AreaAbove { unit, .. } => Some(*unit),
                _ => None,
            },
            Slot::Points { term: t, .. } => match term(*t)? {
                Term::PerUnit { points, .. }
                | Term::Replacement { points, .. }
                | Term::AreaAbove { points, .. }
                | Term::Deduction { points, .. }
                | Term::EachOf { points, .. } => Some(*points),
                _ => None,
            },
            Slot::SpecialPoints { term: t, .. } => match term(*t)? {
                Term::Replacement { special_points, .. } => Some(*special_points),
                _ => None,
            },
            Slot::Threshold { term: t, .. } => match term(*t)? {
                Term::AreaAbove { threshold, .. } => Some(*threshold),
                _ => None,
            },
            Slot::Tier { term: t, tier, .. } => match term(*t)? {
                Term::Tier { tiers, .. } => tiers.get(*tier).map(|x| x.points),
                _ => None,
            },
            Slot::Preset { preset, .. } => ind.presets.get(*preset).map(|p| p.value),
        }
    }
}
