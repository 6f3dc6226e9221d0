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

pub mod conditions;
mod report;
mod share;
mod suggest;

pub use super::draft::certification::{
    read_number, CertKind, Certification, Establishment, ReliefGrant, CONFIRMATION_KEYS,
    ESTABLISHMENT_STATUSES, QUANTITY_KEYS,
};
pub use conditions::{
    articles, conditions_for, definition, fields, CertField, Comparison, ConditionDef, ConditionId,
    ConditionKind, InputDef, ThresholdDef, CONDITIONS, RELIEF_TEXT,
};
pub use report::{
    amount_text, CertificationReport, Condition, EstablishmentCheck, GrantCheck, Note, NoteKind,
    Overall, Status, Threshold,
};
pub use suggest::{suggestions, Suggestion, ValueSource};

use super::application;
use super::date::Date;
use super::districts::{self, Region};
use super::draft::previous::parse_previous;
use super::draft::{check as check_draft, Draft, DraftError, FieldPath};
use super::number::{fmt_decimal, fmt_grouped, is_blank, shorten};
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
    shortfall_to(q, q.value(), value)
}

/// The shortfall against a threshold `t` (the measures' or a granted lowered one).
fn shortfall_to(q: &ThresholdDef, t: Decimal, value: Decimal) -> String {
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

/// An Art. 17 grant from the draft, read and validated.
#[derive(Debug, Clone)]
struct Grant {
    index: usize,
    threshold: Option<Decimal>,
    deadline: Option<Date>,
    document: String,
}

/// Art. 17 as it applies to one draft: whether the region allows relief, the grants
/// recorded (only applied in such a region), and the date deadlines are compared with.
struct Relief {
    region: bool,
    grants: Vec<(ConditionId, Grant)>,
    today: Option<Date>,
}

impl Relief {
    fn grant(&self, id: ConditionId) -> Option<&Grant> {
        if !self.region {
            return None;
        }
        self.grants.iter().find(|(c, _)| *c == id).map(|(_, g)| g)
    }

    /// The grant as the report shows it.
    fn check(&self, g: &Grant, q: &ThresholdDef) -> GrantCheck {
        let days_left = match (g.deadline, self.today) {
            (Some(d), Some(t)) => Some(t.until(d)),
            _ => None,
        };
        let expired = days_left.is_some_and(|n| n < 0);
        let threshold = g.threshold.map(|value| Threshold {
            comparison: q.comparison,
            value,
            unit: q.unit.to_string(),
        });
        let mut parts = Vec::new();
        if let Some(t) = &threshold {
            parts.push(format!("降低标准为 {}", t.text()));
        }
        if let Some(d) = g.deadline {
            parts.push(match days_left {
                Some(n) if n < 0 => format!("达成时限 {d}（已过 {} 天）", -n),
                Some(0) => format!("达成时限 {d}（今日到期）"),
                Some(n) => format!("达成时限 {d}（还有 {n} 天）"),
                None => format!("达成时限 {d}"),
            });
        }
        let document = g.document.trim().to_string();
        let by = if document.is_empty() {
            "第十七条批准（未写文号）".to_string()
        } else {
            format!("第十七条批准（{document}）")
        };
        GrantCheck {
            index: g.index,
            threshold,
            deadline: g.deadline,
            days_left,
            expired,
            document,
            text: format!("{by}：{}", parts.join("；")),
        }
    }

    /// The status of a quantitative row whose value is known: `meets(t)` says whether the
    /// value meets threshold `t`. Returns the status, the shortfall (when not met) and the
    /// grant as applied.
    fn judge(
        &self,
        def: &ConditionDef,
        q: &ThresholdDef,
        value: Decimal,
        meets: &dyn Fn(Decimal) -> bool,
    ) -> (Status, Option<String>, Option<GrantCheck>) {
        let open = self.region && def.relief;
        let grant = self.grant(def.id);
        let check = grant.map(|g| self.check(g, q));
        if meets(q.value()) {
            return (Status::Met, None, check);
        }
        let Some(g) = grant else {
            let status = if open {
                Status::MissedWithoutGrant
            } else {
                Status::Missed
            };
            return (status, Some(shortfall(q, value)), None);
        };
        let target = g.threshold.unwrap_or(q.value());
        if g.threshold.is_some() && meets(target) {
            return (Status::MetUnderGrant, None, check);
        }
        let gap = shortfall_to(q, target, value);
        let gap = if g.threshold.is_some() {
            format!(
                "低于批准的标准 {}，{gap}",
                Threshold {
                    comparison: q.comparison,
                    value: target,
                    unit: q.unit.to_string()
                }
                .text()
            )
        } else {
            gap
        };
        let (status, text) = match (g.deadline, self.today) {
            (None, _) => (Status::Missed, gap),
            (Some(d), None) => (
                Status::DeadlineUnchecked,
                format!("{gap}；达成时限 {d}，未给出核对日期"),
            ),
            (Some(d), Some(t)) if t <= d => (Status::WithinDeadline, gap),
            (Some(d), Some(_)) => (Status::Missed, format!("达成时限 {d} 已过，{gap}")),
        };
        (status, Some(text), check)
    }
}

/// A quantitative row, checked against one value.
fn evaluate(
    def: &ConditionDef,
    q: &ThresholdDef,
    value: Option<Resolved>,
    relief: &Relief,
) -> Condition {
    let (status, shortfall_text, grant) = match &value {
        None => (
            Status::Blank,
            None,
            relief.grant(def.id).map(|g| relief.check(g, q)),
        ),
        Some(r) => {
            let v = r.value;
            relief.judge(def, q, v, &|t| q.comparison.holds(v, t))
        }
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
        relief: (status == Status::MissedWithoutGrant).then(|| RELIEF_TEXT.to_string()),
        grant,
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
        grant: None,
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

/// The Art. 17 grants of a draft, read and validated: each names a quantitative condition
/// of the platform's type once, and gives a lowered threshold, a 达成时限 or both.
fn read_grants(
    cert: &Certification,
    kind: &str,
    errors: &mut Vec<DraftError>,
    warnings: &mut Vec<String>,
) -> Vec<(ConditionId, Grant)> {
    let mut out: Vec<(ConditionId, Grant)> = Vec::new();
    for (i, g) in cert.relief.iter().enumerate() {
        let n = i + 1;
        let path = |field: &str| FieldPath::top(&format!("certification.relief[{i}].{field}"));
        let key = g.condition.trim();
        let def = ConditionId::from_key(key).and_then(|id| definition(kind, id));
        let Some(def) = def else {
            errors.push(DraftError::at(
                path("condition"),
                format!(
                    "第十七条批准（第 {n} 条）：“{}”不是本类平台的认定条件",
                    shorten(key, 24)
                ),
            ));
            continue;
        };
        let Some(q) = def.threshold().filter(|_| def.relief) else {
            errors.push(DraftError::at(
                path("condition"),
                format!(
                    "第十七条批准（第 {n} 条）：“{}”（{}）不是可降低标准或设置达成时限的量化条件",
                    def.wording, def.article
                ),
            ));
            continue;
        };
        if out.iter().any(|(c, _)| *c == def.id) {
            errors.push(DraftError::at(
                path("condition"),
                format!(
                    "第十七条批准（第 {n} 条）：“{}”已有一条批准记录，每项条件只记一条",
                    def.wording
                ),
            ));
            continue;
        }
        let mut ok = true;
        let threshold = if is_blank(&g.threshold) {
            None
        } else {
            let kind = if q.unit == "%" {
                CertKind::Percent
            } else if q.whole {
                CertKind::Count
            } else {
                CertKind::Amount
            };
            match read_number(&g.threshold, kind) {
                Ok(d) => Some(d),
                Err(msg) => {
                    errors.push(DraftError::at(
                        path("threshold"),
                        format!("第十七条批准（第 {n} 条）降低后的标准：{msg}"),
                    ));
                    ok = false;
                    None
                }
            }
        };
        let deadline = if g.deadline.trim().is_empty() {
            None
        } else {
            match Date::parse(&g.deadline) {
                Some(d) => Some(d),
                None => {
                    errors.push(DraftError::at(
                        path("deadline"),
                        format!(
                            "第十七条批准（第 {n} 条）达成时限：“{}”不是 YYYY-MM-DD 格式的日期",
                            shorten(g.deadline.trim(), 24)
                        ),
                    ));
                    ok = false;
                    None
                }
            }
        };
        if !ok {
            continue;
        }
        if threshold.is_none() && deadline.is_none() {
            errors.push(DraftError::at(
                path("threshold"),
                format!(
                    "第十七条批准（第 {n} 条，{}）：须写明降低后的标准或达成时限",
                    def.wording
                ),
            ));
            continue;
        }
        if let Some(t) = threshold {
            let relaxes = match q.comparison {
                Comparison::AtLeast | Comparison::MoreThan => t < q.value(),
                Comparison::AtMost => t > q.value(),
            };
            if !relaxes {
                warnings.push(format!(
                    "第十七条批准（第 {n} 条，{}）：批准的标准 {} 并未低于条文标准 {}",
                    def.wording,
                    amount_text(t, q.unit),
                    amount_text(q.value(), q.unit)
                ));
            }
        }
        if g.document.trim().is_empty() {
            warnings.push(format!(
                "第十七条批准（第 {n} 条，{}）：未写明批准文号",
                def.wording
            ));
        }
        out.push((
            def.id,
            Grant {
                index: i,
                threshold,
                deadline,
                document: g.document.clone(),
            },
        ));
    }
    out
}

/// Art. 15 筹建: the one-year deadline and what is still missing for 验收.
fn establishment(
    cert: &Certification,
    conditions: &[Condition],
    today: Option<Date>,
    errors: &mut Vec<DraftError>,
    warnings: &mut Vec<String>,
) -> Option<EstablishmentCheck> {
    let e = &cert.establishment;
    let status = e.status.trim();
    if !status.is_empty() && !ESTABLISHMENT_STATUSES.iter().any(|(k, _)| *k == status) {
        errors.push(DraftError::at(
            FieldPath::top("certification.establishment.status"),
            format!(
                "筹建状态：未知的选项“{}”（可选 operating 已认定、preparing 筹建）",
                shorten(status, 24)
            ),
        ));
        return None;
    }
    let approved = if e.approved.trim().is_empty() {
        None
    } else {
        let d = Date::parse(&e.approved);
        if d.is_none() {
            errors.push(DraftError::at(
                FieldPath::top("certification.establishment.approved"),
                format!(
                    "批准筹建日期：“{}”不是 YYYY-MM-DD 格式的日期",
                    shorten(e.approved.trim(), 24)
                ),
            ));
        }
        d
    };
    if !e.preparing() {
        if approved.is_some() {
            warnings.push("填写了批准筹建日期，但未选择“筹建”：未按第十五条检查。".into());
        }
        return None;
    }
    let deadline = approved.and_then(|d| d.add_years(1));
    let days_left = match (deadline, today) {
        (Some(d), Some(t)) => Some(t.until(d)),
        _ => None,
    };
    let expired = days_left.is_some_and(|n| n < 0);
    let missing: Vec<ConditionId> = conditions
        .iter()
        .filter(|c| !c.status.satisfied())
        .map(|c| c.id)
        .collect();
    let mut summary = match (approved, deadline, days_left) {
        (None, _, _) => "筹建（第十五条）：未填写批准筹建日期，无法计算筹建期".to_string(),
        (Some(a), Some(d), Some(n)) if n < 0 => format!(
            "筹建（第十五条）：{} 批准筹建，筹建期至 {}，已期满 {} 天；期满验收未通过的，取消筹建资格",
            a.zh(),
            d.zh(),
            -n
        ),
        (Some(a), Some(d), Some(n)) => format!(
            "筹建（第十五条）：{} 批准筹建，筹建期至 {}（还有 {n} 天），建成验收通过后纳入市级平台管理",
            a.zh(),
            d.zh()
        ),
        (Some(a), Some(d), None) => format!(
            "筹建（第十五条）：{} 批准筹建，筹建期至 {}",
            a.zh(),
            d.zh()
        ),
        (Some(a), None, _) => format!("筹建（第十五条）：{} 批准筹建", a.zh()),
    };
    if missing.is_empty() {
        summary.push_str("；认定条件均已满足，可申请验收");
    } else {
        summary.push_str(&format!("；验收前尚有 {} 项认定条件未满足", missing.len()));
    }
    Some(EstablishmentCheck {
        approved,
        deadline,
        days_left,
        expired,
        missing,
        summary,
    })
}

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
            "所在区县 {district} 属{}地区：量化条件（面积、场地、人员、入驻企业、营业收入等）可申请适当降低标准或设置达成时限（第十七条）。这不是当然的豁免：是否降低、降低多少由市人力社保局在认定时决定；记录批准（降低后的标准或达成时限、文号）后按批准检查，未记录批准的未达标项仍为未达标。",
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

/// An "或" row (Art. 13 (三)): met when either half is met (or met under a grant).
fn any_of(def: &ConditionDef, halves: Vec<Condition>) -> Condition {
    let any = |s: Status| halves.iter().any(|c| c.status == s);
    let status = [
        Status::Met,
        Status::MetUnderGrant,
        Status::WithinDeadline,
        Status::Blank,
        Status::DeadlineUnchecked,
        Status::MissedWithoutGrant,
    ]
    .into_iter()
    .find(|s| any(*s))
    .unwrap_or(Status::Missed);
    let short_name = |c: &Condition| -> &'static str {
        CONDITIONS
            .iter()
            .find(|d| d.id == c.id)
            .map(|d| d.short_name)
            .unwrap_or("")
    };
    let shortfall = match status {
        Status::Met | Status::MetUnderGrant | Status::Unconfirmed => None,
        Status::Blank | Status::DeadlineUnchecked | Status::WithinDeadline => {
            let parts: Vec<String> = halves
                .iter()
                .map(|c| match &c.shortfall {
                    Some(s) => format!("{}：{s}", short_name(c)),
                    None => format!("{}：{}", short_name(c), c.status.label_zh()),
                })
                .collect();
            Some(format!("{}（满足其一即可）", parts.join("；")))
        }
        Status::Missed | Status::MissedWithoutGrant => {
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
        relief: (status == Status::MissedWithoutGrant).then(|| RELIEF_TEXT.to_string()),
        grant: None,
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
