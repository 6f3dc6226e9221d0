//! The rows of an indicator's editing body: fields, terms and their number slots, tiers,
//! presets, 选其一 pairs.

use super::*;

pub(super) fn field_row(
    editor: Editor,
    id: String,
    key: String,
    kind: FieldKind,
    terms: &[TermShape],
) -> impl IntoView {
    let kind_name = match kind {
        FieldKind::Count => "数量",
        FieldKind::Amount => "金额或面积",
        FieldKind::Score => "评定分",
        FieldKind::Tier => "档次",
        FieldKind::Set => "多选",
    };
    // Only a field read by a one-field quantity rule can be copied (see `Work::add_field`).
    let copyable = terms.iter().any(|t| match t {
        TermShape::PerUnit(f) | TermShape::Area(f) | TermShape::Deduction(f) => *f == key,
        _ => false,
    });
    let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id.clone());
    let (ka, kb, kc, kd) = (key.clone(), key.clone(), key.clone(), key.clone());
    let (e, ke) = (id.clone(), key.clone());
    let error = move || {
        editor.problems.with(|ps| {
            ps.iter()
                .filter(|p| {
                    p.indicator.as_deref() == Some(e.as_str())
                        && p.field.as_deref() == Some(ke.as_str())
                })
                .map(|p| p.local.clone())
                .collect::<Vec<_>>()
                .join("；")
        })
    };
    let base = format!("ed-field-{}-{}", id.replace('.', "-"), key);
    let counted = matches!(kind, FieldKind::Count | FieldKind::Amount);
    let unit = counted.then(|| {
        text_input(
            editor,
            format!("{base}-unit"),
            "单位".into(),
            move |w| field_text(w, &c, &kc, false),
            move |unit| Edit::FieldUnit {
                indicator: d.clone(),
                field: kd.clone(),
                unit,
            },
        )
    });
    let (ad, ak, rd, rk) = (id.clone(), key.clone(), id.clone(), key.clone());
    view! {
        <div class="editor-field" data-field=key.clone()>
            <div class="editor-grid">
                {text_input(
                    editor,
                    format!("{base}-label"),
                    format!("填写项（{kind_name}，{key}）"),
                    move |w| field_text(w, &a, &ka, true),
                    move |label| Edit::FieldLabel {
                        indicator: b.clone(),
                        field: kb.clone(),
                        label,
                    },
                )} {unit}
            </div>
            <p class="msg" role="alert">
                {error}
            </p>
            <div class="editor-ind-actions">
                {copyable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="small"
                                on:click=move |_| {
                                    editor
                                        .apply(Edit::AddField {
                                            indicator: ad.clone(),
                                            template: ak.clone(),
                                        })
                                }
                            >
                                "增加一项同类填写项"
                            </button>
                        }
                    })}
                <button
                    type="button"
                    class="small"
                    on:click=move |_| {
                        editor
                            .apply(Edit::RemoveField {
                                indicator: rd.clone(),
                                field: rk.clone(),
                            })
                    }
                >
                    "删除此填写项"
                </button>
            </div>
        </div>
    }
}

pub(super) fn field_text(w: &Work, id: &str, key: &str, label: bool) -> String {
    w.rubric
        .indicator(id)
        .and_then(|i| i.fields.iter().find(|f| f.key == key))
        .map(|f| {
            if label {
                f.label.clone()
            } else {
                f.unit.clone()
            }
        })
        .unwrap_or_default()
}

/// A term's number slots.
pub(super) fn term_row(editor: Editor, id: String, n: usize, t: &TermShape) -> impl IntoView {
    let unit_of = |key: &str| {
        editor.read_untracked(|w| {
            w.rubric
                .indicator(&id)
                .and_then(|i| i.fields.iter().find(|f| f.key == key))
                .map(|f| (f.label.clone(), f.unit.clone()))
                .unwrap_or_default()
        })
    };
    let ind = || id.clone();
    let unit = || Slot::Unit {
        indicator: ind(),
        term: n,
    };
    let points = || Slot::Points {
        indicator: ind(),
        term: n,
    };
    let (kind, key) = match t {
        TermShape::PerUnit(f) => ("per_unit", f.as_str()),
        TermShape::Replacement(f) => ("replacement", f.as_str()),
        TermShape::Area(f) => ("area", f.as_str()),
        TermShape::Deduction(f) => ("deduction", f.as_str()),
        TermShape::EachOf(f) => ("each_of", f.as_str()),
        TermShape::Judged(f) => ("judged", f.as_str()),
        TermShape::Tier(_) => ("tier", ""),
    };
    match t {
        TermShape::Tier(count) => tier_rows(editor, id.clone(), n, *count).into_any(),
        _ => {
            let (label, u) = unit_of(key);
            match kind {
                "per_unit" => view! {
                    <div class="editor-term">
                        <p class="term-what">
                            {format!("按“{label}”计分：每达到计分单位得分")}
                        </p>
                        {number_input(editor, unit(), "计分单位（每）".into(), u.clone())}
                        {number_input(editor, points(), "每单位得分".into(), "分".into())}
                    </div>
                }
                .into_any(),
                "replacement" => view! {
                    <div class="editor-term">
                        <p class="term-what">
                            {format!(
                                "按“{label}”计分：规模以上企业的分值替代而非叠加",
                            )}
                        </p>
                        {number_input(editor, unit(), "计分单位（每）".into(), u.clone())}
                        {number_input(editor, points(), "每单位得分".into(), "分".into())}
                        {number_input(
                            editor,
                            Slot::SpecialPoints {
                                indicator: ind(),
                                term: n,
                            },
                            "规模以上企业每单位得分".into(),
                            "分".into(),
                        )}
                    </div>
                }
                .into_any(),
                "area" => view! {
                    <div class="editor-term">
                        <p class="term-what">
                            {format!(
                                "按“{label}”计分：门槛以上每增加计分单位得分",
                            )}
                        </p>
                        {number_input(
                            editor,
                            Slot::Threshold {
                                indicator: ind(),
                                term: n,
                            },
                            "面积门槛".into(),
                            u.clone(),
                        )}
                        {number_input(
                            editor,
                            unit(),
                            "计分单位（每增加）".into(),
                            u.clone(),
                        )}
                        {number_input(editor, points(), "每单位得分".into(), "分".into())}
                    </div>
                }
                .into_any(),
                "deduction" => view! {
                    <div class="editor-term">
                        <p class="term-what">{format!("按“{label}”扣分（负数）")}</p>
                        {number_input(editor, points(), "每起扣分".into(), "分".into())}
                    </div>
                }
                .into_any(),
                "each_of" => view! {
                    <div class="editor-term">
                        <p class="term-what">{format!("“{label}”每具备一项得分")}</p>
                        {number_input(editor, points(), "每项得分".into(), "分".into())}
                    </div>
                }
                .into_any(),
                _ => view! {
                    <div class="editor-term">
                        <p class="term-what">
                            {format!("“{label}”：综合评定，0 至上限")}
                        </p>
                    </div>
                }
                .into_any(),
            }
        }
    }
}

pub(super) fn tier_rows(editor: Editor, id: String, n: usize, count: usize) -> impl IntoView {
    let rows = (0..count)
        .map(|k| {
            let (a, b) = (id.clone(), id.clone());
            view! {
                <div class="editor-grid">
                    {text_input(
                        editor,
                        format!("ed-tierlabel-{}-{n}-{k}", id.replace('.', "-")),
                        format!("第 {} 档名称", k + 1),
                        move |w| tier_label(w, &a, n, k),
                        move |label| Edit::TierLabel {
                            indicator: b.clone(),
                            term: n,
                            tier: k,
                            label,
                        },
                    )}
                    {number_input(
                        editor,
                        Slot::Tier {
                            indicator: id.clone(),
                            term: n,
                            tier: k,
                        },
                        format!("第 {} 档得分", k + 1),
                        "分".into(),
                    )}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="editor-term">
            <p class="term-what">"按档次计分"</p>
            {rows}
        </div>
    }
}

pub(super) fn tier_label(w: &Work, id: &str, n: usize, k: usize) -> String {
    match w.rubric.indicator(id).and_then(|i| i.terms.get(n)) {
        Some(Term::Tier { tiers, .. }) => tiers.get(k).map(|t| t.label.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

pub(super) fn preset_row(editor: Editor, id: String, n: usize) -> impl IntoView {
    let (a, b) = (id.clone(), id.clone());
    view! {
        <div class="editor-grid editor-term">
            {text_input(
                editor,
                format!("ed-presetlabel-{}-{n}", id.replace('.', "-")),
                format!("预设分值 {} 的说明", n + 1),
                move |w| {
                    w.rubric
                        .indicator(&a)
                        .and_then(|i| i.presets.get(n))
                        .map(|p| p.label.clone())
                        .unwrap_or_default()
                },
                move |label| Edit::PresetLabel {
                    indicator: b.clone(),
                    preset: n,
                    label,
                },
            )}
            {number_input(
                editor,
                Slot::Preset {
                    indicator: id.clone(),
                    preset: n,
                },
                format!("预设分值 {}", n + 1),
                "分".into(),
            )}
        </div>
    }
}

pub(super) fn pair_row(editor: Editor, id: String, pair: Option<String>) -> impl IntoView {
    match pair {
        Some(p) => {
            let label = format!("与本指标选其一：{p}（两项只计一项，共用上限）");
            view! {
                <div class="editor-pair">
                    <span>{label}</span>
                    " "
                    <button
                        type="button"
                        class="small"
                        on:click=move |_| editor.apply(Edit::Unpair { pair: p.clone() })
                    >
                        "取消选其一"
                    </button>
                </div>
            }
            .into_any()
        }
        None => {
            let others: Vec<(String, String)> = editor.read_untracked(|w| {
                w.rubric
                    .indicators
                    .iter()
                    .filter(|i| i.id != id && i.cap.is_some() && w.rubric.pair_of(&i.id).is_none())
                    .map(|i| (i.id.clone(), format!("{} {}", i.id, i.name)))
                    .collect()
            });
            let sel_id = format!("ed-pair-{}", id.replace('.', "-"));
            view! {
                <div class="editor-pair field">
                    <label for=sel_id
                        .clone()>
                        "设为选其一（两项只计一项，共用本指标的上限）"
                    </label>
                    <select
                        id=sel_id
                        on:change=move |ev| {
                            let second = event_target_value(&ev);
                            if !second.is_empty() {
                                editor
                                    .apply(Edit::Pair {
                                        first: id.clone(),
                                        second,
                                    });
                            }
                        }
                    >
                        <option value="">"（不设）"</option>
                        {others
                            .into_iter()
                            .map(|(v, l)| view! { <option value=v>{l}</option> })
                            .collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
    }
}
