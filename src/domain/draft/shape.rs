//! The structural reader's messages: a member of the wrong type named with its place,
//! and serde's and serde_json's messages in Chinese.

use super::{DraftError, DraftErrorKind, FieldPath};
use serde_json::Value;

/// Checks the types of the top-level members, so that a wrong type is reported with
/// the member (and indicator) it is in rather than as a bare serde message.
pub(super) fn check_shape(obj: &serde_json::Map<String, Value>) -> Result<(), DraftError> {
    let kind = |v: &Value| match v {
        Value::Null => "空值",
        Value::Bool(_) => "真假值",
        Value::Number(_) => "数字",
        Value::String(_) => "文字",
        Value::Array(_) => "列表",
        Value::Object(_) => "对象",
    };
    if let Some(v) = obj.get("edition") {
        if !v.is_string() {
            return Err(DraftError::new(
                DraftErrorKind::Rubric,
                FieldPath::top("edition"),
                format!("评分表版本须为文字，如 \"2025\"，而不是{}", kind(v)),
            ));
        }
    }
    if let Some(v) = obj.get("platform") {
        if !v.is_object() && !v.is_null() {
            return Err(DraftError::new(
                DraftErrorKind::Shape,
                FieldPath::top("platform"),
                format!("平台信息须为对象，而不是{}", kind(v)),
            ));
        }
    }
    for (member, label) in [("choices", "“选其一”选择"), ("notes", "备注")] {
        match obj.get(member) {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    if !v.is_string() {
                        return Err(DraftError::new(
                            DraftErrorKind::Shape,
                            FieldPath::entry(member, k),
                            format!("{label}中“{k}”的值须为文字，而不是{}", kind(v)),
                        ));
                    }
                }
            }
            Some(v) => {
                return Err(DraftError::new(
                    DraftErrorKind::Shape,
                    FieldPath::top(member),
                    format!("{label}须为对象，而不是{}", kind(v)),
                ))
            }
        }
    }
    match obj.get("inputs") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (k, v) in m {
                if !v.is_object() {
                    return Err(DraftError::new(
                        DraftErrorKind::Shape,
                        FieldPath::entry("inputs", k),
                        format!(
                            "指标 {k} 的填写内容须为对象，如 {{\"firms\": 20}}，而不是{}",
                            kind(v)
                        ),
                    ));
                }
            }
        }
        Some(v) => {
            return Err(DraftError::new(
                DraftErrorKind::Shape,
                FieldPath::top("inputs"),
                format!("指标填写内容须为对象，而不是{}", kind(v)),
            ))
        }
    }
    Ok(())
}

/// serde's messages in Chinese for a draft (the one translation is `serde_zh`).
pub(super) fn serde_message_zh(msg: &str) -> String {
    crate::domain::serde_zh::serde_message_zh(msg, "内容不符合草稿格式")
}

/// A JSON value's kind and, for a number or a text, the value itself (shortened), for a
/// message: 数字 1e400, 文字“abc”.
pub(super) fn describe(v: &Value) -> String {
    use crate::domain::number::shorten;
    match v {
        Value::Null => "空值".into(),
        Value::Bool(b) => format!("真假值 {b}"),
        Value::Number(n) => format!("数字 {}", shorten(n.as_str(), 24)),
        Value::String(s) => format!("文字“{}”", shorten(s, 24)),
        Value::Array(_) => "列表".into(),
        Value::Object(_) => "对象".into(),
    }
}

pub(super) fn json_error_zh(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "内容不完整（文件被截断？）".into(),
        Category::Syntax => "语法错误".into(),
        Category::Io => "读取失败".into(),
        // serde_json's data messages are English ("recursion limit exceeded", "number out
        // of range"): said in Chinese here (issue 22).
        Category::Data if e.to_string().contains("recursion limit") => "嵌套层数过多".into(),
        Category::Data => "内容不符合草稿格式".into(),
    }
}
