//! 认定条件与申请表: the certification check (Arts. 10–13, 17), the grade outlook
//! (Arts. 31–33) and the 附表1 application form, on screen and as the printed A4 sheet.
//!
//! The check's inputs live in the draft (`certification`, `application`,
//! `platform.district`, `previous_grade`) and are saved with it. Values the draft already
//! holds elsewhere (the scoring inputs, the form) are offered with a button "带入", never
//! copied silently; while an input is blank, the check says which value it used instead.
//!
//! Over 600 lines: the page and its condition rows (`condition_view`, `quantity_input`)
//! read one report and one list of suggestions; 附表1, 申报材料, Art. 17 and the outlook
//! are the folder's other files.

mod application;
mod materials;
mod outlook;
mod relief;

pub use application::ApplicationSheet;

use crate::domain::districts::{self, Region, DISTRICTS};
use crate::domain::eligibility::{
    amount_text, check_certification_on, fields, read_number_in, suggestions, CertField, CertKind,
    CertificationReport, Condition, ConditionId, NoteKind, Status, Suggestion, Threshold,
    ValueSource,
};
use crate::domain::number::{fmt_decimal, fmt_grouped};
use crate::domain::{Draft, FieldPath, Report};
use crate::ui::web;
use crate::ui::{raw_text, typed};
use application::ApplicationForm;
use leptos::prelude::*;
use materials::MaterialsForm;
use outlook::Outlook;
use relief::{EstablishmentPanel, ReliefGrants};
use serde_json::Value;

/// The status as a symbol and words (colour is never the only signal).
fn status_badge(s: Status) -> (&'static str, &'static str) {
    let symbol = match s {
        Status::Met | Status::MetUnderGrant => "✓",
        Status::WithinDeadline => "◔",
        Status::Missed => "✗",
        Status::MissedWithoutGrant => "△",
        Status::DeadlineUnchecked => "?",
        Status::Unconfirmed => "○",
        Status::Blank => "—",
    };
    (symbol, s.label_zh())
}

/// One article's head and its conditions, each with the inputs it reads.
type Article = (&'static str, Vec<(ConditionId, Vec<CertField>)>);

/// The platform type's conditions, grouped by article, each with the inputs it reads.
fn layout(rubric_id: &str) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for f in fields(rubric_id) {
        let head = f.article_head;
        let cond = f.condition;
        if out.last().map(|(h, _)| *h) != Some(head) {
            out.push((head, Vec::new()));
        }
        let Some((_, conds)) = out.last_mut() else {
            continue;
        };
        match conds.iter_mut().find(|(c, _)| *c == cond) {
            Some((_, fs)) => fs.push(f),
            None => conds.push((cond, vec![f])),
        }
    }
    out
}

/// What the condition widgets read and write: the draft, the check's report and the
/// values offered for 带入.
#[derive(Clone, Copy)]
struct Check {
    draft: RwSignal<Draft>,
    report: Memo<Option<CertificationReport>>,
    offers: Memo<Vec<Suggestion>>,
}

/// The page: the check, the outlook, and 附表1. `report` is the scoring report (the
/// outlook reads its total).
#[component]
pub fn CertifyPage(draft: RwSignal<Draft>, report: Memo<Option<Report>>) -> impl IntoView {
    let scores = report;
    // Deadlines (Art. 17 达成时限, Art. 15 筹建期) are compared with the browser's date.
    let report = Memo::new(move |_| draft.with(|d| check_certification_on(d, web::today()).ok()));
    let offers = Memo::new(move |_| draft.with(suggestions));
    let check = Check {
        draft,
        report,
        offers,
    };
    // Rebuild the inputs only when the platform type changes, never on a keystroke.
    let rubric_id = Memo::new(move |_| draft.with(|d| d.rubric.clone()));

    let overall = move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                let counts = [
                    (Status::Met, "已满足"),
                    (Status::MetUnderGrant, "按批准标准满足"),
                    (Status::WithinDeadline, "在达成时限内"),
                    (Status::Missed, "未达标"),
                    (Status::MissedWithoutGrant, "未达标且未记录批准"),
                    (Status::DeadlineUnchecked, "时限未核对"),
                    (Status::Blank, "未填"),
                    (Status::Unconfirmed, "未确认"),
                ]
                .iter()
                .filter_map(|(s, l)| {
                    let n = r.count(*s);
                    (n > 0).then(|| format!("{l} {n} 项"))
                })
                .collect::<Vec<_>>()
                .join(" · ");
                (r.overall, r.summary.clone(), counts)
            })
        })
    };

    view! {
        <section class="card certify" aria-labelledby="certify-h">
            <h2 id="certify-h">"认定条件检查"</h2>
            <p class="lead">
                {move || {
                    report
                        .with(|r| {
                            r.as_ref()
                                .map(|r| {
                                    format!(
                                        "对照{}的认定条件（{}）逐项检查。",
                                        r.platform_type,
                                        r.articles,
                                    )
                                })
                        })
                }}
                "平台类型与评估层级在“绩效评分”页选择；这里填写的内容随草稿自动保存。"
            </p>
            {move || {
                overall()
                    .map(|(o, summary, counts)| {
                        view! {
                            <div
                                class=format!("verdict overall-{}", o.key())
                                data-testid="cert-overall"
                                role="status"
                                aria-live="polite"
                            >
                                <strong>{o.label_zh()}</strong>
                                <span class="summary-text">{summary}</span>
                                <span class="counts">{counts}</span>
                            </div>
                        }
                    })
            }}
            <DistrictPicker draft=draft />
            {move || {
                report
                    .with(|r| {
                        r.as_ref()
                            .map(|r| {
                                let warnings = r.warnings.clone();
                                let notes: Vec<String> = r
                                    .notes
                                    .iter()
                                    .filter(|n| n.kind != NoteKind::District)
                                    .map(|n| n.text.clone())
                                    .collect();
                                // The district's note is shown next to the selector.
                                view! {
                                    {(!warnings.is_empty())
                                        .then(|| {
                                            view! {
                                                <ul class="warnings" data-testid="cert-warnings">
                                                    {warnings
                                                        .into_iter()
                                                        .map(|w| view! { <li>{w}</li> })
                                                        .collect_view()}
                                                </ul>
                                            }
                                        })}
                                    <div class="reading notes">
                                        <span class="tag">"本工具的解读"</span>
                                        <ul>
                                            {notes
                                                .into_iter()
                                                .map(|n| view! { <li>{n}</li> })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })
                    })
            }}
            {move || {
                let id = rubric_id.get();
                layout(&id)
                    .into_iter()
                    .map(|(head, conds)| {
                        let title = if crate::domain::eligibility::is_basic(head) {
                            format!("基本条件（{head}）")
                        } else {
                            let t = crate::domain::eligibility::platform_type(&id)
                                .unwrap_or("本类型平台");
                            format!("{t}还应具备的条件（{head}）")
                        };
                        view! {
                            <h3 class="cond-group">{title}</h3>
                            <div class="conds">
                                {conds
                                    .into_iter()
                                    .map(|(cid, fs)| condition_view(check, cid, fs))
                                    .collect_view()}
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <ReliefGrants draft=draft report=report />
            <EstablishmentPanel draft=draft report=report />
        </section>
        <Outlook draft=draft report=scores />
        <ApplicationForm draft=draft />
        <MaterialsForm draft=draft />
    }
}

/// 所在区县: a select of every 区县 by region, writing the same field as the 评分 page's
/// 所在区县 input (draft.platform.district).
#[component]
fn DistrictPicker(draft: RwSignal<Draft>) -> impl IntoView {
    let text = Memo::new(move |_| draft.with(|d| d.platform.district.clone()));
    let matched = Memo::new(move |_| text.with(|t| districts::find(t).map(|d| d.name)));
    let value = move || match matched.get() {
        Some(n) => n.to_string(),
        None if text.with(|t| t.trim().is_empty()) => String::new(),
        None => "__typed".to_string(),
    };
    let group = move |region: Region, label: &'static str| {
        view! {
            <optgroup label=label>
                {DISTRICTS
                    .iter()
                    .filter(|d| d.region == region)
                    .map(|d| {
                        let name = d.name;
                        view! {
                            <option value=name selected=move || matched.get() == Some(name)>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </optgroup>
        }
    };
    let region_text = move || {
        match (matched.get(), text.with(|t| t.trim().is_empty())) {
        (_, true) => "未选择所在区县：位于渝东北、渝东南的平台，量化条件可申请适当降低标准或设置达成时限（第十七条），获批准后在下方记录。".to_string(),
        (None, false) => format!("“{}”未能识别为重庆市的区县，未适用第十七条；请从列表中选择。", text.get()),
        (Some(n), false) => match districts::region(n) {
            Some(r) if r.relief() => format!(
                "{n}属{}地区：{}",
                r.label_zh(),
                "量化条件可申请适当降低标准或设置达成时限（第十七条）；是否降低、降低多少由市人力社保局确定，\
                 获批准后在下方“降低标准或设置达成时限”中记录。未记录批准的未达标项仍为未达标。"
            ),
            Some(r) => format!("{n}属{}，不适用第十七条的降低标准。", r.label_zh()),
            None => String::new(),
        },
    }
    };
    view! {
        <div class="district-row">
            <div class="field">
                <label for="cert-district">
                    "所在区县（与“绩效评分”页的所在区县为同一项）"
                </label>
                <select
                    id="cert-district"
                    prop:value=value
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v != "__typed" {
                            draft.update(|d| d.platform.district = v)
                        }
                    }
                >
                    <option value="" selected=move || text.with(|t| t.trim().is_empty())>
                        "请选择"
                    </option>
                    {move || {
                        (matched.get().is_none() && !text.with(|t| t.trim().is_empty()))
                            .then(|| {
                                view! {
                                    <option value="__typed" selected=true>
                                        {format!("“{}”（未识别）", text.get())}
                                    </option>
                                }
                            })
                    }}
                    {group(
                        Region::MainUrban,
                        "主城都市区（含两江新区、重庆高新区、万盛经开区）",
                    )}
                    {group(Region::Northeast, "渝东北（可适用第十七条）")}
                    {group(Region::Southeast, "渝东南（可适用第十七条）")}
                </select>
            </div>
            <p
                class="region"
                data-testid="cert-region"
                class:relief=move || matched.get().is_some_and(districts::relief_applies)
            >
                {region_text}
            </p>
        </div>
    }
}

fn condition_view(check: Check, cid: ConditionId, fs: Vec<CertField>) -> impl IntoView {
    let report = check.report;
    let cond = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.get(cid).cloned())));
    let status = move || cond.with(|c| c.as_ref().map(|c| c.status).unwrap_or(Status::Blank));
    let article = move || cond.with(|c| c.as_ref().map(|c| c.article.clone()).unwrap_or_default());
    let description = move || {
        cond.with(|c| {
            c.as_ref()
                .map(|c| c.description.clone())
                .unwrap_or_default()
        })
    };
    let confirm = fs.iter().all(|f| f.kind == CertKind::Confirm);
    let alternatives = cid == ConditionId::ServiceEffect;
    let head = view! {
        <div class="cond-head">
            <span class="article">{article}</span>
            {(!confirm).then(|| view! { <span class="desc">{description}</span> })}
            {move || {
                let (sym, label) = status_badge(status());
                view! {
                    <span class="status" data-testid=format!("status-{cid}")>
                        <span aria-hidden="true">{sym}" "</span>
                        {label}
                    </span>
                }
            }}
        </div>
    };
    let facts = move || {
        cond.get().map(|c| {
            let need = match (&c.threshold, c.id) {
                (Some(t), _) => Some(format!("要求：{}", t.text())),
                (None, ConditionId::ServiceEffect) => {
                    Some("要求：以下两项满足其一即可".to_string())
                }
                _ => None,
            };
            let line = match c.status {
                Status::Missed
                | Status::MissedWithoutGrant
                | Status::MetUnderGrant
                | Status::WithinDeadline
                | Status::DeadlineUnchecked => Some(c.status_text()),
                Status::Blank if c.shortfall.is_some() => Some(c.status_text()),
                _ => None,
            };
            view! {
                {need.map(|n| view! { <p class="need">{n}</p> })}
                {c.alternatives.is_empty().then(|| value_line(&c))}
                {line
                    .map(|l| {
                        view! {
                            <p class="shortfall" data-testid=format!("shortfall-{}", c.id)>
                                {l}
                            </p>
                        }
                    })}
            }
        })
    };
    let reading = move || {
        cond.with(|c| c.as_ref().and_then(|c| c.reading.clone()))
            .map(|t| {
                view! {
                    <p class="reading">
                        <span class="tag">"本工具的解读"</span>
                        {t}
                    </p>
                }
            })
    };
    let body = if confirm {
        fs.into_iter()
            .map(|f| {
                let key = f.key;
                let id = format!("cert-{key}");
                let for_id = id.clone();
                view! {
                    <label class="confirm" for=for_id>
                        <input
                            type="checkbox"
                            id=id
                            prop:checked=move || {
                                check.draft.with(|d| d.certification.confirmed(key))
                            }
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                check
                                    .draft
                                    .update(|d| {
                                        d.certification.set_confirmed(key, on);
                                    });
                            }
                        />
                        <span>
                            {move || {
                                let d = description();
                                if d.is_empty() { f.label.to_string() } else { d }
                            }}
                        </span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    } else if alternatives {
        let n = fs.len();
        let alts = fs
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let key = f.key;
                let row = f.row;
                let alt = Memo::new(move |_| {
                    cond.with(|c| {
                        c.as_ref()
                            .and_then(|c| c.alternatives.iter().find(|a| a.id == row).cloned())
                    })
                });
                view! {
                    <div
                        data-testid=format!("alt-{key}")
                        class=move || {
                            format!(
                                "alt status-{}",
                                alt.with(|a| a.as_ref().map(|a| a.status.key()).unwrap_or("blank")),
                            )
                        }
                    >
                        <div class="cond-body">
                            <div class="cond-inputs">{quantity_input(check, f)}</div>
                            <div class="cond-facts">
                                {move || {
                                    alt.get()
                                        .map(|a| {
                                            view! {
                                                <p class="need">
                                                    "要求："{a.threshold.as_ref().map(Threshold::text)} " "
                                                    <span class="alt-status">{status_badge(a.status).1}</span>
                                                </p>
                                                {value_line(&a)}
                                                {a
                                                    .shortfall
                                                    .clone()
                                                    .map(|s| view! { <p class="shortfall">{s}</p> })}
                                            }
                                        })
                                }}
                            </div>
                        </div>
                    </div>
                    {(i + 1 < n)
                        .then(|| {
                            view! {
                                <div class="or" aria-hidden="true">
                                    "或"
                                </div>
                            }
                        })}
                }
            })
            .collect_view();
        view! {
            {facts}
            {alts}
        }
        .into_any()
    } else {
        view! {
            <div class="cond-body">
                <div class="cond-inputs">
                    {fs.into_iter().map(|f| quantity_input(check, f)).collect_view()}
                </div>
                <div class="cond-facts">{facts}</div>
            </div>
        }
        .into_any()
    };
    view! {
        <article
            class=move || format!("cond status-{}", status().key())
            data-testid=format!("cond-{cid}")
        >
            {head}
            {body}
            {reading}
        </article>
    }
}

/// "按 12,850.5 平方米判断（评分表 4.1 产业园面积）".
fn value_line(c: &Condition) -> Option<impl IntoView> {
    let v = c.value?;
    let unit = c.threshold.as_ref().map(|t| t.unit.as_str()).unwrap_or("");
    let src = c
        .source
        .as_ref()
        .map(ValueSource::short_zh)
        .unwrap_or_default();
    let entered = matches!(c.source, Some(ValueSource::Entered));
    Some(view! {
        <p class="value" class:fallback=!entered>
            {format!("按 {}判断", amount_text(v, unit))}
            {(!src.is_empty())
                .then(|| {
                    format!(
                        "（{}{}）",
                        if entered { "" } else { "未填写本项，取自" },
                        src,
                    )
                })}
        </p>
    })
}

fn quantity_input(check: Check, f: CertField) -> impl IntoView {
    let Check {
        draft,
        report,
        offers,
    } = check;
    let key = f.key;
    let id = format!("cert-{key}");
    let err_id = format!("{id}-err");
    let offer_id = format!("{id}-offer");
    let raw = move || draft.with(|d| d.certification.raw(key).map(raw_text).unwrap_or_default());
    let error = move || {
        report.with(|r| {
            r.as_ref().and_then(|r| {
                r.errors
                    .iter()
                    .find(|e| e.path == FieldPath::Certification(key))
                    .map(|e| e.message.clone())
            })
        })
    };
    let mine = Memo::new(move |_| {
        offers.with(|o| {
            o.iter()
                .filter(|s| s.field == key)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let placeholder = move || {
        mine.with(|m| match m.iter().find(|s| s.fallback) {
            Some(s) => format!("未填 · 可带入 {}", fmt_grouped(s.value)),
            None => "未填".to_string(),
        })
    };
    let entered = move || {
        draft.with(|d| {
            d.certification
                .raw(key)
                .and_then(|v| read_number_in(v, f.kind, f.unit).ok())
        })
    };
    let inputmode = if f.kind == CertKind::Count {
        "numeric"
    } else {
        "decimal"
    };
    let set = move |v: Option<Value>| {
        draft.update(|d| {
            d.certification.set_raw(key, v);
        })
    };
    view! {
        <div class="field num" class:invalid=move || error().is_some()>
            <label for=id.clone()>{f.label}</label>
            <div class="with-unit">
                <input
                    id=id
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    placeholder=placeholder
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=format!("{err_id} {offer_id}")
                    prop:value=raw
                    on:input=move |ev| set(typed(event_target_value(&ev)))
                />
                <span class="unit">{f.unit}</span>
            </div>
            <p class="msg" id=err_id role="alert">
                {move || error().unwrap_or_default()}
            </p>
            <div class="offers" id=offer_id>
                {move || {
                    mine.get()
                        .into_iter()
                        .map(|s| {
                            let same = entered() == Some(s.value);
                            let v = fmt_decimal(s.value);
                            let what = format!(
                                "{}：{}",
                                s.source.short_zh(),
                                amount_text(s.value, &s.unit),
                            );
                            let title = format!("带入{what}");
                            view! {
                                <p class="offer" data-testid=format!("offer-{key}")>
                                    {if same {
                                        view! { <span class="same">"✓ 已带入"</span> }
                                            .into_any()
                                    } else {
                                        view! {
                                            <button
                                                type="button"
                                                class="offer-btn"
                                                title=title
                                                on:click=move |_| set(Some(Value::String(v.clone())))
                                            >
                                                "带入"
                                            </button>
                                        }
                                            .into_any()
                                    }}
                                    <span>{what}</span>
                                    {s
                                        .caveat
                                        .clone()
                                        .map(|c| view! { <span class="caveat">{c}</span> })}
                                </p>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </div>
    }
}
