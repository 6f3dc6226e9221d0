//! Drafts the library refuses, each with a message that names the indicator and field;
//! and numbers read exactly.

use crate::common::{assert_names, d, draft, ind, own_of, rejection, score, single};
use cqhr::domain::{check, Draft, Parsed};
use serde_json::{json, Value};

const CP: &str = "comprehensive-park";
const SP: &str = "specialized-park";
const TM: &str = "talent-market";

/// Refused, with an error at (indicator, field) whose message names both.
fn refused_at(v: Value, indicator: &str, field: &str, also: &[&str]) -> String {
    let errors = rejection(&v);
    assert_names(&errors, indicator, field, also)
}

#[test]
fn negative_values() {
    refused_at(
        single(CP, "city", "1.2", json!({"revenue_wan": -1})),
        "1.2",
        "revenue_wan",
        &["负数"],
    );
    refused_at(
        single(CP, "city", "1.1", json!({"firms": "-3"})),
        "1.1",
        "firms",
        &["负数"],
    );
    refused_at(
        single(TM, "city", "4.4", json!({"violations": -2})),
        "4.4",
        "violations",
        &["负数"],
    );
    refused_at(
        single(SP, "city", "4.2", json!({"score": "-0.5"})),
        "4.2",
        "score",
        &[],
    );
    // −0 is 0, not negative.
    assert_eq!(
        own_of(CP, "city", "1.2", json!({"revenue_wan": "-0"})),
        d("0")
    );
}

#[test]
fn fractional_counts() {
    refused_at(
        single(CP, "city", "1.1", json!({"firms": "2.5"})),
        "1.1",
        "firms",
        &["2.5", "整数"],
    );
    refused_at(
        single(TM, "city", "1.3", json!({"firms": 2.5})),
        "1.3",
        "firms",
        &["整数"],
    );
    refused_at(
        single(SP, "city", "5.4", json!({"violations": "0.5"})),
        "5.4",
        "violations",
        &["整数"],
    );
    // A whole number written with decimals is whole.
    assert_eq!(own_of(CP, "city", "1.1", json!({"firms": "2.0"})), d("0.4"));
    assert_eq!(own_of(CP, "city", "1.1", json!({"firms": 2.0})), d("0.4"));
}

#[test]
fn part_larger_than_its_whole() {
    refused_at(
        single(CP, "city", "1.1", json!({"firms": 4, "above_scale": 5})),
        "1.1",
        "above_scale",
        &["5", "4"],
    );
    refused_at(
        single(SP, "city", "4.1", json!({"staff": 2, "titled_staff": 3})),
        "4.1",
        "titled_staff",
        &["3"],
    );
    refused_at(
        single(TM, "city", "3.1", json!({"staff": 2, "titled_staff": 3})),
        "3.1",
        "titled_staff",
        &[],
    );
    // A part without its whole is larger than the (blank) whole.
    refused_at(
        single(CP, "city", "1.1", json!({"above_scale": 1})),
        "1.1",
        "above_scale",
        &[],
    );
    // Equal is fine.
    assert_eq!(
        own_of(CP, "city", "1.1", json!({"firms": 5, "above_scale": 5})),
        d("3")
    );
}

#[test]
fn judged_score_outside_zero_to_cap() {
    refused_at(
        single(CP, "city", "4.2", json!({"score": "5.1"})),
        "4.2",
        "score",
        &["5.1"],
    );
    refused_at(
        single(TM, "city", "3.2", json!({"score": 10.5})),
        "3.2",
        "score",
        &["10"],
    );
    refused_at(
        single(SP, "city", "5.1", json!({"score": -1})),
        "5.1",
        "score",
        &[],
    );
    refused_at(
        single(CP, "city", "4.3", json!({"score": "abc"})),
        "4.3",
        "score",
        &["abc"],
    );
}

#[test]
fn unknown_tier() {
    refused_at(
        single(CP, "city", "4.4", json!({"tier": "excellent"})),
        "4.4",
        "tier",
        &["excellent"],
    );
    refused_at(
        single(TM, "city", "3.4", json!({"tier": 5})),
        "3.4",
        "tier",
        &[],
    );
    refused_at(
        single(SP, "city", "4.4", json!({"tier": "Full"})),
        "4.4",
        "tier",
        &["Full"],
    );
}

#[test]
fn unknown_rubric_and_edition() {
    let errors = rejection(&json!({"rubric": "regional-park", "inputs": {}}));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field().as_deref(), Some("rubric"));
    assert!(
        errors[0].message.contains("regional-park"),
        "{}",
        errors[0].message
    );
    let errors = rejection(&json!({"rubric": TM, "edition": "2024"}));
    assert_eq!(errors[0].field().as_deref(), Some("edition"));
    assert!(
        errors[0].message.contains("2024") && errors[0].message.contains("人才市场"),
        "{}",
        errors[0].message
    );
    // The rubric itself is required.
    let errors = rejection(&json!({"inputs": {}}));
    assert_eq!(errors[0].field().as_deref(), Some("rubric"));
    assert!(
        errors[0].message.contains("缺少评分表类型") && !errors[0].message.contains("rubric"),
        "{}",
        errors[0].message
    );
    // A blank edition means the newest, 2025.
    assert_eq!(score(&json!({"rubric": TM, "edition": ""})).edition, "2025");
}

#[test]
fn unknown_indicator() {
    let errors = rejection(&json!({"rubric": TM, "inputs": {"5.1": {"score": 1}}}));
    let e = errors
        .iter()
        .find(|e| e.indicator() == Some("5.1"))
        .expect("error at 5.1");
    assert!(e.message.contains("5.1"), "{}", e.message);
    // 2.5 exists only in the market.
    let errors = rejection(&json!({"rubric": CP, "inputs": {"2.5": {"startups": 1}}}));
    assert!(errors
        .iter()
        .any(|e| e.indicator() == Some("2.5") && e.message.contains("2.5")));
    // A note on an unknown indicator too.
    let errors = rejection(&json!({"rubric": CP, "notes": {"9.9": "x"}}));
    assert!(errors
        .iter()
        .any(|e| e.indicator() == Some("9.9") && e.message.contains("9.9")));
}

#[test]
fn unknown_field() {
    refused_at(
        single(CP, "city", "1.2", json!({"revenue": 1000})),
        "1.2",
        "revenue",
        &["线下入驻企业年度营收"],
    );
    refused_at(
        single(SP, "city", "2.1", json!({"employers": 5})),
        "2.1",
        "employers",
        &["服务的特定行业规模以上企业"],
    );
    refused_at(
        single(TM, "city", "4.4", json!({"violation": 1})),
        "4.4",
        "violation",
        &[],
    );
}

#[test]
fn market_functions() {
    refused_at(
        single(
            TM,
            "city",
            "1.1",
            json!({"functions": ["recruitment", "cooking"]}),
        ),
        "1.1",
        "functions",
        &["cooking"],
    );
    refused_at(
        single(
            TM,
            "city",
            "1.1",
            json!({"functions": ["training", "training"]}),
        ),
        "1.1",
        "functions",
        &["培训", "重复"],
    );
    refused_at(
        single(TM, "city", "1.1", json!({"functions": "recruitment"})),
        "1.1",
        "functions",
        &[],
    );
    refused_at(
        single(TM, "city", "1.1", json!({"functions": [1]})),
        "1.1",
        "functions",
        &[],
    );
}

#[test]
fn choices_outside_their_pair() {
    let errors = rejection(&json!({"rubric": SP, "choices": {"2.1/2.2": "2.3"}}));
    let e = errors
        .iter()
        .find(|e| e.field().as_deref() == Some("choices"))
        .expect("error at choices");
    assert!(
        e.message.contains("2.1/2.2") && e.message.contains("2.3"),
        "{}",
        e.message
    );
    let errors = rejection(&json!({"rubric": SP, "choices": {"2.2/2.3": "2.2"}}));
    let e = errors
        .iter()
        .find(|e| e.field().as_deref() == Some("choices"))
        .expect("error at choices");
    assert!(e.message.contains("2.2/2.3"), "{}", e.message);
    // No pairs at all in 附表2.
    let errors = rejection(&json!({"rubric": CP, "choices": {"2.1/2.2": "2.1"}}));
    assert!(errors
        .iter()
        .any(|e| e.field().as_deref() == Some("choices") && e.message.contains("2.1/2.2")));
}

#[test]
fn structural_problems() {
    for v in [json!([]), json!(null), json!("draft"), json!(3)] {
        let errors = rejection(&v);
        assert_eq!(errors.len(), 1, "{v}");
        assert!(!errors[0].message.is_empty());
    }
    let e = Draft::from_json(r#"{"rubric": "specialized-park", "inputs": {"1.1": {"firms": 2"#)
        .unwrap_err();
    assert!(
        e.message.contains("截断") || e.message.contains("不完整"),
        "{}",
        e.message
    );
    assert!(Draft::from_json("").is_err());
    assert!(Draft::from_json("{\"rubric\": \"talent-market\"} trailing").is_err());
}

#[test]
fn wrong_member_types_name_the_member_and_indicator() {
    let cases = [
        (
            json!({"rubric": CP, "inputs": {"1.1": 5}}),
            Some("1.1"),
            "inputs",
        ),
        (json!({"rubric": CP, "inputs": [1]}), None, "inputs"),
        (json!({"rubric": CP, "edition": 2025}), None, "edition"),
        (
            json!({"rubric": SP, "choices": {"2.1/2.2": 2}}),
            Some("2.1/2.2"),
            "choices",
        ),
        (json!({"rubric": CP, "notes": "见附件"}), None, "notes"),
        (json!({"rubric": CP, "platform": "园区"}), None, "platform"),
    ];
    for (v, indicator, field) in cases {
        let e = Draft::from_value(v.clone()).unwrap_err();
        assert_eq!(e.field().as_deref(), Some(field), "{v}");
        assert_eq!(e.indicator(), indicator, "{v}");
        // Named in Chinese, not by the member's key (issue 15).
        let zh = match field {
            "inputs" => "填写内容",
            "edition" => "评分表版本",
            "choices" => "选其一",
            "notes" => "备注",
            _ => "平台信息",
        };
        assert!(e.message.contains(zh), "{v}: {}", e.message);
        if let Some(i) = indicator {
            assert!(e.message.contains(i), "{v}: {}", e.message);
        }
    }
}

#[test]
fn wrong_types_inside_members_name_the_path_in_chinese() {
    let cases = [
        (
            json!({"rubric": CP, "certification": {"local_support": "yes"}}),
            "certification",
            "certification.local_support",
            "真假值",
        ),
        (
            json!({"rubric": CP, "application": {"services": [1, 2]}}),
            "application",
            "application.services[0]",
            "文字",
        ),
        (
            json!({"rubric": CP, "previous_grade": 3}),
            "previous_grade",
            "previous_grade",
            "文字",
        ),
        (
            json!({"rubric": CP, "platform": {"name": 5}}),
            "platform",
            "platform.name",
            "文字",
        ),
    ];
    for (v, member, path, want) in cases {
        let e = Draft::from_value(v.clone()).unwrap_err();
        assert_eq!(e.field().as_deref(), Some(member), "{v}");
        assert!(e.message.contains(path), "{v}: {}", e.message);
        assert!(
            e.message.contains(&format!("应为{want}")),
            "{v}: {}",
            e.message
        );
        assert!(!e.message.contains("invalid type"), "{v}: {}", e.message);
    }
}

#[test]
fn a_list_comma_is_not_a_thousands_separator() {
    // "1、2" is a typo for a list, not 12: refused at the field.
    refused_at(
        single(CP, "city", "3.1", json!({"results": "1、2"})),
        "3.1",
        "results",
        &[],
    );
}

// ---- numbers read exactly ----

fn checked_number(rubric: &str, id: &str, field: &str, raw: Value) -> rust_decimal::Decimal {
    let c = check(&draft(&single(rubric, "city", id, json!({ field: raw })))).unwrap();
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    match c.values.get(id).and_then(|m| m.get(field)) {
        Some(Parsed::Number(n)) => *n,
        other => panic!("{id} {field}: {other:?}"),
    }
}

#[test]
fn numbers_and_strings_read_exactly() {
    assert_eq!(checked_number(CP, "4.2", "score", json!("0.1")), d("0.1"));
    // A JSON number, parsed from text: with serde_json's arbitrary_precision it stays 0.1.
    let v: Value = serde_json::from_str("0.1").unwrap();
    assert_eq!(checked_number(CP, "4.2", "score", v), d("0.1"));
    let v: Value = serde_json::from_str("1e3").unwrap();
    assert_eq!(
        checked_number(CP, "1.2", "revenue_wan", v.clone()),
        d("1000")
    );
    assert_eq!(
        own_of(CP, "city", "1.2", json!({ "revenue_wan": v })),
        d("0.1")
    );
    assert_eq!(checked_number(CP, "1.1", "firms", json!("1e3")), d("1000"));
    assert_eq!(
        checked_number(CP, "1.2", "revenue_wan", json!("1,000.5")),
        d("1000.5")
    );
    assert_eq!(
        checked_number(CP, "1.2", "revenue_wan", json!("１２３．４")),
        d("123.4")
    );
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    let dr = Draft::from_json(r#"{"rubric": "comprehensive-park", "inputs": {"4.2": {"score": 0.1}, "4.3": {"score": 0.2}}}"#)
        .unwrap();
    let r = cqhr::domain::score_strict(&dr).unwrap();
    assert_eq!(r.total, d("0.3"));
    assert_eq!(cqhr::domain::fmt_decimal(r.total), "0.3");
}

#[test]
fn a_float_looking_json_number_is_kept_exact() {
    // 0.30000000000000004 is not rounded to 0.3 (as a float reader would after printing
    // at 15 digits), nor scored as 0.3: its 17 decimals are refused, and the message shows
    // the number as written.
    let dr = Draft::from_json(
        r#"{"rubric": "comprehensive-park", "inputs": {"4.2": {"score": 0.30000000000000004}}}"#,
    )
    .unwrap();
    assert_eq!(dr.inputs["4.2"]["score"].to_string(), "0.30000000000000004");
    let errors = cqhr::domain::score_strict(&dr).unwrap_err();
    assert_names(&errors, "4.2", "score", &["0.30000000000000004"]);
    // 2^53 + 1 loses its last digit in a float; here it is kept: −9007199254740993.
    let dr = Draft::from_json(
        r#"{"rubric": "talent-market", "inputs": {"4.4": {"violations": 9007199254740993}}}"#,
    )
    .unwrap();
    assert_eq!(
        cqhr::domain::score_strict(&dr).unwrap().total,
        d("-9007199254740993")
    );
    // Ten decimals are kept as written.
    assert_eq!(
        checked_number(CP, "1.2", "revenue_wan", json!("999.9999999999")),
        d("999.9999999999")
    );
    assert_eq!(
        own_of(CP, "city", "1.2", json!({"revenue_wan": "999.9999999999"})),
        d("0")
    );
}

#[test]
fn too_many_significant_digits_are_refused_not_rounded() {
    // 20 digits and 10 decimals do not fit a Decimal; silently rounding would make this a
    // whole 10^20 (a valid count) or change its last digit.
    refused_at(
        single(
            CP,
            "city",
            "1.1",
            json!({"firms": "99999999999999999999.9999999999"}),
        ),
        "1.1",
        "firms",
        &[],
    );
    refused_at(
        single(
            CP,
            "city",
            "1.2",
            json!({"revenue_wan": "12345678901234567890.1234567891"}),
        ),
        "1.2",
        "revenue_wan",
        &[],
    );
    // 28 significant digits still read exactly.
    assert_eq!(
        checked_number(
            CP,
            "1.2",
            "revenue_wan",
            json!("1234567890123456789.123456789")
        ),
        d("1234567890123456789.123456789")
    );
}

#[test]
fn huge_values() {
    let v: Value = serde_json::from_str("1e40").unwrap();
    // serde_json keeps the number's text (as "1e+40"); the message quotes it.
    refused_at(
        single(CP, "city", "1.2", json!({ "revenue_wan": v })),
        "1.2",
        "revenue_wan",
        &["40", "过大"],
    );
    refused_at(
        single(CP, "city", "1.1", json!({"firms": "1e40"})),
        "1.1",
        "firms",
        &["过大"],
    );
    refused_at(
        single(CP, "city", "1.3", json!({"tax_wan": "1e-40"})),
        "1.3",
        "tax_wan",
        &[],
    );

    let two64: Value = serde_json::from_str("18446744073709551617").unwrap();
    let r = crate::common::score_one(CP, "city", "1.1", json!({ "firms": two64 }));
    let i = ind(&r, "1.1");
    assert_eq!((i.own, i.capped), (d("10"), true));
    assert_eq!(i.next, cqhr::domain::Next::AtCap);
    let r = crate::common::score_one(
        CP,
        "district",
        "1.1",
        json!({ "firms": two64, "above_scale": two64 }),
    );
    assert_eq!(ind(&r, "1.1").own, d("10"));

    let r = crate::common::score_one(CP, "city", "5.4", json!({ "violations": two64 }));
    assert_eq!(r.total, d("-18446744073709551617"));
    assert_eq!(cqhr::domain::fmt_decimal(r.total), "-18446744073709551617");
    let r = score(
        &json!({"rubric": TM, "level": "national", "inputs": {"4.4": {"violations": "18446744073709551617"},
        "1.2": {"revenue_wan": "1e20"}, "3.1": {"area_sqm": "1e20", "staff": "1e20", "titled_staff": "1e20"}}}),
    );
    assert_eq!(r.total, d("-18446744073709551609")); // 3 + 5 − (2^64 + 1)
}
