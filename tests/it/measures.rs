//! Issue 14, the certification side of Arts. 10–17: the conditions added (Art. 10's
//! 经济发展集中区域, Art. 11 (三) 以人力资源服务企业为主, Arts. 11 (四)/12 (四) 生产经营平稳),
//! Art. 17 relief as a recorded grant (granted / not granted / expired), the Art. 14 (一)
//! materials and Art. 14 (三) 公示, Art. 15 筹建, the wording pinned to docs/measures.txt,
//! and `cqhr check --today`.

use crate::common::{cqhr, write};
use cqhr::domain::application::{
    check_application, MATERIALS, MATERIALS_LEAD, PUBLICITY_READING, PUBLICITY_TEXT,
};
use cqhr::domain::date::Date;
use cqhr::domain::eligibility::{
    check_certification, check_certification_on, conditions_for, suggestions, ConditionId,
    ConditionKind, CONDITIONS,
};
use cqhr::domain::{CertificationReport, Condition, Draft, Overall, Status};
use serde_json::{json, Value};

/// The measures' text with all whitespace removed (the file wraps and indents).
fn measures() -> String {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/measures.txt"))
        .expect("docs/measures.txt");
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("test date")
}

/// A draft meeting every condition of its type, in a district.
fn passing(rubric: &str, district: &str) -> Draft {
    let mut v = json!({
        "format": 2, "rubric": rubric,
        "platform": {"name": "测试平台", "district": district, "year": "2025"},
        "certification": {
            "concentrated_area": true, "local_support": true, "construction_plan": true,
            "infrastructure": true, "operating_bodies": true
        }
    });
    let c = v["certification"].as_object_mut().expect("object");
    let mut set = |k: &str, x: Value| {
        c.insert(k.into(), x);
    };
    match rubric {
        "talent-market" => {
            set("influence", json!(true));
            set("area_sqm", json!("1000"));
            set("persons_served", json!(5001));
        }
        _ => {
            set("area_sqm", json!("10000"));
            set("sites", json!(3));
            set("management_staff", json!(2));
            set("operator_staff", json!(3));
            set("hr_firms", json!(20));
            set("above_scale_firms", json!(5));
            set("revenue_wan", json!("100000"));
            set("stable_operation", json!(true));
            if rubric == "comprehensive-park" {
                set("hr_firms_main", json!(true));
            } else {
                set("focus", json!(true));
                set("hr_share_percent", json!("60"));
            }
        }
    }
    Draft::from_value(v).expect("draft")
}

fn with(draft: &Draft, key: &str, value: Value) -> Draft {
    let mut d = draft.clone();
    assert!(d.certification.set_raw(key, Some(value)), "{key}");
    d
}

fn grant(draft: &Draft, g: Value) -> Draft {
    let mut v = serde_json::to_value(draft).expect("json");
    v["certification"]["relief"]
        .as_array_mut()
        .map(|a| a.push(g.clone()))
        .unwrap_or_else(|| v["certification"]["relief"] = json!([g]));
    Draft::from_value(v).expect("draft with grant")
}

fn on(draft: &Draft, today: &str) -> CertificationReport {
    let r = check_certification_on(draft, date(today)).expect("rubric");
    assert!(r.errors.is_empty(), "unexpected errors: {:?}", r.errors);
    r
}

fn cond<'a>(r: &'a CertificationReport, id: &str) -> &'a Condition {
    r.condition(id)
        .unwrap_or_else(|| panic!("no condition {id}"))
}

// ---- 14.2 the conditions added -------------------------------------------------------

#[test]
fn the_added_conditions_are_asked_for_the_right_types_with_their_article() {
    let expect: &[(&str, &str, &str, &str)] = &[
        (
            "comprehensive-park",
            "concentrated_area",
            "第十条",
            "市级平台一般设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域",
        ),
        (
            "specialized-park",
            "concentrated_area",
            "第十条",
            "市级平台一般设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域",
        ),
        (
            "talent-market",
            "concentrated_area",
            "第十条",
            "市级平台一般设立在人力资源服务业基础较好的县级及以上行政区的经济发展集中区域",
        ),
        (
            "comprehensive-park",
            "hr_firms_main",
            "第十一条（三）",
            "平台入驻主体以人力资源服务企业为主",
        ),
        (
            "comprehensive-park",
            "stable_operation",
            "第十一条（四）",
            "平台入驻人力资源服务企业生产经营平稳",
        ),
        (
            "specialized-park",
            "stable_operation",
            "第十二条（四）",
            "平台入驻企业生产经营平稳",
        ),
    ];
    for (rubric, id, article, wording) in expect {
        let base = passing(rubric, "渝北区");
        let r = on(&base, "2026-11-26");
        assert_eq!(r.overall, Overall::Eligible, "{rubric}");
        let c = cond(&r, id);
        assert_eq!(c.article, *article);
        assert_eq!(c.description, *wording);
        assert_eq!(c.status, Status::Met);
        assert!(!c.quantitative);
        // Unticked: unconfirmed, and the whole check is incomplete (not failed).
        let mut d = base.clone();
        assert!(d.certification.set_confirmed(id, false));
        let r = on(&d, "2026-11-26");
        assert_eq!(cond(&r, id).status, Status::Unconfirmed, "{rubric} {id}");
        assert_eq!(r.overall, Overall::Incomplete);
        assert!(r.overall.needs_verification());
    }
    // Not asked where the measures do not ask them.
    let ids = |rubric: &str| -> Vec<ConditionId> { conditions_for(rubric).map(|c| c.id).collect() };
    assert!(!ids("specialized-park").contains(&ConditionId::HrFirmsMain));
    assert!(!ids("talent-market").contains(&ConditionId::HrFirmsMain));
    assert!(!ids("talent-market").contains(&ConditionId::StableOperation));
    // The report follows the articles: 第十条's lead first; 以…为主 before 20 家; 平稳
    // before the revenue.
    let order: Vec<&str> = on(&passing("comprehensive-park", "渝北区"), "2026-11-26")
        .conditions
        .iter()
        .map(|c| c.id.key())
        .collect();
    assert_eq!(
        order,
        [
            "concentrated_area",
            "local_support",
            "construction_plan",
            "infrastructure",
            "operating_bodies",
            "area_sqm",
            "sites",
            "management_staff",
            "operator_staff",
            "hr_firms_main",
            "hr_firms",
            "above_scale_firms",
            "stable_operation",
            "revenue_wan"
        ]
    );
}

#[test]
fn every_condition_and_material_is_verbatim_from_the_measures() {
    let text = measures();
    for c in CONDITIONS {
        assert!(
            text.contains(&squeeze(c.wording)),
            "{:?} {}: “{}” is not in docs/measures.txt",
            c.id,
            c.article,
            c.wording
        );
        for i in c.inputs {
            if i.kind == cqhr::domain::eligibility::CertKind::Confirm {
                assert!(text.contains(&squeeze(i.label)), "{}", i.label);
            }
        }
    }
    for m in MATERIALS {
        assert!(
            text.contains(&squeeze(&format!("{}．{}", m.number, m.text))),
            "material {}: {}",
            m.id,
            m.text
        );
    }
    assert!(text.contains(&squeeze(MATERIALS_LEAD)));
    assert!(text.contains(&squeeze(PUBLICITY_TEXT)));
    assert!(text
        .contains("可在平台面积、入驻企业、营业收入规模等量化指标方面适当降低标准或设置达成时限"));
    assert!(text.contains("原则上，筹建期最长一年，期满验收未通过，取消筹建资格"));
}

// ---- 14.1 Art. 17 relief as a recorded grant -----------------------------------------

#[test]
fn relief_not_granted_is_a_miss_that_may_apply_for_relief() {
    let d = with(
        &passing("comprehensive-park", "万州区"),
        "hr_firms",
        json!(18),
    );
    let r = on(&d, "2026-11-26");
    let c = cond(&r, "hr_firms");
    assert_eq!(c.status, Status::MissedWithoutGrant);
    assert_eq!(c.shortfall.as_deref(), Some("还差 2 家人力资源服务企业"));
    assert_eq!(
        c.status_text(),
        "未达标（还差 2 家人力资源服务企业），未记录批准；可申请适当降低标准或设置达成时限（第十七条）"
    );
    assert!(c.grant.is_none());
    assert_eq!(r.overall, Overall::MissedWithoutGrant);
    assert!(!r.overall.met() && r.overall.not_failed() && r.overall.needs_verification());
    // In 渝中区 the same miss is a plain miss.
    let d = with(
        &passing("comprehensive-park", "渝中区"),
        "hr_firms",
        json!(18),
    );
    let r = on(&d, "2026-11-26");
    assert_eq!(cond(&r, "hr_firms").status, Status::Missed);
    assert_eq!(r.overall, Overall::NotEligible);
}

#[test]
fn relief_granted_tests_against_the_granted_threshold() {
    let base = with(
        &passing("comprehensive-park", "万州区"),
        "hr_firms",
        json!(18),
    );
    let g = json!({"condition": "hr_firms", "threshold": "18", "document": "渝人社〔2026〕12号"});
    let r = on(&grant(&base, g.clone()), "2026-11-26");
    let c = cond(&r, "hr_firms");
    assert_eq!(c.status, Status::MetUnderGrant);
    assert_eq!(c.shortfall, None);
    let gr = c.grant.as_ref().expect("grant");
    assert_eq!(gr.index, 0);
    assert_eq!(gr.document, "渝人社〔2026〕12号");
    assert_eq!(
        gr.threshold.as_ref().map(|t| t.text()).as_deref(),
        Some("≥ 18 家")
    );
    assert_eq!(
        gr.text,
        "第十七条批准（渝人社〔2026〕12号）：降低标准为 ≥ 18 家"
    );
    assert_eq!(r.overall, Overall::EligibleUnderGrant);
    assert!(r.overall.met());
    // 17 against the granted 18: missed, and not "may apply" any more.
    let r = on(&grant(&with(&base, "hr_firms", json!(17)), g), "2026-11-26");
    let c = cond(&r, "hr_firms");
    assert_eq!(c.status, Status::Missed);
    assert_eq!(
        c.shortfall.as_deref(),
        Some("低于批准的标准 ≥ 18 家，还差 1 家人力资源服务企业")
    );
    assert_eq!(r.overall, Overall::NotEligible);
    // "不超过3个" lowered means more sites allowed: 4 under a grant of ≤ 4.
    let d = with(&passing("specialized-park", "酉阳"), "sites", json!(4));
    let r = on(
        &grant(
            &d,
            json!({"condition": "sites", "threshold": 4, "document": "X"}),
        ),
        "2026-11-26",
    );
    assert_eq!(cond(&r, "sites").status, Status::MetUnderGrant);
    // The share is decided exactly against the granted percentage too.
    let d = with(
        &with(
            &passing("specialized-park", "城口县"),
            "revenue_wan",
            json!(3),
        ),
        "hr_revenue_wan",
        json!("1.49999"),
    );
    let g = json!({"condition": "hr_share", "threshold": "50", "document": "X"});
    assert_eq!(
        cond(&on(&grant(&d, g.clone()), "2026-11-26"), "hr_share").status,
        Status::Missed
    );
    let d = with(&d, "hr_revenue_wan", json!("1.5"));
    assert_eq!(
        cond(&on(&grant(&d, g), "2026-11-26"), "hr_share").status,
        Status::MetUnderGrant
    );
}

#[test]
fn a_deadline_granted_runs_until_its_day_and_then_is_missed() {
    let base = with(
        &passing("comprehensive-park", "巫山县"),
        "area_sqm",
        json!(8000),
    );
    let d = grant(
        &base,
        json!({"condition": "area_sqm", "deadline": "2027-06-30", "document": "渝人社〔2026〕12号"}),
    );
    // Before: within the deadline, with the days left.
    let r = on(&d, "2027-06-29");
    let c = cond(&r, "area_sqm");
    assert_eq!(c.status, Status::WithinDeadline);
    let g = c.grant.as_ref().expect("grant");
    assert_eq!(g.days_left, Some(1));
    assert!(!g.expired);
    assert_eq!(
        g.text,
        "第十七条批准（渝人社〔2026〕12号）：达成时限 2027-06-30（还有 1 天）"
    );
    assert_eq!(r.overall, Overall::EligibleUnderGrant);
    // On the day: still within.
    let r = on(&d, "2027-06-30");
    assert_eq!(cond(&r, "area_sqm").status, Status::WithinDeadline);
    // The day after: expired, missed.
    let r = on(&d, "2027-07-01");
    let c = cond(&r, "area_sqm");
    assert_eq!(c.status, Status::Missed);
    assert!(c.grant.as_ref().expect("grant").expired);
    assert_eq!(c.grant.as_ref().and_then(|g| g.days_left), Some(-1));
    assert_eq!(
        c.shortfall.as_deref(),
        Some("达成时限 2027-06-30 已过，还差 2,000 平方米")
    );
    assert_eq!(r.overall, Overall::NotEligible);
    // Met by then: the deadline no longer matters.
    let r = on(&with(&d, "area_sqm", json!(10000)), "2028-01-01");
    assert_eq!(cond(&r, "area_sqm").status, Status::Met);
    // Without a date the deadline cannot be judged: open, so 待核实.
    let r = check_certification(&d).expect("rubric");
    assert_eq!(cond(&r, "area_sqm").status, Status::DeadlineUnchecked);
    assert_eq!(r.overall, Overall::Incomplete);
    assert!(r.warnings.iter().any(|w| w.contains("未给出核对日期")));
}

#[test]
fn a_lowered_threshold_with_a_deadline() {
    let base = with(
        &passing("comprehensive-park", "开州区"),
        "revenue_wan",
        json!(70000),
    );
    let d = grant(
        &base,
        json!({"condition": "revenue_wan", "threshold": 80000, "deadline": "2027-12-31", "document": "X"}),
    );
    assert_eq!(
        cond(&on(&d, "2027-01-01"), "revenue_wan").status,
        Status::WithinDeadline
    );
    assert_eq!(
        cond(&on(&d, "2028-01-01"), "revenue_wan").status,
        Status::Missed
    );
    let d = with(&d, "revenue_wan", json!(80000));
    assert_eq!(
        cond(&on(&d, "2028-01-01"), "revenue_wan").status,
        Status::MetUnderGrant
    );
}

#[test]
fn grants_outside_the_regions_or_malformed_are_not_applied() {
    // 渝北区: Art. 17 does not apply; the grant is ignored with a warning.
    let d = grant(
        &with(
            &passing("comprehensive-park", "渝北区"),
            "hr_firms",
            json!(18),
        ),
        json!({"condition": "hr_firms", "threshold": 18, "document": "X"}),
    );
    let r = on(&d, "2026-11-26");
    assert_eq!(cond(&r, "hr_firms").status, Status::Missed);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("第十七条只适用于渝东北、渝东南地区")));
    let base = passing("comprehensive-park", "万州区");
    let bad = [
        (
            json!({"condition": "nope", "threshold": 1}),
            "certification.relief[0].condition",
        ),
        (
            json!({"condition": "local_support", "threshold": 1}),
            "certification.relief[0].condition",
        ),
        (
            json!({"condition": "service_effect", "deadline": "2027-01-01"}),
            "certification.relief[0].condition",
        ),
        (
            json!({"condition": "hr_firms"}),
            "certification.relief[0].threshold",
        ),
        (
            json!({"condition": "hr_firms", "threshold": "十八"}),
            "certification.relief[0].threshold",
        ),
        (
            json!({"condition": "hr_firms", "threshold": "18.5"}),
            "certification.relief[0].threshold",
        ),
        (
            json!({"condition": "hr_firms", "deadline": "2027/06/30"}),
            "certification.relief[0].deadline",
        ),
    ];
    for (g, field) in bad {
        let r =
            check_certification_on(&grant(&base, g.clone()), date("2026-11-26")).expect("rubric");
        assert_eq!(r.errors.len(), 1, "{g}: {:?}", r.errors);
        assert_eq!(r.errors[0].path.field().as_deref(), Some(field), "{g}");
        assert!(
            r.errors[0].message.starts_with("第十七条批准（第 1 条"),
            "{}",
            r.errors[0].message
        );
        assert!(cqhr::domain::eligibility::check_certification_strict_on(
            &grant(&base, g),
            date("2026-11-26")
        )
        .is_err());
    }
    // Twice for one condition.
    let g = json!({"condition": "hr_firms", "threshold": 18, "document": "X"});
    let r = check_certification_on(&grant(&grant(&base, g.clone()), g), date("2026-11-26"))
        .expect("rubric");
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].message.contains("已有一条批准记录"));
    // A "lowered" threshold that is not lower, and no document: warnings only.
    let r = on(
        &grant(&base, json!({"condition": "hr_firms", "threshold": 25})),
        "2026-11-26",
    );
    assert!(r.warnings.iter().any(|w| w.contains("并未低于条文标准")));
    assert!(r.warnings.iter().any(|w| w.contains("未写明批准文号")));
}

#[test]
fn either_half_of_the_market_condition_can_be_granted() {
    let d = with(
        &with(
            &passing("talent-market", "彭水"),
            "persons_served",
            json!(3000),
        ),
        "human_capital_wan",
        json!(1),
    );
    assert_eq!(
        cond(&on(&d, "2026-11-26"), "service_effect").status,
        Status::MissedWithoutGrant
    );
    let g = grant(
        &d,
        json!({"condition": "persons_served", "threshold": 2999, "document": "X"}),
    );
    let r = on(&g, "2026-11-26");
    assert_eq!(cond(&r, "service_effect").status, Status::MetUnderGrant);
    assert_eq!(r.overall, Overall::EligibleUnderGrant);
}

// ---- 14.4 Art. 14 materials and 公示 --------------------------------------------------

#[test]
fn the_materials_checklist_on_a_draft() {
    let v = json!({"format": 2, "rubric": "comprehensive-park", "application": {
        "materials": {
            "application_form": {"ready": true, "pages": 3},
            "resident_firms": {"ready": true, "pages": "45"},
            "other_proof": {"ready": false, "pages": 2}
        }
    }});
    let d = Draft::from_value(v).expect("draft");
    let a = check_application(&d);
    assert!(a.errors.is_empty(), "{:?}", a.errors);
    let ids: Vec<&str> = a.materials.iter().map(|m| m.id).collect();
    assert_eq!(
        ids,
        [
            "application_form",
            "local_policies",
            "site_documents",
            "resident_firms",
            "other_proof"
        ]
    );
    assert_eq!(a.materials_ready(), 2);
    assert_eq!(a.material_pages(), 50);
    assert_eq!(a.materials[3].pages, Some(45));
    assert!(!a.materials[1].ready && a.materials[1].pages.is_none());
    // Round trip: what was typed is kept; an empty entry is dropped from the JSON.
    let back = Draft::from_json(&d.to_json()).expect("round trip");
    assert_eq!(back, d);
    // Unknown material and bad pages are errors naming the place.
    let v = json!({"rubric": "comprehensive-park", "application": {
        "materials": {"brochure": {"ready": true}, "local_policies": {"pages": "-1"}}
    }});
    let a = check_application(&Draft::from_value(v).expect("draft"));
    let fields: Vec<String> = a.errors.iter().filter_map(|e| e.path.field()).collect();
    assert_eq!(
        fields,
        [
            "application.materials",
            "application.materials.local_policies.pages"
        ]
    );
    assert!(a.errors[0].message.contains("未知的材料“brochure”"));
}

#[test]
fn the_public_notice_counts_calendar_days_and_shows_working_days() {
    let publicity = |start: &str, end: &str| {
        let v = json!({"rubric": "talent-market", "application": {"publicity": {"start": start, "end": end}}});
        check_application(&Draft::from_value(v).expect("draft"))
    };
    // Wed 2026-04-01 … Tue 2026-04-07: 7 days, 5 working days.
    let a = publicity("2026-04-01", "2026-04-07");
    let p = a.publicity.as_ref().expect("publicity");
    assert_eq!(
        (p.working_days, p.calendar_days, p.met),
        (Some(5), Some(7), true)
    );
    assert_eq!(
        p.text,
        "公示 2026年4月1日 至 2026年4月7日：共 7 天（自然日），其中工作日 5 天（星期一至星期五，未扣除法定节假日，供参考）；满足“公示不少于5天”（第十四条（三））"
    );
    // Fri 2026-04-03 … Wed 2026-04-08: 6 calendar days, 4 working days: met as written
    // (calendar days), the stricter working-day reading named.
    let a = publicity("2026-04-03", "2026-04-08");
    let p = a.publicity.as_ref().expect("publicity");
    assert_eq!(
        (p.working_days, p.calendar_days, p.met, p.met_working),
        (Some(4), Some(6), true, false)
    );
    assert!(
        p.text.contains("按工作日计不足 5 天（更严的解读"),
        "{}",
        p.text
    );
    // Exactly 5 calendar days (Mon 2026-04-06 … Fri 2026-04-10) meet it; 4 do not.
    let a = publicity("2026-04-06", "2026-04-10");
    assert!(a.publicity.as_ref().expect("p").met);
    let a = publicity("2026-04-06", "2026-04-09");
    let p = a.publicity.as_ref().expect("p");
    assert!(!p.met && p.text.contains("不足 5 天，不满足"));
    // Over 劳动节: Thu 2026-04-30 … Tue 2026-05-05 is 6 calendar days: met as written,
    // whatever the holiday (the tool does not know holidays).
    let a = publicity("2026-04-30", "2026-05-05");
    assert!(a.publicity.as_ref().expect("p").met);
    // End before start, bad dates, one date only.
    let a = publicity("2026-04-08", "2026-04-01");
    assert_eq!(
        a.errors[0].path.field().as_deref(),
        Some("application.publicity.end")
    );
    let a = publicity("4月1日", "2026-04-08");
    assert_eq!(
        a.errors[0].path.field().as_deref(),
        Some("application.publicity.start")
    );
    let a = publicity("2026-04-01", "");
    assert!(a.errors.is_empty() && !a.publicity.as_ref().expect("p").met);
    assert!(PUBLICITY_READING.contains("自然日") && PUBLICITY_READING.contains("更严的解读"));
}

// ---- 14.5 Art. 15 筹建 -----------------------------------------------------------------

#[test]
fn establishment_shows_its_one_year_deadline_and_what_is_missing() {
    let mut v = serde_json::to_value(with(
        &passing("comprehensive-park", "渝北区"),
        "hr_firms",
        json!(12),
    ))
    .expect("json");
    v["certification"]["establishment"] = json!({"status": "preparing", "approved": "2026-03-01"});
    v["certification"]["stable_operation"] = json!(false);
    let d = Draft::from_value(v).expect("draft");
    let r = on(&d, "2026-11-26");
    let e = r.establishment.as_ref().expect("筹建");
    assert_eq!(e.approved, Some(date("2026-03-01")));
    assert_eq!(e.deadline, Some(date("2027-03-01")));
    assert_eq!(e.days_left, Some(95));
    assert!(!e.expired);
    assert_eq!(
        e.missing,
        [ConditionId::HrFirms, ConditionId::StableOperation]
    );
    assert_eq!(
        e.summary,
        "筹建（第十五条）：2026年3月1日 批准筹建，筹建期至 2027年3月1日（还有 95 天），建成验收通过后纳入市级平台管理；验收前尚有 2 项认定条件未满足"
    );
    let r = on(&d, "2027-03-02");
    let e = r.establishment.as_ref().expect("筹建");
    assert!(e.expired);
    assert!(e
        .summary
        .contains("已期满 1 天；期满验收未通过的，取消筹建资格"));
    // A leap-day approval ends on 28 February.
    let mut v = serde_json::to_value(passing("talent-market", "渝北区")).expect("json");
    v["certification"]["establishment"] = json!({"status": "preparing", "approved": "2028-02-29"});
    let r = on(&Draft::from_value(v).expect("draft"), "2028-03-01");
    let e = r.establishment.as_ref().expect("筹建");
    assert_eq!(e.deadline, Some(date("2029-02-28")));
    assert!(e.missing.is_empty() && e.summary.ends_with("可申请验收"));
    // Operating (the default): no 筹建 section; bad values are errors at their place.
    assert!(on(&passing("talent-market", "渝北区"), "2026-11-26")
        .establishment
        .is_none());
    let mut v = serde_json::to_value(passing("talent-market", "渝北区")).expect("json");
    v["certification"]["establishment"] = json!({"status": "building", "approved": "去年"});
    let r = check_certification_on(&Draft::from_value(v).expect("draft"), date("2026-11-26"))
        .expect("rubric");
    assert_eq!(
        r.errors[0].path.field().as_deref(),
        Some("certification.establishment.status")
    );
}

// ---- 14.7 wording fixes ------------------------------------------------------------------

#[test]
fn honours_are_worded_as_the_measures_say() {
    let text = measures();
    assert!(text.contains("具有全国影响力商业平台荣誉"));
    assert!(!text.contains("全国性商业平台"));
    for id in ["comprehensive-park", "specialized-park", "talent-market"] {
        let raw = std::fs::read_to_string(format!(
            "{}/rubrics/2025/{id}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("rubric");
        assert!(!raw.contains("全国性商业平台"), "{id}");
        let r = cqhr::domain::rubric::latest(id).expect("rubric");
        let label = r
            .indicators
            .iter()
            .flat_map(|i| i.fields.iter())
            .find(|f| f.key == "district_honors")
            .map(|f| f.label.clone())
            .expect("district_honors");
        assert_eq!(
            label,
            "区县级政府、省级以上行业协会或具有全国影响力商业平台荣誉"
        );
        assert!(text.contains(&label), "{label}");
    }
}

#[test]
fn the_revenue_fallback_says_it_is_not_the_same_measure() {
    for (rubric, article) in [
        ("comprehensive-park", "第十一条（四）"),
        ("specialized-park", "第十二条（四）"),
    ] {
        let mut v = serde_json::to_value(passing(rubric, "渝北区")).expect("json");
        v["certification"]
            .as_object_mut()
            .expect("object")
            .remove("revenue_wan");
        v["inputs"] = json!({"1.2": {"revenue_wan": 120000}});
        let d = Draft::from_value(v).expect("draft");
        let s = suggestions(&d);
        let rev = s
            .iter()
            .find(|s| s.field == "revenue_wan")
            .expect("offered");
        assert!(rev.fallback);
        let caveat = rev.caveat.as_deref().expect("caveat");
        assert!(caveat.starts_with(article), "{caveat}");
        assert!(
            caveat.contains("上年度") && caveat.contains("线下") && caveat.contains("评估年度")
        );
        let r = on(&d, "2026-11-26");
        assert_eq!(cond(&r, "revenue_wan").status, Status::Met);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("暂按评分表 1.2 判断") && w.contains(caveat)),
            "{:?}",
            r.warnings
        );
        // The condition's own wording (all resident firms, prior year) is the measures'.
        let def = CONDITIONS
            .iter()
            .find(|c| c.id == ConditionId::RevenueWan && c.article == article)
            .expect("row");
        assert!(matches!(def.kind, ConditionKind::Threshold(_)));
        assert!(measures().contains(&squeeze(def.wording)));
        assert!(def.reading.contains("上年度"));
    }
}

// ---- 14.6 (the CLI) `cqhr check --today` ------------------------------------------------

#[test]
fn cqhr_check_reports_grants_materials_publicity_and_establishment() {
    let granted = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/certification-wanzhou-granted.json"
    );
    let run = |today: &str| -> Value {
        let (code, out, err) = cqhr(&["check", granted, "--today", today]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).expect("json")
    };
    let v = run("2026-12-01");
    assert_eq!(v["today"], "2026-12-01");
    assert_eq!(v["overall"], "eligible_under_grant");
    let get = |v: &Value, id: &str| -> Value {
        v["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == id))
            .cloned()
            .expect("condition")
    };
    let area = get(&v, "area_sqm");
    assert_eq!(area["status"], "met_under_grant");
    assert_eq!(area["grant"]["threshold"]["value"], "8000");
    assert_eq!(area["grant"]["document"], "渝人社〔2026〕12号");
    let firms = get(&v, "above_scale_firms");
    assert_eq!(firms["status"], "within_deadline");
    assert_eq!(firms["grant"]["deadline"], "2027-06-30");
    assert_eq!(firms["grant"]["days_left"], 211);
    assert_eq!(firms["grant"]["expired"], false);
    // The grant's keys, in their documented order (read from the printed text).
    let (_, out, _) = cqhr(&["check", granted, "--today", "2026-12-01"]);
    let at = out
        .find("\"deadline\": \"2027-06-30\"")
        .expect("grant printed");
    let grant_text = &out[out[..at].rfind("\"grant\": {").expect("grant")..];
    let grant_text = &grant_text[..grant_text.find('}').expect("end")];
    let mut last = 0;
    for key in [
        "index",
        "threshold",
        "deadline",
        "days_left",
        "expired",
        "document",
        "text",
    ] {
        let p = grant_text
            .find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("{key} in {grant_text}"));
        assert!(p >= last, "{key} out of order in {grant_text}");
        last = p;
    }
    // After the deadline: missed, not eligible.
    let v = run("2027-07-01");
    assert_eq!(v["overall"], "not_eligible");
    assert_eq!(get(&v, "above_scale_firms")["status"], "missed");
    assert_eq!(get(&v, "above_scale_firms")["grant"]["expired"], true);
    // The new conditions, the materials, the notice, 筹建.
    let mut d = passing("specialized-park", "渝北区");
    d.certification.set_confirmed("stable_operation", false);
    let mut v = serde_json::to_value(&d).expect("json");
    v["certification"]["establishment"] = json!({"status": "preparing", "approved": "2026-03-01"});
    v["application"] = json!({
        "materials": {"application_form": {"ready": true, "pages": 3}},
        "publicity": {"start": "2026-04-01", "end": "2026-04-07"}
    });
    let path = write("full.json", &Draft::from_value(v).expect("draft"));
    let (code, out, err) = cqhr(&["check", &path, "--today=2026-11-26"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["overall"], "incomplete");
    assert_eq!(get(&v, "stable_operation")["status"], "unconfirmed");
    assert_eq!(get(&v, "stable_operation")["article"], "第十二条（四）");
    assert_eq!(get(&v, "concentrated_area")["status"], "met");
    assert_eq!(v["establishment"]["deadline"], "2027-03-01");
    assert_eq!(v["establishment"]["days_left"], 95);
    assert_eq!(v["establishment"]["missing"], json!(["stable_operation"]));
    assert_eq!(v["materials"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["materials"][0]["ready"], true);
    assert_eq!(v["materials"][0]["pages"], 3);
    assert_eq!(
        v["materials"][4]["text"],
        "按照认定条件需要提供的其他证明材料。"
    );
    assert_eq!(v["publicity"]["working_days"], 5);
    assert_eq!(v["publicity"]["met"], true);
    // Without --today: the system date, printed.
    let (code, out, _) = cqhr(&["check", &path]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert!(Date::parse(v["today"].as_str().unwrap_or("")).is_some());
    // Bad --today, or --today elsewhere: usage errors.
    let (code, _, err) = cqhr(&["check", &path, "--today", "2026-13-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("--today 须为 YYYY-MM-DD"), "{err}");
    assert_eq!(cqhr(&["check", &path, "--today"]).0, 2);
    assert_eq!(cqhr(&["score", &path, "--today", "2026-11-26"]).0, 2);
    // A malformed grant refuses the draft, naming it.
    let bad = grant(
        &passing("comprehensive-park", "万州区"),
        json!({"condition": "hr_firms"}),
    );
    let (code, _, err) = cqhr(&["check", &write("bad-grant.json", &bad)]);
    assert_eq!(code, 2);
    assert!(err.contains("第十七条批准（第 1 条"), "{err}");
}

#[test]
fn odd_grants_dates_and_materials_never_panic() {
    let values = [
        json!(null),
        json!(""),
        json!("0"),
        json!(-1),
        json!("1e30"),
        json!("99999999999999999999999"),
        json!(true),
        json!([1]),
        json!({"a": 1}),
        json!("２０"),
        json!("60%"),
    ];
    let dates = [
        "",
        "2026-02-29",
        "1899-12-31",
        "2100-12-31",
        "9999-99-99",
        "二〇二六年",
        " 2026-01-01 ",
    ];
    let conditions = [
        "area_sqm",
        "sites",
        "hr_share",
        "persons_served",
        "service_effect",
        "",
        "hr_firms_main",
    ];
    for rubric in ["comprehensive-park", "specialized-park", "talent-market"] {
        for (i, v) in values.iter().enumerate() {
            let d = dates[i % dates.len()];
            let c = conditions[i % conditions.len()];
            let raw = json!({"rubric": rubric, "platform": {"district": "巫溪县"},
            "certification": {
                "relief": [{"condition": c, "threshold": v, "deadline": d, "document": "X"}],
                "establishment": {"status": "preparing", "approved": d}
            },
            "application": {
                "materials": {"other_proof": {"ready": true, "pages": v}},
                "publicity": {"start": d, "end": dates[(i + 3) % dates.len()]}
            }});
            let Ok(draft) = Draft::from_value(raw) else {
                continue;
            };
            for today in ["1900-01-01", "2026-11-26", "2100-12-31"] {
                let _ = check_certification_on(&draft, date(today));
            }
            let _ = check_certification(&draft);
            let _ = check_application(&draft);
        }
    }
}

/// The ranking checks the certification on a date too (`cqhr rank --today`, the browser's
/// date in the app): an Art. 17 达成时限 still running is met, one passed is missed.
#[test]
fn cqhr_rank_judges_a_running_deadline_on_today() {
    let mut d = grant(
        &with(
            &passing("comprehensive-park", "巫山县"),
            "area_sqm",
            json!(8000),
        ),
        json!({"condition": "area_sqm", "deadline": "2027-06-30", "document": "渝人社〔2026〕12号"}),
    );
    d.platform.name = "巫山产业园".into();
    d.platform.year = "2026".into();
    d.set_raw("1.3", "tax_wan", Some(json!(500)));
    let path = write("deadline.json", &d);
    let row = |today: &str| -> Value {
        let (code, out, err) = cqhr(&["rank", &path, "--today", today]);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).expect("json");
        v["rows"][0].clone()
    };
    // On the deadline day: within it, so eligible and nothing 待核实.
    let r = row("2027-06-30");
    assert_eq!(r["eligible"], true, "{r}");
    assert_eq!(r["pending"], json!([]), "{r}");
    assert_ne!(r["grade"], "pending", "{r}");
    // The day after: missed, 不合格.
    let r = row("2027-07-01");
    assert_eq!(r["eligible"], false, "{r}");
    assert_eq!(r["grade"], "fail", "{r}");
    // A bad date is refused with the option named.
    let (code, _, err) = cqhr(&["rank", &path, "--today", "2027/07/01"]);
    assert_eq!(code, 2);
    assert!(err.contains("--today"), "{err}");
}

/// The app's ranking list keeps each draft and judges it on the day it is shown
/// (`CohortList::entries_on`): a 达成时限 running when the draft was added and passed
/// since makes it 不合格 then; its name and 选用此份 stay as listed; an item kept without
/// its draft (a list from before) stays as stored.
#[test]
fn the_ranking_list_judges_its_drafts_again_on_the_day_shown() {
    use cqhr::domain::grade::CohortEntry;
    use cqhr::domain::review::Stage;
    use cqhr::store::CohortList;
    let mut d = grant(
        &with(
            &passing("comprehensive-park", "巫山县"),
            "area_sqm",
            json!(8000),
        ),
        json!({"condition": "area_sqm", "deadline": "2027-06-30", "document": "渝人社〔2026〕12号"}),
    );
    d.platform.name = String::new();
    let added =
        CohortEntry::from_draft_on(&d, Stage::City, Some(date("2027-01-01"))).expect("entry");
    assert!(added.eligible);
    let mut listed = added.clone();
    listed.name = "文件 巫山.json 的平台".into();
    listed.chosen = true;
    let mut list = CohortList::default();
    list.push(
        "文件 巫山.json".into(),
        None,
        listed.clone(),
        Some(d.to_json()),
    );
    list.push("文件 旧.json".into(), None, added.clone(), None);
    let on = |day: &str| list.entries_on(date(day));
    let before = on("2027-06-30");
    assert!(
        before[0].eligible && before[0].pending.is_empty(),
        "{:?}",
        before[0]
    );
    assert_eq!(
        (before[0].name.as_str(), before[0].chosen),
        ("文件 巫山.json 的平台", true)
    );
    let after = on("2027-07-01");
    assert!(!after[0].eligible, "passed: {:?}", after[0]);
    assert_eq!(after[0].name, "文件 巫山.json 的平台");
    // Without its draft, as stored.
    assert_eq!(after[1], added);
    // Kept through the store's JSON.
    let back: CohortList = serde_json::from_str(&serde_json::to_string(&list).unwrap()).unwrap();
    assert!(!back.entries_on(date("2027-07-01"))[0].eligible);
}

/// Issue 23: a new Art. 17 row, untouched, is silent (no “”不是本类平台的认定条件 in red);
/// once something is typed without a condition, the condition is asked for in words.
#[test]
fn an_untouched_new_grant_row_says_nothing_and_a_filled_one_asks_for_its_condition() {
    let base = passing("specialized-park", "黔江区");
    let r = on(&grant(&base, json!({"condition": ""})), "2026-11-26");
    assert!(r.errors.is_empty());
    assert!(
        !r.warnings.iter().any(|w| w.contains("第十七条批准")),
        "{:?}",
        r.warnings
    );
    let r = check_certification_on(
        &grant(
            &base,
            json!({"condition": "", "document": "渝人社〔2026〕12号"}),
        ),
        date("2026-11-26"),
    )
    .expect("rubric");
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert_eq!(
        r.errors[0].message,
        "第十七条批准（第 1 条）：请选择批准所针对的认定条件"
    );
    assert!(!r.errors[0].message.contains("“”"));
}

/// Issue 23: a certification input reads a unit typed after its figure as the scoring
/// fields do (the condition's unit, from its data): "10亿" of revenue is 100,000 万元 and
/// meets Art. 11 (四); a unit that does not convert is named.
#[test]
fn a_certification_input_reads_the_unit_typed_after_its_figure() {
    let base = passing("comprehensive-park", "渝北区");
    let r = on(&with(&base, "revenue_wan", json!("10亿")), "2026-11-26");
    assert_eq!(cond(&r, "revenue_wan").status, Status::Met);
    let r = on(
        &with(&base, "revenue_wan", json!("9.9999亿元")),
        "2026-11-26",
    );
    assert_ne!(cond(&r, "revenue_wan").status, Status::Met);
    let r = check_certification_on(
        &with(&base, "revenue_wan", json!("10万平方米")),
        date("2026-11-26"),
    )
    .expect("rubric");
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(
        r.errors[0]
            .message
            .contains("单位“万平方米”与本项的单位“万元”不符"),
        "{}",
        r.errors[0].message
    );
}
