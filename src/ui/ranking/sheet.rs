//! The ranking as printed: landscape A4, one table per year.

use super::*;

/// The ranking as printed (hidden on screen): landscape A4, page numbers (第 x 页 共 y 页,
/// the page's margin box), one table per year with its stage, n and quota and only the
/// ranked platforms; the drafts not counted (copies, 筹建, 未参评) as a short list with
/// the reason; what each grade means stated once; the warnings and readings; the 制表人 /
/// 审核人 / 日期 / 盖章 lines.
#[component]
pub fn CohortSheet(cohort: Cohort, sheet: RwSignal<Sheet>) -> impl IntoView {
    let chosen = move || sheet.get() == Sheet::Cohort;
    let body = move || {
        let opts = cohort.options.get();
        let r = cohort
            .list
            .with(|c| rank_with(&c.entries_on(web::today()), &opts));
        let years: Vec<String> = r
            .years
            .iter()
            .map(|y| y.year.clone())
            .filter(|y| !y.is_empty())
            .collect();
        let title = if years.len() == 1 {
            format!(
                "{}年度重庆市人力资源服务发展平台绩效评估等次排名（建议）",
                years[0]
            )
        } else {
            "重庆市人力资源服务发展平台绩效评估等次排名（建议）".to_string()
        };
        let tables = r
            .years
            .iter()
            .map(|y| {
                let district = has_district(&r, &y.year);
                let left: Vec<String> = r
                    .rows_of(&y.year)
                    .filter(|row| !row.ranked())
                    .map(|row| {
                        format!(
                            "{}（{}）：{}",
                            if row.name.is_empty() { "（未填平台名称）" } else { row.name.as_str() },
                            fmt_decimal(row.total),
                            row.grade_text()
                        )
                    })
                    .collect();
                view! {
                    <section class="year-sheet">
                        <h2>{format!("{} · {}", year_label(&y.year), y.stage_text())}</h2>
                        <p class="quota">{y.quota_text()}</p>
                        {mixed_view(y)}
                        {settle_view(y)}
                        <table class="ranking">
                            <colgroup>
                                <col class="c-rank" />
                                {district.then(|| view! { <col class="c-rank" /> })}
                                <col class="c-name" />
                                <col class="c-district" />
                                <col class="c-type" />
                                <col class="c-level" />
                                <col class="c-total" />
                                <col class="c-stage" />
                                <col class="c-cert" />
                                <col class="c-grade" />
                                <col class="c-notes" />
                            </colgroup>
                            <thead>
                                <tr>
                                    <th>"名次"</th>
                                    {district.then(|| view! { <th>"区县级名次"</th> })}
                                    <th>"平台名称"</th>
                                    <th>"区县"</th>
                                    <th>"类型"</th>
                                    <th>"层级"</th>
                                    <th>"总分"</th>
                                    <th>"依据"</th>
                                    <th>"认定条件"</th>
                                    <th>"等次建议"</th>
                                    <th>"说明"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {r
                                    .rows_of(&y.year)
                                    .filter(|row| row.ranked())
                                    .map(|row| {
                                        view! {
                                            <tr>
                                                <td class="num">{row.rank_text()}</td>
                                                {district
                                                    .then(|| {
                                                        view! { <td class="num">{row.district_rank_text()}</td> }
                                                    })}
                                                <td>{row.name.clone()}</td>
                                                <td>{row.district.clone()}</td>
                                                <td>{row.type_name.clone()}</td>
                                                <td>{row.level_text.clone()}</td>
                                                <td class="num score">{fmt_decimal(row.total)}</td>
                                                <td>{row.stage_text()}</td>
                                                <td>{row.certification.clone()}</td>
                                                <td class="grade-cell">{row.grade_text()}</td>
                                                <td class="notes">
                                                    {if row.level == Level::District {
                                                        row.notes_text()
                                                    } else {
                                                        row.notes.join("；")
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        {(!left.is_empty())
                            .then(|| {
                                view! {
                                    <div class="not-counted" data-testid="cohort-not-counted">
                                        <h3>"未计入排名的草稿"</h3>
                                        <ul>
                                            {left
                                                .into_iter()
                                                .map(|t| view! { <li>{t}</li> })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })}
                    </section>
                }
            })
            .collect_view();
        let uses = grade_uses(&r);
        view! {
            <h1>{title}</h1>
            {tables}
            {(!uses.is_empty())
                .then(|| {
                    view! {
                        <div class="warnings-print">
                            <h2>"等次的运用"</h2>
                            <ul>
                                {uses.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}
                            </ul>
                        </div>
                    }
                })}
            {(!r.warnings.is_empty())
                .then(|| {
                    view! {
                        <div class="warnings-print">
                            <h2>"提示"</h2>
                            <ol>
                                {r
                                    .warnings
                                    .iter()
                                    .map(|w| view! { <li>{w.clone()}</li> })
                                    .collect_view()}
                            </ol>
                        </div>
                    }
                })}
            <div class="warnings-print">
                <h2>"本表采用的规则"</h2>
                <ul>
                    {r.readings_zh().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                </ul>
            </div>
            <p class="basis">
                "依据《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）第十五条至第十七条、第三十一条至第三十三条。本表为计算工具给出的建议，等次以市人力社保局审定为准。"
                {format!("制表日期：{}。", web::today_zh())}
            </p>
            <div class="signatures" data-testid="cohort-signatures">
                <span>"制表人：__________"</span>
                <span>"审核人：__________"</span>
                <span>"日期：______年____月____日"</span>
                <span>"（盖章）"</span>
            </div>
        }
    };
    view! {
        <section
            class="print-sheet"
            data-sheet="cohort"
            class:chosen=chosen
            aria-label="等次排名（打印）"
        >
            {body}
        </section>
    }
}

/// What each grade means for national and city platforms (第三十二条), once per grade:
/// "优秀（国家级、市级平台）：…".
pub(super) fn grade_uses(r: &CohortReport) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A district row's uses depend on its own certification: printed in its row.
    for row in r
        .rows
        .iter()
        .filter(|row| !row.uses.is_empty() && row.level != Level::District)
    {
        let line = format!(
            "{}（国家级、市级平台）：{}",
            row.grade.grade().map(|g| g.label_zh()).unwrap_or(""),
            row.uses.join("；")
        );
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}
