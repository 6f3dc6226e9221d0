//! Editions from outside the build (issue 13, Art. 29): the bureau publishes next year's
//! rubric as a file, the app and `cqhr` read it, check it, keep it beside the bundled
//! editions, and score each draft under exactly the edition it names.
//!
//! * [`parse`] reads an edition file — the same JSON as `rubrics/<edition>/<id>.json`: one
//!   rubric, an array of rubrics, or an object whose values are rubrics — within hard
//!   bounds ([`MAX_BYTES`], [`MAX_DEPTH`], [`MAX_RUBRICS`], [`MAX_INDICATORS`]), and checks
//!   each rubric with [`Rubric::check`]; every problem is a Chinese sentence naming the
//!   rubric, indicator and field. Hostile input gets a message, never a panic or a hang.
//! * [`fingerprint`]: FNV-1a 64 of the rubric's canonical JSON (serde_json of the
//!   `BTreeMap`-ordered value, decimals as their text), as 16 hex digits; the short code
//!   shown to users and recorded in a draft (`edition_fingerprint`) is its first 8.
//!   The fingerprint is per rubric: a draft depends only on its own rubric's content.
//! * The runtime registry ([`register`]) holds imported rubrics beside the bundled ones;
//!   [`resolve`] is consulted by `Draft::rubric` after the bundled list. Two rubrics with
//!   the same id and edition but different content both stay, told apart by fingerprint.
//! * [`diff`] lists typed changes between two editions with Chinese text (每家 0.2 分 →
//!   0.3 分, 上限 12 → 10, 新增 3.4 …); [`migrate::move_draft`] copies a draft to another
//!   edition and reports every indicator's score change.
//!
//! Layers: this module reads only `rubric` and `number` (the draft reads it to find its
//! rubric); `migrate` sits above `draft` and `score`.
//!
//! Rooms: this file reads an edition file ([`parse`] and its bounds); `fingerprints.rs`,
//! `registry.rs` and `diff.rs` hold the rest, re-exported here; `edit/` is the edition
//! editor's domain, `migrate.rs` moves a draft.

pub mod edit;
pub mod issuer;
pub mod migrate;

use super::rubric::{Rubric, RUBRIC_IDS};
use serde_json::Value;

mod diff;
mod fingerprints;
mod registry;
pub use diff::{diff, Change, ChangeKind};
pub use fingerprints::{canonical, fingerprint, short};
pub use registry::{all, candidates, imported, is_bundled, register, resolve, short_of, Missing};

/// The largest edition file read: the three bundled files together are about 57 kB.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The deepest nesting of arrays and objects in an edition file (the bundled ones reach 6).
pub const MAX_DEPTH: usize = 12;
/// Rubrics in one file (three appendices; a few editions side by side).
pub const MAX_RUBRICS: usize = 12;
/// Indicators in one rubric (the bundled ones have about 20).
pub const MAX_INDICATORS: usize = 200;

/// A checked edition file: its rubrics, each with its fingerprint.
#[derive(Debug, Clone)]
pub struct EditionFile {
    pub rubrics: Vec<Rubric>,
}

/// Reads and checks an edition file. `Err` holds every problem found, each a Chinese
/// sentence naming where (rubric, indicator, field); nothing is kept from a file with
/// any problem.
pub fn parse(text: &str) -> Result<EditionFile, Vec<String>> {
    if text.len() > MAX_BYTES {
        return Err(vec![format!(
            "文件过大（{} 字节）：评分标准文件不得超过 {} MB",
            text.len(),
            MAX_BYTES / 1024 / 1024
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(depth) = too_deep(text) {
        return Err(vec![format!(
            "嵌套层数超过 {MAX_DEPTH} 层（第 {depth} 个字符处）：不是评分标准文件"
        )]);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![format!(
            "不是 JSON 文件：第 {} 行第 {} 列附近有误",
            e.line(),
            e.column()
        )]
    })?;
    let items: Vec<(String, Value)> = match value {
        Value::Object(m) if m.contains_key("indicators") => {
            vec![("".into(), Value::Object(m))]
        }
        Value::Object(m) => m.into_iter().collect(),
        Value::Array(a) => a
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("第 {} 份", i + 1), v))
            .collect(),
        _ => {
            return Err(vec![
                "评分标准文件须为一张评分表（对象）或多张评分表（列表或对象）".into(),
            ])
        }
    };
    if items.is_empty() {
        return Err(vec!["文件中没有评分表".into()]);
    }
    if items.len() > MAX_RUBRICS {
        return Err(vec![format!(
            "文件中有 {} 张评分表，一个文件至多 {MAX_RUBRICS} 张",
            items.len()
        )]);
    }
    let mut problems = Vec::new();
    let mut rubrics: Vec<Rubric> = Vec::new();
    for (name, v) in items {
        let label = |r: Option<&str>| match (r, name.is_empty()) {
            (Some(id), _) => format!("评分表 {id}"),
            (None, true) => "评分表".to_string(),
            (None, false) => format!("评分表（{name}）"),
        };
        let id = v.get("id").and_then(Value::as_str).map(str::to_string);
        if !v.is_object() {
            problems.push(format!("{}：须为对象 {{…}}", label(None)));
            continue;
        }
        if let Some(Value::Array(inds)) = v.get("indicators") {
            if inds.len() > MAX_INDICATORS {
                problems.push(format!(
                    "{}：有 {} 个指标，一张评分表至多 {MAX_INDICATORS} 个",
                    label(id.as_deref()),
                    inds.len()
                ));
                continue;
            }
        }
        let r: Rubric = match serde_path_to_error::deserialize(v) {
            Ok(r) => r,
            Err(e) => {
                let path = e.path().to_string();
                let msg = serde_message_zh(&e.inner().to_string());
                problems.push(format!("{}：成员 {path}：{msg}", label(id.as_deref())));
                continue;
            }
        };
        if !RUBRIC_IDS.contains(&r.id.as_str()) {
            problems.push(format!(
                "评分表 {}：编号（id）须为 {}",
                r.id,
                RUBRIC_IDS.join("、")
            ));
            continue;
        }
        if r.edition.trim().is_empty() || r.edition.chars().count() > 20 {
            problems.push(format!("评分表 {}：版本（edition）须为1至20个字", r.id));
            continue;
        }
        if rubrics
            .iter()
            .any(|o| o.id == r.id && o.edition == r.edition)
        {
            problems.push(format!(
                "评分表 {}（{}版）在文件中出现两次",
                r.id, r.edition
            ));
            continue;
        }
        problems.extend(r.check());
        rubrics.push(r);
    }
    if problems.is_empty() {
        Ok(EditionFile { rubrics })
    } else {
        Err(problems)
    }
}

/// The byte offset where nesting first exceeds [`MAX_DEPTH`], scanning once outside
/// strings (so that serde never recurses deeply on hostile input).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// serde's messages in Chinese, for an edition file (`draft` has its own for drafts).
fn serde_message_zh(msg: &str) -> String {
    let kind = |t: &str| -> String {
        let t = t.trim();
        let words = [
            ("a boolean", "真假值"),
            ("boolean", "真假值"),
            ("a string", "文字"),
            ("string", "文字"),
            ("a sequence", "列表 […]"),
            ("sequence", "列表"),
            ("a map", "对象 {…}"),
            ("map", "对象"),
            ("struct", "对象 {…}"),
            ("integer", "整数"),
            ("floating point", "数字"),
            ("number", "数字"),
            ("null", "空值"),
            (
                "a Decimal type representing a fixed-point number",
                "数字（如 \"0.2\"）",
            ),
        ];
        for (en, zh) in words {
            if let Some(rest) = t.strip_prefix(en) {
                return format!("{zh}{rest}");
            }
        }
        t.to_string()
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("类型不对：应为{}，填写的是{}", kind(want), kind(got));
        }
    }
    msg.replace("missing field", "缺少成员")
        .replace("unknown variant", "未知的取值")
        .replace("expected one of", "应为其中之一：")
}
