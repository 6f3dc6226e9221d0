//! Chongqing's 区县 and special zones, each with its region, for Article 17.
//!
//! 第十七条: "渝东北、渝东南地区申报认定市级平台的，可在平台面积、入驻企业、营业收入规模等
//! 量化指标方面适当降低标准或设置达成时限。" The list holds all 38 区县 (26 区, 8 县 and 4
//! 自治县) and the three special zones the notice addresses in its heading (两江新区,
//! 西部科学城重庆高新区, 万盛经开区). 渝东北: 万州、开州、梁平、城口、丰都、垫江、忠县、云阳、
//! 奉节、巫山、巫溪; 渝东南: 黔江、武隆、石柱、秀山、酉阳、彭水; every other one lies in the
//! 主城都市区 (the special zones included).

use serde::Serialize;

/// The region a 区县 belongs to (渝人社规〔2025〕4号 第十七条 names 渝东北 and 渝东南).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// 主城都市区.
    MainUrban,
    /// 渝东北（三峡库区城镇群）.
    Northeast,
    /// 渝东南（武陵山区城镇群）.
    Southeast,
}

impl Region {
    /// The key used in JSON: `main_urban`, `northeast`, `southeast`.
    pub fn key(self) -> &'static str {
        match self {
            Region::MainUrban => "main_urban",
            Region::Northeast => "northeast",
            Region::Southeast => "southeast",
        }
    }

    /// 主城都市区 / 渝东北 / 渝东南.
    pub fn label_zh(self) -> &'static str {
        match self {
            Region::MainUrban => "主城都市区",
            Region::Northeast => "渝东北",
            Region::Southeast => "渝东南",
        }
    }

    /// Whether Article 17 lets a platform here ask for lowered quantitative thresholds
    /// or a deadline (渝东北 and 渝东南 only).
    pub fn relief(self) -> bool {
        matches!(self, Region::Northeast | Region::Southeast)
    }
}

/// What kind of administrative unit a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistrictKind {
    /// 区.
    District,
    /// 县.
    County,
    /// 自治县.
    AutonomousCounty,
    /// 两江新区、西部科学城重庆高新区、万盛经开区 (named in the notice's heading).
    Zone,
}

/// One 区县 or special zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct District {
    /// The full name, e.g. 石柱土家族自治县.
    pub name: &'static str,
    /// The common short name, e.g. 石柱.
    pub short: &'static str,
    /// Other names that are accepted (former names, 县 forms of the autonomous counties).
    pub aliases: &'static [&'static str],
    pub kind: DistrictKind,
    pub region: Region,
}

const fn d(
    name: &'static str,
    short: &'static str,
    aliases: &'static [&'static str],
    kind: DistrictKind,
    region: Region,
) -> District {
    District {
        name,
        short,
        aliases,
        kind,
        region,
    }
}

use DistrictKind::{AutonomousCounty as Auto, County, District as Qu, Zone};
use Region::{MainUrban as Main, Northeast as NE, Southeast as SE};

/// All 38 区县 in the official order, then the three special zones of the notice's
/// heading (第十七条 relief follows [`District::region`]).
pub const DISTRICTS: [District; 41] = [
    d("万州区", "万州", &[], Qu, NE),
    d("黔江区", "黔江", &[], Qu, SE),
    d("涪陵区", "涪陵", &[], Qu, Main),
    d("渝中区", "渝中", &[], Qu, Main),
    d("大渡口区", "大渡口", &[], Qu, Main),
    d("江北区", "江北", &[], Qu, Main),
    d("沙坪坝区", "沙坪坝", &[], Qu, Main),
    d("九龙坡区", "九龙坡", &[], Qu, Main),
    d("南岸区", "南岸", &[], Qu, Main),
    d("北碚区", "北碚", &[], Qu, Main),
    d("綦江区", "綦江", &[], Qu, Main),
    d("大足区", "大足", &[], Qu, Main),
    d("渝北区", "渝北", &[], Qu, Main),
    d("巴南区", "巴南", &[], Qu, Main),
    d("长寿区", "长寿", &[], Qu, Main),
    d("江津区", "江津", &[], Qu, Main),
    d("合川区", "合川", &[], Qu, Main),
    d("永川区", "永川", &[], Qu, Main),
    d("南川区", "南川", &[], Qu, Main),
    d("璧山区", "璧山", &[], Qu, Main),
    d("铜梁区", "铜梁", &[], Qu, Main),
    d("潼南区", "潼南", &[], Qu, Main),
    d("荣昌区", "荣昌", &[], Qu, Main),
    d("开州区", "开州", &["开县"], Qu, NE),
    d("梁平区", "梁平", &["梁平县"], Qu, NE),
    d("武隆区", "武隆", &["武隆县"], Qu, SE),
    d("城口县", "城口", &[], County, NE),
    d("丰都县", "丰都", &[], County, NE),
    d("垫江县", "垫江", &[], County, NE),
    d("忠县", "忠县", &[], County, NE),
    d("云阳县", "云阳", &[], County, NE),
    d("奉节县", "奉节", &[], County, NE),
    d("巫山县", "巫山", &[], County, NE),
    d("巫溪县", "巫溪", &[], County, NE),
    d("石柱土家族自治县", "石柱", &["石柱县"], Auto, SE),
    d("秀山土家族苗族自治县", "秀山", &["秀山县"], Auto, SE),
    d("酉阳土家族苗族自治县", "酉阳", &["酉阳县"], Auto, SE),
    d("彭水苗族土家族自治县", "彭水", &["彭水县"], Auto, SE),
    d("两江新区", "两江", &[], Zone, Main),
    d(
        "西部科学城重庆高新区",
        "重庆高新区",
        &["高新区", "西部科学城"],
        Zone,
        Main,
    ),
    d(
        "万盛经开区",
        "万盛",
        &["万盛经济技术开发区", "万盛区"],
        Zone,
        Main,
    ),
];

/// Finds a 区县 or special zone by its full name, its short name (万州, 石柱) or an alias,
/// ignoring surrounding spaces and a leading 重庆市 / 重庆.
pub fn find(name: &str) -> Option<&'static District> {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace());
    if trimmed.is_empty() {
        return None;
    }
    let mut candidates = vec![trimmed];
    for prefix in ["重庆市", "重庆"] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            let rest = rest.trim_matches(|c: char| c.is_whitespace());
            if !rest.is_empty() {
                candidates.push(rest);
            }
        }
    }
    candidates.into_iter().find_map(|c| {
        DISTRICTS
            .iter()
            .find(|d| d.name == c || d.short == c || d.aliases.contains(&c))
    })
}

/// The region of a 区县, by full or short name (第十七条); `None` when not recognised.
pub fn region(name: &str) -> Option<Region> {
    find(name).map(|d| d.region)
}

/// Whether Article 17's relief (lowered quantitative thresholds or a deadline) is open to
/// a platform in this 区县: true in 渝东北 and 渝东南 only.
pub fn relief_applies(name: &str) -> bool {
    region(name).is_some_and(Region::relief)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_regions() {
        let count = |k: DistrictKind| DISTRICTS.iter().filter(|d| d.kind == k).count();
        assert_eq!(count(DistrictKind::District), 26);
        assert_eq!(count(DistrictKind::County), 8);
        assert_eq!(count(DistrictKind::AutonomousCounty), 4);
        assert_eq!(count(DistrictKind::Zone), 3);
        let in_region = |r: Region| DISTRICTS.iter().filter(|d| d.region == r).count();
        assert_eq!(in_region(Region::Northeast), 11);
        assert_eq!(in_region(Region::Southeast), 6);
        assert_eq!(in_region(Region::MainUrban), 24);
    }

    #[test]
    fn names_are_unique() {
        let mut all: Vec<&str> = Vec::new();
        for d in &DISTRICTS {
            all.push(d.name);
            if d.short != d.name {
                all.push(d.short);
            }
            all.extend(d.aliases.iter().copied());
        }
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn finds_by_any_name() {
        assert_eq!(region("万州区"), Some(Region::Northeast));
        assert_eq!(region("万州"), Some(Region::Northeast));
        assert_eq!(region("石柱"), Some(Region::Southeast));
        assert_eq!(region("石柱土家族自治县"), Some(Region::Southeast));
        assert_eq!(region(" 重庆市渝中区 "), Some(Region::MainUrban));
        assert_eq!(region("重庆高新区"), Some(Region::MainUrban));
        assert_eq!(region("忠县"), Some(Region::Northeast));
        assert_eq!(region("成都市"), None);
        assert_eq!(region(""), None);
        assert_eq!(region("重庆"), None);
        assert!(relief_applies("彭水"));
        assert!(!relief_applies("两江新区"));
    }
}
