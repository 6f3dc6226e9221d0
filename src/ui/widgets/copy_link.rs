//! A link to copy by hand: read-only, selected whole when it takes the focus (the draft
//! bar's 分享链接, 评分标准's edition link).

use crate::ui::web;
use leptos::prelude::*;

/// A row with `label` and the read-only `link` in an input `id` (`class="share-link"`);
/// `row_class` and `row_id` are the row's.
#[component]
pub fn CopyLink(
    id: &'static str,
    label: String,
    link: String,
    #[prop(default = "row")] row_class: &'static str,
    #[prop(optional)] row_id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class=row_class id=row_id>
            <label for=id>{label}</label>
            <input
                id=id
                class="share-link"
                type="text"
                readonly
                prop:value=link
                on:focus=move |ev| web::select_text(&ev)
            />
        </div>
    }
}
