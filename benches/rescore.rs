//! Native rescore time: a full rescore (`score_draft`: check every field, score every
//! indicator, pairs, subtotals, next gains) of each complete draft in
//! `tests/fixtures/full-*.json`, timed with `std::time::Instant` over many iterations.
//!
//! `cargo bench --bench rescore` (no criterion, to keep compile times down). `bench/run`
//! reads the tab-separated `rescore` lines (name, median ns, fastest ns, indicators); the
//! goal is under 50 µs per rubric.

use cqhr::domain::{score_draft, Draft};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Nanoseconds per rescore: (median, fastest) over many short timed batches. Short
/// batches let the fastest one show the cost without other processes' interruptions;
/// the median is the figure reported against the goal.
fn time_per_rescore(draft: &Draft) -> (f64, f64) {
    // Warm up (the bundled rubrics are parsed on first use) and size a batch to ~2 ms.
    let mut batch = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..batch {
            black_box(score_draft(black_box(draft)).ok());
        }
        if start.elapsed() >= Duration::from_millis(2) {
            break;
        }
        batch *= 2;
    }
    let mut samples: Vec<f64> = (0..150)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                black_box(score_draft(black_box(draft)).ok());
            }
            start.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[0])
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("full-") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/fixtures/full-*.json");
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("fixture");
        let value: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
        let draft = Draft::from_value(value["draft"].clone()).expect("fixture draft");
        let report = score_draft(&draft).expect("fixture scores");
        assert!(report.blank.is_empty(), "{name} is not a complete draft");
        let (median, best) = time_per_rescore(&draft);
        // Tab-separated for bench/run: name, median ns, fastest ns, indicators.
        println!(
            "rescore\t{name}\t{median:.0}\t{best:.0}\t{}",
            report.indicators.len()
        );
        eprintln!(
            "{name}: {:.1} µs per rescore (median; fastest batch {:.1} µs), {} indicators",
            median / 1000.0,
            best / 1000.0,
            report.indicators.len()
        );
    }
}
