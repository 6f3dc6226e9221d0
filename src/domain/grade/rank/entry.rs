//! The ranking's entry: one platform in a year's evaluation as the ranking reads it
//! ([`CohortEntry`], built from a draft by [`CohortEntry::from_draft_on`]), what of its
//! certification is 待核实 ([`verification`]) and its state ([`cert_state`]).

use super::{CertState, Establishing, StageTotal};
use crate::domain::date::Date;
use crate::domain::draft::certification::Certification;
use crate::domain::draft::previous::{parse_previous, Grade};
use crate::domain::draft::{Draft, DraftError};
use crate::domain::eligibility::{
    check_certification_strict, check_certification_strict_on, definition, CertificationReport,
    Overall, Status,
};
use crate::domain::filing::{identity_key, normalise_year};
use crate::domain::review::{self, Stage};
use crate::domain::rubric::Level;
use crate::domain::score::score_strict;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One platform in a year's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortEntry {
    pub name: String,
    /// `comprehensive-park`, `specialized-park` or `talent-market`.
    pub rubric: String,
    /// 评估年度, normalised to 4 digits when it can be ([`normalise_year`]).
    pub year: String,
    pub total: Decimal,
    /// Whether it has not lost its certification conditions (false: a condition missed
    /// with no Art. 17 relief open — 不合格 at the city level, 第三十一条).
    pub eligible: bool,
    /// Last year's grade (第三十二条).
    #[serde(default)]
    pub previous_grade: Option<Grade>,
    #[serde(default)]
    pub level: Level,
    /// The check's outcome in detail, when known (shown in the 认定条件 column).
    #[serde(default)]
    pub certification: Option<Overall>,
    /// The stage `total` is from (Art. 30): 自评, 初审 or 评审. Entries stored before
    /// reviews existed read as 自评.
    #[serde(default)]
    pub stage: Stage,
    /// Review stages passed over because a layer up to them is not validly signed (issue 21).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<Stage>,
    /// 所在区县: with the name and year, it identifies a platform across copies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub district: String,
    /// What was typed for the year when it differs from `year` ("2025年").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub typed_year: String,
    /// Art. 16: a national or city platform's sub-platform in a district (区县级).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub branch: bool,
    /// No indicator scored (an empty draft): listed as 未参评, not ranked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unscored: bool,
    /// Why the certification is 待核实 (an unfinished check; a quantitative condition
    /// missed in 渝东北/渝东南 with no recorded Art. 17 grant). Empty: verified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<String>,
    /// Picked by the user among copies of one platform (选用此份).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chosen: bool,
    /// The stages the draft validly has ([`review::valid_stages`]) with their totals, lowest
    /// first. Empty in entries stored before: read as `stage` with `total`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageTotal>,
    /// The certification as the ranking reads it ([`cert_state`]); `None` in entries
    /// stored before (read from `eligible` and `pending`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert: Option<CertState>,
    /// Art. 15 筹建.
    #[serde(default, skip_serializing_if = "is_not_establishing")]
    pub establishing: Establishing,
    /// The latest date of the draft at its best stage (that layer's 审核日期, else the
    /// 填表日期), YYYY-MM-DD: the second key among copies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// A 市级评审 layer with no 区县初审 below it (Art. 30): warned about.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub city_without_district: bool,
    /// Art. 17 grants an evaluator should look at, in words ([`GrantConcern::text_zh`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grant_concerns: Vec<String>,
}

fn is_not_establishing(e: &Establishing) -> bool {
    *e == Establishing::No
}

impl CohortEntry {
    /// A city-level entry with no previous grade.
    pub fn new(
        name: &str,
        rubric: &str,
        year: &str,
        total: Decimal,
        eligible: bool,
    ) -> CohortEntry {
        CohortEntry {
            name: name.to_string(),
            rubric: rubric.to_string(),
            year: year.to_string(),
            total,
            eligible,
            previous_grade: None,
            level: Level::City,
            certification: None,
            stage: Stage::SelfAssessed,
            stale: Vec::new(),
            district: String::new(),
            typed_year: String::new(),
            branch: false,
            unscored: false,
            pending: Vec::new(),
            chosen: false,
            stages: Vec::new(),
            cert: None,
            establishing: Establishing::No,
            date: String::new(),
            city_without_district: false,
            grant_concerns: Vec::new(),
        }
    }

    /// The entry of a draft: its total from [`score_strict`] at the latest usable review
    /// stage ([`review::usable_stage`]: a layer not validly signed is not used), eligibility and what
    /// is 待核实 from the certification check ([`verification`]), level, district, branch,
    /// year (normalised) and previous grade. Refuses a draft with any problem, in its
    /// review layers or its year too.
    pub fn from_draft(draft: &Draft) -> Result<CohortEntry, Vec<DraftError>> {
        CohortEntry::from_draft_at(draft, Stage::City)
    }

    /// As [`CohortEntry::from_draft`], using no stage above `limit` (`SelfAssessed`:
    /// rank on self-scores).
    pub fn from_draft_at(draft: &Draft, limit: Stage) -> Result<CohortEntry, Vec<DraftError>> {
        CohortEntry::from_draft_on(draft, limit, None)
    }

    /// As [`CohortEntry::from_draft_at`], checking the certification on `today` (passed
    /// in: the domain reads no clock), so that an Art. 17 达成时限 still running counts as
    /// met and one passed as missed. Without a date a running deadline is 待核实.
    pub fn from_draft_on(
        draft: &Draft,
        limit: Stage,
        today: Option<Date>,
    ) -> Result<CohortEntry, Vec<DraftError>> {
        if let Some(e) = draft.year_problem() {
            return Err(vec![e]);
        }
        let report = match today {
            Some(t) => check_certification_strict_on(draft, t)?,
            None => check_certification_strict(draft)?,
        };
        let problems: Vec<DraftError> = review::validate(draft)
            .into_iter()
            .map(DraftError::from)
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        score_strict(draft)?;
        // The one seam for "which stages does this draft validly have" (issue 21 makes it
        // "validly signed" there).
        let valid: Vec<Stage> = review::valid_stages(draft)
            .into_iter()
            .filter(|s| *s <= limit)
            .collect();
        let (_, mut stale) = review::usable_stage(draft);
        stale.retain(|s| *s <= limit);
        let mut stages = Vec::new();
        for s in &valid {
            let score = score_strict(&review::stage_draft(draft, *s))?;
            stages.push(StageTotal {
                stage: *s,
                total: score.total,
            });
        }
        let best = stages.last().copied().unwrap_or(StageTotal {
            stage: Stage::SelfAssessed,
            total: Decimal::ZERO,
        });
        let score = score_strict(&review::stage_draft(draft, best.stage))?;
        let previous = parse_previous(&draft.previous_grade).map_err(|e| vec![e])?;
        let typed = draft.platform.year.trim().to_string();
        let year = normalise_year(&typed).unwrap_or_else(|_| typed.clone());
        let recorded = draft.certification != Certification::default();
        let (cert, reasons) = cert_state(&report, recorded);
        let establishing = match &report.establishment {
            Some(e) if e.expired => Establishing::Expired,
            Some(_) => Establishing::Preparing,
            None => Establishing::No,
        };
        let date = draft
            .reviews
            .iter()
            .filter(|l| l.stage() == Some(best.stage))
            .map(|l| l.date.trim().to_string())
            .find(|d| !d.is_empty())
            .unwrap_or_else(|| draft.platform.fill_date.trim().to_string());
        let grant_concerns = report
            .conditions
            .iter()
            .filter_map(|c| c.grant.as_ref().map(|g| (c, g)))
            .flat_map(|(c, g)| g.concerns.iter().map(move |k| k.text_zh(&c.description)))
            .collect();
        Ok(CohortEntry {
            name: draft.platform.name.trim().to_string(),
            rubric: draft.rubric.clone(),
            typed_year: if typed != year { typed } else { String::new() },
            year,
            total: score.total,
            eligible: cert != CertState::Lost,
            previous_grade: previous,
            level: draft.level,
            certification: Some(report.overall),
            stage: best.stage,
            stale,
            district: draft.platform.district.trim().to_string(),
            branch: draft.platform.branch,
            unscored: score.indicators.iter().all(|i| i.empty),
            pending: reasons,
            chosen: false,
            stages,
            cert: Some(cert),
            establishing,
            date,
            city_without_district: review::city_without_district(draft)
                && valid.contains(&Stage::City),
            grant_concerns,
        })
    }

    /// The certification as read (entries stored before `cert` existed are read from
    /// `eligible`, `pending` and `certification`).
    pub fn cert_state(&self) -> CertState {
        self.cert.unwrap_or(if !self.eligible {
            CertState::Lost
        } else if !self.pending.is_empty() {
            CertState::MissedWithoutGrant
        } else if self.certification == Some(Overall::EligibleUnderGrant) {
            CertState::MetUnderGrant
        } else {
            CertState::Met
        })
    }

    /// The stages it validly has, with totals (an entry stored before: its one stage).
    pub fn stage_totals(&self) -> Vec<StageTotal> {
        if self.stages.is_empty() {
            vec![StageTotal {
                stage: self.stage,
                total: self.total,
            }]
        } else {
            self.stages.clone()
        }
    }

    /// Its latest valid stage.
    pub fn best_stage(&self) -> Stage {
        self.stage_totals()
            .last()
            .map(|s| s.stage)
            .unwrap_or(self.stage)
    }

    /// Its total at the highest valid stage not above `stage`, and that stage.
    pub fn at_stage(&self, stage: Stage) -> StageTotal {
        let all = self.stage_totals();
        all.iter()
            .rev()
            .find(|s| s.stage <= stage)
            .or(all.first())
            .copied()
            .unwrap_or(StageTotal {
                stage: self.stage,
                total: self.total,
            })
    }

    /// The level the ranking treats it at: a sub-platform in a district (第十六条) is
    /// district level.
    pub fn effective_level(&self) -> Level {
        if self.branch {
            Level::District
        } else {
            self.level
        }
    }

    /// The key copies of one platform share: name, district, normalised year
    /// ([`identity_key`]).
    pub fn identity(&self) -> String {
        let year = normalise_year(&self.year).unwrap_or_else(|_| self.year.trim().to_string());
        identity_key(&self.name, &self.district, &year)
    }

    pub(super) fn certification_text(&self) -> &'static str {
        self.cert_state().label_zh()
    }
}

/// The certification check as the ranking reads it (issue 14, Arts. 17 and 31): whether
/// the platform keeps its conditions (`false`: a condition missed that no Art. 17 grant
/// can cover), and why it is 待核实 — a condition blank or unconfirmed (an unchecked
/// platform is not a checked one), or a quantitative condition missed in 渝东北/渝东南
/// without a recorded grant (a grant is a decision made at application, not a standing
/// exemption). Reads the conditions' [`Status`] and the report's region, never its text.
pub fn verification(report: &CertificationReport) -> (bool, Vec<String>) {
    let mut eligible = true;
    let mut unfinished = Vec::new();
    let mut no_grant = Vec::new();
    for c in &report.conditions {
        match c.status {
            Status::Met | Status::MetUnderGrant | Status::WithinDeadline => {}
            Status::Blank | Status::Unconfirmed | Status::DeadlineUnchecked => {
                unfinished.push(c.article.clone())
            }
            Status::MissedWithoutGrant => no_grant.push(c.article.clone()),
            // Missed where no relief is open, against a granted threshold, or after the
            // granted 达成时限 (the check decides; see `eligibility::report::Status`).
            Status::Missed => eligible = false,
        }
    }
    let mut pending = Vec::new();
    if !unfinished.is_empty() {
        pending.push(format!(
            "认定条件未核实完毕：{}未填或未确认",
            unfinished.join("、")
        ));
    }
    if !no_grant.is_empty() {
        pending.push(format!(
            "{}未达标，且未记录第十七条批准的降低标准或达成时限（或已过期）",
            no_grant.join("、")
        ));
    }
    (eligible, pending)
}

/// The certification as the ranking reads it (Arts. 15, 17, 31; issue 20.3), with the
/// reasons in words: only a condition shown as lost is [`CertState::Lost`]; a "原则上"
/// threshold missed is the bureau's call ([`CertState::MissedInPrinciple`]); a draft with
/// no certification data (`recorded` false) is [`CertState::NotRecorded`], or
/// [`CertState::UnrecordedMiss`] when its own figures fall short. Reads the conditions'
/// [`Status`] and their definitions' `in_principle`, never the text.
pub fn cert_state(report: &CertificationReport, recorded: bool) -> (CertState, Vec<String>) {
    let mut lost = Vec::new();
    let mut principle = Vec::new();
    let mut no_grant = Vec::new();
    let mut unfinished = Vec::new();
    let mut granted = false;
    for c in &report.conditions {
        let in_principle = definition(&report.rubric, c.id).is_some_and(|d| d.in_principle);
        match c.status {
            Status::Met => {}
            Status::MetUnderGrant | Status::WithinDeadline => granted = true,
            Status::Blank | Status::Unconfirmed => unfinished.push(c.article.clone()),
            Status::MissedWithoutGrant | Status::DeadlineUnchecked => {
                no_grant.push(c.article.clone())
            }
            // Missed where no relief is open, against a granted threshold, or after the
            // granted 达成时限 (the check decides; see `eligibility::report::Status`).
            Status::Missed if in_principle => principle.push(c.article.clone()),
            Status::Missed => lost.push(c.article.clone()),
        }
    }
    let list = |v: &mut Vec<String>| {
        v.dedup();
        v.join("、")
    };
    let mut reasons = Vec::new();
    if !recorded {
        let mut missed: Vec<String> = lost
            .iter()
            .chain(&principle)
            .chain(&no_grant)
            .cloned()
            .collect();
        if missed.is_empty() {
            reasons.push("认定条件未在本草稿中核实".to_string());
            return (CertState::NotRecorded, reasons);
        }
        reasons.push(format!(
            "认定条件未在本草稿中核实；按申请表或评分表数据，{}可能未达标，由市人力社保局核实",
            list(&mut missed)
        ));
        return (CertState::UnrecordedMiss, reasons);
    }
    if !lost.is_empty() {
        reasons.push(format!("{}未达标（已丧失审批条件）", list(&mut lost)));
    }
    if !no_grant.is_empty() {
        reasons.push(format!(
            "{}未达标，未记录第十七条批准的降低标准或达成时限（或已过期、未核对），由市人力社保局认定",
            list(&mut no_grant)
        ));
    }
    if !principle.is_empty() {
        reasons.push(format!(
            "{}为“原则上”条件，未达到条文数值，是否从宽由市人力社保局认定",
            list(&mut principle)
        ));
    }
    if !unfinished.is_empty() {
        reasons.push(format!(
            "认定条件未核实完毕：{}未填或未确认",
            list(&mut unfinished)
        ));
    }
    let state = if !lost.is_empty() {
        CertState::Lost
    } else if !no_grant.is_empty() {
        CertState::MissedWithoutGrant
    } else if !principle.is_empty() {
        CertState::MissedInPrinciple
    } else if !unfinished.is_empty() {
        CertState::Unfinished
    } else if granted {
        CertState::MetUnderGrant
    } else {
        CertState::Met
    };
    (state, reasons)
}
