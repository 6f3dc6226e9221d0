//! The per-stage comparison (审核表): [`review`] → [`ReviewReport`], per indicator and
//! field, the platform's value beside each reviewer's.

use super::*;
use crate::domain::draft::{is_blank, Draft, DraftError};
use crate::domain::number::fmt_decimal;
use crate::domain::rubric::FieldKind;
use crate::domain::score::Report;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// One stage's line: who signed it, its total and status, and the full score report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageReview {
    pub stage: Stage,
    /// Index in `reviews` (None for self).
    pub layer: Option<usize>,
    pub reviewer: String,
    pub date: String,
    pub opinion: String,
    pub total: Decimal,
    /// The layer's signature ([`layer_status`]); `Unsigned` for self (自评 is not signed).
    pub status: LayerStatus,
    /// The score at this stage, with the working.
    pub report: Report,
}

/// A 一级指标's subtotal per stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReview {
    pub id: String,
    pub name: String,
    pub cap: Decimal,
    #[serde(rename = "self")]
    pub self_score: Decimal,
    pub district: Option<Decimal>,
    pub city: Option<Decimal>,
}

impl GroupReview {
    /// The subtotal at a stage, if present.
    pub fn score(&self, stage: Stage) -> Option<Decimal> {
        match stage {
            Stage::SelfAssessed => Some(self.self_score),
            Stage::District => self.district,
            Stage::City => self.city,
        }
    }
}

/// A reason given at a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageText {
    pub stage: Stage,
    pub text: String,
}

/// One field of an indicator: the platform's value beside each reviewer's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldReview {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub kind: FieldKind,
    /// The platform's value as typed (None: 未填).
    pub platform: Option<Value>,
    /// The district reviewer's value, if she set one (`Some(Value::Null)`: struck).
    pub district: Option<Value>,
    /// The city reviewer's value, if set.
    pub city: Option<Value>,
    /// The stages at which this field changed (differs from the value below).
    pub changed: Vec<Stage>,
}

impl FieldReview {
    /// The value in force at a stage (the latest override up to it, else the platform's);
    /// `None` when blank or struck.
    pub fn value_at(&self, stage: Stage) -> Option<&Value> {
        let mut v = self.platform.as_ref();
        if stage >= Stage::District {
            if let Some(d) = &self.district {
                v = Some(d);
            }
        }
        if stage >= Stage::City {
            if let Some(c) = &self.city {
                v = Some(c);
            }
        }
        v.filter(|v| !is_blank(v))
    }
}

/// One indicator across the stages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorReview {
    pub id: String,
    pub group: String,
    pub name: String,
    pub cap: Option<Decimal>,
    #[serde(rename = "self")]
    pub self_score: Decimal,
    pub district: Option<Decimal>,
    pub city: Option<Decimal>,
    /// The latest present stage's score minus self (0 with no review).
    pub delta: Decimal,
    /// Reasons given, by stage.
    pub reasons: Vec<StageText>,
    /// Stages that changed a field of this indicator without a reason (未说明).
    pub unexplained: Vec<Stage>,
    /// Stages that confirmed it unchanged (核实无误).
    pub confirmed: Vec<Stage>,
    pub fields: Vec<FieldReview>,
}

impl IndicatorReview {
    /// The score at a stage, if present.
    pub fn score(&self, stage: Stage) -> Option<Decimal> {
        match stage {
            Stage::SelfAssessed => Some(self.self_score),
            Stage::District => self.district,
            Stage::City => self.city,
        }
    }

    /// The reasons in one line: the text alone when one stage gave one, else
    /// "初审：…；评审：…"; None when none.
    pub fn reason(&self) -> Option<String> {
        match self.reasons.as_slice() {
            [] => None,
            [one] => Some(one.text.clone()),
            many => Some(
                many.iter()
                    .map(|r| format!("{}：{}", r.stage.label_zh(), r.text))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        }
    }

    /// The 审核表's 说明 cell: 核减/核增 x 分, the reasons, 未说明 for a change without one.
    pub fn note(&self) -> String {
        let mut note = Vec::new();
        if self.delta < Decimal::ZERO {
            note.push(format!("核减 {} 分", fmt_decimal(-self.delta)));
        } else if self.delta > Decimal::ZERO {
            note.push(format!("核增 {} 分", fmt_decimal(self.delta)));
        }
        if let Some(reason) = self.reason() {
            note.push(reason);
        }
        if !self.unexplained.is_empty() {
            note.push("未说明".into());
        }
        note.join("；")
    }

    /// Whether any reviewer changed a field of it.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| !f.changed.is_empty())
    }

    /// Every change has a reason.
    pub fn explained(&self) -> bool {
        self.unexplained.is_empty()
    }
}

/// The comparison of every stage (the 审核表's content, `cqhr review`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewReport {
    /// Self first, then each layer's stage.
    pub stages: Vec<StageReview>,
    pub groups: Vec<GroupReview>,
    pub indicators: Vec<IndicatorReview>,
    /// (layer, indicator) pairs changed without a reason.
    pub unexplained: usize,
    /// The stage a ranking uses ([`usable_stage`]).
    pub usable: Stage,
    /// Problems in the layers ([`validate`]); the self inputs' are in the self report.
    pub errors: Vec<ReviewError>,
}

impl ReviewReport {
    pub fn stage(&self, stage: Stage) -> Option<&StageReview> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorReview> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The total at a stage, if present.
    pub fn total(&self, stage: Stage) -> Option<Decimal> {
        self.stage(stage).map(|s| s.total)
    }

    /// The 合计 row's words: the latest stage against self (较自评核减 x 分 / 核增 /
    /// 与自评一致), and how many changes lack a reason.
    pub fn total_note(&self) -> String {
        let own = self.total(Stage::SelfAssessed).unwrap_or_default();
        let last = self.stages.last().map(|s| s.total).unwrap_or(own);
        let delta = last - own;
        let mut t = if delta < Decimal::ZERO {
            format!("较自评核减 {} 分", fmt_decimal(-delta))
        } else if delta > Decimal::ZERO {
            format!("较自评核增 {} 分", fmt_decimal(delta))
        } else {
            "与自评一致".to_string()
        };
        if self.unexplained > 0 {
            t.push_str(&format!("；未说明的改动 {} 处", self.unexplained));
        }
        t
    }
}

/// A layer's stage and its changed fields (field, what it says), in the layers' order.
type LayerChanges = (Option<Stage>, Vec<(String, String)>);

/// Compares every stage of a draft. Lenient like [`score_draft`]: bad layer data is in
/// `errors` and bad values score as blank. Fails only for an unknown rubric or edition.
pub fn review(draft: &Draft) -> Result<ReviewReport, DraftError> {
    let rubric = draft.rubric()?;
    let present = stages(draft);
    let mut stage_reviews = Vec::new();
    for s in &present {
        let report = score_stage(draft, *s)?;
        let layer = draft.reviews.iter().position(|l| l.stage() == Some(*s));
        let l = layer.map(|i| &draft.reviews[i]);
        stage_reviews.push(StageReview {
            stage: *s,
            layer,
            reviewer: l.map(|l| l.reviewer.clone()).unwrap_or_default(),
            date: l.map(|l| l.date.clone()).unwrap_or_default(),
            opinion: l.map(|l| l.opinion.clone()).unwrap_or_default(),
            total: report.total,
            status: layer
                .map(|i| layer_status(draft, i))
                .unwrap_or(LayerStatus::Unsigned),
            report,
        });
    }
    let at = |s: Stage| stage_reviews.iter().find(|r| r.stage == s);
    let latest = stage_reviews.last().map(|r| r.stage).unwrap_or_default();

    // Changes per layer.
    let changes: Vec<LayerChanges> = (0..draft.reviews.len())
        .map(|i| (draft.reviews[i].stage(), changed_fields(draft, i)))
        .collect();
    let mut unexplained_total = 0;
    let mut indicators = Vec::new();
    for ind in &rubric.indicators {
        let score_at = |s: Stage| {
            at(s)
                .and_then(|r| r.report.indicator(&ind.id))
                .map(|i| i.score)
        };
        let self_score = score_at(Stage::SelfAssessed).unwrap_or_default();
        let mut reasons = Vec::new();
        let mut unexplained = Vec::new();
        let mut confirmed = Vec::new();
        for (i, layer) in draft.reviews.iter().enumerate() {
            let Some(s) = layer.stage() else { continue };
            if let Some(text) = layer.reason(&ind.id) {
                reasons.push(StageText {
                    stage: s,
                    text: text.to_string(),
                });
            }
            let changed_here = changes[i].1.iter().any(|(id, _)| id == &ind.id);
            if changed_here && layer.reason(&ind.id).is_none() {
                unexplained.push(s);
                unexplained_total += 1;
            }
            if layer.confirmed.iter().any(|c| c == &ind.id) {
                confirmed.push(s);
            }
        }
        let fields = ind
            .fields
            .iter()
            .map(|f| {
                let over = |s: Stage| {
                    draft
                        .reviews
                        .iter()
                        .find(|l| l.stage() == Some(s))
                        .and_then(|l| l.raw(&ind.id, &f.key))
                        .cloned()
                };
                FieldReview {
                    key: f.key.clone(),
                    label: f.label.clone(),
                    unit: f.unit.clone(),
                    kind: f.kind,
                    platform: draft.raw(&ind.id, &f.key).cloned(),
                    district: over(Stage::District),
                    city: over(Stage::City),
                    changed: changes
                        .iter()
                        .filter(|(_, c)| c.iter().any(|(i, k)| i == &ind.id && k == &f.key))
                        .filter_map(|(s, _)| *s)
                        .collect(),
                }
            })
            .collect();
        indicators.push(IndicatorReview {
            id: ind.id.clone(),
            group: ind.group.clone(),
            name: ind.name.clone(),
            cap: ind.cap,
            self_score,
            district: score_at(Stage::District),
            city: score_at(Stage::City),
            delta: score_at(latest).unwrap_or(self_score) - self_score,
            reasons,
            unexplained,
            confirmed,
            fields,
        });
    }
    let groups = rubric
        .groups
        .iter()
        .map(|g| {
            let sub = |s: Stage| {
                at(s)
                    .and_then(|r| r.report.groups.iter().find(|x| x.id == g.id))
                    .map(|x| x.score)
            };
            GroupReview {
                id: g.id.clone(),
                name: g.name.clone(),
                cap: rubric.group_cap(&g.id),
                self_score: sub(Stage::SelfAssessed).unwrap_or_default(),
                district: sub(Stage::District),
                city: sub(Stage::City),
            }
        })
        .collect();
    Ok(ReviewReport {
        stages: stage_reviews,
        groups,
        indicators,
        unexplained: unexplained_total,
        usable: usable_stage(draft).0,
        errors: validate(draft),
    })
}
