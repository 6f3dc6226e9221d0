//! 初审 and 评审 (Art. 30): review layers over a platform's self-assessment.
//!
//! A draft may carry `reviews`, an ordered list of layers (README "Review stages"). Each
//! layer is what one reviewer changed: the facts she corrected (same shape as the draft's
//! `inputs`), a reason per indicator, the indicators she confirmed unchanged, her opinion,
//! and the fingerprint of the content she reviewed. Readings fixed here (docs/readings.md):
//!
//! * The score at a stage is the self inputs with every layer up to that stage laid over
//!   them field by field ([`stage_draft`]), scored by the same [`score_draft`]: a later
//!   layer wins, an untouched field falls through, and a field a layer sets blank (`null`,
//!   `""`) is struck (未填 at that stage). The platform's `inputs` are never changed.
//! * A field "changed" by a layer is one whose value differs (read exactly: `37`, `"37"`
//!   and `"３７"` are the same) from the value below it. A changed indicator without a
//!   reason in that layer is 未说明: allowed, counted.
//! * At most one layer per stage, district before city.
//! * The fingerprint of a layer is FNV-1a 64 (16 lowercase hex digits) of the canonical
//!   JSON of what it reviewed ([`Seen`]): rubric, edition, level, choices, the self inputs
//!   and the stage and inputs of every lower layer — what the scores are made of; blank
//!   self values are left out and every quantity is written as its exact decimal. Reasons,
//!   opinions and names are not in it: editing them does not make a review stale.
//! * A layer whose fingerprint differs from the current content is 已过期（审核后内容有变动）
//!   and is not used for ranking until re-confirmed ([`confirm`]); the fields that moved
//!   are listed from the `seen` copy the layer keeps. A layer without a fingerprint is
//!   scored and shown as 未核验. A stage is usable when no layer up to it is stale.

use super::draft::{is_blank, Draft, DraftError, DraftErrorKind, FieldPath};
use super::number::{fmt_decimal, parse_decimal};
use super::rubric::{FieldKind, Rubric};
use super::score::{score_draft, Report};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub use super::draft::review::{Inputs, ReviewLayer, Seen, SeenLayer, Stage};

/// Which stage to score: one of the three, or the latest usable one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageChoice {
    Stage(Stage),
    /// The latest stage no stale layer is under ([`usable_stage`]).
    Latest,
}

impl StageChoice {
    /// Reads `self` / `district` / `city` / `latest`.
    pub fn from_key(key: &str) -> Option<StageChoice> {
        if key.trim() == "latest" {
            Some(StageChoice::Latest)
        } else {
            Stage::from_key(key).map(StageChoice::Stage)
        }
    }
}

/// FNV-1a 64-bit of bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A value in canonical form: a quantity as its exact decimal text, a set sorted, text
/// trimmed; blank as `null`.
pub fn canonical_value(v: &Value) -> Value {
    if is_blank(v) {
        return Value::Null;
    }
    let text = match v {
        Value::Number(n) => Some(n.as_str()),
        Value::String(s) => Some(s.as_str()),
        _ => None,
    };
    if let Some(t) = text {
        return match parse_decimal(t) {
            Ok(d) => Value::String(fmt_decimal(d)),
            Err(_) => Value::String(t.trim().to_string()),
        };
    }
    match v {
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(canonical_value).collect();
            items.sort_by_key(|a| a.to_string());
            Value::Array(items)
        }
        other => other.clone(),
    }
}

fn canonical_inputs(inputs: &Inputs, keep_blank: bool) -> Inputs {
    let mut out = Inputs::new();
    for (ind, fields) in inputs {
        let mut m = BTreeMap::new();
        for (k, v) in fields {
            if keep_blank || !is_blank(v) {
                m.insert(k.clone(), canonical_value(v));
            }
        }
        if !m.is_empty() {
            out.insert(ind.clone(), m);
        }
    }
    out
}

/// What layer `index` of the draft reviews, as it is now.
pub fn seen_now(draft: &Draft, index: usize) -> Seen {
    Seen {
        rubric: draft.rubric.clone(),
        edition: draft.edition.clone(),
        level: draft.level.key().to_string(),
        choices: draft.choices.clone(),
        inputs: canonical_inputs(&draft.inputs, false),
        layers: draft
            .reviews
            .iter()
            .take(index)
            .map(|l| SeenLayer {
                stage: l.stage.trim().to_string(),
                inputs: canonical_inputs(&l.inputs, true),
            })
            .collect(),
    }
}

/// The fingerprint of content: FNV-1a 64 of its canonical JSON (keys sorted), 16 hex digits.
pub fn fingerprint_of(seen: &Seen) -> String {
    let value = serde_json::to_value(seen).unwrap_or(Value::Null);
    format!("{:016x}", fnv1a64(value.to_string().as_bytes()))
}

/// The fingerprint layer `index` would record now.
pub fn fingerprint(draft: &Draft, index: usize) -> String {
    fingerprint_of(&seen_now(draft, index))
}

/// Signs layer `index` (a first signature or a re-confirmation): records the fingerprint
/// and the content it covers, so the layer is current again.
pub fn confirm(draft: &mut Draft, index: usize) -> Result<(), ReviewError> {
    if index >= draft.reviews.len() {
        return Err(ReviewError {
            layer: index,
            stage: String::new(),
            indicator: None,
            field: None,
            kind: ReviewErrorKind::NoSuchLayer,
        });
    }
    let seen = seen_now(draft, index);
    let layer = &mut draft.reviews[index];
    layer.fingerprint = Some(fingerprint_of(&seen));
    layer.seen = Some(seen);
    Ok(())
}

/// The layer of a stage: its index, creating it (in order: district before city) when
/// the draft has none. For the reviewer's screen choosing 以区县初审/市级评审身份审核.
pub fn open_layer(draft: &mut Draft, stage: Stage, reviewer: &str, date: &str) -> Option<usize> {
    if stage == Stage::SelfAssessed {
        return None;
    }
    if let Some(i) = draft.reviews.iter().position(|l| l.stage() == Some(stage)) {
        return Some(i);
    }
    let at = draft
        .reviews
        .iter()
        .position(|l| l.stage().is_some_and(|s| s > stage))
        .unwrap_or(draft.reviews.len());
    draft
        .reviews
        .insert(at, ReviewLayer::new(stage, reviewer, date));
    Some(at)
}

/// Marks 核实无误 every indicator of the rubric that layer `index` leaves unchanged.
pub fn confirm_unchanged(draft: &mut Draft, index: usize) {
    let Ok(rubric) = draft.rubric() else { return };
    let Some(layer) = draft.reviews.get(index) else {
        return;
    };
    let changed = changed_fields(draft, index);
    let mut ids: Vec<String> = layer.confirmed.clone();
    for ind in &rubric.indicators {
        if !changed.iter().any(|(i, _)| i == &ind.id) && !ids.contains(&ind.id) {
            ids.push(ind.id.clone());
        }
    }
    ids.sort();
    draft.reviews[index].confirmed = ids;
}

/// Who signed which stage, and whether it still holds (a link preview's line; no scoring).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    pub layer: usize,
    pub stage: Stage,
    pub reviewer: String,
    pub date: String,
    pub status: LayerStatus,
}

/// The review layers of a draft with a known stage, in order, with their status.
pub fn signatures(draft: &Draft) -> Vec<Signature> {
    draft
        .reviews
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            Some(Signature {
                layer: i,
                stage: l.stage()?,
                reviewer: l.reviewer.clone(),
                date: l.date.clone(),
                status: layer_status(draft, i),
            })
        })
        .collect()
}

/// Whether a layer is signed over the current content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LayerStatus {
    /// 已核验: the fingerprint matches.
    Current,
    /// 未核验: no fingerprint (written by hand or by another tool); still scored.
    Unverified,
    /// 已过期（审核后内容有变动）: with the fields that moved (empty if the layer kept no
    /// `seen` copy to compare with).
    Stale { moved: Vec<MovedField> },
}

impl LayerStatus {
    pub fn label_zh(&self) -> &'static str {
        match self {
            LayerStatus::Current => "已核验",
            LayerStatus::Unverified => "未核验",
            LayerStatus::Stale { .. } => "已过期（审核后内容有变动）",
        }
    }

    pub fn is_stale(&self) -> bool {
        matches!(self, LayerStatus::Stale { .. })
    }
}

/// A value that changed after a layer was signed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedField {
    /// Whose value moved: the platform's (`self`) or a lower layer's.
    pub by: Stage,
    /// Empty for a draft-level member (`level`, `choices`, `rubric`, `edition`).
    pub indicator: String,
    /// Field key; `level`, `choices.<pair>`, `rubric`, `edition` for draft-level ones;
    /// `stage` for a lower layer added, removed or re-staged.
    pub field: String,
    /// Canonical values then and now (`None`: absent).
    pub was: Option<Value>,
    pub now: Option<Value>,
}

impl MovedField {
    /// "自评 指标 1.1 firms：37 → 40".
    pub fn text_zh(&self) -> String {
        let show = |v: &Option<Value>| match v {
            None | Some(Value::Null) => "（空）".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        let place = if self.indicator.is_empty() {
            self.field.clone()
        } else {
            format!("指标 {} {}", self.indicator, self.field)
        };
        format!(
            "{} {place}：{} → {}",
            self.by.label_zh(),
            show(&self.was),
            show(&self.now)
        )
    }
}

fn diff_inputs(by: Stage, was: &Inputs, now: &Inputs, out: &mut Vec<MovedField>) {
    let keys: BTreeSet<(&String, &String)> = was
        .iter()
        .chain(now.iter())
        .flat_map(|(i, m)| m.keys().map(move |k| (i, k)))
        .collect();
    for (ind, field) in keys {
        let a = was.get(ind).and_then(|m| m.get(field));
        let b = now.get(ind).and_then(|m| m.get(field));
        if a != b {
            out.push(MovedField {
                by,
                indicator: ind.clone(),
                field: field.clone(),
                was: a.cloned(),
                now: b.cloned(),
            });
        }
    }
}

/// The values that differ between what a layer saw and what it would see now.
pub fn moved(was: &Seen, now: &Seen) -> Vec<MovedField> {
    let mut out = Vec::new();
    let top = |field: &str, a: &str, b: &str, out: &mut Vec<MovedField>| {
        if a != b {
            out.push(MovedField {
                by: Stage::SelfAssessed,
                indicator: String::new(),
                field: field.to_string(),
                was: Some(Value::String(a.to_string())),
                now: Some(Value::String(b.to_string())),
            });
        }
    };
    top("rubric", &was.rubric, &now.rubric, &mut out);
    top("edition", &was.edition, &now.edition, &mut out);
    top("level", &was.level, &now.level, &mut out);
    let pairs: BTreeSet<&String> = was.choices.keys().chain(now.choices.keys()).collect();
    for p in pairs {
        let (a, b) = (was.choices.get(p), now.choices.get(p));
        if a != b {
            out.push(MovedField {
                by: Stage::SelfAssessed,
                indicator: String::new(),
                field: format!("choices.{p}"),
                was: a.map(|s| Value::String(s.clone())),
                now: b.map(|s| Value::String(s.clone())),
            });
        }
    }
    diff_inputs(Stage::SelfAssessed, &was.inputs, &now.inputs, &mut out);
    let empty = SeenLayer::default();
    for j in 0..was.layers.len().max(now.layers.len()) {
        let a = was.layers.get(j);
        let b = now.layers.get(j);
        let stage_of = |l: Option<&SeenLayer>| {
            l.and_then(|l| Stage::from_key(&l.stage))
                .unwrap_or(Stage::District)
        };
        let by = stage_of(b.or(a));
        if a.map(|l| &l.stage) != b.map(|l| &l.stage) {
            out.push(MovedField {
                by,
                indicator: String::new(),
                field: "stage".into(),
                was: a.map(|l| Value::String(l.stage.clone())),
                now: b.map(|l| Value::String(l.stage.clone())),
            });
        }
        diff_inputs(
            by,
            &a.unwrap_or(&empty).inputs,
            &b.unwrap_or(&empty).inputs,
            &mut out,
        );
    }
    out
}

/// Whether layer `index` is current, unverified or stale (with what moved).
pub fn layer_status(draft: &Draft, index: usize) -> LayerStatus {
    let Some(layer) = draft.reviews.get(index) else {
        return LayerStatus::Unverified;
    };
    let Some(fp) = layer.fingerprint.as_deref().map(str::trim) else {
        return LayerStatus::Unverified;
    };
    let now = seen_now(draft, index);
    if fingerprint_of(&now) == fp {
        return LayerStatus::Current;
    }
    LayerStatus::Stale {
        moved: layer
            .seen
            .as_ref()
            .map(|was| moved(was, &now))
            .unwrap_or_default(),
    }
}

/// The draft as scored at a stage: the self inputs with every layer up to that stage laid
/// over them, field by field, in list order; no reviews. Layers of an unknown stage are
/// not applied.
pub fn stage_draft(draft: &Draft, stage: Stage) -> Draft {
    let mut merged = draft.clone();
    merged.reviews = Vec::new();
    for layer in &draft.reviews {
        if !layer.stage().is_some_and(|s| s <= stage) {
            continue;
        }
        for (ind, fields) in &layer.inputs {
            for (key, v) in fields {
                merged.set_raw(ind, key, Some(v.clone()));
            }
        }
    }
    merged
}

/// The stages present: self, then each layer's (known) stage, in order.
pub fn stages(draft: &Draft) -> Vec<Stage> {
    let mut out = vec![Stage::SelfAssessed];
    for l in &draft.reviews {
        if let Some(s) = l.stage() {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The latest stage no stale layer is under (self if there is none), and the stages
/// passed over because a layer up to them is stale.
pub fn usable_stage(draft: &Draft) -> (Stage, Vec<Stage>) {
    let mut best = Stage::SelfAssessed;
    let mut stale = Vec::new();
    let mut blocked = false;
    for (i, l) in draft.reviews.iter().enumerate() {
        let Some(s) = l.stage() else { continue };
        if !blocked && layer_status(draft, i).is_stale() {
            blocked = true;
        }
        if blocked {
            if !stale.contains(&s) {
                stale.push(s);
            }
        } else if s > best {
            best = s;
        }
    }
    (best, stale)
}

/// Resolves a choice to a stage present in the draft: `Latest` is [`usable_stage`]; an
/// absent stage is `None`.
pub fn resolve(draft: &Draft, choice: StageChoice) -> Option<Stage> {
    match choice {
        StageChoice::Latest => Some(usable_stage(draft).0),
        StageChoice::Stage(s) => stages(draft).contains(&s).then_some(s),
    }
}

/// Scores a stage leniently (as [`score_draft`] on [`stage_draft`]).
pub fn score_stage(draft: &Draft, stage: Stage) -> Result<Report, DraftError> {
    score_draft(&stage_draft(draft, stage))
}

/// (indicator, field) pairs layer `index` changes: set, and different (read exactly)
/// from the value below it.
pub fn changed_fields(draft: &Draft, index: usize) -> Vec<(String, String)> {
    let Some(layer) = draft.reviews.get(index) else {
        return Vec::new();
    };
    let mut below = draft.clone();
    below.reviews.truncate(index);
    let below = stage_draft(&below, Stage::City);
    let mut out = Vec::new();
    for (ind, fields) in &layer.inputs {
        for (key, v) in fields {
            let old = below
                .raw(ind, key)
                .map(canonical_value)
                .unwrap_or(Value::Null);
            if canonical_value(v) != old {
                out.push((ind.clone(), key.clone()));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Validation

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
    /// A value the self inputs would refuse too; `message` is the check's sentence.
    BadValue { message: String },
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
            ReviewErrorKind::BadValue { message } => write!(f, "，{message}"),
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
            ReviewErrorKind::BadValue { .. } if message.contains("不能大于") => {
                DraftErrorKind::Inconsistent
            }
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

/// A real calendar date written YYYY-MM-DD (ASCII digits).
pub fn is_valid_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y > 0 && (1..=days).contains(&d)
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
        } else if !is_valid_date(&layer.date) {
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
                        message: e.message.clone(),
                    },
                ));
            }
        }
    }
    errors
}

fn check_errors(draft: &Draft) -> Vec<DraftError> {
    super::draft::check(draft)
        .map(|c| c.errors)
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The comparison (审核表)

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
    /// Always `Current` for self.
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
}

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
                .unwrap_or(LayerStatus::Current),
            report,
        });
    }
    let at = |s: Stage| stage_reviews.iter().find(|r| r.stage == s);
    let latest = stage_reviews.last().map(|r| r.stage).unwrap_or_default();

    // Changes per layer.
    let changes: Vec<(Option<Stage>, Vec<(String, String)>)> = (0..draft.reviews.len())
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fnv1a64_matches_the_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn canonical_values_read_quantities_exactly() {
        for same in [
            json!(37),
            json!("37"),
            json!("３７"),
            json!(" 37 "),
            json!("37.0"),
        ] {
            assert_eq!(canonical_value(&same), json!("37"), "{same}");
        }
        assert_eq!(canonical_value(&json!("1,000.50")), json!("1000.5"));
        assert_eq!(canonical_value(&json!("")), Value::Null);
        assert_eq!(canonical_value(&json!(" basic ")), json!("basic"));
        assert_eq!(
            canonical_value(&json!(["training", "archives"])),
            json!(["archives", "training"])
        );
    }

    #[test]
    fn moved_lists_each_difference_once() {
        let mut was = Seen::default();
        was.inputs
            .entry("1.1".into())
            .or_default()
            .insert("firms".into(), json!("22"));
        let mut now = was.clone();
        assert!(moved(&was, &now).is_empty());
        now.inputs
            .get_mut("1.1")
            .unwrap()
            .insert("firms".into(), json!("23"));
        now.layers.push(SeenLayer {
            stage: "district".into(),
            inputs: BTreeMap::new(),
        });
        let m = moved(&was, &now);
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            (m[0].field.as_str(), m[0].by),
            ("firms", Stage::SelfAssessed)
        );
        assert_eq!((m[1].field.as_str(), m[1].by), ("stage", Stage::District));
    }

    #[test]
    fn stages_order_and_labels() {
        assert!(Stage::SelfAssessed < Stage::District && Stage::District < Stage::City);
        assert_eq!(Stage::from_key("self"), Some(Stage::SelfAssessed));
        assert_eq!(serde_json::to_value(Stage::City).unwrap(), json!("city"));
        let labels: Vec<&str> = Stage::ALL.iter().map(|s| s.label_zh()).collect();
        assert_eq!(labels, ["自评", "初审", "评审"]);
        // A layer cannot be a self stage.
        assert_eq!(ReviewLayer::new(Stage::SelfAssessed, "", "").stage(), None);
    }

    #[test]
    fn field_values_fall_through_stage_by_stage() {
        let f = FieldReview {
            key: "firms".into(),
            label: String::new(),
            unit: String::new(),
            kind: FieldKind::Count,
            platform: Some(json!(22)),
            district: Some(json!(20)),
            city: Some(Value::Null),
            changed: vec![],
        };
        assert_eq!(f.value_at(Stage::SelfAssessed), Some(&json!(22)));
        assert_eq!(f.value_at(Stage::District), Some(&json!(20)));
        assert_eq!(f.value_at(Stage::City), None, "struck");
    }
}
