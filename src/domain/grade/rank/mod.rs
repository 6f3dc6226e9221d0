//! The cohort ranking of one evaluation year (Arts. 15, 16, 17, 31–33): entries from
//! drafts, who is ranked, the stage used, the 30 % quota with held places, ties, 待核实 and
//! 不合格. The readings are in `grade/mod.rs` and docs/readings.md.
//!
//! This room holds the entry ([`CohortEntry`], [`cert_state`]) and the ranking ([`rank`],
//! [`rank_with`]); the report's types are `cohort.rs`, the CSV `csv.rs`, the hand-worked
//! tests `tests.rs`.

use crate::domain::filing::normalise_year;
use crate::domain::review::Stage;
use crate::domain::rubric::{self, Level};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use year::rank_year;

mod cohort;
mod csv;
mod entry;
mod year;
pub use cohort::{
    BoundaryTie, CertState, CohortReport, CohortRow, DistrictQuota, DistrictReading, Establishing,
    GradeReason, Quota, StageTotal, SuggestedGrade, YearCohort,
};
pub use csv::{to_csv, CSV_HEADER};
pub use entry::{cert_state, verification, CohortEntry};

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

#[cfg(test)]
mod tests;
