//! The 自评材料 exporters (issue 12): Word (.docx) and Excel (.xlsx) files built from
//! domain values and returned as bytes. Nothing here touches the file system or a
//! process, so the same code runs natively (the `cqhr` command) and in the browser.

pub mod docx;
pub mod xlsx;

/// Why a file could not be written (the writer library's error, in Chinese words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}
