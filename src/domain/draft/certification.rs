//! 认定条件 inputs: the record a draft carries in its field `certification` (Articles
//! 10–13), and the reading of one typed quantity. The conditions themselves (articles,
//! wording, thresholds) are in `eligibility::conditions`; the check in `eligibility`.

use crate::domain::number::{
    fmt_decimal, is_blank, read_quantity, read_quantity_in, QuantityError,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The certification inputs of a draft (Articles 10–13). Numbers keep what the user
/// typed; blank is not zero. A field that does not apply to the draft's platform type
/// is ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Certification {
    /// 第十条（一）当地党委、政府重视人力资源服务业发展，制定战略规划和政策措施.
    #[serde(default, skip_serializing_if = "is_false")]
    pub local_support: bool,
    /// 第十条（二）平台建设方案完整，投资主体、发展目标明确，物理形态相对集中，四至边界清晰.
    #[serde(default, skip_serializing_if = "is_false")]
    pub construction_plan: bool,
    /// 第十条（三）平台基础设施完备，有完整的公共服务支撑体系.
    #[serde(default, skip_serializing_if = "is_false")]
    pub infrastructure: bool,
    /// 第十条（四）平台有明确的管理和运营机构，运营、管理、服务、统计机制健全.
    #[serde(default, skip_serializing_if = "is_false")]
    pub operating_bodies: bool,
    /// 平台建筑面积, 平方米 (Arts. 11–12 (一) ≥ 10000; Art. 13 (一) ≥ 1000).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub area_sqm: Value,
    /// 场地个数 (Arts. 11–12 (一) 分散场地不超过3个).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub sites: Value,
    /// 管理机构专职工作人员 (Arts. 11–12 (二) ≥ 2).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub management_staff: Value,
    /// 运营机构专职工作人员 (Arts. 11–12 (二) ≥ 3).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub operator_staff: Value,
    /// 入驻人力资源服务企业数 (Arts. 11–12 (三) ≥ 20).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub hr_firms: Value,
    /// 规模以上企业数: Art. 11 (三) 规模以上人力资源服务企业 ≥ 5; Art. 12 (三) 规模以上服务业企业 ≥ 5.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub above_scale_firms: Value,
    /// 上年度营业收入总额, 万元: Art. 11 (四) of the resident HR firms, Art. 12 (四) of the
    /// resident service firms; ≥ 100000 万元 (10 亿元, inclusive).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub revenue_wan: Value,
    /// Art. 12 (四): 其中人力资源服务企业营业收入, 万元 (for the share).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub hr_revenue_wan: Value,
    /// Art. 12 (四): 人力资源服务企业营业收入占比, typed as a percentage ("65", "65%").
    #[serde(default, skip_serializing_if = "is_blank")]
    pub hr_share_percent: Value,
    /// 第十二条（三）平台专业性、行业性特点鲜明，围绕特定业态或特定行业集聚人力资源服务企业.
    #[serde(default, skip_serializing_if = "is_false")]
    pub focus: bool,
    /// 第十三条（二）“引、育、留、用、转”方面具有显著影响力，能够担负五项功能.
    #[serde(default, skip_serializing_if = "is_false")]
    pub influence: bool,
    /// Art. 13 (三): 年服务特定类别人力资源（人才）人次 (> 5000).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub persons_served: Value,
    /// Art. 13 (三): 助力实现人力资本（收入）, 万元 (> 100000 万元 = 10 亿元).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub human_capital_wan: Value,
    /// 第十一条（三）平台入驻主体以人力资源服务企业为主 (format 2, issue 14).
    #[serde(default, skip_serializing_if = "is_false")]
    pub hr_firms_main: bool,
    /// 第十一条（四）/第十二条（四）平台入驻（人力资源服务）企业生产经营平稳 (format 2, issue 14).
    #[serde(default, skip_serializing_if = "is_false")]
    pub stable_operation: bool,
    /// 第十条 市级平台一般设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域
    /// (format 2, issue 14).
    #[serde(default, skip_serializing_if = "is_false")]
    pub concentrated_area: bool,
    /// Art. 17 relief granted by the bureau, one recorded decision per condition (format 2,
    /// issue 14). See [`ReliefGrant`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relief: Vec<ReliefGrant>,
    /// Art. 15 筹建: whether the platform is in preparation, and since when (format 2,
    /// issue 14). See [`Establishment`].
    #[serde(default, skip_serializing_if = "Establishment::omit")]
    pub establishment: Establishment,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One Art. 17 decision as recorded: for a platform in 渝东北 or 渝东南, the bureau may
/// lower a quantitative condition's threshold ("适当降低标准") or set a date by which it
/// must be reached ("设置达成时限"), or both. Everything is kept as typed; the check
/// (`eligibility`) reads and validates it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReliefGrant {
    /// The condition's key (`hr_firms`, `area_sqm`, …; a `ConditionId` key).
    #[serde(default)]
    pub condition: String,
    /// The lowered threshold, in the condition's unit, as typed (blank: not lowered).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub threshold: Value,
    /// 达成时限, YYYY-MM-DD (blank: none set).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline: String,
    /// The decision's document number, e.g. 渝人社〔2026〕12号.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Art. 15: "可以先行批准筹建，待建成验收通过后纳入市级平台管理。原则上，筹建期最长一年".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Establishment {
    /// `preparing` (筹建) or `operating` (the default; blank means operating), as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// The date 筹建 was approved, YYYY-MM-DD, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub approved: String,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The values of [`Establishment::status`].
pub const ESTABLISHMENT_STATUSES: [(&str, &str); 2] = [
    ("operating", "已认定（运营中）"),
    ("preparing", "筹建（第十五条）"),
];

impl Establishment {
    /// Nothing to write: empty and no member a newer version added (the draft then omits
    /// the member; see `draft::keep`).
    pub fn omit(&self) -> bool {
        self.is_default() && self.extra.is_empty()
    }
    /// Nothing recorded (the draft then omits the member).
    pub fn is_default(&self) -> bool {
        self.status.trim().is_empty() && self.approved.trim().is_empty()
    }

    /// Recorded as 筹建.
    pub fn preparing(&self) -> bool {
        self.status.trim() == "preparing"
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Lists [`Certification`]'s confirmations and quantities once, and generates from that
/// list the key lists and the by-key accessors the form and the check use.
macro_rules! certification_keys {
    (confirmations: [$($c:ident),* $(,)?], quantities: [$($q:ident),* $(,)?] $(,)?) => {
        /// The confirmation keys of [`Certification`].
        pub const CONFIRMATION_KEYS: &[&str] = &[$(stringify!($c)),*];

        /// The quantity keys of [`Certification`].
        pub const QUANTITY_KEYS: &[&str] = &[$(stringify!($q)),*];

        impl Certification {
    /// Nothing to write: empty and no member a newer version added (the draft then omits
    /// the member; see `draft::keep`).
    pub fn omit(&self) -> bool {
        self.is_empty() && self.extra.is_empty() && self.establishment.omit()
    }
            fn quantity_slot(&mut self, key: &str) -> Option<&mut Value> {
                match key {
                    $(stringify!($q) => Some(&mut self.$q),)*
                    _ => None,
                }
            }

            fn quantity(&self, key: &str) -> Option<&Value> {
                match key {
                    $(stringify!($q) => Some(&self.$q),)*
                    _ => None,
                }
            }

            fn confirmation_slot(&mut self, key: &str) -> Option<&mut bool> {
                match key {
                    $(stringify!($c) => Some(&mut self.$c),)*
                    _ => None,
                }
            }

            /// Whether a confirmation (Art. 10, Art. 11 (三)/(四), Art. 12 (三)/(四), Art. 13 (二)) is ticked.
            pub fn confirmed(&self, key: &str) -> bool {
                match key {
                    $(stringify!($c) => self.$c,)*
                    _ => false,
                }
            }
        }
    };
}

certification_keys! {
    confirmations: [
        concentrated_area, local_support, construction_plan, infrastructure, operating_bodies,
        hr_firms_main, stable_operation, focus, influence,
    ],
    quantities: [
        area_sqm, sites, management_staff, operator_staff, hr_firms, above_scale_firms,
        revenue_wan, hr_revenue_wan, hr_share_percent, persons_served, human_capital_wan,
    ],
}

impl Certification {
    /// Nothing confirmed and nothing typed (the draft then omits the field).
    pub fn is_empty(&self) -> bool {
        CONFIRMATION_KEYS.iter().all(|k| !self.confirmed(k))
            && QUANTITY_KEYS.iter().all(|k| self.raw(k).is_none())
            && self.relief.is_empty()
            && self.establishment.is_default()
    }

    /// A quantity as typed, if present and not blank; `None` for an unknown key.
    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.quantity(key).filter(|v| !is_blank(v))
    }

    /// Sets (or with `None`, clears) a quantity as typed. False for an unknown key.
    pub fn set_raw(&mut self, key: &str, value: Option<Value>) -> bool {
        match self.quantity_slot(key) {
            Some(slot) => {
                *slot = value.filter(|v| !is_blank(v)).unwrap_or(Value::Null);
                true
            }
            None => false,
        }
    }

    /// Ticks or clears a confirmation. False for an unknown key.
    pub fn set_confirmed(&mut self, key: &str, value: bool) -> bool {
        match self.confirmation_slot(key) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }
}

/// What kind of input a certification field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertKind {
    /// A condition the user confirms (a checkbox).
    Confirm,
    /// A whole number (家, 人, 个, 人次).
    Count,
    /// A decimal quantity (平方米, 万元).
    Amount,
    /// A percentage, 0 to 100 ("65" or "65%").
    Percent,
}

/// As [`read_number`], with the field's unit (the condition's data: 万元, 平方米, 家…), so
/// that a unit typed after the figure is read when it converts ("4.5亿" in 万元 is 45,000)
/// and named in the message when it does not ([`read_quantity_in`]). A percentage keeps
/// its own reading ("65%").
pub fn read_number_in(raw: &Value, kind: CertKind, unit: &str) -> Result<Decimal, QuantityError> {
    match kind {
        CertKind::Count | CertKind::Amount => read_quantity_in(raw, kind == CertKind::Count, unit),
        _ => read_number(raw, kind),
    }
}

/// Reads one typed value as a non-negative exact number of the given kind. The message
/// is the part after the field's name.
pub fn read_number(raw: &Value, kind: CertKind) -> Result<Decimal, QuantityError> {
    // A percentage may be typed with its sign ("65%", "65％").
    let stripped;
    let raw = match (kind, raw) {
        (CertKind::Percent, Value::String(s)) => {
            let t = s.trim();
            stripped = Value::String(
                t.strip_suffix('%')
                    .or_else(|| t.strip_suffix('％'))
                    .unwrap_or(t)
                    .to_string(),
            );
            &stripped
        }
        _ => raw,
    };
    let d = read_quantity(raw, kind == CertKind::Count)?;
    if kind == CertKind::Percent && d > Decimal::ONE_HUNDRED {
        return Err(QuantityError::PercentOver100 {
            shown: fmt_decimal(d),
        });
    }
    Ok(d)
}
