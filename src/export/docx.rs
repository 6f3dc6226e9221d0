//! The 自评材料 as a Word document (.docx), laid out as a 公文 (GB/T 9704):
//! A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体
//! 二号 (22 pt); body in 仿宋_GB2312 三号 (16 pt) at a fixed 28.95 pt line; 一级 headings
//! in 黑体, 二级 in 楷体_GB2312; fonts are named, never embedded (Word and WPS substitute
//! what a machine lacks). The 得分表 follows as a real Word table (附件1, 一级指标 cells
//! merged) and the 佐证材料目录 as 附件2; every table's header row repeats on each page.
//! The footer holds 第 x 页 共 y 页 as PAGE / NUMPAGES fields, so Word and LibreOffice
//! number the pages as they lay them out; the signing unit has its date beneath.

use super::ExportError;
use crate::domain::date::Date;
use crate::domain::evidence::Catalogue;
use crate::domain::number::fmt_decimal;
use crate::domain::score::{Report, SCORE_SHEET_TITLE};
use crate::domain::text_report::{Paragraph as ReportParagraph, TextReport};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, HeightRule, LineSpacing, LineSpacingType, NumPages,
    PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow,
    VAlignType, VMergeType, WidthType,
};

/// Twips per millimetre (1 twip = 1/1440 inch).
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_H1: &str = "黑体";
pub const FONT_H2: &str = "楷体_GB2312";
const FONT_LATIN: &str = "Times New Roman";

/// Sizes in half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 小四 12 pt (tables).
const SIZE_TITLE: usize = 44;
const SIZE_ATTACHMENT_TITLE: usize = 36;
const SIZE_BODY: usize = 32;
const SIZE_TABLE: usize = 24;
/// The 公文 line: 22 lines on the type area, about 28.95 pt.
const LINE_EXACT: i32 = 579;
/// The type area's width in twips: 210 − 28 − 26 = 156 mm.
const TEXT_WIDTH: usize = 8844;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(FONT_LATIN)
        .hi_ansi(FONT_LATIN)
        .cs(FONT_LATIN)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    // Every text of the file passes here: control characters (invalid in XML: Word and
    // LibreOffice refuse the whole file) and bidi controls out (issue 22, `domain::text`).
    Run::new()
        .add_text(crate::domain::text::clean(text))
        .fonts(fonts(font))
        .size(size)
}

fn line() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_EXACT)
}

/// A body paragraph: 仿宋 三号, first line indented two characters.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FONT_BODY, SIZE_BODY))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(line())
        .align(AlignmentType::Both)
}

fn heading(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, SIZE_BODY))
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(line())
        .keep_next(true)
}

/// An attachment's title (附件1 得分表, 附件2 目录): 方正小标宋 小二 (18 pt), so that the
/// 22-character name of the 得分表 stays on one line of the type area.
fn attachment_title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FONT_TITLE, SIZE_ATTACHMENT_TITLE))
        .align(AlignmentType::Center)
        .line_spacing(line())
}

fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FONT_TITLE, SIZE_TITLE))
        .align(AlignmentType::Center)
        .line_spacing(line())
}

fn blank_line() -> Paragraph {
    Paragraph::new()
        .add_run(run("", FONT_BODY, SIZE_BODY))
        .line_spacing(line())
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

fn cell(text: &str, width: usize, align: AlignmentType) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text, FONT_BODY, SIZE_TABLE))
                .align(align),
        )
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

fn head_cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run(text, FONT_H1, SIZE_TABLE))
                .align(AlignmentType::Center),
        )
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

/// The header rows' height in twips: an odd value no other row has, which marks them in
/// the built XML for [`repeat_header_rows`].
const HEADER_ROW_HEIGHT: f32 = 511.0;

/// A table's header row, repeated at the top of every page the table runs onto.
///
/// docx-rs 0.4 writes no `w:tblHeader`, so the row gets a height of its own (an "at least"
/// of [`HEADER_ROW_HEIGHT`]) and [`repeat_header_rows`] adds `w:tblHeader` beside that
/// mark in the built document XML.
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
        .cant_split()
        .row_height(HEADER_ROW_HEIGHT)
        .height_rule(HeightRule::AtLeast)
}

/// A body row, kept whole on one page (a row split across pages read as two indicators).
fn body_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split()
}

/// Adds `<w:tblHeader/>` to every row marked by [`header_row`].
fn repeat_header_rows(document: Vec<u8>) -> Vec<u8> {
    let Ok(xml) = String::from_utf8(document.clone()) else {
        return document;
    };
    let mark = format!(r#"<w:trHeight w:val="{HEADER_ROW_HEIGHT}" w:hRule="atLeast""#);
    xml.replace(&format!("{mark} />"), &format!("{mark} /><w:tblHeader />"))
        .replace(&format!("{mark}/>"), &format!("{mark}/><w:tblHeader/>"))
        .into_bytes()
}

/// The footer: 第 x 页 共 y 页, centred, 仿宋 四号 (14 pt), as PAGE and NUMPAGES fields.
fn page_footer() -> Footer {
    let text = |t: &str| run(t, FONT_BODY, 28);
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(text("第 "))
            .add_page_num(PageNum::new())
            .add_run(text(" 页 共 "))
            .add_num_pages(NumPages::new())
            .add_run(text(" 页"))
            .align(AlignmentType::Center),
    )
}

/// The date under the signing unit: the draft's 填表日期 as 2026年3月1日, or blanks to
/// write it in by hand ("　　年　　月　　日") when none is given.
pub fn date_line(fill_date: &str) -> String {
    match Date::parse(fill_date.trim()) {
        Some(d) => d.zh(),
        None => "　　　　年　　月　　日".to_string(),
    }
}

/// The 得分表 as a Word table: 一级指标 (merged down its indicators), 序号, 二级指标,
/// 分值, 自评得分, 计分说明; a 合计 row last.
pub fn score_table(report: &Report) -> Table {
    let w = [1300, 750, 2600, 750, 1250, 2194];
    let mut rows = vec![header_row(vec![
        head_cell("一级指标", w[0]),
        head_cell("序号", w[1]),
        head_cell("二级指标", w[2]),
        head_cell("分值", w[3]),
        head_cell("自评得分", w[4]),
        head_cell("计分说明", w[5]),
    ])];
    for g in &report.groups {
        let members: Vec<_> = report
            .indicators
            .iter()
            .filter(|i| i.group == g.id)
            .collect();
        for (k, i) in members.iter().enumerate() {
            let group_cell = cell(
                &format!("{}（{}分）", g.name, fmt_decimal(g.cap)),
                w[0],
                AlignmentType::Center,
            );
            let group_cell = if members.len() > 1 {
                group_cell.vertical_merge(if k == 0 {
                    VMergeType::Restart
                } else {
                    VMergeType::Continue
                })
            } else {
                group_cell
            };
            rows.push(body_row(vec![
                group_cell,
                cell(&i.id, w[1], AlignmentType::Center),
                cell(&i.name, w[2], AlignmentType::Left),
                cell(
                    &i.cap.map(fmt_decimal).unwrap_or_else(|| "——".into()),
                    w[3],
                    AlignmentType::Center,
                ),
                cell(&fmt_decimal(i.score), w[4], AlignmentType::Center),
                cell(&i.working_text(), w[5], AlignmentType::Left),
            ]));
        }
    }
    rows.push(body_row(vec![
        cell("合计", w[0], AlignmentType::Center),
        cell("", w[1], AlignmentType::Center),
        cell("", w[2], AlignmentType::Center),
        cell(&fmt_decimal(report.cap_total), w[3], AlignmentType::Center),
        cell(&fmt_decimal(report.total), w[4], AlignmentType::Center),
        cell("", w[5], AlignmentType::Center),
    ]));
    Table::new(rows)
        .set_grid(w.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The 佐证材料目录 as a Word table: 序号, 对应指标, 材料名称, 页数, 备齐.
pub fn catalogue_table(catalogue: &Catalogue) -> Table {
    let w = [800, 2600, 3744, 850, 850];
    let mut rows = vec![header_row(vec![
        head_cell("序号", w[0]),
        head_cell("对应指标", w[1]),
        head_cell("材料名称", w[2]),
        head_cell("页数", w[3]),
        head_cell("备齐", w[4]),
    ])];
    for r in &catalogue.rows {
        let indicator = if r.indicator_name.is_empty() {
            r.indicator.clone()
        } else {
            format!("{} {}", r.indicator, r.indicator_name)
        };
        rows.push(body_row(vec![
            cell(&r.number.to_string(), w[0], AlignmentType::Center),
            cell(&indicator, w[1], AlignmentType::Left),
            cell(&r.name, w[2], AlignmentType::Left),
            cell(
                &r.pages.map(|p| p.to_string()).unwrap_or_default(),
                w[3],
                AlignmentType::Center,
            ),
            cell(
                if r.not_applicable {
                    "不适用"
                } else if r.ready {
                    "√"
                } else {
                    ""
                },
                w[4],
                AlignmentType::Center,
            ),
        ]));
    }
    Table::new(rows)
        .set_grid(w.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn report_paragraph(p: &ReportParagraph) -> Vec<Paragraph> {
    p.text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| body(l.trim()))
        .collect()
}

/// The whole 自评材料 as .docx bytes: the 文字报告 signed by the platform and dated
/// (`fill_date`, the draft's 填表日期), then 附件1 得分表 and 附件2 佐证材料目录.
pub fn report_docx(
    text: &TextReport,
    report: &Report,
    catalogue: &Catalogue,
    fill_date: &str,
) -> Result<Vec<u8>, ExportError> {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(28.0)),
        )
        .default_fonts(fonts(FONT_BODY))
        .default_size(SIZE_BODY)
        .footer(page_footer());
    doc = doc
        .add_paragraph(title(&text.title))
        .add_paragraph(blank_line());
    for p in report_paragraph(&text.opening) {
        doc = doc.add_paragraph(p);
    }
    for s in &text.sections {
        doc = doc.add_paragraph(heading(&s.heading, FONT_H1));
        for p in &s.paragraphs {
            if let Some(h) = &p.heading {
                doc = doc.add_paragraph(heading(h, FONT_H2));
            }
            for para in report_paragraph(p) {
                doc = doc.add_paragraph(para);
            }
        }
    }
    for p in report_paragraph(&text.closing) {
        doc = doc.add_paragraph(p);
    }
    doc = doc
        .add_paragraph(blank_line())
        .add_paragraph(body("附件：1. 得分表").indent(
            None,
            Some(SpecialIndentType::FirstLine(640)),
            None,
            None,
        ))
        .add_paragraph(body("　　　2. 佐证材料目录"));
    // The signing unit and, beneath it, the date (GB/T 9704: 成文日期 under the 署名).
    let signed = |t: &str| {
        Paragraph::new()
            .add_run(run(t, FONT_BODY, SIZE_BODY))
            .align(AlignmentType::Right)
            .indent(None, None, Some(640), None)
            .line_spacing(line())
    };
    doc = doc.add_paragraph(blank_line());
    if !text.platform.is_empty() {
        doc = doc.add_paragraph(signed(&text.platform).keep_next(true));
    }
    doc = doc.add_paragraph(signed(&date_line(fill_date)));
    // 附件1 得分表
    doc = doc
        .add_paragraph(page_break())
        .add_paragraph(
            Paragraph::new()
                .add_run(run("附件1", FONT_H1, SIZE_BODY))
                .line_spacing(line()),
        )
        // Art. 30(二)2 names it the 得分表; the rubric's own title (附表2–4) beneath.
        .add_paragraph(attachment_title(SCORE_SHEET_TITLE))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&report.title, FONT_BODY, SIZE_TABLE))
                .align(AlignmentType::Center),
        )
        // Two lines: the platform's name is long enough to wrap the three items into one.
        .add_paragraph(
            Paragraph::new()
                .add_run(run(
                    &format!("平台名称：{}", text.platform),
                    FONT_BODY,
                    SIZE_TABLE,
                ))
                .align(AlignmentType::Center),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(run(
                    &format!(
                        "评估年度：{}　　自评总分：{}分",
                        text.year,
                        fmt_decimal(report.total)
                    ),
                    FONT_BODY,
                    SIZE_TABLE,
                ))
                .align(AlignmentType::Center),
        )
        .add_table(score_table(report));
    // 附件2 佐证材料目录
    doc = doc
        .add_paragraph(page_break())
        .add_paragraph(
            Paragraph::new()
                .add_run(run("附件2", FONT_H1, SIZE_BODY))
                .line_spacing(line()),
        )
        .add_paragraph(attachment_title("佐证材料目录"))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(
                    &format!(
                        "{}，共{}页",
                        catalogue.summary_zh(),
                        catalogue.total_pages()
                    ),
                    FONT_BODY,
                    SIZE_TABLE,
                ))
                .align(AlignmentType::Center),
        )
        .add_table(catalogue_table(catalogue))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(
                    &format!("注：{}", crate::domain::evidence::SUGGESTED_NOTE),
                    FONT_BODY,
                    SIZE_TABLE,
                ))
                .line_spacing(line()),
        );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut xml = doc.build();
    xml.document = repeat_header_rows(xml.document);
    xml.pack(&mut out)
        .map_err(|e| ExportError(format!("无法生成 Word 文件：{e}")))?;
    Ok(out.into_inner())
}
