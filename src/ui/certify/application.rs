//! 附表1 重庆市人力资源服务发展平台申请表 on the 认定条件与申请表 page: the form's inputs
//! (choices, numbers, 服务内容) with their checks at the field, and the printed A4 sheet.

use super::materials::MaterialsSheet;
use crate::domain::application::{
    app_field, parse_date, prefill, AppFallback, AppFieldDef, AppFieldKind, AppSection, APP_FIELDS,
    CARRIERS, CONSTRUCTIONS, NATURES, OPERATIONS, SERVICES,
};
use crate::domain::eligibility::{read_number, CertKind};
use crate::domain::number::fmt_grouped;
use crate::domain::{check_application, ApplicationCheck, Draft, FieldPath};
use crate::ui::state::{Printer, Sheet};
use crate::ui::web;
use crate::ui::{raw_text, typed};
use leptos::prelude::*;
use serde_json::Value;

/// A 附表1 field of one kind of choice (平台性质, 载体性质, …) as radio buttons; blank with
/// a fallback to the rubric (平台性质) shows the draft's type as chosen.
#[component]
fn ChoiceGroup(
    draft: RwSignal<Draft>,
    check: Memo<ApplicationCheck>,
    def: &'static AppFieldDef,
    options: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let name = def.key;
    let error = move || field_message(check, name);
    let chosen = move |d: &Draft| -> String {
        let v = d.application.text(name).unwrap_or("").trim();
        match def.fallback {
            AppFallback::Rubric if v.is_empty() => d.rubric.clone(),
            _ => v.to_string(),
        }
    };
    view! {
        <fieldset class="field choices" class:invalid=move || error().is_some()>
            <legend>{def.label}</legend>
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
                                    prop:checked=move || draft.with(|d| chosen(d) == k)
                                    on:change=move |_| {
                                        draft
                                            .update(|d| {
                                                d.application.set_text(name, k.to_string());
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

/// One text or number field of 附表1, with its unit and its message.
#[component]
fn AppInput(
    draft: RwSignal<Draft>,
    check: Memo<ApplicationCheck>,
    def: &'static AppFieldDef,
    placeholder: Signal<String>,
) -> impl IntoView {
    let key = def.key;
    let id = format!("app-{key}");
    let err_id = format!("{id}-err");
    let error = move || field_message(check, key);
    let number = matches!(def.kind, AppFieldKind::Count | AppFieldKind::Amount);
    let value = move || {
        draft.with(|d| match d.application.number(key) {
            Some(v) => raw_text(v),
            None => d.application.text(key).unwrap_or("").to_string(),
        })
    };
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        draft.update(|d| {
            if number {
                d.application
                    .set_number(key, typed(v).unwrap_or(Value::Null));
            } else {
                d.application.set_text(key, v);
            }
        })
    };
    let (kind, mode) = match def.kind {
        AppFieldKind::Phone => ("tel", "tel"),
        _ if number => ("text", "decimal"),
        _ => ("text", "text"),
    };
    let wide = matches!(key, "name" | "address" | "applicant");
    let unit = def.unit;
    view! {
        <div class="field" class:num=number class:wide=wide class:invalid=move || error().is_some()>
            <label for=id.clone()>{def.label}</label>
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

/// 填报日期, with a button for today.
#[component]
fn DateInput(
    draft: RwSignal<Draft>,
    check: Memo<ApplicationCheck>,
    def: &'static AppFieldDef,
) -> impl IntoView {
    let key = def.key;
    let id = format!("app-{key}");
    let err_id = format!("{id}-err");
    view! {
        <div class="field">
            <label for=id.clone()>{def.label}</label>
            <div class="with-unit">
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    placeholder=def.placeholder
                    aria-describedby=err_id.clone()
                    prop:value=move || {
                        draft.with(|d| d.application.text(key).unwrap_or("").to_string())
                    }
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft
                            .update(|d| {
                                d.application.set_text(key, v);
                            })
                    }
                />
                <button
                    type="button"
                    class="small"
                    on:click=move |_| {
                        draft
                            .update(|d| {
                                d.application.set_text(key, web::today_zh());
                            })
                    }
                >
                    "今天"
                </button>
            </div>
            <p class="msg" id=err_id role="alert">
                {move || field_message(check, key)}
            </p>
        </div>
    }
}

/// 附表1 on screen: every field of the official form, kept in the draft.
#[component]
pub fn ApplicationForm(draft: RwSignal<Draft>) -> impl IntoView {
    let printer = expect_context::<Printer>();
    let check = Memo::new(move |_| draft.with(check_application));
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
    // One input per row of the domain's table (APP_FIELDS), by its kind.
    let fields = move |section: AppSection| {
        APP_FIELDS
            .iter()
            .filter(|f| f.section == section)
            .map(|def| match def.kind {
                AppFieldKind::Choice(options) => {
                    view! { <ChoiceGroup draft=draft check=check def=def options=options /> }
                        .into_any()
                }
                AppFieldKind::Date => {
                    view! { <DateInput draft=draft check=check def=def /> }.into_any()
                }
                _ => {
                    let placeholder = match def.fallback {
                        AppFallback::PlatformName => name_hint,
                        AppFallback::Certification(key) => cert_hint(key),
                        _ => Signal::derive(move || def.placeholder.to_string()),
                    };
                    view! { <AppInput draft=draft check=check def=def placeholder=placeholder /> }
                        .into_any()
                }
            })
            .collect_view()
    };
    let services = move || draft.with(|d| d.application.services.clone());
    let missing = move || check.with(|c| c.missing.clone());
    view! {
        <section class="card application" aria-labelledby="app-h">
            <h2 id="app-h">"附表1 认定申请表"</h2>
            <p class="lead">
                "《重庆市市级人力资源服务发展平台认定申请表》（第十四条（一）1），由平台所在地区县（自治县）人民政府随申报材料提交。填写内容随草稿保存；打印时按官方表样排版，意见栏留空供盖章签批。"
            </p>
            <div class="app-grid">{fields(AppSection::Platform)}</div>
            <h3 class="sub-h">"线下场所"</h3>
            <div class="app-grid">{fields(AppSection::Site)}</div>
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
        // The cells' names are the table's (APP_FIELDS): the short name, or as the form says it.
        let label = |key: &str| app_field(key).map_or("", |f| f.short);
        let form_label = |key: &str| app_field(key).map_or("", |f| f.label);
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
                    {form_label("applicant")}"："
                    <span class="filled">{app.applicant.clone()}</span>
                </span>
                <span>{form_label("date")}"："<span class="filled">{date}</span></span>
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
                        <th colspan="2">{label("name")}</th>
                        <td colspan="3">{app.name.clone()}</td>
                    </tr>
                    <tr>
                        <th colspan="2">{label("address")}</th>
                        <td colspan="3">{app.address.clone()}</td>
                    </tr>
                    <tr>
                        <th colspan="2">{label("nature")}</th>
                        <td class="stack">{ticks(&NATURES, app.nature.clone())}</td>
                        <th>{label("carrier")}</th>
                        <td class="stack">{ticks(&CARRIERS, app.carrier.clone())}</td>
                    </tr>
                    <tr>
                        <th colspan="2">{label("contact")}</th>
                        <td>{app.contact.clone()}</td>
                        <th>{label("phone")}</th>
                        <td>{app.phone.clone()}</td>
                    </tr>
                    <tr>
                        <th rowspan="3" class="vertical">
                            "线下"
                            <br />
                            "场所"
                        </th>
                        <th>{label("area_sqm")}</th>
                        <td class="unit-cell">
                            <span>{area}</span>
                            <span class="u">"㎡"</span>
                        </td>
                        <th>{label("sites")}</th>
                        <td>{raw_text(&app.sites)}</td>
                    </tr>
                    <tr>
                        <th>{label("construction")}</th>
                        <td>{ticks(&CONSTRUCTIONS, app.construction.clone())}</td>
                        <th>{label("investment_wan")}</th>
                        // The form prints no unit here; a filled amount says its own (万元).
                        <td data-testid="app-investment">{investment}</td>
                    </tr>
                    <tr>
                        <th>{label("operation")}</th>
                        <td>{ticks(&OPERATIONS, app.operation.clone())}</td>
                        <th>{label("team_size")}</th>
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
