//! The reviewer's screen (Art. 30: 区县初审 and 市级评审) over the draft on screen.
//!
//! - [`ReviewChoice`]: which stages a draft holds and who signed them, and the two ways in
//!   (以区县初审身份审核 / 以市级评审身份审核), asking the reviewer's name and date. Shown
//!   in the link preview and above the platform's form.
//! - [`ReviewPage`]: per field the platform's value (and the 初审 value, for the city)
//!   read-only beside the reviewer's editable value; per indicator the 自评 and reviewed
//!   scores with the difference in words (核减 / 核增), a reason box per changed indicator,
//!   核实无误 for the unchanged ones; signing, staleness and 重新确认.
//! - [`ReviewSummary`]: every stage's subtotals and totals.
//!
//! The review is a draft like any other: opening one from a link (or on a draft without
//! that stage) saves a copy named "<平台> · 初审"; which draft is open for review is kept
//! per draft id in localStorage, so a reload comes back to the review. The comparison
//! (`domain::review::review`, ~0.7 ms) is one memo, [`Reviewing::report`].
//!
//! Over 600 lines: `ReviewPage` (about 400) is one form whose parts share its signals; an
//! indicator's rows are in `field.rs`, the totals in `summary.rs`.

mod field;
mod sheet;
mod summary;

pub use sheet::ReviewSheet;
pub use summary::ReviewSummary;

use field::indicator_view;

use crate::domain::number::fmt_decimal;
use crate::domain::review::{self as rv, FieldReview, LayerStatus, ReviewLayer};
use crate::domain::rubric::{self, Indicator, Term};
use crate::domain::{Draft, FieldKind, FieldPath, ReviewReport, Stage};
use crate::export::ExportKind;
use crate::ui::state::{Drafts, Printer, Reviewing, SaveState, Sheet};
use crate::ui::{raw_text, web};
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

fn before(stage: Stage) -> Stage {
    match stage {
        Stage::City => Stage::District,
        _ => Stage::SelfAssessed,
    }
}

/// "核减 1.2" / "核增 0.5" / "" — always in words, never by colour alone.
fn delta_text(delta: Decimal) -> String {
    if delta < Decimal::ZERO {
        format!("核减 −{}", fmt_decimal(-delta))
    } else if delta > Decimal::ZERO {
        format!("核增 +{}", fmt_decimal(delta))
    } else {
        String::new()
    }
}

fn delta_class(delta: Decimal) -> &'static str {
    if delta < Decimal::ZERO {
        "delta cut"
    } else if delta > Decimal::ZERO {
        "delta add"
    } else {
        "delta"
    }
}

/// "平台自评；区县初审（王敏，2026-04-10，签名有效）" — the stages a draft holds.
pub fn stages_line(d: &Draft) -> String {
    let mut parts = vec!["平台自评".to_string()];
    for s in rv::signatures(d) {
        let who = if s.reviewer.trim().is_empty() {
            "未署名".to_string()
        } else {
            s.reviewer.trim().to_string()
        };
        parts.push(format!(
            "{}（{}，{}，{}）",
            s.stage.long_label_zh(),
            who,
            if s.date.trim().is_empty() {
                "未填日期"
            } else {
                s.date.trim()
            },
            s.status.label_zh()
        ));
    }
    parts.join("；")
}

/// Opens (or creates) the layer of `stage` and shows the review screen. From a link
/// preview, or on a draft without that stage, the review is saved as a new draft.
fn start_review(
    drafts: Drafts,
    reviewing: Reviewing,
    stage: Stage,
    reviewer: String,
    date: String,
) {
    let mut d = drafts.draft().get_untracked();
    let had = d.reviews.iter().any(|l| l.stage() == Some(stage));
    let Some(i) = rv::open_layer(&mut d, stage, &reviewer, &date) else {
        return;
    };
    d.reviews[i].reviewer = reviewer;
    d.reviews[i].date = date;
    let preview = drafts.saving().is_preview();
    if preview || !had || drafts.current().get_untracked().is_none() {
        let base = d.platform.name.trim();
        let name = format!(
            "{} · {}",
            if base.is_empty() { "草稿" } else { base },
            stage.label_zh()
        );
        // A link preview's review becomes the reviewer's own draft (`Drafts::keep_as`).
        if let Some(id) = drafts.keep_as(&name, &d) {
            reviewing.open(&id, stage);
            drafts.notify().say(format!(
                "已以{}身份打开审核，审核内容另存为草稿“{name}”（平台填报的数值不会被修改）。",
                stage.long_label_zh()
            ));
        }
    } else {
        drafts.draft().set(d);
        if let Some(id) = drafts.current().get_untracked() {
            reviewing.open(&id, stage);
        }
    }
}

/// The stages a draft holds and the two ways into a review. `in_preview`: the link
/// preview's instance (the page's own one stays away during a preview).
#[component]
pub fn ReviewChoice(#[prop(optional)] in_preview: bool) -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let reviewing = expect_context::<Reviewing>();
    let asking = RwSignal::new(None::<Stage>);
    let name = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let ask = move |s: Stage| {
        let (who, when) = drafts.draft().with_untracked(|d| {
            d.reviews
                .iter()
                .find(|l| l.stage() == Some(s))
                .map(|l| (l.reviewer.clone(), l.date.clone()))
                .unwrap_or_default()
        });
        name.set(who);
        date.set(if when.trim().is_empty() {
            web::today_iso()
        } else {
            when
        });
        tried.set(false);
        asking.set(Some(s));
    };
    let name_error = move || {
        (tried.get() && name.with(|n| n.trim().is_empty()))
            .then_some("请填写审核人（单位及姓名）。")
    };
    let date_error = move || {
        (tried.get() && !date.with(|d| crate::domain::date::is_date(d.trim())))
            .then_some("审核日期应为真实日期，格式为 年-月-日，例如 2026-04-10。")
    };
    let begin = move |_| {
        tried.set(true);
        let Some(stage) = asking.get_untracked() else {
            return;
        };
        if name_error().is_some() || date_error().is_some() {
            return;
        }
        start_review(
            drafts,
            reviewing,
            stage,
            name.get_untracked().trim().to_string(),
            date.get_untracked().trim().to_string(),
        );
        asking.set(None);
    };
    // The phone's menu asks for a stage: the form's instance opens its questions.
    if !in_preview {
        Effect::new(move |_| {
            if let Some(s) = reviewing.request.get() {
                reviewing.request.set(None);
                ask(s);
            }
        });
    }
    let trust = expect_context::<crate::ui::state::held::TrustVersion>();
    let stages = move || {
        trust.track();
        drafts.draft().with(stages_line)
    };
    let hidden = move || !in_preview && drafts.saving().status().get() == SaveState::Preview;
    view! {
        <div
            class="review-choice"
            class:in-preview=in_preview
            class:hidden=hidden
            data-testid=if in_preview { "review-choice-preview" } else { "review-choice" }
        >
            <p class="review-stages" data-testid="review-stages">
                <span class="label">"审核阶段："</span>
                {stages}
            </p>
            <div class="actions">
                // On a phone only the stage shows (区县初审, 市级评审: style/review.css), so
                // that the line fits beside 审核阶段; the name stays whole.
                {[Stage::District, Stage::City]
                    .into_iter()
                    .map(|s| {
                        view! {
                            <button
                                type="button"
                                aria-label=format!("以{}身份审核", s.long_label_zh())
                                on:click=move |_| ask(s)
                            >
                                <span class="long">"以"</span>
                                {s.long_label_zh()}
                                <span class="long">"身份审核"</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                asking
                    .get()
                    .map(|s| {
                        view! {
                            <div
                                class="review-start"
                                role="group"
                                aria-label=format!("{}：审核人与日期", s.long_label_zh())
                            >
                                <div class="field" class:invalid=move || name_error().is_some()>
                                    <label for="review-who">"审核人（单位及姓名）"</label>
                                    <input
                                        id="review-who"
                                        type="text"
                                        autocomplete="off"
                                        aria-describedby="review-who-err"
                                        prop:value=move || name.get()
                                        on:input=move |ev| name.set(event_target_value(&ev))
                                    />
                                    <p class="msg" id="review-who-err" role="alert">
                                        {name_error}
                                    </p>
                                </div>
                                <div class="field" class:invalid=move || date_error().is_some()>
                                    <label for="review-date">"审核日期"</label>
                                    // A date input: the browser's own picker and
                                    // typing, never text appended to a pre-filled date.
                                    <input
                                        id="review-date"
                                        type="date"
                                        min="1900-01-01"
                                        max="2100-12-31"
                                        autocomplete="off"
                                        aria-describedby="review-date-err"
                                        prop:value=move || date.get()
                                        on:input=move |ev| date.set(event_target_value(&ev))
                                    />
                                    <p class="msg" id="review-date-err" role="alert">
                                        {date_error}
                                    </p>
                                </div>
                                <div class="actions">
                                    <button type="button" class="primary" on:click=begin>
                                        {format!("开始{}", s.long_label_zh())}
                                    </button>
                                    <button type="button" on:click=move |_| asking.set(None)>
                                        "取消"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Edits the layer of `stage` (nothing when the draft has none).
fn edit_layer(draft: RwSignal<Draft>, stage: Stage, f: impl FnOnce(&mut ReviewLayer)) {
    draft.update(|d| {
        if let Some(l) = d.reviews.iter_mut().find(|l| l.stage() == Some(stage)) {
            f(l)
        }
    });
}

fn layer_index(d: &Draft, stage: Stage) -> Option<usize> {
    d.reviews.iter().position(|l| l.stage() == Some(stage))
}

/// A field's label and unit, for the fields that moved.
fn field_label(d: &Draft, indicator: &str, field: &str) -> String {
    d.rubric()
        .ok()
        .and_then(|r| r.indicators.iter().find(|i| i.id == indicator))
        .and_then(|i| i.fields.iter().find(|f| f.key == field))
        .map(|f| f.label.clone())
        .unwrap_or_else(|| field.to_string())
}

/// The reviewer's screen for `stage`.
#[component]
pub fn ReviewPage(draft: RwSignal<Draft>, stage: Stage) -> impl IntoView {
    let reviewing = expect_context::<Reviewing>();
    let drafts = expect_context::<Drafts>();
    let printer = expect_context::<Printer>();
    let report = reviewing.report;
    let has_layer = Memo::new(move |_| draft.with(|d| layer_index(d, stage).is_some()));
    let rubric_key = Memo::new(move |_| {
        draft.with(|d| d.rubric().ok().map(|r| (r.id.clone(), r.edition.clone())))
    });
    let status = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.stage(stage))
                .map(|s| s.status.clone())
        })
    });
    // 导出审核表（Excel）: the exporter worker writes it (web::export_file downloads it).
    let exporting = RwSignal::new(false);
    let export = move |_| {
        exporting.set(true);
        let json = draft.with_untracked(|d| d.to_json());
        web::export_file(
            ExportKind::ReviewXlsx,
            json,
            Box::new(move |result| {
                let _ = exporting.try_set(false);
                match result {
                    Ok(name) => drafts.notify().say(format!("已导出审核表：{name}")),
                    Err(e) => drafts.notify().warn(format!("导出失败：{e}")),
                }
            }),
        );
    };
    let sign = move |_| {
        let mut ok = false;
        draft.update(|d| {
            if let Some(i) = layer_index(d, stage) {
                ok = rv::confirm(d, i).is_ok();
            }
        });
        if ok {
            drafts.notify().say(format!(
                "已确认{}（未签名）。未经审核人密钥签名的审核，等次排名不予采用。",
                stage.long_label_zh()
            ));
        }
    };
    // 确认签署 (issue 21): the reviewer's key for this stage, opened with its passphrase,
    // signs the layer; the key must be of the stage's role and, for 初审, the district's.
    let signers = move || {
        crate::ui::state::held::keys()
            .into_iter()
            .filter(|k| rv::role_of(stage) == Some(k.card.role))
            .collect::<Vec<_>>()
    };
    let chosen_key = RwSignal::new(0usize);
    let passphrase = RwSignal::new(String::new());
    let sign_error = RwSignal::new(String::new());
    let sign_with_key = move |_| {
        let keys = signers();
        let Some(key) = keys
            .get(chosen_key.get_untracked())
            .or(keys.first())
            .cloned()
        else {
            sign_error.set(format!(
                "本浏览器没有{}密钥：请先在“签名与名录”页生成或导入",
                stage.label_zh()
            ));
            return;
        };
        if let Some(st) = draft.with_untracked(|d| rv::signable(d, stage, &key.card)) {
            sign_error.set(format!("不能签署：{}", st.text_zh()));
            return;
        }
        match key.unlock(&passphrase.get_untracked()) {
            Err(e) => sign_error.set(e.message_zh()),
            Ok(secret) => {
                let mut ok = false;
                draft.update(|d| {
                    if let Some(i) = layer_index(d, stage) {
                        ok = rv::sign_layer(d, i, &secret).is_ok();
                    }
                });
                passphrase.set(String::new());
                sign_error.set(String::new());
                if ok {
                    drafts.notify().say(format!(
                        "已以{}的密钥签署{}。此后内容如有改动，签名即失效。",
                        key.card.holder_zh(),
                        stage.long_label_zh()
                    ));
                }
            }
        }
    };
    let confirm_all = move |_| {
        draft.update(|d| {
            if let Some(i) = layer_index(d, stage) {
                rv::confirm_unchanged(d, i);
            }
        })
    };
    let close = move |_| reviewing.close(drafts.current().get_untracked());
    let stale_view = move || {
        let st = status.get()?;
        let text = st.text_zh();
        let view = match st {
            LayerStatus::Invalid { moved } => {
                let items = draft.with_untracked(|d| {
                    moved
                        .iter()
                        .map(|m| {
                            let mut t = m.text_zh();
                            if !m.indicator.is_empty() {
                                t = t.replacen(
                                    &format!(" {}：", m.field),
                                    &format!(" {}：", field_label(d, &m.indicator, &m.field)),
                                    1,
                                );
                            }
                            t
                        })
                        .collect::<Vec<_>>()
                });
                view! {
                    <div class="review-status stale" data-testid="review-status" role="alert">
                        <p>
                            <strong>"⚠ 签名无效（内容已改动）"</strong>
                            "：签名后，以下内容发生了变化。等次排名不采用本次审核，直至重新签名。"
                        </p>
                        <ul data-testid="review-moved">
                            {items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                        <button type="button" class="primary" on:click=sign>
                            "重新确认（未签名）"
                        </button>
                    </div>
                }
                .into_any()
            }
            LayerStatus::Valid { key, code, .. } => view! {
                <div class="review-status current" data-testid="review-status">
                    <p>
                        <strong>{format!("✓ {text}")}</strong>
                        {format!(
                            "：密钥 {key}，签名码 {code}。内容如再变动，签名即失效。",
                        )}
                    </p>
                </div>
            }
            .into_any(),
            other => {
                let unsigned = matches!(other, LayerStatus::Unsigned | LayerStatus::LegacyUnsigned);
                let checking = other == LayerStatus::Checking;
                view! {
                    <div class="review-status unverified" data-testid="review-status">
                        <p>
                            <strong>{text}</strong>
                            {if checking {
                                ""
                            } else if unsigned {
                                "：本层审核未经审核人密钥签名，等次排名不予采用。"
                            } else {
                                "：等次排名不采用本层审核。"
                            }}
                        </p>
                    </div>
                }
                .into_any()
            }
        };
        Some(view)
    };

    let head = move || {
        let d = draft.get_untracked();
        let p = &d.platform;
        format!(
            "{}　{}　{}",
            if p.name.trim().is_empty() {
                "（未填平台名称）"
            } else {
                p.name.trim()
            },
            p.district.trim(),
            p.year.trim()
        )
    };
    let layer_text = move |get: fn(&ReviewLayer) -> String| {
        move || {
            draft.with(|d| {
                d.reviews
                    .iter()
                    .find(|l| l.stage() == Some(stage))
                    .map(get)
                    .unwrap_or_default()
            })
        }
    };
    // During 评审 the 初审's opinion, reviewer and date stand at the top, as on the 审核表.
    let lower_opinion = move || {
        let lower = before(stage);
        if lower == Stage::SelfAssessed {
            return None;
        }
        let (opinion, who, when) = draft.with(|d| {
            d.reviews
                .iter()
                .find(|l| l.stage() == Some(lower))
                .map(|l| {
                    (
                        l.opinion.trim().to_string(),
                        l.reviewer.trim().to_string(),
                        l.date.trim().to_string(),
                    )
                })
        })?;
        Some(view! {
            <div class="rv-lower-opinion" data-testid="rv-lower-opinion">
                <p>
                    <strong>{format!("{}意见：", lower.long_label_zh())}</strong>
                    {if opinion.is_empty() { "（未填写）".to_string() } else { opinion }}
                </p>
                <p class="muted">
                    {format!(
                        "审核人：{}　日期：{}",
                        if who.is_empty() { "未署名" } else { who.as_str() },
                        if when.is_empty() { "未填" } else { when.as_str() },
                    )}
                </p>
            </div>
        })
    };
    let date_error = move || {
        let d = layer_text(|l| l.date.clone())();
        (!crate::domain::date::is_date(d.trim()))
            .then_some("审核日期应为真实日期，格式为 年-月-日，例如 2026-04-10。")
    };

    view! {
        <section class="card review-head" aria-labelledby="review-h" data-testid="review-head">
            <h2 id="review-h">
                {format!("{}（审核模式）", stage.long_label_zh())}
                <span class="group-score">{head}</span>
            </h2>
            <p class="reading">
                "左侧为平台填报的数值（只读），右侧为审核认定的数值：只改与核实情况不符的事实，得分按同一评分表自动计算。平台自己的填报内容不会被修改。"
            </p>
            <div class="grid">
                <div class="field">
                    <label for="rv-reviewer">"审核人"</label>
                    <input
                        id="rv-reviewer"
                        type="text"
                        prop:value=layer_text(|l| l.reviewer.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            edit_layer(draft, stage, |l| l.reviewer = v)
                        }
                    />
                </div>
                <div class="field" class:invalid=move || date_error().is_some()>
                    <label for="rv-date">"审核日期"</label>
                    <input
                        id="rv-date"
                        type="date"
                        min="1900-01-01"
                        max="2100-12-31"
                        aria-describedby="rv-date-err"
                        prop:value=layer_text(|l| l.date.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            edit_layer(draft, stage, |l| l.date = v)
                        }
                    />
                    <p class="msg" id="rv-date-err" role="alert">
                        {date_error}
                    </p>
                </div>
            </div>
            {lower_opinion}
            {stale_view}
            <div class="review-sign" data-testid="review-sign">
                <label>
                    "签名密钥"
                    <select
                        data-testid="sign-key"
                        on:change=move |ev| {
                            chosen_key.set(event_target_value(&ev).parse().unwrap_or(0))
                        }
                    >
                        {move || {
                            signers()
                                .into_iter()
                                .enumerate()
                                .map(|(i, k)| {
                                    let fp = k
                                        .card
                                        .key()
                                        .map(|p| p.short_fingerprint())
                                        .unwrap_or_default();
                                    view! {
                                        <option value=i
                                            .to_string()>
                                            {format!("{}　{fp}", k.card.holder_zh())}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label>
                    "口令"
                    <input
                        type="password"
                        data-testid="sign-pass"
                        prop:value=passphrase
                        on:input=move |ev| passphrase.set(event_target_value(&ev))
                    />
                </label>
                <button type="button" class="primary" data-testid="sign" on:click=sign_with_key>
                    "确认签署"
                </button>
                <p class="msg" role="alert" data-testid="sign-error">
                    {sign_error}
                </p>
            </div>
            <div class="actions review-actions">
                <button type="button" on:click=confirm_all data-testid="confirm-all">
                    "核实无误（全部未改动的指标）"
                </button>
                <button type="button" on:click=sign data-testid="confirm-unsigned">
                    "确认审核（未签名）"
                </button>
                <button type="button" on:click=move |_| printer.print(Sheet::Review)>
                    "打印审核表"
                </button>
                <button
                    type="button"
                    on:click=export
                    disabled=move || exporting.get()
                    data-testid="review-xlsx"
                >
                    "导出审核表（Excel）"
                </button>
                <button type="button" on:click=close>
                    "退出审核，返回平台填报"
                </button>
            </div>
        </section>
        {move || {
            if !has_layer.get() {
                return view! {
                    <p class="notice error">"此草稿中没有这一阶段的审核内容。"</p>
                }
                    .into_any();
            }
            let Some((id, edition)) = rubric_key.get() else {
                return view! { <p class="notice error">"草稿的评分表无法识别。"</p> }
                    .into_any();
            };
            let Some(r) = rubric::find(&id, &edition) else {
                return ().into_any();
            };
            r.groups
                .iter()
                .map(|g| {
                    view! {
                        <section class="card group" id=format!("rv-group-{}", g.id)>
                            <h2>{format!("{}. {}", g.id, g.name)}</h2>
                            {r
                                .indicators
                                .iter()
                                .filter(|i| i.group == g.id)
                                .map(|ind| indicator_view(draft, report, stage, ind))
                                .collect_view()}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
        <section class="card review-opinion">
            <h2>"审核意见"</h2>
            <div class="field">
                <label for="rv-opinion">
                    {format!("{}意见（打印在审核表上）", stage.long_label_zh())}
                </label>
                <textarea
                    id="rv-opinion"
                    rows="3"
                    prop:value=layer_text(|l| l.opinion.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        edit_layer(draft, stage, |l| l.opinion = v)
                    }
                ></textarea>
            </div>
        </section>
    }
}

fn value_text(ind: &Indicator, kind: FieldKind, key: &str, v: Option<&Value>) -> String {
    let Some(v) = v.filter(|v| !crate::domain::number::is_blank(v)) else {
        return "未填".into();
    };
    match kind {
        FieldKind::Tier => {
            let k = v.as_str().unwrap_or_default();
            ind.terms
                .iter()
                .find_map(|t| match t {
                    Term::Tier { field, tiers } if field == key => {
                        tiers.iter().find(|x| x.key == k).map(|x| x.label.clone())
                    }
                    _ => None,
                })
                .unwrap_or_else(|| k.to_string())
        }
        FieldKind::Set => {
            let options: Vec<(String, String)> = ind
                .terms
                .iter()
                .find_map(|t| match t {
                    Term::EachOf { field, options, .. } if field == key => Some(
                        options
                            .iter()
                            .map(|o| (o.key.clone(), o.label.clone()))
                            .collect(),
                    ),
                    _ => None,
                })
                .unwrap_or_default();
            let list: Vec<String> = match v {
                Value::Array(a) => a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .map(|k| {
                        options
                            .iter()
                            .find(|(ok, _)| ok == k)
                            .map(|(_, l)| l.clone())
                            .unwrap_or_else(|| k.to_string())
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if list.is_empty() {
                "未选".into()
            } else {
                list.join("、")
            }
        }
        // A quantity as the score reads it ("68，500 万元" → 68,500, "4.5亿" → 45,000): the
        // reviewer compares figures, not what was typed. Unreadable text is shown as typed.
        _ => {
            let unit = ind
                .fields
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.unit.as_str());
            match crate::domain::number::read_quantity_in(v, false, unit.unwrap_or_default()) {
                Ok(d) => crate::domain::number::fmt_grouped(d),
                Err(_) => raw_text(v),
            }
        }
    }
}
