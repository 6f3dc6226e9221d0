//! The 佐证材料目录 of Art. 30(二) 3. (issue 12).
//!
//! Art. 30(二)3. asks only for "相关佐证材料". The rubric's per-indicator lists
//! (`evidence`) are this tool's suggestions (参考（本工具建议）), not requirements: the
//! platform may delete any of them (`dropped`) or mark one 不适用 (a "（如有）" item whose
//! case does not arise). The draft lists the documents the platform keeps (`evidence`:
//! indicator, name, pages, ready). [`catalogue`] merges the two into the numbered 目录
//! (序号, 对应指标, 材料名称, 页数) and counts the rows the platform keeps: “佐证材料
//! 12/17 项已备齐”, a 不适用 row counting as complete.

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
    /// Marked 不适用 (counts as complete; no document).
    pub not_applicable: bool,
    /// Suggested by this tool from the rubric (参考（本工具建议）); otherwise a document the
    /// platform added. Neither is required by the measures.
    pub suggested: bool,
}

/// The numbered 目录 and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    pub rows: Vec<CatalogueRow>,
    /// Rows ready or 不适用.
    pub ready: usize,
    pub total: usize,
    /// Of `ready`, the rows marked 不适用.
    pub not_applicable: usize,
}

/// What the suggested lines are, said on the page, the print and the files.
pub const SUGGESTED_NOTE: &str = "标“参考”的材料是本工具按评分表指标说明建议的佐证材料（参考（本工具建议）），并非评分标准的要求：《管理办法》第三十条（二）3 只要求“相关佐证材料”，可删除或标为不适用，目录只统计保留的材料。";

impl Catalogue {
    /// “佐证材料 12/17 项已备齐”, with “（含不适用 1 项）” when any.
    pub fn summary_zh(&self) -> String {
        let mut s = format!("佐证材料 {}/{} 项已备齐", self.ready, self.total);
        if self.not_applicable > 0 {
            s.push_str(&format!("（含不适用 {} 项）", self.not_applicable));
        }
        s
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
                suggested: bool| {
        let not_applicable = item.is_some_and(|i| i.not_applicable);
        rows.push(CatalogueRow {
            number: rows.len() + 1,
            indicator: indicator.to_string(),
            indicator_name: indicator_name.to_string(),
            name: name.trim().to_string(),
            pages: item
                .filter(|_| !not_applicable)
                .and_then(|i| i.page_count().ok().flatten()),
            ready: item.is_some_and(|i| i.ready),
            not_applicable,
            suggested,
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
                // Removed by the platform: not in its 目录, not counted.
                if item.is_some_and(|i| i.dropped) {
                    continue;
                }
                push(&mut rows, &ind.id, &ind.name, needed, item, true);
            }
        }
        for (k, e) in draft.evidence.iter().enumerate() {
            if !used[k] && !e.dropped && e.indicator.trim() == ind.id && !e.name.trim().is_empty() {
                used[k] = true;
                push(&mut rows, &ind.id, &ind.name, &e.name, Some(e), false);
            }
        }
    }
    for (k, e) in draft.evidence.iter().enumerate() {
        if !used[k] && !e.dropped && !e.name.trim().is_empty() {
            push(&mut rows, e.indicator.trim(), "", &e.name, Some(e), false);
        }
    }
    let ready = rows.iter().filter(|r| r.ready || r.not_applicable).count();
    let not_applicable = rows.iter().filter(|r| r.not_applicable).count();
    let total = rows.len();
    Catalogue {
        rows,
        ready,
        total,
        not_applicable,
    }
}
