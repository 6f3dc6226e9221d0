//! A ranked platform's row ([`Judge::ranked_row`]): its grade ([`Judge::grade_of`]) and the
//! notes that explain it, what the grade means (Arts. 32, 33), and the row of a copy, a
//! 筹建 or a 未参评 platform ([`row_of`]).

use super::super::super::consequences;
use super::super::super::rules::{LOST_CONDITIONS, QUOTA_TEXT};
use super::super::{level_text, short_level, type_name_of};
use super::{Grades, Judge, Quotas};
use crate::domain::draft::previous::Grade;
use crate::domain::eligibility::Overall;
use crate::domain::grade::rank::{
    CertState, CohortEntry, CohortRow, DistrictReading, GradeReason, Quota, Ranked, SuggestedGrade,
};
use crate::domain::number::fmt_decimal;
use crate::domain::review::Stage;
use crate::domain::rubric::Level;
use std::collections::BTreeMap;

impl Judge<'_> {
    /// A ranked platform's row: its grade, the notes that explain it, what the grade means.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn ranked_row(
        &self,
        r: &Ranked,
        year: &str,
        year_label: &str,
        stage: Stage,
        kept_why: &BTreeMap<usize, String>,
        grades: &Grades,
        quotas: &Quotas,
        places: &BTreeMap<usize, usize>,
    ) -> CohortRow {
        let options = self.options;
        let e = &self.entries[r.i];
        let q = self.quota_of(e);
        let (qn, qcap, qtie) = match q {
            Quota::CityNational => quotas.city,
            Quota::District => quotas.district,
        };
        let mut notes = context_notes(e, r, stage, kept_why, year_label);
        let cert = e.cert_state();
        let (grade, reason) = self.grade_of(e, r, grades, qcap, &mut notes);
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
        certification_notes(e, cert, &mut notes);
        let uses = uses_of(e, grade, cert, &mut notes);
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
        row
    }

    /// The grade of a ranked platform: forced 不合格 (said in a note), else its place in
    /// the quota, 待核实, or 合格.
    fn grade_of(
        &self,
        e: &CohortEntry,
        r: &Ranked,
        grades: &Grades,
        qcap: usize,
        notes: &mut Vec<String>,
    ) -> (SuggestedGrade, GradeReason) {
        let options = self.options;
        let pending = |e: &CohortEntry| self.pending(e);
        let cert = e.cert_state();
        match self.forced_fail(e, r.total) {
            Some(reason) => {
                notes.push(match reason {
                    GradeReason::LostConditions | GradeReason::StrictPrinciple => {
                        let mut s = e.pending.join("；");
                        if reason == GradeReason::StrictPrinciple {
                            s.push_str("；按从严规则（--strict）视为已丧失审批条件");
                        }
                        format!("{s}：{}，不占优秀名额", LOST_CONDITIONS.text())
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
        }
    }
}

/// The notes a row carries whatever its grade: the stage used, layers not used, copies,
/// the year as typed, a branch counted as district-level.
fn context_notes(
    e: &CohortEntry,
    r: &Ranked,
    stage: Stage,
    kept_why: &BTreeMap<usize, String>,
    year_label: &str,
) -> Vec<String> {
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
    notes
}

/// The certification's notes on a row: Art. 33 for a district platform, Art. 17 grants.
fn certification_notes(e: &CohortEntry, cert: CertState, notes: &mut Vec<String>) {
    if e.effective_level() == Level::District {
        match cert {
            CertState::Lost => notes.push(
                "不符合市级平台认定条件：不适用第三十三条直接认定；区县级平台不因此认定为不合格"
                    .into(),
            ),
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
}

/// What the grade means (the same for every row of a grade and level, `uses`), and apart
/// what last year's grade adds for this platform (a note).
fn uses_of(
    e: &CohortEntry,
    grade: SuggestedGrade,
    cert: CertState,
    notes: &mut Vec<String>,
) -> Vec<String> {
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
    uses
}

pub(super) fn row_of(
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
