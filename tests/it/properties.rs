//! Property tests over random valid drafts of every rubric at every level, and over
//! random JSON-ish input.

use cqhr::domain::rubric::{self, Term};
use cqhr::domain::{score_draft, score_strict, Draft, FieldKind, Level, Next, Report, Rubric};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const CASES: u32 = 256;

// ---- random valid drafts ----

/// The random material for one field; turned into a value by the field's kind.
#[derive(Debug, Clone)]
struct FieldGen {
    present: bool,
    as_number: bool,
    count: u32,
    int: u32,
    decimals: u32,
    frac: u32,
    half_steps: u32,
    pick: usize,
    mask: u8,
    part_permille: u32,
}

fn field_gen() -> impl Strategy<Value = FieldGen> {
    (
        prop::bool::weighted(0.8),
        any::<bool>(),
        0u32..5000,
        0u32..500_000,
        0u32..3,
        0u32..100,
        0u32..1000,
        any::<usize>(),
        any::<u8>(),
        0u32..=1000,
    )
        .prop_map(
            |(
                present,
                as_number,
                count,
                int,
                decimals,
                frac,
                half_steps,
                pick,
                mask,
                part_permille,
            )| FieldGen {
                present,
                as_number,
                count,
                int,
                decimals,
                frac,
                half_steps,
                pick,
                mask,
                part_permille,
            },
        )
}

#[derive(Debug, Clone, PartialEq)]
enum Val {
    Num(Decimal),
    Tier(String),
    Set(Vec<String>),
}

/// A valid draft, kept as values so that a test can change one and score again.
#[derive(Debug, Clone)]
struct Model {
    rubric: &'static Rubric,
    level: Level,
    values: BTreeMap<(String, String), Val>,
    as_number: BTreeMap<(String, String), bool>,
    choices: BTreeMap<String, String>,
}

fn tiers_of(rubric: &Rubric, id: &str) -> Vec<String> {
    rubric
        .indicator(id)
        .unwrap()
        .terms
        .iter()
        .find_map(|t| match t {
            Term::Tier { tiers, .. } => Some(tiers.iter().map(|t| t.key.clone()).collect()),
            _ => None,
        })
        .unwrap()
}

fn options_of(rubric: &Rubric, id: &str) -> Vec<String> {
    rubric
        .indicator(id)
        .unwrap()
        .terms
        .iter()
        .find_map(|t| match t {
            Term::EachOf { options, .. } => Some(options.iter().map(|o| o.key.clone()).collect()),
            _ => None,
        })
        .unwrap()
}

impl Model {
    fn build(
        rubric: &'static Rubric,
        level: Level,
        gens: &[FieldGen],
        choices: &[Option<bool>],
    ) -> Model {
        let mut values = BTreeMap::new();
        let mut as_number = BTreeMap::new();
        let mut k = 0;
        for ind in &rubric.indicators {
            for f in &ind.fields {
                let g = &gens[k % gens.len()];
                k += 1;
                let key = (ind.id.clone(), f.key.clone());
                as_number.insert(key.clone(), g.as_number);
                if !g.present {
                    continue;
                }
                let v = match f.kind {
                    FieldKind::Count => match &f.part_of {
                        None => Val::Num(Decimal::from(g.count)),
                        Some(whole) => match values.get(&(ind.id.clone(), whole.clone())) {
                            Some(Val::Num(w)) => Val::Num(
                                (*w * Decimal::from(g.part_permille) / Decimal::from(1000)).floor(),
                            ),
                            _ => continue,
                        },
                    },
                    FieldKind::Amount => {
                        let scale = 10u32.pow(g.decimals);
                        let frac = g.frac % scale;
                        Val::Num(Decimal::new(
                            i64::from(g.int) * i64::from(scale) + i64::from(frac),
                            g.decimals,
                        ))
                    }
                    FieldKind::Score => {
                        let cap = ind.cap.unwrap().to_u32().unwrap();
                        Val::Num(Decimal::new(i64::from(g.half_steps % (2 * cap + 1)) * 5, 1))
                    }
                    FieldKind::Tier => {
                        let tiers = tiers_of(rubric, &ind.id);
                        Val::Tier(tiers[g.pick % tiers.len()].clone())
                    }
                    FieldKind::Set => {
                        let options = options_of(rubric, &ind.id);
                        let set = options
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| g.mask & (1 << i) != 0);
                        Val::Set(set.map(|(_, o)| o.clone()).collect())
                    }
                };
                values.insert(key, v);
            }
        }
        let mut chosen = BTreeMap::new();
        for (i, pair) in rubric.pairs.iter().enumerate() {
            if let Some(Some(second)) = choices.get(i) {
                chosen.insert(pair.id.clone(), pair.members[usize::from(*second)].clone());
            }
        }
        Model {
            rubric,
            level,
            values,
            as_number,
            choices: chosen,
        }
    }

    fn to_value(&self) -> Value {
        let mut inputs: Map<String, Value> = Map::new();
        for ((id, key), v) in &self.values {
            let raw = match v {
                Val::Num(n) if self.as_number[&(id.clone(), key.clone())] => {
                    serde_json::from_str::<Value>(&n.to_string()).unwrap()
                }
                Val::Num(n) => Value::String(n.to_string()),
                Val::Tier(t) => Value::String(t.clone()),
                Val::Set(s) => json!(s),
            };
            inputs
                .entry(id.clone())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .unwrap()
                .insert(key.clone(), raw);
        }
        json!({"format": 1, "rubric": self.rubric.id, "edition": self.rubric.edition, "level": self.level.key(),
            "choices": self.choices, "inputs": inputs})
    }

    fn score(&self) -> Report {
        let v = self.to_value();
        let dr = Draft::from_value(v.clone())
            .unwrap_or_else(|e| panic!("valid draft refused: {e:?}\n{v}"));
        score_strict(&dr).unwrap_or_else(|e| panic!("valid draft refused: {e:?}\n{v}"))
    }

    fn number(&self, id: &str, key: &str) -> Decimal {
        match self.values.get(&(id.to_string(), key.to_string())) {
            Some(Val::Num(n)) => *n,
            _ => Decimal::ZERO,
        }
    }

    fn set_number(&mut self, id: &str, key: &str, n: Decimal) {
        self.values
            .insert((id.to_string(), key.to_string()), Val::Num(n));
    }

    /// Adds `delta` to a numeric field, and to its whole for an "of which" field.
    fn increase(&mut self, id: &str, key: &str, delta: Decimal) {
        let ind = self.rubric.indicator(id).unwrap();
        let f = ind.fields.iter().find(|f| f.key == key).unwrap();
        if let Some(whole) = f.part_of.clone() {
            let w = self.number(id, &whole);
            self.set_number(id, &whole, w + delta);
        }
        let v = self.number(id, key);
        self.set_number(id, key, v + delta);
    }
}

fn own(r: &Report, id: &str) -> Decimal {
    r.indicator(id).unwrap().own
}

fn model() -> impl Strategy<Value = Model> {
    (
        0usize..3,
        select(Level::ALL.to_vec()),
        prop::collection::vec(field_gen(), 40),
        prop::collection::vec(prop::option::of(any::<bool>()), 2),
    )
        .prop_map(|(r, level, gens, choices)| {
            let rubric = rubric::find(rubric::RUBRIC_IDS[r], "2025").unwrap();
            Model::build(rubric, level, &gens, &choices)
        })
}

/// (indicator id, field key, kind) of every Count or Amount field.
fn numeric_fields(rubric: &Rubric) -> Vec<(String, String, FieldKind)> {
    rubric
        .indicators
        .iter()
        .flat_map(|i| {
            i.fields
                .iter()
                .map(move |f| (i.id.clone(), f.key.clone(), f.kind))
        })
        .filter(|(_, _, k)| matches!(k, FieldKind::Count | FieldKind::Amount))
        .collect()
}

fn is_deduction(rubric: &Rubric, id: &str) -> bool {
    rubric
        .indicator(id)
        .unwrap()
        .terms
        .iter()
        .any(|t| matches!(t, Term::Deduction { .. }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn caps_hold_and_everything_adds_up(m in model()) {
        let r = m.score();
        prop_assert!(r.errors.is_empty());
        let mut sum = Decimal::ZERO;
        for i in &r.indicators {
            if let Some(cap) = i.cap {
                prop_assert!(i.own <= cap, "{} own {} over cap {}", i.id, i.own, cap);
                prop_assert!(i.score <= cap, "{} score {} over cap {}", i.id, i.score, cap);
                prop_assert!(i.own >= Decimal::ZERO);
                prop_assert_eq!(i.capped, i.sum > cap);
            } else {
                prop_assert!(i.own <= Decimal::ZERO, "deduction {} is positive", i.id);
            }
            if i.counted {
                prop_assert_eq!(i.score, i.own, "{}", i.id);
            } else {
                prop_assert!(i.pair.is_some(), "{} uncounted outside a pair", i.id);
                prop_assert_eq!(i.score, Decimal::ZERO);
            }
            sum += i.score;
        }
        prop_assert_eq!(r.total, sum);
        let mut groups = Decimal::ZERO;
        for g in &r.groups {
            let of_group: Decimal = r.indicators.iter().filter(|i| i.group == g.id).map(|i| i.score).sum();
            prop_assert_eq!(g.score, of_group, "group {}", g.id);
            groups += g.score;
        }
        prop_assert_eq!(groups, r.total);
        prop_assert!(r.total <= Decimal::from(100));
        for p in &r.pairs {
            let counted: Vec<_> = r.indicators.iter().filter(|i| p.members.contains(&i.id) && i.counted).collect();
            prop_assert_eq!(counted.len(), 1, "pair {}", p.id);
            prop_assert_eq!(&counted[0].id, &p.counted);
            match m.choices.get(&p.id) {
                Some(c) => prop_assert_eq!(&p.counted, c),
                None => {
                    let (a, b) = (own(&r, &p.members[0]), own(&r, &p.members[1]));
                    prop_assert_eq!(&p.counted, &p.members[if b > a { 1 } else { 0 }]);
                }
            }
        }
    }

    #[test]
    fn increasing_a_quantity_never_lowers_the_score(
        m in model(),
        pick in any::<Index>(),
        count_delta in 1u32..3000,
        amount_delta_cents in 1u64..10_000_000,
    ) {
        let fields = numeric_fields(m.rubric);
        let (id, key, kind) = pick.get(&fields).clone();
        let delta = match kind {
            FieldKind::Count => Decimal::from(count_delta),
            _ => Decimal::new(amount_delta_cents as i64, 2),
        };
        let before = m.score();
        let mut raised = m.clone();
        raised.increase(&id, &key, delta);
        let after = raised.score();
        if is_deduction(m.rubric, &id) {
            // −1 per case, whatever the level.
            prop_assert_eq!(own(&after, &id), own(&before, &id) - delta);
            prop_assert_eq!(after.total, before.total - delta);
        } else {
            prop_assert!(own(&after, &id) >= own(&before, &id), "{} {} + {}: own {} → {}",
                id, key, delta, own(&before, &id), own(&after, &id));
            prop_assert!(after.total >= before.total, "{} {} + {}: total {} → {}",
                id, key, delta, before.total, after.total);
        }
    }

    #[test]
    fn every_next_gain_earns_exactly_its_points(m in model()) {
        let before = m.score();
        for i in &before.indicators {
            let ind = m.rubric.indicator(&i.id).unwrap();
            let quantity = ind.fields.iter().any(|f| matches!(f.kind, FieldKind::Count | FieldKind::Amount | FieldKind::Set))
                && !is_deduction(m.rubric, &i.id);
            let at_cap = i.cap.is_some_and(|c| i.own >= c);
            let gains = match &i.next {
                Next::AtCap => {
                    prop_assert!(at_cap, "{} AtCap below its cap", i.id);
                    continue;
                }
                Next::NotQuantity => {
                    prop_assert!(!quantity, "{} has quantities but NotQuantity", i.id);
                    continue;
                }
                Next::Gains { gains } => gains,
            };
            prop_assert!(quantity && !at_cap, "{} gains: quantity {} at cap {}", i.id, quantity, at_cap);
            // The member of a 选其一 pair that does not count offers only gains that overtake.
            prop_assert!(!gains.is_empty() || !i.counted, "{} below its cap offers no gain", i.id);
            for g in gains {
                prop_assert!(g.increase > Decimal::ZERO && g.points > Decimal::ZERO, "{:?}", g);
                let kind = ind.fields.iter().find(|f| f.key == g.field).unwrap().kind;
                let mut raised = m.clone();
                if kind == FieldKind::Set {
                    prop_assert_eq!(g.increase, Decimal::ONE);
                    let key = (i.id.clone(), g.field.clone());
                    let mut set = match raised.values.get(&key) { Some(Val::Set(s)) => s.clone(), _ => vec![] };
                    let missing = options_of(m.rubric, &i.id).into_iter().find(|o| !set.contains(o)).unwrap();
                    set.push(missing);
                    raised.values.insert(key, Val::Set(set));
                } else {
                    for key in std::iter::once(&g.field).chain(g.also.as_ref()) {
                        let v = raised.number(&i.id, key);
                        raised.set_number(&i.id, key, v + g.increase);
                    }
                }
                let after = raised.score();
                if i.counted {
                    prop_assert_eq!(own(&after, &i.id), i.own + g.points,
                        "{} {} + {} (also {:?}) should earn {}", i.id, g.field, g.increase, g.also, g.points);
                } else {
                    // It overtakes the counted member: now it counts, and the total rises
                    // by the stated points.
                    prop_assert!(g.overtakes.is_some(), "{:?}", g);
                    prop_assert!(after.indicators.iter().any(|x| x.id == i.id && x.counted), "{} does not overtake", i.id);
                    prop_assert_eq!(after.total, before.total + g.points, "{} overtaking gain", i.id);
                }
                if kind != FieldKind::Set {
                    let step = if kind == FieldKind::Count { Decimal::ONE } else { Decimal::new(1, 2) };
                    let less = g.increase - step;
                    if less >= Decimal::ZERO {
                        let mut short = m.clone();
                        for key in std::iter::once(&g.field).chain(g.also.as_ref()) {
                            let v = short.number(&i.id, key);
                            short.set_number(&i.id, key, v + less);
                        }
                        let after = short.score();
                        prop_assert_eq!(own(&after, &i.id), i.own,
                            "{} {} + {} already earns more than the stated increase {}", i.id, g.field, less, g.increase);
                    }
                }
            }
        }
    }
}

// ---- random JSON-ish input never panics ----

const WORDS: &[&str] = &[
    "rubric",
    "edition",
    "level",
    "format",
    "inputs",
    "choices",
    "notes",
    "platform",
    "name",
    "year",
    "comprehensive-park",
    "specialized-park",
    "talent-market",
    "2025",
    "2024",
    "city",
    "national",
    "district",
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "3.1",
    "4.1",
    "4.4",
    "5.4",
    "2.1/2.2",
    "2.3/2.4",
    "firms",
    "above_scale",
    "revenue_wan",
    "area_sqm",
    "staff",
    "titled_staff",
    "score",
    "tier",
    "functions",
    "violations",
    "full",
    "none",
    "recruitment",
    "training",
    "",
    " ",
    "-1",
    "1e40",
    "2.5",
    "１２３",
    "1,000",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(WORDS).prop_map(String::from), 1 => "\\PC{0,12}"]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "-?[0-9]{1,25}(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,4})?"
            .prop_map(|s| serde_json::from_str::<Value>(&s).unwrap_or(Value::Null)),
        word().prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(word(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Shaped like a draft (a real rubric, indicator ids, field keys), with random values.
fn draftish() -> impl Strategy<Value = Value> {
    (
        select(vec![
            "comprehensive-park",
            "specialized-park",
            "talent-market",
            "nope",
        ]),
        prop::option::of(select(vec!["city", "national", "district", "moon"])),
        prop::collection::btree_map(
            select(vec![
                "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.4", "4.1", "4.2",
                "4.4", "5.4", "9",
            ]),
            prop::collection::btree_map(word(), json_value(), 0..4),
            0..8,
        ),
        prop::collection::btree_map(select(vec!["2.1/2.2", "2.3/2.4", "x"]), word(), 0..3),
    )
        .prop_map(|(rubric, level, inputs, choices)| {
            let mut v = json!({"rubric": rubric, "inputs": inputs, "choices": choices});
            if let Some(l) = level {
                v["level"] = json!(l);
            }
            v
        })
}

fn exercise(v: Value) -> Result<(), TestCaseError> {
    let Ok(dr) = Draft::from_value(v) else {
        return Ok(());
    };
    let strict = score_strict(&dr);
    match score_draft(&dr) {
        Err(_) => prop_assert!(strict.is_err()),
        Ok(r) => {
            prop_assert_eq!(strict.is_ok(), r.errors.is_empty());
            let sum: Decimal = r.indicators.iter().map(|i| i.score).sum();
            prop_assert_eq!(r.total, sum);
            for i in &r.indicators {
                let _ = (i.working_text(), i.next_text());
            }
        }
    }
    let again = Draft::from_json(&dr.to_json());
    prop_assert!(again.is_ok(), "a loaded draft does not reload: {:?}", again);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn random_json_values_never_panic(v in json_value()) {
        exercise(v)?;
    }

    #[test]
    fn random_draft_shaped_values_never_panic(v in draftish()) {
        exercise(v)?;
    }

    #[test]
    fn random_text_never_panics(s in "\\PC{0,200}") {
        if let Ok(dr) = Draft::from_json(&s) {
            let _ = score_draft(&dr);
        }
    }

    #[test]
    fn damaged_fixture_text_never_panics(name in select(vec!["comprehensive-park", "specialized-park", "talent-market"]),
        cut in any::<Index>(), insert in "\\PC{0,3}") {
        let text = serde_json::to_string(&crate::fixtures::fixture(name)["draft"]).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len());
        let damaged: String = chars[..at].iter().collect::<String>() + &insert + &chars[at + 1..].iter().collect::<String>();
        let truncated: String = chars[..at].iter().collect();
        for t in [damaged, truncated] {
            if let Ok(dr) = Draft::from_json(&t) {
                let _ = score_draft(&dr);
                let _ = score_strict(&dr);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// 尚可争取 (issue 15 item 7): never negative, per group and in total, and it closes the
    /// books: `total + headroom + deducted == cap_total`, where `deducted` is the size of
    /// the deductions (违法违规, uncapped). Hence `total + headroom ≤ cap_total` (100).
    #[test]
    fn headroom_closes_the_books(m in model()) {
        let r = m.score();
        let mut deducted = Decimal::ZERO;
        for i in &r.indicators {
            if is_deduction(m.rubric, &i.id) {
                deducted -= i.score;
            }
        }
        for g in &r.groups {
            prop_assert!(g.headroom >= Decimal::ZERO, "group {} headroom {}", g.id, g.headroom);
            prop_assert!(g.headroom <= g.cap, "group {} headroom {} over cap", g.id, g.headroom);
        }
        prop_assert!(r.headroom >= Decimal::ZERO);
        prop_assert_eq!(r.headroom, r.groups.iter().map(|g| g.headroom).sum::<Decimal>());
        prop_assert_eq!(r.total + r.headroom + deducted, r.cap_total);
        prop_assert!(r.total + r.headroom <= r.cap_total);
        // A manual choice's loss is exactly what the automatic one would count more.
        for p in &r.pairs {
            prop_assert!(p.loss >= Decimal::ZERO);
            if !p.explicit {
                prop_assert!(p.loss.is_zero());
            }
        }
    }
}
