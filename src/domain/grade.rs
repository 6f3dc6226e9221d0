//! 评估等次: grades of the annual evaluation, Articles 31–33.
//!
//! (Over 600 lines with its unit tests, about 230 lines of hand-worked rankings; the code
//! itself is one draft's outlook and the cohort ranking, which share the grade rules.)
//!
//! 第三十一条: results are 优秀、合格、不合格; "原则上优秀等次平台数量不超过参评总量的30%";
//! "已丧失审批条件的市级平台，认定为不合格". The measures set no score cut-offs, so one draft
//! alone can only say which grades are open to it ([`outlook`]); 优秀 is decided by ranking
//! all platforms evaluated in the year ([`rank`]).
//!
//! Readings fixed here:
//!
//! * The 30% cap is `floor(0.3 × n)`, `n` counting every platform evaluated in that year
//!   (eligible or not, of all three types, in one list). n = 3 gives 0 优秀.
//! * A platform that is not eligible is 不合格 and does not take an 优秀 place; the places
//!   go to the next eligible ones by total.
//! * Equal totals straddling the last 优秀 place are all flagged "优秀或合格（并列，待定）"
//!   for the bureau's review meeting (第三十条（三）); none is silently dropped or promoted.
//! * "已丧失审批条件的市级平台" is read literally: the rule applies at the city level. A
//!   district-level platform taking part voluntarily (第三十三条) is not made 不合格 by
//!   missing the city conditions — it only cannot be recognised as city-level directly; a
//!   national platform's conditions are the ministry's (第六条), so the city check does not
//!   grade it either.
//! * The measures set no pass mark; without one the rest are 合格. [`rank_with`] takes one
//!   if the bureau sets it.

pub use super::draft::previous::{parse_previous, Grade};
use super::draft::{Draft, DraftError};
use super::eligibility::{
    check_certification, check_certification_strict, CertificationReport, Overall,
};
use super::number::fmt_decimal;
use super::review::{self, Stage};
use super::rubric::{self, Level};
use super::score::score_strict;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a grade means for a platform (第三十二条 for national and city platforms,
/// 第三十三条 for a district platform taking part voluntarily), given last year's grade and
/// the certification outcome (`None`: not known).
pub fn consequences(
    grade: Grade,
    previous: Option<Grade>,
    level: Level,
    certification: Option<Overall>,
) -> Vec<String> {
    let mut out = Vec::new();
    if level == Level::District {
        match grade {
            Grade::Excellent => {
                out.push("支持开展现代生产性服务业相关政策的申报工作（第三十三条）".into());
                out.push(district_path(certification).into());
            }
            Grade::Pass | Grade::Fail => out.push(
                "区县级平台：本办法第三十二条的结果运用针对国家级、市级平台，对区县级平台的合格、不合格等次未作规定".into(),
            ),
        }
        return out;
    }
    match grade {
        Grade::Excellent => out.push(
            "在全市现代生产性服务业集聚区、“星级”楼宇、重点项目等政策申报中予以优先推荐（第三十二条（一））".into(),
        ),
        Grade::Pass => out.push("支持开展现代生产性服务业相关政策的申报工作（第三十二条（三））".into()),
        Grade::Fail => out.push("在现代生产性服务业相关政策的申报活动中不予推荐（第三十二条（二））".into()),
    }
    if level == Level::City && previous == Some(Grade::Fail) {
        out.push(if grade == Grade::Fail {
            "上年度亦为不合格：连续两年绩效评估不合格，不再纳入市级平台管理（第三十二条（二））"
                .into()
        } else {
            format!(
                "上年度为不合格；本年度为{}，不构成连续两年不合格",
                grade.label_zh()
            )
        });
    }
    out
}

fn district_path(certification: Option<Overall>) -> &'static str {
    match certification {
        Some(Overall::Eligible) => "符合市级平台认定条件：评为优秀的，直接认定为市级平台（第三十三条）",
        Some(Overall::EligibleUnderGrant) => "按第十七条批准的降低标准或达成时限符合市级平台认定条件：评为优秀的，直接认定为市级平台（第三十三条）",
        Some(Overall::MissedWithoutGrant) => "部分量化条件未达标且未记录第十七条批准：获批准并达到批准标准的，评为优秀即直接认定为市级平台（第三十三条）；未获批准的，不符合市级平台认定条件",
        Some(Overall::NotEligible) => "不符合市级平台认定条件：即使评为优秀，也不能依第三十三条直接认定为市级平台",
        Some(Overall::Incomplete) | None => "市级认定条件尚未核实完毕：评为优秀且符合市级平台认定条件的，直接认定为市级平台（第三十三条）",
    }
}

/// What one grade would mean, for [`Outlook`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeConsequence {
    pub grade: Grade,
    pub text: Vec<String>,
}

/// The grades open to one draft before the year's ranking (第三十一条 to 第三十三条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outlook {
    pub level: Level,
    pub certification: Overall,
    /// The grades still possible, best first.
    pub possible: Vec<Grade>,
    /// In one Chinese sentence.
    pub summary: String,
    pub previous: Option<Grade>,
    /// For each possible grade, what it would mean (第三十二条/第三十三条).
    pub consequences: Vec<GradeConsequence>,
    /// 第三十三条, for a district-level platform.
    pub district_path: Option<String>,
    pub notes: Vec<String>,
}

/// The grades a platform can still get, from its certification check, level and last
/// year's grade: 不合格 if a city-level platform fails the check ("已丧失审批条件的市级
/// 平台，认定为不合格", 第三十一条); otherwise 合格, with 优秀 possible only by ranking.
pub fn outlook(report: &CertificationReport, level: Level, previous: Option<Grade>) -> Outlook {
    use Grade::{Excellent, Fail, Pass};
    let cert = report.overall;
    let mut notes = vec![
        "本办法未规定分数线：优秀等次原则上不超过本年度参评总量的30%（第三十一条），须对全部参评平台按总分排名确定；如市人力社保局另设合格线，低于合格线的为不合格。".to_string(),
    ];
    let (possible, summary) = match level {
        Level::City => match cert {
            Overall::NotEligible => (
                vec![Fail],
                "不符合认定条件：已丧失审批条件的市级平台，认定为不合格（第三十一条）".to_string(),
            ),
            Overall::Eligible | Overall::EligibleUnderGrant => (
                vec![Excellent, Pass],
                "符合认定条件：可评为合格；能否评为优秀取决于本年度全部参评平台的排名（前30%）".to_string(),
            ),
            Overall::MissedWithoutGrant => {
                notes.push("量化条件的达标情况，以按第十七条批准时确定的降低标准或达成时限为准；未获批准或仍达不到的，属已丧失审批条件，认定为不合格（第三十一条）。".into());
                (
                    vec![Excellent, Pass, Fail],
                    "量化条件有未达标项，未记录第十七条批准（待核实）：获批准并达到批准标准的，可评为合格；未获批准的，认定为不合格（第三十一条）".to_string(),
                )
            }
            Overall::Incomplete => (
                vec![Excellent, Pass, Fail],
                "认定条件尚未填完：不符合的，认定为不合格（第三十一条）；符合的，可评为合格，优秀取决于本年度排名".to_string(),
            ),
        },
        Level::National => {
            notes.push("国家级平台的审批条件按人力资源社会保障部有关规定执行（第六条），本工具不据市级认定条件判定其不合格。".into());
            (
                vec![Excellent, Pass],
                "国家级平台自评：可评为合格；能否评为优秀取决于本年度排名（前30%）".to_string(),
            )
        }
        Level::District => (
            vec![Excellent, Pass],
            "区县级平台自愿参评（第三十三条）：可评为合格；能否评为优秀取决于本年度排名（前30%）".to_string(),
        ),
    };
    let consequences = possible
        .iter()
        .map(|g| GradeConsequence {
            grade: *g,
            text: consequences(*g, previous, level, Some(cert)),
        })
        .collect();
    if level == Level::City && previous == Some(Fail) {
        notes.push("上年度为不合格：本年度如再评为不合格，连续两年不合格，不再纳入市级平台管理（第三十二条（二））。".into());
    }
    Outlook {
        level,
        certification: cert,
        possible,
        summary,
        previous,
        consequences,
        district_path: (level == Level::District).then(|| district_path(Some(cert)).to_string()),
        notes,
    }
}

/// [`outlook`] for a draft (its certification check, level and `previous_grade`; an
/// unreadable previous grade counts as none). Fails only for an unknown rubric.
pub fn outlook_for(draft: &Draft) -> Result<Outlook, DraftError> {
    let report = check_certification(draft)?;
    let previous = parse_previous(&draft.previous_grade).unwrap_or(None);
    Ok(outlook(&report, draft.level, previous))
}

/// One platform in a year's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortEntry {
    pub name: String,
    /// `comprehensive-park`, `specialized-park` or `talent-market`.
    pub rubric: String,
    /// 评估年度.
    pub year: String,
    pub total: Decimal,
    /// Whether it has not lost its certification conditions (false: 不合格 at the city
    /// level, 第三十一条).
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
        }
    }

    /// The entry of a draft: its total from [`score_strict`] at the latest usable review
    /// stage ([`review::usable_stage`]: a stale layer is not used), eligibility from the
    /// certification check (eligible unless a condition is missed without relief), level,
    /// year and previous grade. Refuses a draft with any problem, in its review layers too.
    pub fn from_draft(draft: &Draft) -> Result<CohortEntry, Vec<DraftError>> {
        CohortEntry::from_draft_at(draft, Stage::City)
    }

    /// As [`CohortEntry::from_draft`], using no stage above `limit` (`SelfAssessed`:
    /// rank on self-scores).
    pub fn from_draft_at(draft: &Draft, limit: Stage) -> Result<CohortEntry, Vec<DraftError>> {
        let report = check_certification_strict(draft)?;
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
        Ok(CohortEntry {
            name: draft.platform.name.trim().to_string(),
            rubric: draft.rubric.clone(),
            year: draft.platform.year.trim().to_string(),
            total: score.total,
            eligible: report.overall.not_failed(),
            previous_grade: previous,
            level: draft.level,
            certification: Some(report.overall),
            stage,
            stale,
        })
    }

    fn certification_text(&self) -> &'static str {
        match (self.eligible, self.certification) {
            (false, _) | (_, Some(Overall::NotEligible)) => "不符合",
            (true, Some(Overall::MissedWithoutGrant)) => "未达标，未记录第十七条批准（待核实）",
            (true, Some(Overall::EligibleUnderGrant)) => "符合（按第十七条批准）",
            (true, Some(Overall::Incomplete)) => "未填完",
            (true, _) => "符合",
        }
    }
}

/// The grade proposed for one platform by the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestedGrade {
    Excellent,
    Pass,
    Fail,
    /// Equal totals straddle the last 优秀 place: the bureau decides.
    Tied,
}

impl SuggestedGrade {
    pub fn key(self) -> &'static str {
        match self {
            SuggestedGrade::Excellent => "excellent",
            SuggestedGrade::Pass => "pass",
            SuggestedGrade::Fail => "fail",
            SuggestedGrade::Tied => "tied",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            SuggestedGrade::Excellent => "优秀",
            SuggestedGrade::Pass => "合格",
            SuggestedGrade::Fail => "不合格",
            SuggestedGrade::Tied => "优秀或合格（并列，待定）",
        }
    }

    /// The grade, unless undecided.
    pub fn grade(self) -> Option<Grade> {
        match self {
            SuggestedGrade::Excellent => Some(Grade::Excellent),
            SuggestedGrade::Pass => Some(Grade::Pass),
            SuggestedGrade::Fail => Some(Grade::Fail),
            SuggestedGrade::Tied => None,
        }
    }
}

/// One platform's line in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortRow {
    /// 名次 by total within its year (equal totals share a place: 1, 2, 2, 4).
    pub rank: usize,
    pub name: String,
    pub rubric: String,
    /// e.g. 综合性产业园.
    pub type_name: String,
    pub year: String,
    pub level: Level,
    pub total: Decimal,
    pub eligible: bool,
    /// 认定条件 column: 符合 / 不符合 / 未填完 / 需申请降低标准（第十七条）.
    pub certification: String,
    pub grade: SuggestedGrade,
    pub previous_grade: Option<Grade>,
    /// 说明: why this grade and what it means (第三十一条 to 第三十三条).
    pub notes: Vec<String>,
    /// The stage the total is from (自评 / 初审 / 评审).
    pub stage: Stage,
    /// Review stages not used because they are stale.
    pub stale: Vec<Stage>,
}

impl CohortRow {
    /// Ranked on a reviewed score (not only the self-score).
    pub fn reviewed(&self) -> bool {
        self.stage != Stage::SelfAssessed
    }

    /// The 依据 column: 初审 / 评审, or 自评（未经审核）.
    pub fn stage_text(&self) -> String {
        if self.reviewed() {
            self.stage.label_zh().to_string()
        } else {
            "自评（未经审核）".to_string()
        }
    }
}

/// Equal totals straddling the last 优秀 place of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoundaryTie {
    pub total: Decimal,
    /// 优秀 places left for the tied platforms.
    pub places: usize,
    pub names: Vec<String>,
}

/// One year's cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCohort {
    pub year: String,
    /// n: every platform evaluated in the year.
    pub evaluated: usize,
    /// floor(0.3 × n).
    pub excellent_cap: usize,
    /// Platforms proposed 优秀 (the tied ones not counted).
    pub excellent: usize,
    pub tie: Option<BoundaryTie>,
}

/// The ranking of a cohort: rows year by year (years ascending, a blank year last), each
/// year by total descending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortReport {
    pub years: Vec<YearCohort>,
    pub rows: Vec<CohortRow>,
    pub pass_mark: Option<Decimal>,
    pub warnings: Vec<String>,
}

/// Options for [`rank_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankOptions {
    /// A pass mark set by the bureau (the measures set none): a lower total is 不合格.
    pub pass_mark: Option<Decimal>,
}

/// Ranks a cohort (第三十一条): per year by total, 优秀 for at most floor(0.3 × n) of the
/// eligible platforms, ties at the boundary flagged, 不合格 for city-level platforms that
/// lost their conditions; with the 第三十二条/第三十三条 consequences in the notes.
pub fn rank(entries: &[CohortEntry]) -> CohortReport {
    rank_with(entries, &RankOptions::default())
}

/// As [`rank`], with a pass mark.
pub fn rank_with(entries: &[CohortEntry], options: &RankOptions) -> CohortReport {
    let mut by_year: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let y = e.year.trim().to_string();
        by_year.entry((y.is_empty(), y)).or_default().push(i);
    }
    let mut years = Vec::new();
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for ((_, year), mut idx) in by_year {
        let year_label = if year.is_empty() {
            "未填年度".to_string()
        } else {
            year.clone()
        };
        idx.sort_by(|a, b| {
            entries[*b]
                .total
                .cmp(&entries[*a].total)
                .then_with(|| entries[*a].name.cmp(&entries[*b].name))
                .then_with(|| a.cmp(b))
        });
        let n = idx.len();
        let cap = n.saturating_mul(3) / 10;

        // Names given twice in a year.
        let mut names: Vec<&str> = idx.iter().map(|i| entries[*i].name.trim()).collect();
        names.sort_unstable();
        let mut dup: Vec<&str> = names
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        dup.dedup();
        for d in dup {
            warnings.push(format!(
                "{year_label}年度平台名称“{d}”出现多次，请核实是否重复参评"
            ));
        }

        // Why each is forced to 不合格, if it is.
        let forced_fail = |e: &CohortEntry| -> Option<String> {
            if !e.eligible && e.level == Level::City {
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
        let pool: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|i| forced_fail(&entries[*i]).is_none())
            .collect();
        let mut grades: BTreeMap<usize, SuggestedGrade> = BTreeMap::new();
        let mut tie = None;
        if cap > 0 {
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
                tie = Some(BoundaryTie {
                    total: t,
                    places: cap - above,
                    names: tied.iter().map(|i| entries[*i].name.clone()).collect(),
                });
            } else {
                for i in pool.iter().take(cap) {
                    grades.insert(*i, SuggestedGrade::Excellent);
                }
            }
        }
        let excellent = grades
            .values()
            .filter(|g| **g == SuggestedGrade::Excellent)
            .count();

        // 名次: equal totals share a place.
        let mut place = 0;
        for (pos, i) in idx.iter().enumerate() {
            let e = &entries[*i];
            if pos == 0 || entries[idx[pos - 1]].total != e.total {
                place = pos + 1;
            }
            let mut notes = Vec::new();
            if e.stage == Stage::SelfAssessed {
                notes.push("未经审核：按自评分排名".to_string());
            } else {
                notes.push(format!("按{}得分排名", e.stage.long_label_zh()));
            }
            for s in &e.stale {
                notes.push(format!(
                    "{}已过期（审核后内容有变动），待审核人重新确认，未采用",
                    s.long_label_zh()
                ));
            }
            let grade = match forced_fail(e) {
                Some(why) => {
                    notes.push(why);
                    SuggestedGrade::Fail
                }
                None => grades.get(i).copied().unwrap_or(SuggestedGrade::Pass),
            };
            match grade {
                SuggestedGrade::Excellent => notes.push(format!(
                    "总分居本年度前列：参评 {n} 个，优秀名额 {cap} 个（30%，向下取整）"
                )),
                SuggestedGrade::Tied => {
                    if let Some(t) = &tie {
                        notes.push(format!(
                            "与另外 {} 个平台总分并列 {} 分，跨越优秀名额边界（剩余 {} 个名额由 {} 个并列平台竞争），须由评审会议确定（第三十条（三））",
                            t.names.len().saturating_sub(1),
                            fmt_decimal(t.total),
                            t.places,
                            t.names.len()
                        ));
                    }
                }
                SuggestedGrade::Pass if cap == 0 => {
                    notes.push(format!("参评 {n} 个，30% 向下取整为 0，本年度无优秀名额"))
                }
                SuggestedGrade::Pass => {}
                SuggestedGrade::Fail => {}
            }
            if e.eligible {
                match e.certification {
                    Some(Overall::Incomplete) => notes.push(
                        "认定条件尚未填完，须核实；不符合的市级平台认定为不合格（第三十一条）"
                            .into(),
                    ),
                    Some(Overall::MissedWithoutGrant) => notes.push(
                        "量化条件未达标且未记录第十七条批准，须核实；未获批准的不符合认定条件"
                            .into(),
                    ),
                    _ => {}
                }
            } else if e.level != Level::City {
                notes.push(match e.level {
                    Level::District => "不符合市级平台认定条件：不适用第三十三条直接认定；区县级平台不因此认定为不合格".into(),
                    _ => "不符合市级平台认定条件；国家级平台的审批条件按人力资源社会保障部规定（第六条），本工具不据此判定不合格".to_string(),
                });
            }
            match grade.grade() {
                Some(g) => notes.extend(consequences(
                    g,
                    e.previous_grade,
                    e.level,
                    e.certification.or(Some(if e.eligible {
                        Overall::Eligible
                    } else {
                        Overall::NotEligible
                    })),
                )),
                None => {
                    if e.level == Level::City && e.previous_grade == Some(Grade::Fail) {
                        notes.push("上年度为不合格".into());
                    }
                }
            }
            rows.push(CohortRow {
                rank: place,
                name: e.name.clone(),
                rubric: e.rubric.clone(),
                type_name: rubric::latest(&e.rubric)
                    .map(|r| r.short_name.clone())
                    .unwrap_or_else(|| e.rubric.clone()),
                year: year.clone(),
                level: e.level,
                total: e.total,
                eligible: e.eligible,
                certification: e.certification_text().to_string(),
                grade,
                previous_grade: e.previous_grade,
                notes,
                stage: e.stage,
                stale: e.stale.clone(),
            });
        }
        years.push(YearCohort {
            year,
            evaluated: n,
            excellent_cap: cap,
            excellent,
            tie,
        });
    }
    CohortReport {
        years,
        rows,
        pass_mark: options.pass_mark,
        warnings,
    }
}

/// The ranking as CSV for Excel: UTF-8 with a BOM, CRLF line ends, fields quoted when
/// they hold a comma, quote, line break or edge space, headers 名次, 平台名称, 类型, 年度,
/// 总分, 依据 (自评（未经审核） / 初审 / 评审), 认定条件, 等次建议, 说明. A typed name or year starting with = + - @ is prefixed
/// with ' so that a spreadsheet does not run it as a formula.
pub fn to_csv(report: &CohortReport) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "名次",
        "平台名称",
        "类型",
        "年度",
        "总分",
        "依据",
        "认定条件",
        "等次建议",
        "说明",
    ];
    push_record(&mut out, header.iter().map(|s| s.to_string()));
    for r in &report.rows {
        push_record(
            &mut out,
            [
                r.rank.to_string(),
                defuse(&r.name),
                r.type_name.clone(),
                defuse(&r.year),
                fmt_decimal(r.total),
                r.stage_text(),
                r.certification.clone(),
                r.grade.label_zh().to_string(),
                r.notes.join("；"),
            ]
            .into_iter(),
        );
    }
    out
}

fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    let mut first = true;
    for f in fields {
        if !first {
            out.push(',');
        }
        first = false;
        let needs_quotes = f.contains([',', '"', '\r', '\n'])
            || f.starts_with(char::is_whitespace)
            || f.ends_with(char::is_whitespace);
        if needs_quotes {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

/// Ranking and the CSV (Arts. 31–33), worked by hand. (Moved here from the integration
/// tests: they test this module's `rank_with` and `to_csv` only.)
#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn entries(totals: &[&str]) -> Vec<CohortEntry> {
        totals
            .iter()
            .enumerate()
            .map(|(i, t)| {
                CohortEntry::new(
                    &format!("平台{:02}", i + 1),
                    "comprehensive-park",
                    "2025",
                    d(t),
                    true,
                )
            })
            .collect()
    }

    fn grades(r: &CohortReport) -> Vec<(String, SuggestedGrade)> {
        r.rows
            .iter()
            .map(|row| (row.name.clone(), row.grade))
            .collect()
    }

    fn count(r: &CohortReport, g: SuggestedGrade) -> usize {
        r.rows.iter().filter(|row| row.grade == g).count()
    }

    #[test]
    fn thirty_percent_cap_rounds_down() {
        let r = rank(&entries(&["90"]));
        assert_eq!((r.years[0].evaluated, r.years[0].excellent_cap), (1, 0));
        assert_eq!(count(&r, SuggestedGrade::Excellent), 0);
        let r = rank(&entries(&["90", "80", "70"]));
        assert_eq!(r.years[0].excellent_cap, 0);
        assert_eq!(count(&r, SuggestedGrade::Excellent), 0);
        assert_eq!(count(&r, SuggestedGrade::Pass), 3);
        let ten = ["50", "95", "60", "90", "70", "85", "40", "80", "30", "75"];
        let r = rank(&entries(&ten));
        assert_eq!(r.years[0].excellent_cap, 3);
        let top: Vec<Decimal> = r
            .rows
            .iter()
            .filter(|row| row.grade == SuggestedGrade::Excellent)
            .map(|row| row.total)
            .collect();
        assert_eq!(top, vec![d("95"), d("90"), d("85")]);
        assert_eq!(r.rows[0].rank, 1);
        assert!(r.years[0].tie.is_none());
    }

    #[test]
    fn ties_at_the_boundary_are_flagged_not_dropped() {
        // 10 platforms, 3 places: 95, 90, then 85 and 85 straddle the third place.
        let r = rank(&entries(&[
            "95", "90", "85", "85", "80", "70", "60", "50", "40", "30",
        ]));
        let g = grades(&r);
        assert_eq!(g[0].1, SuggestedGrade::Excellent);
        assert_eq!(g[1].1, SuggestedGrade::Excellent);
        assert_eq!(g[2].1, SuggestedGrade::Tied);
        assert_eq!(g[3].1, SuggestedGrade::Tied);
        assert_eq!(g[4].1, SuggestedGrade::Pass);
        let tie = r.years[0].tie.clone().expect("tie flagged");
        assert_eq!((tie.total, tie.places, tie.names.len()), (d("85"), 1, 2));
        assert_eq!((r.rows[2].rank, r.rows[3].rank, r.rows[4].rank), (3, 3, 5));
        assert!(r.rows[2].notes.iter().any(|n| n.contains("评审会议")));
        // Equal totals inside the cap are not a boundary tie.
        let r = rank(&entries(&[
            "95", "95", "90", "80", "70", "60", "50", "40", "30", "20",
        ]));
        assert_eq!(count(&r, SuggestedGrade::Excellent), 3);
        assert!(r.years[0].tie.is_none());
    }

    #[test]
    fn an_ineligible_top_scorer_fails_and_takes_no_place() {
        let mut es = entries(&["99", "90", "85", "80", "70", "60", "50", "40", "30", "20"]);
        es[0].eligible = false;
        let r = rank(&es);
        assert_eq!(r.rows[0].name, "平台01");
        assert_eq!(r.rows[0].grade, SuggestedGrade::Fail);
        assert_eq!(r.rows[0].rank, 1);
        assert!(r.rows[0].notes.iter().any(|n| n.contains("第三十一条")));
        let excellent: Vec<&str> = r
            .rows
            .iter()
            .filter(|row| row.grade == SuggestedGrade::Excellent)
            .map(|row| row.name.as_str())
            .collect();
        assert_eq!(excellent, vec!["平台02", "平台03", "平台04"]);
        // n still counts the ineligible one: 10 → 3 places.
        assert_eq!(r.years[0].evaluated, 10);
        // Two consecutive 不合格.
        let mut es = entries(&["50"]);
        es[0].eligible = false;
        es[0].previous_grade = Some(Grade::Fail);
        let r = rank(&es);
        assert!(r.rows[0]
            .notes
            .iter()
            .any(|n| n.contains("不再纳入市级平台管理")));
        // A district-level platform missing the city conditions is not made 不合格.
        let mut es = entries(&["99", "90", "85", "80", "70", "60", "50", "40", "30", "20"]);
        es[0].eligible = false;
        es[0].level = Level::District;
        let r = rank(&es);
        assert_eq!(r.rows[0].grade, SuggestedGrade::Excellent);
        assert!(r.rows[0]
            .notes
            .iter()
            .any(|n| n.contains("不能依第三十三条")));
    }

    #[test]
    fn cohorts_rank_per_year_across_types_and_with_a_pass_mark() {
        let mut es = entries(&["90", "80", "70", "60"]);
        es[1].rubric = "talent-market".into();
        es[2].year = "2024".into();
        es[3].year = "2024".into();
        let r = rank(&es);
        let years: Vec<(&str, usize)> = r
            .years
            .iter()
            .map(|y| (y.year.as_str(), y.evaluated))
            .collect();
        assert_eq!(years, vec![("2024", 2), ("2025", 2)]);
        assert_eq!(r.rows[0].year, "2024");
        assert_eq!(r.rows[0].rank, 1);
        assert_eq!(r.rows[2].rank, 1);
        assert_eq!(r.rows[3].type_name, "人才市场");
        let r = rank_with(
            &entries(&["90", "59.9", "70"]),
            &RankOptions {
                pass_mark: Some(d("60")),
            },
        );
        assert_eq!(r.rows[2].grade, SuggestedGrade::Fail);
    }

    /// A small RFC 4180 reader for the round trip.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    c => field.push(c),
                }
            } else {
                match c {
                    '"' => quoted = true,
                    ',' => row.push(std::mem::take(&mut field)),
                    '\r' => {
                        assert_eq!(chars.next(), Some('\n'), "CR without LF");
                        row.push(std::mem::take(&mut field));
                        rows.push(std::mem::take(&mut row));
                    }
                    '\n' => panic!("bare LF line end"),
                    c => field.push(c),
                }
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "last line not terminated"
        );
        rows
    }

    #[test]
    fn csv_has_bom_crlf_quotes_and_parses_back() {
        let mut es = entries(&["95", "90", "85", "85", "80", "70", "60", "50", "40", "30"]);
        es[0].name = "重庆\"两江\"人力资源服务产业园, 一期".into();
        es[1].name = "=HYPERLINK(\"x\")".into();
        es[4].eligible = false;
        let r = rank(&es);
        let csv = to_csv(&r);
        assert!(csv.starts_with('\u{feff}'));
        let body = csv.trim_start_matches('\u{feff}');
        let rows = parse_csv(body);
        assert_eq!(
            rows[0],
            vec![
                "名次",
                "平台名称",
                "类型",
                "年度",
                "总分",
                "依据",
                "认定条件",
                "等次建议",
                "说明"
            ]
        );
        assert_eq!(rows.len(), 11);
        assert_eq!(rows[1][1], "重庆\"两江\"人力资源服务产业园, 一期");
        assert_eq!(rows[2][1], "'=HYPERLINK(\"x\")");
        for (line, row) in rows[1..].iter().zip(&r.rows) {
            assert_eq!(line.len(), 9);
            assert_eq!(line[0], row.rank.to_string());
            assert_eq!(line[2], row.type_name);
            assert_eq!(line[3], "2025");
            assert_eq!(d(&line[4]), row.total);
            assert_eq!(line[5], "自评（未经审核）");
            assert_eq!(line[6], row.certification);
            assert_eq!(line[7], row.grade.label_zh());
            assert_eq!(line[8], row.notes.join("；"));
        }
        assert_eq!(rows[3][7], "优秀或合格（并列，待定）");
        assert_eq!(rows[5][6], "不符合");
        assert_eq!(rows[5][7], "不合格");
    }

    // ---- the command line ----
}
