//! Pages loaded on first use (issue 10, item 2). Each `*_page` and `*_sheet` function
//! below is a split point (`wasm_split`, as Leptos's `#[lazy]` but `fallible`): the build
//! (`scripts/split_build.py`) moves the code only it reaches into its own WASM chunk,
//! fetched the first time the page opens (or in the background once the scoring page is
//! interactive: `prefetch`). A chunk that cannot be fetched never aborts the app: the page
//! says so in Chinese and offers to try again; the other pages keep working.

use super::state::Sheet;
use super::{
    application, certify, cohort, compare, edition_editor, editions, move_edition, review,
    review_sheet, signing, submission,
};
use crate::domain::{Draft, Report, Stage};
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

/// What opening a page fetches: its chunk, and its print sheet's beside it (not waited
/// for), so that Ctrl+P on the page finds the sheet in.
macro_rules! page_fetch {
    ($name:ident, $page:ident, $sheet:ident) => {
        pub async fn $name() -> Result<(), SplitLoaderError> {
            leptos::task::spawn_local(async {
                let _ = $sheet().await;
            });
            $page().await
        }
    };
}
page_fetch!(fetch_certify, fetch_certify_page, fetch_certify_sheet);
page_fetch!(fetch_review, fetch_review_page, fetch_review_sheet);
page_fetch!(fetch_cohort, fetch_cohort_page, fetch_cohort_sheet);
page_fetch!(fetch_compare, fetch_compare_page, fetch_compare_sheet);
page_fetch!(
    fetch_materials,
    fetch_materials_page,
    fetch_materials_sheets
);
page_fetch!(fetch_editions, fetch_editions_page, fetch_editions_sheet);

/// Fetches every chunk, one after the other, so that the other pages open and print at
/// once and work offline. Called by `App` a while after the scoring page is interactive,
/// never before: the first load stays the scoring page's. Failures are left for the page
/// to say when it is opened.
pub async fn prefetch() {
    let _ = fetch_certify_page().await;
    let _ = fetch_certify_sheet().await;
    let _ = fetch_review_page().await;
    let _ = fetch_review_sheet().await;
    let _ = fetch_cohort_page().await;
    let _ = fetch_cohort_sheet().await;
    let _ = fetch_compare_page().await;
    let _ = fetch_compare_sheet().await;
    let _ = fetch_materials_page().await;
    let _ = fetch_materials_sheets().await;
    let _ = fetch_editions_page().await;
    let _ = fetch_editions_sheet().await;
    let _ = fetch_share_encode().await;
    let _ = fetch_move_dialog().await;
    let _ = fetch_signing_page().await;
    let _ = fetch_install_trust().await;
}

// The split points: each function and what only it reaches becomes a chunk; code two of
// them share goes to a shared chunk (loaded with either), code the scoring page also
// uses stays in the main module. `fallible`: a failed fetch is an `Err`, not a panic
// (panic = abort would end the app). Arguments are the `App`'s signals (`Copy`).

/// 认定条件与申请表.
#[leptos::wasm_split::wasm_split(
    certify_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_certify_page),
    fallible
)]
pub fn certify_page(
    draft: RwSignal<Draft>,
    report: Memo<Option<Report>>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <certify::CertifyPage draft=draft report=report /> }.into_any())
}

/// 附表1 认定申请表 (printed from 认定条件与申请表).
#[leptos::wasm_split::wasm_split(
    certify_sheet,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_certify_sheet),
    fallible
)]
pub fn certify_sheet(
    draft: RwSignal<Draft>,
    sheet: RwSignal<Sheet>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <application::ApplicationSheet draft=draft sheet=sheet /> }.into_any())
}

/// The review screen (Art. 30) on 绩效评分: the stage's form and its summary.
#[leptos::wasm_split::wasm_split(
    review_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_review_page),
    fallible
)]
pub fn review_page(draft: RwSignal<Draft>, stage: Stage) -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <main class="form review" id="main">
            <review::ReviewPage draft=draft stage=stage />
        </main>
        <review::ReviewSummary stage=stage />
    }
    .into_any())
}

/// 审核表.
#[leptos::wasm_split::wasm_split(
    review_sheet,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_review_sheet),
    fallible
)]
pub fn review_sheet(
    draft: RwSignal<Draft>,
    sheet: RwSignal<Sheet>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <review_sheet::ReviewSheet draft=draft sheet=sheet /> }.into_any())
}

/// 等次排名.
#[leptos::wasm_split::wasm_split(
    cohort_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_cohort_page),
    fallible
)]
pub fn cohort_page(cohort: super::state::Cohort) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <cohort::CohortPage cohort=cohort /> }.into_any())
}

/// The ranking table.
#[leptos::wasm_split::wasm_split(
    cohort_sheet,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_cohort_sheet),
    fallible
)]
pub fn cohort_sheet(
    cohort: super::state::Cohort,
    sheet: RwSignal<Sheet>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <cohort::CohortSheet cohort=cohort sheet=sheet /> }.into_any())
}

/// 年度对比.
#[leptos::wasm_split::wasm_split(
    compare_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_compare_page),
    fallible
)]
pub fn compare_page(comparing: compare::Comparing) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <compare::ComparePage comparing=comparing /> }.into_any())
}

/// 年度对比's sheet.
#[leptos::wasm_split::wasm_split(
    compare_sheet,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_compare_sheet),
    fallible
)]
pub fn compare_sheet(
    comparing: compare::Comparing,
    sheet: RwSignal<Sheet>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <compare::CompareSheet comparing=comparing sheet=sheet /> }.into_any())
}

/// 自评材料.
#[leptos::wasm_split::wasm_split(
    materials_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_materials_page),
    fallible
)]
pub fn materials_page(
    draft: RwSignal<Draft>,
    report: Memo<Option<Report>>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <submission::MaterialsPage draft=draft report=report /> }.into_any())
}

/// 自评材料's sheets: the 文字报告 and the 佐证材料目录.
#[leptos::wasm_split::wasm_split(
    materials_sheets,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_materials_sheets),
    fallible
)]
pub fn materials_sheets(
    draft: RwSignal<Draft>,
    report: Memo<Option<Report>>,
    sheet: RwSignal<Sheet>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <submission::ReportSheet draft=draft sheet=sheet />
        <submission::CatalogueSheet draft=draft report=report sheet=sheet />
    }
    .into_any())
}

/// 评分标准: the editions, the editor, edition links, moving a draft to an edition.
#[leptos::wasm_split::wasm_split(
    editions_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_editions_page),
    fallible
)]
pub fn editions_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <editions::EditionsPage /> }.into_any())
}

/// 评分标准's sheet: the 调整说明.
#[leptos::wasm_split::wasm_split(
    editions_sheet,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_editions_sheet),
    fallible
)]
pub fn editions_sheet(
    editor: edition_editor::Editor,
    sheet: RwSignal<Sheet>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <edition_editor::NoticeSheet editor=editor sheet=sheet /> }.into_any())
}

/// 复制分享链接's encoder (CRC-32, DEFLATE, base64url: `share::encode`), a chunk fetched on
/// the first click (or by `prefetch`): the scoring page never encodes at start. Decoding
/// stays in the main module (a link in the address is opened at start).
#[leptos::wasm_split::wasm_split(
    share_encode,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_share_encode),
    fallible
)]
pub fn share_encode(
    json: String,
) -> Result<Result<String, crate::share::ShareError>, SplitLoaderError> {
    Ok(crate::share::encode(&json))
}

/// 改用其他版本评分标准…'s dialog (`move_edition::MoveDialog`: both scores side by side,
/// `migrate::move_draft`), fetched on the first click (or by `prefetch`).
#[leptos::wasm_split::wasm_split(
    move_dialog,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_move_dialog),
    fallible
)]
pub fn move_dialog(open: RwSignal<bool>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <move_edition::MoveDialog open=open /> }.into_any())
}

/// 签名与名录 (issue 21): keys, the 审核人名录, the 公布 — the signing code (SM2 keys,
/// PBKDF2, SM4-GCM) leaves the first load.
#[leptos::wasm_split::wasm_split(
    signing_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_signing_page),
    fallible
)]
pub fn signing_page(cohort: super::state::Cohort) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <signing::SigningPage cohort=cohort /> }.into_any())
}

/// The signature check (issue 21, item 8): SM2/SM3, `trust.json`'s root, the directory's
/// verification and `review::layer_status_with`, installed for the whole app by
/// `signing::held::need` when a signature is first to be shown (or by `prefetch`). Until
/// then a signed layer reads 正在核验签名….
#[leptos::wasm_split::wasm_split(
    install_trust,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_install_trust),
    fallible
)]
pub fn install_trust(
    config: Option<String>,
    directory: Option<String>,
) -> Result<(), SplitLoaderError> {
    super::signing::held::install(config, directory);
    Ok(())
}
