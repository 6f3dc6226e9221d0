//! The certification conditions of 渝人社规〔2025〕4号 (Articles 10–13, with Article 17's
//! relief), written once as one ordered table: [`CONDITIONS`]. The check
//! (`eligibility::check_certification`) is a loop over it; the form's inputs
//! ([`fields`]) and the printed sheet read the same rows. Wording is verbatim from the
//! measures; thresholds are data (a decimal written as text), never literals in code.
//!
//! Over 600 lines: the table itself, one row per condition and type, is most of it.

use crate::domain::draft::certification::CertKind;
use crate::domain::rubric::PlatformKind;
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

/// Which condition: the `id` of a checked [`Condition`](super::Condition). Serialised as
/// its snake_case key (`area_sqm`, `hr_share`, `service_effect`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionId {
    ConcentratedArea,
    LocalSupport,
    ConstructionPlan,
    Infrastructure,
    OperatingBodies,
    AreaSqm,
    Sites,
    ManagementStaff,
    OperatorStaff,
    Focus,
    HrFirmsMain,
    HrFirms,
    AboveScaleFirms,
    StableOperation,
    RevenueWan,
    HrShare,
    Influence,
    ServiceEffect,
    PersonsServed,
    HumanCapitalWan,
}

impl ConditionId {
    pub const ALL: [ConditionId; 20] = [
        ConditionId::ConcentratedArea,
        ConditionId::LocalSupport,
        ConditionId::ConstructionPlan,
        ConditionId::Infrastructure,
        ConditionId::OperatingBodies,
        ConditionId::AreaSqm,
        ConditionId::Sites,
        ConditionId::ManagementStaff,
        ConditionId::OperatorStaff,
        ConditionId::Focus,
        ConditionId::HrFirmsMain,
        ConditionId::HrFirms,
        ConditionId::AboveScaleFirms,
        ConditionId::StableOperation,
        ConditionId::RevenueWan,
        ConditionId::HrShare,
        ConditionId::Influence,
        ConditionId::ServiceEffect,
        ConditionId::PersonsServed,
        ConditionId::HumanCapitalWan,
    ];

    /// The snake_case key, as serialised (`hr_share`).
    pub fn key(self) -> &'static str {
        match self {
            ConditionId::ConcentratedArea => "concentrated_area",
            ConditionId::LocalSupport => "local_support",
            ConditionId::ConstructionPlan => "construction_plan",
            ConditionId::Infrastructure => "infrastructure",
            ConditionId::OperatingBodies => "operating_bodies",
            ConditionId::AreaSqm => "area_sqm",
            ConditionId::Sites => "sites",
            ConditionId::ManagementStaff => "management_staff",
            ConditionId::OperatorStaff => "operator_staff",
            ConditionId::Focus => "focus",
            ConditionId::HrFirmsMain => "hr_firms_main",
            ConditionId::HrFirms => "hr_firms",
            ConditionId::AboveScaleFirms => "above_scale_firms",
            ConditionId::StableOperation => "stable_operation",
            ConditionId::RevenueWan => "revenue_wan",
            ConditionId::HrShare => "hr_share",
            ConditionId::Influence => "influence",
            ConditionId::ServiceEffect => "service_effect",
            ConditionId::PersonsServed => "persons_served",
            ConditionId::HumanCapitalWan => "human_capital_wan",
        }
    }

    pub fn from_key(key: &str) -> Option<ConditionId> {
        ConditionId::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl std::fmt::Display for ConditionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
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

/// A quantitative condition's threshold as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThresholdDef {
    /// The [`Certification`](crate::domain::Certification) key whose value is compared.
    pub field: &'static str,
    pub comparison: Comparison,
    /// The number as text, read exactly ([`ThresholdDef::value`]).
    pub value: &'static str,
    /// 平方米, 个, 人, 家, 万元, %, 人次.
    pub unit: &'static str,
    /// What the shortfall counts, e.g. 规模以上企业 ("还差 3 家规模以上企业").
    pub noun: &'static str,
    /// Whole units (a count).
    pub whole: bool,
}

impl ThresholdDef {
    /// The threshold as an exact decimal. The table's texts are checked by a test.
    pub fn value(&self) -> Decimal {
        Decimal::from_str(self.value).unwrap_or(Decimal::ZERO)
    }
}

/// What kind of condition a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConditionKind {
    /// Qualitative: the applicant confirms it (a checkbox); the review verifies it.
    Confirmation,
    /// A quantity against a threshold.
    Threshold(ThresholdDef),
    /// Art. 12 (四) the HR firms' revenue share: `part ÷ total` when both amounts are
    /// known, else the percentage typed (the threshold's `field`).
    Share {
        part: &'static str,
        total: &'static str,
        threshold: ThresholdDef,
    },
    /// Met when either of the rows is met (Art. 13 (三) "或"); the rows follow in the table
    /// with `within` set to this row's id.
    AnyOf(&'static [ConditionId]),
}

/// One input of the certification form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InputDef {
    /// The key in [`Certification`](crate::domain::Certification).
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: CertKind,
}

/// One certification condition for one platform type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConditionDef {
    pub id: ConditionId,
    /// The platform types it applies to.
    pub platforms: &'static [PlatformKind],
    /// e.g. 第十一条（三）.
    pub article: &'static str,
    /// The condition in the measures' words.
    pub wording: &'static str,
    pub kind: ConditionKind,
    /// Whether Art. 17's relief (渝东北, 渝东南) can apply to it.
    pub relief: bool,
    /// The project's reading where the text is open ("" when none).
    pub reading: &'static str,
    /// The form's inputs for it, in order.
    pub inputs: &'static [InputDef],
    /// For a half of an "或" condition: the condition it belongs to.
    pub within: Option<ConditionId>,
    /// A short name, for the halves of an "或" condition ("服务人次").
    pub short_name: &'static str,
    /// "其中": the value is a part of this [`Certification`](crate::domain::Certification)
    /// key's value and may not exceed it.
    pub part_of: Option<&'static str>,
    /// Written with "原则上" (Arts. 11 (三)(四), 12 (三)): a miss is the bureau's call
    /// (the ranking reads it 待核实（由市人力社保局认定）, not 不合格; issue 20.3).
    pub in_principle: bool,
    /// Named by Art. 17 itself ("平台面积、入驻企业、营业收入规模"): a grant for another
    /// quantitative condition rests on its "等" and is warned about (issue 20.9).
    pub named_in_relief: bool,
}

impl ConditionDef {
    /// The article without its clause: 第十一条.
    pub fn article_head(&self) -> &'static str {
        self.article.split('（').next().unwrap_or(self.article)
    }

    pub fn applies_to(&self, rubric_id: &str) -> bool {
        PlatformKind::from_id(rubric_id).is_some_and(|k| self.platforms.contains(&k))
    }

    pub fn threshold(&self) -> Option<&ThresholdDef> {
        match &self.kind {
            ConditionKind::Threshold(t) | ConditionKind::Share { threshold: t, .. } => Some(t),
            _ => None,
        }
    }

    /// Quantitative (a threshold or an "或" of thresholds), as Art. 17 means it.
    pub fn quantitative(&self) -> bool {
        !matches!(self.kind, ConditionKind::Confirmation)
    }

    /// The [`Certification`](crate::domain::Certification) keys it reads.
    pub fn reads(&self) -> Vec<&'static str> {
        match self.kind {
            ConditionKind::Confirmation => vec![self.id.key()],
            ConditionKind::Threshold(t) => vec![t.field],
            ConditionKind::Share {
                part,
                total,
                threshold,
            } => vec![part, total, threshold.field],
            ConditionKind::AnyOf(ids) => ids.iter().map(|i| i.key()).collect(),
        }
    }
}

/// The Chinese text a relief-eligible condition reads (第十七条).
pub const RELIEF_TEXT: &str = "可申请适当降低标准或设置达成时限（第十七条）";

/// Article 17 itself, for the list of articles applied.
pub const RELIEF_ARTICLE: &str = "第十七条";

const ALL: &[PlatformKind] = &PlatformKind::ALL;
const COMPREHENSIVE: &[PlatformKind] = &[PlatformKind::ComprehensivePark];
const SPECIALIZED: &[PlatformKind] = &[PlatformKind::SpecializedPark];
const MARKET: &[PlatformKind] = &[PlatformKind::TalentMarket];

macro_rules! fallback_note {
    () => {
        "本项未填写时，按认定申请表（附表1）或评分表中的对应数值判断，并注明来源。"
    };
}
macro_rules! in_principle {
    () => {
        "“原则上”：本工具按条文所列数值判断，是否从宽掌握由市人力社保局决定。"
    };
}

const fn input(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: CertKind,
) -> InputDef {
    InputDef {
        key,
        label,
        unit,
        kind,
    }
}

const fn at_least(
    field: &'static str,
    value: &'static str,
    unit: &'static str,
    noun: &'static str,
    whole: bool,
) -> ConditionKind {
    ConditionKind::Threshold(ThresholdDef {
        field,
        comparison: Comparison::AtLeast,
        value,
        unit,
        noun,
        whole,
    })
}

/// A confirmation row: its only input is its own checkbox, labelled with its wording.
const fn confirm(
    id: ConditionId,
    platforms: &'static [PlatformKind],
    article: &'static str,
    wording: &'static str,
    reading: &'static str,
    inputs: &'static [InputDef],
) -> ConditionDef {
    ConditionDef {
        id,
        platforms,
        article,
        wording,
        kind: ConditionKind::Confirmation,
        relief: false,
        reading,
        inputs,
        within: None,
        short_name: "",
        part_of: None,
        in_principle: false,
        named_in_relief: false,
    }
}

/// A quantitative row (Art. 17 relief applies to every one; see the module `eligibility`).
const fn quantity(
    id: ConditionId,
    platforms: &'static [PlatformKind],
    article: &'static str,
    wording: &'static str,
    kind: ConditionKind,
    reading: &'static str,
    inputs: &'static [InputDef],
) -> ConditionDef {
    ConditionDef {
        id,
        platforms,
        article,
        wording,
        kind,
        relief: true,
        reading,
        inputs,
        within: None,
        short_name: "",
        part_of: None,
        in_principle: false,
        named_in_relief: matches!(
            id,
            ConditionId::AreaSqm
                | ConditionId::HrFirms
                | ConditionId::AboveScaleFirms
                | ConditionId::RevenueWan
        ),
    }
}

/// The same row, written with "原则上".
const fn with_principle(def: ConditionDef) -> ConditionDef {
    ConditionDef {
        in_principle: true,
        ..def
    }
}

use CertKind::{Amount, Confirm, Count, Percent};
use ConditionId as C;

const W_CONCENTRATED_AREA: &str =
    "市级平台一般设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域";
const W_HR_FIRMS_MAIN: &str = "平台入驻主体以人力资源服务企业为主";
const W_STABLE_11: &str = "平台入驻人力资源服务企业生产经营平稳";
const W_STABLE_12: &str = "平台入驻企业生产经营平稳";
const QUALITATIVE: &str = "定性条件，由评审核实；本工具只记录申报方的确认。";
const W_LOCAL_SUPPORT: &str =
    "当地党委、政府重视人力资源服务业发展，制定促进人力资源服务业发展的战略规划和政策措施";
const W_CONSTRUCTION_PLAN: &str =
    "平台建设方案完整，投资主体、发展目标明确，物理形态相对集中，四至边界清晰";
const W_INFRASTRUCTURE: &str = "平台基础设施完备，有完整的公共服务支撑体系，能够为入驻企业提供行政事务办理、市场业务对接等配套服务";
const W_OPERATING_BODIES: &str = "平台有明确的管理和运营机构，运营、管理、服务、统计机制健全";
const W_FOCUS: &str =
    "平台专业性、行业性特点鲜明，围绕特定人力资源服务业态或特定行业集聚人力资源服务企业";
const W_INFLUENCE: &str = "平台在服务特定类别人力资源（人才）的“引、育、留、用、转”方面具有显著影响力，能够担负起特定类别人力资源（人才）的城市会客厅、项目孵化池、技能训练场、流动集散地、数据归集库等功能";

const AREA: &[InputDef] = &[input("area_sqm", "平台建筑面积", "平方米", Amount)];
const SITES: &[InputDef] = &[input("sites", "场地个数（集中在一处的填 1）", "个", Count)];
const MANAGEMENT: &[InputDef] = &[input(
    "management_staff",
    "管理机构专职工作人员",
    "人",
    Count,
)];
const OPERATOR: &[InputDef] = &[input("operator_staff", "运营机构专职工作人员", "人", Count)];
const HR_FIRMS: &[InputDef] = &[input("hr_firms", "入驻人力资源服务企业", "家", Count)];

const PARK_AREA_READING: &str = concat!(
    "含 10000 平方米；分散在几处的，按各场地建筑面积合计。",
    fallback_note!()
);
const SITES_READING: &str = "按平台全部场地的个数计（集中在一处的为 1 个），含 3 个。第十七条“等量化指标”未尽列举，本工具把场地个数也视为可申请降低标准的量化条件。";
const MANAGEMENT_READING: &str = "管理机构与运营机构的专职人员分别计算，同一人不重复计入。";
const OPERATOR_READING: &str = "只计专职人员。未填写时按评分表 4.1 运营团队专职工作人员判断。";
const ABOVE_SCALE_READING: &str = concat!(in_principle!(), fallback_note!());

const AREA_10000: ConditionKind = at_least("area_sqm", "10000", "平方米", "", false);
const SITES_3: ConditionKind = ConditionKind::Threshold(ThresholdDef {
    field: "sites",
    comparison: Comparison::AtMost,
    value: "3",
    unit: "个",
    noun: "场地",
    whole: true,
});
const MANAGEMENT_2: ConditionKind =
    at_least("management_staff", "2", "人", "管理机构专职工作人员", true);
const OPERATOR_3: ConditionKind =
    at_least("operator_staff", "3", "人", "运营机构专职工作人员", true);
const HR_FIRMS_20: ConditionKind = at_least("hr_firms", "20", "家", "人力资源服务企业", true);
const ABOVE_SCALE_5: ConditionKind = at_least("above_scale_firms", "5", "家", "规模以上企业", true);
/// 10 亿元 = 100000 万元.
const REVENUE_10_YI: ConditionKind = at_least("revenue_wan", "100000", "万元", "营业收入", false);

/// Every certification condition, in the order of the articles (and of the report).
#[rustfmt::skip]
pub const CONDITIONS: &[ConditionDef] = &[
    // 第十条 基础条件 (every platform type).
    confirm(C::ConcentratedArea, ALL, "第十条", W_CONCENTRATED_AREA,
        "“一般设立在”：定性条件，由评审核实；本工具只记录申报方的确认。未确认时为未填完，不判为不符合。",
        &[input("concentrated_area", W_CONCENTRATED_AREA, "", Confirm)]),
    confirm(C::LocalSupport, ALL, "第十条（一）", W_LOCAL_SUPPORT, "",
        &[input("local_support", W_LOCAL_SUPPORT, "", Confirm)]),
    confirm(C::ConstructionPlan, ALL, "第十条（二）", W_CONSTRUCTION_PLAN, "",
        &[input("construction_plan", W_CONSTRUCTION_PLAN, "", Confirm)]),
    confirm(C::Infrastructure, ALL, "第十条（三）", W_INFRASTRUCTURE, "",
        &[input("infrastructure", W_INFRASTRUCTURE, "", Confirm)]),
    confirm(C::OperatingBodies, ALL, "第十条（四）", W_OPERATING_BODIES, "",
        &[input("operating_bodies", W_OPERATING_BODIES, "", Confirm)]),

    // 第十一条 市级综合性人力资源服务产业园.
    quantity(C::AreaSqm, COMPREHENSIVE, "第十一条（一）", "平台建筑面积不少于10000平方米", AREA_10000, PARK_AREA_READING, AREA),
    quantity(C::Sites, COMPREHENSIVE, "第十一条（一）", "分散场地不超过3个", SITES_3, SITES_READING, SITES),
    quantity(C::ManagementStaff, COMPREHENSIVE, "第十一条（二）", "平台管理机构负责平台管理、服务的专职工作人员不少于2人", MANAGEMENT_2, MANAGEMENT_READING, MANAGEMENT),
    quantity(C::OperatorStaff, COMPREHENSIVE, "第十一条（二）", "平台运营机构从事平台建设、招商、运营、统计的专职工作人员不少于3人", OPERATOR_3, OPERATOR_READING, OPERATOR),
    confirm(C::HrFirmsMain, COMPREHENSIVE, "第十一条（三）", W_HR_FIRMS_MAIN, QUALITATIVE,
        &[input("hr_firms_main", W_HR_FIRMS_MAIN, "", Confirm)]),
    with_principle(quantity(C::HrFirms, COMPREHENSIVE, "第十一条（三）", "入驻的人力资源服务企业不少于20家", HR_FIRMS_20,
        concat!(in_principle!(), fallback_note!()), HR_FIRMS)),
    ConditionDef {
        part_of: Some("hr_firms"),
        in_principle: true,
        ..quantity(C::AboveScaleFirms, COMPREHENSIVE, "第十一条（三）", "规模以上人力资源服务企业不少于5家", ABOVE_SCALE_5, ABOVE_SCALE_READING,
            &[input("above_scale_firms", "其中：规模以上人力资源服务企业", "家", Count)])
    },
    confirm(C::StableOperation, COMPREHENSIVE, "第十一条（四）", W_STABLE_11, QUALITATIVE,
        &[input("stable_operation", W_STABLE_11, "", Confirm)]),
    with_principle(quantity(C::RevenueWan, COMPREHENSIVE, "第十一条（四）", "入驻人力资源服务企业上年度营业收入总额10亿元（含）以上", REVENUE_10_YI,
        concat!("10 亿元 = 100,000 万元，含本数。", in_principle!(), "本项指全部入驻人力资源服务企业上年度的营业收入总额；评分表 1.2 为评估年度线下入驻人力资源服务企业的营业收入，未填写本项时暂按其判断，须核实。"),
        &[input("revenue_wan", "入驻人力资源服务企业上年度营业收入总额", "万元", Amount)])),

    // 第十二条 市级专业性行业性人力资源服务产业园.
    quantity(C::AreaSqm, SPECIALIZED, "第十二条（一）", "平台建筑面积不少于10000平方米", AREA_10000, PARK_AREA_READING, AREA),
    quantity(C::Sites, SPECIALIZED, "第十二条（一）", "分散场地不超过3个", SITES_3, SITES_READING, SITES),
    quantity(C::ManagementStaff, SPECIALIZED, "第十二条（二）", "平台管理机构负责平台管理、服务的专职工作人员不少于2人", MANAGEMENT_2, MANAGEMENT_READING, MANAGEMENT),
    quantity(C::OperatorStaff, SPECIALIZED, "第十二条（二）", "平台运营机构从事平台建设、招商、运营、统计的专职工作人员不少于3人", OPERATOR_3, OPERATOR_READING, OPERATOR),
    confirm(C::Focus, SPECIALIZED, "第十二条（三）", W_FOCUS, QUALITATIVE,
        &[input("focus", W_FOCUS, "", Confirm)]),
    with_principle(quantity(C::HrFirms, SPECIALIZED, "第十二条（三）", "入驻的人力资源服务企业不少于20家", HR_FIRMS_20,
        concat!(in_principle!(), "评分表 1.1 为入驻服务业企业总数（可能含非人力资源服务企业），只作提示，不代替本项。"), HR_FIRMS)),
    with_principle(quantity(C::AboveScaleFirms, SPECIALIZED, "第十二条（三）", "规模以上服务业企业不少于5家", ABOVE_SCALE_5, ABOVE_SCALE_READING,
        &[input("above_scale_firms", "入驻规模以上服务业企业", "家", Count)])),
    confirm(C::StableOperation, SPECIALIZED, "第十二条（四）", W_STABLE_12, QUALITATIVE,
        &[input("stable_operation", W_STABLE_12, "", Confirm)]),
    quantity(C::RevenueWan, SPECIALIZED, "第十二条（四）", "入驻服务业企业上年度营业收入总额10亿元（含）以上", REVENUE_10_YI,
        "10 亿元 = 100,000 万元，含本数。本项指全部入驻服务业企业上年度的营业收入总额；评分表 1.2 为评估年度线下入驻服务业企业的营业收入，未填写本项时暂按其判断，须核实。",
        &[input("revenue_wan", "入驻服务业企业上年度营业收入总额", "万元", Amount)]),
    quantity(C::HrShare, SPECIALIZED, "第十二条（四）", "人力资源服务企业年度营业收入占比60%以上",
        ConditionKind::Share {
            part: "hr_revenue_wan",
            total: "revenue_wan",
            threshold: ThresholdDef { field: "hr_share_percent", comparison: Comparison::AtLeast, value: "60", unit: "%", noun: "", whole: false },
        },
        "“60%以上”含 60%。占比 = 人力资源服务企业营业收入 ÷ 入驻服务业企业营业收入总额；两项金额都有时按金额计算（比较时不经舍入），否则按直接填写的百分数。",
        &[
            input("hr_revenue_wan", "其中：人力资源服务企业营业收入", "万元", Amount),
            input("hr_share_percent", "人力资源服务企业营业收入占比（无金额时直接填写）", "%", Percent),
        ]),

    // 第十三条 市级专业性行业性人力资源（人才）市场.
    quantity(C::AreaSqm, MARKET, "第十三条（一）", "平台建筑面积不少于1000平方米", at_least("area_sqm", "1000", "平方米", "", false),
        concat!("含 1000 平方米。", fallback_note!()), AREA),
    confirm(C::Influence, MARKET, "第十三条（二）", W_INFLUENCE, "影响力与五项功能为定性条件，由评审核实；本工具只记录申报方的确认。",
        &[input("influence", W_INFLUENCE, "", Confirm)]),
    quantity(C::ServiceEffect, MARKET, "第十三条（三）",
        "平台服务效果突出，年服务特定类别人力资源（人才）超过5000人次或助力人力资源（人才）实现人力资本（收入）超过10亿元",
        ConditionKind::AnyOf(&[C::PersonsServed, C::HumanCapitalWan]),
        "“或”：两项满足其一即可；两项都未达标才算未达标，一项未达标而另一项未填时为未填完。", &[]),
    ConditionDef {
        within: Some(C::ServiceEffect), short_name: "服务人次",
        ..quantity(C::PersonsServed, MARKET, "第十三条（三）", "年服务特定类别人力资源（人才）超过5000人次",
            ConditionKind::Threshold(ThresholdDef {
                field: "persons_served", comparison: Comparison::MoreThan, value: "5000", unit: "人次", noun: "", whole: true }),
            "“超过”不含本数：恰好 5000 人次不满足。未填写时按评分表 2.1 四类服务人次之和判断。",
            &[input("persons_served", "年服务特定类别人力资源（人才）", "人次", Count)])
    },
    ConditionDef {
        within: Some(C::ServiceEffect), short_name: "人力资本（收入）",
        ..quantity(C::HumanCapitalWan, MARKET, "第十三条（三）", "助力人力资源（人才）实现人力资本（收入）超过10亿元",
            ConditionKind::Threshold(ThresholdDef {
                field: "human_capital_wan", comparison: Comparison::MoreThan, value: "100000", unit: "万元", noun: "", whole: false }),
            "“超过”不含本数：恰好 100,000 万元（10 亿元）不满足。",
            &[input("human_capital_wan", "助力实现人力资本（收入）", "万元", Amount)])
    },
];

/// The rows that apply to a platform type, in order (the halves of an "或" included).
pub fn conditions_for(rubric_id: &str) -> impl Iterator<Item = &'static ConditionDef> + '_ {
    CONDITIONS.iter().filter(move |c| c.applies_to(rubric_id))
}

/// The row of a condition for a platform type.
pub fn definition(rubric_id: &str, id: ConditionId) -> Option<&'static ConditionDef> {
    conditions_for(rubric_id).find(|c| c.id == id)
}

/// The articles applied to a platform type, e.g. 第十条、第十一条、第十七条. Empty for an
/// unknown rubric id.
pub fn articles(rubric_id: &str) -> String {
    let mut heads: Vec<&str> = Vec::new();
    for c in conditions_for(rubric_id) {
        if !heads.contains(&c.article_head()) {
            heads.push(c.article_head());
        }
    }
    if heads.is_empty() {
        return String::new();
    }
    heads.push(RELIEF_ARTICLE);
    heads.join("、")
}

/// One certification input as the form shows it, for one platform type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertField {
    /// The key in [`Certification`](crate::domain::Certification).
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: CertKind,
    /// The article it comes from, e.g. 第十一条（三）.
    pub article: &'static str,
    /// The article without its clause, e.g. 第十一条 (the form groups by it).
    pub article_head: &'static str,
    /// The (top-level) condition of the report it belongs to.
    pub condition: ConditionId,
    /// The row it is an input of: `condition` itself, or for the half of an "或"
    /// condition that half (one of the condition's `alternatives`).
    pub row: ConditionId,
}

/// Whether an article's conditions are the basic ones every platform type meets (Art. 10),
/// read from [`CONDITIONS`] (every row under that head applies to all three types), so
/// that the form titles them 基本条件 without naming the article.
pub fn is_basic(article_head: &str) -> bool {
    let mut rows = CONDITIONS
        .iter()
        .filter(|c| c.article_head() == article_head)
        .peekable();
    rows.peek().is_some() && rows.all(|c| c.platforms == PlatformKind::ALL.as_slice())
}

/// The certification inputs that apply to a platform type (Art. 10 and Art. 11, 12 or
/// 13), in the order of the articles, read from [`CONDITIONS`]. Empty for an unknown
/// rubric id.
pub fn fields(rubric_id: &str) -> Vec<CertField> {
    conditions_for(rubric_id)
        .flat_map(|c| {
            c.inputs.iter().map(move |i| CertField {
                key: i.key,
                label: i.label,
                unit: i.unit,
                kind: i.kind,
                article: c.article,
                article_head: c.article_head(),
                condition: c.within.unwrap_or(c.id),
                row: c.id,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draft::certification::{CONFIRMATION_KEYS, QUANTITY_KEYS};
    use crate::domain::rubric::RUBRIC_IDS;

    #[test]
    fn every_threshold_is_a_decimal() {
        for c in CONDITIONS {
            if let Some(t) = c.threshold() {
                assert!(
                    Decimal::from_str(t.value).is_ok(),
                    "{:?}: {}",
                    c.id,
                    t.value
                );
                assert!(t.value().is_sign_positive());
            }
        }
    }

    #[test]
    fn every_input_is_a_certification_key() {
        for c in CONDITIONS {
            for i in c.inputs {
                let known = if i.kind == CertKind::Confirm {
                    CONFIRMATION_KEYS
                } else {
                    QUANTITY_KEYS
                };
                assert!(known.contains(&i.key), "{:?}: {}", c.id, i.key);
            }
            for r in c.reads() {
                assert!(
                    CONFIRMATION_KEYS.contains(&r) || QUANTITY_KEYS.contains(&r),
                    "{r}"
                );
            }
        }
    }

    #[test]
    fn one_row_per_condition_and_platform_and_every_platform_covered() {
        for id in RUBRIC_IDS {
            let rows: Vec<ConditionId> = conditions_for(id).map(|c| c.id).collect();
            let mut sorted = rows.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(rows.len(), sorted.len(), "{id}");
            assert!(rows.len() >= 7, "{id}");
        }
        assert_eq!(articles("comprehensive-park"), "第十条、第十一条、第十七条");
        assert_eq!(articles("specialized-park"), "第十条、第十二条、第十七条");
        assert_eq!(articles("talent-market"), "第十条、第十三条、第十七条");
        assert!(fields("nope").is_empty());
    }

    #[test]
    fn the_halves_of_an_or_follow_it() {
        for c in CONDITIONS {
            if let ConditionKind::AnyOf(ids) = c.kind {
                for id in ids {
                    let half = CONDITIONS.iter().find(|h| h.id == *id).unwrap();
                    assert_eq!(half.within, Some(c.id));
                    assert!(!half.short_name.is_empty());
                }
            }
        }
    }

    #[test]
    fn keys_round_trip() {
        for id in ConditionId::ALL {
            assert_eq!(ConditionId::from_key(id.key()), Some(id));
            assert_eq!(serde_json::to_value(id).unwrap(), id.key());
        }
    }
}
