//! The edition editor's work (issue 13, item 2): a copy of a held rubric under a new
//! edition name, changed one [`Edit`] at a time, checked live, and published when valid.
//!
//! Plain Rust: the 评分标准 page (`ui/edition_editor.rs`) only draws a [`Work`] and sends
//! it edits. What the user typed into a number slot is kept as typed
//! ([`Work::typed`]) even when it is not a number; the rubric keeps its last valid value
//! until it is one, and [`Work::problems`] names the slot. No edit panics: an edit that
//! cannot apply (an unknown indicator, a field a rule needs) returns a Chinese message and
//! changes nothing.

use super::{diff, Change, ChangeKind};
use crate::domain::number::{fmt_decimal, parse_decimal};
use crate::domain::rubric::{Field, FieldKind, Indicator, Pair, Rubric, Term};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A number slot of the rubric, addressed by indicator and position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "slot", rename_all = "snake_case")]
pub enum Slot {
    /// An indicator's 分值上限 (for a 选其一 member, the pair's shared cap).
    Cap { indicator: String },
    /// A term's 计分单位.
    Unit { indicator: String, term: usize },
    /// A term's 每单位分值 (a deduction's per case, an each-of's per item).
    Points { indicator: String, term: usize },
    /// A replacement term's 规模以上 per-unit points.
    SpecialPoints { indicator: String, term: usize },
    /// An area term's 面积门槛.
    Threshold { indicator: String, term: usize },
    /// One tier's score.
    Tier {
        indicator: String,
        term: usize,
        tier: usize,
    },
    /// A judged indicator's preset value.
    Preset { indicator: String, preset: usize },
}

impl Slot {
    /// The key of [`Work::typed`] and of the page's input (`cap:1.1`, `points:1.1:0`).
    pub fn key(&self) -> String {
        match self {
            Slot::Cap { indicator } => format!("cap:{indicator}"),
            Slot::Unit { indicator, term } => format!("unit:{indicator}:{term}"),
            Slot::Points { indicator, term } => format!("points:{indicator}:{term}"),
            Slot::SpecialPoints { indicator, term } => format!("special:{indicator}:{term}"),
            Slot::Threshold { indicator, term } => format!("threshold:{indicator}:{term}"),
            Slot::Tier {
                indicator,
                term,
                tier,
            } => format!("tier:{indicator}:{term}:{tier}"),
            Slot::Preset { indicator, preset } => format!("preset:{indicator}:{preset}"),
        }
    }

    pub fn indicator(&self) -> &str {
        match self {
            Slot::Cap { indicator }
            | Slot::Unit { indicator, .. }
            | Slot::Points { indicator, .. }
            | Slot::SpecialPoints { indicator, .. }
            | Slot::Threshold { indicator, .. }
            | Slot::Tier { indicator, .. }
            | Slot::Preset { indicator, .. } => indicator,
        }
    }

    /// What the slot is called in a message.
    pub fn label_zh(&self) -> &'static str {
        match self {
            Slot::Cap { .. } => "分值上限",
            Slot::Unit { .. } => "计分单位",
            Slot::Points { .. } => "分值",
            Slot::SpecialPoints { .. } => "规模以上企业分值",
            Slot::Threshold { .. } => "面积门槛",
            Slot::Tier { .. } => "档次分值",
            Slot::Preset { .. } => "预设分值",
        }
    }
}

/// One change the user makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// The new edition's name (e.g. "2026").
    Edition(String),
    Title(String),
    GroupName {
        group: String,
        name: String,
    },
    Name {
        indicator: String,
        name: String,
    },
    Standard {
        indicator: String,
        text: String,
    },
    /// The project's reading; blank removes it.
    Reading {
        indicator: String,
        text: String,
    },
    /// A number, as typed.
    Number {
        slot: Slot,
        text: String,
    },
    FieldLabel {
        indicator: String,
        field: String,
        label: String,
    },
    FieldUnit {
        indicator: String,
        field: String,
        unit: String,
    },
    TierLabel {
        indicator: String,
        term: usize,
        tier: usize,
        label: String,
    },
    PresetLabel {
        indicator: String,
        preset: usize,
        label: String,
    },
    /// A new indicator after the last of the template's group: the template's copy under a
    /// fresh id ([`next_indicator_id`]).
    AddIndicator {
        template: String,
    },
    /// Removes an indicator (and a 选其一 pair it belonged to).
    RemoveIndicator {
        indicator: String,
    },
    /// A new field copying `template` (and the term that reads it), under a fresh key.
    AddField {
        indicator: String,
        template: String,
    },
    /// Removes a field and the terms that read only it.
    RemoveField {
        indicator: String,
        field: String,
    },
    /// Makes two indicators 选其一 (the pair's cap is the first one's cap, given to both).
    Pair {
        first: String,
        second: String,
    },
    Unpair {
        pair: String,
    },
}

/// The editor's work in progress: kept in the browser (`store`), so it survives a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Work {
    /// The rubric started from: its id, edition and 16-digit fingerprint.
    pub base_id: String,
    pub base_edition: String,
    pub base_fingerprint: String,
    /// The copy being edited.
    pub rubric: Rubric,
    /// Numbers as typed, by [`Slot::key`]: shown as typed; the ones that are not numbers
    /// are reported by [`Work::problems`] and leave the rubric's value unchanged.
    #[serde(default)]
    pub typed: BTreeMap<String, String>,
}

/// One problem of a [`Work`], where it lies (indicator and field or slot), in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkProblem {
    pub indicator: Option<String>,
    pub field: Option<String>,
    /// The [`Slot::key`] of an unreadable number.
    pub slot: Option<String>,
    pub message: String,
}

/// The id after the last indicator of `group`: "3.3" → "3.4", never one in use.
pub fn next_indicator_id(r: &Rubric, group: &str) -> String {
    let mut n = r
        .indicators
        .iter()
        .filter(|i| i.group == group)
        .filter_map(|i| {
            i.id.rsplit_once('.')
                .and_then(|(_, k)| k.parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0)
        + 1;
    loop {
        let id = format!("{group}.{n}");
        if r.indicator(&id).is_none() {
            return id;
        }
        n += 1;
    }
}

/// A field key not used in the indicator: `template_2`, `template_3`, ….
pub fn next_field_key(ind: &Indicator, template: &str) -> String {
    let stem = template.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
    let stem = if stem.is_empty() { "field" } else { stem };
    (2u32..)
        .map(|n| format!("{stem}_{n}"))
        .find(|k| !ind.fields.iter().any(|f| &f.key == k))
        .unwrap_or_else(|| format!("{stem}_x"))
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

impl Work {
    /// A copy of `base` to edit, named `edition`.
    pub fn start(base: &Rubric, edition: &str) -> Work {
        let mut rubric = base.clone();
        rubric.edition = edition.to_string();
        Work {
            base_id: base.id.clone(),
            base_edition: base.edition.clone(),
            base_fingerprint: super::fingerprint(base),
            rubric,
            typed: BTreeMap::new(),
        }
    }

    /// The held rubric started from (bundled or imported), if still held.
    pub fn base(&self) -> Option<&'static Rubric> {
        super::candidates(&self.base_id, &self.base_edition)
            .into_iter()
            .find(|r| super::fingerprint(r) == self.base_fingerprint)
    }

    /// What a number slot shows: as typed when typed, else the rubric's value
    /// (empty for a slot that does not exist).
    pub fn shown(&self, slot: &Slot) -> String {
        if let Some(t) = self.typed.get(&slot.key()) {
            return t.clone();
        }
        self.value(slot).map(fmt_decimal).unwrap_or_default()
    }

    /// The rubric's value in a slot.
    pub fn value(&self, slot: &Slot) -> Option<Decimal> {
        let ind = self.rubric.indicator(slot.indicator())?;
        let term = |t: usize| ind.terms.get(t);
        match slot {
            Slot::Cap { .. } => ind.cap,
            Slot::Unit { term: t, .. } => match term(*t)? {
                Term::PerUnit { unit, .. }
                | Term::Replacement { unit, .. }
                | Term::AreaAbove { unit, .. } => Some(*unit),
                _ => None,
            },
            Slot::Points { term: t, .. } => match term(*t)? {
                Term::PerUnit { points, .. }
                | Term::Replacement { points, .. }
                | Term::AreaAbove { points, .. }
                | Term::Deduction { points, .. }
                | Term::EachOf { points, .. } => Some(*points),
                _ => None,
            },
            Slot::SpecialPoints { term: t, .. } => match term(*t)? {
                Term::Replacement { special_points, .. } => Some(*special_points),
                _ => None,
            },
            Slot::Threshold { term: t, .. } => match term(*t)? {
                Term::AreaAbove { threshold, .. } => Some(*threshold),
                _ => None,
            },
            Slot::Tier { term: t, tier, .. } => match term(*t)? {
                Term::Tier { tiers, .. } => tiers.get(*tier).map(|x| x.points),
                _ => None,
            },
            Slot::Preset { preset, .. } => ind.presets.get(*preset).map(|p| p.value),
        }
    }

    fn indicator_mut(&mut self, id: &str) -> Result<&mut Indicator, String> {
        self.rubric
            .indicators
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| format!("指标 {id} 不存在"))
    }

    /// Applies one edit. `Err` (in Chinese) when it cannot apply; nothing then changes.
    /// A number that is not one is not an error here: it is kept as typed and reported by
    /// [`Work::problems`].
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        match edit {
            Edit::Edition(name) => self.rubric.edition = name,
            Edit::Title(t) => self.rubric.title = t,
            Edit::GroupName { group, name } => {
                let g = self
                    .rubric
                    .groups
                    .iter_mut()
                    .find(|g| g.id == group)
                    .ok_or_else(|| format!("一级指标 {group} 不存在"))?;
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
                    _ => return Err(format!("指标 {indicator} 没有这一档")),
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
                    .ok_or_else(|| format!("指标 {indicator} 没有这一预设分值"))?;
                p.label = label;
            }
            Edit::AddIndicator { template } => {
                let t = self
                    .rubric
                    .indicator(&template)
                    .ok_or_else(|| format!("指标 {template} 不存在"))?
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
                    .ok_or_else(|| format!("指标 {indicator} 不存在"))?;
                self.rubric.indicators.remove(at);
                self.rubric
                    .pairs
                    .retain(|p| !p.members.iter().any(|m| *m == indicator));
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
                    return Err("选其一须是两个不同的指标".into());
                }
                for m in [&first, &second] {
                    if self.rubric.indicator(m).is_none() {
                        return Err(format!("指标 {m} 不存在"));
                    }
                    if let Some(p) = self.rubric.pair_of(m) {
                        return Err(format!("指标 {m} 已在选其一 {} 中", p.id));
                    }
                }
                let cap = self
                    .rubric
                    .indicator(&first)
                    .and_then(|i| i.cap)
                    .ok_or_else(|| format!("指标 {first} 没有分值上限，不能选其一"))?;
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
                    return Err(format!("选其一 {pair} 不存在"));
                }
            }
        }
        Ok(())
    }

    fn field_mut(&mut self, indicator: &str, field: &str) -> Result<&mut Field, String> {
        self.indicator_mut(indicator)?
            .fields
            .iter_mut()
            .find(|f| f.key == field)
            .ok_or_else(|| format!("指标 {indicator} 没有填写项 {field}"))
    }

    fn set_number(&mut self, slot: Slot, text: String) -> Result<(), String> {
        let key = slot.key();
        if self.value(&slot).is_none() && !matches!(slot, Slot::Cap { .. }) {
            return Err(format!("指标 {} 没有{}", slot.indicator(), slot.label_zh()));
        }
        let ind = slot.indicator().to_string();
        if self.rubric.indicator(&ind).is_none() {
            return Err(format!("指标 {ind} 不存在"));
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

    fn add_field(&mut self, indicator: &str, template: &str) -> Result<(), String> {
        let ind = self.indicator_mut(indicator)?;
        let field = ind
            .fields
            .iter()
            .find(|f| f.key == template)
            .cloned()
            .ok_or_else(|| format!("指标 {indicator} 没有填写项 {template}"))?;
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
            .ok_or_else(|| {
                format!(
                    "指标 {indicator} 的填写项“{}”所用的计分规则（二者替代、综合评定、档次、逐项）有固定的填写项，不能再增加",
                    field.label
                )
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
                ..field
            },
        );
        ind.terms.push(term);
        Ok(())
    }

    fn remove_field(&mut self, indicator: &str, field: &str) -> Result<(), String> {
        let ind = self.indicator_mut(indicator)?;
        if !ind.fields.iter().any(|f| f.key == field) {
            return Err(format!("指标 {indicator} 没有填写项 {field}"));
        }
        if ind
            .terms
            .iter()
            .any(|t| t.fields().len() > 1 && t.fields().contains(&field))
        {
            return Err(format!(
                "指标 {indicator} 的填写项 {field} 与另一项共用一条计分规则（二者替代），不能单独删除"
            ));
        }
        let left = ind
            .terms
            .iter()
            .filter(|t| !t.fields().contains(&field))
            .count();
        if left == 0 {
            return Err(format!(
                "指标 {indicator} 至少保留一个填写项；如不再需要这个指标，请删除指标"
            ));
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
                .retain(|k, _| !(k.contains(&mark) && !k.starts_with("preset:")));
        }
        Ok(())
    }

    /// Every problem: numbers not readable, the editor's own rules (the edition's name),
    /// then the rubric's [`Rubric::check_located`]. Empty when the work can be published.
    pub fn problems(&self) -> Vec<WorkProblem> {
        let mut out = Vec::new();
        let r = &self.rubric;
        let ed = r.edition.trim();
        if ed.is_empty() || ed.chars().count() > 20 {
            out.push(WorkProblem {
                indicator: None,
                field: None,
                slot: None,
                message: "新版本名称须为1至20个字（如 2026）".into(),
            });
        } else if ed == self.base_edition {
            out.push(WorkProblem {
                indicator: None,
                field: None,
                slot: None,
                message: format!("新版本名称不能与起点版本“{ed}”相同，请另起名称（如 2026）"),
            });
        }
        for (key, text) in &self.typed {
            let indicator = key.split(':').nth(1).map(str::to_string);
            let what = match key.split(':').next() {
                Some("cap") => "分值上限",
                Some("unit") => "计分单位",
                Some("points") => "分值",
                Some("special") => "规模以上企业分值",
                Some("threshold") => "面积门槛",
                Some("tier") => "档次分值",
                _ => "预设分值",
            };
            let Err(reason) = parse_decimal(text) else {
                continue;
            };
            out.push(WorkProblem {
                message: format!(
                    "指标 {} {what}：“{text}”不是数字（{reason}），已保留所填内容",
                    indicator.clone().unwrap_or_default()
                ),
                indicator,
                field: None,
                slot: Some(key.clone()),
            });
        }
        for ind in &r.indicators {
            if ind.id.trim().is_empty() || ind.id.contains([':', '/']) {
                out.push(WorkProblem {
                    indicator: Some(ind.id.clone()),
                    field: None,
                    slot: None,
                    message: format!("指标编号“{}”须为数字编号（如 3.4）", ind.id),
                });
            }
            for f in &ind.fields {
                let counted = matches!(f.kind, FieldKind::Count | FieldKind::Amount);
                if f.label.trim().is_empty() || (counted && f.unit.trim().is_empty()) {
                    out.push(WorkProblem {
                        indicator: Some(ind.id.clone()),
                        field: Some(f.key.clone()),
                        slot: None,
                        message: format!(
                            "评分表 {}（{}版）指标 {} 字段 {}：填写项名称和单位不能为空",
                            r.id, r.edition, ind.id, f.key
                        ),
                    });
                }
            }
            for (n, p) in ind.presets.iter().enumerate() {
                let over = ind.cap.is_some_and(|c| p.value > c);
                if p.value < Decimal::ZERO || over {
                    out.push(WorkProblem {
                        indicator: Some(ind.id.clone()),
                        field: None,
                        slot: Some(
                            Slot::Preset {
                                indicator: ind.id.clone(),
                                preset: n,
                            }
                            .key(),
                        ),
                        message: format!(
                            "评分表 {}（{}版）指标 {}：预设分值“{}”须在0至上限之间",
                            r.id, r.edition, ind.id, p.label
                        ),
                    });
                }
            }
        }
        out.extend(r.check_located().into_iter().map(|p| WorkProblem {
            indicator: p.indicator,
            field: p.field,
            slot: None,
            message: p.message,
        }));
        out
    }

    /// Reminders that do not stop publishing: an indicator whose points, units, thresholds,
    /// tiers or cap changed while its 评价标准 text stayed word for word the base's. The
    /// 得分表 prints that text beside the score, so a bureau that moves 每家 0.2 分 to 0.3 分
    /// but leaves "每入驻1家得0.2分" would publish a sheet that contradicts itself. One per
    /// indicator, at its `standard` field, naming the changes.
    pub fn reminders(&self) -> Vec<WorkProblem> {
        self.reminders_in(&self.changes())
    }

    /// [`Work::reminders`] from the changes already computed ([`Work::changes`]), so that
    /// the editor diffs the rubric once per edit.
    pub fn reminders_in(&self, changes: &[Change]) -> Vec<WorkProblem> {
        let Some(base) = self.base() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for ind in &self.rubric.indicators {
            let Some(old) = base.indicator(&ind.id) else {
                continue;
            };
            if ind.standard != old.standard {
                continue;
            }
            let moved: Vec<&str> = changes
                .iter()
                .filter(|c| c.indicator.as_deref() == Some(ind.id.as_str()))
                .filter(|c| {
                    matches!(
                        c.kind,
                        ChangeKind::Cap
                            | ChangeKind::PairCap
                            | ChangeKind::Points
                            | ChangeKind::SpecialPoints
                            | ChangeKind::Unit
                            | ChangeKind::Threshold
                            | ChangeKind::TierPoints
                    )
                })
                .map(|c| {
                    c.text
                        .split_once('：')
                        .map_or(c.text.as_str(), |(_, rest)| rest)
                })
                .collect();
            if moved.is_empty() {
                continue;
            }
            out.push(WorkProblem {
                indicator: Some(ind.id.clone()),
                field: Some("standard".into()),
                slot: None,
                message: format!(
                    "分值已改（{}），评价标准的文字未改：得分表照印评价标准，请核对是否需要一并修改",
                    moved.join("；")
                ),
            });
        }
        out
    }

    /// The changes against the base edition (matched by ids), for the screen and the notice.
    pub fn changes(&self) -> Vec<Change> {
        match self.base() {
            Some(base) => diff(&[base], &[&self.rubric]),
            None => Vec::new(),
        }
    }

    /// The edition file to publish: the rubric's JSON, checked as an imported file is
    /// (`super::parse`). `Err` lists every problem.
    pub fn publish(&self) -> Result<(Rubric, String), Vec<String>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems.into_iter().map(|p| p.message).collect());
        }
        let json = serde_json::to_string_pretty(&self.rubric).map_err(|e| vec![e.to_string()])?;
        let mut file = super::parse(&json)?;
        match file.rubrics.pop() {
            Some(r) => Ok((r, json)),
            None => Err(vec!["文件中没有评分表".into()]),
        }
    }
}

/// A short place name for a message shown at an indicator: "1.1 线下入驻…".
pub fn place(r: &Rubric, indicator: &str) -> String {
    match r.indicator(indicator) {
        Some(i) => format!("{} {}", i.id, i.name),
        None => indicator.to_string(),
    }
}

/// The message without the rubric prefix ("评分表 x（2026版）指标 1.1 字段 f："), for a
/// message shown beside its indicator and field.
pub fn local_message(message: &str) -> &str {
    if message.starts_with("评分表 ") {
        if let Some((_, rest)) = message.split_once('：') {
            return rest;
        }
    }
    message
}

/// The changes grouped by indicator for the screen and the printed notice, in the order of
/// their first change: (heading, the changes without their place). The heading names the
/// indicator ("1.1 线下入驻…", from the new rubric or, when removed, the base); changes of
/// the rubric as a whole (title, 一级指标, 选其一) are under "评分表整体".
pub fn grouped(
    changes: &[Change],
    new: &Rubric,
    base: Option<&Rubric>,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for c in changes {
        let heading = match &c.indicator {
            Some(id) => match new
                .indicator(id)
                .or_else(|| base.and_then(|b| b.indicator(id)))
            {
                Some(i) => format!("{} {}", i.id, i.name),
                None => id.clone(),
            },
            None => "评分表整体".to_string(),
        };
        let line = c
            .text
            .split_once('：')
            .map_or(c.text.as_str(), |(_, rest)| rest)
            .to_string();
        match out.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, lines)) => lines.push(line),
            None => out.push((heading, vec![line])),
        }
    }
    out
}
