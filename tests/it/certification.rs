//! Certification (Arts. 10–13, 17), the 附表1 form, grades and ranking (Arts. 31–33), and
//! the `cqhr check` / `cqhr rank` commands.

use crate::common::{cqhr, parse_csv, write};
use cqhr::domain::districts::{self, Region};
use cqhr::domain::eligibility::{check_certification, suggestions, ValueSource, RELIEF_TEXT};
use cqhr::domain::grade::{consequences, parse_previous};
use cqhr::domain::{
    check_application, check_certification_strict, outlook, rank, to_csv, CertificationReport,
    CohortEntry, Condition, Draft, Grade, Level, Overall, Status, SuggestedGrade,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test decimal")
}

const CONFIRMATIONS: [&str; 5] = [
    "concentrated_area",
    "local_support",
    "construction_plan",
    "infrastructure",
    "operating_bodies",
];

/// A draft that meets every condition of its type exactly at the thresholds.
fn passing(rubric: &str, district: &str) -> Draft {
    let mut draft = Draft::new(rubric);
    draft.platform.name = "测试平台".into();
    draft.platform.district = district.into();
    draft.platform.year = "2025".into();
    let c = &mut draft.certification;
    for k in CONFIRMATIONS {
        assert!(c.set_confirmed(k, true));
    }
    let set = |c: &mut cqhr::domain::Certification, k: &str, v: Value| {
        assert!(c.set_raw(k, Some(v)), "{k}")
    };
    match rubric {
        "talent-market" => {
            c.set_confirmed("influence", true);
            set(c, "area_sqm", json!("1000"));
            set(c, "persons_served", json!(5001));
        }
        _ => {
            set(c, "area_sqm", json!("10000"));
            set(c, "sites", json!(3));
            set(c, "management_staff", json!(2));
            set(c, "operator_staff", json!(3));
            set(c, "hr_firms", json!(20));
            set(c, "above_scale_firms", json!(5));
            set(c, "revenue_wan", json!("100000"));
            c.set_confirmed("stable_operation", true);
            if rubric == "comprehensive-park" {
                c.set_confirmed("hr_firms_main", true);
            }
            if rubric == "specialized-park" {
                c.set_confirmed("focus", true);
                set(c, "hr_share_percent", json!("60%"));
            }
        }
    }
    draft
}

fn report(draft: &Draft) -> CertificationReport {
    let r = check_certification(draft).expect("known rubric");
    assert!(r.errors.is_empty(), "unexpected errors: {:?}", r.errors);
    r
}

fn cond<'a>(r: &'a CertificationReport, id: &str) -> &'a Condition {
    r.condition(id)
        .unwrap_or_else(|| panic!("no condition {id}"))
}

fn with(draft: &Draft, key: &str, value: Value) -> Draft {
    let mut d = draft.clone();
    assert!(d.certification.set_raw(key, Some(value)));
    d
}

fn status_of(draft: &Draft, key: &str, value: Value, id: &str) -> Status {
    cond(&report(&with(draft, key, value)), id).status
}

#[test]
fn passing_drafts_are_eligible() {
    for rubric in ["comprehensive-park", "specialized-park", "talent-market"] {
        let r = report(&passing(rubric, "渝北区"));
        assert_eq!(r.overall, Overall::Eligible, "{rubric}: {r:#?}");
        assert!(r.conditions.iter().all(|c| c.status == Status::Met));
    }
}

#[test]
fn parks_at_under_and_over_each_threshold() {
    use Status::{Met, Missed};
    for rubric in ["comprehensive-park", "specialized-park"] {
        let base = passing(rubric, "渝中区");
        type Case<'a> = (&'a str, &'a str, [(Value, Status); 3]);
        let cases: [Case; 7] = [
            (
                "area_sqm",
                "area_sqm",
                [
                    (json!("10000"), Met),
                    (json!("9999.99"), Missed),
                    (json!("10000.01"), Met),
                ],
            ),
            (
                "sites",
                "sites",
                [(json!(3), Met), (json!(4), Missed), (json!(2), Met)],
            ),
            (
                "management_staff",
                "management_staff",
                [(json!(2), Met), (json!(1), Missed), (json!(3), Met)],
            ),
            (
                "operator_staff",
                "operator_staff",
                [(json!(3), Met), (json!(2), Missed), (json!(4), Met)],
            ),
            (
                "hr_firms",
                "hr_firms",
                [(json!(20), Met), (json!(19), Missed), (json!(21), Met)],
            ),
            (
                "above_scale_firms",
                "above_scale_firms",
                [(json!(5), Met), (json!(4), Missed), (json!(6), Met)],
            ),
            (
                "revenue_wan",
                "revenue_wan",
                [
                    (json!("100000"), Met),
                    (json!("99999.99"), Missed),
                    (json!("100000.01"), Met),
                ],
            ),
        ];
        for (key, id, checks) in cases {
            for (value, expected) in checks {
                assert_eq!(
                    status_of(&base, key, value.clone(), id),
                    expected,
                    "{rubric} {key} = {value}"
                );
            }
        }
    }
}

#[test]
fn shortfalls_in_words() {
    let base = passing("comprehensive-park", "渝中区");
    let r = report(&with(&base, "above_scale_firms", json!(2)));
    assert_eq!(
        cond(&r, "above_scale_firms").shortfall.as_deref(),
        Some("还差 3 家规模以上企业")
    );
    let r = report(&with(&base, "area_sqm", json!(8000)));
    assert_eq!(
        cond(&r, "area_sqm").shortfall.as_deref(),
        Some("还差 2,000 平方米")
    );
    let r = report(&with(&base, "revenue_wan", json!(80000)));
    assert_eq!(
        cond(&r, "revenue_wan").shortfall.as_deref(),
        Some("还差 20,000 万元（2 亿元）营业收入")
    );
    let r = report(&with(&base, "sites", json!(5)));
    assert!(cond(&r, "sites")
        .shortfall
        .as_deref()
        .unwrap_or("")
        .starts_with("多出 2 个场地"));
    let r = report(&with(&base, "management_staff", json!(1)));
    assert_eq!(
        cond(&r, "management_staff").shortfall.as_deref(),
        Some("还差 1 名管理机构专职工作人员")
    );
    assert_eq!(r.overall, Overall::NotEligible);
    let c = cond(&r, "management_staff");
    assert_eq!(c.article, "第十一条（二）");
    assert_eq!(
        c.threshold.as_ref().map(|t| t.text()).as_deref(),
        Some("≥ 2 人")
    );
    assert_eq!(c.value, Some(d("1")));
}

#[test]
fn specialized_share_at_under_and_over_sixty_percent() {
    use Status::{Met, Missed};
    let base = passing("specialized-park", "渝中区");
    for (v, s) in [
        (json!("60"), Met),
        (json!("59.99%"), Missed),
        (json!("60.01％"), Met),
        (json!(100), Met),
    ] {
        assert_eq!(
            status_of(&base, "hr_share_percent", v.clone(), "hr_share"),
            s,
            "{v}"
        );
    }
    // From amounts: 60000 / 100000 = 60% exactly meets "60%以上".
    let mut amounts = base.clone();
    amounts.certification.set_raw("hr_share_percent", None);
    for (h, s) in [("60000", Met), ("59999.99", Missed), ("60000.01", Met)] {
        let r = report(&with(&amounts, "hr_revenue_wan", json!(h)));
        let c = cond(&r, "hr_share");
        assert_eq!(c.status, s, "hr revenue {h}");
        assert!(matches!(c.source, Some(ValueSource::Derived { .. })));
    }
    // Just under 60% is never shown rounded up to 60.
    let r = report(&with(&amounts, "hr_revenue_wan", json!("59999.999")));
    let c = cond(&r, "hr_share");
    assert_eq!(c.status, Missed);
    assert_eq!(c.value, Some(d("59.99")));
    // 50% of 100000: (3·100000 − 5·50000) / 2 = 25000 万元 more HR revenue reaches 60%.
    let r = report(&with(&amounts, "hr_revenue_wan", json!(50000)));
    let text = cond(&r, "hr_share").shortfall.clone().unwrap_or_default();
    assert!(
        text.contains("还差 10 个百分点") && text.contains("25,000 万元"),
        "{text}"
    );
    // Amounts win over a typed share that disagrees, with a warning.
    let both = with(
        &with(&amounts, "hr_revenue_wan", json!(50000)),
        "hr_share_percent",
        json!(70),
    );
    let r = report(&both);
    assert_eq!(cond(&r, "hr_share").status, Missed);
    assert!(r.warnings.iter().any(|w| w.contains("以按金额计算为准")));
    // HR revenue above the total is an error.
    let bad = with(&amounts, "hr_revenue_wan", json!(200000));
    assert!(!check_certification(&bad).expect("rubric").errors.is_empty());
    // Above-size *service* firms may outnumber HR firms in a specialized park.
    let r = report(&with(
        &with(&base, "hr_firms", json!(20)),
        "above_scale_firms",
        json!(30),
    ));
    assert_eq!(cond(&r, "above_scale_firms").status, Met);
}

#[test]
fn market_area_and_the_or_of_article_13() {
    use Status::{Blank, Met, Missed};
    let base = passing("talent-market", "渝中区");
    for (v, s) in [
        (json!(1000), Met),
        (json!("999.99"), Missed),
        (json!("1000.01"), Met),
    ] {
        assert_eq!(
            status_of(&base, "area_sqm", v.clone(), "area_sqm"),
            s,
            "{v}"
        );
    }
    let mut none = base.clone();
    none.certification.set_raw("persons_served", None);
    let service = |persons: Option<Value>, capital: Option<Value>| -> (Status, Status, Status) {
        let mut dr = none.clone();
        dr.certification.set_raw("persons_served", persons);
        dr.certification.set_raw("human_capital_wan", capital);
        let r = report(&dr);
        let c = cond(&r, "service_effect");
        (c.status, c.alternatives[0].status, c.alternatives[1].status)
    };
    // Only persons > 5000.
    assert_eq!(service(Some(json!(5001)), None), (Met, Met, Blank));
    // Only income > 10 亿元.
    assert_eq!(service(None, Some(json!("100000.01"))), (Met, Blank, Met));
    assert_eq!(
        service(Some(json!(10)), Some(json!("100001"))),
        (Met, Missed, Met)
    );
    // Neither: exactly 5000 and exactly 10 亿元 do not "超过".
    assert_eq!(
        service(Some(json!(5000)), Some(json!(100000))),
        (Missed, Missed, Missed)
    );
    assert_eq!(
        service(Some(json!(4999)), Some(json!(0))),
        (Missed, Missed, Missed)
    );
    // One missed, the other blank: not yet decided.
    assert_eq!(service(Some(json!(5000)), None), (Blank, Missed, Blank));
    assert_eq!(service(None, None), (Blank, Blank, Blank));

    let mut dr = none.clone();
    dr.certification
        .set_raw("persons_served", Some(json!(5000)));
    dr.certification
        .set_raw("human_capital_wan", Some(json!(100000)));
    let r = report(&dr);
    assert_eq!(r.overall, Overall::NotEligible);
    let c = cond(&r, "service_effect");
    assert_eq!(
        c.alternatives[0].shortfall.as_deref(),
        Some("还差 1 人次（须超过 5,000 人次）")
    );
    assert!(c.alternatives[1]
        .shortfall
        .as_deref()
        .unwrap_or("")
        .contains("须超过此数"));
}

#[test]
fn article_17_relief_in_the_northeast_and_southeast_only() {
    for district in ["万州区", "万州", "石柱土家族自治县", "石柱"] {
        let dr = with(
            &passing("comprehensive-park", district),
            "area_sqm",
            json!(8000),
        );
        let r = report(&dr);
        assert!(r.relief_region, "{district}");
        let c = cond(&r, "area_sqm");
        // Without a recorded grant, a miss with the note that relief may be applied for
        // (not a standing exemption).
        assert_eq!(c.status, Status::MissedWithoutGrant, "{district}");
        assert_eq!(c.relief.as_deref(), Some(RELIEF_TEXT));
        assert!(c.status_text().contains("可申请适当降低标准或设置达成时限"));
        assert_eq!(r.overall, Overall::MissedWithoutGrant, "{district}");
        assert!(!r.overall.met() && r.overall.needs_verification());
    }
    assert_eq!(districts::region("万州区"), Some(Region::Northeast));
    assert_eq!(
        districts::region("石柱土家族自治县"),
        Some(Region::Southeast)
    );
    // 渝中区: a plain miss.
    let r = report(&with(
        &passing("comprehensive-park", "渝中区"),
        "area_sqm",
        json!(8000),
    ));
    assert_eq!(cond(&r, "area_sqm").status, Status::Missed);
    assert_eq!(r.overall, Overall::NotEligible);
    assert!(!r.relief_region);
    // The market's OR in 彭水: both halves missed → relief.
    let dr = with(
        &with(
            &passing("talent-market", "彭水"),
            "persons_served",
            json!(100),
        ),
        "human_capital_wan",
        json!(1),
    );
    assert_eq!(
        cond(&report(&dr), "service_effect").status,
        Status::MissedWithoutGrant
    );
    // Confirmations are not quantitative: no relief.
    let mut dr = passing("specialized-park", "巫溪县");
    dr.certification.set_confirmed("focus", false);
    let r = report(&dr);
    assert_eq!(cond(&r, "focus").status, Status::Unconfirmed);
    assert_eq!(r.overall, Overall::Incomplete);
}

#[test]
fn blank_and_unconfirmed_make_it_incomplete_and_misses_win() {
    let mut dr = passing("comprehensive-park", "渝中区");
    dr.certification.set_confirmed("local_support", false);
    assert_eq!(report(&dr).overall, Overall::Incomplete);
    dr.certification.set_raw("sites", None);
    let r = report(&dr);
    assert_eq!(cond(&r, "sites").status, Status::Blank);
    assert_eq!(r.overall, Overall::Incomplete);
    let r = report(&with(&dr, "hr_firms", json!(12)));
    assert_eq!(r.overall, Overall::NotEligible);
}

#[test]
fn scoring_values_are_offered_and_used_while_blank() {
    let mut dr = Draft::new("comprehensive-park");
    dr.set_raw("4.1", "area_sqm", Some(json!("12850.5")));
    dr.set_raw("4.1", "staff", Some(json!(7)));
    dr.set_raw("1.1", "firms", Some(json!(37)));
    dr.set_raw("1.1", "above_scale", Some(json!("8")));
    dr.set_raw("1.2", "revenue_wan", Some(json!("99999")));
    let offered: Vec<String> = suggestions(&dr).into_iter().map(|s| s.field).collect();
    for f in [
        "area_sqm",
        "operator_staff",
        "hr_firms",
        "above_scale_firms",
        "revenue_wan",
    ] {
        assert!(offered.iter().any(|o| o == f), "{f} not offered");
    }
    let r = report(&dr);
    let area = cond(&r, "area_sqm");
    assert_eq!((area.status, area.value), (Status::Met, Some(d("12850.5"))));
    assert!(
        matches!(&area.source, Some(ValueSource::Scoring { indicator, .. }) if indicator == "4.1")
    );
    assert_eq!(cond(&r, "revenue_wan").status, Status::Missed);
    // A typed value wins over the suggestion.
    let r = report(&with(&dr, "area_sqm", json!(9000)));
    assert_eq!(cond(&r, "area_sqm").status, Status::Missed);
    assert_eq!(cond(&r, "area_sqm").source, Some(ValueSource::Entered));
    // The specialized park's 1.1 counts service firms: offered with a caveat, not used.
    let mut sp = Draft::new("specialized-park");
    sp.set_raw("1.1", "firms", Some(json!(30)));
    let s = suggestions(&sp);
    assert!(s
        .iter()
        .any(|s| s.field == "hr_firms" && !s.fallback && s.caveat.is_some()));
    assert_eq!(cond(&report(&sp), "hr_firms").status, Status::Blank);
    // The market: 3.1 area and the sum of 2.1's person-times.
    let mut mk = Draft::new("talent-market");
    mk.set_raw("3.1", "area_sqm", Some(json!(2000)));
    mk.set_raw("2.1", "bachelor_or_below", Some(json!(4000)));
    mk.set_raw("2.1", "postgraduate", Some(json!(1001)));
    let r = report(&mk);
    assert_eq!(cond(&r, "area_sqm").status, Status::Met);
    assert_eq!(
        cond(&r, "service_effect").alternatives[0].value,
        Some(d("5001"))
    );
    assert_eq!(cond(&r, "service_effect").status, Status::Met);
}

#[test]
fn bad_inputs_are_reported_not_panicked() {
    let base = passing("comprehensive-park", "渝中区");
    for (key, v) in [
        ("area_sqm", json!("-5")),
        ("hr_firms", json!("20.5")),
        ("sites", json!(0)),
        ("revenue_wan", json!("十亿")),
        ("management_staff", json!(true)),
        ("revenue_wan", json!("1e99")),
    ] {
        let dr = with(&base, key, v.clone());
        let r = check_certification(&dr).expect("rubric");
        assert_eq!(r.errors.len(), 1, "{key} = {v}");
        assert!(
            r.errors[0].message.starts_with("认定条件“"),
            "{}",
            r.errors[0].message
        );
        assert_eq!(
            r.errors[0].field().as_deref(),
            Some(format!("certification.{key}").as_str())
        );
        assert!(check_certification_strict(&dr).is_err());
    }
    let over = with(&base, "above_scale_firms", json!(25));
    assert!(!check_certification(&over)
        .expect("rubric")
        .errors
        .is_empty());
    let mut unknown = base.clone();
    unknown.rubric = "nope".into();
    assert!(check_certification(&unknown).is_err());
}

#[test]
fn new_draft_fields_round_trip_and_stay_out_of_plain_drafts() {
    let plain = Draft::new("comprehensive-park");
    let text = plain.to_json();
    for key in ["certification", "application", "previous_grade"] {
        assert!(!text.contains(key), "{text}");
    }
    let mut dr = passing("specialized-park", "万州区");
    dr.previous_grade = "fail".into();
    dr.application.phone = "023-6386 1234".into();
    dr.application.services = vec!["policy_consulting".into(), "other".into()];
    dr.application.other_services = "人才公寓".into();
    dr.application.investment_wan = json!("1,200.5");
    let back = Draft::from_json(&dr.to_json()).expect("round trip");
    assert_eq!(back, dr);
    // An old draft without the fields still reads.
    let old = Draft::from_json(r#"{"rubric":"talent-market","inputs":{}}"#).expect("old draft");
    assert!(
        old.certification.is_empty() && old.application.is_empty() && old.previous_grade.is_empty()
    );
}

#[test]
fn application_form_checks() {
    let mut dr = Draft::new("talent-market");
    let empty = check_application(&dr);
    assert!(empty.errors.is_empty() && empty.warnings.is_empty());
    assert!(empty.missing.contains(&"申报单位") && !empty.missing.contains(&"平台性质"));
    dr.application.investment_wan = json!(-3);
    dr.application.team_size = json!("2.5");
    dr.application.carrier = "cloud".into();
    dr.application.services = vec!["massage".into()];
    dr.application.phone = "电话待定".into();
    dr.application.nature = "comprehensive-park".into();
    dr.application.services.push("other".into());
    let c = check_application(&dr);
    let errs: Vec<&str> = c.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        errs.iter()
            .any(|m| m.contains("投入资金") && m.contains("负数")),
        "{errs:?}"
    );
    assert!(errs
        .iter()
        .any(|m| m.contains("运营团队人数") && m.contains("整数")));
    assert!(errs.iter().any(|m| m.contains("载体性质")));
    assert!(errs.iter().any(|m| m.contains("可提供的服务")));
    let warns: Vec<&str> = c.warnings.iter().map(|e| e.message.as_str()).collect();
    assert!(warns.iter().any(|m| m.contains("联系电话")), "{warns:?}");
    assert!(warns.iter().any(|m| m.contains("平台性质")));
    assert!(warns.iter().any(|m| m.contains("其他服务")));
    // Application area and sites are used as fallbacks for the check.
    let mut park = Draft::new("comprehensive-park");
    park.application.area_sqm = json!("15000");
    park.application.sites = json!(2);
    let r = report(&park);
    assert_eq!(cond(&r, "area_sqm").status, Status::Met);
    assert!(matches!(
        cond(&r, "sites").source,
        Some(ValueSource::Application { .. })
    ));
}

#[test]
fn grade_outlook_of_one_draft() {
    let failing = report(&with(
        &passing("comprehensive-park", "渝中区"),
        "hr_firms",
        json!(10),
    ));
    let o = outlook(&failing, Level::City, Some(Grade::Fail));
    assert_eq!(o.possible, vec![Grade::Fail]);
    assert!(o.summary.contains("第三十一条"));
    assert!(o.consequences[0]
        .text
        .iter()
        .any(|t| t.contains("不再纳入市级平台管理")));
    let ok = report(&passing("comprehensive-park", "渝中区"));
    let o = outlook(&ok, Level::City, Some(Grade::Excellent));
    assert_eq!(o.possible, vec![Grade::Excellent, Grade::Pass]);
    assert!(o.consequences[0].text[0].contains("优先推荐"));
    // Art. 33: a district platform rated 优秀 that meets the city conditions.
    let o = outlook(&ok, Level::District, None);
    assert!(o
        .district_path
        .as_deref()
        .unwrap_or("")
        .contains("直接认定为市级平台"));
    let o = outlook(&failing, Level::District, None);
    assert_eq!(o.possible, vec![Grade::Excellent, Grade::Pass]);
    assert!(o.district_path.as_deref().unwrap_or("").contains("不能"));
    assert!(
        consequences(Grade::Pass, Some(Grade::Fail), Level::City, None)
            .iter()
            .any(|t| t.contains("不构成"))
    );
    assert_eq!(parse_previous(""), Ok(None));
    assert_eq!(parse_previous("pass"), Ok(Some(Grade::Pass)));
    assert_eq!(parse_previous("不合格"), Ok(Some(Grade::Fail)));
    assert!(parse_previous("good").is_err());
}

fn scored(mut draft: Draft, name: &str, tax: u32) -> Draft {
    draft.platform.name = name.into();
    draft.set_raw("1.3", "tax_wan", Some(json!(tax)));
    draft
}

#[test]
fn cqhr_check_reports_and_exits_zero_even_when_not_eligible() {
    let failing = write(
        "failing.json",
        &with(
            &passing("comprehensive-park", "渝中区"),
            "area_sqm",
            json!(8000),
        ),
    );
    let (code, out, err) = cqhr(&["check", &failing]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["overall"], "not_eligible");
    let area = v["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == "area_sqm"))
        .cloned();
    let area = area.expect("area condition");
    assert_eq!(area["status"], "missed");
    assert_eq!(area["threshold"]["value"], "10000");
    assert_eq!(area["value"], "8000");
    assert_eq!(area["shortfall"], "还差 2,000 平方米");

    let relief = write(
        "relief.json",
        &with(
            &passing("comprehensive-park", "万州区"),
            "area_sqm",
            json!(8000),
        ),
    );
    let (code, out, _) = cqhr(&["check", &relief]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["overall"], "missed_without_grant");
    assert!(out.contains("\"missed_without_grant\""));

    let invalid = write(
        "invalid.json",
        &with(
            &passing("comprehensive-park", "渝中区"),
            "area_sqm",
            json!("-1"),
        ),
    );
    let (code, _, err) = cqhr(&["check", &invalid]);
    assert_eq!(code, 2);
    assert!(err.contains("认定条件"), "{err}");
    let mut bad_prev = passing("talent-market", "渝中区");
    bad_prev.previous_grade = "great".into();
    let (code, _, _) = cqhr(&["check", &write("bad-prev.json", &bad_prev)]);
    assert_eq!(code, 2);
    assert_eq!(cqhr(&["check"]).0, 2);
    assert_eq!(cqhr(&["check", "/nonexistent/draft.json"]).0, 1);
}

#[test]
fn cqhr_rank_prints_json_and_csv() {
    let a = write(
        "a.json",
        &scored(passing("comprehensive-park", "渝中区"), "甲产业园", 500),
    );
    let b = write(
        "b.json",
        &scored(passing("specialized-park", "万州区"), "乙产业园", 300),
    );
    // Lost: 5,000 ㎡ against "不少于10000平方米" (not a "原则上" condition), no relief in 渝中区.
    let failing = with(
        &passing("comprehensive-park", "渝中区"),
        "area_sqm",
        json!(5000),
    );
    let c = write("c.json", &scored(failing, "丙产业园", 900));
    let (code, out, err) = cqhr(&["rank", &a, &b, &c]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    let rows = v["rows"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["name"], "丙产业园");
    assert_eq!(rows[0]["grade"], "fail");
    assert_eq!(rows[1]["name"], "甲产业园");
    assert_eq!(rows[1]["total"], "10");
    assert_eq!(v["years"][0]["excellent_cap"], 0);

    let (code, csv, _) = cqhr(&["rank", &a, &b, &c, "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with('\u{feff}'));
    let parsed = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(parsed.len(), 4);
    assert_eq!(parsed[1][2], "丙产业园");
    assert_eq!(parsed[1][10], "不合格");

    let invalid = write(
        "rank-invalid.json",
        &with(
            &passing("talent-market", "渝中区"),
            "persons_served",
            json!("x"),
        ),
    );
    assert_eq!(cqhr(&["rank", &a, &invalid]).0, 2);
    assert_eq!(cqhr(&["rank"]).0, 2);
    assert_eq!(cqhr(&["rank", &a, "--format", "text"]).0, 2);
    assert_eq!(cqhr(&["rank", &a, "/nonexistent/x.json"]).0, 1);
    assert_eq!(cqhr(&["score", &a, "--format", "csv"]).0, 2);
    let (code, out, _) = cqhr(&["rank", &a, &b, "--pass-mark", "5"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"pass_mark\": \"5\""));
}

proptest::proptest! {
    #[test]
    fn no_input_panics(
        texts in proptest::collection::vec("\\PC{0,12}", 11),
        district in "\\PC{0,8}",
        rubric in 0usize..3,
        previous in "\\PC{0,6}",
    ) {
        let rubric = ["comprehensive-park", "specialized-park", "talent-market"][rubric];
        let mut dr = passing(rubric, &district);
        let keys = cqhr::domain::eligibility::QUANTITY_KEYS;
        for (k, t) in keys.iter().zip(&texts) {
            dr.certification.set_raw(k, Some(json!(t)));
        }
        dr.application.phone = texts[0].clone();
        dr.application.date = texts[1].clone();
        dr.application.sites = json!(texts[2]);
        dr.previous_grade = previous;
        let r = check_certification(&dr).expect("rubric");
        proptest::prop_assert!(r.conditions.len() >= 7);
        let _ = check_certification_strict(&dr);
        let _ = check_application(&dr);
        let _ = cqhr::domain::outlook_for(&dr);
        let _ = suggestions(&dr);
    }

    #[test]
    fn ranking_never_panics_and_respects_the_cap(
        totals in proptest::collection::vec((-50i64..150, 0u32..2, proptest::bool::ANY, 0usize..3), 0..40),
    ) {
        let es: Vec<CohortEntry> = totals
            .iter()
            .enumerate()
            .map(|(i, (t, scale, ok, year))| {
                CohortEntry::new(&format!("P{i}"), "talent-market", ["2024", "2025", ""][*year], Decimal::new(*t, *scale), *ok)
            })
            .collect();
        let r = rank(&es);
        proptest::prop_assert_eq!(r.rows.len(), es.len());
        for y in &r.years {
            let excellent = r.rows.iter().filter(|row| row.year == y.year && row.grade == SuggestedGrade::Excellent).count();
            let tied = r.rows.iter().filter(|row| row.year == y.year && row.grade == SuggestedGrade::Tied).count();
            proptest::prop_assert!(excellent <= y.excellent_cap);
            proptest::prop_assert_eq!(excellent, y.excellent);
            // Without a tie the cap is filled as far as eligible platforms allow.
            if tied == 0 {
                let eligible = r.rows.iter().filter(|row| row.year == y.year && row.eligible).count();
                proptest::prop_assert_eq!(excellent, y.excellent_cap.min(eligible));
            }
        }
        for row in &r.rows {
            if !row.eligible {
                proptest::prop_assert_eq!(row.grade, SuggestedGrade::Fail);
            }
        }
        let csv = to_csv(&r);
        proptest::prop_assert_eq!(parse_csv(csv.trim_start_matches('\u{feff}')).len(), es.len() + 1);
    }
}

/// Ten platforms of 综合性产业园 2025, all eligible, with these totals.
fn cohort(totals: &[&str]) -> Vec<CohortEntry> {
    totals
        .iter()
        .enumerate()
        .map(|(i, t)| {
            CohortEntry::new(
                &format!("平台{:02}", i + 1),
                "comprehensive-park",
                "2025",
                d(t),
                true,
            )
        })
        .collect()
}

#[test]
fn csv_has_bom_crlf_quotes_and_parses_back() {
    let mut es = cohort(&["95", "90", "85", "85", "80", "70", "60", "50", "40", "30"]);
    es[0].name = "重庆\"两江\"人力资源服务产业园, 一期".into();
    es[1].name = "=HYPERLINK(\"x\")".into();
    es[4].eligible = false;
    let r = rank(&es);
    let csv = to_csv(&r);
    assert!(csv.starts_with('\u{feff}'));
    let body = csv.trim_start_matches('\u{feff}');
    let rows = parse_csv(body);
    assert_eq!(
        rows[0],
        vec![
            "名次",
            "区县级名次",
            "平台名称",
            "区县",
            "类型",
            "层级",
            "年度",
            "总分",
            "依据",
            "认定条件",
            "等次建议",
            "说明"
        ]
    );
    assert_eq!(rows.len(), 11);
    assert_eq!(rows[1][2], "重庆\"两江\"人力资源服务产业园, 一期");
    assert_eq!(rows[2][2], "'=HYPERLINK(\"x\")");
    for (line, row) in rows[1..].iter().zip(&r.rows) {
        assert_eq!(line.len(), 12);
        assert_eq!(line[0], row.rank_text());
        assert_eq!(line[1], "—");
        assert_eq!(line[4], row.type_name);
        assert_eq!(line[5], "市级");
        assert_eq!(line[6], "2025");
        assert_eq!(d(&line[7]), row.total);
        assert_eq!(line[8], "自评（未经审核）");
        assert_eq!(line[9], row.certification);
        assert_eq!(line[10], row.grade.label_zh());
        assert_eq!(line[11], row.notes_text());
    }
    assert_eq!(rows[3][10], "优秀或合格（并列，待定）");
    assert_eq!(rows[5][9], "不符合");
    assert_eq!(rows[5][10], "不合格");
}
