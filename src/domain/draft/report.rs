//! The draft's records for the 自评材料 of Art. 30(二) (issue 12): the 文字报告 paragraphs
//! the user rewrote and the 佐证材料 attached. `text_report` and `evidence` read them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The user's rewritten paragraphs, kept in the draft (`report`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEdits {
    /// "opening" | indicator id | "closing" → the edit.
    #[serde(default)]
    pub paragraphs: BTreeMap<String, ParagraphEdit>,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ReportEdits {
    /// Nothing to write: empty and no member a newer version added (the draft then omits
    /// the member; see `draft::keep`).
    pub fn omit(&self) -> bool {
        self.is_empty() && self.extra.is_empty()
    }
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// One rewritten paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphEdit {
    pub text: String,
    /// [`facts_hash`] of the paragraph's facts when it was edited.
    #[serde(default)]
    pub facts: String,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One document the platform attaches, as stored in the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// The indicator it supports, e.g. "1.1".
    #[serde(default)]
    pub indicator: String,
    /// 材料名称; a name the rubric lists fills that line of the 目录.
    #[serde(default)]
    pub name: String,
    /// 页数 as typed: a whole number (12), its text ("12"), or anything else the user
    /// typed ("3页"), kept so it is never lost; read by [`EvidenceItem::page_count`].
    /// Lenient like the indicator fields: a bad value is reported at the field and
    /// counted as unknown, never refused on load.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub pages: serde_json::Value,
    /// 已备齐.
    #[serde(default)]
    pub ready: bool,
    /// 不适用: a document the platform does not have because the case does not arise (a
    /// "（如有）" item): the line counts as complete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// A line the tool suggested (参考（本工具建议）) that the platform removed from its
    /// 目录: kept here so the suggestion does not come back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dropped: bool,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl EvidenceItem {
    /// 页数: `Ok(None)` when blank, `Ok(Some(n))` for a whole number from 1 to 100000
    /// (as a JSON number or its text, half- or full-width digits), otherwise the message
    /// to show at the field.
    pub fn page_count(&self) -> Result<Option<u32>, PagesError> {
        let text = match &self.pages {
            serde_json::Value::Null => return Ok(None),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::String(s) => s.clone(),
            _ => return Err(PagesError::NotText),
        };
        let digits: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c,
            })
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PagesError::NotWhole(text.trim().to_string()));
        }
        match digits.parse::<u32>() {
            Ok(n) if (1..=100_000).contains(&n) => Ok(Some(n)),
            _ => Err(PagesError::OutOfRange),
        }
    }
}

/// Why a 佐证材料 line's 页数 does not read ([`EvidenceItem::page_count`]). `Display` is
/// the Chinese message shown at the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagesError {
    /// Neither a number nor text (a list, an object, true/false).
    NotText,
    /// Text that is not digits (as typed, trimmed).
    NotWhole(String),
    /// Not between 1 and 100000.
    OutOfRange,
}

impl std::fmt::Display for PagesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PagesError::NotText => f.write_str("页数应为整数，如 12"),
            PagesError::NotWhole(t) => write!(f, "页数“{t}”不是整数：只填数字，如 12"),
            PagesError::OutOfRange => f.write_str("页数应在 1 到 100000 之间"),
        }
    }
}

impl std::error::Error for PagesError {}

#[cfg(test)]
mod tests {
    use super::{EvidenceItem, PagesError};
    use serde_json::json;

    fn pages(v: serde_json::Value) -> Result<Option<u32>, PagesError> {
        EvidenceItem {
            pages: v,
            ..Default::default()
        }
        .page_count()
    }

    #[test]
    fn pages_are_read_leniently_and_bad_text_is_kept_with_a_message() {
        assert_eq!(pages(json!(null)), Ok(None));
        assert_eq!(pages(json!("")), Ok(None));
        assert_eq!(pages(json!(12)), Ok(Some(12)));
        assert_eq!(pages(json!(" 12 ")), Ok(Some(12)));
        assert_eq!(pages(json!("１２")), Ok(Some(12)));
        assert!(pages(json!("3页"))
            .unwrap_err()
            .to_string()
            .contains("不是整数"));
        assert!(pages(json!(0)).is_err());
        assert!(pages(json!(1.5)).is_err());
        assert!(pages(json!(-3)).is_err());
        assert!(pages(json!("99999999999")).is_err());
        // A draft holding "3页" loads, and keeps it.
        let item: EvidenceItem =
            serde_json::from_value(json!({"indicator": "1.1", "name": "纳税证明", "pages": "3页"}))
                .unwrap();
        assert_eq!(item.pages, json!("3页"));
        assert_eq!(serde_json::to_value(&item).unwrap()["pages"], "3页");
    }
}
