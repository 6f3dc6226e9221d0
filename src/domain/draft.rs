//! The draft: one platform's facts for one rubric, as saved, exported and shared.
//!
//! The format is JSON (see README "Draft format"). Inputs keep what the user typed
//! (a JSON number, or a string such as "1,000" or "１２３"), so that a bad value is never
//! lost: [`check`] reads every field, records a Chinese message naming the indicator and
//! field for each bad one, and treats the bad field as blank. A strict reader (the `cqhr`
//! command, imports) refuses a draft whose check found any problem.

use super::application::Application;
use super::eligibility::Certification;
use super::number::read_quantity;
use super::rubric::{self, FieldKind, Indicator, Level, Rubric, Term};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The draft format written by this version. Older formats are migrated on load.
pub const FORMAT_VERSION: u32 = 2;

/// A draft as stored. Unknown top-level keys are ignored, so that a newer app's
/// additions do not make an older one refuse the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default = "current_format")]
    pub format: u32,
    pub rubric: String,
    /// The edition the draft is scored under; blank means the rubric's newest.
    #[serde(default)]
    pub edition: String,
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
    #[serde(default, skip_serializing_if = "Certification::is_empty")]
    pub certification: Certification,
    /// 附表1 认定申请表; omitted while empty. See `application`.
    #[serde(default, skip_serializing_if = "Application::is_empty")]
    pub application: Application,
    /// Last year's grade for Art. 32: "" / "excellent" / "pass" / "fail". See `grade`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub previous_grade: String,
    /// Art. 30 review layers (初审, 评审), district before city; omitted while empty.
    /// See `review`. Format 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<super::review::ReviewLayer>,
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
    /// 评估年度, as typed (e.g. "2025").
    #[serde(default, deserialize_with = "lenient_text")]
    pub year: String,
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
            level: Level::City,
            platform: Platform::default(),
            choices: BTreeMap::new(),
            inputs: BTreeMap::new(),
            notes: BTreeMap::new(),
            certification: Certification::default(),
            application: Application::default(),
            previous_grade: String::new(),
            reviews: Vec::new(),
        }
    }

    /// Reads a draft from JSON text, migrating older formats. Only structural problems
    /// fail here; field values are checked by [`check`].
    pub fn from_json(text: &str) -> Result<Draft, DraftError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            DraftError::general(format!(
                "不是有效的 JSON 草稿（第 {} 行第 {} 列）：{}",
                e.line(),
                e.column(),
                json_error_zh(&e)
            ))
        })?;
        Draft::from_value(value)
    }

    /// As [`Draft::from_json`], from an already parsed value.
    pub fn from_value(mut value: Value) -> Result<Draft, DraftError> {
        let Some(obj) = value.as_object_mut() else {
            return Err(DraftError::general(
                "草稿必须是一个 JSON 对象（{…}）".into(),
            ));
        };
        let format = match obj.get("format") {
            None => FORMAT_VERSION,
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    DraftError::at_field(None, "format", format!("草稿格式版本（format）无效：{v}"))
                })?,
        };
        if format == 0 || format > FORMAT_VERSION {
            return Err(DraftError::at_field(
                None,
                "format",
                format!("草稿格式版本（format）{format} 不受支持（本工具支持 1 至 {FORMAT_VERSION}），请升级本工具后再打开"),
            ));
        }
        // Migrations from older formats, one step per version.
        if format < 2 {
            // 1 → 2: format 1 had no review layers; a `reviews` key there was an unknown
            // key (ignored), so it stays ignored. Every other member is unchanged.
            obj.remove("reviews");
        }
        obj.insert("format".into(), Value::from(FORMAT_VERSION));
        match obj.get("rubric") {
            Some(Value::String(_)) => {}
            Some(other) => {
                return Err(DraftError::at_field(
                    None,
                    "rubric",
                    format!("评分表类型 rubric 须为文字，而不是 {other}"),
                ))
            }
            None => {
                return Err(DraftError::at_field(
                    None,
                    "rubric",
                    "缺少评分表类型 rubric".into(),
                ))
            }
        }
        if let Some(level) = obj.get("level") {
            let ok = level.as_str().and_then(Level::from_key).is_some();
            if !ok {
                return Err(DraftError::at_field(
                    None,
                    "level",
                    format!("未知的评估层级 level：{level}（可选 city 市级、national 国家级、district 区县级）"),
                ));
            }
        }
        check_shape(obj)?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let member = path.split(['.', '[']).next().unwrap_or("").to_string();
            let message = format!(
                "草稿结构不符：{path} {}",
                serde_message_zh(&e.inner().to_string())
            );
            if member.is_empty() || member == "?" {
                DraftError::general(message)
            } else {
                DraftError::at_field(None, &member, message)
            }
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The rubric this draft is scored under: its own edition, never silently a newer one.
    pub fn rubric(&self) -> Result<&'static Rubric, DraftError> {
        if rubric::latest(&self.rubric).is_none() {
            return Err(DraftError::at_field(
                None,
                "rubric",
                format!(
                    "未知的评分表类型（rubric）“{}”（可选 comprehensive-park、specialized-park、talent-market）",
                    self.rubric
                ),
            ));
        }
        if self.edition.is_empty() {
            return rubric::latest(&self.rubric)
                .ok_or_else(|| DraftError::general("评分表缺失".into()));
        }
        rubric::find(&self.rubric, &self.edition).ok_or_else(|| {
            DraftError::at_field(
                None,
                "edition",
                format!(
                    "评分表版本（edition）“{}”不存在：评分表 {} 没有这一版",
                    self.edition, self.rubric
                ),
            )
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
        match value.filter(|v| !is_blank(v)) {
            Some(v) => {
                self.inputs
                    .entry(indicator.to_string())
                    .or_default()
                    .insert(field.to_string(), v);
            }
            None => {
                if let Some(m) = self.inputs.get_mut(indicator) {
                    m.remove(field);
                    if m.is_empty() {
                        self.inputs.remove(indicator);
                    }
                }
            }
        }
    }
}

/// Checks the types of the top-level members, so that a wrong type is reported with
/// the member (and indicator) it is in rather than as a bare serde message.
fn check_shape(obj: &serde_json::Map<String, Value>) -> Result<(), DraftError> {
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
            return Err(DraftError::at_field(
                None,
                "edition",
                format!(
                    "评分表版本（edition）须为文字，如 \"2025\"，而不是{}",
                    kind(v)
                ),
            ));
        }
    }
    if let Some(v) = obj.get("platform") {
        if !v.is_object() && !v.is_null() {
            return Err(DraftError::at_field(
                None,
                "platform",
                format!("平台信息（platform）须为对象，而不是{}", kind(v)),
            ));
        }
    }
    for (member, label) in [
        ("choices", "“选其一”选择（choices）"),
        ("notes", "备注（notes）"),
    ] {
        match obj.get(member) {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    if !v.is_string() {
                        return Err(DraftError::at_field(
                            Some(k),
                            member,
                            format!("{label}中“{k}”的值须为文字，而不是{}", kind(v)),
                        ));
                    }
                }
            }
            Some(v) => {
                return Err(DraftError::at_field(
                    None,
                    member,
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
                    return Err(DraftError::at_field(
                        Some(k),
                        "inputs",
                        format!(
                            "指标 {k} 的填写内容（inputs）须为对象，如 {{\"firms\": 20}}，而不是{}",
                            kind(v)
                        ),
                    ));
                }
            }
        }
        Some(v) => {
            return Err(DraftError::at_field(
                None,
                "inputs",
                format!("指标填写内容（inputs）须为对象，而不是{}", kind(v)),
            ))
        }
    }
    Ok(())
}

/// serde's type messages in Chinese ("invalid type: string \"yes\", expected a boolean"
/// → 类型不对：应为真假值（true/false），填写的是文字 "yes"); others are kept as they are.
fn serde_message_zh(msg: &str) -> String {
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
        ];
        for (en, zh) in words {
            if let Some(rest) = t.strip_prefix(en) {
                return format!("{zh}{rest}");
            }
        }
        t.to_string()
    };
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!("类型不对：应为{}，填写的是{}", kind(want), kind(got));
        }
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        return format!("未知的取值 {rest}");
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少 {rest}");
    }
    msg.to_string()
}

fn json_error_zh(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "内容不完整（文件被截断？）".into(),
        Category::Syntax => "语法错误".into(),
        Category::Io => "读取失败".into(),
        Category::Data => e.to_string(),
    }
}

/// Blank is not zero: a missing, null or empty-string value is 未填.
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// A problem with a draft. `message` is a complete Chinese sentence that names the
/// indicator and field (when there is one), fit for the form and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftError {
    pub indicator: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl DraftError {
    pub fn general(message: String) -> DraftError {
        DraftError {
            indicator: None,
            field: None,
            message,
        }
    }

    pub fn at_field(indicator: Option<&str>, field: &str, message: String) -> DraftError {
        DraftError {
            indicator: indicator.map(str::to_string),
            field: Some(field.to_string()),
            message,
        }
    }
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DraftError {}

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
        Some(f) => format!("{}（{}）", f.label, f.key),
        None => key.to_string(),
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
            errors.push(DraftError::at_field(
                Some(ind_id),
                "",
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
                let known: Vec<&str> = ind.fields.iter().map(|f| f.key.as_str()).collect();
                errors.push(DraftError::at_field(
                    Some(ind_id),
                    key,
                    format!("{}：未知的字段“{key}”（可填 {}）", here(), known.join("、")),
                ));
                continue;
            };
            if is_blank(raw) {
                continue;
            }
            match read_field(ind, field.kind, key, raw) {
                Ok(v) => {
                    parsed.insert(key.clone(), v);
                }
                Err(msg) => errors.push(DraftError::at_field(
                    Some(ind_id),
                    key,
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
                errors.push(DraftError::at_field(
                    Some(ind_id),
                    &field.key,
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

    let mut choices = BTreeMap::new();
    for (pair_id, chosen) in &draft.choices {
        match rubric.pairs.iter().find(|p| &p.id == pair_id) {
            None => errors.push(DraftError::at_field(
                None,
                "choices",
                format!(
                    "“选其一”选择（choices）：未知的组“{pair_id}”，{}没有这一组",
                    rubric.short_name
                ),
            )),
            Some(pair) if chosen.is_empty() => {
                let _ = pair;
            }
            Some(pair) if !pair.members.contains(chosen) => errors.push(DraftError::at_field(
                None,
                "choices",
                format!(
                    "“选其一”选择（choices）：组 {pair_id} 只能选择 {}，不能选“{chosen}”",
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
            errors.push(DraftError::at_field(
                Some(ind_id),
                "notes",
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
fn read_field(ind: &Indicator, kind: FieldKind, key: &str, raw: &Value) -> Result<Parsed, String> {
    match kind {
        FieldKind::Count | FieldKind::Amount | FieldKind::Score => {
            let d = read_quantity(raw, kind == FieldKind::Count)?;
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
                    .map(|ts| {
                        ts.iter()
                            .map(|t| format!("{}（{}）", t.key, t.label))
                            .collect()
                    })
                    .unwrap_or_default();
                known.join("、")
            };
            match raw {
                Value::String(s) if tiers.is_some_and(|ts| ts.iter().any(|t| &t.key == s)) => {
                    Ok(Parsed::Tier(s.clone()))
                }
                other => Err(format!("未知的档次 {other}（可选 {}）", known())),
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
                let known: Vec<String> = options
                    .iter()
                    .map(|o| format!("{}（{}）", o.key, o.label))
                    .collect();
                known.join("、")
            };
            let Value::Array(items) = raw else {
                return Err(format!(
                    "须为所设置职能的列表，如 [\"recruitment\", \"training\"]（可选 {}）",
                    known()
                ));
            };
            let mut set: Vec<String> = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(s) if options.iter().any(|o| o.key == s) => {
                        if set.iter().any(|x| x == s) {
                            return Err(format!("职能“{s}”重复"));
                        }
                        set.push(s.to_string());
                    }
                    _ => return Err(format!("未知的职能 {item}（可选 {}）", known())),
                }
            }
            Ok(Parsed::Set(set))
        }
    }
}
