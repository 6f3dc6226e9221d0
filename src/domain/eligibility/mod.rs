//! 认定条件: the certification check of 渝人社规〔2025〕4号, Articles 10–13, 15 and 17.
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
//!   every quantitative condition can be relieved in 渝东北 or 渝东南 — but only by a
//!   recorded decision (`certification.relief`: the condition, a lowered threshold and/or a
//!   达成时限, the document number). Without one, a miss there is
//!   [`Status::MissedWithoutGrant`] ("可申请适当降低标准或设置达成时限"), never a standing
//!   exemption; with one, the value is compared with the granted threshold, and a 达成时限
//!   runs to its day inclusive against the date passed in ([`check_certification_on`]).
//!   Confirmations are not quantitative.
//! * Article 15 筹建: the 筹建期 ends a year after approval (same date; 29 February → 28
//!   February); what is still missing for 验收 is listed.
//! * The check is always against the city-level conditions, whatever the draft's
//!   evaluation level: thresholds are never scaled (Art. 33 asks whether a district platform
//!   "符合市级平台认定条件").
//!
//! Rooms: this file is the check itself (a loop over [`CONDITIONS`], the notes, the
//! overall verdict) and the strict readers; `judge.rs` builds one row (inputs resolved,
//! a quantitative row, a confirmation, an "或" row), `relief.rs` is Art. 17 (grants and the
//! shortfall against a threshold), `establishment.rs` Art. 15 筹建, `share.rs` Art. 12
//! (四)'s computed share; `tests.rs` the check worked by hand.

pub mod conditions;
mod establishment;
mod judge;
mod relief;
mod report;
mod share;
mod suggest;

pub use super::draft::certification::{
    read_number, read_number_in, CertKind, Certification, Establishment, ReliefGrant,
    CONFIRMATION_KEYS, ESTABLISHMENT_STATUSES, QUANTITY_KEYS,
};
pub use conditions::{
    articles, conditions_for, definition, fields, is_basic, CertField, Comparison, ConditionDef,
    ConditionId, ConditionKind, InputDef, ThresholdDef, CONDITIONS, RELIEF_TEXT,
};
pub use report::{
    amount_text, CertificationReport, Condition, EstablishmentCheck, GrantCheck, GrantConcern,
    Note, NoteKind, Overall, Status, Threshold,
};
pub use suggest::{suggestions, Suggestion, ValueSource};

use super::application;
use super::date::Date;
use super::districts::{self, Region};
use super::draft::previous::parse_previous;
use super::draft::{check as check_draft, Draft, DraftError, FieldPath};
use super::number::fmt_grouped;
use super::rubric::{self, Level};
use establishment::establishment;
use judge::{any_of, confirmation, evaluate, Inputs};
use relief::{read_grants, Relief};
use share::share_condition;

const INCLUSIVE_READING: &str = "“不少于”“以上”“不超过”包括本数，“超过”不包括本数（《中华人民共和国民法典》第一千二百五十九条）。";

/// Checks a draft against the certification conditions of its platform type (Art. 10
/// and Art. 11, 12 or 13), with Art. 17 for 渝东北 and 渝东南, without a date: a granted
/// 达成时限 not yet reached is [`Status::DeadlineUnchecked`]. Prefer
/// [`check_certification_on`].
pub fn check_certification(draft: &Draft) -> Result<CertificationReport, DraftError> {
    check_certification_at(draft, None)
}

/// Checks a draft on a given date ("today", passed in: the domain reads no clock), against
/// which Art. 17 达成时限 and the Art. 15 筹建期 are compared.
pub fn check_certification_on(
    draft: &Draft,
    today: Date,
) -> Result<CertificationReport, DraftError> {
    check_certification_at(draft, Some(today))
}

/// Over 150 lines: the loop over `CONDITIONS` and the overall verdict with its notes, in one reading order.
fn check_certification_at(
    draft: &Draft,
    today: Option<Date>,
) -> Result<CertificationReport, DraftError> {
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

    // 第十七条: the district's region and the grants recorded.
    let district = draft.platform.district.trim().to_string();
    let region = districts::region(&district);
    let relief_region = region.is_some_and(Region::relief);
    let grants = read_grants(cert, kind, &mut inputs.errors, &mut warnings);
    match (district.is_empty(), region) {
        (true, _) => notes.push(Note::new(
            NoteKind::District,
            "未填写所在区县：如平台位于渝东北、渝东南地区，未达标的量化条件可按第十七条申请适当降低标准或设置达成时限；是否降低由市人力社保局在认定时决定，须记录批准后才按批准的标准检查。",
        )),
        (false, None) => warnings.push(format!(
            "所在区县“{district}”未能识别为重庆市的区县或两江新区、西部科学城重庆高新区、万盛经开区，未适用第十七条。"
        )),
        (false, Some(r)) if r.relief() => notes.push(Note::new(NoteKind::District, format!(
            "所在区县 {district} 属{}地区：量化条件（面积、场地、人员、入驻企业、营业收入等）可申请适当降低标准或设置达成时限（第十七条）。\
             这不是当然的豁免：是否降低、降低多少由市人力社保局在认定时决定；\
             记录批准（降低后的标准或达成时限、文号）后按批准检查，未记录批准的未达标项仍为未达标。",
            r.label_zh()
        ))),
        (false, Some(r)) => notes.push(Note::new(NoteKind::District, format!(
            "所在区县 {district} 属{}，不适用第十七条的降低标准。",
            r.label_zh()
        ))),
    }
    if !grants.is_empty() && !relief_region {
        warnings.push(format!(
            "已记录 {} 条第十七条批准，但第十七条只适用于渝东北、渝东南地区{}：这些批准未计入检查。",
            grants.len(),
            if district.is_empty() {
                "（未填写所在区县）".to_string()
            } else {
                format!("（所在区县 {district}）")
            }
        ));
    }
    if grants.iter().any(|(_, g)| g.deadline.is_some()) && today.is_none() {
        warnings.push("未给出核对日期：已批准的达成时限无法判断是否已过。".into());
    }
    let relief = Relief {
        region: relief_region,
        grants,
        today,
    };
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
                evaluate(def, &t, value, &relief)
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
                &relief,
                &mut warnings,
            ),
            ConditionKind::AnyOf(ids) => {
                let halves: Vec<Condition> = ids
                    .iter()
                    .filter_map(|id| definition(kind, *id))
                    .filter_map(|half| match half.kind {
                        ConditionKind::Threshold(t) => {
                            let value = inputs.resolve(t.field);
                            Some(evaluate(half, &t, value, &relief))
                        }
                        _ => None,
                    })
                    .collect();
                any_of(def, halves)
            }
        };
        // A value taken from a suggestion that measures something close but not the same
        // (Art. 11 (四)'s revenue from 附表2 1.2): say so.
        if let (Some(source @ ValueSource::Scoring { indicator, .. }), Some(t)) =
            (&condition.source, def.threshold())
        {
            let caveat = inputs
                .suggestions
                .iter()
                .find(|s| s.field == t.field && s.fallback && s.source == *source)
                .and_then(|s| s.caveat.clone());
            if let Some(caveat) = caveat {
                warnings.push(format!(
                    "认定条件“{}”（{}）暂按评分表 {indicator} 判断：{caveat}",
                    def.wording, def.article
                ));
            }
        }
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
    let count = |f: &dyn Fn(Status) -> bool| conditions.iter().filter(|c| f(c.status)).count();
    let missed = count(&|s| s == Status::Missed);
    let open = count(&|s| s.open());
    let without_grant = count(&|s| s == Status::MissedWithoutGrant);
    let granted = count(&|s| matches!(s, Status::MetUnderGrant | Status::WithinDeadline));
    let platform_type = rubric.platform_type.clone();
    let (overall, summary) = if missed > 0 {
        let mut s = format!("不符合{platform_type}认定条件：{missed} 项未达标");
        if without_grant > 0 {
            s.push_str(&format!(
                "，另有 {without_grant} 项量化条件未达标且未记录第十七条批准"
            ));
        }
        if open > 0 {
            s.push_str(&format!("，另有 {open} 项未填或未确认"));
        }
        (Overall::NotEligible, s)
    } else if open > 0 {
        let mut s = format!("尚有 {open} 项未填或未确认，暂不能判断是否符合认定条件");
        if without_grant > 0 {
            s.push_str(&format!(
                "；另有 {without_grant} 项量化条件未达标且未记录批准，可按第十七条申请降低标准或设置达成时限"
            ));
        }
        (Overall::Incomplete, s)
    } else if without_grant > 0 {
        (
            Overall::MissedWithoutGrant,
            format!(
                "{without_grant} 项量化条件未达标，尚未记录第十七条批准：未获批准的，不符合认定条件；{RELIEF_TEXT}，获批后记录批准的标准或达成时限"
            ),
        )
    } else if granted > 0 {
        (
            Overall::EligibleUnderGrant,
            format!(
                "符合{platform_type}认定条件，其中 {granted} 项按第十七条批准的降低标准或达成时限"
            ),
        )
    } else {
        (Overall::Eligible, format!("符合{platform_type}认定条件"))
    };

    let establishment = establishment(cert, &conditions, today, &mut inputs.errors, &mut warnings);

    Ok(CertificationReport {
        rubric: rubric.id.clone(),
        platform_type,
        articles,
        district,
        region,
        relief_region,
        conditions,
        overall,
        summary,
        notes,
        warnings,
        errors: inputs.errors,
        today,
        establishment,
    })
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

/// As [`check_certification_on`], refusing a draft with any problem ([`draft_problems`]).
pub fn check_certification_strict_on(
    draft: &Draft,
    today: Date,
) -> Result<CertificationReport, Vec<DraftError>> {
    let problems = draft_problems(draft);
    if !problems.is_empty() {
        return Err(problems);
    }
    check_certification_on(draft, today).map_err(|e| vec![e])
}

/// The platform type of a rubric id, e.g. 市级综合性人力资源服务产业园.
pub fn platform_type(rubric_id: &str) -> Option<&'static str> {
    rubric::latest(rubric_id).map(|r| r.platform_type.as_str())
}

#[cfg(test)]
mod tests;
