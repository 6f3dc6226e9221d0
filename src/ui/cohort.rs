//! 等次排名: many drafts ranked within their year (Arts. 31–32).
use leptos::prelude::*;

#[component]
pub fn CohortPage() -> impl IntoView {
    view! { <section class="card"><h2>"等次排名"</h2></section> }
}

/// The ranking table as printed (hidden on screen).
#[component]
pub fn CohortSheet() -> impl IntoView {
    view! { <section class="print-sheet" data-sheet="cohort"></section> }
}
