//! The 自评材料 exporters (issue 12): Word (.docx) and Excel (.xlsx) files built from
//! domain values and returned as bytes. Nothing here touches the file system or a
//! process, so the same code runs natively (the `cqhr` command) and in the browser.

//!
//! The writers (docx-rs, rust_xlsxwriter) cost ~480 KB gzip of WASM, so they sit behind
//! the `export` feature (on by default): the `cqhr` command and the browser's exporter
//! worker (`src/bin/exporter.rs`, loaded when the user first exports) build with it; the
//! web app (`data-cargo-no-default-features` in index.html) builds without it and knows
//! only [`ExportKind`].

#[cfg(feature = "export")]
pub mod docx;
#[cfg(feature = "export")]
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

use crate::domain::Draft;

/// What the browser asks the exporter for (`src/bin/exporter.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// 自评材料 as Word: the 文字报告, 附件1 得分表, 附件2 佐证材料目录.
    Docx,
    /// 得分表 (and 佐证材料目录) as Excel.
    Xlsx,
    /// The 审核表 (自评, 初审, 评审 side by side) as Excel.
    ReviewXlsx,
    /// The 等次排名 as Excel (the request carries a [`RankExport`], not a draft): the same
    /// writer as `cqhr rank --format xlsx`.
    RankXlsx,
}

/// What the app sends the exporter for [`ExportKind::RankXlsx`] (as JSON in the request's
/// `draft` text): the entries as judged on `date`, the options on screen.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RankExport {
    pub entries: Vec<crate::domain::CohortEntry>,
    pub options: crate::domain::grade::RankOptions,
    /// YYYY-MM-DD, for the file's name.
    pub date: String,
}

impl RankExport {
    /// The file's name: 等次排名_2025年度_2026-03-01.xlsx.
    pub fn file_name(&self) -> String {
        crate::domain::grade::rank_with(&self.entries, &self.options).file_name(&self.date, "xlsx")
    }
}

/// The ranking's .xlsx from a [`RankExport`] (its JSON).
#[cfg(feature = "export")]
pub fn export_ranking(json: &str) -> Result<(String, Vec<u8>), ExportError> {
    let req: RankExport =
        serde_json::from_str(json).map_err(|e| ExportError(format!("排名列表无法读取：{e}")))?;
    let report = crate::domain::grade::rank_with(&req.entries, &req.options);
    let bytes = xlsx::rank_xlsx(&report)?;
    Ok((report.file_name(&req.date, "xlsx"), bytes))
}

impl ExportKind {
    pub fn mime(self) -> &'static str {
        match self {
            ExportKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            ExportKind::Xlsx | ExportKind::ReviewXlsx | ExportKind::RankXlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// The file's name: 重庆临空人力资源服务产业园2025年度自评材料.docx, …得分表.xlsx.
    pub fn file_name(self, draft: &Draft) -> String {
        let name = draft.platform.name.trim();
        let year = draft.platform.year.trim();
        let stem: String = format!(
            "{}{}{}",
            if name.is_empty() { "本平台" } else { name },
            if year.is_empty() {
                String::new()
            } else {
                format!("{year}年度")
            },
            match self {
                ExportKind::Docx => "自评材料",
                ExportKind::Xlsx => "得分表",
                ExportKind::ReviewXlsx => "审核表",
                ExportKind::RankXlsx => "等次排名",
            }
        )
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .collect();
        match self {
            ExportKind::Docx => format!("{stem}.docx"),
            ExportKind::Xlsx | ExportKind::ReviewXlsx | ExportKind::RankXlsx => {
                format!("{stem}.xlsx")
            }
        }
    }
}

/// The file of `kind` for a draft, scored leniently as on screen (a bad field reads as
/// blank), with the user's report edits and the draft's 佐证材料; the 审核表 with every
/// review stage.
#[cfg(feature = "export")]
pub fn export_draft(draft: &Draft, kind: ExportKind) -> Result<Vec<u8>, ExportError> {
    use crate::domain::{check, evidence, review, score_checked, text_report};
    let failed = |e: crate::domain::DraftError| ExportError(e.to_string());
    if kind == ExportKind::ReviewXlsx {
        return xlsx::review_xlsx(draft, &review::review(draft).map_err(failed)?);
    }
    if kind == ExportKind::RankXlsx {
        return Err(ExportError("等次排名不是从单份草稿导出的".into()));
    }
    let checked = check(draft).map_err(failed)?;
    let report = score_checked(&checked);
    let catalogue = evidence::catalogue(draft, checked.rubric, &report);
    if kind == ExportKind::Docx {
        let text = text_report::generate_from(draft, &checked, &report);
        return docx::report_docx(&text, &report, &catalogue, &draft.platform.fill_date);
    }
    xlsx::score_xlsx(draft, &report, Some(&catalogue))
}
