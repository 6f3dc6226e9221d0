//! 年度对比: two drafts of one platform side by side, indicator by indicator.
use leptos::prelude::*;

#[component]
pub fn ComparePage() -> impl IntoView {
    view! { <section class="card"><h2>"年度对比"</h2></section> }
}
