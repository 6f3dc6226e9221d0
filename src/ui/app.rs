//! The top of the app: creates the state, opens the last draft, follows the address
//! (pages and share links), other tabs and printing, saves every change (once typing
//! pauses, and at once when the page is left), and lays out
//! the page: title, notices, draft bar, page tabs, the page, and the hidden print sheets.

use crate::ui::editions::{self, editor as edition_editor, link as edition_link};
use crate::ui::route::{Address, OnDraft, Page};
use crate::ui::scoring::{form, print, start, summary};
use crate::ui::state::{AppState, SaveState, Sheet};
use crate::ui::{compare, drafts, lazy, review, web};
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
    let (draft, notify) = (drafts.draft(), drafts.notify());
    let store = drafts.saving().store();
    // Narrow contexts (see `state`): the draft list, the notice setter, the printer.
    provide_context(drafts);
    provide_context(notify);
    provide_context(printer);
    // The trust signatures are verified under (issue 21): trust.json's root and the held
    // directory, installed once fetched; what shows a signature's state tracks it.
    let trust_version = crate::ui::state::held::TrustVersion(RwSignal::new(0));
    provide_context(trust_version);
    crate::ui::state::held::set_installer(|config, directory| {
        Box::pin(async move { lazy::install_trust(config, directory).await.map_err(|_| ()) })
    });
    crate::ui::state::held::load(trust_version);
    // The path reader of structural errors (issue 25), a chunk: fetched by the prefetch, or
    // when a draft's or an edition's error is to be worded (`placing::word`).
    crate::ui::state::placing::set_installer(|| {
        Box::pin(async { lazy::install_locators().await.map_err(|_| ()) })
    });
    // The review screen (Art. 30): which stage is under review, and its comparison memo.
    let reviewing = crate::ui::state::Reviewing::new(draft, trust_version);
    provide_context(reviewing);

    // Imported editions (issue 13) first, so that a draft naming one scores under it.
    store.with_value(|s| editions::load_stored(s, notify));
    // The edition editor's work in progress (its base may be an imported edition).
    let editor = edition_editor::Editor::new(drafts);
    provide_context(editor);

    // Open the last draft, or the first readable one, or start a new one.
    let current = store.with_value(|s| s.current());
    let live: Vec<crate::store::DraftId> =
        store.with_value(|s| s.live().map(|e| e.id.clone()).collect());
    // With none (a first visit), nothing is created: the page offers a choice of platform
    // type (`start::StartChooser`), so no empty draft is left behind.
    let _opened = current.iter().chain(live.iter()).any(|id| drafts.open(id));
    // No draft open and no link preview: the choice of platform type instead of a form.
    let choosing = move || {
        drafts.current().get().is_none() && drafts.saving().status().get() != SaveState::Preview
    };
    // A link preview is read-only until saved as one's own draft (issue 15).
    let preview = move || drafts.saving().status().get() == SaveState::Preview;
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
            if !same || !drafts.saving().is_preview() {
                previewed.set_value(Some(payload.clone()));
                drafts::open_share(drafts, payload);
            }
        }
        page.set(address.page);
    };
    follow(start);
    // Switching drafts (or opening a link) reopens the review remembered for that draft.
    Effect::new(move |_| reviewing.follow(drafts.current().get()));
    window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(address) = Address::read(&web::fragment()) {
            follow(address);
        }
    });
    let go = move |to: Page| {
        let share = (drafts.saving().is_preview())
            .then(|| Address::parse(&web::fragment()).share)
            .flatten();
        // The other pages read stored drafts (等次排名, 年度对比): this one's last keystrokes too.
        drafts.flush();
        page.set(to);
        web::go_to_fragment(&Address { page: to, share }.fragment());
    };

    // Saving, beside the store handle (`state::Saving::wire`): once typing pauses, at once
    // when the page is hidden or left; another tab's change; a newer build's tab.
    drafts.wire();

    // Printing follows the page (issue 15): the browser's own print command (Ctrl+P) and
    // the top print button print the sheet of the page on screen, also after a print.
    // On the 绩效评分 page with a review open, the 审核表 (Art. 30).
    // Every page's sheet is in its row of the pages table (`route::page_table!`).
    let page_sheet = move |p: Page| match p {
        Page::Score if reviewing.stage.get_untracked().is_some() => Sheet::Review,
        p => p.sheet(),
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
    let comparing = compare::Comparing::new(drafts.list());
    // What the pages loaded on first use are handed (`lazy::Shell`).
    let shell = lazy::Shell {
        draft,
        report,
        cohort,
        list: drafts.list(),
        comparing,
        editor,
        sheet: printer.sheet,
    };
    // The sheets are built on demand: for the browser's own print command (`beforeprint`,
    // whose listeners' updates are drawn before the page is laid out for print) and for
    // print media (print preview, emulation); dropped when the screen is back.
    window_event_listener(leptos::ev::beforeprint, move |_| printer.mounted.set(true));
    web::on_print_media(move |print| printer.mounted.set(print));

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

    // The ranking's rules too, apart from the list.
    Effect::new(move |_| {
        let result = cohort
            .options
            .with(|o| store.try_update_value(|s| s.keep_rank_rules(o)));
        if let Some(Err(e)) = result {
            notify.warn(format!(
                "排名规则未能保存到本浏览器（{e}），刷新页面会恢复默认规则。"
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
                p if p.draft() == OnDraft::Edits && choosing() => {
                    // A page that edits the open draft (its row: `draft Edits`), none open.
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
                                        fetch=lazy::fetch_review_page
                                        load=move || {
                                            lazy::review_page(draft, lazy::ReviewPart::Screen(stage))
                                        }
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
                                    <summary::Summary report=report save=drafts.saving().status() />
                                </div>
                            }
                                .into_any()
                        }
                    }
                }
                p if p.draft() == OnDraft::Edits => {
                    view! {
                        <main class="page" id="main">
                            <ReadOnly preview=Signal::derive(preview) newer=Signal::derive(newer)>
                                {lazy::page(p, shell)}
                            </ReadOnly>
                        </main>
                    }
                        .into_any()
                }
                p if p.draft() == OnDraft::Reads => {
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
                            {lazy::page(p, shell)}
                        </main>
                    }
                        .into_any()
                }
                p => {
                    // The other pages (`draft Aside`): their rows in the pages table.
                    view! {
                        <main class="page" id="main">
                            {lazy::page(p, shell)}
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
                <lazy::Sheets shell=shell />
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
