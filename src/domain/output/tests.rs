//! The documented JSON's tests: the order of the top-level keys of each shape (beside
//! `output.rs`).

use super::*;
use crate::domain::eligibility::{check_certification, suggestions};
use crate::domain::grade::{outlook, rank as rank_cohort, CohortEntry};
use crate::domain::score::score_draft;

/// The top-level keys of a JSON object, in the order printed.
fn keys(json: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in json.lines() {
        // Top-level members are indented by exactly two spaces.
        if let Some(rest) = line.strip_prefix("  \"") {
            if !line.starts_with("   ") {
                out.push(rest.split('"').next().unwrap_or("").to_string());
            }
        }
    }
    out
}

#[test]
fn keys_are_in_the_documented_order() {
    let draft = Draft::new("comprehensive-park");
    let report = score_draft(&draft).unwrap();
    assert_eq!(
        keys(&to_json(&score(&report))),
        [
            "rubric",
            "edition",
            "level",
            "title",
            "total",
            "cap_total",
            "blank_count",
            "blank",
            "groups",
            "pairs",
            "indicators",
            "stage",
            "stage_label"
        ]
    );
    let cert = check_certification(&draft).unwrap();
    let offers = suggestions(&draft);
    let o = outlook(&cert, draft.level, None);
    let app = crate::domain::application::check_application(&draft);
    assert_eq!(
        keys(&to_json(&check(&draft, &cert, &app, &offers, &o))),
        [
            "rubric",
            "platform_type",
            "articles",
            "name",
            "district",
            "region",
            "region_label",
            "relief_region",
            "today",
            "overall",
            "overall_label",
            "summary",
            "conditions",
            "establishment",
            "materials",
            "publicity",
            "suggestions",
            "notes",
            "warnings",
            "grade_outlook"
        ]
    );
    let cohort = rank_cohort(&[CohortEntry::from_draft(&draft).unwrap()]);
    assert_eq!(
        keys(&to_json(&rank(&cohort))),
        [
            "pass_mark",
            "strict",
            "district_reading",
            "warnings",
            "years",
            "rows"
        ]
    );
    let r = crate::domain::review::review(&draft).unwrap();
    assert_eq!(
        keys(&to_json(&review(&r))),
        ["stages", "indicators", "unexplained", "usable"]
    );
}

#[test]
fn decimals_are_short_strings() {
    let v = serde_json::to_value(Dec(Decimal::new(240, 2))).unwrap();
    assert_eq!(v, serde_json::json!("2.4"));
}
