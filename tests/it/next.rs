//! The next gain: the smallest increase of an input that earns more points.

use crate::common::{d, ind, score, score_one};
use cqhr::domain::score::Gain;
use cqhr::domain::Next;
use serde_json::json;

fn gains(next: &Next) -> &[Gain] {
    match next {
        Next::Gains { gains } => gains,
        other => panic!("expected gains, got {other:?}"),
    }
}

fn gain<'a>(next: &'a Next, field: &str) -> &'a Gain {
    gains(next)
        .iter()
        .find(|g| g.field == field)
        .unwrap_or_else(|| panic!("no gain for {field} in {next:?}"))
}

#[test]
fn revenue_770_needs_230_more_for_0_1() {
    let r = score_one(
        "comprehensive-park",
        "city",
        "1.2",
        json!({"revenue_wan": 770}),
    );
    let i = ind(&r, "1.2");
    let g = gain(&i.next, "revenue_wan");
    assert_eq!(
        (g.increase, g.points, g.also.as_deref()),
        (d("230"), d("0.1"), None)
    );
    let text = i.next_text();
    assert!(text.contains("230") && text.contains("0.1"), "{text}");
    assert!(text.contains("万元"), "{text}");
}

#[test]
fn revenue_next_to_the_cap_then_at_the_cap() {
    let r = score_one(
        "comprehensive-park",
        "city",
        "1.2",
        json!({"revenue_wan": 119950}),
    );
    let g = gain(&ind(&r, "1.2").next, "revenue_wan");
    assert_eq!((g.increase, g.points), (d("50"), d("0.1")));
    let r = score_one(
        "comprehensive-park",
        "city",
        "1.2",
        json!({"revenue_wan": 120000}),
    );
    assert_eq!(ind(&r, "1.2").next, Next::AtCap);
    assert_eq!(ind(&r, "1.2").next_text(), "已达上限");
    // Right on a multiple, the next unit is a whole unit away.
    let r = score_one(
        "comprehensive-park",
        "city",
        "1.2",
        json!({"revenue_wan": 5000}),
    );
    assert_eq!(
        gain(&ind(&r, "1.2").next, "revenue_wan").increase,
        d("1000")
    );
}

#[test]
fn blank_revenue_needs_a_whole_unit() {
    let r = score(&json!({"rubric": "specialized-park", "inputs": {}}));
    let g = gain(&ind(&r, "1.2").next, "revenue_wan");
    assert_eq!((g.increase, g.points), (d("2000"), d("0.1")));
}

#[test]
fn area_below_the_threshold_needs_threshold_plus_a_unit() {
    let r = score_one(
        "comprehensive-park",
        "city",
        "4.1",
        json!({"area_sqm": 9500}),
    );
    let g = gain(&ind(&r, "4.1").next, "area_sqm");
    assert_eq!((g.increase, g.points), (d("1500"), d("0.5")));
    let r = score_one(
        "comprehensive-park",
        "city",
        "4.1",
        json!({"area_sqm": "10999.5"}),
    );
    assert_eq!(gain(&ind(&r, "4.1").next, "area_sqm").increase, d("0.5"));
    let r = score_one("talent-market", "city", "3.1", json!({"area_sqm": 0}));
    assert_eq!(gain(&ind(&r, "3.1").next, "area_sqm").increase, d("2000"));
    // District: threshold 5000, unit 500.
    let r = score_one(
        "comprehensive-park",
        "district",
        "4.1",
        json!({"area_sqm": 5200}),
    );
    assert_eq!(gain(&ind(&r, "4.1").next, "area_sqm").increase, d("300"));
}

#[test]
fn an_above_scale_firm_is_also_a_firm() {
    let r = score_one(
        "comprehensive-park",
        "city",
        "1.1",
        json!({"firms": 10, "above_scale": 4}),
    );
    let i = ind(&r, "1.1");
    let a = gain(&i.next, "above_scale");
    assert_eq!(a.also.as_deref(), Some("firms"));
    // 6 × 0.2 + 5 × 0.6 = 4.2 against 3.6.
    assert_eq!((a.increase, a.points), (d("1"), d("0.6")));
    let f = gain(&i.next, "firms");
    assert_eq!(
        (f.increase, f.points, f.also.as_deref()),
        (d("1"), d("0.2"), None)
    );
    // Titled staff likewise: 4.1 staff 4 titled 2 → one more titled staff member: +1.
    let r = score_one(
        "talent-market",
        "city",
        "3.1",
        json!({"staff": 4, "titled_staff": 2}),
    );
    let t = gain(&ind(&r, "3.1").next, "titled_staff");
    assert_eq!(
        (t.increase, t.points, t.also.as_deref()),
        (d("1"), d("1"), Some("staff"))
    );
}

#[test]
fn a_gain_near_the_cap_is_cut_to_the_cap() {
    // 49 firms of which 0 above size: 9.8. One more above-size firm would add 0.6 → 10.4,
    // capped at 10: the gain is 0.2.
    let r = score_one("comprehensive-park", "city", "1.1", json!({"firms": 49}));
    let a = gain(&ind(&r, "1.1").next, "above_scale");
    assert_eq!((a.increase, a.points), (d("1"), d("0.2")));
}

#[test]
fn counts_gain_in_whole_units_at_district_level() {
    // District 1.1: unit 0.5 firm; the next whole firm is 2 units, 0.4 points.
    let r = score_one("comprehensive-park", "district", "1.1", json!({"firms": 3}));
    let f = gain(&ind(&r, "1.1").next, "firms");
    assert_eq!((f.increase, f.points), (d("1"), d("0.4")));
    // National 2.1: per 30 employers; 45 → 15 more.
    let r = score_one(
        "comprehensive-park",
        "national",
        "2.1",
        json!({"employers": 45}),
    );
    assert_eq!(gain(&ind(&r, "2.1").next, "employers").increase, d("15"));
}

#[test]
fn market_functions_gain_one_function_at_a_time() {
    let r = score_one(
        "talent-market",
        "city",
        "1.1",
        json!({"functions": ["recruitment"]}),
    );
    let i = ind(&r, "1.1");
    let g = gain(&i.next, "functions");
    assert_eq!((g.increase, g.points), (d("1"), d("0.5")));
    assert!(i.next_text().contains("0.5"), "{}", i.next_text());
    let r = score_one(
        "talent-market",
        "city",
        "1.1",
        json!({"functions": [
        "recruitment", "training", "archives", "assessment", "consulting", "venture", "financing", "capital_trading"]}),
    );
    // 8 × 0.5 = 4 = cap.
    assert_eq!(ind(&r, "1.1").own, d("4"));
    assert_eq!(ind(&r, "1.1").next, Next::AtCap);
}

#[test]
fn judged_tiers_and_deductions_have_no_quantity_to_add() {
    let r = score(&json!({"rubric": "comprehensive-park", "inputs": {
        "4.2": {"score": "3.5"}, "4.4": {"tier": "basic"}, "5.4": {"violations": 2}}}));
    assert_eq!(ind(&r, "4.2").next, Next::NotQuantity);
    assert_eq!(ind(&r, "4.3").next, Next::NotQuantity, "blank judged");
    assert_eq!(ind(&r, "4.4").next, Next::NotQuantity);
    assert_eq!(ind(&r, "5.1").next, Next::NotQuantity);
    assert_eq!(ind(&r, "5.4").next, Next::NotQuantity);
    assert_eq!(ind(&r, "4.2").next_text(), "");
    let r = score(
        &json!({"rubric": "talent-market", "inputs": {"3.2": {"score": 7}, "3.4": {"tier": "none"}}}),
    );
    assert_eq!(ind(&r, "3.2").next, Next::NotQuantity);
    assert_eq!(ind(&r, "3.4").next, Next::NotQuantity);
}
