//! The sticky summary: subtotal per 一级指标, total / 100, and the indicators still blank,
//! each a link that jumps to it.

use crate::domain::number::fmt_decimal;
use crate::domain::score::headroom_text;
use crate::domain::Report;
use crate::ui::state::{Reviewing, SaveState};
use crate::ui::web;
use leptos::prelude::*;

/// The summary's shape: which groups (id, name, cap), rebuilt only when the rubric
/// changes; the figures in it are text nodes of their own, so a keystroke changes a few
/// texts and rebuilds no row (issue 10, item 6).
#[derive(Clone, PartialEq)]
struct Shape {
    groups: Vec<(String, String, String)>,
    cap_total: String,
}

#[component]
pub fn Summary(report: Memo<Option<Report>>, save: ReadSignal<SaveState>) -> impl IntoView {
    let shape = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref().map(|r| Shape {
                groups: r
                    .groups
                    .iter()
                    .map(|g| (g.id.clone(), g.name.clone(), fmt_decimal(g.cap)))
                    .collect(),
                cap_total: fmt_decimal(r.cap_total),
            })
        })
    });
    let total = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| fmt_decimal(r.total))));
    let headroom = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| headroom_text(r.headroom))
                .unwrap_or_default()
        })
    });
    let blank = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.blank.clone()).unwrap_or_default())
    });
    let errors = Memo::new(move |_| report.with(|r| r.as_ref().map_or(0, |r| r.errors.len())));
    // A reviewed draft (Art. 30) opens on its latest stage: its total leads, every stage's
    // beside it; the figures below stay the platform's own (自评总分). Issue 23: the city
    // opening a 初审 link saw only the 自评.
    let reviewing = use_context::<Reviewing>();
    let stages = Memo::new(move |_| {
        let rv = reviewing?;
        rv.report
            .with(|r| {
                r.as_ref().map(|r| {
                    r.stages
                        .iter()
                        .map(|s| (s.stage, s.total))
                        .collect::<Vec<_>>()
                })
            })
            .filter(|st| st.len() > 1)
    });
    // One group's figure, read from the report by the group's id.
    let group = move |id: &str, f: fn(&crate::domain::score::GroupScore) -> String| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.groups.iter().find(|g| g.id == id))
                .map(f)
                .unwrap_or_default()
        })
    };
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
                stages
                    .get()
                    .and_then(|st| {
                        let (latest, latest_total) = *st.last()?;
                        let all = st
                            .iter()
                            .map(|(s, t)| format!("{} {}", s.long_label_zh(), fmt_decimal(*t)))
                            .collect::<Vec<_>>()
                            .join(" · ");
                        Some(
                            view! {
                                <div class="stage-totals" data-testid="stage-totals">
                                    <p class="latest">
                                        {format!("{}总分 ", latest.long_label_zh())}
                                        <strong data-testid="latest-total">
                                            {fmt_decimal(latest_total)}
                                        </strong>
                                    </p>
                                    <p class="muted">{all}</p>
                                    <p class="muted">
                                        "以下为平台自评的填报与得分；各指标的核减说明见审核模式（审核阶段一行的按钮）。"
                                    </p>
                                </div>
                            },
                        )
                    })
            }}
            {move || {
                shape
                    .get()
                    .map(|sh| {
                        view! {
                            <table class="subtotals">
                                <tbody>
                                    {sh
                                        .groups
                                        .into_iter()
                                        .map(|(id, name, cap)| {
                                            let (a, b) = (id.clone(), id.clone());
                                            view! {
                                                <tr>
                                                    <th scope="row">
                                                        {format!("{id}. {name}")}
                                                        <span
                                                            class="headroom"
                                                            data-testid=format!("headroom-group-{id}")
                                                        >
                                                            {move || group(&a, |g| headroom_text(g.headroom))}
                                                        </span>
                                                    </th>
                                                    <td>
                                                        {move || group(&b, |g| fmt_decimal(g.score))}" / "{cap}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                                <tfoot>
                                    <tr class="total">
                                        <th scope="row">
                                            {move || {
                                                if stages.with(Option::is_some) {
                                                    "自评总分"
                                                } else {
                                                    "总分"
                                                }
                                            }}
                                        </th>
                                        <td data-testid="total">{move || total.get()}</td>
                                    </tr>
                                    <tr>
                                        <td colspan="2" class="muted">
                                            {format!("满分 {}", sh.cap_total)}
                                        </td>
                                    </tr>
                                    <tr>
                                        <td
                                            colspan="2"
                                            class="headroom-total"
                                            data-testid="headroom"
                                        >
                                            {move || headroom.get()}
                                        </td>
                                    </tr>
                                </tfoot>
                            </table>
                            <p class="blank-count" data-testid="blank-count">
                                {move || {
                                    blank
                                        .with(|b| {
                                            if b.is_empty() {
                                                "全部指标已填写".to_string()
                                            } else {
                                                format!("未填 {} 项", b.len())
                                            }
                                        })
                                }}
                            </p>
                            {move || {
                                let blank = blank.get();
                                (!blank.is_empty())
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
                                    })
                            }}
                            {move || {
                                let errors = errors.get();
                                (errors > 0)
                                    .then(|| {
                                        view! {
                                            <p class="error-count">
                                                {format!(
                                                    "{errors} 处填写有误（已按未填计分），请查看标红的字段。",
                                                )}
                                            </p>
                                        }
                                    })
                            }}
                        }
                    })
            }}
            // On a phone the summary scrolls away: a bar at the bottom keeps the total in view.
            <div class="mini-total" aria-hidden="true">
                {move || {
                    shape
                        .with(|sh| sh.as_ref().map(|sh| sh.cap_total.clone()))
                        .map(|cap| {
                            let n = blank.with(Vec::len);
                            let latest = stages
                                .with(|st| {
                                    st.as_ref()
                                        .and_then(|st| st.last())
                                        .map(|(s, t)| {
                                            format!("{} {} · 自评", s.label_zh(), fmt_decimal(*t))
                                        })
                                })
                                .unwrap_or_else(|| "总分".into());
                            format!(
                                "{latest} {} / {}{}",
                                total.get().unwrap_or_default(),
                                cap,
                                if n == 0 { String::new() } else { format!(" · 未填 {n} 项") },
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
