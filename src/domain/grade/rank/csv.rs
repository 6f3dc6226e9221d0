//! The ranking as CSV for Excel ([`to_csv`], [`CSV_HEADER`]): quoting, formula defusing,
//! CRLF and the BOM. Its own room because it is a file format, read apart from the
//! ranking it prints.

use super::cohort::CohortReport;
use crate::domain::number::fmt_decimal;

/// The ranking as CSV for Excel: UTF-8 with a BOM, CRLF line ends, fields quoted when
/// they hold a comma, quote, line break or edge space, headers 名次, 区县级名次, 平台名称,
/// 区县, 类型, 层级, 年度, 总分, 依据 (自评（未经审核） / 初审 / 评审), 认定条件, 等次建议,
/// 说明; a row not ranked (重复, 未参评, 筹建) has 名次 "—", a district row its place in
/// 区县级名次. A typed name or year starting with = + - @ is
/// prefixed with ' so that a spreadsheet does not run it as a formula. Named by
/// [`CohortReport::file_name`].
pub fn to_csv(report: &CohortReport) -> String {
    let mut out = String::from("\u{feff}");
    push_record(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for r in &report.rows {
        push_record(
            &mut out,
            [
                r.rank_text(),
                r.district_rank_text(),
                defuse(&r.name),
                defuse(&r.district),
                r.type_name.clone(),
                r.level_text.clone(),
                defuse(&r.year),
                fmt_decimal(r.total),
                r.stage_text(),
                r.certification.clone(),
                r.grade_text(),
                r.notes_text(),
            ]
            .into_iter(),
        );
    }
    out
}

/// The CSV's header.
pub const CSV_HEADER: [&str; 12] = [
    "名次",
    "区县级名次",
    "平台名称",
    "区县",
    "类型",
    "层级",
    "年度",
    "总分",
    "依据",
    "认定条件",
    "等次建议",
    "说明",
];

fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    let mut first = true;
    for f in fields {
        if !first {
            out.push(',');
        }
        first = false;
        let needs_quotes = f.contains([',', '"', '\r', '\n'])
            || f.starts_with(char::is_whitespace)
            || f.ends_with(char::is_whitespace);
        if needs_quotes {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}
