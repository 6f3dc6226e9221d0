//! Art. 30 review layers (issue 11): 区县初审 and 市级评审 over the platform's 自评.
//! Expected totals are worked by hand from 附表3 and written as literals.

use cqhr::domain::review::{
    self, confirm, confirm_unchanged, layer_status, open_layer, sign_layer, stage_draft,
    usable_stage, validate, LayerStatus, ReviewErrorKind, ReviewLayer, Stage, StageChoice,
};
use cqhr::domain::sign::{trust, Directory, KeyCard, Role, SecretKey, Trust, TrustConfig};
use cqhr::domain::{
    fmt_decimal, rank, score_draft, score_strict, CohortEntry, Draft, DraftError, DraftErrorKind,
    FORMAT_VERSION,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A 渝北区 初审 key and the city's 评审 key, listed (2026) in a directory signed by a
/// root; the trust is installed on this thread (each test runs on its own), so that
/// `layer_status` and `usable_stage` (the ranking's seam) see them. Issue 21.
struct Keys {
    district: SecretKey,
    city: SecretKey,
    root_fingerprint: String,
    directory: Directory,
}

fn keys() -> Keys {
    let root = SecretKey::generate().unwrap();
    let district = SecretKey::generate().unwrap();
    let city = SecretKey::generate().unwrap();
    let mut directory = Directory::new(1, "2026-01-01");
    for (k, role, dist) in [
        (&district, Role::District, "渝北区"),
        (&city, Role::City, ""),
    ] {
        let card = KeyCard::new("审核人", "", dist, role, &k.public_key()).unwrap();
        directory.add(card, "2026-01-01", "2026-12-31").unwrap();
    }
    directory.sign(&root);
    let mut t = Trust::with_root(TrustConfig {
        root_fingerprint: root.public_key().fingerprint(),
        demo: false,
    });
    t.accept(directory.clone()).unwrap();
    trust::install(t);
    Keys {
        district,
        city,
        root_fingerprint: root.public_key().fingerprint(),
        directory,
    }
}

/// Signs layer `i` with the key of its stage.
fn sign(draft: &mut Draft, i: usize, k: &Keys) {
    let key = match draft.reviews[i].stage() {
        Some(Stage::City) => &k.city,
        _ => &k.district,
    };
    sign_layer(draft, i, key).unwrap();
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn formats_dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats"
    ))
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(formats_dir().join(name)).unwrap()
}

/// The shipped format-2 fixture: self 13.4, district (signed) 11, city (unsigned) 9.6.
fn v2() -> Draft {
    Draft::from_json(&fixture_text("draft-v2.json")).unwrap()
}

/// A specialized-park draft: 1.1 22 firms of which 5 above size (6.4), 4.2 judged 4,
/// 4.4 basic (3): total 13.4.
fn base() -> Draft {
    Draft::from_value(json!({
        "rubric": "specialized-park", "edition": "2025", "level": "city",
        "platform": {"name": "测试产业园", "district": "渝北区", "year": "2025"},
        "inputs": {"1.1": {"firms": 22, "above_scale": 5}, "4.2": {"score": "4"}, "4.4": {"tier": "basic"}}
    }))
    .unwrap()
}

fn layer(stage: &str, inputs: Value) -> ReviewLayer {
    ReviewLayer {
        stage: stage.into(),
        reviewer: "审核人".into(),
        date: "2026-04-10".into(),
        inputs: serde_json::from_value(inputs).unwrap(),
        ..ReviewLayer::default()
    }
}

fn total(draft: &Draft, stage: Stage) -> String {
    fmt_decimal(review::score_stage(draft, stage).unwrap().total)
}

// ---- layering ----

#[test]
fn a_later_layer_wins_field_by_field_and_untouched_fields_fall_through() {
    let mut draft = base();
    draft.reviews = vec![
        layer(
            "district",
            json!({"1.1": {"firms": 20}, "4.4": {"tier": "poor"}}),
        ),
        layer(
            "city",
            json!({"1.1": {"above_scale": 4}, "4.4": {"tier": "full"}}),
        ),
    ];
    let district = stage_draft(&draft, Stage::District);
    assert_eq!(district.raw("1.1", "firms"), Some(&json!(20)));
    assert_eq!(
        district.raw("1.1", "above_scale"),
        Some(&json!(5)),
        "falls through"
    );
    assert_eq!(district.raw("4.4", "tier"), Some(&json!("poor")));
    assert_eq!(district.raw("4.2", "score"), Some(&json!("4")));
    assert!(district.reviews.is_empty());
    let city = stage_draft(&draft, Stage::City);
    assert_eq!(
        city.raw("1.1", "firms"),
        Some(&json!(20)),
        "district's value"
    );
    assert_eq!(
        city.raw("1.1", "above_scale"),
        Some(&json!(4)),
        "city's value"
    );
    assert_eq!(city.raw("4.4", "tier"), Some(&json!("full")), "later wins");
    // self 13.4; district 1.1 (20−5)×0.2+5×0.6 = 6, 4.4 poor 1 → 11;
    // city 1.1 (20−4)×0.2+4×0.6 = 5.6, 4.4 full 5 → 5.6+4+5 = 14.6.
    assert_eq!(total(&draft, Stage::SelfAssessed), "13.4");
    assert_eq!(total(&draft, Stage::District), "11");
    assert_eq!(total(&draft, Stage::City), "14.6");
    // The platform's own inputs are never changed by a review.
    assert_eq!(draft.raw("1.1", "firms"), Some(&json!(22)));
    assert_eq!(draft.inputs, base().inputs);
}

#[test]
fn a_blank_value_in_a_layer_strikes_the_field() {
    let mut draft = base();
    draft.reviews = vec![layer("district", json!({"4.2": {"score": null}}))];
    // 4.2 struck: 13.4 − 4 = 9.4, and 4.2 is 未填 at that stage.
    let report = review::score_stage(&draft, Stage::District).unwrap();
    assert_eq!(fmt_decimal(report.total), "9.4");
    assert!(report.blank.contains(&"4.2".to_string()));
}

#[test]
fn a_review_lowering_one_indicator_changes_only_that_indicator_and_the_totals() {
    let mut draft = base();
    draft.reviews = vec![layer("district", json!({"1.1": {"firms": 20}}))];
    let r = review::review(&draft).unwrap();
    for i in &r.indicators {
        if i.id == "1.1" {
            assert_eq!(i.self_score, d("6.4"));
            assert_eq!(i.district, Some(d("6")));
            assert_eq!(i.delta, d("-0.4"));
            assert_eq!(i.city, None);
        } else {
            assert_eq!(i.district, Some(i.self_score), "{} unchanged", i.id);
            assert!(i.delta.is_zero(), "{}", i.id);
        }
    }
    assert_eq!(r.total(Stage::SelfAssessed), Some(d("13.4")));
    assert_eq!(r.total(Stage::District), Some(d("13")));
    assert_eq!(r.total(Stage::City), None);
    let g1 = r.groups.iter().find(|g| g.id == "1").unwrap();
    assert_eq!((g1.self_score, g1.district), (d("6.4"), Some(d("6"))));
    let g4 = r.groups.iter().find(|g| g.id == "4").unwrap();
    assert_eq!((g4.self_score, g4.district), (d("7"), Some(d("7"))));
    // Changed without a reason: counted as 未说明.
    assert_eq!(r.unexplained, 1);
    assert_eq!(
        r.indicator("1.1").unwrap().unexplained,
        vec![Stage::District]
    );
    let f = &r.indicator("1.1").unwrap().fields;
    let firms = f.iter().find(|f| f.key == "firms").unwrap();
    assert_eq!(firms.platform, Some(json!(22)));
    assert_eq!(firms.district, Some(json!(20)));
    assert_eq!(firms.changed, vec![Stage::District]);
    let above = f.iter().find(|f| f.key == "above_scale").unwrap();
    assert_eq!((above.district.clone(), above.changed.len()), (None, 0));
    // With a reason it is explained.
    draft.reviews[0].set_reason("1.1", "2家企业协议到期");
    let r = review::review(&draft).unwrap();
    assert_eq!(r.unexplained, 0);
    assert_eq!(
        r.indicator("1.1").unwrap().reason().as_deref(),
        Some("2家企业协议到期")
    );
}

#[test]
fn the_same_value_retyped_is_not_a_change() {
    let mut draft = base();
    draft.reviews = vec![layer("district", json!({"1.1": {"firms": "２２"}}))];
    let r = review::review(&draft).unwrap();
    assert_eq!(r.unexplained, 0);
    assert!(!r.indicator("1.1").unwrap().changed());
}

#[test]
fn judged_scores_and_safety_tiers_are_overridden_by_the_value_itself() {
    let mut draft = base();
    draft.reviews = vec![
        layer(
            "district",
            json!({"4.2": {"score": "2.5"}, "4.4": {"tier": "none"}}),
        ),
        layer("city", json!({"4.2": {"score": 5}})),
    ];
    let r = review::review(&draft).unwrap();
    let j = r.indicator("4.2").unwrap();
    assert_eq!(
        (j.self_score, j.district, j.city, j.delta),
        (d("4"), Some(d("2.5")), Some(d("5")), d("1"))
    );
    let t = r.indicator("4.4").unwrap();
    assert_eq!(
        (t.self_score, t.district, t.city, t.delta),
        (d("3"), Some(d("0")), Some(d("0")), d("-3"))
    );
    // district 6.4 + 2.5 + 0 = 8.9; city 6.4 + 5 + 0 = 11.4
    assert_eq!(r.total(Stage::District), Some(d("8.9")));
    assert_eq!(r.total(Stage::City), Some(d("11.4")));
}

// ---- fingerprints and staleness ----

#[test]
fn a_format_2_fnv_code_reads_as_unsigned_old_format() {
    // The fixture's district layer carries format 2's FNV-1a code: anyone can recompute
    // it, so it is 未签名（旧格式）, never valid (issue 21).
    let _k = keys();
    let draft = v2();
    assert_eq!(
        draft.reviews[0].fingerprint.as_deref(),
        Some("831a5ff11b598937")
    );
    assert_eq!(layer_status(&draft, 0), LayerStatus::LegacyUnsigned);
    assert_eq!(layer_status(&draft, 1), LayerStatus::Unsigned);
    // Confirmed without a key: an SM3 fingerprint, still 未签名.
    let mut confirmed = draft.clone();
    confirm(&mut confirmed, 0).unwrap();
    assert_eq!(
        confirmed.reviews[0].fingerprint.as_deref().map(str::len),
        Some(64)
    );
    assert_eq!(layer_status(&confirmed, 0), LayerStatus::Unsigned);
}

#[test]
fn a_self_assessment_edited_after_its_review_marks_the_review_stale() {
    let k = keys();
    let mut draft = base();
    draft.reviews = vec![layer("district", json!({"1.1": {"firms": 20}}))];
    sign(&mut draft, 0, &k);
    assert!(layer_status(&draft, 0).is_valid());

    // Unchanged, or retyped the same, or only the platform's notes edited: still valid.
    let mut same = draft.clone();
    same.set_raw("1.1", "firms", Some(json!("22")));
    same.notes.insert("1.1".into(), "名录见附件".into());
    let same = Draft::from_json(&same.to_json()).unwrap();
    assert!(layer_status(&same, 0).is_valid());
    assert_eq!(usable_stage(&same), (Stage::District, vec![]));
    // The layer's own reason or opinion is signed (issue 21): edited, it is invalid.
    let mut reason = draft.clone();
    reason.reviews[0].set_reason("1.1", "核减2家");
    assert_eq!(
        layer_status(&reason, 0).label_zh(),
        "签名无效（内容已改动）"
    );
    let mut opinion = draft.clone();
    opinion.reviews[0].opinion = "同意".into();
    assert!(matches!(
        layer_status(&opinion, 0),
        LayerStatus::Invalid { .. }
    ));

    // The platform changes a fact after the review.
    let mut edited = draft.clone();
    edited.set_raw("4.2", "score", Some(json!("5")));
    let LayerStatus::Invalid { moved } = layer_status(&edited, 0) else {
        panic!("invalid expected")
    };
    assert_eq!(moved.len(), 1);
    assert_eq!(
        (
            moved[0].by,
            moved[0].indicator.as_str(),
            moved[0].field.as_str()
        ),
        (Stage::SelfAssessed, "4.2", "score")
    );
    assert_eq!(
        (moved[0].was.clone(), moved[0].now.clone()),
        (Some(json!("4")), Some(json!("5")))
    );
    assert_eq!(moved[0].text_zh(), "自评 指标 4.2 score：4 → 5");
    // Not used for ranking: the latest usable stage falls back to self.
    assert_eq!(
        usable_stage(&edited),
        (Stage::SelfAssessed, vec![Stage::District])
    );
    let r = review::review(&edited).unwrap();
    assert_eq!(
        r.stage(Stage::District).unwrap().status.label_zh(),
        "签名无效（内容已改动）"
    );
    assert_eq!(r.usable, Stage::SelfAssessed);
    // Still scored and shown.
    assert_eq!(r.total(Stage::District), Some(d("14")));

    // The reviewer signs again.
    sign(&mut edited, 0, &k);
    assert!(layer_status(&edited, 0).is_valid());
    assert_eq!(usable_stage(&edited).0, Stage::District);

    // A changed level or choice also moves.
    let mut level = draft.clone();
    level.level = cqhr::domain::Level::District;
    let LayerStatus::Invalid { moved } = layer_status(&level, 0) else {
        panic!("invalid expected")
    };
    assert_eq!(moved[0].field, "level");
}

#[test]
fn a_lower_layer_changed_after_the_city_review_marks_the_city_stale() {
    let k = keys();
    let mut draft = base();
    draft.reviews = vec![
        layer("district", json!({"1.1": {"firms": 20}})),
        layer("city", json!({"4.4": {"tier": "poor"}})),
    ];
    sign(&mut draft, 0, &k);
    sign(&mut draft, 1, &k);
    assert_eq!(usable_stage(&draft), (Stage::City, vec![]));
    // The district changes its value and signs again: the city's signature no longer holds.
    draft.reviews[0].set_raw("1.1", "firms", Some(json!(18)));
    sign(&mut draft, 0, &k);
    assert!(layer_status(&draft, 0).is_valid());
    let LayerStatus::Invalid { moved } = layer_status(&draft, 1) else {
        panic!("invalid expected")
    };
    assert_eq!(
        (
            moved[0].by,
            moved[0].indicator.as_str(),
            moved[0].field.as_str()
        ),
        (Stage::District, "1.1", "firms")
    );
    assert_eq!(usable_stage(&draft), (Stage::District, vec![Stage::City]));
    // A self edit makes both stale: the ranking uses self.
    draft.set_raw("4.2", "score", Some(json!("1")));
    assert_eq!(
        usable_stage(&draft),
        (Stage::SelfAssessed, vec![Stage::District, Stage::City])
    );
}

#[test]
fn an_invalid_layer_without_its_seen_copy_is_still_invalid() {
    let k = keys();
    let mut draft = base();
    draft.reviews = vec![layer("district", json!({}))];
    sign(&mut draft, 0, &k);
    draft.reviews[0].seen = None;
    draft.set_raw("4.2", "score", Some(json!("1")));
    assert_eq!(
        layer_status(&draft, 0),
        LayerStatus::Invalid { moved: vec![] }
    );
}

#[test]
fn the_reviewer_screen_helpers_open_layers_in_order_and_confirm_unchanged() {
    let mut draft = base();
    assert_eq!(
        open_layer(&mut draft, Stage::City, "市评审组", "2026-05-01"),
        Some(0)
    );
    assert_eq!(
        open_layer(&mut draft, Stage::District, "区初审", "2026-04-01"),
        Some(0)
    );
    assert_eq!(draft.reviews[0].stage(), Some(Stage::District));
    assert_eq!(draft.reviews[1].stage(), Some(Stage::City));
    assert_eq!(
        open_layer(&mut draft, Stage::City, "x", "2026-05-02"),
        Some(1)
    );
    assert_eq!(open_layer(&mut draft, Stage::SelfAssessed, "x", "x"), None);
    draft.reviews[0].set_raw("1.1", "firms", Some(json!(20)));
    confirm_unchanged(&mut draft, 0);
    let confirmed = &draft.reviews[0].confirmed;
    assert!(!confirmed.contains(&"1.1".to_string()));
    assert!(confirmed.contains(&"4.2".to_string()));
    assert_eq!(confirmed.len(), 18, "附表3 has 19 indicators, 1.1 changed");
    assert!(validate(&draft).is_empty(), "{:?}", validate(&draft));
    let r = review::review(&draft).unwrap();
    assert_eq!(r.indicator("4.2").unwrap().confirmed, vec![Stage::District]);
    draft.reviews[0].set_confirmed("4.2", false);
    assert!(!draft.reviews[0].confirmed.contains(&"4.2".to_string()));
}

// ---- rejections ----

/// Validates one bad layer set; returns the single error's (layer, indicator, field, kind).
fn one_error(
    reviews: Vec<ReviewLayer>,
) -> (
    usize,
    Option<String>,
    Option<String>,
    ReviewErrorKind,
    String,
) {
    let mut draft = base();
    draft.reviews = reviews;
    let errors = validate(&draft);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors[0].clone();
    let text = e.to_string();
    (e.layer, e.indicator, e.field, e.kind, text)
}

fn with_date(mut l: ReviewLayer, date: &str) -> ReviewLayer {
    l.date = date.into();
    l
}

/// Every rejection: the reviews, the layer index, indicator, field, and words the message
/// must contain.
#[allow(clippy::type_complexity)] // a table of cases, one row a rejection
fn rejections() -> Vec<(
    &'static str,
    Vec<ReviewLayer>,
    usize,
    Option<&'static str>,
    &'static str,
    Vec<&'static str>,
)> {
    vec![
        (
            "unknown stage",
            vec![layer("province", json!({}))],
            0,
            None,
            "stage",
            vec!["审核第 1 层", "province", "区县初审"],
        ),
        (
            "city before district",
            vec![layer("city", json!({})), layer("district", json!({}))],
            0,
            None,
            "stage",
            vec!["审核第 1 层", "市级评审", "区县初审须在前"],
        ),
        (
            "two district layers",
            vec![layer("district", json!({})), layer("district", json!({}))],
            1,
            None,
            "stage",
            vec!["审核第 2 层", "同一阶段"],
        ),
        (
            "unknown indicator",
            vec![layer("district", json!({"9.9": {"firms": 1}}))],
            0,
            Some("9.9"),
            "inputs",
            vec!["审核第 1 层", "9.9", "核定数据"],
        ),
        (
            "unknown field",
            vec![layer("district", json!({"1.1": {"shops": 1}}))],
            0,
            Some("1.1"),
            "shops",
            vec!["审核第 1 层", "1.1", "shops"],
        ),
        (
            "reason for an unknown indicator",
            vec![{
                let mut l = layer("district", json!({}));
                l.reasons.insert("7.7".into(), "x".into());
                l
            }],
            0,
            Some("7.7"),
            "reasons",
            vec!["7.7", "核减说明"],
        ),
        (
            "confirmed unknown indicator",
            vec![{
                let mut l = layer("district", json!({}));
                l.confirmed.push("0.1".into());
                l
            }],
            0,
            Some("0.1"),
            "confirmed",
            vec!["0.1", "核实无误"],
        ),
        (
            "bad date",
            vec![with_date(layer("district", json!({})), "2026-02-30")],
            0,
            None,
            "date",
            vec!["审核第 1 层", "审核日期", "YYYY-MM-DD"],
        ),
        (
            "slashed date",
            vec![
                layer("district", json!({})),
                with_date(layer("city", json!({})), "2026/05/01"),
            ],
            1,
            None,
            "date",
            vec!["审核第 2 层", "市级评审", "审核日期"],
        ),
        (
            "missing date",
            vec![with_date(layer("district", json!({})), "")],
            0,
            None,
            "date",
            vec!["审核日期", "未填写"],
        ),
        (
            "negative value",
            vec![layer("district", json!({"1.1": {"firms": -3}}))],
            0,
            Some("1.1"),
            "firms",
            vec!["审核第 1 层", "1.1", "企业总数", "负数"],
        ),
        (
            "fractional count",
            vec![layer("district", json!({"1.1": {"firms": "20.5"}}))],
            0,
            Some("1.1"),
            "firms",
            vec!["企业总数", "整数"],
        ),
        (
            "judged above its cap",
            vec![layer("district", json!({"4.2": {"score": 6}}))],
            0,
            Some("4.2"),
            "score",
            vec!["4.2", "评分", "0 至 5"],
        ),
        (
            "unknown tier",
            vec![layer("city", json!({"4.4": {"tier": "great"}}))],
            0,
            Some("4.4"),
            "tier",
            vec!["审核第 1 层", "市级评审", "4.4", "安全生产情况", "great"],
        ),
        (
            "part above its whole after lowering the whole",
            vec![layer("district", json!({"1.1": {"firms": 4}}))],
            0,
            Some("1.1"),
            "above_scale",
            vec!["1.1", "规模以上", "不能大于"],
        ),
    ]
}

#[test]
fn every_rejection_names_the_layer_indicator_and_field() {
    for (what, reviews, at, indicator, field, words) in rejections() {
        let (layer, ind, f, _kind, text) = one_error(reviews);
        assert_eq!(layer, at, "{what}");
        assert_eq!(ind.as_deref(), indicator, "{what}");
        assert_eq!(f.as_deref(), Some(field), "{what}");
        for w in words {
            assert!(text.contains(w), "{what}: {text:?} lacks {w:?}");
        }
        // The error converts to a DraftError naming the same indicator and field.
        let mut draft = base();
        draft.reviews = rejections().into_iter().find(|r| r.0 == what).unwrap().1;
        let e: DraftError = validate(&draft).remove(0).into();
        assert_eq!(e.indicator(), indicator, "{what}");
        assert_eq!(e.field().as_deref(), Some(field), "{what}");
        // Its kind is the self check's: a part above its whole contradicts, the rest are
        // unreadable or out of range (the kind, never the sentence, tells them apart).
        assert_eq!(
            e.kind == DraftErrorKind::Inconsistent,
            what.starts_with("part above"),
            "{what}: {:?}",
            e.kind
        );
        // And the ranking refuses it.
        assert!(CohortEntry::from_draft(&draft).is_err(), "{what}");
    }
}

#[test]
fn review_error_kinds_are_typed() {
    let (_, _, _, kind, _) = one_error(vec![layer("province", json!({}))]);
    assert_eq!(kind, ReviewErrorKind::UnknownStage);
    let (_, _, _, kind, _) = one_error(vec![layer("district", json!({"4.2": {"score": 9}}))]);
    assert!(matches!(kind, ReviewErrorKind::BadValue { .. }));
    let e: Box<dyn std::error::Error> = Box::new(
        validate(&{
            let mut x = base();
            x.reviews = vec![layer("x", json!({}))];
            x
        })
        .remove(0),
    );
    assert!(e.to_string().starts_with("审核第 1 层"));
}

#[test]
fn dates_are_real_calendar_dates() {
    for ok in ["2026-04-10", "2024-02-29", "2000-02-29", "2026-12-31"] {
        assert!(cqhr::domain::date::is_date(ok), "{ok}");
    }
    for bad in [
        "2026-4-10",
        "2025-02-29",
        "1900-02-29",
        "2026-13-01",
        "2026-00-10",
        "２０２６-04-10",
        "2026-04-10 ",
        "",
        "0000-01-01",
        "1899-12-31",
        "2101-01-01",
    ] {
        assert!(!cqhr::domain::date::is_date(bad), "{bad}");
    }
}

// ---- format 2 ----

fn manifest() -> Vec<Value> {
    let v: Value = serde_json::from_str(&fixture_text("manifest.json")).unwrap();
    v["fixtures"].as_array().unwrap().clone()
}

fn load(entry: &Value) -> Draft {
    let text = fixture_text(entry["file"].as_str().unwrap());
    let json = match entry["kind"].as_str().unwrap() {
        "link" => cqhr::share::decode(text.trim()).unwrap(),
        _ => text,
    };
    Draft::from_json(&json).unwrap()
}

#[test]
fn every_shipped_fixture_migrates_to_format_3_and_keeps_its_totals_per_stage() {
    assert_eq!(FORMAT_VERSION, 3);
    let fixtures = manifest();
    assert!(fixtures.iter().any(|e| e["file"] == "draft-v2.json"));
    for entry in &fixtures {
        let draft = load(entry);
        assert_eq!(draft.format, 3, "{}", entry["file"]);
        let self_total = entry["total"].as_str().unwrap();
        assert_eq!(
            total(&draft, Stage::SelfAssessed),
            self_total,
            "{}",
            entry["file"]
        );
        assert!(validate(&draft).is_empty(), "{}", entry["file"]);
        match entry.get("totals") {
            None => {
                // Format 1 and the plain form: no reviews; every stage is the self total.
                assert!(draft.reviews.is_empty(), "{}", entry["file"]);
                assert_eq!(review::stages(&draft), vec![Stage::SelfAssessed]);
                let r = review::review(&draft).unwrap();
                assert_eq!(r.stages.len(), 1);
                assert_eq!(r.usable, Stage::SelfAssessed);
                assert!(!draft.to_json().contains("reviews"));
            }
            Some(totals) => {
                let r = review::review(&draft).unwrap();
                for s in review::stages(&draft) {
                    assert_eq!(
                        fmt_decimal(r.total(s).unwrap()),
                        totals[s.key()].as_str().unwrap(),
                        "{} {}",
                        entry["file"],
                        s.key()
                    );
                }
                assert_eq!(r.unexplained as u64, entry["unexplained"].as_u64().unwrap());
            }
        }
    }
}

#[test]
fn a_format_1_draft_loads_with_no_reviews_even_if_it_carried_the_key() {
    let mut v: Value = serde_json::from_str(&fixture_text("draft-v1.json")).unwrap();
    v["reviews"] = json!([{"stage": "city", "date": "nonsense"}]);
    let draft = Draft::from_value(v).unwrap();
    assert!(draft.reviews.is_empty());
    assert_eq!(draft.format, 3);
    assert!(validate(&draft).is_empty());
}

#[test]
fn the_format_2_fixture_reads_as_worked_by_hand() {
    let draft = v2();
    let r = review::review(&draft).unwrap();
    let keys: Vec<&str> = r.stages.iter().map(|s| s.stage.key()).collect();
    assert_eq!(keys, ["self", "district", "city"]);
    assert_eq!(r.stages[1].reviewer, "渝北区人力社保局 王敏");
    assert_eq!(r.stages[1].status, LayerStatus::LegacyUnsigned);
    assert_eq!(r.stages[2].status, LayerStatus::Unsigned);
    assert_eq!(
        r.usable,
        Stage::SelfAssessed,
        "an unsigned layer is scored and shown, never ranked on"
    );
    let i11 = r.indicator("1.1").unwrap();
    assert_eq!(
        (i11.self_score, i11.district, i11.city, i11.delta),
        (d("6.4"), Some(d("6")), Some(d("5.6")), d("-0.8"))
    );
    assert_eq!(
        i11.reason().unwrap(),
        "初审：2家企业入驻协议已到期，核减；评审：1家企业上年度营收未达规模以上标准"
    );
    let i42 = r.indicator("4.2").unwrap();
    assert_eq!(i42.unexplained, vec![Stage::City]);
    assert_eq!(i42.confirmed, vec![Stage::District]);
    assert_eq!(r.unexplained, 1);
    // The round trip (now format 3) keeps every member.
    assert_eq!(Draft::from_json(&draft.to_json()).unwrap(), draft);
}

#[test]
fn a_share_link_round_trips_with_its_layers() {
    let k = keys();
    let mut draft = v2();
    sign(&mut draft, 0, &k);
    sign(&mut draft, 1, &k);
    let link = cqhr::share::encode(&draft.to_json()).unwrap();
    assert!(cqhr::share::is_share_fragment(&link));
    let back = Draft::from_json(&cqhr::share::decode(&link).unwrap()).unwrap();
    assert_eq!(back, draft);
    assert_eq!(back.reviews.len(), 2);
    assert!(layer_status(&back, 0).is_valid());
    assert!(layer_status(&back, 1).is_valid());
    assert_eq!(
        review::review(&back).unwrap(),
        review::review(&draft).unwrap()
    );
}

// ---- property: a stage's score is the merged inputs scored as a plain draft ----

fn value_for(kind: usize, n: u32) -> (&'static str, &'static str, Value) {
    match kind {
        0 => ("1.1", "firms", json!(20 + n % 20)),
        1 => ("1.1", "above_scale", json!((n % 20).to_string())),
        2 => (
            "1.2",
            "revenue_wan",
            json!(format!("{}.{}", n * 37, n % 10)),
        ),
        3 => ("4.2", "score", json!(format!("{}.{}", n % 5, n % 10))),
        4 => (
            "4.4",
            "tier",
            json!(["full", "basic", "poor", "none"][(n % 4) as usize]),
        ),
        5 => ("5.4", "violations", json!(n % 3)),
        _ => ("3.3", "events", json!(n % 12)),
    }
}

fn fields() -> impl Strategy<Value = Vec<(usize, u32)>> {
    prop::collection::vec((0usize..7, 0u32..200), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_score_at_any_stage_equals_scoring_the_merged_inputs_as_a_plain_draft(
        own in fields(), district in fields(), city in fields(), with_city in any::<bool>(),
    ) {
        // The merge, done here independently of the library: JSON objects laid over.
        let mut merged = [json!({}), json!({}), json!({})];
        let mut inputs = json!({});
        for (k, n) in &own {
            let (i, f, v) = value_for(*k, *n);
            inputs[i][f] = v;
        }
        merged[0] = inputs.clone();
        let mut layers = Vec::new();
        for (stage, set) in [("district", &district), ("city", &city)] {
            if stage == "city" && !with_city {
                continue;
            }
            let mut li = json!({});
            for (k, n) in set {
                let (i, f, v) = value_for(*k, *n);
                li[i][f] = v.clone();
                inputs[i][f] = v;
            }
            merged[if stage == "district" { 1 } else { 2 }] = inputs.clone();
            layers.push(json!({"stage": stage, "date": "2026-04-10", "inputs": li}));
        }
        if !with_city {
            merged[2] = merged[1].clone();
        }
        let draft = Draft::from_value(json!({
            "format": 2, "rubric": "specialized-park", "level": "city",
            "inputs": merged[0], "reviews": layers,
        })).unwrap();
        let r = review::review(&draft).unwrap();
        for (idx, stage) in [Stage::SelfAssessed, Stage::District, Stage::City].into_iter().enumerate() {
            let plain = Draft::from_value(json!({
                "rubric": "specialized-park", "level": "city", "inputs": merged[idx],
            })).unwrap();
            let expect = score_draft(&plain).unwrap();
            let got = review::score_stage(&draft, stage).unwrap();
            prop_assert_eq!(got.total, expect.total);
            prop_assert_eq!(&got.indicators, &expect.indicators);
            if let Some(t) = r.total(stage) {
                prop_assert_eq!(t, expect.total);
            }
            for i in &r.indicators {
                if let Some(s) = i.score(stage) {
                    prop_assert_eq!(s, expect.indicator(&i.id).unwrap().score);
                }
            }
        }
    }
}

// ---- ranking ----

fn named(mut draft: Draft, name: &str) -> Draft {
    draft.platform.name = name.into();
    draft
}

#[test]
fn the_ranking_uses_reviewed_totals_and_flags_self_only_drafts() {
    // A: self 13.4, district lowers it to 11 (signed). B: self 12, no review.
    let k = keys();
    let mut a = named(base(), "甲产业园");
    a.reviews = vec![layer(
        "district",
        json!({"1.1": {"firms": 20}, "4.4": {"tier": "poor"}}),
    )];
    sign(&mut a, 0, &k);
    let mut b = named(base(), "乙产业园");
    b.set_raw("4.2", "score", Some(json!("2.6")));
    assert_eq!(fmt_decimal(score_strict(&b).unwrap().total), "12");
    let ea = CohortEntry::from_draft(&a).unwrap();
    let eb = CohortEntry::from_draft(&b).unwrap();
    assert_eq!((ea.total, ea.stage), (d("11"), Stage::District));
    assert_eq!((eb.total, eb.stage), (d("12"), Stage::SelfAssessed));
    // One stage for the year (issue 20.5): the latest both have is 自评, so 甲 ranks on
    // its self-score 13.4, not its reviewed 11 set against 乙's unreviewed 12.
    let r = rank(&[ea.clone(), eb.clone()]);
    assert_eq!(r.years[0].stage, Stage::SelfAssessed);
    assert_eq!(
        (r.rows[0].name.as_str(), r.rows[0].total),
        ("甲产业园", d("13.4"))
    );
    assert!(r.years[0].lacking.is_empty());
    // Asked for 初审: 甲 on its review (11); 乙 lacks it, is ranked on its 12 and says so.
    let r = cqhr::domain::rank_with(
        &[ea.clone(), eb.clone()],
        &cqhr::domain::grade::RankOptions {
            stage: Some(Stage::District),
            ..Default::default()
        },
    );
    assert_eq!(
        r.rows[0].name, "乙产业园",
        "12 (self) above 11 (reviewed), said"
    );
    assert_eq!(r.rows[0].stage_text(), "自评（未经审核）");
    assert!(r.rows[0].stage_mixed);
    assert!(r.rows[0]
        .notes
        .iter()
        .any(|n| n.contains("尚无有效的区县初审")));
    assert_eq!(r.years[0].lacking, vec!["乙产业园"]);
    assert_eq!(r.rows[1].stage_text(), "初审");
    assert!(r.rows[1].reviewed());
    assert!(!r.rows[1].stage_mixed);
    let csv = cqhr::domain::to_csv(&r);
    assert!(csv.contains(",依据,"));
    assert!(csv.contains(",12,自评（未经审核）,"));
    assert!(csv.contains(",11,初审,"));
    // Ranked on self-scores only if asked.
    let self_only = CohortEntry::from_draft_at(&a, Stage::SelfAssessed).unwrap();
    assert_eq!(
        (self_only.total, self_only.stage),
        (d("13.4"), Stage::SelfAssessed)
    );

    // The platform edits after the review: the review's signature no longer holds.
    a.set_raw("4.2", "score", Some(json!("5")));
    let stale = CohortEntry::from_draft(&a).unwrap();
    assert_eq!((stale.total, stale.stage), (d("14.4"), Stage::SelfAssessed));
    assert_eq!(stale.stale, vec![Stage::District]);
    let r = rank(&[stale]);
    assert!(r.rows[0]
        .notes
        .iter()
        .any(|n| n.contains("区县初审未经有效签名")));
    assert_eq!(r.rows[0].stage_text(), "自评（未经审核）");
}

#[test]
fn an_entry_stored_before_reviews_reads_as_self() {
    let e = CohortEntry::new("x", "specialized-park", "2025", d("50"), true);
    let mut v = serde_json::to_value(&e).unwrap();
    v.as_object_mut().unwrap().remove("stage");
    let back: CohortEntry = serde_json::from_value(v).unwrap();
    assert_eq!(back.stage, Stage::SelfAssessed);
    assert!(back.stale.is_empty());
}

#[test]
fn stage_choices_parse() {
    assert_eq!(StageChoice::from_key("latest"), Some(StageChoice::Latest));
    assert_eq!(
        StageChoice::from_key("city"),
        Some(StageChoice::Stage(Stage::City))
    );
    assert_eq!(StageChoice::from_key("province"), None);
    assert_eq!(
        review::resolve(&base(), StageChoice::Stage(Stage::City)),
        None
    );
    // `latest` is the latest validly signed stage: none of the fixture's is (issue 21).
    assert_eq!(
        review::resolve(&v2(), StageChoice::Latest),
        Some(Stage::SelfAssessed)
    );
    let k = keys();
    let mut signed = v2();
    sign(&mut signed, 0, &k);
    sign(&mut signed, 1, &k);
    assert_eq!(
        review::resolve(&signed, StageChoice::Latest),
        Some(Stage::City)
    );
}

// ---- the command line ----

fn cqhr(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let w = std::thread::spawn(move || {
        let _ = pipe.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    w.join().unwrap();
    out
}

fn out_json(o: &Output) -> Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cqhr-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn cqhr_score_scores_the_chosen_stage() {
    let text = fixture_text("draft-v2.json");
    for (args, total, stage) in [
        (vec!["score", "-"], "13.4", "self"),
        (vec!["score", "-", "--stage", "self"], "13.4", "self"),
        (vec!["score", "-", "--stage", "district"], "11", "district"),
        (vec!["score", "-", "--stage=city"], "9.6", "city"),
        (vec!["score", "-", "--stage", "latest"], "13.4", "self"),
    ] {
        let v = out_json(&cqhr(&args, &text));
        assert_eq!(v["total"], total, "{args:?}");
        assert_eq!(v["stage"], stage, "{args:?}");
    }
    let o = cqhr(
        &["score", "-", "--stage", "city", "--format", "text"],
        &text,
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("【市级评审得分】"));
    // An absent stage, a bad stage name.
    let o = cqhr(
        &["score", "-", "--stage", "city"],
        &serde_json::to_string(&base()).unwrap(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有市级评审"));
    let o = cqhr(&["score", "-", "--stage", "province"], &text);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cqhr_review_prints_the_stages_side_by_side() {
    let text = fixture_text("draft-v2.json");
    let v = out_json(&cqhr(&["review", "-"], &text));
    assert_eq!(
        v["stages"],
        json!([
            {"stage": "self", "reviewer": "", "date": "", "total": "13.4", "status": "unsigned", "status_label": "未签名",
             "signer_key": null, "signature_code": null, "moved": [], "opinion": ""},
            {"stage": "district", "reviewer": "渝北区人力社保局 王敏", "date": "2026-04-10", "total": "11",
             "status": "legacy_unsigned", "status_label": "未签名（旧格式）", "signer_key": null, "signature_code": null, "moved": [],
             "opinion": "经初审，核减入驻企业2家，安全生产调整为执行较差，同意报送。"},
            {"stage": "city", "reviewer": "市人力社保局 评审组", "date": "2026-05-20", "total": "9.6", "status": "unsigned",
             "status_label": "未签名", "signer_key": null, "signature_code": null, "moved": [], "opinion": "评审通过。"}
        ])
    );
    let inds = v["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 19);
    let i11 = inds.iter().find(|i| i["id"] == "1.1").unwrap();
    assert_eq!(
        (&i11["self"], &i11["district"], &i11["city"], &i11["delta"]),
        (&json!("6.4"), &json!("6"), &json!("5.6"), &json!("-0.8"))
    );
    let i42 = inds.iter().find(|i| i["id"] == "4.2").unwrap();
    assert_eq!(i42["delta"], "-1");
    assert_eq!(i42["reason"], Value::Null);
    assert_eq!(i42["unexplained"], true);
    let i13 = inds.iter().find(|i| i["id"] == "1.3").unwrap();
    assert_eq!(
        (&i13["self"], &i13["delta"], &i13["reason"]),
        (&json!("0"), &json!("0"), &Value::Null)
    );
    assert_eq!(v["unexplained"], 1);
    assert_eq!(v["usable"], "self", "no stage is validly signed");

    // Absent stages are null.
    let v = out_json(&cqhr(
        &["review", "-"],
        &serde_json::to_string(&base()).unwrap(),
    ));
    assert_eq!(v["stages"].as_array().unwrap().len(), 1);
    assert_eq!(v["indicators"][0]["district"], Value::Null);
    assert_eq!(v["indicators"][0]["city"], Value::Null);

    let o = cqhr(&["review", "-", "--format", "text"], &text);
    let t = String::from_utf8_lossy(&o.stdout);
    for w in [
        "审核对照表",
        "区县初审  总分 11",
        "市级评审  总分 9.6",
        "未签名",
        "-0.8",
        "未说明的改动：1 处",
        "排名采用：平台自评",
        "审核意见",
    ] {
        assert!(t.contains(w), "{w:?} in\n{t}");
    }
}

#[test]
fn cqhr_refuses_bad_review_data_with_exit_2_naming_it() {
    for (what, reviews, at, indicator, field, _) in rejections() {
        let mut draft = base();
        draft.reviews = reviews;
        let text = draft.to_json();
        for cmd in ["score", "review"] {
            let o = cqhr(&[cmd, "-"], &text);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{what} via {cmd}: {err}");
            assert!(
                err.contains(&format!("审核第 {} 层", at + 1)),
                "{what}: {err}"
            );
            if let Some(i) = indicator {
                assert!(err.contains(i), "{what}: {err}");
            }
            assert!(err.contains(member_zh(field)), "{what}: {err}");
            assert!(!err.contains("panicked"), "{what}");
        }
        let file = temp_file("bad.json", &text);
        let o = cqhr(&["rank", &file], "");
        assert_eq!(o.status.code(), Some(2), "{what} via rank");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(member_zh(field)),
            "{what} via rank"
        );
    }
}

#[test]
fn cqhr_rank_ranks_on_one_stage_and_says_which() {
    let k = keys();
    let mut a = named(base(), "甲产业园");
    a.reviews = vec![layer(
        "district",
        json!({"1.1": {"firms": 20}, "4.4": {"tier": "poor"}}),
    )];
    sign(&mut a, 0, &k);
    let mut b = named(base(), "乙产业园");
    b.set_raw("4.2", "score", Some(json!("2.6")));
    let fa = temp_file("a.json", &a.to_json());
    let fb = temp_file("b.json", &b.to_json());
    let fd = temp_file("directory.json", &k.directory.to_json());
    let root = k.root_fingerprint.clone();
    let trusted = |extra: &[&str]| {
        let mut args = vec!["rank", &fa, &fb, "--directory", &fd, "--root", &root];
        args.extend_from_slice(extra);
        out_json(&cqhr(&args, ""))
    };
    // Without the directory, the district's signature cannot be told from a forgery:
    // even asked for, no 初审 is used.
    let v = out_json(&cqhr(&["rank", &fa, &fb, "--stage", "district"], ""));
    assert!(
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["stage"] == "self"),
        "{v}"
    );
    // Default: the latest stage both have, 自评.
    let v = trusted(&[]);
    assert_eq!(v["years"][0]["stage"], "self");
    assert_eq!(v["rows"][0]["name"], "甲产业园");
    assert_eq!(v["rows"][0]["total"], "13.4");
    // --stage district: 甲 on its signed 初审, 乙 on its self-score, said.
    let v = trusted(&["--stage", "district"]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(
        (&rows[0]["name"], &rows[0]["total"], &rows[0]["stage"]),
        (&json!("乙产业园"), &json!("12"), &json!("self"))
    );
    assert_eq!(rows[0]["reviewed"], false);
    assert_eq!(rows[0]["stage_mixed"], true);
    assert_eq!(
        (&rows[1]["name"], &rows[1]["total"], &rows[1]["stage_label"]),
        (&json!("甲产业园"), &json!("11"), &json!("初审"))
    );
    assert_eq!(v["years"][0]["lacking"], json!(["乙产业园"]));
    // --stage self ranks on self-scores.
    let v = trusted(&["--stage", "self"]);
    assert_eq!(v["rows"][0]["name"], "甲产业园");
    assert_eq!(v["rows"][0]["total"], "13.4");
    // CSV carries the stage column.
    let o = cqhr(
        &[
            "rank",
            &fa,
            &fb,
            "--directory",
            &fd,
            "--root",
            &root,
            "--format",
            "csv",
            "--stage",
            "district",
        ],
        "",
    );
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(csv.contains("总分,依据,认定条件"), "{csv}");
    assert!(csv.contains(",11,初审,"), "{csv}");
}

#[test]
fn signatures_say_which_stages_a_link_holds_and_who_signed() {
    let mut draft = v2();
    let s = review::signatures(&draft);
    assert_eq!(s.len(), 2);
    assert_eq!(
        (s[0].stage, s[0].reviewer.as_str()),
        (Stage::District, "渝北区人力社保局 王敏")
    );
    assert_eq!(s[0].status.label_zh(), "未签名（旧格式）");
    assert_eq!(
        (s[1].stage, s[1].status.label_zh()),
        (Stage::City, "未签名")
    );
    let k = keys();
    sign(&mut draft, 0, &k);
    assert_eq!(review::signatures(&draft)[0].status.label_zh(), "签名有效");
    draft.set_raw("1.1", "firms", Some(json!(30)));
    assert_eq!(
        review::signatures(&draft)[0].status.label_zh(),
        "签名无效（内容已改动）"
    );
}

#[test]
fn malformed_reviews_are_refused_naming_the_member() {
    for bad in [
        json!({}),
        json!("x"),
        json!([{"stage": "district", "date": 20260410}]),
        json!([{"stage": "district", "inputs": {"1.1": 5}}]),
    ] {
        let err =
            Draft::from_value(json!({"rubric": "specialized-park", "reviews": bad})).unwrap_err();
        assert_eq!(err.field().as_deref(), Some("reviews"), "{bad}: {err}");
        assert!(err.message.contains("reviews"), "{bad}: {err}");
        let o = cqhr(
            &["score", "-"],
            &json!({"rubric": "specialized-park", "reviews": bad}).to_string(),
        );
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
}

#[test]
fn the_seen_copy_keeps_a_link_short() {
    // Measured: the fixture's link with and without the district's `seen` copy.
    let draft = v2();
    let with = cqhr::share::encode(&draft.to_json()).unwrap().len();
    let mut bare = draft.clone();
    bare.reviews[0].seen = None;
    let without = cqhr::share::encode(&bare.to_json()).unwrap().len();
    eprintln!("link with seen {with} chars, without {without}");
    assert!(with < without + 200, "{with} vs {without}");
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[0-9０-９.,，\\- a-z]{0,8}".prop_map(Value::from),
        Just(json!("basic")),
        Just(json!("1e400")),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 0..3).prop_map(Value::from)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever a layer holds, nothing panics: it loads or is refused, and a loaded
    /// draft is reviewed, validated, ranked or refused.
    #[test]
    fn garbage_in_review_layers_never_panics(
        stages in prop::collection::vec(prop_oneof![Just("district"), Just("city"), Just("self"), Just(""), Just("市级")], 0..4),
        dates in prop::collection::vec("[0-9２-]{0,10}", 4),
        values in prop::collection::vec((
            prop_oneof![Just("1.1"), Just("4.2"), Just("4.4"), Just("9")],
            prop_oneof![Just("firms"), Just("above_scale"), Just("score"), Just("tier"), Just("x")],
            any_json(),
        ), 0..6),
        fp in prop::option::of("[0-9a-f]{0,16}"),
    ) {
        let layers: Vec<Value> = stages.iter().enumerate().map(|(i, s)| {
            let mut inputs = json!({});
            for (ind, f, v) in values.iter().skip(i) {
                inputs[*ind][*f] = v.clone();
            }
            json!({"stage": s, "date": dates[i], "inputs": inputs, "fingerprint": fp, "reasons": {"1.1": "x"}, "confirmed": ["4.2"]})
        }).collect();
        let v = json!({"rubric": "specialized-park", "inputs": {"1.1": {"firms": 3}}, "reviews": layers});
        if let Ok(mut draft) = Draft::from_value(v) {
            let _ = review::review(&draft);
            let _ = validate(&draft);
            let _ = usable_stage(&draft);
            let _ = review::signatures(&draft);
            let _ = CohortEntry::from_draft(&draft);
            for i in 0..draft.reviews.len() {
                let _ = review::changed_fields(&draft, i);
                confirm(&mut draft, i).unwrap();
                prop_assert!(!layer_status(&draft, i).is_valid(), "confirmed is not signed");
            }
            let _ = cqhr::share::encode(&draft.to_json());
        }
    }
}

/// How a message names a review member (plain Chinese, issue 15); an unknown field is
/// quoted as typed.
fn member_zh(field: &str) -> &str {
    match field {
        "inputs" => "核定数据",
        "reasons" => "核减说明",
        "confirmed" => "核实无误",
        "date" => "审核日期",
        "stage" => "审核阶段",
        "firms" => "企业总数",
        "score" => "评分",
        "tier" => "安全生产情况",
        "above_scale" => "规模以上",
        other => other,
    }
}
