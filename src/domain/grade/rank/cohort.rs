//! The cohort report's types: what [`rank_with`](super::rank_with) returns (rows, year
//! cohorts, quotas, boundary ties, the suggested grade) and how each names and reads
//! itself. Its own room because callers (the CLI, the cohort page, the JSON output) read
//! these types without needing the ranking's logic.
//!
//! Over 600 lines: the report's many small types, each with how it names itself; split by
//! type they would only be harder to find.

use super::super::rules::QUOTA_TEXT;
use crate::domain::draft::previous::Grade;
use crate::domain::filing::{export_file_name, years_part};
use crate::domain::review::Stage;
use crate::domain::rubric::Level;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
    /// 待核实（暂列优秀）: a 待核实 platform inside the quota holds its place (Art. 31).
    HeldPending,
    /// 优秀（待定）: would take an 优秀 place if a 待核实 platform holding one above it
    /// falls; never a firm 优秀.
    Provisional,
    /// 筹建中（未纳入市级平台管理）: approved for 筹建 (Art. 15), not yet 验收; outside n.
    Preparing,
    /// 期满验收未通过，取消筹建资格 (Art. 15): the 筹建期 has passed; outside n.
    PreparingExpired,
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
            SuggestedGrade::HeldPending => "held_pending",
            SuggestedGrade::Provisional => "provisional",
            SuggestedGrade::Preparing => "preparing",
            SuggestedGrade::PreparingExpired => "preparing_expired",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            SuggestedGrade::Excellent => "优秀",
            SuggestedGrade::Pass => "合格",
            SuggestedGrade::Fail => "不合格",
            SuggestedGrade::Tied => "优秀或合格（并列，待定）",
            SuggestedGrade::Pending => "待核实",
            SuggestedGrade::Duplicate => "重复（未计入）",
            SuggestedGrade::NotTaking => "未参评",
            SuggestedGrade::HeldPending => "待核实（暂列优秀）",
            SuggestedGrade::Provisional => "优秀（待定）",
            SuggestedGrade::Preparing => "筹建中（未纳入市级平台管理）",
            SuggestedGrade::PreparingExpired => "期满验收未通过，取消筹建资格",
        }
    }

    /// The grade, unless undecided.
    pub fn grade(self) -> Option<Grade> {
        match self {
            SuggestedGrade::Excellent => Some(Grade::Excellent),
            SuggestedGrade::Pass => Some(Grade::Pass),
            SuggestedGrade::Fail => Some(Grade::Fail),
            _ => None,
        }
    }

    /// Counted in the year's n (not a duplicate, not 未参评, not 筹建).
    pub fn counted(self) -> bool {
        !matches!(
            self,
            SuggestedGrade::Duplicate
                | SuggestedGrade::NotTaking
                | SuggestedGrade::Preparing
                | SuggestedGrade::PreparingExpired
        )
    }

    /// May still change when a pending check is settled or the bureau decides (待定,
    /// 待核实, a boundary tie).
    pub fn open(self) -> bool {
        matches!(
            self,
            SuggestedGrade::Tied
                | SuggestedGrade::Pending
                | SuggestedGrade::HeldPending
                | SuggestedGrade::Provisional
        )
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

/// How Art. 33's district volunteers meet Art. 31's 30 % (docs/readings.md, issue 20.6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistrictReading {
    /// 纳入参评总量 (default): a district platform that "自愿申请纳入市级平台绩效考评体系"
    /// is counted in the 参评总量 with the national and city platforms and competes for the
    /// same places; its 名次 is kept in its own column (its total is on halved units).
    #[default]
    Pooled,
    /// 单独确定: the district volunteers are a pool of their own, floor(0.3 × their number).
    Separate,
}

impl DistrictReading {
    pub fn key(self) -> &'static str {
        match self {
            DistrictReading::Pooled => "pooled",
            DistrictReading::Separate => "separate",
        }
    }

    pub fn from_key(key: &str) -> Option<DistrictReading> {
        match key {
            "pooled" => Some(DistrictReading::Pooled),
            "separate" => Some(DistrictReading::Separate),
            _ => None,
        }
    }

    /// The reading in one sentence, shown on the sheet and the page.
    pub fn text_zh(self) -> String {
        match self {
            DistrictReading::Pooled => format!(
                "区县级平台自愿参评（第三十三条）：计入参评总量，与国家级、市级平台按总分共用第三十一条的优秀名额（{QUOTA_TEXT}）；\
                 其名次单列（区县级平台按不低于市级标准 50% 的指标评分）"
            ),
            DistrictReading::Separate => format!(
                "区县级平台自愿参评（第三十三条）：不计入国家级、市级平台的参评总量，其优秀按区县级参评平台数的 {QUOTA_TEXT} 单独确定"
            ),
        }
    }
}

/// The certification as the ranking reads it (Arts. 15, 17, 31; issue 20.3): what the
/// draft shows, not what the ranking would like to see. Only a condition shown as lost
/// makes a city platform 不合格; a condition nobody recorded does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertState {
    /// Every condition met as written.
    Met,
    /// Met under a recorded Art. 17 grant.
    MetUnderGrant,
    /// The draft holds no certification data: ranked on its score (认定条件未在本草稿中核实).
    #[default]
    NotRecorded,
    /// Some conditions recorded, others blank or unconfirmed: ranked on its score.
    Unfinished,
    /// No certification data, but the draft's own figures (附表1, the scoring inputs) fall
    /// short of a condition: 待核实.
    UnrecordedMiss,
    /// A "原则上" threshold missed: 待核实（由市人力社保局认定）.
    MissedInPrinciple,
    /// A quantitative condition missed in 渝东北/渝东南 with no recorded Art. 17 grant (or
    /// a running 达成时限 not compared with a date): 待核实（由市人力社保局认定）.
    MissedWithoutGrant,
    /// A condition shown as lost where no relief is open: 不合格 for a city platform
    /// (Art. 31).
    Lost,
}

impl CertState {
    pub fn key(self) -> &'static str {
        match self {
            CertState::Met => "met",
            CertState::MetUnderGrant => "met_under_grant",
            CertState::NotRecorded => "not_recorded",
            CertState::Unfinished => "unfinished",
            CertState::UnrecordedMiss => "unrecorded_miss",
            CertState::MissedInPrinciple => "missed_in_principle",
            CertState::MissedWithoutGrant => "missed_without_grant",
            CertState::Lost => "lost",
        }
    }

    /// The 认定条件 column.
    pub fn label_zh(self) -> &'static str {
        match self {
            CertState::Met => "符合",
            CertState::MetUnderGrant => "符合（按第十七条批准核定）",
            CertState::NotRecorded => "未在本草稿中核实",
            CertState::Unfinished => "未填完",
            CertState::UnrecordedMiss => "待核实（按填报数据可能未达标）",
            CertState::MissedInPrinciple => "待核实（“原则上”条件未达到，由市人力社保局认定）",
            CertState::MissedWithoutGrant => "待核实（未记录第十七条批准，由市人力社保局认定）",
            CertState::Lost => "不符合",
        }
    }

    /// A miss the bureau must settle before the grade is firm (not under `strict`).
    pub fn pending(self) -> bool {
        matches!(
            self,
            CertState::UnrecordedMiss
                | CertState::MissedInPrinciple
                | CertState::MissedWithoutGrant
        )
    }
}

/// Art. 15 筹建 as the ranking reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Establishing {
    /// Not a 筹建 platform (认定).
    #[default]
    No,
    /// 筹建 within its year: not yet under 市级平台管理, outside n.
    Preparing,
    /// 筹建期 passed: 期满验收未通过，取消筹建资格; outside n.
    Expired,
}

/// A stage a draft validly has and its total there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageTotal {
    pub stage: Stage,
    pub total: Decimal,
}

/// Why a row has its grade: the typed reason that crosses to the UI and the JSON (the
/// Chinese sentences are made from it at the edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeReason {
    /// Inside the quota, nothing above it pending: 优秀.
    WithinQuota,
    /// 待核实 inside the quota: holds its place.
    HeldForPending,
    /// Would move into the quota if a 待核实 platform above falls.
    BehindPending,
    /// Equal totals straddle the last place.
    BoundaryTie,
    /// 待核实 outside the quota.
    PendingCheck,
    /// A condition shown as lost (Art. 31).
    LostConditions,
    /// "原则上" threshold missed and the ranking is `strict`.
    StrictPrinciple,
    /// Below the bureau's pass mark.
    BelowPassMark,
    /// Outside the quota: 合格.
    OutsideQuota,
    /// The pool gives no place at all (n < 4): 合格.
    NoPlaces,
    /// Art. 15 筹建.
    Preparing,
    /// Art. 15 筹建期 expired.
    PreparingExpired,
    /// Another copy of the platform is counted.
    Duplicate,
    /// Nothing scored.
    NotTaking,
}

impl GradeReason {
    pub fn key(self) -> &'static str {
        match self {
            GradeReason::WithinQuota => "within_quota",
            GradeReason::HeldForPending => "held_for_pending",
            GradeReason::BehindPending => "behind_pending",
            GradeReason::BoundaryTie => "boundary_tie",
            GradeReason::PendingCheck => "pending_check",
            GradeReason::LostConditions => "lost_conditions",
            GradeReason::StrictPrinciple => "strict_principle",
            GradeReason::BelowPassMark => "below_pass_mark",
            GradeReason::OutsideQuota => "outside_quota",
            GradeReason::NoPlaces => "no_places",
            GradeReason::Preparing => "preparing",
            GradeReason::PreparingExpired => "preparing_expired",
            GradeReason::Duplicate => "duplicate",
            GradeReason::NotTaking => "not_taking",
        }
    }
}

/// One platform's line in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortRow {
    /// Its position in the entries given to [`rank_with`].
    pub index: usize,
    /// 名次 by total among the national and city platforms of its year (equal totals share
    /// a place: 1, 2, 2, 4); `None` for a district row (see `district_rank`) and a row not
    /// ranked (重复, 未参评, 筹建).
    pub rank: Option<usize>,
    /// 区县级名次: a district platform's place among the district platforms (Art. 33; its
    /// total is on halved units, so it has its own column).
    pub district_rank: Option<usize>,
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
    /// 认定条件 column ([`CertState::label_zh`]).
    pub certification: String,
    /// The certification as the ranking read it.
    pub cert: CertState,
    pub grade: SuggestedGrade,
    /// Why it has that grade.
    pub reason: GradeReason,
    pub previous_grade: Option<Grade>,
    /// 待核实 reasons.
    pub pending: Vec<String>,
    /// 说明: why this grade (第十五条 to 第三十三条).
    pub notes: Vec<String>,
    /// What the grade means for the platform (第三十二条, 第三十三条): the same for every
    /// row of a grade, so the print states them once.
    pub uses: Vec<String>,
    /// The stage the total is from (自评 / 初审 / 评审).
    pub stage: Stage,
    /// The stage differs from the one the ranking uses (the platform lacks it).
    pub stage_mixed: bool,
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
            (SuggestedGrade::Provisional, Quota::District) => "优秀（区县级，待定）".into(),
            (SuggestedGrade::Excellent, Quota::District) => "优秀（区县级，单独确定）".into(),
            (SuggestedGrade::Tied, Quota::District) => "优秀或合格（区县级并列，待定）".into(),
            (g, _) => g.label_zh().to_string(),
        }
    }

    /// The 说明 column in a file: the notes, then what the grade means.
    pub fn notes_text(&self) -> String {
        self.notes
            .iter()
            .chain(&self.uses)
            .cloned()
            .collect::<Vec<_>>()
            .join("；")
    }

    /// The 名次 column: the place, or "—" for a row not ranked (and a district row).
    pub fn rank_text(&self) -> String {
        self.rank.map_or_else(|| "—".into(), |r| r.to_string())
    }

    /// The 区县级名次 column: the place among district platforms, or "—".
    pub fn district_rank_text(&self) -> String {
        self.district_rank
            .map_or_else(|| "—".into(), |r| r.to_string())
    }

    /// A ranked row (not a copy, 未参评 or 筹建).
    pub fn ranked(&self) -> bool {
        self.grade.counted()
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
    /// Counted in the year's n with the national and city platforms (the default reading).
    pub pooled: bool,
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
    /// 筹建 platforms listed apart (Art. 15), outside n.
    pub preparing: usize,
    /// The stage the ranking uses for every platform (issue 20.5).
    pub stage: Stage,
    /// Whether the stage was asked for (`--stage`) rather than the latest all have.
    pub stage_chosen: bool,
    /// Platforms that lack that stage, ranked on a lower one (the sheet warns in bold).
    pub lacking: Vec<String>,
    /// 待核实 rows holding a place.
    pub held: usize,
    /// 优秀（待定） rows.
    pub provisional: usize,
    /// What would change when each pending check is settled (one sentence each).
    pub settle: Vec<String>,
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

    /// "国家级、市级平台参评 10 个，优秀名额 3 个（30%，向下取整）…" and the district line;
    /// a pool too small for one place says so.
    pub fn quota_text(&self) -> String {
        let scope = if self.district.pooled && self.district.evaluated > 0 {
            format!(
                "参评 {} 个（含自愿参评的区县级平台 {} 个）",
                self.evaluated, self.district.evaluated
            )
        } else {
            format!("国家级、市级平台参评 {} 个", self.evaluated)
        };
        let mut s = format!(
            "{scope}，优秀名额 {} 个（{QUOTA_TEXT}，向下取整），确定优秀 {} 个",
            self.excellent_cap, self.excellent
        );
        if self.excellent_cap == 0 && self.evaluated > 0 {
            s.push_str("（不足 4 个，无优秀名额）");
        }
        if self.held > 0 {
            s.push_str(&format!("，待核实暂列优秀 {} 个", self.held));
        }
        if self.provisional > 0 {
            s.push_str(&format!("，优秀（待定）{} 个", self.provisional));
        }
        if !self.district.pooled && self.district.evaluated > 0 {
            s.push_str(&format!(
                "；区县级平台 {} 个（第三十三条，单独确定），优秀名额 {} 个，确定优秀 {} 个",
                self.district.evaluated, self.district.excellent_cap, self.district.excellent
            ));
            if self.district.excellent_cap == 0 {
                s.push_str("（不足 4 个，无优秀名额，第三十三条的直接认定本年度无从适用）");
            }
        }
        if self.preparing > 0 {
            s.push_str(&format!(
                "；筹建平台 {} 个另列，不计入参评总量",
                self.preparing
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

    /// "按市级评审得分排名" — the stage in the title.
    pub fn stage_text(&self) -> String {
        if self.stage == Stage::SelfAssessed {
            "按自评得分排名（未经审核）".into()
        } else {
            format!("按{}得分排名", self.stage.long_label_zh())
        }
    }
}

/// The ranking of a cohort: rows year by year (years ascending, a blank year last), each
/// year's ranked rows by total descending, then its duplicates, then its 未参评 drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortReport {
    pub years: Vec<YearCohort>,
    pub rows: Vec<CohortRow>,
    pub pass_mark: Option<Decimal>,
    /// Today's stricter rule (`--strict`): unverified platforms take no 优秀 place and a
    /// "原则上" miss is 不合格.
    pub strict: bool,
    /// How Art. 33's district volunteers meet the quota.
    pub district_reading: DistrictReading,
    pub warnings: Vec<String>,
}

impl CohortReport {
    /// The readings this ranking applied, one sentence each, printed on the sheet and
    /// shown on the page (docs/readings.md).
    pub fn readings_zh(&self) -> Vec<String> {
        let mut out = vec![
            if self.strict {
                "认定条件（从严规则）：认定条件未核实完毕或未记录第十七条批准的平台为待核实，不占优秀名额；“原则上”条件未达到的市级平台认定为不合格。".to_string()
            } else {
                "认定条件：只有显示已丧失的条件才认定为不合格（第三十一条）；草稿中未填认定条件的按总分排名并注明；“原则上”条件未达到、或未记录第十七条批准的，为待核实（由市人力社保局认定），在优秀名额内的暂列优秀，其后的平台为优秀（待定）。".to_string()
            },
            format!("{}。", self.district_reading.text_zh()),
            "筹建平台（第十五条）建成验收通过前不排名、不计入参评总量；同一平台有多份的，按有效审核阶段最新、日期最新的一份计入。".to_string(),
        ];
        if let Some(m) = self.pass_mark {
            out.push(format!(
                "合格线 {} 分（市人力社保局设定）。",
                crate::domain::number::fmt_decimal(m)
            ));
        }
        out
    }

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
