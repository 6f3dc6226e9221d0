//! Plain Chinese everywhere (issue 15 item 8): no message the domain produces for what a
//! person can type names a field by its key ("规模以上企业（above_scale）", "缺少评分表类型
//! rubric"). What the user typed is quoted “…” and may be anything; outside the quotes a
//! message may hold no ASCII word but the few written forms people read (YYYY-MM-DD, JSON).
//!
//! Not scanned: the structural messages of a hand-written JSON file (`草稿结构不符：…`),
//! which give a JSON example to copy, and which the app never produces (it writes the JSON).

use cqhr::domain::rubric::{self, FieldKind};
use cqhr::domain::{check, check_application, check_certification, Draft};
use serde_json::{json, Value};

const ALLOWED: &[&str] = &["YYYY", "MM", "DD", "JSON"];

/// The ASCII words of a message outside its “quotes”, less the allowed ones.
fn ascii_words(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut word = String::new();
    let flush = |w: &mut String, out: &mut Vec<String>| {
        if w.chars().count() >= 2 && !ALLOWED.contains(&w.as_str()) {
            out.push(w.clone());
        }
        w.clear();
    };
    for c in message.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            c if depth == 0 && (c.is_ascii_alphabetic() || c == '_') => {
                word.push(c);
                continue;
            }
            _ => {}
        }
        flush(&mut word, &mut out);
    }
    flush(&mut word, &mut out);
    out
}

fn assert_plain(messages: &[String]) {
    let bad: Vec<String> = messages
        .iter()
        .filter(|m| !ascii_words(m).is_empty())
        .map(|m| format!("{m}  ← {:?}", ascii_words(m)))
        .collect();
    assert!(
        bad.is_empty(),
        "messages with field keys:\n{}",
        bad.join("\n")
    );
}

fn messages_of(v: Value) -> Vec<String> {
    match Draft::from_value(v) {
        Err(e) => vec![e.message],
        Ok(draft) => {
            let mut m: Vec<String> = match check(&draft) {
                Ok(c) => c.errors.into_iter().map(|e| e.message).collect(),
                Err(e) => vec![e.message],
            };
            if let Ok(c) = check_certification(&draft) {
                m.extend(c.errors.into_iter().map(|e| e.message));
            }
            let a = check_application(&draft);
            m.extend(a.errors.into_iter().chain(a.warnings).map(|e| e.message));
            m
        }
    }
}

#[test]
fn the_scanner_finds_keys() {
    assert_eq!(
        ascii_words("规模以上企业（above_scale）：须为数字"),
        ["above_scale"]
    );
    assert_eq!(ascii_words("缺少评分表类型 rubric"), ["rubric"]);
    assert!(ascii_words("“abc”不是有效的数字，如 2026-04-10（YYYY-MM-DD）").is_empty());
}

#[test]
fn every_field_message_is_plain_chinese() {
    let mut all = Vec::new();
    for id in rubric::RUBRIC_IDS {
        let r = rubric::latest(id).unwrap();
        for ind in &r.indicators {
            for f in &ind.fields {
                let bads: Vec<Value> = match f.kind {
                    FieldKind::Count => vec![
                        json!("abc"),
                        json!(-1),
                        json!("1.5"),
                        json!("1,200,00"),
                        json!(true),
                    ],
                    FieldKind::Amount => {
                        vec![json!("abc"), json!("-3"), json!("1,0000"), json!("1e40")]
                    }
                    FieldKind::Score => vec![json!("99"), json!("x"), json!(-1)],
                    FieldKind::Tier => vec![json!("great"), json!(3)],
                    FieldKind::Set => vec![
                        json!("recruitment"),
                        json!(["nope"]),
                        json!(["recruitment", "recruitment"]),
                    ],
                };
                for bad in bads {
                    all.extend(messages_of(
                        json!({"rubric": id, "inputs": {&ind.id: {&f.key: bad}}}),
                    ));
                }
            }
            all.extend(messages_of(
                json!({"rubric": id, "inputs": {&ind.id: {"zzz": 1}}}),
            ));
            // A part larger than its whole.
            for f in ind.fields.iter().filter(|f| f.part_of.is_some()) {
                let whole = f.part_of.clone().unwrap();
                all.extend(messages_of(
                    json!({"rubric": id, "inputs": {&ind.id: {&f.key: 5, whole: 2}}}),
                ));
            }
        }
        all.extend(messages_of(
            json!({"rubric": id, "inputs": {"9.9": {"x": 1}}}),
        ));
        all.extend(messages_of(json!({"rubric": id, "choices": {"9/9": "9"}})));
        all.extend(messages_of(
            json!({"rubric": id, "choices": {"2.1/2.2": "3.1"}}),
        ));
        all.extend(messages_of(json!({"rubric": id, "edition": "1999"})));
        all.extend(messages_of(json!({"rubric": id, "notes": {"9.9": "x"}})));
        all.extend(messages_of(json!({"rubric": id, "level": "province"})));
        all.extend(messages_of(
            json!({"rubric": id, "certification": {"area_sqm": "abc", "hr_firms": -1}}),
        ));
        all.extend(messages_of(
            json!({"rubric": id, "application": {"phone": "abc", "founded": "昨天"}}),
        ));
    }
    all.extend(messages_of(json!({"inputs": {}})));
    all.extend(messages_of(json!({"rubric": 3})));
    all.extend(messages_of(json!({"rubric": "nope"})));
    all.extend(messages_of(
        json!({"rubric": "talent-market", "format": 99}),
    ));
    all.extend(messages_of(
        json!({"rubric": "talent-market", "format": "x"}),
    ));
    assert!(all.len() > 300, "only {} messages", all.len());
    assert_plain(&all);
}

#[test]
fn the_issue_s_two_wordings() {
    let m = messages_of(
        json!({"rubric": "comprehensive-park", "inputs": {"1.1": {"firms": 2, "above_scale": 5}}}),
    );
    assert_eq!(m, ["指标 1.1 线下入驻人力资源服务企业数量，其中：规模以上企业：5 不能大于线下入驻企业总数（2）"]);
    let m = messages_of(json!({"inputs": {}}));
    assert_eq!(
        m,
        ["草稿缺少评分表类型（综合性、专业性行业性产业园或人才市场）"]
    );
    let m = messages_of(
        json!({"rubric": "comprehensive-park", "inputs": {"1.2": {"revenue_wan": "1,200,00"}}}),
    );
    assert_eq!(m, ["指标 1.2 线下入驻人力资源服务企业营收情况，线下入驻企业年度营收：“1,200,00”千分位格式有误，是否为 120,000？"]);
}
