//! Edition links and a draft's missing edition (issue 13).
//!
//! * [`share`] / [`SharedLink`]: 复制链接 on a held edition (评分标准 page): the link
//!   `<page address>#/editions/e1.…` ([`crate::share::encode_edition`]), or, when it would
//!   pass 8000 characters, a Chinese message and the file export instead.
//! * [`LinkPreview`]: the 评分标准 page opened from such a link: a read-only preview of
//!   the edition (name, fingerprint, indicators, the changes against the bundled edition
//!   of the same rubric) and 导入此评分标准 to keep it. A damaged link gets its message.
//! * [`MissingEdition`]: above the form, a draft whose edition (id + fingerprint) this
//!   browser does not hold: it scores nothing, the message names the edition and the
//!   fingerprint, and the edition file can be imported right there.
//! * [`import_edition`]: reads an edition text, registers its rubrics and keeps them in
//!   the browser (`cqhr.edition.<fingerprint>`), as the 评分标准 page's import does.
//! * [`issuer`] / [`import_issue`] (issue 21 item 7, Art. 29): who issued an edition —
//!   the 签发单 kept beside it (`cqhr.issue.<fingerprint>`), verified under the trust in
//!   force: 发布单位：office（签名有效…） or 发布单位未验证, wherever an edition is listed,
//!   previewed, moved to or its 调整说明 printed.

use crate::domain::edition::{self, issuer::Issue, issuer::IssuerStatus};
use crate::domain::number::fmt_decimal;
use crate::domain::{Draft, Rubric};
use crate::share;
use crate::ui::route;
use crate::ui::state::{placing, Drafts};
use crate::ui::web::{self, FileError};
use crate::ui::widgets::CopyLink;
use leptos::prelude::*;

/// Registers and keeps the rubrics of an edition file's text; `Err` holds every problem.
pub fn import_edition(
    drafts: Drafts,
    text: &str,
) -> Result<Vec<&'static Rubric>, edition::EditionError> {
    let file = edition::parse(text)?;
    Ok(file
        .rubrics
        .into_iter()
        .map(|r| keep_imported(drafts, r))
        .collect())
}

/// Registers one rubric for scoring and keeps it in the browser under its fingerprint
/// (`cqhr.edition.<fp>`): the one way an edition becomes held, whether imported from a
/// file, opened from a link or published from the editor. Returns the held rubric and,
/// when the browser refused to keep it, why (registered for this visit all the same).
pub fn keep(drafts: Drafts, r: Rubric) -> (&'static Rubric, Option<crate::store::StoreError>) {
    let json = serde_json::to_string(&r).unwrap_or_default();
    let code = edition::fingerprint(&r);
    let held = edition::register(r);
    drafts.editions_changed();
    let failed = match drafts
        .saving()
        .store()
        .try_update_value(|s| s.keep_edition(&code, &json))
    {
        Some(Err(e)) => Some(e),
        _ => None,
    };
    (held, failed)
}

/// The 签发单 kept for `r`'s content, as imported (`cqhr.issue.<fingerprint>`).
fn held_issue(drafts: Drafts, r: &Rubric) -> Option<String> {
    drafts
        .saving()
        .store()
        .with_value(|s| s.edition_issue(&edition::fingerprint(r)))
}

/// A held 签发单 is checked under the trust, which arrives with the signature check's
/// chunk: asks for it (the caller is redrawn when it is in) and says whether it is in.
fn check_ready() -> bool {
    use_context::<crate::ui::state::held::TrustVersion>().is_none_or(|v| {
        crate::ui::state::held::need(v);
        v.ready()
    })
}

/// Who issued `r` (Art. 29): `None` for a bundled edition (内置: it came with the tool),
/// else the state of the 签发单 kept for its content (发布单位未验证 without one). Reads
/// the trust installed now: callers showing it track `TrustVersion` and
/// `Drafts::editions`.
pub fn issuer(drafts: Drafts, r: &Rubric) -> Option<IssuerStatus> {
    if edition::is_bundled(r) {
        return None;
    }
    let held = held_issue(drafts, r);
    if held.is_some() {
        check_ready();
    }
    Some(edition::issuer::status_of(r, held.as_deref()))
}

/// The issuer as a line: 内置, 正在核验签名… while the check is on its way, or the
/// 签发单's state (with its signature code when valid, so that paper and file can be
/// matched).
pub fn issuer_text(drafts: Drafts, r: &Rubric) -> String {
    if edition::is_bundled(r) {
        return "内置（随本工具发布）".to_string();
    }
    let Some(text) = held_issue(drafts, r) else {
        return edition::issuer::status_of(r, None).text_zh();
    };
    if !check_ready() {
        return "发布单位：正在核验签名…".to_string();
    }
    let st = edition::issuer::status_of(r, Some(&text));
    if !st.is_verified() {
        return st.text_zh();
    }
    let code = Issue::from_json(&text)
        .map(|i| crate::domain::sign::signature_code(&i.signature))
        .unwrap_or_default();
    format!("{}　签名码 {code}", st.text_zh())
}

/// Why a 签发单 was not kept; said (after 签发单“…”未导入：) by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueError {
    /// The picked file gives no text.
    File(FileError),
    /// The text is not a 签发单 (`cqhr-edition-issue`).
    NotAnIssue,
    /// No held edition has the content it signs: the rubric's short name and the edition.
    NotHeld { name: String, edition: String },
    /// It signs a bundled edition, which needs none: the rubric's short name and the edition.
    Bundled { name: String, edition: String },
    /// The browser refused to keep it.
    NotKept(crate::store::StoreError),
}

impl std::fmt::Display for IssueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IssueError::File(FileError::TooLarge) => f.write_str("文件过大"),
            IssueError::File(FileError::Unreadable) => f.write_str("无法读取"),
            IssueError::NotAnIssue => {
                f.write_str("不是有效的签发单（应为 cqhr issue 生成的 cqhr-edition-issue 文件）")
            }
            IssueError::NotHeld { name, edition } => write!(
                f,
                "本机没有这份签发单所签的评分标准（{name} {edition}版，内容须与签发时完全一致）：请先导入该版评分标准文件，再导入签发单"
            ),
            IssueError::Bundled { name, edition } => write!(
                f,
                "签发单所签的是内置的{name} {edition}版：内置评分标准随本工具发布，无需签发单"
            ),
            IssueError::NotKept(e) => write!(f, "签发单未能保存在本机：{e}"),
        }
    }
}

impl std::error::Error for IssueError {}

/// Keeps a 签发单 beside the held edition it signs (`cqhr.issue.<fingerprint>`). `Ok`
/// says what it now reads (the state, verified or not); `Err` why it was not kept.
pub fn import_issue(drafts: Drafts, text: &str) -> Result<(String, bool), IssueError> {
    let i = Issue::from_json(text).ok_or(IssueError::NotAnIssue)?;
    let name = crate::domain::rubric::latest(&i.rubric)
        .map(|b| b.short_name.clone())
        .unwrap_or_else(|| "评分表".into());
    let Some(r) = edition::all().into_iter().find(|r| i.names(r)) else {
        return Err(IssueError::NotHeld {
            name,
            edition: i.edition,
        });
    };
    if edition::is_bundled(r) {
        return Err(IssueError::Bundled {
            name,
            edition: r.edition.clone(),
        });
    }
    if let Some(Err(e)) = drafts
        .saving()
        .store()
        .try_update_value(|s| s.keep_edition_issue(&edition::fingerprint(r), text))
    {
        return Err(IssueError::NotKept(e));
    }
    drafts.editions_changed();
    if !check_ready() {
        // Said on its line once the signature check is in.
        return Ok((
            format!(
                "已导入{name} {}版（指纹 {}）的签发单，正在核验签名…",
                r.edition,
                edition::short_of(r)
            ),
            true,
        ));
    }
    let st = edition::issuer::status_of(r, Some(text));
    Ok((
        format!(
            "已导入{name} {}版（指纹 {}）的签发单：{}",
            r.edition,
            edition::short_of(r),
            st.text_zh()
        ),
        st.is_verified(),
    ))
}

/// [`keep`], saying a failed write as an import's.
fn keep_imported(drafts: Drafts, r: Rubric) -> &'static Rubric {
    let (held, failed) = keep(drafts, r);
    if let Some(e) = failed {
        drafts
            .notify()
            .warn(format!("评分标准已导入，但未能保存在本机：{e}"));
    }
    held
}

/// Says that editions were imported (`text`) and, when one of them is of the open draft's
/// rubric and not its own edition, offers moving the draft to it at once (issue 23: the
/// notice pointed to 按此版新建草稿, an empty draft, and 改用… appeared only on a reload).
pub fn say_imported(drafts: Drafts, text: String, held: &[&'static Rubric]) {
    let target = drafts.draft().with_untracked(|d| {
        let own = d.rubric().ok();
        held.iter()
            .copied()
            .find(|r| r.id == d.rubric && own.is_none_or(|o| !std::ptr::eq(o, *r)))
    });
    match target {
        Some(r) => drafts.notify().offer_move(
            format!("{text}当前草稿仍按原版本计分，可改用新版（先逐项比较，再另存副本）。"),
            format!("改用{}版评分标准…", r.edition),
            edition::short_of(r),
        ),
        None => drafts.notify().say(text),
    }
}

fn label(r: &'static Rubric) -> String {
    format!(
        "{}（{}）{}版，指纹 {}",
        r.short_name,
        r.appendix,
        r.edition,
        edition::short_of(r)
    )
}

/// What 复制链接 produced: the link, or why not (with the rubric, to offer its file).
#[derive(Clone)]
pub enum Shared {
    Link(&'static Rubric, String),
    TooLong(&'static Rubric, String),
}

/// Makes a held edition's link and copies it; too long a link is said, with the file.
pub fn share(r: &'static Rubric, out: RwSignal<Option<Shared>>, drafts: Drafts) {
    match share::encode_edition(r) {
        Ok(payload) => {
            let link = format!("{}#/editions/{payload}", web::base_url());
            web::copy_to_clipboard(&link);
            out.set(Some(Shared::Link(r, link)));
            drafts.notify().say(format!(
                "{}的链接已复制到剪贴板（也可在下方手动复制）。对方打开链接即可预览并导入；内容只在 # 之后，不会发送到任何服务器。",
                label(r)
            ));
        }
        Err(e) => {
            drafts
                .notify()
                .warn(format!("{}：{}", label(r), e.edition_message_zh()));
            out.set(Some(Shared::TooLong(r, e.edition_message_zh())));
        }
    }
    // Below the table: bring the link (selected) or the message with 导出文件 into view.
    set_timeout(|| web::jump_to("edition-shared"), std::time::Duration::ZERO);
}

/// Downloads a held edition as its file (the same as the page's 导出文件).
pub fn export(r: &'static Rubric) {
    let json = serde_json::to_string_pretty(r).unwrap_or_default();
    web::download(
        &format!("{}-{}-{}.json", r.edition, r.id, edition::short_of(r)),
        "application/json",
        &json,
    );
}

/// The link just made (to copy by hand), or the message that it does not fit.
#[component]
pub fn SharedLink(shared: RwSignal<Option<Shared>>) -> impl IntoView {
    move || {
        shared.get().map(|s| match s {
            Shared::Link(r, link) => view! {
                <CopyLink
                    id="edition-link"
                    label=format!("{} 的链接", label(r))
                    link=link
                    row_class="row edition-link"
                    row_id="edition-shared"
                />
            }
            .into_any(),
            Shared::TooLong(r, message) => view! {
                <div class="notice error edition-link-too-long" role="alert" id="edition-shared">
                    <span>{format!("{}：{message}", label(r))}</span>
                    <button type="button" on:click=move |_| export(r)>
                        "导出文件"
                    </button>
                </div>
            }
            .into_any(),
        })
    }
}

/// The 评分标准 page opened from an edition link: the preview and 导入此评分标准.
/// `version` is the page's list version, bumped after an import.
#[component]
pub fn LinkPreview(version: RwSignal<u32>) -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let payload = RwSignal::new(route::edition_payload(&web::fragment()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        payload.set(route::edition_payload(&web::fragment()));
    });
    on_cleanup(move || handle.remove());
    let leave = move || {
        web::replace_fragment("/editions");
        payload.set(None);
    };
    move || {
        let p = payload.get()?;
        Some(match share::edition_from_link(&p) {
            Err(e) => view! {
                <section
                    class="edition-preview notice error"
                    role="alert"
                    data-testid="edition-link-error"
                >
                    <h3>"无法打开评分标准链接"</h3>
                    <ul>
                        {e.problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                    <button type="button" on:click=move |_| leave()>
                        "关闭"
                    </button>
                </section>
            }
            .into_any(),
            Ok(r) => preview(r, drafts, version, leave).into_any(),
        })
    }
}

fn preview(
    r: Rubric,
    drafts: Drafts,
    version: RwSignal<u32>,
    leave: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let code = edition::short(&r);
    let held = edition::candidates(&r.id, &r.edition)
        .into_iter()
        .any(|h| edition::short_of(h) == code);
    let base = crate::domain::rubric::latest(&r.id);
    let changes = base.map(|b| edition::diff(&[b], &[&r])).unwrap_or_default();
    let base_name = base
        .map(|b| format!("内置 {} 版", b.edition))
        .unwrap_or_default();
    let heading = format!("{}（{}）{}版", r.short_name, r.appendix, r.edition);
    let rows = r
        .indicators
        .iter()
        .map(|i| {
            view! {
                <tr>
                    <td>{i.id.clone()}</td>
                    <td>{i.name.clone()}</td>
                    <td class="num">{i.cap.map(fmt_decimal).unwrap_or_else(|| "——".into())}</td>
                    <td class="standard">{i.standard.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let n = r.indicators.len();
    let title = r.title.clone();
    // A link carries no 签发单: unverified unless one for this content is held already.
    let issuer_line = match issuer(drafts, &r) {
        Some(st) if st.is_verified() => st.text_zh(),
        _ => "发布单位未验证：链接不带签发单，导入后可在下表旁导入市人力社保局的签发单".to_string(),
    };
    let kept = StoredValue::new(Some(r));
    let on_import = move |_| {
        if let Some(r) = kept.try_update_value(|k| k.take()).flatten() {
            let held = keep_imported(drafts, r);
            version.update(|v| *v += 1);
            leave();
            say_imported(
                drafts,
                format!(
                    "已导入评分标准：{}。可在下表“按此版新建草稿”。",
                    label(held)
                ),
                &[held],
            );
        }
    };
    let empty = changes.is_empty();
    view! {
        <section
            class="card edition-preview"
            data-testid="edition-preview"
            aria-label="链接中的评分标准"
        >
            <h3>"链接中的评分标准（只读预览）"</h3>
            <p class="edition-name">
                <strong>{heading}</strong>
                " · 指纹 "
                <code class="fingerprint">{code}</code>
            </p>
            <p class="muted-line">{title}</p>
            {held
                .then(|| {
                    view! {
                        <p class="muted-line">
                            "本机已有这一版（指纹相同），导入不会重复。"
                        </p>
                    }
                })}
            <p class="edition-issuer" data-testid="edition-preview-issuer">
                {issuer_line}
            </p>
            <h4>{format!("与{base_name}相比的变动")}</h4>
            {empty.then(|| view! { <p class="muted-line">"没有变动。"</p> })}
            <ol class="changes">
                {changes.into_iter().map(|c| view! { <li>{c.text}</li> }).collect_view()}
            </ol>
            <details>
                <summary>{format!("全部指标（{n} 个）")}</summary>
                <div class="table-wrap">
                    <table class="edition-indicators">
                        <thead>
                            <tr>
                                <th>"编号"</th>
                                <th>"指标"</th>
                                <th>"上限"</th>
                                <th>"评价标准"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
            <div class="row">
                <button type="button" class="primary" on:click=on_import>
                    "导入此评分标准"
                </button>
                <button type="button" on:click=move |_| leave()>
                    "不导入"
                </button>
            </div>
        </section>
    }
}

/// Why the draft on screen scores nothing, when its edition is not held (`None` when it
/// is, or when the draft names no edition).
fn missing(d: &Draft) -> Option<String> {
    if d.edition.is_empty() || crate::domain::rubric::latest(&d.rubric).is_none() {
        return None;
    }
    edition::resolve(&d.rubric, &d.edition, &d.edition_fingerprint)
        .err()
        .map(|m| m.message)
}

/// Above the form: a draft whose edition this browser does not hold scores nothing; the
/// message names the edition and the fingerprint; its file can be imported here.
#[component]
pub fn MissingEdition(draft: RwSignal<Draft>) -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let problems = RwSignal::new(Vec::<String>::new());
    let message = Memo::new(move |_| draft.with(missing));
    let on_pick = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            // Read once the path reader is in: a structural error names its member.
            Box::new(move |files| {
                placing::placed(move || {
                    let mut lines = Vec::new();
                    let mut added = Vec::new();
                    for f in files {
                        match f.text {
                            Ok(text) => match import_edition(drafts, &text) {
                                Ok(held) => added.extend(held.into_iter().map(label)),
                                Err(e) => {
                                    lines.push(format!("“{}”不是有效的评分标准文件：", f.name));
                                    lines.extend(e);
                                }
                            },
                            Err(FileError::TooLarge) => lines
                                .push(format!("“{}”文件过大：评分标准文件不得超过 2 MB", f.name)),
                            Err(FileError::Unreadable) => {
                                lines.push(format!("无法读取文件“{}”", f.name))
                            }
                        }
                    }
                    problems.set(lines);
                    // Score again: the draft now finds its edition, or still says which one.
                    draft.update(|_| {});
                    if !added.is_empty() {
                        if draft.with_untracked(missing).is_none() {
                            drafts
                                .notify()
                                .say(format!("已导入 {}，草稿已按该版计分。", added.join("、")));
                        } else {
                            drafts.notify().warn(format!(
                                "已导入 {}，但不是草稿所用的那一版（指纹不同），草稿仍不计分。",
                                added.join("、")
                            ));
                        }
                    }
                })
            }),
        );
    };
    move || {
        message.get().map(|m| {
            view! {
                <section
                    class="notice error missing-edition"
                    role="alert"
                    data-testid="missing-edition"
                >
                    <p>
                        <strong>"本草稿不计分："</strong>
                        {m}
                    </p>
                    <label class="import">
                        "导入该版评分标准文件（.json）："
                        <input
                            type="file"
                            accept=".json,application/json"
                            multiple
                            id="missing-edition-import"
                            on:change=on_pick
                        />
                    </label>
                    {move || {
                        let p = problems.get();
                        (!p.is_empty())
                            .then(|| {
                                view! {
                                    <ul class="warnings">
                                        {p
                                            .into_iter()
                                            .map(|p| view! { <li>{p}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                    }}
                </section>
            }
        })
    }
}
