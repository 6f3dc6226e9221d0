//! Which stages a draft validly has (Art. 30): the one question the ranking, the copies'
//! choice and the outlook ask of the review layers. Its own room so that "validly
//! reviewed" has one definition: a layer is valid when it and every layer below it are
//! validly signed for their role and district ([`usable_stage`], issue 21).

use super::{stages, usable_stage, Stage};
use crate::domain::draft::Draft;

/// The stages of a draft that a ranking may use, lowest first: 自评 always, then each
/// review stage present at or below the latest usable one ([`usable_stage`]: every layer
/// at or under it validly signed).
pub fn valid_stages(draft: &Draft) -> Vec<Stage> {
    let (best, stale) = usable_stage(draft);
    let mut out: Vec<Stage> = stages(draft)
        .into_iter()
        .filter(|s| *s <= best && !stale.contains(s))
        .collect();
    out.sort();
    out
}

/// A 市级评审 layer with no 区县初审 layer below it (Art. 30 (二)–(三): the district
/// reviews first): warned about, still used.
pub fn city_without_district(draft: &Draft) -> bool {
    let present = stages(draft);
    present.contains(&Stage::City) && !present.contains(&Stage::District)
}
