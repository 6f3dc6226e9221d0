//! Article 15 筹建: the one-year 筹建期 and what is still missing for 验收
//! ([`establishment`] → `EstablishmentCheck`). Its own room because it is a separate
//! article with its own dates, read after the conditions.

use super::conditions::ConditionId;
use super::report::{Condition, EstablishmentCheck};
use crate::domain::date::Date;
use crate::domain::draft::certification::{Certification, ESTABLISHMENT_STATUSES};
use crate::domain::draft::{DraftError, FieldPath};
use crate::domain::number::shorten;

/// Art. 15 筹建: the one-year deadline and what is still missing for 验收.
pub(super) fn establishment(
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
