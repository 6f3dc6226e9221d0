//! 申报材料 (Art. 14 (一)) and 公示 (Art. 14 (三)) on the certification page, and the
//! materials checklist printed after 附表1 (issue 14).

use crate::domain::application::{
    check_application, ApplicationCheck, MaterialEntry, MATERIALS, MATERIALS_ARTICLE,
    MATERIALS_LEAD, PUBLICITY_ARTICLE, PUBLICITY_READING, PUBLICITY_TEXT,
};
use crate::domain::Draft;
use leptos::prelude::*;
use serde_json::Value;

fn message(check: &ApplicationCheck, field: &str) -> String {
    check
        .errors
        .iter()
        .chain(check.warnings.iter())
        .filter(|e| e.path.field().as_deref() == Some(field))
        .map(|e| e.message.clone())
        .collect::<Vec<_>>()
        .join("；")
}

/// The five materials with ticks and page counts, and the 公示 dates with their check.
#[component]
pub fn MaterialsForm(draft: RwSignal<Draft>) -> impl IntoView {
    let check = Memo::new(move |_| draft.with(check_application));
    let rows = MATERIALS
        .iter()
        .map(|m| {
            let id = m.id;
            let entry = move || {
                draft.with(|d| d.application.materials.get(id).cloned().unwrap_or_default())
            };
            let update = move |f: &dyn Fn(&mut MaterialEntry)| {
                draft.update(|d| {
                    let e = d.application.materials.entry(id.to_string()).or_default();
                    f(e);
                    if e.is_empty() {
                        d.application.materials.remove(id);
                    }
                })
            };
            let field = format!("application.materials.{id}.pages");
            let error = move || check.with(|c| message(c, &field));
            view! {
                <li class="material" data-testid=format!("material-{id}")>
                    <label class="confirm">
                        <input
                            type="checkbox"
                            data-testid=format!("material-{id}-ready")
                            prop:checked=move || entry().ready
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                update(&|e| e.ready = on);
                            }
                        />
                        <span>{format!("{}．{}", m.number, m.text)}</span>
                    </label>
                    <div class="with-unit pages">
                        <input
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            aria-label=format!("{} 页数", m.short)
                            data-testid=format!("material-{id}-pages")
                            prop:value=move || crate::ui::raw_text(&entry().pages)
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                update(
                                    &|e| {
                                        e.pages = if v.trim().is_empty() {
                                            Value::Null
                                        } else {
                                            Value::String(v.clone())
                                        };
                                    },
                                );
                            }
                        />
                        <span class="unit">"页"</span>
                    </div>
                    <p class="msg" role="alert">
                        {error}
                    </p>
                </li>
            }
        })
        .collect_view();
    let totals = move || {
        check.with(|c| {
            format!(
                "已备齐 {} / {} 项，共 {} 页",
                c.materials_ready(),
                c.materials.len(),
                c.material_pages()
            )
        })
    };
    let date_input = move |key: &'static str, label: &'static str| {
        let field = format!("application.publicity.{key}");
        let error = move || check.with(|c| message(c, &field));
        let id = format!("publicity-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id.clone()
                    data-testid=id
                    type="date"
                    prop:value=move || {
                        draft
                            .with(|d| {
                                if key == "start" {
                                    d.application.publicity.start.clone()
                                } else {
                                    d.application.publicity.end.clone()
                                }
                            })
                    }
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft
                            .update(|d| {
                                if key == "start" {
                                    d.application.publicity.start = v;
                                } else {
                                    d.application.publicity.end = v;
                                }
                            })
                    }
                />
                <p class="msg" role="alert">
                    {error}
                </p>
            </div>
        }
    };
    let publicity = move || check.with(|c| c.publicity.as_ref().map(|p| (p.met, p.text.clone())));
    view! {
        <section class="card materials" aria-labelledby="materials-h" data-testid="materials">
            <h2 id="materials-h">{format!("申报材料（{MATERIALS_ARTICLE}）")}</h2>
            <p class="lead">{MATERIALS_LEAD}</p>
            <ol class="material-list">{rows}</ol>
            <p class="totals" data-testid="materials-totals">
                {totals}
            </p>
            <h3 class="cond-group">{format!("公示（{PUBLICITY_ARTICLE}）")}</h3>
            <p class="lead">{PUBLICITY_TEXT}</p>
            <div class="app-grid">
                {date_input("start", "公示开始日期")}
                {date_input("end", "公示结束日期")}
            </div>
            {move || {
                publicity()
                    .map(|(met, text)| {
                        view! {
                            <p class="verdict" class:bad=!met data-testid="publicity-result">
                                {text}
                            </p>
                        }
                    })
            }}
            <p class="reading">
                <span class="tag">"本工具的解读"</span>
                {PUBLICITY_READING}
            </p>
        </section>
    }
}

/// The materials checklist as printed after 附表1 (its own page).
#[component]
pub fn MaterialsSheet(draft: RwSignal<Draft>) -> impl IntoView {
    let body = move || {
        let check = draft.with(check_application);
        let rows = check
            .materials
            .iter()
            .map(|m| {
                view! {
                    <tr>
                        <td class="n">{m.number}</td>
                        <td>{m.text}</td>
                        <td class="n">{if m.ready { "☑" } else { "□" }}</td>
                        <td class="n">{m.pages.map(|p| p.to_string()).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        let total = check.material_pages();
        view! {
            <h2>"申报材料清单"</h2>
            <p class="basis">{format!("（{MATERIALS_ARTICLE}）{MATERIALS_LEAD}")}</p>
            <table class="materials-table">
                <thead>
                    <tr>
                        <th>"序号"</th>
                        <th>"申报材料"</th>
                        <th>"已备"</th>
                        <th>"页数"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows} <tr>
                        <td colspan="3" class="total">
                            {format!(
                                "合计：已备齐 {} / {} 项",
                                check.materials_ready(),
                                check.materials.len(),
                            )}
                        </td>
                        <td class="n">{(total > 0).then(|| total.to_string())}</td>
                    </tr>
                </tbody>
            </table>
            {check.publicity.as_ref().map(|p| view! { <p class="basis">{p.text.clone()}</p> })}
        }
    };
    view! {
        <div class="materials-sheet" data-testid="materials-sheet">
            {body}
        </div>
    }
}
