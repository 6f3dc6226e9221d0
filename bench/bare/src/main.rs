//! The bare reference page: one signal, one input, an exact decimal, localStorage.
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use rust_decimal::Decimal;

#[component]
fn App() -> impl IntoView {
    let text = RwSignal::new(LocalStorage::get::<String>("bare.qty").unwrap_or_default());
    let total = move || {
        text.with(|t| match t.trim().parse::<Decimal>() {
            Ok(d) => (d * Decimal::new(1, 1)).normalize().to_string(),
            Err(_) => "0".to_string(),
        })
    };
    Effect::new(move |_| {
        let _ = LocalStorage::set("bare.qty", text.get());
    });
    view! {
        <main>
            <label for="qty">"数量"</label>
            <input id="qty" type="text" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))/>
            <p>"总分 "<span data-testid="total">{total}</span></p>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
