//! Article 17 as it applies to one draft: the grants recorded (`certification.relief`),
//! read and validated ([`read_grants`]), and a quantitative row judged against the
//! measures' threshold or a granted one ([`Relief::judge`]), with the shortfall in words.
//! Its own room because Art. 17 is the check's one rule with a region, a document and a
//! date; the check only asks it.

use super::conditions::{definition, Comparison, ConditionDef, ConditionId, ThresholdDef};
use super::report::{amount_text, GrantCheck, GrantConcern, Status, Threshold};
use crate::domain::date::Date;
use crate::domain::draft::certification::{read_number_in, CertKind, Certification};
use crate::domain::draft::{DraftError, FieldPath};
use crate::domain::number::{fmt_decimal, fmt_grouped, is_blank, shorten};
use rust_decimal::Decimal;

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
pub(super) struct Grant {
    index: usize,
    threshold: Option<Decimal>,
    pub(super) deadline: Option<Date>,
    document: String,
    concerns: Vec<GrantConcern>,
}

/// Art. 17 as it applies to one draft: whether the region allows relief, the grants
/// recorded (only applied in such a region), and the date deadlines are compared with.
pub(super) struct Relief {
    pub(super) region: bool,
    pub(super) grants: Vec<(ConditionId, Grant)>,
    pub(super) today: Option<Date>,
}

impl Relief {
    pub(super) fn grant(&self, id: ConditionId) -> Option<&Grant> {
        if !self.region {
            return None;
        }
        self.grants.iter().find(|(c, _)| *c == id).map(|(_, g)| g)
    }

    /// The grant as the report shows it.
    pub(super) fn check(&self, g: &Grant, q: &ThresholdDef) -> GrantCheck {
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
            concerns: g.concerns.clone(),
        }
    }

    /// The status of a quantitative row whose value is known: `meets(t)` says whether the
    /// value meets threshold `t`. Returns the status, the shortfall (when not met) and the
    /// grant as applied.
    pub(super) fn judge(
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

/// The Art. 17 grants of a draft, read and validated: each names a quantitative condition
/// of the platform's type once, and gives a lowered threshold, a 达成时限 or both.
///
/// Over 150 lines: each member of an Art. 17 grant read and checked in turn.
pub(super) fn read_grants(
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
        if key.is_empty() {
            // A row just added and not yet touched is no grant and no mistake: nothing is
            // said until something is typed (issue 23: it showed “”不是本类平台的认定条件 in
            // red). Once a field is filled, the missing condition is asked for.
            let untouched = is_blank(&g.threshold)
                && g.deadline.trim().is_empty()
                && g.document.trim().is_empty();
            if !untouched {
                errors.push(DraftError::at(
                    path("condition"),
                    format!("第十七条批准（第 {n} 条）：请选择批准所针对的认定条件"),
                ));
            }
            continue;
        }
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
            match read_number_in(&g.threshold, kind, q.unit) {
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
        let mut concerns = Vec::new();
        if !def.named_in_relief {
            concerns.push(GrantConcern::OutsideNamed);
        }
        if let Some(t) = threshold {
            let two = Decimal::TWO;
            let more_than_half = match q.comparison {
                Comparison::AtLeast | Comparison::MoreThan => t * two < q.value(),
                Comparison::AtMost => t > q.value() * two,
            };
            if more_than_half {
                concerns.push(GrantConcern::MoreThanHalf);
            }
        }
        for c in &concerns {
            warnings.push(format!("第 {n} 条：{}", c.text_zh(def.wording)));
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
                concerns,
            },
        ));
    }
    out
}
