//! 公布 (Art. 30 (四), issue 21 item 5): the year's final result — each platform's stage
//! used, total and grade, and the 审定日期 — signed by the city, so that anyone can check
//! offline that the bureau's key issued it and nothing changed since.

use super::grade::{CohortReport, SuggestedGrade};
use super::sign::{self, trust, Entry, PublicKey, Role, SecretKey, Trust};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The largest 公布 file read, and the most rows.
pub const PUBLICATION_MAX: usize = 1024 * 1024;
pub const ROWS_MAX: usize = 5_000;

/// One platform's published line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRow {
    pub name: String,
    pub district: String,
    /// e.g. 综合性产业园.
    pub type_name: String,
    /// 国家级 / 市级 / 区县级 …
    pub level: String,
    /// The stage the total is from: `self`, `district`, `city`.
    pub stage: String,
    pub total: Decimal,
    /// `excellent`, `pass`, `fail`, or an undecided key (`tied`, `pending`).
    pub grade: String,
    /// 优秀 / 合格 / 不合格 …
    pub grade_text: String,
}

impl PublishedRow {
    /// The 依据阶段 column: 市级评审 / 区县初审 / 平台自评 (the key as written when unknown).
    pub fn stage_zh(&self) -> String {
        super::review::Stage::from_key(&self.stage)
            .map(|s| s.long_label_zh().to_string())
            .unwrap_or_else(|| self.stage.clone())
    }
}

/// The 公布 file (`type` = `cqhr-publication`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// 评估年度.
    pub year: String,
    /// 审定日期, YYYY-MM-DD.
    pub date: String,
    pub rows: Vec<PublishedRow>,
    #[serde(default)]
    pub public_key: String,
    #[serde(default)]
    pub signature: String,
}

/// Whether a 公布 is the bureau's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PublicationStatus {
    /// 由 office 密钥签发（fingerprint）.
    Valid {
        office: String,
        key: String,
        demo: bool,
    },
    Unsigned,
    /// Changed after signing, or a malformed signature.
    Invalid,
    /// A sound signature by a key that is neither the root nor a 公布 key of the directory.
    NotBureau {
        key: String,
    },
    /// A sound signature, no root configured to judge it by.
    NoRoot {
        key: String,
    },
}

impl PublicationStatus {
    pub fn key(&self) -> &'static str {
        match self {
            PublicationStatus::Valid { .. } => "valid",
            PublicationStatus::Unsigned => "unsigned",
            PublicationStatus::Invalid => "invalid",
            PublicationStatus::NotBureau { .. } => "not_bureau",
            PublicationStatus::NoRoot { .. } => "no_root",
        }
    }

    pub fn text_zh(&self) -> String {
        match self {
            PublicationStatus::Valid { office, key, demo } => format!(
                "由{office}密钥签发（{key}）{}",
                crate::domain::sign::trust::demo_mark(*demo)
            ),
            PublicationStatus::Unsigned => "未签名：不能确认由市人力社保局发布".into(),
            PublicationStatus::Invalid => {
                "签名无效（内容已改动）：不是市人力社保局发布的原件".into()
            }
            PublicationStatus::NotBureau { key } => {
                format!("签名密钥（{key}）不是市人力社保局的发布密钥：不能确认由市人力社保局发布")
            }
            PublicationStatus::NoRoot { key } => {
                format!("未设定根密钥，无法确认签名密钥（{key}）属于谁")
            }
        }
    }

    pub fn is_valid(&self) -> bool {
        matches!(self, PublicationStatus::Valid { .. })
    }
}

/// Why a 公布 file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationError(pub String);

impl std::fmt::Display for PublicationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "不是有效的公布文件：{}", self.0)
    }
}

impl std::error::Error for PublicationError {}

impl Publication {
    /// The rows of `year` in a ranking (duplicates and 未参评 left out), unsigned.
    pub fn from_report(report: &CohortReport, year: &str, date: &str) -> Publication {
        let rows = report
            .rows
            .iter()
            .filter(|r| r.year == year.trim() && r.grade.counted())
            .map(|r| PublishedRow {
                name: r.name.clone(),
                district: r.district.clone(),
                type_name: r.type_name.clone(),
                level: r.level_text.clone(),
                stage: r.stage.key().to_string(),
                total: r.total,
                grade: r.grade.key().to_string(),
                grade_text: r.grade_text(),
            })
            .collect();
        Publication {
            year: year.trim().to_string(),
            date: date.trim().to_string(),
            rows,
            ..Publication::default()
        }
    }

    /// The heading of the printed notice. Neutral on purpose: the bureau's own notice title
    /// (关于公布…的通知) is its words, not the tool's.
    pub fn title_zh(&self) -> String {
        format!(
            "{}年度重庆市人力资源服务发展平台绩效评估结果（公布）",
            self.year.trim()
        )
    }

    /// 审定日期 as printed: 2026年6月30日 (as written when it is not a date).
    pub fn date_zh(&self) -> String {
        crate::domain::date::Date::parse(&self.date)
            .map(|d| d.zh())
            .unwrap_or_else(|| self.date.trim().to_string())
    }

    /// The signing key's fingerprint in groups (`3F2A 91C0 …`), when the key reads.
    pub fn key_fingerprint(&self) -> Option<String> {
        PublicKey::from_hex(&self.public_key)
            .ok()
            .map(|k| k.short_fingerprint())
    }

    /// The short signature code printed beside the issuer (`sign::signature_code`), so
    /// that paper and file can be matched; `None` when unsigned.
    pub fn signature_code(&self) -> Option<String> {
        (!self.signature.trim().is_empty()).then(|| sign::signature_code(&self.signature))
    }

    /// Whether every row has a decided grade (no 并列 or 待核实 left).
    pub fn decided(&self) -> bool {
        self.rows.iter().all(|r| {
            [
                SuggestedGrade::Excellent,
                SuggestedGrade::Pass,
                SuggestedGrade::Fail,
            ]
            .iter()
            .any(|g| g.key() == r.grade)
        })
    }

    fn content(&self) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.remove("signature");
            o.insert("type".into(), Value::from("cqhr-publication"));
        }
        v
    }

    pub fn sign(&mut self, secret: &SecretKey) {
        self.public_key = secret.public_key().to_hex();
        self.signature = sign::sign_content(secret, &self.content());
    }

    /// Under the trust installed on this thread.
    pub fn status(&self) -> PublicationStatus {
        self.status_with(&trust::current())
    }

    pub fn status_with(&self, trust: &Trust) -> PublicationStatus {
        if self.signature.trim().is_empty() {
            return PublicationStatus::Unsigned;
        }
        let Ok(key) = PublicKey::from_hex(&self.public_key) else {
            return PublicationStatus::Invalid;
        };
        if sign::verify_content(&key, &self.content(), &self.signature) != Ok(true) {
            return PublicationStatus::Invalid;
        }
        let short = key.short_fingerprint();
        if trust.config.is_none() {
            return PublicationStatus::NoRoot { key: short };
        }
        if trust.is_root(&key) {
            return PublicationStatus::Valid {
                office: sign::key::CITY_OFFICE.into(),
                key: short,
                demo: trust.is_demo(),
            };
        }
        let entry: Option<&Entry> = trust
            .directory
            .as_ref()
            .and_then(|d| d.find(&self.public_key))
            .filter(|e| e.card.role == Role::Publish && e.valid_on(&self.date));
        match entry {
            Some(e) => PublicationStatus::Valid {
                office: e.card.office.clone(),
                key: short,
                demo: trust.is_demo(),
            },
            None => PublicationStatus::NotBureau { key: short },
        }
    }

    /// A platform's line (name and district as published).
    pub fn find(&self, name: &str, district: &str) -> Option<&PublishedRow> {
        self.rows
            .iter()
            .find(|r| r.name == name.trim() && r.district == district.trim())
    }

    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::from("cqhr-publication"));
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    /// The file's JSON without spaces: what a 公布 link packs (`share::encode_publication`).
    pub fn to_compact_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::from("cqhr-publication"));
        }
        v.to_string()
    }

    pub fn from_json(text: &str) -> Result<Publication, PublicationError> {
        if text.len() > PUBLICATION_MAX {
            return Err(PublicationError("文件过大".into()));
        }
        let mut v: Value = serde_json::from_str(text)
            .map_err(|e| PublicationError(format!("JSON 格式错误（第 {} 行）", e.line())))?;
        let Some(o) = v.as_object_mut() else {
            return Err(PublicationError("须为 JSON 对象".into()));
        };
        if o.remove("type") != Some(Value::from("cqhr-publication")) {
            return Err(PublicationError(
                "缺少 \"type\": \"cqhr-publication\"".into(),
            ));
        }
        let p: Publication =
            serde_json::from_value(v).map_err(|e| PublicationError(e.to_string()))?;
        if p.rows.len() > ROWS_MAX {
            return Err(PublicationError("行数过多".into()));
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sign::trust::{demo_root, TrustConfig};

    fn sample() -> Publication {
        Publication {
            year: "2025".into(),
            date: "2026-06-30".into(),
            rows: vec![PublishedRow {
                name: "甲园".into(),
                district: "黔江区".into(),
                type_name: "综合性产业园".into(),
                level: "市级".into(),
                stage: "city".into(),
                total: Decimal::new(865, 1),
                grade: "excellent".into(),
                grade_text: "优秀".into(),
            }],
            ..Publication::default()
        }
    }

    #[test]
    fn a_publication_is_the_bureaus_only_when_its_key_signed_this_content() {
        let trust = Trust::with_root(TrustConfig::demo());
        let mut p = sample();
        assert_eq!(p.status_with(&trust), PublicationStatus::Unsigned);
        p.sign(&demo_root());
        let p = Publication::from_json(&p.to_json()).unwrap();
        assert!(
            p.status_with(&trust).is_valid(),
            "{:?}",
            p.status_with(&trust)
        );
        assert!(p
            .status_with(&trust)
            .text_zh()
            .starts_with("由重庆市人力资源和社会保障局密钥签发（"));
        let mut changed = p.clone();
        changed.rows[0].grade = "pass".into();
        assert_eq!(changed.status_with(&trust), PublicationStatus::Invalid);
        let mut other = sample();
        other.sign(&SecretKey::generate().unwrap());
        assert!(matches!(
            other.status_with(&trust),
            PublicationStatus::NotBureau { .. }
        ));
        assert!(matches!(
            p.status_with(&Trust::default()),
            PublicationStatus::NoRoot { .. }
        ));
        assert!(p.find("甲园", "黔江区").is_some());
        assert!(Publication::from_json("{}").is_err());
    }
}
