//! One year's ranking ([`rank_year`], called by `rank_with` for each year group), in the
//! steps a bureau would take: who is ranked (未参评, 筹建 apart; copies counted once), the
//! one stage and the order, Art. 16's one district platform per type, the 优秀 quota
//! (Art. 31, held places for 待核实, ties), the places, and each row with its notes.
//! The judgements every step reads (forced 不合格, 待核实, which quota) are [`Judge`].
//!
//! Over 600 lines: the steps of one year read in order and share `Judge`; a row's notes are
//! `year/row.rs`.

use super::super::rules::QUOTA_TEXT;
use super::{
    quoted, type_name_of, BoundaryTie, CertState, CohortEntry, CohortRow, DistrictQuota,
    DistrictReading, Establishing, GradeReason, Quota, RankOptions, Ranked, SuggestedGrade,
    YearCohort,
};
use crate::domain::filing::fold_name;
use crate::domain::number::fmt_decimal;
use crate::domain::review::Stage;
use crate::domain::rubric::Level;
use row::row_of;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

mod row;

type Grades = BTreeMap<usize, (SuggestedGrade, GradeReason)>;

/// The ranking of one year group: its [`YearCohort`] and its rows (ranked ones in order,
/// then copies, 筹建 and 未参评).
pub(super) fn rank_year(
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
    // The year as a sentence's subject: "2025年度…", or, for the drafts without a year,
    // "未填年度的一组…" (not "未填年度年度…").
    let in_year = if year.is_empty() {
        "未填年度的一组".to_string()
    } else {
        format!("{year}年度")
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
            "{in_year}有 {} 份草稿未填任何评分项，列为未参评，不排名、不计入参评总量",
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
            "第十五条：{in_year}{}为筹建平台，建成验收通过后才纳入市级平台管理：另列，不排名、不评等次、不计入参评总量",
            quoted(&names)
        ));
    }

    let (duplicate_of, kept_why) = copies(entries, &idx, &in_year, warnings);
    let ranked_idx: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|i| {
            let e = &entries[*i];
            !e.unscored && e.establishing == Establishing::No && !duplicate_of.contains_key(i)
        })
        .collect();

    let (stage, ranked, lacking) = order(entries, &ranked_idx, options, &in_year, warnings);
    one_per_district(entries, &ranked, &in_year, warnings);

    let judge = Judge { entries, options };
    let mut grades: Grades = BTreeMap::new();
    let mut settle: Vec<String> = Vec::new();
    let mut apply =
        |q: Quota, grades: &mut Grades| judge.apply_quota(&ranked, q, grades, &mut settle);
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
            "{in_year}区县级平台单独确定优秀：参评 {dn} 个，{QUOTA_TEXT} 向下取整为 0，无优秀名额，第三十三条的直接认定本年度无从适用（按“计入参评总量”的解读则与国家级、市级平台共用名额）"
        ));
    }
    if n > 0 && cap == 0 {
        warnings.push(format!(
            "{in_year}参评 {n} 个，{QUOTA_TEXT} 向下取整为 0，无优秀名额"
        ));
    }

    let places = places(entries, &ranked);
    let quotas = Quotas {
        city: (n, cap, &tie),
        district: (dn, dcap, &dtie),
    };
    let mut year_rows: Vec<CohortRow> = ranked
        .iter()
        .map(|r| {
            judge.ranked_row(
                r,
                year,
                &year_label,
                stage,
                &kept_why,
                &grades,
                &quotas,
                &places,
            )
        })
        .collect();
    set_aside_rows(
        &judge,
        year,
        stage,
        &duplicate_of,
        &preparing,
        &not_taking,
        &mut year_rows,
    );
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

/// The rows ranked apart: copies, then 筹建, then 未参评, in the order given.
fn set_aside_rows(
    judge: &Judge,
    year: &str,
    stage: Stage,
    duplicate_of: &BTreeMap<usize, usize>,
    preparing: &[usize],
    not_taking: &[usize],
    year_rows: &mut Vec<CohortRow>,
) {
    let entries = judge.entries;
    for (i, kept) in duplicate_of {
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
        row.quota = judge.quota_of(&entries[*i]);
        year_rows.push(row);
    }
    for i in preparing {
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
    for i in not_taking {
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
}

/// Each quota's count, places and boundary tie, for the rows' notes.
struct Quotas<'a> {
    city: (usize, usize, &'a Option<BoundaryTie>),
    district: (usize, usize, &'a Option<BoundaryTie>),
}

/// One platform, one place: copies by name, district and year (their platform's identity)
/// → (the copy → the one kept, the one kept → why). The copy the user picked counts;
/// otherwise the one with the latest validly reviewed stage, then the latest date, then
/// the first added — an unreviewed copy never displaces a reviewed one.
fn copies(
    entries: &[CohortEntry],
    idx: &[usize],
    in_year: &str,
    warnings: &mut Vec<String>,
) -> (BTreeMap<usize, usize>, BTreeMap<usize, String>) {
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
            "{in_year}“{}”{district}有 {} 份（名称、区县、年度相同）：{why}，另 {} 份未计入参评总量",
            e.name,
            copies.len(),
            copies.len() - 1
        ));
        kept_why.insert(kept, why);
    }
    (duplicate_of, kept_why)
}

/// One stage for the year (asked for, or the latest stage every ranked platform has) and
/// the ranked platforms on it, best total first → (stage, ranked, the names lacking it).
fn order(
    entries: &[CohortEntry],
    ranked_idx: &[usize],
    options: &RankOptions,
    in_year: &str,
    warnings: &mut Vec<String>,
) -> (Stage, Vec<Ranked>, Vec<String>) {
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
            "{in_year}本表按{}得分排名，{}尚无有效的{}，按其较低阶段的得分列入：各行注明所用阶段，不同阶段的得分混合比较",
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
            "{in_year}并非所有平台都已到{}之后的阶段：{}已有更高阶段的审核，本表统一按{}得分排名",
            stage.long_label_zh(),
            quoted(&above),
            stage.long_label_zh()
        ));
    }

    (stage, ranked, lacking)
}

/// Art. 16: one district-level platform per type and district (a warning when more).
fn one_per_district(
    entries: &[CohortEntry],
    ranked: &[Ranked],
    in_year: &str,
    warnings: &mut Vec<String>,
) {
    let mut per_district: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for r in ranked {
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
                "第十六条：{in_year}{}有 {} 个区县级{}（{}）；原则上每个区县每个类型只能认定 1 个区县级平台（国家级、市级平台在区县设立的分平台视为区县级平台），请核实",
                entries[list[0]].district.trim(),
                list.len(),
                type_name_of(rubric_id),
                names.join("、")
            ));
        }
    }
}

/// 名次: national and city rows among themselves, district rows in their own column;
/// equal totals share a place.
fn places(entries: &[CohortEntry], ranked: &[Ranked]) -> BTreeMap<usize, usize> {
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
    places
}

/// The judgements every step of a year reads: the entries and the options.
struct Judge<'a> {
    entries: &'a [CohortEntry],
    options: &'a RankOptions,
}

impl Judge<'_> {
    /// Why a platform is forced to 不合格, if it is: a city platform whose condition is
    /// shown as lost (Art. 31; under `strict` a "原则上" miss too), or below a pass mark.
    fn forced_fail(&self, e: &CohortEntry, total: Decimal) -> Option<GradeReason> {
        let options = self.options;
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
    }

    /// 待核实: a national or city platform whose certification a decision of the bureau
    /// must settle (or, under `strict`, any not verified in the draft).
    fn pending(&self, e: &CohortEntry) -> bool {
        if e.effective_level() == Level::District {
            return false;
        }
        let c = e.cert_state();
        c.pending()
            || (self.options.strict && matches!(c, CertState::NotRecorded | CertState::Unfinished))
            || (e.level == Level::National && c == CertState::Lost)
    }

    /// The quota a platform's grade is decided in (Art. 33's reading).
    fn quota_of(&self, e: &CohortEntry) -> Quota {
        match self.options.district {
            DistrictReading::Pooled => Quota::CityNational,
            DistrictReading::Separate => Quota::of(e.effective_level()),
        }
    }

    /// Applies one 优秀 quota (⌊30 % × its members⌋, rules.rs) over the ranked platforms
    /// it covers: 优秀 in score order, a tie at the last place, a 待核实 platform inside
    /// the quota holding its place and as many after it 优秀（待定）(what settles them in
    /// `settle`) → (members, places, 优秀, the tie, held, provisional).
    fn apply_quota(
        &self,
        ranked: &[Ranked],
        q: Quota,
        grades: &mut Grades,
        settle: &mut Vec<String>,
    ) -> (usize, usize, usize, Option<BoundaryTie>, usize, usize) {
        let (entries, options) = (self.entries, self.options);
        let forced_fail = |e: &CohortEntry, total: Decimal| self.forced_fail(e, total);
        let pending = |e: &CohortEntry| self.pending(e);
        let quota_of = |e: &CohortEntry| self.quota_of(e);
        let members: Vec<&Ranked> = ranked
            .iter()
            .filter(|r| quota_of(&entries[r.i]) == q)
            .collect();
        let n = members.len();
        let cap = super::super::rules::excellent_places(n);
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
    }
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
