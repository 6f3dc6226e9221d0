//! The 得分表 as printed on A4: an official-looking form with the platform's details, the
//! table of indicators (一级指标, 二级指标, 分值上限, 得分, 计算过程, 备注), subtotals, the
//! total, the blank count, and the lines for seals and signatures. Hidden on screen.

use crate::domain::number::fmt_decimal;
use crate::domain::score::SCORE_SHEET_TITLE;
use crate::domain::{Draft, Report};
use crate::ui::state::Sheet;
use crate::ui::web;
use crate::ui::widgets::sheet::SheetMeta;
use leptos::prelude::*;

#[component]
pub fn ScoreSheet(
    draft: RwSignal<Draft>,
    report: Memo<Option<Report>>,
    sheet: RwSignal<Sheet>,
) -> impl IntoView {
    move || {
        let draft = draft.get();
        let report = report.get()?;
        let rubric = draft.rubric().ok()?;
        let title = SCORE_SHEET_TITLE;
        let subtitle = format!("{}（{}）", rubric.title, rubric.appendix);
        let completion = report.completion_text();
        // The running head and foot of every printed page: the platform's name, the
        // sheet's state, 第 x 页 共 y 页: CSS margin boxes of the named page `score-sheet`
        // (style/app.css), which Chromium prints (measured with print-to-PDF,
        // tests/e2e/trial.test.mjs). The texts travel as two custom properties on the root
        // element, set through the CSSOM (the CSP allows no inline <style>).
        web::set_print_head(&page_head_name(&draft.platform.name), &completion);
        let p = &draft.platform;
        let rows = report
            .groups
            .iter()
            .map(|g| {
                let inds: Vec<_> = report
                    .indicators
                    .iter()
                    .filter(|i| i.group == g.id)
                    .collect();
                let n = inds.len();
                let group_cell = format!("{}. {}", g.id, g.name);
                let body = inds.into_iter().enumerate().map(|(k, i)| {
                let note = draft.notes.get(&i.id).cloned().unwrap_or_default();
                view! {
                    <tr class:blank=i
                        .blank>
                        {(k == 0)
                            .then(|| {
                                view! {
                                    <td class="group" rowspan=n.to_string()>
                                        {group_cell.clone()}
                                    </td>
                                }
                            })} <td>{format!("{} {}", i.id, i.name)}</td>
                        <td class="num">
                            {i.cap.map(fmt_decimal).unwrap_or_else(|| "——".into())}
                        </td> <td class="num score">{i.score_text()}</td>
                        <td class="working">{i.working_text()}</td> <td class="note">{note}</td>
                    </tr>
                }
            }).collect_view();
                view! {
                    <tbody>
                        {body} <tr class="subtotal">
                            <td colspan="2">{format!("{} 小计", g.name)}</td>
                            <td class="num">{fmt_decimal(g.cap)}</td>
                            <td class="num score">{fmt_decimal(g.score)}</td>
                            <td colspan="2"></td>
                        </tr>
                    </tbody>
                }
            })
            .collect_view();
        Some(view! {
            <section
                class="print-sheet"
                data-sheet="scores"
                class:chosen=move || sheet.get() == Sheet::Scores
                aria-label="得分表（打印）"
            >
                <h1>{title}</h1>
                <p class="subtitle">{subtitle}</p>
                <p class="completion" class:incomplete=!report.blank.is_empty()>
                    {completion.clone()}
                </p>
                <SheetMeta
                    platform=p.clone()
                    platform_type=rubric.platform_type.clone()
                    level=report.level.label_zh()
                    last=("填表日期", fill_date_zh(&p.fill_date))
                />
                <table class="scores">
                    <colgroup>
                        <col class="c-group" />
                        <col class="c-name" />
                        <col class="c-cap" />
                        <col class="c-score" />
                        <col class="c-working" />
                        <col class="c-note" />
                    </colgroup>
                    <thead>
                        <tr>
                            <th>"一级指标"</th>
                            <th>"二级指标"</th>
                            <th>"分值上限"</th>
                            <th>"得分"</th>
                            <th>"计算过程"</th>
                            <th>"备注"</th>
                        </tr>
                    </thead>
                    {rows}
                    <tfoot>
                        <tr class="total">
                            <td colspan="2">"总分"</td>
                            <td class="num">{fmt_decimal(report.cap_total)}</td>
                            <td class="num score">{fmt_decimal(report.total)}</td>
                            <td colspan="2">
                                {if report.blank.is_empty() {
                                    "全部指标已填写".to_string()
                                } else {
                                    format!(
                                        "未填指标 {} 项：{}",
                                        report.blank.len(),
                                        report.blank.join("、"),
                                    )
                                }}
                            </td>
                        </tr>
                    </tfoot>
                </table>
                <p class="basis">
                    {format!(
                        "评分依据：《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）{}，{}版。",
                        rubric.appendix,
                        rubric.edition,
                    )}
                </p>
                <div class="signatures">
                    <div>
                        <span>"自评单位（盖章）："</span>
                        <span class="line"></span>
                    </div>
                    <div>
                        <span>"负责人（签字）："</span>
                        <span class="line"></span>
                        <span>"日期："</span>
                        <span class="line short"></span>
                    </div>
                    <div class="opinion">
                        <span>"区县人力社保部门初审意见："</span>
                        <div class="box"></div>
                        <div class="seal">
                            <span>"（盖章）"</span>
                            <span>"年　　月　　日"</span>
                        </div>
                    </div>
                </div>
            </section>
        })
    }
}

/// 填表日期 as printed: the draft's date in Chinese ("2026年3月1日"), or blanks to write in
/// by hand ("　　年　　月　　日") — never the day of printing.
fn fill_date_zh(date: &str) -> String {
    let t = date.trim();
    if crate::domain::date::is_date(t) {
        let n = |r: std::ops::Range<usize>| t[r].trim_start_matches('0').to_string();
        format!("{}年{}月{}日", &t[0..4], n(5..7), n(8..10))
    } else {
        "　　年　　月　　日".to_string()
    }
}

/// The platform's name for the running head.
fn page_head_name(name: &str) -> String {
    if name.trim().is_empty() {
        "（未填平台名称）".to_string()
    } else {
        name.trim().to_string()
    }
}
