//! 年度对比: two drafts of one platform side by side, indicator by indicator.
//!
//! Two saved drafts are picked (by default the draft on screen and the one before it);
//! each is scored with `score_draft`, and every indicator, 一级指标 subtotal and the total
//! is shown with the change. Drafts of different platform types have different
//! indicators and are refused with a message.

use crate::domain::number::fmt_decimal;
use crate::domain::rubric;
use crate::domain::score::pair_swing;
use crate::domain::{score_draft, Draft, DraftError, Report};
use crate::store::{Entry, ReadError};
use crate::ui::state::{DraftList, Drafts, Sheet};
use crate::ui::widgets::DraftOptions;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// "+1.5", "−0.3", "0".
fn change_text(d: Decimal) -> String {
    if d.is_zero() {
        "0".into()
    } else if d.is_sign_positive() {
        format!("+{}", fmt_decimal(d))
    } else {
        format!("−{}", fmt_decimal(-d))
    }
}

fn change_class(d: Decimal) -> &'static str {
    if d.is_zero() {
        "change same"
    } else if d.is_sign_positive() {
        "change up"
    } else {
        "change down"
    }
}

fn score_text(d: Decimal) -> String {
    fmt_decimal(d).replace('-', "−")
}

/// The default pair: the draft on screen, and the one before it in the list (preferring
/// one of the same type).
fn defaults(entries: &[Entry], current: Option<&str>) -> (Option<String>, Option<String>) {
    let live: Vec<&Entry> = entries.iter().filter(|e| !e.deleted).collect();
    let cur = current
        .and_then(|c| live.iter().position(|e| e.id == c))
        .or(if live.is_empty() {
            None
        } else {
            Some(live.len() - 1)
        });
    let Some(ci) = cur else {
        return (None, None);
    };
    let rubric = &live[ci].rubric;
    let before = (0..ci).rev();
    let after = ci + 1..live.len();
    let prev = before
        .clone()
        .find(|i| &live[*i].rubric == rubric)
        .or_else(|| after.clone().find(|i| &live[*i].rubric == rubric))
        .or_else(|| before.clone().next())
        .or_else(|| after.clone().next());
    (
        prev.map(|i| live[i].id.to_string()),
        Some(live[ci].id.to_string()),
    )
}

/// One side of the comparison: the draft's label and score.
#[derive(Clone, PartialEq)]
pub struct Side {
    name: String,
    year: String,
    draft: Draft,
    report: Report,
}

/// Why two drafts are not compared; said (on the page and in print) by `Display`.
#[derive(Clone, PartialEq)]
enum Refused {
    /// Fewer than two drafts to choose from.
    NotTwo,
    /// A stored draft cannot be read: its name, and why.
    Unreadable(String, ReadError),
    /// A draft cannot be scored (its edition not held …): its name, and why.
    Unscored(String, DraftError),
    /// Drafts of different platform types: each one's name and type.
    Types([(String, String); 2]),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::NotTwo => f.write_str(
                "请选择两份草稿。本机至少需要保存两份草稿（可在上方“复制草稿”或“导入文件”）。",
            ),
            Refused::Unreadable(name, why) => write!(f, "草稿“{name}”无法读取：{why}"),
            Refused::Unscored(name, why) => write!(f, "草稿“{name}”无法计分：{}", why.message),
            Refused::Types([(a, ta), (b, tb)]) => write!(
                f,
                "两份草稿的平台类型不同（“{a}”为{ta}，“{b}”为{tb}），评分指标不同，无法逐项对比。请选择同一类型的两份草稿。"
            ),
        }
    }
}

/// The two drafts chosen and their comparison, shared by the page and its printed sheet
/// (created once by `App`).
#[derive(Clone, Copy)]
pub struct Comparing {
    left: RwSignal<Option<String>>,
    right: RwSignal<Option<String>>,
    sides: Memo<Result<(bool, Side, Side), Refused>>,
}

impl Comparing {
    pub fn new(state: DraftList) -> Comparing {
        let left = RwSignal::new(None::<String>);
        let right = RwSignal::new(None::<String>);
        let sides = sides_of(state, left, right);
        Comparing { left, right, sides }
    }
}

fn chosen_of(
    state: DraftList,
    left: RwSignal<Option<String>>,
    right: RwSignal<Option<String>>,
) -> (Option<String>, Option<String>) {
    let (da, db) = state
        .entries()
        .with(|es| defaults(es, state.current().get().as_deref()));
    (left.get().or(da), right.get().or(db))
}

fn sides_of(
    state: DraftList,
    left: RwSignal<Option<String>>,
    right: RwSignal<Option<String>>,
) -> Memo<Result<(bool, Side, Side), Refused>> {
    let chosen = move || chosen_of(state, left, right);
    let load = move |id: &str| -> Result<Side, Refused> {
        let name = state
            .entries()
            .with(|es| es.iter().find(|e| e.id == id).map(|e| e.name.clone()))
            .unwrap_or_default();
        let draft = match state.read(id) {
            Ok(d) => d,
            Err(why) => return Err(Refused::Unreadable(name, why)),
        };
        let report = match score_draft(&draft) {
            Ok(r) => r,
            Err(why) => return Err(Refused::Unscored(name, why)),
        };
        Ok(Side {
            name,
            year: draft.platform.year.trim().to_string(),
            draft,
            report,
        })
    };

    Memo::new(move |_| {
        let (a, b) = chosen();
        let (Some(a), Some(b)) = (a, b) else {
            return Err(Refused::NotTwo);
        };
        let sa = load(&a)?;
        let sb = load(&b)?;
        if sa.draft.rubric != sb.draft.rubric {
            let t = |s: &Side| {
                rubric::latest(&s.draft.rubric)
                    .map(|r| r.short_name.clone())
                    .unwrap_or_else(|| s.draft.rubric.clone())
            };
            return Err(Refused::Types([
                (sa.name.clone(), t(&sa)),
                (sb.name.clone(), t(&sb)),
            ]));
        }
        Ok((a == b, sa, sb))
    })
}

/// The printed 年度对比 (A4): hidden on screen, alone in print on the 年度对比 page.
#[component]
pub fn CompareSheet(comparing: Comparing, sheet: RwSignal<Sheet>) -> impl IntoView {
    let chosen = move || sheet.get() == Sheet::Compare;
    view! {
        <section
            class="print-sheet"
            data-sheet="compare"
            class:chosen=chosen
            aria-label="年度对比（打印）"
        >
            {move || {
                chosen()
                    .then(|| {
                        let body = match comparing.sides.get() {
                            Err(why) => view! { <p>{why.to_string()}</p> }.into_any(),
                            Ok((same, a, b)) => comparison(same, a, b, true).into_any(),
                        };
                        view! {
                            <h1>"年度对比"</h1>
                            {body}
                        }
                    })
            }}
        </section>
    }
}

#[component]
pub fn ComparePage(comparing: Comparing) -> impl IntoView {
    let state = expect_context::<Drafts>().list();
    let Comparing { left, right, sides } = comparing;
    let chosen = move || chosen_of(state, left, right);

    let picker = move |id: &'static str,
                       label: &'static str,
                       side: RwSignal<Option<String>>,
                       first: bool| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select
                    id=id
                    prop:value=move || {
                        let c = chosen();
                        if first { c.0 } else { c.1 }.unwrap_or_default()
                    }
                    on:change=move |ev| side.set(Some(event_target_value(&ev)))
                >
                    <DraftOptions
                        each=Signal::derive(move || state.live())
                        current=Signal::derive(move || {
                            let c = chosen();
                            if first { c.0 } else { c.1 }
                        })
                    />
                </select>
            </div>
        }
    };

    view! {
        <section class="card compare" aria-labelledby="compare-h">
            <h2 id="compare-h">"年度对比"</h2>
            <p class="lead">
                "选择同一平台两个年度（或两个版本）的草稿，逐项比较得分。变化 = 右侧 − 左侧。草稿在上方“当前草稿”中管理；正在编辑的草稿按屏幕上的最新内容计算。"
            </p>
            <div class="pickers">
                {picker("compare-a", "对比基准（如上一年度）", left, true)}
                <button
                    type="button"
                    class="swap"
                    aria-label="交换左右两份草稿"
                    on:click=move |_| {
                        let (a, b) = chosen();
                        left.set(b);
                        right.set(a);
                    }
                >
                    "⇄ 交换"
                </button> {picker("compare-b", "对比对象（如本年度）", right, false)}
            </div>
            {move || match sides.get() {
                Err(why) => {
                    view! {
                        <p class="refused" role="alert" data-testid="compare-refused">
                            {why.to_string()}
                        </p>
                    }
                        .into_any()
                }
                Ok((same, a, b)) => comparison(same, a, b, false).into_any(),
            }}
        </section>
    }
}

/// The comparison table. `print`: the printed copy, whose test ids are prefixed `print-`
/// so that the page's own stay unique.
fn comparison(same: bool, a: Side, b: Side, print: bool) -> impl IntoView {
    let tid = move |s: String| if print { format!("print-{s}") } else { s };
    let head = |s: &Side| {
        let year = if s.year.is_empty() {
            "未填年度".to_string()
        } else {
            format!("{} 年度", s.year)
        };
        view! {
            <span class="when">{year}</span>
            <span class="who">{s.name.clone()}</span>
        }
    };
    let mut notes = Vec::new();
    if same {
        notes.push("两侧是同一份草稿。".to_string());
    }
    if a.report.level != b.report.level {
        notes.push(format!(
            "两份草稿的评估层级不同（{}、{}）：量化指标的计分单位不同，得分变化不全是实际变化。",
            a.report.level.label_zh(),
            b.report.level.label_zh()
        ));
    }
    if a.report.edition != b.report.edition {
        notes.push(format!(
            "两份草稿按不同版本的评分表计分（{}版、{}版），按指标编号对应。",
            a.report.edition, b.report.edition
        ));
    }
    for p in &b.report.pairs {
        if let Some(t) = pair_swing(&a.report, &b.report, &p.id) {
            notes.push(format!(
                "{t}：该组得分的变化部分来自选择的改变，而非数据本身。"
            ));
        }
    }
    let ids: Vec<(String, String, String)> = {
        let mut v: Vec<(String, String, String)> = b
            .report
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.group.clone(), i.name.clone()))
            .collect();
        for i in &a.report.indicators {
            if !v.iter().any(|(id, _, _)| *id == i.id) {
                v.push((i.id.clone(), i.group.clone(), i.name.clone()));
            }
        }
        v
    };
    let groups = b.report.groups.clone();
    let body = groups
        .iter()
        .map(|g| {
            let ga = a
                .report
                .groups
                .iter()
                .find(|x| x.id == g.id)
                .map(|x| x.score)
                .unwrap_or_default();
            let gb = g.score;
            let rows =
                ids.iter()
                    .filter(|(_, grp, _)| *grp == g.id)
                    .map(|(id, _, name)| {
                        let ia = a.report.indicator(id);
                        let ib = b.report.indicator(id);
                        let sa = ia.map(|i| i.score).unwrap_or_default();
                        let sb = ib.map(|i| i.score).unwrap_or_default();
                        let blank_a = ia.is_none_or(|i| i.blank);
                        let blank_b = ib.is_none_or(|i| i.blank);
                        let d = sb - sa;
                        // The score, and beneath it the values it was worked from.
                        let cell = |side: &'static str,
                                s: Decimal,
                                blank: bool,
                                i: Option<&crate::domain::IndicatorScore>| {
                        let inputs = i.map(|i| i.inputs_text()).unwrap_or_else(|| "未填".into());
                        view! {
                            <td class="num">
                                {score_text(s)}
                                {blank.then(|| view! { <span class="badge">"未填"</span> })}
                                <span class="inputs" data-testid=tid(format!("inputs-{side}-{id}"))>
                                    {inputs}
                                </span>
                            </td>
                        }
                    };
                        // A swing in a 选其一 pair may come from the choice, not the figures.
                        let swing = m_pair(&b.report, id).and_then(|pid| {
                            pair_swing(&a.report, &b.report, &pid).map(|t| (pid, t))
                        });
                        view! {
                            <tr data-testid=tid(format!("cmp-{id}"))>
                                <th scope="row">
                                    <span class="ind-id">{id.clone()}</span>
                                    {name.clone()}
                                </th>
                                {cell("a", sa, blank_a, ia)}
                                {cell("b", sb, blank_b, ib)}
                                <td class=change_class(d) data-testid=tid(format!("change-{id}"))>
                                    {if blank_a && blank_b {
                                        "—".to_string()
                                    } else {
                                        change_text(d)
                                    }}
                                    {swing
                                        .map(|(pid, t)| {
                                            view! {
                                                <span
                                                    class="swing"
                                                    data-testid=tid(format!("swing-{pid}-{id}"))
                                                >
                                                    {t}
                                                </span>
                                            }
                                        })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
            view! {
                <tbody>
                    <tr class="group-row">
                        <th scope="row">
                            {format!("{}. {}（上限 {}）", g.id, g.name, fmt_decimal(g.cap))}
                        </th>
                        <td class="num">{score_text(ga)}</td>
                        <td class="num">{score_text(gb)}</td>
                        <td
                            class=change_class(gb - ga)
                            data-testid=tid(format!("change-group-{}", g.id))
                        >
                            {change_text(gb - ga)}
                        </td>
                    </tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view();
    let dt = b.report.total - a.report.total;
    view! {
        {(!notes.is_empty())
            .then(|| {
                view! {
                    <ul class="warnings">
                        {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                }
            })}
        <p class="compare-total" data-testid=tid("compare-total".into())>
            "总分 "
            <strong>{score_text(a.report.total)}</strong>
            " → "
            <strong>{score_text(b.report.total)}</strong>
            " "
            <span class=change_class(dt)>{change_text(dt)}" 分"</span>
        </p>
        <div class="table-wrap">
            <table class="comparison" data-testid=tid("compare-table".into())>
                <thead>
                    <tr>
                        <th scope="col">"指标"</th>
                        <th scope="col">{head(&a)}</th>
                        <th scope="col">{head(&b)}</th>
                        <th scope="col">"变化"</th>
                    </tr>
                </thead>
                {body}
                <tfoot>
                    <tr class="total">
                        <th scope="row">
                            {format!("总分（满分 {}）", fmt_decimal(b.report.cap_total))}
                        </th>
                        <td class="num">{score_text(a.report.total)}</td>
                        <td class="num">{score_text(b.report.total)}</td>
                        <td class=change_class(dt) data-testid=tid("change-total".into())>
                            {change_text(dt)}
                        </td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// The 选其一 pair an indicator belongs to, by the report.
fn m_pair(r: &Report, id: &str) -> Option<String> {
    r.indicator(id).and_then(|i| i.pair.clone())
}
