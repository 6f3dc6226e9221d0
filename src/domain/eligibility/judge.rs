//! One condition row judged: a draft's inputs resolved (typed value, else a fallback
//! suggestion, [`Inputs`]), a quantitative row against its value ([`evaluate`]), a
//! confirmation ([`confirmation`]) and an "或" row ([`any_of`]). Its own room because
//! these build the rows that the check in `mod.rs` only loops over.

use super::conditions::{CertField, ConditionDef, ThresholdDef, CONDITIONS, RELIEF_TEXT};
use super::relief::Relief;
use super::report::{Condition, Status, Threshold};
use super::suggest::{Suggestion, ValueSource};
use crate::domain::draft::certification::{read_number_in, CertKind, Certification};
use crate::domain::draft::{DraftError, FieldPath};
use rust_decimal::Decimal;

/// A value resolved for the check, and where it came from.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub(super) value: Decimal,
    pub(super) source: ValueSource,
}

/// A quantitative row, checked against one value.
pub(super) fn evaluate(
    def: &ConditionDef,
    q: &ThresholdDef,
    value: Option<Resolved>,
    relief: &Relief,
) -> Condition {
    let (status, shortfall_text, grant) = match &value {
        None => (
            Status::Blank,
            None,
            relief.grant(def.id).map(|g| relief.check(g, q)),
        ),
        Some(r) => {
            let v = r.value;
            relief.judge(def, q, v, &|t| q.comparison.holds(v, t))
        }
    };
    Condition {
        id: def.id,
        article: def.article.to_string(),
        description: def.wording.to_string(),
        quantitative: def.quantitative(),
        fields: def.reads().iter().map(|f| f.to_string()).collect(),
        threshold: Some(Threshold {
            comparison: q.comparison,
            value: q.value(),
            unit: q.unit.to_string(),
        }),
        value: value.as_ref().map(|r| r.value),
        source: value.map(|r| r.source),
        status,
        shortfall: shortfall_text,
        relief: (status == Status::MissedWithoutGrant).then(|| RELIEF_TEXT.to_string()),
        grant,
        reading: (!def.reading.is_empty()).then(|| def.reading.to_string()),
        alternatives: Vec::new(),
    }
}

/// A confirmation row: met when ticked.
pub(super) fn confirmation(cert: &Certification, def: &ConditionDef) -> Condition {
    let key = def.id.key();
    let ticked = cert.confirmed(key);
    Condition {
        id: def.id,
        article: def.article.to_string(),
        description: def.wording.to_string(),
        quantitative: false,
        fields: vec![key.to_string()],
        threshold: None,
        value: None,
        source: ticked.then_some(ValueSource::Entered),
        status: if ticked {
            Status::Met
        } else {
            Status::Unconfirmed
        },
        shortfall: None,
        relief: None,
        grant: None,
        reading: (!def.reading.is_empty()).then(|| def.reading.to_string()),
        alternatives: Vec::new(),
    }
}

/// The inputs of one draft, resolved: typed value, else a fallback suggestion. Each key
/// is read once (an invalid value is reported once).
pub(super) struct Inputs<'a> {
    pub(super) cert: &'a Certification,
    pub(super) suggestions: Vec<Suggestion>,
    pub(super) errors: Vec<DraftError>,
    pub(super) labels: Vec<CertField>,
    pub(super) resolved: Vec<(&'static str, Option<Resolved>)>,
}

impl Inputs<'_> {
    pub(super) fn label(&self, key: &str) -> &'static str {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.label)
            .unwrap_or("认定条件")
    }

    fn unit(&self, key: &str) -> &'static str {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.unit)
            .unwrap_or("")
    }

    fn kind(&self, key: &str) -> CertKind {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.kind)
            .unwrap_or(CertKind::Amount)
    }

    /// The typed value only (an invalid one is recorded and read as blank).
    pub(super) fn entered(&mut self, key: &'static str) -> Option<Decimal> {
        let raw = self.cert.raw(key)?;
        match read_number_in(raw, self.kind(key), self.unit(key)) {
            Ok(d) => {
                if key == "sites" && d < Decimal::ONE {
                    self.errors.push(DraftError::at(
                        FieldPath::certification(key),
                        format!(
                            "认定条件“{}”：至少为 1（集中在一处的填 1）",
                            self.label(key)
                        ),
                    ));
                    return None;
                }
                Some(d)
            }
            Err(msg) => {
                self.errors.push(DraftError::at(
                    FieldPath::certification(key),
                    format!("认定条件“{}”：{msg}", self.label(key)),
                ));
                None
            }
        }
    }

    /// The typed value; if blank (not invalid), the first fallback suggestion.
    pub(super) fn resolve(&mut self, key: &'static str) -> Option<Resolved> {
        if let Some((_, r)) = self.resolved.iter().find(|(k, _)| *k == key) {
            return r.clone();
        }
        let r = if self.cert.raw(key).is_some() {
            self.entered(key).map(|value| Resolved {
                value,
                source: ValueSource::Entered,
            })
        } else {
            self.suggestions
                .iter()
                .find(|s| s.field == key && s.fallback)
                .map(|s| Resolved {
                    value: s.value,
                    source: s.source.clone(),
                })
        };
        self.resolved.push((key, r.clone()));
        r
    }

    /// A value already resolved.
    pub(super) fn cached(&self, key: &str) -> Option<Decimal> {
        self.resolved
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, r)| r.as_ref().map(|r| r.value))
    }
}

/// An "或" row (Art. 13 (三)): met when either half is met (or met under a grant).
pub(super) fn any_of(def: &ConditionDef, halves: Vec<Condition>) -> Condition {
    let any = |s: Status| halves.iter().any(|c| c.status == s);
    let status = [
        Status::Met,
        Status::MetUnderGrant,
        Status::WithinDeadline,
        Status::Blank,
        Status::DeadlineUnchecked,
        Status::MissedWithoutGrant,
    ]
    .into_iter()
    .find(|s| any(*s))
    .unwrap_or(Status::Missed);
    let short_name = |c: &Condition| -> &'static str {
        CONDITIONS
            .iter()
            .find(|d| d.id == c.id)
            .map(|d| d.short_name)
            .unwrap_or("")
    };
    let shortfall = match status {
        Status::Met | Status::MetUnderGrant | Status::Unconfirmed => None,
        Status::Blank | Status::DeadlineUnchecked | Status::WithinDeadline => {
            let parts: Vec<String> = halves
                .iter()
                .map(|c| match &c.shortfall {
                    Some(s) => format!("{}：{s}", short_name(c)),
                    None => format!("{}：{}", short_name(c), c.status.label_zh()),
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；")))
        }
        Status::Missed | Status::MissedWithoutGrant => {
            let parts: Vec<String> = halves
                .iter()
                .filter_map(|c| {
                    c.shortfall
                        .as_ref()
                        .map(|s| format!("{}{s}", short_name(c)))
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；或")))
        }
    };
    Condition {
        id: def.id,
        article: def.article.to_string(),
        description: def.wording.to_string(),
        quantitative: def.quantitative(),
        fields: def.reads().iter().map(|f| f.to_string()).collect(),
        threshold: None,
        value: None,
        source: None,
        status,
        shortfall,
        relief: (status == Status::MissedWithoutGrant).then(|| RELIEF_TEXT.to_string()),
        grant: None,
        reading: (!def.reading.is_empty()).then(|| def.reading.to_string()),
        alternatives: halves,
    }
}
