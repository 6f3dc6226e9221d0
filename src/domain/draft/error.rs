//! The error of reading a draft: what is wrong and where.

use serde::Serialize;

/// A problem with a draft. `message` is a complete Chinese sentence that names the
/// indicator and field (when there is one), fit for the form and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftError {
    pub indicator: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl DraftError {
    pub fn general(message: String) -> DraftError {
        DraftError {
            indicator: None,
            field: None,
            message,
        }
    }

    pub fn at_field(indicator: Option<&str>, field: &str, message: String) -> DraftError {
        DraftError {
            indicator: indicator.map(str::to_string),
            field: Some(field.to_string()),
            message,
        }
    }
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DraftError {}
