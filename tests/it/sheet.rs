//! The 得分表 tells the truth about itself (issue 15 items 6 and 14's title): its title in
//! the measures' own words, its completion state, and 填表日期 kept in the draft.

use crate::common::score;
use cqhr::domain::score::SCORE_SHEET_TITLE;
use cqhr::domain::{check, Draft};
use serde_json::json;

#[test]
fn the_title_is_the_one_art_30_names() {
    assert_eq!(
        SCORE_SHEET_TITLE,
        "重庆市市级人力资源服务发展平台年度评估得分表"
    );
    // Word for word as in the measures (第三十条（二）2).
    let measures = include_str!("../../docs/measures.txt");
    assert!(measures.contains(&format!("《{SCORE_SHEET_TITLE}》")));
}

#[test]
fn a_sheet_with_blank_indicators_says_so() {
    let r = score(&json!({"rubric": "talent-market", "inputs": {"1.2": {"revenue_wan": 100}}}));
    // 附表4 has 17 indicators; one is filled.
    assert_eq!(r.completion_text(), "未完成（未填 16 项）");
}

#[test]
fn fill_date_is_kept_and_checked() {
    let d = Draft::from_value(json!({"rubric": "talent-market",
        "platform": {"name": "某市场", "fill_date": "2026-03-01"}}))
    .unwrap();
    assert_eq!(d.platform.fill_date, "2026-03-01");
    assert!(d.to_json().contains(r#""fill_date":"2026-03-01""#));
    assert!(check(&d).unwrap().errors.is_empty());
    // Omitted while blank: an older draft stays byte-for-byte as small.
    let blank = Draft::new("talent-market");
    assert!(!blank.to_json().contains("fill_date"));
    // A bad date is reported at the field and kept as typed.
    let d = Draft::from_value(json!({"rubric": "talent-market",
        "platform": {"fill_date": "2026-02-30"}}))
    .unwrap();
    let errors = check(&d).unwrap().errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field().as_deref(), Some("platform.fill_date"));
    assert_eq!(
        errors[0].message,
        "填表日期须为有效日期，如 2026-03-01（填写的是“2026-02-30”）"
    );
    assert_eq!(d.platform.fill_date, "2026-02-30");
}
