//! The certification check's result: each condition's state, the overall verdict, and the
//! notes (typed by [`NoteKind`]) that come with it.

use super::conditions::{Comparison, ConditionId, RELIEF_TEXT};
use super::suggest::ValueSource;
use crate::domain::date::Date;
use crate::domain::districts::Region;
use crate::domain::draft::DraftError;
use crate::domain::number::{fmt_decimal, fmt_grouped};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A condition's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已满足 (the measures' threshold, or a ticked confirmation).
    Met,
    /// Met only against the lowered threshold of a recorded Art. 17 grant (按批准的降低标准
    /// 已满足).
    MetUnderGrant,
    /// Not (yet) at the threshold, but the 达成时限 of a recorded Art. 17 grant has not passed
    /// on the date of the check.
    WithinDeadline,
    /// 未达标: missed where no relief is open (outside 渝东北/渝东南, or not quantitative),
    /// missed against a granted lowered threshold, or missed after the granted 达成时限
    /// (expired).
    Missed,
    /// A quantitative condition missed in 渝东北 or 渝东南 with no grant recorded: a miss,
    /// with the note that relief may be applied for (第十七条). Not an exemption: the
    /// ranking treats it as 待核实.
    MissedWithoutGrant,
    /// A 达成时限 was granted and the value is not yet at the threshold, but the check was
    /// given no date to compare the deadline with (`check_certification` without a date).
    DeadlineUnchecked,
    /// A confirmation not (yet) ticked.
    Unconfirmed,
    /// A quantity not (yet) entered, with nothing to fall back on.
    Blank,
}

impl Status {
    /// `met`, `met_under_grant`, `within_deadline`, `missed`, `missed_without_grant`,
    /// `deadline_unchecked`, `unconfirmed`, `blank`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::MetUnderGrant => "met_under_grant",
            Status::WithinDeadline => "within_deadline",
            Status::Missed => "missed",
            Status::MissedWithoutGrant => "missed_without_grant",
            Status::DeadlineUnchecked => "deadline_unchecked",
            Status::Unconfirmed => "unconfirmed",
            Status::Blank => "blank",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Met => "已满足",
            Status::MetUnderGrant => "按批准的降低标准已满足",
            Status::WithinDeadline => "在批准的达成时限内",
            Status::Missed => "未达标",
            Status::MissedWithoutGrant => "未达标，未记录第十七条批准",
            Status::DeadlineUnchecked => "达成时限未核对",
            Status::Unconfirmed => "未确认",
            Status::Blank => "未填",
        }
    }

    /// Met, or acceptable under a recorded grant (met against the lowered threshold, or
    /// within the 达成时限).
    pub fn satisfied(self) -> bool {
        matches!(
            self,
            Status::Met | Status::MetUnderGrant | Status::WithinDeadline
        )
    }

    /// Not decided yet: blank, unconfirmed, or a deadline not compared with a date.
    pub fn open(self) -> bool {
        matches!(
            self,
            Status::Blank | Status::Unconfirmed | Status::DeadlineUnchecked
        )
    }
}

/// An Art. 17 grant recorded for a condition, as the check applied it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantCheck {
    /// Its place in the draft's `certification.relief` (0-based).
    pub index: usize,
    /// The lowered threshold, when one was granted.
    pub threshold: Option<Threshold>,
    /// The 达成时限, when one was granted.
    pub deadline: Option<Date>,
    /// Days from the check's date to the deadline (negative once passed); `None` without
    /// a deadline or without a date.
    pub days_left: Option<i64>,
    /// The deadline has passed on the check's date.
    pub expired: bool,
    /// The decision's document number, as recorded.
    pub document: String,
    /// What the grant did, in one Chinese sentence.
    pub text: String,
    /// What about the grant an evaluator should look at (issue 20.9).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<GrantConcern>,
}

/// Why a recorded Art. 17 grant is warned about: Art. 17 names "平台面积、入驻企业、营业收入
/// 规模等量化指标" and says "适当降低", so a grant for another condition, or one that lowers a
/// threshold by more than half (raises an upper limit to more than double), is shown and
/// printed as such. The grant is still applied: it is the bureau's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantConcern {
    /// The condition is not one Art. 17 names (it rests on its "等").
    OutsideNamed,
    /// The threshold is lowered by more than half (or an upper limit more than doubled).
    MoreThanHalf,
}

impl GrantConcern {
    pub fn key(self) -> &'static str {
        match self {
            GrantConcern::OutsideNamed => "outside_named",
            GrantConcern::MoreThanHalf => "more_than_half",
        }
    }

    /// The concern in words, for the condition `wording`.
    pub fn text_zh(self, wording: &str) -> String {
        match self {
            GrantConcern::OutsideNamed => format!(
                "第十七条批准“{wording}”：第十七条列举的是平台面积、入驻企业、营业收入规模等量化指标，本项不在列举之内，请核实批准依据"
            ),
            GrantConcern::MoreThanHalf => format!(
                "第十七条批准“{wording}”：批准的标准比条文标准放宽一半以上，第十七条为“适当降低”，请核实"
            ),
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
    /// [`RELIEF_TEXT`] when the status is [`Status::MissedWithoutGrant`].
    pub relief: Option<String>,
    /// The Art. 17 grant recorded for it, as applied.
    pub grant: Option<GrantCheck>,
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
            (Status::MissedWithoutGrant, Some(s)) => {
                format!("未达标（{s}），未记录批准；{RELIEF_TEXT}")
            }
            (Status::MissedWithoutGrant, None) => format!("未达标，未记录批准；{RELIEF_TEXT}"),
            (Status::MetUnderGrant, _) | (Status::WithinDeadline, _) | (Status::Missed, None)
                if self.grant.is_some() =>
            {
                let g = self.grant.as_ref().map(|g| g.text.as_str()).unwrap_or("");
                match &self.shortfall {
                    Some(s) => format!("{}：{g}（{s}）", self.status.label_zh()),
                    None => format!("{}：{g}", self.status.label_zh()),
                }
            }
            (Status::DeadlineUnchecked, Some(s)) => format!("达成时限未核对：{s}"),
            (Status::Blank, Some(s)) => format!("未填完：{s}"),
            (status, _) => status.label_zh().to_string(),
        }
    }
}

/// The outcome of the whole check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// Every condition met against the measures' thresholds.
    Eligible,
    /// Every condition met, at least one only under a recorded Art. 17 grant (against a
    /// lowered threshold, or within its 达成时限).
    EligibleUnderGrant,
    /// A condition missed with no relief open, missed against a granted threshold, or
    /// missed after its granted 达成时限.
    NotEligible,
    /// Nothing missed outright and nothing open, but a quantitative condition is missed in
    /// 渝东北/渝东南 with no grant recorded: not eligible unless the bureau grants relief
    /// (待核实 in a ranking). Replaces the former `EligibleWithRelief`, which treated
    /// Art. 17 as a standing exemption.
    MissedWithoutGrant,
    /// Nothing missed, but something still blank, unconfirmed or not compared with a date.
    Incomplete,
}

impl Overall {
    /// `eligible`, `eligible_under_grant`, `not_eligible`, `missed_without_grant`,
    /// `incomplete`.
    pub fn key(self) -> &'static str {
        match self {
            Overall::Eligible => "eligible",
            Overall::EligibleUnderGrant => "eligible_under_grant",
            Overall::NotEligible => "not_eligible",
            Overall::MissedWithoutGrant => "missed_without_grant",
            Overall::Incomplete => "incomplete",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Overall::Eligible => "符合认定条件",
            Overall::EligibleUnderGrant => "按第十七条批准符合认定条件",
            Overall::NotEligible => "不符合认定条件",
            Overall::MissedWithoutGrant => "未达标，未记录第十七条批准（待核实）",
            Overall::Incomplete => "尚未填完",
        }
    }

    /// True unless a condition was missed with no relief open (or against a grant): the
    /// only outcome that makes a city-level platform 不合格 under Art. 31.
    pub fn not_failed(self) -> bool {
        self != Overall::NotEligible
    }

    /// Met: every condition met, under the measures or a recorded grant.
    pub fn met(self) -> bool {
        matches!(self, Overall::Eligible | Overall::EligibleUnderGrant)
    }

    /// 待核实: unfinished, or missed in 渝东北/渝东南 with no grant recorded.
    pub fn needs_verification(self) -> bool {
        matches!(self, Overall::Incomplete | Overall::MissedWithoutGrant)
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
    /// The date deadlines were compared with (passed in; the domain reads no clock).
    pub today: Option<Date>,
    /// Art. 15 筹建, when the platform is recorded as in preparation.
    pub establishment: Option<EstablishmentCheck>,
}

/// Art. 15 筹建 as checked: "原则上，筹建期最长一年，期满验收未通过，取消筹建资格".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EstablishmentCheck {
    /// The date 筹建 was approved (`None` when not recorded or invalid).
    pub approved: Option<Date>,
    /// The last day of the one-year 筹建期: the same date a year later.
    pub deadline: Option<Date>,
    /// Days from the check's date to the deadline (negative once passed).
    pub days_left: Option<i64>,
    /// The 筹建期 is over on the check's date.
    pub expired: bool,
    /// The conditions still to be met for 验收 (neither met nor met under a grant), in the
    /// report's order.
    pub missing: Vec<ConditionId>,
    /// In one Chinese sentence.
    pub summary: String,
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
