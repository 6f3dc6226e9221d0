//! Articles 31–33 as one table: the 优秀 quota (Art. 31), what each grade means (Art. 32
//! for national and city platforms, Art. 33 for a district platform taking part
//! voluntarily), each with its article and the measures' wording. The outlook
//! ([`super::consequences`]), the ranking (`rank`: its quota and its sentences) and the
//! prints read it; no other module writes these words or the 30 %.

use super::Grade;
use crate::domain::rubric::Level;

/// Art. 31: "原则上优秀等次平台数量不超过参评总量的30%".
pub const QUOTA_ARTICLE: &str = "第三十一条";
/// The share of the platforms evaluated that may be 优秀, in per cent.
pub const QUOTA_PERCENT: usize = 30;
/// The quota as the sentences say it: "30%".
pub const QUOTA_TEXT: &str = "30%";

/// The 优秀 places among `n` platforms: ⌊30 % × n⌋ (n = 3 gives none).
pub fn excellent_places(n: usize) -> usize {
    n.saturating_mul(QUOTA_PERCENT) / 100
}

/// Which platforms a grade rule speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// 国家级、市级平台 (Art. 32).
    NationalAndCity,
    /// 区县级平台 taking part voluntarily (Art. 33).
    District,
}

impl Scope {
    pub fn of(level: Level) -> Scope {
        match level {
            Level::District => Scope::District,
            _ => Scope::NationalAndCity,
        }
    }
}

/// One consequence of a grade: the grade, whom it applies to, the article and the
/// measures' wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeRule {
    pub grade: Grade,
    pub scope: Scope,
    pub article: &'static str,
    pub wording: &'static str,
}

impl GradeRule {
    /// The wording with its article: "…予以优先推荐（第三十二条（一））".
    pub fn text(&self) -> String {
        format!("{}（{}）", self.wording, self.article)
    }
}

/// Art. 32 and Art. 33, one row per grade and scope. A district platform's 合格 and
/// 不合格 have no row: the measures say nothing of them ([`DISTRICT_UNRULED`]).
pub const GRADE_RULES: &[GradeRule] = &[
    GradeRule {
        grade: Grade::Excellent,
        scope: Scope::NationalAndCity,
        article: "第三十二条（一）",
        wording: "在全市现代生产性服务业集聚区、“星级”楼宇、重点项目等政策申报中予以优先推荐",
    },
    GradeRule {
        grade: Grade::Pass,
        scope: Scope::NationalAndCity,
        article: "第三十二条（三）",
        wording: "支持开展现代生产性服务业相关政策的申报工作",
    },
    GradeRule {
        grade: Grade::Fail,
        scope: Scope::NationalAndCity,
        article: "第三十二条（二）",
        wording: "在现代生产性服务业相关政策的申报活动中不予推荐",
    },
    GradeRule {
        grade: Grade::Excellent,
        scope: Scope::District,
        article: "第三十三条",
        wording: "支持开展现代生产性服务业相关政策的申报工作",
    },
];

/// Art. 32 (二)'s second sentence, for a city platform 不合格 two years running.
pub const TWICE_FAILED: GradeRule = GradeRule {
    grade: Grade::Fail,
    scope: Scope::NationalAndCity,
    article: "第三十二条（二）",
    wording: "连续两年绩效评估不合格，不再纳入市级平台管理",
};

/// Art. 31's last sentence: a city platform that has lost its conditions is 不合格.
pub const LOST_CONDITIONS: GradeRule = GradeRule {
    grade: Grade::Fail,
    scope: Scope::NationalAndCity,
    article: QUOTA_ARTICLE,
    wording: "已丧失审批条件的市级平台，认定为不合格",
};

/// A district platform's 合格 or 不合格: no rule applies.
pub const DISTRICT_UNRULED: &str =
    "区县级平台：本办法第三十二条的结果运用针对国家级、市级平台，对区县级平台的合格、不合格等次未作规定";

/// The rules for a grade at a level, in the table's order.
pub fn rules_for(grade: Grade, level: Level) -> impl Iterator<Item = &'static GradeRule> {
    let scope = Scope::of(level);
    GRADE_RULES
        .iter()
        .filter(move |r| r.grade == grade && r.scope == scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_is_thirty_percent_rounded_down() {
        // Worked by hand: ⌊0.3 × n⌋.
        let places: Vec<usize> = [0, 1, 3, 4, 6, 7, 10, 13, 34]
            .map(excellent_places)
            .to_vec();
        assert_eq!(places, vec![0, 0, 0, 1, 1, 2, 3, 3, 10]);
        assert_eq!(QUOTA_TEXT, format!("{QUOTA_PERCENT}%"));
    }

    #[test]
    fn every_grade_of_a_city_platform_has_one_rule_and_a_district_only_for_excellent() {
        for g in Grade::ALL {
            assert_eq!(rules_for(g, Level::City).count(), 1, "{g:?}");
            assert_eq!(rules_for(g, Level::National).count(), 1, "{g:?}");
            let district = rules_for(g, Level::District).count();
            assert_eq!(district, usize::from(g == Grade::Excellent), "{g:?}");
        }
        assert_eq!(
            rules_for(Grade::Fail, Level::City).next().unwrap().text(),
            "在现代生产性服务业相关政策的申报活动中不予推荐（第三十二条（二））"
        );
    }
}
