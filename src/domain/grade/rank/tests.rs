//! Ranking and the CSV (Arts. 31–33), worked by hand. (Moved here from the integration
//! tests: they test this module's `rank_with` and `to_csv` only.)

use super::*;
use crate::domain::draft::previous::Grade;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn entries(totals: &[&str]) -> Vec<CohortEntry> {
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

fn grades(r: &CohortReport) -> Vec<(String, SuggestedGrade)> {
    r.rows
        .iter()
        .map(|row| (row.name.clone(), row.grade))
        .collect()
}

fn count(r: &CohortReport, g: SuggestedGrade) -> usize {
    r.rows.iter().filter(|row| row.grade == g).count()
}

#[test]
fn thirty_percent_cap_rounds_down() {
    let r = rank(&entries(&["90"]));
    assert_eq!((r.years[0].evaluated, r.years[0].excellent_cap), (1, 0));
    assert_eq!(count(&r, SuggestedGrade::Excellent), 0);
    let r = rank(&entries(&["90", "80", "70"]));
    assert_eq!(r.years[0].excellent_cap, 0);
    assert_eq!(count(&r, SuggestedGrade::Excellent), 0);
    assert_eq!(count(&r, SuggestedGrade::Pass), 3);
    let ten = ["50", "95", "60", "90", "70", "85", "40", "80", "30", "75"];
    let r = rank(&entries(&ten));
    assert_eq!(r.years[0].excellent_cap, 3);
    let top: Vec<Decimal> = r
        .rows
        .iter()
        .filter(|row| row.grade == SuggestedGrade::Excellent)
        .map(|row| row.total)
        .collect();
    assert_eq!(top, vec![d("95"), d("90"), d("85")]);
    assert_eq!(r.rows[0].rank, Some(1));
    assert!(r.years[0].tie.is_none());
}

#[test]
fn ties_at_the_boundary_are_flagged_not_dropped() {
    // 10 platforms, 3 places: 95, 90, then 85 and 85 straddle the third place.
    let r = rank(&entries(&[
        "95", "90", "85", "85", "80", "70", "60", "50", "40", "30",
    ]));
    let g = grades(&r);
    assert_eq!(g[0].1, SuggestedGrade::Excellent);
    assert_eq!(g[1].1, SuggestedGrade::Excellent);
    assert_eq!(g[2].1, SuggestedGrade::Tied);
    assert_eq!(g[3].1, SuggestedGrade::Tied);
    assert_eq!(g[4].1, SuggestedGrade::Pass);
    let tie = r.years[0].tie.clone().expect("tie flagged");
    assert_eq!((tie.total, tie.places, tie.names.len()), (d("85"), 1, 2));
    assert_eq!(
        (r.rows[2].rank, r.rows[3].rank, r.rows[4].rank),
        (Some(3), Some(3), Some(5))
    );
    assert!(r.rows[2].notes.iter().any(|n| n.contains("评审会议")));
    // Equal totals inside the cap are not a boundary tie.
    let r = rank(&entries(&[
        "95", "95", "90", "80", "70", "60", "50", "40", "30", "20",
    ]));
    assert_eq!(count(&r, SuggestedGrade::Excellent), 3);
    assert!(r.years[0].tie.is_none());
}

#[test]
fn an_ineligible_top_scorer_fails_and_takes_no_place() {
    let mut es = entries(&["99", "90", "85", "80", "70", "60", "50", "40", "30", "20"]);
    es[0].eligible = false;
    let r = rank(&es);
    assert_eq!(r.rows[0].name, "平台01");
    assert_eq!(r.rows[0].grade, SuggestedGrade::Fail);
    assert_eq!(r.rows[0].rank, Some(1));
    assert!(r.rows[0].notes.iter().any(|n| n.contains("第三十一条")));
    let excellent: Vec<&str> = r
        .rows
        .iter()
        .filter(|row| row.grade == SuggestedGrade::Excellent)
        .map(|row| row.name.as_str())
        .collect();
    assert_eq!(excellent, vec!["平台02", "平台03", "平台04"]);
    // n still counts the ineligible one: 10 → 3 places.
    assert_eq!(r.years[0].evaluated, 10);
    // Two consecutive 不合格.
    let mut es = entries(&["50"]);
    es[0].eligible = false;
    es[0].previous_grade = Some(Grade::Fail);
    let r = rank(&es);
    assert!(r.rows[0]
        .notes
        .iter()
        .any(|n| n.contains("不再纳入市级平台管理")));
    // A district-level platform missing the city conditions is not made 不合格.
    let mut es = entries(&["99", "90", "85", "80", "70", "60", "50", "40", "30", "20"]);
    es[0].eligible = false;
    es[0].level = Level::District;
    let r = rank_with(
        &es,
        &RankOptions {
            district: DistrictReading::Separate,
            ..RankOptions::default()
        },
    );
    // Alone in the district quota (n = 1, 0 places): 合格, not 不合格; the nine city
    // platforms have their own 2 places.
    assert_eq!(r.rows[0].grade, SuggestedGrade::Pass);
    assert_eq!(r.rows[0].quota, Quota::District);
    assert!(r.rows[0]
        .notes
        .iter()
        .any(|n| n.contains("不适用第三十三条")));
    assert_eq!((r.years[0].evaluated, r.years[0].excellent_cap), (9, 2));
    assert_eq!(r.years[0].district.evaluated, 1);
}

#[test]
fn cohorts_rank_per_year_across_types_and_with_a_pass_mark() {
    let mut es = entries(&["90", "80", "70", "60"]);
    es[1].rubric = "talent-market".into();
    es[2].year = "2024".into();
    es[3].year = "2024".into();
    let r = rank(&es);
    let years: Vec<(&str, usize)> = r
        .years
        .iter()
        .map(|y| (y.year.as_str(), y.evaluated))
        .collect();
    assert_eq!(years, vec![("2024", 2), ("2025", 2)]);
    assert_eq!(r.rows[0].year, "2024");
    assert_eq!(r.rows[0].rank, Some(1));
    assert_eq!(r.rows[2].rank, Some(1));
    assert_eq!(r.rows[3].type_name, "人才市场");
    let r = rank_with(
        &entries(&["90", "59.9", "70"]),
        &RankOptions {
            pass_mark: Some(d("60")),
            ..RankOptions::default()
        },
    );
    assert_eq!(r.rows[2].grade, SuggestedGrade::Fail);
}
