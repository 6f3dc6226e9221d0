//! Applying one [`Edit`] to a [`Work`] ([`Work::apply`]): names, texts, numbers kept as
//! typed, fields added, renamed and removed, indicators, 选其一 pairs. Its own room because
//! it is the editor's largest job and the only one that changes the work.

use super::{next_field_key, next_indicator_id, Edit, Slot, Work};
use crate::domain::number::parse_decimal;
use crate::domain::rubric::{Field, Indicator, Pair, Term};

/// Why an [`Edit`] did not apply: the kind, and the place (an indicator id, a field key,
/// a group or pair id) it names. `Display` is the Chinese sentence the editor shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    NoIndicator(String),
    NoGroup(String),
    NoPair(String),
    /// The indicator has no such tier (`TierLabel`).
    NoTier(String),
    /// The indicator has no such preset score (`PresetLabel`).
    NoPreset(String),
    /// The indicator has no field of this key: (indicator, field).
    NoField(FieldPlace),
    /// The indicator has no number of this kind (the slot's name).
    NoSlot {
        indicator: String,
        slot: &'static str,
    },
    /// A 选其一 of an indicator with itself.
    PairOfOne,
    AlreadyPaired {
        indicator: String,
        pair: String,
    },
    /// The first of a 选其一 has no cap to share.
    PairWithoutCap(String),
    /// The field's rule has a fixed set of fields: no field is added to it (its label).
    FixedFields {
        indicator: String,
        label: String,
    },
    /// The field shares its rule with another (二者替代): not removed alone.
    SharedRule(FieldPlace),
    /// The indicator's last field.
    LastField(String),
}

/// A field of an indicator, as a refusal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPlace {
    pub indicator: String,
    pub field: String,
}

impl Refused {
    fn place(indicator: &str, field: &str) -> FieldPlace {
        FieldPlace {
            indicator: indicator.to_string(),
            field: field.to_string(),
        }
    }

    fn no_field(indicator: &str, field: &str) -> Refused {
        Refused::NoField(Refused::place(indicator, field))
    }

    /// The indicator the refusal is about, if one.
    pub fn indicator(&self) -> Option<&str> {
        match self {
            Refused::NoIndicator(i)
            | Refused::NoTier(i)
            | Refused::NoPreset(i)
            | Refused::PairWithoutCap(i)
            | Refused::LastField(i)
            | Refused::NoSlot { indicator: i, .. }
            | Refused::AlreadyPaired { indicator: i, .. }
            | Refused::FixedFields { indicator: i, .. }
            | Refused::NoField(FieldPlace { indicator: i, .. })
            | Refused::SharedRule(FieldPlace { indicator: i, .. }) => Some(i),
            Refused::NoGroup(_) | Refused::NoPair(_) | Refused::PairOfOne => None,
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::NoIndicator(id) => write!(f, "指标 {id} 不存在"),
            Refused::NoGroup(g) => write!(f, "一级指标 {g} 不存在"),
            Refused::NoPair(p) => write!(f, "选其一 {p} 不存在"),
            Refused::NoTier(i) => write!(f, "指标 {i} 没有这一档"),
            Refused::NoPreset(i) => write!(f, "指标 {i} 没有这一预设分值"),
            Refused::NoField(FieldPlace { indicator, field }) => {
                write!(f, "指标 {indicator} 没有填写项 {field}")
            }
            Refused::NoSlot { indicator, slot } => write!(f, "指标 {indicator} 没有{slot}"),
            Refused::PairOfOne => f.write_str("选其一须是两个不同的指标"),
            Refused::AlreadyPaired { indicator, pair } => {
                write!(f, "指标 {indicator} 已在选其一 {pair} 中")
            }
            Refused::PairWithoutCap(i) => write!(f, "指标 {i} 没有分值上限，不能选其一"),
            Refused::FixedFields { indicator, label } => write!(
                f,
                "指标 {indicator} 的填写项“{label}”所用的计分规则（二者替代、综合评定、档次、逐项）有固定的填写项，不能再增加"
            ),
            Refused::SharedRule(FieldPlace { indicator, field }) => write!(
                f,
                "指标 {indicator} 的填写项 {field} 与另一项共用一条计分规则（二者替代），不能单独删除"
            ),
            Refused::LastField(i) => {
                write!(f, "指标 {i} 至少保留一个填写项；如不再需要这个指标，请删除指标")
            }
        }
    }
}

impl std::error::Error for Refused {}

impl Work {
    fn indicator_mut(&mut self, id: &str) -> Result<&mut Indicator, Refused> {
        self.rubric
            .indicators
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| Refused::NoIndicator(id.to_string()))
    }

    /// Applies one edit. `Err` (a [`Refused`], said in Chinese) when it cannot apply;
    /// nothing then changes.
    /// A number that is not one is not an error here: it is kept as typed and reported by
    /// [`Work::problems`].
    ///
    /// Over 150 lines: one arm per kind of edit.
    pub fn apply(&mut self, edit: Edit) -> Result<(), Refused> {
        match edit {
            Edit::Edition(name) => self.rubric.edition = name,
            Edit::Title(t) => self.rubric.title = t,
            Edit::GroupName { group, name } => {
                let g = self
                    .rubric
                    .groups
                    .iter_mut()
                    .find(|g| g.id == group)
                    .ok_or_else(|| Refused::NoGroup(group.clone()))?;
                g.name = name;
            }
            Edit::Name { indicator, name } => self.indicator_mut(&indicator)?.name = name,
            Edit::Standard { indicator, text } => self.indicator_mut(&indicator)?.standard = text,
            Edit::Reading { indicator, text } => {
                self.indicator_mut(&indicator)?.reading = (!text.trim().is_empty()).then_some(text)
            }
            Edit::Number { slot, text } => self.set_number(slot, text)?,
            Edit::FieldLabel {
                indicator,
                field,
                label,
            } => self.field_mut(&indicator, &field)?.label = label,
            Edit::FieldUnit {
                indicator,
                field,
                unit,
            } => self.field_mut(&indicator, &field)?.unit = unit,
            Edit::TierLabel {
                indicator,
                term,
                tier,
                label,
            } => {
                let ind = self.indicator_mut(&indicator)?;
                match ind.terms.get_mut(term) {
                    Some(Term::Tier { tiers, .. }) if tier < tiers.len() => {
                        tiers[tier].label = label
                    }
                    _ => return Err(Refused::NoTier(indicator)),
                }
            }
            Edit::PresetLabel {
                indicator,
                preset,
                label,
            } => {
                let ind = self.indicator_mut(&indicator)?;
                let p = ind
                    .presets
                    .get_mut(preset)
                    .ok_or_else(|| Refused::NoPreset(indicator.clone()))?;
                p.label = label;
            }
            Edit::AddIndicator { template } => {
                let t = self
                    .rubric
                    .indicator(&template)
                    .ok_or_else(|| Refused::NoIndicator(template.clone()))?
                    .clone();
                // Fresh in this work and in the base too: a removed 3.3 is never reused, so
                // that the diff and a moved draft never take a new indicator for the old one.
                let mut id = next_indicator_id(&self.rubric, &t.group);
                if let Some(base) = self.base() {
                    let later = next_indicator_id(base, &t.group);
                    let n = |s: &str| {
                        s.rsplit_once('.')
                            .and_then(|(_, k)| k.parse::<u32>().ok())
                            .unwrap_or(0)
                    };
                    if n(&later) > n(&id) && self.rubric.indicator(&later).is_none() {
                        id = later;
                    }
                }
                let at = self
                    .rubric
                    .indicators
                    .iter()
                    .rposition(|i| i.group == t.group)
                    .map_or(self.rubric.indicators.len(), |p| p + 1);
                let copy = Indicator {
                    id,
                    name: format!("{}（新增）", t.name),
                    ..t
                };
                self.rubric.indicators.insert(at, copy);
            }
            Edit::RemoveIndicator { indicator } => {
                let at = self
                    .rubric
                    .indicators
                    .iter()
                    .position(|i| i.id == indicator)
                    .ok_or_else(|| Refused::NoIndicator(indicator.clone()))?;
                self.rubric.indicators.remove(at);
                self.rubric
                    .pairs
                    .retain(|p| !p.members.contains(&indicator));
                let prefix = format!(":{indicator}");
                self.typed
                    .retain(|k, _| !(k.contains(&format!("{prefix}:")) || k.ends_with(&prefix)));
            }
            Edit::AddField {
                indicator,
                template,
            } => self.add_field(&indicator, &template)?,
            Edit::RemoveField { indicator, field } => self.remove_field(&indicator, &field)?,
            Edit::Pair { first, second } => {
                if first == second {
                    return Err(Refused::PairOfOne);
                }
                for m in [&first, &second] {
                    if self.rubric.indicator(m).is_none() {
                        return Err(Refused::NoIndicator(m.clone()));
                    }
                    if let Some(p) = self.rubric.pair_of(m) {
                        return Err(Refused::AlreadyPaired {
                            indicator: m.clone(),
                            pair: p.id.clone(),
                        });
                    }
                }
                let cap = self
                    .rubric
                    .indicator(&first)
                    .and_then(|i| i.cap)
                    .ok_or_else(|| Refused::PairWithoutCap(first.clone()))?;
                self.indicator_mut(&second)?.cap = Some(cap);
                self.typed.remove(
                    &Slot::Cap {
                        indicator: second.clone(),
                    }
                    .key(),
                );
                self.rubric.pairs.push(Pair {
                    id: format!("{first}/{second}"),
                    members: vec![first, second],
                    cap,
                });
            }
            Edit::Unpair { pair } => {
                let before = self.rubric.pairs.len();
                self.rubric.pairs.retain(|p| p.id != pair);
                if before == self.rubric.pairs.len() {
                    return Err(Refused::NoPair(pair));
                }
            }
        }
        Ok(())
    }

    fn field_mut(&mut self, indicator: &str, field: &str) -> Result<&mut Field, Refused> {
        self.indicator_mut(indicator)?
            .fields
            .iter_mut()
            .find(|f| f.key == field)
            .ok_or_else(|| Refused::no_field(indicator, field))
    }

    fn set_number(&mut self, slot: Slot, text: String) -> Result<(), Refused> {
        let key = slot.key();
        if self.value(&slot).is_none() && !matches!(slot, Slot::Cap { .. }) {
            return Err(Refused::NoSlot {
                indicator: slot.indicator().to_string(),
                slot: slot.label_zh(),
            });
        }
        let ind = slot.indicator().to_string();
        if self.rubric.indicator(&ind).is_none() {
            return Err(Refused::NoIndicator(ind));
        }
        // Kept as typed (valid or not), so that the input never rewrites what is being typed
        // ("0." stays "0.", not "0"); the rubric takes the value once it is a number.
        let parsed = parse_decimal(&text);
        self.typed.insert(key, text);
        let Ok(v) = parsed else {
            return Ok(());
        };
        let pair = self.rubric.pair_of(&ind).cloned();
        let i = self.indicator_mut(&ind)?;
        match &slot {
            Slot::Cap { .. } => {
                i.cap = Some(v);
                // A 选其一 pair shares one cap: both members and the pair follow.
                if let Some(p) = pair {
                    for m in &p.members {
                        if let Some(other) = self.rubric.indicators.iter_mut().find(|x| &x.id == m)
                        {
                            other.cap = Some(v);
                        }
                        self.typed.remove(
                            &Slot::Cap {
                                indicator: m.clone(),
                            }
                            .key(),
                        );
                    }
                    if let Some(q) = self.rubric.pairs.iter_mut().find(|q| q.id == p.id) {
                        q.cap = v;
                    }
                }
            }
            Slot::Unit { term, .. } => match &mut i.terms[*term] {
                Term::PerUnit { unit, .. }
                | Term::Replacement { unit, .. }
                | Term::AreaAbove { unit, .. } => *unit = v,
                _ => {}
            },
            Slot::Points { term, .. } => match &mut i.terms[*term] {
                Term::PerUnit { points, .. }
                | Term::Replacement { points, .. }
                | Term::AreaAbove { points, .. }
                | Term::Deduction { points, .. }
                | Term::EachOf { points, .. } => *points = v,
                _ => {}
            },
            Slot::SpecialPoints { term, .. } => {
                if let Term::Replacement { special_points, .. } = &mut i.terms[*term] {
                    *special_points = v
                }
            }
            Slot::Threshold { term, .. } => {
                if let Term::AreaAbove { threshold, .. } = &mut i.terms[*term] {
                    *threshold = v
                }
            }
            Slot::Tier { term, tier, .. } => {
                if let Term::Tier { tiers, .. } = &mut i.terms[*term] {
                    tiers[*tier].points = v
                }
            }
            Slot::Preset { preset, .. } => i.presets[*preset].value = v,
        }
        Ok(())
    }

    fn add_field(&mut self, indicator: &str, template: &str) -> Result<(), Refused> {
        let ind = self.indicator_mut(indicator)?;
        let field = ind
            .fields
            .iter()
            .find(|f| f.key == template)
            .cloned()
            .ok_or_else(|| Refused::no_field(indicator, template))?;
        let term = ind
            .terms
            .iter()
            .find(|t| t.fields() == [template])
            .cloned()
            .filter(|t| {
                matches!(
                    t,
                    Term::PerUnit { .. } | Term::AreaAbove { .. } | Term::Deduction { .. }
                )
            })
            .ok_or_else(|| Refused::FixedFields {
                indicator: indicator.to_string(),
                label: field.label.clone(),
            })?;
        let key = next_field_key(ind, template);
        let mut term = term;
        rename_field(&mut term, template, &key);
        let at = ind
            .fields
            .iter()
            .position(|f| f.key == template)
            .map_or(ind.fields.len(), |p| p + 1);
        ind.fields.insert(
            at,
            Field {
                key: key.clone(),
                label: format!("{}（新增）", field.label),
                part_of: None,
                // A copy means what its template means only in its own indicator.
                role: None,
                ..field
            },
        );
        ind.terms.push(term);
        Ok(())
    }

    fn remove_field(&mut self, indicator: &str, field: &str) -> Result<(), Refused> {
        let ind = self.indicator_mut(indicator)?;
        if !ind.fields.iter().any(|f| f.key == field) {
            return Err(Refused::no_field(indicator, field));
        }
        if ind
            .terms
            .iter()
            .any(|t| t.fields().len() > 1 && t.fields().contains(&field))
        {
            return Err(Refused::SharedRule(Refused::place(indicator, field)));
        }
        let left = ind
            .terms
            .iter()
            .filter(|t| !t.fields().contains(&field))
            .count();
        if left == 0 {
            return Err(Refused::LastField(indicator.to_string()));
        }
        // Term positions shift: typed numbers of this indicator's terms are dropped.
        let removed: Vec<usize> = ind
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.fields().contains(&field))
            .map(|(n, _)| n)
            .collect();
        ind.terms.retain(|t| !t.fields().contains(&field));
        ind.fields.retain(|f| f.key != field);
        for f in &mut ind.fields {
            if f.part_of.as_deref() == Some(field) {
                f.part_of = None;
            }
        }
        // A report template naming the field would fail its check: the placeholder goes.
        if let Some(report) = &mut ind.report {
            *report = report.replace(&format!("{{{field}}}"), "");
        }
        if !removed.is_empty() {
            let mark = format!(":{indicator}:");
            self.typed
                .retain(|k, _| !k.contains(&mark) || k.starts_with("preset:"));
        }
        Ok(())
    }
}

fn rename_field(t: &mut Term, from: &str, to: &str) {
    let swap = |f: &mut String| {
        if f == from {
            *f = to.to_string();
        }
    };
    match t {
        Term::PerUnit { field, .. }
        | Term::AreaAbove { field, .. }
        | Term::Judged { field }
        | Term::Tier { field, .. }
        | Term::Deduction { field, .. }
        | Term::EachOf { field, .. } => swap(field),
        Term::Replacement { total, special, .. } => {
            swap(total);
            swap(special);
        }
    }
}
