//! The working in words, shared by the web form, the 得分表 and `cqhr --format text`.

use super::*;

impl TermWorking {
    /// e.g. "⌊12,345.6 ÷ 1,000⌋ × 0.1", "(37 − 8) × 0.2", "基本执行到位 3".
    pub fn text(&self) -> String {
        let p = fmt_decimal(self.points_each);
        let quantity = |q: String| {
            if self.unit == Decimal::ONE {
                format!("{q} × {p}")
            } else {
                format!("⌊{q} ÷ {}⌋ × {p}", fmt_grouped(self.unit))
            }
        };
        let Some(input) = self.input else {
            return "未填".into();
        };
        match self.kind {
            "ordinary" => {
                let minus = self.minus.unwrap_or_default();
                if minus.is_zero() {
                    quantity(fmt_grouped(input))
                } else {
                    quantity(format!("({} − {})", fmt_grouped(input), fmt_grouped(minus)))
                }
            }
            "area_above" => {
                let b = self.minus.unwrap_or_default();
                if input <= b {
                    format!(
                        "{} 未超过 {} 平方米 → 0",
                        fmt_grouped(input),
                        fmt_grouped(b)
                    )
                } else {
                    quantity(format!("({} − {})", fmt_grouped(input), fmt_grouped(b)))
                }
            }
            "judged" => format!("综合评定 {}", fmt_decimal(input)),
            "tier" => format!(
                "{} {}",
                self.choice.as_deref().unwrap_or(""),
                fmt_decimal(self.points)
            ),
            "deduction" => format!(
                "{} 次 × ({})",
                fmt_grouped(input),
                fmt_decimal(self.points_each).replace('-', "−")
            ),
            "each_of" => format!("{} 项 × {p}", fmt_decimal(input)),
            _ => quantity(fmt_grouped(input)),
        }
    }
}

impl IndicatorScore {
    /// The whole working on one line, e.g. "⌊1,234 ÷ 10⌋ × 0.1 = 12.3 → 上限 8".
    pub fn working_text(&self) -> String {
        if self.empty {
            return if self.counted {
                "未填".into()
            } else {
                "选其一：本项不计入".into()
            };
        }
        let shown: Vec<&TermWorking> = self.terms.iter().filter(|t| t.input.is_some()).collect();
        let parts: Vec<String> = shown.iter().map(|t| t.text()).collect();
        let mut s = parts.join(" + ");
        let single_plain = shown.len() == 1 && matches!(shown[0].kind, "judged" | "tier");
        if !single_plain {
            s.push_str(&format!(" = {}", fmt_decimal(self.sum).replace('-', "−")));
        }
        if self.capped {
            if let Some(cap) = self.cap {
                s.push_str(&format!(" → 上限 {}", fmt_decimal(cap)));
            }
        }
        if !self.counted {
            s.push_str("（选其一：本项不计入）");
        }
        if !self.missing.is_empty() {
            s.push_str(&format!("；{}未填", self.missing_labels().join("、")));
        }
        s
    }

    /// The score as a sheet prints it: 未填 while nothing is entered for a counted indicator,
    /// else the score (a half-filled one shows what it scores; its working says what is
    /// missing).
    pub fn score_text(&self) -> String {
        if self.empty && self.counted {
            "未填".into()
        } else {
            fmt_decimal(self.score)
        }
    }

    /// The labels of the needed fields still blank ("产业园面积"), in the rubric's order.
    pub fn missing_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = Vec::new();
        for key in &self.missing {
            if let Some(t) = self.terms.iter().find(|t| &t.field == key) {
                if !labels.contains(&t.label) {
                    labels.push(t.label.clone());
                }
            }
        }
        labels
    }

    /// The next gain in words: "营收再增加 230 万元，可再得 0.1 分", or "已达上限".
    pub fn next_text(&self) -> String {
        match &self.next {
            Next::AtCap => "已达上限".into(),
            Next::NotQuantity => String::new(),
            Next::Gains { gains } if gains.is_empty() => String::new(),
            Next::Gains { gains } => gains.iter().map(Gain::text).collect::<Vec<_>>().join("；"),
        }
    }
}

impl Gain {
    pub fn text(&self) -> String {
        let gain = match &self.overtakes {
            Some(other) => format!(
                "超过 {other} 改计本项，总分可再得 {} 分",
                fmt_decimal(self.points)
            ),
            None => format!("可再得 {} 分", fmt_decimal(self.points)),
        };
        if self.role == Some(FieldRole::Functions) {
            return format!("再设置 1 项职能，{gain}");
        }
        format!(
            "{}再增加 {} {}，{gain}",
            self.label.trim_start_matches("其中："),
            fmt_grouped(self.increase),
            self.unit_name,
        )
    }
}

/// "尚可争取 3.5 分" (or "已得满分" when nothing is left).
pub fn headroom_text(headroom: Decimal) -> String {
    if headroom > Decimal::ZERO {
        format!("尚可争取 {} 分", fmt_decimal(headroom))
    } else {
        "已得满分".into()
    }
}

/// The 得分表's title as Art. 30(二)2 of 渝人社规〔2025〕4号 names it (the rubric's own title,
/// 附表2–4, is printed beneath it).
pub const SCORE_SHEET_TITLE: &str = "重庆市市级人力资源服务发展平台年度评估得分表";

impl Report {
    /// The sheet's state for its header: "未完成（未填 3 项）" while any indicator is blank,
    /// else "已填写完整".
    pub fn completion_text(&self) -> String {
        if self.blank.is_empty() {
            "已填写完整".into()
        } else {
            format!("未完成（未填 {} 项）", self.blank.len())
        }
    }
}

impl IndicatorScore {
    /// The values entered, in words, for showing beside the score (年度对比):
    /// "线下入驻企业总数 20 家；其中：规模以上企业 5 家", "制度健全…", or "未填".
    pub fn inputs_text(&self) -> String {
        let parts: Vec<String> = self
            .terms
            .iter()
            .filter_map(|t| {
                let input = t.input?;
                Some(match t.kind {
                    "tier" => t.choice.clone().unwrap_or_default(),
                    "each_of" => format!("{}：{}", t.label, t.choice.clone().unwrap_or_default()),
                    "judged" => format!("{} {} 分", t.label, fmt_decimal(input)),
                    _ => format!("{} {} {}", t.label, fmt_grouped(input), t.unit_name)
                        .trim_end()
                        .to_string(),
                })
            })
            .collect();
        if parts.is_empty() {
            "未填".into()
        } else {
            parts.join("；")
        }
    }
}

/// When a 选其一 pair counts a different member in `after` than in `before`, says so:
/// "选其一改变：2.1/2.2 由计 2.1 改为计 2.2" — a swing in the pair's scores then comes from
/// the choice, not only from the figures.
pub fn pair_swing(before: &Report, after: &Report, pair_id: &str) -> Option<String> {
    let a = before.pairs.iter().find(|p| p.id == pair_id)?;
    let b = after.pairs.iter().find(|p| p.id == pair_id)?;
    (a.counted != b.counted).then(|| {
        format!(
            "选其一改变：{pair_id} 由计 {} 改为计 {}",
            a.counted, b.counted
        )
    })
}
