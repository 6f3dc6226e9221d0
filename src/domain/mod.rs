//! The scoring domain of 渝人社规〔2025〕4号: rubrics (附表2–4), drafts, scores.
//!
//! Architecture invariant: nothing here imports leptos, web-sys or any browser API, and no
//! score passes through a float. The web UI and the `cqhr` command both call in here.

pub mod draft;
pub mod number;
pub mod rubric;
pub mod score;

pub use draft::{check, Checked, Draft, DraftError, Parsed, Platform, FORMAT_VERSION};
pub use number::{fmt_decimal, fmt_grouped, parse_decimal, NumberError};
pub use rubric::{Field, FieldKind, Indicator, Level, Rubric, Term};
pub use score::{score_checked, score_draft, score_strict, IndicatorScore, Next, Report};
