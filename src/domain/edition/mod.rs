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

use super::locate::{self, Locator};
use super::rubric::{Rubric, RUBRIC_IDS};
use serde::Deserialize;
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

/// Why an edition file was refused: what kind of file it is not, and every problem found,
/// each a Chinese sentence naming its place (rubric, indicator, field). It reads as the
/// list of problems (`e[0]`, `e.iter()`, `e.join(…)`); `Display` joins them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionError {
    pub kind: EditionErrorKind,
    pub problems: Vec<String>,
}

/// The kinds of [`EditionError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionErrorKind {
    /// Over [`MAX_BYTES`].
    TooLarge,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    NotJson,
    /// JSON, but neither a rubric nor a list or map of rubrics.
    NotRubrics,
    /// No rubric in it.
    Empty,
    /// Over [`MAX_RUBRICS`].
    TooManyRubrics,
    /// Rubrics that do not read or do not pass the rubric check.
    Invalid,
    /// As [`Invalid`](EditionErrorKind::Invalid), with a structural error found before its
    /// place could be named: the web app's main module reads without the path reader
    /// (`domain::locate`, a chunk there, issue 25). That problem says what, not where; the
    /// app reads again once the chunk is in. Never seen natively.
    Unplaced,
}

impl EditionErrorKind {
    /// The kind's key (for `cqhr --format json`).
    pub fn key(self) -> &'static str {
        match self {
            EditionErrorKind::TooLarge => "too_large",
            EditionErrorKind::TooDeep => "too_deep",
            EditionErrorKind::NotJson => "not_json",
            EditionErrorKind::NotRubrics => "not_rubrics",
            EditionErrorKind::Empty => "empty",
            EditionErrorKind::TooManyRubrics => "too_many_rubrics",
            EditionErrorKind::Invalid => "invalid",
            EditionErrorKind::Unplaced => "unplaced",
        }
    }
}

impl EditionError {
    pub fn one(kind: EditionErrorKind, problem: String) -> EditionError {
        EditionError {
            kind,
            problems: vec![problem],
        }
    }
}

impl std::ops::Deref for EditionError {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.problems
    }
}

impl IntoIterator for EditionError {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.problems.into_iter()
    }
}

impl From<EditionError> for Vec<String> {
    fn from(e: EditionError) -> Vec<String> {
        e.problems
    }
}

impl std::fmt::Display for EditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problems.join("；"))
    }
}

impl std::error::Error for EditionError {}

// The path reader of a rubric's structural errors (`domain::locate`): there from the start
// natively; in the web app's main module installed by a chunk (`ui::lazy::install_locators`).
#[cfg(not(target_arch = "wasm32"))]
const DEFAULT_LOCATOR: Option<Locator> = Some(locate::locate::<Rubric>);
#[cfg(target_arch = "wasm32")]
const DEFAULT_LOCATOR: Option<Locator> = None;

thread_local! {
    static LOCATOR: std::cell::Cell<Option<Locator>> = const { std::cell::Cell::new(DEFAULT_LOCATOR) };
}

/// Installs (`None`: removes) the path reader this thread's [`parse`] names the place of a
/// rubric's structural error with: `locate::locate::<Rubric>`.
pub fn install_locator(locator: Option<Locator>) {
    LOCATOR.with(|c| c.set(locator));
}

/// Reads and checks an edition file. `Err` holds its kind and every problem found, each a Chinese
/// sentence naming where (rubric, indicator, field); nothing is kept from a file with
/// any problem.
pub fn parse(text: &str) -> Result<EditionFile, EditionError> {
    if text.len() > MAX_BYTES {
        return Err(EditionError::one(
            EditionErrorKind::TooLarge,
            format!(
                "文件过大（{} 字节）：评分标准文件不得超过 {} MB",
                text.len(),
                MAX_BYTES / 1024 / 1024
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(depth) = too_deep(text) {
        return Err(EditionError::one(
            EditionErrorKind::TooDeep,
            format!("嵌套层数超过 {MAX_DEPTH} 层（第 {depth} 个字符处）：不是评分标准文件"),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        EditionError::one(
            EditionErrorKind::NotJson,
            format!(
                "不是 JSON 文件：第 {} 行第 {} 列附近有误",
                e.line(),
                e.column()
            ),
        )
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
            return Err(EditionError::one(
                EditionErrorKind::NotRubrics,
                "评分标准文件须为一张评分表（对象）或多张评分表（列表或对象）".into(),
            ))
        }
    };
    if items.is_empty() {
        return Err(EditionError::one(
            EditionErrorKind::Empty,
            "文件中没有评分表".into(),
        ));
    }
    if items.len() > MAX_RUBRICS {
        return Err(EditionError::one(
            EditionErrorKind::TooManyRubrics,
            format!(
                "文件中有 {} 张评分表，一个文件至多 {MAX_RUBRICS} 张",
                items.len()
            ),
        ));
    }
    let mut problems = Vec::new();
    let mut unplaced = false;
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
        // A plain `Deserialize`; only a failure reads the value again to name the place
        // (`domain::locate`: a chunk in the web app, issue 25).
        let r = match Rubric::deserialize(&v) {
            Ok(r) => r,
            Err(e) => {
                match locate::installed(&LOCATOR) {
                    Some(locate) => {
                        let place = locate(&v).unwrap_or_else(|| locate::Place {
                            path: ".".into(),
                            message: e.to_string(),
                        });
                        let msg = serde_message_zh(&place.message);
                        problems.push(format!(
                            "{}：成员 {}：{msg}",
                            label(id.as_deref()),
                            place.path
                        ));
                    }
                    None => {
                        unplaced = true;
                        let msg = serde_message_zh(&e.to_string());
                        problems.push(format!("{}：{msg}", label(id.as_deref())));
                    }
                }
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
        Err(EditionError {
            kind: if unplaced {
                EditionErrorKind::Unplaced
            } else {
                EditionErrorKind::Invalid
            },
            problems,
        })
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

/// serde's messages in Chinese for an edition file (the one translation is `serde_zh`).
fn serde_message_zh(msg: &str) -> String {
    super::serde_zh::serde_message_zh(msg, "内容不符合评分标准文件的格式")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_structural_error_names_its_member_word_for_word() {
        let mut r: Value =
            serde_json::from_str(include_str!("../../../rubrics/2025/talent-market.json")).unwrap();
        r["indicators"][1]["terms"] = json!(5);
        let text = r.to_string();
        let e = parse(&text).unwrap_err();
        assert_eq!(e.kind, EditionErrorKind::Invalid);
        let placed = e.problems[0].clone();
        assert!(
            placed.contains("：成员 indicators[1].terms：类型不对："),
            "{placed}"
        );
        // Without the reader (the web app's main module before its chunk): the same words
        // but the member, of a kind of its own; with it again, the member.
        install_locator(None);
        let e = parse(&text).unwrap_err();
        assert_eq!(e.kind, EditionErrorKind::Unplaced);
        assert_eq!(
            e.problems[0],
            placed.replace("成员 indicators[1].terms：", "")
        );
        install_locator(Some(locate::locate::<Rubric>));
        assert_eq!(parse(&text).unwrap_err().problems[0], placed);
    }
}
