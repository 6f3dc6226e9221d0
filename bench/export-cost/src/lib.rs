//! A minimal user of each writer: one paragraph and one table; one sheet with a merged
//! cell and a number. The baseline (no feature) formats a Decimal, as the app does anyway.

use rust_decimal::Decimal;

#[no_mangle]
#[allow(unused_mut)]
pub extern "C" fn run(n: u32) -> usize {
    let d = Decimal::from(n) / Decimal::from(3);
    let mut size = d.to_string().len();
    #[cfg(feature = "docx")]
    {
        use docx_rs::*;
        let table = Table::new(vec![TableRow::new(vec![TableCell::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(d.to_string())))])]);
        let mut out = std::io::Cursor::new(Vec::new());
        let _ = Docx::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("自评报告").size(44)))
            .add_table(table)
            .build()
            .pack(&mut out);
        size += out.into_inner().len();
    }
    #[cfg(feature = "xlsx")]
    {
        use rust_xlsxwriter::*;
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let f = Format::new().set_border(FormatBorder::Thin);
        let _ = ws.merge_range(0, 0, 1, 0, "一级指标", &f);
        let _ = ws.write_with_format(0, 1, d, &f);
        ws.set_paper_size(9);
        let _ = ws.set_repeat_rows(0, 0);
        size += wb.save_to_buffer().map(|b| b.len()).unwrap_or(0);
    }
    size
}
