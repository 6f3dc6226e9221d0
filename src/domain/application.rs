//! 附表1《重庆市市级人力资源服务发展平台认定申请表》: the check of the form (Art. 14 (一) 1).
//! The record itself is `draft::application`.
//!
//! The form travels in the draft (field `application`). Text fields are stored as typed;
//! numbers are stored as typed too (a JSON number or a string) and read exactly with
//! [`parse_decimal`](super::number::parse_decimal). Choices are stored as keys:
//! 平台性质 `comprehensive-park` / `specialized-park` / `talent-market` (blank = the draft's
//! rubric), 载体性质 `offline` / `online_offline`, 建设方式 `new` / `renovated`, 运营方式
//! `self` / `entrusted`, and the services as a list of keys from [`SERVICES`].

use super::date::{working_days, Date};
pub use super::draft::application::{
    app_field, label_of, material, AppFallback, AppFieldDef, AppFieldKind, AppSection, Application,
    MaterialDef, MaterialEntry, Publicity, APP_FIELDS, CARRIERS, CONSTRUCTIONS, MATERIALS,
    MATERIALS_ARTICLE, MATERIALS_LEAD, NATURES, OPERATIONS, PUBLICITY_ARTICLE, PUBLICITY_TEXT,
    SERVICES,
};
use super::draft::certification::{read_number, CertKind};
use super::draft::{Draft, DraftError, FieldPath};
use super::number::{fmt_grouped, is_blank, shorten};
use super::rubric::PlatformKind;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The form with blanks filled from what the draft already holds: 平台名称 from the
/// platform's name, 平台性质 from the rubric, 场所面积/场所个数 from the certification
/// inputs. Typed values are never replaced. For display and printing; the draft itself is
/// unchanged.
pub fn prefill(draft: &Draft) -> Application {
    let mut app = draft.application.clone();
    for f in APP_FIELDS {
        if !app.is_blank_at(f.key) {
            continue;
        }
        match f.fallback {
            AppFallback::None => {}
            AppFallback::PlatformName => {
                app.set_text(f.key, draft.platform.name.trim().to_string());
            }
            AppFallback::Rubric => {
                if label_of(&NATURES, &draft.rubric).is_some() {
                    app.set_text(f.key, draft.rubric.clone());
                }
            }
            // A market has one site: its count is not taken from the certification.
            AppFallback::Certification("sites")
                if PlatformKind::from_id(&draft.rubric) == Some(PlatformKind::TalentMarket) => {}
            AppFallback::Certification(key) => {
                if let Some(v) = draft.certification.raw(key) {
                    app.set_number(f.key, v.clone());
                }
            }
        }
    }
    app
}

/// The result of checking the form: errors (invalid values; a strict reader refuses the
/// draft), warnings (doubtful values) and the labels of the fields still blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplicationCheck {
    pub errors: Vec<DraftError>,
    pub warnings: Vec<DraftError>,
    /// Labels of 附表1 fields not yet filled (the form is complete when empty).
    pub missing: Vec<&'static str>,
    /// Art. 14 (一): the five materials, in the article's order, with the draft's ticks.
    pub materials: Vec<MaterialRow>,
    /// Art. 14 (三): the 公示 period, when a date is recorded.
    pub publicity: Option<PublicityCheck>,
}

/// One Art. 14 (一) material as the checklist shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialRow {
    pub id: &'static str,
    /// 1–5, its number in Art. 14 (一).
    pub number: u32,
    /// The article's text, verbatim.
    pub text: &'static str,
    pub short: &'static str,
    pub ready: bool,
    /// Pages, when counted (a valid whole number).
    pub pages: Option<u32>,
}

impl ApplicationCheck {
    /// Materials ticked ready.
    pub fn materials_ready(&self) -> usize {
        self.materials.iter().filter(|m| m.ready).count()
    }

    /// Pages counted over all materials.
    pub fn material_pages(&self) -> u32 {
        self.materials
            .iter()
            .filter_map(|m| m.pages)
            .fold(0u32, u32::saturating_add)
    }
}

/// The least 公示 of Art. 14 (三) ("公示不少于5天"), counted in calendar days as written
/// (issue 20.9; docs/readings.md).
pub const PUBLICITY_MIN_DAYS: u32 = 5;

/// How the tool counts the 公示 period, said wherever it is shown.
pub const PUBLICITY_READING: &str = "“不少于5天”按条文所写的自然日计，首尾两日都计入；工作日天数（星期一至星期五，本工具不掌握法定节假日和调休）只作参考：按工作日计是更严的解读，如市人力社保局按工作日掌握，请以其为准。";

/// Art. 14 (三) 公示, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicityCheck {
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// Monday-to-Friday days from start to end, both included (public holidays unknown).
    pub working_days: Option<u32>,
    /// Calendar days, both ends included.
    pub calendar_days: Option<u32>,
    /// At least [`PUBLICITY_MIN_DAYS`] calendar days.
    pub met: bool,
    /// Also at least [`PUBLICITY_MIN_DAYS`] working days (the stricter reading, shown as
    /// information).
    pub met_working: bool,
    /// In one Chinese sentence.
    pub text: String,
}

fn at(field: &'static str, message: String) -> DraftError {
    DraftError::at(FieldPath::application(field), message)
}

/// Checks the 附表1 form of a draft. Numbers must be non-negative (counts whole); choices
/// must be known keys; a phone number that does not look like one (7–20 characters of
/// digits, "-", spaces, an optional leading "+") and an unreadable date are warnings.
/// Messages are in Chinese and name the field. An empty form has no errors, only
/// `missing` fields.
///
/// Over 150 lines: one check per field of 附表1, in the form's order.
pub fn check_application(draft: &Draft) -> ApplicationCheck {
    let app = &draft.application;
    let mut out = ApplicationCheck::default();

    // Numbers.
    let mut number =
        |key: &'static str, label: &str, raw: &Value, kind: CertKind| -> Option<Decimal> {
            if is_blank(raw) {
                return None;
            }
            match read_number(raw, kind) {
                Ok(d) => Some(d),
                Err(msg) => {
                    out.errors
                        .push(at(key, format!("认定申请表“{label}”：{msg}")));
                    None
                }
            }
        };
    let mut read = BTreeMap::new();
    for f in APP_FIELDS {
        let kind = match f.kind {
            AppFieldKind::Count => CertKind::Count,
            AppFieldKind::Amount => CertKind::Amount,
            _ => continue,
        };
        if let Some(d) = app
            .number(f.key)
            .and_then(|raw| number(f.key, f.short, raw, kind))
        {
            read.insert(f.key, d);
        }
    }
    let area = read.get("area_sqm").copied();
    let sites = read.get("sites").copied();
    if sites.is_some_and(|s| s.is_zero()) {
        out.errors.push(at(
            "sites",
            "认定申请表“场所个数”：至少为 1（集中在一处的填 1）".into(),
        ));
    }

    // Choices.
    let choice = |out: &mut ApplicationCheck,
                  key: &'static str,
                  label: &str,
                  value: &str,
                  options: &[(&'static str, &'static str)]| {
        let v = value.trim();
        if !v.is_empty() && label_of(options, v).is_none() {
            let known: Vec<String> = options.iter().map(|(k, l)| format!("{k}（{l}）")).collect();
            out.errors.push(at(
                key,
                format!(
                    "认定申请表“{label}”：未知的选项“{}”（可选 {}）",
                    shorten(v, 24),
                    known.join("、")
                ),
            ));
        }
    };
    for f in APP_FIELDS {
        if let AppFieldKind::Choice(options) = f.kind {
            choice(
                &mut out,
                f.key,
                f.short,
                app.text(f.key).unwrap_or(""),
                options,
            );
        }
    }
    let nature = app.nature.trim();
    if !nature.is_empty() && label_of(&NATURES, nature).is_some() && nature != draft.rubric {
        out.warnings.push(at(
            "nature",
            format!(
                "认定申请表“平台性质”为{}，与评分表类型（{}）不一致",
                label_of(&NATURES, nature).unwrap_or(nature),
                label_of(&NATURES, &draft.rubric).unwrap_or(&draft.rubric)
            ),
        ));
    }

    // Services.
    let mut seen: Vec<&str> = Vec::new();
    for s in &app.services {
        if label_of(&SERVICES, s).is_none() {
            let known: Vec<String> = SERVICES
                .iter()
                .map(|(k, l)| format!("{k}（{l}）"))
                .collect();
            out.errors.push(at(
                "services",
                format!(
                    "认定申请表“可提供的服务”：未知的服务“{}”（可选 {}）",
                    shorten(s, 24),
                    known.join("、")
                ),
            ));
        } else if seen.contains(&s.as_str()) {
            out.warnings.push(at(
                "services",
                format!(
                    "认定申请表“可提供的服务”：“{}”重复勾选",
                    label_of(&SERVICES, s).unwrap_or(s)
                ),
            ));
        } else {
            seen.push(s);
        }
    }
    let other_ticked = app.services.iter().any(|s| s == "other");
    let other_text = !app.other_services.trim().is_empty();
    if other_ticked && !other_text {
        out.warnings.push(at(
            "other_services",
            "认定申请表“其他服务”：已勾选，请写明具体服务内容".into(),
        ));
    }
    if !other_ticked && other_text {
        out.warnings.push(at(
            "other_services",
            "认定申请表“其他服务”：填写了内容但未勾选“其他服务”".into(),
        ));
    }

    // Phone and date: plausibility only.
    let phone = app.phone.trim();
    if !phone.is_empty() && !plausible_phone(phone) {
        out.warnings.push(at(
            "phone",
            format!(
                "认定申请表“联系电话”：“{}”不像电话号码（应为 7–20 个字符的数字，可含“-”和空格）",
                shorten(phone, 24)
            ),
        ));
    }
    let date = app.date.trim();
    if !date.is_empty() && parse_date(date).is_none() {
        out.warnings.push(at(
            "date",
            format!(
                "认定申请表“填报日期”：“{}”不是有效日期（可写 2025-03-24 或 2025年3月24日）",
                shorten(date, 24)
            ),
        ));
    }

    // Consistency with the certification inputs.
    if let (Some(a), Some(c)) = (
        area,
        draft
            .certification
            .raw("area_sqm")
            .and_then(|v| read_number(v, CertKind::Amount).ok()),
    ) {
        if a != c {
            out.warnings.push(at(
                "area_sqm",
                format!(
                    "认定申请表“场所面积”（{} 平方米）与认定条件的平台建筑面积（{} 平方米）不一致",
                    fmt_grouped(a),
                    fmt_grouped(c)
                ),
            ));
        }
    }

    // Completeness.
    // Completeness: a field with a fallback is blank only when the fallback is too.
    let mut required: Vec<(&'static str, bool)> = APP_FIELDS
        .iter()
        .map(|f| {
            let blank = app.is_blank_at(f.key)
                && match f.fallback {
                    AppFallback::PlatformName => draft.platform.name.trim().is_empty(),
                    AppFallback::Rubric => label_of(&NATURES, &draft.rubric).is_none(),
                    AppFallback::None | AppFallback::Certification(_) => true,
                };
            (f.short, blank)
        })
        .collect();
    required.push(("可提供的服务", app.services.is_empty()));
    out.missing = required
        .iter()
        .filter(|(_, blank)| *blank)
        .map(|(l, _)| *l)
        .collect();

    // Art. 14 (一) materials.
    for (id, entry) in &app.materials {
        if material(id).is_none() {
            let known: Vec<String> = MATERIALS
                .iter()
                .map(|m| format!("{}（{}）", m.id, m.short))
                .collect();
            out.errors.push(DraftError::at(
                FieldPath::top("application.materials"),
                format!(
                    "申报材料：未知的材料“{}”（可选 {}）",
                    shorten(id, 24),
                    known.join("、")
                ),
            ));
        } else if !is_blank(&entry.pages) && read_number(&entry.pages, CertKind::Count).is_err() {
            let msg = read_number(&entry.pages, CertKind::Count)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            out.errors.push(DraftError::at(
                FieldPath::top(&format!("application.materials.{id}.pages")),
                format!(
                    "申报材料“{}”页数：{msg}",
                    material(id).map(|m| m.short).unwrap_or("")
                ),
            ));
        }
    }
    out.materials = MATERIALS
        .iter()
        .map(|m| {
            let entry = app.materials.get(m.id);
            MaterialRow {
                id: m.id,
                number: m.number,
                text: m.text,
                short: m.short,
                ready: entry.is_some_and(|e| e.ready),
                pages: entry
                    .and_then(|e| read_number(&e.pages, CertKind::Count).ok())
                    .and_then(|d| u32::try_from(d).ok()),
            }
        })
        .collect();

    // Art. 14 (三) 公示.
    out.publicity = publicity(&app.publicity, &mut out.errors);
    out
}

/// Art. 14 (三) 公示: both dates valid, the end not before the start, at least
/// [`PUBLICITY_MIN_DAYS`] calendar days (the working days shown beside).
fn publicity(p: &Publicity, errors: &mut Vec<DraftError>) -> Option<PublicityCheck> {
    if p.is_empty() {
        return None;
    }
    let mut date = |raw: &str, key: &str, label: &str| -> Option<Date> {
        if raw.trim().is_empty() {
            return None;
        }
        let d = Date::parse(raw);
        if d.is_none() {
            errors.push(DraftError::at(
                FieldPath::top(&format!("application.publicity.{key}")),
                format!(
                    "公示{label}：“{}”不是 YYYY-MM-DD 格式的日期",
                    shorten(raw.trim(), 24)
                ),
            ));
        }
        d
    };
    let start = date(&p.start, "start", "开始日期");
    let end = date(&p.end, "end", "结束日期");
    let (working, calendar) = match (start, end) {
        (Some(s), Some(e)) if e < s => {
            errors.push(DraftError::at(
                FieldPath::top("application.publicity.end"),
                format!("公示结束日期 {e} 早于开始日期 {s}"),
            ));
            (None, None)
        }
        (Some(s), Some(e)) => (Some(working_days(s, e)), u32::try_from(s.until(e) + 1).ok()),
        _ => (None, None),
    };
    let met = calendar.is_some_and(|n| n >= PUBLICITY_MIN_DAYS);
    let met_working = working.is_some_and(|n| n >= PUBLICITY_MIN_DAYS);
    let text = match (start, end, working, calendar) {
        (Some(s), Some(e), Some(w), Some(c)) => format!(
            "公示 {} 至 {}：共 {c} 天（自然日），其中工作日 {w} 天（星期一至星期五，未扣除法定节假日，供参考）；{}",
            s.zh(),
            e.zh(),
            match (met, met_working) {
                (true, true) => "满足“公示不少于5天”（第十四条（三））".to_string(),
                (true, false) => format!(
                    "按自然日满足“公示不少于5天”（第十四条（三））；按工作日计不足 {PUBLICITY_MIN_DAYS} 天（更严的解读，如按工作日掌握请延长公示）"
                ),
                _ => format!(
                    "不足 {PUBLICITY_MIN_DAYS} 天，不满足“公示不少于5天”（第十四条（三））"
                ),
            }
        ),
        _ => "公示：开始和结束日期须都填写（YYYY-MM-DD）".to_string(),
    };
    Some(PublicityCheck {
        start,
        end,
        working_days: working,
        calendar_days: calendar,
        met,
        met_working,
        text,
    })
}

/// 7–20 characters of ASCII digits, "-" and spaces (an optional leading "+"), with at
/// least 7 digits.
pub fn plausible_phone(phone: &str) -> bool {
    let p = phone.trim();
    let n = p.chars().count();
    if !(7..=20).contains(&n) {
        return false;
    }
    let body = p.strip_prefix('+').unwrap_or(p);
    body.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && body.chars().filter(char::is_ascii_digit).count() >= 7
}

/// Reads 2025-03-24, 2025/3/24, 2025.3.24 or 2025年3月24日 into (year, month, day).
pub fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let t = text.trim();
    let t = t.strip_suffix('日').unwrap_or(t);
    let normalized: String = t
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '－' => '-',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = normalized.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(plausible_phone("023-88888888"));
        assert!(plausible_phone("138 0000 0000"));
        assert!(plausible_phone("+86 23 6386 1234"));
        assert!(!plausible_phone("123456"));
        assert!(!plausible_phone("call me maybe"));
        assert!(!plausible_phone("1234567890123456789012"));
        assert!(!plausible_phone("--------"));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2025-03-24"), Some((2025, 3, 24)));
        assert_eq!(parse_date("2025年3月24日"), Some((2025, 3, 24)));
        assert_eq!(parse_date("2025/2/29"), None);
        assert_eq!(parse_date("2024.2.29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("明天"), None);
        assert_eq!(parse_date("2025-13-01"), None);
    }

    #[test]
    fn every_field_of_the_table_is_a_member_of_the_record() {
        for f in APP_FIELDS {
            let mut app = Application::default();
            assert!(app.is_blank_at(f.key), "{}", f.key);
            let set = match f.kind {
                AppFieldKind::Count | AppFieldKind::Amount => {
                    app.set_number(f.key, Value::String("12".into()))
                }
                _ => app.set_text(f.key, "x".into()),
            };
            assert!(set, "{}", f.key);
            assert!(!app.is_blank_at(f.key), "{}", f.key);
            assert_eq!(app_field(f.key), Some(f));
        }
        assert!(!Application::default().set_text("nope", "x".into()));
    }

    #[test]
    fn an_empty_form_lists_its_blank_fields_in_the_form_order() {
        let draft = Draft::new("talent-market");
        let check = check_application(&draft);
        assert_eq!(
            check.missing,
            vec![
                "申报单位",
                "填报日期",
                "平台名称",
                "平台地址",
                "载体性质",
                "负责人（联系人）",
                "联系电话",
                "场所面积",
                "场所个数",
                "建设方式",
                "投入资金",
                "运营方式",
                "运营团队人数",
                "可提供的服务",
            ]
        );
        // A bad number and a bad choice: the message names the field by its short label.
        let mut draft = draft;
        draft
            .application
            .set_number("team_size", Value::String("3.5".into()));
        draft.application.set_text("carrier", "air".into());
        let check = check_application(&draft);
        let messages: Vec<&str> = check.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "认定申请表“运营团队人数”：须为整数（填写的是 3.5）",
                "认定申请表“载体性质”：未知的选项“air”（可选 offline（线下）、online_offline（线上+线下））",
            ]
        );
    }
}
