//! The 文字报告 of Art. 30(二) 1., drafted from the draft's facts and scores (issue 12).
//!
//! Each indicator has a sentence template in its rubric (`report`), with placeholders
//! `{year}` (“2025年”, or “本年度” when the year is blank), `{points}` (the indicator's own
//! score), `{cap}` (its 满分) and one per field key (the value with its unit, e.g. “37家”;
//! a tier's label; a set's options; a blank field reads 未填). The paragraph is the filled
//! template followed by the platform's note. Paragraphs are grouped under the 一级指标
//! (一、二、…) with each indicator as （一）（二）…, between an opening paragraph (platform,
//! type, year, total and subtotals) and a closing one (blank indicators).
//!
//! The report goes to the district and the city (Art. 30(二)1.): it states facts only. No
//! next-gain hint ("再增加…可再得…") is written into it; those stay on the screens (issue
//! 20.7). It names the district in full (位于黔江区), speaks of the platform, not "我们",
//! and a deduction indicator with no case reads 无违法违规行为.
//!
//! The user may rewrite any paragraph: the edit is stored in the draft as
//! `report.paragraphs[key] = {text, facts}`, where `facts` is [`facts_hash`] of the
//! paragraph's facts when it was edited. Regeneration keeps the edit and flags it
//! [`ParagraphFlag::DataChanged`] (数据已变化) once the facts differ.
//!
//! Over 600 lines: the report's text and its tests of hand-worked paragraphs; the templates'
//! grammar is `template.rs`.

use super::districts;
use super::draft::{check, Checked, Draft, DraftError, Parsed};
use super::number::fmt_decimal;
use super::rubric::{FieldKind, Indicator, Rubric, Term};
use super::score::{score_checked, IndicatorScore, Report};
use super::template::{parse, Piece};
pub use super::template::{TemplateError, MAX_TEMPLATE_CHARS, RESERVED};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The longest paragraph a user may store, in characters.
pub const MAX_EDIT_CHARS: usize = 5000;

/// The key of the opening and of the closing paragraph (indicator paragraphs use the id).
pub const OPENING: &str = "opening";
pub const CLOSING: &str = "closing";

pub use super::draft::report::{ParagraphEdit, ReportEdits};

/// Why a paragraph needs the user's eye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphFlag {
    /// 数据已变化: the paragraph was rewritten, and its facts changed since.
    DataChanged,
}

impl ParagraphFlag {
    pub fn label_zh(self) -> &'static str {
        match self {
            ParagraphFlag::DataChanged => "数据已变化",
        }
    }
}

/// One paragraph of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// "opening", an indicator id, or "closing".
    pub key: String,
    /// （一）线下入驻人力资源服务企业数量, for an indicator.
    pub heading: Option<String>,
    /// The text drafted from the facts (note included).
    pub generated: String,
    /// The text printed: the user's edit, or the generated text.
    pub text: String,
    /// [`facts_hash`] of the facts now.
    pub facts: String,
    pub edited: bool,
    pub flag: Option<ParagraphFlag>,
}

/// One 一级指标 and its indicators' paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub group: String,
    /// 一、促进产业发展情况
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

/// The whole 文字报告.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextReport {
    /// e.g. 重庆临空人力资源服务产业园2025年度绩效评估自评报告
    pub title: String,
    pub platform: String,
    pub platform_type: String,
    pub year: String,
    pub total: Decimal,
    pub cap_total: Decimal,
    pub opening: Paragraph,
    pub sections: Vec<Section>,
    pub closing: Paragraph,
}

impl TextReport {
    /// Every paragraph in reading order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        std::iter::once(&self.opening)
            .chain(self.sections.iter().flat_map(|s| s.paragraphs.iter()))
            .chain(std::iter::once(&self.closing))
    }

    pub fn paragraph(&self, key: &str) -> Option<&Paragraph> {
        self.paragraphs().find(|p| p.key == key)
    }

    /// Keys of the paragraphs flagged 数据已变化.
    pub fn flagged(&self) -> Vec<&str> {
        self.paragraphs()
            .filter(|p| p.flag.is_some())
            .map(|p| p.key.as_str())
            .collect()
    }

    /// The report as Markdown (headings #, ##, ###; flags are not printed).
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n{}\n\n", self.title, self.opening.text);
        for s in &self.sections {
            out.push_str(&format!("## {}\n\n", s.heading));
            for p in &s.paragraphs {
                if let Some(h) = &p.heading {
                    out.push_str(&format!("### {h}\n\n"));
                }
                out.push_str(&p.text);
                out.push_str("\n\n");
            }
        }
        out.push_str(&self.closing.text);
        out.push('\n');
        out
    }
}

/// Drafts the report of a draft (lenient: bad fields read as blank, as in the form).
pub fn generate(draft: &Draft) -> Result<TextReport, DraftError> {
    let checked = check(draft)?;
    let report = score_checked(&checked);
    Ok(generate_from(draft, &checked, &report))
}

/// Drafts the report from an already checked and scored draft.
pub fn generate_from(draft: &Draft, checked: &Checked, report: &Report) -> TextReport {
    let rubric = checked.rubric;
    let name = draft.platform.name.trim();
    let year = draft.platform.year.trim();
    let title = format!(
        "{}{}绩效评估自评报告",
        if name.is_empty() { "本平台" } else { name },
        if year.is_empty() {
            String::from("年度")
        } else {
            format!("{year}年度")
        }
    );
    let mut sections = Vec::new();
    for (gi, g) in rubric.groups.iter().enumerate() {
        let mut paragraphs = Vec::new();
        for (ii, ind) in rubric
            .indicators
            .iter()
            .filter(|i| i.group == g.id)
            .enumerate()
        {
            let Some(score) = report.indicator(&ind.id) else {
                continue;
            };
            let facts = indicator_facts(draft, checked, ind, score);
            let mut text = match ind.report.as_deref().map(|t| fill(ind, t, &facts)) {
                // A deduction (no cap) with nothing deducted: say so plainly, not "0次，计0分".
                _ if ind.cap.is_none() && !score.blank && score.own.is_zero() => format!(
                    "{}，平台及入驻企业无经核实或处罚的违法违规行为。",
                    year_phrase(draft)
                ),
                Some(Ok(t)) => t,
                _ => fallback(ind, &facts),
            };
            if !score.counted {
                if let Some(pair) = rubric.pair_of(&ind.id) {
                    text.push_str(&format!(
                        "（{}选其一，本项不计入总分。）",
                        pair.members.join("、")
                    ));
                }
            }
            let note = draft.notes.get(&ind.id).map(|n| n.trim()).unwrap_or("");
            let mut all = facts.clone();
            all.insert("note".into(), note.to_string());
            all.insert("counted".into(), score.counted.to_string());
            append_note(&mut text, note);
            paragraphs.push(paragraph(
                draft,
                &ind.id,
                Some(format!("（{}）{}", cn_number(ii + 1), ind.name)),
                text,
                &all,
            ));
        }
        sections.push(Section {
            group: g.id.clone(),
            heading: format!("{}、{}", cn_number(gi + 1), g.name),
            paragraphs,
        });
    }
    let (opening_text, opening_facts) = opening(draft, rubric, report);
    let (closing_text, closing_facts) = closing(rubric, report);
    TextReport {
        title,
        platform: name.to_string(),
        platform_type: rubric.platform_type.clone(),
        year: year.to_string(),
        total: report.total,
        cap_total: report.cap_total,
        opening: paragraph(draft, OPENING, None, opening_text, &opening_facts),
        sections,
        closing: paragraph(draft, CLOSING, None, closing_text, &closing_facts),
    }
}

/// Stores the user's text for one paragraph, with the facts it was written against.
/// A blank text removes the edit (the generated text returns).
pub fn edit(
    draft: &mut Draft,
    report: &TextReport,
    key: &str,
    text: &str,
) -> Result<(), EditError> {
    let Some(p) = report.paragraph(key) else {
        return Err(EditError::NoParagraph(key.to_string()));
    };
    let text = text.trim();
    if text.is_empty() {
        draft.report.paragraphs.remove(key);
        return Ok(());
    }
    // Over the limit the text is kept all the same, with the message (issue 22): what was
    // typed is never dropped; the message stays at the field until it is shortened.
    let text = crate::domain::text::clean(text);
    draft.report.paragraphs.insert(
        key.to_string(),
        ParagraphEdit {
            text: text.to_string(),
            facts: p.facts.clone(),
            ..Default::default()
        },
    );
    match too_long(&text) {
        Some(_) => Err(EditError::TooLong(text.chars().count())),
        None => Ok(()),
    }
}

/// Why [`edit`] did not take a paragraph's text as it is. `Display` is the Chinese message
/// shown at the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The report has no paragraph of this key.
    NoParagraph(String),
    /// Over [`MAX_EDIT_CHARS`] (the count): the text is kept all the same (issue 22).
    TooLong(usize),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoParagraph(key) => write!(f, "文字报告中没有“{key}”这一段"),
            EditError::TooLong(n) => write!(
                f,
                "这一段有{n}个字，超过上限{MAX_EDIT_CHARS}个字：已保存，打印和导出前请删减"
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// The message for a rewritten paragraph over [`MAX_EDIT_CHARS`] characters (kept in the
/// draft, said at the field), else `None`.
pub fn too_long(text: &str) -> Option<String> {
    let n = text.chars().count();
    (n > MAX_EDIT_CHARS).then(|| EditError::TooLong(n).to_string())
}

fn paragraph(
    draft: &Draft,
    key: &str,
    heading: Option<String>,
    generated: String,
    facts: &BTreeMap<String, String>,
) -> Paragraph {
    let facts = facts_hash(facts);
    let edit = draft
        .report
        .paragraphs
        .get(key)
        .filter(|e| !e.text.trim().is_empty());
    Paragraph {
        key: key.to_string(),
        heading,
        text: edit
            .map(|e| e.text.clone())
            .unwrap_or_else(|| generated.clone()),
        edited: edit.is_some(),
        flag: edit
            .filter(|e| e.facts != facts)
            .map(|_| ParagraphFlag::DataChanged),
        generated,
        facts,
    }
}

/// FNV-1a 64 of the canonical JSON of the facts (keys in order), as 16 hex digits.
/// Deterministic across platforms and builds; not a security hash.
pub fn facts_hash(facts: &BTreeMap<String, String>) -> String {
    let canonical = serde_json::to_string(facts).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn append_note(text: &mut String, note: &str) {
    if note.is_empty() {
        return;
    }
    text.push_str(note);
    if !note.ends_with(['。', '！', '？', '；', '.', '）']) {
        text.push('。');
    }
}

/// “2025年”, or “本年度” when the year is blank.
fn year_phrase(draft: &Draft) -> String {
    let y = draft.platform.year.trim();
    if y.is_empty() {
        "本年度".into()
    } else {
        format!("{y}年")
    }
}

/// The values of every placeholder of an indicator.
fn indicator_facts(
    draft: &Draft,
    checked: &Checked,
    ind: &Indicator,
    score: &IndicatorScore,
) -> BTreeMap<String, String> {
    let mut facts = BTreeMap::new();
    facts.insert("year".into(), year_phrase(draft));
    facts.insert("points".into(), fmt_decimal(score.own));
    facts.insert(
        "cap".into(),
        score.cap.map(fmt_decimal).unwrap_or_else(|| "——".into()),
    );
    let values = checked.values.get(&ind.id);
    for f in &ind.fields {
        let v = values.and_then(|m| m.get(&f.key));
        facts.insert(f.key.clone(), field_text(ind, f.kind, &f.key, &f.unit, v));
    }
    facts
}

fn field_text(
    ind: &Indicator,
    kind: FieldKind,
    key: &str,
    unit: &str,
    v: Option<&Parsed>,
) -> String {
    match (kind, v) {
        (_, None) => "未填".into(),
        (_, Some(Parsed::Number(d))) => format!("{}{unit}", fmt_decimal(*d)),
        (_, Some(Parsed::Tier(t))) => ind
            .terms
            .iter()
            .find_map(|term| match term {
                Term::Tier { field, tiers } if field == key => {
                    tiers.iter().find(|o| &o.key == t).map(|o| o.label.clone())
                }
                _ => None,
            })
            .unwrap_or_else(|| t.clone()),
        (_, Some(Parsed::Set(keys))) => {
            if keys.is_empty() {
                return "无".into();
            }
            let labels: Vec<String> = ind
                .terms
                .iter()
                .find_map(|term| match term {
                    Term::EachOf { field, options, .. } if field == key => Some(
                        options
                            .iter()
                            .filter(|o| keys.contains(&o.key))
                            .map(|o| o.label.clone())
                            .collect(),
                    ),
                    _ => None,
                })
                .unwrap_or_else(|| keys.clone());
            format!("{}（共{}项）", labels.join("、"), labels.len())
        }
    }
}

/// Checks a sentence template against its indicator (see [`super::template::check`]).
pub fn check_template(ind: &Indicator, template: &str) -> Result<(), TemplateError> {
    let keys: Vec<&str> = ind.fields.iter().map(|f| f.key.as_str()).collect();
    super::template::check(template, &keys, ind.cap.is_some())
}

fn fill(
    ind: &Indicator,
    template: &str,
    facts: &BTreeMap<String, String>,
) -> Result<String, TemplateError> {
    check_template(ind, template)?;
    let mut out = String::new();
    for piece in parse(template)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot(name) => {
                out.push_str(facts.get(name).map(String::as_str).unwrap_or("未填"))
            }
        }
    }
    Ok(out)
}

/// The paragraph of an indicator whose rubric has no (valid) template.
fn fallback(ind: &Indicator, facts: &BTreeMap<String, String>) -> String {
    let parts: Vec<String> = ind
        .fields
        .iter()
        .map(|f| {
            format!(
                "{}{}",
                f.label.trim_start_matches("其中："),
                facts.get(&f.key).map(String::as_str).unwrap_or("未填")
            )
        })
        .collect();
    let points = facts.get("points").map(String::as_str).unwrap_or("0");
    match ind.cap {
        Some(_) => format!(
            "{}，{}，按评分标准计{points}分（满分{}分）。",
            facts.get("year").map(String::as_str).unwrap_or(""),
            parts.join("，"),
            facts.get("cap").map(String::as_str).unwrap_or("")
        ),
        None => format!(
            "{}，{}，按评分标准计{points}分。",
            facts.get("year").map(String::as_str).unwrap_or(""),
            parts.join("，")
        ),
    }
}

fn opening(draft: &Draft, rubric: &Rubric, report: &Report) -> (String, BTreeMap<String, String>) {
    let name = draft.platform.name.trim();
    let district = draft.platform.district.trim();
    let year = draft.platform.year.trim();
    let mut facts = BTreeMap::new();
    facts.insert("name".into(), name.to_string());
    facts.insert("district".into(), district.to_string());
    facts.insert("year".into(), year.to_string());
    facts.insert("type".into(), rubric.platform_type.clone());
    facts.insert("level".into(), draft.level.label_zh().to_string());
    facts.insert("total".into(), fmt_decimal(report.total));
    let subtotals: Vec<String> = report
        .groups
        .iter()
        .map(|g| {
            format!(
                "{}{}分（满分{}分）",
                g.name,
                fmt_decimal(g.score),
                fmt_decimal(g.cap)
            )
        })
        .collect();
    facts.insert("subtotals".into(), subtotals.join("，"));
    let who = if name.is_empty() { "本平台" } else { name };
    // The district's full name (位于黔江区, not 位于黔江); an unrecognised one as typed.
    let place = if district.is_empty() {
        String::new()
    } else {
        let full = districts::find(district).map_or(district, |d| d.name);
        format!("位于{full}，")
    };
    let period = if year.is_empty() {
        "本年度".to_string()
    } else {
        format!("{year}年度")
    };
    let text = format!(
        "{who}{place}属{}（评估层级：{}）。对照《{}》，本平台对{period}绩效情况开展了自评，自评总分{}分（满分{}分），其中：{}。现将有关情况报告如下。",
        rubric.platform_type,
        draft.level.label_zh(),
        rubric.title,
        fmt_decimal(report.total),
        fmt_decimal(report.cap_total),
        subtotals.join("，"),
    );
    (text, facts)
}

fn closing(rubric: &Rubric, report: &Report) -> (String, BTreeMap<String, String>) {
    let mut facts = BTreeMap::new();
    let mut text = String::new();
    let blank: Vec<String> = report
        .blank
        .iter()
        .map(|id| {
            let name = rubric.indicator(id).map(|i| i.name.as_str()).unwrap_or("");
            format!("{id} {name}")
        })
        .collect();
    facts.insert("blank".into(), blank.join("、"));
    if blank.is_empty() {
        text.push_str("各项指标均已填报。");
    } else {
        text.push_str(&format!(
            "目前尚有{}项指标未填报（{}），未填部分暂按0分计。",
            blank.len(),
            blank.join("、")
        ));
    }
    text.push_str("特此报告。");
    (text, facts)
}

/// 一, 二, … 九十九 (公文 numbering).
pub fn cn_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".into(),
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rubric;

    #[test]
    fn numbers_in_chinese() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(25), "二十五");
    }

    #[test]
    fn every_bundled_template_is_valid() {
        for r in rubric::all() {
            for ind in &r.indicators {
                let t = ind
                    .report
                    .as_deref()
                    .expect("every 2025 indicator has a template");
                assert_eq!(check_template(ind, t), Ok(()), "{} {}", r.id, ind.id);
                assert!(!ind.evidence.is_empty(), "{} {}", r.id, ind.id);
            }
        }
    }

    #[test]
    fn bad_templates_are_refused_in_chinese() {
        let r = rubric::find("comprehensive-park", "2025").unwrap();
        let ind = r.indicator("1.1").unwrap();
        let e = check_template(ind, "共{firmz}家").unwrap_err().to_string();
        assert!(e.contains("未知占位符“{firmz}”"), "{e}");
        assert!(check_template(ind, "共{firms家")
            .unwrap_err()
            .to_string()
            .contains("不成对"));
        assert!(check_template(ind, "共firms}家")
            .unwrap_err()
            .to_string()
            .contains("不成对"));
        assert!(check_template(ind, "{Firms}")
            .unwrap_err()
            .to_string()
            .contains("写法不对"));
        assert!(check_template(ind, "a\u{0}b")
            .unwrap_err()
            .to_string()
            .contains("控制字符"));
        let huge = "很".repeat(MAX_TEMPLATE_CHARS + 1);
        assert!(check_template(ind, &huge)
            .unwrap_err()
            .to_string()
            .contains("过长"));
        let deduction = r.indicator("5.4").unwrap();
        assert!(check_template(deduction, "计{points}分（满分{cap}分）")
            .unwrap_err()
            .to_string()
            .contains("没有满分"));
    }

    #[test]
    fn hash_is_fnv1a_64() {
        // FNV-1a 64 of "{}" (the canonical JSON of no facts).
        let mut h: u64 = 0xcbf29ce484222325;
        for b in b"{}" {
            h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
        }
        assert_eq!(facts_hash(&BTreeMap::new()), format!("{h:016x}"));
        assert_eq!(facts_hash(&BTreeMap::new()).len(), 16);
    }
}
