//! The draft: one platform's facts for one rubric, as saved, exported and shared.
//!
//! The format is JSON (see README "Draft format"). Inputs keep what the user typed
//! (a JSON number, or a string such as "1,000" or "１２３"), so that a bad value is never
//! lost: [`check`] reads every field, records a Chinese message naming the indicator and
//! field for each bad one, and treats the bad field as blank. A strict reader (the `cqhr`
//! command, imports) refuses a draft whose check found any problem.
//!
//! Over 600 lines: the draft type, its migrations and the check of its inputs; the
//! records, shape and bounds are rooms of their own.

pub mod application;
pub mod bounds;
pub mod certification;
pub mod error;
pub mod keep;
pub mod previous;
pub mod report;
pub mod review;
mod shape;

pub use super::number::is_blank;
pub use application::Application;
pub use certification::Certification;
pub use error::{DraftError, DraftErrorKind, FieldPath};

use super::edition;
use super::filing;
use super::number::read_quantity_in;
use super::rubric::{self, Field, FieldKind, Indicator, Level, Rubric, Term};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
pub use shape::install_locator;
use shape::{check_shape, json_error_zh, structure_error};
use std::collections::BTreeMap;

/// The draft format written by this version. Older formats are migrated on load.
pub const FORMAT_VERSION: u32 = 3;

/// A draft as stored. Members this version does not know are kept, at every level, and
/// written back as they were (`keep`), so that an older app neither refuses nor erases a
/// newer one's additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default = "current_format")]
    pub format: u32,
    pub rubric: String,
    /// The edition the draft is scored under; blank means the rubric's newest.
    #[serde(default)]
    pub edition: String,
    /// The short code of the edition's fingerprint (issue 13, `edition::short`): recorded
    /// for an imported edition and after a move, so that two different files both called
    /// "2026" are never confused. Blank: the bundled edition of that name.
    #[serde(
        default,
        deserialize_with = "lenient_text",
        skip_serializing_if = "String::is_empty"
    )]
    pub edition_fingerprint: String,
    #[serde(default)]
    pub level: Level,
    #[serde(default)]
    pub platform: Platform,
    /// 选其一: pair id ("2.1/2.2") → the member that counts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, String>,
    /// indicator id → field key → value as typed (number, string, array or null).
    #[serde(default)]
    pub inputs: BTreeMap<String, BTreeMap<String, Value>>,
    /// indicator id → the user's note (evidence, remarks), printed in the 得分表.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    /// 认定条件 inputs (Arts. 10–13); omitted while empty. See `eligibility`.
    #[serde(default, skip_serializing_if = "Certification::omit")]
    pub certification: Certification,
    /// 附表1 认定申请表; omitted while empty. See `application`.
    #[serde(default, skip_serializing_if = "Application::omit")]
    pub application: Application,
    /// Last year's grade for Art. 32: "" / "excellent" / "pass" / "fail". See `grade`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub previous_grade: String,
    /// 文字报告 paragraphs the user rewrote (issue 12); omitted while none. See `text_report`.
    #[serde(default, skip_serializing_if = "report::ReportEdits::omit")]
    pub report: report::ReportEdits,
    /// 佐证材料 the platform attaches (issue 12); omitted while none. See `evidence`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<report::EvidenceItem>,
    /// Art. 30 review layers (初审, 评审), district before city; omitted while empty.
    /// See `review`. Format 2; their SM2 signatures format 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<review::ReviewLayer>,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// JSON text → a value, or the syntax error in Chinese with its line and column.
fn parse_json(text: &str) -> Result<Value, DraftError> {
    serde_json::from_str(text).map_err(|e| {
        DraftError::general(
            DraftErrorKind::Syntax,
            format!(
                "不是有效的 JSON 草稿（第 {} 行第 {} 列）：{}",
                e.line(),
                e.column(),
                json_error_zh(&e)
            ),
        )
    })
}

fn current_format() -> u32 {
    FORMAT_VERSION
}

/// The platform's details, shown on the 得分表.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Platform {
    #[serde(default)]
    pub name: String,
    /// 所在区县, e.g. 渝北区.
    #[serde(default)]
    pub district: String,
    /// 评估年度: 4 ASCII digits once normalised ([`filing::normalise_year`], on load and
    /// at the field); what was typed is kept when it cannot be ([`Draft::year_problem`]).
    #[serde(default, deserialize_with = "lenient_text")]
    pub year: String,
    /// 填表日期 ("YYYY-MM-DD"), kept in the draft and printed on the 得分表 (issue 15);
    /// omitted while blank. A bad date is reported by [`check`] and kept as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fill_date: String,
    /// Art. 16: a sub-platform (分平台) set up in a district by a national or city
    /// platform, treated as district level in the ranking. Omitted while false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub branch: bool,
    /// Members this version does not know (a newer app's), kept and written back as they
    /// were (issue 22; see `draft::keep`).
    #[serde(flatten, skip_deserializing)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Accepts a string or a number (a hand-written draft may say `"year": 2025`).
fn lenient_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    })
}

impl Draft {
    /// A blank draft for a rubric's newest edition.
    pub fn new(rubric_id: &str) -> Draft {
        let edition = rubric::latest(rubric_id)
            .map(|r| r.edition.clone())
            .unwrap_or_default();
        Draft {
            format: FORMAT_VERSION,
            rubric: rubric_id.to_string(),
            edition,
            edition_fingerprint: String::new(),
            level: Level::City,
            platform: Platform::default(),
            choices: BTreeMap::new(),
            inputs: BTreeMap::new(),
            notes: BTreeMap::new(),
            certification: Certification::default(),
            application: Application::default(),
            previous_grade: String::new(),
            report: Default::default(),
            evidence: Vec::new(),
            reviews: Vec::new(),
            extra: Default::default(),
        }
    }

    /// A blank draft for a given edition of a rubric (bundled or imported), recording
    /// the edition's fingerprint.
    pub fn for_rubric(r: &'static Rubric) -> Draft {
        let mut d = Draft::new(&r.id);
        d.edition = r.edition.clone();
        d.edition_fingerprint = edition::short_of(r);
        d
    }

    /// Reads a draft from JSON text, migrating older formats. Only structural problems
    /// fail here; field values are checked by [`check`].
    pub fn from_json(text: &str) -> Result<Draft, DraftError> {
        Draft::from_value(parse_json(text)?)
    }

    /// As [`Draft::from_json`], but a draft of a newer format than this version knows is
    /// read too, as far as this version understands it, keeping its `format` and every
    /// member it does not know: the app opens it read-only ([`Draft::newer`]) and never
    /// writes it (issue 22). The strict readers (`cqhr`, the importer) use `from_json`.
    pub fn open_json(text: &str) -> Result<Draft, DraftError> {
        Draft::read(parse_json(text)?, true)
    }

    /// As [`Draft::from_json`], from an already parsed value.
    pub fn from_value(value: Value) -> Result<Draft, DraftError> {
        Draft::read(value, false)
    }

    /// The format of a draft made by a newer version than this one (`None` for this
    /// version's format and older ones, which are migrated on load).
    pub fn newer(&self) -> Option<u32> {
        (self.format > FORMAT_VERSION).then_some(self.format)
    }

    /// What the app says over a draft of a newer format (opened read-only, never saved).
    pub fn newer_message_zh(format: u32) -> String {
        format!(
            "此草稿由较新版本创建（草稿格式 {format}，本页面的版本只认识 1 至 {FORMAT_VERSION}）：只能查看，不能修改，也不会被本页面保存，以免丢失新版本写入的内容。请刷新页面以使用新版本。"
        )
    }

    fn read(mut value: Value, newer_ok: bool) -> Result<Draft, DraftError> {
        let Some(obj) = value.as_object_mut() else {
            return Err(DraftError::general(
                DraftErrorKind::Shape,
                "草稿必须是一个 JSON 对象（{…}）",
            ));
        };
        let format = match obj.get("format") {
            None => FORMAT_VERSION,
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    DraftError::new(
                        DraftErrorKind::Format,
                        FieldPath::top("format"),
                        format!("草稿格式版本无效：{}", shape::describe(v)),
                    )
                })?,
        };
        if format == 0 || (format > FORMAT_VERSION && !newer_ok) {
            return Err(DraftError::new(
                DraftErrorKind::Format,
                FieldPath::top("format"),
                if format == 0 {
                    format!("草稿格式版本 0 不受支持（本工具支持 1 至 {FORMAT_VERSION}）")
                } else {
                    format!("此草稿由较新版本创建（草稿格式 {format}，本工具支持 1 至 {FORMAT_VERSION}），请升级本工具后再打开")
                },
            ));
        }
        // The bounds (issue 22), before anything reads the lists.
        bounds::check_bounds(obj)?;
        // Control and bidi characters out of every text (issue 22, `domain::text`).
        crate::domain::text::clean_value(&mut value);
        let Some(obj) = value.as_object_mut() else {
            return Err(DraftError::general(
                DraftErrorKind::Shape,
                "草稿必须是一个 JSON 对象（{…}）",
            ));
        };
        // Migrations from older formats, one step per version.
        if format < 2 {
            // 1 → 2: format 1 had no review layers; a `reviews` key there was an unknown
            // key (ignored), so it stays ignored. Every other member is unchanged.
            obj.remove("reviews");
        }
        if format < 3 {
            // 2 → 3: a layer may carry an SM2 `signature` and its `fingerprint` is SM3 (64
            // hex digits). A format-2 layer keeps its FNV-1a `fingerprint` (16 digits) as
            // it was: it reads as 未签名（旧格式）, never as signed; a `signature` member
            // there was not format 2's and is dropped, so it cannot pass as one.
            if let Some(Value::Array(layers)) = obj.get_mut("reviews") {
                for l in layers.iter_mut().filter_map(Value::as_object_mut) {
                    l.remove("signature");
                }
            }
        }
        // A newer format keeps its number: the draft is then never written by this version.
        obj.insert("format".into(), Value::from(format.max(FORMAT_VERSION)));
        match obj.get("rubric") {
            Some(Value::String(_)) => {}
            Some(other) => {
                return Err(DraftError::new(
                    DraftErrorKind::Rubric,
                    FieldPath::top("rubric"),
                    format!("评分表类型须为文字，而不是 {other}"),
                ))
            }
            None => {
                return Err(DraftError::new(
                    DraftErrorKind::Rubric,
                    FieldPath::top("rubric"),
                    "草稿缺少评分表类型（综合性、专业性行业性产业园或人才市场）",
                ))
            }
        }
        if let Some(level) = obj.get("level") {
            let ok = level.as_str().and_then(Level::from_key).is_some();
            if !ok {
                return Err(DraftError::new(
                    DraftErrorKind::InvalidValue,
                    FieldPath::top("level"),
                    format!(
                        "未知的评估层级“{}”（可选 市级、国家级、区县级）",
                        level
                            .as_str()
                            .map_or_else(|| level.to_string(), str::to_string)
                    ),
                ));
            }
        }
        check_shape(obj)?;
        // Members this version does not know are taken out and handed back after the
        // typed read, at every level (`keep`).
        let unknown = keep::take_unknown(obj);
        // A plain `Deserialize` from the value; only a failure reads it again to name the
        // place (`domain::locate`: a chunk in the web app, issue 25).
        let mut draft = Draft::deserialize(&value).map_err(|e| structure_error(&value, &e))?;
        keep::put_back(&mut draft, unknown);
        // Issue 15: "2025年", "２０２５", " 2025 " load as "2025"; a year that is not one
        // stays as typed (flagged by `year_problem`).
        if let Ok(year) = filing::normalise_year(&draft.platform.year) {
            draft.platform.year = year;
        }
        Ok(draft)
    }

    /// The 评估年度 when it is not a year (a Chinese message at `platform.year`), else
    /// `None` (a blank year is not a problem here: it is 未填).
    pub fn year_problem(&self) -> Option<DraftError> {
        filing::normalise_year(&self.platform.year).err().map(|e| {
            DraftError::new(
                DraftErrorKind::InvalidValue,
                FieldPath::top("platform.year"),
                e.message,
            )
        })
    }

    /// Removes control and bidi characters from every text of the draft, as reading a draft
    /// does (`domain::text`); returns whether anything changed. The app runs it on what was
    /// typed before saving (issue 22).
    pub fn clean_text(&mut self) -> bool {
        // Through the text, not `serde_json::to_value`: that re-reads an exact number
        // (arbitrary_precision) and writes 1e400 back as 1e+400.
        let Ok(mut v) = serde_json::from_str::<Value>(&self.to_json()) else {
            return false;
        };
        if !crate::domain::text::clean_value(&mut v) {
            return false;
        }
        match Draft::read(v, true) {
            Ok(d) => {
                *self = d;
                true
            }
            Err(_) => false,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A draft the app can open and keep: its rubric type is known. Its edition may be
    /// missing (an edition this browser or run does not hold, issue 13): it then opens,
    /// scores nothing, and [`Draft::rubric`] says which edition and fingerprint it needs.
    pub fn readable(self) -> Result<Draft, DraftError> {
        match self.rubric() {
            Ok(_) => Ok(self),
            Err(_) if !self.edition.is_empty() && rubric::latest(&self.rubric).is_some() => {
                Ok(self)
            }
            Err(e) => Err(e),
        }
    }

    /// The rubric this draft is scored under: its own edition, never silently a newer one.
    pub fn rubric(&self) -> Result<&'static Rubric, DraftError> {
        if rubric::latest(&self.rubric).is_none() {
            return Err(DraftError::new(DraftErrorKind::Rubric, FieldPath::top("rubric"),
                format!(
                    "未知的评分表类型“{}”（可选 综合性人力资源服务产业园、专业性行业性人力资源服务产业园、专业性行业性人力资源（人才）市场）",
                    self.rubric
                ),
            ));
        }
        if self.edition.is_empty() {
            return rubric::latest(&self.rubric)
                .ok_or_else(|| DraftError::general(DraftErrorKind::Rubric, "评分表缺失"));
        }
        // Bundled first, then imported editions; a recorded fingerprint must match.
        edition::resolve(&self.rubric, &self.edition, &self.edition_fingerprint).map_err(|m| {
            DraftError::new(DraftErrorKind::Rubric, FieldPath::top(m.member), m.message)
        })
    }

    /// The raw value of one field, if present and not blank.
    pub fn raw(&self, indicator: &str, field: &str) -> Option<&Value> {
        self.inputs
            .get(indicator)
            .and_then(|m| m.get(field))
            .filter(|v| !is_blank(v))
    }

    /// Sets (or with `None`, clears) one field's raw value.
    pub fn set_raw(&mut self, indicator: &str, field: &str, value: Option<Value>) {
        let value = value.filter(|v| !is_blank(v));
        review::set_input(&mut self.inputs, indicator, field, value)
    }
}

/// One field's value, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Number(Decimal),
    Tier(String),
    Set(Vec<String>),
}

/// A draft read against its rubric: valid values by indicator and field, the choices
/// that are valid, and every problem found (bad fields are left out, i.e. blank).
#[derive(Debug, Clone)]
pub struct Checked {
    pub rubric: &'static Rubric,
    pub level: Level,
    pub values: BTreeMap<String, BTreeMap<String, Parsed>>,
    pub choices: BTreeMap<String, String>,
    pub errors: Vec<DraftError>,
}

impl Checked {
    pub fn number(&self, indicator: &str, field: &str) -> Option<Decimal> {
        match self.values.get(indicator)?.get(field)? {
            Parsed::Number(d) => Some(*d),
            _ => None,
        }
    }
}

fn field_name(ind: &Indicator, key: &str) -> String {
    match ind.fields.iter().find(|f| f.key == key) {
        Some(f) => f.label.clone(),
        None => format!("“{key}”"),
    }
}

/// Reads a draft against its rubric. Fails only when there is no rubric to read it
/// against; every other problem is collected in [`Checked::errors`].
pub fn check(draft: &Draft) -> Result<Checked, DraftError> {
    check_against(draft, draft.rubric()?)
}

/// Reads a draft against a given rubric (its own edition, as [`check`] finds it, or one
/// under review that is not bundled yet).
pub fn check_against(draft: &Draft, rubric: &'static Rubric) -> Result<Checked, DraftError> {
    let mut errors = Vec::new();
    let mut values: BTreeMap<String, BTreeMap<String, Parsed>> = BTreeMap::new();

    for (ind_id, fields) in &draft.inputs {
        let Some(ind) = rubric.indicator(ind_id) else {
            errors.push(DraftError::new(
                DraftErrorKind::UnknownIndicator,
                FieldPath::input(ind_id, ""),
                format!(
                    "未知的指标“{ind_id}”：{}（{}版）没有这一项",
                    rubric.short_name, rubric.edition
                ),
            ));
            continue;
        };
        let mut parsed: BTreeMap<String, Parsed> = BTreeMap::new();
        // The messages' "指标 1.2 …" prefix is only built for a field that has a problem:
        // a rescore runs on every keystroke.
        let here = || format!("指标 {} {}", ind.id, ind.name);
        for (key, raw) in fields {
            let Some(field) = ind.fields.iter().find(|f| &f.key == key) else {
                let known: Vec<&str> = ind.fields.iter().map(|f| f.label.as_str()).collect();
                errors.push(DraftError::new(
                    DraftErrorKind::UnknownField,
                    FieldPath::input(ind_id, key),
                    format!("{}：未知的字段“{key}”（可填 {}）", here(), known.join("、")),
                ));
                continue;
            };
            if is_blank(raw) {
                continue;
            }
            match read_field(ind, field, key, raw) {
                Ok(v) => {
                    parsed.insert(key.clone(), v);
                }
                Err(msg) => errors.push(DraftError::new(
                    DraftErrorKind::InvalidValue,
                    FieldPath::input(ind_id, key),
                    format!("{}，{}：{msg}", here(), field_name(ind, key)),
                )),
            }
        }
        // "Of which" fields may not exceed their whole (above_scale ≤ firms, titled ≤ staff).
        for field in &ind.fields {
            let (Some(parent), Some(Parsed::Number(part))) =
                (&field.part_of, parsed.get(&field.key))
            else {
                continue;
            };
            let whole = match parsed.get(parent) {
                Some(Parsed::Number(w)) => Some(*w),
                _ => None,
            };
            if whole.is_none_or(|w| *part > w) {
                let whole_text = whole
                    .map(super::number::fmt_decimal)
                    .unwrap_or_else(|| "未填".into());
                errors.push(DraftError::new(
                    DraftErrorKind::Inconsistent,
                    FieldPath::input(ind_id, &field.key),
                    format!(
                        "指标 {} {}，{}：{} 不能大于{}（{}）",
                        ind.id,
                        ind.name,
                        field_name(ind, &field.key),
                        super::number::fmt_decimal(*part),
                        ind.fields
                            .iter()
                            .find(|f| &f.key == parent)
                            .map(|f| f.label.as_str())
                            .unwrap_or(parent),
                        whole_text
                    ),
                ));
                parsed.remove(&field.key);
            }
        }
        if !parsed.is_empty() {
            values.insert(ind_id.clone(), parsed);
        }
    }

    let fill_date = draft.platform.fill_date.trim();
    if !fill_date.is_empty() && !crate::domain::date::is_date(fill_date) {
        errors.push(DraftError::new(
            DraftErrorKind::InvalidValue,
            FieldPath::top("platform.fill_date"),
            format!(
                "填表日期须为有效日期，如 2026-03-01（填写的是“{}”）",
                super::number::shorten(fill_date, 24)
            ),
        ));
    }

    let mut choices = BTreeMap::new();
    for (pair_id, chosen) in &draft.choices {
        match rubric.pairs.iter().find(|p| &p.id == pair_id) {
            None => errors.push(DraftError::new(
                DraftErrorKind::Choice,
                FieldPath::top("choices"),
                format!(
                    "“选其一”选择：未知的组“{pair_id}”，{}没有这一组",
                    rubric.short_name
                ),
            )),
            Some(pair) if chosen.is_empty() => {
                let _ = pair;
            }
            Some(pair) if !pair.members.contains(chosen) => errors.push(DraftError::new(
                DraftErrorKind::Choice,
                FieldPath::top("choices"),
                format!(
                    "“选其一”选择：组 {pair_id} 只能选择 {}，不能选“{chosen}”",
                    pair.members.join(" 或 ")
                ),
            )),
            Some(_) => {
                choices.insert(pair_id.clone(), chosen.clone());
            }
        }
    }

    for ind_id in draft.notes.keys() {
        if rubric.indicator(ind_id).is_none() {
            errors.push(DraftError::new(
                DraftErrorKind::UnknownIndicator,
                FieldPath::entry("notes", ind_id),
                format!("备注所属的指标“{ind_id}”不存在"),
            ));
        }
    }

    Ok(Checked {
        rubric,
        level: draft.level,
        values,
        choices,
        errors,
    })
}

/// Reads one non-blank raw value for a field of the given kind. The message is the part
/// after the field's name.
/// A quantity may carry its unit ("4.5亿" in a 万元 field): the unit is the field's, from
/// the rubric ([`read_quantity_in`]).
/// The `String` stays inside this module: `check` makes it a `DraftError` with its place
/// (issue 24 item 4 types only what crosses a module boundary).
fn read_field(ind: &Indicator, field: &Field, key: &str, raw: &Value) -> Result<Parsed, String> {
    let kind = field.kind;
    match kind {
        FieldKind::Count | FieldKind::Amount | FieldKind::Score => {
            let d = read_quantity_in(raw, kind == FieldKind::Count, &field.unit)
                .map_err(|e| e.to_string())?;
            if kind == FieldKind::Score {
                let cap = ind.cap.unwrap_or(Decimal::ZERO);
                if d > cap {
                    return Err(format!(
                        "综合评定分须在 0 至 {} 分之间（填写的是 {}）",
                        super::number::fmt_decimal(cap),
                        super::number::fmt_decimal(d)
                    ));
                }
            }
            Ok(Parsed::Number(d))
        }
        FieldKind::Tier => {
            let tiers = ind.terms.iter().find_map(|t| match t {
                Term::Tier { field, tiers } if field == key => Some(tiers),
                _ => None,
            });
            // The list of choices is only written out for a message.
            let known = || -> String {
                let known: Vec<String> = tiers
                    .map(|ts| ts.iter().map(|t| t.label.clone()).collect())
                    .unwrap_or_default();
                known.join("、")
            };
            match raw {
                Value::String(s) if tiers.is_some_and(|ts| ts.iter().any(|t| &t.key == s)) => {
                    Ok(Parsed::Tier(s.clone()))
                }
                other => Err(format!(
                    "未知的档次“{}”（可选 {}）",
                    other
                        .as_str()
                        .map_or_else(|| other.to_string(), str::to_string),
                    known()
                )),
            }
        }
        FieldKind::Set => {
            let options = ind.terms.iter().find_map(|t| match t {
                Term::EachOf { field, options, .. } if field == key => Some(options),
                _ => None,
            });
            let options = options.map(|o| o.as_slice()).unwrap_or(&[]);
            // The list of choices is only written out for a message.
            let known = || -> String {
                let known: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
                known.join("、")
            };
            let Value::Array(items) = raw else {
                return Err(format!("须为所设置职能的列表（可选 {}）", known()));
            };
            let mut set: Vec<String> = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(s) if options.iter().any(|o| o.key == s) => {
                        if set.iter().any(|x| x == s) {
                            let label = options.iter().find(|o| o.key == s).map_or(s, |o| &o.label);
                            return Err(format!("职能“{label}”重复"));
                        }
                        set.push(s.to_string());
                    }
                    _ => {
                        return Err(format!(
                            "未知的职能“{}”（可选 {}）",
                            item.as_str()
                                .map_or_else(|| item.to_string(), str::to_string),
                            known()
                        ))
                    }
                }
            }
            Ok(Parsed::Set(set))
        }
    }
}

/// The structural reader's refusals (moved here from the integration tests: they test
/// `Draft::from_value` only).
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CP: &str = "comprehensive-park";

    fn rejection(v: Value) -> Vec<DraftError> {
        match Draft::from_value(v.clone()) {
            Err(e) => vec![e],
            Ok(d) => check(&d).map(|c| c.errors).unwrap_or_else(|e| vec![e]),
        }
    }

    fn draft(v: Value) -> Draft {
        Draft::from_value(v).unwrap()
    }

    #[test]
    fn future_format_version() {
        let errors = rejection(json!({"format": 99, "rubric": CP}));
        assert_eq!(errors[0].field().as_deref(), Some("format"));
        assert!(errors[0].message.contains("99"), "{}", errors[0].message);
        for bad in [json!(0), json!("1"), json!(-1), json!(1.5)] {
            let errors = rejection(json!({"format": bad, "rubric": CP}));
            assert_eq!(errors[0].field().as_deref(), Some("format"), "format {bad}");
        }
        // The current format is 3; formats 1 and 2 migrate to it, and a draft without one
        // is read as 3.
        assert_eq!(draft(json!({"format": 1, "rubric": CP})).format, 3);
        assert_eq!(draft(json!({"format": 2, "rubric": CP})).format, 3);
        assert_eq!(draft(json!({"format": 3, "rubric": CP})).format, 3);
        assert_eq!(draft(json!({"rubric": CP})).format, 3);
    }

    #[test]
    fn unknown_level() {
        for bad in [json!("province"), json!("City"), json!(1), json!(null)] {
            let errors = rejection(json!({"rubric": CP, "level": bad}));
            assert_eq!(errors[0].field().as_deref(), Some("level"), "level {bad}");
            assert!(
                errors[0].message.contains("评估层级"),
                "{}",
                errors[0].message
            );
        }
    }

    #[test]
    fn errors_have_a_kind_and_a_path() {
        let errors = rejection(json!({"format": 99, "rubric": CP}));
        assert_eq!(errors[0].kind, DraftErrorKind::Format);
        assert_eq!(errors[0].path, FieldPath::top("format"));
        let d =
            draft(json!({"rubric": CP, "inputs": {"1.1": {"firms": -1, "nope": 1}, "9.9": {}}}));
        let kinds: Vec<DraftErrorKind> = check(&d).unwrap().errors.iter().map(|e| e.kind).collect();
        assert!(kinds.contains(&DraftErrorKind::InvalidValue), "{kinds:?}");
        assert!(kinds.contains(&DraftErrorKind::UnknownField), "{kinds:?}");
        assert!(
            kinds.contains(&DraftErrorKind::UnknownIndicator),
            "{kinds:?}"
        );
    }
}
