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

/// Why a sentence template was refused ([`check`]). `Display` is the Chinese sentence the
/// rubric check and the edition editor show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    Empty,
    /// Over [`MAX_TEMPLATE_CHARS`] (the count).
    TooLong(usize),
    ControlCharacter,
    /// A "}" with no "{" before it.
    StrayClose,
    /// A "{" never closed.
    Unclosed,
    /// A placeholder name that is not lower-case letters, digits and underscores.
    BadPlaceholder(String),
    /// A placeholder that is neither reserved nor a field key; the ones allowed.
    UnknownPlaceholder {
        name: String,
        allowed: Vec<String>,
    },
    /// `{cap}` in an indicator without a cap.
    CapWithoutCap,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateError::Empty => f.write_str("文字报告模板为空"),
            TemplateError::TooLong(n) => {
                write!(f, "文字报告模板过长：{n}个字，上限{MAX_TEMPLATE_CHARS}个字")
            }
            TemplateError::ControlCharacter => f.write_str("文字报告模板含控制字符"),
            TemplateError::StrayClose => f.write_str("文字报告模板的花括号不成对（多了“}”）"),
            TemplateError::Unclosed => f.write_str("文字报告模板的花括号不成对（缺少“}”）"),
            TemplateError::BadPlaceholder(name) => write!(
                f,
                "文字报告模板的占位符“{{{name}}}”写法不对（只能用小写字母、数字和下划线）"
            ),
            TemplateError::UnknownPlaceholder { name, allowed } => write!(
                f,
                "文字报告模板含未知占位符“{{{name}}}”（可用：{}）",
                allowed.join("、")
            ),
            TemplateError::CapWithoutCap => {
                f.write_str("文字报告模板用了“{cap}”，但该指标没有满分")
            }
        }
    }
}

impl std::error::Error for TemplateError {}

pub(crate) fn parse(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(TemplateError::StrayClose);
        }
        pieces.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(TemplateError::Unclosed);
        };
        let name = &after[..close];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(TemplateError::BadPlaceholder(name.to_string()));
        }
        pieces.push(Piece::Slot(name));
        rest = &after[close + 1..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks a sentence template against its indicator's field keys and whether it has a
/// cap: known placeholders only, braces paired, no control characters, at most
/// [`MAX_TEMPLATE_CHARS`] characters.
pub fn check(template: &str, field_keys: &[&str], has_cap: bool) -> Result<(), TemplateError> {
    let n = template.chars().count();
    if template.trim().is_empty() {
        return Err(TemplateError::Empty);
    }
    if n > MAX_TEMPLATE_CHARS {
        return Err(TemplateError::TooLong(n));
    }
    if template.chars().any(char::is_control) {
        return Err(TemplateError::ControlCharacter);
    }
    for piece in parse(template)? {
        if let Piece::Slot(name) = piece {
            let known = RESERVED.contains(&name) || field_keys.contains(&name);
            if !known {
                let mut allowed: Vec<String> =
                    RESERVED.iter().map(|r| format!("{{{r}}}")).collect();
                allowed.extend(field_keys.iter().map(|k| format!("{{{k}}}")));
                return Err(TemplateError::UnknownPlaceholder {
                    name: name.to_string(),
                    allowed,
                });
            }
            if name == "cap" && !has_cap {
                return Err(TemplateError::CapWithoutCap);
            }
        }
    }
    Ok(())
}
