//! The 得分表 and the 等次排名 as Excel workbooks (.xlsx): 一级指标 cells merged down
//! their indicators, column widths set, scores written as numbers (never text), A4
//! fitted to the page width (the 得分表 and 等次排名 landscape, the 目录 portrait), the header rows repeated on every printed page.
//! A typed text is always written as a string cell, so “=…” is never run as a formula.
//!
//! Over 600 lines: three workbooks share one set of cell formats and layout helpers.

use super::ExportError;
use crate::domain::evidence::Catalogue;
use crate::domain::grade::{CohortReport, CSV_HEADER};
use crate::domain::review::{ReviewReport, Stage};
use crate::domain::score::Report;
use crate::domain::Draft;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

const A4: u8 = 9;

fn err(e: XlsxError) -> ExportError {
    ExportError(format!("无法生成 Excel 文件：{e}"))
}

struct Styles {
    title: Format,
    info: Format,
    head: Format,
    text: Format,
    center: Format,
    number: Format,
    total: Format,
}

fn styles() -> Styles {
    let base = Format::new()
        .set_font_name("仿宋_GB2312")
        .set_font_size(11)
        .set_align(FormatAlign::VerticalCenter);
    let cell = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
    Styles {
        title: Format::new()
            .set_font_name("方正小标宋简体")
            .set_font_size(18)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        info: base.clone(),
        head: cell
            .clone()
            .set_font_name("黑体")
            .set_align(FormatAlign::Center),
        text: cell.clone(),
        center: cell.clone().set_align(FormatAlign::Center),
        number: cell
            .clone()
            .set_align(FormatAlign::Center)
            .set_num_format("0.###"),
        total: cell
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_num_format("0.###"),
    }
}

/// A note over merged columns, wrapped (its row height set by the caller).
fn wrapped_note() -> Format {
    Format::new()
        .set_font_name("仿宋_GB2312")
        .set_font_size(11)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
}

/// The height of a wrapped note of `text` over columns `width` characters wide in all.
fn note_height(text: &str, width: f64) -> f64 {
    // A CJK character is about two width units wide.
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum();
    let lines = (units / (width * 0.85)).ceil().max(1.0);
    lines * 15.0 + 3.0
}

fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Excel's limit on the characters of one cell.
const CELL_MAX_CHARS: usize = 32_767;
/// What replaces the end of a text over [`CELL_MAX_CHARS`].
const CUT_NOTE: &str =
    "……（以下超出 Excel 单元格 32767 字的上限，已截断；全文见导出的 Word 文件或草稿文件）";

/// A text for a cell (issue 22): control and bidi characters out (`domain::text`), and cut
/// to Excel's limit with a note, so that an over-long text never fails the export.
fn cell(t: impl AsRef<str>) -> String {
    let clean = crate::domain::text::clean(t.as_ref());
    let room = CELL_MAX_CHARS - CUT_NOTE.chars().count();
    match crate::domain::text::cut(&clean, CELL_MAX_CHARS) {
        (_, false) => clean.into_owned(),
        (_, true) => {
            let (head, _) = crate::domain::text::cut(&clean, room);
            format!("{head}{CUT_NOTE}")
        }
    }
}

/// A text's width in column units: a CJK or full-width character takes two.
fn text_units(t: &str) -> usize {
    t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Sets a row's height to fit the wrapped texts of its cells, each given with its
/// column's width. Excel fits such rows when it opens the file, LibreOffice does not (its
/// PDF overprinted the next row), so the height is written.
fn fit_row(ws: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells
        .iter()
        .map(|(t, width)| {
            let per_line = (*width as usize).saturating_sub(1).max(1);
            t.split('\n')
                .map(|l| text_units(l).div_ceil(per_line).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    if lines > 1 {
        // Excel's tallest row is 409 points.
        ws.set_row_height(row, (15.0 * lines as f64).min(409.0))?;
    }
    Ok(())
}

/// The 得分表's signing lines: 填报单位（盖章）, 负责人, 填报人, and the date (the draft's
/// 填表日期, or blanks to fill in by hand).
fn signing_lines(fill_date: &str) -> [String; 2] {
    let date = match crate::domain::date::Date::parse(fill_date.trim()) {
        Some(d) => d.zh(),
        None => "　　　　年　　月　　日".to_string(),
    };
    [
        "填报单位（盖章）：　　　　　　　　　　　　　　负责人（签字）：　　　　　　　　　　填报人：　　　　　　　　".to_string(),
        format!("联系电话：　　　　　　　　　　　　　　　　　　日期：{date}"),
    ]
}

/// The 得分表 (and, on a second sheet, the 佐证材料目录) as .xlsx bytes. Columns:
/// 一级指标, 序号, 二级指标, 分值, 自评得分, 计分说明, 备注; then a 合计 row. The 自评得分
/// cells of the indicators are numbers that add up to the total (the uncounted member
/// of a 选其一 pair shows 0 and says so).
///
/// Over 150 lines: the 得分表 cell by cell, in the sheet's order.
pub fn score_xlsx(
    draft: &Draft,
    report: &Report,
    catalogue: Option<&Catalogue>,
) -> Result<Vec<u8>, ExportError> {
    let s = styles();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name("得分表").map_err(err)?;
        for (c, w) in [22.0, 6.0, 50.0, 7.0, 9.0, 36.0, 22.0]
            .into_iter()
            .enumerate()
        {
            ws.set_column_width(c as u16, w).map_err(err)?;
        }
        ws.set_row_height(0, 30).map_err(err)?;
        ws.merge_range(0, 0, 0, 6, &cell(&report.title), &s.title)
            .map_err(err)?;
        let p = &draft.platform;
        let info = format!(
            "平台名称：{}　所在区县：{}　评估年度：{}　评估层级：{}",
            p.name.trim(),
            p.district.trim(),
            p.year.trim(),
            draft.level.label_zh()
        );
        ws.merge_range(1, 0, 1, 6, &cell(&info), &s.info)
            .map_err(err)?;
        let head = [
            "一级指标",
            "序号",
            "二级指标",
            "分值",
            "自评得分",
            "计分说明",
            "备注",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, cell(*h), &s.head)
                .map_err(err)?;
        }
        let mut row: u32 = 3;
        for g in &report.groups {
            let members: Vec<_> = report
                .indicators
                .iter()
                .filter(|i| i.group == g.id)
                .collect();
            if members.is_empty() {
                continue;
            }
            let first = row;
            for i in &members {
                ws.write_string_with_format(row, 1, cell(&i.id), &s.center)
                    .map_err(err)?;
                ws.write_string_with_format(row, 2, cell(&i.name), &s.text)
                    .map_err(err)?;
                match i.cap {
                    Some(cap) => ws.write_with_format(row, 3, cap, &s.number),
                    None => ws.write_string_with_format(row, 3, "——", &s.center),
                }
                .map_err(err)?;
                ws.write_with_format(row, 4, i.score, &s.number)
                    .map_err(err)?;
                let working = i.working_text();
                ws.write_string_with_format(row, 5, cell(&working), &s.text)
                    .map_err(err)?;
                let note = draft.notes.get(&i.id).map(|n| n.trim()).unwrap_or("");
                ws.write_string_with_format(row, 6, cell(note), &s.text)
                    .map_err(err)?;
                fit_row(ws, row, &[(&i.name, 50.0), (&working, 36.0), (note, 22.0)])
                    .map_err(err)?;
                row += 1;
            }
            let label = format!("{}（{}分）", g.name, crate::domain::fmt_decimal(g.cap));
            if row - first > 1 {
                ws.merge_range(first, 0, row - 1, 0, &cell(&label), &s.center)
                    .map_err(err)?;
            } else {
                ws.write_string_with_format(first, 0, cell(&label), &s.center)
                    .map_err(err)?;
            }
        }
        ws.merge_range(row, 0, row, 2, "合计", &s.total)
            .map_err(err)?;
        ws.write_with_format(row, 3, report.cap_total, &s.total)
            .map_err(err)?;
        ws.write_with_format(row, 4, report.total, &s.total)
            .map_err(err)?;
        ws.write_string_with_format(row, 5, "", &s.text)
            .map_err(err)?;
        ws.write_string_with_format(row, 6, "", &s.text)
            .map_err(err)?;
        // The lines the platform signs and stamps (Art. 30(二)2: the 得分表 is filed under
        // its seal), kept on the page of the 合计 row.
        let signing = signing_lines(&draft.platform.fill_date);
        for (k, line) in signing.iter().enumerate() {
            let r = row + 2 + k as u32;
            ws.merge_range(r, 0, r, 6, line, &s.info).map_err(err)?;
            ws.set_row_height(r, 24).map_err(err)?;
        }
        print_setup(ws, 2).map_err(err)?;
        // The whole indicator name on one line: A4 landscape, fitted to the width.
        ws.set_landscape();
    }
    if let Some(cat) = catalogue {
        let ws = wb.add_worksheet();
        ws.set_name("佐证材料目录").map_err(err)?;
        for (c, w) in [6.0, 34.0, 40.0, 7.0, 7.0].into_iter().enumerate() {
            ws.set_column_width(c as u16, w).map_err(err)?;
        }
        ws.set_row_height(0, 30).map_err(err)?;
        ws.merge_range(0, 0, 0, 4, "佐证材料目录", &s.title)
            .map_err(err)?;
        let summary = format!(
            "{}。注：{}",
            cat.summary_zh(),
            crate::domain::evidence::SUGGESTED_NOTE
        );
        ws.set_row_height(1, 45).map_err(err)?;
        ws.merge_range(1, 0, 1, 4, &cell(&summary), &wrapped_note())
            .map_err(err)?;
        for (c, h) in ["序号", "对应指标", "材料名称", "页数", "备齐"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(2, c as u16, cell(*h), &s.head)
                .map_err(err)?;
        }
        for (k, r) in cat.rows.iter().enumerate() {
            let row = 3 + k as u32;
            ws.write_with_format(row, 0, r.number as u32, &s.center)
                .map_err(err)?;
            let ind = if r.indicator_name.is_empty() {
                r.indicator.clone()
            } else {
                format!("{} {}", r.indicator, r.indicator_name)
            };
            ws.write_string_with_format(row, 1, cell(&ind), &s.text)
                .map_err(err)?;
            ws.write_string_with_format(row, 2, cell(&r.name), &s.text)
                .map_err(err)?;
            match r.pages {
                Some(p) => ws.write_with_format(row, 3, p, &s.center),
                None => ws.write_string_with_format(row, 3, "", &s.center),
            }
            .map_err(err)?;
            let mark = if r.not_applicable {
                "不适用"
            } else if r.ready {
                "√"
            } else {
                ""
            };
            ws.write_string_with_format(row, 4, cell(mark), &s.center)
                .map_err(err)?;
            fit_row(ws, row, &[(&ind, 34.0), (&r.name, 40.0)]).map_err(err)?;
        }
        print_setup(ws, 2).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// The ranking's column widths ([`CSV_HEADER`]) and their sum.
const RANK_COLUMNS: [f64; 12] = [
    6.0, 8.0, 24.0, 10.0, 14.0, 12.0, 7.0, 8.0, 17.0, 14.0, 16.0, 48.0,
];
const RANK_WIDTH: f64 = 184.0;

/// The height of a ranking row: enough lines for its longest wrapped cell.
fn rank_row_height(cells: &[(&str, f64)]) -> f64 {
    cells
        .iter()
        .map(|(text, width)| note_height(text, *width) - 3.0)
        .fold(15.0, f64::max)
        + 4.0
}

/// The 等次排名 as .xlsx bytes, one table per year (its stage, n and 优秀 quota above it,
/// then what settling each pending check would change): 名次, 区县级名次, 平台名称, 区县,
/// 类型, 层级, 年度, 总分 (a number), 依据, 认定条件, 等次建议, 说明; below, the warnings
/// (copies, 筹建, stages, year groups, Art. 16) and the readings applied. Landscape A4.
pub fn rank_xlsx(cohort: &CohortReport) -> Result<Vec<u8>, ExportError> {
    let s = styles();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("等次排名").map_err(err)?;
    let last = (CSV_HEADER.len() - 1) as u16;
    for (c, w) in RANK_COLUMNS.into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(err)?;
    }
    ws.set_row_height(0, 30).map_err(err)?;
    ws.merge_range(
        0,
        0,
        0,
        last,
        "人力资源服务发展平台绩效评估等次排名",
        &s.title,
    )
    .map_err(err)?;
    let mut row: u32 = 1;
    for y in &cohort.years {
        let line = format!("{} 年度：{}；{}", y.label(), y.stage_text(), y.quota_text());
        ws.set_row_height(row, note_height(&line, RANK_WIDTH))
            .map_err(err)?;
        ws.merge_range(row, 0, row, last, &cell(&line), &wrapped_note())
            .map_err(err)?;
        row += 1;
        for line in &y.settle {
            ws.set_row_height(row, note_height(line, RANK_WIDTH))
                .map_err(err)?;
            ws.merge_range(row, 0, row, last, &cell(line), &wrapped_note())
                .map_err(err)?;
            row += 1;
        }
        for (c, h) in CSV_HEADER.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, cell(*h), &s.head)
                .map_err(err)?;
        }
        row += 1;
        for r in cohort.rows_of(&y.year) {
            ws.write_string_with_format(row, 0, cell(r.rank_text()), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 1, cell(r.district_rank_text()), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 2, cell(&r.name), &s.text)
                .map_err(err)?;
            ws.write_string_with_format(row, 3, cell(&r.district), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 4, cell(&r.type_name), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 5, cell(&r.level_text), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 6, cell(&r.year), &s.center)
                .map_err(err)?;
            ws.write_with_format(row, 7, r.total, &s.number)
                .map_err(err)?;
            ws.write_string_with_format(row, 8, cell(r.stage_text()), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 9, cell(&r.certification), &s.center)
                .map_err(err)?;
            ws.write_string_with_format(row, 10, cell(r.grade_text()), &s.center)
                .map_err(err)?;
            let notes = r.notes_text();
            let stage = r.stage_text();
            let grade = r.grade_text();
            let height = rank_row_height(&[
                (r.name.as_str(), RANK_COLUMNS[2]),
                (r.level_text.as_str(), RANK_COLUMNS[5]),
                (stage.as_str(), RANK_COLUMNS[8]),
                (r.certification.as_str(), RANK_COLUMNS[9]),
                (grade.as_str(), RANK_COLUMNS[10]),
                (notes.as_str(), RANK_COLUMNS[11]),
            ]);
            ws.set_row_height(row, height).map_err(err)?;
            ws.write_string_with_format(row, 11, cell(notes), &s.text)
                .map_err(err)?;
            row += 1;
        }
        row += 1;
    }
    let note = wrapped_note();
    for w in cohort.warnings.iter().chain(&cohort.readings_zh()) {
        ws.set_row_height(row, note_height(w, RANK_WIDTH))
            .map_err(err)?;
        ws.merge_range(row, 0, row, last, &cell(w), &note)
            .map_err(err)?;
        row += 1;
    }
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        last,
        "制表人：__________    审核人：__________    日期：____年__月__日    （盖章）",
        &s.info,
    )
    .map_err(err)?;
    print_setup(ws, 0).map_err(err)?;
    ws.set_landscape();
    wb.save_to_buffer().map_err(err)
}

/// The 审核表 (Art. 30: 自评, 初审, 评审 side by side) as .xlsx bytes: the platform's
/// particulars; per indicator 一级指标 (merged down), 二级指标, 分值上限, one score column per
/// stage present (numbers), 核减说明 (核减/核增, the reasons, 未说明); the 一级指标 subtotals; the
/// 合计 row with its note; then each review stage's 意见, 审核人, 日期 and 签名状态 (with
/// the key's fingerprint and the signature code when valid, to match paper and file).
/// The same content as the printed 审核表 (`ui/review_sheet.rs`). Landscape A4.
///
/// Over 150 lines: the 审核表 cell by cell, in the sheet's order.
pub fn review_xlsx(draft: &Draft, review: &ReviewReport) -> Result<Vec<u8>, ExportError> {
    let s = styles();
    let rubric = draft.rubric().map_err(|e| ExportError(e.to_string()))?;
    let stages: Vec<Stage> = review.stages.iter().map(|st| st.stage).collect();
    let n = stages.len() as u16;
    // 一级指标, 二级指标, 分值上限, the stages, 说明.
    let last = 3 + n;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("审核表").map_err(err)?;
    let mut widths = vec![16.0, 34.0, 9.0];
    widths.extend(std::iter::repeat_n(9.0, n as usize));
    widths.push(46.0);
    let full_width: f64 = widths.iter().sum();
    for (c, w) in widths.into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(err)?;
    }
    ws.set_row_height(0, 30).map_err(err)?;
    let title = rubric.title.replace("评分表", "审核表");
    ws.merge_range(0, 0, 0, last, &cell(&title), &s.title)
        .map_err(err)?;
    let p = &draft.platform;
    let or_blank = |t: &str| {
        if t.trim().is_empty() {
            "　".to_string()
        } else {
            t.trim().to_string()
        }
    };
    let info = [
        format!(
            "平台名称：{}　　平台类型：{}",
            or_blank(&p.name),
            rubric.platform_type
        ),
        format!(
            "所在区县：{}　　评估层级：{}　　评估年度：{}",
            or_blank(&p.district),
            draft.level.label_zh(),
            or_blank(&p.year)
        ),
        format!(
            "审核阶段：{}",
            stages
                .iter()
                .map(|st| st.long_label_zh())
                .collect::<Vec<_>>()
                .join("、")
        ),
    ];
    let mut row: u32 = 1;
    for line in &info {
        ws.merge_range(row, 0, row, last, &cell(line), &s.info)
            .map_err(err)?;
        row += 1;
    }
    let header_row = row;
    let mut heads = vec!["一级指标".to_string(), "二级指标".into(), "分值上限".into()];
    heads.extend(stages.iter().map(|st| format!("{}得分", st.label_zh())));
    heads.push("核减说明".into());
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, cell(h), &s.head)
            .map_err(err)?;
    }
    row += 1;
    for g in &review.groups {
        let inds: Vec<_> = review
            .indicators
            .iter()
            .filter(|i| i.group == g.id)
            .collect();
        if inds.is_empty() {
            continue;
        }
        let first = row;
        for i in &inds {
            ws.write_string_with_format(row, 1, cell(format!("{} {}", i.id, i.name)), &s.text)
                .map_err(err)?;
            match i.cap {
                Some(c) => ws.write_with_format(row, 2, c, &s.number),
                None => ws.write_string_with_format(row, 2, "——", &s.center),
            }
            .map_err(err)?;
            for (k, st) in stages.iter().enumerate() {
                let col = 3 + k as u16;
                match i.score(*st) {
                    Some(v) => ws.write_with_format(row, col, v, &s.number),
                    None => ws.write_string_with_format(row, col, "", &s.center),
                }
                .map_err(err)?;
            }
            let note = i.note();
            ws.write_string_with_format(row, last, cell(&note), &s.text)
                .map_err(err)?;
            let name = format!("{} {}", i.id, i.name);
            fit_row(ws, row, &[(&name, 34.0), (&note, 46.0)]).map_err(err)?;
            row += 1;
        }
        let name = format!("{} {}", g.id, g.name);
        if row - first > 1 {
            ws.merge_range(first, 0, row - 1, 0, &cell(&name), &s.center)
                .map_err(err)?;
        } else {
            ws.write_string_with_format(first, 0, cell(&name), &s.center)
                .map_err(err)?;
        }
        ws.merge_range(row, 0, row, 1, &cell(format!("{} 小计", g.name)), &s.center)
            .map_err(err)?;
        ws.write_with_format(row, 2, g.cap, &s.number)
            .map_err(err)?;
        for (k, st) in stages.iter().enumerate() {
            let col = 3 + k as u16;
            match g.score(*st) {
                Some(v) => ws.write_with_format(row, col, v, &s.total),
                None => ws.write_string_with_format(row, col, "", &s.center),
            }
            .map_err(err)?;
        }
        ws.write_string_with_format(row, last, "", &s.text)
            .map_err(err)?;
        row += 1;
    }
    let cap_total = review
        .stages
        .first()
        .map(|st| st.report.cap_total)
        .unwrap_or_default();
    ws.merge_range(row, 0, row, 1, "合计", &s.center)
        .map_err(err)?;
    ws.write_with_format(row, 2, cap_total, &s.total)
        .map_err(err)?;
    for (k, st) in review.stages.iter().enumerate() {
        ws.write_with_format(row, 3 + k as u16, st.total, &s.total)
            .map_err(err)?;
    }
    ws.write_string_with_format(row, last, cell(review.total_note()), &s.text)
        .map_err(err)?;
    row += 2;
    for st in review
        .stages
        .iter()
        .filter(|st| st.stage != Stage::SelfAssessed)
    {
        let lines = [
            format!("{}意见：{}", st.stage.long_label_zh(), st.opinion.trim()),
            format!(
                "审核人：{}　　日期：{}　　（盖章）　　签名状态：{}{}",
                or_blank(&st.reviewer),
                or_blank(&st.date),
                st.status.text_zh(),
                match &st.status {
                    crate::domain::review::LayerStatus::Valid { key, code, .. } => {
                        format!("　　密钥 {key}　　签名码 {code}")
                    }
                    _ => String::new(),
                }
            ),
        ];
        for line in &lines {
            ws.merge_range(row, 0, row, last, &cell(line), &s.info)
                .map_err(err)?;
            fit_row(ws, row, &[(line, full_width)]).map_err(err)?;
            row += 1;
        }
        row += 1;
    }
    print_setup(ws, header_row).map_err(err)?;
    ws.set_landscape();
    // One page: the signatures stay with the table they sign (spread over two pages, the
    // second held the signature block alone). Every rubric's 审核表 fits one landscape A4
    // at a readable scale.
    ws.set_print_fit_to_pages(1, 1);
    wb.save_to_buffer().map_err(err)
}
