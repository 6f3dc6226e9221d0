//! The year's ranking (Arts. 16, 17, 31–33; issues 14, 15, 11): each rule on a cohort of
//! hand-built drafts, via the library and via `cqhr rank`.
//!
//! The drafts are 综合性产业园 that meet every certification condition at its threshold
//! (unless a test changes one); their total is set through 1.3 纳税 alone: every 50 万元
//! is 1 point (5 万元 = 0.1 分), so `total(7)` scores 7.

use crate::common::{cqhr, write};
use cqhr::domain::filing::{export_file_name, normalise_year};
use cqhr::domain::grade::{CertState, DistrictReading, Quota, RankOptions};
use cqhr::domain::{rank, rank_with, to_csv, CohortEntry, Draft, FieldPath, Level, SuggestedGrade};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
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
        // Issue 14: Art. 10 经济发展集中区域, Art. 11 (三) 以人力资源服务企业为主, (四) 生产经营平稳.
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

fn entry(draft: &Draft) -> CohortEntry {
    CohortEntry::from_draft(draft).unwrap_or_else(|e| panic!("{e:?}"))
}

/// `n` platforms 平台01… in distinct districts... (all 渝北区 is fine: names differ),
/// scoring the given points.
fn cohort(points: &[u32]) -> Vec<Draft> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| platform(&format!("平台{:02}", i + 1), "渝北区", *p))
        .collect()
}

fn entries(drafts: &[Draft]) -> Vec<CohortEntry> {
    drafts.iter().map(entry).collect()
}

fn grade_of(r: &cqhr::domain::CohortReport, name: &str) -> SuggestedGrade {
    r.rows
        .iter()
        .find(|row| row.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
        .grade
}

fn excellent(r: &cqhr::domain::CohortReport) -> Vec<String> {
    r.rows
        .iter()
        .filter(|row| row.grade == SuggestedGrade::Excellent)
        .map(|row| row.name.clone())
        .collect()
}

const TEN: [u32; 10] = [12, 11, 10, 9, 8, 7, 6, 5, 4, 3];

// ---- 15.2 the year is a year ----

#[test]
fn typed_years_load_normalised_and_rank_in_one_group() {
    for typed in ["2025年", "２０２５", " 2025 ", "2025 年度", "二〇二五年"] {
        let v = json!({"rubric": "comprehensive-park", "platform": {"name": "甲", "year": typed}});
        let draft = Draft::from_json(&v.to_string()).unwrap();
        assert_eq!(draft.platform.year, "2025", "{typed:?}");
        assert!(draft.year_problem().is_none());
    }
    // A number in a hand-written draft, too.
    let draft = Draft::from_json(r#"{"rubric":"talent-market","platform":{"year":2025}}"#).unwrap();
    assert_eq!(draft.platform.year, "2025");
    // Not a year: kept as typed, flagged at the field, and not ranked.
    let v = json!({"rubric": "comprehensive-park", "platform": {"name": "甲", "year": "25年"}});
    let draft = Draft::from_json(&v.to_string()).unwrap();
    assert_eq!(draft.platform.year, "25年");
    let e = draft.year_problem().expect("flagged");
    assert_eq!(e.path, FieldPath::top("platform.year"));
    assert_eq!(
        e.message,
        "评估年度“25年”不是四位年份：请填写四位年份，如 2025"
    );
    let mut bad = platform("乙", "渝北区", 5);
    bad.platform.year = "2025-2026".into();
    let refused = CohortEntry::from_draft(&bad).unwrap_err();
    assert!(refused[0].message.contains("评估年度"), "{refused:?}");
    assert_eq!(normalise_year("2025 年度").unwrap(), "2025");

    // The issue's case: nine typed "2025" and one "2025年" (set after loading, as an
    // older stored entry would hold it) are one year: n = 10, quota 3, not 9 and 2.
    let drafts = cohort(&TEN);
    let mut es = entries(&drafts);
    es[4].year = "2025年".into();
    let r = rank(&es);
    assert_eq!(r.years.len(), 1);
    assert_eq!((r.years[0].evaluated, r.years[0].excellent_cap), (10, 3));
    assert_eq!(r.years[0].typed, vec!["2025年".to_string()]);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("“2025年”已按 2025 计入")));
    assert!(r.rows.iter().all(|row| row.year == "2025"));
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台03"]);
    // A draft typed "２０２５" arrives normalised, with what was typed on its row.
    let mut typed = platform("平台11", "江北区", 1);
    typed.platform.year = "２０２５".into();
    let typed = Draft::from_json(&typed.to_json()).unwrap();
    let e = entry(&typed);
    assert_eq!(e.year, "2025");

    // Two real years: two tables, each with its own n and quota, and said so.
    let mut es = entries(&cohort(&TEN));
    for e in es.iter_mut().take(4) {
        e.year = "2024".into();
    }
    let r = rank(&es);
    let years: Vec<(&str, usize, usize)> = r
        .years
        .iter()
        .map(|y| (y.year.as_str(), y.evaluated, y.excellent_cap))
        .collect();
    assert_eq!(years, vec![("2024", 4, 1), ("2025", 6, 1)]);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("2 个评估年度（2024、2025）")));
    assert_eq!(r.rows_of("2025").next().unwrap().rank, Some(1));
}

// ---- 15.3 one platform, one place; 未参评 ----

#[test]
fn a_second_copy_is_shown_not_counted_until_one_is_chosen() {
    // 10 platforms, quota 3; 平台03 imported twice. Counting the copy made n = 11 and a
    // false tie at the third place (10 and 10).
    let mut drafts = cohort(&TEN);
    let mut copy = drafts[2].clone();
    copy.platform.name = " 平台03 ".into(); // spaces and width do not make a new platform
    copy.set_raw("1.3", "tax_wan", Some(json!(2 * 50))); // a later, lower version
    drafts.push(copy);
    let es = entries(&drafts);
    let r = rank(&es);
    assert_eq!((r.years[0].evaluated, r.years[0].excellent_cap), (10, 3));
    assert_eq!(r.years[0].duplicates, 1);
    assert!(r.years[0].tie.is_none());
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台03"]);
    let dup = r
        .rows
        .iter()
        .find(|row| row.grade == SuggestedGrade::Duplicate)
        .unwrap();
    assert_eq!((dup.index, dup.rank, dup.duplicate_of), (10, None, Some(2)));
    assert_eq!(dup.rank_text(), "—");
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("“平台03”（渝北区）有 2 份") && w.contains("请选用其中一份")));
    // The user picks the second copy (选用此份): it counts, the first is the duplicate.
    let mut es = es;
    es[10].chosen = true;
    let r = rank(&es);
    let row = |i: usize| r.rows.iter().find(|row| row.index == i).unwrap();
    assert_eq!(row(2).grade, SuggestedGrade::Duplicate);
    assert_eq!(row(10).grade, SuggestedGrade::Pass);
    assert_eq!(row(10).total, d("2"));
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台04"]);
    assert_eq!(r.years[0].evaluated, 10);
    assert!(r.warnings.iter().any(|w| w.contains("已选用其中一份")));
    // A kept entry from before normalisation ("2025年") meets its copy ("2025").
    let mut es = entries(&cohort(&[5, 4]));
    es.push(es[0].clone());
    es[2].year = "2025年".into();
    let r = rank(&es);
    assert_eq!((r.years[0].evaluated, r.years[0].duplicates), (2, 1));
    // Same name in another district: two platforms.
    let mut drafts = cohort(&[5, 4]);
    drafts[1].platform.name = "平台01".into();
    drafts[1].platform.district = "江北区".into();
    let r = rank(&entries(&drafts));
    assert_eq!(r.years[0].evaluated, 2);
    assert_eq!(r.years[0].duplicates, 0);
}

#[test]
fn empty_and_unscored_drafts_are_listed_as_not_taking_part() {
    let mut drafts = cohort(&TEN);
    // The app's first-visit draft: nothing at all.
    drafts.push(Draft::new("comprehensive-park"));
    // Named, certification filled, no scoring input.
    let mut unscored = platform("平台99", "渝中区", 0);
    unscored.inputs.clear();
    drafts.push(unscored);
    let r = rank(&entries(&drafts));
    // The blank-year empty draft is its own (未填年度) group; neither counts anywhere.
    let y2025 = r.years.iter().find(|y| y.year == "2025").unwrap();
    assert_eq!(
        (y2025.evaluated, y2025.excellent_cap, y2025.not_taking),
        (10, 3, 1)
    );
    let not_taking: Vec<&str> = r
        .rows
        .iter()
        .filter(|row| row.grade == SuggestedGrade::NotTaking)
        .map(|row| row.name.as_str())
        .collect();
    assert_eq!(not_taking, vec!["平台99", ""]);
    assert!(r
        .rows
        .iter()
        .filter(|row| row.grade == SuggestedGrade::NotTaking)
        .all(|row| row.rank.is_none()));
    let blank = r.years.iter().find(|y| y.year.is_empty()).unwrap();
    assert_eq!((blank.evaluated, blank.not_taking), (0, 1));
    // A zero-point draft with inputs is scored (0 is a score), so it takes part.
    let mut zero = platform("平台00", "渝中区", 0);
    zero.set_raw("1.3", "tax_wan", Some(json!(0)));
    assert!(!entry(&zero).unscored);
}

#[test]
fn the_drafts_without_a_year_are_named_as_a_group_not_as_a_year() {
    // One scored platform without an evaluation year: its own group, no 优秀 place; the
    // warning says so of 未填年度的一组 (it read "未填年度年度参评 1 个" before).
    let mut draft = platform("平台01", "渝北区", 5);
    draft.platform.year = String::new();
    let r = rank(&entries(&[draft]));
    assert!(
        r.warnings
            .contains(&"未填年度的一组参评 1 个，30% 向下取整为 0，无优秀名额".to_string()),
        "{:?}",
        r.warnings
    );
    assert!(
        r.warnings.iter().all(|w| !w.contains("未填年度年度")),
        "{:?}",
        r.warnings
    );
    // A year keeps its words: "2025年度参评 1 个…".
    let r = rank(&entries(&[platform("平台01", "渝北区", 5)]));
    assert!(r
        .warnings
        .contains(&"2025年度参评 1 个，30% 向下取整为 0，无优秀名额".to_string()));
}

// ---- 14.1 待核实 ----

#[test]
fn unverified_certification_is_read_as_the_draft_shows_it() {
    // Issue 20.3: the top scorer never ticked one confirmation. Art. 31 fails a platform
    // that has lost its conditions; an unticked box is not a lost condition: ranked on its
    // score, with the note. `--strict` keeps the older rule (待核实, no place).
    let mut drafts = cohort(&TEN);
    drafts[0]
        .certification
        .set_confirmed("local_support", false);
    let r = rank(&entries(&drafts));
    assert_eq!(grade_of(&r, "平台01"), SuggestedGrade::Excellent);
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台03"]);
    let top = &r.rows[0];
    assert_eq!(
        (top.cert, top.certification.as_str()),
        (CertState::Unfinished, "未填完")
    );
    assert!(top.notes.iter().any(|n| n.contains("认定条件未核实完毕")));
    let strict = rank_with(
        &entries(&drafts),
        &RankOptions {
            strict: true,
            ..RankOptions::default()
        },
    );
    assert_eq!(grade_of(&strict, "平台01"), SuggestedGrade::Pending);
    assert_eq!(excellent(&strict), vec!["平台02", "平台03", "平台04"]);
    assert_eq!(strict.years[0].evaluated, 10); // still evaluated, still counted

    // Missed in 渝东北 (万州区): 18 HR firms against 20, no grant recorded → 待核实: it
    // holds its place, 平台04 is 优秀（待定）.
    let mut drafts = cohort(&TEN);
    drafts[0].platform.district = "万州区".into();
    drafts[0].certification.set_raw("hr_firms", Some(json!(18)));
    let r = rank(&entries(&drafts));
    assert_eq!(grade_of(&r, "平台01"), SuggestedGrade::HeldPending);
    assert!(
        r.rows[0].pending[0].contains("未记录第十七条批准"),
        "{:?}",
        r.rows[0].pending
    );
    assert_eq!(excellent(&r), vec!["平台02", "平台03"]);
    assert_eq!(grade_of(&r, "平台04"), SuggestedGrade::Provisional);

    // A miss where no relief is open (渝中区, 9000 ㎡ against "不少于10000平方米"): the
    // city platform has lost its conditions → 不合格 (Art. 31).
    let mut drafts = cohort(&TEN);
    drafts[0].platform.district = "渝中区".into();
    drafts[0]
        .certification
        .set_raw("area_sqm", Some(json!(9000)));
    let r = rank(&entries(&drafts));
    assert_eq!(grade_of(&r, "平台01"), SuggestedGrade::Fail);
    assert_eq!(r.rows[0].certification, "不符合");

    // Met under a recorded grant: 优秀 open, and the row says on what basis.
    let mut es = entries(&cohort(&TEN));
    es[0].cert = Some(CertState::MetUnderGrant);
    let r = rank(&es);
    assert_eq!(grade_of(&r, "平台01"), SuggestedGrade::Excellent);
    assert!(r.rows[0].notes.iter().any(|n| n.contains("第十七条批准")));
}

// ---- 14.3 levels ----

#[test]
fn district_platforms_rank_alongside_with_their_own_excellent() {
    // 10 city/national platforms alone: 3 places.
    let r = rank(&entries(&cohort(&TEN)));
    assert_eq!((r.years[0].evaluated, r.years[0].excellent_cap), (10, 3));
    assert_eq!(r.years[0].district.evaluated, 0);

    // 7 city + 1 national + 4 district (Art. 33). The 30% is over the 8 national and
    // city ones (2 places), not over 12 (3 places); the 4 district ones have their own
    // floor(1.2) = 1 place, labelled apart.
    // (The level is set on the entries: a draft's level also rescales its score.)
    let mut es = entries(&cohort(&[12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
    for (i, e) in es.iter_mut().enumerate() {
        e.level = match i {
            0 | 4 | 8 | 9 => Level::District,
            1 => Level::National,
            _ => Level::City,
        };
        // Different districts, so that Art. 16 does not fire here.
        e.district = [
            "渝北区",
            "江北区",
            "渝中区",
            "南岸区",
            "九龙坡区",
            "沙坪坝区",
        ][i % 6]
            .into();
    }
    let separate = RankOptions {
        district: DistrictReading::Separate,
        ..RankOptions::default()
    };
    let r = rank_with(&es, &separate);
    let y = &r.years[0];
    assert_eq!((y.evaluated, y.excellent_cap, y.excellent), (8, 2, 2));
    assert_eq!(
        (
            y.district.evaluated,
            y.district.excellent_cap,
            y.district.excellent
        ),
        (4, 1, 1)
    );
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台03"]);
    let top = &r.rows[0];
    assert_eq!(
        (top.quota, top.level_text.as_str()),
        (Quota::District, "区县级")
    );
    assert_eq!(top.grade_text(), "优秀（区县级，单独确定）");
    assert_eq!(r.rows[1].level_text, "国家级");
    assert_eq!(r.rows[2].grade_text(), "优秀");
    // Ranked alongside, each level with its own 名次 column (issue 20.6).
    let places: Vec<(Option<usize>, Option<usize>)> = r
        .rows
        .iter()
        .map(|row| (row.rank, row.district_rank))
        .collect();
    assert_eq!(
        places,
        vec![
            (None, Some(1)),
            (Some(1), None),
            (Some(2), None),
            (Some(3), None),
            (None, Some(2)),
            (Some(4), None),
            (Some(5), None),
            (Some(6), None),
            (None, Some(3)),
            (None, Some(4)),
            (Some(7), None),
            (Some(8), None),
        ]
    );
    assert!(y
        .quota_text()
        .contains("区县级平台 4 个（第三十三条，单独确定）"));
    // The CSV and JSON carry the level.
    let csv = to_csv(&r);
    assert!(csv.contains(",区县级,2025,12,自评（未经审核）,符合,优秀（区县级，单独确定）,"));
    assert!(csv.starts_with("\u{feff}名次,区县级名次,"));
    // The default reading pools them: n = 12, 3 places over all by total.
    let r = rank(&es);
    let y = &r.years[0];
    assert_eq!(
        (y.evaluated, y.excellent_cap, y.district.evaluated),
        (12, 3, 4)
    );
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台03"]);
}

#[test]
fn a_tie_at_the_boundary_is_flagged_in_its_own_quota() {
    // City: 95-like totals 12, 11, 10, 10 with 3 places... 10 platforms, quota 3, third
    // place tied between 平台03 and 平台04.
    let r = rank(&entries(&cohort(&[12, 11, 10, 10, 8, 7, 6, 5, 4, 3])));
    assert_eq!(grade_of(&r, "平台03"), SuggestedGrade::Tied);
    assert_eq!(grade_of(&r, "平台04"), SuggestedGrade::Tied);
    let tie = r.years[0].tie.clone().unwrap();
    assert_eq!((tie.total, tie.places, tie.names.len()), (d("10"), 1, 2));
    // Under --strict a pending platform between them takes no place and does not count
    // toward the tie.
    let mut drafts = cohort(&[12, 11, 10, 10, 8, 7, 6, 5, 4, 3]);
    drafts[3]
        .certification
        .set_confirmed("infrastructure", false);
    let strict = RankOptions {
        strict: true,
        ..RankOptions::default()
    };
    let r = rank_with(&entries(&drafts), &strict);
    assert!(r.years[0].tie.is_none());
    assert_eq!(excellent(&r), vec!["平台01", "平台02", "平台03"]);
    // And a pass mark still applies.
    let r = rank_with(
        &entries(&cohort(&[12, 2])),
        &RankOptions {
            pass_mark: Some(d("3")),
            ..RankOptions::default()
        },
    );
    assert_eq!(grade_of(&r, "平台02"), SuggestedGrade::Fail);
}

// ---- 14.6 Art. 16 ----

#[test]
fn article_16_warns_of_two_district_platforms_of_one_type_in_a_district() {
    let mut drafts = cohort(&[9, 8, 7]);
    drafts[0].level = Level::District;
    drafts[1].level = Level::City;
    drafts[1].platform.branch = true; // a city platform's sub-platform in 渝北区
    drafts[2].level = Level::City;
    let r = rank(&entries(&drafts));
    let w: Vec<&String> = r
        .warnings
        .iter()
        .filter(|w| w.starts_with("第十六条"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", r.warnings);
    assert!(w[0].contains("渝北区有 2 个区县级综合性产业园"));
    assert!(w[0].contains("“平台02”（分平台）"));
    let branch = r.rows.iter().find(|row| row.name == "平台02").unwrap();
    assert_eq!(branch.level, Level::District);
    assert_eq!(branch.level_text, "区县级（市级平台分平台）");
    // The default reading pools district platforms with the city ones (issue 20.6).
    assert_eq!(branch.quota, Quota::CityNational);
    assert!(branch
        .notes
        .iter()
        .any(|n| n.contains("视为区县级平台（第十六条）")));
    // Different types, or different districts: no warning.
    let mut drafts = cohort(&[9, 8]);
    drafts[0].level = Level::District;
    drafts[1].level = Level::District;
    drafts[1].platform.district = "江北区".into();
    assert!(!rank(&entries(&drafts))
        .warnings
        .iter()
        .any(|w| w.starts_with("第十六条")));
    // The branch flag round-trips in the draft, and is omitted while false.
    let mut b = platform("分", "渝北区", 1);
    assert!(!b.to_json().contains("branch"));
    b.platform.branch = true;
    assert!(Draft::from_json(&b.to_json()).unwrap().platform.branch);
}

// ---- 11.5 stage per row ----

#[test]
fn each_row_says_the_stage_it_ranks_on() {
    let r = rank(&entries(&cohort(&[5])));
    assert_eq!(r.rows[0].stage_text(), "自评（未经审核）");
    assert_eq!(r.years[0].stage_text(), "按自评得分排名（未经审核）");
}

// ---- 15.10 file names ----

#[test]
fn exports_are_named_for_filing() {
    let r = rank(&entries(&cohort(&[5, 4])));
    assert_eq!(
        r.file_name("2026-11-26", "csv"),
        "等次排名-2025-20261126.csv"
    );
    let mut es = entries(&cohort(&[5, 4]));
    es[0].year = "2024".into();
    assert_eq!(
        rank(&es).file_name("2026-11-26", "xlsx"),
        "等次排名-2024_2025-20261126.xlsx"
    );
    assert_eq!(
        export_file_name("得分表", "重庆/两江:产业园", "2025", "2026-11-26", "json"),
        "得分表-重庆_两江_产业园-2025-20261126.json"
    );
}

// ---- cqhr rank ----

#[test]
fn cqhr_rank_keeps_the_first_copy_merges_typed_years_and_lists_empty_drafts() {
    let drafts = cohort(&TEN);
    let mut files: Vec<String> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| write(&format!("p{i}.json"), d))
        .collect();
    // 平台05 typed its year "2025年" (raw JSON, as a user would have it).
    let raw = drafts[4]
        .to_json()
        .replace("\"year\":\"2025\"", "\"year\":\"2025年\"");
    let dir = std::path::Path::new(&files[4])
        .parent()
        .unwrap()
        .to_path_buf();
    std::fs::write(dir.join("typed.json"), raw).unwrap();
    files[4] = dir.join("typed.json").to_string_lossy().into_owned();
    // The same file given twice, and an empty draft.
    files.push(files[0].clone());
    files.push(write("empty.json", &Draft::new("talent-market")));
    let args: Vec<&str> = std::iter::once("rank")
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out, err) = cqhr(&args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("有 2 份"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let y = &v["years"][0];
    assert_eq!(y["year"], "2025");
    assert_eq!(
        (y["evaluated"].as_u64(), y["excellent_cap"].as_u64()),
        (Some(10), Some(3))
    );
    assert_eq!(y["duplicates"], 1);
    let rows = v["rows"].as_array().unwrap();
    let grades: Vec<&str> = rows.iter().map(|r| r["grade"].as_str().unwrap()).collect();
    assert_eq!(grades.iter().filter(|g| **g == "excellent").count(), 3);
    assert_eq!(grades.iter().filter(|g| **g == "duplicate").count(), 1);
    assert_eq!(grades.iter().filter(|g| **g == "not_taking").count(), 1);
    let typed = rows.iter().find(|r| r["name"] == "平台05").unwrap();
    assert_eq!(
        (typed["year"].as_str(), typed["typed_year"].as_str()),
        (Some("2025"), Some(""))
    );
    assert_eq!(typed["level"], "city");
    assert_eq!(typed["level_label"], "市级");
    assert_eq!(typed["district"], "渝北区");
    assert_eq!(typed["stage_label"], "自评");
    let dup = rows.iter().find(|r| r["grade"] == "duplicate").unwrap();
    assert_eq!(dup["duplicate_of"], "平台01");
    assert_eq!(dup["rank"], Value::Null);
    // The CSV says the same, with 区县 and 层级 columns.
    let mut csv_args = args.clone();
    csv_args.extend(["--format", "csv"]);
    let (code, csv, _) = cqhr(&csv_args);
    assert_eq!(code, 0);
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "名次,区县级名次,平台名称,区县,类型,层级,年度,总分,依据,认定条件,等次建议,说明"
    );
    assert!(csv.contains(
        "—,—,平台01,渝北区,综合性产业园,市级,2025,12,自评（未经审核）,符合,重复（未计入）,"
    ));
    assert!(csv.contains(",未参评,"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever the mix: every row is counted exactly once (in n, the district n, the
    /// copies or 未参评), 优秀 never exceeds either quota, and no 待核实, copy or 未参评
    /// row is 优秀.
    #[test]
    fn the_ranking_counts_every_row_once_and_respects_both_quotas(
        es in proptest::collection::vec(
            (0u8..6, 0i64..40, 0u8..3, 0u8..3, proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY, 0u8..3),
            0..30,
        )
    ) {
        let entries: Vec<CohortEntry> = es
            .iter()
            .map(|(name, total, level, year, pending, unscored, branch, district)| {
                let mut e = CohortEntry::new(
                    &format!("P{name}"),
                    "comprehensive-park",
                    ["2025", "2025年", "2024"][*year as usize],
                    Decimal::new(*total, 0),
                    true,
                );
                e.level = [Level::City, Level::National, Level::District][*level as usize];
                e.district = ["渝北区", "江北区", ""][*district as usize].into();
                e.branch = *branch;
                e.unscored = *unscored;
                if *pending {
                    e.pending = vec!["认定条件未核实完毕".into()];
                }
                e
            })
            .collect();
        // The separate reading keeps the two counts apart (the pooled one counts district
        // platforms in n: `district.evaluated` is then part of `evaluated`).
        let r = rank_with(&entries, &RankOptions { district: DistrictReading::Separate, ..RankOptions::default() });
        proptest::prop_assert_eq!(r.rows.len(), entries.len());
        for y in &r.years {
            let rows: Vec<_> = r.rows_of(&y.year).collect();
            proptest::prop_assert_eq!(
                y.evaluated + y.district.evaluated + y.duplicates + y.not_taking,
                rows.len()
            );
            proptest::prop_assert!(y.excellent <= y.excellent_cap);
            proptest::prop_assert!(y.district.excellent <= y.district.excellent_cap);
            proptest::prop_assert_eq!(y.excellent_cap, y.evaluated * 3 / 10);
            for row in rows {
                if row.grade == SuggestedGrade::Excellent {
                    proptest::prop_assert!(row.pending.is_empty() || row.quota == Quota::District);
                }
                proptest::prop_assert_eq!(
                    row.rank.is_none() && row.district_rank.is_none(),
                    !row.grade.counted()
                );
            }
        }
        let mut idx: Vec<usize> = r.rows.iter().map(|row| row.index).collect();
        idx.sort_unstable();
        proptest::prop_assert_eq!(idx, (0..entries.len()).collect::<Vec<_>>());
    }
}
