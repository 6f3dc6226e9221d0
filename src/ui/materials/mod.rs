//! 自评材料 (Art. 30(二), issue 12): the 文字报告 drafted from the draft (each paragraph
//! editable; the edit is kept in the draft, flagged 数据已变化 when its facts change, and
//! can be dropped with 恢复自动生成), the 佐证材料目录 (the tool's suggestions from the
//! rubric, 参考（本工具建议）, deletable or 不适用, and what the platform adds: name, 页数,
//! a tick), the count 佐证材料 12/17 项已备齐 over the rows kept, print of
//! the report and of the 目录 on A4, and Word / Excel export through the exporter worker
//! (`web::export_file`, loaded on the first export).
//!
//! Over 600 lines: the 文字报告 editor, the 佐证材料目录 and their printed sheets are one
//! page and one chunk.

use crate::domain::draft::bounds::MAX_EVIDENCE_ROWS;
use crate::domain::evidence::{catalogue, Catalogue, EvidenceItem, SUGGESTED_NOTE};
use crate::domain::number::fmt_decimal;
use crate::domain::text_report::{self, TextReport};
use crate::domain::{Draft, Report};
use crate::export::ExportKind;
use crate::ui::state::{Notify, Printer, Sheet};
use crate::ui::{raw_text, web};
use leptos::prelude::*;

/// Where an export stands.
#[derive(Clone, Debug, PartialEq)]
enum ExportState {
    Idle,
    Busy(ExportKind),
    Done(String),
    Failed(web::ExportFailure),
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The draft's attachment behind a 目录 line (same indicator, same name).
fn item_index(d: &Draft, indicator: &str, name: &str) -> Option<usize> {
    d.evidence
        .iter()
        .position(|e| e.indicator.trim() == indicator && norm(&e.name) == norm(name))
}

/// Changes the attachment behind a 目录 line, adding it to the draft when the line is one
/// the rubric lists and nothing is attached yet.
fn update_item(
    draft: RwSignal<Draft>,
    indicator: &str,
    name: &str,
    f: impl FnOnce(&mut EvidenceItem),
) {
    draft.update(|d| {
        let k = match item_index(d, indicator, name) {
            Some(k) => k,
            None => {
                d.evidence.push(EvidenceItem {
                    indicator: indicator.to_string(),
                    name: name.to_string(),
                    ..Default::default()
                });
                d.evidence.len() - 1
            }
        };
        f(&mut d.evidence[k]);
    });
}

#[component]
pub fn MaterialsPage(draft: RwSignal<Draft>, report: Memo<Option<Report>>) -> impl IntoView {
    let text = Memo::new(move |_| draft.with(|d| text_report::generate(d).ok()));
    let cat = Memo::new(move |_| {
        let r = report.get()?;
        draft.with(|d| Some(catalogue(d, d.rubric().ok()?, &r)))
    });
    let printer = expect_context::<Printer>();
    let notify = expect_context::<Notify>();
    let state = RwSignal::new(ExportState::Idle);
    let export = move |kind: ExportKind| {
        state.set(ExportState::Busy(kind));
        let json = draft.with_untracked(|d| d.to_json());
        web::export_file(
            kind,
            json,
            Box::new(move |result| {
                let _ = state.try_set(match result {
                    Ok(name) => ExportState::Done(name),
                    Err(e) => {
                        notify.warn(format!("导出失败：{e}"));
                        ExportState::Failed(e)
                    }
                });
            }),
        );
    };
    let busy = move || matches!(state.get(), ExportState::Busy(_));
    let flagged = move || text.with(|t| t.as_ref().map(|t| t.flagged().len()).unwrap_or(0));
    view! {
        <section class="card materials" aria-labelledby="materials-h">
            <h2 id="materials-h">"自评材料"</h2>
            <p class="hint">
                "《管理办法》第三十条（二）：文字报告、得分表、佐证材料。文字报告由本草稿的数据自动起草，每段可改写；"
                "改写的文字保存在草稿中。导出的 Word 文件含文字报告、附件1 得分表与附件2 佐证材料目录。"
            </p>
            <p class="materials-count" role="status">
                <strong>
                    {move || {
                        cat.with(|c| c.as_ref().map(Catalogue::summary_zh).unwrap_or_default())
                    }}
                </strong>
                {move || match flagged() {
                    0 => String::new(),
                    n => {
                        format!(
                            "　文字报告中有 {n} 段改写后数据已变化，请核对。",
                        )
                    }
                }}
            </p>
            <div class="actions">
                <button type="button" on:click=move |_| export(ExportKind::Docx) disabled=busy>
                    "导出 Word（.docx）"
                </button>
                <button type="button" on:click=move |_| export(ExportKind::Xlsx) disabled=busy>
                    "导出 Excel（.xlsx 得分表）"
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| printer.print(Sheet::Report)
                >
                    "打印文字报告"
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| printer.print(Sheet::Catalogue)
                >
                    "打印佐证材料目录"
                </button>
            </div>
            <p class="export-status" aria-live="polite">
                {move || match state.get() {
                    ExportState::Idle => String::new(),
                    ExportState::Busy(_) if !web::exporter_started() => String::new(),
                    ExportState::Busy(_) => {
                        "正在生成文件（首次导出需加载导出程序，约 0.5 MB）…"
                            .to_string()
                    }
                    ExportState::Done(name) => format!("已导出：{name}"),
                    ExportState::Failed(e) => format!("导出失败：{e}"),
                }}
            </p>
        </section>
        <ReportEditor draft=draft text=text />
        <EvidenceList draft=draft cat=cat />
    }
}

/// The 文字报告 on screen: one editor per paragraph, keyed by the paragraph's key.
#[component]
fn ReportEditor(draft: RwSignal<Draft>, text: Memo<Option<TextReport>>) -> impl IntoView {
    // (section heading or "", paragraph key): the keys change only with the rubric.
    let keys = Memo::new(move |_| {
        text.with(|t| {
            let Some(t) = t else { return Vec::new() };
            let mut out = vec![(String::new(), text_report::OPENING.to_string())];
            for s in &t.sections {
                for (k, p) in s.paragraphs.iter().enumerate() {
                    out.push((
                        if k == 0 {
                            s.heading.clone()
                        } else {
                            String::new()
                        },
                        p.key.clone(),
                    ));
                }
            }
            out.push((String::new(), text_report::CLOSING.to_string()));
            out
        })
    });
    view! {
        <section class="card report-editor" aria-labelledby="report-h">
            <h2 id="report-h">"文字报告"</h2>
            <p class="report-title">{move || text.with(|t| t.as_ref().map(|t| t.title.clone()))}</p>
            <For each=move || keys.get() key=|k| k.clone() let:k>
                {(!k.0.is_empty()).then(|| view! { <h3 class="report-section">{k.0.clone()}</h3> })}
                <ParagraphEditor draft=draft text=text key=k.1 />
            </For>
        </section>
    }
}

#[component]
fn ParagraphEditor(
    draft: RwSignal<Draft>,
    text: Memo<Option<TextReport>>,
    key: String,
) -> impl IntoView {
    let k = key.clone();
    let p = Memo::new(move |_| text.with(|t| t.as_ref().and_then(|t| t.paragraph(&k).cloned())));
    let error = RwSignal::new(None::<String>);
    let id = format!("para-{}", key.replace('.', "-"));
    let label = match key.as_str() {
        text_report::OPENING => "开头段".to_string(),
        text_report::CLOSING => "结尾段".to_string(),
        _ => String::new(),
    };
    let k_edit = key.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(t) = text.get_untracked() else {
            return;
        };
        let mut d = draft.get_untracked();
        let result = text_report::edit(&mut d, &t, &k_edit, &value);
        // Kept even when over the limit (issue 22): never dropped, said at the field.
        if d.report != draft.with_untracked(|d| d.report.clone()) {
            draft.set(d);
        }
        error.set(result.err().map(|e| e.to_string()));
    };
    let k_restore = key.clone();
    let restore = move |_| {
        error.set(None);
        draft.update(|d| {
            d.report.paragraphs.remove(&k_restore);
        });
    };
    let edited = move || p.with(|p| p.as_ref().is_some_and(|p| p.edited));
    // A kept paragraph over the limit says so, also after a reload.
    let problem = move || {
        error.get().or_else(|| {
            p.with(|p| {
                p.as_ref()
                    .filter(|p| p.edited)
                    .and_then(|p| text_report::too_long(&p.text))
            })
        })
    };
    let flag = move || p.with(|p| p.as_ref().and_then(|p| p.flag).map(|f| f.label_zh()));
    let heading = move || {
        p.with(|p| p.as_ref().and_then(|p| p.heading.clone()))
            .unwrap_or_else(|| label.clone())
    };
    view! {
        <div
            class="paragraph"
            data-key=key.clone()
            class:edited=edited
            class:flagged=move || flag().is_some()
        >
            <div class="paragraph-head">
                <label for=id.clone()>{heading}</label>
                {move || edited().then(|| view! { <span class="badge">"已改写"</span> })}
                {move || {
                    flag()
                        .map(|f| {
                            view! {
                                <span class="badge warn" role="status">
                                    {f}
                                </span>
                            }
                        })
                }}
                {move || {
                    edited()
                        .then(|| {
                            view! {
                                <button type="button" class="link" on:click=restore.clone()>
                                    "恢复自动生成"
                                </button>
                            }
                        })
                }}
            </div>
            <textarea
                id=id
                rows="4"
                prop:value=move || {
                    p.with(|p| p.as_ref().map(|p| p.text.clone()).unwrap_or_default())
                }
                on:change=on_change
                maxlength=crate::domain::draft::bounds::MAX_TEXT_CHARS.to_string()
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
            ></textarea>
            {move || {
                flag()
                    .map(|_| {
                        let generated = p
                            .with(|p| p.as_ref().map(|p| p.generated.clone()).unwrap_or_default());
                        view! {
                            <p class="hint">
                                "按现在的数据自动生成的文字：" {generated}
                            </p>
                        }
                    })
            }}
            {move || {
                problem()
                    .map(|e| {
                        view! {
                            <p class="msg" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// 佐证材料目录 rows drawn at first and added per click of 再显示 (issue 22): a list far
/// beyond a screenful never stalls the page.
const EVIDENCE_PAGE: usize = 100;

/// The 佐证材料目录 on screen: per line 序号, 对应指标, 材料名称, 页数 (an input), 已备齐
/// (a tick), 不适用 (a tick); every line can be deleted (a suggested one is kept in the
/// draft as `dropped`, and 恢复 brings the suggestions back); the platform's own
/// documents can be added.
#[component]
fn EvidenceList(draft: RwSignal<Draft>, cat: Memo<Option<Catalogue>>) -> impl IntoView {
    let lines = Memo::new(move |_| {
        cat.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.rows
                        .iter()
                        .map(|r| (r.indicator.clone(), r.name.clone(), r.suggested))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let indicators = move || {
        draft.with(|d| {
            d.rubric()
                .map(|r| {
                    r.indicators
                        .iter()
                        .map(|i| (i.id.clone(), format!("{} {}", i.id, i.name)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let shown = RwSignal::new(EVIDENCE_PAGE);
    let new_indicator = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_string();
        let indicator = new_indicator.get_untracked();
        if name.is_empty() {
            add_error.set(Some("请填写材料名称".into()));
            return;
        }
        if draft.with_untracked(|d| item_index(d, &indicator, &name).is_some()) {
            add_error.set(Some(format!("“{name}”已在目录中")));
            return;
        }
        if lines.with_untracked(Vec::len) >= MAX_EVIDENCE_ROWS {
            add_error.set(Some(format!(
                "佐证材料目录至多 {MAX_EVIDENCE_ROWS} 行（本工具的上限），不能再添加"
            )));
            return;
        }
        add_error.set(None);
        draft.update(|d| {
            d.evidence.push(EvidenceItem {
                indicator,
                name,
                ..Default::default()
            })
        });
        new_name.set(String::new());
    };
    let dropped = move || draft.with(|d| d.evidence.iter().filter(|e| e.dropped).count());
    let restore = move |_| draft.update(|d| d.evidence.retain(|e| !e.dropped));
    view! {
        <section class="card evidence" aria-labelledby="evidence-h">
            <h2 id="evidence-h">"佐证材料目录"</h2>
            <p class="reading" data-testid="evidence-suggested-note">
                <span class="tag">"参考（本工具建议）"</span>
                {SUGGESTED_NOTE}
            </p>
            {move || {
                let n = dropped();
                (n > 0)
                    .then(|| {
                        view! {
                            <p class="hint">
                                {format!("已删除 {n} 项参考材料。")}
                                <button
                                    type="button"
                                    class="link"
                                    data-testid="evidence-restore"
                                    on:click=restore
                                >
                                    "恢复本工具建议的材料"
                                </button>
                            </p>
                        }
                    })
            }}
            <div class="table-scroll">
                <table class="evidence-table">
                    <thead>
                        <tr>
                            <th>"序号"</th>
                            <th>"对应指标"</th>
                            <th>"材料名称"</th>
                            <th>"页数"</th>
                            <th>"已备齐"</th>
                            <th>"不适用"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                lines
                                    .with(|l| {
                                        l.iter().take(shown.get()).cloned().collect::<Vec<_>>()
                                    })
                            }
                            key=|l| l.clone()
                            let:l
                        >
                            <EvidenceRow draft=draft cat=cat indicator=l.0 name=l.1 suggested=l.2 />
                        </For>
                    </tbody>
                </table>
            </div>
            {move || {
                let total = lines.with(Vec::len);
                let now = shown.get().min(total);
                (now < total)
                    .then(|| {
                        view! {
                            <p class="evidence-more">
                                {format!("已显示 {now} 行，共 {total} 行。")}
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid="evidence-more"
                                    on:click=move |_| shown.update(|n| *n += EVIDENCE_PAGE)
                                >
                                    {format!("再显示 {} 行", (total - now).min(EVIDENCE_PAGE))}
                                </button>
                            </p>
                        }
                    })
            }}
            <p class="hint">
                {format!(
                    "目录至多 {MAX_EVIDENCE_ROWS} 行；文字报告每段至多 {} 字（超出的仍会保存并提示）。",
                    text_report::MAX_EDIT_CHARS,
                )}
            </p>
            <form class="evidence-add" on:submit=add>
                <label>
                    "对应指标"
                    <select
                        on:change=move |ev| new_indicator.set(event_target_value(&ev))
                        prop:value=move || new_indicator.get()
                    >
                        <option value="">"（不对应具体指标）"</option>
                        {move || {
                            indicators()
                                .into_iter()
                                .map(|(id, label)| view! { <option value=id>{label}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label>
                    "材料名称"
                    <input
                        type="text"
                        prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit">"添加材料"</button>
                {move || {
                    add_error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="msg" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </form>
        </section>
    }
}

#[component]
fn EvidenceRow(
    draft: RwSignal<Draft>,
    cat: Memo<Option<Catalogue>>,
    indicator: String,
    name: String,
    suggested: bool,
) -> impl IntoView {
    let (i2, n2) = (indicator.clone(), name.clone());
    let item =
        Memo::new(move |_| draft.with(|d| item_index(d, &i2, &n2).map(|k| d.evidence[k].clone())));
    let (i3, n3) = (indicator.clone(), name.clone());
    let number = move || {
        cat.with(|c| {
            c.as_ref()
                .and_then(|c| {
                    c.rows
                        .iter()
                        .find(|r| r.indicator == i3 && r.name == n3 && r.suggested == suggested)
                })
                .map(|r| r.number.to_string())
                .unwrap_or_default()
        })
    };
    let error = move || {
        item.with(|i| {
            i.as_ref()
                .and_then(|i| i.page_count().err())
                .map(|e| e.to_string())
        })
    };
    let (i4, n4) = (indicator.clone(), name.clone());
    let set_pages = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        update_item(draft, &i4, &n4, |e| {
            e.pages = if v.trim().is_empty() {
                serde_json::Value::Null
            } else {
                serde_json::Value::String(v.trim().to_string())
            }
        });
    };
    let (i5, n5) = (indicator.clone(), name.clone());
    let set_ready = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        update_item(draft, &i5, &n5, |e| e.ready = on);
    };
    let (i7, n7) = (indicator.clone(), name.clone());
    let set_na = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        update_item(draft, &i7, &n7, |e| e.not_applicable = on);
    };
    let (i6, n6) = (indicator.clone(), name.clone());
    // A suggested line is kept in the draft as dropped (so it does not come back); the
    // platform's own line is removed.
    let remove = move |_| {
        if suggested {
            update_item(draft, &i6, &n6, |e| {
                *e = EvidenceItem {
                    indicator: e.indicator.clone(),
                    name: e.name.clone(),
                    dropped: true,
                    ..Default::default()
                }
            });
        } else {
            draft.update(|d| {
                if let Some(k) = item_index(d, &i6, &n6) {
                    d.evidence.remove(k);
                }
            })
        }
    };
    let na = move || item.with(|i| i.as_ref().is_some_and(|i| i.not_applicable));
    let label = format!("{name} 页数");
    view! {
        <tr
            class:ready=move || {
                item.with(|i| i.as_ref().is_some_and(|i| i.ready || i.not_applicable))
            }
            data-testid="evidence-row"
        >
            <td class="num">{number}</td>
            <td>{indicator.clone()}</td>
            <td>
                {name.clone()}
                {if suggested {
                    view! {
                        <span class="badge" title="本工具建议，可删除">
                            "参考"
                        </span>
                    }
                        .into_any()
                } else {
                    view! { <span class="badge">"自添"</span> }.into_any()
                }}
            </td>
            <td class="pages" class:invalid=move || error().is_some()>
                <input
                    type="text"
                    inputmode="numeric"
                    aria-label=label
                    prop:value=move || {
                        item.with(|i| i.as_ref().map(|i| raw_text(&i.pages)).unwrap_or_default())
                    }
                    on:change=set_pages
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                />
                {move || {
                    error()
                        .map(|e| {
                            view! {
                                <p class="msg" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </td>
            <td class="tick">
                <input
                    type="checkbox"
                    aria-label=format!("{name} 已备齐")
                    prop:checked=move || item.with(|i| i.as_ref().is_some_and(|i| i.ready))
                    prop:disabled=na
                    on:change=set_ready
                />
            </td>
            <td class="tick">
                <input
                    type="checkbox"
                    aria-label=format!("{name} 不适用")
                    prop:checked=na
                    on:change=set_na
                />
            </td>
            <td>
                <button
                    type="button"
                    class="link"
                    aria-label=format!("删除 {name}")
                    on:click=remove.clone()
                >
                    "删除"
                </button>
            </td>
        </tr>
    }
}

/// The 文字报告 printed on A4 as a 公文 (title in 小标宋, body in 仿宋, headings in 黑体 /
/// 楷体; fonts named in style/tokens.css, none downloaded).
#[component]
pub fn ReportSheet(draft: RwSignal<Draft>, sheet: RwSignal<Sheet>) -> impl IntoView {
    move || {
        if sheet.get() != Sheet::Report {
            return None;
        }
        let t = draft.with(text_report::generate).ok()?;
        let para = |text: &str| {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| view! { <p class="body">{l.trim().to_string()}</p> })
                .collect_view()
        };
        let sections = t
            .sections
            .iter()
            .map(|s| {
                let paras = s
                    .paragraphs
                    .iter()
                    .map(|p| {
                        view! {
                            {p.heading.clone().map(|h| view! { <h3>{h}</h3> })}
                            {para(&p.text)}
                        }
                    })
                    .collect_view();
                view! {
                    <h2>{s.heading.clone()}</h2>
                    {paras}
                }
            })
            .collect_view();
        Some(view! {
            <section
                class="print-sheet gongwen chosen"
                data-sheet="report"
                aria-label="文字报告（打印）"
            >
                <h1>{t.title.clone()}</h1>
                {para(&t.opening.text)}
                {sections}
                {para(&t.closing.text)}
                <p class="body">
                    {format!(
                        "自评总分：{} 分（满分 {} 分）。",
                        fmt_decimal(t.total),
                        fmt_decimal(t.cap_total),
                    )}
                </p>
            </section>
        })
    }
}

/// The 佐证材料目录 printed on A4: 序号, 对应指标, 材料名称, 页数, and the count.
#[component]
pub fn CatalogueSheet(
    draft: RwSignal<Draft>,
    report: Memo<Option<Report>>,
    sheet: RwSignal<Sheet>,
) -> impl IntoView {
    move || {
        if sheet.get() != Sheet::Catalogue {
            return None;
        }
        let r = report.get()?;
        let (c, title, platform) = draft.with(|d| {
            let rubric = d.rubric().ok()?;
            let name = d.platform.name.trim();
            Some((
                catalogue(d, rubric, &r),
                format!(
                    "{}佐证材料目录",
                    if name.is_empty() { "本平台" } else { name }
                ),
                rubric.platform_type.clone(),
            ))
        })?;
        let rows = c
            .rows
            .iter()
            .map(|row| {
                let ind = if row.indicator_name.is_empty() {
                    row.indicator.clone()
                } else {
                    format!("{} {}", row.indicator, row.indicator_name)
                };
                view! {
                    <tr>
                        <td class="num">{row.number}</td>
                        <td>{ind}</td>
                        <td>{row.name.clone()}</td>
                        <td class="num">
                            {if row.not_applicable {
                                "不适用".to_string()
                            } else {
                                row.pages.map(|p| p.to_string()).unwrap_or_default()
                            }}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section
                class="print-sheet gongwen chosen"
                data-sheet="catalogue"
                aria-label="佐证材料目录（打印）"
            >
                <h1>{title}</h1>
                <p class="body center">{platform}</p>
                <table class="catalogue">
                    <colgroup>
                        <col class="c-no" />
                        <col class="c-ind" />
                        <col class="c-doc" />
                        <col class="c-pages" />
                    </colgroup>
                    <thead>
                        <tr>
                            <th>"序号"</th>
                            <th>"对应指标"</th>
                            <th>"材料名称"</th>
                            <th>"页数"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <td colspan="3">{c.summary_zh()}</td>
                            <td class="num">{format!("共 {} 页", c.total_pages())}</td>
                        </tr>
                    </tfoot>
                </table>
                <p class="body note">{format!("注：{SUGGESTED_NOTE}")}</p>
            </section>
        })
    }
}
