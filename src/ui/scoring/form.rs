//! The form: the platform's details, then every indicator grouped under its 一级指标,
//! each with its official text, the project's reading, its inputs, its live score, the
//! working and the next gain.
//!
//! Over 600 lines: `PlatformForm` (about 250) and the indicator widgets share `Fields` and
//! `One`; one field's inputs are in `form/field.rs`.

mod field;

use field::field_view;

use crate::domain::filing::normalise_year;
use crate::domain::number::{convert, fmt_decimal, fmt_grouped, read_quantity_in};
use crate::domain::rubric::{self, Indicator, Level, Rubric, Term, RUBRIC_IDS};
use crate::domain::{Draft, FieldKind, FieldPath, IndicatorScore, Platform, Report};
use crate::ui::{raw_text, web};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

/// What the indicator widgets read and write: the draft and its report.
#[derive(Clone, Copy)]
struct Fields {
    draft: RwSignal<Draft>,
    report: Memo<Option<Report>>,
}

fn set_field(state: Fields, ind: &str, field: &str, value: Option<Value>) {
    state.draft.update(|d| d.set_raw(ind, field, value));
}

/// 平台与评估信息: type, level, name, 区县, year.
#[component]
pub fn PlatformForm(draft: RwSignal<Draft>) -> impl IntoView {
    let rubric_id = Memo::new(move |_| draft.with(|d| d.rubric.clone()));
    let level = Memo::new(move |_| draft.with(|d| d.level));
    // The platform's details alone: a keystroke in an indicator leaves it unchanged, so the
    // widgets below (subscribed to it, not to the whole draft) do not run (issue 10, item 6).
    let platform = Memo::new(move |_| draft.with(|d| d.platform.clone()));
    let edition = Memo::new(move |_| {
        draft.with(|d| {
            d.rubric().ok().map(|r| {
                (
                    format!(
                        "{}（{}，{}版，指纹 {}）",
                        r.title,
                        r.appendix,
                        r.edition,
                        crate::domain::edition::short_of(r),
                    ),
                    // The glance line on a phone names the edition too: a draft moved to a
                    // new edition must show it there, where the full line is hidden.
                    format!("{} {}版", r.short_name, r.edition),
                )
            })
        })
    });

    let on_type = move |ev: leptos::ev::Event| {
        let new_id = event_target_value(&ev);
        let has_inputs = draft.with_untracked(|d| !d.inputs.is_empty() || !d.choices.is_empty());
        if has_inputs
            && !web::confirm("更改平台类型将清空已填写的指标数据（平台信息保留），确定吗？")
        {
            // Put the select back to the draft's type (the memo has not changed, so
            // the view would not).
            web::reset_select(&ev, &rubric_id.get_untracked());
            return;
        }
        draft.update(|d| {
            let (platform, level) = (d.platform.clone(), d.level);
            *d = Draft::new(&new_id);
            d.platform = platform;
            d.level = level;
        });
    };
    let text_input = move |id: &'static str,
                           label: &'static str,
                           get: fn(&Platform) -> String,
                           set: fn(&mut Draft, String)| {
        view! {
            <div class="field name">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    prop:value=move || platform.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| set(d, v))
                    }
                />
            </div>
        }
    };

    // On a phone the details other than the name fold behind one line that shows them at a
    // glance (issue 10, item 4: the first indicator's input on the first screen). A bad
    // 评估年度 or 填表日期 opens them, and the line says so while they are folded.
    let more = RwSignal::new(false);
    let problem = Memo::new(move |_| {
        platform.with(|p| {
            let date = p.fill_date.trim();
            let mut bad = Vec::new();
            if normalise_year(&p.year).is_err() {
                bad.push("评估年度");
            }
            if !date.is_empty() && !crate::domain::date::is_date(date) {
                bad.push("填表日期");
            }
            bad.join("、")
        })
    });
    Effect::new(move |_| {
        if !problem.get().is_empty() {
            more.set(true);
        }
    });
    let glance = Memo::new(move |_| {
        let kind = edition
            .with(|e| e.as_ref().map(|(_, short)| short.clone()))
            .unwrap_or_else(|| rubric_id.get());
        platform.with(|p| {
            let year = p.year.trim();
            let date = p.fill_date.trim();
            let mut parts = vec![kind, level.get().label_zh().to_string()];
            if !p.district.trim().is_empty() {
                parts.push(p.district.trim().to_string());
            }
            parts.push(if year.is_empty() {
                "年度未填".to_string()
            } else {
                format!("{year} 年度")
            });
            parts.push(if date.is_empty() {
                "填表日期未填".to_string()
            } else {
                format!("填表 {date}")
            });
            if p.branch {
                parts.push("分平台".into());
            }
            parts.join(" · ")
        })
    });

    view! {
        <section class="card platform" class:open=move || more.get() aria-labelledby="platform-h">
            <h2 id="platform-h">"平台与评估信息"</h2>
            <div class="grid" id="platform-grid">
                <div class="field secondary">
                    <label for="rubric-type">"平台类型"</label>
                    <select id="rubric-type" on:change=on_type prop:value=move || rubric_id.get()>
                        {RUBRIC_IDS
                            .iter()
                            .filter_map(|id| rubric::latest(id))
                            .map(|r| {
                                let id = r.id.clone();
                                view! {
                                    <option
                                        value=r.id.clone()
                                        selected=move || rubric_id.get() == id
                                    >
                                        {format!("{}（{}）", r.short_name, r.appendix)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field secondary">
                    <label for="level">"评估层级"</label>
                    <select
                        id="level"
                        prop:value=move || level.get().key()
                        on:change=move |ev| {
                            if let Some(l) = Level::from_key(&event_target_value(&ev)) {
                                draft.update(|d| d.level = l)
                            }
                        }
                    >
                        {Level::ALL
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <option value=l.key() selected=move || level.get() == l>
                                        {l.label_zh()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                {text_input(
                    "platform-name",
                    "平台名称",
                    |p| p.name.clone(),
                    |d, v| d.platform.name = v,
                )}
                <div class="field secondary">
                    <label for="platform-district">"所在区县"</label>
                    <input
                        id="platform-district"
                        type="text"
                        list="district-list"
                        autocomplete="off"
                        prop:value=move || platform.with(|p| p.district.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|d| d.platform.district = v)
                        }
                    />
                    <datalist id="district-list">
                        {crate::domain::districts::DISTRICTS
                            .iter()
                            .map(|d| view! { <option value=d.name></option> })
                            .collect_view()}
                    </datalist>
                </div>
                <YearField draft=draft platform=platform />
                <FillDate draft=draft platform=platform />
                <div class="field check secondary">
                    <label for="platform-branch">
                        <input
                            id="platform-branch"
                            type="checkbox"
                            prop:checked=move || platform.with(|p| p.branch)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                draft.update(|d| d.platform.branch = on)
                            }
                        />
                        "国家级、市级平台在区县设立的分平台"
                    </label>
                    <p class="hint">
                        "第十六条：视为区县级平台，在等次排名中按区县级计。"
                    </p>
                </div>
            </div>
            <button
                type="button"
                class="platform-more"
                aria-controls="platform-grid"
                aria-expanded=move || if more.get() { "true" } else { "false" }
                data-testid="platform-more"
                on:click=move |_| more.update(|m| *m = !*m)
            >
                <span class="glance">{move || glance.get()}</span>
                {move || {
                    let bad = problem.get();
                    (!bad.is_empty())
                        .then(|| {
                            view! { <span class="glance-error">{format!("{bad}有误")}</span> }
                        })
                }}
                <span class="more-label">
                    {move || if more.get() { "收起 ▴" } else { "更多 ▾" }}
                </span>
            </button>
            <p class="reading secondary" class:hidden=move || level.get() == Level::City>
                <span class="tag">"本工具的解读"</span>
                {move || level.get().reading_zh()}
            </p>
            <p class="edition">
                {move || edition.with(|e| e.as_ref().map(|(text, _)| text.clone()))}
            </p>
            // A 2025 evaluation on the 2026 edition (issue 23): said here too, phones included.
            {move || {
                let edition = draft.with(|d| d.rubric().ok().map(|r| r.edition.clone()))?;
                platform
                    .with(|p| crate::domain::edition::migrate::year_note(&p.year, &edition))
                    .map(|note| {
                        view! {
                            <p class="msg warn edition-year" data-testid="edition-year">
                                {note}
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// 评估年度 (issue 15.2): what is typed is kept while typing; on leaving the field it is
/// read as a 4-digit year ("2025年", "２０２５" → 2025) or, if it is not one, kept with a
/// Chinese message at the field.
#[component]
fn YearField(draft: RwSignal<Draft>, platform: Memo<Platform>) -> impl IntoView {
    let editing = RwSignal::new(false);
    let error = move || {
        if editing.get() {
            None
        } else {
            platform.with(|p| normalise_year(&p.year).err().map(|e| e.message))
        }
    };
    view! {
        <div class="field secondary" class:invalid=move || error().is_some()>
            <label for="platform-year">"评估年度"</label>
            <input
                id="platform-year"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                placeholder="如 2025"
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby="platform-year-msg"
                prop:value=move || platform.with(|p| p.year.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    editing.set(true);
                    draft.update(|d| d.platform.year = v)
                }
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    editing.set(false);
                    if let Ok(year) = normalise_year(&v) {
                        if year != v {
                            draft.update(|d| d.platform.year = year)
                        }
                    }
                }
            />
            <p class="msg" id="platform-year-msg" role="alert">
                {move || { error().map(|m| view! { <span data-testid="year-error">{m}</span> }) }}
            </p>
        </div>
    }
}

/// Every indicator, grouped under its 一级指标, with its live subtotal.
#[component]
pub fn IndicatorForm(draft: RwSignal<Draft>, report: Memo<Option<Report>>) -> impl IntoView {
    let state = Fields { draft, report };
    // Rebuild the inputs only when the rubric itself changes, never on a keystroke.
    // An imported edition is found by its fingerprint (issue 13); a missing one scores
    // nothing, and the message names the edition and the fingerprint.
    let rubric = Memo::new(move |_| {
        state.draft.with(|d| {
            d.rubric()
                .map(|r| {
                    (
                        r.id.clone(),
                        r.edition.clone(),
                        d.edition_fingerprint.clone(),
                    )
                })
                .map_err(|e| e.message().to_string())
        })
    });
    move || {
        let (id, edition, code) = match rubric.get() {
            Ok(found) => found,
            // A missing edition: said (with the fingerprint and an import) by
            // `edition_link::MissingEdition` above the form; no inputs, no score.
            Err(_) => return ().into_any(),
        };
        let Ok(r) = crate::domain::edition::resolve(&id, &edition, &code) else {
            return ().into_any();
        };
        let ones = fan_out(state, r);
        r.groups
            .iter()
            .map(|g| {
                let gid = g.id.clone();
                let cap = fmt_decimal(r.group_cap(&g.id));
                let gid2 = gid.clone();
                let subtotal = move || {
                    state.report.with(|rep| {
                        rep.as_ref()
                            .and_then(|rep| {
                                rep.groups
                                    .iter()
                                    .find(|x| x.id == gid)
                                    .map(|x| fmt_decimal(x.score))
                            })
                            .unwrap_or_default()
                    })
                };
                let headroom = move || {
                    state.report.with(|rep| {
                        rep.as_ref()
                            .and_then(|rep| rep.groups.iter().find(|x| x.id == gid2))
                            .map(|x| crate::domain::score::headroom_text(x.headroom))
                            .unwrap_or_default()
                    })
                };
                view! {
                    <section class="card group" id=format!("group-{}", g.id)>
                        <h2>
                            {format!("{}. {}", g.id, g.name)}
                            <span class="group-score">{subtotal}" / "{cap}" 分"</span>
                            <span class="group-headroom">{headroom}</span>
                        </h2>
                        {r
                            .indicators
                            .iter()
                            .filter(|i| i.group == g.id)
                            .map(|ind| {
                                let one = ones
                                    .iter()
                                    .copied()
                                    .find(|o| o.id == ind.id)
                                    .unwrap_or_else(|| One::new(state, ind.id.as_str()));
                                indicator_view(state, r, ind, one)
                            })
                            .collect_view()}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    }
}

/// Every indicator's [`One`], and the two effects that keep them: after a change of the
/// draft, and of the report, each compares every indicator's slice and sets those that
/// differ. Created with the rubric's inputs (and dropped with them).
fn fan_out(state: Fields, r: &'static Rubric) -> Vec<One> {
    let ones: Vec<One> = r
        .indicators
        .iter()
        .map(|ind| One::new(state, ind.id.as_str()))
        .collect();
    let list = StoredValue::new(ones.clone());
    Effect::new(move |_| {
        state
            .draft
            .with(|d| list.with_value(|l| l.iter().for_each(|o| o.take_draft(d))))
    });
    Effect::new(move |_| {
        state
            .report
            .with(|rep| list.with_value(|l| l.iter().for_each(|o| o.take_report(rep.as_ref()))))
    });
    ones
}

/// What one indicator's widgets read: its own slice of the draft and of the report, each
/// in a signal of its own. One effect per source (see [`fan_out`]) compares every
/// indicator's slice after a change and sets only those that differ, so a keystroke
/// notifies the indicator typed into (and the summary and subtotals), not the other
/// indicators' widgets, and the draft and the report each have a handful of subscribers
/// instead of four per indicator (issue 10, item 6).
#[derive(Clone, Copy)]
struct One {
    id: &'static str,
    score: RwSignal<Option<IndicatorScore>>,
    /// (field key, message) of this indicator's invalid fields.
    errors: RwSignal<Vec<(String, String)>>,
    inputs: RwSignal<Option<BTreeMap<String, Value>>>,
    note: RwSignal<String>,
}

impl One {
    fn new(state: Fields, id: &'static str) -> One {
        let one = One {
            id,
            score: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            inputs: RwSignal::new(None),
            note: RwSignal::new(String::new()),
        };
        state.draft.with_untracked(|d| one.take_draft(d));
        state.report.with_untracked(|r| one.take_report(r.as_ref()));
        one
    }

    /// Sets this indicator's slices of the draft that changed.
    fn take_draft(self, d: &Draft) {
        let inputs = d.inputs.get(self.id);
        if self.inputs.with_untracked(|old| old.as_ref() != inputs) {
            self.inputs.set(inputs.cloned());
        }
        let note = d.notes.get(self.id).map(String::as_str).unwrap_or_default();
        if self.note.with_untracked(|old| old != note) {
            self.note.set(note.to_string());
        }
    }

    /// Sets this indicator's slices of the report that changed.
    fn take_report(self, report: Option<&Report>) {
        let score = report.and_then(|r| r.indicator(self.id));
        if self.score.with_untracked(|old| old.as_ref() != score) {
            self.score.set(score.cloned());
        }
        let mine = |e: &&crate::domain::DraftError| matches!(&e.path, FieldPath::Input { indicator, .. } if indicator == self.id);
        let errors = report.map(|r| r.errors.iter().filter(mine).collect::<Vec<_>>());
        let errors = errors.unwrap_or_default();
        let same = self.errors.with_untracked(|old| {
            old.len() == errors.len()
                && old.iter().zip(&errors).all(|((f, m), e)| {
                    matches!(&e.path, FieldPath::Input { field, .. } if field == f)
                        && *m == e.message
                })
        });
        if !same {
            self.errors.set(
                errors
                    .into_iter()
                    .filter_map(|e| match &e.path {
                        FieldPath::Input { field, .. } => Some((field.clone(), e.message.clone())),
                        _ => None,
                    })
                    .collect(),
            );
        }
    }

    /// A field's error message, if the report has one.
    fn error(self, field: &str) -> Option<String> {
        self.errors
            .with(|es| es.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()))
    }

    /// A field's value as typed.
    fn raw(self, field: &str) -> Option<Value> {
        self.inputs
            .with(|m| m.as_ref().and_then(|m| m.get(field)).cloned())
    }
}

fn indicator_view(
    state: Fields,
    r: &'static Rubric,
    ind: &'static Indicator,
    one: One,
) -> impl IntoView {
    let id = ind.id.as_str();
    let cap_text = ind.cap.map(fmt_decimal).unwrap_or_else(|| "——".into());
    let score = move || {
        one.score.with(|s| {
            s.as_ref()
                .map(|s| (s.score, s.own, s.counted, s.blank, s.capped))
        })
    };
    let working = move || {
        one.score
            .with(|s| s.as_ref().map(|s| s.working_text()).unwrap_or_default())
    };
    let next = move || {
        one.score
            .with(|s| s.as_ref().map(|s| s.next_text()).unwrap_or_default())
    };
    let note = one.note;
    let pair = r.pair_of(id);
    let first_of_pair = pair.is_some_and(|p| p.members.first().map(String::as_str) == Some(id));
    let note_id = format!("note-{id}");
    view! {
        {first_of_pair.then(|| pair.map(|p| pair_chooser(state, p)))}
        <article
            class="indicator"
            id=format!("ind-{id}")
            class:blank=move || score().is_some_and(|s| s.3)
            class:uncounted=move || score().is_some_and(|s| !s.2)
        >
            <header>
                <h3>
                    <span class="ind-id">{id}</span>
                    {ind.name.clone()}
                </h3>
                <div class="ind-score" data-testid=format!("score-{id}")>
                    <strong>{move || score().map(|s| fmt_decimal(s.0)).unwrap_or_default()}</strong>
                    " / "
                    {cap_text.clone()}
                    " 分"
                    {move || {
                        score()
                            .and_then(|s| {
                                s.3.then_some(view! { <span class="badge">"未填"</span> })
                            })
                    }}
                </div>
            </header>
            <div class="standard">
                <p class="official">
                    <span class="label">"评价标准："</span>
                    {ind.standard.clone()}
                </p>
                {ind
                    .reading
                    .clone()
                    .map(|t| {
                        view! {
                            <p class="reading">
                                <span class="tag">"本工具的解读"</span>
                                {t}
                            </p>
                        }
                    })}
            </div>
            <div class="inputs">
                {ind.fields.iter().map(|f| field_view(state, one, ind, f)).collect_view()}
            </div>
            <p class="working" data-testid=format!("working-{id}")>
                <span class="label">"计算："</span>
                {working}
            </p>
            {move || {
                let n = next();
                (!n.is_empty())
                    .then(|| {
                        view! {
                            <p class="next">
                                <span class="label">"再得分："</span>
                                {n}
                            </p>
                        }
                    })
            }}
            <div class="note">
                <label for=note_id.clone()>"备注（佐证材料、说明）"</label>
                <textarea
                    id=note_id
                    rows="1"
                    prop:value=move || note.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        state
                            .draft
                            .update(|d| {
                                if v.trim().is_empty() {
                                    d.notes.remove(id);
                                } else {
                                    d.notes.insert(id.to_string(), v);
                                }
                            })
                    }
                ></textarea>
            </div>
        </article>
    }
}

fn pair_chooser(state: Fields, pair: &'static crate::domain::rubric::Pair) -> impl IntoView {
    let pid = pair.id.as_str();
    let name = format!("pair-{}", pid.replace('/', "-"));
    let chosen = move || {
        state
            .draft
            .with(|d| d.choices.get(pid).cloned().unwrap_or_default())
    };
    let outcome = move || {
        state.report.with(|r| {
            let r = r.as_ref()?;
            let p = r.pairs.iter().find(|p| p.id == pid)?;
            let own = |m: &str| {
                r.indicator(m)
                    .map(|i| fmt_decimal(i.own))
                    .unwrap_or_default()
            };
            let scores: Vec<String> = p
                .members
                .iter()
                .map(|m| format!("{m} 得 {}", own(m)))
                .collect();
            Some(format!(
                "{}；计入 {}（{}）",
                scores.join("，"),
                p.counted,
                if p.explicit {
                    "手动选择"
                } else {
                    "未选择，按较高者"
                }
            ))
        })
    };
    // A manual choice that counts less than the automatic one says by how much.
    let loss = move || {
        state
            .report
            .with(|r| r.as_ref()?.pairs.iter().find(|p| p.id == pid)?.loss_text())
    };
    let option = move |value: String, label: String| {
        let v2 = value.clone();
        let input_id = format!(
            "{name}-{}",
            if value.is_empty() {
                "auto".to_string()
            } else {
                value.replace('.', "-")
            }
        );
        let for_id = input_id.clone();
        view! {
            <label class="choice" for=for_id>
                <input
                    type="radio"
                    id=input_id
                    name=name.clone()
                    prop:checked=move || chosen() == v2
                    on:change=move |_| {
                        let v = value.clone();
                        state
                            .draft
                            .update(|d| {
                                if v.is_empty() {
                                    d.choices.remove(pid);
                                } else {
                                    d.choices.insert(pid.to_string(), v);
                                }
                            })
                    }
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="pair" data-testid=format!("pair-{pid}")>
            <legend>
                {format!(
                    "{} 选其一（共用上限 {} 分，只计一项）",
                    pair.members.join("、"),
                    fmt_decimal(pair.cap),
                )}
            </legend>
            {option(String::new(), "自动（取较高者）".into())}
            {pair.members.iter().map(|m| option(m.clone(), format!("计入 {m}"))).collect_view()}
            <p class="pair-outcome">{outcome}</p>
            {move || {
                loss()
                    .map(|t| {
                        view! {
                            <p
                                class="pair-loss"
                                role="status"
                                data-testid=format!("pair-loss-{pid}")
                            >
                                {t}
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}

/// 填表日期: kept in the draft (`platform.fill_date`) and printed on the 得分表, never
/// replaced by the day of printing. A bad date is said at the field and kept as typed.
#[component]
fn FillDate(draft: RwSignal<Draft>, platform: Memo<Platform>) -> impl IntoView {
    let error = move || {
        platform.with(|p| {
            let t = p.fill_date.trim();
            (!t.is_empty() && !crate::domain::date::is_date(t))
                .then(|| "填表日期须为有效日期，如 2026-03-01".to_string())
        })
    };
    view! {
        <div class="field secondary" class:invalid=move || error().is_some()>
            <label for="platform-fill-date">"填表日期"</label>
            <input
                id="platform-fill-date"
                type="date"
                aria-describedby="platform-fill-date-err"
                prop:value=move || platform.with(|p| p.fill_date.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| d.platform.fill_date = v)
                }
            />
            <p class="msg" id="platform-fill-date-err" role="alert">
                {move || error().unwrap_or_default()}
            </p>
        </div>
    }
}
