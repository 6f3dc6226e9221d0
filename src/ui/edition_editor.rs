//! 评分标准 → 编辑新版 (issue 13, item 2): the edition editor, a thin front over
//! `domain::edition::edit::Work`. Start from any held edition, name the new one, edit one
//! indicator at a time (names, 评价标准, readings, caps, units, points, thresholds, tiers,
//! presets, fields, indicators, 选其一), see every problem at its indicator and field and
//! the changes against the base live, print the 调整说明 (`Sheet::Edition`), publish.
//!
//! The work in progress is kept in the browser after every edit (`store`,
//! `cqhr.editor.work`), so a reload keeps it. Publishing goes the way of an imported file:
//! registered beside the bundled editions and kept under `cqhr.edition.<fingerprint>`.

use super::state::{Drafts, Printer, Sheet};
use super::web;
use crate::domain::edition::edit::{grouped, Edit, Slot, Work, WorkProblem};
use crate::domain::edition::{self, Change};
use crate::domain::{fmt_decimal, FieldKind, Rubric, Term};
use leptos::prelude::*;

/// The editor's state: a context created by `App` (the page and the printed notice read it).
#[derive(Clone, Copy)]
pub struct Editor {
    pub work: RwSignal<Option<Work>>,
    /// The indicator expanded (one at a time, so a long rubric stays navigable).
    pub open: RwSignal<Option<String>>,
    /// Bumped by each publish: the editions list re-reads the registry.
    pub published: RwSignal<u32>,
    problems: Memo<Vec<WorkProblem>>,
    /// Numbers changed under an unchanged 评价标准 ([`Work::reminders`]): said at the
    /// text, never blocking 发布.
    reminders: Memo<Vec<WorkProblem>>,
    changes: Memo<Vec<Change>>,
    drafts: Drafts,
}

impl Editor {
    /// Reads the kept work (an unreadable one is reported and dropped) and keeps every
    /// change. Call after the stored editions are registered (the work's base may be one).
    pub fn new(drafts: Drafts) -> Editor {
        let kept = drafts.store.with_value(|s| s.editor_work());
        let work = match kept.map(|t| serde_json::from_str::<Work>(&t)) {
            Some(Ok(w)) => Some(w),
            Some(Err(_)) => {
                drafts
                    .notify
                    .warn("本机保存的“编辑中的评分标准”无法读取，已放弃；请重新开始编辑。");
                None
            }
            None => None,
        };
        let work = RwSignal::new(work);
        Effect::new(move |_| {
            let json = work.with(|w| {
                w.as_ref()
                    .map(|w| serde_json::to_string(w).unwrap_or_default())
            });
            let r = drafts.store.try_update_value(|s| match &json {
                Some(j) => s.keep_editor_work(j),
                None => {
                    s.forget_editor_work();
                    Ok(())
                }
            });
            if let Some(Err(e)) = r {
                drafts.notify.warn(format!(
                    "编辑中的评分标准未能保存在本机（{e}），刷新页面会丢失；请先发布或导出。"
                ));
            }
        });
        let problems =
            Memo::new(move |_| work.with(|w| w.as_ref().map(Work::problems).unwrap_or_default()));
        let changes =
            Memo::new(move |_| work.with(|w| w.as_ref().map(Work::changes).unwrap_or_default()));
        let reminders = Memo::new(move |_| {
            changes
                .with(|c| work.with(|w| w.as_ref().map(|w| w.reminders_in(c)).unwrap_or_default()))
        });
        Editor {
            work,
            open: RwSignal::new(None),
            published: RwSignal::new(0),
            problems,
            reminders,
            changes,
            drafts,
        }
    }

    fn apply(self, edit: Edit) {
        let mut refused = None;
        self.work.update(|w| {
            if let Some(w) = w {
                if let Err(e) = w.apply(edit) {
                    refused = Some(e);
                }
            }
        });
        if let Some(e) = refused {
            self.drafts.notify.warn(e);
        }
    }

    fn read<T: Default>(self, f: impl FnOnce(&Work) -> T) -> T {
        self.work.with(|w| w.as_ref().map(f).unwrap_or_default())
    }

    fn read_untracked<T: Default>(self, f: impl FnOnce(&Work) -> T) -> T {
        self.work
            .with_untracked(|w| w.as_ref().map(f).unwrap_or_default())
    }

    /// Problems at one indicator (any place within it), tracked.
    fn count_at(self, id: &str) -> usize {
        self.problems.with(|ps| {
            ps.iter()
                .filter(|p| p.indicator.as_deref() == Some(id))
                .count()
        })
    }

    /// Publishes: checked as an imported file, registered and kept in the browser.
    fn publish(self) {
        let result = self.read_untracked(|w| Some(w.publish()));
        match result {
            Some(Ok((r, _))) => {
                let (held, failed) = super::edition_link::keep(self.drafts, r);
                if let Some(e) = failed {
                    self.drafts.notify.warn(format!(
                        "评分标准已发布，但未能保存在本机：{e}；请先“导出文件”。"
                    ));
                } else {
                    // As after an import: the open draft of that rubric may move to it at once.
                    super::edition_link::say_imported(
                        self.drafts,
                        format!(
                            "已发布{} {}版（指纹 {}）：已保存在本机，可在上表“导出文件”发给各平台，或“按此版新建草稿”。",
                            held.short_name,
                            held.edition,
                            edition::short_of(held)
                        ),
                        &[held],
                    );
                }
                self.published.update(|n| *n += 1);
            }
            Some(Err(problems)) => self.drafts.notify.warn(format!(
                "尚不能发布：{}（共 {} 处问题，已在各指标处标出）",
                problems.first().cloned().unwrap_or_default(),
                problems.len()
            )),
            None => {}
        }
    }
}

/// The largest numeric edition held, plus one ("2026"); else empty.
fn next_edition() -> String {
    edition::all()
        .iter()
        .filter_map(|r| r.edition.parse::<u32>().ok())
        .max()
        .map(|y| (y + 1).to_string())
        .unwrap_or_default()
}

fn dom_id(key: &str) -> String {
    format!("ed-{}", key.replace([':', '.', '/'], "-"))
}

/// The editor on the 评分标准 page.
#[component]
pub fn EditionEditor() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let editing = Memo::new(move |_| editor.work.with(|w| w.is_some()));
    view! {
        <section class="card edition-editor" aria-labelledby="editor-h">
            <h2 id="editor-h">"编辑新版评分标准"</h2>
            {move || {
                if editing.get() {
                    editing_view(editor).into_any()
                } else {
                    start_view(editor).into_any()
                }
            }}
        </section>
    }
}

fn start_view(editor: Editor) -> impl IntoView {
    let held = edition::all();
    let choice = RwSignal::new(0usize);
    let name = RwSignal::new(next_edition());
    let options = held
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let source = if edition::is_bundled(r) {
                "内置"
            } else {
                "导入"
            };
            let label = format!(
                "{} {} {}版（{}，指纹 {}）",
                r.appendix,
                r.short_name,
                r.edition,
                source,
                edition::short_of(r)
            );
            view! { <option value=i.to_string()>{label}</option> }
        })
        .collect_view();
    let begin = move |_| {
        let Some(base) = held.get(choice.get_untracked()).copied() else {
            return;
        };
        editor.open.set(None);
        editor
            .work
            .set(Some(Work::start(base, name.get_untracked().trim())));
    };
    view! {
        <p class="lead">
            "第二十九条：市人力社保局可每年调整指标及分值权重。从已有的一版开始（内置或导入的），改好后核对变动、打印调整说明，再发布为新的一版。"
        </p>
        <div class="editor-start">
            <div class="field">
                <label for="editor-base">"从哪一版开始"</label>
                <select
                    id="editor-base"
                    on:change=move |ev| choice.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="editor-new-name">"新版本名称"</label>
                <input
                    id="editor-new-name"
                    type="text"
                    autocomplete="off"
                    placeholder="如 2026"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <button type="button" class="primary" id="editor-begin" on:click=begin>
                "开始编辑"
            </button>
        </div>
    }
}

fn editing_view(editor: Editor) -> impl IntoView {
    let printer = expect_context::<Printer>();
    let base_line = move || {
        editor.read(|w| {
            let name = w
                .base()
                .map(|b| format!("{} {}", b.appendix, b.short_name))
                .unwrap_or_else(|| w.base_id.clone());
            format!(
                "起点：{name} {}版（指纹 {}）。每次修改即时保存在本机，刷新页面不会丢失。",
                w.base_edition,
                &w.base_fingerprint[..8.min(w.base_fingerprint.len())]
            )
        })
    };
    let total = move || editor.read(|w| fmt_decimal(w.rubric.cap_total()));
    let count = move || editor.problems.with(Vec::len);
    let whole: Signal<Vec<String>> = Signal::derive(move || {
        editor.problems.with(|ps| {
            ps.iter()
                .filter(|p| p.indicator.is_none())
                .map(|p| p.local.clone())
                .collect()
        })
    });
    // The shape: groups and their indicators (redrawn only when it changes).
    let groups = Memo::new(move |_| {
        editor.read(|w| {
            w.rubric
                .groups
                .iter()
                .map(|g| {
                    let ids: Vec<String> = w
                        .rubric
                        .indicators
                        .iter()
                        .filter(|i| i.group == g.id)
                        .map(|i| i.id.clone())
                        .collect();
                    (g.id.clone(), ids)
                })
                .collect::<Vec<_>>()
        })
    });
    let discard = move |_| {
        if web::confirm("放弃正在编辑的评分标准？未发布的修改将丢失。") {
            editor.work.set(None);
        }
    };
    view! {
        <p class="lead">{base_line}</p>
        <div class="editor-meta">
            {text_input(
                editor,
                "editor-edition".into(),
                "新版本名称".into(),
                |w| w.rubric.edition.clone(),
                Edit::Edition,
            )}
            {text_input(
                editor,
                "editor-title".into(),
                "评分表标题".into(),
                |w| w.rubric.title.clone(),
                Edit::Title,
            )}
        </div>
        <p class="editor-status" role="status" class:invalid=move || { count() > 0 }>
            <span class="cap-total">
                {move || format!("各指标分值上限合计 {} 分", total())}
            </span>
            " · "
            {move || match count() {
                0 => "✓ 校验通过，可以发布".to_string(),
                n => format!("⚠ {n} 处问题，改正后才能发布"),
            }}
            {move || match editor.reminders.with(Vec::len) {
                0 => String::new(),
                n => {
                    format!(
                        "（另有 {n} 条提醒：分值改了而评价标准文字未改，不影响发布）",
                    )
                }
            }}
        </p>
        <Show when=move || !whole.get().is_empty()>
            <div role="alert">
                <ul class="warnings editor-problems">
                    {move || whole.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
        <div class="editor-layout">
            <div class="editor-groups">
                {move || {
                    groups
                        .get()
                        .into_iter()
                        .map(|(gid, ids)| group_view(editor, gid, ids))
                        .collect_view()
                }}
            </div>
            <ChangesView editor=editor />
        </div>
        <div class="editor-actions">
            <button
                type="button"
                class="primary"
                id="editor-publish"
                prop:disabled=move || { count() > 0 }
                on:click=move |_| editor.publish()
            >
                "发布此版"
            </button>
            <button type="button" id="editor-print" on:click=move |_| printer.print(Sheet::Edition)>
                "打印调整说明"
            </button>
            <button type="button" id="editor-discard" on:click=discard>
                "放弃编辑"
            </button>
            <span class="hint">
                "发布后在上表“导出文件”，把文件发给各平台；平台在“评分标准”页导入即可按新版计分。"
            </span>
        </div>
    }
}

fn text_input(
    editor: Editor,
    id: String,
    label: String,
    get: impl Fn(&Work) -> String + Send + Sync + 'static,
    set: impl Fn(String) -> Edit + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                autocomplete="off"
                prop:value=move || editor.read(&get)
                on:input=move |ev| editor.apply(set(event_target_value(&ev)))
            />
        </div>
    }
}

fn text_area(
    editor: Editor,
    id: String,
    label: String,
    get: impl Fn(&Work) -> String + Send + Sync + 'static,
    set: impl Fn(String) -> Edit + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="field wide">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows="3"
                prop:value=move || editor.read(&get)
                on:input=move |ev| editor.apply(set(event_target_value(&ev)))
            ></textarea>
        </div>
    }
}

fn number_input(editor: Editor, slot: Slot, label: String, unit: String) -> impl IntoView {
    let key = slot.key();
    let id = dom_id(&key);
    let k = key.clone();
    let error = Memo::new(move |_| {
        editor.problems.with(|ps| {
            ps.iter()
                .find(|p| p.slot.as_deref() == Some(k.as_str()))
                .map(|p| p.message.clone())
        })
    });
    let error = move || error.get();
    let shown_slot = slot.clone();
    view! {
        <div class="field num" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <div class="with-unit">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    data-slot=key
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    prop:value=move || editor.read(|w| w.shown(&shown_slot))
                    on:input=move |ev| {
                        editor
                            .apply(Edit::Number {
                                slot: slot.clone(),
                                text: event_target_value(&ev),
                            })
                    }
                />
                <span class="unit">{unit}</span>
            </div>
            <p class="msg" role="alert">
                {move || error().unwrap_or_default()}
            </p>
        </div>
    }
}

fn group_view(editor: Editor, gid: String, ids: Vec<String>) -> impl IntoView {
    let g = gid.clone();
    let cap = move || editor.read(|w| fmt_decimal(w.rubric.group_cap(&g)));
    let (g2, g3) = (gid.clone(), gid.clone());
    let name_id = format!("ed-group-{gid}");
    view! {
        <section class="editor-group" data-group=gid.clone()>
            <div class="editor-group-head">
                {text_input(
                    editor,
                    name_id,
                    format!("一级指标 {gid}"),
                    move |w| w.rubric.group(&g2).map(|g| g.name.clone()).unwrap_or_default(),
                    move |name| Edit::GroupName {
                        group: g3.clone(),
                        name,
                    },
                )} <span class="group-cap">{move || format!("上限合计 {} 分", cap())}</span>
            </div>
            {ids.into_iter().map(|id| indicator_row(editor, id)).collect_view()}
        </section>
    }
}

fn indicator_row(editor: Editor, id: String) -> impl IntoView {
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| editor.open.with(|o| o.as_deref() == Some(id.as_str())))
    };
    let head = {
        let id = id.clone();
        move || {
            editor.read(|w| {
                w.rubric
                    .indicator(&id)
                    .map(|i| {
                        let cap = i
                            .cap
                            .map(|c| format!("上限 {} 分", fmt_decimal(c)))
                            .unwrap_or_else(|| "扣分项".into());
                        (format!("{} {}", i.id, i.name), cap)
                    })
                    .unwrap_or_default()
            })
        }
    };
    let head2 = head.clone();
    let bad = {
        let id = id.clone();
        Memo::new(move |_| editor.count_at(&id))
    };
    let bad = move || bad.get();
    let toggle = {
        let id = id.clone();
        move |_| {
            editor.open.update(|o| {
                *o = if o.as_deref() == Some(id.as_str()) {
                    None
                } else {
                    Some(id.clone())
                }
            })
        }
    };
    let body_id = id.clone();
    view! {
        <div
            class="editor-indicator"
            data-indicator=id.clone()
            class:open=move || is_open.get()
            class:invalid=move || { bad() > 0 }
        >
            <button
                type="button"
                class="editor-toggle"
                aria-expanded=move || if is_open.get() { "true" } else { "false" }
                on:click=toggle
            >
                <span class="ind-title">{move || head().0}</span>
                <span class="ind-cap">{move || head2().1}</span>
                <span class="ind-bad">
                    {move || match bad() {
                        0 => String::new(),
                        n => format!("⚠ {n} 处问题"),
                    }}
                </span>
            </button>
            {move || is_open.get().then(|| indicator_body(editor, body_id.clone()))}
        </div>
    }
}

/// A term's kind and the field it reads (a tier term: its number of tiers): the form's
/// shape, without the numbers (edited in place).
#[derive(Clone, PartialEq)]
enum TermShape {
    PerUnit(String),
    Replacement(String),
    Area(String),
    Deduction(String),
    EachOf(String),
    Judged(String),
    Tier(usize),
}

/// What an indicator's form is made of; the body is redrawn only when it changes.
#[derive(Clone, PartialEq)]
struct Shape {
    fields: Vec<(String, FieldKind)>,
    terms: Vec<TermShape>,
    presets: usize,
    pair: Option<String>,
    deduction: bool,
}

fn shape_of(w: &Work, id: &str) -> Option<Shape> {
    let i = w.rubric.indicator(id)?;
    let terms = i
        .terms
        .iter()
        .map(|t| match t {
            Term::PerUnit { field, .. } => TermShape::PerUnit(field.clone()),
            Term::Replacement { total, .. } => TermShape::Replacement(total.clone()),
            Term::AreaAbove { field, .. } => TermShape::Area(field.clone()),
            Term::Deduction { field, .. } => TermShape::Deduction(field.clone()),
            Term::EachOf { field, .. } => TermShape::EachOf(field.clone()),
            Term::Judged { field } => TermShape::Judged(field.clone()),
            Term::Tier { tiers, .. } => TermShape::Tier(tiers.len()),
        })
        .collect();
    Some(Shape {
        fields: i.fields.iter().map(|f| (f.key.clone(), f.kind)).collect(),
        terms,
        presets: i.presets.len(),
        pair: w.rubric.pair_of(id).map(|p| p.id.clone()),
        deduction: i.cap.is_none(),
    })
}

fn indicator_body(editor: Editor, id: String) -> impl IntoView {
    let sid = id.clone();
    let shape = Memo::new(move |_| editor.read(|w| shape_of(w, &sid)));
    let iid = id.clone();
    view! {
        <div class="editor-body">
            {move || shape.get().map(|s| body_of(editor, iid.clone(), s))}
        </div>
    }
}

fn body_of(editor: Editor, id: String, s: Shape) -> impl IntoView {
    let here = id.clone();
    let whole = move || {
        editor.problems.with(|ps| {
            ps.iter()
                .filter(|p| {
                    p.indicator.as_deref() == Some(here.as_str())
                        && p.field.is_none()
                        && p.slot.is_none()
                })
                .map(|p| p.local.clone())
                .collect::<Vec<_>>()
        })
    };
    let rid = id.clone();
    let reminder = move || {
        editor.reminders.with(|rs| {
            rs.iter()
                .find(|p| p.indicator.as_deref() == Some(rid.as_str()))
                .map(|p| p.message.clone())
        })
    };
    let (i1, i2, i3) = (id.clone(), id.clone(), id.clone());
    let (j1, j2, j3) = (id.clone(), id.clone(), id.clone());
    let name = text_input(
        editor,
        format!("ed-name-{}", id.replace('.', "-")),
        "指标名称".into(),
        move |w| {
            w.rubric
                .indicator(&i1)
                .map(|i| i.name.clone())
                .unwrap_or_default()
        },
        move |name| Edit::Name {
            indicator: j1.clone(),
            name,
        },
    );
    let standard = text_area(
        editor,
        format!("ed-standard-{}", id.replace('.', "-")),
        "评价标准".into(),
        move |w| {
            w.rubric
                .indicator(&i2)
                .map(|i| i.standard.clone())
                .unwrap_or_default()
        },
        move |text| Edit::Standard {
            indicator: j2.clone(),
            text,
        },
    );
    let reading = text_area(
        editor,
        format!("ed-reading-{}", id.replace('.', "-")),
        "本工具的解读（可空）".into(),
        move |w| {
            w.rubric
                .indicator(&i3)
                .and_then(|i| i.reading.clone())
                .unwrap_or_default()
        },
        move |text| Edit::Reading {
            indicator: j3.clone(),
            text,
        },
    );
    let cap = if s.deduction {
        view! { <p class="hint">"扣分项：无分值上限（——）"</p> }.into_any()
    } else {
        let label = if s.pair.is_some() {
            "分值上限（选其一共用）"
        } else {
            "分值上限"
        };
        number_input(
            editor,
            Slot::Cap {
                indicator: id.clone(),
            },
            label.into(),
            "分".into(),
        )
        .into_any()
    };
    let fields = s
        .fields
        .iter()
        .map(|(key, kind)| field_row(editor, id.clone(), key.clone(), *kind, &s.terms))
        .collect_view();
    let terms = s
        .terms
        .iter()
        .enumerate()
        .map(|(n, t)| term_row(editor, id.clone(), n, t))
        .collect_view();
    let presets = (0..s.presets)
        .map(|n| preset_row(editor, id.clone(), n))
        .collect_view();
    let pair = pair_row(editor, id.clone(), s.pair.clone());
    let (t_id, r_id) = (id.clone(), id.clone());
    let add = move |_| {
        editor.apply(Edit::AddIndicator {
            template: t_id.clone(),
        })
    };
    let remove = move |_| {
        if web::confirm(&format!("删除指标 {r_id}？")) {
            editor.open.set(None);
            editor.apply(Edit::RemoveIndicator {
                indicator: r_id.clone(),
            });
        }
    };
    view! {
        <div role="alert">
            <ul class="msg-list">
                {move || {
                    whole().into_iter().map(|m| view! { <li class="msg">{m}</li> }).collect_view()
                }}
            </ul>
        </div>
        <div class="editor-name-cap">{name} {cap}</div>
        {standard}
        {move || {
            reminder()
                .map(|m| {
                    view! {
                        <p class="note reminder" data-testid="editor-reminder">
                            {format!("提醒：{m}")}
                        </p>
                    }
                })
        }}
        {reading}
        <h3>"填写项"</h3>
        <div class="editor-fields">{fields}</div>
        <h3>"计分规则"</h3>
        <div class="editor-terms">{terms} {presets}</div>
        {pair}
        <div class="editor-ind-actions">
            <button type="button" class="small" on:click=add>
                "以此为模板新增指标"
            </button>
            <button type="button" class="small" on:click=remove>
                "删除此指标"
            </button>
        </div>
    }
}

fn field_row(
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

fn field_text(w: &Work, id: &str, key: &str, label: bool) -> String {
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
fn term_row(editor: Editor, id: String, n: usize, t: &TermShape) -> impl IntoView {
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

fn tier_rows(editor: Editor, id: String, n: usize, count: usize) -> impl IntoView {
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

fn tier_label(w: &Work, id: &str, n: usize, k: usize) -> String {
    match w.rubric.indicator(id).and_then(|i| i.terms.get(n)) {
        Some(Term::Tier { tiers, .. }) => tiers.get(k).map(|t| t.label.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

fn preset_row(editor: Editor, id: String, n: usize) -> impl IntoView {
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

fn pair_row(editor: Editor, id: String, pair: Option<String>) -> impl IntoView {
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

/// The changes against the base, grouped by indicator (on screen, live).
#[component]
fn ChangesView(editor: Editor) -> impl IntoView {
    let groups = Memo::new(move |_| {
        editor
            .changes
            .with(|cs| editor.read(|w| grouped(cs, &w.rubric, w.base())))
    });
    let n = move || editor.changes.with(Vec::len);
    let base = move || editor.read(|w| w.base_edition.clone());
    view! {
        <section class="editor-diff" aria-labelledby="editor-diff-h">
            <h3 id="editor-diff-h">
                {move || format!("与 {} 版相比的变动（{} 项）", base(), n())}
            </h3>
            <Show when=move || n() == 0>
                <p class="muted-line">"尚无变动。"</p>
            </Show>
            {move || {
                groups
                    .get()
                    .into_iter()
                    .map(|(h, lines)| {
                        view! {
                            <div class="diff-group">
                                <h4>{h}</h4>
                                <ul>
                                    {lines
                                        .into_iter()
                                        .map(|l| view! { <li>{l}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// The printed 调整说明 (`Sheet::Edition`): the title, the basis, the changes grouped by
/// indicator, the cap total, the fingerprint, room for the issuing office and date.
#[component]
pub fn NoticeSheet(editor: Editor, sheet: RwSignal<Sheet>) -> impl IntoView {
    let chosen = move || sheet.get() == Sheet::Edition;
    let drafts = expect_context::<Drafts>();
    let trust = expect_context::<super::signing::held::TrustVersion>();
    view! {
        <section
            class="print-sheet notice-sheet"
            data-sheet="edition"
            class:chosen=chosen
            aria-label="评分标准调整说明（打印）"
        >
            {move || {
                trust.track();
                drafts.editions.track();
                chosen().then(|| notice(editor, drafts))
            }}
        </section>
    }
}

fn notice(editor: Editor, drafts: Drafts) -> impl IntoView {
    let problems = editor.problems.get();
    // The bureau's notice lists the rules it adjusts, not the tool's own readings (issue 23:
    // "解读改为…" was printed); the screen's live list keeps them.
    let changes: Vec<Change> = editor
        .changes
        .get()
        .into_iter()
        .filter(|c| c.kind.is_official())
        .collect();
    editor.work.with(|w| {
        let Some(w) = w else {
            return view! {
                <p>
                    "没有正在编辑的评分标准：请在“评分标准”页开始编辑新版。"
                </p>
            }.into_any();
        };
        let r: &Rubric = &w.rubric;
        let groups = grouped(&changes, r, w.base());
        let rows = groups
            .into_iter()
            .enumerate()
            .map(|(n, (h, lines))| {
                view! {
                    <tr>
                        <td class="num">{n + 1}</td>
                        <td>{h}</td>
                        <td>
                            <ul>
                                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            </ul>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let unfinished = (!problems.is_empty()).then(|| {
            view! {
                <p class="notice-draft">
                    {format!(
                        "（本稿尚有 {} 处问题未改正，尚不能发布。）",
                        problems.len(),
                    )}
                </p>
            }
        });
        view! {
            <h1>
                {format!(
                    "人力资源服务发展平台绩效评估指标调整说明（{}版）",
                    r.edition,
                )}
            </h1>
            <p class="subtitle">{format!("{} {}", r.appendix, r.title)}</p>
            {unfinished}
            <p class="basis">
                {format!(
                    "根据《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）第二十九条，市人力社保局对{}《{}》的指标及分值权重作如下调整（与 {} 版相比，共 {} 项），自______起执行。",
                    r.appendix,
                    r.title,
                    w.base_edition,
                    changes.len(),
                )}
            </p>
            <table class="notice-changes">
                <colgroup>
                    <col class="c-no" />
                    <col class="c-ind" />
                    <col class="c-change" />
                </colgroup>
                <thead>
                    <tr>
                        <th>"序号"</th>
                        <th>"指标"</th>
                        <th>"调整内容"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="basis">
                {format!(
                    "调整后各指标分值上限合计 {} 分。新版评分标准文件：{} {}版，指纹 {}（导入后在“评分标准”页核对）。",
                    fmt_decimal(r.cap_total()),
                    r.short_name,
                    r.edition,
                    edition::short(r),
                )}
            </p>
            // Issue 21 item 7: the signer of this content's 签发单, if one is held.
            <p class="basis notice-issuer" data-testid="notice-issuer">
                {match super::edition_link::issuer(drafts, r) {
                    Some(s) if s.is_verified() => super::edition_link::issuer_text(drafts, r),
                    _ => {
                        "发布单位未验证（本机尚无市人力社保局对本版内容的签发单）"
                            .to_string()
                    }
                }}
            </p>
            <div class="signatures">
                <div>"发布单位（盖章）：" <span class="line"></span></div>
                <div>"日期：" <span class="line short"></span></div>
            </div>
        }
        .into_any()
    })
}
