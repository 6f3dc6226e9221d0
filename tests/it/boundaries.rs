//! Boundaries of every rule, with hand-computed literals from the appendices' text.

use crate::common::{assert_names, d, draft, ind, own_of, rejection, score, score_one};
use serde_json::json;

const CP: &str = "comprehensive-park";
const SP: &str = "specialized-park";
const TM: &str = "talent-market";

// ---- per-unit terms: only completed units count ----

#[test]
fn comprehensive_revenue_units_are_floored() {
    let own = |v: &str| own_of(CP, "city", "1.2", json!({"revenue_wan": v}));
    assert_eq!(own("1000"), d("0.1"));
    assert_eq!(own("999.99"), d("0"));
    assert_eq!(own("1999.99"), d("0.1"));
    assert_eq!(own("2000"), d("0.2"));
    assert_eq!(own("0"), d("0"));
    assert_eq!(own("119999"), d("11.9"));
}

#[test]
fn comprehensive_revenue_at_and_over_the_cap() {
    let at = score_one(CP, "city", "1.2", json!({"revenue_wan": 120000}));
    let i = ind(&at, "1.2");
    assert_eq!(
        (i.own, i.score, i.sum, i.capped),
        (d("12"), d("12"), d("12"), false)
    );
    let over = score_one(CP, "city", "1.2", json!({"revenue_wan": 130000}));
    let i = ind(&over, "1.2");
    assert_eq!(
        (i.own, i.score, i.sum, i.capped),
        (d("12"), d("12"), d("13"), true)
    );
    assert_eq!(over.total, d("12"));
}

/// (rubric, indicator, field, first value that scores, unit, points for one unit, points
/// for two units, smallest step of the field). Literals from 附表2–4.
#[allow(clippy::type_complexity)] // a table of literals, one row a case
const FIRST_UNITS: &[(&str, &str, &str, &str, &str, &str, &str, &str)] = &[
    (CP, "1.1", "firms", "1", "1", "0.2", "0.4", "1"),
    (
        CP,
        "1.2",
        "revenue_wan",
        "1000",
        "1000",
        "0.1",
        "0.2",
        "0.01",
    ),
    (CP, "1.3", "tax_wan", "5", "5", "0.1", "0.2", "0.01"),
    (
        CP,
        "1.4",
        "revenue_wan",
        "10000",
        "10000",
        "0.1",
        "0.2",
        "0.01",
    ),
    (CP, "2.1", "employers", "10", "10", "0.1", "0.2", "1"),
    (CP, "2.2", "people", "100", "100", "0.1", "0.2", "1"),
    (CP, "3.1", "results", "1", "1", "1", "2", "1"),
    (CP, "3.2", "ordinary", "1", "1", "0.5", "1", "1"),
    (CP, "3.2", "bureau_level", "1", "1", "1", "2", "1"),
    (CP, "3.2", "ministerial_level", "1", "1", "2", "4", "1"),
    (CP, "3.3", "events", "1", "1", "0.5", "1", "1"),
    (CP, "4.1", "area_sqm", "11000", "1000", "0.5", "1", "0.01"),
    (CP, "4.1", "staff", "1", "1", "0.5", "1", "1"),
    (CP, "5.2", "city_adopted", "1", "1", "0.5", "1", "1"),
    (CP, "5.2", "provincial_adopted", "1", "1", "1", "2", "1"),
    (CP, "5.3", "district_honors", "1", "1", "0.3", "0.6", "1"),
    (CP, "5.3", "city_honors", "1", "1", "0.5", "1", "1"),
    (CP, "5.3", "provincial_honors", "1", "1", "1", "2", "1"),
    (SP, "1.1", "firms", "1", "1", "0.2", "0.4", "1"),
    (
        SP,
        "1.2",
        "revenue_wan",
        "2000",
        "2000",
        "0.1",
        "0.2",
        "0.01",
    ),
    (SP, "1.3", "tax_wan", "5", "5", "0.1", "0.2", "0.01"),
    (
        SP,
        "1.4",
        "revenue_wan",
        "10000",
        "10000",
        "0.1",
        "0.2",
        "0.01",
    ),
    (SP, "2.1", "firms", "1", "1", "0.5", "1", "1"),
    (SP, "2.2", "firms", "1", "1", "0.1", "0.2", "1"),
    (
        SP,
        "2.3",
        "bachelor_or_below",
        "10",
        "10",
        "0.1",
        "0.2",
        "1",
    ),
    (SP, "2.3", "postgraduate", "10", "10", "0.5", "1", "1"),
    (SP, "2.3", "ad_card", "1", "1", "0.5", "1", "1"),
    (SP, "2.3", "academician", "1", "1", "5", "10", "1"),
    (
        SP,
        "2.4",
        "bachelor_or_below",
        "10",
        "10",
        "0.1",
        "0.2",
        "1",
    ),
    (SP, "2.4", "postgraduate", "10", "10", "0.5", "1", "1"),
    (SP, "2.4", "ad_card", "1", "1", "0.5", "1", "1"),
    (SP, "2.4", "academician", "1", "1", "5", "10", "1"),
    (SP, "3.1", "results", "1", "1", "1", "2", "1"),
    (SP, "3.2", "ordinary", "1", "1", "0.5", "1", "1"),
    (SP, "3.2", "bureau_level", "1", "1", "1", "2", "1"),
    (SP, "3.2", "ministerial_level", "1", "1", "2", "4", "1"),
    (SP, "3.3", "events", "1", "1", "0.5", "1", "1"),
    (SP, "4.1", "area_sqm", "11000", "1000", "0.5", "1", "0.01"),
    (SP, "4.1", "staff", "1", "1", "0.5", "1", "1"),
    (SP, "5.2", "city_adopted", "1", "1", "0.5", "1", "1"),
    (SP, "5.2", "provincial_adopted", "1", "1", "1", "2", "1"),
    (SP, "5.3", "district_honors", "1", "1", "0.3", "0.6", "1"),
    (SP, "5.3", "city_honors", "1", "1", "0.5", "1", "1"),
    (SP, "5.3", "provincial_honors", "1", "1", "1", "2", "1"),
    (TM, "1.2", "revenue_wan", "50", "50", "0.1", "0.2", "0.01"),
    (TM, "1.3", "firms", "1", "1", "0.3", "0.6", "1"),
    (TM, "1.4", "database_size", "100", "100", "0.1", "0.2", "1"),
    (
        TM,
        "2.1",
        "bachelor_or_below",
        "100",
        "100",
        "0.1",
        "0.2",
        "1",
    ),
    (TM, "2.1", "postgraduate", "50", "50", "0.1", "0.2", "1"),
    (TM, "2.1", "ad_card", "10", "10", "0.1", "0.2", "1"),
    (TM, "2.1", "academician", "1", "1", "0.1", "0.2", "1"),
    (TM, "2.2", "bachelor_or_below", "1", "1", "0.05", "0.1", "1"),
    (TM, "2.2", "postgraduate", "1", "1", "0.2", "0.4", "1"),
    (TM, "2.2", "ad_card", "1", "1", "1", "2", "1"),
    (TM, "2.2", "academician", "1", "1", "5", "10", "1"),
    (TM, "2.3", "results", "1", "1", "1", "2", "1"),
    (TM, "2.4", "ordinary", "1", "1", "0.5", "1", "1"),
    (TM, "2.4", "bureau_level", "1", "1", "1", "2", "1"),
    (TM, "2.4", "ministerial_level", "1", "1", "2", "4", "1"),
    (TM, "2.5", "startups", "1", "1", "1", "2", "1"),
    (TM, "3.1", "area_sqm", "2000", "1000", "0.5", "1", "0.01"),
    (TM, "3.1", "staff", "1", "1", "0.5", "1", "1"),
    (TM, "4.2", "city_adopted", "1", "1", "0.5", "1", "1"),
    (TM, "4.2", "provincial_adopted", "1", "1", "1", "2", "1"),
    (TM, "4.3", "district_honors", "1", "1", "0.3", "0.6", "1"),
    (TM, "4.3", "city_honors", "1", "1", "0.5", "1", "1"),
    (TM, "4.3", "provincial_honors", "1", "1", "1", "2", "1"),
];

#[test]
fn every_quantity_rule_scores_its_first_and_second_unit_exactly() {
    for &(rubric, id, field, first, unit, one, two, step) in FIRST_UNITS {
        let own =
            |v: rust_decimal::Decimal| own_of(rubric, "city", id, json!({ field: v.to_string() }));
        let (first, unit, step) = (d(first), d(unit), d(step));
        let at = |v, want: &str| assert_eq!(own(v), d(want), "{rubric} {id} {field} = {v}");
        at(first - step, "0");
        at(first, one);
        at(first + unit - step, one);
        at(first + unit, two);
    }
}

// ---- replacement: an above-size firm earns 0.6 instead of 0.2 ----

#[test]
fn above_scale_firms_replace_not_add() {
    let own = |f: &str, a: &str| own_of(CP, "city", "1.1", json!({"firms": f, "above_scale": a}));
    assert_eq!(own("10", "4"), d("3.6")); // 6 × 0.2 + 4 × 0.6
    assert_eq!(own("10", "10"), d("6")); // all above size: 10 × 0.6
    assert_eq!(own("1", "1"), d("0.6"));
    assert_eq!(own("10", "0"), d("2"));
    let at_cap = score_one(CP, "city", "1.1", json!({"firms": 50, "above_scale": 0}));
    let i = ind(&at_cap, "1.1");
    assert_eq!((i.own, i.sum, i.capped), (d("10"), d("10"), false));
    let over = score_one(CP, "city", "1.1", json!({"firms": 51}));
    let i = ind(&over, "1.1");
    assert_eq!((i.own, i.sum, i.capped), (d("10"), d("10.2"), true));
    // Only the firms total given: all ordinary.
    assert_eq!(own_of(SP, "city", "1.1", json!({"firms": 7})), d("1.4"));
}

#[test]
fn titled_staff_replace_not_add() {
    assert_eq!(
        own_of(CP, "city", "4.1", json!({"staff": 4, "titled_staff": 2})),
        d("3")
    ); // 2 × 0.5 + 2 × 1
    assert_eq!(
        own_of(TM, "city", "3.1", json!({"staff": 4, "titled_staff": 2})),
        d("3")
    );
    assert_eq!(
        own_of(SP, "city", "4.1", json!({"staff": 3, "titled_staff": 3})),
        d("3")
    );
    // Area and staff add up, then the cap of 5 applies: 1 + 2 + 3 = 6 → 5.
    let r = score_one(
        CP,
        "city",
        "4.1",
        json!({"area_sqm": 12000, "staff": 7, "titled_staff": 3}),
    );
    let i = ind(&r, "4.1");
    assert_eq!((i.sum, i.own, i.capped), (d("6"), d("5"), true));
}

// ---- area above a threshold ----

#[test]
fn park_area_counts_only_whole_thousands_above_10000() {
    let own = |v: &str| own_of(CP, "city", "4.1", json!({ "area_sqm": v }));
    assert_eq!(own("9000"), d("0"));
    assert_eq!(own("10000"), d("0"));
    assert_eq!(own("10000.5"), d("0"));
    assert_eq!(own("10999"), d("0"));
    assert_eq!(own("10999.99"), d("0"));
    assert_eq!(own("11000"), d("0.5"));
    assert_eq!(own("12850.5"), d("1"));
    assert_eq!(
        own_of(SP, "city", "4.1", json!({"area_sqm": "11000"})),
        d("0.5")
    );
}

#[test]
fn market_area_counts_only_whole_thousands_above_1000() {
    let own = |v: &str| own_of(TM, "city", "3.1", json!({ "area_sqm": v }));
    assert_eq!(own("1000"), d("0"));
    assert_eq!(own("1999.99"), d("0"));
    assert_eq!(own("2000"), d("0.5"));
    assert_eq!(own("2999.9"), d("0.5"));
    assert_eq!(own("3000"), d("1"));
}

// ---- safety tiers ----

#[test]
fn safety_tiers_score_5_3_1_0() {
    for (rubric, id) in [(CP, "4.4"), (SP, "4.4"), (TM, "3.4")] {
        for (tier, points) in [("full", "5"), ("basic", "3"), ("poor", "1"), ("none", "0")] {
            let r = score_one(rubric, "city", id, json!({ "tier": tier }));
            assert_eq!(ind(&r, id).own, d(points), "{rubric} {id} {tier}");
            assert!(!ind(&r, id).blank, "a chosen tier is not blank");
            assert_eq!(r.total, d(points));
        }
    }
}

// ---- deductions ----

#[test]
fn violations_deduct_one_each_without_floor() {
    let r = score_one(CP, "city", "5.4", json!({"violations": 3}));
    assert_eq!(ind(&r, "5.4").score, d("-3"));
    assert_eq!(r.total, d("-3"));
    let r = score_one(TM, "city", "4.4", json!({"violations": 7}));
    assert_eq!(ind(&r, "4.4").score, d("-7"));
    assert_eq!(r.total, d("-7"), "the total is not floored at 0");
    assert_eq!(
        r.groups.iter().find(|g| g.id == "4").unwrap().score,
        d("-7")
    );
    // No cap on deductions.
    let r = score_one(SP, "city", "5.4", json!({"violations": 250}));
    assert_eq!(r.total, d("-250"));
    assert!(!ind(&r, "5.4").capped);
    // Deductions come off the other scores.
    let r = score(
        &json!({"rubric": CP, "inputs": {"4.4": {"tier": "full"}, "5.4": {"violations": 2}}}),
    );
    assert_eq!(r.total, d("3"));
}

// ---- judged ----

/// (rubric, indicator, cap) of every judged indicator.
const JUDGED: &[(&str, &str, &str)] = &[
    (CP, "4.2", "5"),
    (CP, "4.3", "5"),
    (CP, "5.1", "5"),
    (SP, "4.2", "5"),
    (SP, "4.3", "5"),
    (SP, "5.1", "5"),
    (TM, "3.2", "10"),
    (TM, "3.3", "5"),
    (TM, "4.1", "5"),
];

#[test]
fn judged_scores_from_zero_to_the_cap() {
    for &(rubric, id, cap) in JUDGED {
        let zero = score_one(rubric, "city", id, json!({"score": 0}));
        assert_eq!(ind(&zero, id).own, d("0"));
        assert!(
            !ind(&zero, id).blank,
            "{rubric} {id}: 0 is a score, not blank"
        );
        let full = score_one(rubric, "city", id, json!({ "score": cap }));
        assert_eq!(ind(&full, id).own, d(cap), "{rubric} {id}");
        assert!(!ind(&full, id).capped);
        assert_eq!(
            own_of(rubric, "city", id, json!({"score": "2.75"})),
            d("2.75")
        );
        let over = d(cap) + d("0.1");
        let errors = rejection(&crate::common::single(
            rubric,
            "city",
            id,
            json!({ "score": over.to_string() }),
        ));
        assert_names(&errors, id, "score", &[&over.to_string()]);
    }
}

// ---- choose one (附表3) ----

#[test]
fn unchosen_pair_counts_the_higher() {
    let r = score(&json!({"rubric": SP, "inputs": {"2.1": {"firms": 10}, "2.2": {"firms": 86}}}));
    let (a, b) = (ind(&r, "2.1"), ind(&r, "2.2"));
    assert_eq!((a.own, a.score, a.counted), (d("5"), d("0"), false));
    assert_eq!((b.own, b.score, b.counted), (d("8.6"), d("8.6"), true));
    assert_eq!(r.total, d("8.6"));
    let p = r.pairs.iter().find(|p| p.id == "2.1/2.2").unwrap();
    assert_eq!((p.counted.as_str(), p.explicit), ("2.2", false));
}

#[test]
fn unchosen_pair_tie_counts_the_first() {
    let r = score(&json!({"rubric": SP, "inputs": {"2.1": {"firms": 2}, "2.2": {"firms": 10}}}));
    let (a, b) = (ind(&r, "2.1"), ind(&r, "2.2"));
    assert_eq!((a.own, a.score, a.counted), (d("1"), d("1"), true));
    assert_eq!((b.own, b.score, b.counted), (d("1"), d("0"), false));
    assert_eq!(r.total, d("1"));
    // Both blank: a tie at 0, the first counts.
    let r = score(&json!({"rubric": SP, "inputs": {}}));
    let p = r.pairs.iter().find(|p| p.id == "2.3/2.4").unwrap();
    assert_eq!(p.counted, "2.3");
}

#[test]
fn explicit_choice_of_the_lower_counts_the_lower() {
    let r = score(&json!({"rubric": SP, "choices": {"2.1/2.2": "2.1"},
        "inputs": {"2.1": {"firms": 2}, "2.2": {"firms": 86}}}));
    let (a, b) = (ind(&r, "2.1"), ind(&r, "2.2"));
    assert_eq!((a.own, a.score, a.counted), (d("1"), d("1"), true));
    assert_eq!(
        (b.own, b.score, b.counted),
        (d("8.6"), d("0"), false),
        "the other shows its own score but counts 0"
    );
    assert_eq!(r.total, d("1"));
    let p = r.pairs.iter().find(|p| p.id == "2.1/2.2").unwrap();
    assert_eq!((p.counted.as_str(), p.explicit), ("2.1", true));
    assert_eq!(r.groups.iter().find(|g| g.id == "2").unwrap().score, d("1"));
}

#[test]
fn second_pair_shares_one_cap_of_13() {
    // 2.3: 3 academicians = 15 → 13; 2.4: 20 postgraduates = 1.
    let inputs = json!({"2.3": {"academician": 3}, "2.4": {"postgraduate": 20}});
    let r = score(&json!({"rubric": SP, "inputs": inputs}));
    assert_eq!(r.total, d("13"));
    assert!(ind(&r, "2.3").capped);
    let r = score(&json!({"rubric": SP, "choices": {"2.3/2.4": "2.4"}, "inputs": inputs}));
    assert_eq!(r.total, d("1"));
    assert_eq!(ind(&r, "2.3").own, d("13"));
    // Both pairs counted once each: 13 + 13, never more than the group's 26.
    let r = score(
        &json!({"rubric": SP, "inputs": {"2.1": {"firms": 100}, "2.2": {"firms": 1000},
        "2.3": {"academician": 9}, "2.4": {"academician": 9}}}),
    );
    assert_eq!(r.total, d("26"));
}

#[test]
fn a_chosen_blank_member_counts_zero() {
    let r = score(
        &json!({"rubric": SP, "choices": {"2.1/2.2": "2.2"}, "inputs": {"2.1": {"firms": 10}}}),
    );
    assert_eq!(r.total, d("0"));
    assert_eq!(ind(&r, "2.1").own, d("5"));
    // An empty choice is no choice.
    let r =
        score(&json!({"rubric": SP, "choices": {"2.1/2.2": ""}, "inputs": {"2.1": {"firms": 10}}}));
    assert_eq!(r.total, d("5"));
}

// ---- evaluation level ----

#[test]
fn national_level_triples_units_and_thresholds() {
    let own = |id: &str, f: serde_json::Value| own_of(CP, "national", id, f);
    assert_eq!(own("1.2", json!({"revenue_wan": 3000})), d("0.1"));
    assert_eq!(own("1.2", json!({"revenue_wan": 2999})), d("0"));
    assert_eq!(own("1.2", json!({"revenue_wan": "5999.99"})), d("0.1"));
    assert_eq!(own("4.1", json!({"area_sqm": 30000})), d("0"));
    assert_eq!(own("4.1", json!({"area_sqm": "32999.99"})), d("0"));
    assert_eq!(own("4.1", json!({"area_sqm": 33000})), d("0.5"));
    assert_eq!(own("1.1", json!({"firms": 3})), d("0.2"));
    assert_eq!(own("1.1", json!({"firms": 2})), d("0"));
    assert_eq!(own("4.1", json!({"staff": 6, "titled_staff": 3})), d("1.5")); // ⌊3/3⌋×0.5 + ⌊3/3⌋×1
    assert_eq!(
        own_of(TM, "national", "3.1", json!({"area_sqm": 6000})),
        d("0.5")
    );
    assert_eq!(
        own_of(TM, "national", "3.1", json!({"area_sqm": 5999})),
        d("0")
    );
    // Caps do not scale.
    let r = score_one(CP, "national", "1.2", json!({"revenue_wan": 400000}));
    assert_eq!((ind(&r, "1.2").own, ind(&r, "1.2").capped), (d("12"), true));
}

#[test]
fn district_level_halves_units_and_thresholds() {
    let own = |id: &str, f: serde_json::Value| own_of(CP, "district", id, f);
    assert_eq!(own("1.2", json!({"revenue_wan": 500})), d("0.1"));
    assert_eq!(own("1.2", json!({"revenue_wan": "499.99"})), d("0"));
    assert_eq!(own("1.1", json!({"firms": 1})), d("0.4")); // ⌊1/0.5⌋ × 0.2
    assert_eq!(own("1.1", json!({"firms": 1, "above_scale": 1})), d("1.2")); // ⌊1/0.5⌋ × 0.6
    assert_eq!(own("4.1", json!({"area_sqm": 5500})), d("0.5"));
    assert_eq!(own("4.1", json!({"area_sqm": "5499.99"})), d("0"));
    assert_eq!(own("4.1", json!({"area_sqm": 5000})), d("0"));
    assert_eq!(
        own_of(TM, "district", "3.1", json!({"area_sqm": 1000})),
        d("0.5")
    );
    assert_eq!(
        own_of(TM, "district", "1.2", json!({"revenue_wan": 25})),
        d("0.1")
    );
    let r = score_one(CP, "district", "1.2", json!({"revenue_wan": 70000}));
    assert_eq!((ind(&r, "1.2").own, ind(&r, "1.2").capped), (d("12"), true));
}

#[test]
fn level_leaves_deductions_judged_scores_and_tiers_alone() {
    for level in ["city", "national", "district"] {
        for (rubric, ded, judged, tier) in [
            (CP, "5.4", "4.2", "4.4"),
            (SP, "5.4", "5.1", "4.4"),
            (TM, "4.4", "3.2", "3.4"),
        ] {
            let r = score(&json!({"rubric": rubric, "level": level, "inputs": {
                ded: {"violations": 3}, judged: {"score": "4.5"}, tier: {"tier": "basic"}}}));
            assert_eq!(ind(&r, ded).score, d("-3"), "{rubric} {level}");
            assert_eq!(ind(&r, judged).score, d("4.5"), "{rubric} {level}");
            assert_eq!(ind(&r, tier).score, d("3"), "{rubric} {level}");
            assert_eq!(r.total, d("4.5"), "{rubric} {level}");
            assert_eq!(r.level.key(), level);
        }
        // 市场功能 are set or not: 3 functions score 1.5 at every level.
        let r = score_one(
            TM,
            level,
            "1.1",
            json!({"functions": ["recruitment", "training", "venture"]}),
        );
        assert_eq!(ind(&r, "1.1").own, d("1.5"), "{level}");
    }
}

#[test]
fn level_defaults_to_city() {
    let r = score(&json!({"rubric": CP, "inputs": {"1.2": {"revenue_wan": 1000}}}));
    assert_eq!(r.level.key(), "city");
    assert_eq!(r.total, d("0.1"));
}

// ---- blank is not zero ----

#[test]
fn blank_inputs_are_listed_and_score_zero() {
    let r = score(
        &json!({"rubric": TM, "inputs": {"1.3": {"firms": 0}, "1.2": {"revenue_wan": ""},
        "2.1": {"postgraduate": null}, "1.1": {"functions": []}}}),
    );
    assert_eq!(r.total, d("0"));
    assert!(!ind(&r, "1.3").blank, "0 is entered, not blank");
    for id in ["1.1", "1.2", "2.1", "4.4"] {
        assert!(ind(&r, id).blank, "{id} should be blank");
    }
    assert_eq!(r.blank.len(), 16); // 17 indicators, one entered
    assert!(!r.blank.contains(&"1.3".to_string()));
}

// ---- 未填: every needed field, and never the pair member that does not count (issue 23) ----

#[test]
fn a_pair_member_that_does_not_count_is_never_blank() {
    // 2.3 filled and chosen, 2.4 empty: 2.4 owes nothing, so it is not 未填.
    let all_four =
        json!({"bachelor_or_below": 10, "postgraduate": 0, "ad_card": 0, "academician": 0});
    let r =
        score(&json!({"rubric": SP, "choices": {"2.3/2.4": "2.3"}, "inputs": {"2.3": all_four}}));
    assert!(!ind(&r, "2.3").blank);
    assert!(!ind(&r, "2.4").blank, "the uncounted member is not 未填");
    assert!(ind(&r, "2.4").missing.is_empty());
    assert!(!r.blank.contains(&"2.4".to_string()));
    assert_eq!(ind(&r, "2.4").working_text(), "选其一：本项不计入");
    // Unchosen, the filled member counts (the higher), and the empty one is not 未填 either.
    let r = score(&json!({"rubric": SP, "inputs": {"2.4": all_four}}));
    assert_eq!(r.pairs[1].counted, "2.4");
    assert!(!ind(&r, "2.3").blank && !ind(&r, "2.4").blank);
    // Both empty: the member that counts (the first, a tie) is 未填, the other not: one 未填 per pair.
    let r = score(&json!({"rubric": SP, "inputs": {}}));
    assert!(ind(&r, "2.1").blank && !ind(&r, "2.2").blank);
    assert!(ind(&r, "2.3").blank && !ind(&r, "2.4").blank);
    // 附表3 has 19 indicators, 2 of them uncounted pair members.
    assert_eq!(r.blank.len(), 17, "{:?}", r.blank);
}

#[test]
fn a_half_filled_indicator_is_blank_but_keeps_its_points() {
    // 4.1 with the staff (20, 10 titled) but no 面积: 10 × 0.2 + 10 × 0.5 = 7 → 上限 5; still 未填.
    let r = score(&json!({"rubric": SP, "inputs": {"4.1": {"staff": 20, "titled_staff": 10}}}));
    let i = ind(&r, "4.1");
    assert!(i.blank, "面积 blank: 未填");
    assert!(!i.empty);
    assert_eq!(i.missing, vec!["area_sqm".to_string()]);
    assert!(r.blank.contains(&"4.1".to_string()));
    assert!(i.score > d("0"), "the staff still score: {}", i.score);
    assert!(
        i.working_text().ends_with("；产业园面积未填"),
        "{}",
        i.working_text()
    );
    // Filled whole, it is not 未填.
    let r = score(
        &json!({"rubric": SP, "inputs": {"4.1": {"area_sqm": 12000, "staff": 20, "titled_staff": 10}}}),
    );
    assert!(!ind(&r, "4.1").blank);
    // A refused value is blank like an empty one.
    let r = cqhr::domain::score_draft(&draft(
        &json!({"rubric": SP, "inputs": {"4.1": {"area_sqm": "abc", "staff": 20, "titled_staff": 10}}}),
    ))
    .unwrap();
    assert!(ind(&r, "4.1").blank);
    assert_eq!(r.errors.len(), 1);
}

#[test]
fn the_score_json_counts_blank_as_the_report_does() {
    let d = draft(
        &json!({"rubric": SP, "choices": {"2.3/2.4": "2.3"}, "inputs": {
        "2.3": {"bachelor_or_below": 10, "postgraduate": 0, "ad_card": 0, "academician": 0},
        "4.1": {"staff": 20, "titled_staff": 10}}}),
    );
    let r = cqhr::domain::score_draft(&d).unwrap();
    let out = serde_json::to_value(cqhr::domain::output::score(&r)).unwrap();
    let blank: Vec<String> = serde_json::from_value(out["blank"].clone()).unwrap();
    assert!(blank.contains(&"4.1".to_string()));
    assert!(!blank.contains(&"2.4".to_string()) && !blank.contains(&"2.3".to_string()));
    assert_eq!(out["blank_count"], json!(blank.len()));
    assert_eq!(
        r.completion_text(),
        format!("未完成（未填 {} 项）", blank.len())
    );
}

// ---- a unit typed after the figure (issue 23) ----

#[test]
fn a_unit_typed_after_the_figure_scores_in_the_fields_unit() {
    // 1.2: 每达到 2000 万元得 0.1 分. "4.5亿" = 45000 万元 = 22 units = 2.2 → the same as 45000.
    for typed in ["4.5亿", "4.5亿元", "45000万元", "45,000万元", "45000"] {
        let r = score(&json!({"rubric": SP, "inputs": {"1.2": {"revenue_wan": typed}}}));
        assert!(r.errors.is_empty(), "{typed}: {:?}", r.errors);
        assert_eq!(ind(&r, "1.2").sum, d("2.2"), "{typed}");
    }
    // 4.1's staff count in 万 would be odd but is read: 0.001万 is not a whole person.
    let r = score(
        &json!({"rubric": SP, "inputs": {"4.1": {"area_sqm": "1.2万㎡", "staff": 3, "titled_staff": 0}}}),
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(ind(&r, "4.1").terms[0].input, Some(d("12000")));
}

#[test]
fn a_unit_that_does_not_convert_is_named_at_the_field() {
    let errors =
        rejection(&json!({"rubric": SP, "inputs": {"1.2": {"revenue_wan": "3000平方米"}}}));
    let msg = assert_names(&errors, "1.2", "revenue_wan", &["单位“平方米”", "“万元”"]);
    assert!(!msg.contains("不是有效的数字"), "{msg}");
    let errors =
        rejection(&json!({"rubric": SP, "inputs": {"1.1": {"firms": "20个", "above_scale": 0}}}));
    assert_names(&errors, "1.1", "firms", &["单位“个”", "“家”"]);
}
