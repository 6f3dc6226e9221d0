//! 尚可争取 and the 选其一 hints (issue 15 item 7), with hand-worked numbers.

use crate::common::{d, score};
use cqhr::domain::score::headroom_text;
use cqhr::domain::Next;
use serde_json::json;

const SP: &str = "specialized-park";

/// 附表3 with 2.1 = 20 家 (20 × 0.5 = 10) and 2.2 = 80 家 (80 × 0.1 = 8).
fn pair_draft(choice: Option<&str>, firms_22: u32, violations: u32) -> serde_json::Value {
    let mut v = json!({"rubric": SP, "edition": "2025", "level": "city", "inputs": {
        "2.1": {"firms": 20}, "2.2": {"firms": firms_22},
        "1.2": {"revenue_wan": 150000},
        "5.4": {"violations": violations}}});
    if let Some(c) = choice {
        v["choices"] = json!({"2.1/2.2": c});
    }
    v
}

#[test]
fn hand_worked_headroom_per_group_and_in_total() {
    let r = score(&pair_draft(None, 80, 0));
    // 1.2: 150,000 ÷ 2,000 = 75 units × 0.1 = 7.5 → cap 6. Group 1 (caps 10+6+6+5 = 27):
    // 1.1 10 + 1.3 6 + 1.4 5 left = 21.
    let g1 = r.groups.iter().find(|g| g.id == "1").unwrap();
    assert_eq!(g1.score, d("6"));
    assert_eq!(g1.headroom, d("21"));
    // Group 2: pair 2.1/2.2 (cap 13) counts 2.1 = 10 → 3 left; 2.2's own 13 − 8 = 5 does
    // not add. Pair 2.3/2.4 blank → 13. Total 16.
    let g2 = r.groups.iter().find(|g| g.id == "2").unwrap();
    assert_eq!(g2.score, d("10"));
    assert_eq!(g2.headroom, d("16"));
    // Total: 16 scored, 100 − 16 = 84 within reach.
    assert_eq!(r.total, d("16"));
    assert_eq!(r.headroom, d("84"));
    assert_eq!(headroom_text(r.headroom), "尚可争取 84 分");
}

#[test]
fn deductions_are_not_headroom() {
    // Two violations: −2. Headroom stays 84; total + headroom = 98 = 100 − 2.
    let r = score(&pair_draft(None, 80, 2));
    assert_eq!(r.total, d("14"));
    assert_eq!(r.headroom, d("84"));
}

#[test]
fn the_member_that_does_not_count_offers_no_gain_unless_it_overtakes() {
    // 2.2 = 8 < 2.1 = 10: one more 家 gives 8.1, still behind: no line.
    let r = score(&pair_draft(None, 80, 0));
    let i22 = r.indicator("2.2").unwrap();
    assert!(!i22.counted);
    assert_eq!(i22.next, Next::Gains { gains: vec![] });
    assert_eq!(i22.next_text(), "");
    // The counted one keeps its line.
    assert_eq!(
        r.indicator("2.1").unwrap().next_text(),
        "特定行业企业再增加 1 家，可再得 0.5 分"
            .replace("特定行业企业", &r.indicator("2.1").unwrap().terms[0].label)
    );
    // 2.2 = 100 家 = 10, a tie: the first (2.1) counts; one more 家 → 10.1 overtakes,
    // adding 0.1 to the total.
    let r = score(&pair_draft(None, 100, 0));
    let i22 = r.indicator("2.2").unwrap();
    assert!(!i22.counted);
    assert_eq!(
        i22.next_text(),
        format!(
            "{}再增加 1 家，超过 2.1 改计本项，总分可再得 0.1 分",
            i22.terms[0].label
        )
    );
}

#[test]
fn a_manual_choice_that_loses_points_says_how_many() {
    let r = score(&pair_draft(Some("2.2"), 80, 0));
    let p = &r.pairs[0];
    assert_eq!(p.counted, "2.2");
    assert_eq!(p.auto, "2.1");
    assert_eq!(p.loss, d("2"));
    assert_eq!(
        p.loss_text().as_deref(),
        Some("选择 2.2 比自动选择少计 2 分（自动选择计 2.1）")
    );
    // Group 2 headroom: 13 − 8 = 5 for the pair, 13 for the blank pair.
    assert_eq!(r.groups[1].headroom, d("18"));
    // Under a manual choice the other member never counts: no gain line.
    assert_eq!(r.indicator("2.1").unwrap().next_text(), "");
    // Choosing the better one costs nothing.
    let r = score(&pair_draft(Some("2.1"), 80, 0));
    assert_eq!(r.pairs[0].loss_text(), None);
}

#[test]
fn a_full_sheet_has_nothing_left() {
    assert_eq!(headroom_text(d("0")), "已得满分");
}

#[test]
fn comparison_words_show_inputs_and_pair_swings() {
    use cqhr::domain::score::pair_swing;
    let before = score(&pair_draft(None, 80, 0));
    let after = score(&pair_draft(None, 120, 0));
    // 2.2 = 120 家 = 12 > 2.1's 10: the pair now counts 2.2.
    assert_eq!(
        pair_swing(&before, &after, "2.1/2.2").as_deref(),
        Some("选其一改变：2.1/2.2 由计 2.1 改为计 2.2")
    );
    assert_eq!(pair_swing(&before, &before, "2.1/2.2"), None);
    let i = before.indicator("1.2").unwrap();
    assert_eq!(
        i.inputs_text(),
        format!("{} 150,000 万元", i.terms[0].label)
    );
    assert_eq!(before.indicator("3.1").unwrap().inputs_text(), "未填");
    let v = score(&json!({"rubric": "comprehensive-park", "inputs": {
        "1.1": {"firms": 20, "above_scale": 5}, "4.2": {"score": 4}}}));
    assert_eq!(
        v.indicator("1.1").unwrap().inputs_text(),
        "线下入驻企业总数 20 家；其中：规模以上企业 5 家"
    );
    assert_eq!(
        v.indicator("4.2").unwrap().inputs_text(),
        "优惠政策落实情况评分 4 分"
    );
}
