//! The `cqhr` command: scoring files and stdin, its exit status, and garbage input.

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const FIXTURES: [&str; 3] = ["comprehensive-park", "specialized-park", "talent-market"];

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/full-{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Runs cqhr with the arguments, feeding `stdin` (the input is written from a thread so
/// that a large input cannot deadlock against the child's output).
fn cqhr(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cqhr runs");
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            // The command may stop reading early; a broken pipe is not a test failure.
            let _ = pipe.write_all(&bytes);
        })
    });
    let out = child.wait_with_output().expect("cqhr finishes");
    if let Some(w) = writer {
        w.join().unwrap();
    }
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Asserts a refusal with exit status 2 and no panic; returns stderr.
fn refused(o: &Output, what: &str) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{what}: status {:?}, stderr {err}",
        o.status
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(!err.trim().is_empty(), "{what}: no message");
    err
}

/// Writes a draft to a file of its own under the test target's temporary directory.
fn draft_file(name: &str, draft: &Value) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(draft).unwrap()).unwrap();
    path
}

fn check_json_report(name: &str, out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(out));
    let report: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
    let f = fixture(name);
    assert_eq!(report["rubric"], json!(name));
    assert_eq!(report["edition"], json!("2025"));
    assert_eq!(report["level"], json!("city"));
    assert_eq!(report["total"], f["expected"]["total"], "{name}: total");
    let expected = f["expected"]["indicators"].as_object().unwrap();
    let listed = report["indicators"].as_array().unwrap();
    assert_eq!(
        listed.len(),
        expected.len(),
        "{name}: every indicator is listed"
    );
    for (id, score) in expected {
        let i = listed
            .iter()
            .find(|i| i["id"] == json!(id))
            .unwrap_or_else(|| panic!("{name}: {id} not listed"));
        assert!(
            i["score"].is_string(),
            "{name} {id}: score is not a string: {}",
            i["score"]
        );
        assert_eq!(&i["score"], score, "{name} {id}");
    }
    report
}

#[test]
fn scores_each_fixture_file_as_json() {
    for name in FIXTURES {
        let path = draft_file(name, &fixture(name)["draft"]);
        let out = cqhr(&["score", path.to_str().unwrap()], None);
        let report = check_json_report(name, &out);
        assert_eq!(report["cap_total"], json!("100"));
        assert_eq!(report["blank_count"], json!(0));
    }
}

#[test]
fn the_uncounted_pair_member_scores_0_but_shows_its_own() {
    let name = "specialized-park";
    let path = draft_file("pair", &fixture(name)["draft"]);
    let out = cqhr(&["score", path.to_str().unwrap(), "--format", "json"], None);
    let report = check_json_report(name, &out);
    let i21 = report["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == json!("2.1"))
        .unwrap();
    assert_eq!(i21["score"], json!("0"));
    assert_eq!(i21["own"], json!("13"));
    assert_eq!(i21["counted"], json!(false));
    assert_eq!(i21["pair"], json!("2.1/2.2"));
    let pair = report["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == json!("2.1/2.2"))
        .unwrap();
    assert_eq!(pair["counted"], json!("2.2"));
    assert_eq!(pair["explicit"], json!(true));
}

#[test]
fn scores_stdin_with_dash() {
    for name in FIXTURES {
        let text = serde_json::to_vec(&fixture(name)["draft"]).unwrap();
        let out = cqhr(&["score", "-"], Some(text));
        check_json_report(name, &out);
    }
    // A byte-order mark in front is tolerated.
    let mut text = "\u{feff}".as_bytes().to_vec();
    text.extend(serde_json::to_vec(&fixture("talent-market")["draft"]).unwrap());
    check_json_report("talent-market", &cqhr(&["score", "-"], Some(text)));
}

#[test]
fn text_format_shows_the_table_and_the_total() {
    let text = serde_json::to_vec(&fixture("comprehensive-park")["draft"]).unwrap();
    for args in [
        &["score", "-", "--format", "text"][..],
        &["score", "--format=text", "-"][..],
    ] {
        let out = cqhr(args, Some(text.clone()));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let s = stdout(&out);
        assert!(
            s.contains("重庆市市级综合性人力资源服务产业园绩效评估评分表"),
            "{s}"
        );
        assert!(s.contains("总分 78 / 100"), "{s}");
        assert!(s.contains("重庆临空人力资源服务产业园"), "{s}");
    }
    let text = serde_json::to_vec(&fixture("talent-market")["draft"]).unwrap();
    let s = stdout(&cqhr(&["score", "-", "--format", "text"], Some(text)));
    assert!(
        s.contains("重庆市市级专业性行业性人力资源（人才）市场绩效评估评分表")
            && s.contains("总分 63"),
        "{s}"
    );
}

#[test]
fn a_partial_draft_reports_its_blanks() {
    let draft = json!({"rubric": "comprehensive-park", "level": "district", "inputs": {"1.2": {"revenue_wan": 500}}});
    let out = cqhr(&["score", "-"], Some(serde_json::to_vec(&draft).unwrap()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["level"], json!("district"));
    assert_eq!(report["total"], json!("0.1"));
    assert_eq!(report["blank_count"], json!(16));
}

#[test]
fn invalid_drafts_exit_2_naming_indicator_and_field() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"rubric": "comprehensive-park", "inputs": {"1.2": {"revenue_wan": -5}}}),
            "1.2",
            "revenue_wan",
        ),
        (
            json!({"rubric": "comprehensive-park", "inputs": {"1.1": {"firms": "2.5"}}}),
            "1.1",
            "firms",
        ),
        (
            json!({"rubric": "specialized-park", "inputs": {"1.1": {"firms": 3, "above_scale": 4}}}),
            "1.1",
            "above_scale",
        ),
        (
            json!({"rubric": "talent-market", "inputs": {"3.1": {"staff": 1, "titled_staff": 2}}}),
            "3.1",
            "titled_staff",
        ),
        (
            json!({"rubric": "talent-market", "inputs": {"3.2": {"score": 10.5}}}),
            "3.2",
            "score",
        ),
        (
            json!({"rubric": "comprehensive-park", "inputs": {"4.4": {"tier": "perfect"}}}),
            "4.4",
            "tier",
        ),
        (
            json!({"rubric": "comprehensive-park", "inputs": {"1.2": {"turnover": 1}}}),
            "1.2",
            "turnover",
        ),
        (
            json!({"rubric": "talent-market", "inputs": {"1.1": {"functions": ["dancing"]}}}),
            "1.1",
            "functions",
        ),
        (
            json!({"rubric": "talent-market", "inputs": {"1.2": {"revenue_wan": "1e40"}}}),
            "1.2",
            "revenue_wan",
        ),
    ];
    for (draft, id, field) in cases {
        let out = cqhr(&["score", "-"], Some(serde_json::to_vec(&draft).unwrap()));
        let err = refused(&out, &draft.to_string());
        assert!(
            err.contains(id) && err.contains(field),
            "{draft}: stderr does not name {id} {field}: {err}"
        );
        assert!(out.stdout.is_empty(), "{draft}: printed a report anyway");
    }
    // The same from a file.
    let path = draft_file(
        "bad",
        &json!({"rubric": "specialized-park", "inputs": {"4.2": {"score": 6}}}),
    );
    let err = refused(&cqhr(&["score", path.to_str().unwrap()], None), "file");
    assert!(err.contains("4.2") && err.contains("score"), "{err}");
    // Every problem is listed, not just the first.
    let draft = json!({"rubric": "comprehensive-park", "inputs": {"1.1": {"firms": -1}, "4.4": {"tier": "x"}}});
    let err = refused(
        &cqhr(&["score", "-"], Some(serde_json::to_vec(&draft).unwrap())),
        "two errors",
    );
    assert!(err.contains("firms") && err.contains("tier"), "{err}");
}

#[test]
fn invalid_draft_headers_exit_2() {
    for (draft, word) in [
        (json!({"rubric": "nope"}), "nope"),
        (
            json!({"rubric": "talent-market", "edition": "1999"}),
            "1999",
        ),
        (
            json!({"rubric": "talent-market", "level": "galactic"}),
            "level",
        ),
        (json!({"rubric": "talent-market", "format": 99}), "99"),
        (
            json!({"rubric": "specialized-park", "choices": {"2.1/2.2": "2.4"}}),
            "2.1/2.2",
        ),
    ] {
        let err = refused(
            &cqhr(&["score", "-"], Some(serde_json::to_vec(&draft).unwrap())),
            &draft.to_string(),
        );
        assert!(err.contains(word), "{draft}: {err}");
    }
}

/// A small deterministic generator for "random" bytes.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn garbage_on_stdin_exits_2_without_panicking() {
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("null".into(), b"null".to_vec()),
        ("array".into(), b"[]".to_vec()),
        ("number".into(), b"42".to_vec()),
        ("whitespace".into(), b"  \n\t ".to_vec()),
        (
            "truncated".into(),
            br#"{"rubric": "talent-market", "inputs": {"1.2": {"#.to_vec(),
        ),
        (
            "deep arrays".into(),
            ["[".repeat(10_000), "]".repeat(10_000)]
                .concat()
                .into_bytes(),
        ),
        (
            "deep objects".into(),
            ["{\"a\":".repeat(10_000), "1".into(), "}".repeat(10_000)]
                .concat()
                .into_bytes(),
        ),
        ("unclosed deep".into(), "[".repeat(10_000).into_bytes()),
        (
            "5 MB string".into(),
            format!("\"{}\"", "字".repeat(5 * 1024 * 1024 / 3)).into_bytes(),
        ),
        ("invalid utf-8".into(), vec![0xff, 0xfe, b'{', 0xc3, 0x28]),
    ];
    for seed in 0..6 {
        inputs.push((format!("noise {seed}"), noise(seed, 1 << (8 + 2 * seed))));
    }
    for (what, bytes) in inputs {
        let out = cqhr(&["score", "-"], Some(bytes));
        let err = refused(&out, &what);
        assert!(err.len() < 10_000, "{what}: {} bytes of stderr", err.len());
    }
}

#[test]
fn a_5_mb_number_is_refused_briefly() {
    let draft = format!(
        r#"{{"rubric": "comprehensive-park", "inputs": {{"1.2": {{"revenue_wan": "{}"}}}}}}"#,
        "9".repeat(5 * 1024 * 1024)
    );
    let out = cqhr(&["score", "-"], Some(draft.into_bytes()));
    let err = refused(&out, "5 MB number");
    assert!(
        err.contains("1.2") && err.contains("revenue_wan"),
        "{}",
        &err[..err.len().min(500)]
    );
    assert!(
        err.len() < 10_000,
        "the message echoes the whole input: {} bytes",
        err.len()
    );
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["score"][..],
        &["score", "a.json", "b.json"][..],
        &["score", "-", "--verbose"][..],
        &["score", "-", "--format", "xml"][..],
        &["score", "-", "--format"][..],
        &["--no-such-option"][..],
    ] {
        let out = cqhr(args, Some(b"{}".to_vec()));
        let err = refused(&out, &format!("{args:?}"));
        assert!(
            err.contains("cqhr") || err.contains("usage") || err.contains("用法"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn help_and_missing_files() {
    let out = cqhr(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("cqhr score"));
    let out = cqhr(&["score", "/nonexistent/dir/draft.json"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unreadable file is status 1: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("/nonexistent/dir/draft.json"));
    assert!(!stderr(&out).contains("panicked"));
}

/// The README's `cqhr check` example: a 万州区 park missing two quantitative conditions
/// may apply for lowered standards (Art. 17).
#[test]
fn check_reads_the_readme_example() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/certification-wanzhou.json"
    );
    let out = cqhr(&["check", path], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["overall"], "eligible_with_relief");
    let not_met: Vec<(String, String, String)> = r["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "met")
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
                c["shortfall"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        not_met,
        vec![
            (
                "area_sqm".into(),
                "relief_eligible".into(),
                "还差 2,000 平方米".into()
            ),
            (
                "above_scale_firms".into(),
                "relief_eligible".into(),
                "还差 3 家规模以上企业".into()
            ),
        ]
    );
}

#[test]
fn a_reader_that_closes_early_is_not_an_error() {
    // `cqhr … | head -1`: the pipe closes before the output is written; no panic, exit 0.
    let file = format!(
        "{}/tests/fixtures/formats/draft-plain.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(["score", &file, "--format", "text"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
