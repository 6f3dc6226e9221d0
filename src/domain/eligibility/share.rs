//! Article 12 (四) "人力资源服务企业年度营业收入占比60%以上": the one condition whose value
//! is computed (from two amounts, decided exactly) rather than typed. Its row, threshold
//! and inputs are in [`CONDITIONS`](super::conditions::CONDITIONS).

use super::conditions::{ConditionDef, ThresholdDef, RELIEF_TEXT};
use super::judge::{evaluate, Inputs, Resolved};
use super::relief::Relief;
use super::report::{amount_text, Condition, Status};
use super::suggest::ValueSource;
use crate::domain::draft::{DraftError, FieldPath};
use crate::domain::number::{fmt_decimal, fmt_grouped};
use rust_decimal::{Decimal, RoundingStrategy};

/// The share row (Art. 12 (四)): decided on the exact ratio, not the truncated
/// percentage shown.
pub(super) fn share_condition(
    inputs: &mut Inputs,
    def: &ConditionDef,
    part: &'static str,
    total: &'static str,
    t: &ThresholdDef,
    relief: &Relief,
    warnings: &mut Vec<String>,
) -> Condition {
    let revenue = inputs.resolve(total).map(|r| (r.value, r.source));
    let share = hr_share(inputs, part, t, revenue, warnings);
    let mut c = evaluate(
        def,
        t,
        share.as_ref().map(|s| Resolved {
            value: s.shown,
            source: s.source.clone(),
        }),
        relief,
    );
    if let Some(s) = &share {
        let threshold = t.value();
        let (status, granted_shortfall, grant) = relief.judge(def, t, s.shown, &|x| s.meets(x));
        c.status = status;
        c.grant = grant;
        c.relief = (c.status == Status::MissedWithoutGrant).then(|| RELIEF_TEXT.to_string());
        if s.met {
            c.shortfall = None;
        } else if c.grant.is_some() {
            c.shortfall = granted_shortfall;
        } else {
            let mut text = if s.shown >= threshold {
                format!("略低于 {}%", fmt_decimal(threshold))
            } else {
                format!("还差 {} 个百分点", fmt_decimal(threshold - s.shown))
            };
            if let Some(x) = s.part_needed {
                text.push_str(&format!(
                    "（{}再增加 {}可达 {}%）",
                    short_label(inputs.label(part)),
                    amount_text(x, "万元"),
                    fmt_decimal(threshold)
                ));
            }
            c.shortfall = Some(text);
        }
    }
    c
}

/// A form label without its "其中：" (人力资源服务企业营业收入).
fn short_label(label: &str) -> &str {
    label.strip_prefix("其中：").unwrap_or(label)
}

/// The HR firms' revenue share, as checked.
struct Share {
    /// The percentage shown, truncated to 2 decimals (never rounded up past the threshold).
    shown: Decimal,
    /// Decided on the exact values.
    met: bool,
    source: ValueSource,
    /// From amounts: (part, total), to decide a granted threshold exactly too.
    amounts: Option<(Decimal, Decimal)>,
    /// From amounts: the increase of the part that reaches the threshold t%
    /// (`(t·r − 100·h) / (100 − t)`; for 60%, `(3r − 5h) / 2`).
    part_needed: Option<Decimal>,
}

impl Share {
    /// Whether the share is at least `t`%, decided on the exact amounts when known.
    fn meets(&self, t: Decimal) -> bool {
        match self.amounts {
            Some((h, r)) => h.saturating_mul(Decimal::ONE_HUNDRED) >= r.saturating_mul(t),
            None => self.shown >= t,
        }
    }
}

/// Art. 12 (四) "人力资源服务企业年度营业收入占比60%以上": from the amounts when both are
/// known, else the percentage typed.
fn hr_share(
    inputs: &mut Inputs,
    part: &'static str,
    t: &ThresholdDef,
    revenue: Option<(Decimal, ValueSource)>,
    warnings: &mut Vec<String>,
) -> Option<Share> {
    let typed = if inputs.cert.raw(t.field).is_some() {
        inputs.entered(t.field)
    } else {
        None
    };
    let hr = if inputs.cert.raw(part).is_some() {
        inputs.entered(part)
    } else {
        None
    };
    if let Some(p) = typed {
        if p > Decimal::ZERO && p <= Decimal::ONE {
            warnings.push(format!(
                "人力资源服务企业营业收入占比按百分数填写：{} 表示 {}%；如指 {}%，请填写 {}。",
                fmt_decimal(p),
                fmt_decimal(p),
                fmt_decimal(p * Decimal::ONE_HUNDRED),
                fmt_decimal(p * Decimal::ONE_HUNDRED)
            ));
        }
    }
    let threshold = t.value();
    if let (Some(h), Some((r, r_source))) = (hr, revenue) {
        if h > r {
            inputs.errors.push(DraftError::at(
                FieldPath::certification(part),
                format!(
                    "认定条件“其中：人力资源服务企业营业收入”：{} 万元不能大于入驻服务业企业营业收入总额（{} 万元，{}）",
                    fmt_grouped(h),
                    fmt_grouped(r),
                    r_source.label_zh()
                ),
            ));
            return None;
        }
        if r.is_zero() {
            warnings.push(
                "入驻服务业企业营业收入总额为 0，无法按金额计算人力资源服务企业营收占比。".into(),
            );
        } else {
            // h / r ≥ t%  ⇔  100·h ≥ t·r, decided without division.
            let hundred_h = h.saturating_mul(Decimal::ONE_HUNDRED);
            let t_r = r.saturating_mul(threshold);
            let met = hundred_h >= t_r;
            let exact = h
                .saturating_mul(Decimal::ONE_HUNDRED)
                .checked_div(r)
                .unwrap_or(Decimal::ZERO);
            let shown = exact
                .round_dp_with_strategy(2, RoundingStrategy::ToZero)
                .normalize();
            if let Some(p) = typed {
                if (p - shown).abs() > Decimal::new(1, 2) {
                    warnings.push(format!(
                        "直接填写的占比 {}% 与按金额计算的 {}% 不一致，以按金额计算为准。",
                        fmt_decimal(p),
                        fmt_decimal(shown)
                    ));
                }
            }
            let needed = (!met)
                .then(|| (t_r - hundred_h).checked_div(Decimal::ONE_HUNDRED - threshold))
                .flatten();
            let from = if r_source == ValueSource::Entered {
                "人力资源服务企业营业收入 ÷ 入驻服务业企业营业收入总额".to_string()
            } else {
                format!(
                    "人力资源服务企业营业收入 ÷ 入驻服务业企业营业收入总额（总额{}）",
                    r_source.label_zh()
                )
            };
            return Some(Share {
                shown,
                met,
                source: ValueSource::Derived { text: from },
                amounts: Some((h, r)),
                part_needed: needed,
            });
        }
    }
    typed.map(|p| Share {
        shown: p,
        met: t.comparison.holds(p, threshold),
        source: ValueSource::Entered,
        amounts: None,
        part_needed: None,
    })
}
