//! The certification check's result: each condition's state, the overall verdict, and the
//! notes (typed by [`NoteKind`]) that come with it.

use super::conditions::{Comparison, ConditionId, RELIEF_TEXT};
use super::suggest::ValueSource;
use crate::domain::districts::Region;
use crate::domain::draft::DraftError;
use crate::domain::number::{fmt_decimal, fmt_grouped};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A condition's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已满足.
    Met,
    /// 未达标.
    Missed,
    /// A quantitative condition missed in 渝东北 or 渝东南: "可申请适当降低标准或设置达成
    /// 时限" (第十七条).
    ReliefEligible,
    /// A confirmation not (yet) ticked.
    Unconfirmed,
    /// A quantity not (yet) entered, with nothing to fall back on.
    Blank,
}

impl Status {
    /// `met`, `missed`, `relief_eligible`, `unconfirmed`, `blank`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::ReliefEligible => "relief_eligible",
            Status::Unconfirmed => "unconfirmed",
            Status::Blank => "blank",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Met => "已满足",
            Status::Missed => "未达标",
            Status::ReliefEligible => "未达标，可申请降低标准",
            Status::Unconfirmed => "未确认",
            Status::Blank => "未填",
        }
    }
}

/// A quantitative condition's threshold, e.g. ≥ 10000 平方米.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Threshold {
    pub comparison: Comparison,
    pub value: Decimal,
    pub unit: String,
}

impl Threshold {
    /// e.g. "≥ 10,000 平方米", "> 100,000 万元（10 亿元）", "≥ 60%".
    pub fn text(&self) -> String {
        format!(
            "{} {}",
            self.comparison.symbol(),
            amount_text(self.value, &self.unit)
        )
    }
}

/// One certification condition, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// e.g. `area_sqm`, `hr_share`, `service_effect`, `local_support` (as serialised).
    pub id: ConditionId,
    /// e.g. 第十一条（三）.
    pub article: String,
    /// The condition in the measures' words.
    pub description: String,
    /// Whether Article 17's relief can apply to it.
    pub quantitative: bool,
    /// The [`Certification`] keys it reads.
    pub fields: Vec<String>,
    pub threshold: Option<Threshold>,
    /// The value checked (`None` when blank; a percentage for the share).
    pub value: Option<Decimal>,
    pub source: Option<ValueSource>,
    pub status: Status,
    /// What is missing, in words: "还差 3 家规模以上企业", "还差 2,000 平方米".
    pub shortfall: Option<String>,
    /// [`RELIEF_TEXT`] when the status is [`Status::ReliefEligible`].
    pub relief: Option<String>,
    /// The project's reading where the text is open.
    pub reading: Option<String>,
    /// For an "或" condition (Art. 13 (三)): its halves; it is met when either is.
    pub alternatives: Vec<Condition>,
}

impl Condition {
    /// The state in one line: "已满足", "未达标：还差 3 家规模以上企业", …
    pub fn status_text(&self) -> String {
        match (&self.status, &self.shortfall) {
            (Status::Missed, Some(s)) => format!("未达标：{s}"),
            (Status::ReliefEligible, Some(s)) => format!("未达标（{s}），{RELIEF_TEXT}"),
            (Status::ReliefEligible, None) => format!("未达标，{RELIEF_TEXT}"),
            (Status::Blank, Some(s)) => format!("未填完：{s}"),
            (status, _) => status.label_zh().to_string(),
        }
    }
}

/// The outcome of the whole check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// Every condition met.
    Eligible,
    /// Every condition met or, in 渝东北/渝东南, missed only where Art. 17 relief can be
    /// requested.
    EligibleWithRelief,
    /// A condition missed with no relief open.
    NotEligible,
    /// Nothing missed, but something still blank or unconfirmed.
    Incomplete,
}

impl Overall {
    /// `eligible`, `eligible_with_relief`, `not_eligible`, `incomplete`.
    pub fn key(self) -> &'static str {
        match self {
            Overall::Eligible => "eligible",
            Overall::EligibleWithRelief => "eligible_with_relief",
            Overall::NotEligible => "not_eligible",
            Overall::Incomplete => "incomplete",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Overall::Eligible => "符合认定条件",
            Overall::EligibleWithRelief => "需申请降低标准（第十七条）",
            Overall::NotEligible => "不符合认定条件",
            Overall::Incomplete => "尚未填完",
        }
    }

    /// True unless a condition was missed without relief: the only outcome that makes a
    /// city-level platform 不合格 under Art. 31.
    pub fn not_failed(self) -> bool {
        self != Overall::NotEligible
    }
}

/// The certification check of one draft (Arts. 10–13, 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificationReport {
    pub rubric: String,
    /// e.g. 市级综合性人力资源服务产业园.
    pub platform_type: String,
    /// The articles applied, e.g. 第十条、第十一条、第十七条.
    pub articles: String,
    /// 所在区县 as the draft gives it.
    pub district: String,
    pub region: Option<Region>,
    /// Whether Art. 17 relief is open (渝东北, 渝东南).
    pub relief_region: bool,
    pub conditions: Vec<Condition>,
    pub overall: Overall,
    /// The outcome in one Chinese sentence.
    pub summary: String,
    /// Readings and context (district, level), in Chinese, each with its kind.
    pub notes: Vec<Note>,
    /// Doubts that do not invalidate the draft (e.g. a typed share that disagrees with
    /// the amounts).
    pub warnings: Vec<String>,
    /// Invalid certification inputs; each is treated as blank.
    pub errors: Vec<DraftError>,
}

impl CertificationReport {
    /// A top-level condition by id.
    pub fn get(&self, id: ConditionId) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// A top-level condition by its key (`"service_effect"`).
    pub fn condition(&self, key: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id.key() == key)
    }

    /// How many top-level conditions have this status.
    pub fn count(&self, status: Status) -> usize {
        self.conditions
            .iter()
            .filter(|c| c.status == status)
            .count()
    }
}

fn yi(wan: Decimal) -> String {
    let yi = wan
        .checked_div(Decimal::from(10_000))
        .unwrap_or(Decimal::ZERO);
    format!("{} 亿元", fmt_grouped(yi))
}

/// A quantity with its unit, as the check shows it: "12,850.5 平方米",
/// "118,999.99 万元（11.899999 亿元）", "65%".
pub fn amount_text(value: Decimal, unit: &str) -> String {
    match unit {
        "万元" => format!("{} 万元（{}）", fmt_grouped(value), yi(value)),
        "%" => format!("{}%", fmt_decimal(value)),
        "" => fmt_grouped(value),
        u => format!("{} {u}", fmt_grouped(value)),
    }
}

/// What a note of the certification report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A reading of the measures' wording (e.g. "不少于" includes the number).
    Reading,
    /// The district and Article 17 (the UI shows it next to the district selector).
    District,
    /// The evaluation level (district or national platform checked against city conditions).
    Level,
}

/// One note of the certification report. Serialised as its text alone (the documented
/// JSON of `cqhr check` lists notes as strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
}

impl Note {
    pub fn new(kind: NoteKind, text: impl Into<String>) -> Note {
        Note {
            kind,
            text: text.into(),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}
