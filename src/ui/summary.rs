//! The sticky summary: subtotal per 一级指标, total / 100, and the indicators still blank,
//! each a link that jumps to it.

use super::state::SaveState;
use super::web;
use crate::domain::number::fmt_decimal;
use crate::domain::score::headroom_text;
use crate::domain::Report;
use leptos::prelude::*;

#[component]
pub fn Summary(report: Memo<Option<Report>>, save: RwSignal<SaveState>) -> impl IntoView {
    view! {
        <aside class="summary no-print" aria-label="得分汇总">
            <h2>"得分汇总"</h2>
            // A draft whose edition is not held (issue 13): no score, and why.
            {move || {
                report
                    .with(Option::is_none)
                    .then(|| {
                        view! {
                            <p class="muted" data-testid="no-score">
                                "不计分：草稿所用的评分标准版本不在本机（见表单上方的说明）。"
                            </p>
                        }
                    })
            }}
            {move || {
                report
                    .get()
                    .map(|r| {
                        let blank = r.blank.clone();
                        let errors = r.errors.len();
                        view! {
                            <table class="subtotals">
                                <tbody>
                                    {r
                                        .groups
                                        .iter()
                                        .map(|g| {
                                            view! {
                                                <tr>
                                                    <th scope="row">
                                                        {format!("{}. {}", g.id, g.name)}
                                                        <span
                                                            class="headroom"
                                                            data-testid=format!("headroom-group-{}", g.id)
                                                        >
                                                            {headroom_text(g.headroom)}
                                                        </span>
                                                    </th>
                                                    <td>{fmt_decimal(g.score)}" / "{fmt_decimal(g.cap)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                                <tfoot>
                                    <tr class="total">
                                        <th scope="row">"总分"</th>
                                        <td data-testid="total">{fmt_decimal(r.total)}</td>
                                    </tr>
                                    <tr>
                                        <td colspan="2" class="muted">
                                            {format!("满分 {}", fmt_decimal(r.cap_total))}
                                        </td>
                                    </tr>
                                    <tr>
                                        <td
                                            colspan="2"
                                            class="headroom-total"
                                            data-testid="headroom"
                                        >
                                            {headroom_text(r.headroom)}
                                        </td>
                                    </tr>
                                </tfoot>
                            </table>
                            <p class="blank-count" data-testid="blank-count">
                                {if blank.is_empty() {
                                    "全部指标已填写".to_string()
                                } else {
                                    format!("未填 {} 项", blank.len())
                                }}
                            </p>
                            {(!blank.is_empty())
                                .then(|| {
                                    view! {
                                        <ul class="blank-list">
                                            {blank
                                                .into_iter()
                                                .map(|id| {
                                                    let target = format!("ind-{id}");
                                                    view! {
                                                        <li>
                                                            <button
                                                                type="button"
                                                                class="link"
                                                                on:click=move |_| web::jump_to(&target)
                                                            >
                                                                {id.clone()}
                                                            </button>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                            {(errors > 0)
                                .then(|| {
                                    view! {
                                        <p class="error-count">
                                            {format!(
                                                "{errors} 处填写有误（已按未填计分），请查看标红的字段。",
                                            )}
                                        </p>
                                    }
                                })}
                        }
                    })
            }}
            // On a phone the summary scrolls away: a bar at the bottom keeps the total in view.
            <div class="mini-total" aria-hidden="true">
                {move || {
                    report
                        .get()
                        .map(|r| {
                            format!(
                                "总分 {} / {}{}",
                                fmt_decimal(r.total),
                                fmt_decimal(r.cap_total),
                                if r.blank.is_empty() {
                                    String::new()
                                } else {
                                    format!(" · 未填 {} 项", r.blank.len())
                                },
                            )
                        })
                }}
            </div>
            <p class="save-state">
                {move || match save.get() {
                    SaveState::Saved => "✓ 已自动保存在本浏览器".to_string(),
                    SaveState::Failed(_) => "✗ 未能保存，请导出文件".to_string(),
                    SaveState::Preview => "链接预览，未保存".to_string(),
                }}
            </p>
        </aside>
    }
}
