//! Editions from outside the build (issue 13): edition files read and checked within
//! bounds, fingerprints, the runtime registry beside the bundled editions, drafts that
//! name a missing edition, the diff of two editions, moving a draft, and `cqhr --rubrics`,
//! `cqhr rubrics check`, `cqhr rubrics diff`.
//!
//! The edited edition "2026" used below is the 2025 data with these changes (the caps of
//! every rubric still add up to 100):
//!
//! * 附表2 综合性产业园: 1.1 每入驻1家 0.2 → 0.3 分 (规模以上 0.6 unchanged), 1.1 上限 10 → 12,
//!   1.2 上限 12 → 10.
//! * 附表3 专业性产业园: 1.1 每家 0.2 → 0.3 分, 上限 10 → 12; 1.3 上限 6 → 4.
//! * 附表4 人才市场: 1.1 每项职能 0.5 → 0.6 分; 1.3 上限 4 → 5; 1.4 上限 10 → 9.

use crate::common::d;
use cqhr::domain::edition::{self, ChangeKind};
use cqhr::domain::{fmt_decimal, score_strict, Draft, Rubric};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};

fn bundled(id: &str) -> Value {
    let path = format!("{}/rubrics/2025/{id}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn indicator<'a>(r: &'a mut Value, id: &str) -> &'a mut Value {
    r["indicators"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["id"] == id)
        .unwrap()
}

/// The edited edition described at the top, under the name `name`, as one array file.
fn edited(name: &str) -> Value {
    let mut c = bundled("comprehensive-park");
    c["edition"] = json!(name);
    assert_eq!(indicator(&mut c, "1.1")["terms"][0]["points"], "0.2");
    indicator(&mut c, "1.1")["terms"][0]["points"] = json!("0.3");
    indicator(&mut c, "1.1")["cap"] = json!("12");
    indicator(&mut c, "1.2")["cap"] = json!("10");

    let mut s = bundled("specialized-park");
    s["edition"] = json!(name);
    indicator(&mut s, "1.1")["terms"][0]["points"] = json!("0.3");
    indicator(&mut s, "1.1")["cap"] = json!("12");
    assert_eq!(indicator(&mut s, "1.3")["cap"], "6");
    indicator(&mut s, "1.3")["cap"] = json!("4");

    let mut t = bundled("talent-market");
    t["edition"] = json!(name);
    assert_eq!(indicator(&mut t, "1.1")["terms"][0]["points"], "0.5");
    indicator(&mut t, "1.1")["terms"][0]["points"] = json!("0.6");
    indicator(&mut t, "1.3")["cap"] = json!("5");
    indicator(&mut t, "1.4")["cap"] = json!("9");
    json!([c, s, t])
}

fn parse_ok(v: &Value) -> Vec<Rubric> {
    match edition::parse(&v.to_string()) {
        Ok(f) => f.rubrics,
        Err(e) => panic!("edition refused: {e:#?}"),
    }
}

fn parse_err(text: &str) -> Vec<String> {
    match edition::parse(text) {
        Ok(_) => panic!("edition accepted: {}", &text[..text.len().min(200)]),
        Err(e) => {
            assert!(!e.is_empty());
            e.problems
        }
    }
}

fn fixture_draft(id: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/full-{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["draft"].clone()
}

/// The fixture draft renamed to an edition (and fingerprint).
fn under(id: &str, name: &str, code: &str) -> Draft {
    let mut v = fixture_draft(id);
    v["edition"] = json!(name);
    v["edition_fingerprint"] = json!(code);
    Draft::from_value(v).unwrap()
}

/// Hand-worked totals under the edited edition (the 2025 totals are the fixtures'):
///
/// * 综合性 (2025: 78). 1.1: 37 家 of which 8 规模以上 → (37 − 8) × 0.3 + 8 × 0.6 = 8.7 + 4.8
///   = 13.5, capped at the new 12 (was 10). 1.2: ⌊118999.99 ÷ 1000⌋ × 0.1 = 11.8, capped at
///   the new 10 (was 11.8). 78 + 2 − 1.8 = 78.2.
/// * 专业性 (2025: 74.2). 1.1: (24 − 5) × 0.3 + 5 × 0.6 = 5.7 + 3 = 8.7 (was 6.8; cap 12).
///   1.3: ⌊350 ÷ 5⌋ × 0.1 = 7, capped at the new 4 (was 6). 74.2 + 1.9 − 2 = 74.1.
/// * 人才市场 (2025: 63). 1.1: 6 项职能 × 0.6 = 3.6 (was 3; cap 4). 1.3: 15 × 0.3 = 4.5,
///   capped at the new 5 → 4.5 (was 4). 1.4: ⌊8650 ÷ 100⌋ × 0.1 = 8.6 ≤ 9 (unchanged).
///   63 + 0.6 + 0.5 = 64.1.
#[allow(clippy::type_complexity)] // a table of literals, one row an edition
const EDITED: [(&str, &str, &[(&str, &str)]); 3] = [
    (
        "comprehensive-park",
        "78.2",
        &[("1.1", "12"), ("1.2", "10")],
    ),
    ("specialized-park", "74.1", &[("1.1", "8.7"), ("1.3", "4")]),
    (
        "talent-market",
        "64.1",
        &[("1.1", "3.6"), ("1.3", "4.5"), ("1.4", "8.6")],
    ),
];

#[test]
fn an_edited_edition_scores_the_fixtures_to_hand_worked_totals() {
    let rubrics = parse_ok(&edited("2026"));
    assert_eq!(rubrics.len(), 3);
    for r in &rubrics {
        assert_eq!(fmt_decimal(r.cap_total()), "100", "{}", r.id);
    }
    let held: Vec<&'static Rubric> = rubrics.into_iter().map(edition::register).collect();
    for (id, total, indicators) in EDITED {
        let r = held.iter().find(|r| r.id == id).unwrap();
        let code = edition::short_of(r);
        assert_eq!(code.len(), 8);
        let report = score_strict(&under(id, "2026", &code)).unwrap();
        assert_eq!(report.edition, "2026");
        assert_eq!(report.total, d(total), "{id}");
        for (ind, want) in indicators {
            assert_eq!(report.indicator(ind).unwrap().score, d(want), "{id} {ind}");
        }
        // The same draft under 2025 keeps the fixture's total.
        let old = score_strict(&under(id, "2025", "")).unwrap();
        assert_ne!(old.total, report.total, "{id}");
    }
}

#[test]
fn fingerprints_are_stable_and_tell_contents_apart() {
    let a = parse_ok(&edited("2026"));
    let b = parse_ok(&edited("2026"));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(edition::fingerprint(x), edition::fingerprint(y));
        assert_eq!(edition::fingerprint(x).len(), 16);
    }
    // Pretty-printing or reordering the file's members does not change the fingerprint.
    let pretty = serde_json::to_string_pretty(&edited("2026")).unwrap();
    let c = edition::parse(&pretty).unwrap().rubrics;
    assert_eq!(edition::fingerprint(&a[0]), edition::fingerprint(&c[0]));
    // The bundled 2025 edition and the edited one differ.
    let base = cqhr::domain::rubric::find("comprehensive-park", "2025").unwrap();
    assert_ne!(edition::short(base), edition::short(&a[0]));
}

#[test]
fn one_rubric_per_file_and_an_object_of_rubrics_are_read_too() {
    let all = edited("2026-单");
    let one = parse_ok(&all[0]);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].id, "comprehensive-park");
    let obj = json!({"a": all[0], "b": all[1], "c": all[2]});
    assert_eq!(parse_ok(&obj).len(), 3);
}

#[test]
fn a_draft_naming_a_missing_edition_scores_nothing_and_names_the_fingerprint() {
    let draft = under("comprehensive-park", "2031", "deadbeef");
    let errors = score_strict(&draft).unwrap_err();
    let msg = errors[0].to_string();
    assert!(msg.contains("2031") && msg.contains("deadbeef"), "{msg}");
    assert!(msg.contains("导入"), "{msg}");
    // Without a fingerprint: still nothing scored, the edition named.
    let errors = score_strict(&under("comprehensive-park", "2031", "")).unwrap_err();
    assert!(errors[0].to_string().contains("2031"), "{}", errors[0]);
    // A fingerprint that differs from the bundled 2025's is not scored under it either.
    let errors = score_strict(&under("comprehensive-park", "2025", "0badc0de")).unwrap_err();
    let msg = errors[0].to_string();
    let real = edition::short(cqhr::domain::rubric::find("comprehensive-park", "2025").unwrap());
    assert!(
        msg.contains("0badc0de") && msg.contains(&real),
        "{msg} / {real}"
    );
}

#[test]
fn a_draft_naming_a_missing_edition_still_opens_and_is_kept() {
    // Readable: the rubric type is known, the edition is not held. The app opens it (it
    // scores nothing and says which edition it needs) rather than refusing or
    // quarantining it; an unknown rubric type is still refused.
    let draft = under("comprehensive-park", "2031", "deadbeef");
    assert!(draft.rubric().is_err());
    let draft = draft.readable().unwrap();
    let mut v = fixture_draft("comprehensive-park");
    v["rubric"] = json!("no-such-rubric");
    assert!(Draft::from_value(v).and_then(Draft::readable).is_err());

    let mut s = cqhr::store::Store::open(cqhr::store::MemoryBackend::default());
    let id = s.add("2031 草稿", &draft).unwrap();
    let back = s.load(&id).expect("kept, not quarantined");
    assert_eq!(
        (back.edition.as_str(), back.edition_fingerprint.as_str()),
        ("2031", "deadbeef")
    );
    assert!(score_strict(&back).is_err());
}

#[test]
fn two_editions_with_the_same_id_and_different_fingerprints_are_never_confused() {
    // Two files both called "2027": one is the edited edition, one the 2025 weights.
    let edited = parse_ok(&edited("2027"));
    let mut plain = bundled("comprehensive-park");
    plain["edition"] = json!("2027");
    let plain = parse_ok(&plain);
    let a = edition::register(edited[0].clone());
    let b = edition::register(plain[0].clone());
    assert!(!std::ptr::eq(a, b));
    let (ca, cb) = (edition::short_of(a), edition::short_of(b));
    assert_ne!(ca, cb);
    // Registering the same content again gives the held copy back.
    assert!(std::ptr::eq(edition::register(edited[0].clone()), a));
    assert_eq!(edition::candidates("comprehensive-park", "2027").len(), 2);

    let ta = score_strict(&under("comprehensive-park", "2027", &ca))
        .unwrap()
        .total;
    let tb = score_strict(&under("comprehensive-park", "2027", &cb))
        .unwrap()
        .total;
    assert_eq!((ta, tb), (d("78.2"), d("78")));
    // A fingerprint in capitals is the same code.
    let upper = score_strict(&under(
        "comprehensive-park",
        "2027",
        &ca.to_ascii_uppercase(),
    ))
    .unwrap();
    assert_eq!(upper.total, d("78.2"));
    // No fingerprint: two candidates, nothing scored, both codes named.
    let errors = score_strict(&under("comprehensive-park", "2027", "")).unwrap_err();
    let msg = errors[0].to_string();
    assert!(msg.contains(&ca) && msg.contains(&cb), "{msg}");
}

#[test]
fn a_draft_made_for_an_imported_edition_records_its_fingerprint() {
    let r = edition::register(parse_ok(&edited("2028"))[1].clone());
    let draft = Draft::for_rubric(r);
    assert_eq!(draft.edition, "2028");
    assert_eq!(draft.edition_fingerprint, edition::short_of(r));
    let text = draft.to_json();
    assert!(text.contains("\"edition_fingerprint\""), "{text}");
    let back = Draft::from_json(&text).unwrap();
    assert!(std::ptr::eq(back.rubric().unwrap(), r));
    // A bundled-edition draft stays as small as before: no fingerprint member.
    assert!(!Draft::new("talent-market")
        .to_json()
        .contains("edition_fingerprint"));
}

// ---- validation: every error named by indicator and field, in Chinese ----

fn problems_of(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut r = bundled("comprehensive-park");
    r["edition"] = json!("2029");
    edit(&mut r);
    parse_err(&r.to_string())
}

fn has(problems: &[String], parts: &[&str]) {
    assert!(
        problems.iter().any(|p| parts.iter().all(|x| p.contains(x))),
        "no problem containing {parts:?} in {problems:#?}"
    );
}

#[test]
fn caps_must_add_up_to_100() {
    let p = problems_of(|r| indicator(r, "1.2")["cap"] = json!("13"));
    has(&p, &["comprehensive-park", "2029", "101", "应为 100"]);
}

#[test]
fn every_referenced_field_must_exist() {
    let p = problems_of(|r| indicator(r, "1.2")["terms"][0]["field"] = json!("income"));
    has(&p, &["指标 1.2", "字段 income", "不存在"]);
    // … and the declared field is now read by nothing.
    has(&p, &["指标 1.2", "字段 revenue_wan", "没有计分规则读取"]);
}

#[test]
fn units_and_points_must_be_positive() {
    let p = problems_of(|r| indicator(r, "1.2")["terms"][0]["unit"] = json!("0"));
    has(
        &p,
        &["指标 1.2", "字段 revenue_wan", "计分单位（unit）", "大于0"],
    );
    let p = problems_of(|r| indicator(r, "1.1")["terms"][0]["points"] = json!("-0.2"));
    has(&p, &["指标 1.1", "字段 firms", "大于0"]);
    let p = problems_of(|r| indicator(r, "1.3")["cap"] = json!("0"));
    has(&p, &["指标 1.3", "分值上限（cap）须大于0"]);
}

#[test]
fn ids_must_be_unique() {
    let p = problems_of(|r| {
        let copy = indicator(r, "1.3").clone();
        let inds = r["indicators"].as_array_mut().unwrap();
        let mut dup = copy;
        dup["cap"] = json!("0.5");
        inds.push(dup);
    });
    has(&p, &["指标 1.3", "指标编号重复"]);
    let p = problems_of(|r| {
        let f = indicator(r, "1.1")["fields"][0].clone();
        indicator(r, "1.1")["fields"]
            .as_array_mut()
            .unwrap()
            .push(f);
    });
    has(&p, &["指标 1.1", "字段 firms", "重复"]);
    // Two rubrics of the same id and edition in one file.
    let r = bundled("talent-market");
    let e = parse_err(&json!([r, r]).to_string());
    has(&e, &["talent-market", "出现两次"]);
}

#[test]
fn wrong_types_and_unknown_ids_get_chinese_messages_naming_the_member() {
    let p = problems_of(|r| indicator(r, "1.2")["cap"] = json!(true));
    has(&p, &["indicators[1].cap", "类型不对"]);
    let p = problems_of(|r| r["indicators"] = json!("很多"));
    has(&p, &["indicators", "类型不对"]);
    let p = problems_of(|r| indicator(r, "1.2")["terms"][0]["kind"] = json!("bonus"));
    has(&p, &["indicators[1].terms[0].kind", "未知的取值“bonus”"]);
    let p = problems_of(|r| r["id"] = json!("job-fair"));
    has(&p, &["job-fair", "编号（id）须为"]);
    let p = problems_of(|r| indicator(r, "1.2")["group"] = json!("9"));
    has(&p, &["指标 1.2", "一级指标（group）“9”不存在"]);
    for text in [
        "",
        "null",
        "42",
        "\"2026\"",
        "[]",
        "{}",
        "{\"indicators\":",
        "\u{feff}[",
    ] {
        let e = parse_err(text);
        assert!(
            e.iter().all(|m| !m.is_ascii()),
            "{text:?}: not Chinese: {e:?}"
        );
    }
}

// ---- hostile files: a message, never a panic or a long hang ----

/// Bounded time: generous for a debug build on a loaded 2-core machine (the 10^6 case
/// takes about 0.3 s in a quiet debug build); a hang would take far longer.
fn quick<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = std::time::Instant::now();
    let out = f();
    assert!(
        t.elapsed() < std::time::Duration::from_secs(30),
        "{what}: {:?}",
        t.elapsed()
    );
    out
}

#[test]
fn hostile_edition_files_get_a_message() {
    // Huge: 3 MB of text.
    let huge = format!("[{}]", "\"x\",".repeat(750_000));
    let e = quick("huge", || parse_err(&huge));
    has(&e, &["文件过大", "2 MB"]);
    // Deeply nested: 100 000 brackets.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let e = quick("deep", || parse_err(&deep));
    has(&e, &["嵌套层数超过"]);
    // Brackets inside strings do not count as nesting.
    let mut r = bundled("comprehensive-park");
    r["edition"] = json!("2029-括号");
    r["title"] = json!("[".repeat(100));
    parse_ok(&r);
    // 10^6 indicators (2 MB, just under the size limit).
    let mut many = bundled("comprehensive-park");
    many["indicators"] = json!([]);
    let text = many.to_string().replace(
        "\"indicators\":[]",
        &format!("\"indicators\":[{}0]", "0,".repeat(999_999)),
    );
    assert!(text.len() < edition::MAX_BYTES);
    let e = quick("10^6 indicators", || parse_err(&text));
    has(&e, &["1000000 个指标", "至多 200"]);
    // Too many rubrics in one file.
    let e = parse_err(&json!(vec![json!({}); 13]).to_string());
    has(&e, &["13 张评分表"]);
}

// ---- the diff of two editions ----

#[test]
fn the_diff_of_a_known_change() {
    let base: Vec<&Rubric> = cqhr::domain::rubric::all()
        .iter()
        .filter(|r| r.edition == "2025")
        .collect();
    let mut file = edited("2026");
    // Also a new indicator 3.4 in 附表2, its cap taken from 3.3 (3 → 1).
    {
        let c = &mut file[0];
        assert_eq!(indicator(c, "3.3")["cap"], "3");
        indicator(c, "3.3")["cap"] = json!("1");
        let mut new = indicator(c, "3.3").clone();
        new["id"] = json!("3.4");
        new["name"] = json!("数字化服务");
        new["cap"] = json!("2");
        let inds = c["indicators"].as_array_mut().unwrap();
        let at = inds.iter().position(|i| i["id"] == "3.3").unwrap() + 1;
        inds.insert(at, new);
    }
    let new = parse_ok(&file);
    let new: Vec<&Rubric> = new.iter().collect();
    let changes = edition::diff(&base, &new);
    let texts: Vec<&str> = changes.iter().map(|c| c.text.as_str()).collect();
    let c11 = changes
        .iter()
        .find(|c| {
            c.rubric == "comprehensive-park"
                && c.indicator.as_deref() == Some("1.1")
                && c.kind == ChangeKind::Points
        })
        .unwrap();
    assert_eq!(
        (c11.from.as_deref(), c11.to.as_deref()),
        (Some("0.2"), Some("0.3"))
    );
    assert!(c11.text.contains("每家 0.2 分 → 0.3 分"), "{}", c11.text);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("1.2") && t.contains("上限 12 → 10")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("新增 3.4 数字化服务（上限 2 分）")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("人才市场") && t.contains("每项 0.5 分 → 0.6 分")),
        "{texts:#?}"
    );
    // Exactly the changes made: 附表2 1.1 points, 1.1 cap, 1.2 cap, 3.3 cap, 3.4 added;
    // 附表3 1.1 points, 1.1 cap, 1.3 cap; 附表4 1.1 points, 1.3 cap, 1.4 cap.
    assert_eq!(changes.len(), 11, "{texts:#?}");
    // The same edition against itself: no change.
    assert!(edition::diff(&base, &base).is_empty());
    // JSON: typed, with the text.
    let v = serde_json::to_value(&changes).unwrap();
    assert_eq!(v[0]["kind"], "cap");
    assert_eq!(v[0]["indicator"], "1.1");
    assert_eq!(
        (v[0]["from"].as_str(), v[0]["to"].as_str()),
        (Some("10"), Some("12"))
    );
}

// ---- moving a draft to another edition ----

#[test]
fn moving_a_draft_makes_a_scored_copy_and_reports_the_changes() {
    let r = edition::register(parse_ok(&edited("2026-迁移"))[0].clone());
    let mut v = fixture_draft("comprehensive-park");
    // An input the new edition lacks is left behind and listed.
    v["inputs"]["9.9"] = json!({"x": 1});
    let original = Draft::from_value(v).unwrap();
    let moved = edition::migrate::move_draft(&original, r).unwrap();
    // The original is untouched.
    assert_eq!(original.edition, "2025");
    assert!(original.inputs.contains_key("9.9"));
    assert_eq!(moved.draft.edition, "2026-迁移");
    assert_eq!(moved.draft.edition_fingerprint, edition::short_of(r));
    assert!(!moved.draft.inputs.contains_key("9.9"));
    assert!(moved.dropped.iter().any(|x| x.contains("9.9")));
    // The stray input does not count before either: 78 (the fixture's total).
    assert_eq!(moved.total_before, Some(d("78")));
    // A clean original: 78 → 78.2 (see EDITED).
    let clean = Draft::from_value(fixture_draft("comprehensive-park")).unwrap();
    let moved = edition::migrate::move_draft(&clean, r).unwrap();
    assert_eq!(moved.total_before, Some(d("78")));
    assert_eq!(moved.total_after, d("78.2"));
    let row = |id: &str| moved.rows.iter().find(|x| x.indicator == id).unwrap();
    assert_eq!(
        (row("1.1").before, row("1.1").after),
        (Some(d("10")), Some(d("12")))
    );
    assert_eq!(
        (row("1.2").before, row("1.2").after),
        (Some(d("11.8")), Some(d("10")))
    );
    assert_eq!(row("1.3").before, row("1.3").after);
    let text = moved.text();
    assert!(
        text.contains("1.1 入驻企业") || text.contains("1.1 "),
        "{text}"
    );
    assert!(text.contains("总分：78 → 78.2"), "{text}");
    // The copy scores on its own under the new edition.
    assert_eq!(score_strict(&moved.draft).unwrap().total, d("78.2"));
    // Another rubric's edition: refused.
    let t = edition::register(parse_ok(&edited("2026-迁移"))[2].clone());
    assert!(edition::migrate::move_draft(&clean, t).is_err());
}

/// Issue 23: the move lists every rule change, also one that leaves the score as it is
/// (specialized-park 1.3: cap 6 → 4, and 150 万元 of tax scores 3 under either), and warns when
/// the draft's 评估年度 is not the edition's year.
#[test]
fn moving_lists_every_rule_change_and_warns_of_a_year_mismatch() {
    let mut s = bundled("specialized-park");
    s["edition"] = json!("2026");
    indicator(&mut s, "1.3")["cap"] = json!("4");
    // The 2 points go to 1.4, so that the caps still add up to 100.
    let c14: u32 = indicator(&mut s, "1.4")["cap"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    indicator(&mut s, "1.4")["cap"] = json!((c14 + 2).to_string());
    indicator(&mut s, "1.3")["reading"] = json!("本工具的新解读");
    let r = edition::register(parse_ok(&s)[0].clone());
    let draft = Draft::from_value(json!({"rubric": "specialized-park",
        "platform": {"name": "黔江产业园", "year": "2025"},
        "inputs": {"1.3": {"tax_wan": "150"}}}))
    .unwrap();
    let moved = edition::migrate::move_draft(&draft, r).unwrap();
    let row = moved.rows.iter().find(|x| x.indicator == "1.3").unwrap();
    assert_eq!(row.before, row.after, "the score does not move");
    let cap = moved
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Cap && c.indicator.as_deref() == Some("1.3"))
        .expect("the cap cut is listed");
    assert_eq!(cap.indicator.as_deref(), Some("1.3"));
    assert!(
        cap.detail.contains('6') && cap.detail.contains('4'),
        "{}",
        cap.detail
    );
    assert!(moved.text().contains("规则变化："), "{}", moved.text());
    // 2025 on the 2026 edition: said.
    let note = moved.year_note.as_deref().expect("a year warning");
    assert!(note.contains("2025") && note.contains("2026"), "{note}");
    assert_eq!(edition::migrate::year_note("2026", "2026"), None);
    assert_eq!(edition::migrate::year_note("", "2026"), None);
    // A later evaluation on an earlier edition: that edition is still in force.
    assert_eq!(edition::migrate::year_note("2026", "2025"), None);
    assert!(edition::migrate::year_note("2025年度", "2026").is_some());
    // The printed 调整说明 leaves the tool's own reading out; the cap is the bureau's.
    let reading = moved
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Reading)
        .expect("the reading change is in the diff");
    assert!(!reading.kind.is_official());
    assert!(cap.kind.is_official());
}

// ---- the command line ----

fn cqhr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .output()
        .expect("cqhr runs")
}

fn dir(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("editions-{}", std::process::id()))
        .join(name);
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn write(path: &PathBuf, text: &str) -> String {
    std::fs::write(path, text).unwrap();
    path.display().to_string()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn cqhr_scores_under_an_edition_file_or_folder() {
    let d0 = dir("score");
    let file = write(&d0.join("2026.json"), &edited("2026").to_string());
    let rubrics = parse_ok(&edited("2026"));
    for (id, total, _) in EDITED {
        let r = rubrics.iter().find(|r| r.id == id).unwrap();
        let mut v = fixture_draft(id);
        v["edition"] = json!("2026");
        v["edition_fingerprint"] = json!(edition::short(r));
        let draft = write(&d0.join(format!("draft-{id}.json")), &v.to_string());
        let o = cqhr(&["score", &draft, "--rubrics", &file]);
        assert_eq!(o.status.code(), Some(0), "{id}: {}", err(&o));
        let report: Value = serde_json::from_str(&out(&o)).unwrap();
        assert_eq!(report["total"], total, "{id}");
        // Without the edition file: refused, the fingerprint named.
        let o = cqhr(&["score", &draft]);
        assert_eq!(o.status.code(), Some(2));
        assert!(err(&o).contains(&edition::short(r)), "{}", err(&o));
    }
    // A folder of one-rubric files.
    let folder = dir("score-folder");
    for (i, r) in edited("2026").as_array().unwrap().iter().enumerate() {
        write(&folder.join(format!("{i}.json")), &r.to_string());
    }
    let mut v = fixture_draft("specialized-park");
    v["edition"] = json!("2026");
    let draft = write(&d0.join("no-code.json"), &v.to_string());
    let o = cqhr(&[
        "score",
        &draft,
        "--rubrics",
        folder.to_str().unwrap(),
        "--format",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("总分 74.1 / 100"), "{}", out(&o));
    // `cqhr rubrics --rubrics` lists the imported ones with their codes.
    let o = cqhr(&["rubrics", "--rubrics", &file]);
    assert!(out(&o).contains("（导入）"), "{}", out(&o));
    assert!(out(&o).contains(&edition::short(&rubrics[0])));
}

#[test]
fn cqhr_rubrics_check_names_every_problem() {
    let d0 = dir("check");
    let good = write(&d0.join("good.json"), &edited("2026").to_string());
    let o = cqhr(&["rubrics", "check", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o).lines().count(), 3, "{}", out(&o));
    assert!(out(&o).contains("通过"));
    // Two problems in one file, one in another file of the same folder: all named.
    let bad_dir = dir("check-bad");
    let mut file = edited("2026");
    indicator(&mut file[0], "1.2")["cap"] = json!("13");
    indicator(&mut file[0], "1.3")["terms"][0]["unit"] = json!("-5");
    write(&bad_dir.join("a.json"), &file.to_string());
    write(&bad_dir.join("b.json"), "{\"id\": 1");
    let o = cqhr(&["rubrics", "check", bad_dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("a.json") && e.contains("应为 100"), "{e}");
    assert!(
        e.contains("指标 1.3") && e.contains("计分单位（unit）"),
        "{e}"
    );
    assert!(e.contains("b.json") && e.contains("不是 JSON"), "{e}");
    assert!(!e.contains("panicked"));
    // A file that is not there: exit 1; a huge one: refused without reading it all.
    assert_eq!(
        cqhr(&["rubrics", "check", "/nonexistent.json"])
            .status
            .code(),
        Some(1)
    );
    let huge = write(&d0.join("huge.json"), &" ".repeat(3 * 1024 * 1024));
    let o = cqhr(&["rubrics", "check", &huge]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("文件过大"), "{}", err(&o));
    // A bad --rubrics file refuses the score too.
    let bad = write(
        &d0.join("bad.json"),
        "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
    );
    let o = cqhr(&["score", "-", "--rubrics", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("嵌套层数"), "{}", err(&o));
}

#[test]
fn cqhr_rubrics_diff_as_text_and_json() {
    let d0 = dir("diff");
    let file = write(&d0.join("2026.json"), &edited("2026").to_string());
    let o = cqhr(&["rubrics", "diff", "2025", &file, "--format", "text"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("每家 0.2 分 → 0.3 分"), "{text}");
    assert!(text.contains("上限 12 → 10"), "{text}");
    assert_eq!(text.lines().count(), 9, "{text}");
    let o = cqhr(&["rubrics", "diff", "2025", &file]);
    let v: Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 9);
    assert_eq!(v[1]["kind"], "points");
    assert_eq!(v[1]["from"], "0.2");
    let o = cqhr(&["rubrics", "diff", "2025", "2025", "--format", "text"]);
    assert!(out(&o).contains("没有变动"));
}

/// Field roles (issue 24, item 4): the 带入 of a certification input follows the field's
/// role, so an edition that renumbers 1.1 and renames its field keeps it; an edition file
/// written without roles loads and scores the same, and offers nothing from scoring.
#[test]
fn a_renumbered_edition_keeps_its_suggestions_by_field_role() {
    use cqhr::domain::eligibility::{suggestions, ValueSource};
    // 1.1 renumbered 1.9 and its field `firms` renamed `firms_total` (terms, part_of and the
    // report's placeholder with it); the role stays.
    let mut c = bundled("comprehensive-park");
    c["edition"] = json!("2030-改号");
    let mut moved = indicator(&mut c, "1.1").to_string();
    for member in ["key", "total", "part_of"] {
        moved = moved.replace(
            &format!("\"{member}\":\"firms\""),
            &format!("\"{member}\":\"firms_total\""),
        );
    }
    let moved = moved.replace("{firms}", "{firms_total}");
    *indicator(&mut c, "1.1") = serde_json::from_str(&moved).unwrap();
    indicator(&mut c, "1.1")["id"] = json!("1.9");
    let r = edition::register(parse_ok(&c)[0].clone());
    assert_eq!(r.indicator("1.9").unwrap().fields[0].key, "firms_total");
    let draft = Draft::from_value(
        json!({"rubric": "comprehensive-park", "edition": "2030-改号",
        "edition_fingerprint": edition::short_of(r), "inputs": {"1.9": {"firms_total": 25}}}),
    )
    .unwrap();
    let offered = suggestions(&draft);
    let firms = offered
        .iter()
        .find(|s| s.field == "hr_firms")
        .expect("hr_firms offered");
    assert_eq!(fmt_decimal(firms.value), "25");
    assert_eq!(
        firms.source,
        ValueSource::Scoring {
            indicator: "1.9".into(),
            fields: vec!["firms_total".into()],
            label: "线下入驻人力资源服务企业总数".into(),
        }
    );

    // The same edition without roles: it loads and scores as before, and offers nothing
    // from the scoring inputs (the value is typed in the certification section instead).
    let mut plain = bundled("comprehensive-park");
    plain["edition"] = json!("2030-无用途");
    for ind in plain["indicators"].as_array_mut().unwrap() {
        for f in ind["fields"].as_array_mut().unwrap() {
            f.as_object_mut().unwrap().remove("role");
        }
    }
    let r = edition::register(parse_ok(&plain)[0].clone());
    assert!(r
        .indicators
        .iter()
        .flat_map(|i| &i.fields)
        .all(|f| f.role.is_none()));
    let with = |edition: &str, code: String| {
        Draft::from_value(json!({"rubric": "comprehensive-park", "edition": edition,
            "edition_fingerprint": code, "inputs": {"1.1": {"firms": 25}, "1.2": {"revenue_wan": 4000}}}))
        .unwrap()
    };
    let draft = with("2030-无用途", edition::short_of(r));
    assert!(suggestions(&draft)
        .iter()
        .all(|s| !matches!(s.source, ValueSource::Scoring { .. })));
    let bundled_draft = with("2025", String::new());
    assert_eq!(
        score_strict(&draft).unwrap().total,
        score_strict(&bundled_draft).unwrap().total
    );
    assert!(suggestions(&bundled_draft)
        .iter()
        .any(|s| s.field == "hr_firms"));
    // A role this build does not know (a newer edition's) is read and ignored.
    let mut newer = bundled("talent-market");
    newer["edition"] = json!("2030-新用途");
    indicator(&mut newer, "1.1")["fields"][0]["role"] = json!("from_a_newer_build");
    let r = parse_ok(&newer).remove(0);
    assert_eq!(
        r.indicator("1.1").unwrap().fields[0].role,
        Some(cqhr::domain::rubric::FieldRole::Unknown)
    );
}
