//! Moving a draft to another edition (issue 13): an explicit copy, scored under the new
//! edition, with every indicator's score change. Above `draft` and `score` in the layers.

use super::{diff, short_of, Change};
use crate::domain::draft::{check_against, Draft, DraftError, DraftErrorKind, FieldPath};
use crate::domain::number::fmt_decimal;
use crate::domain::rubric::Rubric;
use crate::domain::score::score_checked;
use rust_decimal::Decimal;
use serde::Serialize;

/// One indicator's score before and after a move (`None`: the edition lacks it, or the
/// draft could not be scored before).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveRow {
    pub indicator: String,
    pub name: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
}

/// A draft copied to another edition, with what changed.
#[derive(Debug, Clone)]
pub struct Moved {
    /// The copy, naming the new edition and its fingerprint.
    pub draft: Draft,
    pub rows: Vec<MoveRow>,
    /// `None` when the draft's own edition is not present (it scores nothing).
    pub total_before: Option<Decimal>,
    pub total_after: Decimal,
    /// What was left behind, in Chinese (inputs of indicators or fields the new edition
    /// lacks, review layers).
    pub dropped: Vec<String>,
    /// Every rule change from the draft's edition to the new one (caps, points, units,
    /// fields, wording: [`diff`]), so that a change that leaves this draft's score as it
    /// is (a lower cap it does not reach) is still seen before moving. Empty when the
    /// draft's own edition is not held.
    pub changes: Vec<Change>,
    /// Set when the draft's 评估年度 is not the new edition's year ([`year_note`]).
    pub year_note: Option<String>,
}

/// A warning when a draft's 评估年度 (as typed; 4 digits once normalised) is earlier than
/// its edition's year (the edition's name starts with its year: "2026", "2026-修订"): Art. 29
/// adjusts the indicators year by year, so a 2025 evaluation on the 2026 edition is most
/// likely a mistake. A later year on an earlier edition is not warned of: an edition stays
/// in force until the bureau publishes the next. `None` when blank or not comparable.
pub fn year_note(year: &str, edition: &str) -> Option<String> {
    let year = crate::domain::filing::normalise_year(year).ok()?;
    let evaluated: u32 = year.trim().parse().ok()?;
    let edition_year: u32 = edition.trim().get(..4)?.parse().ok()?;
    (evaluated < edition_year).then(|| {
        format!(
            "草稿的评估年度为 {evaluated} 年，评分标准为 {} 版：第二十九条的调整按年度执行，请核对 {evaluated} 年度评估应使用的版本。",
            edition.trim()
        )
    })
}

/// Copies `draft` to the edition `to` (same rubric id): inputs, notes and choices are
/// matched by indicator and field id; what the new edition lacks is left behind and
/// listed; review layers are not carried (they reviewed the old scores). The original
/// is untouched.
pub fn move_draft(draft: &Draft, to: &'static Rubric) -> Result<Moved, DraftError> {
    if draft.rubric != to.id {
        return Err(DraftError::new(
            DraftErrorKind::Rubric,
            FieldPath::top("rubric"),
            format!("草稿是评分表 {}，不能迁移到评分表 {}", draft.rubric, to.id),
        ));
    }
    let from = draft.rubric().ok();
    let changes = from.map(|f| diff(&[f], &[to])).unwrap_or_default();
    let before = from
        .and_then(|r| check_against(draft, r).ok())
        .map(|c| score_checked(&c));
    let mut copy = draft.clone();
    copy.edition = to.edition.clone();
    copy.edition_fingerprint = short_of(to);
    let mut dropped = Vec::new();
    copy.inputs
        .retain(|ind_id, fields| match to.indicator(ind_id) {
            None => {
                dropped.push(format!("指标 {ind_id} 的填写内容（新版没有这一指标）"));
                false
            }
            Some(ind) => {
                fields.retain(|k, _| {
                    let keep = ind.fields.iter().any(|f| &f.key == k);
                    if !keep {
                        dropped.push(format!("指标 {ind_id} 字段 {k}（新版没有这一填写项）"));
                    }
                    keep
                });
                !fields.is_empty()
            }
        });
    copy.notes.retain(|k, _| to.indicator(k).is_some());
    copy.choices.retain(|pair, member| {
        to.pairs
            .iter()
            .any(|p| &p.id == pair && p.members.contains(member))
    });
    if !copy.reviews.is_empty() {
        dropped.push(format!(
            "审核记录 {} 层（按旧版得分审核，迁移后须重新审核）",
            copy.reviews.len()
        ));
        copy.reviews.clear();
    }
    let after = score_checked(&check_against(&copy, to)?);
    let mut rows = Vec::new();
    for i in &after.indicators {
        rows.push(MoveRow {
            indicator: i.id.clone(),
            name: i.name.clone(),
            before: before
                .as_ref()
                .and_then(|b| b.indicator(&i.id))
                .map(|x| x.score),
            after: Some(i.score),
        });
    }
    if let Some(b) = &before {
        for i in &b.indicators {
            if after.indicator(&i.id).is_none() {
                rows.push(MoveRow {
                    indicator: i.id.clone(),
                    name: i.name.clone(),
                    before: Some(i.score),
                    after: None,
                });
            }
        }
    }
    Ok(Moved {
        draft: copy,
        rows,
        total_before: before.map(|b| b.total),
        total_after: after.total,
        dropped,
        changes,
        year_note: year_note(&draft.platform.year, &to.edition),
    })
}

impl Moved {
    /// The move as Chinese lines: each indicator whose score changed, then the total.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let show = |d: Option<Decimal>| d.map(fmt_decimal).unwrap_or_else(|| "——".into());
        for r in &self.rows {
            if r.before != r.after {
                out.push_str(&format!(
                    "{} {}：{} → {}\n",
                    r.indicator,
                    r.name,
                    show(r.before),
                    show(r.after)
                ));
            }
        }
        out.push_str(&format!(
            "总分：{} → {}\n",
            show(self.total_before),
            fmt_decimal(self.total_after)
        ));
        for d in &self.dropped {
            out.push_str(&format!("未迁移：{d}\n"));
        }
        for c in &self.changes {
            out.push_str(&format!("规则变化：{}\n", c.text));
        }
        if let Some(note) = &self.year_note {
            out.push_str(&format!("注意：{note}\n"));
        }
        out
    }
}
