//! The diff of two editions (issue 13): typed [`Change`]s ([`ChangeKind`]) between two
//! lists of rubrics, with Chinese text (每家 0.2 分 → 0.3 分, 上限 12 → 10, 新增 3.4 …).
//! Its own room because it is the largest job of the module and reads rubrics only: the
//! edition page, `cqhr editions --diff` and the editor's `changes` all call [`diff`].

use crate::domain::number::fmt_decimal;
use crate::domain::rubric::{Rubric, Term};
use rust_decimal::Decimal;
use serde::Serialize;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    RubricAdded,
    RubricRemoved,
    Title,
    GroupName,
    IndicatorAdded,
    IndicatorRemoved,
    Name,
    Standard,
    Reading,
    Cap,
    Points,
    SpecialPoints,
    Unit,
    Threshold,
    TierPoints,
    Rule,
    FieldAdded,
    FieldRemoved,
    FieldLabel,
    PairCap,
    Pairs,
}

impl ChangeKind {
    /// Whether the change belongs in the bureau's printed 调整说明: every change of the
    /// measures' own content (names, wording, caps, points, units, fields, pairs). The
    /// project's reading (`reading`, shown as 本工具的解读) is the tool's note, not a rule
    /// the bureau adjusts under Art. 29, so "解读改为…" stays off the printed notice.
    pub fn is_official(self) -> bool {
        !matches!(self, ChangeKind::Reading)
    }
}

/// One change between two editions, typed, with its Chinese sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub rubric: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The whole sentence: "附表2 1.1 线下入驻：每家 0.2 分 → 0.3 分".
    pub text: String,
    /// What changed, without naming the place: "每家 0.2 分 → 0.3 分" of the above (the
    /// editor shows it at the indicator itself). Not in the JSON, which has `text`.
    #[serde(skip)]
    pub detail: String,
}

/// A change's sentence, said as its place and what changed there.
struct Said {
    text: String,
    detail: String,
}

/// "{place}：{detail}", or the detail alone where the change has no narrower place than the
/// rubrics (a rubric added or removed).
fn said(place: &str, detail: String) -> Said {
    let text = if place.is_empty() {
        detail.clone()
    } else {
        format!("{place}：{detail}")
    };
    Said { text, detail }
}

/// The changes from the rubrics `a` to the rubrics `b`, matched by rubric id, then
/// indicators and fields by id, terms by position.
pub fn diff(a: &[&Rubric], b: &[&Rubric]) -> Vec<Change> {
    let mut out = Vec::new();
    for ra in a {
        match b.iter().find(|rb| rb.id == ra.id) {
            Some(rb) => diff_rubric(ra, rb, &mut out),
            None => out.push(change(
                ChangeKind::RubricRemoved,
                ra,
                None,
                None,
                None,
                None,
                said("", format!("删除评分表 {}（{}）", ra.short_name, ra.id)),
            )),
        }
    }
    for rb in b {
        if !a.iter().any(|ra| ra.id == rb.id) {
            out.push(change(
                ChangeKind::RubricAdded,
                rb,
                None,
                None,
                None,
                None,
                said("", format!("新增评分表 {}（{}）", rb.short_name, rb.id)),
            ));
        }
    }
    out
}

fn change(
    kind: ChangeKind,
    r: &Rubric,
    indicator: Option<&str>,
    field: Option<&str>,
    from: Option<String>,
    to: Option<String>,
    Said { text, detail }: Said,
) -> Change {
    Change {
        kind,
        rubric: r.id.clone(),
        indicator: indicator.map(str::to_string),
        field: field.map(str::to_string),
        from,
        to,
        text,
        detail,
    }
}

fn cap_text(c: Option<Decimal>) -> String {
    c.map(fmt_decimal).unwrap_or_else(|| "——".into())
}

/// The two numbers of a per-unit rule (PerUnit, Replacement, AreaAbove): its 计分单位 and
/// its 每单位分值, each reported through `num` when it changed.
fn unit_and_points(
    num: &mut impl FnMut(ChangeKind, &str, Decimal, Decimal, Said),
    here: &str,
    field: &str,
    u: &str,
    (ua, ub): (Decimal, Decimal),
    (pa, pb): (Decimal, Decimal),
) {
    num(
        ChangeKind::Unit,
        field,
        ua,
        ub,
        said(here, format!("计分单位 {} → {}", per(ua, u), per(ub, u))),
    );
    num(
        ChangeKind::Points,
        field,
        pa,
        pb,
        said(
            here,
            format!(
                "{} {} 分 → {} 分",
                per(ub, u),
                fmt_decimal(pa),
                fmt_decimal(pb)
            ),
        ),
    );
}

/// "每家", "每1000万元", "每1000平方米".
fn per(unit: Decimal, field_unit: &str) -> String {
    if unit == Decimal::ONE {
        format!("每{field_unit}")
    } else {
        format!("每{}{field_unit}", fmt_decimal(unit))
    }
}

/// Over 150 lines: one comparison per member of a rubric, in the table's order, each a
/// change with its words; split up they would repeat the matching.
fn diff_rubric(ra: &Rubric, rb: &Rubric, out: &mut Vec<Change>) {
    let s = &rb.short_name;
    if ra.title != rb.title {
        out.push(change(
            ChangeKind::Title,
            rb,
            None,
            None,
            Some(ra.title.clone()),
            Some(rb.title.clone()),
            said(s, format!("标题 “{}” → “{}”", ra.title, rb.title)),
        ));
    }
    for gb in &rb.groups {
        if let Some(ga) = ra.group(&gb.id) {
            if ga.name != gb.name {
                out.push(change(
                    ChangeKind::GroupName,
                    rb,
                    None,
                    None,
                    Some(ga.name.clone()),
                    Some(gb.name.clone()),
                    said(
                        &format!("{s} 一级指标 {}", gb.id),
                        format!("名称 “{}” → “{}”", ga.name, gb.name),
                    ),
                ));
            }
        }
    }
    for ia in &ra.indicators {
        if rb.indicator(&ia.id).is_none() {
            out.push(change(
                ChangeKind::IndicatorRemoved,
                rb,
                Some(&ia.id),
                None,
                None,
                None,
                said(s, format!("删除 {} {}", ia.id, ia.name)),
            ));
        }
    }
    for ib in &rb.indicators {
        let id = ib.id.as_str();
        let Some(ia) = ra.indicator(id) else {
            out.push(change(
                ChangeKind::IndicatorAdded,
                rb,
                Some(id),
                None,
                None,
                Some(cap_text(ib.cap)),
                said(
                    s,
                    format!("新增 {id} {}（上限 {} 分）", ib.name, cap_text(ib.cap)),
                ),
            ));
            continue;
        };
        let here = format!("{s} {id} {}", ib.name);
        if ia.name != ib.name {
            out.push(change(
                ChangeKind::Name,
                rb,
                Some(id),
                None,
                Some(ia.name.clone()),
                Some(ib.name.clone()),
                said(
                    &format!("{s} {id}"),
                    format!("名称 “{}” → “{}”", ia.name, ib.name),
                ),
            ));
        }
        if ia.cap != ib.cap {
            out.push(change(
                ChangeKind::Cap,
                rb,
                Some(id),
                None,
                Some(cap_text(ia.cap)),
                Some(cap_text(ib.cap)),
                said(
                    &here,
                    format!("上限 {} → {}", cap_text(ia.cap), cap_text(ib.cap)),
                ),
            ));
        }
        if ia.standard != ib.standard {
            out.push(change(
                ChangeKind::Standard,
                rb,
                Some(id),
                None,
                Some(ia.standard.clone()),
                Some(ib.standard.clone()),
                said(&here, format!("评价标准改为 “{}”", ib.standard)),
            ));
        }
        if ia.reading != ib.reading {
            out.push(change(
                ChangeKind::Reading,
                rb,
                Some(id),
                None,
                ia.reading.clone(),
                ib.reading.clone(),
                said(
                    &here,
                    format!("解读改为 “{}”", ib.reading.clone().unwrap_or_default()),
                ),
            ));
        }
        for fa in &ia.fields {
            if !ib.fields.iter().any(|f| f.key == fa.key) {
                out.push(change(
                    ChangeKind::FieldRemoved,
                    rb,
                    Some(id),
                    Some(&fa.key),
                    None,
                    None,
                    said(&here, format!("删除填写项 {}（{}）", fa.label, fa.key)),
                ));
            }
        }
        for fb in &ib.fields {
            match ia.fields.iter().find(|f| f.key == fb.key) {
                None => out.push(change(
                    ChangeKind::FieldAdded,
                    rb,
                    Some(id),
                    Some(&fb.key),
                    None,
                    None,
                    said(&here, format!("新增填写项 {}（{}）", fb.label, fb.key)),
                )),
                Some(fa) if fa.label != fb.label => out.push(change(
                    ChangeKind::FieldLabel,
                    rb,
                    Some(id),
                    Some(&fb.key),
                    Some(fa.label.clone()),
                    Some(fb.label.clone()),
                    said(&here, format!("填写项 “{}” → “{}”", fa.label, fb.label)),
                )),
                _ => {}
            }
        }
        let unit_of = |key: &str| {
            ib.fields
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.unit.clone())
                .unwrap_or_default()
        };
        if ia.terms.len() != ib.terms.len() {
            out.push(change(
                ChangeKind::Rule,
                rb,
                Some(id),
                None,
                None,
                None,
                said(&here, "计分规则改变".to_string()),
            ));
            continue;
        }
        for (ta, tb) in ia.terms.iter().zip(&ib.terms) {
            let mut num = |kind: ChangeKind, field: &str, a: Decimal, b: Decimal, text: Said| {
                if a != b {
                    out.push(change(
                        kind,
                        rb,
                        Some(id),
                        Some(field),
                        Some(fmt_decimal(a)),
                        Some(fmt_decimal(b)),
                        text,
                    ));
                }
            };
            match (ta, tb) {
                (
                    Term::PerUnit {
                        field: fa,
                        unit: ua,
                        points: pa,
                    },
                    Term::PerUnit {
                        field: fb,
                        unit: ub,
                        points: pb,
                    },
                ) if fa == fb => {
                    let u = unit_of(fb);
                    unit_and_points(&mut num, &here, fb, &u, (*ua, *ub), (*pa, *pb));
                }
                (
                    Term::Replacement {
                        total: xa,
                        special: sa,
                        unit: ua,
                        points: pa,
                        special_points: qa,
                    },
                    Term::Replacement {
                        total: xb,
                        special: sb,
                        unit: ub,
                        points: pb,
                        special_points: qb,
                    },
                ) if xa == xb && sa == sb => {
                    let u = unit_of(xb);
                    unit_and_points(&mut num, &here, xb, &u, (*ua, *ub), (*pa, *pb));
                    num(
                        ChangeKind::SpecialPoints,
                        sb,
                        *qa,
                        *qb,
                        said(
                            &here,
                            format!(
                                "规模以上企业{} {} 分 → {} 分",
                                per(*ub, &u),
                                fmt_decimal(*qa),
                                fmt_decimal(*qb)
                            ),
                        ),
                    );
                }
                (
                    Term::AreaAbove {
                        field: fa,
                        threshold: ha,
                        unit: ua,
                        points: pa,
                    },
                    Term::AreaAbove {
                        field: fb,
                        threshold: hb,
                        unit: ub,
                        points: pb,
                    },
                ) if fa == fb => {
                    let u = unit_of(fb);
                    num(
                        ChangeKind::Threshold,
                        fb,
                        *ha,
                        *hb,
                        said(
                            &here,
                            format!("面积门槛 {}{u} → {}{u}", fmt_decimal(*ha), fmt_decimal(*hb)),
                        ),
                    );
                    unit_and_points(&mut num, &here, fb, &u, (*ua, *ub), (*pa, *pb));
                }
                (
                    Term::Deduction {
                        field: fa,
                        points: pa,
                    },
                    Term::Deduction {
                        field: fb,
                        points: pb,
                    },
                ) if fa == fb => num(
                    ChangeKind::Points,
                    fb,
                    *pa,
                    *pb,
                    said(
                        &here,
                        format!("每起扣分 {} 分 → {} 分", fmt_decimal(*pa), fmt_decimal(*pb)),
                    ),
                ),
                (
                    Term::EachOf {
                        field: fa,
                        points: pa,
                        options: oa,
                    },
                    Term::EachOf {
                        field: fb,
                        points: pb,
                        options: ob,
                    },
                ) if fa == fb && oa == ob => num(
                    ChangeKind::Points,
                    fb,
                    *pa,
                    *pb,
                    said(
                        &here,
                        format!("每项 {} 分 → {} 分", fmt_decimal(*pa), fmt_decimal(*pb)),
                    ),
                ),
                (
                    Term::Tier {
                        field: fa,
                        tiers: ta,
                    },
                    Term::Tier {
                        field: fb,
                        tiers: tb,
                    },
                ) if fa == fb
                    && ta.len() == tb.len()
                    && ta.iter().zip(tb).all(|(x, y)| x.key == y.key) =>
                {
                    for (x, y) in ta.iter().zip(tb) {
                        num(
                            ChangeKind::TierPoints,
                            fb,
                            x.points,
                            y.points,
                            said(
                                &here,
                                format!(
                                    "{} {} 分 → {} 分",
                                    y.label,
                                    fmt_decimal(x.points),
                                    fmt_decimal(y.points)
                                ),
                            ),
                        );
                    }
                }
                (a, b) if a == b => {}
                _ => out.push(change(
                    ChangeKind::Rule,
                    rb,
                    Some(id),
                    None,
                    None,
                    None,
                    said(&here, "计分规则改变".to_string()),
                )),
            }
        }
    }
    for pb in &rb.pairs {
        match ra.pairs.iter().find(|p| p.id == pb.id) {
            Some(pa) if pa.cap != pb.cap => out.push(change(
                ChangeKind::PairCap,
                rb,
                None,
                None,
                Some(fmt_decimal(pa.cap)),
                Some(fmt_decimal(pb.cap)),
                said(
                    &format!("{s} 选其一 {}", pb.id),
                    format!("上限 {} → {}", fmt_decimal(pa.cap), fmt_decimal(pb.cap)),
                ),
            )),
            Some(pa) if pa.members != pb.members => out.push(change(
                ChangeKind::Pairs,
                rb,
                None,
                None,
                None,
                None,
                said(
                    &format!("{s} 选其一 {}", pb.id),
                    format!("指标改为 {}", pb.members.join("、")),
                ),
            )),
            Some(_) => {}
            None => out.push(change(
                ChangeKind::Pairs,
                rb,
                None,
                None,
                None,
                None,
                said(s, format!("新增选其一 {}", pb.id)),
            )),
        }
    }
    for pa in &ra.pairs {
        if !rb.pairs.iter().any(|p| p.id == pa.id) {
            out.push(change(
                ChangeKind::Pairs,
                rb,
                None,
                None,
                None,
                None,
                said(s, format!("取消选其一 {}", pa.id)),
            ));
        }
    }
}
