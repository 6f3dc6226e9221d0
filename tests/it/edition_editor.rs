//! The edition editor's domain (issue 13, item 2): every edit operation on a `Work`, every
//! validation message (at the indicator and field), numbers kept as typed, publishing
//! through the import path, and a published edition scoring the hand-worked fixture.

use cqhr::domain::edition::edit::{
    grouped, next_field_key, next_indicator_id, Edit, Refused, Slot, Work, WorkProblem,
};
use cqhr::domain::edition::{self, ChangeKind};
use cqhr::domain::rubric::{self, Rubric, Term};
use cqhr::domain::{fmt_decimal, score_strict, Draft};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn base(id: &str) -> &'static Rubric {
    rubric::find(id, "2025").unwrap()
}

fn work(id: &str) -> Work {
    Work::start(base(id), "2026")
}

fn num(w: &mut Work, slot: Slot, text: &str) {
    w.apply(Edit::Number {
        slot,
        text: text.into(),
    })
    .unwrap();
}

fn cap(ind: &str) -> Slot {
    Slot::Cap {
        indicator: ind.into(),
    }
}

fn points(ind: &str, term: usize) -> Slot {
    Slot::Points {
        indicator: ind.into(),
        term,
    }
}

fn messages(w: &Work) -> Vec<String> {
    w.problems().into_iter().map(|p| p.message).collect()
}

fn at<'a>(w: &'a [WorkProblem], ind: &str) -> Vec<&'a WorkProblem> {
    w.iter()
        .filter(|p| p.indicator.as_deref() == Some(ind))
        .collect()
}

/// The 2026 of the browser test: 1.1 每家 0.2 → 0.3 分, 上限 10 → 12; 1.2 上限 12 → 10.
fn edited_2026(name: &str) -> Work {
    let mut w = Work::start(base("comprehensive-park"), name);
    num(&mut w, points("1.1", 0), "0.3");
    num(&mut w, cap("1.1"), "12");
    num(&mut w, cap("1.2"), "10");
    w
}

#[test]
fn a_fresh_copy_is_valid_except_for_its_name() {
    for id in rubric::RUBRIC_IDS {
        let w = work(id);
        assert!(w.problems().is_empty(), "{id}: {:?}", messages(&w));
        assert!(w.changes().is_empty());
        assert_eq!(w.base().map(|r| r.edition.as_str()), Some("2025"));
        // Starting under the base's own name is refused at the name.
        let same = Work::start(base(id), "2025");
        assert_eq!(
            messages(&same),
            ["新版本名称不能与起点版本“2025”相同，请另起名称（如 2026）"]
        );
    }
    let mut w = work("talent-market");
    w.apply(Edit::Edition("  ".into())).unwrap();
    assert_eq!(messages(&w), ["新版本名称须为1至20个字（如 2026）"]);
    w.apply(Edit::Edition("年".repeat(20))).unwrap();
    assert!(messages(&w).is_empty(), "{:?}", messages(&w));
    w.apply(Edit::Edition("年".repeat(21))).unwrap();
    assert_eq!(messages(&w).len(), 1);
}

#[test]
fn caps_must_add_up_to_100_and_the_message_clears_when_fixed() {
    let mut w = work("comprehensive-park");
    num(&mut w, points("1.1", 0), "0.3");
    num(&mut w, cap("1.1"), "12");
    let p = w.problems();
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].indicator, None);
    assert!(
        p[0].message
            .contains("各指标分值上限合计 102 分，应为 100 分"),
        "{}",
        p[0].message
    );
    assert!(p[0].message.contains("1 41"), "{}", p[0].message);
    num(&mut w, cap("1.2"), "10");
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
}

#[test]
fn what_was_typed_is_kept_and_named_at_its_slot() {
    let mut w = work("comprehensive-park");
    num(&mut w, cap("1.1"), "十二");
    assert_eq!(w.shown(&cap("1.1")), "十二");
    // The rubric keeps its last valid value.
    assert_eq!(w.value(&cap("1.1")), Some(d("10")));
    let p = w.problems();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].indicator.as_deref(), Some("1.1"));
    assert_eq!(p[0].slot.as_deref(), Some("cap:1.1"));
    assert!(p[0]
        .message
        .starts_with("指标 1.1 分值上限：“十二”不是数字"));
    assert!(w.publish().is_err());
    // Full-width digits are numbers.
    num(&mut w, cap("1.1"), "１１");
    assert_eq!(w.shown(&cap("1.1")), "１１");
    assert_eq!(w.value(&cap("1.1")), Some(d("11")));
    num(&mut w, cap("1.1"), "１０");
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    // A number being typed is shown as typed ("0." is not rewritten to "0").
    num(&mut w, cap("1.1"), "10.");
    assert_eq!(w.shown(&cap("1.1")), "10.");
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    // The work, typed text and all, survives a round trip through JSON (the reload).
    num(&mut w, points("1.2", 0), "0.1.5");
    let back: Work = serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
    assert_eq!(back, w);
    assert_eq!(back.shown(&points("1.2", 0)), "0.1.5");
}

#[test]
fn every_number_slot_is_edited_and_diffed() {
    let mut w = work("comprehensive-park");
    num(
        &mut w,
        Slot::SpecialPoints {
            indicator: "1.1".into(),
            term: 0,
        },
        "0.5",
    );
    num(
        &mut w,
        Slot::Unit {
            indicator: "1.2".into(),
            term: 0,
        },
        "2000",
    );
    num(
        &mut w,
        Slot::Threshold {
            indicator: "4.1".into(),
            term: 0,
        },
        "6000",
    );
    num(
        &mut w,
        Slot::Tier {
            indicator: "4.4".into(),
            term: 0,
            tier: 0,
        },
        "4",
    );
    num(&mut w, points("5.4", 0), "-2");
    let kinds: Vec<ChangeKind> = w.changes().iter().map(|c| c.kind).collect();
    assert!(kinds.contains(&ChangeKind::SpecialPoints), "{kinds:?}");
    assert!(kinds.contains(&ChangeKind::Unit));
    assert!(kinds.contains(&ChangeKind::Threshold));
    assert!(kinds.contains(&ChangeKind::TierPoints));
    let texts: Vec<String> = w.changes().into_iter().map(|c| c.text).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("计分单位 每1000万元 → 每2000万元")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("每起扣分 -1 分 → -2 分")),
        "{texts:?}"
    );
    // The tier moved above the cap: named at 4.4? The rubric's own check does not know
    // tiers' maxima; the diff shows it, the score caps it.
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    // A slot that does not exist is refused and changes nothing.
    let before = w.clone();
    assert!(w
        .apply(Edit::Number {
            slot: Slot::Threshold {
                indicator: "1.1".into(),
                term: 0
            },
            text: "5".into()
        })
        .is_err());
    assert!(w
        .apply(Edit::Number {
            slot: points("9.9", 0),
            text: "5".into()
        })
        .is_err());
    assert!(w
        .apply(Edit::Number {
            slot: points("1.1", 7),
            text: "5".into()
        })
        .is_err());
    assert_eq!(w, before);
}

#[test]
fn units_and_points_must_be_positive_named_at_the_field() {
    let mut w = work("comprehensive-park");
    num(&mut w, points("1.2", 0), "0");
    let p = w.problems();
    let here = at(&p, "1.2");
    assert_eq!(here.len(), 1, "{p:?}");
    assert_eq!(here[0].field.as_deref(), Some("revenue_wan"));
    assert_eq!(
        here[0].local,
        "计分单位（unit）和每单位分值（points/special_points）须大于0"
    );
    num(&mut w, points("1.2", 0), "0.1");
    num(&mut w, points("5.4", 0), "1");
    assert_eq!(at(&w.problems(), "5.4")[0].local, "扣分（points）须为负数");
    num(&mut w, points("5.4", 0), "-1");
    num(&mut w, cap("2.1"), "-8");
    let p = w.problems();
    assert!(
        at(&p, "2.1")
            .iter()
            .any(|p| p.local == "分值上限（cap）须大于0"),
        "{p:?}"
    );
}

#[test]
fn names_texts_readings_labels_and_presets_are_edited() {
    let mut w = work("comprehensive-park");
    w.apply(Edit::Title("2026 评分表".into())).unwrap();
    w.apply(Edit::GroupName {
        group: "1".into(),
        name: "促进产业高质量发展情况".into(),
    })
    .unwrap();
    w.apply(Edit::Name {
        indicator: "1.1".into(),
        name: "入驻企业数量".into(),
    })
    .unwrap();
    w.apply(Edit::Standard {
        indicator: "1.1".into(),
        text: "每入驻1家得0.3分。".into(),
    })
    .unwrap();
    w.apply(Edit::Reading {
        indicator: "1.2".into(),
        text: "  ".into(),
    })
    .unwrap();
    assert_eq!(w.rubric.indicator("1.2").unwrap().reading, None);
    w.apply(Edit::FieldLabel {
        indicator: "1.1".into(),
        field: "firms".into(),
        label: "入驻企业".into(),
    })
    .unwrap();
    w.apply(Edit::FieldUnit {
        indicator: "1.1".into(),
        field: "firms".into(),
        unit: "户".into(),
    })
    .unwrap();
    w.apply(Edit::TierLabel {
        indicator: "4.4".into(),
        term: 0,
        tier: 1,
        label: "一般".into(),
    })
    .unwrap();
    let judged = w
        .rubric
        .indicators
        .iter()
        .find(|i| !i.presets.is_empty())
        .map(|i| i.id.clone())
        .unwrap();
    w.apply(Edit::PresetLabel {
        indicator: judged.clone(),
        preset: 0,
        label: "符合".into(),
    })
    .unwrap();
    num(
        &mut w,
        Slot::Preset {
            indicator: judged.clone(),
            preset: 0,
        },
        "4",
    );
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    let kinds: Vec<ChangeKind> = w.changes().iter().map(|c| c.kind).collect();
    for k in [
        ChangeKind::Title,
        ChangeKind::GroupName,
        ChangeKind::Name,
        ChangeKind::Standard,
        ChangeKind::Reading,
        ChangeKind::FieldLabel,
    ] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
    // A preset above the cap, blank names and units are named.
    num(
        &mut w,
        Slot::Preset {
            indicator: judged.clone(),
            preset: 0,
        },
        "99",
    );
    w.apply(Edit::Name {
        indicator: "1.3".into(),
        name: "".into(),
    })
    .unwrap();
    w.apply(Edit::FieldUnit {
        indicator: "1.1".into(),
        field: "above_scale".into(),
        unit: " ".into(),
    })
    .unwrap();
    let p = w.problems();
    assert!(at(&p, &judged)
        .iter()
        .any(|p| p.message.contains("预设分值“符合”须在0至上限之间")));
    assert!(at(&p, "1.3").iter().any(|p| p
        .message
        .contains("指标名称（name）或评价标准（standard）为空")));
    assert!(at(&p, "1.1")
        .iter()
        .any(|p| p.field.as_deref() == Some("above_scale")
            && p.message.contains("填写项名称和单位不能为空")));
    // Unknown targets are refused.
    assert!(w
        .apply(Edit::GroupName {
            group: "9".into(),
            name: "x".into()
        })
        .is_err());
    assert!(w
        .apply(Edit::FieldLabel {
            indicator: "1.1".into(),
            field: "nope".into(),
            label: "x".into()
        })
        .is_err());
    assert!(w
        .apply(Edit::TierLabel {
            indicator: "1.1".into(),
            term: 0,
            tier: 0,
            label: "x".into()
        })
        .is_err());
}

#[test]
fn an_indicator_is_added_from_a_template_with_a_fresh_id_and_removed() {
    let mut w = work("comprehensive-park");
    assert_eq!(next_indicator_id(&w.rubric, "3"), "3.4");
    w.apply(Edit::AddIndicator {
        template: "3.1".into(),
    })
    .unwrap();
    let pos = w
        .rubric
        .indicators
        .iter()
        .position(|i| i.id == "3.4")
        .unwrap();
    assert_eq!(w.rubric.indicators[pos - 1].id, "3.3");
    assert_eq!(w.rubric.indicators[pos + 1].id, "4.1");
    // Its cap (4) now breaks the sum; lowering 3.1 and 3.2 by 2 each fixes it.
    let p = messages(&w);
    assert!(p[0].contains("合计 104 分"), "{p:?}");
    num(&mut w, cap("3.1"), "2");
    num(&mut w, cap("3.2"), "2");
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    let added: Vec<String> = w
        .changes()
        .into_iter()
        .filter(|c| c.kind == ChangeKind::IndicatorAdded)
        .map(|c| c.text)
        .collect();
    assert_eq!(
        added,
        ["综合性产业园：新增 3.4 产业园及入驻服务业企业完成行业科研课题数量（新增）（上限 4 分）"]
    );
    // Two more: 3.5, then removing 3.4 leaves 3.5, and the next is 3.6.
    w.apply(Edit::AddIndicator {
        template: "3.4".into(),
    })
    .unwrap();
    w.apply(Edit::RemoveIndicator {
        indicator: "3.4".into(),
    })
    .unwrap();
    assert!(w.rubric.indicator("3.5").is_some());
    assert_eq!(next_indicator_id(&w.rubric, "3"), "3.6");
    assert!(w
        .apply(Edit::RemoveIndicator {
            indicator: "3.4".into()
        })
        .is_err());
    // Removing an indicator with a number typed drops its typed text too.
    num(&mut w, cap("3.5"), "x");
    w.apply(Edit::RemoveIndicator {
        indicator: "3.5".into(),
    })
    .unwrap();
    assert!(!w.typed.keys().any(|k| k.contains("3.5")), "{:?}", w.typed);
    // Back to the 2025 caps: valid again.
    num(&mut w, cap("3.1"), "4");
    num(&mut w, cap("3.2"), "4");
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    assert!(w
        .apply(Edit::AddIndicator {
            template: "7.7".into()
        })
        .is_err());
}

#[test]
fn a_field_is_added_with_its_rule_and_removed() {
    let mut w = work("comprehensive-park");
    let ind = w.rubric.indicator("3.2").unwrap().clone();
    assert_eq!(next_field_key(&ind, "ordinary"), "ordinary_2");
    w.apply(Edit::AddField {
        indicator: "3.2".into(),
        template: "ordinary".into(),
    })
    .unwrap();
    let i = w.rubric.indicator("3.2").unwrap();
    assert_eq!(i.fields[1].key, "ordinary_2");
    assert!(matches!(i.terms.last(), Some(Term::PerUnit { field, .. }) if field == "ordinary_2"));
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    assert!(w
        .changes()
        .iter()
        .any(|c| c.kind == ChangeKind::FieldAdded || c.kind == ChangeKind::Rule));
    w.apply(Edit::RemoveField {
        indicator: "3.2".into(),
        field: "ordinary".into(),
    })
    .unwrap();
    let i = w.rubric.indicator("3.2").unwrap();
    assert!(!i.fields.iter().any(|f| f.key == "ordinary"));
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    // The rules with fixed fields refuse: 二者替代 (1.1), 档次 (4.4); the last field stays.
    let e = w
        .apply(Edit::AddField {
            indicator: "4.4".into(),
            template: "tier".into(),
        })
        .unwrap_err();
    assert!(matches!(&e, Refused::FixedFields { indicator, .. } if indicator == "4.4"));
    assert!(e.to_string().contains("不能再增加"), "{e}");
    let e = w
        .apply(Edit::RemoveField {
            indicator: "1.1".into(),
            field: "above_scale".into(),
        })
        .unwrap_err();
    assert_eq!(e.indicator(), Some("1.1"));
    assert!(matches!(&e, Refused::SharedRule(p) if p.field == "above_scale"));
    assert!(e.to_string().contains("不能单独删除"), "{e}");
    let e = w
        .apply(Edit::RemoveField {
            indicator: "1.2".into(),
            field: "revenue_wan".into(),
        })
        .unwrap_err();
    assert_eq!(e, Refused::LastField("1.2".into()));
    assert!(e.to_string().contains("至少保留一个填写项"), "{e}");
}

#[test]
fn choose_one_pairs_share_one_cap() {
    let mut w = work("specialized-park");
    let pair = w.rubric.pairs[0].clone();
    let (a, b) = (pair.members[0].clone(), pair.members[1].clone());
    // Moving one member's cap moves the pair's and the other's.
    let old = pair.cap;
    num(&mut w, cap(&a), &fmt_decimal(old + Decimal::ONE));
    assert_eq!(
        w.rubric.indicator(&b).unwrap().cap,
        Some(old + Decimal::ONE)
    );
    assert_eq!(w.rubric.pairs[0].cap, old + Decimal::ONE);
    assert!(w.changes().iter().any(|c| c.kind == ChangeKind::PairCap));
    num(&mut w, cap(&b), &fmt_decimal(old));
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    // Unpairing counts both caps: the sum breaks.
    w.apply(Edit::Unpair {
        pair: pair.id.clone(),
    })
    .unwrap();
    assert!(messages(&w)[0].contains("应为 100 分"));
    assert!(w.apply(Edit::Unpair { pair: pair.id }).is_err());
    // Pairing again: the second takes the first's cap.
    w.apply(Edit::Pair {
        first: a.clone(),
        second: b.clone(),
    })
    .unwrap();
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    assert!(w
        .apply(Edit::Pair {
            first: a.clone(),
            second: "1.1".into()
        })
        .unwrap_err()
        .to_string()
        .contains("已在选其一"));
    assert!(w
        .apply(Edit::Pair {
            first: a.clone(),
            second: a.clone()
        })
        .is_err());
    // A pair whose caps differ is named at the member.
    let mut w = work("comprehensive-park");
    w.apply(Edit::Pair {
        first: "3.1".into(),
        second: "3.2".into(),
    })
    .unwrap();
    assert_eq!(w.rubric.indicator("3.2").unwrap().cap, Some(d("4")));
    // 3.1 and 3.2 (4 each) now count once: the sum is 96.
    assert!(messages(&w)[0].contains("合计 96 分"), "{:?}", messages(&w));
    w.rubric
        .indicators
        .iter_mut()
        .find(|i| i.id == "3.2")
        .unwrap()
        .cap = Some(d("3"));
    let p = w.problems();
    assert!(at(&p, "3.2")
        .iter()
        .any(|p| p.message.contains("的上限与选其一的上限（cap）不同")));
    // Removing a member removes the pair.
    w.apply(Edit::RemoveIndicator {
        indicator: "3.1".into(),
    })
    .unwrap();
    assert!(w.rubric.pairs.is_empty());
}

#[test]
fn ids_must_be_unique_and_referenced_fields_exist() {
    let mut w = work("comprehensive-park");
    w.rubric.indicators[1].id = "1.1".into();
    w.rubric.indicators[2].fields[0].key = "nope".into();
    let p = w.problems();
    assert!(at(&p, "1.1").iter().any(|p| p.local == "指标编号重复"));
    assert!(at(&p, "1.3")
        .iter()
        .any(|p| p.field.as_deref() == Some("tax_wan") && p.local == "计分规则引用的字段不存在"));
}

#[test]
fn the_published_edition_is_an_edition_file_and_scores_the_fixture() {
    let w = edited_2026("2026-编辑器");
    let texts: Vec<String> = w.changes().into_iter().map(|c| c.text).collect();
    assert_eq!(
        texts,
        [
            "综合性产业园 1.1 线下入驻人力资源服务企业数量：上限 10 → 12",
            "综合性产业园 1.1 线下入驻人力资源服务企业数量：每家 0.2 分 → 0.3 分",
            "综合性产业园 1.2 线下入驻人力资源服务企业营收情况：上限 12 → 10",
        ]
    );
    let base = w.base();
    assert_eq!(
        grouped(&w.changes(), &w.rubric, base),
        [
            (
                "1.1 线下入驻人力资源服务企业数量".to_string(),
                vec![
                    "上限 10 → 12".to_string(),
                    "每家 0.2 分 → 0.3 分".to_string()
                ]
            ),
            (
                "1.2 线下入驻人力资源服务企业营收情况".to_string(),
                vec!["上限 12 → 10".to_string()]
            ),
        ]
    );
    let (r, json) = w.publish().unwrap();
    assert_eq!(r, w.rubric);
    // The same text imports as a file.
    assert_eq!(edition::parse(&json).unwrap().rubrics, vec![r.clone()]);
    let held = edition::register(r);
    let code = edition::short_of(held);
    // The fixture (2025: 78) under it: 1.1 (37 − 8) × 0.3 + 8 × 0.6 = 13.5 → cap 12;
    // 1.2 ⌊118999.99 ÷ 1000⌋ × 0.1 = 11.8 → cap 10; 78 + 2 − 1.8 = 78.2.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/full-comprehensive-park.json"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut draft = v["draft"].clone();
    draft["edition"] = json!("2026-编辑器");
    draft["edition_fingerprint"] = json!(code);
    let report = score_strict(&Draft::from_value(draft).unwrap()).unwrap();
    assert_eq!(report.total, d("78.2"));
    assert_eq!(report.indicator("1.1").unwrap().score, d("12"));
    assert_eq!(report.indicator("1.2").unwrap().score, d("10"));
}

#[test]
fn an_invalid_work_does_not_publish_and_says_why() {
    let mut w = work("comprehensive-park");
    num(&mut w, cap("1.1"), "12");
    let e = w.publish().unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("应为 100 分"));
}

#[test]
fn hostile_edits_never_panic() {
    let mut w = work("talent-market");
    let ids: Vec<String> = w.rubric.indicators.iter().map(|i| i.id.clone()).collect();
    for id in ids.iter().chain([&"".to_string(), &"x:y".to_string()]) {
        for text in [
            "",
            "-",
            "1e999999",
            "９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９",
            "NaN",
            "0",
        ] {
            for slot in [
                cap(id),
                points(id, 0),
                points(id, 99),
                Slot::Unit {
                    indicator: id.clone(),
                    term: 0,
                },
                Slot::Tier {
                    indicator: id.clone(),
                    term: 0,
                    tier: 9,
                },
                Slot::Preset {
                    indicator: id.clone(),
                    preset: 3,
                },
            ] {
                let _ = w.apply(Edit::Number {
                    slot,
                    text: text.into(),
                });
            }
        }
        let _ = w.apply(Edit::AddIndicator {
            template: id.clone(),
        });
        let _ = w.apply(Edit::RemoveField {
            indicator: id.clone(),
            field: "x".into(),
        });
        let _ = w.problems();
        let _ = w.changes();
    }
    let all: Vec<String> = w.rubric.indicators.iter().map(|i| i.id.clone()).collect();
    for id in all {
        let _ = w.apply(Edit::RemoveIndicator { indicator: id });
    }
    assert!(w.rubric.indicators.is_empty());
    assert!(!w.problems().is_empty());
    assert!(w.publish().is_err());
}

#[test]
fn changes_are_grouped_by_indicator_with_removed_ones_named_from_the_base() {
    let mut w = work("comprehensive-park");
    w.apply(Edit::Title("新标题".into())).unwrap();
    w.apply(Edit::RemoveIndicator {
        indicator: "3.3".into(),
    })
    .unwrap();
    w.apply(Edit::AddIndicator {
        template: "3.2".into(),
    })
    .unwrap();
    let g = grouped(&w.changes(), &w.rubric, w.base());
    let headings: Vec<&str> = g.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "评分表整体",
            "3.3 产业园组织参加行业活动情况",
            "3.4 产业园组织开展行业活动情况（新增）"
        ]
    );
    assert_eq!(g[1].1, ["删除 3.3 产业园组织参加行业活动情况"]);
    assert!(g[0].1[0].starts_with("标题"), "{:?}", g[0]);
}

/// A changed number under an unchanged 评价标准 is a reminder, not a problem: the 得分表
/// prints the text, so "每入驻1家得0.2分" beside 0.3 分 per firm would contradict itself.
#[test]
fn a_number_changed_under_an_unchanged_standard_is_a_reminder_that_does_not_block() {
    let mut w = edited_2026("2026");
    assert!(w.problems().is_empty(), "{:?}", messages(&w));
    let r = w.reminders();
    let ids: Vec<_> = r
        .iter()
        .map(|p| p.indicator.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["1.1", "1.2"]);
    assert!(r.iter().all(|p| p.field.as_deref() == Some("standard")));
    assert_eq!(
        r[0].message,
        "分值已改（上限 10 → 12；每家 0.2 分 → 0.3 分），评价标准的文字未改：得分表照印评价标准，请核对是否需要一并修改"
    );
    // Publishing is not blocked by it.
    assert!(w.publish().is_ok());
    // Rewording 1.1's standard answers its reminder; 1.2's stays.
    w.apply(Edit::Standard {
        indicator: "1.1".into(),
        text: "线下入驻企业，每入驻1家得0.3分，入驻规模以上企业的，每入驻1家得0.6分，最高12分。"
            .into(),
    })
    .unwrap();
    let ids: Vec<_> = w
        .reminders()
        .into_iter()
        .filter_map(|p| p.indicator)
        .collect();
    assert_eq!(ids, ["1.2"]);
    // Names and texts alone remind of nothing; a fresh copy neither.
    let mut w = work("talent-market");
    assert!(w.reminders().is_empty());
    w.apply(Edit::Name {
        indicator: "1.1".into(),
        name: "人力资源服务功能".into(),
    })
    .unwrap();
    assert!(w.reminders().is_empty());
}

/// What the editor shows at an indicator is the tail of the whole sentence, carried as its
/// own value (`WorkProblem::local`, `Change::detail`), never cut out of the sentence.
#[test]
fn words_shown_at_a_place_are_the_tail_of_the_whole_sentence() {
    let mut w = edited_2026("2026");
    num(&mut w, points("1.2", 0), "0");
    num(&mut w, cap("2.1"), "-8");
    num(&mut w, points("5.4", 0), "1");
    let problems = w.problems();
    assert!(problems.len() >= 4, "{problems:?}");
    for p in &problems {
        assert!(!p.local.is_empty(), "{p:?}");
        assert!(p.message.ends_with(&p.local), "{p:?}");
    }
    let pointed = at(&problems, "1.2");
    assert_eq!(
        pointed[0].message,
        format!(
            "评分表 comprehensive-park（2026版）指标 1.2 字段 revenue_wan：{}",
            pointed[0].local
        )
    );
    let changes = w.changes();
    assert!(!changes.is_empty());
    for c in &changes {
        assert!(!c.detail.is_empty(), "{c:?}");
        assert!(c.text.ends_with(&c.detail), "{c:?}");
        assert!(
            c.text == c.detail || c.text.ends_with(&format!("：{}", c.detail)),
            "{c:?}"
        );
    }
    let reminders = w.reminders();
    assert!(
        reminders.iter().all(|r| r.message == r.local),
        "{reminders:?}"
    );
}
