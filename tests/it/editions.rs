//! Art. 29: the bureau may change weights every year. A new edition is a data file; this
//! test makes one from the 2025 data (as a bureau edit would) and shows that a draft is
//! scored under the edition it names, and that the new weight needs no new code.

use cqhr::domain::rubric::{self, Rubric};
use cqhr::domain::{check_against, fmt_decimal, score_checked, score_strict, Draft};
use serde_json::{json, Value};

/// The 2025 附表2 with 1.2's points per 1000 万元 raised from 0.1 to 0.2, as edition 2026.
fn edition_2026() -> &'static Rubric {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rubrics/2025/comprehensive-park.json"
    );
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["edition"] = json!("2026");
    let ind = v["indicators"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["id"] == "1.2")
        .unwrap();
    assert_eq!(ind["terms"][0]["points"], "0.1");
    ind["terms"][0]["points"] = json!("0.2");
    let r: Rubric = serde_json::from_value(v).unwrap();
    assert!(r.check().is_empty(), "{:?}", r.check());
    assert_eq!(fmt_decimal(r.cap_total()), "100");
    Box::leak(Box::new(r))
}

fn draft() -> Draft {
    Draft::from_value(json!({
        "rubric": "comprehensive-park", "edition": "2025",
        "inputs": {"1.2": {"revenue_wan": "12345.6"}, "3.3": {"events": 2}}
    }))
    .unwrap()
}

#[test]
fn a_draft_is_scored_under_its_own_edition() {
    // 2025: ⌊12345.6 ÷ 1000⌋ × 0.1 = 1.2, plus 2 × 0.5 = 1 → 2.2.
    let d = draft();
    assert_eq!(fmt_decimal(score_strict(&d).unwrap().total), "2.2");
    assert_eq!(d.rubric().unwrap().edition, "2025");
    assert!(rubric::find("comprehensive-park", "2025").is_some());
}

#[test]
fn a_changed_weight_is_a_data_edit() {
    // Under the 2026 data: ⌊12345.6 ÷ 1000⌋ × 0.2 = 2.4, plus 1 → 3.4.
    let r = edition_2026();
    let report = score_checked(&check_against(&draft(), r).unwrap());
    assert_eq!(report.edition, "2026");
    assert_eq!(fmt_decimal(report.indicator("1.2").unwrap().score), "2.4");
    assert_eq!(fmt_decimal(report.total), "3.4");
    // The draft itself still names 2025 and scores under it.
    assert_eq!(fmt_decimal(score_strict(&draft()).unwrap().total), "2.2");
}
