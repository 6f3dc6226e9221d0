//! The 审核表 as printed on A4: one table of 一级/二级指标, 分值上限, 自评得分, 初审得分
//! (评审得分 when present) and 核减说明, with subtotals and totals per stage, then each
//! reviewer's 审核意见, 审核人, 日期 and 盖章 lines. Hidden on screen; printed from the
//! review screen (its button and Ctrl+P).

use crate::domain::number::fmt_decimal;
use crate::domain::review::LayerStatus;
use crate::domain::{Draft, Stage};
use crate::ui::state::{Reviewing, Sheet};
use crate::ui::widgets::sheet::{or_blank, SheetMeta};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// A stage's score as printed: "——" for a stage the draft does not have.
fn score_text(score: Option<Decimal>) -> String {
    score.map(fmt_decimal).unwrap_or_else(|| "——".into())
}

#[component]
pub fn ReviewSheet(draft: RwSignal<Draft>, sheet: RwSignal<Sheet>) -> impl IntoView {
    let reviewing = expect_context::<Reviewing>();
    move || {
        let r = reviewing.report.get()?;
        let d = draft.get();
        let rubric = d.rubric().ok()?;
        let stages: Vec<Stage> = r.stages.iter().map(|s| s.stage).collect();
        let n_stages = stages.len();
        let p = &d.platform;
        let title = rubric.title.replace("评分表", "审核表");
        let heads = stages
            .iter()
            .map(|s| view! { <th>{format!("{}得分", s.label_zh())}</th> })
            .collect_view();
        let cols = stages
            .iter()
            .map(|_| view! { <col class="c-score" /> })
            .collect_view();
        let rows = r
            .groups
            .iter()
            .map(|g| {
                let inds: Vec<_> = r.indicators.iter().filter(|i| i.group == g.id).collect();
                let n = inds.len();
                let group_cell = format!("{}. {}", g.id, g.name);
                let body = inds
                    .into_iter()
                    .enumerate()
                    .map(|(k, i)| {
                        let cells = stages
                            .iter()
                            .map(|s| {
                                view! { <td class="num score">{score_text(i.score(*s))}</td> }
                            })
                            .collect_view();
                        let note = i.note();
                        view! {
                            <tr class:changed=!i
                                .delta
                                .is_zero()>
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
                                </td> {cells} <td class="note">{note}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let subtotals = stages
                    .iter()
                    .map(|s| {
                        view! { <td class="num score">{score_text(g.score(*s))}</td> }
                    })
                    .collect_view();
                view! {
                    <tbody>
                        {body} <tr class="subtotal">
                            <td colspan="2">{format!("{} 小计", g.name)}</td>
                            <td class="num">{fmt_decimal(g.cap)}</td>
                            {subtotals}
                            <td></td>
                        </tr>
                    </tbody>
                }
            })
            .collect_view();
        let totals = r
            .stages
            .iter()
            .map(|s| view! { <td class="num score">{fmt_decimal(s.total)}</td> })
            .collect_view();
        let cap_total = r
            .stages
            .first()
            .map(|s| s.report.cap_total)
            .unwrap_or_default();
        let total_note = r.total_note();
        let opinions = r
            .stages
            .iter()
            .filter(|s| s.stage != Stage::SelfAssessed)
            .map(|s| {
                let status = s.status.text_zh();
                let signer = match &s.status {
                    LayerStatus::Valid { key, code, .. } => format!("　密钥 {key}　签名码 {code}"),
                    _ => String::new(),
                };
                view! {
                    <div class="opinion">
                        <span>{format!("{}意见：", s.stage.long_label_zh())}</span>
                        <div class="box text">{s.opinion.clone()}</div>
                        <div class="seal">
                            <span>{format!("审核人：{}", or_blank(&s.reviewer))}</span>
                            <span>{format!("日期：{}", or_blank(&s.date))}</span>
                            <span>"（盖章）"</span>
                        </div>
                        <p class="rv-verified">{format!("签名状态：{status}{signer}")}</p>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <section
                class="print-sheet review-sheet"
                data-sheet="review"
                class:chosen=move || sheet.get() == Sheet::Review
                aria-label="审核表（打印）"
            >
                <h1>{title}</h1>
                <SheetMeta
                    platform=p.clone()
                    platform_type=rubric.platform_type.clone()
                    level=d.level.label_zh()
                    last=(
                        "审核阶段",
                        stages.iter().map(|s| s.long_label_zh()).collect::<Vec<_>>().join("、"),
                    )
                />
                <table class="scores review-table" data-stages=n_stages.to_string()>
                    <colgroup>
                        <col class="c-group" />
                        <col class="c-name" />
                        <col class="c-cap" />
                        {cols}
                        <col class="c-note" />
                    </colgroup>
                    <thead>
                        <tr>
                            <th>"一级指标"</th>
                            <th>"二级指标"</th>
                            <th>"分值上限"</th>
                            {heads}
                            <th>"核减说明"</th>
                        </tr>
                    </thead>
                    {rows}
                    <tfoot>
                        <tr class="total">
                            <td colspan="2">"总分"</td>
                            <td class="num">{fmt_decimal(cap_total)}</td>
                            {totals}
                            <td class="note">{total_note}</td>
                        </tr>
                    </tfoot>
                </table>
                <p class="basis">
                    {format!(
                        "评分依据：《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）{}，{}版；审核依据第三十条。",
                        rubric.appendix,
                        rubric.edition,
                    )}
                </p>
                <div class="signatures">{opinions}</div>
            </section>
        })
    }
}
