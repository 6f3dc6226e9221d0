//! Every draft and link format that has ever shipped loads forever (issue 5): each
//! fixture in tests/fixtures/formats/ is read, migrated and scored to its hand-worked total.

use cqhr::domain::{fmt_decimal, score_strict, Draft, FORMAT_VERSION};
use serde_json::Value;
use std::path::Path;

fn dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats"
    ))
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join("manifest.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["fixtures"].as_array().unwrap().clone()
}

fn load(entry: &Value) -> Draft {
    let text = std::fs::read_to_string(dir().join(entry["file"].as_str().unwrap())).unwrap();
    let json = match entry["kind"].as_str().unwrap() {
        "draft" => text,
        "link" => cqhr::share::decode(text.trim()).unwrap(),
        other => panic!("unknown fixture kind {other}"),
    };
    Draft::from_json(&json).unwrap()
}

#[test]
fn every_shipped_format_loads_and_scores_as_worked_by_hand() {
    let fixtures = manifest();
    assert!(fixtures.len() >= 3);
    for entry in &fixtures {
        let draft = load(entry);
        assert_eq!(
            draft.format, FORMAT_VERSION,
            "{entry} is migrated to the current format"
        );
        assert_eq!(draft.rubric, entry["rubric"].as_str().unwrap());
        let report = score_strict(&draft).unwrap_or_else(|e| panic!("{entry}: {e:?}"));
        assert_eq!(
            fmt_decimal(report.total),
            entry["total"].as_str().unwrap(),
            "{}",
            entry["file"]
        );
    }
}

#[test]
fn a_migrated_draft_round_trips_unchanged() {
    for entry in &manifest() {
        let draft = load(entry);
        let again = Draft::from_json(&draft.to_json()).unwrap();
        assert_eq!(again, draft, "{}", entry["file"]);
    }
}

#[test]
fn a_draft_keeps_its_edition() {
    // The draft names the edition it was scored under; loading never rewrites it, and an
    // edition this build does not know is refused rather than re-scored under another.
    let mut draft = load(&manifest()[0]);
    assert_eq!(draft.edition, "2025");
    draft.edition = "2019".into();
    let err = score_strict(&draft).unwrap_err();
    assert!(
        err[0].message.contains("评分表版本“2019”"),
        "{}",
        err[0].message
    );
}

#[test]
fn a_future_format_is_refused_not_guessed() {
    let err = Draft::from_json(r#"{"format": 4, "rubric": "comprehensive-park"}"#).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("format"));
    assert!(err.message.contains("升级"), "{}", err.message);
}
