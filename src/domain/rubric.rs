//! Rubrics as data: 附表2 (综合性产业园), 附表3 (专业性行业性产业园), 附表4 (人才市场).
//!
//! Article 29 lets the bureau adjust indicators and weights every year, so a rubric is a
//! data file with an edition (`rubrics/<edition>/<id>.json`), bundled at build time by
//! `build.rs`. The code here only reads it; changing a weight never touches code.
//!
//! Over 600 lines: the rubric types with their serde shape, the registry and the check of a
//! rubric file (each problem at its indicator and field) belong together.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rubric_files.rs"));

/// One appendix's scoring table (评分表) in one edition.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Rubric {
    /// `comprehensive-park`, `specialized-park` or `talent-market`.
    pub id: String,
    /// The year of the weights, e.g. "2025".
    pub edition: String,
    /// 附表2 / 附表3 / 附表4.
    pub appendix: String,
    /// 平台类型, e.g. 市级综合性人力资源服务产业园.
    pub platform_type: String,
    /// Short label for menus, e.g. 综合性产业园.
    pub short_name: String,
    /// The table's title, e.g. 重庆市市级综合性人力资源服务产业园绩效评估评分表.
    pub title: String,
    /// 一级指标, in the table's order.
    pub groups: Vec<Group>,
    /// 选其一 pairs (附表3 2.1/2.2 and 2.3/2.4).
    #[serde(default)]
    pub pairs: Vec<Pair>,
    /// 二级指标, in the table's order.
    pub indicators: Vec<Indicator>,
}

/// 一级指标.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// Two indicators of which only one counts (附表3 "2.1、2.2选其一"); they share one cap.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Pair {
    /// e.g. "2.1/2.2", the key of the draft's `choices`.
    pub id: String,
    pub members: Vec<String>,
    pub cap: Decimal,
}

/// 二级指标: its official wording, its cap and its rule as data.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Indicator {
    /// The appendix's own number, e.g. "1.2".
    pub id: String,
    /// The id of its 一级指标.
    pub group: String,
    pub name: String,
    /// 分值上限; `None` for the deduction indicator (违法违规, "——").
    pub cap: Option<Decimal>,
    /// 评价标准, verbatim.
    pub standard: String,
    /// The project's reading where the text is open (shown beside the rule).
    #[serde(default)]
    pub reading: Option<String>,
    pub fields: Vec<Field>,
    pub terms: Vec<Term>,
    /// Fixed points the text names for a judged indicator (价值导向: 5 or 0).
    #[serde(default)]
    pub presets: Vec<Preset>,
    /// The 文字报告 sentence template (issue 12): placeholders `{year}`, `{points}`, `{cap}`
    /// and each field key; see `text_report`. Optional so that an edition without one
    /// still loads (its paragraph then lists the fields plainly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The 佐证材料 this indicator needs, in the order of the 目录 (issue 12).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// One input of an indicator, as named in the draft format.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub unit: String,
    /// This field counts a subset of another ("其中规模以上企业" of "入驻企业"), so it may
    /// not exceed it.
    #[serde(default)]
    pub part_of: Option<String>,
    /// What the field means beyond its indicator, for the code that reads it by meaning
    /// rather than by id: the 带入 of the certification inputs (`eligibility::suggest`)
    /// and the wording of a next gain (`score::words`). So an edition that renumbers its
    /// indicators or renames a field keeps them. An edition without roles (older files)
    /// still loads: its fields are then offered for no certification input, and the next
    /// gain is said in the generic words. Not part of the fingerprint (it changes no score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<FieldRole>,
}

/// The meaning of a field that other rules read ([`Field::role`]).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// 线下入驻企业总数 (附表2/3 1.1): the certification's 入驻企业 (`hr_firms`).
    Firms,
    /// 其中：规模以上企业 (附表2/3 1.1): `above_scale_firms`.
    AboveScaleFirms,
    /// 线下入驻企业年度营收 (附表2/3 1.2), in 万元: `revenue_wan`.
    Revenue,
    /// The platform's floor area (附表2/3 4.1, 附表4 3.1), in 平方米: `area_sqm`.
    Area,
    /// 运营团队专职工作人员 (附表2/3 4.1): `operator_staff`.
    OperatorStaff,
    /// One of the person-times the market served (附表4 2.1), summed for Art. 13 (三)'s
    /// `persons_served`.
    PersonsServed,
    /// The market's functions set up (附表4 1.x): a next gain is "再设置 1 项职能".
    Functions,
    /// A role a newer edition names that this build does not know: read, and ignored.
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A whole number of firms, people, events, items.
    Count,
    /// A decimal quantity: 万元 or 平方米.
    Amount,
    /// An evaluator's judged score, 0 to the cap.
    Score,
    /// One of a term's tiers (安全生产).
    Tier,
    /// A set of a term's options (市场功能).
    Set,
}

/// A judged indicator's fixed point from the text.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Preset {
    pub value: Decimal,
    pub label: String,
}

/// A rule of the measures, as data. Every kind is read as `docs/scoring-rules.md` fixes it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Term {
    /// "每达到 U 得 P 分": `floor(value / U) × P`; only completed units count.
    PerUnit {
        field: String,
        unit: Decimal,
        points: Decimal,
    },
    /// "每入驻1家得0.2分，入驻规模以上企业的，每入驻1家得0.6分": the special ones earn
    /// `special_points` instead of `points`, not in addition.
    Replacement {
        total: String,
        special: String,
        unit: Decimal,
        points: Decimal,
        special_points: Decimal,
    },
    /// "面积 B 平方米以上，每增加1000平方米得0.5分": `floor(max(0, area − B) / unit) × P`.
    AreaAbove {
        field: String,
        threshold: Decimal,
        unit: Decimal,
        points: Decimal,
    },
    /// 综合评定: the evaluator's score, 0 to the cap.
    Judged { field: String },
    /// 安全生产: one of fixed tiers.
    Tier {
        field: String,
        tiers: Vec<TierOption>,
    },
    /// 违法违规: `points` (negative) per verified case, no cap, never scaled by level.
    Deduction { field: String, points: Decimal },
    /// 市场功能归集: `points` for each option set.
    EachOf {
        field: String,
        points: Decimal,
        options: Vec<Choice>,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct TierOption {
    pub key: String,
    pub label: String,
    pub points: Decimal,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

impl Term {
    /// The fields this term reads.
    pub fn fields(&self) -> Vec<&str> {
        match self {
            Term::PerUnit { field, .. }
            | Term::AreaAbove { field, .. }
            | Term::Judged { field }
            | Term::Tier { field, .. }
            | Term::Deduction { field, .. }
            | Term::EachOf { field, .. } => vec![field.as_str()],
            Term::Replacement { total, special, .. } => vec![total.as_str(), special.as_str()],
        }
    }
}

impl Rubric {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The 选其一 pair an indicator belongs to, if any.
    pub fn pair_of(&self, indicator_id: &str) -> Option<&Pair> {
        self.pairs
            .iter()
            .find(|p| p.members.iter().any(|m| m == indicator_id))
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The sum of the caps, each pair counted once: 100 for every 2025 rubric.
    pub fn cap_total(&self) -> Decimal {
        self.groups.iter().map(|g| self.group_cap(&g.id)).sum()
    }

    /// The caps of one 一级指标, each 选其一 pair counted once.
    pub fn group_cap(&self, group: &str) -> Decimal {
        let mut seen_pairs: Vec<&str> = Vec::new();
        let mut sum = Decimal::ZERO;
        for ind in self.indicators.iter().filter(|i| i.group == group) {
            if let Some(pair) = self.pair_of(&ind.id) {
                if seen_pairs.contains(&pair.id.as_str()) {
                    continue;
                }
                seen_pairs.push(&pair.id);
                sum += pair.cap;
            } else if let Some(cap) = ind.cap {
                sum += cap;
            }
        }
        sum
    }

    /// Checks the data's own consistency; the test suite requires an empty list for
    /// every bundled file.
    pub fn check(&self) -> Vec<String> {
        self.check_located()
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    /// [`Rubric::check`] with each problem's place: the indicator and field it names (the
    /// edition editor shows it there), `None` for the rubric as a whole or a pair.
    ///
    /// Over 150 lines: one rule of a rubric file after another, each problem at its place.
    pub fn check_located(&self) -> Vec<Problem> {
        let mut problems = Located::default();
        let mut ids: Vec<&str> = Vec::new();
        for ind in &self.indicators {
            let here = format!("评分表 {}（{}版）指标 {}", self.id, self.edition, ind.id);
            problems.at(Some(&ind.id));
            if ids.contains(&ind.id.as_str()) {
                problems.push(&here, "指标编号重复".into());
            }
            ids.push(&ind.id);
            if self.group(&ind.group).is_none() {
                problems.push(&here, format!("所属一级指标（group）“{}”不存在", ind.group));
            }
            if ind.name.trim().is_empty() || ind.standard.trim().is_empty() {
                problems.push(&here, "指标名称（name）或评价标准（standard）为空".into());
            }
            let is_deduction = ind
                .terms
                .iter()
                .any(|t| matches!(t, Term::Deduction { .. }));
            match ind.cap {
                None if !is_deduction => problems.push(&here, "缺少分值上限（cap）".into()),
                Some(c) if c <= Decimal::ZERO => {
                    problems.push(&here, "分值上限（cap）须大于0".into())
                }
                _ => {}
            }
            if ind.terms.is_empty() {
                problems.push(&here, "没有计分规则（terms）".into());
            }
            if let Some(template) = &ind.report {
                let keys: Vec<&str> = ind.fields.iter().map(|f| f.key.as_str()).collect();
                if let Err(e) = super::template::check(template, &keys, ind.cap.is_some()) {
                    problems.push(&here, format!("文字报告模板（report）：{e}"));
                }
            }
            for e in &ind.evidence {
                if e.trim().is_empty() || e.chars().count() > 60 {
                    problems.push(&here, "佐证材料名称（evidence）须为1至60个字".into());
                }
            }
            let mut keys: Vec<&str> = Vec::new();
            for f in &ind.fields {
                if keys.contains(&f.key.as_str()) {
                    problems.field(&f.key, &here, &f.key, "字段名（key）重复".into());
                }
                keys.push(&f.key);
                // A role read as one value (the 带入 of one certification input) is carried
                // by one field of the rubric; the person-times served are summed.
                if let Some(role) = f
                    .role
                    .filter(|r| !matches!(r, FieldRole::PersonsServed | FieldRole::Unknown))
                {
                    let first = self.with_role(role).first().map(|(i, g)| (&i.id, &g.key));
                    if first != Some((&ind.id, &f.key)) {
                        problems.field(
                            &f.key,
                            &here,
                            &f.key,
                            "用途（role）与另一填写项重复：每种用途只能标在一个填写项上".into(),
                        );
                    }
                }
                if let Some(parent) = &f.part_of {
                    if !ind.fields.iter().any(|g| &g.key == parent) {
                        problems.field(
                            &f.key,
                            &here,
                            &f.key,
                            format!("所属字段（part_of）“{parent}”不存在"),
                        );
                    }
                }
            }
            for t in &ind.terms {
                for f in t.fields() {
                    match ind.fields.iter().find(|x| x.key == f) {
                        None => problems.field(f, &here, f, "计分规则引用的字段不存在".into()),
                        Some(field) => {
                            let ok = match t {
                                Term::PerUnit { .. }
                                | Term::Replacement { .. }
                                | Term::Deduction { .. } => {
                                    field.kind == FieldKind::Count
                                        || field.kind == FieldKind::Amount
                                }
                                Term::AreaAbove { .. } => field.kind == FieldKind::Amount,
                                Term::Judged { .. } => field.kind == FieldKind::Score,
                                Term::Tier { .. } => field.kind == FieldKind::Tier,
                                Term::EachOf { .. } => field.kind == FieldKind::Set,
                            };
                            if !ok {
                                problems.field(
                                    f,
                                    &here,
                                    f,
                                    "字段类型（kind）与计分规则不符".into(),
                                );
                            }
                        }
                    }
                }
                let positive = |d: &Decimal| *d > Decimal::ZERO;
                let units_ok = match t {
                    Term::PerUnit { unit, points, .. } => positive(unit) && positive(points),
                    Term::Replacement {
                        unit,
                        points,
                        special_points,
                        ..
                    } => positive(unit) && positive(points) && positive(special_points),
                    Term::AreaAbove {
                        unit,
                        points,
                        threshold,
                        ..
                    } => positive(unit) && positive(points) && *threshold >= Decimal::ZERO,
                    Term::Deduction { points, .. } => *points < Decimal::ZERO,
                    Term::Tier { tiers, .. } => !tiers.is_empty(),
                    Term::EachOf {
                        options, points, ..
                    } => !options.is_empty() && positive(points),
                    Term::Judged { .. } => true,
                };
                if !units_ok {
                    let f = t.fields().join("、");
                    let key = t.fields().first().copied().unwrap_or_default();
                    problems.field(key, &here, &f, String::from(
                        match t {
                            Term::Deduction { .. } => "扣分（points）须为负数",
                            Term::Tier { .. } => "档次（tiers）不能为空",
                            Term::EachOf { .. } => "选项（options）不能为空，每项分值（points）须大于0",
                            Term::AreaAbove { .. } =>
                                "计分单位（unit）和每单位分值（points）须大于0，面积门槛（threshold）不能为负",
                            _ => "计分单位（unit）和每单位分值（points/special_points）须大于0",
                        }
                    ));
                }
            }
            for f in &ind.fields {
                if !ind
                    .terms
                    .iter()
                    .any(|t| t.fields().contains(&f.key.as_str()))
                {
                    problems.field(&f.key, &here, &f.key, "没有计分规则读取这个字段".into());
                }
            }
        }
        problems.at(None);
        for p in &self.pairs {
            let here = format!("评分表 {}（{}版）选其一 {}", self.id, self.edition, p.id);
            if p.members.len() != 2 {
                problems.push(&here, "须恰有两个指标（members）".into());
            }
            for m in &p.members {
                match self.indicator(m) {
                    None => problems.push(&here, format!("指标 {m} 不存在")),
                    Some(ind) if ind.cap != Some(p.cap) => problems.push_at(
                        m,
                        &here,
                        format!("指标 {m} 的上限与选其一的上限（cap）不同"),
                    ),
                    _ => {}
                }
            }
        }
        let mut group_ids: Vec<&str> = Vec::new();
        for g in &self.groups {
            if group_ids.contains(&g.id.as_str()) {
                problems.push(
                    &format!("评分表 {}（{}版）一级指标 {}", self.id, self.edition, g.id),
                    "编号重复".into(),
                );
            }
            group_ids.push(&g.id);
        }
        let total = self.cap_total();
        if total != Decimal::ONE_HUNDRED {
            let by_group: Vec<String> = self
                .groups
                .iter()
                .map(|g| format!("{} {}", g.id, self.group_cap(&g.id).normalize()))
                .collect();
            problems.push(
                &format!("评分表 {}（{}版）", self.id, self.edition),
                format!(
                    "各指标分值上限合计 {} 分，应为 100 分（各一级指标：{}）",
                    total.normalize(),
                    by_group.join("，")
                ),
            );
        }
        problems.list
    }
}

/// One problem of [`Rubric::check_located`]: the Chinese sentence and where it lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The indicator's id, `None` for the rubric as a whole (caps, groups, pairs).
    pub indicator: Option<String>,
    /// The field's key within the indicator, when the problem is one field's.
    pub field: Option<String>,
    /// The whole sentence: "评分表 x（2026版）指标 1.1 字段 f：…".
    pub message: String,
    /// What is shown at the place itself, without naming the place: "…" of the above.
    pub local: String,
}

/// Collects problems for the indicator being checked.
#[derive(Default)]
struct Located {
    current: Option<String>,
    list: Vec<Problem>,
}

impl Located {
    fn at(&mut self, indicator: Option<&str>) {
        self.current = indicator.map(str::to_string);
    }
    fn add(&mut self, indicator: Option<String>, field: Option<&str>, place: &str, local: String) {
        self.list.push(Problem {
            indicator,
            field: field.map(str::to_string),
            message: format!("{place}：{local}"),
            local,
        });
    }
    /// A problem of the indicator being checked (or of the rubric as a whole).
    fn push(&mut self, place: &str, local: String) {
        self.add(self.current.clone(), None, place, local);
    }
    fn push_at(&mut self, indicator: &str, place: &str, local: String) {
        self.add(Some(indicator.to_string()), None, place, local);
    }
    /// A problem of one field (`key`) of the indicator being checked; `fields` names it
    /// (or the fields of one rule) in the full message.
    fn field(&mut self, key: &str, place: &str, fields: &str, local: String) {
        self.add(
            self.current.clone(),
            Some(key),
            &format!("{place} 字段 {fields}"),
            local,
        );
    }
}

/// The evaluation level (Articles 29 and 33). Quantity units and area thresholds scale by
/// its factor: national ×3 ("不低于市级平台的3倍"), district ×0.5 ("不低于市级平台标准的
/// 50%"). Points, caps, judged scores, tiers and deductions never scale.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    City,
    National,
    District,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::City, Level::National, Level::District];

    pub fn factor(self) -> Decimal {
        match self {
            Level::City => Decimal::ONE,
            Level::National => Decimal::from(3),
            Level::District => Decimal::new(5, 1),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::National => "national",
            Level::District => "district",
        }
    }

    pub fn from_key(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Level::City => "市级",
            Level::National => "国家级（自评）",
            Level::District => "区县级（自愿参评）",
        }
    }

    /// The project's reading of the level, shown in the UI as an interpretation.
    pub fn reading_zh(self) -> &'static str {
        match self {
            Level::City => "按附表原标准计分。",
            Level::National => "本工具的解读（第二十九条）：国家级平台自评指标“不低于市级平台的3倍”，即各数量计分单位及面积门槛乘以3（如每3家企业得0.2分）；每单位分值、上限、综合评定、安全档次、扣分和人才市场职能项数不变。",
            Level::District => "本工具的解读（第三十三条）：区县级平台考评指标“不低于市级平台标准的50%”，即各数量计分单位及面积门槛乘以0.5（如每入驻1家企业按2个单位计得0.4分）；每单位分值、上限、综合评定、安全档次、扣分和人才市场职能项数不变。",
        }
    }
}

/// Every bundled rubric, parsed once. Files that fail to parse are listed by
/// [`load_errors`] (the test suite requires none) rather than crashing the app.
pub fn all() -> &'static [Rubric] {
    &loaded().0
}

/// Problems found while loading the bundled files.
pub fn load_errors() -> &'static [String] {
    &loaded().1
}

fn loaded() -> &'static (Vec<Rubric>, Vec<String>) {
    static CELL: OnceLock<(Vec<Rubric>, Vec<String>)> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut rubrics = Vec::new();
        let mut errors = Vec::new();
        for (path, text) in RUBRIC_FILES {
            match serde_json::from_str::<Rubric>(text) {
                Ok(r) => rubrics.push(r),
                Err(e) => errors.push(format!("{path}: {e}")),
            }
        }
        (rubrics, errors)
    })
}

/// The rubric with this id and edition.
pub fn find(id: &str, edition: &str) -> Option<&'static Rubric> {
    all().iter().find(|r| r.id == id && r.edition == edition)
}

/// The newest edition of a rubric (editions are years, so the largest string wins).
pub fn latest(id: &str) -> Option<&'static Rubric> {
    all()
        .iter()
        .filter(|r| r.id == id)
        .max_by(|a, b| a.edition.cmp(&b.edition))
}

/// The three platform types of Art. 3, each scored by its own appendix (附表2–4) and
/// named in data by its rubric id. Code that means a platform type names a variant; the
/// id string is read and written only at the edges (`id`, `from_id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlatformKind {
    /// 综合性人力资源服务产业园 (附表2).
    ComprehensivePark,
    /// 专业性行业性人力资源服务产业园 (附表3).
    SpecializedPark,
    /// 专业性行业性人力资源（人才）市场 (附表4).
    TalentMarket,
}

impl PlatformKind {
    /// In the order of the appendices.
    pub const ALL: [PlatformKind; 3] = [
        PlatformKind::ComprehensivePark,
        PlatformKind::SpecializedPark,
        PlatformKind::TalentMarket,
    ];

    /// The rubric id (a draft's `rubric`, a file's name under `rubrics/<edition>/`).
    pub const fn id(self) -> &'static str {
        match self {
            PlatformKind::ComprehensivePark => "comprehensive-park",
            PlatformKind::SpecializedPark => "specialized-park",
            PlatformKind::TalentMarket => "talent-market",
        }
    }

    /// The kind a rubric id names; `None` for any other text.
    pub fn from_id(id: &str) -> Option<PlatformKind> {
        PlatformKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// An 产业园 (Arts. 11, 12), as against the 人才市场 (Art. 13).
    pub const fn is_park(self) -> bool {
        matches!(
            self,
            PlatformKind::ComprehensivePark | PlatformKind::SpecializedPark
        )
    }
}

impl Rubric {
    /// The fields that carry `role`, with their indicators, in the table's order.
    pub fn with_role(&self, role: FieldRole) -> Vec<(&Indicator, &Field)> {
        self.indicators
            .iter()
            .flat_map(|i| i.fields.iter().map(move |f| (i, f)))
            .filter(|(_, f)| f.role == Some(role))
            .collect()
    }

    /// The platform type this rubric scores (`None` only for an id no edition may carry).
    pub fn kind(&self) -> Option<PlatformKind> {
        PlatformKind::from_id(&self.id)
    }
}

/// The rubric ids in the order of the appendices.
pub const RUBRIC_IDS: [&str; 3] = [
    PlatformKind::ComprehensivePark.id(),
    PlatformKind::SpecializedPark.id(),
    PlatformKind::TalentMarket.id(),
];
