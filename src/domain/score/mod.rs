//! Scoring a draft against its rubric, exactly, with the working shown.
//!
//! Every rule is read as `docs/scoring-rules.md` fixes it: per-unit terms floored one by one,
//! then added; the indicator capped; 选其一 pairs counting one member; deductions
//! uncapped and the total not floored at 0. All arithmetic is `Decimal`, saturating so
//! that no input can make it panic (inputs are bounded by [`super::number::MAX_MAGNITUDE`]
//! anyway, far inside Decimal's range).
//!
//! Over 600 lines: the scoring of every term kind and the next gain read the same working;
//! the words are `words.rs`.

mod words;
pub use words::{headroom_text, pair_swing, SCORE_SHEET_TITLE};

use crate::domain::draft::{check, Checked, Draft, DraftError, Parsed};
use crate::domain::number::{fmt_decimal, fmt_grouped};
use crate::domain::rubric::{FieldKind, FieldRole, Indicator, Level, Term};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The score of a whole draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub rubric: String,
    pub edition: String,
    pub level: Level,
    pub title: String,
    /// The sum of all counted indicator scores, deductions included; may be negative.
    pub total: Decimal,
    /// The sum of the caps (100 for every 2025 rubric).
    pub cap_total: Decimal,
    /// 尚可争取: the points still within reach, the sum of the groups' [`GroupScore::headroom`].
    /// For every draft `total + headroom + deducted == cap_total`, where `deducted` is the
    /// size of the deductions (违法违规); so `total + headroom ≤ cap_total`.
    pub headroom: Decimal,
    pub groups: Vec<GroupScore>,
    pub indicators: Vec<IndicatorScore>,
    pub pairs: Vec<PairOutcome>,
    /// Ids of the indicators still 未填 (see [`IndicatorScore::blank`]), in the table's order.
    pub blank: Vec<String>,
    /// Problems found in the draft; bad fields were scored as blank.
    pub errors: Vec<DraftError>,
}

/// Subtotal of one 一级指标.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    pub id: String,
    pub name: String,
    pub cap: Decimal,
    pub score: Decimal,
    /// 尚可争取: the sum over its capped indicators of `cap − score`, each 选其一 pair
    /// counted once as `pair cap − the counted member's score` (the other member's own
    /// headroom does not add: it only counts by overtaking, which this already covers).
    /// Deductions offer nothing. Never negative.
    pub headroom: Decimal,
}

/// How a 选其一 pair was settled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairOutcome {
    pub id: String,
    pub members: Vec<String>,
    /// The member that counts.
    pub counted: String,
    /// Whether the draft chose it (otherwise the higher score counts; a tie, the first).
    pub explicit: bool,
    /// What the automatic choice would count.
    pub auto: String,
    /// How much less a manual choice counts than the automatic one (0 when none).
    pub loss: Decimal,
}

impl PairOutcome {
    /// "选择 2.1 比自动选择少计 3 分", or `None` when the choice costs nothing.
    pub fn loss_text(&self) -> Option<String> {
        (self.loss > Decimal::ZERO).then(|| {
            format!(
                "选择 {} 比自动选择少计 {} 分（自动选择计 {}）",
                self.counted,
                fmt_decimal(self.loss),
                self.auto
            )
        })
    }
}

/// One indicator's score and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorScore {
    pub id: String,
    pub group: String,
    pub name: String,
    pub cap: Option<Decimal>,
    /// The score that counts toward the total (0 for the uncounted member of a pair).
    pub score: Decimal,
    /// What the indicator scores on its own, capped (shown for both members of a pair).
    pub own: Decimal,
    /// The terms added up, before the cap.
    pub sum: Decimal,
    pub capped: bool,
    pub counted: bool,
    /// 未填: a field the indicator needs is blank (or refused, which scores as blank).
    /// Every field of the rubric's indicator is needed: a half-filled 4.1 (面积 blank, the
    /// staff entered) is 未填 although its staff already score. The member of a 选其一
    /// pair that does not count is never 未填: nothing more is needed from it.
    pub blank: bool,
    /// The keys of the needed fields still blank, in the rubric's order (empty for the
    /// member of a 选其一 pair that does not count).
    pub missing: Vec<String>,
    /// Nothing at all entered for it (the ranking's 未参评 reads this, not `blank`).
    pub empty: bool,
    /// The 选其一 pair it belongs to.
    pub pair: Option<String>,
    pub terms: Vec<TermWorking>,
    pub next: Next,
}

/// One term's working: what was counted, in what units, for how many points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWorking {
    pub kind: &'static str,
    pub field: String,
    pub label: String,
    /// The input's unit (万元, 家, 平方米…).
    pub unit_name: String,
    /// The input as entered (`None` when blank).
    pub input: Option<Decimal>,
    /// Subtracted before counting: the "of which" part of a replacement, or the area
    /// threshold.
    pub minus: Option<Decimal>,
    /// The size of one scoring unit after the level factor (1000 万元, 1 家…).
    pub unit: Decimal,
    /// Completed units.
    pub units: Decimal,
    pub points_each: Decimal,
    pub points: Decimal,
    /// The chosen tier or options, in words.
    pub choice: Option<String>,
}

/// What would earn more points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Next {
    /// 已达上限.
    AtCap,
    /// The smallest increase of each input that earns more, with the points it earns.
    Gains { gains: Vec<Gain> },
    /// Judged, tiered or deducted: no quantity to add.
    NotQuantity,
}

/// "再增加 230 万元营收可再得 0.1 分".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gain {
    pub field: String,
    pub label: String,
    pub unit_name: String,
    pub increase: Decimal,
    /// The whole this field is part of, increased by the same amount (a new above-size
    /// firm is also a new firm).
    pub also: Option<String>,
    /// The points it adds (for the member of a 选其一 pair that does not count: what it
    /// adds to the total by overtaking the counted member).
    pub points: Decimal,
    /// Set when the gain would make this member of a 选其一 pair overtake the named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overtakes: Option<String>,
    /// The field's role in the rubric (its wording in `words`); not in the JSON.
    #[serde(skip)]
    pub role: Option<FieldRole>,
}

impl Report {
    pub fn indicator(&self, id: &str) -> Option<&IndicatorScore> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// Scores a draft leniently: bad fields are reported in [`Report::errors`] and count as
/// blank. Fails only when the draft names no known rubric or edition.
pub fn score_draft(draft: &Draft) -> Result<Report, DraftError> {
    Ok(score_checked(&check(draft)?))
}

/// Scores a draft strictly: any problem refuses it (the `cqhr` command, imports).
pub fn score_strict(draft: &Draft) -> Result<Report, Vec<DraftError>> {
    let report = score_draft(draft).map_err(|e| vec![e])?;
    if report.errors.is_empty() {
        Ok(report)
    } else {
        Err(report.errors)
    }
}

/// Scores checked values.
pub fn score_checked(checked: &Checked) -> Report {
    let rubric = checked.rubric;
    let factor = checked.level.factor();
    let empty = BTreeMap::new();
    let mut indicators: Vec<IndicatorScore> = rubric
        .indicators
        .iter()
        .map(|ind| {
            let values = checked.values.get(&ind.id).unwrap_or(&empty);
            let (terms, sum) = score_terms(ind, values, factor, true);
            let own = capped(ind, sum);
            let missing: Vec<String> = ind
                .fields
                .iter()
                .filter(|f| !values.contains_key(&f.key))
                .map(|f| f.key.clone())
                .collect();
            IndicatorScore {
                id: ind.id.clone(),
                group: ind.group.clone(),
                name: ind.name.clone(),
                cap: ind.cap,
                score: own,
                own,
                sum,
                capped: ind.cap.is_some_and(|c| sum > c),
                counted: true,
                blank: !missing.is_empty(),
                missing,
                empty: values.is_empty(),
                pair: rubric.pair_of(&ind.id).map(|p| p.id.clone()),
                terms,
                next: next_gain(ind, values, factor, own),
            }
        })
        .collect();

    // 选其一: only the chosen member counts; unchosen, the higher (a tie: the first).
    let mut pairs = Vec::new();
    for pair in &rubric.pairs {
        let own_of = |id: &str| {
            indicators
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.own)
                .unwrap_or_default()
        };
        let mut auto = pair.members[0].clone();
        for m in &pair.members[1..] {
            if own_of(m) > own_of(&auto) {
                auto = m.clone();
            }
        }
        let (counted, explicit) = match checked.choices.get(&pair.id) {
            Some(c) => (c.clone(), true),
            None => (auto.clone(), false),
        };
        let loss = (own_of(&auto) - own_of(&counted)).max(Decimal::ZERO);
        let counted_own = own_of(&counted);
        for ind in indicators
            .iter_mut()
            .filter(|i| pair.members.contains(&i.id))
        {
            ind.counted = ind.id == counted;
            if !ind.counted {
                ind.score = Decimal::ZERO;
                // Not counted, so not owed: its blanks are no 未填.
                ind.blank = false;
                ind.missing.clear();
                // The member that does not count offers only the gains that would make
                // it count, and then only what they add to the total.
                // Under a manual choice it never counts: no gain line at all.
                if let Next::Gains { gains } = &mut ind.next {
                    gains.retain(|g| !explicit && ind.own.sat_add(g.points) > counted_own);
                    for g in gains.iter_mut() {
                        g.points = (ind.own.sat_add(g.points) - counted_own).normalize();
                        g.overtakes = Some(counted.clone());
                    }
                }
            }
        }
        pairs.push(PairOutcome {
            id: pair.id.clone(),
            members: pair.members.clone(),
            counted,
            explicit,
            auto,
            loss,
        });
    }

    let groups: Vec<GroupScore> = rubric
        .groups
        .iter()
        .map(|g| GroupScore {
            id: g.id.clone(),
            name: g.name.clone(),
            cap: rubric.group_cap(&g.id),
            score: indicators
                .iter()
                .filter(|i| i.group == g.id)
                .fold(Decimal::ZERO, |a, i| a.sat_add(i.score)),
            headroom: group_headroom(rubric, &g.id, &indicators),
        })
        .collect();
    let headroom = groups
        .iter()
        .fold(Decimal::ZERO, |a, g| a.sat_add(g.headroom));
    let total = indicators
        .iter()
        .fold(Decimal::ZERO, |a, i| a.sat_add(i.score));
    let blank = indicators
        .iter()
        .filter(|i| i.blank)
        .map(|i| i.id.clone())
        .collect();
    Report {
        rubric: rubric.id.clone(),
        edition: rubric.edition.clone(),
        level: checked.level,
        title: rubric.title.clone(),
        total,
        cap_total: rubric.cap_total(),
        headroom,
        groups,
        indicators,
        pairs,
        blank,
        errors: checked.errors.clone(),
    }
}

/// 尚可争取 of one 一级指标 (see [`GroupScore::headroom`]).
fn group_headroom(
    rubric: &crate::domain::rubric::Rubric,
    group: &str,
    indicators: &[IndicatorScore],
) -> Decimal {
    let mut seen_pairs: Vec<&str> = Vec::new();
    let mut sum = Decimal::ZERO;
    for ind in indicators.iter().filter(|i| i.group == group) {
        let room = match rubric.pair_of(&ind.id) {
            Some(pair) => {
                if seen_pairs.contains(&pair.id.as_str()) {
                    continue;
                }
                seen_pairs.push(&pair.id);
                // The pair's cap, reachable through either member, less what counts now.
                let counted = indicators
                    .iter()
                    .filter(|i| pair.members.contains(&i.id))
                    .fold(Decimal::ZERO, |a, i| a.sat_add(i.score));
                pair.cap - counted
            }
            None => match ind.cap {
                Some(cap) => cap - ind.score,
                None => Decimal::ZERO,
            },
        };
        sum = sum.sat_add(room.max(Decimal::ZERO));
    }
    sum
}

fn capped(ind: &Indicator, sum: Decimal) -> Decimal {
    match ind.cap {
        Some(cap) => sum.min(cap),
        None => sum,
    }
}

/// `floor(value / unit)`, saturating.
fn whole_units(value: Decimal, unit: Decimal) -> Decimal {
    value
        .checked_div(unit)
        .map(|q| q.floor())
        .unwrap_or(Decimal::MAX)
}

fn number(values: &BTreeMap<String, Parsed>, key: &str) -> Option<Decimal> {
    match values.get(key) {
        Some(Parsed::Number(d)) => Some(*d),
        _ => None,
    }
}

fn field_of<'a>(ind: &'a Indicator, key: &'a str) -> (&'a str, &'a str) {
    ind.fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| (f.label.as_str(), f.unit.as_str()))
        .unwrap_or((key, ""))
}

/// Scores an indicator's terms; returns their working and their sum before the cap.
/// Without `words` (the next-gain trials, which only need the sum) the working's texts
/// are left empty, which saves their allocations.
fn score_terms(
    ind: &Indicator,
    values: &BTreeMap<String, Parsed>,
    factor: Decimal,
    words: bool,
) -> (Vec<TermWorking>, Decimal) {
    let mut out = Vec::new();
    let mut sum = Decimal::ZERO;
    let text = |s: &str| if words { s.to_string() } else { String::new() };
    let blank_term = |kind, field: &str, unit, points_each| {
        let (label, unit_name) = field_of(ind, field);
        TermWorking {
            kind,
            field: text(field),
            label: text(label),
            unit_name: text(unit_name),
            input: None,
            minus: None,
            unit,
            units: Decimal::ZERO,
            points_each,
            points: Decimal::ZERO,
            choice: None,
        }
    };
    for term in &ind.terms {
        match term {
            Term::PerUnit {
                field,
                unit,
                points,
            } => {
                let u = unit.sat_mul(factor);
                let mut w = blank_term("per_unit", field, u, *points);
                if let Some(v) = number(values, field) {
                    w.input = Some(v);
                    w.units = whole_units(v, u);
                    w.points = w.units.sat_mul(*points);
                }
                sum = sum.sat_add(w.points);
                out.push(w);
            }
            Term::Replacement {
                total,
                special,
                unit,
                points,
                special_points,
            } => {
                let u = unit.sat_mul(factor);
                let t = number(values, total);
                let s = number(values, special);
                let mut ordinary = blank_term("ordinary", total, u, *points);
                let mut above = blank_term("special", special, u, *special_points);
                if t.is_some() || s.is_some() {
                    let t = t.unwrap_or_default();
                    let s = s.unwrap_or_default();
                    ordinary.input = Some(t);
                    ordinary.minus = Some(s);
                    ordinary.units = whole_units((t - s).max(Decimal::ZERO), u);
                    ordinary.points = ordinary.units.sat_mul(*points);
                    above.input = Some(s);
                    above.units = whole_units(s, u);
                    above.points = above.units.sat_mul(*special_points);
                }
                sum = sum.sat_add(ordinary.points).sat_add(above.points);
                out.push(ordinary);
                out.push(above);
            }
            Term::AreaAbove {
                field,
                threshold,
                unit,
                points,
            } => {
                let u = unit.sat_mul(factor);
                let b = threshold.sat_mul(factor);
                let mut w = blank_term("area_above", field, u, *points);
                w.minus = Some(b);
                if let Some(v) = number(values, field) {
                    w.input = Some(v);
                    w.units = whole_units((v - b).max(Decimal::ZERO), u);
                    w.points = w.units.sat_mul(*points);
                }
                sum = sum.sat_add(w.points);
                out.push(w);
            }
            Term::Judged { field } => {
                let mut w = blank_term("judged", field, Decimal::ONE, Decimal::ONE);
                if let Some(v) = number(values, field) {
                    w.input = Some(v);
                    w.points = v;
                }
                sum = sum.sat_add(w.points);
                out.push(w);
            }
            Term::Tier { field, tiers } => {
                let mut w = blank_term("tier", field, Decimal::ONE, Decimal::ZERO);
                if let Some(Parsed::Tier(key)) = values.get(field) {
                    if let Some(t) = tiers.iter().find(|t| &t.key == key) {
                        w.points = t.points;
                        w.points_each = t.points;
                        w.input = Some(Decimal::ONE);
                        w.choice = Some(t.label.clone());
                    }
                }
                sum = sum.sat_add(w.points);
                out.push(w);
            }
            Term::Deduction { field, points } => {
                // Art./附表 "每发生1次扣1分": never scaled by level, never capped.
                let mut w = blank_term("deduction", field, Decimal::ONE, *points);
                if let Some(v) = number(values, field) {
                    w.input = Some(v);
                    w.units = v;
                    w.points = v.sat_mul(*points);
                }
                sum = sum.sat_add(w.points);
                out.push(w);
            }
            Term::EachOf {
                field,
                points,
                options,
            } => {
                let mut w = blank_term("each_of", field, Decimal::ONE, *points);
                if let Some(Parsed::Set(set)) = values.get(field) {
                    let n = Decimal::from(set.len());
                    w.input = Some(n);
                    w.units = n;
                    w.points = n.sat_mul(*points);
                    let labels: Vec<&str> = options
                        .iter()
                        .filter(|o| set.contains(&o.key))
                        .map(|o| o.label.as_str())
                        .collect();
                    w.choice = Some(labels.join("、"));
                }
                sum = sum.sat_add(w.points);
                out.push(w);
            }
        }
    }
    (out, sum)
}

/// The distance from `v` up to the next whole multiple of `u` (a full `u` when on one).
fn to_next_multiple(v: Decimal, u: Decimal) -> Decimal {
    let done = whole_units(v, u).sat_mul(u);
    u - (v - done)
}

/// The smallest increase of each quantity that earns more points (Next gain).
fn next_gain(
    ind: &Indicator,
    values: &BTreeMap<String, Parsed>,
    factor: Decimal,
    own: Decimal,
) -> Next {
    if ind.cap.is_some_and(|c| own >= c) {
        return Next::AtCap;
    }
    let mut gains = Vec::new();
    let mut any_quantity = false;
    for field in &ind.fields {
        let key = field.key.as_str();
        let mut best: Option<Decimal> = None;
        let mut also: Option<String> = None;
        let mut offer = |d: Decimal| best = Some(best.map_or(d, |b: Decimal| b.min(d)));
        for term in &ind.terms {
            match term {
                Term::PerUnit { field, unit, .. } if field == key => offer(to_next_multiple(
                    number(values, key).unwrap_or_default(),
                    unit.sat_mul(factor),
                )),
                Term::Replacement {
                    total,
                    special,
                    unit,
                    ..
                } if total == key => {
                    let o = number(values, total).unwrap_or_default()
                        - number(values, special).unwrap_or_default();
                    offer(to_next_multiple(o.max(Decimal::ZERO), unit.sat_mul(factor)));
                }
                Term::Replacement {
                    total,
                    special,
                    unit,
                    ..
                } if special == key => {
                    also = Some(total.clone());
                    offer(to_next_multiple(
                        number(values, key).unwrap_or_default(),
                        unit.sat_mul(factor),
                    ));
                }
                Term::AreaAbove {
                    field,
                    threshold,
                    unit,
                    ..
                } if field == key => {
                    let v = number(values, key).unwrap_or_default();
                    let (b, u) = (threshold.sat_mul(factor), unit.sat_mul(factor));
                    offer(if v < b {
                        b - v + u
                    } else {
                        to_next_multiple(v - b, u)
                    });
                }
                Term::EachOf { field, options, .. } if field == key => {
                    let n = match values.get(key) {
                        Some(Parsed::Set(s)) => s.len(),
                        _ => 0,
                    };
                    if n < options.len() {
                        offer(Decimal::ONE);
                    }
                }
                _ => {}
            }
        }
        let Some(mut increase) = best else { continue };
        any_quantity = true;
        if matches!(field.kind, FieldKind::Count | FieldKind::Set) {
            increase = increase.ceil();
        }
        let raised = apply_increase(ind, values, key, also.as_deref(), increase);
        let (_, new_sum) = score_terms(ind, &raised, factor, false);
        let points = capped(ind, new_sum) - own;
        if points > Decimal::ZERO {
            gains.push(Gain {
                field: key.to_string(),
                label: field.label.clone(),
                unit_name: field.unit.clone(),
                increase: increase.normalize(),
                also,
                points: points.normalize(),
                overtakes: None,
                role: field.role,
            });
        }
    }
    if any_quantity {
        Next::Gains { gains }
    } else {
        Next::NotQuantity
    }
}

/// The values with one quantity increased (and its whole, for an "of which" field).
/// For a set, adds the first option not yet set.
pub fn apply_increase(
    ind: &Indicator,
    values: &BTreeMap<String, Parsed>,
    field: &str,
    also: Option<&str>,
    increase: Decimal,
) -> BTreeMap<String, Parsed> {
    let mut raised = values.clone();
    let is_set = ind
        .fields
        .iter()
        .any(|f| f.key == field && f.kind == FieldKind::Set);
    if is_set {
        let options = ind.terms.iter().find_map(|t| match t {
            Term::EachOf {
                field: f, options, ..
            } if f == field => Some(options),
            _ => None,
        });
        let mut set = match values.get(field) {
            Some(Parsed::Set(s)) => s.clone(),
            _ => Vec::new(),
        };
        if let Some(o) = options.and_then(|os| os.iter().find(|o| !set.contains(&o.key))) {
            set.push(o.key.clone());
        }
        raised.insert(field.to_string(), Parsed::Set(set));
        return raised;
    }
    for key in std::iter::once(field).chain(also) {
        let v = number(values, key).unwrap_or_default();
        raised.insert(key.to_string(), Parsed::Number(v.sat_add(increase)));
    }
    raised
}

/// Saturating arithmetic, out of line. rust_decimal inlines its multiplication and addition
/// (`#[inline(always)]` inside), so each call site here carried its own 1–2 KB copy: about
/// 37 KB of the WebAssembly bundle for the scorer alone. One copy each is as fast here.
trait OutOfLine {
    fn sat_mul(self, other: Decimal) -> Decimal;
    fn sat_add(self, other: Decimal) -> Decimal;
}

impl OutOfLine for Decimal {
    #[inline(never)]
    fn sat_mul(self, other: Decimal) -> Decimal {
        self.saturating_mul(other)
    }
    #[inline(never)]
    fn sat_add(self, other: Decimal) -> Decimal {
        self.saturating_add(other)
    }
}

/// (Moved here from the integration tests: it tests this module's lenient scoring.)
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CP: &str = "comprehensive-park";

    #[test]
    fn bad_fields_are_blank_in_the_lenient_report() {
        let dr = Draft::from_value(json!({"rubric": CP, "inputs": {
            "1.1": {"firms": "2.5"}, "1.2": {"revenue_wan": 2000}, "4.4": {"tier": "great"}}}))
        .unwrap();
        let r = score_draft(&dr).unwrap();
        assert_eq!(r.errors.len(), 2);
        assert!(r.indicator("1.1").unwrap().blank && r.indicator("4.4").unwrap().blank);
        assert_eq!(r.total, Decimal::new(2, 1));
    }
}
