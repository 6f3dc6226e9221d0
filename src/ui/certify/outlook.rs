//! 评估等次展望 on the 认定条件与申请表 page: the grades still open (Art. 31), what each
//! means (Art. 32), and a district-level draft's Art. 33 path.

use crate::domain::grade::{outlook_for, parse_previous, Grade};
use crate::domain::number::fmt_decimal;
use crate::domain::{Draft, Level, Report};
use leptos::prelude::*;

/// 评估等次展望: the grades still open (Art. 31), what each means (Art. 32), and for a
/// district-level draft the Art. 33 path.
#[component]
pub fn Outlook(draft: RwSignal<Draft>, report: Memo<Option<Report>>) -> impl IntoView {
    let outlook = Memo::new(move |_| draft.with(|d| outlook_for(d).ok()));
    let previous = Memo::new(move |_| draft.with(|d| d.previous_grade.clone()));
    let unreadable = move || previous.with(|p| parse_previous(p).err().map(|e| e.message));
    let level = Memo::new(move |_| draft.with(|d| d.level));
    let total = move || report.with(|r| r.as_ref().map(|r| fmt_decimal(r.total)));
    view! {
        <section class="card outlook" aria-labelledby="outlook-h">
            <h2 id="outlook-h">
                "年度评估等次展望（第三十一条至第三十三条）"
            </h2>
            <div class="grid">
                <div class="field">
                    <label for="previous-grade">"上年度评估等次"</label>
                    <select
                        id="previous-grade"
                        prop:value=move || {
                            previous
                                .with(|p| {
                                    Grade::from_key(p)
                                        .map(|g| g.key().to_string())
                                        .unwrap_or_else(|| {
                                            if p.trim().is_empty() {
                                                String::new()
                                            } else {
                                                "__typed".into()
                                            }
                                        })
                                })
                        }
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if v != "__typed" {
                                draft.update(|d| d.previous_grade = v)
                            }
                        }
                    >
                        <option value="" selected=move || previous.with(|p| p.trim().is_empty())>
                            "无（首次参评或不适用）"
                        </option>
                        {move || {
                            unreadable()
                                .map(|_| {
                                    view! {
                                        <option value="__typed" selected=true>
                                            {format!("“{}”（无法识别）", previous.get())}
                                        </option>
                                    }
                                })
                        }}
                        {Grade::ALL
                            .into_iter()
                            .map(|g| {
                                view! {
                                    <option
                                        value=g.key()
                                        selected=move || {
                                            previous.with(|p| Grade::from_key(p) == Some(g))
                                        }
                                    >
                                        {g.label_zh()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="msg" role="alert">
                        {move || unreadable().unwrap_or_default()}
                    </p>
                </div>
                <div class="field">
                    <span class="label">"评估层级"</span>
                    <span class="static">{move || level.get().label_zh()}</span>
                </div>
                <div class="field">
                    <span class="label">"本草稿总分"</span>
                    <span class="static">
                        {move || {
                            total().map(|t| format!("{t} 分")).unwrap_or_else(|| "—".into())
                        }}
                    </span>
                </div>
            </div>
            {move || {
                outlook
                    .get()
                    .map(|o| {
                        let possible = o
                            .possible
                            .iter()
                            .map(|g| g.label_zh())
                            .collect::<Vec<_>>()
                            .join("、");
                        view! {
                            <p class="outlook-summary" data-testid="outlook-summary">
                                {o.summary.clone()}
                            </p>
                            <p class="possible">"可能的等次："<strong>{possible}</strong></p>
                            <ul class="consequences" data-testid="outlook-consequences">
                                {o
                                    .consequences
                                    .iter()
                                    .map(|c| {
                                        view! {
                                            <li>
                                                <span class=format!(
                                                    "grade grade-{}",
                                                    c.grade.key(),
                                                )>{format!("若评为{}", c.grade.label_zh())}</span>
                                                <ul>
                                                    {c
                                                        .text
                                                        .iter()
                                                        .map(|t| view! { <li>{t.clone()}</li> })
                                                        .collect_view()}
                                                </ul>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            {o
                                .district_path
                                .clone()
                                .map(|p| {
                                    view! {
                                        <p class="art33" data-testid="outlook-art33">
                                            <strong>"区县级平台（第三十三条）："</strong>
                                            {p}
                                        </p>
                                    }
                                })}
                            {(o.level != Level::District)
                                .then(|| {
                                    view! {
                                        <p class="muted-line">
                                            "区县级平台自愿参加市级考评的，在“绩效评分”页把评估层级选为区县级，即显示第三十三条的认定路径。"
                                        </p>
                                    }
                                })}
                            <div class="reading">
                                <span class="tag">"本工具的解读"</span>
                                {o
                                    .notes
                                    .iter()
                                    .map(|n| view! { <p>{n.clone()}</p> })
                                    .collect_view()}
                            </div>
                        }
                    })
            }}
        </section>
    }
}
