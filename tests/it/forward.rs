//! Issue 22: nothing lost across versions. A draft keeps every member it does not know, at
//! every level, through load, edit, save, link and export (a property over random extra
//! members); the draft's serialised shape is pinned by a snapshot
//! (`tests/fixtures/draft-schema.json`) that fails when it changes without a format bump;
//! a newer format opens read-only and is never written; the bounds and the text cleaning
//! are the same for every reader.

use cqhr::domain::draft::application::{Application, MaterialEntry, Publicity};
use cqhr::domain::draft::certification::{Certification, Establishment, ReliefGrant};
use cqhr::domain::draft::keep::fields_of;
use cqhr::domain::draft::report::{EvidenceItem, ParagraphEdit, ReportEdits};
use cqhr::domain::draft::review::{ReviewLayer, Seen, SeenLayer};
use cqhr::domain::{Draft, Platform, FORMAT_VERSION};
use cqhr::store::{MemoryBackend, Store, StoreError};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// A draft with every member and every record filled in (every level has something).
fn full() -> Value {
    json!({
        "format": 2, "rubric": "comprehensive-park", "edition": "2025",
        "edition_fingerprint": "0123abcd", "level": "district",
        "platform": {"name": "两江新区人力资源服务产业园", "district": "渝北区", "year": "2025",
                     "fill_date": "2026-03-01", "branch": true},
        "choices": {"2.1/2.2": "2.2"},
        "inputs": {"1.1": {"firms": 22, "above_scale": "5"}, "4.4": {"tier": "basic"}},
        "notes": {"1.1": "名录见附件3"},
        "certification": {"local_support": true, "area_sqm": 12000,
            "relief": [{"condition": "area_sqm", "threshold": 8000, "deadline": "2027-06-30",
                        "document": "渝人社〔2026〕12号"}],
            "establishment": {"status": "preparing", "approved": "2026-01-05"}},
        "application": {"applicant": "重庆两江人力资源服务有限公司", "area_sqm": "12,000",
            "services": ["recruitment"], "materials": {"plan": {"ready": true, "pages": 3}},
            "publicity": {"start": "2026-02-01", "end": "2026-02-07"}},
        "previous_grade": "pass",
        "report": {"paragraphs": {"1.1": {"text": "自写的一段。", "facts": "0123456789abcdef"}}},
        "evidence": [{"indicator": "1.1", "name": "入驻企业名录及入驻协议", "pages": 3, "ready": true},
                     {"indicator": "", "name": "平台简介", "pages": "3页"}],
        "reviews": [{"stage": "district", "reviewer": "渝北区人力社保局 王敏", "date": "2026-04-10",
            "inputs": {"1.1": {"firms": 20}}, "reasons": {"1.1": "2家企业入驻协议已到期，核减"},
            "confirmed": ["4.2"], "opinion": "同意报送。", "fingerprint": "831a5ff11b598937",
            "seen": {"rubric": "comprehensive-park", "edition": "2025", "level": "city",
                     "choices": {}, "inputs": {"1.1": {"firms": "22"}}, "layers": []}}]
    })
}

/// The draft as this version writes it.
fn canonical(v: Value) -> Value {
    serde_json::from_str(&Draft::from_value(v).unwrap().to_json()).unwrap()
}

/// JSON paths of every record that keeps unknown members, in the full draft.
const LEVELS: &[&str] = &[
    "",
    "/platform",
    "/certification",
    "/certification/relief/0",
    "/certification/establishment",
    "/application",
    "/application/materials/plan",
    "/application/publicity",
    "/report",
    "/report/paragraphs/1.1",
    "/evidence/0",
    "/evidence/1",
    "/reviews/0",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        // Exact numbers this version must not round: huge, tiny, trailing zeros.
        prop_oneof![
            Just("1e400"),
            Just("0.10"),
            Just("-0"),
            Just("12345678901234567890123"),
            Just("3")
        ]
        .prop_map(|n| serde_json::from_str::<Value>(n).unwrap()),
        "[a-z王敏 ，。0-9]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// (level index, member name, value): members no record of this version knows.
fn arb_extras() -> impl Strategy<Value = Vec<(usize, String, Value)>> {
    prop::collection::vec((0..LEVELS.len(), "x_[a-z_]{1,8}", arb_json()), 1..8)
}

fn with_extras(base: &Value, extras: &[(usize, String, Value)]) -> Value {
    let mut v = base.clone();
    for (level, name, value) in extras {
        let Some(Value::Object(o)) = v.pointer_mut(LEVELS[*level]) else {
            panic!("no record at {}", LEVELS[*level]);
        };
        o.insert(name.clone(), value.clone());
    }
    v
}

fn round_trip(v: &Value) -> Value {
    let d = Draft::from_value(v.clone()).expect("a valid draft with extra members reads");
    serde_json::from_str(&d.to_json()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// decode → encode of a valid draft with random extra members at any level is lossless;
    /// so are an edit, a save and load through the store, and a share link.
    #[test]
    fn unknown_members_survive_decode_edit_save_and_link(extras in arb_extras()) {
        let base = canonical(full());
        let v = with_extras(&base, &extras);
        prop_assert_eq!(&round_trip(&v), &v);

        // Edited: what changed is the edit, nothing else.
        let mut d = Draft::from_value(v.clone()).unwrap();
        d.platform.district = "江北区".into();
        d.evidence[0].ready = false;
        d.reviews[0].opinion = "改过的意见。".into();
        let mut expected = v.clone();
        expected["platform"]["district"] = json!("江北区");
        expected["evidence"][0]["ready"] = json!(false);
        expected["reviews"][0]["opinion"] = json!("改过的意见。");
        let edited: Value = serde_json::from_str(&d.to_json()).unwrap();
        prop_assert_eq!(&edited, &expected);

        // Saved and loaded again (the browser's store), then shared by link.
        let mut s = Store::open(MemoryBackend::default());
        let id = s.add("园区", &d).unwrap();
        let loaded = s.load(&id).unwrap();
        prop_assert_eq!(&loaded, &d);
        let link = cqhr::share::encode(&loaded.to_json());
        if let Ok(fragment) = link {
            let json = cqhr::share::decode(&fragment).unwrap();
            let back: Value = serde_json::from_str(&Draft::from_json(&json).unwrap().to_json()).unwrap();
            prop_assert_eq!(&back, &expected);
        }
    }
}

/// Every record type's member names (its serde field list), by type.
fn members() -> Value {
    let list = |f: &[&str]| Value::from(f.to_vec());
    json!({
        "Draft": list(fields_of::<Draft>()),
        "Platform": list(fields_of::<Platform>()),
        "Certification": list(fields_of::<Certification>()),
        "ReliefGrant": list(fields_of::<ReliefGrant>()),
        "Establishment": list(fields_of::<Establishment>()),
        "Application": list(fields_of::<Application>()),
        "MaterialEntry": list(fields_of::<MaterialEntry>()),
        "Publicity": list(fields_of::<Publicity>()),
        "ReportEdits": list(fields_of::<ReportEdits>()),
        "ParagraphEdit": list(fields_of::<ParagraphEdit>()),
        "EvidenceItem": list(fields_of::<EvidenceItem>()),
        "ReviewLayer": list(fields_of::<ReviewLayer>()),
        "Seen": list(fields_of::<Seen>()),
        "SeenLayer": list(fields_of::<SeenLayer>()),
    })
}

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/draft-schema.json"
);

/// The schema snapshot: the format version, every record's member names and the full
/// draft as written. A change to any of them without a format bump fails here.
#[test]
fn the_draft_shape_changes_only_with_a_format_bump() {
    let now = json!({
        "format": FORMAT_VERSION,
        "members": members(),
        "written": canonical(full()),
    });
    if std::env::var("UPDATE_SCHEMA").is_ok() {
        std::fs::write(SCHEMA, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
        return;
    }
    let kept: Value = serde_json::from_str(&std::fs::read_to_string(SCHEMA).unwrap()).unwrap();
    if kept == now {
        return;
    }
    if kept["format"] == now["format"] {
        panic!(
            "The draft's serialised shape changed but FORMAT_VERSION is still {FORMAT_VERSION}.\n\
             Bump FORMAT_VERSION (src/domain/draft/mod.rs) and add a migration in Draft::read, \
             so that an older app opens the new drafts read-only instead of writing over them; \
             then record the new shape: UPDATE_SCHEMA=1 cargo test --test it forward::\n\
             was: {}\nnow: {}",
            serde_json::to_string_pretty(&kept).unwrap(),
            serde_json::to_string_pretty(&now).unwrap()
        );
    }
    panic!(
        "FORMAT_VERSION is {FORMAT_VERSION}, the snapshot records format {}: record the new \
         shape with UPDATE_SCHEMA=1 cargo test --test it forward::",
        kept["format"]
    );
}

/// A newer format: the strict readers refuse it in Chinese; the app's reader opens it,
/// keeps its format and everything, and the store never writes it.
#[test]
fn a_newer_format_is_refused_strictly_and_opened_read_only_by_the_app() {
    let mut v = canonical(full());
    v["format"] = json!(FORMAT_VERSION + 1);
    v["signatures"] = json!([{"layer": 0, "sm2": "3045022100ab"}]);
    v["reviews"][0]["countersignature"] = json!({"key": "04ab", "sig": "3045"});
    let text = v.to_string();
    let e = Draft::from_json(&text).unwrap_err();
    assert!(
        e.message.starts_with("此草稿由较新版本创建"),
        "{}",
        e.message
    );
    let d = Draft::open_json(&text).unwrap();
    assert_eq!(d.newer(), Some(FORMAT_VERSION + 1));
    let back: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(back, v, "read as far as known, written back whole");
    let mut s = Store::open(MemoryBackend::default());
    assert_eq!(s.add("新", &d), Err(StoreError::Newer(FORMAT_VERSION + 1)));
}

/// Control and bidi characters are cleaned by every reader, at every level.
#[test]
fn control_and_bidi_characters_are_cleaned_on_read() {
    let mut v = canonical(full());
    v["platform"]["name"] = json!("两江\u{0b}产业园\u{01}");
    v["reviews"][0]["reviewer"] = json!("王敏\u{202e}验核已");
    v["reviews"][0]["reasons"]["1.1"] = json!("核减\u{2066}说明\u{2069}");
    v["evidence"][0]["name"] = json!("名录\u{7f}");
    v["x_future"] = json!("新\u{202d}版");
    let d = Draft::from_value(v).unwrap();
    assert_eq!(d.platform.name, "两江\n产业园");
    assert_eq!(d.reviews[0].reviewer, "王敏验核已");
    assert_eq!(d.reviews[0].reasons["1.1"], "核减说明");
    assert_eq!(d.evidence[0].name, "名录");
    assert_eq!(d.extra["x_future"], "新版");
}

/// 1e400, NaN and friends: Chinese messages that name the field, no serde English.
#[test]
fn odd_numbers_get_chinese_messages() {
    let cases = [
        json!({"rubric": "comprehensive-park", "format": 1e300}),
        json!({"rubric": "comprehensive-park", "platform": {"name": 5}}),
        json!({"rubric": "comprehensive-park", "evidence": [{"ready": 1}]}),
        json!({"rubric": "comprehensive-park", "reviews": [{"stage": "district", "reviewer": ["x"]}]}),
        json!({"rubric": "comprehensive-park", "report": {"paragraphs": {"1.1": {"text": {"a": 1}}}}}),
    ];
    for v in cases {
        let e = Draft::from_value(v.clone()).unwrap_err();
        let ascii_words = e
            .message
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 2 && !["true", "false", "JSON"].contains(w))
            .filter(|w| !v.to_string().contains(*w))
            .collect::<Vec<_>>();
        assert!(
            ascii_words.is_empty(),
            "{v}: {} ({ascii_words:?})",
            e.message
        );
    }
    let big = r#"{"rubric": "comprehensive-park", "evidence": [{"ready": 1e400}]}"#;
    let e = Draft::from_json(big).unwrap_err();
    assert!(e.message.contains("数字"), "{}", e.message);
    assert!(!e.message.contains("对象"), "{}", e.message);
    for bad in ["NaN", "Infinity", "-Infinity"] {
        let text = format!(
            r#"{{"rubric": "comprehensive-park", "inputs": {{"1.1": {{"firms": {bad}}}}}}}"#
        );
        let e = Draft::from_json(&text).unwrap_err();
        assert!(
            e.message.starts_with("不是有效的 JSON 草稿"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("expected"), "{}", e.message);
    }
}

/// Every message a reader gives for a member of the wrong type, anywhere in the draft:
/// each leaf and record of the full draft swapped for a value of every other kind (1e400
/// included). The message is Chinese: no ASCII word but the draft's own member names and
/// values (and JSON's true/false/null).
#[test]
fn every_type_swap_anywhere_gets_a_chinese_message() {
    fn paths(v: &Value, at: String, out: &mut Vec<String>) {
        if !at.is_empty() {
            out.push(at.clone());
        }
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                paths(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| paths(x, format!("{at}/{i}"), out)),
            _ => {}
        }
    }
    let base = canonical(full());
    let mut all = Vec::new();
    paths(&base, String::new(), &mut all);
    let swaps: Vec<Value> = vec![
        serde_json::from_str("1e400").unwrap(),
        json!("文字"),
        json!([1]),
        json!({"a": 1}),
        json!(true),
        json!(null),
        json!(-3),
    ];
    // The format's own member names may be named (缺少“text”), and JSON's words.
    let mut allowed: Vec<String> = ["true", "false", "null", "JSON"].map(String::from).to_vec();
    for list in members().as_object().unwrap().values() {
        allowed.extend(
            list.as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string()),
        );
    }
    let mut refused = 0;
    for p in &all {
        for s in &swaps {
            let mut v = base.clone();
            *v.pointer_mut(p).unwrap() = s.clone();
            let Err(e) = Draft::from_value(v.clone()) else {
                continue;
            };
            refused += 1;
            let text = v.to_string();
            for w in e
                .message
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 2)
            {
                assert!(
                    allowed.iter().any(|a| a == w) || text.contains(w),
                    "{p} = {s}: “{}” says {w}",
                    e.message
                );
            }
            assert!(!e.message.contains("expected"), "{p} = {s}: {}", e.message);
        }
    }
    assert!(refused > 50, "only {refused} swaps were refused");
}

/// The app cleans what was typed before saving (`Draft::clean_text`): exact numbers a
/// newer version wrote, anywhere, stay exactly as written.
#[test]
fn cleaning_typed_text_keeps_exact_numbers() {
    let mut v = canonical(full());
    v["x_exact"] = serde_json::from_str("1e400").unwrap();
    v["platform"]["x_tiny"] = serde_json::from_str("0.10").unwrap();
    v["platform"]["name"] = json!("两江\u{0b}园");
    let mut d = Draft::from_value(v.clone()).unwrap();
    d.platform.name = "两江\u{0b}园".into();
    assert!(d.clean_text());
    let text = d.to_json();
    // (serde_json writes an exponent with its sign: the same exact number.)
    assert!(text.contains(r#""x_exact":1e+400"#), "{text}");
    assert!(text.contains(r#""x_tiny":0.10"#), "{text}");
    assert_eq!(d.platform.name, "两江\n园");
}
