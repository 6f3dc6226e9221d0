//! 认定条件: the certification check of 渝人社规〔2025〕4号, Articles 10–13 and 17.
//!
//! A draft may carry a [`Certification`] (its field `certification`): the four Article 10
//! basic conditions as confirmations, and the quantities of Articles 11–13 as typed (a JSON
//! number or a string, read exactly by [`parse_decimal`]). Values the draft already holds
//! elsewhere — the 附表1 application form and the scoring inputs — are offered as
//! [`Suggestion`]s ("从评分表带入"), so the user does not type them twice. The check uses
//! a certification input where one is filled; where it is blank, it falls back to the
//! first suggestion marked `fallback` (application form first, then the scoring draft),
//! and says so on the condition ([`Condition::source`]).
//!
//! Readings fixed here (each is also written on its condition as `reading`):
//!
//! * "不少于", "以上" and "不超过" include the number itself, "超过" does not
//!   (《中华人民共和国民法典》第一千二百五十九条). So 10000 ㎡ meets "不少于10000平方米",
//!   3 sites meet "不超过3个", 60% meets "60%以上", 10 亿元 meets "10亿元（含）以上", but
//!   exactly 5000 person-times does not meet "超过5000人次" and exactly 10 亿元 does not meet
//!   "超过10亿元".
//! * "原则上" (Arts. 11 and 12): the number is checked as written; any leniency is the
//!   bureau's decision, not the tool's.
//! * The HR firms' revenue share (Art. 12 (四)) is computed from the amounts
//!   (人力资源服务企业营收 ÷ 入驻服务业企业营收总额) when both are known; otherwise the
//!   percentage typed directly is used.
//! * Article 13 (三) is met by either half of its "或": more than 5000 person-times, or
//!   more than 10 亿元 of human capital (income).
//! * Article 17 ("平台面积、入驻企业、营业收入规模等量化指标"): "等" leaves the list open, so
//!   every quantitative condition missed by a platform in 渝东北 or 渝东南 reads "可申请适当
//!   降低标准或设置达成时限" instead of a plain miss. Confirmations are not quantitative.
//! * The check is always against the city-level conditions, whatever the draft's
//!   evaluation level: thresholds are never scaled (Art. 33 asks whether a district platform
//!   "符合市级平台认定条件").

pub mod conditions;
mod report;
mod share;
mod suggest;

pub use super::draft::certification::{
    read_number, CertKind, Certification, CONFIRMATION_KEYS, QUANTITY_KEYS,
};
pub use conditions::{
    articles, conditions_for, definition, fields, CertField, Comparison, ConditionDef, ConditionId,
    ConditionKind, InputDef, ThresholdDef, CONDITIONS, RELIEF_TEXT,
};
pub use report::{
    amount_text, CertificationReport, Condition, Note, NoteKind, Overall, Status, Threshold,
};
pub use suggest::{suggestions, Suggestion, ValueSource};

use super::application;
use super::districts::{self, Region};
use super::draft::previous::parse_previous;
use super::draft::{check as check_draft, Draft, DraftError, FieldPath};
use super::number::{fmt_decimal, fmt_grouped};
use super::rubric::{self, Level};
use rust_decimal::Decimal;
use share::share_condition;

const INCLUSIVE_READING: &str = "“不少于”“以上”“不超过”包括本数，“超过”不包括本数（《中华人民共和国民法典》第一千二百五十九条）。";

/// A value resolved for the check, and where it came from.
#[derive(Debug, Clone)]
struct Resolved {
    value: Decimal,
    source: ValueSource,
}

/// The shortfall in words, for a value that does not meet its threshold.
fn shortfall(q: &ThresholdDef, value: Decimal) -> String {
    let t = q.value();
    match q.comparison {
        Comparison::AtLeast if q.unit == "%" => {
            format!("还差 {} 个百分点", fmt_decimal(t - value))
        }
        Comparison::AtLeast => {
            let gap = t - value;
            if q.unit == "万元" {
                format!("还差 {}{}", amount_text(gap, q.unit), q.noun)
            } else {
                // "≥ 2 人" but "还差 1 名管理机构专职工作人员".
                let measure = if q.unit == "人" { "名" } else { q.unit };
                format!("还差 {} {}{}", fmt_grouped(gap), measure, q.noun)
            }
        }
        Comparison::AtMost => format!(
            "多出 {} {}{}（不超过 {}）",
            fmt_grouped(value - t),
            q.unit,
            q.noun,
            amount_text(t, q.unit)
        ),
        Comparison::MoreThan if q.whole => format!(
            "还差 {} {}{}（须超过 {}）",
            fmt_grouped(t - value + Decimal::ONE),
            q.unit,
            q.noun,
            amount_text(t, q.unit)
        ),
        Comparison::MoreThan => {
            let gap = t - value;
            if gap.is_zero() {
                format!("恰为 {}，须超过此数", amount_text(t, q.unit))
            } else {
                format!(
                    "还需增加超过 {}（须超过 {}）",
                    amount_text(gap, q.unit),
                    amount_text(t, q.unit)
                )
            }
        }
    }
}

fn relief_status(relief: bool) -> Status {
    if relief {
        Status::ReliefEligible
    } else {
        Status::Missed
    }
}

/// A quantitative row, checked against one value.
fn evaluate(
    def: &ConditionDef,
    q: &ThresholdDef,
    value: Option<Resolved>,
    relief: bool,
) -> Condition {
    let relief = relief && def.relief;
    let (status, shortfall_text) = match &value {
        None => (Status::Blank, None),
        Some(r) if q.comparison.holds(r.value, q.value()) => (Status::Met, None),
        Some(r) => (relief_status(relief), Some(shortfall(q, r.value))),
    };
    Condition {
        id: def.id,
        article: def.article.to_string(),
        description: def.wording.to_string(),
        quantitative: def.quantitative(),
        fields: def.reads().iter().map(|f| f.to_string()).collect(),
        threshold: Some(Threshold {
            comparison: q.comparison,
            value: q.value(),
            unit: q.unit.to_string(),
        }),
        value: value.as_ref().map(|r| r.value),
        source: value.map(|r| r.source),
        status,
        shortfall: shortfall_text,
        relief: (status == Status::ReliefEligible).then(|| RELIEF_TEXT.to_string()),
        reading: (!def.reading.is_empty()).then(|| def.reading.to_string()),
        alternatives: Vec::new(),
    }
}

/// A confirmation row: met when ticked.
fn confirmation(cert: &Certification, def: &ConditionDef) -> Condition {
    let key = def.id.key();
    let ticked = cert.confirmed(key);
    Condition {
        id: def.id,
        article: def.article.to_string(),
        description: def.wording.to_string(),
        quantitative: false,
        fields: vec![key.to_string()],
        threshold: None,
        value: None,
        source: ticked.then_some(ValueSource::Entered),
        status: if ticked {
            Status::Met
        } else {
            Status::Unconfirmed
        },
        shortfall: None,
        relief: None,
        reading: (!def.reading.is_empty()).then(|| def.reading.to_string()),
        alternatives: Vec::new(),
    }
}

/// The inputs of one draft, resolved: typed value, else a fallback suggestion. Each key
/// is read once (an invalid value is reported once).
struct Inputs<'a> {
    cert: &'a Certification,
    suggestions: Vec<Suggestion>,
    errors: Vec<DraftError>,
    labels: Vec<CertField>,
    resolved: Vec<(&'static str, Option<Resolved>)>,
}

impl Inputs<'_> {
    fn label(&self, key: &str) -> &'static str {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.label)
            .unwrap_or("认定条件")
    }

    fn kind(&self, key: &str) -> CertKind {
        self.labels
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.kind)
            .unwrap_or(CertKind::Amount)
    }

    /// The typed value only (an invalid one is recorded and read as blank).
    fn entered(&mut self, key: &'static str) -> Option<Decimal> {
        let raw = self.cert.raw(key)?;
        match read_number(raw, self.kind(key)) {
            Ok(d) => {
                if key == "sites" && d < Decimal::ONE {
                    self.errors.push(DraftError::at(
                        FieldPath::certification(key),
                        format!(
                            "认定条件“{}”：至少为 1（集中在一处的填 1）",
                            self.label(key)
                        ),
                    ));
                    return None;
                }
                Some(d)
            }
            Err(msg) => {
                self.errors.push(DraftError::at(
                    FieldPath::certification(key),
                    format!("认定条件“{}”：{msg}", self.label(key)),
                ));
                None
            }
        }
    }

    /// The typed value; if blank (not invalid), the first fallback suggestion.
    fn resolve(&mut self, key: &'static str) -> Option<Resolved> {
        if let Some((_, r)) = self.resolved.iter().find(|(k, _)| *k == key) {
            return r.clone();
        }
        let r = if self.cert.raw(key).is_some() {
            self.entered(key).map(|value| Resolved {
                value,
                source: ValueSource::Entered,
            })
        } else {
            self.suggestions
                .iter()
                .find(|s| s.field == key && s.fallback)
                .map(|s| Resolved {
                    value: s.value,
                    source: s.source.clone(),
                })
        };
        self.resolved.push((key, r.clone()));
        r
    }

    /// A value already resolved.
    fn cached(&self, key: &str) -> Option<Decimal> {
        self.resolved
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, r)| r.as_ref().map(|r| r.value))
    }
}

/// Checks a draft against the certification conditions of its platform type (Art. 10
/// and Art. 11, 12 or 13), with Art. 17 relief for 渝东北 and 渝东南: a loop over
/// [`CONDITIONS`]. Invalid inputs are reported in [`CertificationReport::errors`] and read
/// as blank. Fails only when the draft names no known rubric.
pub fn check_certification(draft: &Draft) -> Result<CertificationReport, DraftError> {
    let rubric = draft.rubric()?;
    let kind = rubric.id.as_str();
    let cert = &draft.certification;
    let mut inputs = Inputs {
        cert,
        suggestions: suggestions(draft),
        errors: Vec::new(),
        labels: fields(kind),
        resolved: Vec::new(),
    };
    let mut notes = vec![Note::new(NoteKind::Reading, INCLUSIVE_READING)];
    let mut warnings = Vec::new();

    // 第十七条: the district's region.
    let district = draft.platform.district.trim().to_string();
    let region = districts::region(&district);
    let relief = region.is_some_and(Region::relief);
    match (district.is_empty(), region) {
        (true, _) => notes.push(Note::new(
            NoteKind::District,
            "未填写所在区县：如平台位于渝东北、渝东南地区，未达标的量化条件可按第十七条申请适当降低标准或设置达成时限。",
        )),
        (false, None) => warnings.push(format!(
            "所在区县“{district}”未能识别为重庆市的区县或两江新区、西部科学城重庆高新区、万盛经开区，未适用第十七条。"
        )),
        (false, Some(r)) if r.relief() => notes.push(Note::new(NoteKind::District, format!(
            "所在区县 {district} 属{}地区：未达标的量化条件（面积、场地、人员、入驻企业、营业收入等）可申请适当降低标准或设置达成时限（第十七条）；是否降低、降低多少由市人力社保局确定。",
            r.label_zh()
        ))),
        (false, Some(r)) => notes.push(Note::new(NoteKind::District, format!(
            "所在区县 {district} 属{}，不适用第十七条的降低标准。",
            r.label_zh()
        ))),
    }
    match draft.level {
        Level::City => {}
        Level::District => notes.push(Note::new(
            NoteKind::Level,
            "本检查对照市级平台认定条件（第十条至第十三条），不随评估层级缩放；区县级平台自愿参评并评为优秀、且符合这些条件的，直接认定为市级平台（第三十三条）。区县级平台本身由区县参照市级标准适当降低认定（第十六条）。",
        )),
        Level::National => notes.push(Note::new(
            NoteKind::Level,
            "国家级平台的认定按人力资源社会保障部有关规定执行（第六条）；本检查只对照市级平台认定条件，供参考。",
        )),
    }

    // The conditions, one row of the table each ("或" rows with their halves).
    let mut conditions = Vec::new();
    for def in conditions_for(kind).filter(|d| d.within.is_none()) {
        let condition = match def.kind {
            ConditionKind::Confirmation => confirmation(cert, def),
            ConditionKind::Threshold(t) => {
                let value = inputs.resolve(t.field);
                evaluate(def, &t, value, relief)
            }
            ConditionKind::Share {
                part,
                total,
                threshold,
            } => share_condition(
                &mut inputs,
                def,
                part,
                total,
                &threshold,
                relief,
                &mut warnings,
            ),
            ConditionKind::AnyOf(ids) => {
                let halves: Vec<Condition> = ids
                    .iter()
                    .filter_map(|id| definition(kind, *id))
                    .filter_map(|half| match half.kind {
                        ConditionKind::Threshold(t) => {
                            let value = inputs.resolve(t.field);
                            Some(evaluate(half, &t, value, relief))
                        }
                        _ => None,
                    })
                    .collect();
                any_of(def, halves, relief)
            }
        };
        // "其中": a part may not exceed its whole (Art. 11 (三) 规模以上 ⊂ 入驻企业).
        if let (Some(whole), Some(t)) = (def.part_of, def.threshold()) {
            let part = inputs.cached(t.field);
            if let (Some(p), Some(w)) = (part, inputs.cached(whole)) {
                if p > w {
                    inputs.errors.push(DraftError::at(
                        FieldPath::certification(t.field),
                        format!(
                            "认定条件“{}”：{} {}不能多于{}（{} {}）",
                            inputs.label(t.field),
                            fmt_grouped(p),
                            t.unit,
                            inputs.label(whole),
                            fmt_grouped(w),
                            t.unit
                        ),
                    ));
                }
            }
        }
        conditions.push(condition);
    }
    let articles = articles(kind);

    // Overall.
    let missed = conditions
        .iter()
        .filter(|c| c.status == Status::Missed)
        .count();
    let open = conditions
        .iter()
        .filter(|c| matches!(c.status, Status::Blank | Status::Unconfirmed))
        .count();
    let relieved = conditions
        .iter()
        .filter(|c| c.status == Status::ReliefEligible)
        .count();
    let platform_type = rubric.platform_type.clone();
    let (overall, summary) = if missed > 0 {
        let mut s = format!("不符合{platform_type}认定条件：{missed} 项未达标");
        if open > 0 {
            s.push_str(&format!("，另有 {open} 项未填或未确认"));
        }
        (Overall::NotEligible, s)
    } else if open > 0 {
        let mut s = format!("尚有 {open} 项未填或未确认，暂不能判断是否符合认定条件");
        if relieved > 0 {
            s.push_str(&format!(
                "；另有 {relieved} 项量化条件未达标，可按第十七条申请降低标准"
            ));
        }
        (Overall::Incomplete, s)
    } else if relieved > 0 {
        (
            Overall::EligibleWithRelief,
            format!("其余条件均已满足；{relieved} 项量化条件未达标，{RELIEF_TEXT}"),
        )
    } else {
        (Overall::Eligible, format!("符合{platform_type}认定条件"))
    };

    Ok(CertificationReport {
        rubric: rubric.id.clone(),
        platform_type,
        articles,
        district,
        region,
        relief_region: relief,
        conditions,
        overall,
        summary,
        notes,
        warnings,
        errors: inputs.errors,
    })
}

/// An "或" row (Art. 13 (三)): met when either half is met.
fn any_of(def: &ConditionDef, halves: Vec<Condition>, relief: bool) -> Condition {
    let relief = relief && def.relief;
    let status = if halves.iter().any(|c| c.status == Status::Met) {
        Status::Met
    } else if halves.iter().any(|c| c.status == Status::Blank) {
        Status::Blank
    } else {
        relief_status(relief)
    };
    let short_name = |c: &Condition| -> &'static str {
        CONDITIONS
            .iter()
            .find(|d| d.id == c.id)
            .map(|d| d.short_name)
            .unwrap_or("")
    };
    let shortfall = match status {
        Status::Met | Status::Unconfirmed => None,
        Status::Blank => {
            let parts: Vec<String> = halves
                .iter()
                .map(|c| match &c.shortfall {
                    Some(s) => format!("{}：{s}", short_name(c)),
                    None => format!("{}：{}", short_name(c), c.status.label_zh()),
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；")))
        }
        Status::Missed | Status::ReliefEligible => {
            let parts: Vec<String> = halves
                .iter()
                .filter_map(|c| {
                    c.shortfall
                        .as_ref()
                        .map(|s| format!("{}{s}", short_name(c)))
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；或")))
        }
    };
    Condition {
        id: def.id,
        article: def.article.to_string(),
        description: def.wording.to_string(),
        quantitative: def.quantitative(),
        fields: def.reads().iter().map(|f| f.to_string()).collect(),
        threshold: None,
        value: None,
        source: None,
        status,
        shortfall,
        relief: (status == Status::ReliefEligible).then(|| RELIEF_TEXT.to_string()),
        reading: (!def.reading.is_empty()).then(|| def.reading.to_string()),
        alternatives: halves,
    }
}

/// Every problem that makes a draft invalid for a strict reader (`cqhr check`,
/// `cqhr rank`): bad scoring inputs, bad certification inputs (Arts. 10–13), errors in the
/// 附表1 application form and an unknown previous grade (Art. 32).
pub fn draft_problems(draft: &Draft) -> Vec<DraftError> {
    let mut out = Vec::new();
    match check_draft(draft) {
        Ok(c) => out.extend(c.errors),
        Err(e) => return vec![e],
    }
    if let Ok(r) = check_certification(draft) {
        out.extend(r.errors);
    }
    out.extend(application::check_application(draft).errors);
    if let Err(e) = parse_previous(&draft.previous_grade) {
        out.push(e);
    }
    out
}

/// As [`check_certification`], refusing a draft with any problem ([`draft_problems`]).
pub fn check_certification_strict(draft: &Draft) -> Result<CertificationReport, Vec<DraftError>> {
    let problems = draft_problems(draft);
    if !problems.is_empty() {
        return Err(problems);
    }
    check_certification(draft).map_err(|e| vec![e])
}

/// The platform type of a rubric id, e.g. 市级综合性人力资源服务产业园.
pub fn platform_type(rubric_id: &str) -> Option<&'static str> {
    rubric::latest(rubric_id).map(|r| r.platform_type.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft(rubric: &str, set: &[(&str, serde_json::Value)]) -> Draft {
        let mut d = Draft::new(rubric);
        for (k, v) in set {
            assert!(d.certification.set_raw(k, Some(v.clone())), "{k}");
        }
        d
    }

    #[test]
    fn a_part_may_not_exceed_its_whole() {
        let d = draft(
            "comprehensive-park",
            &[("hr_firms", json!(5)), ("above_scale_firms", json!(6))],
        );
        let r = check_certification(&d).unwrap();
        assert_eq!(r.errors.len(), 1);
        assert_eq!(
            r.errors[0].message,
            "认定条件“其中：规模以上人力资源服务企业”：6 家不能多于入驻人力资源服务企业（5 家）"
        );
        assert_eq!(
            r.errors[0].path,
            FieldPath::Certification("above_scale_firms")
        );
    }

    #[test]
    fn the_share_says_what_reaches_the_threshold() {
        let d = draft(
            "specialized-park",
            &[
                ("revenue_wan", json!(100000)),
                ("hr_revenue_wan", json!(55000)),
            ],
        );
        let r = check_certification(&d).unwrap();
        let c = r.get(ConditionId::HrShare).unwrap();
        assert_eq!(c.value, Some(Decimal::from(55)));
        assert_eq!(
            c.shortfall.as_deref(),
            Some("还差 5 个百分点（人力资源服务企业营业收入再增加 12,500 万元（1.25 亿元）可达 60%）")
        );
        // Just under 60% when truncated to two places is still a miss, decided exactly.
        let d = draft(
            "specialized-park",
            &[
                ("revenue_wan", json!(3)),
                ("hr_revenue_wan", json!("1.79999")),
            ],
        );
        let r = check_certification(&d).unwrap();
        let c = r.get(ConditionId::HrShare).unwrap();
        assert_eq!(c.status, Status::Missed);
        assert!(
            c.shortfall.as_deref().unwrap().starts_with("还差"),
            "{:?}",
            c.shortfall
        );
    }

    #[test]
    fn sites_are_at_least_one() {
        let d = draft("specialized-park", &[("sites", json!(0))]);
        let r = check_certification(&d).unwrap();
        assert_eq!(
            r.errors[0].message,
            "认定条件“场地个数（集中在一处的填 1）”：至少为 1（集中在一处的填 1）"
        );
    }

    #[test]
    fn the_report_follows_the_table() {
        for id in crate::domain::rubric::RUBRIC_IDS {
            let r = check_certification(&Draft::new(id)).unwrap();
            let top: Vec<ConditionId> = conditions_for(id)
                .filter(|d| d.within.is_none())
                .map(|d| d.id)
                .collect();
            let got: Vec<ConditionId> = r.conditions.iter().map(|c| c.id).collect();
            assert_eq!(got, top, "{id}");
            assert_eq!(r.articles, articles(id));
            assert_eq!(r.notes[0].kind, NoteKind::Reading);
            assert_eq!(r.notes[1].kind, NoteKind::District);
        }
    }
}
