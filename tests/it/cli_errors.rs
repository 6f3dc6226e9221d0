//! `cqhr … --format json` for scripts (issue 24, item 8): every failure is JSON on standard
//! output too, `{"error": {"kind", "path", "message"}, "errors": [...]}`, with the exit
//! status of docs/output.md; without `--format json` the Chinese lines go to stderr as before.

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn cqhr(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cqhr runs");
    let mut pipe = child.stdin.take().unwrap();
    let _ = pipe.write_all(stdin.as_bytes());
    drop(pipe);
    child.wait_with_output().expect("cqhr finishes")
}

/// The JSON failure: exit status `code`, nothing on stderr, `error` equal to `errors[0]`
/// and its members in the documented order. Returns `errors`.
fn failed(o: &Output, code: i32) -> Vec<Value> {
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(code), "stdout {out}");
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"));
    let errors = v["errors"].as_array().expect("errors").clone();
    assert!(!errors.is_empty());
    assert_eq!(v["error"], errors[0]);
    let order: Vec<usize> = ["\"kind\"", "\"path\"", "\"message\""]
        .iter()
        .map(|k| out.find(k).expect(k))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "kind, path, message: {out}"
    );
    for e in &errors {
        let message = e["message"].as_str().expect("a message");
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{message}"
        );
    }
    errors
}

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-errors-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn bad_usage_is_kind_usage_at_the_option() {
    let e = failed(
        &cqhr(&["score", "-", "--format", "json", "--bogus"], "{}"),
        2,
    );
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("usage"), &Value::Null)
    );
    assert_eq!(e[0]["message"], json!("未知的选项 --bogus"));
    let e = failed(
        &cqhr(&["score", "-", "--stage", "nope", "--format=json"], "{}"),
        2,
    );
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("usage"), &json!("--stage"))
    );
    let e = failed(
        &cqhr(
            &["check", "-", "--format", "json", "--pass-mark", "60"],
            "{}",
        ),
        2,
    );
    assert_eq!(e[0]["path"], json!("--pass-mark"));
}

#[test]
fn a_file_that_does_not_read_is_kind_unreadable_exit_1() {
    let missing = dir().join("missing.json");
    let missing = missing.to_str().unwrap();
    let e = failed(&cqhr(&["score", missing, "--format", "json"], ""), 1);
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("unreadable"), &json!(missing))
    );
    // Written output that cannot be written: unwritable, exit 1.
    let out = dir().join("no-such-folder").join("score.json");
    let o = cqhr(
        &[
            "score",
            "-",
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
        r#"{"rubric": "talent-market"}"#,
    );
    let e = failed(&o, 1);
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("unwritable"), &json!(out.to_str().unwrap()))
    );
}

#[test]
fn a_bad_draft_names_each_field_as_a_dotted_path() {
    let draft = json!({"rubric": "comprehensive-park",
        "inputs": {"1.1": {"nope": 1}, "1.2": {"revenue_wan": "abc"}}});
    let e = failed(
        &cqhr(&["score", "-", "--format", "json"], &draft.to_string()),
        2,
    );
    let got: Vec<(&Value, &Value)> = e.iter().map(|p| (&p["kind"], &p["path"])).collect();
    assert_eq!(
        got,
        vec![
            (&json!("unknown_field"), &json!("1.1.nope")),
            (&json!("invalid_value"), &json!("1.2.revenue_wan")),
        ]
    );
    assert!(e[1]["message"]
        .as_str()
        .unwrap()
        .contains("“abc”不是有效的数字"));
    // Not JSON at all: syntax, about the draft as a whole.
    let e = failed(&cqhr(&["check", "-", "--format", "json"], "{"), 2);
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("syntax"), &Value::Null)
    );
    // A rubric no edition has.
    let e = failed(
        &cqhr(
            &["score", "-", "--format", "json"],
            r#"{"rubric": "x-park"}"#,
        ),
        2,
    );
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("rubric"), &json!("rubric"))
    );
    // A certification input: its own path.
    let cert = json!({"rubric": "talent-market", "certification": {"area_sqm": "-5"}});
    let e = failed(
        &cqhr(&["check", "-", "--format", "json"], &cert.to_string()),
        2,
    );
    assert!(
        e.iter()
            .any(|p| p["kind"] == json!("invalid_value")
                && p["path"] == json!("certification.area_sqm")),
        "{e:?}"
    );
}

#[test]
fn a_bad_review_layer_is_kind_review_at_its_member() {
    let draft = json!({"rubric": "comprehensive-park", "reviews": [{"stage": "bogus"}]});
    let e = failed(
        &cqhr(&["score", "-", "--format", "json"], &draft.to_string()),
        2,
    );
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("review"), &json!("reviews[0].stage"))
    );
    assert!(
        e.iter().any(|p| p["path"] == json!("reviews[0].date")),
        "{e:?}"
    );
}

#[test]
fn a_bad_edition_file_is_kind_edition_with_the_reader_kind() {
    let not_json = dir().join("not-json.json");
    std::fs::write(&not_json, "{").unwrap();
    let path = not_json.to_str().unwrap();
    let o = cqhr(
        &["score", "-", "--rubrics", path, "--format", "json"],
        r#"{"rubric": "talent-market"}"#,
    );
    let e = failed(&o, 2);
    assert_eq!(
        (&e[0]["kind"], &e[0]["path"]),
        (&json!("edition_not_json"), &json!(path))
    );
    let invalid = dir().join("invalid.json");
    std::fs::write(
        &invalid,
        r#"{"id": "talent-market", "edition": "2030", "indicators": []}"#,
    )
    .unwrap();
    let o = cqhr(
        &[
            "rubrics",
            "check",
            invalid.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    let e = failed(&o, 2);
    assert!(
        e.iter().all(|p| p["kind"] == json!("edition_invalid")),
        "{e:?}"
    );
}

#[test]
fn without_json_the_messages_go_to_stderr_as_before() {
    let o = cqhr(
        &["score", "-"],
        r#"{"rubric": "comprehensive-park", "inputs": {"1.2": {"revenue_wan": "abc"}}}"#,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("错误：指标 1.2"), "{err}");
}
