//! 第十七条 批准记录 and 第十五条 筹建 on the certification page (issue 14).
//!
//! Art. 17 relief is a recorded decision, not a standing exemption: a platform in
//! 渝东北/渝东南 records what the bureau granted (the condition, the lowered threshold or the
//! 达成时限, the document number) and the check follows it. The date the deadlines are
//! compared with is the browser's (`web::today`), passed into the domain.

use crate::domain::eligibility::{
    conditions_for, CertificationReport, ReliefGrant, Status, ESTABLISHMENT_STATUSES,
};
use crate::domain::Draft;
use crate::ui::web;
use leptos::prelude::*;
use serde_json::Value;

/// The conditions a grant may name for a platform type: the quantitative rows with a
/// threshold (each half of an "或" on its own), as (key, label, unit).
fn grantable(rubric: &str) -> Vec<(&'static str, String, &'static str)> {
    conditions_for(rubric)
        .filter(|c| c.relief)
        .filter_map(|c| {
            c.threshold()
                .map(|t| (c.id.key(), format!("{} {}", c.article, c.wording), t.unit))
        })
        .collect()
}

/// The messages of a grant's fields (`certification.relief[i].…`).
fn grant_errors(report: &Option<CertificationReport>, i: usize) -> Vec<String> {
    let prefix = format!("certification.relief[{i}].");
    report
        .as_ref()
        .map(|r| {
            r.errors
                .iter()
                .filter(|e| e.path.field().is_some_and(|f| f.starts_with(&prefix)))
                .map(|e| e.message.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// What the check made of grant `i`: the status of the condition it names, in words.
fn grant_outcome(report: &Option<CertificationReport>, i: usize) -> Option<(Status, String)> {
    let r = report.as_ref()?;
    r.conditions
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.alternatives.iter()))
        .find(|c| c.grant.as_ref().is_some_and(|g| g.index == i))
        .map(|c| (c.status, c.status_text()))
}

/// 第十七条: the grants recorded for this draft, editable.
#[component]
pub fn ReliefGrants(
    draft: RwSignal<Draft>,
    report: Memo<Option<CertificationReport>>,
) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| d.certification.relief.len()));
    let region = Memo::new(move |_| report.with(|r| r.as_ref().is_some_and(|r| r.relief_region)));
    let rubric = Memo::new(move |_| draft.with(|d| d.rubric.clone()));
    let add = move |_| {
        draft.update(|d| d.certification.relief.push(ReliefGrant::default()));
    };
    let rows = move || {
        let options = grantable(&rubric.get());
        (0..count.get())
            .map(|i| grant_row(draft, report, i, options.clone()))
            .collect_view()
    };
    view! {
        <div class="relief-grants" data-testid="relief-grants">
            <h3 class="cond-group">"降低标准或设置达成时限（第十七条）"</h3>
            <p class="lead">
                "渝东北、渝东南地区申报认定市级平台的，可在平台面积、入驻企业、营业收入规模等量化指标方面适当降低标准或设置达成时限。"
                "这由市人力社保局在认定时决定：请在此记录批准的内容和文号，检查按批准的标准或时限进行；未记录批准的未达标项仍为未达标（待核实）。"
            </p>
            {move || {
                (!region.get())
                    .then(|| {
                        view! {
                            <p class="note" data-testid="relief-not-open">
                                "所在区县不属渝东北、渝东南地区（或未填写）：第十七条不适用，已记录的批准不计入检查。"
                            </p>
                        }
                    })
            }}
            <ol class="grants">{rows}</ol>
            <button type="button" class="small" data-testid="relief-add" on:click=add>
                "＋ 记录一项批准"
            </button>
        </div>
    }
}

fn grant_row(
    draft: RwSignal<Draft>,
    report: Memo<Option<CertificationReport>>,
    i: usize,
    options: Vec<(&'static str, String, &'static str)>,
) -> impl IntoView {
    let get = move |f: fn(&ReliefGrant) -> String| {
        move || draft.with(|d| d.certification.relief.get(i).map(f).unwrap_or_default())
    };
    let set = move |f: fn(&mut ReliefGrant, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            draft.update(|d| {
                if let Some(g) = d.certification.relief.get_mut(i) {
                    f(g, v);
                }
            });
        }
    };
    let unit_options = options.clone();
    let unit = move || {
        let key = draft.with(|d| {
            d.certification
                .relief
                .get(i)
                .map(|g| g.condition.clone())
                .unwrap_or_default()
        });
        unit_options
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, u)| *u)
            .unwrap_or("")
    };
    let remove = move |_| {
        draft.update(|d| {
            if i < d.certification.relief.len() {
                d.certification.relief.remove(i);
            }
        })
    };
    let errors = move || report.with(|r| grant_errors(r, i));
    let outcome = move || report.with(|r| grant_outcome(r, i));
    let id = |f: &str| format!("grant-{i}-{f}");
    view! {
        <li class="grant" data-testid=format!("grant-{i}")>
            <div class="field wide">
                <label for=id("condition")>"条件"</label>
                <select
                    id=id("condition")
                    data-testid=format!("grant-{i}-condition")
                    prop:value=get(|g| g.condition.clone())
                    on:change=set(|g, v| g.condition = v)
                >
                    <option value="">"（选择条件）"</option>
                    {options
                        .into_iter()
                        .map(|(k, label, _)| {
                            let chosen = move || {
                                draft
                                    .with(|d| {
                                        d.certification
                                            .relief
                                            .get(i)
                                            .is_some_and(|g| g.condition == k)
                                    })
                            };
                            view! {
                                <option value=k selected=chosen>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field num">
                <label for=id("threshold")>"降低后的标准"</label>
                <div class="with-unit">
                    <input
                        id=id("threshold")
                        data-testid=format!("grant-{i}-threshold")
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        placeholder="未降低则留空"
                        prop:value=get(|g| crate::ui::raw_text(&g.threshold))
                        on:input=set(|g, v| {
                            g.threshold = if v.trim().is_empty() {
                                Value::Null
                            } else {
                                Value::String(v)
                            };
                        })
                    />
                    <span class="unit">{unit}</span>
                </div>
            </div>
            <div class="field">
                <label for=id("deadline")>"达成时限"</label>
                <input
                    id=id("deadline")
                    data-testid=format!("grant-{i}-deadline")
                    type="date"
                    prop:value=get(|g| g.deadline.clone())
                    on:input=set(|g, v| g.deadline = v)
                />
            </div>
            <div class="field">
                <label for=id("document")>"批准文号"</label>
                <input
                    id=id("document")
                    data-testid=format!("grant-{i}-document")
                    type="text"
                    autocomplete="off"
                    placeholder="如 渝人社〔2026〕12号"
                    prop:value=get(|g| g.document.clone())
                    on:input=set(|g, v| g.document = v)
                />
            </div>
            <button
                type="button"
                class="small"
                aria-label=format!("删除第 {} 项批准记录", i + 1)
                on:click=remove
            >
                "删除"
            </button>
            <p class="msg" role="alert" data-testid=format!("grant-{i}-error")>
                {move || errors().join("；")}
            </p>
            {move || {
                outcome()
                    .map(|(status, text)| {
                        view! {
                            <p
                                class="grant-outcome"
                                class:bad=status == Status::Missed
                                class:pending=matches!(
                                    status,
                                    Status::WithinDeadline | Status::DeadlineUnchecked
                                )
                                data-testid=format!("grant-{i}-outcome")
                            >
                                {text}
                            </p>
                        }
                    })
            }}
        </li>
    }
}

/// 第十五条 筹建: the status, the approval date, and the check's summary.
#[component]
pub fn EstablishmentPanel(
    draft: RwSignal<Draft>,
    report: Memo<Option<CertificationReport>>,
) -> impl IntoView {
    let status = move || draft.with(|d| d.certification.establishment.status.clone());
    let approved = move || draft.with(|d| d.certification.establishment.approved.clone());
    let summary = move || {
        report.with(|r| {
            r.as_ref().and_then(|r| {
                r.establishment.as_ref().map(|e| {
                    let missing: Vec<String> = e
                        .missing
                        .iter()
                        .filter_map(|id| r.get(*id))
                        .map(|c| format!("{} {}", c.article, c.description))
                        .collect();
                    (e.summary.clone(), e.expired, missing)
                })
            })
        })
    };
    let error = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.errors
                        .iter()
                        .filter(|e| {
                            e.path
                                .field()
                                .is_some_and(|f| f.starts_with("certification.establishment"))
                        })
                        .map(|e| e.message.clone())
                        .collect::<Vec<_>>()
                        .join("；")
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="establishment" data-testid="establishment">
            <h3 class="cond-group">"先行批准筹建（第十五条）"</h3>
            <p class="lead">
                "基于服务重大战略、规划、项目，需要紧急批建市级平台的，经市人力社保局同意，可以先行批准筹建，待建成验收通过后纳入市级平台管理。原则上，筹建期最长一年，期满验收未通过，取消筹建资格。"
            </p>
            <div class="app-grid">
                <div class="field">
                    <label for="est-status">"平台状态"</label>
                    <select
                        id="est-status"
                        data-testid="est-status"
                        prop:value=move || {
                            let s = status();
                            if s.trim().is_empty() { "operating".to_string() } else { s }
                        }
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            draft
                                .update(|d| {
                                    d.certification.establishment.status = if v == "operating" {
                                        String::new()
                                    } else {
                                        v
                                    };
                                })
                        }
                    >
                        {ESTABLISHMENT_STATUSES
                            .iter()
                            .map(|(k, l)| {
                                let k = *k;
                                let chosen = move || {
                                    draft
                                        .with(|d| {
                                            let s = d.certification.establishment.status.trim();
                                            s == k || (s.is_empty() && k == "operating")
                                        })
                                };
                                view! {
                                    <option value=k selected=chosen>
                                        {*l}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="est-approved">"批准筹建日期"</label>
                    <input
                        id="est-approved"
                        data-testid="est-approved"
                        type="date"
                        prop:value=approved
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| d.certification.establishment.approved = v)
                        }
                    />
                </div>
            </div>
            <p class="msg" role="alert">
                {error}
            </p>
            {move || {
                summary()
                    .map(|(text, expired, missing)| {
                        view! {
                            <div class="verdict" class:bad=expired data-testid="est-summary">
                                <span class="summary-text">{text}</span>
                                {(!missing.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="missing">
                                                {missing
                                                    .into_iter()
                                                    .map(|m| view! { <li>{m}</li> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
            <p class="note">{move || format!("按本机日期 {} 计算。", web::today())}</p>
        </div>
    }
}
