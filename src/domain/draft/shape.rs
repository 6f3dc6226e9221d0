//! The structural reader's messages: a member of the wrong type named with its place,
//! and serde's and serde_json's messages in Chinese.

use super::{DraftError, DraftErrorKind, FieldPath};
use crate::domain::locate::{self, Locator};
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

// The path reader of a draft's structural errors (`domain::locate`): there from the start
// natively; in the web app's main module installed by a chunk (`ui::lazy::install_locators`).
#[cfg(not(target_arch = "wasm32"))]
const DEFAULT_LOCATOR: Option<Locator> = Some(locate::locate::<super::Draft>);
#[cfg(target_arch = "wasm32")]
const DEFAULT_LOCATOR: Option<Locator> = None;

thread_local! {
    static LOCATOR: std::cell::Cell<Option<Locator>> = const { std::cell::Cell::new(DEFAULT_LOCATOR) };
}

/// Installs (`None`: removes) the path reader this thread's draft reading names the place
/// of a structural error with: `locate::locate::<Draft>`.
pub fn install_locator(locator: Option<Locator>) {
    LOCATOR.with(|c| c.set(locator));
}

/// A draft's structural error, worded as `草稿结构不符：reviews[0].date 类型不对：…` with
/// the place the installed path reader names; without one, [`DraftErrorKind::Unplaced`]
/// with the same words but the place.
pub(super) fn structure_error(value: &Value, e: &serde_json::Error) -> DraftError {
    let Some(locate) = locate::installed(&LOCATOR) else {
        return DraftError::general(
            DraftErrorKind::Unplaced,
            format!("草稿结构不符：{}", serde_message_zh(&e.to_string())),
        );
    };
    // The reader fails where the plain read did; were it to read (it cannot), serde's
    // message stands at the top.
    let place = locate(value).unwrap_or_else(|| locate::Place {
        path: ".".into(),
        message: e.to_string(),
    });
    let path = place.path;
    let member = path.split(['.', '[']).next().unwrap_or("").to_string();
    let message = format!("草稿结构不符：{path} {}", serde_message_zh(&place.message));
    if member.is_empty() || member == "?" {
        DraftError::general(DraftErrorKind::Shape, message)
    } else {
        DraftError::new(DraftErrorKind::Shape, FieldPath::Top(member), message)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Draft;
    use super::*;
    use serde_json::json;

    const CP: &str = "comprehensive-park";

    #[test]
    fn a_structural_error_names_its_place_word_for_word() {
        // The messages of the path reader (`domain::locate`), as before issue 25.
        let cases = [
            (
                json!({"rubric": CP, "reviews": [{"stage": "city", "date": 5}]}),
                "reviews",
                "草稿结构不符：reviews[0].date 类型不对：应为文字，填写的是数字",
            ),
            (
                json!({"rubric": CP, "reviews": [{"stage": "city", "date": "2025-01-01", "inputs": {"1.1": 5}}]}),
                "reviews",
                "草稿结构不符：reviews[0].inputs.1.1 类型不对：应为对象 {…}，填写的是数字",
            ),
            (
                json!({"rubric": CP, "platform": {"name": 5}}),
                "platform",
                "草稿结构不符：platform.name 类型不对：应为文字，填写的是数字",
            ),
            (
                json!({"rubric": CP, "evidence": [{"indicator": 5}]}),
                "evidence",
                "草稿结构不符：evidence[0].indicator 类型不对：应为文字，填写的是数字",
            ),
            (
                json!({"rubric": CP, "reviews": {"a": 1}}),
                "reviews",
                "草稿结构不符：reviews 类型不对：应为列表 […]，填写的是对象",
            ),
        ];
        for (v, member, message) in &cases {
            let e = Draft::from_value(v.clone()).unwrap_err();
            assert_eq!(
                (e.kind, &e.path, e.message.as_str()),
                (DraftErrorKind::Shape, &FieldPath::top(member), *message)
            );
        }
        // Without the reader (the web app's main module before its chunk): the same words
        // but the place, of a kind of its own; with it again, the place.
        install_locator(None);
        for (v, _, message) in &cases {
            let e = Draft::from_value(v.clone()).unwrap_err();
            let (_, rest) = message.split_once(' ').unwrap();
            assert_eq!(e.kind, DraftErrorKind::Unplaced);
            assert_eq!(e.path, FieldPath::Draft);
            assert_eq!(e.message, format!("草稿结构不符：{rest}"));
        }
        // A draft that reads needs no reader.
        assert!(Draft::from_value(json!({"rubric": CP, "platform": {"name": "甲"}})).is_ok());
        install_locator(Some(locate::locate::<Draft>));
        let e = Draft::from_value(cases[0].0.clone()).unwrap_err();
        assert_eq!(e.message, cases[0].2);
    }
}
