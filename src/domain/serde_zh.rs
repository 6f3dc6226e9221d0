//! serde's messages said in Chinese, once, for every reader of JSON the user hands in (a
//! draft, an edition file). Plain text, the lowest layer.

/// serde's type messages in Chinese ("invalid type: string \"yes\", expected a boolean"
/// → 类型不对：应为真假值（true/false），填写的是文字 "yes"; missing field `x` → 缺少“x”);
/// anything else serde says is not shown in English but as `otherwise` (the reader's own
/// "内容不符合草稿格式").
pub fn serde_message_zh(msg: &str, otherwise: &str) -> String {
    let kind = |t: &str| -> String {
        let t = t.trim();
        let words = [
            ("a boolean", "真假值（true/false）"),
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
            ("u32", "整数"),
            ("u64", "整数"),
            ("an integer", "整数"),
            ("a number", "数字"),
            ("unit", "空值"),
            ("option", "空值"),
            ("enum", "取值"),
            (
                "a Decimal type representing a fixed-point number",
                "数字（如 \"0.2\"）",
            ),
        ];
        for (en, zh) in words {
            if let Some(rest) = t.strip_prefix(en) {
                // A value serde quotes ("yes", `5`) is kept; a type's name is not shown.
                let rest = rest.trim();
                let value = rest.starts_with(['"', '`'])
                    || rest.starts_with(|c: char| c.is_ascii_digit() || c == '-');
                return if value {
                    format!("{zh} {rest}")
                } else {
                    zh.to_string()
                };
            }
        }
        "其他类型".to_string()
    };
    let quoted = |t: &str| -> String {
        t.split(", expected")
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('`')
            .to_string()
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("类型不对：应为{}，填写的是{}", kind(want), kind(got));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("取值不对：应为{}，填写的是{}", kind(want), kind(got));
        }
    }
    if msg.starts_with("invalid length ") {
        return "列表的项数不对".into();
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        return format!("未知的取值“{}”", quoted(rest));
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少“{}”", quoted(rest));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("“{}”出现了两次", quoted(rest));
    }
    // Anything else serde might say is not shown in English (issue 22).
    otherwise.to_string()
}

#[cfg(test)]
mod tests {
    use super::serde_message_zh;

    #[test]
    fn serde_words_are_said_in_chinese() {
        let zh = |m: &str| serde_message_zh(m, "内容不符合格式");
        assert_eq!(
            zh("invalid type: string \"yes\", expected a boolean"),
            "类型不对：应为真假值（true/false），填写的是文字 \"yes\""
        );
        assert_eq!(
            zh("invalid type: string \"x\", expected a Decimal type representing a fixed-point number"),
            "类型不对：应为数字（如 \"0.2\"），填写的是文字 \"x\""
        );
        assert_eq!(zh("missing field `cap`"), "缺少“cap”");
        assert_eq!(
            zh("unknown variant `bonus`, expected one of `tier`, `per_unit`"),
            "未知的取值“bonus”"
        );
        assert_eq!(zh("duplicate field `id`"), "“id”出现了两次");
        assert_eq!(zh("something else entirely"), "内容不符合格式");
    }
}
