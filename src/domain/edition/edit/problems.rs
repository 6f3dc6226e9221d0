//! What stands between a [`Work`] and publishing ([`Work::problems`]) and what only
//! reminds ([`Work::reminders`]), each at its indicator, field or slot, with the words
//! shown there ([`WorkProblem::local`]). Its own room because it is the editor's
//! check, read after every edit, apart from the edits themselves.

use super::{Slot, Work, WorkProblem};
use crate::domain::edition::{Change, ChangeKind};
use crate::domain::number::parse_decimal;
use crate::domain::rubric::FieldKind;
use rust_decimal::Decimal;

impl Work {
    /// Every problem: numbers not readable, the editor's own rules (the edition's name),
    /// then the rubric's [`Rubric::check_located`]. Empty when the work can be published.
    pub fn problems(&self) -> Vec<WorkProblem> {
        let mut out = Vec::new();
        let r = &self.rubric;
        let ed = r.edition.trim();
        if ed.is_empty() || ed.chars().count() > 20 {
            out.push(WorkProblem::new(
                None,
                None,
                None,
                "新版本名称须为1至20个字（如 2026）".into(),
            ));
        } else if ed == self.base_edition {
            out.push(WorkProblem::new(
                None,
                None,
                None,
                format!("新版本名称不能与起点版本“{ed}”相同，请另起名称（如 2026）"),
            ));
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
            let message = format!(
                "指标 {} {what}：“{text}”不是数字（{reason}），已保留所填内容",
                indicator.clone().unwrap_or_default()
            );
            out.push(WorkProblem::new(
                indicator,
                None,
                Some(key.clone()),
                message,
            ));
        }
        for ind in &r.indicators {
            if ind.id.trim().is_empty() || ind.id.contains([':', '/']) {
                out.push(WorkProblem::new(
                    Some(ind.id.clone()),
                    None,
                    None,
                    format!("指标编号“{}”须为数字编号（如 3.4）", ind.id),
                ));
            }
            for f in &ind.fields {
                let counted = matches!(f.kind, FieldKind::Count | FieldKind::Amount);
                if f.label.trim().is_empty() || (counted && f.unit.trim().is_empty()) {
                    let local = "填写项名称和单位不能为空";
                    out.push(WorkProblem {
                        indicator: Some(ind.id.clone()),
                        field: Some(f.key.clone()),
                        slot: None,
                        message: format!(
                            "评分表 {}（{}版）指标 {} 字段 {}：{local}",
                            r.id, r.edition, ind.id, f.key
                        ),
                        local: local.into(),
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
                        local: format!("预设分值“{}”须在0至上限之间", p.label),
                    });
                }
            }
        }
        out.extend(r.check_located().into_iter().map(|p| WorkProblem {
            indicator: p.indicator,
            field: p.field,
            slot: None,
            message: p.message,
            local: p.local,
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
                .map(|c| c.detail.as_str())
                .collect();
            if moved.is_empty() {
                continue;
            }
            out.push(WorkProblem::new(
                Some(ind.id.clone()),
                Some("standard".into()),
                None,
                format!(
                    "分值已改（{}），评价标准的文字未改：得分表照印评价标准，请核对是否需要一并修改",
                    moved.join("；")
                ),
            ));
        }
        out
    }
}
