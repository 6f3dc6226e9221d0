//! Drafts: list, create, rename, duplicate, delete and restore, export and import, share
//! by link, and the notice bar that reports what happened.
//!
//! Over 600 lines: `DraftBar` (about 400) is one menu whose buttons share its signals; the
//! notice bar sits beside it.

use crate::domain::rubric::{self, RUBRIC_IDS};
use crate::domain::Draft;
use crate::share;
use crate::store::StoreError;
use crate::ui::route::leave_share;
use crate::ui::state::{placing, Drafts, Notice, Printer, SaveState};
use crate::ui::web::{self, FileError};
use crate::ui::widgets::{CopyLink, DraftOptions};
use leptos::prelude::*;

/// Encodes a draft's JSON for a share link through the encoder's chunk (`lazy::share_encode`,
/// fetched on the first click): `None` when the chunk cannot be fetched.
#[cfg(not(feature = "worker"))]
async fn encode_link(json: String) -> Option<Result<String, share::ShareError>> {
    crate::ui::lazy::share_encode(json).await.ok()
}

/// The exporter worker's build has no chunks (and never shares).
#[cfg(feature = "worker")]
async fn encode_link(json: String) -> Option<Result<String, share::ShareError>> {
    Some(share::encode(&json))
}

/// Fetches the 改用其他版本评分标准… dialog's chunk (`lazy::move_dialog`): `false` when it
/// cannot be fetched.
#[cfg(not(feature = "worker"))]
async fn fetch_move() -> bool {
    crate::ui::lazy::fetch_move_dialog().await.is_ok()
}

#[cfg(feature = "worker")]
async fn fetch_move() -> bool {
    true
}

/// The dialog, from its chunk once fetched (`fetch_move`).
#[cfg(not(feature = "worker"))]
fn move_dialog(open: RwSignal<bool>) -> AnyView {
    use crate::ui::lazy;
    view! { <lazy::LazySheet fetch=lazy::fetch_move_dialog load=move || lazy::move_dialog(open) /> }
        .into_any()
}

#[cfg(feature = "worker")]
fn move_dialog(open: RwSignal<bool>) -> AnyView {
    view! { <crate::ui::editions::move_edition::MoveDialog open=open /> }.into_any()
}

/// Opens a share link's payload (from the URL fragment) as a preview. A bad link is
/// refused with its message and changes nothing stored.
pub fn open_share(state: Drafts, payload: &str) {
    let json = match share::decode(payload) {
        Ok(json) => json,
        Err(e) => {
            state.notify().warn(e.message_zh());
            leave_share();
            return;
        }
    };
    let read = move || Draft::from_json(&json).and_then(Draft::readable);
    // A structural error's message may wait for its place (`placing`: a chunk).
    placing::word(
        read(),
        |r| r.as_ref().is_err_and(placing::draft_waits),
        read,
        move |draft| match draft {
            Ok(d) => {
                state.preview(d);
                state.notify().say("正在查看通过链接分享的草稿（只读）。它尚未保存在本机：如需修改或保留，请点击“保存为我的草稿”。");
            }
            Err(e) => {
                state.notify().warn(format!("链接中的草稿无法读取：{e}"));
                leave_share();
            }
        },
    );
}

fn draft_name(d: &Draft) -> String {
    let base = if d.platform.name.trim().is_empty() {
        "分享的草稿".to_string()
    } else {
        d.platform.name.trim().to_string()
    };
    if d.platform.year.trim().is_empty() {
        base
    } else {
        format!("{base} {}", d.platform.year.trim())
    }
}

/// The notices: the last message (closable), a failed save, a link preview's choices,
/// and the quarantined drafts.
#[component]
pub fn NoticeBar(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let state = expect_context::<Drafts>();
    let save_as_mine = move |_| {
        let d = state.draft().get_untracked();
        if state.keep_as(&draft_name(&d), &d).is_some() {
            state.notify().say("已保存为新草稿。");
        }
    };
    let back_to_mine = move |_| {
        leave_share();
        state.saving().saved();
        notice.set(None);
        let id = state.saving().store().with_value(|s| {
            s.current()
                .or_else(|| s.live().next().map(|e| e.id.clone()))
        });
        if let Some(id) = id {
            state.open(&id);
        }
    };
    view! {
        <div class="notices" role="status" aria-live="polite">
            {move || {
                notice
                    .get()
                    .map(|n| {
                        view! {
                            <div
                                class=if n.error { "notice error" } else { "notice" }
                                data-testid="notice"
                            >
                                <span>{n.text}</span>
                                {n
                                    .offer
                                    .map(|(words, fingerprint)| {
                                        view! {
                                            <button
                                                type="button"
                                                class="primary"
                                                data-testid="notice-move"
                                                on:click=move |_| {
                                                    notice.set(None);
                                                    state.move_to().set(Some(fingerprint.clone()));
                                                }
                                            >
                                                {words}
                                            </button>
                                        }
                                    })}
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| notice.set(None)
                                >
                                    "关闭"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || match state.saving().status().get() {
                SaveState::Failed(e) => {
                    Some(
                        view! {
                            <div class="notice error" data-testid="save-failed">
                                <span>
                                    {format!(
                                        "自动保存失败：{e}。当前草稿仍在页面中，请立即“导出文件”保存，以免关闭页面后丢失。",
                                    )}
                                </span>
                                <button type="button" on:click=move |_| export(state)>
                                    "导出文件"
                                </button>
                            </div>
                        }
                            .into_any(),
                    )
                }
                SaveState::Preview => {
                    Some(
                        view! {
                            <div class="notice preview" data-testid="preview">
                                <span>
                                    "链接预览（只读）：此草稿尚未保存在本机。"
                                </span>
                                // The one way to edit a preview: keep it as one's own draft.
                                // (A reviewer's "以审核身份打开" belongs beside it.)
                                <button type="button" class="primary" on:click=save_as_mine>
                                    "保存为我的草稿"
                                </button>
                                <button type="button" on:click=back_to_mine>
                                    "不保存，返回我的草稿"
                                </button>
                                <crate::ui::review::ReviewChoice in_preview=true />
                            </div>
                        }
                            .into_any(),
                    )
                }
                SaveState::Saved => None,
            }}
            {move || {
                let q = state.quarantined().get();
                (!q.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice error" data-testid="quarantine">
                                <span>
                                    "以下草稿无法读取，已原样保留（未删除、未覆盖），可导出原始内容后联系技术人员："
                                </span>
                                <ul>
                                    // Rare and short (unreadable drafts): drawn whole, not keyed.
                                    {q
                                        .into_iter()
                                        .map(|item| {
                                            view! {
                                                <li>
                                                    {format!(
                                                        "{}（{}）",
                                                        if item.name.is_empty() {
                                                            item.id.to_string()
                                                        } else {
                                                            item.name.clone()
                                                        },
                                                        item.reason,
                                                    )} " "
                                                    <button
                                                        type="button"
                                                        on:click=move |_| {
                                                            web::download(
                                                                &format!("无法读取的草稿-{}.txt", item.id),
                                                                "text/plain;charset=utf-8",
                                                                &item.raw,
                                                            )
                                                        }
                                                    >
                                                        "导出原始内容"
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Exports the draft on screen as a JSON file.
pub fn export(state: Drafts) {
    let d = state.draft().get_untracked();
    let name = state
        .current()
        .get_untracked()
        .and_then(|id| {
            state
                .saving()
                .store()
                .with_value(|s| s.entry(&id).map(|e| e.name.clone()))
        })
        .unwrap_or_else(|| draft_name(&d));
    // Named for filing (issue 15.10): 得分表-<平台>-<年度>-<日期>.json.
    let subject = if d.platform.name.trim().is_empty() {
        name
    } else {
        d.platform.name.clone()
    };
    let year = crate::domain::filing::normalise_year(&d.platform.year).unwrap_or_default();
    let file = crate::domain::filing::export_file_name(
        "得分表",
        &subject,
        &year,
        &web::today_iso(),
        "json",
    );
    web::download(&file, "application/json", &d.to_json_pretty());
}

/// Imports a JSON draft file as a new draft (never over an existing one).
fn import_text(state: Drafts, file_name: &str, text: &str) {
    // A draft naming an edition not held is imported: it scores nothing and says so. A
    // structural error's message may wait for its place (`placing`: a chunk).
    let (file_name, text) = (file_name.to_string(), text.to_string());
    let read = move || Draft::from_json(&text).and_then(Draft::readable);
    placing::word(
        read(),
        |r| r.as_ref().is_err_and(placing::draft_waits),
        read,
        move |r| imported(state, &file_name, r),
    );
}

/// What importing a draft file did.
fn imported(state: Drafts, file_name: &str, read: Result<Draft, crate::domain::DraftError>) {
    match read {
        Ok(d) => {
            let stem = file_name
                .trim_end_matches(".json")
                .trim_end_matches(".JSON");
            let name = if d.platform.name.trim().is_empty() {
                stem.to_string()
            } else {
                draft_name(&d)
            };
            if let Some(id) = state.add_and_open(&name, &d) {
                let shown = state.name_of(&id);
                state
                    .notify()
                    .say(format!("已导入为新草稿“{shown}”（原有草稿均未改动）。"));
            }
        }
        Err(e) => state.notify().warn(format!("无法导入“{file_name}”：{e}")),
    }
}

#[component]
pub fn DraftBar() -> impl IntoView {
    let state = expect_context::<Drafts>();
    let printer = expect_context::<Printer>();
    let new_type = RwSignal::new(RUBRIC_IDS[0].to_string());
    let share_link = RwSignal::new(String::new());
    // 改用其他版本评分标准… (issue 13): the dialog comparing the scores before any copy.
    let moving = RwSignal::new(false);
    // Its chunk: in (then the dialog is mounted), on its way (the button is busy).
    let move_loaded = RwSignal::new(false);
    let move_busy = RwSignal::new(false);
    let open_move = move || {
        if move_loaded.get_untracked() {
            moving.set(true);
            return;
        }
        if move_busy.get_untracked() {
            return;
        }
        move_busy.set(true);
        leptos::task::spawn_local(async move {
            let ok = fetch_move().await;
            let _ = move_busy.try_set(false);
            if ok {
                let _ = move_loaded.try_set(true);
                let _ = moving.try_set(true);
            } else {
                state
                    .notify()
                    .warn("无法加载“改用其他版本评分标准”，请检查网络后重试；草稿未受影响。");
            }
        });
    };
    let on_move = move |_| open_move();
    // The notice's 改用…版评分标准… after an import: the dialog opens on that edition.
    Effect::new(move |_| {
        if state.move_to().with(Option::is_some) {
            open_move();
        }
    });
    // The phone's action menu: open or folded; Escape folds it and gives the focus back
    // to its button.
    let menu = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let close = move || {
        menu.set(false);
        if let Some(b) = toggle.get_untracked() {
            web::focus(&b);
        }
    };

    let current_name = move || {
        let id = state.current().get()?;
        state
            .list()
            .entries()
            .with(|es| es.iter().find(|e| e.id == id).map(|e| e.name.clone()))
    };

    let on_switch = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        share_link.set(String::new());
        state.open(&id);
        // An unreadable draft stays closed (it is quarantined): show the open one again.
        let open = state.current().get_untracked().unwrap_or_default();
        if open != id {
            web::reset_select(&ev, &open);
        }
    };
    let on_new = move |_| {
        let d = Draft::new(&new_type.get_untracked());
        share_link.set(String::new());
        if state.add_and_open("新草稿", &d).is_some() {
            state.notify().say("已新建草稿。");
        }
    };
    let on_rename = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if let Some(id) = state.current().get_untracked() {
            state.write(|s| s.rename(&id, &name));
        }
    };
    let on_duplicate = move |_| {
        let Some(id) = state.current().get_untracked() else {
            return;
        };
        state.flush(); // the copy is read from the store: with the last keystrokes
        let r = state
            .saving()
            .store()
            .try_update_value(|s| s.duplicate(&id))
            .unwrap_or(Err(StoreError::Unavailable));
        match r {
            Ok(new_id) => {
                state.saving().after_write(Ok(()));
                state.open(&new_id);
                state.notify().say("已复制为新草稿。");
            }
            Err(e) => state.saving().after_write(Err(e)),
        }
    };
    let on_delete = move |_| {
        let Some(id) = state.current().get_untracked() else {
            return;
        };
        state.write(|s| s.delete(&id));
        let next = state
            .saving()
            .store()
            .with_value(|s| s.live().next().map(|e| e.id.clone()));
        match next {
            Some(n) => {
                state.open(&n);
            }
            None => {
                state.add_and_open("新草稿", &Draft::new(RUBRIC_IDS[0]));
            }
        }
        state.notify().say("草稿已移至“最近删除”，可随时恢复。");
    };
    let sharing = RwSignal::new(false);
    let on_share = move |_| {
        if sharing.get_untracked() {
            return;
        }
        let json = state.draft().get_untracked().to_json();
        sharing.set(true);
        leptos::task::spawn_local(async move {
            let encoded = encode_link(json).await;
            let _ = sharing.try_set(false);
            match encoded {
                Some(Ok(frag)) => {
                    let link = format!("{}#{frag}", web::base_url());
                    web::copy_to_clipboard(&link);
                    share_link.set(link);
                    state.notify().say("分享链接已复制到剪贴板（也可在下方手动复制）。链接包含草稿全部内容，仅在 # 之后，不会发送到任何服务器。");
                }
                Some(Err(e)) => {
                    share_link.set(String::new());
                    state.notify().warn(e.message_zh());
                }
                None => state
                    .notify()
                    .warn("无法加载分享链接功能，请检查网络后重试；草稿未受影响。"),
            }
        });
    };
    let on_import = move |ev: leptos::ev::Event| {
        web::read_picked_files(
            &ev,
            Box::new(move |files| {
                for f in files {
                    let name = f.name;
                    match f.text {
                        Ok(text) => import_text(state, &name, &text),
                        Err(FileError::TooLarge) => state
                            .notify()
                            .warn(format!("无法导入“{name}”：文件过大，不是草稿文件。")),
                        Err(FileError::Unreadable) => {
                            state.notify().warn(format!("无法读取文件“{name}”。"))
                        }
                    }
                }
            }),
        );
    };

    let deleted = move || {
        state
            .list()
            .entries()
            .get()
            .into_iter()
            .filter(|e| e.deleted)
            .collect::<Vec<_>>()
    };

    view! {
        <section class="drafts no-print" aria-label="草稿">
            <div class="row bar">
                <label for="draft-select">"当前草稿"</label>
                <select
                    id="draft-select"
                    on:change=on_switch
                    prop:value=move || state.current().get().unwrap_or_default()
                >
                    // Keyed by everything an option shows: a rename redraws that option only.
                    <DraftOptions
                        each=Signal::derive(move || state.live())
                        current=state.current()
                    />
                </select>
                // On a phone the actions fold behind this button (style/app.css shows them
                // always on wider screens, and hides the button).
                <button
                    type="button"
                    class="menu-toggle"
                    node_ref=toggle
                    aria-expanded=move || if menu.get() { "true" } else { "false" }
                    aria-controls="draft-actions"
                    on:click=move |_| menu.update(|m| *m = !*m)
                >
                    "草稿操作"
                    <span class="caret" aria-hidden="true">
                        {move || if menu.get() { "▴" } else { "▾" }}
                    </span>
                </button>
                <div
                    id="draft-actions"
                    class="draft-actions"
                    class:open=move || menu.get()
                    role="group"
                    aria-label="草稿操作"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" && menu.get_untracked() {
                            close();
                        }
                    }
                >
                    <label for="draft-name">"草稿名称"</label>
                    <input
                        id="draft-name"
                        type="text"
                        prop:value=move || current_name().unwrap_or_default()
                        on:change=on_rename
                        disabled=move || state.current().get().is_none()
                    />
                    <button
                        type="button"
                        on:click=move |ev| {
                            menu.set(false);
                            on_duplicate(ev)
                        }
                        disabled=move || state.current().get().is_none()
                    >
                        "复制草稿"
                    </button>
                    <button
                        type="button"
                        on:click=move |ev| {
                            menu.set(false);
                            on_delete(ev)
                        }
                        disabled=move || state.current().get().is_none()
                    >
                        "删除草稿"
                    </button>
                    <span class="break"></span>
                    <label for="new-type">"新建草稿类型"</label>
                    <select id="new-type" on:change=move |ev| new_type.set(event_target_value(&ev))>
                        {RUBRIC_IDS
                            .iter()
                            .filter_map(|id| rubric::latest(id))
                            .map(|r| {
                                view! {
                                    <option value=r
                                        .id
                                        .clone()>
                                        {format!("{}（{}）", r.short_name, r.appendix)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button
                        type="button"
                        on:click=move |ev| {
                            menu.set(false);
                            on_new(ev)
                        }
                    >
                        "新建草稿"
                    </button>
                    <span class="sep"></span>
                    <button
                        type="button"
                        on:click=move |_| {
                            menu.set(false);
                            export(state)
                        }
                    >
                        "导出文件"
                    </button>
                    <input
                        id="import-file"
                        class="visually-hidden"
                        type="file"
                        accept=".json,application/json"
                        on:change=move |ev| {
                            menu.set(false);
                            on_import(ev)
                        }
                    />
                    <label class="button" for="import-file">
                        "导入文件"
                    </label>
                    <button
                        type="button"
                        prop:disabled=move || sharing.get()
                        aria-busy=move || sharing.get().then_some("true")
                        on:click=move |ev| {
                            menu.set(false);
                            on_share(ev)
                        }
                    >
                        "复制分享链接"
                    </button>
                    <Show when=move || {
                        state.track_editions();
                        state
                            .draft()
                            .with(|d| !crate::ui::editions::move_edition::others(d).is_empty())
                    }>
                        <button
                            type="button"
                            data-testid="move-edition"
                            prop:disabled=move || move_busy.get()
                            aria-busy=move || move_busy.get().then_some("true")
                            on:click=move |ev| {
                                menu.set(false);
                                on_move(ev)
                            }
                        >
                            "改用其他版本评分标准…"
                        </button>
                    </Show>
                    // On a phone the ways into a review sit here, not on the form (issue 23):
                    // the form's 审核阶段 line asks for the reviewer and date.
                    {use_context::<crate::ui::state::Reviewing>()
                        .map(|reviewing| {
                            [crate::domain::Stage::District, crate::domain::Stage::City]
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <button
                                            type="button"
                                            class="phone-review"
                                            disabled=move || state.current().get().is_none()
                                            on:click=move |_| {
                                                menu.set(false);
                                                reviewing.request.set(Some(s));
                                            }
                                        >
                                            {format!("以{}身份审核", s.long_label_zh())}
                                        </button>
                                    }
                                })
                                .collect_view()
                        })}
                    // Prints the sheet of the page on screen (the sheet follows the page).
                    <button
                        type="button"
                        class="primary"
                        data-testid="print-page"
                        on:click=move |_| {
                            menu.set(false);
                            printer.print(printer.sheet.get_untracked())
                        }
                    >
                        {move || printer.sheet.get().print_label()}
                    </button>
                </div>
            </div>
            {move || {
                let link = share_link.get();
                (!link.is_empty())
                    .then(|| {
                        view! {
                            <CopyLink id="share-link" label="分享链接".to_string() link=link />
                        }
                    })
            }}
            {move || move_loaded.get().then(|| move_dialog(moving))}
            {move || {
                state
                    .list()
                    .entries()
                    .with(|es| es.iter().any(|e| e.deleted))
                    .then(|| {
                        view! {
                            <details class="trash">
                                <summary>
                                    {move || {
                                        format!(
                                            "最近删除（{}）",
                                            state
                                                .list()
                                                .entries()
                                                .with(|es| es.iter().filter(|e| e.deleted).count()),
                                        )
                                    }}
                                </summary>
                                <ul>
                                    // Short and rarely changed: drawn whole, not keyed.
                                    {deleted()
                                        .into_iter()
                                        .map(|e| {
                                            view! { <DeletedDraft id=e.id.into() name=e.name /> }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        }
                    })
            }}
        </section>
    }
}

/// One draft in 最近删除: restore it, or remove it for good (after asking).
#[component]
fn DeletedDraft(id: String, name: String) -> impl IntoView {
    let state = expect_context::<Drafts>();
    let (id1, id2) = (id.clone(), id);
    view! {
        <li>
            <span>{name}</span>
            <button
                type="button"
                on:click=move |_| {
                    state.write(|s| s.restore(&id1));
                    state.open(&id1);
                    state.notify().say("草稿已恢复。");
                }
            >
                "恢复"
            </button>
            <button
                type="button"
                on:click=move |_| {
                    if web::confirm("彻底删除后无法恢复，确定吗？") {
                        state.write(|s| s.purge(&id2));
                    }
                }
            >
                "彻底删除"
            </button>
        </li>
    }
}
