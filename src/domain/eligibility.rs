//! 认定条件: the certification check of 渝人社规〔2025〕4号, Articles 10–13 and 17.
//!
//! A draft may carry a [`Certification`] (its field `certification`): the four Article 10
//! basic conditions as confirmations, and the quantities of Articles 11–13 as typed (a JSON
//! number or a string, read exactly by [`parse_decimal`]). Values the draft already holds
//! elsewhere — the 附表1 application form and the scoring inputs — are offered as
//! [`Suggestion`]s ("从评分表带入"), so the user does not type them twice. The check uses
//! a certification input where one is filled; where it is blank, it falls back to the
//! first suggestion marked `fallback` (application form first, then the scoring draft),
//! and says so on the condition ([`Condition::source`]).
//!
//! Readings fixed here (each is also written on its condition as `reading`):
//!
//! * "不少于", "以上" and "不超过" include the number itself, "超过" does not
//!   (《中华人民共和国民法典》第一千二百五十九条). So 10000 ㎡ meets "不少于10000平方米",
//!   3 sites meet "不超过3个", 60% meets "60%以上", 10 亿元 meets "10亿元（含）以上", but
//!   exactly 5000 person-times does not meet "超过5000人次" and exactly 10 亿元 does not meet
//!   "超过10亿元".
//! * "原则上" (Arts. 11 and 12): the number is checked as written; any leniency is the
//!   bureau's decision, not the tool's.
//! * The HR firms' revenue share (Art. 12 (四)) is computed from the amounts
//!   (人力资源服务企业营收 ÷ 入驻服务业企业营收总额) when both are known; otherwise the
//!   percentage typed directly is used.
//! * Article 13 (三) is met by either half of its "或": more than 5000 person-times, or
//!   more than 10 亿元 of human capital (income).
//! * Article 17 ("平台面积、入驻企业、营业收入规模等量化指标"): "等" leaves the list open, so
//!   every quantitative condition missed by a platform in 渝东北 or 渝东南 reads "可申请适当
//!   降低标准或设置达成时限" instead of a plain miss. Confirmations are not quantitative.
//! * The check is always against the city-level conditions, whatever the draft's
//!   evaluation level: thresholds are never scaled (Art. 33 asks whether a district platform
//!   "符合市级平台认定条件").

use super::application;
use super::districts::{self, Region};
pub use super::draft::certification::{
    read_number, CertKind, Certification, CONFIRMATION_KEYS, QUANTITY_KEYS,
};
use super::draft::previous::parse_previous;
use super::draft::{check as check_draft, Draft, DraftError};
use super::number::{fmt_decimal, fmt_grouped};
use super::rubric::{self, Level};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One certification input as the form shows it, for one platform type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertField {
    /// The key in [`Certification`].
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: CertKind,
    /// The article it comes from, e.g. 第十一条（三）.
    pub article: &'static str,
}

const fn cf(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: CertKind,
    article: &'static str,
) -> CertField {
    CertField {
        key,
        label,
        unit,
        kind,
        article,
    }
}

const BASIC: [CertField; 4] = [
    cf(
        "local_support",
        "当地党委、政府重视人力资源服务业发展，已制定战略规划和政策措施",
        "",
        CertKind::Confirm,
        "第十条（一）",
    ),
    cf(
        "construction_plan",
        "建设方案完整，投资主体、发展目标明确，物理形态相对集中，四至边界清晰",
        "",
        CertKind::Confirm,
        "第十条（二）",
    ),
    cf(
        "infrastructure",
        "基础设施完备，有完整的公共服务支撑体系，能提供行政事务办理、市场业务对接等配套服务",
        "",
        CertKind::Confirm,
        "第十条（三）",
    ),
    cf(
        "operating_bodies",
        "有明确的管理和运营机构，运营、管理、服务、统计机制健全",
        "",
        CertKind::Confirm,
        "第十条（四）",
    ),
];

/// The certification inputs that apply to a platform type (Art. 10 and Art. 11, 12 or
/// 13), in the order of the articles. Empty for an unknown rubric id.
pub fn fields(rubric_id: &str) -> Vec<CertField> {
    use CertKind::{Amount, Confirm, Count, Percent};
    let mut out = BASIC.to_vec();
    match rubric_id {
        "comprehensive-park" => out.extend([
            cf("area_sqm", "平台建筑面积", "平方米", Amount, "第十一条（一）"),
            cf("sites", "场地个数（集中在一处的填 1）", "个", Count, "第十一条（一）"),
            cf("management_staff", "管理机构专职工作人员", "人", Count, "第十一条（二）"),
            cf("operator_staff", "运营机构专职工作人员", "人", Count, "第十一条（二）"),
            cf("hr_firms", "入驻人力资源服务企业", "家", Count, "第十一条（三）"),
            cf("above_scale_firms", "其中：规模以上人力资源服务企业", "家", Count, "第十一条（三）"),
            cf("revenue_wan", "入驻人力资源服务企业上年度营业收入总额", "万元", Amount, "第十一条（四）"),
        ]),
        "specialized-park" => out.extend([
            cf("area_sqm", "平台建筑面积", "平方米", Amount, "第十二条（一）"),
            cf("sites", "场地个数（集中在一处的填 1）", "个", Count, "第十二条（一）"),
            cf("management_staff", "管理机构专职工作人员", "人", Count, "第十二条（二）"),
            cf("operator_staff", "运营机构专职工作人员", "人", Count, "第十二条（二）"),
            cf("focus", "专业性、行业性特点鲜明，围绕特定人力资源服务业态或特定行业集聚人力资源服务企业", "", Confirm, "第十二条（三）"),
            cf("hr_firms", "入驻人力资源服务企业", "家", Count, "第十二条（三）"),
            cf("above_scale_firms", "入驻规模以上服务业企业", "家", Count, "第十二条（三）"),
            cf("revenue_wan", "入驻服务业企业上年度营业收入总额", "万元", Amount, "第十二条（四）"),
            cf("hr_revenue_wan", "其中：人力资源服务企业营业收入", "万元", Amount, "第十二条（四）"),
            cf("hr_share_percent", "人力资源服务企业营业收入占比（无金额时直接填写）", "%", Percent, "第十二条（四）"),
        ]),
        "talent-market" => out.extend([
            cf("area_sqm", "平台建筑面积", "平方米", Amount, "第十三条（一）"),
            cf("influence", "在特定类别人才“引、育、留、用、转”方面具有显著影响力，能担负城市会客厅、项目孵化池、技能训练场、流动集散地、数据归集库等功能", "", Confirm, "第十三条（二）"),
            cf("persons_served", "年服务特定类别人力资源（人才）", "人次", Count, "第十三条（三）"),
            cf("human_capital_wan", "助力实现人力资本（收入）", "万元", Amount, "第十三条（三）"),
        ]),
        _ => return Vec::new(),
    }
    out
}

/// Where a value used by the check came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueSource {
    /// Typed in the certification section.
    Entered,
    /// Taken from the 附表1 application form.
    Application { field: String, label: String },
    /// Taken from the scoring inputs (附表2–4).
    Scoring {
        indicator: String,
        fields: Vec<String>,
        label: String,
    },
    /// Computed from other values (the HR revenue share).
    Derived { text: String },
}

impl ValueSource {
    /// e.g. 本表填写 / 从评分表 4.1 产业园面积 带入.
    pub fn label_zh(&self) -> String {
        match self {
            ValueSource::Application { .. } | ValueSource::Scoring { .. } => {
                format!("从{} 带入", self.short_zh())
            }
            _ => self.short_zh(),
        }
    }

    /// e.g. 本表填写 / 评分表 4.1 产业园面积.
    pub fn short_zh(&self) -> String {
        match self {
            ValueSource::Entered => "本表填写".into(),
            ValueSource::Application { label, .. } => format!("认定申请表（附表1）{label}"),
            ValueSource::Scoring {
                indicator, label, ..
            } => format!("评分表 {indicator} {label}"),
            ValueSource::Derived { text } => format!("按 {text} 计算"),
        }
    }
}

/// A value the draft already holds, offered for a certification input (the UI shows it
/// as "从评分表带入"). `fallback` ones are used by the check while the input is blank;
/// ones with a `caveat` measure something close but not the same and are only offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The key in [`Certification`].
    pub field: String,
    pub value: Decimal,
    pub unit: String,
    pub source: ValueSource,
    /// e.g. 从评分表 4.1 产业园面积 带入：12,850.5 平方米.
    pub text: String,
    pub fallback: bool,
    pub caveat: Option<String>,
}

fn suggestion(
    field: &str,
    value: Decimal,
    unit: &str,
    source: ValueSource,
    caveat: Option<&str>,
) -> Suggestion {
    let text = format!("{}：{} {unit}", source.label_zh(), fmt_grouped(value));
    Suggestion {
        field: field.to_string(),
        value,
        unit: unit.to_string(),
        source,
        text,
        fallback: caveat.is_none(),
        caveat: caveat.map(str::to_string),
    }
}

/// A scoring input (附表2–4) that answers a certification input.
struct FromScoring {
    rubrics: &'static [&'static str],
    indicator: &'static str,
    field: &'static str,
    /// The key in [`Certification`].
    key: &'static str,
    unit: &'static str,
    label: &'static str,
    /// Set when the scoring input measures something close but not the same: then it is
    /// only offered, never used as a fallback.
    caveat: Option<&'static str>,
}

const PARKS: &[&str] = &["comprehensive-park", "specialized-park"];

#[rustfmt::skip]
const FROM_SCORING: &[FromScoring] = &[
    FromScoring { rubrics: PARKS, indicator: "4.1", field: "area_sqm", key: "area_sqm", unit: "平方米", label: "产业园面积", caveat: None },
    FromScoring { rubrics: PARKS, indicator: "4.1", field: "staff", key: "operator_staff", unit: "人", label: "运营团队专职工作人员", caveat: None },
    FromScoring { rubrics: &["comprehensive-park"], indicator: "1.1", field: "firms", key: "hr_firms", unit: "家", label: "线下入驻人力资源服务企业总数", caveat: None },
    FromScoring { rubrics: &["specialized-park"], indicator: "1.1", field: "firms", key: "hr_firms", unit: "家", label: "线下入驻服务业企业总数",
        caveat: Some("评分表 1.1 为入驻服务业企业总数，可能含非人力资源服务企业；认定条件只计人力资源服务企业，请核实后填写") },
    FromScoring { rubrics: PARKS, indicator: "1.1", field: "above_scale", key: "above_scale_firms", unit: "家", label: "其中规模以上企业", caveat: None },
    FromScoring { rubrics: &["comprehensive-park"], indicator: "1.2", field: "revenue_wan", key: "revenue_wan", unit: "万元", label: "线下入驻人力资源服务企业营收", caveat: None },
    FromScoring { rubrics: &["specialized-park"], indicator: "1.2", field: "revenue_wan", key: "revenue_wan", unit: "万元", label: "线下入驻服务业企业营收", caveat: None },
    FromScoring { rubrics: &["talent-market"], indicator: "3.1", field: "area_sqm", key: "area_sqm", unit: "平方米", label: "市场面积", caveat: None },
];

/// The values a draft already holds that answer certification inputs (Arts. 11–13),
/// application form (附表1) first, then scoring inputs (附表2–4): for the parks
/// 场所面积/4.1 面积 → `area_sqm`, 场所个数 → `sites`, 1.1 入驻企业/规模以上 →
/// `hr_firms`/`above_scale_firms`, 1.2 营收 → `revenue_wan`, 4.1 专职人员 →
/// `operator_staff`; for the market 3.1 面积 → `area_sqm` and the sum of 2.1's four
/// person-time counts → `persons_served`. Invalid values are not offered.
pub fn suggestions(draft: &Draft) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let kind = draft.rubric.as_str();
    let is_park = matches!(kind, "comprehensive-park" | "specialized-park");
    if !matches!(
        kind,
        "comprehensive-park" | "specialized-park" | "talent-market"
    ) {
        return out;
    }

    // The 附表1 application form.
    let app = &draft.application;
    let app_number = |v: &Value, whole: bool| -> Option<Decimal> {
        read_number(
            v,
            if whole {
                CertKind::Count
            } else {
                CertKind::Amount
            },
        )
        .ok()
    };
    let app_source = |field: &str, label: &str| ValueSource::Application {
        field: field.to_string(),
        label: label.to_string(),
    };
    if let Some(v) = app_number(&app.area_sqm, false) {
        out.push(suggestion(
            "area_sqm",
            v,
            "平方米",
            app_source("area_sqm", "场所面积"),
            None,
        ));
    }
    if is_park {
        if let Some(v) = app_number(&app.sites, true).filter(|v| *v >= Decimal::ONE) {
            out.push(suggestion(
                "sites",
                v,
                "个",
                app_source("sites", "场所个数"),
                None,
            ));
        }
        if let Some(v) = app_number(&app.team_size, true) {
            out.push(suggestion(
                "operator_staff",
                v,
                "人",
                app_source("team_size", "运营团队人数"),
                Some(
                    "申请表的运营团队人数未区分专职与兼职，认定条件只计专职工作人员，请核实后填写",
                ),
            ));
        }
    }

    // The scoring inputs.
    let Ok(checked) = check_draft(draft) else {
        return out;
    };
    for s in FROM_SCORING.iter().filter(|s| s.rubrics.contains(&kind)) {
        if let Some(v) = checked.number(s.indicator, s.field) {
            let source = ValueSource::Scoring {
                indicator: s.indicator.to_string(),
                fields: vec![s.field.to_string()],
                label: s.label.to_string(),
            };
            out.push(suggestion(s.key, v, s.unit, source, s.caveat));
        }
    }
    if kind == "talent-market" {
        // Art. 13 (三) counts person-times served: the sum of 附表4 2.1's four categories.
        let keys = [
            "bachelor_or_below",
            "postgraduate",
            "ad_card",
            "academician",
        ];
        let present: Vec<Decimal> = keys
            .iter()
            .filter_map(|k| checked.number("2.1", k))
            .collect();
        if !present.is_empty() {
            let sum = present
                .iter()
                .fold(Decimal::ZERO, |a, b| a.saturating_add(*b));
            let source = ValueSource::Scoring {
                indicator: "2.1".into(),
                fields: keys.iter().map(|k| k.to_string()).collect(),
                label: "服务特定类别人才人次（四类合计）".into(),
            };
            out.push(suggestion("persons_served", sum, "人次", source, None));
        }
    }
    out
}

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

/// How a value is compared with its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// 不少于 / 以上 (inclusive): ≥.
    AtLeast,
    /// 不超过 (inclusive): ≤.
    AtMost,
    /// 超过 (exclusive): >.
    MoreThan,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
            Comparison::MoreThan => ">",
        }
    }

    pub fn holds(self, value: Decimal, threshold: Decimal) -> bool {
        match self {
            Comparison::AtLeast => value >= threshold,
            Comparison::AtMost => value <= threshold,
            Comparison::MoreThan => value > threshold,
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

/// The Chinese text a relief-eligible condition reads (第十七条).
pub const RELIEF_TEXT: &str = "可申请适当降低标准或设置达成时限（第十七条）";

/// One certification condition, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// e.g. `area_sqm`, `hr_share`, `service_effect`, `local_support`.
    pub id: String,
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
    /// Readings and context (district, level), in Chinese.
    pub notes: Vec<String>,
    /// Doubts that do not invalidate the draft (e.g. a typed share that disagrees with
    /// the amounts).
    pub warnings: Vec<String>,
    /// Invalid certification inputs; each is treated as blank.
    pub errors: Vec<DraftError>,
}

impl CertificationReport {
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// How many top-level conditions have this status.
    pub fn count(&self, status: Status) -> usize {
        self.conditions
            .iter()
            .filter(|c| c.status == status)
            .count()
    }
}

const INCLUSIVE_READING: &str = "“不少于”“以上”“不超过”包括本数，“超过”不包括本数（《中华人民共和国民法典》第一千二百五十九条）。";
const IN_PRINCIPLE_READING: &str =
    "“原则上”：本工具按条文所列数值判断，是否从宽掌握由市人力社保局决定。";

/// A value resolved for the check, and where it came from.
#[derive(Debug, Clone)]
struct Resolved {
    value: Decimal,
    source: ValueSource,
}

/// Everything a quantitative condition needs besides its value.
struct Quant {
    id: &'static str,
    fields: &'static [&'static str],
    article: &'static str,
    description: &'static str,
    comparison: Comparison,
    threshold: Decimal,
    unit: &'static str,
    /// What the shortfall counts, e.g. 规模以上企业 ("还差 3 家规模以上企业").
    noun: &'static str,
    whole: bool,
    reading: String,
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

/// The shortfall in words, for a value that does not meet its threshold.
fn shortfall(q: &Quant, value: Decimal) -> String {
    let t = q.threshold;
    match q.comparison {
        Comparison::AtLeast if q.unit == "%" => {
            format!("还差 {} 个百分点", fmt_decimal(t - value))
        }
        Comparison::AtLeast => {
            let gap = t - value;
            if q.unit == "万元" {
                format!("还差 {}{}", amount_text(gap, q.unit), q.noun)
            } else {
                // "≥ 2 人" but "还差 1 名管理机构专职工作人员".
                let measure = if q.unit == "人" { "名" } else { q.unit };
                format!("还差 {} {}{}", fmt_grouped(gap), measure, q.noun)
            }
        }
        Comparison::AtMost => format!(
            "多出 {} {}{}（不超过 {}）",
            fmt_grouped(value - t),
            q.unit,
            q.noun,
            amount_text(t, q.unit)
        ),
        Comparison::MoreThan if q.whole => format!(
            "还差 {} {}{}（须超过 {}）",
            fmt_grouped(t - value + Decimal::ONE),
            q.unit,
            q.noun,
            amount_text(t, q.unit)
        ),
        Comparison::MoreThan => {
            let gap = t - value;
            if gap.is_zero() {
                format!("恰为 {}，须超过此数", amount_text(t, q.unit))
            } else {
                format!(
                    "还需增加超过 {}（须超过 {}）",
                    amount_text(gap, q.unit),
                    amount_text(t, q.unit)
                )
            }
        }
    }
}

fn evaluate(q: &Quant, value: Option<Resolved>, relief: bool) -> Condition {
    let (status, shortfall_text) = match &value {
        None => (Status::Blank, None),
        Some(r) if q.comparison.holds(r.value, q.threshold) => (Status::Met, None),
        Some(r) => (
            if relief {
                Status::ReliefEligible
            } else {
                Status::Missed
            },
            Some(shortfall(q, r.value)),
        ),
    };
    Condition {
        id: q.id.to_string(),
        article: q.article.to_string(),
        description: q.description.to_string(),
        quantitative: true,
        fields: q.fields.iter().map(|f| f.to_string()).collect(),
        threshold: Some(Threshold {
            comparison: q.comparison,
            value: q.threshold,
            unit: q.unit.to_string(),
        }),
        value: value.as_ref().map(|r| r.value),
        source: value.map(|r| r.source),
        status,
        shortfall: shortfall_text,
        relief: (status == Status::ReliefEligible).then(|| RELIEF_TEXT.to_string()),
        reading: (!q.reading.is_empty()).then(|| q.reading.clone()),
        alternatives: Vec::new(),
    }
}

fn confirmation(
    cert: &Certification,
    id: &'static str,
    article: &str,
    description: &str,
    reading: Option<&str>,
) -> Condition {
    let ticked = cert.confirmed(id);
    Condition {
        id: id.to_string(),
        article: article.to_string(),
        description: description.to_string(),
        quantitative: false,
        fields: vec![id.to_string()],
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
        reading: reading.map(str::to_string),
        alternatives: Vec::new(),
    }
}

/// The inputs of one draft, resolved: typed value, else a fallback suggestion.
struct Inputs<'a> {
    cert: &'a Certification,
    suggestions: Vec<Suggestion>,
    errors: Vec<DraftError>,
    labels: Vec<CertField>,
}

impl Inputs<'_> {
    fn label(&self, key: &str) -> &'static str {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.label)
            .unwrap_or("认定条件")
    }

    fn kind(&self, key: &str) -> CertKind {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.kind)
            .unwrap_or(CertKind::Amount)
    }

    /// The typed value only (an invalid one is recorded and read as blank).
    fn entered(&mut self, key: &str) -> Option<Decimal> {
        let raw = self.cert.raw(key)?;
        match read_number(raw, self.kind(key)) {
            Ok(d) => {
                if key == "sites" && d < Decimal::ONE {
                    self.errors.push(DraftError::at_field(
                        None,
                        &format!("certification.{key}"),
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
                self.errors.push(DraftError::at_field(
                    None,
                    &format!("certification.{key}"),
                    format!("认定条件“{}”：{msg}", self.label(key)),
                ));
                None
            }
        }
    }

    /// The typed value; if blank (not invalid), the first fallback suggestion.
    fn resolve(&mut self, key: &str) -> Option<Resolved> {
        if self.cert.raw(key).is_some() {
            return self.entered(key).map(|value| Resolved {
                value,
                source: ValueSource::Entered,
            });
        }
        self.suggestions
            .iter()
            .find(|s| s.field == key && s.fallback)
            .map(|s| Resolved {
                value: s.value,
                source: s.source.clone(),
            })
    }
}

/// Checks a draft against the certification conditions of its platform type (Art. 10
/// and Art. 11, 12 or 13), with Art. 17 relief for 渝东北 and 渝东南. Invalid inputs are
/// reported in [`CertificationReport::errors`] and read as blank. Fails only when the draft
/// names no known rubric.
pub fn check_certification(draft: &Draft) -> Result<CertificationReport, DraftError> {
    let rubric = draft.rubric()?;
    let kind = rubric.id.as_str();
    let cert = &draft.certification;
    let labels = fields(kind);
    let mut inputs = Inputs {
        cert,
        suggestions: suggestions(draft),
        errors: Vec::new(),
        labels,
    };
    let mut notes = vec![INCLUSIVE_READING.to_string()];
    let mut warnings = Vec::new();

    // 第十七条: the district's region.
    let district = draft.platform.district.trim().to_string();
    let region = districts::region(&district);
    let relief = region.is_some_and(Region::relief);
    match (district.is_empty(), region) {
        (true, _) => notes.push(
            "未填写所在区县：如平台位于渝东北、渝东南地区，未达标的量化条件可按第十七条申请适当降低标准或设置达成时限。"
                .into(),
        ),
        (false, None) => warnings.push(format!(
            "所在区县“{district}”未能识别为重庆市的区县或两江新区、西部科学城重庆高新区、万盛经开区，未适用第十七条。"
        )),
        (false, Some(r)) if r.relief() => notes.push(format!(
            "所在区县 {district} 属{}地区：未达标的量化条件（面积、场地、人员、入驻企业、营业收入等）可申请适当降低标准或设置达成时限（第十七条）；是否降低、降低多少由市人力社保局确定。",
            r.label_zh()
        )),
        (false, Some(r)) => notes.push(format!(
            "所在区县 {district} 属{}，不适用第十七条的降低标准。",
            r.label_zh()
        )),
    }
    match draft.level {
        Level::City => {}
        Level::District => notes.push(
            "本检查对照市级平台认定条件（第十条至第十三条），不随评估层级缩放；区县级平台自愿参评并评为优秀、且符合这些条件的，直接认定为市级平台（第三十三条）。区县级平台本身由区县参照市级标准适当降低认定（第十六条）。"
                .into(),
        ),
        Level::National => notes.push(
            "国家级平台的认定按人力资源社会保障部有关规定执行（第六条）；本检查只对照市级平台认定条件，供参考。"
                .into(),
        ),
    }

    let mut conditions = vec![
        confirmation(
            cert,
            "local_support",
            "第十条（一）",
            "当地党委、政府重视人力资源服务业发展，制定促进人力资源服务业发展的战略规划和政策措施",
            None,
        ),
        confirmation(
            cert,
            "construction_plan",
            "第十条（二）",
            "平台建设方案完整，投资主体、发展目标明确，物理形态相对集中，四至边界清晰",
            None,
        ),
        confirmation(
            cert,
            "infrastructure",
            "第十条（三）",
            "平台基础设施完备，有完整的公共服务支撑体系，能够为入驻企业提供行政事务办理、市场业务对接等配套服务",
            None,
        ),
        confirmation(
            cert,
            "operating_bodies",
            "第十条（四）",
            "平台有明确的管理和运营机构，运营、管理、服务、统计机制健全",
            None,
        ),
    ];
    let fallback_note = "本项未填写时，按认定申请表（附表1）或评分表中的对应数值判断，并注明来源。";

    let articles;
    if kind == "talent-market" {
        articles = "第十条、第十三条、第十七条";
        let area = inputs.resolve("area_sqm");
        conditions.push(evaluate(
            &Quant {
                id: "area_sqm",
                fields: &["area_sqm"],
                article: "第十三条（一）",
                description: "平台建筑面积不少于1000平方米",
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(1000),
                unit: "平方米",
                noun: "",
                whole: false,
                reading: format!("含 1000 平方米。{fallback_note}"),
            },
            area,
            relief,
        ));
        conditions.push(confirmation(
            cert,
            "influence",
            "第十三条（二）",
            "平台在服务特定类别人力资源（人才）的“引、育、留、用、转”方面具有显著影响力，能够担负起特定类别人力资源（人才）的城市会客厅、项目孵化池、技能训练场、流动集散地、数据归集库等功能",
            Some("影响力与五项功能为定性条件，由评审核实；本工具只记录申报方的确认。"),
        ));
        let persons = inputs.resolve("persons_served");
        let capital = inputs.resolve("human_capital_wan");
        let persons = evaluate(
            &Quant {
                id: "persons_served",
                fields: &["persons_served"],
                article: "第十三条（三）",
                description: "年服务特定类别人力资源（人才）超过5000人次",
                comparison: Comparison::MoreThan,
                threshold: Decimal::from(5000),
                unit: "人次",
                noun: "",
                whole: true,
                reading: "“超过”不含本数：恰好 5000 人次不满足。未填写时按评分表 2.1 四类服务人次之和判断。".into(),
            },
            persons,
            relief,
        );
        let capital = evaluate(
            &Quant {
                id: "human_capital_wan",
                fields: &["human_capital_wan"],
                article: "第十三条（三）",
                description: "助力人力资源（人才）实现人力资本（收入）超过10亿元",
                comparison: Comparison::MoreThan,
                threshold: Decimal::from(100_000),
                unit: "万元",
                noun: "",
                whole: false,
                reading: "“超过”不含本数：恰好 100,000 万元（10 亿元）不满足。".into(),
            },
            capital,
            relief,
        );
        conditions.push(any_of(persons, capital, relief));
    } else {
        let specialized = kind == "specialized-park";
        articles = if specialized {
            "第十条、第十二条、第十七条"
        } else {
            "第十条、第十一条、第十七条"
        };
        let a = |n: &str| -> &'static str {
            match (specialized, n) {
                (false, "1") => "第十一条（一）",
                (false, "2") => "第十一条（二）",
                (false, "3") => "第十一条（三）",
                (false, _) => "第十一条（四）",
                (true, "1") => "第十二条（一）",
                (true, "2") => "第十二条（二）",
                (true, "3") => "第十二条（三）",
                (true, _) => "第十二条（四）",
            }
        };
        let area = inputs.resolve("area_sqm");
        conditions.push(evaluate(
            &Quant {
                id: "area_sqm",
                fields: &["area_sqm"],
                article: a("1"),
                description: "平台建筑面积不少于10000平方米",
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(10_000),
                unit: "平方米",
                noun: "",
                whole: false,
                reading: format!(
                    "含 10000 平方米；分散在几处的，按各场地建筑面积合计。{fallback_note}"
                ),
            },
            area,
            relief,
        ));
        let sites = inputs.resolve("sites");
        conditions.push(evaluate(
            &Quant {
                id: "sites",
                fields: &["sites"],
                article: a("1"),
                description: "分散场地不超过3个",
                comparison: Comparison::AtMost,
                threshold: Decimal::from(3),
                unit: "个",
                noun: "场地",
                whole: true,
                reading: "按平台全部场地的个数计（集中在一处的为 1 个），含 3 个。第十七条“等量化指标”未尽列举，本工具把场地个数也视为可申请降低标准的量化条件。".into(),
            },
            sites,
            relief,
        ));
        let management = inputs.resolve("management_staff");
        conditions.push(evaluate(
            &Quant {
                id: "management_staff",
                fields: &["management_staff"],
                article: a("2"),
                description: "平台管理机构负责平台管理、服务的专职工作人员不少于2人",
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(2),
                unit: "人",
                noun: "管理机构专职工作人员",
                whole: true,
                reading: "管理机构与运营机构的专职人员分别计算，同一人不重复计入。".into(),
            },
            management,
            relief,
        ));
        let operator = inputs.resolve("operator_staff");
        conditions.push(evaluate(
            &Quant {
                id: "operator_staff",
                fields: &["operator_staff"],
                article: a("2"),
                description: "平台运营机构从事平台建设、招商、运营、统计的专职工作人员不少于3人",
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(3),
                unit: "人",
                noun: "运营机构专职工作人员",
                whole: true,
                reading: "只计专职人员。未填写时按评分表 4.1 运营团队专职工作人员判断。".into(),
            },
            operator,
            relief,
        ));
        if specialized {
            conditions.push(confirmation(
                cert,
                "focus",
                "第十二条（三）",
                "平台专业性、行业性特点鲜明，围绕特定人力资源服务业态或特定行业集聚人力资源服务企业",
                Some("定性条件，由评审核实；本工具只记录申报方的确认。"),
            ));
        }
        let hr_firms = inputs.resolve("hr_firms");
        let hr_firms_reading = if specialized {
            format!("{IN_PRINCIPLE_READING}评分表 1.1 为入驻服务业企业总数（可能含非人力资源服务企业），只作提示，不代替本项。")
        } else {
            format!("{IN_PRINCIPLE_READING}“平台入驻主体以人力资源服务企业为主”为定性要求，由评审核实。{fallback_note}")
        };
        let hr_firms_value = hr_firms.as_ref().map(|r| r.value);
        conditions.push(evaluate(
            &Quant {
                id: "hr_firms",
                fields: &["hr_firms"],
                article: a("3"),
                description: "入驻的人力资源服务企业不少于20家",
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(20),
                unit: "家",
                noun: "人力资源服务企业",
                whole: true,
                reading: hr_firms_reading,
            },
            hr_firms,
            relief,
        ));
        let above = inputs.resolve("above_scale_firms");
        if !specialized {
            if let (Some(h), Some(ab)) = (hr_firms_value, above.as_ref()) {
                if ab.value > h {
                    inputs.errors.push(DraftError::at_field(
                        None,
                        "certification.above_scale_firms",
                        format!(
                            "认定条件“其中：规模以上人力资源服务企业”：{} 家不能多于入驻人力资源服务企业（{} 家）",
                            fmt_grouped(ab.value),
                            fmt_grouped(h)
                        ),
                    ));
                }
            }
        }
        conditions.push(evaluate(
            &Quant {
                id: "above_scale_firms",
                fields: &["above_scale_firms"],
                article: a("3"),
                description: if specialized {
                    "规模以上服务业企业不少于5家"
                } else {
                    "规模以上人力资源服务企业不少于5家"
                },
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(5),
                unit: "家",
                noun: "规模以上企业",
                whole: true,
                reading: format!("{IN_PRINCIPLE_READING}{fallback_note}"),
            },
            above,
            relief,
        ));
        let revenue = inputs.resolve("revenue_wan");
        let revenue_value = revenue.as_ref().map(|r| (r.value, r.source.clone()));
        conditions.push(evaluate(
            &Quant {
                id: "revenue_wan",
                fields: &["revenue_wan"],
                article: a("4"),
                description: if specialized {
                    "入驻服务业企业上年度营业收入总额10亿元（含）以上"
                } else {
                    "入驻人力资源服务企业上年度营业收入总额10亿元（含）以上"
                },
                comparison: Comparison::AtLeast,
                threshold: Decimal::from(100_000),
                unit: "万元",
                noun: "营业收入",
                whole: false,
                reading: format!(
                    "10 亿元 = 100,000 万元，含本数。{}评分表 1.2 为评估年度的线下入驻企业营收，未填写本项时按其判断。",
                    if specialized { "" } else { IN_PRINCIPLE_READING }
                ),
            },
            revenue,
            relief,
        ));
        if specialized {
            let share = hr_share(&mut inputs, revenue_value, &mut warnings);
            let mut c = evaluate(
                &Quant {
                    id: "hr_share",
                    fields: &["hr_revenue_wan", "revenue_wan", "hr_share_percent"],
                    article: "第十二条（四）",
                    description: "人力资源服务企业年度营业收入占比60%以上",
                    comparison: Comparison::AtLeast,
                    threshold: Decimal::from(60),
                    unit: "%",
                    noun: "",
                    whole: false,
                    reading: "“60%以上”含 60%。占比 = 人力资源服务企业营业收入 ÷ 入驻服务业企业营业收入总额；两项金额都有时按金额计算（比较时不经舍入），否则按直接填写的百分数。".into(),
                },
                share.as_ref().map(|s| Resolved {
                    value: s.shown,
                    source: s.source.clone(),
                }),
                relief,
            );
            if let Some(s) = &share {
                // Decide on the exact ratio, not the truncated percentage shown.
                let met = s.met;
                c.status = match (met, relief) {
                    (true, _) => Status::Met,
                    (false, true) => Status::ReliefEligible,
                    (false, false) => Status::Missed,
                };
                c.relief = (c.status == Status::ReliefEligible).then(|| RELIEF_TEXT.to_string());
                if met {
                    c.shortfall = None;
                } else {
                    let mut text = if s.shown >= Decimal::from(60) {
                        "略低于 60%".to_string()
                    } else {
                        format!("还差 {} 个百分点", fmt_decimal(Decimal::from(60) - s.shown))
                    };
                    if let Some(x) = s.hr_revenue_needed {
                        text.push_str(&format!(
                            "（人力资源服务企业营业收入再增加 {}可达 60%）",
                            amount_text(x, "万元")
                        ));
                    }
                    c.shortfall = Some(text);
                }
            }
            conditions.push(c);
        }
    }

    // Overall.
    let missed = conditions
        .iter()
        .filter(|c| c.status == Status::Missed)
        .count();
    let open = conditions
        .iter()
        .filter(|c| matches!(c.status, Status::Blank | Status::Unconfirmed))
        .count();
    let relieved = conditions
        .iter()
        .filter(|c| c.status == Status::ReliefEligible)
        .count();
    let platform_type = rubric.platform_type.clone();
    let (overall, summary) = if missed > 0 {
        let mut s = format!("不符合{platform_type}认定条件：{missed} 项未达标");
        if open > 0 {
            s.push_str(&format!("，另有 {open} 项未填或未确认"));
        }
        (Overall::NotEligible, s)
    } else if open > 0 {
        let mut s = format!("尚有 {open} 项未填或未确认，暂不能判断是否符合认定条件");
        if relieved > 0 {
            s.push_str(&format!(
                "；另有 {relieved} 项量化条件未达标，可按第十七条申请降低标准"
            ));
        }
        (Overall::Incomplete, s)
    } else if relieved > 0 {
        (
            Overall::EligibleWithRelief,
            format!("其余条件均已满足；{relieved} 项量化条件未达标，{RELIEF_TEXT}"),
        )
    } else {
        (Overall::Eligible, format!("符合{platform_type}认定条件"))
    };

    Ok(CertificationReport {
        rubric: rubric.id.clone(),
        platform_type,
        articles: articles.to_string(),
        district,
        region,
        relief_region: relief,
        conditions,
        overall,
        summary,
        notes,
        warnings,
        errors: inputs.errors,
    })
}

/// Art. 13 (三) "超过5000人次或…超过10亿元": met when either half is met.
fn any_of(first: Condition, second: Condition, relief: bool) -> Condition {
    let halves = [&first, &second];
    let status = if halves.iter().any(|c| c.status == Status::Met) {
        Status::Met
    } else if halves.iter().any(|c| c.status == Status::Blank) {
        Status::Blank
    } else if relief {
        Status::ReliefEligible
    } else {
        Status::Missed
    };
    let shortfall = match status {
        Status::Met | Status::Unconfirmed => None,
        Status::Blank => {
            let parts: Vec<String> = halves
                .iter()
                .map(|c| match &c.shortfall {
                    Some(s) => format!("{}：{s}", short_name(&c.id)),
                    None => format!("{}：{}", short_name(&c.id), c.status.label_zh()),
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；")))
        }
        Status::Missed | Status::ReliefEligible => {
            let parts: Vec<String> = halves
                .iter()
                .filter_map(|c| {
                    c.shortfall
                        .as_ref()
                        .map(|s| format!("{}{s}", short_name(&c.id)))
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；或")))
        }
    };
    Condition {
        id: "service_effect".into(),
        article: "第十三条（三）".into(),
        description: "平台服务效果突出，年服务特定类别人力资源（人才）超过5000人次或助力人力资源（人才）实现人力资本（收入）超过10亿元".into(),
        quantitative: true,
        fields: vec!["persons_served".into(), "human_capital_wan".into()],
        threshold: None,
        value: None,
        source: None,
        status,
        shortfall,
        relief: (status == Status::ReliefEligible).then(|| RELIEF_TEXT.to_string()),
        reading: Some(
            "“或”：两项满足其一即可；两项都未达标才算未达标，一项未达标而另一项未填时为未填完。".into(),
        ),
        alternatives: vec![first, second],
    }
}

fn short_name(id: &str) -> &'static str {
    match id {
        "persons_served" => "服务人次",
        "human_capital_wan" => "人力资本（收入）",
        _ => "",
    }
}

/// The HR firms' revenue share, as checked.
struct Share {
    /// The percentage shown, truncated to 2 decimals (never rounded up past 60).
    shown: Decimal,
    /// Decided on the exact values.
    met: bool,
    source: ValueSource,
    /// From amounts: the HR revenue increase that reaches 60% (`(3r − 5h) / 2`).
    hr_revenue_needed: Option<Decimal>,
}

/// Art. 12 (四) "人力资源服务企业年度营业收入占比60%以上": from the amounts when both are
/// known, else the percentage typed.
fn hr_share(
    inputs: &mut Inputs,
    revenue: Option<(Decimal, ValueSource)>,
    warnings: &mut Vec<String>,
) -> Option<Share> {
    let typed = if inputs.cert.raw("hr_share_percent").is_some() {
        inputs.entered("hr_share_percent")
    } else {
        None
    };
    let hr = if inputs.cert.raw("hr_revenue_wan").is_some() {
        inputs.entered("hr_revenue_wan")
    } else {
        None
    };
    if let Some(p) = typed {
        if p > Decimal::ZERO && p <= Decimal::ONE {
            warnings.push(format!(
                "人力资源服务企业营业收入占比按百分数填写：{} 表示 {}%；如指 {}%，请填写 {}。",
                fmt_decimal(p),
                fmt_decimal(p),
                fmt_decimal(p * Decimal::ONE_HUNDRED),
                fmt_decimal(p * Decimal::ONE_HUNDRED)
            ));
        }
    }
    let sixty = Decimal::from(60);
    if let (Some(h), Some((r, r_source))) = (hr, revenue) {
        if h > r {
            inputs.errors.push(DraftError::at_field(
                None,
                "certification.hr_revenue_wan",
                format!(
                    "认定条件“其中：人力资源服务企业营业收入”：{} 万元不能大于入驻服务业企业营业收入总额（{} 万元，{}）",
                    fmt_grouped(h),
                    fmt_grouped(r),
                    r_source.label_zh()
                ),
            ));
            return None;
        }
        if r.is_zero() {
            warnings.push(
                "入驻服务业企业营业收入总额为 0，无法按金额计算人力资源服务企业营收占比。".into(),
            );
        } else {
            // h / r ≥ 60%  ⇔  5h ≥ 3r, decided without division.
            let five_h = h.saturating_mul(Decimal::from(5));
            let three_r = r.saturating_mul(Decimal::from(3));
            let met = five_h >= three_r;
            let exact = h
                .saturating_mul(Decimal::ONE_HUNDRED)
                .checked_div(r)
                .unwrap_or(Decimal::ZERO);
            let shown = exact
                .round_dp_with_strategy(2, RoundingStrategy::ToZero)
                .normalize();
            if let Some(p) = typed {
                if (p - shown).abs() > Decimal::new(1, 2) {
                    warnings.push(format!(
                        "直接填写的占比 {}% 与按金额计算的 {}% 不一致，以按金额计算为准。",
                        fmt_decimal(p),
                        fmt_decimal(shown)
                    ));
                }
            }
            let needed = (!met).then(|| (three_r - five_h) / Decimal::from(2));
            let from = if r_source == ValueSource::Entered {
                "人力资源服务企业营业收入 ÷ 入驻服务业企业营业收入总额".to_string()
            } else {
                format!(
                    "人力资源服务企业营业收入 ÷ 入驻服务业企业营业收入总额（总额{}）",
                    r_source.label_zh()
                )
            };
            return Some(Share {
                shown,
                met,
                source: ValueSource::Derived { text: from },
                hr_revenue_needed: needed,
            });
        }
    }
    typed.map(|p| Share {
        shown: p,
        met: p >= sixty,
        source: ValueSource::Entered,
        hr_revenue_needed: None,
    })
}

/// Every problem that makes a draft invalid for a strict reader (`cqhr check`,
/// `cqhr rank`): bad scoring inputs, bad certification inputs (Arts. 10–13), errors in the
/// 附表1 application form and an unknown previous grade (Art. 32).
pub fn draft_problems(draft: &Draft) -> Vec<DraftError> {
    let mut out = Vec::new();
    match check_draft(draft) {
        Ok(c) => out.extend(c.errors),
        Err(e) => return vec![e],
    }
    if let Ok(r) = check_certification(draft) {
        out.extend(r.errors);
    }
    out.extend(application::check_application(draft).errors);
    if let Err(e) = parse_previous(&draft.previous_grade) {
        out.push(e);
    }
    out
}

/// As [`check_certification`], refusing a draft with any problem ([`draft_problems`]).
pub fn check_certification_strict(draft: &Draft) -> Result<CertificationReport, Vec<DraftError>> {
    let problems = draft_problems(draft);
    if !problems.is_empty() {
        return Err(problems);
    }
    check_certification(draft).map_err(|e| vec![e])
}

/// The platform type of a rubric id, e.g. 市级综合性人力资源服务产业园.
pub fn platform_type(rubric_id: &str) -> Option<&'static str> {
    rubric::latest(rubric_id).map(|r| r.platform_type.as_str())
}
