//! The `<option>`s of the draft pickers (the draft bar, 等次排名, 年度对比).

use crate::domain::rubric;
use crate::store::Entry;
use leptos::prelude::*;

/// One stored draft in a `<select>` of drafts: its name and its rubric's short name.
#[component]
pub fn DraftOption(entry: Entry, #[prop(into)] current: Signal<Option<String>>) -> impl IntoView {
    let label = format!(
        "{}（{}）",
        entry.name,
        rubric::latest(&entry.rubric)
            .map(|r| r.short_name.clone())
            .unwrap_or_default()
    );
    let id = entry.id.clone();
    let selected = move || current.get().as_deref() == Some(id.as_str());
    view! {
        <option value=entry.id.to_string() selected=selected>
            {label}
        </option>
    }
}

/// The `<option>`s of a `<select>` of stored drafts, keyed by id, name and rubric (a
/// rename redraws that option only). The three draft pickers (the draft bar, 等次排名,
/// 年度对比) all use it, so the bundle carries one instantiation of `<For>`'s keyed
/// diffing, not one per list.
#[component]
pub fn DraftOptions(
    each: Signal<Vec<Entry>>,
    #[prop(into)] current: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <For each=move || each.get() key=entry_key let:e>
            <DraftOption entry=e current=current />
        </For>
    }
}

fn entry_key(e: &Entry) -> (String, String, String) {
    (e.id.to_string(), e.name.clone(), e.rubric.clone())
}
