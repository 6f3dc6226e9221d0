//! The scoring domain of 渝人社规〔2025〕4号: rubrics (附表2–4), drafts, scores.
//!
//! Architecture invariant: nothing here imports leptos, web-sys or any browser API, and no
//! score passes through a float. The web UI and the `cqhr` command both call in here.

pub mod application;
pub mod date;
pub mod districts;
pub mod draft;
pub mod edition;
pub mod eligibility;
pub mod evidence;
pub mod filing;
pub mod grade;
#[cfg(test)]
mod layers;
pub mod locate;
pub mod number;
pub mod output;
pub mod publish;
pub mod review;
pub mod rubric;
pub mod score;
pub mod serde_zh;
pub mod sign;
pub mod template;
pub mod text;
pub mod text_report;

/// Installs the path readers of drafts and edition files (`locate`, issue 25): run by the
/// web app's chunk (`ui::lazy::install_locators`) and the exporter worker; native code has
/// them from the start.
pub fn install_locators() {
    draft::install_locator(Some(locate::locate::<Draft>));
    edition::install_locator(Some(locate::locate::<Rubric>));
}

pub use application::{check_application, Application, ApplicationCheck};
pub use districts::{District, Region};
pub use draft::{
    check, check_against, Checked, Draft, DraftError, DraftErrorKind, FieldPath, Parsed, Platform,
    FORMAT_VERSION,
};
pub use eligibility::{
    check_certification, check_certification_strict, Certification, CertificationReport, Condition,
    ConditionId, Note, NoteKind, Overall, Status, Suggestion, CONDITIONS,
};
pub use grade::{
    outlook, outlook_for, rank, rank_with, to_csv, CohortEntry, CohortReport, Grade, Outlook,
    SuggestedGrade,
};
pub use number::{fmt_decimal, fmt_grouped, parse_decimal, NumberError};
pub use review::{
    review, score_stage, signatures, stage_draft, usable_stage, validate as validate_reviews,
    ReviewError, ReviewErrorKind, ReviewLayer, ReviewReport, Signature, Stage, StageChoice,
};
pub use rubric::{Field, FieldKind, Indicator, Level, Rubric, Term};
pub use score::{score_checked, score_draft, score_strict, IndicatorScore, Next, Report};
