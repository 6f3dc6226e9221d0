//! What people type that the ranking must read as one thing (issue 15): the 评估年度 and
//! a platform's identity across copies; and the names of exported files, for filing.
//!
//! Plain text in, plain text out (layer 0): the draft normalises its year on load with
//! [`normalise_year`], the ranking groups by it and finds copies by [`identity_key`], and
//! every export is named by [`export_file_name`].

/// Why a typed 评估年度 is not a year, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearError {
    /// What was typed.
    pub typed: String,
    pub message: String,
}

impl std::fmt::Display for YearError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for YearError {}

/// The earliest and latest year accepted (the measures date from 2025; a typo such as
/// 1925 or 2205 is caught).
pub const YEAR_RANGE: (u32, u32) = (2000, 2099);

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '〇' | '零' | 'Ｏ' => Some('0'),
        '一' => Some('1'),
        '二' => Some('2'),
        '三' => Some('3'),
        '四' => Some('4'),
        '五' => Some('5'),
        '六' => Some('6'),
        '七' => Some('7'),
        '八' => Some('8'),
        '九' => Some('9'),
        _ => None,
    }
}

/// 评估年度 as 4 ASCII digits, from what people type: "2025", "2025年", "２０２５",
/// " 2025 ", "2025 年度", "二〇二五年". A blank year stays blank (`Ok("")`, 未填). Anything
/// else is an error with a Chinese message; the caller keeps what was typed.
pub fn normalise_year(typed: &str) -> Result<String, YearError> {
    let fail = |why: &str| YearError {
        typed: typed.to_string(),
        message: format!("评估年度“{}”{why}：请填写四位年份，如 2025", typed.trim()),
    };
    let text: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return Ok(String::new());
    }
    let body = text
        .strip_suffix("年度")
        .or_else(|| text.strip_suffix('年'))
        .unwrap_or(&text);
    let digits: Option<String> = body.chars().map(digit).collect();
    let Some(digits) = digits else {
        return Err(fail("不是年份"));
    };
    if digits.chars().count() != 4 {
        return Err(fail("不是四位年份"));
    }
    let year: u32 = digits.parse().map_err(|_| fail("不是年份"))?;
    if year < YEAR_RANGE.0 || year > YEAR_RANGE.1 {
        return Err(YearError {
            typed: typed.to_string(),
            message: format!(
                "评估年度 {year} 不在 {}–{} 年之间，请核对",
                YEAR_RANGE.0, YEAR_RANGE.1
            ),
        });
    }
    Ok(digits)
}

/// A platform's name or district as compared across copies: spaces removed, full-width
/// letters and digits folded to ASCII, ASCII letters lower-cased, full-width brackets
/// folded (“重庆（两江）” and “重庆(两江)” are one name).
pub fn fold_name(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key under which copies of one platform meet in a year: folded name and district,
/// and the year as given (normalise it first).
pub fn identity_key(name: &str, district: &str, year: &str) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}",
        fold_name(name),
        fold_name(district),
        year
    )
}

/// A part of a file name safe on Windows, macOS and Linux: path separators, `: * ? " < >
/// |`, control characters and spaces become `_`, runs of `_` collapse, leading and
/// trailing dots, dashes and underscores go, at most `max` characters are kept.
pub fn file_part(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let c = if c.is_control()
            || c.is_whitespace()
            || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        {
            '_'
        } else {
            c
        };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let trimmed: String = out
        .trim_matches(|c| c == '.' || c == '_' || c == '-')
        .chars()
        .take(max)
        .collect();
    trimmed.trim_end_matches(['.', '_', '-']).to_string()
}

/// The file name of an export, for filing: `<kind>-<subject>-<year>-<date>.<ext>`, e.g.
/// `等次排名-2025-20261126.csv`, `得分表-两江人力资源服务产业园-2025-20261126.json`.
/// `subject` is the platform (empty for a cohort), `year` a year or several joined
/// (`2024_2025`, see [`years_part`]), `date` today as `YYYY-MM-DD` or `YYYYMMDD`. Empty
/// parts are left out; each part is made safe with [`file_part`] (a name of at most 40
/// characters).
pub fn export_file_name(kind: &str, subject: &str, year: &str, date: &str, ext: &str) -> String {
    let date: String = date.chars().filter(|c| c.is_ascii_digit()).collect();
    let parts = [
        file_part(kind, 20),
        file_part(subject, 40),
        file_part(year, 30),
        file_part(&date, 8),
    ];
    let stem = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() {
        "导出".to_string()
    } else {
        stem
    };
    let ext = file_part(ext.trim_start_matches('.'), 8);
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

/// The year part for a cohort of several years: the distinct non-blank years, ascending,
/// joined by `_` (`2024_2025`); empty when none.
pub fn years_part<'a>(years: impl IntoIterator<Item = &'a str>) -> String {
    let mut ys: Vec<&str> = years
        .into_iter()
        .map(str::trim)
        .filter(|y| !y.is_empty())
        .collect();
    ys.sort_unstable();
    ys.dedup();
    ys.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_as_people_type_them() {
        for typed in [
            "2025",
            "2025年",
            "２０２５",
            " 2025 ",
            "2025 年度",
            "２０２５年度",
            "二〇二五年",
            "\u{3000}2025\u{3000}",
        ] {
            assert_eq!(normalise_year(typed).as_deref(), Ok("2025"), "{typed:?}");
        }
        assert_eq!(normalise_year("").as_deref(), Ok(""));
        assert_eq!(normalise_year("  ").as_deref(), Ok(""));
        for bad in [
            "25",
            "2025-2026",
            "abc",
            "20255",
            "2025年3月",
            "1925",
            "2025.0",
        ] {
            let e = normalise_year(bad).unwrap_err();
            assert_eq!(e.typed, bad);
            assert!(e.message.contains("评估年度"), "{e}");
        }
        assert_eq!(
            normalise_year("二五年").unwrap_err().message,
            "评估年度“二五年”不是四位年份：请填写四位年份，如 2025"
        );
    }

    #[test]
    fn names_fold_for_identity() {
        assert_eq!(
            identity_key(" 两江 人力资源（一期） ", "渝北区", "2025"),
            identity_key("两江人力资源（一期）", " 渝北区", "2025")
        );
        assert_eq!(fold_name("ＡＢＣ产业园"), "abc产业园");
        assert_ne!(
            identity_key("两江", "渝北区", "2025"),
            identity_key("两江", "江北区", "2025")
        );
    }

    #[test]
    fn export_names_are_safe_and_dated() {
        assert_eq!(
            export_file_name("等次排名", "", "2025", "2026-11-26", "csv"),
            "等次排名-2025-20261126.csv"
        );
        assert_eq!(
            export_file_name(
                "得分表",
                "两江/人力:资源*产业园?",
                "2025",
                "20261126",
                ".json"
            ),
            "得分表-两江_人力_资源_产业园-2025-20261126.json"
        );
        assert_eq!(
            export_file_name("得分表", "  ..", "", "2026-11-26", "json"),
            "得分表-20261126.json"
        );
        let long = "很".repeat(100);
        let name = export_file_name("得分表", &long, "2025", "2026-11-26", "json");
        assert_eq!(name.chars().filter(|c| *c == '很').count(), 40);
        assert_eq!(years_part(["2025", "2024", "", "2025"]), "2024_2025");
        for bad in ['/', '\\', ':', '*', '?', '"', '<', '>', '|', '\n'] {
            let n = export_file_name("得分表", &format!("a{bad}b"), "2025", "", "json");
            assert!(!n.contains(bad), "{n}");
        }
    }
}
