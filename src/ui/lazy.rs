//! Pages loaded on first use (issue 10, item 2). Each `*_page` function below is a split
//! point (`wasm_split`, as Leptos's `#[lazy]` but `fallible`): the build
//! (`scripts/wasm_split.sh`) moves the code only it reaches into its own WASM chunk,
//! fetched the first time the page opens (or in idle time after the scoring page is
//! interactive: `prefetch`). A chunk that cannot be fetched never aborts the app: the page
//! says so in Chinese and offers to try again; the other pages keep working.

use super::compare;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// A lazily loaded page: a placeholder in the page area while its chunk arrives, then the
/// page; when the chunk cannot be fetched, the message and a retry button.
#[component]
pub fn LazyPage<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + Copy + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| {
            view! {
                <p class="lazy-loading" role="status" data-testid="lazy-loading">
                    "正在加载…"
                </p>
            }
        }>
            {move || {
                attempt.track();
                let page = leptos::__reexports::send_wrapper::SendWrapper::new(load());
                Suspend::new(async move {
                    match page.await {
                        Ok(view) => view,
                        Err(_) => failed(attempt),
                    }
                })
            }}
        </Suspense>
    }
}

/// The page's chunk could not be fetched (offline before the first visit, a server error).
fn failed(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <section class="card lazy-failed" role="alert" data-testid="lazy-failed">
            <p>"无法加载此页面，请检查网络后重试"</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                "重试"
            </button>
        </section>
    }
    .into_any()
}

/// 年度对比.
#[leptos::wasm_split::wasm_split(compare_page, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn compare_page(comparing: compare::Comparing) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <compare::ComparePage comparing=comparing /> }.into_any())
}
