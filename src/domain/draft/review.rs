//! The review layers a draft carries (Art. 30, format 2; signatures format 3): the input records only. The
//! overlay, fingerprints, validation and the comparison are in `domain::review`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A stage of Art. 30: the platform's 自评, the district's 初审, the city's 评审.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Stage {
    /// 自评: the platform's own inputs.
    #[default]
    #[serde(rename = "self")]
    SelfAssessed,
    /// 区县初审.
    #[serde(rename = "district")]
    District,
    /// 市级评审.
    #[serde(rename = "city")]
    City,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::SelfAssessed, Stage::District, Stage::City];

    /// `self`, `district`, `city`.
    pub fn key(self) -> &'static str {
        match self {
            Stage::SelfAssessed => "self",
            Stage::District => "district",
            Stage::City => "city",
        }
    }

    /// 自评 / 初审 / 评审 (the ranking's and the 审核表's column words).
    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::SelfAssessed => "自评",
            Stage::District => "初审",
            Stage::City => "评审",
        }
    }

    /// 平台自评 / 区县初审 / 市级评审.
    pub fn long_label_zh(self) -> &'static str {
        match self {
            Stage::SelfAssessed => "平台自评",
            Stage::District => "区县初审",
            Stage::City => "市级评审",
        }
    }

    /// Reads `self` / `district` / `city` (the key only).
    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key.trim())
    }
}

/// indicator id → field key → value as typed.
pub type Inputs = BTreeMap<String, BTreeMap<String, Value>>;

/// Sets one field's value in a set of inputs (the draft's or a review layer's) or, with
/// `None`, removes it, dropping an indicator left with no field: the one `set_raw`.
pub fn set_input(inputs: &mut Inputs, indicator: &str, field: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            inputs
                .entry(indicator.to_string())
                .or_default()
                .insert(field.to_string(), v);
        }
        None => {
            if let Some(m) = inputs.get_mut(indicator) {
                m.remove(field);
                if m.is_empty() {
                    inputs.remove(indicator);
                }
            }
        }
    }
}

/// One reviewer's layer, as stored in the draft's `reviews`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewLayer {
    /// `district` or `city`, as typed (an unknown one is kept and reported by [`validate`]).
    #[serde(default)]
    pub stage: String,
    /// 审核人.
    #[serde(default)]
    pub reviewer: String,
    /// 审核日期, "YYYY-MM-DD" as typed.
    #[serde(default)]
    pub date: String,
    /// Only the facts this reviewer changed; a blank value strikes the field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inputs: Inputs,
    /// indicator id → 核减/核增说明.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reasons: BTreeMap<String, String>,
    /// Indicators confirmed unchanged (核实无误).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmed: Vec<String>,
    /// 审核意见.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub opinion: String,
    /// SM3 (64 hex digits) of the content the layer covers (format 3,
    /// `review::signature`); a 16-digit FNV-1a code is format 2's (未签名（旧格式）);
    /// absent: never confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The reviewer's SM2 signature over that content (format 3); absent: 未签名.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<LayerSignature>,
    /// The content reviewed, kept to list the fields that moved when the layer is stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ReviewLayer {
    pub fn new(stage: Stage, reviewer: &str, date: &str) -> ReviewLayer {
        ReviewLayer {
            stage: stage.key().to_string(),
            reviewer: reviewer.to_string(),
            date: date.to_string(),
            ..ReviewLayer::default()
        }
    }

    /// The stage, if known.
    pub fn stage(&self) -> Option<Stage> {
        match Stage::from_key(&self.stage) {
            Some(Stage::SelfAssessed) | None => None,
            s => s,
        }
    }

    /// The reviewer's value of a field, if this layer sets it (`Some(Value::Null)`: struck).
    pub fn raw(&self, indicator: &str, field: &str) -> Option<&Value> {
        self.inputs.get(indicator).and_then(|m| m.get(field))
    }

    /// Sets the reviewer's value of a field (`Some(Value::Null)` strikes it) or, with
    /// `None`, removes the override so that the value below falls through.
    pub fn set_raw(&mut self, indicator: &str, field: &str, value: Option<Value>) {
        set_input(&mut self.inputs, indicator, field, value)
    }

    /// Sets (blank: removes) the reason for an indicator.
    pub fn set_reason(&mut self, indicator: &str, text: &str) {
        if text.trim().is_empty() {
            self.reasons.remove(indicator);
        } else {
            self.reasons.insert(indicator.to_string(), text.to_string());
        }
    }

    /// Marks (or unmarks) an indicator 核实无误.
    pub fn set_confirmed(&mut self, indicator: &str, yes: bool) {
        self.confirmed.retain(|c| c != indicator);
        if yes {
            self.confirmed.push(indicator.to_string());
            self.confirmed.sort();
        }
    }

    /// The reason given for an indicator, if not blank.
    pub fn reason(&self, indicator: &str) -> Option<&str> {
        self.reasons
            .get(indicator)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

/// A layer's signature (format 3): the signer's public key and the SM2 signature of the
/// SM3 digest of the layer's canonical content (`review::signature::content`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerSignature {
    /// SM2 public key, 130 hex digits (`04‖x‖y`).
    #[serde(default)]
    pub public_key: String,
    /// r‖s, 128 hex digits.
    #[serde(default)]
    pub value: String,
}

/// The canonical content a layer reviewed; its fingerprint is the layer's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    #[serde(default)]
    pub rubric: String,
    #[serde(default)]
    pub edition: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
    /// The self inputs, canonical.
    #[serde(default)]
    pub inputs: Inputs,
    /// Every lower layer's stage and inputs, canonical.
    #[serde(default)]
    pub layers: Vec<SeenLayer>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SeenLayer {
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub inputs: Inputs,
}
