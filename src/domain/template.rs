//! The grammar of the 文字报告's sentence templates (issue 12), checked with the rubric
//! that carries them: literal text and `{placeholder}`s, where a placeholder is
//! `{year}`, `{points}`, `{cap}` or one of the indicator's field keys. Plain text, below the
//! rubric layer; `text_report` fills the templates.

/// The longest sentence template a rubric may carry, in characters.
pub const MAX_TEMPLATE_CHARS: usize = 400;

/// Placeholders every template may use besides its field keys.
pub const RESERVED: [&str; 3] = ["year", "points", "cap"];

/// A template's pieces: literal text and placeholders.
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

pub(crate) fn parse(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("模板的花括号不成对（多了“}”）".into());
        }
        pieces.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err("模板的花括号不成对（缺少“}”）".into());
        };
        let name = &after[..close];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(format!(
                "模板的占位符“{{{name}}}”写法不对（只能用小写字母、数字和下划线）"
            ));
        }
        pieces.push(Piece::Slot(name));
        rest = &after[close + 1..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks a sentence template against its indicator's field keys and whether it has a cap: known placeholders only, braces
/// paired, no control characters, at most [`MAX_TEMPLATE_CHARS`] characters. The message
/// is Chinese, for the rubric check.
pub fn check(template: &str, field_keys: &[&str], has_cap: bool) -> Result<(), String> {
    let n = template.chars().count();
    if template.trim().is_empty() {
        return Err("文字报告模板为空".into());
    }
    if n > MAX_TEMPLATE_CHARS {
        return Err(format!(
            "文字报告模板过长：{n}个字，上限{MAX_TEMPLATE_CHARS}个字"
        ));
    }
    if template.chars().any(char::is_control) {
        return Err("文字报告模板含控制字符".into());
    }
    for piece in parse(template).map_err(|e| format!("文字报告{e}"))? {
        if let Piece::Slot(name) = piece {
            let known = RESERVED.contains(&name) || field_keys.contains(&name);
            if !known {
                let mut allowed: Vec<String> =
                    RESERVED.iter().map(|r| format!("{{{r}}}")).collect();
                allowed.extend(field_keys.iter().map(|k| format!("{{{k}}}")));
                return Err(format!(
                    "文字报告模板含未知占位符“{{{name}}}”（可用：{}）",
                    allowed.join("、")
                ));
            }
            if name == "cap" && !has_cap {
                return Err("文字报告模板用了“{cap}”，但该指标没有满分".into());
            }
        }
    }
    Ok(())
}
