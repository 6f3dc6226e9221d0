//! The sticky summary: subtotal per 一级指标, total / 100, and the indicators still blank,
//! each a link that jumps to it.

use crate::domain::number::fmt_decimal;
use crate::domain::score::headroom_text;
use crate::domain::{Report, Stage};
use crate::ui::state::{Reviewing, SaveState};
use crate::ui::web;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The summary's shape: which groups (id, name, cap), rebuilt only when the rubric
/// changes; the figures in it are text nodes of their own, so a keystroke changes a few
/// texts and rebuilds no row (issue 10, item 6).
#[derive(Clone, PartialEq)]
struct Shape {
    groups: Vec<(String, String, String)>,
    cap_total: String,
}

/// A stage's total beside its signature's words (`None` for the 自评, which is not signed).
#[derive(Clone, PartialEq)]
struct StageTotal {
    stage: Stage,
    total: Decimal,
    status: Option<&'static str>,
}

impl StageTotal {
    /// "（签名有效）", "（未签名）", "（正在核验签名…）"…; nothing for the 自评.
    fn status_words(&self) -> String {
        self.status.map(|w| format!("（{w}）")).unwrap_or_default()
    }
}

#[derive(Clone, PartialEq)]
struct StageTotals {
    stages: Vec<StageTotal>,
    /// The stage a ranking uses: the latest validly signed one (`review::usable_stage`).
    usable: Stage,
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
    // Each stage with its signature's words (a layer's total counts for the ranking only
    // when validly signed: `usable`), so that an unsigned, altered or not yet checked 初审
    // never reads as the reviewed result.
    let stages = Memo::new(move |_| {
        let rv = reviewing?;
        rv.report
            .with(|r| {
                r.as_ref().map(|r| StageTotals {
                    stages: r
                        .stages
                        .iter()
                        .map(|s| StageTotal {
                            stage: s.stage,
                            total: s.total,
                            status: s.layer.map(|_| s.status.label_zh()),
                        })
                        .collect(),
                    usable: r.usable,
                })
            })
            .filter(|st| st.stages.len() > 1)
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
                        let latest = st.stages.last()?.clone();
                        let all = st
                            .stages
                            .iter()
                            .map(|s| {
                                format!(
                                    "{} {}{}",
                                    s.stage.long_label_zh(),
                                    fmt_decimal(s.total),
                                    s.status_words(),
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let usable = format!("等次排名采用：{}", st.usable.long_label_zh());
                        Some(
                            view! {
                                <div class="stage-totals" data-testid="stage-totals">
                                    <p class="latest">
                                        {format!("{}总分 ", latest.stage.long_label_zh())}
                                        <strong data-testid="latest-total">
                                            {fmt_decimal(latest.total)}
                                        </strong>
                                        <span data-testid="latest-status">
                                            {latest.status_words()}
                                        </span>
                                    </p>
                                    <p class="muted">{all}</p>
                                    <p class="muted" data-testid="usable-stage">
                                        {usable}
                                    </p>
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
                                        .and_then(|st| st.stages.last())
                                        .map(|s| {
                                            format!(
                                                "{} {}{} · 自评",
                                                s.stage.label_zh(),
                                                fmt_decimal(s.total),
                                                s.status_words(),
                                            )
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
