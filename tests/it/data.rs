//! The bundled rubric data against the tables of docs/scoring-rules.md, written out here as
//! literals.

use crate::common::d;
use cqhr::domain::rubric::{self, Term};
use cqhr::domain::FieldKind;

/// (indicator id, cap or None for the deduction, field keys) per rubric, copied from
/// scoring-rules.md "Inputs per indicator" and the appendices' caps.
type Table = &'static [(&'static str, Option<&'static str>, &'static [&'static str])];

const COMPREHENSIVE: Table = &[
    ("1.1", Some("10"), &["firms", "above_scale"]),
    ("1.2", Some("12"), &["revenue_wan"]),
    ("1.3", Some("12"), &["tax_wan"]),
    ("1.4", Some("5"), &["revenue_wan"]),
    ("2.1", Some("8"), &["employers"]),
    ("2.2", Some("8"), &["people"]),
    ("3.1", Some("4"), &["results"]),
    (
        "3.2",
        Some("4"),
        &["ordinary", "bureau_level", "ministerial_level"],
    ),
    ("3.3", Some("3"), &["events"]),
    ("4.1", Some("5"), &["area_sqm", "staff", "titled_staff"]),
    ("4.2", Some("5"), &["score"]),
    ("4.3", Some("5"), &["score"]),
    ("4.4", Some("5"), &["tier"]),
    ("5.1", Some("5"), &["score"]),
    ("5.2", Some("4"), &["city_adopted", "provincial_adopted"]),
    (
        "5.3",
        Some("5"),
        &["district_honors", "city_honors", "provincial_honors"],
    ),
    ("5.4", None, &["violations"]),
];

const SPECIALIZED: Table = &[
    ("1.1", Some("10"), &["firms", "above_scale"]),
    ("1.2", Some("6"), &["revenue_wan"]),
    ("1.3", Some("6"), &["tax_wan"]),
    ("1.4", Some("5"), &["revenue_wan"]),
    ("2.1", Some("13"), &["firms"]),
    ("2.2", Some("13"), &["firms"]),
    (
        "2.3",
        Some("13"),
        &[
            "bachelor_or_below",
            "postgraduate",
            "ad_card",
            "academician",
        ],
    ),
    (
        "2.4",
        Some("13"),
        &[
            "bachelor_or_below",
            "postgraduate",
            "ad_card",
            "academician",
        ],
    ),
    ("3.1", Some("5"), &["results"]),
    (
        "3.2",
        Some("5"),
        &["ordinary", "bureau_level", "ministerial_level"],
    ),
    ("3.3", Some("3"), &["events"]),
    ("4.1", Some("5"), &["area_sqm", "staff", "titled_staff"]),
    ("4.2", Some("5"), &["score"]),
    ("4.3", Some("5"), &["score"]),
    ("4.4", Some("5"), &["tier"]),
    ("5.1", Some("5"), &["score"]),
    ("5.2", Some("4"), &["city_adopted", "provincial_adopted"]),
    (
        "5.3",
        Some("5"),
        &["district_honors", "city_honors", "provincial_honors"],
    ),
    ("5.4", None, &["violations"]),
];

const TALENT: Table = &[
    ("1.1", Some("4"), &["functions"]),
    ("1.2", Some("3"), &["revenue_wan"]),
    ("1.3", Some("4"), &["firms"]),
    ("1.4", Some("10"), &["database_size"]),
    (
        "2.1",
        Some("10"),
        &[
            "bachelor_or_below",
            "postgraduate",
            "ad_card",
            "academician",
        ],
    ),
    (
        "2.2",
        Some("10"),
        &[
            "bachelor_or_below",
            "postgraduate",
            "ad_card",
            "academician",
        ],
    ),
    ("2.3", Some("5"), &["results"]),
    (
        "2.4",
        Some("5"),
        &["ordinary", "bureau_level", "ministerial_level"],
    ),
    ("2.5", Some("10"), &["startups"]),
    ("3.1", Some("5"), &["area_sqm", "staff", "titled_staff"]),
    ("3.2", Some("10"), &["score"]),
    ("3.3", Some("5"), &["score"]),
    ("3.4", Some("5"), &["tier"]),
    ("4.1", Some("5"), &["score"]),
    ("4.2", Some("4"), &["city_adopted", "provincial_adopted"]),
    (
        "4.3",
        Some("5"),
        &["district_honors", "city_honors", "provincial_honors"],
    ),
    ("4.4", None, &["violations"]),
];

const RUBRICS: [(&str, &str, Table); 3] = [
    ("comprehensive-park", "附表2", COMPREHENSIVE),
    ("specialized-park", "附表3", SPECIALIZED),
    ("talent-market", "附表4", TALENT),
];

#[test]
fn every_bundled_rubric_loads_and_checks_clean() {
    assert!(
        rubric::load_errors().is_empty(),
        "rubric files failed to load: {:#?}",
        rubric::load_errors()
    );
    assert!(!rubric::all().is_empty());
    for r in rubric::all() {
        let problems = r.check();
        assert!(problems.is_empty(), "{} {}: {problems:#?}", r.id, r.edition);
        assert_eq!(
            r.cap_total(),
            d("100"),
            "{} {}: caps add up to {}",
            r.id,
            r.edition,
            r.cap_total()
        );
    }
}

#[test]
fn the_three_2025_rubrics_are_present() {
    for (id, appendix, _) in RUBRICS {
        let r = rubric::find(id, "2025").unwrap_or_else(|| panic!("{id} 2025 missing"));
        assert_eq!(r.id, id);
        assert_eq!(r.edition, "2025");
        assert_eq!(r.appendix, appendix);
        assert_eq!(rubric::latest(id).map(|r| r.edition.as_str()), Some("2025"));
    }
    assert_eq!(
        rubric::RUBRIC_IDS,
        ["comprehensive-park", "specialized-park", "talent-market"]
    );
    assert!(rubric::find("comprehensive-park", "2024").is_none());
    assert!(rubric::find("no-such-rubric", "2025").is_none());
}

#[test]
fn indicators_caps_and_fields_match_scoring_rules() {
    for (id, _, table) in RUBRICS {
        let r = rubric::find(id, "2025").unwrap();
        let ids: Vec<&str> = r.indicators.iter().map(|i| i.id.as_str()).collect();
        let expected_ids: Vec<&str> = table.iter().map(|row| row.0).collect();
        assert_eq!(ids, expected_ids, "{id}: indicators or their order");
        for (ind_id, cap, fields) in table.iter() {
            let ind = r.indicator(ind_id).unwrap();
            assert_eq!(ind.cap, cap.map(d), "{id} {ind_id}: cap");
            let keys: Vec<&str> = ind.fields.iter().map(|f| f.key.as_str()).collect();
            for f in fields.iter() {
                assert!(
                    keys.contains(f),
                    "{id} {ind_id}: field {f} missing (has {keys:?})"
                );
            }
            assert_eq!(
                keys.len(),
                fields.len(),
                "{id} {ind_id}: extra fields {keys:?}"
            );
        }
    }
}

#[test]
fn field_kinds_and_parts_match_scoring_rules() {
    for (id, _, table) in RUBRICS {
        let r = rubric::find(id, "2025").unwrap();
        for (ind_id, _, fields) in table.iter() {
            let ind = r.indicator(ind_id).unwrap();
            for key in fields.iter() {
                let f = ind.fields.iter().find(|f| f.key == *key).unwrap();
                let expected = match *key {
                    "revenue_wan" | "tax_wan" | "area_sqm" => FieldKind::Amount,
                    "score" => FieldKind::Score,
                    "tier" => FieldKind::Tier,
                    "functions" => FieldKind::Set,
                    _ => FieldKind::Count,
                };
                assert_eq!(f.kind, expected, "{id} {ind_id} {key}: kind");
                let part_of = match *key {
                    "above_scale" => Some("firms"),
                    "titled_staff" => Some("staff"),
                    _ => None,
                };
                assert_eq!(
                    f.part_of.as_deref(),
                    part_of,
                    "{id} {ind_id} {key}: part_of"
                );
            }
        }
    }
}

#[test]
fn pairs_only_in_the_specialized_park() {
    let sp = rubric::find("specialized-park", "2025").unwrap();
    let pairs: Vec<(&str, Vec<&str>, _)> = sp
        .pairs
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.members.iter().map(String::as_str).collect(),
                p.cap,
            )
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("2.1/2.2", vec!["2.1", "2.2"], d("13")),
            ("2.3/2.4", vec!["2.3", "2.4"], d("13"))
        ]
    );
    // Group 2 of 附表3 is worth 26: one cap of 13 per pair, not four caps.
    assert_eq!(sp.group_cap("2"), d("26"));
    for id in ["comprehensive-park", "talent-market"] {
        assert!(
            rubric::find(id, "2025").unwrap().pairs.is_empty(),
            "{id} has pairs"
        );
    }
}

#[test]
fn safety_tiers_and_market_functions_match_scoring_rules() {
    let tiers = [("full", "5"), ("basic", "3"), ("poor", "1"), ("none", "0")];
    for (id, ind_id) in [
        ("comprehensive-park", "4.4"),
        ("specialized-park", "4.4"),
        ("talent-market", "3.4"),
    ] {
        let ind = rubric::find(id, "2025").unwrap().indicator(ind_id).unwrap();
        let Term::Tier { tiers: t, .. } = &ind.terms[0] else {
            panic!("{id} {ind_id} is not a tier indicator")
        };
        let got: Vec<(&str, _)> = t.iter().map(|t| (t.key.as_str(), t.points)).collect();
        let want: Vec<(&str, _)> = tiers.iter().map(|(k, p)| (*k, d(p))).collect();
        assert_eq!(got, want, "{id} {ind_id}");
    }
    let ind = rubric::find("talent-market", "2025")
        .unwrap()
        .indicator("1.1")
        .unwrap();
    let Term::EachOf {
        options, points, ..
    } = &ind.terms[0]
    else {
        panic!("talent-market 1.1 is not each_of")
    };
    let keys: Vec<&str> = options.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "recruitment",
            "training",
            "archives",
            "assessment",
            "consulting",
            "venture",
            "financing",
            "capital_trading"
        ]
    );
    assert_eq!(*points, d("0.5"));
}

#[test]
fn judged_indicators_have_presets_only_where_the_text_names_points() {
    // 价值导向 (parks 5.1, market 4.1): presets 5 and 0.
    for (id, ind_id) in [
        ("comprehensive-park", "5.1"),
        ("specialized-park", "5.1"),
        ("talent-market", "4.1"),
    ] {
        let ind = rubric::find(id, "2025").unwrap().indicator(ind_id).unwrap();
        let mut values: Vec<_> = ind.presets.iter().map(|p| p.value).collect();
        values.sort();
        assert_eq!(values, vec![d("0"), d("5")], "{id} {ind_id}");
    }
}
