//! The one field widget: the input of a rubric field, by its kind, for the platform's form
//! (绩效评分) and the reviewer's (初审 / 评审). A number is a text input with its unit (what
//! is typed is stored as typed: the domain reads it); a tier is one choice of the
//! indicator's tiers; a set is a checkbox per option. What is around the input (label,
//! presets, the figure as read, the stages side by side, the message) is each form's own.

use crate::domain::number::fmt_decimal;
use crate::domain::rubric::{Field, Indicator, Term};
use crate::domain::FieldKind;
use crate::ui::raw_text;
use leptos::prelude::*;
use serde_json::Value;

/// How a tier is chosen: radio buttons with 清除 (the platform's form), or a compact
/// `<select>` with 未填 (the reviewer's row, beside the lower stages' values).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tiers {
    Radios,
    Select,
}

/// The input of field `f` of `ind`: `id` is the input's (a tier's and an option's inputs
/// are `<id>-<key>`), `err_id` the message's it is described by. `value` is what it shows
/// (the stored raw value), `set` stores what the user typed or chose (`None`: cleared).
#[allow(clippy::too_many_arguments)]
pub fn field_input(
    ind: &'static Indicator,
    f: &'static Field,
    id: String,
    err_id: String,
    tiers: Tiers,
    value: impl Fn() -> Option<Value> + Send + Sync + Copy + 'static,
    set: impl Fn(Option<Value>) + Send + Sync + Copy + 'static,
    invalid: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> AnyView {
    let key = f.key.as_str();
    match f.kind {
        FieldKind::Count | FieldKind::Amount | FieldKind::Score => {
            let range = (f.kind == FieldKind::Score)
                .then(|| ind.cap.map(|c| format!("0–{}", fmt_decimal(c))))
                .flatten();
            view! {
                <div class="with-unit">
                    <input
                        id=id
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        placeholder=range.unwrap_or_else(|| "未填".into())
                        aria-invalid=move || if invalid() { "true" } else { "false" }
                        aria-describedby=err_id
                        prop:value=move || value().as_ref().map(raw_text).unwrap_or_default()
                        on:input=move |ev| set(Some(Value::String(event_target_value(&ev))))
                    />
                    <span class="unit">{f.unit.clone()}</span>
                </div>
            }
            .into_any()
        }
        FieldKind::Tier => {
            let choices = ind
                .terms
                .iter()
                .find_map(|t| match t {
                    Term::Tier { field, tiers } if field == key => Some(tiers.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let current = move || match value() {
                Some(Value::String(s)) => s,
                _ => String::new(),
            };
            let label = |t: &crate::domain::rubric::TierOption| {
                format!("{}（{} 分）", t.label, fmt_decimal(t.points))
            };
            match tiers {
                Tiers::Select => view! {
                    <select
                        id=id
                        prop:value=current
                        on:change=move |ev| set(Some(Value::String(event_target_value(&ev))))
                    >
                        <option value="" selected=move || current().is_empty()>
                            "未填"
                        </option>
                        {choices
                            .into_iter()
                            .map(|t| {
                                let k = t.key.clone();
                                view! {
                                    <option value=t.key.clone() selected=move || current() == k>
                                        {label(&t)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                }
                .into_any(),
                Tiers::Radios => view! {
                    {choices
                        .into_iter()
                        .map(|t| {
                            let rid = format!("{id}-{}", t.key);
                            let k1 = t.key.clone();
                            let k2 = t.key.clone();
                            let for_id = rid.clone();
                            view! {
                                <label class="choice" for=for_id>
                                    <input
                                        type="radio"
                                        id=rid
                                        name=id.clone()
                                        prop:checked=move || current() == k1
                                        on:change=move |_| set(Some(Value::String(k2.clone())))
                                    />
                                    {label(&t)}
                                </label>
                            }
                        })
                        .collect_view()}
                    <button type="button" class="link" on:click=move |_| set(None)>
                        "清除"
                    </button>
                }
                .into_any(),
            }
        }
        FieldKind::Set => {
            let options = ind
                .terms
                .iter()
                .find_map(|t| match t {
                    Term::EachOf { field, options, .. } if field == key => Some(options.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let list = move || -> Vec<Value> {
                match value() {
                    Some(Value::Array(a)) => a,
                    _ => Vec::new(),
                }
            };
            options
                .into_iter()
                .map(|o| {
                    let cid = format!("{id}-{}", o.key);
                    let k1 = o.key.clone();
                    let k2 = o.key.clone();
                    let for_id = cid.clone();
                    view! {
                        <label class="choice" for=for_id>
                            <input
                                type="checkbox"
                                id=cid
                                prop:checked=move || {
                                    list().iter().any(|x| x.as_str() == Some(k1.as_str()))
                                }
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut l = untrack(list);
                                    l.retain(|x| x.as_str() != Some(k2.as_str()));
                                    if on {
                                        l.push(Value::String(k2.clone()));
                                    }
                                    set(Some(Value::Array(l)))
                                }
                            />
                            {o.label}
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        }
    }
}
