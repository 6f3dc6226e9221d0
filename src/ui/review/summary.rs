//! Every stage's subtotals and totals beside the reviewer's form.

use super::*;

/// Every stage's subtotals and totals, the unexplained changes and the stage a ranking
/// would use.
#[component]
pub fn ReviewSummary(stage: Stage) -> impl IntoView {
    let reviewing = expect_context::<Reviewing>();
    let report = reviewing.report;
    view! {
        <aside class="summary no-print review-summary" aria-label="各阶段得分">
            <h2>"各阶段得分"</h2>
            {move || {
                report
                    .get()
                    .map(|r| {
                        let stages: Vec<Stage> = r.stages.iter().map(|s| s.stage).collect();
                        let heads = stages
                            .iter()
                            .map(|s| view! { <th scope="col">{s.label_zh()}</th> })
                            .collect_view();
                        let rows = r
                            .groups
                            .iter()
                            .map(|g| {
                                let cells = stages
                                    .iter()
                                    .map(|s| {
                                        let v = match s {
                                            Stage::SelfAssessed => Some(g.self_score),
                                            Stage::District => g.district,
                                            Stage::City => g.city,
                                        };
                                        view! { <td>{v.map(fmt_decimal).unwrap_or_default()}</td> }
                                    })
                                    .collect_view();
                                view! {
                                    <tr>
                                        <th scope="row">{format!("{}. {}", g.id, g.name)}</th>
                                        {cells}
                                    </tr>
                                }
                            })
                            .collect_view();
                        let totals = r
                            .stages
                            .iter()
                            .map(|s| {
                                view! {
                                    <td data-testid=format!(
                                        "stage-total-{}",
                                        s.stage.key(),
                                    )>{fmt_decimal(s.total)}</td>
                                }
                            })
                            .collect_view();
                        let statuses = r
                            .stages
                            .iter()
                            .filter(|s| s.stage != Stage::SelfAssessed)
                            .map(|s| {
                                view! {
                                    <li class:stale=!s
                                        .status
                                        .is_valid()>
                                        {format!(
                                            "{}：{}（{}）",
                                            s.stage.long_label_zh(),
                                            if s.reviewer.trim().is_empty() {
                                                "未署名"
                                            } else {
                                                s.reviewer.trim()
                                            },
                                            s.status.label_zh(),
                                        )}
                                    </li>
                                }
                            })
                            .collect_view();
                        let own = r.total(Stage::SelfAssessed).unwrap_or_default();
                        let now = r.total(stage).unwrap_or(own);
                        let delta = now - own;
                        view! {
                            <table class="subtotals stages">
                                <thead>
                                    <tr>
                                        <th></th>
                                        {heads}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                                <tfoot>
                                    <tr class="total">
                                        <th scope="row">"总分"</th>
                                        {totals}
                                    </tr>
                                </tfoot>
                            </table>
                            {(!delta.is_zero())
                                .then(|| {
                                    view! {
                                        <p class=delta_class(
                                            delta,
                                        )>
                                            {format!(
                                                "{}较自评 {}",
                                                stage.label_zh(),
                                                delta_text(delta),
                                            )}
                                        </p>
                                    }
                                })}
                            <ul class="rv-signers">{statuses}</ul>
                            <p class="blank-count" data-testid="unexplained">
                                {if r.unexplained == 0 {
                                    "改动均已说明".to_string()
                                } else {
                                    format!("未说明的改动 {} 处", r.unexplained)
                                }}
                            </p>
                            <p class="muted">
                                {format!("等次排名采用：{}", r.usable.long_label_zh())}
                            </p>
                        }
                    })
            }}
            <div class="mini-total" aria-hidden="true">
                {move || {
                    report
                        .with(|r| {
                            r.as_ref()
                                .map(|r| {
                                    r.stages
                                        .iter()
                                        .map(|s| {
                                            format!("{} {}", s.stage.label_zh(), fmt_decimal(s.total))
                                        })
                                        .collect::<Vec<_>>()
                                        .join(" · ")
                                })
                        })
                }}
            </div>
        </aside>
    }
}
