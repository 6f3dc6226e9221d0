//! Text that prints and exports safely (issue 22): what a user pastes may carry control
//! characters (a vertical tab from Word, `\x01`) that make a .docx invalid XML, and bidi
//! controls (U+202E …) that make "王敏\u{202e}验核已" print as "王敏已核验". Every text of a
//! draft passes through [`clean`] when the draft is read (import, link, storage, `cqhr`,
//! the exporter) and when the app saves what was typed; the writers clean once more.
//!
//! - Line breaks stay: `\n`, and `\r\n` or a lone `\r` become `\n`; a vertical tab or a
//!   form feed (Word's manual line and page breaks) becomes `\n`; a tab stays.
//! - Every other C0 control, DEL and the C1 controls (U+0080–U+009F) are removed.
//! - Bidi controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) are removed,
//!   so text always reads in the order it is stored.
//! - The noncharacters U+FFFE and U+FFFF (not allowed in XML) are removed.

use std::borrow::Cow;

/// Whether `c` is a bidi control: it reorders the text around it on screen and in print.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether [`clean`] would change or drop `c`.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || is_bidi_control(c)
        || c == '\u{fffe}'
        || c == '\u{ffff}'
}

/// The text with control and bidi characters removed (line breaks kept, see the module
/// docs). Borrows when there is nothing to remove, which is almost always.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{0b}' | '\u{0c}' => out.push('\n'),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// As [`clean`], for a one-line text (a name): line breaks and tabs become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    let cleaned = clean(s);
    if cleaned.contains(['\n', '\t']) {
        Cow::Owned(cleaned.replace(['\n', '\t'], " "))
    } else {
        cleaned
    }
}

/// Cleans every string in a JSON value in place (object keys are left as they are);
/// returns whether anything changed.
pub fn clean_value(v: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::String(s) => match clean(s) {
            Cow::Borrowed(_) => false,
            Cow::Owned(c) => {
                *s = c;
                true
            }
        },
        Value::Array(items) => items.iter_mut().fold(false, |acc, i| clean_value(i) | acc),
        Value::Object(m) => m.values_mut().fold(false, |acc, i| clean_value(i) | acc),
        _ => false,
    }
}

/// The first `max` characters of `s` and whether it was cut (a format's cell limit:
/// Excel's 32,767 characters).
pub fn cut(s: &str, max: usize) -> (&str, bool) {
    match s.char_indices().nth(max) {
        Some((i, _)) => (&s[..i], true),
        None => (s, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_examples() {
        assert_eq!(clean("王敏\u{202e}验核已"), "王敏验核已");
        assert_eq!(clean("a\u{0b}b\u{0c}c"), "a\nb\nc");
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean("\u{01}渝北\u{7f}\u{85}区\u{fffe}"), "渝北区");
        assert_eq!(clean("\u{2067}x\u{2069}\u{200f}"), "x");
        assert!(matches!(clean("第一段\n\t第二段"), Cow::Borrowed(_)));
        assert_eq!(clean_line("两江\n新区\u{0b}园"), "两江 新区 园");
        assert_eq!(cut("一二三", 2), ("一二", true));
        assert_eq!(cut("一二", 2), ("一二", false));
        let mut v = serde_json::json!({"a": ["x\u{1}", {"b": "ok"}], "c": 1});
        assert!(clean_value(&mut v));
        assert_eq!(v, serde_json::json!({"a": ["x", {"b": "ok"}], "c": 1}));
        assert!(!clean_value(&mut v));
    }

    proptest! {
        /// Whatever goes in, what comes out is valid XML 1.0 character data without
        /// bidi controls, and cleaning twice changes nothing more.
        #[test]
        fn cleaned_text_is_xml_safe_and_stable(s in "\\PC*|[\\x00-\\x20\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}a-z王]*") {
            let c = clean(&s).into_owned();
            for ch in c.chars() {
                prop_assert!(ch == '\n' || ch == '\t' || !ch.is_control(), "{ch:?}");
                prop_assert!(!is_bidi_control(ch));
                prop_assert!(ch != '\u{fffe}' && ch != '\u{ffff}', "noncharacter {:?}", ch);
            }
            prop_assert_eq!(clean(&c).into_owned(), c);
        }
    }
}
