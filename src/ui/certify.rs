//! 认定条件与申请表: the certification check (Arts. 10–13, 17), 附表1 and the grade outlook.
use leptos::prelude::*;

#[component]
pub fn CertifyPage() -> impl IntoView {
    view! { <section class="card"><h2>"认定条件"</h2></section> }
}

/// 附表1 as printed on A4 (hidden on screen).
#[component]
pub fn ApplicationSheet() -> impl IntoView {
    view! { <section class="print-sheet" data-sheet="application"></section> }
}
