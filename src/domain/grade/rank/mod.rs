//! The cohort ranking of one evaluation year (Arts. 15, 16, 17, 31–33): entries from
//! drafts, who is ranked, the stage used, the 30 % quota with held places, ties, 待核实 and
//! 不合格. The readings are in `grade/mod.rs` and docs/readings.md.
//!
//! This room holds the entry ([`CohortEntry`], [`cert_state`]) and the ranking ([`rank`],
//! [`rank_with`]); the report's types are `cohort.rs`, the CSV `csv.rs`, the hand-worked
//! tests `tests.rs`.

use super::consequences;
use super::rules::QUOTA_TEXT;
use crate::domain::date::Date;
use crate::domain::draft::certification::Certification;
use crate::domain::draft::previous::{parse_previous, Grade};
use crate::domain::draft::{Draft, DraftError};
use crate::domain::eligibility::{
    check_certification_strict, check_certification_strict_on, definition, CertificationReport,
    Overall, Status,
};
use crate::domain::filing::{fold_name, identity_key, normalise_year};
use crate::domain::number::fmt_decimal;
use crate::domain::review::{self, Stage};
use crate::domain::rubric::{self, Level};
use crate::domain::score::score_strict;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod cohort;
mod csv;
pub use cohort::{
    BoundaryTie, CertState, CohortReport, CohortRow, DistrictQuota, DistrictReading, Establishing,
    GradeReason, Quota, StageTotal, SuggestedGrade, YearCohort,
};
pub use csv::{to_csv, CSV_HEADER};

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

    fn certification_text(&self) -> &'static str {
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

/// Options for [`rank_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RankOptions {
    /// A pass mark set by the bureau (the measures set none): a lower total is 不合格.
    pub pass_mark: Option<Decimal>,
    /// The stage every platform is ranked on (`--stage`); default the latest stage every
    /// ranked platform of the year validly has.
    pub stage: Option<Stage>,
    /// Today's stricter rule, for a bureau that wants it (`--strict`): a platform whose
    /// certification is not verified takes no 优秀 place, and a "原则上" miss is 不合格.
    pub strict: bool,
    /// How Art. 33's district volunteers meet the quota.
    pub district: DistrictReading,
}

/// Ranks a cohort with the default options (see [`rank_with`]).
pub fn rank(entries: &[CohortEntry]) -> CohortReport {
    rank_with(entries, &RankOptions::default())
}

fn level_text(e: &CohortEntry) -> String {
    if e.branch && e.level != Level::District {
        format!("区县级（{}平台分平台）", short_level(e.level))
    } else {
        short_level(e.level).to_string()
    }
}

fn short_level(level: Level) -> &'static str {
    match level {
        Level::National => "国家级",
        Level::City => "市级",
        Level::District => "区县级",
    }
}

fn type_name_of(rubric_id: &str) -> String {
    rubric::latest(rubric_id)
        .map(|r| r.short_name.clone())
        .unwrap_or_else(|| rubric_id.to_string())
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// One ranked row as the year's ranking sees it.
struct Ranked {
    i: usize,
    total: Decimal,
    stage: Stage,
    mixed: bool,
}

/// Ranks a cohort (Arts. 15, 16, 31–33), year by year:
///
/// * **Who is ranked.** 筹建 platforms (Art. 15) are listed apart, outside n; copies of a
///   platform count once (the latest validly reviewed stage, then the latest date, unless
///   the user picked one); drafts with nothing scored are 未参评.
/// * **One stage.** Every platform is ranked on one stage (`options.stage`, default the
///   latest stage all have); a platform lacking it is ranked on its highest stage below,
///   and the row and the year say so.
/// * **The quota.** floor(0.3 × n) places are applied in score order over every platform
///   not shown to have lost its conditions; a 待核实 platform inside the quota holds its
///   place (待核实（暂列优秀）) and as many platforms after the quota are 优秀（待定）; a
///   tie at the last place is flagged. `options.strict` keeps the older rule (待核实 takes
///   no place). District volunteers share the quota or have their own
///   (`options.district`).
/// * **不合格.** A city platform with a condition shown as lost (Art. 31), or below a
///   pass mark the bureau set.
pub fn rank_with(entries: &[CohortEntry], options: &RankOptions) -> CohortReport {
    // Year groups by the normalised year (an entry kept before normalisation is read again).
    let mut by_year: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
    let mut typed_years: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut bad_years: Vec<String> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let y = match normalise_year(&e.year) {
            Ok(y) => {
                let typed = if e.typed_year.is_empty() {
                    e.year.trim()
                } else {
                    e.typed_year.trim()
                };
                if typed != y {
                    typed_years
                        .entry(y.clone())
                        .or_default()
                        .push(typed.to_string());
                }
                y
            }
            Err(_) => {
                bad_years.push(e.year.trim().to_string());
                e.year.trim().to_string()
            }
        };
        by_year.entry((y.is_empty(), y)).or_default().push(i);
    }
    let mut years = Vec::new();
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    bad_years.sort();
    bad_years.dedup();
    for y in &bad_years {
        warnings.push(format!(
            "评估年度“{y}”不是四位年份，单独成组排名；请在草稿中更正后重新加入"
        ));
    }
    let real_years = by_year.keys().filter(|(blank, _)| !blank).count();
    if real_years > 1 {
        let list: Vec<&str> = by_year
            .keys()
            .filter(|(blank, _)| !blank)
            .map(|(_, y)| y.as_str())
            .collect();
        warnings.push(format!(
            "本列表含 {} 个评估年度（{}）：各年度分别排名、分别计算优秀名额",
            list.len(),
            list.join("、")
        ));
    }
    for ((_, year), idx) in by_year {
        let (year_cohort, year_rows) = rank_year(
            entries,
            &year,
            idx,
            options,
            &mut typed_years,
            &mut warnings,
        );
        rows.extend(year_rows);
        years.push(year_cohort);
    }
    CohortReport {
        years,
        rows,
        pass_mark: options.pass_mark,
        strict: options.strict,
        district_reading: options.district,
        warnings,
    }
}

fn rank_year(
    entries: &[CohortEntry],
    year: &str,
    mut idx: Vec<usize>,
    options: &RankOptions,
    typed_years: &mut BTreeMap<String, Vec<String>>,
    warnings: &mut Vec<String>,
) -> (YearCohort, Vec<CohortRow>) {
    let year_label = if year.is_empty() {
        "未填年度".to_string()
    } else {
        year.to_string()
    };
    let mut typed = typed_years.remove(year).unwrap_or_default();
    typed.sort();
    typed.dedup();
    if !typed.is_empty() {
        let shown: Vec<String> = typed.iter().map(|t| format!("“{t}”")).collect();
        warnings.push(format!(
            "评估年度{}已按 {year_label} 计入同一年度",
            shown.join("")
        ));
    }
    idx.sort_unstable();

    // 未参评: nothing scored.
    let not_taking: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|i| entries[*i].unscored)
        .collect();
    if !not_taking.is_empty() {
        warnings.push(format!(
            "{year_label}年度有 {} 份草稿未填任何评分项，列为未参评，不排名、不计入参评总量",
            not_taking.len()
        ));
    }
    // Art. 15: 筹建 platforms enter 市级平台管理 only after 验收: listed apart, outside n.
    let preparing: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|i| !entries[*i].unscored && entries[*i].establishing != Establishing::No)
        .collect();
    if !preparing.is_empty() {
        let names: Vec<String> = preparing.iter().map(|i| entries[*i].name.clone()).collect();
        warnings.push(format!(
            "第十五条：{year_label}年度{}为筹建平台，建成验收通过后才纳入市级平台管理：另列，不排名、不评等次、不计入参评总量",
            quoted(&names)
        ));
    }

    // One platform, one place: copies by name, district and year. The copy the user picked
    // counts; otherwise the one with the latest validly reviewed stage, then the latest
    // date, then the first added — an unreviewed copy never displaces a reviewed one.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in idx.iter().copied() {
        let e = &entries[i];
        if e.unscored || e.establishing != Establishing::No || e.name.trim().is_empty() {
            continue;
        }
        groups.entry(e.identity()).or_default().push(i);
    }
    let mut duplicate_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept_why: BTreeMap<usize, String> = BTreeMap::new();
    for copies in groups.values() {
        if copies.len() < 2 {
            continue;
        }
        let picked = copies.iter().copied().find(|i| entries[*i].chosen);
        let kept = picked.unwrap_or_else(|| {
            let mut best = copies[0];
            for i in copies.iter().copied().skip(1) {
                let (a, b) = (&entries[i], &entries[best]);
                if (a.best_stage(), a.date.as_str()) > (b.best_stage(), b.date.as_str()) {
                    best = i;
                }
            }
            best
        });
        for i in copies.iter().copied().filter(|i| *i != kept) {
            duplicate_of.insert(i, kept);
        }
        let e = &entries[kept];
        let district = if e.district.is_empty() {
            String::new()
        } else {
            format!("（{}）", e.district)
        };
        let stages: Vec<Stage> = copies.iter().map(|i| entries[*i].best_stage()).collect();
        let why = if picked.is_some() {
            "已选用其中一份".to_string()
        } else if stages.iter().any(|s| *s != e.best_stage()) {
            format!(
                "按有效审核阶段最新者计入（此份为{}）",
                e.best_stage().long_label_zh()
            )
        } else if copies
            .iter()
            .any(|i| entries[*i].date != e.date && !e.date.is_empty())
        {
            format!("审核阶段相同，按日期最新者计入（此份 {}）", e.date)
        } else {
            "审核阶段与日期相同，按先加入的一份计入；请选用其中一份".to_string()
        };
        warnings.push(format!(
            "{year_label}年度“{}”{district}有 {} 份（名称、区县、年度相同）：{why}，另 {} 份未计入参评总量",
            e.name,
            copies.len(),
            copies.len() - 1
        ));
        kept_why.insert(kept, why);
    }
    let ranked_idx: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|i| {
            let e = &entries[*i];
            !e.unscored && e.establishing == Establishing::No && !duplicate_of.contains_key(i)
        })
        .collect();

    // One stage for the year: asked for, or the latest stage every ranked platform has.
    let stage = options.stage.unwrap_or_else(|| {
        ranked_idx
            .iter()
            .map(|i| entries[*i].best_stage())
            .min()
            .unwrap_or(Stage::SelfAssessed)
    });
    let mut ranked: Vec<Ranked> = ranked_idx
        .iter()
        .map(|i| {
            let at = entries[*i].at_stage(stage);
            Ranked {
                i: *i,
                total: at.total,
                stage: at.stage,
                mixed: at.stage != stage,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| entries[a.i].name.cmp(&entries[b.i].name))
            .then_with(|| a.i.cmp(&b.i))
    });
    let lacking: Vec<String> = ranked
        .iter()
        .filter(|r| r.mixed)
        .map(|r| entries[r.i].name.clone())
        .collect();
    if !lacking.is_empty() {
        warnings.push(format!(
            "{year_label}年度本表按{}得分排名，{}尚无有效的{}，按其较低阶段的得分列入：各行注明所用阶段，不同阶段的得分混合比较",
            stage.long_label_zh(),
            quoted(&lacking),
            stage.long_label_zh()
        ));
    }
    let above: Vec<String> = ranked
        .iter()
        .filter(|r| entries[r.i].best_stage() > stage)
        .map(|r| entries[r.i].name.clone())
        .collect();
    if !above.is_empty() && options.stage.is_none() {
        warnings.push(format!(
            "{year_label}年度并非所有平台都已到{}之后的阶段：{}已有更高阶段的审核，本表统一按{}得分排名",
            stage.long_label_zh(),
            quoted(&above),
            stage.long_label_zh()
        ));
    }

    // Art. 16: one district-level platform per type and district.
    let mut per_district: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for r in &ranked {
        let e = &entries[r.i];
        if e.effective_level() == Level::District && !e.district.trim().is_empty() {
            per_district
                .entry((fold_name(&e.district), e.rubric.clone()))
                .or_default()
                .push(r.i);
        }
    }
    for ((_, rubric_id), list) in &per_district {
        if list.len() > 1 {
            let names: Vec<String> = list
                .iter()
                .map(|i| {
                    let e = &entries[*i];
                    if e.branch {
                        format!("“{}”（分平台）", e.name)
                    } else {
                        format!("“{}”", e.name)
                    }
                })
                .collect();
            warnings.push(format!(
                "第十六条：{year_label}年度{}有 {} 个区县级{}（{}）；原则上每个区县每个类型只能认定 1 个区县级平台（国家级、市级平台在区县设立的分平台视为区县级平台），请核实",
                entries[list[0]].district.trim(),
                list.len(),
                type_name_of(rubric_id),
                names.join("、")
            ));
        }
    }

    // Why each is forced to 不合格, if it is.
    let forced_fail = |e: &CohortEntry, total: Decimal| -> Option<GradeReason> {
        if e.effective_level() == Level::City {
            match e.cert_state() {
                CertState::Lost => return Some(GradeReason::LostConditions),
                CertState::MissedInPrinciple if options.strict => {
                    return Some(GradeReason::StrictPrinciple)
                }
                _ => {}
            }
        }
        match options.pass_mark {
            Some(m) if total < m => Some(GradeReason::BelowPassMark),
            _ => None,
        }
    };
    // 待核实: a national or city platform whose certification a decision of the bureau
    // must settle (or, under `strict`, any not verified in the draft).
    let pending = |e: &CohortEntry| -> bool {
        if e.effective_level() == Level::District {
            return false;
        }
        let c = e.cert_state();
        c.pending()
            || (options.strict && matches!(c, CertState::NotRecorded | CertState::Unfinished))
            || (e.level == Level::National && c == CertState::Lost)
    };

    let quota_of = |e: &CohortEntry| -> Quota {
        match options.district {
            DistrictReading::Pooled => Quota::CityNational,
            DistrictReading::Separate => Quota::of(e.effective_level()),
        }
    };
    let mut grades: BTreeMap<usize, (SuggestedGrade, GradeReason)> = BTreeMap::new();
    let mut settle: Vec<String> = Vec::new();
    let mut apply = |q: Quota, grades: &mut BTreeMap<usize, (SuggestedGrade, GradeReason)>| {
        let members: Vec<&Ranked> = ranked
            .iter()
            .filter(|r| quota_of(&entries[r.i]) == q)
            .collect();
        let n = members.len();
        let cap = super::rules::excellent_places(n);
        // Every platform not shown to have lost its conditions is in score order; under
        // `strict` a 待核实 one is not.
        let pool: Vec<&Ranked> = members
            .iter()
            .copied()
            .filter(|r| forced_fail(&entries[r.i], r.total).is_none())
            .filter(|r| !(options.strict && pending(&entries[r.i])))
            .collect();
        let tie = decide(&pool, cap, entries, grades);
        // A 待核实 platform inside the quota holds its place; the next ones after the quota
        // would move up if it falls: 优秀（待定）.
        let mut held = Vec::new();
        for r in &pool {
            if let Some((g, _)) = grades.get(&r.i).copied() {
                if pending(&entries[r.i]) {
                    if g == SuggestedGrade::Excellent {
                        grades.insert(
                            r.i,
                            (SuggestedGrade::HeldPending, GradeReason::HeldForPending),
                        );
                        held.push(r.i);
                    } else {
                        grades.insert(r.i, (SuggestedGrade::Pending, GradeReason::PendingCheck));
                    }
                }
            }
        }
        let mut behind = Vec::new();
        if !held.is_empty() {
            // Equal totals at the last of them move up together: all 待定.
            let mut last: Option<Decimal> = None;
            let rest: Vec<&Ranked> = pool
                .iter()
                .copied()
                .filter(|r| !grades.contains_key(&r.i))
                .collect();
            for r in rest {
                if behind.len() >= held.len() && last != Some(r.total) {
                    break;
                }
                if !pending(&entries[r.i]) {
                    grades.insert(
                        r.i,
                        (SuggestedGrade::Provisional, GradeReason::BehindPending),
                    );
                    behind.push(r.i);
                    last = Some(r.total);
                }
            }
            let names = |v: &[usize]| {
                quoted(
                    &v.iter()
                        .map(|i| entries[*i].name.clone())
                        .collect::<Vec<_>>(),
                )
            };
            settle.push(if behind.is_empty() {
                format!(
                    "{}经核实或市人力社保局认定符合条件的，为优秀；认定为不合格的，其名额空出（其后无可递补的平台）",
                    names(&held)
                )
            } else {
                format!(
                    "{}经核实或市人力社保局认定符合条件的，为优秀，{}为合格；每有一个认定为不合格，{}依次递补一个优秀名额",
                    names(&held),
                    names(&behind),
                    names(&behind)
                )
            });
        }
        let excellent = members
            .iter()
            .filter(|r| grades.get(&r.i).map(|g| g.0) == Some(SuggestedGrade::Excellent))
            .count();
        (n, cap, excellent, tie, held.len(), behind.len())
    };
    let (n, cap, excellent, tie, held, provisional) = apply(Quota::CityNational, &mut grades);
    let (dn, dcap, dexcellent, dtie, dheld, dprov) = match options.district {
        DistrictReading::Pooled => (0, 0, 0, None, 0, 0),
        DistrictReading::Separate => apply(Quota::District, &mut grades),
    };
    let district_count = ranked
        .iter()
        .filter(|r| entries[r.i].effective_level() == Level::District)
        .count();
    if options.district == DistrictReading::Separate && dn > 0 && dcap == 0 {
        warnings.push(format!(
            "{year_label}年度区县级平台单独确定优秀：参评 {dn} 个，{QUOTA_TEXT} 向下取整为 0，无优秀名额，第三十三条的直接认定本年度无从适用（按“计入参评总量”的解读则与国家级、市级平台共用名额）"
        ));
    }
    if n > 0 && cap == 0 {
        warnings.push(format!(
            "{year_label}年度参评 {n} 个，{QUOTA_TEXT} 向下取整为 0，无优秀名额"
        ));
    }

    // 名次: national and city rows among themselves, district rows in their own column;
    // equal totals share a place.
    let mut places: BTreeMap<usize, usize> = BTreeMap::new();
    for district in [false, true] {
        let list: Vec<&Ranked> = ranked
            .iter()
            .filter(|r| (entries[r.i].effective_level() == Level::District) == district)
            .collect();
        let mut place = 0;
        for (pos, r) in list.iter().enumerate() {
            if pos == 0 || list[pos - 1].total != r.total {
                place = pos + 1;
            }
            places.insert(r.i, place);
        }
    }

    let mut year_rows = Vec::new();
    for r in &ranked {
        let e = &entries[r.i];
        let q = quota_of(e);
        let (qn, qcap, qtie) = match q {
            Quota::CityNational => (n, cap, &tie),
            Quota::District => (dn, dcap, &dtie),
        };
        let mut notes = Vec::new();
        if r.mixed {
            notes.push(format!(
                "本表按{}排名，本平台尚无有效的{}：按{}得分列入",
                stage.long_label_zh(),
                stage.long_label_zh(),
                r.stage.long_label_zh()
            ));
        }
        for s in &e.stale {
            notes.push(format!(
                "{}未经有效签名（未签名、签名无效或签名人不在名录等），未采用",
                s.long_label_zh()
            ));
        }
        if e.city_without_district {
            notes.push("市级评审之下没有区县初审（第三十条（二）：区县先行初审），请核实".into());
        }
        if let Some(why) = kept_why.get(&r.i) {
            notes.push(format!("同一平台有多份：{why}"));
        }
        if !e.typed_year.is_empty() {
            notes.push(format!(
                "评估年度填为“{}”，按 {year_label} 计",
                e.typed_year
            ));
        }
        if e.branch && e.level != Level::District {
            notes.push(format!(
                "{}平台在区县设立的分平台，视为区县级平台（第十六条）",
                short_level(e.level)
            ));
        }
        let cert = e.cert_state();
        let (grade, reason) = match forced_fail(e, r.total) {
            Some(reason) => {
                notes.push(match reason {
                    GradeReason::LostConditions | GradeReason::StrictPrinciple => {
                        let mut s = e.pending.join("；");
                        if reason == GradeReason::StrictPrinciple {
                            s.push_str("；按从严规则（--strict）视为已丧失审批条件");
                        }
                        format!("{s}：已丧失审批条件的市级平台，认定为不合格（第三十一条），不占优秀名额")
                    }
                    _ => format!(
                        "总分 {} 低于合格线 {} 分，不合格",
                        fmt_decimal(r.total),
                        options.pass_mark.map(fmt_decimal).unwrap_or_default()
                    ),
                });
                (SuggestedGrade::Fail, reason)
            }
            None => {
                let g = grades.get(&r.i).copied();
                let g = match g {
                    Some(g) => g,
                    None if pending(e) => (SuggestedGrade::Pending, GradeReason::PendingCheck),
                    None if qcap == 0 => (SuggestedGrade::Pass, GradeReason::NoPlaces),
                    None => (SuggestedGrade::Pass, GradeReason::OutsideQuota),
                };
                if pending(e) {
                    notes.extend(e.pending.iter().cloned());
                    if e.level == Level::National && cert == CertState::Lost {
                        notes.push("不符合市级平台认定条件；国家级平台的审批条件按人力资源社会保障部规定（第六条），须核实".into());
                    }
                } else if e.effective_level() != Level::District
                    && matches!(cert, CertState::NotRecorded | CertState::Unfinished)
                {
                    notes.push(format!(
                        "{}：按总分排名；只有显示已丧失的条件才认定为不合格（第三十一条）",
                        e.pending.join("；")
                    ));
                }
                g
            }
        };
        let scope = match q {
            Quota::CityNational if options.district == DistrictReading::Pooled => {
                "参评平台（含自愿参评的区县级平台）"
            }
            Quota::CityNational => "国家级、市级平台",
            Quota::District => "区县级平台（单独确定）",
        };
        match grade {
            SuggestedGrade::Excellent => notes.push(format!(
                "总分居本年度{scope}前列：参评 {qn} 个，优秀名额 {qcap} 个（{QUOTA_TEXT}，向下取整）"
            )),
            SuggestedGrade::HeldPending => notes.push(
                "待核实，暂列优秀：在优秀名额内，核实前保留名额；认定不合格的，名额由其后的平台递补（第三十一条）".into(),
            ),
            SuggestedGrade::Provisional => notes.push(
                "优秀（待定）：名额内有待核实的平台，其认定为不合格时本平台递补为优秀；核实符合的，本平台为合格".into(),
            ),
            SuggestedGrade::Pending => notes.push(
                "待核实（由市人力社保局认定）：不在优秀名额内，核实后为合格或不合格".into(),
            ),
            SuggestedGrade::Tied => {
                if let Some(t) = qtie {
                    notes.push(format!(
                        "与另外 {} 个平台总分并列 {} 分，跨越优秀名额边界（剩余 {} 个名额由 {} 个并列平台竞争），须由评审会议确定（第三十条（三））",
                        t.names.len().saturating_sub(1),
                        fmt_decimal(t.total),
                        t.places,
                        t.names.len()
                    ));
                }
            }
            SuggestedGrade::Pass if qcap == 0 => notes.push(format!(
                "本年度{scope}参评 {qn} 个，{QUOTA_TEXT} 向下取整为 0，无优秀名额"
            )),
            _ => {}
        }
        if e.effective_level() == Level::District {
            match cert {
                CertState::Lost => notes.push("不符合市级平台认定条件：不适用第三十三条直接认定；区县级平台不因此认定为不合格".into()),
                CertState::Met | CertState::MetUnderGrant => {}
                _ => notes.push(format!(
                    "市级认定条件待核实（{}）：核实前不能依第三十三条直接认定为市级平台",
                    e.pending.join("；")
                )),
            }
        } else if cert == CertState::MetUnderGrant {
            notes.push("量化条件按第十七条批准的降低标准或达成时限核定".into());
        }
        notes.extend(e.grant_concerns.iter().cloned());
        let mut uses = Vec::new();
        let cert_overall = match cert {
            CertState::Met => Overall::Eligible,
            CertState::MetUnderGrant => Overall::EligibleUnderGrant,
            CertState::Lost => Overall::NotEligible,
            CertState::MissedWithoutGrant => Overall::MissedWithoutGrant,
            _ => Overall::Incomplete,
        };
        match grade.grade() {
            Some(g) => {
                // What the grade means (the same for every row of a grade and level), and
                // apart what last year's grade adds for this platform (a note).
                let level = e.effective_level();
                uses = consequences(g, None, level, Some(cert_overall));
                for c in consequences(g, e.previous_grade, level, Some(cert_overall)) {
                    if !uses.contains(&c) {
                        notes.push(c);
                    }
                }
            }
            None => {
                if e.level == Level::City && e.previous_grade == Some(Grade::Fail) {
                    notes.push("上年度为不合格".into());
                }
            }
        }
        let mut row = row_of(e, r.i, year, grade, reason, notes, None);
        row.uses = uses;
        row.total = r.total;
        row.stage = r.stage;
        row.stage_mixed = r.mixed;
        row.quota = q;
        if e.effective_level() == Level::District {
            row.district_rank = places.get(&r.i).copied();
        } else {
            row.rank = places.get(&r.i).copied();
        }
        year_rows.push(row);
    }
    // Copies, then 筹建, then 未参评, in the order given.
    for (i, kept) in &duplicate_of {
        let k = &entries[*kept];
        let notes = vec![format!(
            "与“{}”（{}，总分 {}）为同一平台（名称、区县、年度相同）：未计入参评总量；如应以此份为准，请选用此份",
            k.name,
            k.best_stage().long_label_zh(),
            fmt_decimal(k.at_stage(stage).total)
        )];
        let mut row = row_of(
            &entries[*i],
            *i,
            year,
            SuggestedGrade::Duplicate,
            GradeReason::Duplicate,
            notes,
            Some(*kept),
        );
        row.quota = quota_of(&entries[*i]);
        year_rows.push(row);
    }
    for i in &preparing {
        let e = &entries[*i];
        let (grade, reason, note) = match e.establishing {
            Establishing::Expired => (
                SuggestedGrade::PreparingExpired,
                GradeReason::PreparingExpired,
                "筹建期（最长一年）已满而未验收：期满验收未通过的，取消筹建资格（第十五条）；不排名、不计入参评总量",
            ),
            _ => (
                SuggestedGrade::Preparing,
                GradeReason::Preparing,
                "筹建中：建成验收通过后纳入市级平台管理（第十五条）；不排名、不评等次、不计入参评总量",
            ),
        };
        year_rows.push(row_of(
            e,
            *i,
            year,
            grade,
            reason,
            vec![note.to_string()],
            None,
        ));
    }
    for i in &not_taking {
        let notes = vec!["未填任何评分项：列为未参评，不排名、不计入参评总量".to_string()];
        year_rows.push(row_of(
            &entries[*i],
            *i,
            year,
            SuggestedGrade::NotTaking,
            GradeReason::NotTaking,
            notes,
            None,
        ));
    }
    let cohort = YearCohort {
        year: year.to_string(),
        evaluated: n,
        excellent_cap: cap,
        excellent,
        tie,
        district: DistrictQuota {
            pooled: options.district == DistrictReading::Pooled,
            evaluated: match options.district {
                DistrictReading::Pooled => district_count,
                DistrictReading::Separate => dn,
            },
            excellent_cap: dcap,
            excellent: dexcellent,
            tie: dtie,
        },
        typed,
        duplicates: duplicate_of.len(),
        not_taking: not_taking.len(),
        preparing: preparing.len(),
        stage,
        stage_chosen: options.stage.is_some(),
        lacking,
        held: held + dheld,
        provisional: provisional + dprov,
        settle,
    };
    (cohort, year_rows)
}

/// 优秀 for the first `cap` of `pool` (sorted by total, descending), a tie at the last
/// place flagged.
fn decide(
    pool: &[&Ranked],
    cap: usize,
    entries: &[CohortEntry],
    grades: &mut BTreeMap<usize, (SuggestedGrade, GradeReason)>,
) -> Option<BoundaryTie> {
    if cap == 0 {
        return None;
    }
    let excellent = (SuggestedGrade::Excellent, GradeReason::WithinQuota);
    if pool.len() > cap && pool[cap - 1].total == pool[cap].total {
        let t = pool[cap - 1].total;
        let above = pool.iter().filter(|r| r.total > t).count();
        for r in pool.iter().filter(|r| r.total > t) {
            grades.insert(r.i, excellent);
        }
        let tied: Vec<usize> = pool.iter().filter(|r| r.total == t).map(|r| r.i).collect();
        for i in &tied {
            grades.insert(*i, (SuggestedGrade::Tied, GradeReason::BoundaryTie));
        }
        Some(BoundaryTie {
            total: t,
            places: cap - above,
            names: tied.iter().map(|i| entries[*i].name.clone()).collect(),
        })
    } else {
        for r in pool.iter().take(cap) {
            grades.insert(r.i, excellent);
        }
        None
    }
}

fn row_of(
    e: &CohortEntry,
    index: usize,
    year: &str,
    grade: SuggestedGrade,
    reason: GradeReason,
    notes: Vec<String>,
    duplicate_of: Option<usize>,
) -> CohortRow {
    CohortRow {
        index,
        rank: None,
        district_rank: None,
        name: e.name.clone(),
        rubric: e.rubric.clone(),
        type_name: type_name_of(&e.rubric),
        year: year.to_string(),
        typed_year: e.typed_year.clone(),
        district: e.district.clone(),
        level: e.effective_level(),
        level_text: level_text(e),
        branch: e.branch,
        quota: Quota::of(e.effective_level()),
        total: e.total,
        eligible: e.eligible,
        certification: e.certification_text().to_string(),
        cert: e.cert_state(),
        grade,
        reason,
        previous_grade: e.previous_grade,
        pending: e.pending.clone(),
        notes,
        uses: Vec::new(),
        stage: e.stage,
        stage_mixed: false,
        stale: e.stale.clone(),
        duplicate_of,
        chosen: e.chosen,
    }
}

#[cfg(test)]
mod tests;
