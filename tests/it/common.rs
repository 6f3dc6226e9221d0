//! Helpers shared by the modules of the integration tests (`tests/it`).

#![allow(dead_code)]

use cqhr::domain::{check, score_draft, score_strict, Draft, DraftError, IndicatorScore, Report};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// A decimal literal.
pub fn d(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|e| panic!("bad decimal literal {s:?}: {e}"))
}

/// Reads a draft that must be structurally valid.
pub fn draft(v: &Value) -> Draft {
    Draft::from_value(v.clone()).unwrap_or_else(|e| panic!("draft refused: {e:?}\n{v}"))
}

/// Scores a draft that must be valid.
pub fn score(v: &Value) -> Report {
    score_strict(&draft(v)).unwrap_or_else(|e| panic!("draft refused: {e:?}\n{v}"))
}

/// A draft with the inputs of a single indicator.
pub fn single(rubric: &str, level: &str, id: &str, fields: Value) -> Value {
    json!({"rubric": rubric, "edition": "2025", "level": level, "inputs": {id: fields}})
}

/// Scores a draft with the inputs of a single indicator; returns the report.
pub fn score_one(rubric: &str, level: &str, id: &str, fields: Value) -> Report {
    score(&single(rubric, level, id, fields))
}

/// The `own` score of one indicator of a single-indicator draft.
pub fn own_of(rubric: &str, level: &str, id: &str, fields: Value) -> Decimal {
    let r = score_one(rubric, level, id, fields);
    ind(&r, id).own
}

pub fn ind<'a>(r: &'a Report, id: &str) -> &'a IndicatorScore {
    r.indicator(id)
        .unwrap_or_else(|| panic!("indicator {id} missing from the report of {}", r.rubric))
}

/// Every way the library refuses a draft: the structural reader, [`check`] and
/// [`score_strict`]. Asserts they agree (a draft that `check` faults is refused by
/// `score_strict` with the same errors) and returns the errors.
pub fn rejection(v: &Value) -> Vec<DraftError> {
    let dr = match Draft::from_value(v.clone()) {
        Err(e) => return vec![e],
        Ok(dr) => dr,
    };
    let strict = score_strict(&dr)
        .err()
        .unwrap_or_else(|| panic!("draft accepted but should be refused:\n{v}"));
    match check(&dr) {
        Err(e) => {
            assert_eq!(
                strict,
                vec![e.clone()],
                "check and score_strict disagree for {v}"
            );
            assert!(
                score_draft(&dr).is_err(),
                "score_draft scored a draft with no rubric: {v}"
            );
        }
        Ok(c) => {
            assert!(
                !c.errors.is_empty(),
                "check found nothing wrong but score_strict refused: {v}"
            );
            assert_eq!(strict, c.errors, "check and score_strict disagree for {v}");
            let lenient = score_draft(&dr).expect("lenient scoring of a draft with a rubric");
            assert_eq!(
                lenient.errors, c.errors,
                "lenient report lists other errors for {v}"
            );
        }
    }
    strict
}

/// Asserts that one of the errors sits at `indicator`/`field` and that its message
/// names both, and, when given, contains `also`. Returns that message.
pub fn assert_names(errors: &[DraftError], indicator: &str, field: &str, also: &[&str]) -> String {
    let e = errors
        .iter()
        .find(|e| e.indicator() == Some(indicator) && e.field().as_deref() == Some(field))
        .unwrap_or_else(|| {
            panic!("no error at indicator {indicator} field {field:?} in {errors:#?}")
        });
    assert!(
        e.message.contains(indicator),
        "message does not name indicator {indicator}: {}",
        e.message
    );
    // Plain Chinese (issue 15): the field is named by its label, never by its key; a field
    // the rubric lacks is quoted as typed.
    let labels: Vec<String> = cqhr::domain::rubric::RUBRIC_IDS
        .iter()
        .filter_map(|r| cqhr::domain::rubric::latest(r)?.indicator(indicator))
        .filter_map(|i| i.fields.iter().find(|f| f.key == field))
        .map(|f| f.label.clone())
        .collect();
    if labels.is_empty() || e.message.contains(&format!("“{field}”")) {
        assert!(
            e.message.contains(&format!("“{field}”")),
            "message does not quote field {field}: {}",
            e.message
        );
    } else {
        assert!(
            labels.iter().any(|l| e.message.contains(l.as_str())),
            "message does not name field {field} by its label {labels:?}: {}",
            e.message
        );
        assert!(
            !e.message.contains(field),
            "message names field key {field}: {}",
            e.message
        );
    }
    for a in also {
        assert!(
            e.message.contains(a),
            "message does not contain {a:?}: {}",
            e.message
        );
    }
    e.message.clone()
}

/// Runs the `cqhr` command; returns exit status, stdout and stderr.
pub fn cqhr(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cqhr"))
        .args(args)
        .output()
        .expect("run cqhr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes a draft to a fresh temporary folder of its own; returns the file's path.
pub fn write(name: &str, draft: &Draft) -> String {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("cqhr-it-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, draft.to_json_pretty()).expect("write draft");
    path.to_string_lossy().into_owned()
}

/// A small RFC 4180 reader: a CSV the tool writes must parse back.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                '\n' => panic!("bare LF line end"),
                c => field.push(c),
            }
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "last line not terminated"
    );
    rows
}
