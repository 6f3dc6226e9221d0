//! 评分标准 (`#/editions`, issue 13): every edition held — bundled and imported — with
//! its fingerprint; importing an edition file (checked, kept in the browser under
//! `cqhr.edition.<fingerprint>`, see `store`); the changes of an imported edition against
//! the bundled one of the same rubric; exporting any edition as a file; starting a new
//! draft under an imported edition; who issued each imported edition (issue 21 item 7:
//! its 签发单, imported here and kept beside it).

pub mod editor;
pub mod link;
pub mod move_edition;

use crate::domain::edition::{self, Change};
use crate::domain::{Draft, Rubric};
use crate::store::Store;
use crate::ui::state::{placing, Drafts, Notify};
use crate::ui::web::{self, FileError};
use leptos::prelude::*;
use link as edition_link;

/// Registers the editions kept in the browser (at start-up, before any draft opens), so
/// that a draft naming one scores under it. An unreadable one is skipped and reported
/// through `notify` (a structural error once its place is named: `placing`, a chunk).
pub fn load_stored<B: crate::store::Backend>(store: &Store<B>, notify: Notify) {
    for (code, text) in store.editions() {
        match edition::parse(&text) {
            Ok(file) => {
                for r in file.rubrics {
                    edition::register(r);
                }
            }
            Err(e) => placing::word(
                Some(e),
                |e| e.as_ref().is_some_and(placing::edition_waits),
                move || edition::parse(&text).err(),
                move |e| {
                    if let Some(problem) = e.as_ref().and_then(|e| e.first()) {
                        notify.warn(format!("本机保存的评分标准 {code} 无法读取：{problem}"));
                    }
                },
            ),
        }
    }
}

/// The changes of `r` against the newest bundled edition of the same rubric.
fn changes_of(r: &Rubric) -> (String, Vec<Change>) {
    match crate::domain::rubric::latest(&r.id) {
        Some(base) => (base.edition.clone(), edition::diff(&[base], &[r])),
        None => (String::new(), Vec::new()),
    }
}

#[component]
pub fn EditionsPage() -> impl IntoView {
    let drafts = expect_context::<Drafts>();
    let version = RwSignal::new(0u32);
    let problems = RwSignal::new(Vec::<String>::new());
    // 复制链接's outcome: the link, or that it is too long (issue 13).
    let shared = RwSignal::new(None::<edition_link::Shared>);

    let import_text = move |name: &str, text: &str| match edition_link::import_edition(drafts, text)
    {
        Ok(held) => {
            let added: Vec<String> = held
                .iter()
                .map(|r| {
                    format!(
                        "{}（{}版，指纹 {}，{}）",
                        r.short_name,
                        r.edition,
                        edition::short_of(r),
                        edition_link::issuer_text(drafts, r)
                    )
                })
                .collect();
            problems.set(Vec::new());
            version.update(|v| *v += 1);
            edition_link::say_imported(
                drafts,
                format!("已导入“{name}”：{}。", added.join("、")),
                &held,
            );
        }
        Err(e) => {
            let mut lines = vec![format!("“{name}”不是有效的评分标准文件：")];
            lines.extend(e);
            problems.set(lines);
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            // Read once the path reader is in: a structural error names its member.
            Box::new(move |files| {
                placing::placed(move || {
                    for f in files {
                        match f.text {
                            Ok(text) => import_text(&f.name, &text),
                            Err(FileError::TooLarge) => problems.set(vec![format!(
                                "“{}”文件过大：评分标准文件不得超过 2 MB",
                                f.name
                            )]),
                            Err(FileError::Unreadable) => {
                                problems.set(vec![format!("无法读取文件“{}”", f.name)])
                            }
                        }
                    }
                })
            }),
        );
    };

    // A 签发单 (issue 21 item 7): kept beside the held edition it signs.
    let on_issue = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            Box::new(move |files| {
                for f in files {
                    let result = match f.text {
                        Ok(text) => link::import_issue(drafts, &text),
                        Err(e) => Err(link::IssueError::File(e)),
                    };
                    match result {
                        Ok((said, true)) => {
                            problems.set(Vec::new());
                            drafts.notify().say(said);
                        }
                        Ok((said, false)) => {
                            problems.set(Vec::new());
                            drafts.notify().warn(said);
                        }
                        Err(e) => problems.set(vec![format!("签发单“{}”未导入：{e}", f.name)]),
                    }
                }
            }),
        );
    };
    let trust = expect_context::<crate::ui::state::held::TrustVersion>();
    let editor = expect_context::<editor::Editor>();
    let rows = move || {
        version.track();
        editor.published.track();
        edition::all()
    };

    view! {
        <section class="card editions">
            <h2>"评分标准"</h2>
            <p class="lead">
                "第二十九条：市人力社保局可每年调整指标及分值权重。新一版评分标准以文件发布（与内置的 rubrics/<版本>/<类型>.json 格式相同），在此导入后保存在本机浏览器，新建草稿时可选用。"
                "每一版有一个指纹（内容的校验码）：草稿记录版本和指纹，同名而内容不同的两版不会混淆。"
            </p>
            <edition_link::LinkPreview version=version />
            <label class="import">
                "导入评分标准文件（.json）："
                <input
                    type="file"
                    accept=".json,application/json"
                    multiple
                    id="edition-import"
                    on:change=on_import
                />
            </label>
            <label class="import">
                "导入签发单（市人力社保局签发，.json）："
                <input
                    type="file"
                    accept=".json,application/json"
                    multiple
                    id="edition-issue-import"
                    data-testid="edition-issue-import"
                    on:change=on_issue
                />
            </label>
            <Show when=move || !problems.get().is_empty()>
                <ul class="warnings edition-problems" role="alert">
                    <For
                        each=move || problems.get()
                        key=|p| p.clone()
                        children=|p| view! { <li>{p}</li> }
                    />
                </ul>
            </Show>
            <div class="table-wrap">
                <table class="editions-table">
                    <thead>
                        <tr>
                            <th>"附表"</th>
                            <th>"评分表"</th>
                            <th>"版本"</th>
                            <th>"指纹"</th>
                            <th>"来源与发布单位"</th>
                            <th>"操作"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=rows
                            key=|r| (r.id.clone(), r.edition.clone(), edition::short_of(r))
                            children=move |r: &'static Rubric| {
                                let code = edition::short_of(r);
                                let bundled = edition::is_bundled(r);
                                let export = move |_| {
                                    let json = serde_json::to_string_pretty(r).unwrap_or_default();
                                    web::download(
                                        &format!(
                                            "{}-{}-{}.json",
                                            r.edition,
                                            r.id,
                                            edition::short_of(r),
                                        ),
                                        "application/json",
                                        &json,
                                    );
                                };
                                let start = move |_| {
                                    let name = format!("新草稿（{}版）", r.edition);
                                    drafts.add_and_open(&name, &Draft::for_rubric(r));
                                    drafts
                                        .notify()
                                        .say(
                                            format!(
                                                "已按{} {}版（指纹 {}）新建草稿，请到“绩效评分”填写。",
                                                r.short_name,
                                                r.edition,
                                                edition::short_of(r),
                                            ),
                                        );
                                };
                                view! {
                                    <tr data-edition=format!("{}/{}", r.id, r.edition)>
                                        <td>{r.appendix.clone()}</td>
                                        <td>{r.short_name.clone()}</td>
                                        <td>{r.edition.clone()}</td>
                                        <td>
                                            <code class="fingerprint">{code}</code>
                                        </td>
                                        // Issue 21 item 7: who issued it, by the 签发单 held beside it.
                                        <td
                                            class="issuer"
                                            class:verified=move || {
                                                trust.track();
                                                drafts.track_editions();
                                                edition_link::issuer(drafts, r)
                                                    .is_some_and(|s| s.is_verified())
                                            }
                                            class:unverified=move || {
                                                trust.track();
                                                drafts.track_editions();
                                                edition_link::issuer(drafts, r)
                                                    .is_some_and(|s| !s.is_verified())
                                            }
                                            data-testid="edition-issuer"
                                        >
                                            {move || {
                                                trust.track();
                                                drafts.track_editions();
                                                let line = edition_link::issuer_text(drafts, r);
                                                if bundled { line } else { format!("导入；{line}") }
                                            }}
                                        </td>
                                        <td>
                                            <button type="button" class="small" on:click=export>
                                                "导出文件"
                                            </button>
                                            " "
                                            <button type="button" class="small" on:click=start>
                                                "按此版新建草稿"
                                            </button>
                                            " "
                                            <button
                                                type="button"
                                                class="small"
                                                on:click=move |_| edition_link::share(r, shared, drafts)
                                            >
                                                "复制链接"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <edition_link::SharedLink shared=shared />
            <For
                each=move || {
                    rows().into_iter().filter(|r| !edition::is_bundled(r)).collect::<Vec<_>>()
                }
                key=|r| edition::short_of(r)
                children=|r: &'static Rubric| {
                    let (base, changes) = changes_of(r);
                    let empty = changes.is_empty();
                    view! {
                        <section class="edition-diff">
                            <h3>
                                {format!(
                                    "{} {}版（指纹 {}）与 {} 版相比的变动",
                                    r.short_name,
                                    r.edition,
                                    edition::short_of(r),
                                    base,
                                )}
                            </h3>
                            <Show when=move || empty>
                                <p class="muted-line">"没有变动。"</p>
                            </Show>
                            <ol class="changes">
                                {changes
                                    .into_iter()
                                    .map(|c| view! { <li>{c.text}</li> })
                                    .collect_view()}
                            </ol>
                        </section>
                    }
                }
            />
        </section>
        <editor::EditionEditor />
    }
}
