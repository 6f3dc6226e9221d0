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
//! * A layer is signed (format 3, issue 21; `signature.rs`): the reviewer's SM2 key signs
//!   the SM3 digest of the canonical content — the platform's identity, the edition, what
//!   it reviewed ([`Seen`]: the self inputs and every lower layer), and the layer's own
//!   values, reasons, opinion, reviewer, date and stage. [`layer_status`] says whether the
//!   signature holds now and whose key it is, against the directory the verifier accepted
//!   (`sign::trust`). A layer whose content changed after signing is 签名无效（内容已改动）,
//!   listing the fields that moved from the `seen` copy it keeps.
//! * A stage is usable (reviewed) when every layer up to it is validly signed
//!   ([`usable_stage`]): unsigned, legacy (format 2's FNV-1a code), invalid, unknown or
//!   misplaced signers are scored and shown, never ranked on.

use super::draft::{is_blank, Draft, DraftError};
use super::number::{fmt_decimal, parse_decimal};
use super::score::{score_draft, Report};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub use super::draft::review::{Inputs, ReviewLayer, Seen, SeenLayer, Stage};

mod compare;
mod signature;
mod valid;
mod validate;
pub use compare::*;
pub use signature::*;
pub use valid::*;
pub use validate::*;

/// Which stage to score: one of the three, or the latest reviewed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageChoice {
    Stage(Stage),
    /// The latest validly signed stage ([`usable_stage`]).
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

/// Confirms layer `index` without a key: records the SM3 fingerprint of its content and
/// the content reviewed, but no signature, so it reads 未签名 (and is not ranked on).
/// [`sign_layer`] signs it.
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
    let fp = content_fingerprint(draft, index, "");
    let seen = seen_now(draft, index);
    let layer = &mut draft.reviews[index];
    layer.fingerprint = Some(fp);
    layer.signature = None;
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

/// The draft as scored at a stage: the self inputs with every layer up to that stage laid
/// over them, field by field, in list order; no reviews. Layers of an unknown stage are
/// not applied.
pub fn stage_draft(draft: &Draft, stage: Stage) -> Draft {
    let mut merged = draft.clone();
    merged.reviews = Vec::new();
    for layer in &draft.reviews {
        if layer.stage().is_none_or(|s| s > stage) {
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

/// The latest reviewed stage: the latest one every layer up to which is validly signed
/// for its role and district (self if there is none), and the stages passed over because
/// a layer up to them is not (unsigned, invalid, not in the directory …). The one
/// function that says whether a stage is reviewed; under the trust installed on this
/// thread ([`usable_stage_with`] takes one).
pub fn usable_stage(draft: &Draft) -> (Stage, Vec<Stage>) {
    usable_stage_with(draft, &crate::domain::sign::trust::current())
}

/// As [`usable_stage`], under a given trust.
pub fn usable_stage_with(draft: &Draft, trust: &crate::domain::sign::Trust) -> (Stage, Vec<Stage>) {
    let mut best = Stage::SelfAssessed;
    let mut stale = Vec::new();
    let mut blocked = false;
    for (i, l) in draft.reviews.iter().enumerate() {
        let Some(s) = l.stage() else { continue };
        if !blocked && !layer_status_by(draft, i, trust).is_valid() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric::FieldKind;
    use serde_json::json;

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
