//! The draft's bounds (issue 22): how many 佐证材料 rows, review layers, entries and how
//! long a text a draft may hold. One validator, [`check_bounds`], run by
//! [`Draft::from_value`](super::Draft::from_value) before anything else reads the draft:
//! the app's importer, the link decoder, the stored drafts, the exporter and `cqhr` all
//! refuse the same drafts with the same message, and nothing downstream (the 自评材料
//! page, the writers) meets a list no real platform has. A stored draft beyond them is
//! quarantined (kept as it is), never deleted.
//!
//! The bounds are far above anything real: the rubrics list 17–19 indicators and about 60
//! 佐证材料; Art. 30 has two review stages.

use super::{DraftError, DraftErrorKind, FieldPath};
use serde_json::{Map, Value};

/// 佐证材料目录: rows a draft may attach.
pub const MAX_EVIDENCE_ROWS: usize = 500;
/// Art. 30 review layers (区县初审, 市级评审).
pub const MAX_LAYERS: usize = 2;
/// Entries of one map (indicators in `inputs`, `notes`, rewritten paragraphs, a layer's
/// `reasons`, fields of one indicator …) or items of another list.
pub const MAX_ENTRIES: usize = 400;
/// Characters of any one text in a draft. (The 文字报告's paragraphs have a lower limit
/// of their own, `text_report::MAX_EDIT_CHARS`, said at the field and never refused.)
pub const MAX_TEXT_CHARS: usize = 100_000;

fn refuse(member: &str, message: String) -> DraftError {
    DraftError::new(DraftErrorKind::Shape, FieldPath::top(member), message)
}

/// Refuses a draft beyond the bounds, naming the member and the bound.
pub fn check_bounds(obj: &Map<String, Value>) -> Result<(), DraftError> {
    if let Some(Value::Array(rows)) = obj.get("evidence") {
        if rows.len() > MAX_EVIDENCE_ROWS {
            return Err(refuse(
                "evidence",
                format!(
                    "佐证材料目录有 {} 行，超过本工具的上限 {MAX_EVIDENCE_ROWS} 行（真实平台远用不到这么多）；草稿未打开，原文件未改动",
                    rows.len()
                ),
            ));
        }
    }
    if let Some(Value::Array(layers)) = obj.get("reviews") {
        if layers.len() > MAX_LAYERS {
            return Err(refuse(
                "reviews",
                format!(
                    "审核有 {} 层，超过上限 {MAX_LAYERS} 层（区县初审、市级评审各一层）；草稿未打开，原文件未改动",
                    layers.len()
                ),
            ));
        }
    }
    for (member, v) in obj {
        check_value(member, v, member == "inputs")?;
    }
    Ok(())
}

/// Every list and map within a member: at most [`MAX_ENTRIES`] entries (evidence rows
/// are counted above), every text at most [`MAX_TEXT_CHARS`] characters, except a value
/// typed for a scoring field (under `inputs`): `check` reads those and names the indicator
/// and field of a bad one, whatever its length.
fn check_value(member: &str, v: &Value, input: bool) -> Result<(), DraftError> {
    let label = member_label(member);
    match v {
        Value::String(_) if input => {}
        Value::String(s)
            // Bytes first: only a long text is counted in characters.
            if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS => {
                return Err(refuse(
                    member,
                    format!(
                        "{label}中有一段文字长 {} 字，超过本工具的上限 {MAX_TEXT_CHARS} 字；草稿未打开，原文件未改动",
                        s.chars().count()
                    ),
                ));
            }
        Value::Array(items) => {
            if items.len() > MAX_ENTRIES && member != "evidence" {
                return Err(too_many(member, &label, items.len()));
            }
            for i in items {
                check_value(member, i, input)?;
            }
        }
        Value::Object(m) => {
            if m.len() > MAX_ENTRIES {
                return Err(too_many(member, &label, m.len()));
            }
            for (k, i) in m {
                check_value(member, i, input || k == "inputs")?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn too_many(member: &str, label: &str, n: usize) -> DraftError {
    refuse(
        member,
        format!("{label}中有一处列出 {n} 项，超过本工具的上限 {MAX_ENTRIES} 项；草稿未打开，原文件未改动"),
    )
}

/// The member's name for a message (the draft format's member names in Chinese).
fn member_label(member: &str) -> String {
    match member {
        "platform" => "平台信息".into(),
        "inputs" => "指标填写内容".into(),
        "notes" => "备注".into(),
        "choices" => "“选其一”选择".into(),
        "certification" => "认定条件".into(),
        "application" => "认定申请表（附表1）".into(),
        "report" => "文字报告".into(),
        "evidence" => "佐证材料目录".into(),
        "reviews" => "审核（初审、评审）".into(),
        other => format!("“{other}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Draft;
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Result<Draft, DraftError> {
        Draft::from_value(v)
    }

    #[test]
    fn at_the_bound_opens_beyond_it_is_refused_with_the_member_named() {
        let row = json!({"indicator": "1.1", "name": "材料", "pages": 1});
        let rows = |n: usize| Value::Array(vec![row.clone(); n]);
        let ok = read(json!({"rubric": "comprehensive-park", "evidence": rows(MAX_EVIDENCE_ROWS)}));
        assert_eq!(ok.unwrap().evidence.len(), MAX_EVIDENCE_ROWS);
        let e =
            read(json!({"rubric": "comprehensive-park", "evidence": rows(27_000)})).unwrap_err();
        assert_eq!(e.path, FieldPath::top("evidence"));
        assert!(
            e.message.contains("27000 行") && e.message.contains("500"),
            "{}",
            e.message
        );

        let layer = json!({"stage": "district", "date": "2026-04-10"});
        let e =
            read(json!({"rubric": "comprehensive-park", "reviews": vec![layer; 50]})).unwrap_err();
        assert_eq!(e.path, FieldPath::top("reviews"));
        assert!(e.message.contains("50 层"), "{}", e.message);

        let long = "字".repeat(MAX_TEXT_CHARS + 1);
        let e =
            read(json!({"rubric": "comprehensive-park", "platform": {"name": long}})).unwrap_err();
        assert_eq!(e.path, FieldPath::top("platform"));
        assert!(
            e.message.starts_with("平台信息中有一段文字长 100001 字"),
            "{}",
            e.message
        );
        let fits = "字".repeat(MAX_TEXT_CHARS);
        assert!(read(json!({"rubric": "comprehensive-park", "platform": {"name": fits}})).is_ok());

        let reasons: Map<String, Value> = (0..=MAX_ENTRIES)
            .map(|i| (format!("{i}"), json!("x")))
            .collect();
        let e = read(json!({"rubric": "comprehensive-park",
            "reviews": [{"stage": "district", "reasons": reasons}]}))
        .unwrap_err();
        assert_eq!(e.path, FieldPath::top("reviews"));
        assert!(e.message.contains("401 项"), "{}", e.message);
    }
}
