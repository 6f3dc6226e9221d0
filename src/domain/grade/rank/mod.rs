//! The cohort ranking of one evaluation year (Arts. 31–33): entries from drafts, the 30 %
//! quota, ties, 待核实 and 不合格. The readings are in `grade/mod.rs`.
//!
//! This room holds the entry ([`CohortEntry`], [`verification`]) and the ranking
//! ([`rank`], [`rank_with`]); the report's types are `cohort.rs`, the CSV `csv.rs`, the
//! hand-worked tests `tests.rs`.

use super::consequences;
use crate::domain::date::Date;
use crate::domain::draft::previous::{parse_previous, Grade};
use crate::domain::draft::{Draft, DraftError};
use crate::domain::eligibility::{
    check_certification_strict, check_certification_strict_on, CertificationReport, Overall, Status,
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
    BoundaryTie, CohortReport, CohortRow, DistrictQuota, Quota, SuggestedGrade, YearCohort,
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
    /// Review stages passed over because they are 已过期（审核后内容有变动）.
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
        let (usable, mut stale) = review::usable_stage(draft);
        let stage = usable.min(limit);
        stale.retain(|s| *s <= limit);
        let score = score_strict(&review::stage_draft(draft, stage))?;
        let previous = parse_previous(&draft.previous_grade).map_err(|e| vec![e])?;
        let typed = draft.platform.year.trim().to_string();
        let year = normalise_year(&typed).unwrap_or_else(|_| typed.clone());
        let (eligible, pending) = verification(&report);
        Ok(CohortEntry {
            name: draft.platform.name.trim().to_string(),
            rubric: draft.rubric.clone(),
            typed_year: if typed != year { typed } else { String::new() },
            year,
            total: score.total,
            eligible,
            previous_grade: previous,
            level: draft.level,
            certification: Some(report.overall),
            stage,
            stale,
            district: draft.platform.district.trim().to_string(),
            branch: draft.platform.branch,
            unscored: score.indicators.iter().all(|i| i.blank),
            pending,
            chosen: false,
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
        if !self.eligible {
            return "不符合";
        }
        if !self.pending.is_empty() {
            return "待核实";
        }
        match self.certification {
            Some(Overall::NotEligible) => "待核实",
            Some(Overall::EligibleUnderGrant) => "符合（按第十七条批准核定）",
            Some(Overall::MissedWithoutGrant) => "待核实",
            Some(Overall::Incomplete) => "未填完",
            Some(Overall::Eligible) | None => "符合",
        }
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

/// Options for [`rank_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankOptions {
    /// A pass mark set by the bureau (the measures set none): a lower total is 不合格.
    pub pass_mark: Option<Decimal>,
}

/// Ranks a cohort (第三十一条): per year by total, 优秀 for at most floor(0.3 × n) of the
/// eligible national and city platforms, district platforms decided apart, ties at the
/// boundary flagged, 不合格 for city-level platforms that lost their conditions, 待核实
/// without an 优秀 place for unverified ones; copies and empty drafts listed, not
/// counted; with the 第三十二条/第三十三条 consequences in the notes.
pub fn rank(entries: &[CohortEntry]) -> CohortReport {
    rank_with(entries, &RankOptions::default())
}

/// 优秀 for the first `cap` of `pool` (sorted by total, descending), a tie at the last
/// place flagged.
fn decide(
    entries: &[CohortEntry],
    pool: &[usize],
    cap: usize,
    grades: &mut BTreeMap<usize, SuggestedGrade>,
) -> Option<BoundaryTie> {
    if cap == 0 {
        return None;
    }
    if pool.len() > cap && entries[pool[cap - 1]].total == entries[pool[cap]].total {
        let t = entries[pool[cap - 1]].total;
        let above = pool.iter().filter(|i| entries[**i].total > t).count();
        let tied: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|i| entries[*i].total == t)
            .collect();
        for i in pool.iter().filter(|i| entries[**i].total > t) {
            grades.insert(*i, SuggestedGrade::Excellent);
        }
        for i in &tied {
            grades.insert(*i, SuggestedGrade::Tied);
        }
        Some(BoundaryTie {
            total: t,
            places: cap - above,
            names: tied.iter().map(|i| entries[*i].name.clone()).collect(),
        })
    } else {
        for i in pool.iter().take(cap) {
            grades.insert(*i, SuggestedGrade::Excellent);
        }
        None
    }
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

/// As [`rank`], with a pass mark.
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
    for ((_, year), mut idx) in by_year {
        let year_label = if year.is_empty() {
            "未填年度".to_string()
        } else {
            year.clone()
        };
        let mut typed = typed_years.remove(&year).unwrap_or_default();
        typed.sort();
        typed.dedup();
        if !typed.is_empty() {
            let shown: Vec<String> = typed.iter().map(|t| format!("“{t}”")).collect();
            warnings.push(format!(
                "评估年度{}已按 {year_label} 计入同一年度",
                shown.join("")
            ));
        }
        idx.sort_by(|a, b| {
            entries[*b]
                .total
                .cmp(&entries[*a].total)
                .then_with(|| entries[*a].name.cmp(&entries[*b].name))
                .then_with(|| a.cmp(b))
        });

        // 未参评: nothing scored.
        let not_taking: Vec<usize> = {
            let mut v: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|i| entries[*i].unscored)
                .collect();
            v.sort_unstable();
            v
        };
        if !not_taking.is_empty() {
            warnings.push(format!(
                "{year_label}年度有 {} 份草稿未填任何评分项，列为未参评，不排名、不计入参评总量",
                not_taking.len()
            ));
        }

        // One platform, one place: copies by name, district and year; the chosen copy
        // (or the first) counts.
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in idx.iter().copied().filter(|i| !entries[*i].unscored) {
            if entries[i].name.trim().is_empty() {
                continue;
            }
            groups.entry(entries[i].identity()).or_default().push(i);
        }
        let mut duplicate_of: BTreeMap<usize, usize> = BTreeMap::new();
        for copies in groups.values() {
            if copies.len() < 2 {
                continue;
            }
            let mut by_index = copies.clone();
            by_index.sort_unstable();
            let kept = by_index
                .iter()
                .copied()
                .find(|i| entries[*i].chosen)
                .unwrap_or(by_index[0]);
            for i in by_index.iter().copied().filter(|i| *i != kept) {
                duplicate_of.insert(i, kept);
            }
            let e = &entries[kept];
            let district = if e.district.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.district)
            };
            warnings.push(if e.chosen {
                format!(
                    "{year_label}年度“{}”{district}有 {} 份，已选用其中一份；另 {} 份未计入参评总量",
                    e.name,
                    copies.len(),
                    copies.len() - 1
                )
            } else {
                format!(
                    "{year_label}年度“{}”{district}有 {} 份（名称、区县、年度相同），暂按第一份计入，另 {} 份未计入参评总量；请选用其中一份",
                    e.name,
                    copies.len(),
                    copies.len() - 1
                )
            });
        }
        let ranked: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|i| !entries[*i].unscored && !duplicate_of.contains_key(i))
            .collect();

        // Art. 16: one district-level platform per type and district.
        let mut per_district: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for i in ranked.iter().copied() {
            let e = &entries[i];
            if e.effective_level() == Level::District && !e.district.trim().is_empty() {
                per_district
                    .entry((fold_name(&e.district), e.rubric.clone()))
                    .or_default()
                    .push(i);
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
        let forced_fail = |e: &CohortEntry| -> Option<String> {
            if !e.eligible && e.effective_level() == Level::City {
                return Some("不符合认定条件：已丧失审批条件的市级平台，认定为不合格（第三十一条），不占优秀名额".into());
            }
            match options.pass_mark {
                Some(m) if e.total < m => Some(format!(
                    "总分 {} 低于合格线 {} 分，不合格",
                    fmt_decimal(e.total),
                    fmt_decimal(m)
                )),
                _ => None,
            }
        };
        // 待核实 (issue 14): a national or city platform whose check is unfinished, or
        // missed without a recorded grant (or, for a national platform, missed).
        let pending = |e: &CohortEntry| -> bool {
            e.effective_level() != Level::District
                && (!e.pending.is_empty() || (!e.eligible && e.level == Level::National))
        };
        let mut grades: BTreeMap<usize, SuggestedGrade> = BTreeMap::new();
        let quota = |q: Quota, grades: &mut BTreeMap<usize, SuggestedGrade>| {
            let members: Vec<usize> = ranked
                .iter()
                .copied()
                .filter(|i| Quota::of(entries[*i].effective_level()) == q)
                .collect();
            let n = members.len();
            let cap = n.saturating_mul(3) / 10;
            let pool: Vec<usize> = members
                .iter()
                .copied()
                .filter(|i| forced_fail(&entries[*i]).is_none() && !pending(&entries[*i]))
                .collect();
            let tie = decide(entries, &pool, cap, grades);
            let excellent = members
                .iter()
                .filter(|i| grades.get(i) == Some(&SuggestedGrade::Excellent))
                .count();
            (n, cap, excellent, tie)
        };
        let (n, cap, excellent, tie) = quota(Quota::CityNational, &mut grades);
        let (dn, dcap, dexcellent, dtie) = quota(Quota::District, &mut grades);

        // 名次 over the ranked rows: equal totals share a place.
        let mut place = 0;
        let mut year_rows = Vec::new();
        for (pos, i) in ranked.iter().enumerate() {
            let e = &entries[*i];
            if pos == 0 || entries[ranked[pos - 1]].total != e.total {
                place = pos + 1;
            }
            let q = Quota::of(e.effective_level());
            let (qn, qcap, qtie) = match q {
                Quota::CityNational => (n, cap, &tie),
                Quota::District => (dn, dcap, &dtie),
            };
            let mut notes = Vec::new();
            if e.stage == Stage::SelfAssessed {
                notes.push("未经审核：按自评分排名".to_string());
            } else {
                notes.push(format!("按{}得分排名", e.stage.long_label_zh()));
            }
            for s in &e.stale {
                notes.push(format!(
                    "{}未经有效签名（未签名、签名无效或签名人不在名录等），未采用",
                    s.long_label_zh()
                ));
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
            let grade = match forced_fail(e) {
                Some(why) => {
                    notes.push(why);
                    SuggestedGrade::Fail
                }
                None if pending(e) => {
                    notes.extend(e.pending.iter().cloned());
                    if !e.eligible && e.level == Level::National {
                        notes.push("不符合市级平台认定条件；国家级平台的审批条件按人力资源社会保障部规定（第六条），须核实".into());
                    }
                    notes.push("待核实：核实前不占优秀名额（第三十一条、第十七条）".into());
                    SuggestedGrade::Pending
                }
                None => grades.get(i).copied().unwrap_or(SuggestedGrade::Pass),
            };
            let scope = match q {
                Quota::CityNational => "国家级、市级平台",
                Quota::District => "区县级平台（单独确定）",
            };
            match grade {
                SuggestedGrade::Excellent => notes.push(format!(
                    "总分居本年度{scope}前列：参评 {qn} 个，优秀名额 {qcap} 个（30%，向下取整）"
                )),
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
                    "本年度{scope}参评 {qn} 个，30% 向下取整为 0，无优秀名额"
                )),
                _ => {}
            }
            if e.effective_level() == Level::District {
                if !e.pending.is_empty() {
                    notes.push(format!(
                        "市级认定条件待核实（{}）：核实前不能依第三十三条直接认定为市级平台",
                        e.pending.join("；")
                    ));
                } else if !e.eligible {
                    notes.push("不符合市级平台认定条件：不适用第三十三条直接认定；区县级平台不因此认定为不合格".into());
                }
            } else if e.eligible && e.pending.is_empty() {
                if e.certification == Some(Overall::EligibleUnderGrant) {
                    notes.push("量化条件按第十七条批准的降低标准或达成时限核定".into());
                }
            }
            match grade.grade() {
                Some(g) => notes.extend(consequences(
                    g,
                    e.previous_grade,
                    e.effective_level(),
                    if e.pending.is_empty() {
                        Some(e.certification.unwrap_or(if e.eligible {
                            Overall::Eligible
                        } else {
                            Overall::NotEligible
                        }))
                    } else {
                        Some(Overall::Incomplete)
                    },
                )),
                None => {
                    if e.level == Level::City && e.previous_grade == Some(Grade::Fail) {
                        notes.push("上年度为不合格".into());
                    }
                }
            }
            year_rows.push(row_of(e, *i, place, &year, grade, notes, None));
        }
        // Copies, then 未参评, in the order given.
        let mut copies: Vec<(&usize, &usize)> = duplicate_of.iter().collect();
        copies.sort();
        for (i, kept) in copies {
            let k = &entries[*kept];
            let notes = vec![format!(
                "与“{}”（总分 {}）为同一平台（名称、区县、年度相同）：未计入参评总量；如应以此份为准，请选用此份",
                k.name,
                fmt_decimal(k.total)
            )];
            year_rows.push(row_of(
                &entries[*i],
                *i,
                0,
                &year,
                SuggestedGrade::Duplicate,
                notes,
                Some(*kept),
            ));
        }
        for i in &not_taking {
            let notes = vec!["未填任何评分项：列为未参评，不排名、不计入参评总量".to_string()];
            year_rows.push(row_of(
                &entries[*i],
                *i,
                0,
                &year,
                SuggestedGrade::NotTaking,
                notes,
                None,
            ));
        }
        rows.extend(year_rows);
        years.push(YearCohort {
            year,
            evaluated: n,
            excellent_cap: cap,
            excellent,
            tie,
            district: DistrictQuota {
                evaluated: dn,
                excellent_cap: dcap,
                excellent: dexcellent,
                tie: dtie,
            },
            typed,
            duplicates: duplicate_of.len(),
            not_taking: not_taking.len(),
        });
    }
    CohortReport {
        years,
        rows,
        pass_mark: options.pass_mark,
        warnings,
    }
}

fn row_of(
    e: &CohortEntry,
    index: usize,
    rank: usize,
    year: &str,
    grade: SuggestedGrade,
    notes: Vec<String>,
    duplicate_of: Option<usize>,
) -> CohortRow {
    CohortRow {
        index,
        rank,
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
        grade,
        previous_grade: e.previous_grade,
        pending: e.pending.clone(),
        notes,
        stage: e.stage,
        stale: e.stale.clone(),
        duplicate_of,
        chosen: e.chosen,
    }
}

#[cfg(test)]
mod tests;
