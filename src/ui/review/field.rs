//! The reviewer's form, one indicator at a time: each field's stages side by side, the
//! reviewer's value editable, the 核减 / 核增 and its reason.

use super::*;
use crate::ui::widgets::field::{field_input, Tiers};

/// The reason a lower stage gave for its change of an indicator (the 初审's 核减说明, shown
/// to the city during 评审), with the stage's name; `None` when it gave none.
pub(super) fn lower_reason(d: &Draft, stage: Stage, indicator: &str) -> Option<(Stage, String)> {
    let lower = before(stage);
    if lower == Stage::SelfAssessed {
        return None;
    }
    d.reviews
        .iter()
        .find(|l| l.stage() == Some(lower))
        .and_then(|l| l.reasons.get(indicator))
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .map(|r| (lower, r))
}

pub(super) fn indicator_view(
    draft: RwSignal<Draft>,
    report: Memo<Option<ReviewReport>>,
    stage: Stage,
    ind: &'static Indicator,
) -> impl IntoView {
    let id = ind.id.as_str();
    let scores = Memo::new(move |_| {
        report.with(|r| {
            let i = r.as_ref()?.indicator(id)?;
            Some((i.self_score, i.score(Stage::District), i.score(stage)))
        })
    });
    let changed = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.indicator(id))
                .is_some_and(|i| i.fields.iter().any(|f| f.changed.contains(&stage)))
        })
    });
    let cap = ind.cap.map(fmt_decimal).unwrap_or_else(|| "——".into());
    let reason_id = format!("rv-reason-{}", id.replace('.', "-"));
    let confirm_id = format!("rv-ok-{}", id.replace('.', "-"));
    let reason = move || {
        draft.with(|d| {
            d.reviews
                .iter()
                .find(|l| l.stage() == Some(stage))
                .and_then(|l| l.reasons.get(id).cloned())
                .unwrap_or_default()
        })
    };
    let confirmed = move || {
        draft.with(|d| {
            d.reviews
                .iter()
                .find(|l| l.stage() == Some(stage))
                .is_some_and(|l| l.confirmed.iter().any(|c| c == id))
        })
    };
    view! {
        <article
            class="indicator review-ind"
            id=format!("rv-{id}")
            data-testid=format!("rv-{id}")
            class:changed=move || changed.get()
        >
            <header>
                <h3>
                    <span class="ind-id">{id}</span>
                    {ind.name.clone()}
                </h3>
                <div class="rv-scores" data-testid=format!("rv-score-{id}")>
                    {move || {
                        scores
                            .get()
                            .map(|(own, district, now)| {
                                let now = now.unwrap_or(own);
                                let delta = now - own;
                                view! {
                                    <span class="rv-self">
                                        "自评 "<strong>{fmt_decimal(own)}</strong>
                                    </span>
                                    {(stage == Stage::City)
                                        .then(|| {
                                            view! {
                                                <span class="rv-district">
                                                    "初审 "
                                                    <strong>
                                                        {district
                                                            .map(fmt_decimal)
                                                            .unwrap_or_else(|| "——".into())}
                                                    </strong>
                                                </span>
                                            }
                                        })}
                                    <span class="rv-now">
                                        {stage.label_zh()}" "<strong>{fmt_decimal(now)}</strong>
                                    </span>
                                    <span class="rv-cap">{format!("/ {} 分", cap)}</span>
                                    {(!delta.is_zero())
                                        .then(|| {
                                            view! {
                                                <span class=delta_class(delta) data-testid="delta">
                                                    {delta_text(delta)}
                                                </span>
                                            }
                                        })}
                                }
                            })
                    }}
                </div>
            </header>
            {move || {
                draft
                    .with(|d| lower_reason(d, stage, id))
                    .map(|(lower, reason)| {
                        view! {
                            <p class="rv-lower-reason" data-testid=format!("rv-lower-reason-{id}")>
                                <span class="rv-tag-inline">
                                    {format!("{}说明：", lower.long_label_zh())}
                                </span>
                                {reason}
                            </p>
                        }
                    })
            }}
            <div class="rv-fields">
                <div class="rv-row rv-headrow" aria-hidden="true">
                    <span>"项目"</span>
                    <span>"平台填报"</span>
                    {(stage == Stage::City).then(|| view! { <span>"区县初审"</span> })}
                    <span>{format!("{}认定", stage.label_zh())}</span>
                </div>
                {ind.fields.iter().map(|f| field_row(draft, report, stage, ind, f)).collect_view()}
            </div>
            {move || {
                if changed.get() {
                    view! {
                        <div class="field rv-reason">
                            <label for=reason_id
                                .clone()>
                                "核减/核增说明 "
                                {move || {
                                    reason()
                                        .trim()
                                        .is_empty()
                                        .then(|| {
                                            view! { <span class="badge warn">"未说明"</span> }
                                        })
                                }}
                            </label>
                            <textarea
                                id=reason_id.clone()
                                rows="2"
                                placeholder="写明核减或核增的事实依据，例如：2家企业入驻协议已到期"
                                prop:value=reason
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit_layer(draft, stage, |l| l.set_reason(id, &v))
                                }
                            ></textarea>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <label class="choice rv-ok" for=confirm_id.clone()>
                            <input
                                type="checkbox"
                                id=confirm_id.clone()
                                prop:checked=confirmed
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit_layer(draft, stage, |l| l.set_confirmed(id, on))
                                }
                            />
                            "核实无误"
                        </label>
                    }
                        .into_any()
                }
            }}
        </article>
    }
}

/// The message for one field at the stage under review, if any.
pub(super) fn field_error(
    report: Memo<Option<ReviewReport>>,
    stage: Stage,
    ind: &str,
    key: &str,
) -> Option<String> {
    report.with(|r| {
        let r = r.as_ref()?;
        r.stage(stage)
            .and_then(|s| {
                s.report.errors.iter().find(|e| {
                    matches!(&e.path, FieldPath::Input { indicator, field } if indicator == ind && field == key)
                })
            })
            .map(|e| e.message.clone())
            .or_else(|| {
                r.errors
                    .iter()
                    .find(|e| {
                        e.stage == stage.key()
                            && e.indicator.as_deref() == Some(ind)
                            && e.field.as_deref() == Some(key)
                    })
                    .map(|e| e.to_string())
            })
    })
}

pub(super) fn field_row(
    draft: RwSignal<Draft>,
    report: Memo<Option<ReviewReport>>,
    stage: Stage,
    ind: &'static Indicator,
    f: &'static crate::domain::rubric::Field,
) -> impl IntoView {
    let iid = ind.id.as_str();
    let key = f.key.as_str();
    let kind = f.kind;
    let input_id = format!("rv-f-{}-{}", iid.replace('.', "-"), key);
    let err_id = format!("{input_id}-err");
    let review = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()?
                .indicator(iid)?
                .fields
                .iter()
                .find(|x| x.key == key)
                .cloned()
        })
    });
    let below = move || {
        review.with(|fr| {
            fr.as_ref()
                .and_then(|fr: &FieldReview| fr.value_at(before(stage)).cloned())
        })
    };
    let own = move || {
        draft.with(|d| {
            d.reviews
                .iter()
                .find(|l| l.stage() == Some(stage))
                .and_then(|l| l.raw(iid, key).cloned())
        })
    };
    // What the reviewer's field shows: her own value, else the one in force below.
    let shown = move || own().or_else(below);
    let changed_here =
        move || review.with(|fr| fr.as_ref().is_some_and(|fr| fr.changed.contains(&stage)));
    let error = move || field_error(report, stage, iid, key);
    let unit = f.unit.clone();
    let platform_text = {
        let unit = unit.clone();
        move || {
            review.with(|fr| {
                let v = fr.as_ref().and_then(|fr| fr.platform.as_ref());
                let t = value_text(ind, kind, key, v);
                if v.is_some()
                    && matches!(
                        kind,
                        FieldKind::Count | FieldKind::Amount | FieldKind::Score
                    )
                    && t != "未填"
                {
                    format!("{t} {unit}")
                } else {
                    t
                }
            })
        }
    };
    let district_text = {
        let unit = unit.clone();
        move || {
            review.with(|fr| {
                let v = fr.as_ref().and_then(|fr| fr.value_at(Stage::District));
                let t = value_text(ind, kind, key, v);
                if v.is_some()
                    && matches!(
                        kind,
                        FieldKind::Count | FieldKind::Amount | FieldKind::Score
                    )
                {
                    format!("{t} {unit}")
                } else {
                    t
                }
            })
        }
    };
    // Sets the reviewer's value: the same as below means "unchanged" (nothing stored).
    let set = move |v: Value| {
        let same = below().map(|b| match (&b, &v) {
            (Value::Array(a), Value::Array(c)) => {
                let mut a: Vec<_> = a.iter().filter_map(|x| x.as_str()).collect();
                let mut c: Vec<_> = c.iter().filter_map(|x| x.as_str()).collect();
                a.sort_unstable();
                c.sort_unstable();
                a == c
            }
            _ => raw_text(&b).trim() == raw_text(&v).trim(),
        });
        let blank_below = below().is_none() && crate::domain::number::is_blank(&v);
        edit_layer(draft, stage, |l| {
            if same == Some(true) || blank_below {
                l.set_raw(iid, key, None)
            } else {
                l.set_raw(iid, key, Some(v))
            }
        })
    };
    let invalid = move || error().is_some();
    let set = move |v: Option<Value>| set(v.unwrap_or_else(|| Value::String(String::new())));
    let input = field_input(
        ind,
        f,
        input_id.clone(),
        err_id.clone(),
        Tiers::Select,
        shown,
        set,
        invalid,
    );
    // A set's checkboxes sit in a row of their own.
    let editor = if kind == FieldKind::Set {
        view! { <div class="rv-set">{input}</div> }.into_any()
    } else {
        input
    };
    view! {
        <div
            class="rv-row"
            class:changed=changed_here
            class:invalid=move || error().is_some()
            data-testid=format!("rv-field-{iid}-{key}")
        >
            <label class="rv-label" for=input_id.clone()>
                {f.label.clone()}
            </label>
            <span class="rv-platform">
                <span class="rv-tag">"平台填报"</span>
                {platform_text}
            </span>
            {(stage == Stage::City)
                .then(|| {
                    view! {
                        <span class="rv-platform">
                            <span class="rv-tag">"区县初审"</span>
                            {district_text}
                        </span>
                    }
                })}
            <div class="rv-edit">
                <span class="rv-tag">{format!("{}认定", stage.label_zh())}</span>
                {editor}
                {move || {
                    changed_here().then(|| view! { <span class="badge changed">"已修改"</span> })
                }}
                <p class="msg" id=err_id.clone() role="alert">
                    {move || error().unwrap_or_default()}
                </p>
            </div>
        </div>
    }
}
