//! One field of an indicator, by its kind: a number (with presets, 无违法违规, the figure as
//! read), a tier, a set of options.

use super::*;

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
            let range = if f.kind == FieldKind::Score {
                ind.cap.map(|c| format!("0–{}", fmt_decimal(c)))
            } else {
                None
            };
            view! {
                <div class="field num" class:invalid=move || error().is_some()>
                    <label for=input_id.clone()>{f.label.clone()}</label>
                    <div class="with-unit">
                        <input
                            id=input_id
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            placeholder=range.clone().unwrap_or_else(|| "未填".into())
                            aria-invalid=move || if error().is_some() { "true" } else { "false" }
                            aria-describedby=err_id.clone()
                            prop:value=move || raw().as_ref().map(raw_text).unwrap_or_default()
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                set_field(state, iid, key, Some(Value::String(v)));
                            }
                        />
                        <span class="unit">{f.unit.clone()}</span>
                    </div>
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
        FieldKind::Tier => {
            let tiers = ind.terms.iter().find_map(|t| match t {
                Term::Tier { field, tiers } if field == key => Some(tiers.clone()),
                _ => None,
            });
            let current = move || match raw() {
                Some(Value::String(s)) => s,
                _ => String::new(),
            };
            view! {
                <fieldset class="field tiers">
                    <legend>{f.label.clone()}</legend>
                    {tiers
                        .unwrap_or_default()
                        .into_iter()
                        .map(|t| {
                            let rid = format!("{input_id}-{}", t.key);
                            let k1 = t.key.clone();
                            let k2 = t.key.clone();
                            let for_id = rid.clone();
                            view! {
                                <label class="choice" for=for_id>
                                    <input
                                        type="radio"
                                        id=rid
                                        name=input_id.clone()
                                        prop:checked=move || current() == k1
                                        on:change=move |_| set_field(
                                            state,
                                            iid,
                                            key,
                                            Some(Value::String(k2.clone())),
                                        )
                                    />
                                    {format!("{}（{} 分）", t.label, fmt_decimal(t.points))}
                                </label>
                            }
                        })
                        .collect_view()}
                    <button
                        type="button"
                        class="link"
                        on:click=move |_| set_field(state, iid, key, None)
                    >
                        "清除"
                    </button>
                    <p class="msg" role="alert">
                        {move || error().unwrap_or_default()}
                    </p>
                </fieldset>
            }
            .into_any()
        }
        FieldKind::Set => {
            let options = ind.terms.iter().find_map(|t| match t {
                Term::EachOf { field, options, .. } if field == key => Some(options.clone()),
                _ => None,
            });
            let has = move |k: &str| match raw() {
                Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(k)),
                _ => false,
            };
            view! {
                <fieldset class="field set">
                    <legend>{f.label.clone()}</legend>
                    {options
                        .unwrap_or_default()
                        .into_iter()
                        .map(|o| {
                            let cid = format!("{input_id}-{}", o.key);
                            let k1 = o.key.clone();
                            let k2 = o.key.clone();
                            let for_id = cid.clone();
                            view! {
                                <label class="choice" for=for_id>
                                    <input
                                        type="checkbox"
                                        id=cid
                                        prop:checked=move || has(&k1)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let k = k2.clone();
                                            state
                                                .draft
                                                .update(|d| {
                                                    let mut list: Vec<Value> = match d
                                                        .inputs
                                                        .get(iid)
                                                        .and_then(|m| m.get(key))
                                                    {
                                                        Some(Value::Array(a)) => a.clone(),
                                                        _ => Vec::new(),
                                                    };
                                                    list.retain(|x| x.as_str() != Some(k.as_str()));
                                                    if on {
                                                        list.push(Value::String(k));
                                                    }
                                                    d.set_raw(iid, key, Some(Value::Array(list)));
                                                });
                                        }
                                    />
                                    {o.label}
                                </label>
                            }
                        })
                        .collect_view()}
                    <p class="msg" role="alert">
                        {move || error().unwrap_or_default()}
                    </p>
                </fieldset>
            }
            .into_any()
        }
    }
}
