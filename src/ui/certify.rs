//! 认定条件与申请表: the certification check (Arts. 10–13, 17), the grade outlook
//! (Arts. 31–33) and the 附表1 application form, on screen and as the printed A4 sheet.
//!
//! The check's inputs live in the draft (`certification`, `application`,
//! `platform.district`, `previous_grade`) and are saved with it. Values the draft already
//! holds elsewhere (the scoring inputs, the form) are offered with a button "带入", never
//! copied silently; while an input is blank, the check says which value it used instead.

use super::materials::{MaterialsForm, MaterialsSheet};
use super::raw_text;
use super::relief::{EstablishmentPanel, ReliefGrants};
use super::state::{Printer, Sheet};
use super::web;
use crate::domain::application::{
    parse_date, prefill, Application, CARRIERS, CONSTRUCTIONS, NATURES, OPERATIONS, SERVICES,
};
use crate::domain::districts::{self, Region, DISTRICTS};
use crate::domain::eligibility::{
    amount_text, check_certification_on, fields, read_number, suggestions, CertField, CertKind,
    CertificationReport, Condition, ConditionId, NoteKind, Status, Suggestion, Threshold,
    ValueSource,
};
use crate::domain::grade::{outlook_for, parse_previous, Grade};
use crate::domain::number::{fmt_decimal, fmt_grouped};
use crate::domain::{check_application, ApplicationCheck, Draft, FieldPath, Level, Report};
use leptos::prelude::*;
use serde_json::Value;

/// A stored text input: `None` when blank, so that blank stays blank (not "").
fn typed(v: String) -> Option<Value> {
    (!v.trim().is_empty()).then_some(Value::String(v))
}

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

/// The platform type's conditions, grouped by article, each with the inputs it reads.
fn layout(rubric_id: &str) -> Vec<(&'static str, Vec<(ConditionId, Vec<CertField>)>)> {
    let mut out: Vec<(&'static str, Vec<(ConditionId, Vec<CertField>)>)> = Vec::new();
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
                        let title = if head == "第十条" {
                            "基本条件（第十条）".to_string()
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
                .and_then(|v| read_number(v, f.kind).ok())
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

/// 评估等次展望: the grades still open (Art. 31), what each means (Art. 32), and for a
/// district-level draft the Art. 33 path.
#[component]
fn Outlook(draft: RwSignal<Draft>, report: Memo<Option<Report>>) -> impl IntoView {
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

/// The 附表1 fields of one kind of choice (平台性质, 载体性质, …) as radio buttons.
#[component]
fn ChoiceGroup(
    draft: RwSignal<Draft>,
    check: Memo<ApplicationCheck>,
    /// The field's key in `application` (also the radio group's name).
    name: &'static str,
    legend: &'static str,
    options: &'static [(&'static str, &'static str)],
    get: fn(&Draft) -> String,
    set: fn(&mut Application, String),
) -> impl IntoView {
    let error = move || field_message(check, name);
    view! {
        <fieldset class="field choices" class:invalid=move || error().is_some()>
            <legend>{legend}</legend>
            <div class="choice-row">
                {options
                    .iter()
                    .map(|(k, l)| {
                        let id = format!("app-{name}-{k}");
                        let for_id = id.clone();
                        let k = *k;
                        view! {
                            <label class="choice" for=for_id>
                                <input
                                    type="radio"
                                    id=id
                                    name=format!("app-{name}")
                                    value=k
                                    prop:checked=move || draft.with(|d| get(d) == k)
                                    on:change=move |_| {
                                        draft.update(|d| set(&mut d.application, k.to_string()))
                                    }
                                />
                                {*l}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="msg" role="alert">
                {error}
            </p>
        </fieldset>
    }
}

/// The first error, else the first warning, about one 附表1 field.
fn field_message(check: Memo<ApplicationCheck>, key: &str) -> Option<String> {
    check.with(|c| {
        c.errors
            .iter()
            .chain(c.warnings.iter())
            .find(|e| matches!(e.path, FieldPath::Application(k) if k == key))
            .map(|e| e.message.clone())
    })
}

#[derive(Clone, Copy)]
enum AppField {
    Text(fn(&Application) -> &String, fn(&mut Application, String)),
    Number(fn(&Application) -> &Value, fn(&mut Application, Value)),
}

/// One text or number field of 附表1, with its unit and its message.
#[component]
fn AppInput(
    draft: RwSignal<Draft>,
    check: Memo<ApplicationCheck>,
    /// The field's key in `application`.
    key: &'static str,
    label: &'static str,
    #[prop(optional)] unit: &'static str,
    field: AppField,
    placeholder: Signal<String>,
) -> impl IntoView {
    let id = format!("app-{key}");
    let err_id = format!("{id}-err");
    let error = move || field_message(check, key);
    let value = move || {
        draft.with(|d| match field {
            AppField::Text(get, _) => get(&d.application).clone(),
            AppField::Number(get, _) => raw_text(get(&d.application)),
        })
    };
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        draft.update(|d| match field {
            AppField::Text(_, set) => set(&mut d.application, v),
            AppField::Number(_, set) => set(&mut d.application, typed(v).unwrap_or(Value::Null)),
        })
    };
    let (kind, mode) = match (key, field) {
        ("phone", _) => ("tel", "tel"),
        (_, AppField::Number(..)) => ("text", "decimal"),
        _ => ("text", "text"),
    };
    let wide = matches!(key, "name" | "address" | "applicant");
    view! {
        <div
            class="field"
            class:num=matches!(field, AppField::Number(..))
            class:wide=wide
            class:invalid=move || error().is_some()
        >
            <label for=id.clone()>{label}</label>
            <div class="with-unit">
                <input
                    id=id
                    type=kind
                    inputmode=mode
                    autocomplete="off"
                    placeholder=move || placeholder.get()
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=err_id.clone()
                    prop:value=value
                    on:input=on_input
                />
                {(!unit.is_empty()).then(|| view! { <span class="unit">{unit}</span> })}
            </div>
            <p class="msg" id=err_id role="alert">
                {error}
            </p>
        </div>
    }
}

/// 附表1 on screen: every field of the official form, kept in the draft.
#[component]
fn ApplicationForm(draft: RwSignal<Draft>) -> impl IntoView {
    let printer = expect_context::<Printer>();
    let check = Memo::new(move |_| draft.with(check_application));
    let fixed = |s: &'static str| Signal::derive(move || s.to_string());
    let name_hint = Signal::derive(move || {
        draft.with(|d| {
            let n = d.platform.name.trim();
            if n.is_empty() {
                "平台全称".to_string()
            } else {
                format!("留空则用：{n}")
            }
        })
    });
    let cert_hint = move |key: &'static str| {
        Signal::derive(move || {
            draft.with(|d| match d.certification.raw(key) {
                Some(v) => format!("留空则用认定条件中的 {}", raw_text(v)),
                None => "未填".to_string(),
            })
        })
    };
    let services = move || draft.with(|d| d.application.services.clone());
    let missing = move || check.with(|c| c.missing.clone());
    view! {
        <section class="card application" aria-labelledby="app-h">
            <h2 id="app-h">"附表1 认定申请表"</h2>
            <p class="lead">
                "《重庆市市级人力资源服务发展平台认定申请表》（第十四条（一）1），由平台所在地区县（自治县）人民政府随申报材料提交。填写内容随草稿保存；打印时按官方表样排版，意见栏留空供盖章签批。"
            </p>
            <div class="app-grid">
                <AppInput
                    draft=draft
                    check=check
                    key="applicant"
                    label="申报单位（盖章）"
                    field=AppField::Text(|a| &a.applicant, |a, v| a.applicant = v)
                    placeholder=fixed("申报单位全称")
                />
                <div class="field">
                    <label for="app-date">"填报日期"</label>
                    <div class="with-unit">
                        <input
                            id="app-date"
                            type="text"
                            autocomplete="off"
                            placeholder="如 2025年3月24日"
                            aria-describedby="app-date-err"
                            prop:value=move || draft.with(|d| d.application.date.clone())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                draft.update(|d| d.application.date = v)
                            }
                        />
                        <button
                            type="button"
                            class="small"
                            on:click=move |_| draft.update(|d| d.application.date = web::today_zh())
                        >
                            "今天"
                        </button>
                    </div>
                    <p class="msg" id="app-date-err" role="alert">
                        {move || field_message(check, "date")}
                    </p>
                </div>
                <AppInput
                    draft=draft
                    check=check
                    key="name"
                    label="平台名称"
                    field=AppField::Text(|a| &a.name, |a, v| a.name = v)
                    placeholder=name_hint
                />
                <AppInput
                    draft=draft
                    check=check
                    key="address"
                    label="平台地址"
                    field=AppField::Text(|a| &a.address, |a, v| a.address = v)
                    placeholder=fixed("详细地址")
                />
                <ChoiceGroup
                    draft=draft
                    check=check
                    name="nature"
                    legend="平台性质"
                    options=&NATURES
                    get=|d| d.application.nature_or(&d.rubric).to_string()
                    set=|a, v| a.nature = v
                />
                <ChoiceGroup
                    draft=draft
                    check=check
                    name="carrier"
                    legend="载体性质"
                    options=&CARRIERS
                    get=|d| d.application.carrier.clone()
                    set=|a, v| a.carrier = v
                />
                <AppInput
                    draft=draft
                    check=check
                    key="contact"
                    label="负责人（联系人）"
                    field=AppField::Text(|a| &a.contact, |a, v| a.contact = v)
                    placeholder=fixed("姓名")
                />
                <AppInput
                    draft=draft
                    check=check
                    key="phone"
                    label="联系电话"
                    field=AppField::Text(|a| &a.phone, |a, v| a.phone = v)
                    placeholder=fixed("如 023-63861234")
                />
            </div>
            <h3 class="sub-h">"线下场所"</h3>
            <div class="app-grid">
                <AppInput
                    draft=draft
                    check=check
                    key="area_sqm"
                    label="场所面积"
                    unit="㎡"
                    field=AppField::Number(|a| &a.area_sqm, |a, v| a.area_sqm = v)
                    placeholder=cert_hint("area_sqm")
                />
                <AppInput
                    draft=draft
                    check=check
                    key="sites"
                    label="场所个数"
                    unit="个"
                    field=AppField::Number(|a| &a.sites, |a, v| a.sites = v)
                    placeholder=cert_hint("sites")
                />
                <ChoiceGroup
                    draft=draft
                    check=check
                    name="construction"
                    legend="建设方式"
                    options=&CONSTRUCTIONS
                    get=|d| d.application.construction.clone()
                    set=|a, v| a.construction = v
                />
                <AppInput
                    draft=draft
                    check=check
                    key="investment_wan"
                    label="投入资金"
                    unit="万元"
                    field=AppField::Number(|a| &a.investment_wan, |a, v| a.investment_wan = v)
                    placeholder=fixed("未填")
                />
                <ChoiceGroup
                    draft=draft
                    check=check
                    name="operation"
                    legend="运营方式"
                    options=&OPERATIONS
                    get=|d| d.application.operation.clone()
                    set=|a, v| a.operation = v
                />
                <AppInput
                    draft=draft
                    check=check
                    key="team_size"
                    label="运营团队人数"
                    unit="人"
                    field=AppField::Number(|a| &a.team_size, |a, v| a.team_size = v)
                    placeholder=fixed("未填")
                />
            </div>
            <fieldset
                class="field services"
                class:invalid=move || field_message(check, "services").is_some()
            >
                <legend>"平台可为入驻企业提供的服务（选择打√）"</legend>
                <div class="choice-row">
                    {SERVICES
                        .iter()
                        .map(|(k, l)| {
                            let id = format!("app-service-{k}");
                            let for_id = id.clone();
                            let k = *k;
                            view! {
                                <label class="choice" for=for_id>
                                    <input
                                        type="checkbox"
                                        id=id
                                        prop:checked=move || services().iter().any(|s| s == k)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            draft
                                                .update(|d| {
                                                    let list = &mut d.application.services;
                                                    list.retain(|s| s != k);
                                                    if on {
                                                        list.push(k.to_string());
                                                        list.sort_by_key(|s| {
                                                            SERVICES
                                                                .iter()
                                                                .position(|(x, _)| x == s)
                                                                .unwrap_or(usize::MAX)
                                                        });
                                                    }
                                                })
                                        }
                                    />
                                    {*l}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <p class="msg" role="alert">
                    {move || field_message(check, "services")}
                </p>
                <div
                    class="field other"
                    class:invalid=move || field_message(check, "other_services").is_some()
                >
                    <label for="app-other-services">"其他服务（请写明）"</label>
                    <input
                        id="app-other-services"
                        type="text"
                        autocomplete="off"
                        aria-describedby="app-other-services-err"
                        prop:value=move || draft.with(|d| d.application.other_services.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| d.application.other_services = v)
                        }
                    />
                    <p class="msg" id="app-other-services-err" role="alert">
                        {move || field_message(check, "other_services")}
                    </p>
                </div>
            </fieldset>
            <div class="app-foot">
                <p class="missing" data-testid="app-missing">
                    {move || {
                        let m = missing();
                        if m.is_empty() {
                            "申请表各栏均已填写。".to_string()
                        } else {
                            format!(
                                "尚未填写 {} 栏：{}（打印时留空，可手写补填）",
                                m.len(),
                                m.join("、"),
                            )
                        }
                    }}
                </p>
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| printer.print(Sheet::Application)
                >
                    "打印附表1"
                </button>
            </div>
        </section>
    }
}

/// A number of the form as printed: grouped when it reads, else as typed.
fn printed_number(raw: &Value, kind: CertKind) -> String {
    match read_number(raw, kind) {
        Ok(d) => fmt_grouped(d),
        Err(_) => raw_text(raw),
    }
}

/// 附表1 as printed on A4 (hidden on screen), laid out like the official table.
#[component]
pub fn ApplicationSheet(draft: RwSignal<Draft>, sheet: RwSignal<Sheet>) -> impl IntoView {
    let chosen = move || sheet.get() == Sheet::Application;
    let signal = draft;
    let body = move || {
        let draft = draft.get();
        let app = prefill(&draft);
        let box_of = |on: bool| if on { "☑" } else { "□" };
        let ticks = move |options: &'static [(&'static str, &'static str)], chosen: String| {
            options
                .iter()
                .map(|(k, l)| {
                    view! {
                        <span class="opt">
                            <span class="box">{box_of(chosen.trim() == *k)}</span>
                            {*l}
                        </span>
                    }
                })
                .collect_view()
        };
        let date = match parse_date(&app.date) {
            Some((y, m, d)) => format!("{y}年{m}月{d}日"),
            None => app.date.clone(),
        };
        let has = |k: &str| app.services.iter().any(|s| s == k);
        let service_cells = SERVICES
            .iter()
            .map(|(k, l)| {
                let other = *k == "other";
                let text = if other && !app.other_services.trim().is_empty() {
                    format!("{l}：{}", app.other_services.trim())
                } else {
                    l.to_string()
                };
                view! {
                    <span class="opt" class:other=other>
                        <span class="box">{box_of(has(k))}</span>
                        {text}
                    </span>
                }
            })
            .collect_view();
        let area = printed_number(&app.area_sqm, CertKind::Amount);
        // 附表1 prints no unit for 投入资金; the amount is kept in 万元, so a filled one
        // carries it ("500 万元") and a blank cell stays blank, as on the form.
        let investment = match printed_number(&app.investment_wan, CertKind::Amount) {
            t if t.trim().is_empty() => String::new(),
            t => format!("{t} 万元"),
        };
        view! {
            <p class="appendix">"附表1"</p>
            <h1>"重庆市市级人力资源服务发展平台认定申请表"</h1>
            <div class="applicant-line">
                <span>
                    "申报单位（盖章）："<span class="filled">{app.applicant.clone()}</span>
                </span>
                <span>"填报日期："<span class="filled">{date}</span></span>
            </div>
            <table class="app-table">
                <colgroup>
                    <col class="c1" />
                    <col class="c2" />
                    <col class="c3" />
                    <col class="c4" />
                    <col class="c5" />
                </colgroup>
                <tbody>
                    <tr>
                        <th colspan="2">"平台名称"</th>
                        <td colspan="3">{app.name.clone()}</td>
                    </tr>
                    <tr>
                        <th colspan="2">"平台地址"</th>
                        <td colspan="3">{app.address.clone()}</td>
                    </tr>
                    <tr>
                        <th colspan="2">"平台性质"</th>
                        <td class="stack">{ticks(&NATURES, app.nature.clone())}</td>
                        <th>"载体性质"</th>
                        <td class="stack">{ticks(&CARRIERS, app.carrier.clone())}</td>
                    </tr>
                    <tr>
                        <th colspan="2">"负责人（联系人）"</th>
                        <td>{app.contact.clone()}</td>
                        <th>"联系电话"</th>
                        <td>{app.phone.clone()}</td>
                    </tr>
                    <tr>
                        <th rowspan="3" class="vertical">
                            "线下"
                            <br />
                            "场所"
                        </th>
                        <th>"场所面积"</th>
                        <td class="unit-cell">
                            <span>{area}</span>
                            <span class="u">"㎡"</span>
                        </td>
                        <th>"场所个数"</th>
                        <td>{raw_text(&app.sites)}</td>
                    </tr>
                    <tr>
                        <th>"建设方式"</th>
                        <td>{ticks(&CONSTRUCTIONS, app.construction.clone())}</td>
                        <th>"投入资金"</th>
                        // The form prints no unit here; a filled amount says its own (万元).
                        <td data-testid="app-investment">{investment}</td>
                    </tr>
                    <tr>
                        <th>"运营方式"</th>
                        <td>{ticks(&OPERATIONS, app.operation.clone())}</td>
                        <th>"运营团队人数"</th>
                        <td>{raw_text(&app.team_size)}</td>
                    </tr>
                    <tr>
                        <th colspan="2">
                            "平台可为入驻"<br />"企业提供的服务"<br />
                            "（选择打√）"
                        </th>
                        <td colspan="3" class="services">
                            {service_cells}
                        </td>
                    </tr>
                    <tr class="opinion-row">
                        <td colspan="5">
                            <div class="opinion-box" data-testid="opinion-hrss">
                                <p class="opinion-title">
                                    "区县（自治县）人力社保部门意见："
                                </p>
                                // The form has no （盖章） under this opinion (附表1).
                                <div class="seal-area">
                                    <span></span>
                                    <span>"年　　月　　日"</span>
                                </div>
                            </div>
                        </td>
                    </tr>
                    <tr class="opinion-row">
                        <td colspan="5">
                            <div class="opinion-box" data-testid="opinion-gov">
                                <p class="opinion-title">
                                    "区县（自治县）人民政府意见："
                                </p>
                                <div class="seal-area">
                                    <span>"（盖章）"</span>
                                    <span>"年　　月　　日"</span>
                                </div>
                            </div>
                        </td>
                    </tr>
                </tbody>
            </table>
            <MaterialsSheet draft=signal />
        }
    };
    view! {
        <section
            class="print-sheet"
            data-sheet="application"
            class:chosen=chosen
            aria-label="附表1 认定申请表（打印）"
        >
            {body}
        </section>
    }
}
