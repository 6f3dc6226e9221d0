//! `cqhr score --format text` and `cqhr review --format text`: the readable Chinese tables
//! (得分表 with the working, 审核对照表). Only words: every number comes from the domain.

use cqhr::domain::review::{ReviewReport, Stage};
use cqhr::domain::{fmt_decimal, Draft, Report};

/// A readable Chinese table with the working.
pub fn report_text(draft: &Draft, r: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}（{}版，{}）\n",
        r.title,
        r.edition,
        r.level.label_zh()
    ));
    if !draft.platform.name.is_empty() {
        out.push_str(&format!(
            "平台：{}  {}  {}\n",
            draft.platform.name, draft.platform.district, draft.platform.year
        ));
    }
    out.push('\n');
    for g in &r.groups {
        out.push_str(&format!(
            "{}. {}  小计 {} / {}  {}\n",
            g.id,
            g.name,
            fmt_decimal(g.score),
            fmt_decimal(g.cap),
            cqhr::domain::score::headroom_text(g.headroom)
        ));
        for i in r.indicators.iter().filter(|i| i.group == g.id) {
            let cap = i.cap.map(fmt_decimal).unwrap_or_else(|| "——".into());
            out.push_str(&format!(
                "  {:<5} {}  {} / {}\n",
                i.id,
                i.name,
                fmt_decimal(i.score),
                cap
            ));
            out.push_str(&format!("        {}\n", i.working_text()));
            let next = i.next_text();
            if !next.is_empty() {
                out.push_str(&format!("        下一分：{next}\n"));
            }
        }
    }
    out.push_str(&format!(
        "\n总分 {} / {}",
        fmt_decimal(r.total),
        fmt_decimal(r.cap_total)
    ));
    if !r.blank.is_empty() {
        out.push_str(&format!(
            "（未填 {} 项：{}）",
            r.blank.len(),
            r.blank.join("、")
        ));
    }
    out.push_str(&format!(
        "，{}\n",
        cqhr::domain::score::headroom_text(r.headroom)
    ));
    for p in &r.pairs {
        if let Some(loss) = p.loss_text() {
            out.push_str(&format!("注意：{loss}\n"));
        }
    }
    out
}

fn signed(d: rust_decimal::Decimal) -> String {
    if d > rust_decimal::Decimal::ZERO {
        format!("+{}", fmt_decimal(d))
    } else {
        fmt_decimal(d)
    }
}

/// `cqhr review --format text`: a readable Chinese 审核对照表.
pub fn review_text(draft: &Draft, r: &ReviewReport) -> String {
    let mut out = String::new();
    let title = r
        .stages
        .first()
        .map(|s| {
            format!(
                "{}（{}版，{}）",
                s.report.title,
                s.report.edition,
                s.report.level.label_zh()
            )
        })
        .unwrap_or_default();
    out.push_str(&format!("审核对照表：{title}\n"));
    if !draft.platform.name.is_empty() {
        out.push_str(&format!(
            "平台：{}  {}  {}\n",
            draft.platform.name, draft.platform.district, draft.platform.year
        ));
    }
    out.push('\n');
    for s in &r.stages {
        let who = if s.stage == Stage::SelfAssessed {
            String::new()
        } else {
            format!(
                "  审核人 {}  日期 {}  {}",
                if s.reviewer.is_empty() {
                    "（未填）"
                } else {
                    &s.reviewer
                },
                s.date,
                s.status.text_zh()
            )
        };
        out.push_str(&format!(
            "{}  总分 {}{who}\n",
            s.stage.long_label_zh(),
            fmt_decimal(s.total)
        ));
        {
            for m in s.status.moved() {
                out.push_str(&format!("    变动：{}\n", m.text_zh()));
            }
        }
        if !s.opinion.is_empty() {
            out.push_str(&format!("    审核意见：{}\n", s.opinion));
        }
    }
    let present: Vec<Stage> = r.stages.iter().map(|s| s.stage).collect();
    out.push_str("\n指标   ");
    for s in &present {
        out.push_str(&format!("{:>6}", s.label_zh()));
    }
    out.push_str("    增减  核减说明 / 指标名称\n");
    for i in &r.indicators {
        out.push_str(&format!("{:<6} ", i.id));
        for s in &present {
            out.push_str(&format!(
                "{:>8}",
                i.score(*s).map(fmt_decimal).unwrap_or_else(|| "——".into())
            ));
        }
        let delta = if i.delta.is_zero() {
            String::new()
        } else {
            signed(i.delta)
        };
        let mut note = i.reason().unwrap_or_default();
        if !i.explained() {
            note = if note.is_empty() {
                "未说明".into()
            } else {
                format!("{note}（另有未说明改动）")
            };
        }
        out.push_str(&format!("{delta:>8}  {}", i.name));
        if !note.is_empty() {
            out.push_str(&format!("：{note}"));
        }
        out.push('\n');
    }
    out.push_str("合计   ");
    for s in &r.stages {
        out.push_str(&format!("{:>8}", fmt_decimal(s.total)));
    }
    if let (Some(first), Some(last)) = (r.stages.first(), r.stages.last()) {
        out.push_str(&format!("{:>8}", signed(last.total - first.total)));
    }
    out.push('\n');
    if r.unexplained > 0 {
        out.push_str(&format!("\n未说明的改动：{} 处\n", r.unexplained));
    }
    out.push_str(&format!("排名采用：{}\n", r.usable.long_label_zh()));
    out
}

// ---- 自评材料 files (issue 12): `report`, `score --format xlsx`, `rank --format xlsx` ----
