//! Report formats: the documented JSON of `cqhr score`, `cqhr check`, `cqhr rank` and `cqhr review`
//! (docs/output.md). Each output is a struct whose fields serialise in their declared
//! order (never an alphabetical map), built from the domain's report types
//! ([`Report`], [`CertificationReport`], [`Outlook`], [`CohortReport`], [`ReviewReport`]). Decimals are
//! strings as [`fmt_decimal`] prints them ("2.4", "100"), statuses and grades their keys.
//!
//! Over 600 lines: one struct per documented JSON shape, in the order of docs/output.md;
//! its tests are `output/tests.rs`.

use super::application::ApplicationCheck;
use super::draft::Draft;
use super::eligibility::{
    CertificationReport, Comparison, Condition, ConditionId, Note, Suggestion,
};
use super::grade::{CohortReport, Outlook};
use super::number::fmt_decimal;
use super::review::{LayerStatus, ReviewReport, Stage};
use super::score::{IndicatorScore, Next, Report};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// A decimal as its shortest text ("2.4", not "2.40").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dec(pub Decimal);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&fmt_decimal(self.0))
    }
}

fn dec(d: Decimal) -> Dec {
    Dec(d)
}

/// `cqhr score`: the scored draft.
#[derive(Debug, Serialize)]
pub struct ScoreOutput<'a> {
    pub rubric: &'a str,
    pub edition: &'a str,
    /// `city`, `national`, `district`.
    pub level: &'static str,
    pub title: &'a str,
    pub total: Dec,
    pub cap_total: Dec,
    pub blank_count: usize,
    /// Ids of the indicators left blank.
    pub blank: &'a [String],
    pub groups: Vec<GroupOutput<'a>>,
    pub pairs: Vec<PairOutput<'a>>,
    pub indicators: Vec<IndicatorOutput<'a>>,
    /// The stage scored (`self`, `district`, `city`; Art. 30) and its label.
    pub stage: &'static str,
    pub stage_label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct GroupOutput<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub cap: Dec,
    pub score: Dec,
}

#[derive(Debug, Serialize)]
pub struct PairOutput<'a> {
    pub id: &'a str,
    pub members: &'a [String],
    pub counted: &'a str,
    pub explicit: bool,
}

#[derive(Debug, Serialize)]
pub struct IndicatorOutput<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub cap: Option<Dec>,
    pub score: Dec,
    pub own: Dec,
    pub sum: Dec,
    pub counted: bool,
    pub capped: bool,
    pub blank: bool,
    pub pair: Option<&'a str>,
    /// The working in words, as the form and the 得分表 show it.
    pub working: String,
    pub next: NextOutput<'a>,
    pub terms: Vec<TermOutput<'a>>,
}

/// The next gain: `{"kind": "at_cap", "text"}`, `{"kind": "not_quantity"}` or
/// `{"kind": "gains", "text", "gains": [...]}`.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextOutput<'a> {
    AtCap {
        text: &'static str,
    },
    NotQuantity,
    Gains {
        text: String,
        gains: Vec<GainOutput<'a>>,
    },
}

#[derive(Debug, Serialize)]
pub struct GainOutput<'a> {
    pub field: &'a str,
    pub also: Option<&'a str>,
    pub increase: Dec,
    pub unit: &'a str,
    pub points: Dec,
}

#[derive(Debug, Serialize)]
pub struct TermOutput<'a> {
    pub kind: &'static str,
    pub field: &'a str,
    pub input: Option<Dec>,
    pub unit_name: &'a str,
    pub unit: Dec,
    pub units: Dec,
    pub points_each: Dec,
    pub points: Dec,
}

fn indicator(i: &IndicatorScore) -> IndicatorOutput<'_> {
    IndicatorOutput {
        id: &i.id,
        name: &i.name,
        cap: i.cap.map(dec),
        score: dec(i.score),
        own: dec(i.own),
        sum: dec(i.sum),
        counted: i.counted,
        capped: i.capped,
        blank: i.blank,
        pair: i.pair.as_deref(),
        working: i.working_text(),
        next: match &i.next {
            Next::AtCap => NextOutput::AtCap {
                text: "已达上限"
            },
            Next::NotQuantity => NextOutput::NotQuantity,
            Next::Gains { gains } => NextOutput::Gains {
                text: i.next_text(),
                gains: gains
                    .iter()
                    .map(|g| GainOutput {
                        field: &g.field,
                        also: g.also.as_deref(),
                        increase: dec(g.increase),
                        unit: &g.unit_name,
                        points: dec(g.points),
                    })
                    .collect(),
            },
        },
        terms: i
            .terms
            .iter()
            .map(|t| TermOutput {
                kind: t.kind,
                field: &t.field,
                input: t.input.map(dec),
                unit_name: &t.unit_name,
                unit: dec(t.unit),
                units: dec(t.units),
                points_each: dec(t.points_each),
                points: dec(t.points),
            })
            .collect(),
    }
}

/// The output of `cqhr score` for a report of the self-assessment.
pub fn score(r: &Report) -> ScoreOutput<'_> {
    score_at(r, Stage::SelfAssessed)
}

/// The output of `cqhr score --stage` for a report of that stage.
pub fn score_at(r: &Report, stage: Stage) -> ScoreOutput<'_> {
    ScoreOutput {
        stage: stage.key(),
        stage_label: stage.long_label_zh(),
        rubric: &r.rubric,
        edition: &r.edition,
        level: r.level.key(),
        title: &r.title,
        total: dec(r.total),
        cap_total: dec(r.cap_total),
        blank_count: r.blank.len(),
        blank: &r.blank,
        groups: r
            .groups
            .iter()
            .map(|g| GroupOutput {
                id: &g.id,
                name: &g.name,
                cap: dec(g.cap),
                score: dec(g.score),
            })
            .collect(),
        pairs: r
            .pairs
            .iter()
            .map(|p| PairOutput {
                id: &p.id,
                members: &p.members,
                counted: &p.counted,
                explicit: p.explicit,
            })
            .collect(),
        indicators: r.indicators.iter().map(indicator).collect(),
    }
}

/// `cqhr check`: the certification check, the values offered, and the grade outlook.
#[derive(Debug, Serialize)]
pub struct CheckOutput<'a> {
    pub rubric: &'a str,
    pub platform_type: &'a str,
    pub articles: &'a str,
    /// The platform's name from the draft.
    pub name: &'a str,
    pub district: &'a str,
    /// `main_urban`, `northeast`, `southeast`, or null.
    pub region: Option<&'static str>,
    pub region_label: Option<&'static str>,
    pub relief_region: bool,
    /// The date deadlines were compared with (YYYY-MM-DD; `--today`).
    pub today: Option<String>,
    /// `eligible`, `eligible_under_grant`, `not_eligible`, `missed_without_grant`,
    /// `incomplete`.
    pub overall: &'static str,
    pub overall_label: &'static str,
    pub summary: &'a str,
    pub conditions: Vec<ConditionOutput<'a>>,
    /// Art. 15 筹建, or null when the platform is not recorded as in preparation.
    pub establishment: Option<EstablishmentOutput<'a>>,
    /// Art. 14 (一): the five materials, in order.
    pub materials: Vec<MaterialOutput<'a>>,
    /// Art. 14 (三) 公示, or null when no date is recorded.
    pub publicity: Option<PublicityOutput<'a>>,
    pub suggestions: Vec<SuggestionOutput<'a>>,
    /// Notes as strings (their kinds are not part of this format).
    pub notes: &'a [Note],
    pub warnings: &'a [String],
    pub grade_outlook: OutlookOutput<'a>,
}

#[derive(Debug, Serialize)]
pub struct ConditionOutput<'a> {
    pub id: ConditionId,
    pub article: &'a str,
    pub description: &'a str,
    pub quantitative: bool,
    /// `met`, `met_under_grant`, `within_deadline`, `missed`, `missed_without_grant`,
    /// `deadline_unchecked`, `unconfirmed`, `blank`.
    pub status: &'static str,
    pub status_text: String,
    pub threshold: Option<ThresholdOutput<'a>>,
    pub value: Option<Dec>,
    /// Where the value came from, in words.
    pub source: Option<String>,
    pub shortfall: Option<&'a str>,
    pub relief: Option<&'a str>,
    /// The Art. 17 grant recorded for it, or null.
    pub grant: Option<GrantOutput<'a>>,
    pub reading: Option<&'a str>,
    pub alternatives: Vec<ConditionOutput<'a>>,
}

/// An Art. 17 grant as applied.
#[derive(Debug, Serialize)]
pub struct GrantOutput<'a> {
    /// Its index in the draft's `certification.relief`.
    pub index: usize,
    pub threshold: Option<ThresholdOutput<'a>>,
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
    pub expired: bool,
    pub document: &'a str,
    pub text: &'a str,
    /// What an evaluator should look at: `outside_named` (a condition Art. 17 does not
    /// name), `more_than_half` (lowered by more than half); empty when none.
    pub concerns: Vec<&'static str>,
}

/// Art. 15 筹建.
#[derive(Debug, Serialize)]
pub struct EstablishmentOutput<'a> {
    pub approved: Option<String>,
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
    pub expired: bool,
    /// Condition ids still to be met for 验收.
    pub missing: &'a [ConditionId],
    pub summary: &'a str,
}

/// One Art. 14 (一) material.
#[derive(Debug, Serialize)]
pub struct MaterialOutput<'a> {
    pub id: &'a str,
    pub number: u32,
    pub text: &'a str,
    pub ready: bool,
    pub pages: Option<u32>,
}

/// Art. 14 (三) 公示.
#[derive(Debug, Serialize)]
pub struct PublicityOutput<'a> {
    pub start: Option<String>,
    pub end: Option<String>,
    pub working_days: Option<u32>,
    pub calendar_days: Option<u32>,
    /// At least 5 calendar days, as written (Art. 14 (三)).
    pub met: bool,
    /// Also at least 5 working days (the stricter reading, information only).
    pub met_working: bool,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ThresholdOutput<'a> {
    /// `at_least`, `at_most`, `more_than`.
    pub comparison: Comparison,
    /// ≥, ≤, >.
    pub symbol: &'static str,
    pub value: Dec,
    pub unit: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SuggestionOutput<'a> {
    pub field: &'a str,
    pub value: Dec,
    pub unit: &'a str,
    pub text: &'a str,
    pub fallback: bool,
    pub caveat: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct OutlookOutput<'a> {
    pub level: &'static str,
    pub possible: Vec<&'static str>,
    pub possible_labels: Vec<&'static str>,
    pub summary: &'a str,
    pub previous: Option<&'static str>,
    pub consequences: Vec<ConsequenceOutput<'a>>,
    pub district_path: Option<&'a str>,
    pub notes: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ConsequenceOutput<'a> {
    pub grade: &'static str,
    pub text: &'a [String],
}

fn condition(c: &Condition) -> ConditionOutput<'_> {
    ConditionOutput {
        id: c.id,
        article: &c.article,
        description: &c.description,
        quantitative: c.quantitative,
        status: c.status.key(),
        status_text: c.status_text(),
        threshold: c.threshold.as_ref().map(|t| ThresholdOutput {
            comparison: t.comparison,
            symbol: t.comparison.symbol(),
            value: dec(t.value),
            unit: &t.unit,
        }),
        value: c.value.map(dec),
        source: c.source.as_ref().map(|s| s.label_zh()),
        shortfall: c.shortfall.as_deref(),
        relief: c.relief.as_deref(),
        grant: c.grant.as_ref().map(|g| GrantOutput {
            index: g.index,
            threshold: g.threshold.as_ref().map(|t| ThresholdOutput {
                comparison: t.comparison,
                symbol: t.comparison.symbol(),
                value: dec(t.value),
                unit: &t.unit,
            }),
            deadline: g.deadline.map(|d| d.to_string()),
            days_left: g.days_left,
            expired: g.expired,
            document: &g.document,
            text: &g.text,
            concerns: g.concerns.iter().map(|c| c.key()).collect(),
        }),
        reading: c.reading.as_deref(),
        alternatives: c.alternatives.iter().map(condition).collect(),
    }
}

/// The output of `cqhr check`.
pub fn check<'a>(
    draft: &'a Draft,
    r: &'a CertificationReport,
    application: &'a ApplicationCheck,
    suggestions: &'a [Suggestion],
    o: &'a Outlook,
) -> CheckOutput<'a> {
    CheckOutput {
        rubric: &r.rubric,
        platform_type: &r.platform_type,
        articles: &r.articles,
        name: &draft.platform.name,
        district: &r.district,
        region: r.region.map(|g| g.key()),
        region_label: r.region.map(|g| g.label_zh()),
        relief_region: r.relief_region,
        today: r.today.map(|d| d.to_string()),
        overall: r.overall.key(),
        overall_label: r.overall.label_zh(),
        summary: &r.summary,
        conditions: r.conditions.iter().map(condition).collect(),
        establishment: r.establishment.as_ref().map(|e| EstablishmentOutput {
            approved: e.approved.map(|d| d.to_string()),
            deadline: e.deadline.map(|d| d.to_string()),
            days_left: e.days_left,
            expired: e.expired,
            missing: &e.missing,
            summary: &e.summary,
        }),
        materials: application
            .materials
            .iter()
            .map(|m| MaterialOutput {
                id: m.id,
                number: m.number,
                text: m.text,
                ready: m.ready,
                pages: m.pages,
            })
            .collect(),
        publicity: application.publicity.as_ref().map(|p| PublicityOutput {
            start: p.start.map(|d| d.to_string()),
            end: p.end.map(|d| d.to_string()),
            working_days: p.working_days,
            met_working: p.met_working,
            calendar_days: p.calendar_days,
            met: p.met,
            text: &p.text,
        }),
        suggestions: suggestions
            .iter()
            .map(|s| SuggestionOutput {
                field: &s.field,
                value: dec(s.value),
                unit: &s.unit,
                text: &s.text,
                fallback: s.fallback,
                caveat: s.caveat.as_deref(),
            })
            .collect(),
        notes: &r.notes,
        warnings: &r.warnings,
        grade_outlook: OutlookOutput {
            level: o.level.key(),
            possible: o.possible.iter().map(|g| g.key()).collect(),
            possible_labels: o.possible.iter().map(|g| g.label_zh()).collect(),
            summary: &o.summary,
            previous: o.previous.map(|g| g.key()),
            consequences: o
                .consequences
                .iter()
                .map(|c| ConsequenceOutput {
                    grade: c.grade.key(),
                    text: &c.text,
                })
                .collect(),
            district_path: o.district_path.as_deref(),
            notes: &o.notes,
        },
    }
}

/// `cqhr rank --format json`: the ranking with suggested grades.
#[derive(Debug, Serialize)]
pub struct RankOutput<'a> {
    pub pass_mark: Option<Dec>,
    /// `--strict`: today's stricter rule (unverified platforms take no 优秀 place; a
    /// "原则上" miss is 不合格).
    pub strict: bool,
    /// Art. 33: `pooled` (district volunteers counted in n, sharing the places) or
    /// `separate` (their own 30 %).
    pub district_reading: &'static str,
    pub warnings: &'a [String],
    pub years: Vec<YearOutput<'a>>,
    pub rows: Vec<RowOutput<'a>>,
}

#[derive(Debug, Serialize)]
pub struct YearOutput<'a> {
    pub year: &'a str,
    pub evaluated: usize,
    pub excellent_cap: usize,
    pub excellent: usize,
    pub tie: Option<TieOutput<'a>>,
    /// District platforms (Art. 33), their 优秀 decided separately.
    pub district: DistrictOutput<'a>,
    /// Years as typed that were read as this one.
    pub typed: &'a [String],
    pub duplicates: usize,
    pub not_taking: usize,
    /// 筹建 platforms listed apart (Art. 15), outside n.
    pub preparing: usize,
    /// The stage every platform is ranked on: `self`, `district`, `city`.
    pub stage: &'static str,
    /// Names of the platforms that lack it (ranked on a lower stage).
    pub lacking: &'a [String],
    /// 待核实 platforms holding an 优秀 place.
    pub held: usize,
    /// 优秀（待定） platforms.
    pub provisional: usize,
    /// What would change when each pending check is settled.
    pub settle: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct DistrictOutput<'a> {
    /// Counted in `evaluated` with the national and city platforms.
    pub pooled: bool,
    pub evaluated: usize,
    pub excellent_cap: usize,
    pub excellent: usize,
    pub tie: Option<TieOutput<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TieOutput<'a> {
    pub total: Dec,
    pub places: usize,
    pub names: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct RowOutput<'a> {
    /// 名次 among the national and city platforms; `null` for a district row and a row
    /// not ranked (`duplicate`, `not_taking`, `preparing`, `preparing_expired`).
    pub rank: Option<usize>,
    /// 区县级名次 among the district platforms; `null` otherwise.
    pub district_rank: Option<usize>,
    pub name: &'a str,
    pub rubric: &'a str,
    #[serde(rename = "type")]
    pub type_name: &'a str,
    pub year: &'a str,
    /// What was typed for the year when it differs ("2025年"), else "".
    pub typed_year: &'a str,
    pub district: &'a str,
    /// The level as ranked (a sub-platform in a district is `district`, Art. 16).
    pub level: &'static str,
    /// 层级 as shown: 国家级 / 市级 / 区县级 / 区县级（市级平台分平台）.
    pub level_label: &'a str,
    pub branch: bool,
    /// `city_national` (Art. 31's 30%) or `district` (decided separately).
    pub quota: &'static str,
    pub total: Dec,
    pub eligible: bool,
    /// The certification as the ranking read it: `met`, `met_under_grant`,
    /// `not_recorded`, `unfinished`, `unrecorded_miss`, `missed_in_principle`,
    /// `missed_without_grant`, `lost`.
    pub certification: &'static str,
    /// 认定条件 as shown.
    pub certification_label: &'a str,
    pub grade: &'static str,
    pub grade_label: String,
    /// Why the grade: `within_quota`, `held_for_pending`, `behind_pending`,
    /// `boundary_tie`, `pending_check`, `lost_conditions`, `strict_principle`,
    /// `below_pass_mark`, `outside_quota`, `no_places`, `preparing`, `preparing_expired`,
    /// `duplicate`, `not_taking`.
    pub reason: &'static str,
    pub previous_grade: Option<&'static str>,
    /// Why the row is 待核实.
    pub pending: &'a [String],
    pub notes: &'a [String],
    /// What the grade means (第三十二条, 第三十三条).
    pub uses: &'a [String],
    /// The stage the total is from: `self`, `district`, `city`.
    pub stage: &'static str,
    /// 自评 / 初审 / 评审.
    pub stage_label: &'static str,
    /// Ranked on a reviewed score (false: 未经审核).
    pub reviewed: bool,
    /// The row's stage differs from the year's (the platform lacks that stage).
    pub stage_mixed: bool,
    /// Review stages passed over as stale.
    pub stale: Vec<&'static str>,
    /// For a duplicate: the name of the copy counted instead.
    pub duplicate_of: Option<&'a str>,
}

/// The output of `cqhr rank --format json`.
pub fn rank(r: &CohortReport) -> RankOutput<'_> {
    RankOutput {
        pass_mark: r.pass_mark.map(dec),
        strict: r.strict,
        district_reading: r.district_reading.key(),
        warnings: &r.warnings,
        years: r
            .years
            .iter()
            .map(|y| YearOutput {
                year: &y.year,
                evaluated: y.evaluated,
                excellent_cap: y.excellent_cap,
                excellent: y.excellent,
                tie: y.tie.as_ref().map(|t| TieOutput {
                    total: dec(t.total),
                    places: t.places,
                    names: &t.names,
                }),
                district: DistrictOutput {
                    pooled: y.district.pooled,
                    evaluated: y.district.evaluated,
                    excellent_cap: y.district.excellent_cap,
                    excellent: y.district.excellent,
                    tie: y.district.tie.as_ref().map(|t| TieOutput {
                        total: dec(t.total),
                        places: t.places,
                        names: &t.names,
                    }),
                },
                typed: &y.typed,
                duplicates: y.duplicates,
                not_taking: y.not_taking,
                preparing: y.preparing,
                stage: y.stage.key(),
                lacking: &y.lacking,
                held: y.held,
                provisional: y.provisional,
                settle: &y.settle,
            })
            .collect(),
        rows: r
            .rows
            .iter()
            .map(|row| RowOutput {
                rank: row.rank,
                district_rank: row.district_rank,
                name: &row.name,
                rubric: &row.rubric,
                type_name: &row.type_name,
                year: &row.year,
                typed_year: &row.typed_year,
                district: &row.district,
                level: row.level.key(),
                level_label: &row.level_text,
                branch: row.branch,
                quota: row.quota.key(),
                total: dec(row.total),
                eligible: row.eligible,
                certification: row.cert.key(),
                certification_label: &row.certification,
                grade: row.grade.key(),
                grade_label: row.grade_text(),
                reason: row.reason.key(),
                previous_grade: row.previous_grade.map(|g| g.key()),
                pending: &row.pending,
                notes: &row.notes,
                uses: &row.uses,
                stage: row.stage.key(),
                stage_label: row.stage.label_zh(),
                reviewed: row.reviewed(),
                stage_mixed: row.stage_mixed,
                stale: row.stale.iter().map(|s| s.key()).collect(),
                duplicate_of: row
                    .duplicate_of
                    .and_then(|i| r.rows.iter().find(|x| x.index == i))
                    .map(|x| x.name.as_str()),
            })
            .collect(),
    }
}

/// `cqhr review`: every stage side by side (Art. 30).
#[derive(Debug, Serialize)]
pub struct ReviewOutput<'a> {
    pub stages: Vec<StageOutput<'a>>,
    pub indicators: Vec<ReviewIndicatorOutput<'a>>,
    /// Indicators changed without a reason, counted per layer.
    pub unexplained: usize,
    /// The stage a ranking uses.
    pub usable: &'static str,
}

#[derive(Debug, Serialize)]
pub struct StageOutput<'a> {
    pub stage: &'static str,
    pub reviewer: &'a str,
    pub date: &'a str,
    pub total: Dec,
    /// The layer's signature (docs/signatures.md): `valid`, `not_in_directory`,
    /// `invalid`, `malformed`, `unsigned`, `legacy_unsigned`, `no_directory`, `expired`,
    /// `wrong_district`, `wrong_role`; `unsigned` for self.
    pub status: &'static str,
    /// The whole sentence, e.g. 签名有效（… · 王建国 · 名录版本 3）.
    pub status_label: String,
    /// For a valid signature: the key's short fingerprint and the signature code.
    pub signer_key: Option<String>,
    pub signature_code: Option<String>,
    /// For an invalid one, the values that moved since signing, in words.
    pub moved: Vec<String>,
    pub opinion: &'a str,
}

#[derive(Debug, Serialize)]
pub struct ReviewIndicatorOutput<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(rename = "self")]
    pub self_score: Dec,
    /// null when the stage is absent.
    pub district: Option<Dec>,
    pub city: Option<Dec>,
    /// The latest present stage minus self.
    pub delta: Dec,
    /// The reasons in one line, or null.
    pub reason: Option<String>,
    /// Changed without a reason at some stage (未说明).
    pub unexplained: bool,
    /// Stages that confirmed it unchanged (核实无误).
    pub confirmed: Vec<&'static str>,
}

/// The output of `cqhr review`.
pub fn review(r: &ReviewReport) -> ReviewOutput<'_> {
    ReviewOutput {
        stages: r
            .stages
            .iter()
            .map(|s| StageOutput {
                stage: s.stage.key(),
                reviewer: &s.reviewer,
                date: &s.date,
                total: dec(s.total),
                status: s.status.key(),
                status_label: s.status.text_zh(),
                signer_key: match &s.status {
                    LayerStatus::Valid { key, .. } => Some(key.clone()),
                    _ => None,
                },
                signature_code: match &s.status {
                    LayerStatus::Valid { code, .. } => Some(code.clone()),
                    _ => None,
                },
                moved: s.status.moved().iter().map(|m| m.text_zh()).collect(),
                opinion: &s.opinion,
            })
            .collect(),
        indicators: r
            .indicators
            .iter()
            .map(|i| ReviewIndicatorOutput {
                id: &i.id,
                name: &i.name,
                self_score: dec(i.self_score),
                district: i.district.map(dec),
                city: i.city.map(dec),
                delta: dec(i.delta),
                reason: i.reason(),
                unexplained: !i.explained(),
                confirmed: i.confirmed.iter().map(|s| s.key()).collect(),
            })
            .collect(),
        unexplained: r.unexplained,
        usable: r.usable.key(),
    }
}

/// Pretty JSON with a final newline, as `cqhr` prints it.
pub fn to_json<T: Serialize>(value: &T) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests;
