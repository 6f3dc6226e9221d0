//! One field of an indicator on the platform's form: the field widget
//! (`widgets::field`) with what this form puts around it — the label, a number's presets,
//! 无违法违规 and the figure as read, the message.

use super::*;
use crate::ui::widgets::field::{field_input, Tiers};

pub(super) fn field_view(
    state: Fields,
    one: One,
    ind: &'static Indicator,
    f: &'static crate::domain::rubric::Field,
) -> impl IntoView {
    let iid = ind.id.as_str();
    let key = f.key.as_str();
    let input_id = format!("f-{}-{}", iid.replace('.', "-"), key);
    let err_id = format!("{input_id}-err");
    let error = move || one.error(key);
    let raw = move || one.raw(key);
    let set = move |v: Option<Value>| set_field(state, iid, key, v);
    match f.kind {
        FieldKind::Count | FieldKind::Amount | FieldKind::Score => {
            let presets = if f.kind == FieldKind::Score {
                ind.presets.clone()
            } else {
                Vec::new()
            };
            // 违法违规 (每发生1次扣1分): a clean platform finishes the sheet in one click.
            let deduction = ind
                .terms
                .iter()
                .any(|t| matches!(t, Term::Deduction { field, .. } if field == key));
            let hint = move || {
                if error().is_some() {
                    return String::new();
                }
                let text = raw().as_ref().map(raw_text).unwrap_or_default();
                // Read as the score reads it: a unit typed after the figure ("4.5亿") is
                // converted to the field's (rubric data), so the hint shows the figure counted.
                let Ok(v) = read_quantity_in(&Value::String(text.clone()), false, &f.unit) else {
                    return String::new();
                };
                let mut parts = Vec::new();
                if text.trim() != fmt_decimal(v) && text.trim() != fmt_grouped(v) {
                    parts.push(
                        format!("读作 {} {}", fmt_grouped(v), f.unit)
                            .trim_end()
                            .to_string(),
                    );
                }
                // Money in 万元 is shown in 亿元 beside it (scoring-rules.md, Units).
                if let Some(yi) = convert(v, &f.unit, "亿元")
                    .filter(|y| *y >= Decimal::new(1, 1) && f.unit != "亿元")
                {
                    parts.push(format!("≈ {} 亿元", fmt_grouped(yi.round_dp(4))));
                }
                parts.join("，")
            };
            view! {
                <div class="field num" class:invalid=move || error().is_some()>
                    <label for=input_id.clone()>{f.label.clone()}</label>
                    {field_input(
                        ind,
                        f,
                        input_id,
                        err_id.clone(),
                        Tiers::Radios,
                        raw,
                        set,
                        move || error().is_some(),
                    )}
                    {(!presets.is_empty())
                        .then(|| {
                            view! {
                                <div class="presets">
                                    {presets
                                        .into_iter()
                                        .map(|p| {
                                            let v = fmt_decimal(p.value);
                                            let title = p.label.clone();
                                            view! {
                                                <button
                                                    type="button"
                                                    class="preset"
                                                    title=title.clone()
                                                    on:click=move |_| set_field(
                                                        state,
                                                        iid,
                                                        key,
                                                        Some(Value::String(v.clone())),
                                                    )
                                                >
                                                    {format!("{} 分：{}", fmt_decimal(p.value), title)}
                                                </button>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            }
                        })}
                    {deduction
                        .then(|| {
                            view! {
                                <div class="presets">
                                    <button
                                        type="button"
                                        class="preset"
                                        data-testid=format!("none-{iid}")
                                        on:click=move |_| set_field(
                                            state,
                                            iid,
                                            key,
                                            Some(Value::String("0".into())),
                                        )
                                    >
                                        "无违法违规"
                                    </button>
                                </div>
                            }
                        })}
                    <p class="msg" id=err_id role="alert">
                        {move || error().unwrap_or_default()}
                    </p>
                    <p class="hint">{hint}</p>
                </div>
            }
            .into_any()
        }
        FieldKind::Tier | FieldKind::Set => {
            let class = if f.kind == FieldKind::Tier {
                "field tiers"
            } else {
                "field set"
            };
            view! {
                <fieldset class=class>
                    <legend>{f.label.clone()}</legend>
                    {field_input(
                        ind,
                        f,
                        input_id,
                        err_id,
                        Tiers::Radios,
                        raw,
                        set,
                        move || error().is_some(),
                    )}
                    <p class="msg" role="alert">
                        {move || error().unwrap_or_default()}
                    </p>
                </fieldset>
            }
            .into_any()
        }
    }
}
