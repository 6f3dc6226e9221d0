//! Editions from outside the build (issue 13, Art. 29): the bureau publishes next year's
//! rubric as a file, the app and `cqhr` read it, check it, keep it beside the bundled
//! editions, and score each draft under exactly the edition it names.
//!
//! * [`parse`] reads an edition file — the same JSON as `rubrics/<edition>/<id>.json`: one
//!   rubric, an array of rubrics, or an object whose values are rubrics — within hard
//!   bounds ([`MAX_BYTES`], [`MAX_DEPTH`], [`MAX_RUBRICS`], [`MAX_INDICATORS`]), and checks
//!   each rubric with [`Rubric::check`]; every problem is a Chinese sentence naming the
//!   rubric, indicator and field. Hostile input gets a message, never a panic or a hang.
//! * [`fingerprint`]: FNV-1a 64 of the rubric's canonical JSON (serde_json of the
//!   `BTreeMap`-ordered value, decimals as their text), as 16 hex digits; the short code
//!   shown to users and recorded in a draft (`edition_fingerprint`) is its first 8.
//!   The fingerprint is per rubric: a draft depends only on its own rubric's content.
//! * The runtime registry ([`register`]) holds imported rubrics beside the bundled ones;
//!   [`resolve`] is consulted by `Draft::rubric` after the bundled list. Two rubrics with
//!   the same id and edition but different content both stay, told apart by fingerprint.
//! * [`diff`] lists typed changes between two editions with Chinese text (每家 0.2 分 →
//!   0.3 分, 上限 12 → 10, 新增 3.4 …); [`migrate::move_draft`] copies a draft to another
//!   edition and reports every indicator's score change.
//!
//! Layers: this module reads only `rubric` and `number` (the draft reads it to find its
//! rubric); `migrate` sits above `draft` and `score`.

pub mod edit;
pub mod migrate;

use super::number::fmt_decimal;
use super::rubric::{self, Rubric, Term, RUBRIC_IDS};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::sync::{OnceLock, RwLock};

/// The largest edition file read: the three bundled files together are about 57 kB.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The deepest nesting of arrays and objects in an edition file (the bundled ones reach 6).
pub const MAX_DEPTH: usize = 12;
/// Rubrics in one file (three appendices; a few editions side by side).
pub const MAX_RUBRICS: usize = 12;
/// Indicators in one rubric (the bundled ones have about 20).
pub const MAX_INDICATORS: usize = 200;

/// A checked edition file: its rubrics, each with its fingerprint.
#[derive(Debug, Clone)]
pub struct EditionFile {
    pub rubrics: Vec<Rubric>,
}

/// Reads and checks an edition file. `Err` holds every problem found, each a Chinese
/// sentence naming where (rubric, indicator, field); nothing is kept from a file with
/// any problem.
pub fn parse(text: &str) -> Result<EditionFile, Vec<String>> {
    if text.len() > MAX_BYTES {
        return Err(vec![format!(
            "文件过大（{} 字节）：评分标准文件不得超过 {} MB",
            text.len(),
            MAX_BYTES / 1024 / 1024
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(depth) = too_deep(text) {
        return Err(vec![format!(
            "嵌套层数超过 {MAX_DEPTH} 层（第 {depth} 个字符处）：不是评分标准文件"
        )]);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![format!(
            "不是 JSON 文件：第 {} 行第 {} 列附近有误",
            e.line(),
            e.column()
        )]
    })?;
    let items: Vec<(String, Value)> = match value {
        Value::Object(m) if m.contains_key("indicators") => {
            vec![("".into(), Value::Object(m))]
        }
        Value::Object(m) => m.into_iter().collect(),
        Value::Array(a) => a
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("第 {} 份", i + 1), v))
            .collect(),
        _ => {
            return Err(vec![
                "评分标准文件须为一张评分表（对象）或多张评分表（列表或对象）".into(),
            ])
        }
    };
    if items.is_empty() {
        return Err(vec!["文件中没有评分表".into()]);
    }
    if items.len() > MAX_RUBRICS {
        return Err(vec![format!(
            "文件中有 {} 张评分表，一个文件至多 {MAX_RUBRICS} 张",
            items.len()
        )]);
    }
    let mut problems = Vec::new();
    let mut rubrics: Vec<Rubric> = Vec::new();
    for (name, v) in items {
        let label = |r: Option<&str>| match (r, name.is_empty()) {
            (Some(id), _) => format!("评分表 {id}"),
            (None, true) => "评分表".to_string(),
            (None, false) => format!("评分表（{name}）"),
        };
        let id = v.get("id").and_then(Value::as_str).map(str::to_string);
        if !v.is_object() {
            problems.push(format!("{}：须为对象 {{…}}", label(None)));
            continue;
        }
        if let Some(Value::Array(inds)) = v.get("indicators") {
            if inds.len() > MAX_INDICATORS {
                problems.push(format!(
                    "{}：有 {} 个指标，一张评分表至多 {MAX_INDICATORS} 个",
                    label(id.as_deref()),
                    inds.len()
                ));
                continue;
            }
        }
        let r: Rubric = match serde_path_to_error::deserialize(v) {
            Ok(r) => r,
            Err(e) => {
                let path = e.path().to_string();
                let msg = serde_message_zh(&e.inner().to_string());
                problems.push(format!("{}：成员 {path}：{msg}", label(id.as_deref())));
                continue;
            }
        };
        if !RUBRIC_IDS.contains(&r.id.as_str()) {
            problems.push(format!(
                "评分表 {}：编号（id）须为 {}",
                r.id,
                RUBRIC_IDS.join("、")
            ));
            continue;
        }
        if r.edition.trim().is_empty() || r.edition.chars().count() > 20 {
            problems.push(format!("评分表 {}：版本（edition）须为1至20个字", r.id));
            continue;
        }
        if rubrics
            .iter()
            .any(|o| o.id == r.id && o.edition == r.edition)
        {
            problems.push(format!(
                "评分表 {}（{}版）在文件中出现两次",
                r.id, r.edition
            ));
            continue;
        }
        problems.extend(r.check());
        rubrics.push(r);
    }
    if problems.is_empty() {
        Ok(EditionFile { rubrics })
    } else {
        Err(problems)
    }
}

/// The byte offset where nesting first exceeds [`MAX_DEPTH`], scanning once outside
/// strings (so that serde never recurses deeply on hostile input).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

// ---- fingerprints ----

/// The rubric's canonical JSON: serde_json of its value (members in `BTreeMap` order,
/// decimals as their text), compact. What the fingerprint hashes and an edition link holds.
pub fn canonical(r: &Rubric) -> String {
    serde_json::to_value(r)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// FNV-1a 64 of the rubric's canonical JSON, as 16 lowercase hex digits.
pub fn fingerprint(r: &Rubric) -> String {
    let canonical = canonical(r);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The short code shown to users and recorded in drafts: the first 8 hex digits.
pub fn short(r: &Rubric) -> String {
    fingerprint(r)[..8].to_string()
}

/// The short code of a rubric held by the registry (bundled or imported), computed once.
pub fn short_of(r: &'static Rubric) -> String {
    if let Some(i) = rubric::all().iter().position(|b| std::ptr::eq(b, r)) {
        static BUNDLED: OnceLock<Vec<String>> = OnceLock::new();
        return BUNDLED.get_or_init(|| rubric::all().iter().map(short).collect())[i].clone();
    }
    if let Ok(rt) = runtime_cell().read() {
        if let Some((_, s)) = rt.iter().find(|(x, _)| std::ptr::eq(*x, r)) {
            return s.clone();
        }
    }
    short(r)
}

fn same_code(a: &str, b: &str) -> bool {
    let a = a.trim();
    !a.is_empty() && a.len() <= 16 && b.starts_with(&a.to_ascii_lowercase())
}

// ---- the runtime registry ----

fn runtime_cell() -> &'static RwLock<Vec<(&'static Rubric, String)>> {
    static CELL: OnceLock<RwLock<Vec<(&'static Rubric, String)>>> = OnceLock::new();
    CELL.get_or_init(|| RwLock::new(Vec::new()))
}

/// Adds an imported rubric beside the bundled ones and returns the held copy. A rubric
/// already held (same id, edition and fingerprint, bundled or imported) is not added
/// twice; one with the same id and edition but other content is added beside it. The
/// copy is leaked to be `&'static` like the bundled ones: a handful of imports per run.
pub fn register(r: Rubric) -> &'static Rubric {
    let code = short(&r);
    if let Some(held) = candidates(&r.id, &r.edition)
        .into_iter()
        .find(|h| short_of(h) == code)
    {
        return held;
    }
    let held: &'static Rubric = Box::leak(Box::new(r));
    if let Ok(mut rt) = runtime_cell().write() {
        rt.push((held, code));
    }
    held
}

/// Every imported rubric, in the order imported.
pub fn imported() -> Vec<&'static Rubric> {
    runtime_cell()
        .read()
        .map(|rt| rt.iter().map(|(r, _)| *r).collect())
        .unwrap_or_default()
}

/// Every rubric held: bundled first, then imported.
pub fn all() -> Vec<&'static Rubric> {
    let mut v: Vec<&'static Rubric> = rubric::all().iter().collect();
    v.extend(imported());
    v
}

/// Whether a rubric is bundled into this build.
pub fn is_bundled(r: &Rubric) -> bool {
    rubric::all().iter().any(|b| std::ptr::eq(b, r))
}

/// The rubrics held with this id and edition: bundled first, then imported.
pub fn candidates(id: &str, edition: &str) -> Vec<&'static Rubric> {
    all()
        .into_iter()
        .filter(|r| r.id == id && r.edition == edition)
        .collect()
}

/// Why a draft's edition cannot be used: the member to blame (`edition` or
/// `edition_fingerprint`) and the Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub member: &'static str,
    pub message: String,
}

/// The rubric a draft names: id, edition and (when recorded) fingerprint. Without a
/// fingerprint the bundled edition wins, else the only imported one; two imported ones
/// of the same name and no fingerprint cannot be told apart and score nothing.
pub fn resolve(id: &str, edition: &str, code: &str) -> Result<&'static Rubric, Missing> {
    let found = candidates(id, edition);
    // Messages name the rubric in Chinese (e.g. 人才市场评分表), never by its key.
    let name = super::rubric::latest(id)
        .map(|r| format!("{}评分表", r.short_name))
        .unwrap_or_else(|| "该评分表".to_string());
    let codes: Vec<String> = found.iter().map(|r| short_of(r)).collect();
    if !code.trim().is_empty() {
        if let Some(i) = codes.iter().position(|c| same_code(code, c)) {
            return Ok(found[i]);
        }
        let here = if codes.is_empty() {
            String::new()
        } else {
            format!("本机的{edition}版指纹为 {}，内容不同；", codes.join("、"))
        };
        return Err(Missing {
            member: "edition_fingerprint",
            message: format!(
                "草稿按{name}{edition}版（指纹 {}）填写，本机没有这一版：{here}请导入该版评分标准文件后再计分（不按其他版本计分）",
                code.trim()
            ),
        });
    }
    match (found.iter().position(|r| is_bundled(r)), found.len()) {
        (Some(i), _) => Ok(found[i]),
        (None, 1) => Ok(found[0]),
        (None, 0) => Err(Missing {
            member: "edition",
            message: format!(
                "评分表版本“{edition}”不存在：{name}没有这一版，请导入该版评分标准文件后再计分"
            ),
        }),
        (None, _) => Err(Missing {
            member: "edition_fingerprint",
            message: format!(
                "本机有 {} 份不同的{name}{edition}版（指纹 {}），草稿没有记录指纹，无法确定按哪一份计分",
                found.len(),
                codes.join("、")
            ),
        }),
    }
}

/// serde's messages in Chinese, for an edition file (`draft` has its own for drafts).
fn serde_message_zh(msg: &str) -> String {
    let kind = |t: &str| -> String {
        let t = t.trim();
        let words = [
            ("a boolean", "真假值"),
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
            (
                "a Decimal type representing a fixed-point number",
                "数字（如 \"0.2\"）",
            ),
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
    msg.replace("missing field", "缺少成员")
        .replace("unknown variant", "未知的取值")
        .replace("expected one of", "应为其中之一：")
}

// ---- the diff of two editions ----

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    RubricAdded,
    RubricRemoved,
    Title,
    GroupName,
    IndicatorAdded,
    IndicatorRemoved,
    Name,
    Standard,
    Reading,
    Cap,
    Points,
    SpecialPoints,
    Unit,
    Threshold,
    TierPoints,
    Rule,
    FieldAdded,
    FieldRemoved,
    FieldLabel,
    PairCap,
    Pairs,
}

/// One change between two editions, typed, with its Chinese sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub rubric: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub text: String,
}

/// The changes from the rubrics `a` to the rubrics `b`, matched by rubric id, then
/// indicators and fields by id, terms by position.
pub fn diff(a: &[&Rubric], b: &[&Rubric]) -> Vec<Change> {
    let mut out = Vec::new();
    for ra in a {
        match b.iter().find(|rb| rb.id == ra.id) {
            Some(rb) => diff_rubric(ra, rb, &mut out),
            None => out.push(change(
                ChangeKind::RubricRemoved,
                ra,
                None,
                None,
                None,
                None,
                format!("删除评分表 {}（{}）", ra.short_name, ra.id),
            )),
        }
    }
    for rb in b {
        if !a.iter().any(|ra| ra.id == rb.id) {
            out.push(change(
                ChangeKind::RubricAdded,
                rb,
                None,
                None,
                None,
                None,
                format!("新增评分表 {}（{}）", rb.short_name, rb.id),
            ));
        }
    }
    out
}

fn change(
    kind: ChangeKind,
    r: &Rubric,
    indicator: Option<&str>,
    field: Option<&str>,
    from: Option<String>,
    to: Option<String>,
    text: String,
) -> Change {
    Change {
        kind,
        rubric: r.id.clone(),
        indicator: indicator.map(str::to_string),
        field: field.map(str::to_string),
        from,
        to,
        text,
    }
}

fn cap_text(c: Option<Decimal>) -> String {
    c.map(fmt_decimal).unwrap_or_else(|| "——".into())
}

/// The two numbers of a per-unit rule (PerUnit, Replacement, AreaAbove): its 计分单位 and
/// its 每单位分值, each reported through `num` when it changed.
fn unit_and_points(
    num: &mut impl FnMut(ChangeKind, &str, Decimal, Decimal, String),
    here: &str,
    field: &str,
    u: &str,
    (ua, ub): (Decimal, Decimal),
    (pa, pb): (Decimal, Decimal),
) {
    num(
        ChangeKind::Unit,
        field,
        ua,
        ub,
        format!("{here}：计分单位 {} → {}", per(ua, u), per(ub, u)),
    );
    num(
        ChangeKind::Points,
        field,
        pa,
        pb,
        format!(
            "{here}：{} {} 分 → {} 分",
            per(ub, u),
            fmt_decimal(pa),
            fmt_decimal(pb)
        ),
    );
}

/// "每家", "每1000万元", "每1000平方米".
fn per(unit: Decimal, field_unit: &str) -> String {
    if unit == Decimal::ONE {
        format!("每{field_unit}")
    } else {
        format!("每{}{field_unit}", fmt_decimal(unit))
    }
}

fn diff_rubric(ra: &Rubric, rb: &Rubric, out: &mut Vec<Change>) {
    let s = &rb.short_name;
    if ra.title != rb.title {
        out.push(change(
            ChangeKind::Title,
            rb,
            None,
            None,
            Some(ra.title.clone()),
            Some(rb.title.clone()),
            format!("{s}：标题 “{}” → “{}”", ra.title, rb.title),
        ));
    }
    for gb in &rb.groups {
        if let Some(ga) = ra.group(&gb.id) {
            if ga.name != gb.name {
                out.push(change(
                    ChangeKind::GroupName,
                    rb,
                    None,
                    None,
                    Some(ga.name.clone()),
                    Some(gb.name.clone()),
                    format!("{s} 一级指标 {}：名称 “{}” → “{}”", gb.id, ga.name, gb.name),
                ));
            }
        }
    }
    for ia in &ra.indicators {
        if rb.indicator(&ia.id).is_none() {
            out.push(change(
                ChangeKind::IndicatorRemoved,
                rb,
                Some(&ia.id),
                None,
                None,
                None,
                format!("{s}：删除 {} {}", ia.id, ia.name),
            ));
        }
    }
    for ib in &rb.indicators {
        let id = ib.id.as_str();
        let Some(ia) = ra.indicator(id) else {
            out.push(change(
                ChangeKind::IndicatorAdded,
                rb,
                Some(id),
                None,
                None,
                Some(cap_text(ib.cap)),
                format!("{s}：新增 {id} {}（上限 {} 分）", ib.name, cap_text(ib.cap)),
            ));
            continue;
        };
        let here = format!("{s} {id} {}", ib.name);
        if ia.name != ib.name {
            out.push(change(
                ChangeKind::Name,
                rb,
                Some(id),
                None,
                Some(ia.name.clone()),
                Some(ib.name.clone()),
                format!("{s} {id}：名称 “{}” → “{}”", ia.name, ib.name),
            ));
        }
        if ia.cap != ib.cap {
            out.push(change(
                ChangeKind::Cap,
                rb,
                Some(id),
                None,
                Some(cap_text(ia.cap)),
                Some(cap_text(ib.cap)),
                format!("{here}：上限 {} → {}", cap_text(ia.cap), cap_text(ib.cap)),
            ));
        }
        if ia.standard != ib.standard {
            out.push(change(
                ChangeKind::Standard,
                rb,
                Some(id),
                None,
                Some(ia.standard.clone()),
                Some(ib.standard.clone()),
                format!("{here}：评价标准改为 “{}”", ib.standard),
            ));
        }
        if ia.reading != ib.reading {
            out.push(change(
                ChangeKind::Reading,
                rb,
                Some(id),
                None,
                ia.reading.clone(),
                ib.reading.clone(),
                format!(
                    "{here}：解读改为 “{}”",
                    ib.reading.clone().unwrap_or_default()
                ),
            ));
        }
        for fa in &ia.fields {
            if !ib.fields.iter().any(|f| f.key == fa.key) {
                out.push(change(
                    ChangeKind::FieldRemoved,
                    rb,
                    Some(id),
                    Some(&fa.key),
                    None,
                    None,
                    format!("{here}：删除填写项 {}（{}）", fa.label, fa.key),
                ));
            }
        }
        for fb in &ib.fields {
            match ia.fields.iter().find(|f| f.key == fb.key) {
                None => out.push(change(
                    ChangeKind::FieldAdded,
                    rb,
                    Some(id),
                    Some(&fb.key),
                    None,
                    None,
                    format!("{here}：新增填写项 {}（{}）", fb.label, fb.key),
                )),
                Some(fa) if fa.label != fb.label => out.push(change(
                    ChangeKind::FieldLabel,
                    rb,
                    Some(id),
                    Some(&fb.key),
                    Some(fa.label.clone()),
                    Some(fb.label.clone()),
                    format!("{here}：填写项 “{}” → “{}”", fa.label, fb.label),
                )),
                _ => {}
            }
        }
        let unit_of = |key: &str| {
            ib.fields
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.unit.clone())
                .unwrap_or_default()
        };
        if ia.terms.len() != ib.terms.len() {
            out.push(change(
                ChangeKind::Rule,
                rb,
                Some(id),
                None,
                None,
                None,
                format!("{here}：计分规则改变"),
            ));
            continue;
        }
        for (ta, tb) in ia.terms.iter().zip(&ib.terms) {
            let mut num = |kind: ChangeKind, field: &str, a: Decimal, b: Decimal, text: String| {
                if a != b {
                    out.push(change(
                        kind,
                        rb,
                        Some(id),
                        Some(field),
                        Some(fmt_decimal(a)),
                        Some(fmt_decimal(b)),
                        text,
                    ));
                }
            };
            match (ta, tb) {
                (
                    Term::PerUnit {
                        field: fa,
                        unit: ua,
                        points: pa,
                    },
                    Term::PerUnit {
                        field: fb,
                        unit: ub,
                        points: pb,
                    },
                ) if fa == fb => {
                    let u = unit_of(fb);
                    unit_and_points(&mut num, &here, fb, &u, (*ua, *ub), (*pa, *pb));
                }
                (
                    Term::Replacement {
                        total: xa,
                        special: sa,
                        unit: ua,
                        points: pa,
                        special_points: qa,
                    },
                    Term::Replacement {
                        total: xb,
                        special: sb,
                        unit: ub,
                        points: pb,
                        special_points: qb,
                    },
                ) if xa == xb && sa == sb => {
                    let u = unit_of(xb);
                    unit_and_points(&mut num, &here, xb, &u, (*ua, *ub), (*pa, *pb));
                    num(
                        ChangeKind::SpecialPoints,
                        sb,
                        *qa,
                        *qb,
                        format!(
                            "{here}：规模以上企业{} {} 分 → {} 分",
                            per(*ub, &u),
                            fmt_decimal(*qa),
                            fmt_decimal(*qb)
                        ),
                    );
                }
                (
                    Term::AreaAbove {
                        field: fa,
                        threshold: ha,
                        unit: ua,
                        points: pa,
                    },
                    Term::AreaAbove {
                        field: fb,
                        threshold: hb,
                        unit: ub,
                        points: pb,
                    },
                ) if fa == fb => {
                    let u = unit_of(fb);
                    num(
                        ChangeKind::Threshold,
                        fb,
                        *ha,
                        *hb,
                        format!(
                            "{here}：面积门槛 {}{u} → {}{u}",
                            fmt_decimal(*ha),
                            fmt_decimal(*hb)
                        ),
                    );
                    unit_and_points(&mut num, &here, fb, &u, (*ua, *ub), (*pa, *pb));
                }
                (
                    Term::Deduction {
                        field: fa,
                        points: pa,
                    },
                    Term::Deduction {
                        field: fb,
                        points: pb,
                    },
                ) if fa == fb => num(
                    ChangeKind::Points,
                    fb,
                    *pa,
                    *pb,
                    format!(
                        "{here}：每起扣分 {} 分 → {} 分",
                        fmt_decimal(*pa),
                        fmt_decimal(*pb)
                    ),
                ),
                (
                    Term::EachOf {
                        field: fa,
                        points: pa,
                        options: oa,
                    },
                    Term::EachOf {
                        field: fb,
                        points: pb,
                        options: ob,
                    },
                ) if fa == fb && oa == ob => num(
                    ChangeKind::Points,
                    fb,
                    *pa,
                    *pb,
                    format!(
                        "{here}：每项 {} 分 → {} 分",
                        fmt_decimal(*pa),
                        fmt_decimal(*pb)
                    ),
                ),
                (
                    Term::Tier {
                        field: fa,
                        tiers: ta,
                    },
                    Term::Tier {
                        field: fb,
                        tiers: tb,
                    },
                ) if fa == fb
                    && ta.len() == tb.len()
                    && ta.iter().zip(tb).all(|(x, y)| x.key == y.key) =>
                {
                    for (x, y) in ta.iter().zip(tb) {
                        num(
                            ChangeKind::TierPoints,
                            fb,
                            x.points,
                            y.points,
                            format!(
                                "{here}：{} {} 分 → {} 分",
                                y.label,
                                fmt_decimal(x.points),
                                fmt_decimal(y.points)
                            ),
                        );
                    }
                }
                (a, b) if a == b => {}
                _ => out.push(change(
                    ChangeKind::Rule,
                    rb,
                    Some(id),
                    None,
                    None,
                    None,
                    format!("{here}：计分规则改变"),
                )),
            }
        }
    }
    for pb in &rb.pairs {
        match ra.pairs.iter().find(|p| p.id == pb.id) {
            Some(pa) if pa.cap != pb.cap => out.push(change(
                ChangeKind::PairCap,
                rb,
                None,
                None,
                Some(fmt_decimal(pa.cap)),
                Some(fmt_decimal(pb.cap)),
                format!(
                    "{s} 选其一 {}：上限 {} → {}",
                    pb.id,
                    fmt_decimal(pa.cap),
                    fmt_decimal(pb.cap)
                ),
            )),
            Some(pa) if pa.members != pb.members => out.push(change(
                ChangeKind::Pairs,
                rb,
                None,
                None,
                None,
                None,
                format!("{s} 选其一 {}：指标改为 {}", pb.id, pb.members.join("、")),
            )),
            Some(_) => {}
            None => out.push(change(
                ChangeKind::Pairs,
                rb,
                None,
                None,
                None,
                None,
                format!("{s}：新增选其一 {}", pb.id),
            )),
        }
    }
    for pa in &ra.pairs {
        if !rb.pairs.iter().any(|p| p.id == pa.id) {
            out.push(change(
                ChangeKind::Pairs,
                rb,
                None,
                None,
                None,
                None,
                format!("{s}：取消选其一 {}", pa.id),
            ));
        }
    }
}
