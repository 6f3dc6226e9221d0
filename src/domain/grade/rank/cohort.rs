//! The cohort report's types: what [`rank_with`](super::rank_with) returns (rows, year
//! cohorts, quotas, boundary ties, the suggested grade) and how each names and reads
//! itself. Its own room because callers (the CLI, the cohort page, the JSON output) read
//! these types without needing the ranking's logic.

use crate::domain::draft::previous::Grade;
use crate::domain::filing::{export_file_name, years_part};
use crate::domain::review::Stage;
use crate::domain::rubric::Level;
use rust_decimal::Decimal;
use serde::Serialize;

/// The grade proposed for one platform by the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestedGrade {
    Excellent,
    Pass,
    Fail,
    /// Equal totals straddle the last 优秀 place: the bureau decides.
    Tied,
    /// 待核实: certification unfinished, or missed without a recorded Art. 17 grant; no
    /// 优秀 place until resolved.
    Pending,
    /// A second copy of a platform already in the list: shown, not counted in n.
    Duplicate,
    /// 未参评: an empty draft, or one with no scored indicator; not ranked.
    NotTaking,
}

impl SuggestedGrade {
    pub fn key(self) -> &'static str {
        match self {
            SuggestedGrade::Excellent => "excellent",
            SuggestedGrade::Pass => "pass",
            SuggestedGrade::Fail => "fail",
            SuggestedGrade::Tied => "tied",
            SuggestedGrade::Pending => "pending",
            SuggestedGrade::Duplicate => "duplicate",
            SuggestedGrade::NotTaking => "not_taking",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            SuggestedGrade::Excellent => "优秀",
            SuggestedGrade::Pass => "合格",
            SuggestedGrade::Fail => "不合格",
            SuggestedGrade::Tied => "优秀或合格（并列，待定）",
            SuggestedGrade::Pending => "待核实（暂不评优秀）",
            SuggestedGrade::Duplicate => "重复（未计入）",
            SuggestedGrade::NotTaking => "未参评",
        }
    }

    /// The grade, unless undecided.
    pub fn grade(self) -> Option<Grade> {
        match self {
            SuggestedGrade::Excellent => Some(Grade::Excellent),
            SuggestedGrade::Pass => Some(Grade::Pass),
            SuggestedGrade::Fail => Some(Grade::Fail),
            SuggestedGrade::Tied
            | SuggestedGrade::Pending
            | SuggestedGrade::Duplicate
            | SuggestedGrade::NotTaking => None,
        }
    }

    /// Counted in the year's n (not a duplicate, not 未参评).
    pub fn counted(self) -> bool {
        !matches!(self, SuggestedGrade::Duplicate | SuggestedGrade::NotTaking)
    }
}

/// Which 优秀 quota a platform's grade is decided in (issue 14.3, docs/readings.md): the
/// 30% of Art. 31 over national and city platforms; district platforms taking part
/// under Art. 33 are ranked alongside, their 优秀 decided separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quota {
    /// 国家级、市级: Art. 31's 30%.
    CityNational,
    /// 区县级 (and sub-platforms, Art. 16): 30% of the district platforms, separately.
    District,
}

impl Quota {
    pub fn of(level: Level) -> Quota {
        match level {
            Level::District => Quota::District,
            Level::City | Level::National => Quota::CityNational,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Quota::CityNational => "city_national",
            Quota::District => "district",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Quota::CityNational => "国家级、市级",
            Quota::District => "区县级（单独确定）",
        }
    }
}

/// One platform's line in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortRow {
    /// Its position in the entries given to [`rank_with`].
    pub index: usize,
    /// 名次 by total within its year (equal totals share a place: 1, 2, 2, 4); 0 for a
    /// row that is not ranked (重复, 未参评).
    pub rank: usize,
    pub name: String,
    pub rubric: String,
    /// e.g. 综合性产业园.
    pub type_name: String,
    /// The year group (normalised; "" for 未填).
    pub year: String,
    /// What was typed for the year, when it differs.
    pub typed_year: String,
    pub district: String,
    /// The level as ranked (a sub-platform in a district is 区县级).
    pub level: Level,
    /// 层级 column: 国家级 / 市级 / 区县级, 区县级（分平台） for Art. 16.
    pub level_text: String,
    pub branch: bool,
    pub quota: Quota,
    pub total: Decimal,
    pub eligible: bool,
    /// 认定条件 column: 符合 / 不符合 / 待核实 / 未填完 / 需申请降低标准（第十七条）.
    pub certification: String,
    pub grade: SuggestedGrade,
    pub previous_grade: Option<Grade>,
    /// 待核实 reasons.
    pub pending: Vec<String>,
    /// 说明: why this grade and what it means (第三十一条 to 第三十三条).
    pub notes: Vec<String>,
    /// The stage the total is from (自评 / 初审 / 评审).
    pub stage: Stage,
    /// Review stages not used because they are stale.
    pub stale: Vec<Stage>,
    /// For a duplicate: the index of the copy counted instead.
    pub duplicate_of: Option<usize>,
    /// Picked by the user among copies (选用此份).
    pub chosen: bool,
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

    /// The 等次建议 column: the grade, with 区县级 优秀 labelled apart.
    pub fn grade_text(&self) -> String {
        match (self.grade, self.quota) {
            (SuggestedGrade::Excellent, Quota::District) => "优秀（区县级，单独确定）".into(),
            (SuggestedGrade::Tied, Quota::District) => "优秀或合格（区县级并列，待定）".into(),
            (g, _) => g.label_zh().to_string(),
        }
    }

    /// The 名次 column: the place, or "—" for a row not ranked.
    pub fn rank_text(&self) -> String {
        if self.rank == 0 {
            "—".into()
        } else {
            self.rank.to_string()
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

/// The district platforms' own count and quota in a year (Art. 33, decided separately).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DistrictQuota {
    pub evaluated: usize,
    pub excellent_cap: usize,
    pub excellent: usize,
    pub tie: Option<BoundaryTie>,
}

/// One year's cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCohort {
    pub year: String,
    /// n: the national and city platforms evaluated in the year (duplicates and 未参评
    /// not counted).
    pub evaluated: usize,
    /// floor(0.3 × n).
    pub excellent_cap: usize,
    /// Platforms proposed 优秀 (the tied ones not counted).
    pub excellent: usize,
    pub tie: Option<BoundaryTie>,
    /// The district platforms, ranked alongside, 优秀 decided separately.
    pub district: DistrictQuota,
    /// Years as typed that were read as this one ("2025年", "２０２５").
    pub typed: Vec<String>,
    /// Copies shown and not counted.
    pub duplicates: usize,
    /// 未参评 drafts listed.
    pub not_taking: usize,
}

impl YearCohort {
    /// The year as shown: "2025", or 未填年度.
    pub fn label(&self) -> &str {
        if self.year.is_empty() {
            "未填年度"
        } else {
            &self.year
        }
    }

    /// "参评 10 个（国家级、市级），优秀名额 3 个（30%，向下取整）" and the district line.
    pub fn quota_text(&self) -> String {
        let mut s = format!(
            "国家级、市级平台参评 {} 个，优秀名额 {} 个（30%，向下取整），建议优秀 {} 个",
            self.evaluated, self.excellent_cap, self.excellent
        );
        if self.district.evaluated > 0 {
            s.push_str(&format!(
                "；区县级平台 {} 个（第三十三条，单独确定），优秀名额 {} 个，建议优秀 {} 个",
                self.district.evaluated, self.district.excellent_cap, self.district.excellent
            ));
        }
        if self.duplicates > 0 {
            s.push_str(&format!("；重复 {} 份未计入", self.duplicates));
        }
        if self.not_taking > 0 {
            s.push_str(&format!("；未参评 {} 份", self.not_taking));
        }
        s
    }
}

/// The ranking of a cohort: rows year by year (years ascending, a blank year last), each
/// year's ranked rows by total descending, then its duplicates, then its 未参评 drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortReport {
    pub years: Vec<YearCohort>,
    pub rows: Vec<CohortRow>,
    pub pass_mark: Option<Decimal>,
    pub warnings: Vec<String>,
}

impl CohortReport {
    /// The rows of one year group.
    pub fn rows_of<'a>(&'a self, year: &'a str) -> impl Iterator<Item = &'a CohortRow> + 'a {
        self.rows.iter().filter(move |r| r.year == year)
    }

    /// The file name of the CSV (or `ext`) export, dated `date` (YYYY-MM-DD).
    pub fn file_name(&self, date: &str, ext: &str) -> String {
        export_file_name(
            "等次排名",
            "",
            &years_part(self.years.iter().map(|y| y.year.as_str())),
            date,
            ext,
        )
    }
}
