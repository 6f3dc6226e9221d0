//! Issue 21: SM2 signatures on 初审 and 评审, the 审核人名录, the 公布. Each case the issue
//! lists: a value changed after signing, a key not in the directory, a 黔江 key on a 万州
//! platform, a layer copied onto another draft, an expired key, a directory the root did
//! not sign, a wrong passphrase, a corrupted key file, a truncated signature; the ranking
//! never ranks on a stage that is not validly signed; the command line and its exit codes.

use cqhr::domain::publish::{Publication, PublicationStatus};
use cqhr::domain::review::{
    self, layer_status_with, sign_layer, usable_stage_with, LayerStatus, ReviewLayer, Stage,
};
use cqhr::domain::sign::{
    self, trust, Directory, DirectoryError, KeyCard, KeyFile, Role, SecretKey, Trust, TrustConfig,
};
use cqhr::domain::{CohortEntry, Draft};
use serde_json::{json, Value};
use std::process::{Command, Output};

struct Signer {
    card: KeyCard,
    secret: SecretKey,
}

fn signer(person: &str, district: &str, role: Role) -> Signer {
    let secret = SecretKey::generate().unwrap();
    let card = KeyCard::new(person, "", district, role, &secret.public_key()).unwrap();
    Signer { card, secret }
}

/// The city's root, its directory (2026 keys for 黔江 and 万州 初审, the city's 评审 and
/// 公布), and the trust a verifier holds after accepting it.
struct World {
    root: SecretKey,
    qianjiang: Signer,
    wanzhou: Signer,
    city: Signer,
    publisher: Signer,
    directory: Directory,
    trust: Trust,
}

fn world() -> World {
    let root = SecretKey::generate().unwrap();
    let qianjiang = signer("王建国", "黔江", Role::District);
    let wanzhou = signer("刘芳", "万州", Role::District);
    let city = signer("评审组 张华", "", Role::City);
    let publisher = signer("发布人", "", Role::Publish);
    let mut directory = Directory::new(3, "2026-01-05");
    for s in [&qianjiang, &wanzhou, &city, &publisher] {
        directory
            .add(s.card.clone(), "2026-01-01", "2026-12-31")
            .unwrap();
    }
    directory.sign(&root);
    let mut trust = Trust::with_root(TrustConfig {
        root_fingerprint: root.public_key().fingerprint(),
        demo: false,
    });
    trust.accept(directory.clone()).unwrap();
    World {
        root,
        qianjiang,
        wanzhou,
        city,
        publisher,
        directory,
        trust,
    }
}

fn layer(stage: &str, reviewer: &str, inputs: Value, reasons: Value) -> ReviewLayer {
    ReviewLayer {
        stage: stage.into(),
        reviewer: reviewer.into(),
        date: "2026-04-10".into(),
        inputs: serde_json::from_value(inputs).unwrap(),
        reasons: serde_json::from_value(reasons).unwrap(),
        opinion: "经初审，核减入驻企业 2 家，同意报送。".into(),
        ..ReviewLayer::default()
    }
}

/// A 黔江 platform (self 13.4) with a district 核减 of 1.1 firms 22 → 20 (district 13.0),
/// and a city layer confirming it.
fn qianjiang_draft(name: &str) -> Draft {
    let mut d = Draft::from_value(json!({
        "rubric": "specialized-park", "edition": "2025", "level": "city",
        "platform": {"name": name, "district": "黔江区", "year": "2025"},
        "inputs": {"1.1": {"firms": 22, "above_scale": 5}, "4.2": {"score": "4"}, "4.4": {"tier": "basic"}}
    }))
    .unwrap();
    d.reviews = vec![
        layer(
            "district",
            "黔江区人力社保局 王建国",
            json!({"1.1": {"firms": 20}}),
            json!({"1.1": "2家企业入驻协议已到期，核减"}),
        ),
        layer("city", "市人力社保局 张华", json!({}), json!({})),
    ];
    d.reviews[1].date = "2026-05-20".into();
    d
}

fn signed(w: &World, name: &str) -> Draft {
    let mut d = qianjiang_draft(name);
    sign_layer(&mut d, 0, &w.qianjiang.secret).unwrap();
    sign_layer(&mut d, 1, &w.city.secret).unwrap();
    d
}

fn status(d: &Draft, i: usize, w: &World) -> LayerStatus {
    layer_status_with(d, i, &w.trust)
}

#[test]
fn a_chain_signed_by_the_listed_offices_is_valid_and_ranked_on() {
    let w = world();
    let d = signed(&w, "黔江人力资源服务产业园");
    let LayerStatus::Valid {
        office,
        person,
        directory_version,
        ..
    } = status(&d, 0, &w)
    else {
        panic!("{:?}", status(&d, 0, &w));
    };
    assert_eq!(
        (office.as_str(), person.as_str(), directory_version),
        ("黔江区人力资源和社会保障局", "王建国", 3)
    );
    assert_eq!(
        status(&d, 0, &w).text_zh(),
        "签名有效（黔江区人力资源和社会保障局 · 王建国 · 名录版本 3）"
    );
    assert!(status(&d, 1, &w).is_valid());
    assert_eq!(usable_stage_with(&d, &w.trust), (Stage::City, vec![]));
    // Written and read back (format 3), it still verifies.
    let back = Draft::from_json(&d.to_json()).unwrap();
    assert_eq!(back.format, 3);
    assert!(status(&back, 0, &w).is_valid() && status(&back, 1, &w).is_valid());
    // The fingerprint is SM3: 64 hex digits.
    assert_eq!(
        back.reviews[0].fingerprint.as_deref().map(str::len),
        Some(64)
    );
}

#[test]
fn any_change_after_signing_makes_the_signature_invalid() {
    let w = world();
    let d = signed(&w, "黔江人力资源服务产业园");
    // The platform's own value.
    let mut e = d.clone();
    e.set_raw("1.1", "firms", Some(json!(30)));
    let st = status(&e, 0, &w);
    assert_eq!(st.label_zh(), "签名无效（内容已改动）");
    assert_eq!(st.moved().len(), 1, "{st:?}");
    assert!(st.moved()[0].text_zh().contains("22 → 30"));
    assert!(!status(&e, 1, &w).is_valid(), "the city signed over it too");
    assert_eq!(usable_stage_with(&e, &w.trust).0, Stage::SelfAssessed);
    // The trial's forgery: the district's 核减 removed and its reason rewritten.
    let mut e = d.clone();
    e.reviews[0].inputs.clear();
    assert!(matches!(status(&e, 0, &w), LayerStatus::Invalid { .. }));
    let mut e = d.clone();
    e.reviews[0].reasons.insert("1.1".into(), "核实无误".into());
    assert!(matches!(status(&e, 0, &w), LayerStatus::Invalid { .. }));
    // A 核增 added, the opinion, the reviewer's name, the date: each is signed.
    for change in [
        |l: &mut ReviewLayer| l.set_raw("4.2", "score", Some(json!("5"))),
        |l: &mut ReviewLayer| l.opinion.push('。'),
        |l: &mut ReviewLayer| l.reviewer = "黔江区人力社保局 李某".into(),
        |l: &mut ReviewLayer| l.date = "2026-04-11".into(),
        |l: &mut ReviewLayer| l.confirmed.push("4.2".into()),
    ] {
        let mut e = d.clone();
        change(&mut e.reviews[0]);
        assert!(matches!(status(&e, 0, &w), LayerStatus::Invalid { .. }));
    }
    // The edition, the level, the year: each is signed.
    let mut e = d.clone();
    e.platform.year = "2024".into();
    assert!(matches!(status(&e, 0, &w), LayerStatus::Invalid { .. }));
}

#[test]
fn a_valid_layer_copied_onto_another_platforms_draft_is_invalid() {
    let w = world();
    let a = signed(&w, "甲产业园");
    let mut b = qianjiang_draft("乙产业园");
    b.reviews = a.reviews.clone();
    assert!(matches!(status(&b, 0, &w), LayerStatus::Invalid { .. }));
    assert!(matches!(status(&b, 1, &w), LayerStatus::Invalid { .. }));
    assert_eq!(usable_stage_with(&b, &w.trust).0, Stage::SelfAssessed);
}

#[test]
fn a_key_not_in_the_directory_is_named_so() {
    let w = world();
    let mut d = qianjiang_draft("黔江人力资源服务产业园");
    // The dishonest platform makes its own key and signs its own 初审.
    let own = signer("李某", "黔江", Role::District);
    sign_layer(&mut d, 0, &own.secret).unwrap();
    let st = status(&d, 0, &w);
    assert_eq!(st.label_zh(), "签名人不在名录");
    assert_eq!(
        usable_stage_with(&d, &w.trust),
        (Stage::SelfAssessed, vec![Stage::District, Stage::City])
    );
    // The ranking, through the one seam (`review::usable_stage`), ranks it on 自评.
    trust::install(w.trust.clone());
    let e = CohortEntry::from_draft(&d).unwrap();
    assert_eq!(e.stage, Stage::SelfAssessed);
    assert_eq!(e.stale, vec![Stage::District, Stage::City]);
    let report = cqhr::domain::rank(&[e]);
    assert!(
        report.rows[0]
            .notes
            .iter()
            .any(|n| n.contains("区县初审未经有效签名")),
        "{:?}",
        report.rows[0].notes
    );
    trust::install(Trust::default());
}

#[test]
fn a_district_key_on_another_districts_platform_is_flagged() {
    let w = world();
    let mut d = qianjiang_draft("万州人力资源服务产业园");
    d.platform.district = "万州区".into();
    // The 黔江 key signs the 万州 platform's 初审.
    assert!(matches!(
        review::signable(&d, Stage::District, &w.qianjiang.card),
        Some(LayerStatus::WrongDistrict { .. })
    ));
    sign_layer(&mut d, 0, &w.qianjiang.secret).unwrap();
    let st = status(&d, 0, &w);
    assert_eq!(st.label_zh(), "签名单位与平台所在区县不符");
    assert_eq!(
        st.text_zh(),
        "签名单位与平台所在区县不符（黔江区人力资源和社会保障局，平台在万州区）"
    );
    // The 万州 key may; a 初审 key on the 评审 layer may not.
    sign_layer(&mut d, 0, &w.wanzhou.secret).unwrap();
    assert!(status(&d, 0, &w).is_valid());
    sign_layer(&mut d, 1, &w.wanzhou.secret).unwrap();
    assert_eq!(status(&d, 1, &w).label_zh(), "签名人无此审核职责");
}

#[test]
fn a_layer_dated_outside_the_keys_validity_reads_expired() {
    let w = world();
    let mut d = qianjiang_draft("黔江人力资源服务产业园");
    d.reviews[0].date = "2027-01-04".into();
    sign_layer(&mut d, 0, &w.qianjiang.secret).unwrap();
    let st = status(&d, 0, &w);
    assert_eq!(st.label_zh(), "密钥已过期");
    assert!(st.text_zh().contains("有效期 2026-01-01 至 2026-12-31"));
}

#[test]
fn without_an_accepted_directory_a_sound_signature_is_not_enough() {
    let w = world();
    let d = signed(&w, "黔江人力资源服务产业园");
    let none = Trust::with_root(w.trust.config.clone().unwrap());
    assert_eq!(layer_status_with(&d, 0, &none).label_zh(), "名录缺失");
    assert_eq!(usable_stage_with(&d, &none).0, Stage::SelfAssessed);
    // A directory the root did not sign is refused: unsigned, or by another key, or edited.
    let mut t = none.clone();
    let mut unsigned = w.directory.clone();
    unsigned.signature.clear();
    assert_eq!(t.accept(unsigned), Err(DirectoryError::Unsigned));
    let mut forged = w.directory.clone();
    forged
        .add(
            signer("李某", "黔江", Role::District).card,
            "2026-01-01",
            "2026-12-31",
        )
        .unwrap();
    forged.sign(&SecretKey::generate().unwrap());
    assert!(matches!(t.accept(forged), Err(DirectoryError::NotRoot(_))));
    let mut edited = w.directory.clone();
    edited.entries[0].valid_to = "2099-12-31".into();
    assert_eq!(t.accept(edited), Err(DirectoryError::BadSignature));
    assert!(t.directory.is_none());
    let _ = &w.root;
}

#[test]
fn truncated_or_garbled_signatures_are_messages_not_panics() {
    let w = world();
    let d = signed(&w, "黔江人力资源服务产业园");
    for cut in [0, 1, 64, 127] {
        let mut e = d.clone();
        let s = e.reviews[0].signature.as_mut().unwrap();
        s.value.truncate(cut);
        let st = status(&e, 0, &w);
        assert!(!st.is_valid());
        if cut > 0 {
            assert_eq!(st.label_zh(), "签名无效（签名值不完整或已损坏）", "{cut}");
        }
    }
    let mut e = d.clone();
    e.reviews[0].signature.as_mut().unwrap().public_key = "04zz".into();
    assert_eq!(status(&e, 0, &w), LayerStatus::Malformed);
    let mut e = d.clone();
    e.reviews[0].signature.as_mut().unwrap().value = "f".repeat(128);
    assert!(!status(&e, 0, &w).is_valid());
}

#[test]
fn a_format_2_layer_reads_unsigned_old_format_never_valid() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/draft-v2.json"
    ))
    .unwrap();
    let d = Draft::from_json(&text).unwrap();
    assert_eq!(d.format, 3);
    let w = world();
    assert_eq!(status(&d, 0, &w), LayerStatus::LegacyUnsigned);
    assert_eq!(status(&d, 0, &w).text_zh(), "未签名（旧格式）");
    assert_eq!(status(&d, 1, &w), LayerStatus::Unsigned);
    assert_eq!(usable_stage_with(&d, &w.trust).0, Stage::SelfAssessed);
    // A `signature` smuggled into a format-2 file is dropped by the migration.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["reviews"][0]["signature"] = json!({"public_key": "04", "value": "00"});
    let d = Draft::from_value(v).unwrap();
    assert!(d.reviews[0].signature.is_none());
}

/// Issue 21, item 8: in the web app the SM2 check arrives with a chunk; until then a signed
/// layer reads 正在核验签名… and is never valid, while unsigned and old layers say so at once.
#[test]
fn before_the_check_arrives_a_signed_layer_reads_checking_never_valid() {
    let w = world();
    let d = signed(&w, "黔江人力资源服务产业园");
    for i in 0..2 {
        let st = review::unchecked(&d, i);
        assert_eq!(st, LayerStatus::Checking);
        assert!(!st.is_valid());
        assert_eq!(
            (st.key(), st.text_zh().as_str()),
            ("checking", "正在核验签名…")
        );
        // Natively the check is installed from the start: the same state as the SM2 check.
        assert_eq!(review::layer_status_by(&d, i, &w.trust), status(&d, i, &w));
    }
    let unsigned = qianjiang_draft("未签名平台");
    assert_eq!(review::unchecked(&unsigned, 0), LayerStatus::Unsigned);
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/draft-v2.json"
    ))
    .unwrap();
    let old = Draft::from_json(&text).unwrap();
    assert_eq!(review::unchecked(&old, 0), status(&old, 0, &w));
    assert_eq!(review::unchecked(&old, 1), status(&old, 1, &w));
}

#[test]
fn key_files_refuse_a_wrong_passphrase_and_corruption() {
    let (file, _) = KeyFile::create(
        "王建国",
        "",
        "黔江",
        Role::District,
        "黔江区初审口令2026",
        1_000,
    )
    .unwrap();
    let text = file.to_json();
    let back = KeyFile::from_json(&text).unwrap();
    assert_eq!(
        back.unlock("不是这个口令哦").unwrap_err().message_zh(),
        "口令不正确，无法解开私钥"
    );
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["sealed"]["data"] = json!("AAAA");
    let broken = KeyFile::from_json(&v.to_string()).unwrap();
    assert_eq!(
        broken
            .unlock("黔江区初审口令2026")
            .unwrap_err()
            .message_zh(),
        "密钥文件已损坏，无法读取私钥"
    );
    v["public_key"] = json!("04abc");
    assert!(KeyFile::from_json(&v.to_string())
        .unwrap_err()
        .message_zh()
        .contains("公钥格式不正确"));
    assert!(KeyFile::from_json(&text[..text.len() / 2]).is_err());
}

#[test]
fn the_publication_verifies_and_a_platform_finds_its_grade() {
    let w = world();
    trust::install(w.trust.clone());
    let entries = vec![
        CohortEntry::from_draft(&signed(&w, "甲产业园")).unwrap(),
        CohortEntry::from_draft(&qianjiang_draft("乙产业园")).unwrap(),
    ];
    trust::install(Trust::default());
    // The city publishes the 评审 results: the year ranked on 评审 (乙, unsigned, on its 自评).
    let options = cqhr::domain::grade::RankOptions {
        stage: Some(cqhr::domain::review::Stage::City),
        ..Default::default()
    };
    let report = cqhr::domain::rank_with(&entries, &options);
    let mut p = Publication::from_report(&report, "2025", "2026-06-30");
    assert_eq!(p.rows.len(), 2);
    let a = p.find("甲产业园", "黔江区").unwrap();
    assert_eq!((a.stage.as_str(), a.total), ("city", "13".parse().unwrap()));
    let b = p.find("乙产业园", "黔江区").unwrap();
    assert_eq!(
        (b.stage.as_str(), b.total),
        ("self", "13.4".parse().unwrap()),
        "unsigned: self"
    );
    p.sign(&w.publisher.secret);
    let back = Publication::from_json(&p.to_json()).unwrap();
    let st = back.status_with(&w.trust);
    assert!(st.is_valid(), "{st:?}");
    assert!(st
        .text_zh()
        .starts_with("由重庆市人力资源和社会保障局密钥签发（"));
    let mut forged = back.clone();
    forged.rows[1].grade = "excellent".into();
    assert_eq!(forged.status_with(&w.trust), PublicationStatus::Invalid);
    // A 评审 key is not a 公布 key.
    let mut by_city = back.clone();
    by_city.sign(&w.city.secret);
    assert!(matches!(
        by_city.status_with(&w.trust),
        PublicationStatus::NotBureau { .. }
    ));
    let mut by_root = back.clone();
    by_root.sign(&w.root);
    assert!(by_root.status_with(&w.trust).is_valid());
}

// ---- the command line ----

fn cqhr(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .current_dir(dir)
        .env("CQHR_PASSPHRASE", "测试口令 passphrase")
        .output()
        .unwrap()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[test]
fn the_command_line_runs_the_whole_chain_with_exit_codes() {
    let dir = std::env::temp_dir().join(format!("cqhr-sign-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| cqhr(args, &dir);
    let ok = |args: &[&str]| {
        let o = run(args);
        assert_eq!(
            code(&o),
            0,
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        json_of(&o)
    };
    // Keys: the root (公布), a 黔江 初审, the city's 评审, and a dishonest one.
    let root = ok(&[
        "keys",
        "new",
        "--person",
        "局长",
        "--role",
        "publish",
        "-o",
        "root.json",
        "--rounds",
        "1000",
    ]);
    ok(&[
        "keys",
        "new",
        "--person",
        "王建国",
        "--role",
        "district",
        "--district",
        "黔江",
        "-o",
        "qj.json",
        "--rounds",
        "1000",
    ]);
    ok(&[
        "keys",
        "new",
        "--person",
        "张华",
        "--role",
        "city",
        "-o",
        "city.json",
        "--rounds",
        "1000",
    ]);
    ok(&[
        "keys",
        "new",
        "--person",
        "李某",
        "--role",
        "district",
        "--district",
        "黔江",
        "-o",
        "own.json",
        "--rounds",
        "1000",
    ]);
    let shown = ok(&["keys", "show", "qj.json"]);
    assert_eq!(shown["district"], "黔江区");
    assert_eq!(shown["short_fingerprint"].as_str().unwrap().len(), 24);
    ok(&["keys", "export", "qj.json", "-o", "qj.card.json"]);
    ok(&["keys", "export", "city.json", "-o", "city.card.json"]);
    let card = std::fs::read_to_string(dir.join("qj.card.json")).unwrap();
    assert!(!card.contains("sealed"), "the card holds no private key");
    let fp = root["fingerprint"].as_str().unwrap().to_string();
    // The directory: new, add, check (unsigned: 3), sign, check (0).
    ok(&[
        "directory",
        "new",
        "-o",
        "dir.json",
        "--version",
        "2",
        "--issued",
        "2026-01-05",
    ]);
    ok(&[
        "directory",
        "add",
        "dir.json",
        "qj.card.json",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    ok(&[
        "directory",
        "add",
        "dir.json",
        "city.card.json",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    let o = run(&["directory", "check", "dir.json", "--root", &fp]);
    assert_eq!(code(&o), 3);
    assert_eq!(json_of(&o)["status"], "unsigned");
    ok(&["directory", "sign", "dir.json", "--key", "root.json"]);
    let checked = ok(&["directory", "check", "dir.json", "--root", &fp]);
    assert_eq!(checked["status"], "valid");
    // A draft: sign 初审 and 评审, verify (0).
    let d = qianjiang_draft("黔江人力资源服务产业园");
    std::fs::write(dir.join("p.json"), d.to_json()).unwrap();
    ok(&["sign", "p.json", "--stage", "district", "--key", "qj.json"]);
    ok(&["sign", "p.json", "--stage", "city", "--key", "city.json"]);
    let v = ok(&["verify", "p.json", "--directory", "dir.json", "--root", &fp]);
    assert_eq!(v["layers"][0]["status"], "valid");
    assert_eq!(
        v["layers"][0]["status_label"],
        "签名有效（黔江区人力资源和社会保障局 · 王建国 · 名录版本 2）"
    );
    assert_eq!(v["usable"], "city");
    // `review` and `rank` with the directory say the same.
    let r = ok(&["review", "p.json", "--directory", "dir.json", "--root", &fp]);
    assert_eq!(r["stages"][1]["status"], "valid");
    assert!(r["stages"][1]["signature_code"].is_string());
    let r = ok(&[
        "rank",
        "p.json",
        "--directory",
        "dir.json",
        "--root",
        &fp,
        "--today",
        "2026-06-01",
    ]);
    assert_eq!(r["rows"][0]["stage"], "city", "{r}");
    let r = ok(&["rank", "p.json", "--today", "2026-06-01"]);
    assert_eq!(r["rows"][0]["stage"], "self", "no directory: not reviewed");
    // A value changed after signing: 3, 签名无效.
    let mut changed: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("p.json")).unwrap()).unwrap();
    changed["reviews"][0]["inputs"]["1.1"]["firms"] = json!(22);
    std::fs::write(dir.join("changed.json"), changed.to_string()).unwrap();
    let o = run(&[
        "verify",
        "changed.json",
        "--directory",
        "dir.json",
        "--root",
        &fp,
    ]);
    assert_eq!(code(&o), 3);
    assert_eq!(json_of(&o)["layers"][0]["status"], "invalid");
    // The dishonest platform's own key: 3, 签名人不在名录.
    std::fs::write(dir.join("own.draft.json"), d.to_json()).unwrap();
    ok(&[
        "sign",
        "own.draft.json",
        "--stage",
        "district",
        "--key",
        "own.json",
    ]);
    let o = run(&[
        "verify",
        "own.draft.json",
        "--directory",
        "dir.json",
        "--root",
        &fp,
    ]);
    assert_eq!(code(&o), 3);
    assert_eq!(
        json_of(&o)["layers"][0]["status_label"]
            .as_str()
            .unwrap()
            .split('（')
            .next(),
        Some("签名人不在名录")
    );
    // A directory edited after signing, or checked against another root: refused, 3.
    let mut dj: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("dir.json")).unwrap()).unwrap();
    dj["entries"][0]["valid_to"] = json!("2099-12-31");
    std::fs::write(dir.join("dir.edited.json"), dj.to_string()).unwrap();
    assert_eq!(
        code(&run(&[
            "verify",
            "p.json",
            "--directory",
            "dir.edited.json",
            "--root",
            &fp
        ])),
        3
    );
    assert_eq!(
        code(&run(&[
            "directory",
            "check",
            "dir.json",
            "--root",
            &"0".repeat(64)
        ])),
        3
    );
    // A key of the wrong role cannot sign: 2.
    let o = run(&["sign", "p.json", "--stage", "city", "--key", "qj.json"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("签名人无此审核职责"));
    // A wrong passphrase: 2, a message.
    let o = Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(["sign", "p.json", "--stage", "district", "--key", "qj.json"])
        .current_dir(&dir)
        .env("CQHR_PASSPHRASE", "wrong passphrase")
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("口令不正确"));
    // A corrupted key file: 2, a message.
    std::fs::write(dir.join("bad.json"), "{\"type\":\"cqhr-key\",\"person\":1}").unwrap();
    let o = run(&["sign", "p.json", "--stage", "district", "--key", "bad.json"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是有效的密钥文件"));
    // The 公布: signed by the root (公布) key, verified (0); edited, 3.
    let p = ok(&[
        "publish",
        "p.json",
        "--year",
        "2025",
        "--date",
        "2026-06-30",
        "--key",
        "root.json",
        "-o",
        "pub.json",
        "--directory",
        "dir.json",
        "--root",
        &fp,
    ]);
    assert_eq!(p["rows"][0]["stage"], "city");
    assert_eq!(p["status"], "valid");
    let v = ok(&["verify", "pub.json", "--root", &fp]);
    assert!(v["status_label"]
        .as_str()
        .unwrap()
        .starts_with("由重庆市人力资源和社会保障局密钥签发（"));
    let edited = std::fs::read_to_string(dir.join("pub.json"))
        .unwrap()
        .replace("\"city\"", "\"self\"");
    std::fs::write(dir.join("pub.edited.json"), edited).unwrap();
    assert_eq!(code(&run(&["verify", "pub.edited.json", "--root", &fp])), 3);
    // An edition (Art. 29) issued by the 公布 key; another root: 发布单位未验证, 3.
    let ed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rubrics/2025/specialized-park.json"
    );
    ok(&[
        "issue",
        ed,
        "--key",
        "root.json",
        "--date",
        "2026-01-10",
        "-o",
        "issue.json",
    ]);
    let v = ok(&["verify", "issue.json", "--edition", ed, "--root", &fp]);
    assert!(
        v["status_label"]
            .as_str()
            .unwrap()
            .starts_with("发布单位：重庆市人力资源和社会保障局（签名有效，密钥 "),
        "{v}"
    );
    let o = run(&[
        "verify",
        "issue.json",
        "--edition",
        ed,
        "--root",
        &"1".repeat(64),
    ]);
    assert_eq!(
        (code(&o), json_of(&o)["status_label"].as_str().unwrap()),
        (3, "发布单位未验证")
    );
    assert_eq!(
        code(&run(&[
            "issue",
            ed,
            "--key",
            "city.json",
            "--date",
            "2026-01-10",
            "-o",
            "x.json"
        ])),
        2
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- fuzz: the new decoders never panic ----

#[test]
fn the_new_decoders_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let w = world();
    let d = signed(&w, "黔江人力资源服务产业园");
    let (key, _) = KeyFile::create(
        "王建国",
        "",
        "黔江",
        Role::District,
        "黔江区初审口令2026",
        1_000,
    )
    .unwrap();
    let mut p = Publication::default();
    p.sign(&w.publisher.secret);
    let seeds = [
        key.to_json(),
        w.directory.to_json(),
        p.to_json(),
        d.to_json(),
    ];
    let mut runner = TestRunner::new(Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(
                0..seeds.len(),
                prop::collection::vec((any::<usize>(), any::<u8>()), 1..8),
            ),
            |(s, ops)| {
                let mut b = seeds[s].as_bytes().to_vec();
                for (at, byte) in ops {
                    let i = at % b.len();
                    b[i] ^= byte | 1;
                }
                let text = String::from_utf8_lossy(&b);
                if let Ok(k) = KeyFile::from_json(&text) {
                    let _ = k.unlock("黔江区初审口令2026");
                }
                if let Ok(dir) = Directory::from_json(&text) {
                    let _ = dir.verify(&w.root.public_key().fingerprint());
                }
                if let Ok(p) = Publication::from_json(&text) {
                    let _ = p.status_with(&w.trust);
                }
                let _ = TrustConfig::from_json(&text);
                let _ = KeyCard::from_json(&text);
                if let Ok(d) = Draft::from_json(&text) {
                    for i in 0..d.reviews.len() {
                        let _ = layer_status_with(&d, i, &w.trust);
                    }
                }
                Ok(())
            },
        )
        .unwrap();
    let _ = sign::signature_code("");
}
