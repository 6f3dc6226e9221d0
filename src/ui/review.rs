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

use super::route::leave_share;
use super::state::{Drafts, Printer, SaveState, Sheet};
use super::{raw_text, web};
use crate::domain::number::fmt_decimal;
use crate::domain::review::{self as rv, FieldReview, LayerStatus, ReviewLayer};
use crate::domain::rubric::{self, Indicator, Term};
use crate::domain::{Draft, FieldKind, FieldPath, ReviewReport, Stage};
use crate::export::ExportKind;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

/// Which stage is under review (`None`: the platform's own form), and the comparison of
/// every stage. A context, created once by `App`.
#[derive(Clone, Copy)]
pub struct Reviewing {
    pub stage: RwSignal<Option<Stage>>,
    /// A way into a review asked for from elsewhere (the phone's 草稿操作 menu, where the
    /// two 以…身份审核 buttons sit instead of on the form): the form's [`ReviewChoice`]
    /// asks for the reviewer and date as if its own button had been pressed.
    pub request: RwSignal<Option<Stage>>,
    /// `None` when the draft has no review layers (or an unknown rubric).
    pub report: Memo<Option<ReviewReport>>,
}

impl Reviewing {
    pub fn new(draft: RwSignal<Draft>, trust: super::signing::held::TrustVersion) -> Reviewing {
        // A signed layer on screen fetches the signature check (the signing chunk): until
        // it is in, the layer reads 正在核验签名….
        Effect::new(move |_| {
            if draft.with(|d| d.reviews.iter().any(|l| l.signature.is_some())) {
                super::signing::held::need(trust);
            }
        });
        let report = Memo::new(move |_| {
            trust.track();
            draft.with(|d| {
                if d.reviews.is_empty() {
                    None
                } else {
                    rv::review(d).ok()
                }
            })
        });
        Reviewing {
            stage: RwSignal::new(None),
            request: RwSignal::new(None),
            report,
        }
    }

    /// Reopens the review remembered for the draft now open (none for a link preview).
    pub fn follow(self, current: Option<String>) {
        let stage = current
            .and_then(|id| web::recall(&crate::store::reviewing_key(&id)))
            .and_then(|key| Stage::from_key(&key))
            .filter(|s| *s != Stage::SelfAssessed);
        if self.stage.get_untracked() != stage {
            self.stage.set(stage);
        }
    }

    fn open(self, id: &str, stage: Stage) {
        web::remember(&crate::store::reviewing_key(id), Some(stage.key()));
        self.stage.set(Some(stage));
    }

    /// Back to the platform's form (the review layer stays in the draft).
    pub fn close(self, id: Option<String>) {
        if let Some(id) = id {
            web::remember(&crate::store::reviewing_key(&id), None);
        }
        self.stage.set(None);
    }
}

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
    let mut d = drafts.draft.get_untracked();
    let had = d.reviews.iter().any(|l| l.stage() == Some(stage));
    let Some(i) = rv::open_layer(&mut d, stage, &reviewer, &date) else {
        return;
    };
    d.reviews[i].reviewer = reviewer;
    d.reviews[i].date = date;
    let preview = drafts.save.get_untracked() == SaveState::Preview;
    if preview || !had || drafts.current.get_untracked().is_none() {
        let base = d.platform.name.trim();
        let name = format!(
            "{} · {}",
            if base.is_empty() { "草稿" } else { base },
            stage.label_zh()
        );
        if preview {
            drafts.save.set(SaveState::Saved);
        }
        match drafts.add_and_open(&name, &d) {
            Some(id) => {
                if preview {
                    leave_share();
                }
                reviewing.open(&id, stage);
                drafts.notify.say(format!(
                    "已以{}身份打开审核，审核内容另存为草稿“{name}”（平台填报的数值不会被修改）。",
                    stage.long_label_zh()
                ));
            }
            None => {
                if preview {
                    drafts.save.set(SaveState::Preview);
                }
            }
        }
    } else {
        drafts.draft.set(d);
        if let Some(id) = drafts.current.get_untracked() {
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
        let (who, when) = drafts.draft.with_untracked(|d| {
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
    let trust = expect_context::<super::signing::held::TrustVersion>();
    let stages = move || {
        trust.track();
        drafts.draft.with(stages_line)
    };
    let hidden = move || !in_preview && drafts.save.get() == SaveState::Preview;
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
                    Ok(name) => drafts.notify.say(format!("已导出审核表：{name}")),
                    Err(e) => drafts.notify.warn(format!("导出失败：{e}")),
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
            drafts.notify.say(format!(
                "已确认{}（未签名）。未经审核人密钥签名的审核，等次排名不予采用。",
                stage.long_label_zh()
            ));
        }
    };
    // 确认签署 (issue 21): the reviewer's key for this stage, opened with its passphrase,
    // signs the layer; the key must be of the stage's role and, for 初审, the district's.
    let signers = move || {
        super::signing::held::keys()
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
                    drafts.notify.say(format!(
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
    let close = move |_| reviewing.close(drafts.current.get_untracked());
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

/// The reason a lower stage gave for its change of an indicator (the 初审's 核减说明, shown
/// to the city during 评审), with the stage's name; `None` when it gave none.
fn lower_reason(d: &Draft, stage: Stage, indicator: &str) -> Option<(Stage, String)> {
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

fn indicator_view(
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
fn field_error(
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

fn field_row(
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
    let editor = match kind {
        FieldKind::Count | FieldKind::Amount | FieldKind::Score => {
            let range = (kind == FieldKind::Score)
                .then(|| ind.cap.map(|c| format!("0–{}", fmt_decimal(c))))
                .flatten();
            view! {
                <div class="with-unit">
                    <input
                        id=input_id.clone()
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        placeholder=range.unwrap_or_else(|| "未填".into())
                        aria-invalid=move || if error().is_some() { "true" } else { "false" }
                        aria-describedby=err_id.clone()
                        prop:value=move || shown().as_ref().map(raw_text).unwrap_or_default()
                        on:input=move |ev| set(Value::String(event_target_value(&ev)))
                    />
                    <span class="unit">{unit.clone()}</span>
                </div>
            }
            .into_any()
        }
        FieldKind::Tier => {
            let tiers = ind
                .terms
                .iter()
                .find_map(|t| match t {
                    Term::Tier { field, tiers } if field == key => Some(tiers.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let current = move || match shown() {
                Some(Value::String(s)) => s,
                _ => String::new(),
            };
            view! {
                <select
                    id=input_id.clone()
                    prop:value=current
                    on:change=move |ev| set(Value::String(event_target_value(&ev)))
                >
                    <option value="" selected=move || current().is_empty()>
                        "未填"
                    </option>
                    {tiers
                        .into_iter()
                        .map(|t| {
                            let k = t.key.clone();
                            view! {
                                <option value=t.key.clone() selected=move || current() == k>
                                    {format!("{}（{} 分）", t.label, fmt_decimal(t.points))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        FieldKind::Set => {
            let options = ind
                .terms
                .iter()
                .find_map(|t| match t {
                    Term::EachOf { field, options, .. } if field == key => Some(options.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let list = move || -> Vec<String> {
                match shown() {
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                }
            };
            view! {
                <div class="rv-set">
                    {options
                        .into_iter()
                        .map(|o| {
                            let cid = format!("{input_id}-{}", o.key);
                            let k1 = o.key.clone();
                            let k2 = o.key.clone();
                            view! {
                                <label class="choice" for=cid.clone()>
                                    <input
                                        type="checkbox"
                                        id=cid.clone()
                                        prop:checked=move || list().contains(&k1)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let mut l = list();
                                            l.retain(|x| x != &k2);
                                            if on {
                                                l.push(k2.clone());
                                            }
                                            set(
                                                Value::Array(l.into_iter().map(Value::String).collect()),
                                            )
                                        }
                                    />
                                    {o.label}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            }
                .into_any()
        }
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

/// Every stage's subtotals and totals, the unexplained changes and the stage a ranking
/// would use.
#[component]
pub fn ReviewSummary(stage: Stage) -> impl IntoView {
    let reviewing = expect_context::<Reviewing>();
    let report = reviewing.report;
    view! {
        <aside class="summary no-print review-summary" aria-label="各阶段得分">
            <h2>"各阶段得分"</h2>
            {move || {
                report
                    .get()
                    .map(|r| {
                        let stages: Vec<Stage> = r.stages.iter().map(|s| s.stage).collect();
                        let heads = stages
                            .iter()
                            .map(|s| view! { <th scope="col">{s.label_zh()}</th> })
                            .collect_view();
                        let rows = r
                            .groups
                            .iter()
                            .map(|g| {
                                let cells = stages
                                    .iter()
                                    .map(|s| {
                                        let v = match s {
                                            Stage::SelfAssessed => Some(g.self_score),
                                            Stage::District => g.district,
                                            Stage::City => g.city,
                                        };
                                        view! { <td>{v.map(fmt_decimal).unwrap_or_default()}</td> }
                                    })
                                    .collect_view();
                                view! {
                                    <tr>
                                        <th scope="row">{format!("{}. {}", g.id, g.name)}</th>
                                        {cells}
                                    </tr>
                                }
                            })
                            .collect_view();
                        let totals = r
                            .stages
                            .iter()
                            .map(|s| {
                                view! {
                                    <td data-testid=format!(
                                        "stage-total-{}",
                                        s.stage.key(),
                                    )>{fmt_decimal(s.total)}</td>
                                }
                            })
                            .collect_view();
                        let statuses = r
                            .stages
                            .iter()
                            .filter(|s| s.stage != Stage::SelfAssessed)
                            .map(|s| {
                                view! {
                                    <li class:stale=!s
                                        .status
                                        .is_valid()>
                                        {format!(
                                            "{}：{}（{}）",
                                            s.stage.long_label_zh(),
                                            if s.reviewer.trim().is_empty() {
                                                "未署名"
                                            } else {
                                                s.reviewer.trim()
                                            },
                                            s.status.label_zh(),
                                        )}
                                    </li>
                                }
                            })
                            .collect_view();
                        let own = r.total(Stage::SelfAssessed).unwrap_or_default();
                        let now = r.total(stage).unwrap_or(own);
                        let delta = now - own;
                        view! {
                            <table class="subtotals stages">
                                <thead>
                                    <tr>
                                        <th></th>
                                        {heads}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                                <tfoot>
                                    <tr class="total">
                                        <th scope="row">"总分"</th>
                                        {totals}
                                    </tr>
                                </tfoot>
                            </table>
                            {(!delta.is_zero())
                                .then(|| {
                                    view! {
                                        <p class=delta_class(
                                            delta,
                                        )>
                                            {format!(
                                                "{}较自评 {}",
                                                stage.label_zh(),
                                                delta_text(delta),
                                            )}
                                        </p>
                                    }
                                })}
                            <ul class="rv-signers">{statuses}</ul>
                            <p class="blank-count" data-testid="unexplained">
                                {if r.unexplained == 0 {
                                    "改动均已说明".to_string()
                                } else {
                                    format!("未说明的改动 {} 处", r.unexplained)
                                }}
                            </p>
                            <p class="muted">
                                {format!("等次排名采用：{}", r.usable.long_label_zh())}
                            </p>
                        }
                    })
            }}
            <div class="mini-total" aria-hidden="true">
                {move || {
                    report
                        .with(|r| {
                            r.as_ref()
                                .map(|r| {
                                    r.stages
                                        .iter()
                                        .map(|s| {
                                            format!("{} {}", s.stage.label_zh(), fmt_decimal(s.total))
                                        })
                                        .collect::<Vec<_>>()
                                        .join(" · ")
                                })
                        })
                }}
            </div>
        </aside>
    }
}
