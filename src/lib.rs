//! 重庆市人力资源服务发展平台计算器 — the domain of 渝人社规〔2025〕4号 as plain Rust.
//!
//! Everything under [`domain`] and [`share`] is free of leptos and web-sys and is tested
//! natively; the web UI (`ui`, wasm32 only) and the `cqhr` command are thin fronts over it.

pub mod domain;
pub mod export;
pub mod share;
pub mod store;

// The web UI: only its address parsing (`ui::route`) is compiled natively; the rest is
// wasm32 only.
pub mod ui;
