//! Last year's evaluation grade (第三十一条), as a draft records it in `previous_grade`
//! for Article 32. The grading itself is in `grade`.

use super::error::{DraftError, FieldPath};
use serde::{Deserialize, Serialize};

/// An evaluation grade (第三十一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀.
    Excellent,
    /// 合格.
    Pass,
    /// 不合格.
    Fail,
}

impl Grade {
    pub const ALL: [Grade; 3] = [Grade::Excellent, Grade::Pass, Grade::Fail];

    /// `excellent`, `pass`, `fail` (the draft's `previous_grade` values).
    pub fn key(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Pass => "pass",
            Grade::Fail => "fail",
        }
    }

    /// 优秀 / 合格 / 不合格.
    pub fn label_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }

    /// Reads a key or the Chinese label.
    pub fn from_key(text: &str) -> Option<Grade> {
        let t = text.trim();
        Grade::ALL
            .into_iter()
            .find(|g| g.key() == t || g.label_zh() == t)
    }
}

/// Reads the draft's `previous_grade` ("" / "excellent" / "pass" / "fail"; the Chinese
/// labels are accepted too): last year's grade, for Art. 32.
pub fn parse_previous(text: &str) -> Result<Option<Grade>, DraftError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Grade::from_key(text).map(Some).ok_or_else(|| {
        DraftError::at(
            FieldPath::top("previous_grade"),
            format!(
                "上年度评估等次“{}”无法识别（可填 excellent 优秀、pass 合格、fail 不合格，或留空）",
                crate::domain::number::shorten(text, 24)
            ),
        )
    })
}
