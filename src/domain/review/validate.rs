//! Validation of review layers: each problem a typed [`ReviewError`] naming layer, stage,
//! indicator and field.

use super::*;
use crate::domain::draft::{Draft, DraftError, DraftErrorKind, FieldPath};
use crate::domain::rubric::Rubric;
use serde::Serialize;
use std::collections::BTreeSet;

/// What is wrong with a layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReviewErrorKind {
    /// `stage` is neither `district` nor `city`.
    UnknownStage,
    /// A city layer before a district one.
    CityBeforeDistrict,
    /// A second layer of the same stage.
    DuplicateStage,
    /// An indicator the rubric lacks (in `inputs`, `reasons` or `confirmed`).
    UnknownIndicator,
    /// A field the indicator lacks.
    UnknownField,
    /// `date` missing.
    MissingDate,
    /// `date` not a real YYYY-MM-DD date.
    BadDate,
    /// A value the self inputs would refuse too; `cause` and `message` are the check's
    /// (an unreadable value, or one that contradicts another: a part above its whole).
    BadValue {
        #[serde(skip)]
        cause: DraftErrorKind,
        message: String,
    },
    /// No layer at that index (an API misuse, not data).
    NoSuchLayer,
}

/// A problem in one layer, naming the layer (0-based `layer`; shown 1-based), its stage as
/// typed, the indicator and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewError {
    pub layer: usize,
    pub stage: String,
    pub indicator: Option<String>,
    pub field: Option<String>,
    pub kind: ReviewErrorKind,
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stage = Stage::from_key(&self.stage)
            .filter(|s| *s != Stage::SelfAssessed)
            .map(|s| s.long_label_zh().to_string())
            .unwrap_or_else(|| format!("“{}”", self.stage));
        write!(f, "审核第 {} 层（{stage}）", self.layer + 1)?;
        let ind = self.indicator.as_deref().unwrap_or("");
        let field = self.field.as_deref().unwrap_or("");
        match &self.kind {
            ReviewErrorKind::UnknownStage => write!(
                f,
                "，审核阶段：未知的阶段“{}”（可选 区县初审、市级评审）",
                self.stage
            ),
            ReviewErrorKind::CityBeforeDistrict => {
                f.write_str("，审核阶段：市级评审排在区县初审之前，区县初审须在前（第三十条）")
            }
            ReviewErrorKind::DuplicateStage => f.write_str("，审核阶段：同一阶段只能有一层审核"),
            ReviewErrorKind::UnknownIndicator => write!(
                f,
                "，{}：未知的指标“{ind}”，评分表没有这一项",
                member_zh(field)
            ),
            ReviewErrorKind::UnknownField => {
                write!(f, "，指标 {ind}，字段“{field}”：该指标没有这个字段")
            }
            ReviewErrorKind::MissingDate => f.write_str("，审核日期：未填写"),
            ReviewErrorKind::BadDate => {
                f.write_str("，审核日期：须为 YYYY-MM-DD 格式的有效日期，如 2026-04-10")
            }
            ReviewErrorKind::BadValue { message, .. } => write!(f, "，{message}"),
            ReviewErrorKind::NoSuchLayer => f.write_str("：草稿没有这一层审核"),
        }
    }
}

fn member_zh(field: &str) -> &'static str {
    match field {
        "reasons" => "核减说明",
        "confirmed" => "核实无误",
        _ => "核定数据",
    }
}

impl std::error::Error for ReviewError {}

impl From<ReviewError> for DraftError {
    fn from(e: ReviewError) -> DraftError {
        let message = e.to_string();
        let kind = match e.kind {
            ReviewErrorKind::UnknownIndicator => DraftErrorKind::UnknownIndicator,
            ReviewErrorKind::UnknownField => DraftErrorKind::UnknownField,
            ReviewErrorKind::BadValue { cause, .. } => cause,
            _ => DraftErrorKind::InvalidValue,
        };
        DraftError::new(
            kind,
            FieldPath::Review {
                layer: e.layer,
                indicator: e.indicator,
                field: e.field.unwrap_or_else(|| "reviews".into()),
            },
            message,
        )
    }
}

/// Every problem in the draft's review layers. The self inputs are not checked here
/// ([`super::score::score_strict`] does that).
pub fn validate(draft: &Draft) -> Vec<ReviewError> {
    let rubric: Option<&Rubric> = draft.rubric().ok();
    let mut errors = Vec::new();
    let mut seen_stages: Vec<Stage> = Vec::new();
    for (i, layer) in draft.reviews.iter().enumerate() {
        let err = |indicator: Option<&str>, field: Option<&str>, kind| ReviewError {
            layer: i,
            stage: layer.stage.clone(),
            indicator: indicator.map(str::to_string),
            field: field.map(str::to_string),
            kind,
        };
        match layer.stage() {
            None => errors.push(err(None, Some("stage"), ReviewErrorKind::UnknownStage)),
            Some(s) => {
                if seen_stages.contains(&s) {
                    errors.push(err(None, Some("stage"), ReviewErrorKind::DuplicateStage));
                } else if s == Stage::District && seen_stages.contains(&Stage::City) {
                    // Reported at the city layer that came first.
                    let city = draft
                        .reviews
                        .iter()
                        .position(|l| l.stage() == Some(Stage::City))
                        .unwrap_or(i);
                    errors.push(ReviewError {
                        layer: city,
                        stage: draft.reviews[city].stage.clone(),
                        indicator: None,
                        field: Some("stage".into()),
                        kind: ReviewErrorKind::CityBeforeDistrict,
                    });
                }
                seen_stages.push(s);
            }
        }
        if layer.date.trim().is_empty() {
            errors.push(err(None, Some("date"), ReviewErrorKind::MissingDate));
        } else if !crate::domain::date::is_date(&layer.date) {
            errors.push(err(None, Some("date"), ReviewErrorKind::BadDate));
        }
        let Some(rubric) = rubric else { continue };
        for (ind_id, fields) in &layer.inputs {
            let Some(ind) = rubric.indicator(ind_id) else {
                errors.push(err(
                    Some(ind_id),
                    Some("inputs"),
                    ReviewErrorKind::UnknownIndicator,
                ));
                continue;
            };
            for key in fields.keys() {
                if !ind.fields.iter().any(|f| &f.key == key) {
                    errors.push(err(Some(ind_id), Some(key), ReviewErrorKind::UnknownField));
                }
            }
        }
        for (member, ids) in [
            ("reasons", layer.reasons.keys().collect::<Vec<_>>()),
            ("confirmed", layer.confirmed.iter().collect()),
        ] {
            for id in ids {
                if rubric.indicator(id).is_none() {
                    errors.push(err(
                        Some(id),
                        Some(member),
                        ReviewErrorKind::UnknownIndicator,
                    ));
                }
            }
        }
        // Values: the self rules on the inputs as they stand after this layer. A problem is
        // this layer's when it is at a field the layer sets, or new at this layer (an
        // "of which" part now above a whole the layer lowered).
        let mut upto = draft.clone();
        upto.reviews.truncate(i + 1);
        let mut below = draft.clone();
        below.reviews.truncate(i);
        let after = check_errors(&stage_draft(&upto, Stage::City));
        let before = check_errors(&stage_draft(&below, Stage::City));
        let touched = |e: &DraftError| {
            let (Some(ind), Some(field)) = (e.indicator(), e.field()) else {
                return false;
            };
            layer
                .inputs
                .get(ind)
                .is_some_and(|m| m.contains_key(&field))
        };
        // Indicators where a value the layer sets is bad: a follow-on problem (an "of
        // which" part above a whole now read as blank) is not reported twice.
        let bad_here: BTreeSet<String> = after
            .iter()
            .filter(|e| touched(e))
            .filter_map(|e| e.indicator().map(str::to_string))
            .collect();
        for e in &after {
            let (Some(ind), Some(field)) = (e.indicator(), e.field()) else {
                continue;
            };
            let field = field.as_str();
            let known = rubric
                .indicator(ind)
                .is_some_and(|d| d.fields.iter().any(|f| f.key == field));
            if !known {
                continue; // unknown ones reported above
            }
            let new_here =
                layer.inputs.contains_key(ind) && !bad_here.contains(ind) && !before.contains(e);
            if touched(e) || new_here {
                errors.push(err(
                    Some(ind),
                    Some(field),
                    ReviewErrorKind::BadValue {
                        cause: e.kind,
                        message: e.message.clone(),
                    },
                ));
            }
        }
    }
    errors
}

fn check_errors(draft: &Draft) -> Vec<DraftError> {
    crate::domain::draft::check(draft)
        .map(|c| c.errors)
        .unwrap_or_default()
}
