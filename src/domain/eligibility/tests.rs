//! The certification check worked by hand: parts and wholes, the computed share, the
//! report against the conditions table.

use super::*;
use rust_decimal::Decimal;
use serde_json::json;

fn draft(rubric: &str, set: &[(&str, serde_json::Value)]) -> Draft {
    let mut d = Draft::new(rubric);
    for (k, v) in set {
        assert!(d.certification.set_raw(k, Some(v.clone())), "{k}");
    }
    d
}

#[test]
fn a_part_may_not_exceed_its_whole() {
    let d = draft(
        "comprehensive-park",
        &[("hr_firms", json!(5)), ("above_scale_firms", json!(6))],
    );
    let r = check_certification(&d).unwrap();
    assert_eq!(r.errors.len(), 1);
    assert_eq!(
        r.errors[0].message,
        "认定条件“其中：规模以上人力资源服务企业”：6 家不能多于入驻人力资源服务企业（5 家）"
    );
    assert_eq!(
        r.errors[0].path,
        FieldPath::Certification("above_scale_firms")
    );
}

#[test]
fn the_share_says_what_reaches_the_threshold() {
    let d = draft(
        "specialized-park",
        &[
            ("revenue_wan", json!(100000)),
            ("hr_revenue_wan", json!(55000)),
        ],
    );
    let r = check_certification(&d).unwrap();
    let c = r.get(ConditionId::HrShare).unwrap();
    assert_eq!(c.value, Some(Decimal::from(55)));
    assert_eq!(
        c.shortfall.as_deref(),
        Some("还差 5 个百分点（人力资源服务企业营业收入再增加 12,500 万元（1.25 亿元）可达 60%）")
    );
    // Just under 60% when truncated to two places is still a miss, decided exactly.
    let d = draft(
        "specialized-park",
        &[
            ("revenue_wan", json!(3)),
            ("hr_revenue_wan", json!("1.79999")),
        ],
    );
    let r = check_certification(&d).unwrap();
    let c = r.get(ConditionId::HrShare).unwrap();
    assert_eq!(c.status, Status::Missed);
    assert!(
        c.shortfall.as_deref().unwrap().starts_with("还差"),
        "{:?}",
        c.shortfall
    );
}

#[test]
fn sites_are_at_least_one() {
    let d = draft("specialized-park", &[("sites", json!(0))]);
    let r = check_certification(&d).unwrap();
    assert_eq!(
        r.errors[0].message,
        "认定条件“场地个数（集中在一处的填 1）”：至少为 1（集中在一处的填 1）"
    );
}

#[test]
fn the_report_follows_the_table() {
    for id in crate::domain::rubric::RUBRIC_IDS {
        let r = check_certification(&Draft::new(id)).unwrap();
        let top: Vec<ConditionId> = conditions_for(id)
            .filter(|d| d.within.is_none())
            .map(|d| d.id)
            .collect();
        let got: Vec<ConditionId> = r.conditions.iter().map(|c| c.id).collect();
        assert_eq!(got, top, "{id}");
        assert_eq!(r.articles, articles(id));
        assert_eq!(r.notes[0].kind, NoteKind::Reading);
        assert_eq!(r.notes[1].kind, NoteKind::District);
    }
}
