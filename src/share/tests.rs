//! The link codec's tests: round trips, tampered and truncated links, hostile payloads,
//! edition links (beside `share.rs`).
//!
//! Over 600 lines: tests only, one per kind of link and of damage; kept beside the codec
//! rather than among the integration tests because they reach its private parts.

use super::*;
use proptest::prelude::*;

const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A draft shaped like the app's: ASCII keys, Chinese names and notes, decimal strings.
fn realistic_draft(target_bytes: usize) -> String {
    let names = [
        "重庆某某人力资源服务有限公司",
        "两江新区人力资源产业园",
        "渝北区人才市场",
        "西部（重庆）科学城人力资源服务中心",
    ];
    let notes = [
        "依据渝人社规〔2025〕4号第十二条计分",
        "年度营业收入含税",
        "已提供审计报告",
        "",
    ];
    let mut items = Vec::new();
    let mut i = 0usize;
    loop {
        let item = format!(
            r#"{{"id":"item-{i}","kind":"{}","name":"{}","revenue":"{}.{:02}","staff":{},"score":"{}.5","note":"{}","verified":{}}}"#,
            ["platform", "park", "org"][i % 3],
            names[i % names.len()],
            1000 + i * 137,
            i * 7 % 100,
            10 + i * 3,
            60 + i % 40,
            notes[i % notes.len()],
            i.is_multiple_of(2)
        );
        items.push(item);
        let json = format!(
            r#"{{"version":1,"title":"2025年度绩效评估草稿","year":2025,"items":[{}]}}"#,
            items.join(",")
        );
        if json.len() >= target_bytes {
            return json;
        }
        i += 1;
    }
}

/// Pseudo-random hex (a simple LCG), which DEFLATE cannot shrink much below 4 bits/char.
fn lcg_hex(len: usize) -> String {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut s = String::with_capacity(len);
    while s.len() < len {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let nibble = (state >> 60) as usize;
        s.push(char::from(b"0123456789abcdef"[nibble]));
    }
    s
}

/// Builds a `d1.` fragment from a CRC over `crc_of` and arbitrary `deflated` bytes.
fn fragment_from(crc_of: &[u8], deflated: &[u8]) -> String {
    let mut body = crc32fast::hash(crc_of).to_be_bytes().to_vec();
    body.extend_from_slice(deflated);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(&body))
}

fn assert_charset(fragment: &str) {
    assert!(
        fragment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-'),
        "fragment has characters outside [A-Za-z0-9_.-]: {fragment}"
    );
}

#[test]
fn crc32_is_the_standard_one() {
    // The check value of CRC-32/ISO-HDLC, and the crc32fast crate on assorted inputs.
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    for n in [1, 7, 64, 1000, 70_000] {
        let json = realistic_draft(n);
        assert_eq!(crc32(json.as_bytes()), crc32fast::hash(json.as_bytes()));
    }
}

#[test]
fn round_trip_ascii() {
    let json = r#"{"version":1,"items":[{"a":"1.25","b":true}],"note":null}"#;
    let fragment = encode(json).unwrap();
    assert!(fragment.starts_with(PREFIX));
    assert_charset(&fragment);
    assert_eq!(decode(&fragment).unwrap(), json);
}

#[test]
fn round_trip_chinese() {
    let json = r#"{"title":"重庆市人力资源服务发展平台","note":"绩效评估与认定 —— 渝人社规〔2025〕4号 ✓"}"#;
    let fragment = encode(json).unwrap();
    assert_charset(&fragment);
    assert_eq!(decode(&fragment).unwrap(), json);
}

#[test]
fn prefix_is_the_version_tag_and_a_dot() {
    assert_eq!(PREFIX, format!("{VERSION_TAG}."));
    assert_eq!(split_version(PREFIX), Some((VERSION_TAG, "")));
}

#[test]
fn round_trip_empty_string() {
    let fragment = encode("").unwrap();
    assert_eq!(decode(&fragment).unwrap(), "");
}

#[test]
fn decode_accepts_hash_and_whitespace() {
    let json = r#"{"x":"一"}"#;
    let fragment = encode(json).unwrap();
    assert_eq!(decode(&format!("#{fragment}")).unwrap(), json);
    assert_eq!(decode(&format!("  #{fragment}\n")).unwrap(), json);
    assert_eq!(decode(&format!("\t{fragment} ")).unwrap(), json);
}

#[test]
fn decode_is_strict_about_padding_and_percent_encoding() {
    let fragment = encode(r#"{"x":1}"#).unwrap();
    assert!(decode(&format!("{fragment}=")).is_err());
    assert!(decode(&format!("{fragment}==")).is_err());
    let percent = fragment.replacen('.', "%2E", 1);
    assert!(decode(&percent).is_err());
}

#[test]
fn realistic_draft_is_well_under_the_limit() {
    let json = realistic_draft(3 * 1024);
    assert!(json.len() >= 3 * 1024);
    let fragment = encode(&json).unwrap();
    assert_charset(&fragment);
    assert!(
        fragment.len() < 2500,
        "3 KB draft gave {} chars",
        fragment.len()
    );
    assert_eq!(decode(&fragment).unwrap(), json);
}

#[test]
fn truncation_is_an_error() {
    let json = realistic_draft(2 * 1024);
    let fragment = encode(&json).unwrap();
    let n = fragment.len();
    for drop in [1, 2, 3, 4, 5, n / 2, n - PREFIX.len(), n - 2, n] {
        let cut = &fragment[..n - drop];
        let result = decode(cut);
        assert!(result.is_err(), "dropping {drop} chars gave {result:?}");
    }
    // Every possible prefix, not only the listed ones: never Ok with different text.
    for end in 0..n {
        if let Ok(text) = decode(&fragment[..end]) {
            assert_eq!(text, json, "prefix of length {end} decoded to other text");
        }
    }
}

#[test]
fn tampering_never_yields_different_json() {
    let json = realistic_draft(700);
    let fragment = encode(&json).unwrap();
    let mut bytes = fragment.clone().into_bytes();
    let mut accepted = 0usize;
    let mut rejected = 0usize;
    for pos in PREFIX.len()..bytes.len() {
        let original = bytes[pos];
        for &replacement in BASE64URL {
            if replacement == original {
                continue;
            }
            bytes[pos] = replacement;
            let tampered = std::str::from_utf8(&bytes).unwrap();
            match decode(tampered) {
                Ok(text) => {
                    assert_eq!(
                        text, json,
                        "flip at {pos} to {} decoded",
                        replacement as char
                    );
                    accepted += 1;
                }
                Err(_) => rejected += 1,
            }
        }
        bytes[pos] = original;
    }
    assert!(rejected > 0);
    // Almost every flip must be caught; only bits DEFLATE ignores may pass.
    assert!(
        accepted * 100 < rejected,
        "{accepted} flips accepted, {rejected} rejected"
    );
}

#[test]
fn tampering_the_checksum_is_a_mismatch() {
    let json = r#"{"a":"重庆"}"#;
    let fragment = encode(json).unwrap();
    // The first 5 body characters encode only CRC bits (30 of its 32).
    for pos in PREFIX.len()..PREFIX.len() + 5 {
        let mut bytes = fragment.clone().into_bytes();
        bytes[pos] = if bytes[pos] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(bytes).unwrap();
        assert_eq!(decode(&tampered), Err(ShareError::ChecksumMismatch));
    }
}

#[test]
fn zip_bomb_is_refused() {
    let spaces = vec![b' '; 10 * 1024 * 1024];
    let deflated = miniz_oxide::deflate::compress_to_vec(&spaces, 9);
    let fragment = fragment_from(&spaces, &deflated);
    assert!(fragment.len() <= MAX_LINK_CHARS * 4, "bomb is small");
    assert_eq!(decode(&fragment), Err(ShareError::TooBigWhenExpanded));
}

#[test]
fn json_just_at_the_expansion_limit_is_accepted() {
    let json = " ".repeat(MAX_JSON_BYTES);
    let fragment = encode(&json).unwrap();
    assert_eq!(decode(&fragment).unwrap(), json);
    let over = " ".repeat(MAX_JSON_BYTES + 1);
    assert!(matches!(encode(&over), Err(ShareError::TooLarge { .. })));
    let deflated = miniz_oxide::deflate::compress_to_vec(over.as_bytes(), 9);
    assert_eq!(
        decode(&fragment_from(over.as_bytes(), &deflated)),
        Err(ShareError::TooBigWhenExpanded)
    );
}

#[test]
fn wrong_crc_is_a_mismatch_and_bad_utf8_is_not_utf8() {
    let deflated = miniz_oxide::deflate::compress_to_vec(b"{}", 9);
    assert_eq!(
        decode(&fragment_from(b"{ }", &deflated)),
        Err(ShareError::ChecksumMismatch)
    );
    let invalid = [0xff, 0xfe, b'{', 0xc3];
    let deflated = miniz_oxide::deflate::compress_to_vec(&invalid, 9);
    assert_eq!(
        decode(&fragment_from(&invalid, &deflated)),
        Err(ShareError::NotUtf8)
    );
}

#[test]
fn short_or_undeflatable_bodies_are_corrupt() {
    assert_eq!(decode("d1."), Err(ShareError::Corrupt));
    assert_eq!(decode("d1.AAAAAA"), Err(ShareError::Corrupt)); // 4 bytes: CRC only
    assert_eq!(decode("d1.!!!!"), Err(ShareError::Corrupt));
    assert_eq!(decode("d1.A"), Err(ShareError::Corrupt)); // impossible base64 length
                                                          // Valid base64, correct length, but not DEFLATE (reserved block type 3).
    assert_eq!(
        decode(&fragment_from(b"", &[0xff, 0xff, 0xff])),
        Err(ShareError::Corrupt)
    );
}

#[test]
fn unknown_version() {
    assert_eq!(
        decode("d9.xxx"),
        Err(ShareError::UnknownVersion("d9".to_string()))
    );
    assert_eq!(
        decode("#d2.AAAA"),
        Err(ShareError::UnknownVersion("d2".to_string()))
    );
    assert_eq!(
        decode("d10."),
        Err(ShareError::UnknownVersion("d10".to_string()))
    );
    let long = format!("d{}.x", "9".repeat(10_000));
    match decode(&long) {
        Err(ShareError::UnknownVersion(tag)) => assert!(tag.chars().count() <= 13),
        other => panic!("got {other:?}"),
    }
}

#[test]
fn not_a_link() {
    for s in [
        "hello", "", "   ", "#", "#top", "d", "d.", "d1", "dx.", "D1.AAAA", "1.AAAA", "d１.",
    ] {
        assert_eq!(decode(s), Err(ShareError::NotALink), "input {s:?}");
        assert!(!is_share_fragment(s), "input {s:?}");
    }
}

#[test]
fn is_share_fragment_recognises_any_version() {
    for s in ["d1.", "#d1.abc", " d1.abc ", "d9.xxx", "#d12.", "d1.!!"] {
        assert!(is_share_fragment(s), "input {s:?}");
    }
    assert!(is_share_fragment(&encode("{}").unwrap()));
}

#[test]
fn incompressible_json_is_too_large() {
    let json = format!(r#"{{"blob":"{}"}}"#, lcg_hex(20 * 1024));
    match encode(&json) {
        Err(ShareError::TooLarge { chars, max }) => {
            assert_eq!(max, MAX_LINK_CHARS);
            assert!(chars > MAX_LINK_CHARS);
            let msg = ShareError::TooLarge { chars, max }.message_zh();
            assert!(msg.contains(&chars.to_string()) && msg.contains("8000"));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn base64_len_matches_the_engine() {
    for n in 0..100 {
        assert_eq!(base64_len(n), URL_SAFE_NO_PAD.encode(vec![0u8; n]).len());
    }
}

#[test]
fn every_error_has_a_chinese_message() {
    let all = [
        ShareError::TooLarge {
            chars: 12345,
            max: MAX_LINK_CHARS,
        },
        ShareError::NotALink,
        ShareError::UnknownVersion("d2".to_string()),
        ShareError::Corrupt,
        ShareError::ChecksumMismatch,
        ShareError::TooBigWhenExpanded,
        ShareError::NotUtf8,
    ];
    let mut seen = std::collections::HashSet::new();
    for e in &all {
        let msg = e.message_zh();
        assert!(!msg.trim().is_empty(), "{e:?}");
        assert!(
            msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{e:?} message is not Chinese: {msg}"
        );
        assert_eq!(e.to_string(), msg);
        assert!(
            seen.insert(msg),
            "{e:?} shares its message with another error"
        );
    }
    let boxed: Box<dyn std::error::Error> = Box::new(ShareError::Corrupt);
    assert!(!boxed.to_string().is_empty());
}

// ---- edition links ----

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The bundled 附表2 edited as in tests/it/edition_files.rs: 1.1 每家 0.3 分, 上限 12;
/// 1.2 上限 10.
fn edited_2026() -> Rubric {
    let mut v =
        serde_json::to_value(crate::domain::rubric::latest("comprehensive-park").unwrap()).unwrap();
    v["edition"] = serde_json::json!("2026");
    for ind in v["indicators"].as_array_mut().unwrap() {
        match ind["id"].as_str() {
            Some("1.1") => {
                ind["terms"][0]["points"] = serde_json::json!("0.3");
                ind["cap"] = serde_json::json!("12");
            }
            Some("1.2") => ind["cap"] = serde_json::json!("10"),
            _ => {}
        }
    }
    edition::parse(&v.to_string()).unwrap().rubrics.remove(0)
}

#[test]
fn edition_link_round_trips_with_its_fingerprint() {
    let mut all: Vec<Rubric> = crate::domain::rubric::all().to_vec();
    all.push(edited_2026());
    for r in &all {
        let payload = encode_edition(r).unwrap();
        assert!(payload.starts_with(EDITION_PREFIX));
        assert_charset(&payload);
        assert!(
            payload.len() <= MAX_LINK_CHARS,
            "{}: {}",
            r.id,
            payload.len()
        );
        assert!(is_edition_fragment(&payload) && !is_share_fragment(&payload));
        let back = edition_from_link(&payload).unwrap();
        assert_eq!(
            edition::fingerprint(&back),
            edition::fingerprint(r),
            "{}",
            r.id
        );
        assert_eq!(&back, r);
        // With its '#', and as copied with whitespace.
        assert_eq!(edition_from_link(&format!(" #{payload}\n")).unwrap(), back);
    }
    // The bundled rubrics take 4600–5200 characters (documented at encode_edition).
    for r in crate::domain::rubric::all() {
        let n = encode_edition(r).unwrap().len();
        assert!((4000..6000).contains(&n), "{}: {n}", r.id);
    }
}

#[test]
fn draft_and_edition_links_are_not_confused() {
    let payload = encode_edition(&edited_2026()).unwrap();
    assert_eq!(decode(&payload), Err(ShareError::NotALink));
    let draft = encode(r#"{"rubric":"talent-market"}"#).unwrap();
    assert_eq!(decode_edition(&draft), Err(ShareError::NotALink));
    let e = edition_from_link(&draft).unwrap_err().problems();
    assert!(e[0].contains("e1.") && e[0].contains("评分标准"), "{e:?}");
    assert_eq!(
        decode_edition("e2.AAAA"),
        Err(ShareError::UnknownVersion("e2".into()))
    );
}

#[test]
fn a_tampered_or_truncated_edition_link_gets_a_chinese_message() {
    let payload = encode_edition(&edited_2026()).unwrap();
    let n = payload.len();
    for end in [n - 1, n - 7, n / 2, EDITION_PREFIX.len() + 3] {
        let e = edition_from_link(&payload[..end]).unwrap_err().problems();
        assert!(has_chinese(&e[0]) && e[0].contains("链接"), "{end}: {e:?}");
    }
    let mut bytes = payload.clone().into_bytes();
    let mut refused = 0;
    for pos in (EDITION_PREFIX.len()..n).step_by(97) {
        let was = bytes[pos];
        bytes[pos] = if was == b'A' { b'B' } else { b'A' };
        match edition_from_link(std::str::from_utf8(&bytes).unwrap()) {
            Ok(r) => assert_eq!(
                edition::fingerprint(&r),
                edition::fingerprint(&edited_2026())
            ),
            Err(e) => {
                assert!(has_chinese(&e.problems()[0]), "{e:?}");
                refused += 1;
            }
        }
        bytes[pos] = was;
    }
    assert!(refused > 0);
    for junk in ["", "e1.", "e1.!!!", "#/editions", "e1.AAAAAA"] {
        let e = edition_from_link(junk).unwrap_err().problems();
        assert!(has_chinese(&e[0]), "{junk:?}: {e:?}");
    }
}

#[test]
fn a_well_made_link_to_a_hostile_edition_is_refused_by_the_edition_reader() {
    // The checksum is right (made with pack), the content is not an edition.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let many = format!(
        r#"{{"id":"talent-market","edition":"x","indicators":[{}]}}"#,
        vec!["{}"; 50_000].join(",")
    );
    for json in [
        deep.as_str(),
        many.as_str(),
        "{}",
        "42",
        r#"{"id":1}"#,
        "[{},{}]",
    ] {
        let payload = pack(EDITION_PREFIX, json).unwrap();
        let e = edition_from_link(&payload).unwrap_err();
        assert!(matches!(e, EditionLinkError::Edition(_)), "{e:?}");
        assert!(e.problems().iter().all(|m| has_chinese(m)), "{e:?}");
    }
    // Two rubrics in one link: not what the app makes.
    let two = format!(
        "[{},{}]",
        edition::canonical(&edited_2026()),
        edition::canonical(crate::domain::rubric::latest("talent-market").unwrap())
    );
    let e = edition_from_link(&pack(EDITION_PREFIX, &two).unwrap()).unwrap_err();
    assert_eq!(e, EditionLinkError::NotOne);
    assert!(e.problems()[0].contains("恰有一张"), "{e:?}");
}

#[test]
fn an_edition_too_long_for_a_link_says_so_and_points_to_the_file() {
    let mut r = edited_2026();
    r.indicators[0].standard = lcg_hex(20_000);
    match encode_edition(&r) {
        Err(e @ ShareError::TooLarge { .. }) => {
            let msg = e.edition_message_zh();
            assert!(
                msg.starts_with("评分标准过大") && msg.contains("导出文件") && msg.contains("8000"),
                "{msg}"
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

proptest! {
    #[test]
    fn any_string_round_trips_when_it_fits(s in any::<String>()) {
        match encode(&s) {
            Ok(fragment) => {
                prop_assert!(fragment.len() <= MAX_LINK_CHARS);
                assert_charset(&fragment);
                prop_assert_eq!(decode(&fragment), Ok(s));
            }
            Err(e) => prop_assert!(matches!(e, ShareError::TooLarge { .. }), "{:?}", e),
        }
    }

    #[test]
    fn long_unicode_strings_round_trip_when_they_fit(s in "\\PC{0,3000}") {
        match encode(&s) {
            Ok(fragment) => prop_assert_eq!(decode(&fragment), Ok(s)),
            Err(e) => prop_assert!(matches!(e, ShareError::TooLarge { .. }), "{:?}", e),
        }
    }

    #[test]
    fn crc32_matches_crc32fast(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        prop_assert_eq!(crc32(&bytes), crc32fast::hash(&bytes));
    }

    #[test]
    fn decode_of_arbitrary_text_never_panics(s in any::<String>()) {
        let _ = decode(&s);
        let _ = is_share_fragment(&s);
    }

    #[test]
    fn decode_of_arbitrary_base64url_never_panics(body in "[A-Za-z0-9_-]{0,400}") {
        let _ = decode(&format!("d1.{body}"));
        let _ = decode(&format!("#d1.{body}"));
    }

    #[test]
    fn decode_of_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let fragment = format!("d1.{}", URL_SAFE_NO_PAD.encode(&bytes));
        if let Ok(text) = decode(&fragment) {
            // Only possible when the CRC matches what came out.
            let crc = crc32fast::hash(text.as_bytes()).to_be_bytes();
            prop_assert_eq!(&crc[..], &bytes[..4]);
        }
    }

    #[test]
    fn random_deflate_with_a_matching_crc_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 1..400),
    ) {
        // Give random DEFLATE data the CRC of what it inflates to, to get past the checksum.
        let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_JSON_BYTES);
        let crc_of = inflated.as_ref().map(Vec::as_slice).unwrap_or(&[]);
        let fragment = fragment_from(crc_of, &bytes);
        let result = decode(&fragment);
        if let Ok(out) = &inflated {
            match std::str::from_utf8(out) {
                Ok(text) => prop_assert_eq!(result, Ok(text.to_string())),
                Err(_) => prop_assert_eq!(result, Err(ShareError::NotUtf8)),
            }
        } else {
            prop_assert!(result.is_err());
        }
    }

    #[test]
    fn truncating_a_valid_link_never_gives_other_text(s in "\\PC{1,300}", cut in 1usize..50) {
        let fragment = encode(&s).unwrap();
        let end = fragment.len().saturating_sub(cut);
        if let Ok(text) = decode(&fragment[..end]) {
            prop_assert_eq!(text, s);
        }
    }
}

/// A signed 公布 of `n` platforms (demo root), as the city issues it.
fn publication(n: usize) -> Publication {
    use crate::domain::publish::PublishedRow;
    let districts = ["黔江区", "万州区", "渝北区", "江北区", "巫山县"];
    let mut p = Publication {
        year: "2025".into(),
        date: "2026-06-30".into(),
        rows: (0..n)
            .map(|i| PublishedRow {
                name: format!("重庆{}人力资源服务产业园第{i}号", districts[i % 5]),
                district: districts[i % 5].into(),
                type_name: "综合性产业园".into(),
                level: "市级".into(),
                stage: "city".into(),
                total: rust_decimal::Decimal::new(900 - i as i64 * 3, 1),
                grade: if i < 30 { "excellent" } else { "pass" }.into(),
                grade_text: if i < 30 { "优秀" } else { "合格" }.into(),
            })
            .collect(),
        ..Publication::default()
    };
    p.sign(&crate::domain::sign::trust::demo_root());
    p
}

#[test]
fn a_publication_link_round_trips_and_a_forged_one_reads_invalid() {
    use crate::domain::publish::PublicationStatus;
    use crate::domain::sign::{Trust, TrustConfig};
    let trust = Trust::with_root(TrustConfig::demo());
    let p = publication(3);
    let link = encode_publication(&p).unwrap();
    assert!(link.starts_with("p1."), "{link}");
    assert!(is_publication_fragment(&link) && !is_share_fragment(&link));
    let back = publication_from_link(&link).unwrap();
    assert_eq!(back, p);
    assert!(back.status_with(&trust).is_valid());

    // A forger decodes, changes a grade, and packs it again with a correct CRC: the link
    // opens, and its signature no longer holds.
    let mut forged = back.clone();
    forged.rows[2].grade = "fail".into();
    forged.rows[2].grade_text = "不合格".into();
    let forged = publication_from_link(&encode_publication(&forged).unwrap()).unwrap();
    assert_eq!(forged.status_with(&trust), PublicationStatus::Invalid);
    assert!(forged
        .status_with(&trust)
        .text_zh()
        .starts_with("签名无效（内容已改动）"));

    // A character changed in transit: the link is refused with its message.
    let mut bytes = link.clone().into_bytes();
    let i = bytes.len() - 5;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    let damaged = String::from_utf8(bytes).unwrap();
    let e = publication_from_link(&damaged).unwrap_err();
    assert!(matches!(e, PublicationLinkError::Link(_)), "{e:?}");
    let m = e.to_string();
    assert!(m.contains("链接") && m.contains("无法打开"), "{m}");
    // Cut short, another version, a draft link: messages that name the 公布.
    assert!(publication_from_link(&link[..link.len() / 2]).is_err());
    let e = publication_from_link("p9.AAAA").unwrap_err();
    assert_eq!(
        e,
        PublicationLinkError::Link(ShareError::UnknownVersion("p9".into()))
    );
    assert!(e.to_string().contains("格式 p9"), "{e}");
    let e = publication_from_link(&encode("{}").unwrap()).unwrap_err();
    assert_eq!(e, PublicationLinkError::Link(ShareError::NotALink));
    assert!(e.to_string().contains("“p1.”开头的公布数据"), "{e}");
    // A link holding JSON that is not a 公布.
    let e =
        publication_from_link(&pack(PUBLICATION_PREFIX, "{\"type\":\"x\"}").unwrap()).unwrap_err();
    assert!(matches!(e, PublicationLinkError::Publication(_)), "{e:?}");
    assert!(
        e.to_string().starts_with("链接中的不是有效的公布文件"),
        "{e}"
    );
}

/// The 公布 link's error says each kind as the page has always said it: the link codec's
/// messages in the 公布's words, a refused content after 链接中的.
#[test]
fn a_publication_link_error_says_what_the_page_shows() {
    use crate::domain::publish::PublicationError;
    let said = |e: PublicationLinkError| e.to_string();
    assert_eq!(
        said(PublicationLinkError::Link(ShareError::NotALink)),
        "这不是本计算器的分享链接（缺少“p1.”开头的公布数据）。请检查是否复制了完整的链接。"
    );
    assert_eq!(
        said(PublicationLinkError::Link(ShareError::UnknownVersion("p2".into()))),
        "此链接来自更新或不同版本的计算器（格式 p2），当前版本无法打开。请刷新页面或使用最新版本后重试。"
    );
    assert_eq!(
        said(PublicationLinkError::Link(ShareError::Corrupt)),
        "链接已损坏或不完整（可能被截断），无法打开。请向发送人重新索取链接。"
    );
    assert_eq!(
        said(PublicationLinkError::Link(ShareError::ChecksumMismatch)),
        "链接不完整或已被改动（校验不符），无法打开。请向发送人重新索取链接。"
    );
    assert_eq!(
        said(PublicationLinkError::Link(ShareError::TooBigWhenExpanded)),
        "链接中的公布解压后超过 256 KB 上限，不是本计算器生成的链接，已拒绝打开。"
    );
    assert_eq!(
        said(PublicationLinkError::Link(ShareError::NotUtf8)),
        "链接中的公布不是有效的文本（编码错误），无法打开。请向发送人重新索取链接。"
    );
    assert_eq!(
        said(PublicationLinkError::Publication(PublicationError(
            "行数过多".into()
        ))),
        "链接中的不是有效的公布文件：行数过多"
    );
    let e: &dyn std::error::Error = &PublicationLinkError::Link(ShareError::Corrupt);
    assert!(!e.to_string().is_empty());
}

#[test]
fn a_publication_link_is_found_in_the_signing_address_only() {
    assert_eq!(
        publication_payload("#/signing/p1.AAAA-_").as_deref(),
        Some("p1.AAAA-_")
    );
    assert_eq!(
        publication_payload("/signing/p7.x").as_deref(),
        Some("p7.x")
    );
    for f in [
        "#/signing",
        "#/signing/",
        "#/signing/d1.abc",
        "#/editions/p1.abc",
        "#p1.abc",
    ] {
        assert_eq!(publication_payload(f), None, "{f}");
    }
}

#[test]
fn a_hundred_platform_publication_fits_a_link() {
    let link = encode_publication(&publication(100)).unwrap();
    assert!(link.len() <= MAX_LINK_CHARS, "{}", link.len());
}
