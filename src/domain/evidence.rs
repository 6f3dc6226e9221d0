//! The 佐证材料目录 of Art. 30(二) 3. (issue 12).
//!
//! The rubric says per indicator which documents it needs (`evidence`); the draft lists
//! the documents the platform actually attaches (`evidence`: indicator, name, pages,
//! ready). [`catalogue`] merges the two into the numbered 目录 (序号, 对应指标, 材料名称,
//! 页数) and counts what is ready: “佐证材料 12/17 项已备齐”.

use super::draft::Draft;
use super::rubric::Rubric;
use super::score::Report;
use serde::Serialize;

pub use super::draft::report::EvidenceItem;

/// One line of the 目录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueRow {
    /// 序号, from 1.
    pub number: usize,
    /// 对应指标: the indicator id ("" when the attachment names none).
    pub indicator: String,
    /// The indicator's name ("" when unknown).
    pub indicator_name: String,
    pub name: String,
    /// 页数 when it reads as a whole number (a bad one is reported at the field and left
    /// blank here).
    pub pages: Option<u32>,
    pub ready: bool,
    /// Listed by the rubric (otherwise an extra document of the platform's).
    pub required: bool,
}

/// The numbered 目录 and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    pub rows: Vec<CatalogueRow>,
    pub ready: usize,
    pub total: usize,
}

impl Catalogue {
    /// “佐证材料 12/17 项已备齐”.
    pub fn summary_zh(&self) -> String {
        format!("佐证材料 {}/{} 项已备齐", self.ready, self.total)
    }

    /// The pages of the documents whose count is known.
    pub fn total_pages(&self) -> u64 {
        self.rows
            .iter()
            .filter_map(|r| r.pages)
            .map(u64::from)
            .sum()
    }
}

/// Builds the 目录: per indicator in the rubric's order, the documents the rubric lists
/// (filled from the matching attachment, by name) and then the platform's other
/// attachments for it; attachments naming no known indicator come last. The uncounted
/// member of a 选其一 pair needs no evidence and lists only what was attached to it.
pub fn catalogue(draft: &Draft, rubric: &Rubric, report: &Report) -> Catalogue {
    let norm = |s: &str| s.split_whitespace().collect::<String>();
    let mut used = vec![false; draft.evidence.len()];
    let mut rows: Vec<CatalogueRow> = Vec::new();
    let push = |rows: &mut Vec<CatalogueRow>,
                indicator: &str,
                indicator_name: &str,
                name: &str,
                item: Option<&EvidenceItem>,
                required: bool| {
        rows.push(CatalogueRow {
            number: rows.len() + 1,
            indicator: indicator.to_string(),
            indicator_name: indicator_name.to_string(),
            name: name.trim().to_string(),
            pages: item.and_then(|i| i.page_count().ok().flatten()),
            ready: item.is_some_and(|i| i.ready),
            required,
        });
    };
    for ind in &rubric.indicators {
        let counted = report.indicator(&ind.id).map(|s| s.counted).unwrap_or(true);
        if counted {
            for needed in &ind.evidence {
                let found = draft.evidence.iter().enumerate().find(|(k, e)| {
                    !used[*k] && e.indicator.trim() == ind.id && norm(&e.name) == norm(needed)
                });
                let item = found.map(|(k, e)| {
                    used[k] = true;
                    e
                });
                push(&mut rows, &ind.id, &ind.name, needed, item, true);
            }
        }
        for (k, e) in draft.evidence.iter().enumerate() {
            if !used[k] && e.indicator.trim() == ind.id && !e.name.trim().is_empty() {
                used[k] = true;
                push(&mut rows, &ind.id, &ind.name, &e.name, Some(e), false);
            }
        }
    }
    for (k, e) in draft.evidence.iter().enumerate() {
        if !used[k] && !e.name.trim().is_empty() {
            push(&mut rows, e.indicator.trim(), "", &e.name, Some(e), false);
        }
    }
    let ready = rows.iter().filter(|r| r.ready).count();
    let total = rows.len();
    Catalogue { rows, ready, total }
}
