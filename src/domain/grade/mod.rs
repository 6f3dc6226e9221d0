//! 评估等次: grades of the annual evaluation, Articles 31–33.
//!
//! This file: one draft's outlook ([`outlook`], [`consequences`]). The cohort ranking
//! ([`rank`], [`to_csv`], [`CohortEntry`]) is `grade/rank/`; both follow the rules below.
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
use super::eligibility::{check_certification, CertificationReport, Overall};
use super::rubric::Level;
use serde::Serialize;

mod rank;
pub mod rules;
pub use rank::{
    cert_state, rank, rank_with, to_csv, verification, BoundaryTie, CertState, CohortEntry,
    CohortReport, CohortRow, DistrictQuota, DistrictReading, Establishing, GradeReason, Quota,
    RankOptions, StageTotal, SuggestedGrade, YearCohort, CSV_HEADER,
};
use rules::{rules_for, GradeRule, DISTRICT_UNRULED, LOST_CONDITIONS, QUOTA_TEXT, TWICE_FAILED};

/// What a grade means for a platform (第三十二条 for national and city platforms,
/// 第三十三条 for a district platform taking part voluntarily), given last year's grade and
/// the certification outcome (`None`: not known).
pub fn consequences(
    grade: Grade,
    previous: Option<Grade>,
    level: Level,
    certification: Option<Overall>,
) -> Vec<String> {
    let mut out: Vec<String> = rules_for(grade, level).map(GradeRule::text).collect();
    if level == Level::District {
        match grade {
            Grade::Excellent => out.push(district_path(certification).into()),
            Grade::Pass | Grade::Fail => out.push(DISTRICT_UNRULED.into()),
        }
        return out;
    }
    if level == Level::City && previous == Some(Grade::Fail) {
        out.push(if grade == Grade::Fail {
            format!("上年度亦为不合格：{}", TWICE_FAILED.text())
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
        format!("本办法未规定分数线：优秀等次原则上不超过本年度参评总量的{QUOTA_TEXT}（第三十一条），须对全部参评平台按总分排名确定；如市人力社保局另设合格线，低于合格线的为不合格。"),
    ];
    let (possible, summary) = match level {
        Level::City => match cert {
            Overall::NotEligible => (
                vec![Fail],
                format!("不符合认定条件：{}", LOST_CONDITIONS.text()),
            ),
            Overall::Eligible | Overall::EligibleUnderGrant => (
                vec![Excellent, Pass],
                format!("符合认定条件：可评为合格；能否评为优秀取决于本年度全部参评平台的排名（前{QUOTA_TEXT}）"),
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
                format!("国家级平台自评：可评为合格；能否评为优秀取决于本年度排名（前{QUOTA_TEXT}）"),
            )
        }
        Level::District => (
            vec![Excellent, Pass],
            match DistrictReading::default() {
                DistrictReading::Pooled => format!("区县级平台自愿参评（第三十三条）：计入本年度参评总量，与国家级、市级平台按总分共用优秀名额（前{QUOTA_TEXT}）；可评为合格，能否评为优秀取决于排名"),
                DistrictReading::Separate => format!("区县级平台自愿参评（第三十三条）：优秀按自愿参评的区县级平台数的{QUOTA_TEXT}单独确定（不足4个时没有优秀名额）；可评为合格"),
            },
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
