//! The three hand-worked full drafts (tests/fixtures/full-*.json).

use crate::common::{d, ind};
use cqhr::domain::{rubric, score_strict, Draft, Report};
use serde_json::Value;

pub const FIXTURES: [&str; 3] = ["comprehensive-park", "specialized-park", "talent-market"];

pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/full-{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn scored(name: &str) -> (Value, Report) {
    let f = fixture(name);
    let draft = Draft::from_value(f["draft"].clone()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let report = score_strict(&draft).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    (f, report)
}

fn check_fixture(name: &str) {
    let (f, report) = scored(name);
    let expected = &f["expected"];
    assert_eq!(report.rubric, name);
    assert_eq!(report.edition, "2025");
    let want: &serde_json::Map<String, Value> = expected["indicators"].as_object().unwrap();
    let r = rubric::find(name, "2025").unwrap();
    assert_eq!(
        want.len(),
        r.indicators.len(),
        "{name}: the fixture lists every indicator"
    );
    for (id, score) in want {
        let got = ind(&report, id);
        assert_eq!(
            got.score,
            d(score.as_str().unwrap()),
            "{name} {id}: working {}",
            got.working_text()
        );
    }
    assert_eq!(
        report.total,
        d(expected["total"].as_str().unwrap()),
        "{name}: total"
    );
    assert!(report.blank.is_empty(), "{name}: blank {:?}", report.blank);
    assert!(report.errors.is_empty());
}

#[test]
fn full_comprehensive_park() {
    check_fixture("comprehensive-park");
    // Literals from the fixture's working, as a guard against an edited fixture.
    let (_, r) = scored("comprehensive-park");
    assert_eq!(r.total, d("78"));
    assert_eq!(ind(&r, "1.1").sum, d("10.6"));
    assert!(ind(&r, "1.1").capped);
    assert_eq!(ind(&r, "4.1").sum, d("6"));
    assert!(ind(&r, "4.1").capped);
    assert_eq!(ind(&r, "5.4").score, d("-2"));
}

#[test]
fn full_specialized_park() {
    check_fixture("specialized-park");
    let (_, r) = scored("specialized-park");
    assert_eq!(r.total, d("74.2"));
    // 2.1 would score 13 but 2.2 was chosen: 2.1 shows its own 13 and counts 0.
    let i21 = ind(&r, "2.1");
    assert_eq!((i21.own, i21.score, i21.counted), (d("13"), d("0"), false));
    assert_eq!(i21.sum, d("15"));
    let i22 = ind(&r, "2.2");
    assert_eq!(
        (i22.own, i22.score, i22.counted),
        (d("8.6"), d("8.6"), true)
    );
    // 2.3/2.4 unchosen: the higher (2.4, 13 against 7.5) counts.
    let i23 = ind(&r, "2.3");
    assert_eq!((i23.own, i23.score, i23.counted), (d("7.5"), d("0"), false));
    let i24 = ind(&r, "2.4");
    assert_eq!((i24.own, i24.score, i24.counted), (d("13"), d("13"), true));
    let pairs: Vec<(&str, &str, bool)> = r
        .pairs
        .iter()
        .map(|p| (p.id.as_str(), p.counted.as_str(), p.explicit))
        .collect();
    assert_eq!(
        pairs,
        vec![("2.1/2.2", "2.2", true), ("2.3/2.4", "2.4", false)]
    );
    let g2 = r.groups.iter().find(|g| g.id == "2").unwrap();
    assert_eq!((g2.score, g2.cap), (d("21.6"), d("26")));
}

#[test]
fn full_talent_market() {
    check_fixture("talent-market");
    let (_, r) = scored("talent-market");
    assert_eq!(r.total, d("63"));
    assert_eq!(ind(&r, "1.1").own, d("3"));
    assert_eq!(ind(&r, "2.1").sum, d("5"));
    assert_eq!(ind(&r, "4.4").score, d("-2"));
}

#[test]
fn fixtures_survive_a_save_and_reload() {
    for name in FIXTURES {
        let (_, before) = scored(name);
        let f = fixture(name);
        let draft = Draft::from_value(f["draft"].clone()).unwrap();
        let again = Draft::from_json(&draft.to_json()).unwrap();
        assert_eq!(again, draft, "{name}: to_json/from_json changes the draft");
        let pretty = Draft::from_json(&draft.to_json_pretty()).unwrap();
        assert_eq!(score_strict(&pretty).unwrap().total, before.total, "{name}");
    }
}

#[test]
fn group_subtotals_of_the_fixtures() {
    // Hand sums of the fixtures' indicator scores per 一级指标.
    let want: [(&str, &[&str]); 3] = [
        ("comprehensive-park", &["32.6", "12.2", "8", "16.5", "8.7"]),
        ("specialized-park", &["19.7", "21.6", "10", "16.5", "6.4"]),
        ("talent-market", &["18", "19.4", "18.5", "7.1"]),
    ];
    for (name, subtotals) in want {
        let (_, r) = scored(name);
        let got: Vec<_> = r.groups.iter().map(|g| g.score).collect();
        let want: Vec<_> = subtotals.iter().map(|s| d(s)).collect();
        assert_eq!(got, want, "{name}");
    }
}
