//! 附表1《重庆市市级人力资源服务发展平台认定申请表》 as data (Art. 14 (一) 1).
//!
//! The form travels in the draft (field `application`). Text fields are stored as typed;
//! numbers are stored as typed too (a JSON number or a string) and read exactly with
//! [`parse_decimal`](crate::domain::number::parse_decimal). Choices are stored as keys:
//! 平台性质 `comprehensive-park` / `specialized-park` / `talent-market` (blank = the draft's
//! rubric), 载体性质 `offline` / `online_offline`, 建设方式 `new` / `renovated`, 运营方式
//! `self` / `entrusted`, and the services as a list of keys from [`SERVICES`].

use crate::domain::number::is_blank;
use crate::domain::rubric::PlatformKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The 认定申请表 (附表1). Every field may be blank.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Application {
    /// 申报单位（盖章）.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub applicant: String,
    /// 填报日期, as typed (2025-03-24, 2025年3月24日 …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 平台名称 (blank: the draft's platform name is offered).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// 平台地址.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// 平台性质: a key of [`NATURES`]; blank means the draft's rubric id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nature: String,
    /// 载体性质: a key of [`CARRIERS`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub carrier: String,
    /// 负责人（联系人）.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// 联系电话.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// 线下场所 场所面积, 平方米.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub area_sqm: Value,
    /// 线下场所 场所个数.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub sites: Value,
    /// 建设方式: a key of [`CONSTRUCTIONS`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub construction: String,
    /// 投入资金, 万元.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub investment_wan: Value,
    /// 运营方式: a key of [`OPERATIONS`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operation: String,
    /// 运营团队人数.
    #[serde(default, skip_serializing_if = "is_blank")]
    pub team_size: Value,
    /// 平台可为入驻企业提供的服务: keys of [`SERVICES`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// 其他服务, in words (with `other` ticked).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other_services: String,
    /// Art. 14 (一) 申报材料: material id (a key of [`MATERIALS`]) → ready and page count
    /// (format 2, issue 14).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub materials: BTreeMap<String, MaterialEntry>,
    /// Art. 14 (三) 公示: first and last day (format 2, issue 14).
    #[serde(default, skip_serializing_if = "Publicity::omit")]
    pub publicity: Publicity,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What kind of input a 附表1 field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppFieldKind {
    /// Free text.
    Text,
    /// 填报日期 (2025-03-24, 2025年3月24日 …), checked for plausibility only.
    Date,
    /// 联系电话, checked for plausibility only.
    Phone,
    /// One of a list of options (key, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// A whole number (个, 人).
    Count,
    /// A decimal quantity (平方米, 万元).
    Amount,
}

/// Where a blank field of 附表1 takes its value from when printed (and what the form's
/// placeholder says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppFallback {
    None,
    /// The draft's platform name.
    PlatformName,
    /// The draft's rubric id (平台性质).
    Rubric,
    /// The certification input of this key.
    Certification(&'static str),
}

/// The two parts of the form on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppSection {
    /// The platform and its contact.
    Platform,
    /// 线下场所.
    Site,
}

/// One field of 附表1 (the services list and the materials are their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppFieldDef {
    /// The member of [`Application`] (the input's id is `app-<key>`).
    pub key: &'static str,
    /// As the form's cell says it: 申报单位（盖章）.
    pub label: &'static str,
    /// In messages and the list of blank fields: 申报单位.
    pub short: &'static str,
    /// The unit shown beside the input (㎡, 个, 万元, 人).
    pub unit: &'static str,
    pub kind: AppFieldKind,
    pub section: AppSection,
    pub fallback: AppFallback,
    /// The placeholder when there is no fallback.
    pub placeholder: &'static str,
}

const fn field(
    key: &'static str,
    label: &'static str,
    short: &'static str,
    kind: AppFieldKind,
    section: AppSection,
    placeholder: &'static str,
) -> AppFieldDef {
    AppFieldDef {
        key,
        label,
        short,
        unit: "",
        kind,
        section,
        fallback: AppFallback::None,
        placeholder,
    }
}

/// 附表1's fields in the form's order: one table for the form on screen, the check and the
/// printed sheet (like the certification's `CONDITIONS`).
pub const APP_FIELDS: &[AppFieldDef] = &[
    field(
        "applicant",
        "申报单位（盖章）",
        "申报单位",
        AppFieldKind::Text,
        AppSection::Platform,
        "申报单位全称",
    ),
    field(
        "date",
        "填报日期",
        "填报日期",
        AppFieldKind::Date,
        AppSection::Platform,
        "如 2025年3月24日",
    ),
    AppFieldDef {
        fallback: AppFallback::PlatformName,
        ..field(
            "name",
            "平台名称",
            "平台名称",
            AppFieldKind::Text,
            AppSection::Platform,
            "平台全称",
        )
    },
    field(
        "address",
        "平台地址",
        "平台地址",
        AppFieldKind::Text,
        AppSection::Platform,
        "详细地址",
    ),
    AppFieldDef {
        fallback: AppFallback::Rubric,
        ..field(
            "nature",
            "平台性质",
            "平台性质",
            AppFieldKind::Choice(&NATURES),
            AppSection::Platform,
            "",
        )
    },
    field(
        "carrier",
        "载体性质",
        "载体性质",
        AppFieldKind::Choice(&CARRIERS),
        AppSection::Platform,
        "",
    ),
    field(
        "contact",
        "负责人（联系人）",
        "负责人（联系人）",
        AppFieldKind::Text,
        AppSection::Platform,
        "姓名",
    ),
    field(
        "phone",
        "联系电话",
        "联系电话",
        AppFieldKind::Phone,
        AppSection::Platform,
        "如 023-63861234",
    ),
    AppFieldDef {
        unit: "㎡",
        fallback: AppFallback::Certification("area_sqm"),
        ..field(
            "area_sqm",
            "场所面积",
            "场所面积",
            AppFieldKind::Amount,
            AppSection::Site,
            "未填",
        )
    },
    AppFieldDef {
        unit: "个",
        fallback: AppFallback::Certification("sites"),
        ..field(
            "sites",
            "场所个数",
            "场所个数",
            AppFieldKind::Count,
            AppSection::Site,
            "未填",
        )
    },
    field(
        "construction",
        "建设方式",
        "建设方式",
        AppFieldKind::Choice(&CONSTRUCTIONS),
        AppSection::Site,
        "",
    ),
    AppFieldDef {
        unit: "万元",
        ..field(
            "investment_wan",
            "投入资金",
            "投入资金",
            AppFieldKind::Amount,
            AppSection::Site,
            "未填",
        )
    },
    field(
        "operation",
        "运营方式",
        "运营方式",
        AppFieldKind::Choice(&OPERATIONS),
        AppSection::Site,
        "",
    ),
    AppFieldDef {
        unit: "人",
        ..field(
            "team_size",
            "运营团队人数",
            "运营团队人数",
            AppFieldKind::Count,
            AppSection::Site,
            "未填",
        )
    },
];

/// The row of a 附表1 field.
pub fn app_field(key: &str) -> Option<&'static AppFieldDef> {
    APP_FIELDS.iter().find(|f| f.key == key)
}

impl Application {
    fn text_slot(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "applicant" => &mut self.applicant,
            "date" => &mut self.date,
            "name" => &mut self.name,
            "address" => &mut self.address,
            "nature" => &mut self.nature,
            "carrier" => &mut self.carrier,
            "contact" => &mut self.contact,
            "phone" => &mut self.phone,
            "construction" => &mut self.construction,
            "operation" => &mut self.operation,
            "other_services" => &mut self.other_services,
            _ => return None,
        })
    }

    fn number_slot(&mut self, key: &str) -> Option<&mut Value> {
        Some(match key {
            "area_sqm" => &mut self.area_sqm,
            "sites" => &mut self.sites,
            "investment_wan" => &mut self.investment_wan,
            "team_size" => &mut self.team_size,
            _ => return None,
        })
    }

    /// A text or choice field as typed; `None` for a key that is not one.
    pub fn text(&self, key: &str) -> Option<&str> {
        Some(match key {
            "applicant" => &self.applicant,
            "date" => &self.date,
            "name" => &self.name,
            "address" => &self.address,
            "nature" => &self.nature,
            "carrier" => &self.carrier,
            "contact" => &self.contact,
            "phone" => &self.phone,
            "construction" => &self.construction,
            "operation" => &self.operation,
            "other_services" => &self.other_services,
            _ => return None,
        })
    }

    /// A number field as typed (a JSON number or a string; `Null` when blank); `None` for a
    /// key that is not one.
    pub fn number(&self, key: &str) -> Option<&Value> {
        match key {
            "area_sqm" => Some(&self.area_sqm),
            "sites" => Some(&self.sites),
            "investment_wan" => Some(&self.investment_wan),
            "team_size" => Some(&self.team_size),
            _ => None,
        }
    }

    /// Sets a text or choice field. False for a key that is not one.
    pub fn set_text(&mut self, key: &str, value: String) -> bool {
        self.text_slot(key).map(|s| *s = value).is_some()
    }

    /// Sets (`Null`: clears) a number field as typed. False for a key that is not one.
    pub fn set_number(&mut self, key: &str, value: Value) -> bool {
        self.number_slot(key).map(|s| *s = value).is_some()
    }

    /// Whether the field is blank (text trimmed, a number blank).
    pub fn is_blank_at(&self, key: &str) -> bool {
        match (self.text(key), self.number(key)) {
            (Some(t), _) => t.trim().is_empty(),
            (_, Some(v)) => is_blank(v),
            _ => true,
        }
    }
}

/// One Art. 14 (一) material as the applicant has it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MaterialEntry {
    /// Ready (ticked).
    #[serde(default)]
    pub ready: bool,
    /// Pages, as typed (a whole number; blank when not counted).
    #[serde(default, skip_serializing_if = "is_blank")]
    pub pages: Value,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl MaterialEntry {
    pub fn is_empty(&self) -> bool {
        !self.ready && is_blank(&self.pages)
    }
}

/// Art. 14 (三) 公示: its first and last day, YYYY-MM-DD, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Publicity {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub start: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub end: String,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Publicity {
    /// Nothing to write: empty and no member a newer version added (the draft then omits
    /// the member; see `draft::keep`).
    pub fn omit(&self) -> bool {
        self.is_empty() && self.extra.is_empty()
    }
    pub fn is_empty(&self) -> bool {
        self.start.trim().is_empty() && self.end.trim().is_empty()
    }
}

/// One material of Art. 14 (一) (申报材料), as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MaterialDef {
    /// The key in [`Application::materials`].
    pub id: &'static str,
    /// Its number in Art. 14 (一), 1–5.
    pub number: u32,
    /// The item's text, verbatim from the measures (without its number).
    pub text: &'static str,
    /// A short name for the checklist.
    pub short: &'static str,
}

/// Art. 14 (一)'s five 申报材料, in the article's order, verbatim.
pub const MATERIALS: [MaterialDef; 5] = [
    MaterialDef {
        id: "application_form",
        number: 1,
        text: "《重庆市市级人力资源服务发展平台认定申请表》。",
        short: "认定申请表（附表1）",
    },
    MaterialDef {
        id: "local_policies",
        number: 2,
        text: "当地出台推动人力资源服务业发展的战略规划和政策措施。",
        short: "战略规划和政策措施",
    },
    MaterialDef {
        id: "site_documents",
        number: 3,
        text: "平台土地使用批件或产权证明（租赁合同）、运营管理、组织构建等材料。",
        short: "土地使用批件或产权证明（租赁合同）等",
    },
    MaterialDef {
        id: "resident_firms",
        number: 4,
        text: "平台入驻企业名录、入驻协议，平台入驻企业上年度营业收入情况。",
        short: "入驻企业名录、入驻协议、上年度营业收入",
    },
    MaterialDef {
        id: "other_proof",
        number: 5,
        text: "按照认定条件需要提供的其他证明材料。",
        short: "其他证明材料",
    },
];

/// The lead-in of Art. 14 (一), verbatim.
pub const MATERIALS_ARTICLE: &str = "第十四条（一）";
pub const MATERIALS_LEAD: &str =
    "平台所在地区县（自治县）人民政府向市人力社保局提出申请，提交以下申报材料：";

/// Art. 14 (三), verbatim.
pub const PUBLICITY_ARTICLE: &str = "第十四条（三）";
pub const PUBLICITY_TEXT: &str = "市人力社保局根据评估情况，研究确定拟批准市级平台名单，并在重庆市人力资源和社会保障局官网公示不少于5天。";

/// The material of an id.
pub fn material(id: &str) -> Option<&'static MaterialDef> {
    MATERIALS.iter().find(|m| m.id == id)
}

/// 平台性质 (附表1; Art. 3's three types): key (= rubric id) and label.
pub const NATURES: [(&str, &str); 3] = [
    (PlatformKind::ComprehensivePark.id(), "综合性产业园"),
    (PlatformKind::SpecializedPark.id(), "专业性行业性产业园"),
    (PlatformKind::TalentMarket.id(), "专业性行业性市场"),
];

/// 载体性质 (附表1).
pub const CARRIERS: [(&str, &str); 2] = [("offline", "线下"), ("online_offline", "线上+线下")];

/// 建设方式 (附表1).
pub const CONSTRUCTIONS: [(&str, &str); 2] = [("new", "新建"), ("renovated", "改建")];

/// 运营方式 (附表1).
pub const OPERATIONS: [(&str, &str); 2] = [("self", "自运营"), ("entrusted", "委托")];

/// 平台可为入驻企业提供的服务 (附表1), in the form's order.
pub const SERVICES: [(&str, &str); 10] = [
    ("policy_consulting", "政策咨询"),
    ("information", "信息服务"),
    ("registration", "注册登记"),
    ("licensing", "证照审批"),
    ("opening_guidance", "开业指导"),
    ("fit_out", "装修入驻"),
    ("property", "物业服务"),
    ("platform_building", "平台搭建"),
    ("financing", "融资服务"),
    ("other", "其他服务"),
];

/// The label of a key in one of the option lists above.
pub fn label_of(options: &[(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    options.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

impl Application {
    /// Nothing to write: empty and no member a newer version added (the draft then omits
    /// the member; see `draft::keep`).
    pub fn omit(&self) -> bool {
        self.is_empty() && self.extra.is_empty() && self.publicity.omit()
    }
    /// Nothing filled in (the draft then omits the field).
    pub fn is_empty(&self) -> bool {
        self.applicant.is_empty()
            && self.date.is_empty()
            && self.name.is_empty()
            && self.address.is_empty()
            && self.nature.is_empty()
            && self.carrier.is_empty()
            && self.contact.is_empty()
            && self.phone.is_empty()
            && is_blank(&self.area_sqm)
            && is_blank(&self.sites)
            && self.construction.is_empty()
            && is_blank(&self.investment_wan)
            && self.operation.is_empty()
            && is_blank(&self.team_size)
            && self.services.is_empty()
            && self.other_services.is_empty()
            && self.materials.values().all(MaterialEntry::is_empty)
            && self.publicity.is_empty()
    }

    /// 平台性质: as chosen, else the draft's rubric id (the default of 附表1's first box).
    pub fn nature_or<'a>(&'a self, rubric_id: &'a str) -> &'a str {
        if self.nature.trim().is_empty() {
            rubric_id
        } else {
            self.nature.trim()
        }
    }
}
