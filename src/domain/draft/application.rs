//! 附表1《重庆市市级人力资源服务发展平台认定申请表》 as data (Art. 14 (一) 1).
//!
//! The form travels in the draft (field `application`). Text fields are stored as typed;
//! numbers are stored as typed too (a JSON number or a string) and read exactly with
//! [`parse_decimal`](crate::domain::number::parse_decimal). Choices are stored as keys:
//! 平台性质 `comprehensive-park` / `specialized-park` / `talent-market` (blank = the draft's
//! rubric), 载体性质 `offline` / `online_offline`, 建设方式 `new` / `renovated`, 运营方式
//! `self` / `entrusted`, and the services as a list of keys from [`SERVICES`].

use crate::domain::number::is_blank;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
}

/// 平台性质 (附表1; Art. 3's three types): key (= rubric id) and label.
pub const NATURES: [(&str, &str); 3] = [
    ("comprehensive-park", "综合性产业园"),
    ("specialized-park", "专业性行业性产业园"),
    ("talent-market", "专业性行业性市场"),
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
