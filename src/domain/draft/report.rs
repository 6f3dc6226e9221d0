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
}

impl ReportEdits {
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
    /// 页数, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// 已备齐.
    #[serde(default)]
    pub ready: bool,
}
