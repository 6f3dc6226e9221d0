//! 附表1 重庆市人力资源服务发展平台申请表 on the 认定条件与申请表 page: the form's inputs
//! (choices, numbers, 服务内容) with their checks at the field, and the printed A4 sheet.

use super::materials::MaterialsSheet;
use crate::domain::application::{
    parse_date, prefill, Application, CARRIERS, CONSTRUCTIONS, NATURES, OPERATIONS, SERVICES,
};
use crate::domain::eligibility::{read_number, CertKind};
use crate::domain::number::fmt_grouped;
use crate::domain::{check_application, ApplicationCheck, Draft, FieldPath};
use crate::ui::state::{Printer, Sheet};
use crate::ui::web;
use crate::ui::{raw_text, typed};
use leptos::prelude::*;
use serde_json::Value;

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
pub fn ApplicationForm(draft: RwSignal<Draft>) -> impl IntoView {
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
