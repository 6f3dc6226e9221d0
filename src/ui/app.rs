//! The top of the app: creates the state, opens the last draft, follows the address
//! (pages and share links), other tabs and printing, saves every change (once typing
//! pauses, and at once when the page is left), and lays out
//! the page: title, notices, draft bar, page tabs, the page, and the hidden print sheets.

use super::route::{Address, Page};
use super::state::{AppState, Drafts, SaveState, Sheet, NEWER_BUILD_ZH};
use super::{
    compare, drafts, edition_editor, edition_link, editions, form, lazy, print, review, start,
    summary, web,
};
use crate::store::{ExternalChange, Store};
use leptos::prelude::*;

/// How long after the app has mounted the other pages' chunks start downloading: after
/// the first screen is drawn and the first keystrokes handled, before a user is likely to
/// switch pages or print.
const PREFETCH_DELAY_MS: u64 = 1500;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    let AppState {
        drafts,
        report,
        notice,
        printer,
        cohort,
    } = state;
    let Drafts {
        draft,
        store,
        notify,
        ..
    } = drafts;
    // Narrow contexts (see `state`): the draft list, the notice setter, the printer.
    provide_context(drafts);
    provide_context(notify);
    provide_context(printer);
    // The trust signatures are verified under (issue 21): trust.json's root and the held
    // directory, installed once fetched; what shows a signature's state tracks it.
    let trust_version = super::signing::held::TrustVersion(RwSignal::new(0));
    provide_context(trust_version);
    super::signing::held::load(trust_version);
    // The review screen (Art. 30): which stage is under review, and its comparison memo.
    let reviewing = review::Reviewing::new(draft, trust_version);
    provide_context(reviewing);

    // Imported editions (issue 13) first, so that a draft naming one scores under it.
    for problem in store.with_value(|s| editions::load_stored(s)) {
        notify.warn(problem);
    }
    // The edition editor's work in progress (its base may be an imported edition).
    let editor = edition_editor::Editor::new(drafts);
    provide_context(editor);

    // Open the last draft, or the first readable one, or start a new one.
    let current = store.with_value(|s| s.current());
    let live: Vec<String> = store.with_value(|s| s.live().map(|e| e.id.clone()).collect());
    // With none (a first visit), nothing is created: the page offers a choice of platform
    // type (`start::StartChooser`), so no empty draft is left behind.
    let _opened = current.iter().chain(live.iter()).any(|id| drafts.open(id));
    // No draft open and no link preview: the choice of platform type instead of a form.
    let choosing =
        move || drafts.current.get().is_none() && drafts.save.get() != SaveState::Preview;
    // A link preview is read-only until saved as one's own draft (issue 15).
    let preview = move || drafts.save.get() == SaveState::Preview;
    // So is a draft of a newer format than this build knows (issue 22): never written.
    let newer = move || draft.with(|d| d.newer());

    // The page in the address; a share link in it opens as a preview (once: moving
    // between pages during a preview keeps the payload in the address, not re-opened).
    let start = Address::parse(&web::fragment());
    let page = RwSignal::new(start.page);
    let previewed = StoredValue::new(None::<String>);
    let follow = move |address: Address| {
        drafts.flush();
        if let Some(payload) = &address.share {
            let same = previewed.with_value(|p| p.as_deref() == Some(payload.as_str()));
            if !same || drafts.save.get_untracked() != SaveState::Preview {
                previewed.set_value(Some(payload.clone()));
                drafts::open_share(drafts, payload);
            }
        }
        page.set(address.page);
    };
    follow(start);
    // Switching drafts (or opening a link) reopens the review remembered for that draft.
    Effect::new(move |_| reviewing.follow(drafts.current.get()));
    window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(address) = Address::read(&web::fragment()) {
            follow(address);
        }
    });
    let go = move |to: Page| {
        let share = (drafts.save.get_untracked() == SaveState::Preview)
            .then(|| Address::parse(&web::fragment()).share)
            .flatten();
        // The other pages read stored drafts (等次排名, 年度对比): this one's last keystrokes too.
        drafts.flush();
        page.set(to);
        web::go_to_fragment(&Address { page: to, share }.fragment());
    };

    // A newer build of the app in another tab (issue 22): say 已有新版本，请刷新 and stop
    // saving. Announced at start (a tab of an older build, e.g. served offline, learns it
    // at once) and followed through the `storage` event.
    let build = web::build_stamp();
    let newer_build = move || {
        if !drafts.newer_build.get_untracked() {
            drafts.newer_build.set(true);
            drafts.cancel_pending();
            // Said once, in the bar of a failed save (with 导出文件).
            drafts.save.set(SaveState::Failed(NEWER_BUILD_ZH.into()));
        }
    };
    if let Some(stamp) = &build {
        if store.try_update_value(|s| s.announce_build(stamp)) == Some(true) {
            newer_build();
        }
    }

    // Another tab changed the list or a draft (the `storage` event fires only in the
    // other tabs): follow it, and never lose either side's change.
    window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else { return };
        if Store::<web::AnyBackend>::is_build_key(&key) {
            let ours = build.clone().unwrap_or_default();
            if store.with_value(|s| s.newer_build(&ours)) {
                newer_build();
            }
            return;
        }
        if Store::<web::AnyBackend>::is_index_key(&key) {
            store.update_value(|s| s.reload_index());
            drafts.sync_entries();
            // The draft on screen deleted (or purged) in another tab (issue 22): said once,
            // and no longer saved into (`Store::save` refuses it: a purge stays purged).
            if let Some(id) = drafts.current.get_untracked() {
                if drafts.save.get_untracked() != SaveState::Preview
                    && store.with_value(|s| s.gone(&id))
                {
                    drafts.cancel_pending();
                    let gone = crate::store::StoreError::Gone.to_string();
                    drafts.save.set(SaveState::Failed(gone));
                }
            }
            return;
        }
        let Some(id) = drafts.current.get_untracked() else {
            return;
        };
        if !Store::<web::AnyBackend>::is_draft_key(&key, &id)
            || drafts.save.get_untracked() == SaveState::Preview
        {
            return;
        }
        let ours = draft.get_untracked();
        let change = store.try_update_value(|s| s.external_change(&id, &ours));
        match change {
            Some(ExternalChange::Adopt(theirs)) => {
                drafts.cancel_pending();
                draft.set(theirs);
                notify.say("此草稿已在另一个标签页中修改，已显示最新内容。");
            }
            // Theirs is already stored under the draft's id; ours becomes a new draft.
            Some(ExternalChange::Conflict { .. }) => {
                // Ours goes to a new draft: never over theirs under this id.
                drafts.cancel_pending();
                let name = drafts.name_of(&id);
                let copy = format!("{name}（本页的修改）");
                if drafts.add_and_open(&copy, &ours).is_some() {
                    notify.warn(format!(
                        "草稿“{name}”同时在另一个标签页中被修改。两份都已保留：另一标签页的修改在“{name}”中，本页的修改已另存为“{copy}”。"
                    ));
                }
            }
            Some(ExternalChange::Purged) => {
                drafts.cancel_pending();
                let gone = crate::store::StoreError::Gone.to_string();
                drafts.save.set(SaveState::Failed(gone));
            }
            Some(ExternalChange::Unreadable(reason)) => {
                notify.warn(format!(
                    "另一个标签页写入的草稿内容无法读取（{reason}）。本页内容保持不变，请导出文件备份。"
                ));
            }
            Some(ExternalChange::Same) | None => {}
        }
    });

    // Printing follows the page (issue 15): the browser's own print command (Ctrl+P) and
    // the top print button print the sheet of the page on screen, also after a print.
    // On the 绩效评分 page with a review open, the 审核表 (Art. 30).
    let page_sheet = move |p: Page| match p {
        Page::Score if reviewing.stage.get_untracked().is_some() => Sheet::Review,
        Page::Score => Sheet::Scores,
        Page::Certify => Sheet::Application,
        Page::Cohort => Sheet::Cohort,
        Page::Compare => Sheet::Compare,
        Page::Materials => Sheet::Report,
        // 评分标准: the 调整说明 of the edition being edited.
        Page::Editions => Sheet::Edition,
        // 签名与名录: the 公布 open there (`signing::publication`).
        Page::Signing => Sheet::Publication,
    };
    Effect::new(move |_| {
        // Tracked: the page, and whether a review is open.
        reviewing.stage.track();
        let s = page_sheet(page.get());
        if printer.sheet.get_untracked() != s {
            printer.sheet.set(s);
        }
    });
    window_event_listener(leptos::ev::afterprint, move |_| {
        let s = page_sheet(page.get_untracked());
        if printer.sheet.get_untracked() != s {
            printer.sheet.set(s);
        }
        printer.mounted.set(false);
    });
    let comparing = compare::Comparing::new(drafts);
    // The sheets are built on demand: for the browser's own print command (`beforeprint`,
    // whose listeners' updates are drawn before the page is laid out for print) and for
    // print media (print preview, emulation); dropped when the screen is back.
    window_event_listener(leptos::ev::beforeprint, move |_| printer.mounted.set(true));
    web::on_print_media(move |print| printer.mounted.set(print));

    // Every change is saved once typing pauses (`SAVE_DELAY`; the current id is read when
    // writing: switching drafts writes the one left first, see `Drafts::open`), and at once
    // when the page is hidden or left: reload, closing the tab, switching apps on a phone.
    Effect::new(move |_| {
        draft.track();
        if drafts.save.get_untracked() != SaveState::Preview {
            drafts.save_soon();
        }
    });
    window_event_listener(leptos::ev::pagehide, move |_| drafts.flush());
    window_event_listener(leptos::ev::beforeunload, move |_| drafts.flush());
    window_event_listener(leptos::ev::visibilitychange, move |_| drafts.flush());
    // The ranking list is kept after every change (the first run writes what was just
    // read: harmless); a failed write is said at once.
    Effect::new(move |_| {
        let result = cohort
            .list
            .with(|c| store.try_update_value(|s| s.keep_cohort(c)));
        if let Some(Err(e)) = result {
            notify.warn(format!(
                "排名列表未能保存到本浏览器（{e}），刷新页面会丢失；请先“导出 CSV”。"
            ));
        }
    });

    // The other pages' chunks (`lazy`), fetched in the background once the scoring page
    // is interactive: they then open and print at once, and work offline.
    set_timeout(
        || leptos::task::spawn_local(lazy::prefetch()),
        std::time::Duration::from_millis(PREFETCH_DELAY_MS),
    );

    let sheet = printer.sheet;
    view! {
        <div class="app">
            <header class="top">
                <h1>"重庆市人力资源服务发展平台 绩效评估计算器"</h1>
                <p class="sub">
                    "依据《重庆市人力资源服务发展平台管理办法》（渝人社规〔2025〕4号）附表2–4 · "
                    "全部计算在本机浏览器中完成，数据不上传"
                </p>
            </header>
            <drafts::NoticeBar notice=notice />
            <drafts::DraftBar />
            <nav class="tabs" aria-label="功能">
                // The tabs never change: a plain list, not a keyed one.
                {Page::ALL
                    .into_iter()
                    .map(|p| {
                        view! {
                            <button
                                type="button"
                                class="tab"
                                class:active=move || page.get() == p
                                aria-current=move || if page.get() == p { "page" } else { "false" }
                                on:click=move |_| go(p)
                            >
                                {p.label_zh()}
                            </button>
                        }
                    })
                    .collect_view()}
            </nav>
            {move || match page.get() {
                Page::Score | Page::Certify if choosing() => {
                    view! {
                        <main class="page" id="main">
                            <start::StartChooser />
                        </main>
                    }
                        .into_any()
                }
                Page::Score => {
                    match reviewing.stage.get() {
                        Some(stage) => {
                            view! {
                                <div class="layout">
                                    <lazy::LazyPage
                                        fetch=lazy::fetch_review
                                        load=move || lazy::review_page(draft, stage)
                                    />
                                </div>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <div class="layout">
                                    <main class="form" id="main">
                                        <review::ReviewChoice />
                                        <edition_link::MissingEdition draft=draft />
                                        <ReadOnly
                                            preview=Signal::derive(preview)
                                            newer=Signal::derive(newer)
                                        >
                                            <form::PlatformForm draft=draft />
                                            <form::IndicatorForm draft=draft report=report />
                                        </ReadOnly>
                                    </main>
                                    <summary::Summary report=report save=drafts.save />
                                </div>
                            }
                                .into_any()
                        }
                    }
                }
                Page::Certify => {
                    view! {
                        <main class="page" id="main">
                            <ReadOnly preview=Signal::derive(preview) newer=Signal::derive(newer)>
                                <lazy::LazyPage
                                    fetch=lazy::fetch_certify
                                    load=move || lazy::certify_page(draft, report)
                                />
                            </ReadOnly>
                        </main>
                    }
                        .into_any()
                }
                Page::Cohort => {
                    view! {
                        <main class="page" id="main">
                            <lazy::LazyPage
                                fetch=lazy::fetch_cohort
                                load=move || lazy::cohort_page(cohort)
                            />
                        </main>
                    }
                        .into_any()
                }
                Page::Compare => {
                    view! {
                        <main class="page" id="main">
                            <lazy::LazyPage
                                fetch=lazy::fetch_compare
                                load=move || lazy::compare_page(comparing)
                            />
                        </main>
                    }
                        .into_any()
                }
                Page::Materials => {
                    view! {
                        <main class="page" id="main">
                            // A newer format's draft (issue 22): said here too; its exports
                            // and prints stay available, nothing typed here is saved.
                            {move || {
                                newer()
                                    .map(|format| {
                                        view! {
                                            <p
                                                class="notice preview readonly"
                                                data-testid="newer-readonly"
                                            >
                                                {crate::domain::Draft::newer_message_zh(format)}
                                            </p>
                                        }
                                    })
                            }}
                            <lazy::LazyPage
                                fetch=lazy::fetch_materials
                                load=move || lazy::materials_page(draft, report)
                            />
                        </main>
                    }
                        .into_any()
                }
                Page::Editions => {
                    view! {
                        <main class="page" id="main">
                            <lazy::LazyPage fetch=lazy::fetch_editions load=lazy::editions_page />
                        </main>
                    }
                        .into_any()
                }
                Page::Signing => {
                    view! {
                        <main class="page" id="main">
                            <lazy::LazyPage
                                fetch=lazy::fetch_signing_page
                                load=move || lazy::signing_page(cohort)
                            />
                        </main>
                    }
                        .into_any()
                }
            }}
            <footer class="foot">
                <p>
                    "本工具为辅助计算工具，评估结果以市人力社保局审定为准。"
                    "带“本工具的解读”标注处为对条文未明确之处的理解。"
                </p>
            </footer>
        </div>
        // The sheets for window.print(): built only while printing (`printer.mounted`),
        // hidden on screen, the chosen one alone in print.
        <main class="print-area" aria-label="打印内容">
            <Show when=move || printer.mounted.get()>
                <print::ScoreSheet draft=draft report=report sheet=sheet />
                // The other pages' sheets come from their chunks (`lazy`).
                <lazy::LazySheet
                    fetch=lazy::fetch_certify_sheet
                    load=move || lazy::certify_sheet(draft, sheet)
                />
                <lazy::LazySheet
                    fetch=lazy::fetch_cohort_sheet
                    load=move || lazy::cohort_sheet(cohort, sheet)
                />
                <lazy::LazySheet
                    fetch=lazy::fetch_compare_sheet
                    load=move || lazy::compare_sheet(comparing, sheet)
                />
                <lazy::LazySheet
                    fetch=lazy::fetch_review_sheet
                    load=move || lazy::review_sheet(draft, sheet)
                />
                <lazy::LazySheet
                    fetch=lazy::fetch_materials_sheets
                    load=move || lazy::materials_sheets(draft, report, sheet)
                />
                <lazy::LazySheet
                    fetch=lazy::fetch_editions_sheet
                    load=move || lazy::editions_sheet(editor, sheet)
                />
            </Show>
        </main>
    }
}

/// A link preview's pages, and a draft of a newer format's (issue 22): every input disabled
/// (a `<fieldset disabled>`), with one line saying why and what to do. Nothing typed can
/// then be lost on a reload, and nothing a newer version wrote is written over.
#[component]
fn ReadOnly(
    preview: Signal<bool>,
    newer: Signal<Option<u32>>,
    children: Children,
) -> impl IntoView {
    view! {
        {move || {
            preview
                .get()
                .then(|| {
                    view! {
                        <p class="notice preview readonly" data-testid="preview-readonly">
                            "只读预览：这是链接分享的草稿，尚未保存在本机，不能修改。如需修改或保留，请点击上方“保存为我的草稿”。"
                        </p>
                    }
                })
        }}
        {move || {
            newer
                .get()
                .map(|format| {
                    view! {
                        <p class="notice preview readonly" data-testid="newer-readonly">
                            {crate::domain::Draft::newer_message_zh(format)}
                        </p>
                    }
                })
        }}
        <fieldset class="lock" prop:disabled=move || preview.get() || newer.get().is_some()>
            {children()}
        </fieldset>
    }
}
