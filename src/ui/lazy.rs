//! Pages loaded on first use (issue 10, item 2), from the pages table (issue 24, item 2:
//! `route::page_table!`, one row a page). Each page with its printed sheet is one split
//! point (`wasm_split`, as Leptos's `#[lazy]` but `fallible`): the build
//! (`scripts/split_build.py`) moves the code only it reaches into its own WASM chunk,
//! fetched the first time the page opens (or in the background once the scoring page is
//! interactive: [`prefetch`]). A chunk that cannot be fetched never aborts the app: the page
//! says so in Chinese and offers to try again; the other pages keep working.
//!
//! A new page: its folder, and its row in `route::page_table!`; this module expands the
//! rows (`lazy_pages!`), and `App` shows the page and prints its sheet from the row.

use crate::domain::{Draft, Report, Stage};
use crate::ui::route::Page;
use crate::ui::state::{Cohort, DraftList, Sheet};
use crate::ui::{certify, compare, editions, materials, ranking, review, signing};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// A lazily loaded page: a placeholder in the page area while its chunk arrives, then the
/// page; when the chunk cannot be fetched, the message and a retry button. `fetch` loads
/// the chunk (the split point's preload), `load` builds the page from it. The page is
/// built in this component's reactive scope as any other page (not in a `Suspense`):
/// only after its chunk is in, when the split function returns at its first poll. Once
/// the chunk is in (a page opened before, or `prefetch`), the page follows in the same
/// microtask, before the browser paints: no placeholder is seen.
#[component]
pub fn LazyPage<P, PF, L, LF>(fetch: P, load: L) -> impl IntoView
where
    P: Fn() -> PF + Send + Sync + Copy + 'static,
    PF: Future<Output = Result<(), SplitLoaderError>> + 'static,
    L: Fn() -> LF + Send + Sync + Copy + 'static,
    LF: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let chunk = fetched(fetch);
    move || match chunk.state.get() {
        None => view! {
            <p class="lazy-loading" role="status" data-testid="lazy-loading">
                "正在加载…"
            </p>
        }
        .into_any(),
        Some(false) => failed(chunk),
        Some(true) => untrack(|| match now(load()) {
            Some(Ok(page)) => page,
            _ => failed(chunk),
        }),
    }
}

/// A print sheet from a chunk. Sheets are built on print (`Printer::mounted`); after
/// `prefetch` (or a visit of the sheet's page, which fetches its sheet too) the chunk is in
/// and the sheet follows in the same microtask, before the browser lays the page out for
/// print. A chunk that cannot be fetched prints nothing of that sheet.
#[component]
pub fn LazySheet<P, PF, L, LF>(fetch: P, load: L) -> impl IntoView
where
    P: Fn() -> PF + Send + Sync + Copy + 'static,
    PF: Future<Output = Result<(), SplitLoaderError>> + 'static,
    L: Fn() -> LF + Send + Sync + Copy + 'static,
    LF: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let chunk = fetched(fetch);
    move || {
        (chunk.state.get() == Some(true))
            .then(|| untrack(|| now(load()).and_then(Result::ok)))
            .flatten()
    }
}

/// A chunk being fetched: `None` on its way, `Some(true)` in, `Some(false)` failed; `retry`
/// fetches again.
#[derive(Clone, Copy)]
struct Fetched {
    state: RwSignal<Option<bool>>,
    retry: StoredValue<Box<dyn Fn() + Send + Sync>>,
}

fn fetched<P, PF>(fetch: P) -> Fetched
where
    P: Fn() -> PF + Send + Sync + Copy + 'static,
    PF: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    let state = RwSignal::new(None::<bool>);
    let go = move || {
        state.set(None);
        leptos::task::spawn_local(async move {
            let ok = fetch().await.is_ok();
            // The page may have been left meanwhile: then nobody is waiting.
            let _ = state.try_set(Some(ok));
        });
    };
    go();
    Fetched {
        state,
        retry: StoredValue::new(Box::new(go)),
    }
}

/// Polls a split function's future once: ready when its chunk is in.
fn now<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
}

/// The page's chunk could not be fetched (offline before the first visit, a server error).
fn failed(chunk: Fetched) -> AnyView {
    view! {
        <section class="card lazy-failed" role="alert" data-testid="lazy-failed">
            <p>"无法加载此页面，请检查网络后重试"</p>
            <button type="button" on:click=move |_| chunk.retry.with_value(|retry| retry())>
                "重试"
            </button>
        </section>
    }
    .into_any()
}

/// What a page's split point is handed: the signals `App` made (all `Copy`), so that every
/// row of the pages table (`route::page_table!`) has the same arguments.
#[derive(Clone, Copy)]
pub struct Shell {
    pub draft: RwSignal<Draft>,
    pub report: Memo<Option<Report>>,
    pub cohort: Cohort,
    /// The stored drafts as a list (`Drafts::list`), for the pages that read them.
    pub list: DraftList,
    pub comparing: compare::Comparing,
    pub editor: editions::editor::Editor,
    /// The sheet being printed (`Printer::sheet`).
    pub sheet: RwSignal<Sheet>,
}

/// One split point: a function the build (`scripts/split_build.py` → `wasm-split-cli`)
/// cuts out with what only it reaches, into `split_<name>-<hash>.wasm`, and its preload
/// `fetch_<name>` (fetches the chunk; `Err` when it cannot). The attribute is written here
/// once and lands on a plain `fn` item, as the `wasm_split` macro wants: the splitter reads
/// the compiled module's `__wasm_split_00<name>00_…` imports and exports, which the macro
/// names after the function's name (given literally in each row) and its span.
macro_rules! split_point {
    ($(#[$doc:meta])* $name:ident / $fetch:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[leptos::wasm_split::wasm_split(
            $name,
            wasm_split_path = ::leptos::wasm_split,
            preload($fetch),
            fallible
        )]
        pub fn $name($($arg: $ty),*) -> Result<$ret, SplitLoaderError> $body
    };
}

/// Which half of a page's chunk to build: a page loaded on first use and its print sheet
/// are one split point (`route::page_table!`), so opening the page fetches its sheet's code
/// with it (Ctrl+P finds it in) and printing fetches the page's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Page,
    Sheet,
}

/// A row's sheet view, or nothing for a page with no sheet of its own.
macro_rules! sheet_or_nothing {
    () => {
        ().into_any()
    };
    ($sheet_view:block) => {
        $sheet_view.into_any()
    };
}

/// This module's reading of the pages table (`route::page_table!`: one row a page, see there
/// what a row holds and what the splitter reads): for each page loaded on first use, its
/// split function (the page or its sheet, by a [`Part`]); [`page`] (the page on screen),
/// `PageSheets` (the sheet being printed, for [`Sheets`]) and `prefetch_pages` (in the rows'
/// order, for [`prefetch`]). The views in the rows are resolved here: the pages' folders are
/// imported at the top of this module.
macro_rules! lazy_pages {
    ($(
        $(#[$doc:meta])*
        $page:ident $slug:literal $title:literal, draft $draft:ident, prints $sheet:ident $words:literal
        $(; split $split_fn:ident / $fetch:ident ($a:ident) => page $page_view:block
        $(sheet $sheet_view:block)?)?
    ),* $(,)?) => {
        $($(
            split_point!(
                #[doc = concat!(stringify!($page), ": the page ", $title, " or its sheet, from its chunk.")]
                $split_fn / $fetch ($a: Shell, part: Part) -> AnyView {
                    Ok(match part {
                        Part::Page => $page_view.into_any(),
                        Part::Sheet => sheet_or_nothing!($($sheet_view)?),
                    })
                }
            );
        )?)*

        /// The page on screen, from its chunk (its sheet's code with it): `None` for the
        /// pages of the main module.
        pub fn page(page: Page, shell: Shell) -> Option<AnyView> {
            match page {
                $($(
                    Page::$page => Some(
                        view! { <LazyPage fetch=$fetch load=move || $split_fn(shell, Part::Page) /> }
                            .into_any(),
                    ),
                )?)*
                _ => None,
            }
        }

        /// The sheet being printed, when a page's chunk builds it: only that chunk is
        /// fetched (printing 绩效评分's 得分表 right after load waits for none).
        #[component]
        fn PageSheets(shell: Shell) -> impl IntoView {
            let owner = Memo::new(move |_| shell.sheet.get().page());
            move || match owner.get() {
                $($(
                    Some(Page::$page) => view! {
                        <LazySheet fetch=$fetch load=move || $split_fn(shell, Part::Sheet) />
                    }
                    .into_any(),
                )?)*
                _ => ().into_any(),
            }
        }

        /// The pages' chunks, in the table's order (see [`prefetch`]).
        async fn prefetch_pages() {
            $($(
                let _ = $fetch().await;
            )?)*
        }
    };
}

crate::ui::route::page_table!(lazy_pages);

// The split points other than the pages': the review screen (a stage of 绩效评分, not a
// page of its own) and its 审核表, and two for actions.

/// What the review's chunk builds: the review screen of a stage, or the 审核表.
#[derive(Clone, Copy)]
pub enum ReviewPart {
    Screen(Stage),
    Sheet(RwSignal<Sheet>),
}

split_point!(
    /// The review screen (Art. 30) on 绩效评分, the stage's form and its summary; or the
    /// 审核表, printed from it (one chunk, as a page and its sheet).
    review_page / fetch_review_page (draft: RwSignal<Draft>, part: ReviewPart) -> AnyView {
        Ok(match part {
            ReviewPart::Screen(stage) => view! {
                <main class="form review" id="main">
                    <review::ReviewPage draft=draft stage=stage />
                </main>
                <review::ReviewSummary stage=stage />
            }
            .into_any(),
            ReviewPart::Sheet(sheet) => view! { <review::ReviewSheet draft=draft sheet=sheet /> }.into_any(),
        })
    }
);

/// Fetches every chunk, one after the other, so that the other pages open and print at
/// once and work offline. Called by `App` a while after the scoring page is interactive,
/// never before: the first load stays the scoring page's. Failures are left for the page
/// to say when it is opened.
pub async fn prefetch() {
    prefetch_pages().await;
    let _ = fetch_review_page().await;
    let _ = fetch_share_encode().await;
    let _ = fetch_move_dialog().await;
    let _ = fetch_install_trust().await;
    let _ = crate::ui::state::placing::need().await;
}

/// Every sheet from a chunk, built while printing (`Printer::mounted`): the one being
/// printed, from its page's chunk (the table's) or the review's (the 审核表).
#[component]
pub fn Sheets(shell: Shell) -> impl IntoView {
    let review = Memo::new(move |_| shell.sheet.get() == Sheet::Review);
    view! {
        <PageSheets shell=shell />
        {move || {
            review
                .get()
                .then(|| {
                    view! {
                        <LazySheet
                            fetch=fetch_review_page
                            load=move || review_page(shell.draft, ReviewPart::Sheet(shell.sheet))
                        />
                    }
                })
        }}
    }
}

split_point!(
    /// 复制分享链接's encoder (CRC-32, DEFLATE, base64url: `share::encode`), a chunk fetched
    /// on the first click (or by `prefetch`): the scoring page never encodes at start.
    /// Decoding stays in the main module (a link in the address is opened at start).
    share_encode / fetch_share_encode (json: String) -> Result<String, crate::share::ShareError> {
        Ok(crate::share::encode(&json))
    }
);

split_point!(
    /// 改用其他版本评分标准…'s dialog (`move_edition::MoveDialog`: both scores side by side,
    /// `migrate::move_draft`), fetched on the first click (or by `prefetch`).
    move_dialog / fetch_move_dialog (open: RwSignal<bool>) -> AnyView {
        Ok(view! { <editions::move_edition::MoveDialog open=open /> }.into_any())
    }
);

split_point!(
    /// The signature check (issue 21, item 8): SM2/SM3, `trust.json`'s root, the directory's
    /// verification and `review::layer_status_with`, installed for the whole app by
    /// `held::need` when a signature is first to be shown (or by `prefetch`). Until then a
    /// signed layer reads 正在核验签名….
    install_trust / fetch_install_trust (config: Option<String>, directory: Option<String>) -> () {
        crate::ui::state::held::install(config, directory);
        Ok(())
    }
);

split_point!(
    /// The path readers of structural errors (issue 25): `serde_path_to_error` over the
    /// draft and the rubric types, installed for the whole app by `placing::need` when an
    /// error is to be worded (or by `prefetch`). Until then such an error is read, but its
    /// message waits for its place.
    install_locators / fetch_install_locators () -> () {
        crate::domain::install_locators();
        Ok(())
    }
);
