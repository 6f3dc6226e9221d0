//! 改用其他版本评分标准… (issue 13, item 3): moving the draft on screen to another held
//! edition of the same rubric is an explicit action. Before anything happens the dialog
//! shows each indicator's score under the draft's edition and under the chosen one, its
//! rule changes (caps, points, units: `edition::diff`), the total of each, a warning when
//! the draft's 评估年度 is not the edition's year, and what is left behind ([`edition::migrate::move_draft`]); on confirm
//! a COPY scored under the chosen edition is added and opened, the original unchanged.

use crate::domain::edition::{self, migrate};
use crate::domain::number::fmt_decimal;
use crate::domain::{Draft, Rubric};
use crate::ui::state::Drafts;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The other held editions of the draft's rubric (every one but the draft's own).
pub fn others(d: &Draft) -> Vec<&'static Rubric> {
    let own = d.rubric().ok();
    edition::all()
        .into_iter()
        .filter(|r| r.id == d.rubric && own.is_none_or(|o| !std::ptr::eq(o, *r)))
        .collect()
}

fn name(r: &'static Rubric) -> String {
    format!(
        "{}版（指纹 {}{}）",
        r.edition,
        edition::short_of(r),
        if edition::is_bundled(r) {
            "，内置"
        } else {
            "，导入"
        }
    )
}

fn show(d: Option<Decimal>) -> String {
    d.map(fmt_decimal).unwrap_or_else(|| "——".into())
}

/// The dialog, shown while `open` is true.
#[component]
pub fn MoveDialog(open: RwSignal<bool>) -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let trust = expect_context::<crate::ui::state::held::TrustVersion>();
    let choices = Memo::new(move |_| {
        open.track();
        drafts.track_editions();
        drafts.draft().with(others)
    });
    let chosen = RwSignal::new(0usize);
    // Opened from the notice after an import: that edition is the one chosen.
    Effect::new(move |_| {
        let Some(code) = drafts.move_to().get() else {
            return;
        };
        if let Some(i) = choices.with(|c| c.iter().position(|r| edition::short_of(r) == code)) {
            chosen.set(i);
        }
        drafts.move_to().set(None);
    });
    let target = move || choices.with(|c| c.get(chosen.get()).or(c.first()).copied());
    // Recomputed where shown (a few dozen indicators): `Moved` has no equality for a memo.
    let moved = move || {
        let to = target()?;
        Some(
            drafts
                .draft()
                .with(|d| migrate::move_draft(d, to).map_err(|e| e.message)),
        )
    };
    let from = move || {
        drafts.draft().with(|d| {
            d.rubric()
                .map(name)
                .unwrap_or_else(|_| format!("{}版（本机没有，不计分）", d.edition))
        })
    };
    let confirm = move |_| {
        let (Some(to), Some(Ok(m))) = (untrack(target), untrack(moved)) else {
            return;
        };
        let old = drafts
            .current()
            .get_untracked()
            .map(|id| drafts.name_of(&id))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "草稿".into());
        let copy = format!("{old}（{}版）", to.edition);
        // From a link preview too: `add_and_open` leaves the preview (and its link).
        if drafts.add_and_open(&copy, &m.draft).is_some() {
            open.set(false);
            drafts.notify().say(format!(
                "已按{}另存为新草稿“{copy}”，总分 {} → {}；原草稿“{old}”未改动。",
                name(to),
                show(m.total_before),
                fmt_decimal(m.total_after)
            ));
        }
    };
    move || {
        open.get().then(|| {
            view! {
                <section
                    class="card move-edition"
                    role="dialog"
                    aria-modal="false"
                    aria-labelledby="move-title"
                    data-testid="move-dialog"
                >
                    <h3 id="move-title">"改用其他版本评分标准"</h3>
                    <p>
                        "草稿不会被改动：确认后按所选版本另存一份副本（指标和填写项按编号对应），原草稿保留原版本。下表是确认前的逐项比较。"
                    </p>
                    <p>
                        <span>"原版本："</span>
                        <strong data-testid="move-from">{from}</strong>
                    </p>
                    <label for="move-to">"改用："</label>
                    <select
                        id="move-to"
                        on:change=move |ev| {
                            chosen.set(event_target_value(&ev).parse().unwrap_or(0))
                        }
                    >
                        {move || {
                            choices
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    view! {
                                        <option
                                            value=i.to_string()
                                            selected=move || chosen.get() == i
                                        >
                                            {name(r)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    // Issue 21 item 7: who issued the edition moved to (its 签发单).
                    {move || {
                        trust.track();
                        drafts.track_editions();
                        target()
                            .map(|r| {
                                let verified = super::edition_link::issuer(drafts, r)
                                    .is_none_or(|s| s.is_verified());
                                view! {
                                    <p
                                        class="move-issuer"
                                        class:unverified=!verified
                                        data-testid="move-issuer"
                                    >
                                        {super::edition_link::issuer_text(drafts, r)}
                                    </p>
                                }
                            })
                    }}
                    {move || match moved() {
                        None => {
                            view! {
                                <p class="msg">"本机没有这一评分表的其他版本。"</p>
                            }
                                .into_any()
                        }
                        Some(Err(e)) => {
                            view! {
                                <p class="msg" role="alert">
                                    {e}
                                </p>
                            }
                                .into_any()
                        }
                        Some(Ok(m)) => {
                            let rules_of = |id: &str| -> Vec<String> {
                                m.changes
                                    .iter()
                                    .filter(|c| c.indicator.as_deref() == Some(id))
                                    .map(|c| c.detail.clone())
                                    .collect()
                            };
                            let whole: Vec<String> = m
                                .changes
                                .iter()
                                .filter(|c| c.indicator.is_none())
                                .map(|c| c.detail.clone())
                                .collect();
                            let n_rules = m.changes.len();
                            let rows = m
                                .rows
                                .iter()
                                .map(|r| {
                                    let rules = rules_of(&r.indicator);
                                    let changed = r.before != r.after || !rules.is_empty();
                                    let delta = match (r.before, r.after) {
                                        (Some(a), Some(b)) if a != b => {
                                            let d = b - a;
                                            if d > Decimal::ZERO {
                                                format!("+{}", fmt_decimal(d))
                                            } else {
                                                fmt_decimal(d)
                                            }
                                        }
                                        (Some(_), Some(_)) => String::new(),
                                        _ => "变动".into(),
                                    };
                                    // Each indicator's rule changes (caps, points, units, fields,
                                    // wording: edition::diff), beside its scores.
                                    view! {
                                        <tr
                                            class:changed=changed
                                            data-indicator=r.indicator.clone()
                                        >
                                            <td>{format!("{} {}", r.indicator, r.name)}</td>
                                            <td class="num">{show(r.before)}</td>
                                            <td class="num">{show(r.after)}</td>
                                            <td class="num">{delta}</td>
                                            <td class="rules">
                                                {if rules.is_empty() {
                                                    "—".to_string()
                                                } else {
                                                    rules.join("；")
                                                }}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            let delta = m
                                .total_before
                                .map(|b| {
                                    let d = m.total_after - b;
                                    if d > Decimal::ZERO {
                                        format!("+{}", fmt_decimal(d))
                                    } else {
                                        fmt_decimal(d)
                                    }
                                });
                            view! {
                                {m
                                    .year_note
                                    .clone()
                                    .map(|note| {
                                        view! {
                                            <p class="msg warn" role="alert" data-testid="move-year">
                                                {note}
                                            </p>
                                        }
                                    })}
                                <p data-testid="move-rule-count">
                                    {if n_rules == 0 {
                                        "两版的评分规则相同。".to_string()
                                    } else {
                                        format!(
                                            "两版的评分规则共有 {n_rules} 处不同，逐项列在“规则变化”一栏：",
                                        )
                                    }}
                                </p>
                                {(!whole.is_empty())
                                    .then(|| {
                                        view! {
                                            <p class="rules-whole">
                                                {format!("评分表整体：{}", whole.join("；"))}
                                            </p>
                                        }
                                    })}
                                <div class="table-wrap">
                                    <table class="move-table">
                                        <thead>
                                            <tr>
                                                <th>"指标"</th>
                                                <th>"原版得分"</th>
                                                <th>"新版得分"</th>
                                                <th>"变化"</th>
                                                <th>"规则变化"</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                        <tfoot>
                                            <tr class="total">
                                                <th scope="row">"总分"</th>
                                                <td class="num" data-testid="move-total-before">
                                                    {show(m.total_before)}
                                                </td>
                                                <td class="num" data-testid="move-total-after">
                                                    {fmt_decimal(m.total_after)}
                                                </td>
                                                <td class="num">{delta.unwrap_or_default()}</td>
                                                <td></td>
                                            </tr>
                                        </tfoot>
                                    </table>
                                </div>
                                {(!m.dropped.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul class="warnings">
                                                {m
                                                    .dropped
                                                    .into_iter()
                                                    .map(|d| {
                                                        view! { <li>{format!("不随副本迁移：{d}")}</li> }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    }}
                    <div class="row">
                        <button
                            type="button"
                            class="primary"
                            disabled=move || !matches!(moved(), Some(Ok(_)))
                            on:click=confirm
                        >
                            "按新版本另存为副本"
                        </button>
                        <button type="button" on:click=move |_| open.set(false)>
                            "取消"
                        </button>
                    </div>
                </section>
            }
        })
    }
}
