//! Any input, no panic (issue 5): a bounded fuzz run over the draft decoder, the link
//! decoder and the form's number parser, run by the test command. A longer run:
//!   FUZZ_CASES=200000 cargo test --release --test it fuzz::
//! Inputs are random bytes, random JSON-ish text, and mutations of real drafts and links
//! (the most productive: they get past the first checks).

use cqhr::domain::{number::parse_decimal, score_draft, Draft};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    for name in [
        "full-comprehensive-park.json",
        "full-specialized-park.json",
        "full-talent-market.json",
    ] {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}")).unwrap())
                .unwrap();
        out.push(v["draft"].to_string());
    }
    out.push(std::fs::read_to_string(format!("{dir}/formats/draft-v1.json")).unwrap());
    out
}

/// Applies byte-level mutations (flip, delete, duplicate, insert) to a seed.
fn mutate(seed: &str, ops: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut b = seed.as_bytes().to_vec();
    for &(op, at, byte) in ops {
        if b.is_empty() {
            b.push(byte);
            continue;
        }
        let i = at % b.len();
        match op % 4 {
            0 => b[i] ^= byte | 1,
            1 => {
                b.remove(i);
            }
            2 => {
                let end = (i + 1 + (byte as usize % 16)).min(b.len());
                let chunk = b[i..end].to_vec();
                b.splice(i..i, chunk);
            }
            _ => b.insert(i, byte),
        }
    }
    b
}

fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner.run(&strategy, test).unwrap();
}

#[test]
fn the_draft_decoder_never_panics() {
    let seeds = seeds();
    run(
        (
            0..seeds.len(),
            prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..12),
        ),
        |(s, ops)| {
            let bytes = mutate(&seeds[s], &ops);
            if let Ok(text) = String::from_utf8(bytes) {
                if let Ok(d) = Draft::from_json(&text) {
                    let _ = score_draft(&d);
                }
            }
            Ok(())
        },
    );
    run(any::<Vec<u8>>(), |bytes| {
        let _ = Draft::from_json(&String::from_utf8_lossy(&bytes));
        Ok(())
    });
}

#[test]
fn the_link_decoder_never_panics_and_never_accepts_a_change() {
    let seeds = seeds();
    let links: Vec<String> = seeds
        .iter()
        .map(|s| cqhr::share::encode(s).unwrap())
        .collect();
    run(
        (
            0..links.len(),
            prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6),
        ),
        |(s, ops)| {
            let bytes = mutate(&links[s], &ops);
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(json) = cqhr::share::decode(&text) {
                // Whatever decodes must be exactly the original: the checksum guards the rest.
                prop_assert_eq!(&json, &seeds[s]);
            }
            Ok(())
        },
    );
    run("d1\\.[A-Za-z0-9_-]{0,200}", |s| {
        let _ = cqhr::share::decode(&s);
        Ok(())
    });
}

#[test]
fn the_number_parser_never_panics() {
    run("[0-9０-９.,，．+\\-－eE \u{3000}]{0,40}", |s| {
        if let Ok(d) = parse_decimal(&s) {
            prop_assert!(d.abs() <= cqhr::domain::number::MAX_MAGNITUDE);
        }
        Ok(())
    });
    run(any::<String>(), |s| {
        let _ = parse_decimal(&s);
        Ok(())
    });
}
