//! Values a draft already holds (附表1, the scoring inputs) offered for the certification
//! inputs, and where a value used by the check came from.

use crate::domain::draft::certification::{read_number, CertKind};
use crate::domain::draft::{check as check_draft, Draft};
use crate::domain::number::fmt_grouped;
use crate::domain::rubric::{FieldRole, PlatformKind};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

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
/// as "从评分表带入"). `fallback` ones are used by the check while the input is blank (a
/// `caveat` on one is repeated in the report's warnings); other ones with a `caveat`
/// measure something close but not the same and are only offered.
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
    suggestion_with(field, value, unit, source, caveat, caveat.is_none())
}

fn suggestion_with(
    field: &str,
    value: Decimal,
    unit: &str,
    source: ValueSource,
    caveat: Option<&str>,
    fallback: bool,
) -> Suggestion {
    let text = format!("{}：{} {unit}", source.label_zh(), fmt_grouped(value));
    Suggestion {
        field: field.to_string(),
        value,
        unit: unit.to_string(),
        source,
        text,
        fallback,
        caveat: caveat.map(str::to_string),
    }
}

/// A scoring input (附表2–4) that answers a certification input, found in the draft's
/// edition by its field's role ([`FieldRole`]), not by indicator id: an edition that
/// renumbers or renames keeps its 带入.
struct FromScoring {
    rubrics: &'static [PlatformKind],
    role: FieldRole,
    /// The key in [`Certification`].
    key: &'static str,
    unit: &'static str,
    label: &'static str,
    /// Set when the scoring input measures something close but not the same.
    caveat: Option<&'static str>,
    /// Used by the check while the input is blank (with its caveat said, if any); else
    /// only offered.
    fallback: bool,
}

/// Art. 11 (四) against 附表2 1.2.
pub const REVENUE_CAVEAT_COMPREHENSIVE: &str = "第十一条（四）指全部入驻人力资源服务企业上年度的营业收入总额；评分表 1.2 只计线下入驻企业、且为评估年度，请核实后填写本项";
/// Art. 12 (四) against 附表3 1.2.
pub const REVENUE_CAVEAT_SPECIALIZED: &str = "第十二条（四）指全部入驻服务业企业上年度的营业收入总额；评分表 1.2 只计线下入驻企业、且为评估年度，请核实后填写本项";

const PARKS: &[PlatformKind] = &[
    PlatformKind::ComprehensivePark,
    PlatformKind::SpecializedPark,
];
const COMPREHENSIVE: &[PlatformKind] = &[PlatformKind::ComprehensivePark];
const SPECIALIZED: &[PlatformKind] = &[PlatformKind::SpecializedPark];
const MARKET: &[PlatformKind] = &[PlatformKind::TalentMarket];

#[rustfmt::skip]
const FROM_SCORING: &[FromScoring] = &[
    FromScoring { rubrics: PARKS, role: FieldRole::Area, key: "area_sqm", unit: "平方米", label: "产业园面积", caveat: None, fallback: true },
    FromScoring { rubrics: PARKS, role: FieldRole::OperatorStaff, key: "operator_staff", unit: "人", label: "运营团队专职工作人员",
        caveat: None, fallback: true },
    FromScoring { rubrics: COMPREHENSIVE, role: FieldRole::Firms, key: "hr_firms", unit: "家", label: "线下入驻人力资源服务企业总数",
        caveat: None, fallback: true },
    FromScoring { rubrics: SPECIALIZED, role: FieldRole::Firms, key: "hr_firms", unit: "家", label: "线下入驻服务业企业总数",
        caveat: Some("评分表 1.1 为入驻服务业企业总数，可能含非人力资源服务企业；认定条件只计人力资源服务企业，请核实后填写"), fallback: false },
    FromScoring { rubrics: PARKS, role: FieldRole::AboveScaleFirms, key: "above_scale_firms", unit: "家", label: "其中规模以上企业",
        caveat: None, fallback: true },
    FromScoring { rubrics: COMPREHENSIVE, role: FieldRole::Revenue, key: "revenue_wan", unit: "万元", label: "线下入驻人力资源服务企业营收",
        caveat: Some(REVENUE_CAVEAT_COMPREHENSIVE), fallback: true },
    FromScoring { rubrics: SPECIALIZED, role: FieldRole::Revenue, key: "revenue_wan", unit: "万元", label: "线下入驻服务业企业营收",
        caveat: Some(REVENUE_CAVEAT_SPECIALIZED), fallback: true },
    FromScoring { rubrics: MARKET, role: FieldRole::Area, key: "area_sqm", unit: "平方米", label: "市场面积", caveat: None, fallback: true },
];

/// The values a draft already holds that answer certification inputs (Arts. 11–13),
/// application form (附表1) first, then scoring inputs (附表2–4): for the parks
/// 场所面积/4.1 面积 → `area_sqm`, 场所个数 → `sites`, 1.1 入驻企业/规模以上 →
/// `hr_firms`/`above_scale_firms`, 1.2 营收 → `revenue_wan`, 4.1 专职人员 →
/// `operator_staff`; for the market 3.1 面积 → `area_sqm` and the sum of 2.1's four
/// person-time counts → `persons_served`. Invalid values are not offered.
pub fn suggestions(draft: &Draft) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let Some(kind) = PlatformKind::from_id(&draft.rubric) else {
        return out;
    };
    let is_park = kind.is_park();

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
    let rubric = checked.rubric;
    for s in FROM_SCORING.iter().filter(|s| s.rubrics.contains(&kind)) {
        // The first field of the role (an edition carries each once; see `Rubric::check`).
        let Some((ind, field)) = rubric.with_role(s.role).into_iter().next() else {
            continue;
        };
        if let Some(v) = checked.number(&ind.id, &field.key) {
            let source = ValueSource::Scoring {
                indicator: ind.id.clone(),
                fields: vec![field.key.clone()],
                label: s.label.to_string(),
            };
            out.push(suggestion_with(
                s.key, v, s.unit, source, s.caveat, s.fallback,
            ));
        }
    }
    if kind == PlatformKind::TalentMarket {
        // Art. 13 (三) counts person-times served: the sum of 附表4 2.1's four categories
        // (the fields of role `persons_served`, in the first indicator that has them).
        let served = rubric.with_role(FieldRole::PersonsServed);
        let indicator = served
            .first()
            .map(|(i, _)| i.id.clone())
            .unwrap_or_default();
        let keys: Vec<&str> = served
            .iter()
            .filter(|(i, _)| i.id == indicator)
            .map(|(_, f)| f.key.as_str())
            .collect();
        let present: Vec<Decimal> = keys
            .iter()
            .filter_map(|k| checked.number(&indicator, k))
            .collect();
        if !present.is_empty() {
            let sum = present
                .iter()
                .fold(Decimal::ZERO, |a, b| a.saturating_add(*b));
            let source = ValueSource::Scoring {
                indicator,
                fields: keys.iter().map(|k| k.to_string()).collect(),
                label: "服务特定类别人才人次（四类合计）".into(),
            };
            out.push(suggestion("persons_served", sum, "人次", source, None));
        }
    }
    out
}
