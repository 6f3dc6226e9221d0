//! The changes against the base on screen, and the printed 调整说明 (`Sheet::Edition`).

use super::*;

/// The changes against the base, grouped by indicator (on screen, live).
#[component]
pub(super) fn ChangesView(editor: Editor) -> impl IntoView {
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
    let trust = expect_context::<crate::ui::state::held::TrustVersion>();
    view! {
        <section
            class="print-sheet notice-sheet"
            data-sheet="edition"
            class:chosen=chosen
            aria-label="评分标准调整说明（打印）"
        >
            {move || {
                trust.track();
                drafts.track_editions();
                chosen().then(|| notice(editor, drafts))
            }}
        </section>
    }
}

pub(super) fn notice(editor: Editor, drafts: Drafts) -> impl IntoView {
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
                {match crate::ui::editions::link::issuer(drafts, r) {
                    Some(s) if s.is_verified() => crate::ui::editions::link::issuer_text(drafts, r),
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
