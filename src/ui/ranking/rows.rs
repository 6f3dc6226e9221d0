//! The ranking's parts on screen: a year's n and quota, its warnings, the rules chosen, one
//! row of a year's table, 选用此份.

use super::*;

/// Makes `id` the counted copy among the copies of its platform (选用此份).
pub(super) fn choose(c: &mut CohortList, id: u64) {
    let Some(key) = c
        .items
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.entry.identity())
    else {
        return;
    };
    for item in c.items.iter_mut() {
        if item.entry.identity() == key {
            item.entry.chosen = item.id == id;
        }
    }
}

/// A year's n and quota, and its boundary ties.
pub(super) fn year_summary(y: &YearCohort) -> impl IntoView {
    let tie = |t: &crate::domain::grade::BoundaryTie, scope: &str| {
        view! {
            <p class="tie" data-testid="cohort-tie">
                <span aria-hidden="true">"⚑ "</span>
                {format!(
                    "{scope}总分 {} 分并列跨越名额边界：{}，{} 个平台争 {} 个优秀名额，须由评审会议确定。",
                    fmt_decimal(t.total),
                    t.names.join("、"),
                    t.names.len(),
                    t.places,
                )}
            </p>
        }
    };
    view! {
        <p class="year" data-testid="cohort-quota">
            {y.quota_text()}
        </p>
        {mixed_view(y)}
        {y.tie.as_ref().map(|t| tie(t, ""))}
        {y.district.tie.as_ref().map(|t| tie(t, "区县级平台："))}
        {settle_view(y)}
    }
}

/// The bold warning of a ranking whose platforms are not all at its stage.
pub(super) fn mixed_view(y: &YearCohort) -> Option<impl IntoView> {
    (!y.lacking.is_empty()).then(|| {
        view! {
            <p class="mixed" data-testid="cohort-mixed">
                <strong>
                    {format!(
                        "注意：本表按{}得分排名，{}尚无该阶段，按其较低阶段的得分列入，不同阶段的得分混合比较（各行“依据”列注明所用阶段）。",
                        y.stage.long_label_zh(),
                        y.lacking.join("、"),
                    )}
                </strong>
            </p>
        }
    })
}

/// What settling each pending check would change.
pub(super) fn settle_view(y: &YearCohort) -> Option<impl IntoView> {
    (!y.settle.is_empty()).then(|| {
        view! {
            <ul class="settle" data-testid="cohort-settle">
                {y.settle.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
            </ul>
        }
    })
}

/// Whether a year has district rows (then the 区县级名次 column is shown).
pub(super) fn has_district(r: &CohortReport, year: &str) -> bool {
    r.rows_of(year)
        .any(|row| row.level == Level::District && row.ranked())
}

/// The ranking's rules: the stage, the Art. 33 reading, the stricter rule.
#[component]
pub(super) fn RankRules(options: RwSignal<RankOptions>) -> impl IntoView {
    let stage_key = move || options.with(|o| o.stage.map(|s| s.key()).unwrap_or("").to_string());
    let district_key = move || options.with(|o| o.district.key().to_string());
    view! {
        <fieldset class="rank-rules" data-testid="rank-rules">
            <legend>"排名规则"</legend>
            <label>
                "排名依据的审核阶段"
                <select
                    id="rank-stage"
                    prop:value=stage_key
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        options.update(|o| o.stage = Stage::from_key(&v));
                    }
                >
                    <option value="">"全部平台都有的最新阶段（默认）"</option>
                    <option value="self">"平台自评"</option>
                    <option value="district">"区县初审"</option>
                    <option value="city">"市级评审"</option>
                </select>
            </label>
            <label>
                "区县级平台（第三十三条）"
                <select
                    id="rank-district"
                    prop:value=district_key
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        options
                            .update(|o| {
                                o.district = DistrictReading::from_key(&v).unwrap_or_default();
                            });
                    }
                >
                    <option value="pooled">
                        "计入参评总量，共用优秀名额（默认）"
                    </option>
                    <option value="separate">
                        {format!("单独确定优秀（区县级平台数的 {QUOTA_TEXT}）")}
                    </option>
                </select>
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    id="rank-strict"
                    prop:checked=move || options.with(|o| o.strict)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        options.update(|o| o.strict = on);
                    }
                />
                "从严：认定条件未核实的不占优秀名额，“原则上”条件未达到的为不合格"
            </label>
        </fieldset>
    }
}

/// One row of a year's table.
pub(super) fn row_view(
    row: &CohortRow,
    id: Option<u64>,
    source: String,
    cohort: RwSignal<CohortList>,
    district: bool,
) -> impl IntoView {
    let name = if row.name.is_empty() {
        "（未填平台名称）".to_string()
    } else {
        row.name.clone()
    };
    let remove_label = format!("移除 {name}");
    let choose_label = format!("选用此份：{name}");
    let duplicate = row.grade == SuggestedGrade::Duplicate;
    view! {
        <tr
            data-testid="cohort-row"
            data-grade=row.grade.key()
            class=format!("row-{}", row.grade.key())
        >
            <td class="c-rank">{row.rank_text()}</td>
            {district
                .then(|| {
                    view! {
                        <td class="c-rank" data-testid="cohort-district-rank">
                            {row.district_rank_text()}
                        </td>
                    }
                })}
            <td class="c-name">
                <span class="name">{name}</span>
                <span class="source">{source}</span>
            </td>
            <td class="c-district">{row.district.clone()}</td>
            <td class="c-type">{row.type_name.clone()}</td>
            <td class="c-level" data-testid="cohort-level">
                {row.level_text.clone()}
            </td>
            <td class="c-total">{fmt_decimal(row.total)}</td>
            <td
                class="c-stage"
                data-testid="cohort-stage"
                class:unreviewed=!row.reviewed()
                class:mixed=row.stage_mixed
            >
                {row.stage_text()}
            </td>
            <td class="c-cert">{row.certification.clone()}</td>
            <td class="c-grade">{grade_view(row)}</td>
            <td class="c-notes">
                <ul>
                    {row
                        .notes
                        .iter()
                        .chain(&row.uses)
                        .map(|n| view! { <li>{n.clone()}</li> })
                        .collect_view()}
                </ul>
            </td>
            <td class="c-act">
                {id
                    .map(|id| {
                        view! {
                            {duplicate
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="link"
                                            data-testid="choose-copy"
                                            aria-label=choose_label.clone()
                                            on:click=move |_| cohort.update(|c| choose(c, id))
                                        >
                                            "选用此份"
                                        </button>
                                    }
                                })}
                            <button
                                type="button"
                                class="link"
                                aria-label=remove_label.clone()
                                on:click=move |_| cohort.update(|c| c.remove(id))
                            >
                                "移除"
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
