//! Issue 20: a ranking a bureau can act on. Each finding on a hand-built cohort, the
//! numbers worked by hand: who is ranked (Art. 15 筹建), held places (Art. 31), the
//! certification read honestly ("原则上", no data, `--strict`), copies, one stage per
//! ranking, Art. 33's two readings, the 文字报告 reporting facts, evidence as suggestions,
//! Art. 17 grants and a 评审 without 初审, the JSON a script reads; and a property test.
//!
//! The drafts are 综合性产业园 in 渝北区 (no Art. 17 relief) meeting every certification
//! condition at its threshold unless a test changes one; `points` is scored through 1.3
//! 纳税 alone (every 50 万元 is 1 point, capped at 12).

use cqhr::domain::date::Date;
use cqhr::domain::districts::{self, DISTRICTS};
use cqhr::domain::evidence::{catalogue, EvidenceItem};
use cqhr::domain::grade::{
    CertState, DistrictReading, Establishing, GradeReason, RankOptions, StageTotal,
};
use cqhr::domain::output;
use cqhr::domain::review::{sign_layer, ReviewLayer, Stage};
use cqhr::domain::sign::{trust, Directory, KeyCard, Role, SecretKey, Trust, TrustConfig};
use cqhr::domain::{
    rank, rank_with, score_draft, text_report, CohortEntry, CohortReport, Draft, Level,
    SuggestedGrade,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn today() -> Date {
    Date::parse("2026-03-01").unwrap()
}

/// A 综合性产业园 meeting every condition, named, in `district`, year 2025, scoring
/// `points`.
fn platform(name: &str, district: &str, points: u32) -> Draft {
    let mut draft = Draft::new("comprehensive-park");
    draft.platform.name = name.into();
    draft.platform.district = district.into();
    draft.platform.year = "2025".into();
    let c = &mut draft.certification;
    for k in [
        "local_support",
        "construction_plan",
        "infrastructure",
        "operating_bodies",
        "concentrated_area",
        "hr_firms_main",
        "stable_operation",
    ] {
        assert!(c.set_confirmed(k, true), "{k}");
    }
    for (k, v) in [
        ("area_sqm", json!("10000")),
        ("sites", json!(3)),
        ("management_staff", json!(2)),
        ("operator_staff", json!(3)),
        ("hr_firms", json!(20)),
        ("above_scale_firms", json!(5)),
        ("revenue_wan", json!("100000")),
    ] {
        assert!(c.set_raw(k, Some(v)), "{k}");
    }
    draft.set_raw("1.3", "tax_wan", Some(json!(points * 50)));
    draft
}

fn cohort(points: &[u32]) -> Vec<Draft> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| platform(&format!("平台{:02}", i + 1), "渝北区", *p))
        .collect()
}

/// A review stage counts only when validly signed (issue 21): the reviewers of these
/// cohorts hold keys of a test directory (a 初审 key for every district and the city's
/// 评审 key), trusted on the test's thread, and every layer is signed before ranking.
struct Reviewers {
    district: BTreeMap<String, SecretKey>,
    city: SecretKey,
}

thread_local! {
    static REVIEWERS: Reviewers = {
        let root = SecretKey::generate().unwrap();
        let mut directory = Directory::new(1, "2026-01-05");
        let mut add = |person: &str, district: &str, role: Role| {
            let secret = SecretKey::generate().unwrap();
            let card = KeyCard::new(person, "", district, role, &secret.public_key()).unwrap();
            directory.add(card, "2026-01-01", "2026-12-31").unwrap();
            secret
        };
        let district = DISTRICTS
            .iter()
            .map(|d| (d.name.to_string(), add("初审人", d.name, Role::District)))
            .collect();
        let city = add("评审人", "", Role::City);
        directory.sign(&root);
        let mut t = Trust::with_root(TrustConfig {
            root_fingerprint: root.public_key().fingerprint(),
            demo: false,
        });
        t.accept(directory).unwrap();
        trust::install(t);
        Reviewers { district, city }
    };
}

fn signed(draft: &Draft) -> Draft {
    let mut d = draft.clone();
    REVIEWERS.with(|r| {
        for i in 0..d.reviews.len() {
            let key = if d.reviews[i].stage == "city" {
                &r.city
            } else {
                &r.district[districts::find(&d.platform.district).unwrap().name]
            };
            sign_layer(&mut d, i, key).unwrap();
        }
    });
    d
}

fn entry(draft: &Draft) -> CohortEntry {
    CohortEntry::from_draft_on(&signed(draft), Stage::City, Some(today()))
        .unwrap_or_else(|e| panic!("{e:?}"))
}

fn entries(drafts: &[Draft]) -> Vec<CohortEntry> {
    drafts.iter().map(entry).collect()
}

fn row<'a>(r: &'a CohortReport, name: &str) -> &'a cqhr::domain::grade::CohortRow {
    r.rows
        .iter()
        .find(|row| row.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
}

fn grade(r: &CohortReport, name: &str) -> SuggestedGrade {
    row(r, name).grade
}

fn with_grade(r: &CohortReport, g: SuggestedGrade) -> Vec<String> {
    r.rows
        .iter()
        .filter(|row| row.grade == g)
        .map(|row| row.name.clone())
        .collect()
}

fn has_note(r: &CohortReport, name: &str, part: &str) -> bool {
    row(r, name).notes.iter().any(|n| n.contains(part))
}

fn layer(stage: &str, date: &str, inputs: Value) -> ReviewLayer {
    ReviewLayer {
        stage: stage.into(),
        reviewer: "审核人".into(),
        date: date.into(),
        inputs: serde_json::from_value(inputs).unwrap(),
        ..ReviewLayer::default()
    }
}

// ---- 1. Who is ranked: 筹建 outside n (Arts. 15, 28) ----

#[test]
fn preparing_platforms_are_listed_apart_outside_n_and_ungraded() {
    // Six city platforms 9…4 and a 筹建 platform scoring 10 approved 2025-06-01 (still in
    // its year on 2026-03-01), and one approved 2024-06-01 (expired 2025-06-01).
    let mut drafts = cohort(&[9, 8, 7, 6, 5, 4]);
    let mut building = platform("筹建园", "渝北区", 10);
    building.certification.establishment.status = "preparing".into();
    building.certification.establishment.approved = "2025-06-01".into();
    let mut expired = platform("期满园", "渝北区", 11);
    expired.certification.establishment.status = "preparing".into();
    expired.certification.establishment.approved = "2024-06-01".into();
    drafts.push(building);
    drafts.push(expired);
    let es = entries(&drafts);
    assert_eq!(es[6].establishing, Establishing::Preparing);
    assert_eq!(es[7].establishing, Establishing::Expired);
    let r = rank(&es);
    let y = &r.years[0];
    // n = 6 (not 8), cap floor(1.8) = 1: the single 优秀 is 平台01's, not the 筹建 one's.
    assert_eq!(
        (y.evaluated, y.excellent_cap, y.excellent, y.preparing),
        (6, 1, 1, 2)
    );
    assert_eq!(with_grade(&r, SuggestedGrade::Excellent), vec!["平台01"]);
    let b = row(&r, "筹建园");
    assert_eq!(
        (b.grade, b.reason, b.rank),
        (SuggestedGrade::Preparing, GradeReason::Preparing, None)
    );
    assert_eq!(b.grade_text(), "筹建中（未纳入市级平台管理）");
    assert!(!b.notes.iter().any(|n| n.contains("优先推荐")));
    let x = row(&r, "期满园");
    assert_eq!((x.grade, x.rank), (SuggestedGrade::PreparingExpired, None));
    assert_eq!(x.grade_text(), "期满验收未通过，取消筹建资格");
    assert!(!x.notes.iter().any(|n| n.contains("已丧失审批条件")));
    // Ranked rows come first, the 筹建 ones after them.
    assert_eq!(r.rows[0].name, "平台01");
    assert!(r.warnings.iter().any(|w| w.starts_with("第十五条")));
}

// ---- 2. Held places (Art. 31) ----

#[test]
fn a_pending_platform_inside_the_quota_holds_its_place() {
    // Six city platforms, cap 1. The top two are 待核实 (19 HR firms against "原则上不少于
    // 20家"): 平台01 holds the place, 平台02 is 待核实 outside it, 平台03 would move up if
    // 平台01 falls: 优秀（待定）, never a firm 优秀.
    let mut drafts = cohort(&[12, 11, 10, 9, 8, 7]);
    for d in drafts.iter_mut().take(2) {
        d.certification.set_raw("hr_firms", Some(json!(19)));
    }
    let r = rank(&entries(&drafts));
    let y = &r.years[0];
    assert_eq!((y.evaluated, y.excellent_cap, y.excellent), (6, 1, 0));
    assert_eq!((y.held, y.provisional), (1, 1));
    assert_eq!(grade(&r, "平台01"), SuggestedGrade::HeldPending);
    assert_eq!(row(&r, "平台01").grade_text(), "待核实（暂列优秀）");
    assert_eq!(grade(&r, "平台02"), SuggestedGrade::Pending);
    assert_eq!(grade(&r, "平台03"), SuggestedGrade::Provisional);
    assert_eq!(row(&r, "平台03").grade_text(), "优秀（待定）");
    assert_eq!(row(&r, "平台03").reason, GradeReason::BehindPending);
    for n in ["平台04", "平台05", "平台06"] {
        assert_eq!(grade(&r, n), SuggestedGrade::Pass, "{n}");
    }
    assert!(with_grade(&r, SuggestedGrade::Excellent).is_empty());
    // What settling the check would change is said.
    assert_eq!(y.settle.len(), 1);
    assert!(
        y.settle[0].contains("“平台01”") && y.settle[0].contains("“平台03”"),
        "{:?}",
        y.settle
    );
    // Every open grade says why.
    for name in ["平台01", "平台02", "平台03"] {
        let row = row(&r, name);
        assert!(row.grade.open(), "{name}");
        assert!(
            row.notes
                .iter()
                .any(|n| n.contains("待核实") || n.contains("待定")),
            "{name}"
        );
    }
    // With cap 3 (ten platforms) and 平台01 pending: 平台02 and 平台03 are firm (whatever
    // happens to 平台01 they keep their places), 平台04 is 待定.
    let mut drafts = cohort(&[12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    drafts[0].certification.set_raw("hr_firms", Some(json!(19)));
    let r = rank(&entries(&drafts));
    assert_eq!(grade(&r, "平台01"), SuggestedGrade::HeldPending);
    assert_eq!(
        with_grade(&r, SuggestedGrade::Excellent),
        vec!["平台02", "平台03"]
    );
    assert_eq!(with_grade(&r, SuggestedGrade::Provisional), vec!["平台04"]);
}

// ---- 3. Certification read honestly ----

#[test]
fn drafts_without_certification_data_rank_on_their_score() {
    // Ten scored drafts with no certification section: 3 of 3 places filled, each with
    // the note; under --strict all ten are 待核实 and none is 优秀 (the older rule).
    let drafts: Vec<Draft> = (0..10)
        .map(|i| {
            let mut d = Draft::new("comprehensive-park");
            d.platform.name = format!("平台{:02}", i + 1);
            d.platform.district = "渝北区".into();
            d.platform.year = "2025".into();
            d.set_raw("1.3", "tax_wan", Some(json!((12 - i) * 50)));
            d
        })
        .collect();
    let es = entries(&drafts);
    assert!(es.iter().all(|e| e.cert == Some(CertState::NotRecorded)));
    let r = rank(&es);
    assert_eq!(
        with_grade(&r, SuggestedGrade::Excellent),
        vec!["平台01", "平台02", "平台03"]
    );
    assert!(has_note(&r, "平台01", "认定条件未在本草稿中核实"));
    assert_eq!(row(&r, "平台01").certification, "未在本草稿中核实");
    let strict = rank_with(
        &es,
        &RankOptions {
            strict: true,
            ..RankOptions::default()
        },
    );
    assert!(strict.strict);
    assert!(with_grade(&strict, SuggestedGrade::Excellent).is_empty());
    assert_eq!(with_grade(&strict, SuggestedGrade::Pending).len(), 10);
    assert!(strict.readings_zh()[0].contains("从严"));
}

#[test]
fn a_miss_on_an_in_principle_threshold_is_the_bureaus_call() {
    // 19 HR firms against "原则上不少于20家" (Art. 11 (三)), 渝中区: 待核实（由市人力社保局
    // 认定）, not 不合格. Four platforms: cap 1, held by it.
    let mut drafts = cohort(&[9, 8, 7, 6]);
    drafts[0].platform.district = "渝中区".into();
    drafts[0].certification.set_raw("hr_firms", Some(json!(19)));
    let r = rank(&entries(&drafts));
    let top = row(&r, "平台01");
    assert_eq!(top.cert, CertState::MissedInPrinciple);
    assert_eq!(top.grade, SuggestedGrade::HeldPending);
    assert!(top.certification.contains("由市人力社保局认定"));
    assert!(!top
        .notes
        .iter()
        .any(|n| n.contains("认定为不合格（第三十一条）")));
    // --strict keeps the stricter rule: 不合格, and the place goes to 平台02.
    let strict = rank_with(
        &entries(&drafts),
        &RankOptions {
            strict: true,
            ..RankOptions::default()
        },
    );
    assert_eq!(grade(&strict, "平台01"), SuggestedGrade::Fail);
    assert_eq!(row(&strict, "平台01").reason, GradeReason::StrictPrinciple);
    assert_eq!(
        with_grade(&strict, SuggestedGrade::Excellent),
        vec!["平台02"]
    );
    // A condition written without "原则上" (area 9999 ㎡) shown as lost: 不合格.
    let mut drafts = cohort(&[9, 8, 7, 6]);
    drafts[0]
        .certification
        .set_raw("area_sqm", Some(json!(9999)));
    let r = rank(&entries(&drafts));
    assert_eq!(
        (grade(&r, "平台01"), row(&r, "平台01").reason),
        (SuggestedGrade::Fail, GradeReason::LostConditions)
    );
    assert_eq!(with_grade(&r, SuggestedGrade::Excellent), vec!["平台02"]);
    // An unrecorded Art. 17 grant in 万州区 (渝东北): 待核实 as well.
    let mut drafts = cohort(&[9, 8, 7, 6]);
    drafts[0].platform.district = "万州区".into();
    drafts[0]
        .certification
        .set_raw("area_sqm", Some(json!(9000)));
    let r = rank(&entries(&drafts));
    assert_eq!(row(&r, "平台01").cert, CertState::MissedWithoutGrant);
    assert_eq!(grade(&r, "平台01"), SuggestedGrade::HeldPending);
    assert_eq!(grade(&r, "平台02"), SuggestedGrade::Provisional);
}

// ---- 4. Copies ----

#[test]
fn the_reviewed_copy_counts_not_the_first_added() {
    // The platform's own copy (11) added first, the city-reviewed copy (10) second: the
    // reviewed one counts, and the sheet says why.
    let own = platform("临空园", "渝北区", 11);
    let mut reviewed = platform("临空园", "渝北区", 11);
    reviewed.reviews = vec![
        layer("district", "2026-02-01", json!({"1.3": {"tax_wan": 500}})),
        layer("city", "2026-02-20", json!({"1.3": {"tax_wan": 500}})),
    ];
    let mut drafts = vec![own, reviewed];
    drafts.extend(cohort(&[9, 8]));
    let r = rank(&entries(&drafts));
    let dup = r
        .rows
        .iter()
        .find(|x| x.grade == SuggestedGrade::Duplicate)
        .unwrap();
    assert_eq!((dup.index, dup.rank, dup.duplicate_of), (0, None, Some(1)));
    let kept = r.rows.iter().find(|x| x.index == 1).unwrap();
    assert!(kept.rank.is_some());
    assert!(
        kept.notes
            .iter()
            .any(|n| n.contains("按有效审核阶段最新者计入（此份为市级评审）")),
        "{:?}",
        kept.notes
    );
    assert_eq!(r.years[0].evaluated, 3);
    // Two copies at the same stage: the later date counts.
    let mut a = platform("临空园", "渝北区", 11);
    a.platform.fill_date = "2026-01-05".into();
    let mut b = platform("临空园", "渝北区", 10);
    b.platform.fill_date = "2026-01-20".into();
    let r = rank(&entries(&[a, b]));
    assert_eq!(
        r.rows
            .iter()
            .find(|x| x.grade == SuggestedGrade::Duplicate)
            .unwrap()
            .index,
        0
    );
}

// ---- 5. One stage per ranking ----

#[test]
fn one_stage_for_the_whole_year_and_mixed_stages_are_said() {
    // A: self 9, unreviewed. B: self 11, reviewed by the district down to 6. C 5, D 3.
    let a = platform("甲园", "渝北区", 9);
    let mut b = platform("乙园", "江北区", 11);
    b.reviews = vec![layer(
        "district",
        "2026-02-01",
        json!({"1.3": {"tax_wan": 300}}),
    )];
    let drafts = vec![
        a,
        b,
        platform("丙园", "渝中区", 5),
        platform("丁园", "南岸区", 3),
    ];
    let es = entries(&drafts);
    assert_eq!(
        es[1].stages,
        vec![
            StageTotal {
                stage: Stage::SelfAssessed,
                total: d("11")
            },
            StageTotal {
                stage: Stage::District,
                total: d("6")
            },
        ]
    );
    // Default: the latest stage every platform has is 自评: B on its self-score 11.
    let r = rank(&es);
    assert_eq!(r.years[0].stage, Stage::SelfAssessed);
    assert_eq!(r.years[0].stage_text(), "按自评得分排名（未经审核）");
    assert_eq!(with_grade(&r, SuggestedGrade::Excellent), vec!["乙园"]);
    assert!(r.years[0].lacking.is_empty());
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("本表统一按平台自评得分排名")));
    // --stage district: B at 6, the three others lack it: each row says so, the year lists
    // them, and A's self 9 outranks B's reviewed 6 only with that said.
    let r = rank_with(
        &es,
        &RankOptions {
            stage: Some(Stage::District),
            ..RankOptions::default()
        },
    );
    let y = &r.years[0];
    assert_eq!(y.stage, Stage::District);
    assert_eq!(y.lacking, vec!["甲园", "丙园", "丁园"]);
    let b = row(&r, "乙园");
    assert_eq!(
        (b.total, b.stage, b.stage_mixed, b.rank),
        (d("6"), Stage::District, false, Some(2))
    );
    let a = row(&r, "甲园");
    assert_eq!(
        (a.total, a.stage, a.stage_mixed, a.rank),
        (d("9"), Stage::SelfAssessed, true, Some(1))
    );
    assert!(a.notes[0].contains("本平台尚无有效的区县初审"));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("不同阶段的得分混合比较")));
}

// ---- 6. Art. 33: two readings ----

#[test]
fn district_volunteers_pooled_by_default_or_separate_and_a_small_pool_says_so() {
    // Three city platforms (9, 8, 7) and two district volunteers (12, 6).
    let mut es = entries(&cohort(&[12, 9, 8, 7, 6]));
    for (i, e) in es.iter_mut().enumerate() {
        e.district = ["渝北区", "江北区", "渝中区", "南岸区", "九龙坡区"][i].into();
        if i == 0 || i == 4 {
            e.level = Level::District;
        }
    }
    // Pooled (default): n = 5, cap 1: the district platform 平台01 (12) takes it.
    let r = rank(&es);
    let y = &r.years[0];
    assert_eq!(
        (y.evaluated, y.excellent_cap, y.district.evaluated),
        (5, 1, 2)
    );
    assert!(y.district.pooled);
    assert_eq!(with_grade(&r, SuggestedGrade::Excellent), vec!["平台01"]);
    // Own 名次 columns: city rows 1…3, district rows 1…2.
    let top = row(&r, "平台01");
    assert_eq!((top.rank, top.district_rank), (None, Some(1)));
    assert_eq!(
        (row(&r, "平台02").rank, row(&r, "平台05").district_rank),
        (Some(1), Some(2))
    );
    assert!(top
        .uses
        .iter()
        .any(|n| n.contains("直接认定为市级平台（第三十三条）")));
    assert!(y.quota_text().contains("含自愿参评的区县级平台 2 个"));
    // Separate: city n = 3 and district n = 2, both 0 places, each said.
    let r = rank_with(
        &es,
        &RankOptions {
            district: DistrictReading::Separate,
            ..RankOptions::default()
        },
    );
    let y = &r.years[0];
    assert_eq!(
        (
            y.evaluated,
            y.excellent_cap,
            y.district.evaluated,
            y.district.excellent_cap
        ),
        (3, 0, 2, 0)
    );
    assert!(with_grade(&r, SuggestedGrade::Excellent).is_empty());
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("第三十三条的直接认定本年度无从适用")));
    assert!(y.quota_text().contains("不足 4 个，无优秀名额"));
    assert_eq!(row(&r, "平台01").reason, GradeReason::NoPlaces);
    // The outlook speaks the default reading.
    let mut dd = platform("区县园", "渝北区", 5);
    dd.level = Level::District;
    let o = cqhr::domain::grade::outlook_for(&dd).unwrap();
    assert!(o.summary.contains("计入本年度参评总量"), "{}", o.summary);
}

// ---- 7. The 文字报告 reports facts ----

#[test]
fn the_text_report_states_facts_without_coaching() {
    let mut draft = platform("黔江人力资源服务产业园", "黔江", 7);
    draft.set_raw("4.1", "area_sqm", Some(json!("10999.9")));
    draft.set_raw("1.1", "firms", Some(json!(19)));
    draft.set_raw("5.4", "violations", Some(json!(0)));
    let t = text_report::generate(&draft).unwrap();
    let md = t.to_markdown();
    for banned in ["可再得", "再增加", "稍有增长", "我们"] {
        assert!(!md.contains(banned), "{banned} in:\n{md}");
    }
    assert!(
        t.opening.text.contains("位于黔江区，"),
        "{}",
        t.opening.text
    );
    let p = t.paragraph("5.4").unwrap();
    assert!(
        p.text.contains("无经核实或处罚的违法违规行为"),
        "{}",
        p.text
    );
    assert!(!p.text.contains("0次"));
    // The Word file and the print are made from these paragraphs: scan every one.
    for p in t.paragraphs() {
        for banned in ["可再得", "再增加", "稍有增长", "我们"] {
            assert!(!p.text.contains(banned), "{banned} in {}", p.key);
        }
    }
}

// ---- 8. Evidence as suggestions ----

#[test]
fn suggested_evidence_can_be_deleted_or_marked_not_applicable() {
    let mut draft = platform("园", "渝北区", 7);
    let report = score_draft(&draft).unwrap();
    let rubric = draft.rubric().unwrap().clone();
    let before = catalogue(&draft, &rubric, &report);
    assert!(before.rows.iter().all(|r| r.suggested));
    let first = before.rows[0].clone();
    let second = before.rows[1].clone();
    draft.evidence = vec![
        EvidenceItem {
            indicator: first.indicator.clone(),
            name: first.name.clone(),
            dropped: true,
            ..Default::default()
        },
        EvidenceItem {
            indicator: second.indicator.clone(),
            name: second.name.clone(),
            not_applicable: true,
            ..Default::default()
        },
        EvidenceItem {
            indicator: "1.1".into(),
            name: "自备名录".into(),
            ready: true,
            ..Default::default()
        },
    ];
    let after = catalogue(&draft, &rubric, &report);
    // One suggestion removed, one own added: the same count; 2 complete (不适用 + ready).
    assert_eq!(after.total, before.total);
    assert!(!after
        .rows
        .iter()
        .any(|r| r.name == first.name && r.indicator == first.indicator));
    assert_eq!(after.ready, 2);
    assert_eq!(after.not_applicable, 1);
    assert!(
        after.summary_zh().ends_with("（含不适用 1 项）"),
        "{}",
        after.summary_zh()
    );
    assert!(cqhr::domain::evidence::SUGGESTED_NOTE.contains("参考（本工具建议）"));
    // The flags round-trip in the draft and are omitted while false.
    let back = Draft::from_json(&draft.to_json()).unwrap();
    assert_eq!(back.evidence, draft.evidence);
    assert!(!Draft::new("comprehensive-park")
        .to_json()
        .contains("not_applicable"));
}

// ---- 9. Art. 17 grants, a 评审 without 初审 ----

#[test]
fn unusual_grants_and_a_city_review_without_a_district_one_are_warned_about() {
    // 黔江区 (渝东南): management staff lowered to 0 (not named by Art. 17, and by more
    // than half), sites raised to 10 (more than double, not named).
    let mut draft = platform("黔江园", "黔江区", 9);
    draft
        .certification
        .set_raw("management_staff", Some(json!(0)));
    draft.certification.set_raw("sites", Some(json!(5)));
    draft.certification.relief = serde_json::from_value(json!([
        {"condition": "management_staff", "threshold": "0", "document": "渝人社〔2025〕1号"},
        {"condition": "sites", "threshold": "10", "document": "渝人社〔2025〕1号"},
        {"condition": "hr_firms", "threshold": "15", "document": "渝人社〔2025〕1号"}
    ]))
    .unwrap();
    let report = cqhr::domain::eligibility::check_certification_on(&draft, today()).unwrap();
    let concerns: Vec<Vec<&str>> = report
        .conditions
        .iter()
        .filter_map(|c| c.grant.as_ref())
        .map(|g| g.concerns.iter().map(|k| k.key()).collect())
        .collect();
    // In the conditions' order: 场地 (10 > 2 × 3), 管理机构专职人员 (0 < 2 ÷ 2), 入驻企业
    // (15 of 20: named, not by more than half).
    assert_eq!(
        concerns,
        vec![
            vec!["outside_named", "more_than_half"],
            vec!["outside_named", "more_than_half"],
            vec![],
        ]
    );
    assert!(
        report
            .warnings
            .iter()
            .filter(|w| w.contains("本项不在列举之内"))
            .count()
            >= 2,
        "{:?}",
        report.warnings
    );
    assert!(report.warnings.iter().any(|w| w.contains("放宽一半以上")));
    // `cqhr check`'s JSON carries them as keys.
    let file = crate::common::write("grants.json", &draft);
    let (code, out, err) = crate::common::cqhr(&["check", &file, "--today", "2026-03-01"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let sites = v["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "sites")
        .unwrap();
    assert_eq!(
        sites["grant"]["concerns"],
        json!(["outside_named", "more_than_half"])
    );
    // hr_firms 20 → 15 is named and less than half: no concern.
    let firms = report
        .conditions
        .iter()
        .find(|c| c.id.key() == "hr_firms")
        .unwrap();
    assert!(firms.grant.as_ref().unwrap().concerns.is_empty());
    // The ranking prints them in the row.
    let mut drafts = vec![draft];
    drafts.extend(cohort(&[8, 7, 6]));
    let r = rank(&entries(&drafts));
    assert!(has_note(&r, "黔江园", "放宽一半以上"));
    // A 评审 layer with no 初审 below it.
    let mut drafts = cohort(&[9, 8, 7, 6]);
    drafts[0].reviews = vec![layer("city", "2026-02-20", json!({}))];
    let r = rank(&entries(&drafts));
    assert!(has_note(&r, "平台01", "市级评审之下没有区县初审"));
}

// ---- 10. The JSON a script reads ----

#[test]
fn the_json_has_null_ranks_stages_certification_and_reasons() {
    let mut drafts = cohort(&[9, 8, 7, 6]);
    drafts.push(platform("平台01", "渝北区", 3)); // a copy
    let mut building = platform("筹建园", "渝北区", 10);
    building.certification.establishment.status = "preparing".into();
    building.certification.establishment.approved = "2025-06-01".into();
    drafts.push(building);
    let r = rank(&entries(&drafts));
    let v: Value = serde_json::from_str(&output::to_json(&output::rank(&r))).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let by = |name: &str, grade: &str| {
        rows.iter()
            .find(|x| x["name"] == name && x["grade"] == grade)
            .unwrap_or_else(|| panic!("{name} {grade}"))
            .clone()
    };
    let top = by("平台01", "excellent");
    assert_eq!(top["rank"], 1);
    assert_eq!(top["district_rank"], Value::Null);
    assert_eq!(top["stage"], "self");
    assert_eq!(top["certification"], "met");
    assert_eq!(top["reason"], "within_quota");
    let dup = by("平台01", "duplicate");
    assert_eq!(
        (dup["rank"].clone(), dup["reason"].clone()),
        (Value::Null, json!("duplicate"))
    );
    let b = by("筹建园", "preparing");
    assert_eq!(b["rank"], Value::Null);
    assert_eq!(v["years"][0]["stage"], "self");
    assert_eq!(v["years"][0]["preparing"], 1);
    assert_eq!(v["district_reading"], "pooled");
    assert_eq!(v["strict"], false);
}

// ---- the property: no firm 优秀 a pending check could displace ----

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    #[test]
    fn no_firm_excellent_below_a_pending_row_inside_the_quota(
        rows in proptest::collection::vec((0u32..30, 0u8..6), 1..25),
        strict in proptest::bool::ANY,
    ) {
        let es: Vec<CohortEntry> = rows
            .iter()
            .enumerate()
            .map(|(i, (t, c))| {
                let mut e = CohortEntry::new(&format!("P{i:02}"), "comprehensive-park", "2025", Decimal::from(*t), true);
                e.cert = Some(match c {
                    0 | 1 => CertState::Met,
                    2 => CertState::NotRecorded,
                    3 => CertState::MissedInPrinciple,
                    4 => CertState::MissedWithoutGrant,
                    _ => CertState::Lost,
                });
                e
            })
            .collect();
        let r = rank_with(&es, &RankOptions { strict, ..RankOptions::default() });
        let y = &r.years[0];
        // The rows that can take a place, in score order (a pending one holds its own).
        let contenders: Vec<&cqhr::domain::grade::CohortRow> = r
            .rows
            .iter()
            .filter(|x| x.grade != SuggestedGrade::Fail)
            .filter(|x| !(strict && x.grade == SuggestedGrade::Pending))
            .collect();
        for (pos, x) in contenders.iter().enumerate() {
            if x.grade == SuggestedGrade::Excellent {
                // Inside the quota counting every contender above it, pending ones too.
                proptest::prop_assert!(pos < y.excellent_cap, "{} at {} of cap {}", x.name, pos, y.excellent_cap);
            }
            if matches!(x.grade, SuggestedGrade::HeldPending) {
                proptest::prop_assert!(pos < y.excellent_cap);
            }
        }
        // Firm 优秀 never exceeds the cap, held places included.
        proptest::prop_assert!(y.excellent + y.held <= y.excellent_cap);
        // Every row that could still change says so in its grade.
        for x in &r.rows {
            if x.cert.pending() && x.grade != SuggestedGrade::Fail {
                proptest::prop_assert!(x.grade.open(), "{} {:?}", x.name, x.grade);
            }
        }
    }
}
