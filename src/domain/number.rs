//! Reading numbers exactly, the way Chinese users type them.
//!
//! Every figure in the measures (万元, 平方米, 家, 人) is read into a [`Decimal`] straight
//! from its text: never through a float. The same parser serves the form's inputs, the
//! draft's JSON numbers (kept as text by serde_json's `arbitrary_precision`) and its
//! decimal strings.
//!
//! Over 600 lines: one parser, its typed errors and units, and a third of it the tests of
//! what users type.

use rust_decimal::Decimal;
use std::str::FromStr;

/// The largest magnitude accepted for any input. Above it a value is refused with a
/// message rather than risk overflow in `value ÷ unit` (Decimal holds about 7.9 × 10^28).
/// 10^20 is far beyond any real park (the whole of China's GDP is about 10^10 万元) and
/// still admits 2^64 + 1.
pub const MAX_MAGNITUDE: Decimal = Decimal::from_parts(1_661_992_960, 1_808_227_885, 5, false, 0);

/// Why a typed text is not a number. `message_zh` is what the user sees at the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    TooLarge,
    TooManyDecimals,
    /// Thousands separators in the wrong places ("1,200,00"): never read silently, since
    /// "1,200,00" could be 120,000 or 1,200.00. Holds the digits regrouped ("120,000").
    BadGrouping(String),
}

impl NumberError {
    pub fn message_zh(&self) -> String {
        match self {
            NumberError::Empty => "请填写数值".into(),
            NumberError::NotANumber => "不是有效的数字（可填写如 1234.5、1,000 或全角数字）".into(),
            NumberError::TooLarge => "数值过大，超出可计算范围（不超过 10 的 20 次方）".into(),
            NumberError::TooManyDecimals => "小数位数过多（最多 10 位）".into(),
            NumberError::BadGrouping(guess) => format!("千分位格式有误，是否为 {guess}？"),
        }
    }
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for NumberError {}

/// Why a typed quantity was refused ([`read_quantity`], [`read_quantity_in`], and the
/// certification's `read_number`): the kind, with what was typed (shortened to 24
/// characters) where the message quotes it. `Display` is the Chinese message that follows
/// the field's name ("不能为负数（填写的是 -5）").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    /// Not a number or text at all, or blank: 须为数字.
    Missing,
    /// The number parser refused the text.
    Unreadable {
        typed: String,
        error: NumberError,
    },
    /// Converted into the field's unit, it has more than 10 decimals.
    TooManyDecimalsIn {
        typed: String,
        unit: String,
    },
    /// Converted into the field's unit, it is out of range.
    TooLarge,
    Negative {
        typed: String,
    },
    /// A fraction where a whole number is asked for.
    NotWhole {
        typed: String,
    },
    /// A fraction after converting into the field's unit ("1.23456万" is 12,345.6 人).
    NotWholeIn {
        typed: String,
        value: String,
        unit: String,
    },
    /// A unit typed where the field has none.
    UnitNotAllowed {
        typed: String,
        unit_typed: String,
    },
    /// A unit typed that does not convert into the field's.
    UnitMismatch {
        typed: String,
        unit_typed: String,
        unit: String,
    },
    /// A percentage over 100 (the value as printed).
    PercentOver100 {
        shown: String,
    },
}

impl std::fmt::Display for QuantityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuantityError::Missing => f.write_str("须为数字"),
            QuantityError::Unreadable { typed, error } => write!(f, "“{typed}”{error}"),
            QuantityError::TooManyDecimalsIn { typed, unit } => {
                write!(f, "“{typed}”换算为{unit}后{}", NumberError::TooManyDecimals)
            }
            QuantityError::TooLarge => write!(f, "{}", NumberError::TooLarge),
            QuantityError::Negative { typed } => write!(f, "不能为负数（填写的是 {typed}）"),
            QuantityError::NotWhole { typed } => write!(f, "须为整数（填写的是 {typed}）"),
            QuantityError::NotWholeIn { typed, value, unit } => {
                write!(f, "须为整数（“{typed}”即 {value} {unit}）")
            }
            QuantityError::UnitNotAllowed { typed, unit_typed } => {
                write!(f, "“{typed}”带有单位“{unit_typed}”，本项只填数字")
            }
            QuantityError::UnitMismatch {
                typed,
                unit_typed,
                unit,
            } => write!(
                f,
                "单位“{unit_typed}”与本项的单位“{unit}”不符，请按{unit}填写（填写的是“{typed}”）"
            ),
            QuantityError::PercentOver100 { shown } => {
                write!(f, "占比不能超过 100%（填写的是 {shown}%）")
            }
        }
    }
}

impl std::error::Error for QuantityError {}

fn unreadable(text: &str, e: NumberError) -> QuantityError {
    match e {
        NumberError::Empty => QuantityError::Missing,
        error => QuantityError::Unreadable {
            typed: shorten(text, 24),
            error,
        },
    }
}

/// Turns what a user typed into plain ASCII number text: full-width digits and signs
/// (１２３．４, －), thousands separators (1,000 / 1，000 / 1 000), ideographic and ordinary
/// spaces. Anything else is left alone for the parser to refuse.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' | '。' => out.push('.'),
            '－' | '−' | '—' => out.push('-'),
            '＋' => out.push('+'),
            'ｅ' | 'Ｅ' => out.push('e'),
            ',' | '，' | '_' | '\'' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Thousands separators (`,` or `，`) must stand every three digits of the whole part,
/// counted from the point: "1,200,000" and "12,000.5" pass, "1,200,00", "1,0000" and
/// "1.000,5" are refused with the digits regrouped as a guess ("120,000"), because the
/// intended figure cannot be known. Text without separators is not concerned.
fn check_grouping(text: &str) -> Result<(), NumberError> {
    let is_sep = |c: char| c == ',' || c == '，';
    if !text.chars().any(is_sep) {
        return Ok(());
    }
    let s: String = normalize_keep_commas(text);
    let body = s.trim_start_matches(['+', '-']);
    let (int_part, frac) = match body.split_once('.') {
        Some((a, b)) => (a, b),
        None => (body, ""),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let ok = !frac.contains(',')
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if ok {
        return Ok(());
    }
    // Only figures made of digits, separators and at most one point get a guess; anything
    // else is for the parser to refuse.
    let digits: String = body.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Ok(());
    }
    let guess = parse_plain(&digits).map(fmt_grouped).unwrap_or(digits);
    Err(NumberError::BadGrouping(guess))
}

/// As [`normalize`], but keeping the separators (as `,`) for [`check_grouping`].
fn normalize_keep_commas(text: &str) -> String {
    text.chars()
        .map(|c| if c == '，' { ',' } else { c })
        .collect::<String>()
        .split(',')
        .map(normalize)
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_plain(digits: &str) -> Option<Decimal> {
    Decimal::from_str(digits)
        .ok()
        .filter(|d| *d <= MAX_MAGNITUDE)
}

/// Parses user or JSON text into an exact decimal. Accepts an optional sign, digits with
/// an optional decimal point, and (for JSON numbers) an exponent such as `1e3`.
/// Refuses NaN, infinities, hex, empty text and anything beyond [`MAX_MAGNITUDE`].
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    check_grouping(text)?;
    let s = normalize(text);
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let bytes = s.as_bytes();
    // Validate the grammar ourselves so that nothing exotic reaches rust_decimal.
    let mut i = 0;
    if matches!(bytes[0], b'+' | b'-') {
        i = 1;
    }
    let (mut int_digits, mut frac_digits) = (0usize, 0usize);
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        int_digits += 1;
        i += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            frac_digits += 1;
            i += 1;
        }
    }
    if int_digits + frac_digits == 0 {
        return Err(NumberError::NotANumber);
    }
    let mantissa_end = i;
    let mut exponent: i64 = 0;
    if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
        i += 1;
        let negative = i < bytes.len() && bytes[i] == b'-';
        if i < bytes.len() && matches!(bytes[i], b'+' | b'-') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            // Saturate: a huge exponent is refused below either way.
            exponent = (exponent * 10 + i64::from(bytes[i] - b'0')).min(10_000);
            i += 1;
        }
        if i == start {
            return Err(NumberError::NotANumber);
        }
        if negative {
            exponent = -exponent;
        }
    }
    if i != bytes.len() {
        return Err(NumberError::NotANumber);
    }
    let mantissa = &s[..mantissa_end];
    let mantissa = mantissa.strip_prefix('+').unwrap_or(mantissa);
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((a, b)) => (a, b),
        None => (digits, ""),
    };
    // Shift the decimal point by the exponent on the digit string itself, so that 1e40 is
    // seen as 41 digits (too large) instead of overflowing inside a library call.
    let all: String = format!("{int_part}{frac_part}");
    let point = int_part.len() as i64 + exponent;
    let all = all.trim_start_matches('0');
    let point = point - (int_part.len() as i64 + frac_part.len() as i64 - all.len() as i64);
    if all.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let all = all.trim_end_matches('0');
    let (int_text, frac_text) = if point <= 0 {
        let zeros = usize::try_from(-point).unwrap_or(usize::MAX);
        if zeros > 28 {
            return Err(NumberError::TooManyDecimals);
        }
        (String::from("0"), format!("{}{}", "0".repeat(zeros), all))
    } else {
        let point = usize::try_from(point).unwrap_or(usize::MAX);
        if point > 21 {
            return Err(NumberError::TooLarge);
        }
        if point >= all.len() {
            (
                format!("{}{}", all, "0".repeat(point - all.len())),
                String::new(),
            )
        } else {
            (all[..point].to_string(), all[point..].to_string())
        }
    };
    if frac_text.len() > 10 {
        return Err(NumberError::TooManyDecimals);
    }
    let text = if frac_text.is_empty() {
        int_text
    } else {
        format!("{int_text}.{frac_text}")
    };
    let value = Decimal::from_str(&text).map_err(|_| NumberError::TooLarge)?;
    // Decimal keeps at most 28–29 significant digits and rounds the rest away silently
    // (99999999999999999999.9999999999 would become 10^20): refuse rather than round.
    if value.to_string() != text {
        return Err(NumberError::TooManyDecimals);
    }
    if value > MAX_MAGNITUDE {
        return Err(NumberError::TooLarge);
    }
    Ok(if negative { -value } else { value })
}

/// Reads one typed quantity exactly: a JSON number, or a string as the user typed it.
/// Refuses a negative value and, when `whole`, a fraction. The message is the part that
/// follows the field's name ("不能为负数（填写的是 -5）").
pub fn read_quantity(raw: &serde_json::Value, whole: bool) -> Result<Decimal, QuantityError> {
    // A JSON number's exact text (arbitrary_precision), or the string as typed: borrowed,
    // since this runs for every field on every keystroke.
    let text: &str = match raw {
        serde_json::Value::Number(n) => n.as_str(),
        serde_json::Value::String(s) => s,
        _ => return Err(QuantityError::Missing),
    };
    let d = parse_decimal(text).map_err(|e| unreadable(text, e))?;
    let d = d.normalize();
    if d.is_sign_negative() && !d.is_zero() {
        return Err(QuantityError::Negative {
            typed: shorten(text, 24),
        });
    }
    let d = if d.is_zero() { Decimal::ZERO } else { d };
    if whole && !d.fract().is_zero() {
        return Err(QuantityError::NotWhole {
            typed: shorten(text, 24),
        });
    }
    Ok(d)
}

/// Reads one typed quantity in a field's unit (the rubric's `Field::unit`: 万元, 平方米,
/// 家…), accepting the unit typed after the figure when it is the field's or converts to
/// it: "4.5亿" and "45000万元" in a 万元 field are 45000, "3万" in a count of 人 is 30000,
/// "12000㎡" in 平方米 is 12000. A unit that does not convert ("100平方米" in 万元) is
/// refused with a message naming both units, never as "不是有效的数字". Otherwise as
/// [`read_quantity`].
pub fn read_quantity_in(
    raw: &serde_json::Value,
    whole: bool,
    unit: &str,
) -> Result<Decimal, QuantityError> {
    let serde_json::Value::String(text) = raw else {
        return read_quantity(raw, whole);
    };
    let Some((figure, typed)) = split_unit(text) else {
        return read_quantity(raw, whole);
    };
    let converted = match (scaled_unit(&typed), scaled_unit(unit)) {
        (Some((typed_scale, typed_base)), Some((field_scale, field_base)))
            if typed_base.is_empty() || typed_base == field_base =>
        {
            let d = parse_decimal(figure).map_err(|e| unreadable(text, e))?;
            d.checked_mul(typed_scale)
                .and_then(|v| v.checked_div(field_scale))
                .filter(|v| v.abs() <= MAX_MAGNITUDE)
                .ok_or(QuantityError::TooLarge)?
        }
        _ if unit.is_empty() => {
            return Err(QuantityError::UnitNotAllowed {
                typed: shorten(text, 24),
                unit_typed: typed,
            })
        }
        _ => {
            return Err(QuantityError::UnitMismatch {
                typed: shorten(text, 24),
                unit_typed: typed,
                unit: unit.to_string(),
            })
        }
    };
    // The figure in the field's unit, read back through the ordinary path (sign, whole
    // number, decimals), quoting what was typed in its messages.
    let d = converted.normalize();
    if d.scale() > 10 {
        return Err(QuantityError::TooManyDecimalsIn {
            typed: shorten(text, 24),
            unit: unit.to_string(),
        });
    }
    if d.is_sign_negative() && !d.is_zero() {
        return Err(QuantityError::Negative {
            typed: shorten(text, 24),
        });
    }
    let d = if d.is_zero() { Decimal::ZERO } else { d };
    if whole && !d.fract().is_zero() {
        return Err(QuantityError::NotWholeIn {
            typed: shorten(text, 24),
            value: fmt_grouped(d),
            unit: unit.to_string(),
        });
    }
    Ok(d)
}

/// A value in one unit expressed in another when they share a base: 45000 万元 is 4.5 亿元.
/// `None` when the bases differ (万元 and 平方米) or the result is out of range.
pub fn convert(value: Decimal, from: &str, to: &str) -> Option<Decimal> {
    let (from_scale, from_base) = scaled_unit(from)?;
    let (to_scale, to_base) = scaled_unit(to)?;
    if from_base != to_base {
        return None;
    }
    value.checked_mul(from_scale)?.checked_div(to_scale)
}

/// Splits "4.5亿" into the figure "4.5" and the unit "亿": the unit is what follows the last
/// digit, and is only taken as one when it holds a character that is not ASCII (a typed
/// "1e" or "12abc" stays with the number parser and its usual message). `None` when nothing
/// follows the figure.
fn split_unit(text: &str) -> Option<(&str, String)> {
    let t = text.trim();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let end = t.char_indices().rev().find(|(_, c)| is_digit(*c))?.0;
    let end = end + t[end..].chars().next()?.len_utf8();
    let unit: String = t[end..].chars().filter(|c| !c.is_whitespace()).collect();
    (!unit.is_empty() && !unit.is_ascii()).then(|| (&t[..end], unit))
}

/// A unit read as its multiplier and base: "万元" is (10^4, "元"), "亿" (10^8, ""), "平方米"
/// and "㎡" (1, "平方米"), "家" (1, "家"). The multipliers are 十, 百, 千, 万, 亿 in front
/// (千万 is 10^7). `None` only when the multipliers overflow ("亿亿亿亿").
fn scaled_unit(unit: &str) -> Option<(Decimal, String)> {
    let mut scale = Decimal::ONE;
    let mut rest = unit.trim();
    while let Some(c) = rest.chars().next() {
        let factor: u64 = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1_000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => break,
        };
        scale = scale.checked_mul(Decimal::from(factor))?;
        rest = &rest[c.len_utf8()..];
    }
    // One name per base: the ways of writing square metres, and 元 with its "人民币".
    let base = match rest {
        "平米" | "㎡" | "m²" | "M²" => "平方米",
        "元人民币" | "人民币" => "元",
        other => other,
    };
    Some((scale, base.to_string()))
}

/// Cuts a typed text to `max` characters for quoting in a message.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// Prints a decimal the way the 得分表 shows it: no trailing zeros ("4.8", "10").
pub fn fmt_decimal(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// Prints a decimal with thousands separators for reading ("12,345.6").
pub fn fmt_grouped(d: Decimal) -> String {
    let s = fmt_decimal(d);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int_part, frac) = match rest.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Blank is not zero: a missing, null or empty-string value is 未填.
pub fn is_blank(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_display_their_chinese_message() {
        let e = parse_decimal("abc").unwrap_err();
        assert_eq!(e.to_string(), e.message_zh());
        let boxed: Box<dyn std::error::Error> = Box::new(NumberError::TooLarge);
        assert!(boxed.to_string().contains("数值过大"));
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_what_users_type() {
        assert_eq!(parse_decimal("1234.5"), Ok(d("1234.5")));
        assert_eq!(parse_decimal("１２３"), Ok(d("123")));
        assert_eq!(parse_decimal("１２３．４５"), Ok(d("123.45")));
        assert_eq!(parse_decimal("1,000"), Ok(d("1000")));
        assert_eq!(parse_decimal("1，000"), Ok(d("1000")));
        assert_eq!(parse_decimal(" 1 000 "), Ok(d("1000")));
        assert_eq!(parse_decimal("1\u{3000}000"), Ok(d("1000")));
        assert_eq!(parse_decimal("－5"), Ok(d("-5")));
        assert_eq!(parse_decimal("+7"), Ok(d("7")));
        assert_eq!(parse_decimal(".5"), Ok(d("0.5")));
        assert_eq!(parse_decimal("5."), Ok(d("5")));
        assert_eq!(parse_decimal("0.1"), Ok(d("0.1")));
        assert_eq!(parse_decimal("999.99"), Ok(d("999.99")));
        assert_eq!(parse_decimal("1,234,567.25"), Ok(d("1234567.25")));
        assert_eq!(parse_decimal("１，２００，０００"), Ok(d("1200000")));
        assert_eq!(parse_decimal("-12,000"), Ok(d("-12000")));
    }

    #[test]
    fn odd_grouping_is_flagged_not_read() {
        let bad = |s: &str| parse_decimal(s).unwrap_err().message_zh();
        assert_eq!(bad("1,200,00"), "千分位格式有误，是否为 120,000？");
        assert_eq!(bad("1，200，00"), "千分位格式有误，是否为 120,000？");
        assert_eq!(bad("1,0000"), "千分位格式有误，是否为 10,000？");
        assert_eq!(bad("12,34.5"), "千分位格式有误，是否为 1,234.5？");
        assert_eq!(bad("1234,567"), "千分位格式有误，是否为 1,234,567？");
        assert_eq!(bad(",100"), "千分位格式有误，是否为 100？");
        assert_eq!(bad("1.000,5"), "千分位格式有误，是否为 1.0005？");
        // Not a figure at all: the ordinary message.
        assert_eq!(parse_decimal("a,bc"), Err(NumberError::NotANumber));
    }

    #[test]
    fn reads_json_exponents_exactly() {
        assert_eq!(parse_decimal("1e3"), Ok(d("1000")));
        assert_eq!(parse_decimal("1.5E+2"), Ok(d("150")));
        assert_eq!(parse_decimal("25e-1"), Ok(d("2.5")));
        assert_eq!(parse_decimal("0e999999"), Ok(Decimal::ZERO));
    }

    #[test]
    fn refuses_garbage_and_extremes() {
        for bad in [
            "", "  ", "abc", "1.2.3", "--1", "1e", "0x10", "NaN", "inf", "1-2", ".", "万",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(parse_decimal(""), Err(NumberError::Empty));
        assert_eq!(parse_decimal("1e40"), Err(NumberError::TooLarge));
        assert_eq!(
            parse_decimal("1e99999999999999"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_decimal("123456789012345678901234567890"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_decimal("0.00000000001"),
            Err(NumberError::TooManyDecimals)
        );
        assert_eq!(parse_decimal("1e-40"), Err(NumberError::TooManyDecimals));
    }

    #[test]
    fn two_to_the_64_plus_one_is_exact() {
        assert_eq!(
            parse_decimal("18446744073709551617"),
            Ok(d("18446744073709551617"))
        );
        assert_eq!(parse_decimal("1e20"), Ok(MAX_MAGNITUDE));
        assert_eq!(
            parse_decimal("100000000000000000001"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn prints_without_trailing_zeros() {
        assert_eq!(fmt_decimal(d("4.80")), "4.8");
        assert_eq!(fmt_decimal(d("10.0")), "10");
        assert_eq!(fmt_decimal(d("-0.0")), "0");
        assert_eq!(fmt_grouped(d("1234567.50")), "1,234,567.5");
        assert_eq!(fmt_grouped(d("-1000")), "-1,000");
        assert_eq!(fmt_grouped(d("999")), "999");
    }

    #[test]
    fn a_unit_after_the_figure_is_read_when_it_converts() {
        let read = |t: &str, whole: bool, unit: &str| {
            read_quantity_in(&serde_json::Value::String(t.into()), whole, unit)
        };
        // 亿 ↔ 万元: 4.5 亿元 is 45000 万元.
        assert_eq!(read("4.5亿", false, "万元"), Ok(d("45000")));
        assert_eq!(read("4.5亿元", false, "万元"), Ok(d("45000")));
        assert_eq!(read("45000万元", false, "万元"), Ok(d("45000")));
        assert_eq!(read("45,000 万元", false, "万元"), Ok(d("45000")));
        assert_eq!(read("４５０００万", false, "万元"), Ok(d("45000")));
        assert_eq!(read("1.2千万元", false, "万元"), Ok(d("1200")));
        assert_eq!(read("5000元", false, "万元"), Ok(d("0.5")));
        // 万 in a count.
        assert_eq!(read("3万", true, "人"), Ok(d("30000")));
        assert_eq!(read("1.5万人", true, "人"), Ok(d("15000")));
        assert_eq!(read("12家", true, "家"), Ok(d("12")));
        // The ways of writing square metres.
        assert_eq!(read("12000㎡", false, "平方米"), Ok(d("12000")));
        assert_eq!(read("1.2万平方米", false, "平方米"), Ok(d("12000")));
        assert_eq!(read("12000平米", false, "平方米"), Ok(d("12000")));
        assert_eq!(read("8分", false, "分"), Ok(d("8")));
        assert_eq!(convert(d("45000"), "万元", "亿元"), Some(d("4.5")));
        assert_eq!(convert(d("1"), "万元", "平方米"), None);
    }

    #[test]
    fn a_unit_that_does_not_convert_is_named_in_the_message() {
        let read = |t: &str, whole: bool, unit: &str| {
            read_quantity_in(&serde_json::Value::String(t.into()), whole, unit)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            read("100平方米", false, "万元"),
            "单位“平方米”与本项的单位“万元”不符，请按万元填写（填写的是“100平方米”）"
        );
        assert_eq!(
            read("12个", true, "家"),
            "单位“个”与本项的单位“家”不符，请按家填写（填写的是“12个”）"
        );
        assert!(read("45000万元", false, "平方米").contains("单位“万元”与本项的单位“平方米”不符"));
        // A fraction of a person after conversion: the message says what it came to.
        assert_eq!(
            read("1.23456万", true, "人"),
            "须为整数（“1.23456万”即 12,345.6 人）"
        );
        // Nothing unit-like: the number parser's own messages, as before.
        assert!(read("abc", false, "万元").contains("不是有效的数字"));
        assert!(read("1e", false, "万元").contains("不是有效的数字"));
        assert!(read("-3万", false, "万元").contains("不能为负数"));
        assert!(read("abc万元", false, "万元").contains("不是有效的数字"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_decimal(&s);
            let _ = read_quantity_in(&serde_json::Value::String(s.clone()), true, "万元");
        }

        #[test]
        fn round_trips_printed_decimals(n in 0i64..1_000_000_000_000, scale in 0u32..6) {
            let v = Decimal::new(n, scale);
            proptest::prop_assert_eq!(parse_decimal(&fmt_decimal(v)), Ok(v));
            proptest::prop_assert_eq!(parse_decimal(&fmt_grouped(v)), Ok(v));
        }
    }
}
