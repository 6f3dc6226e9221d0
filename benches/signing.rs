//! Native signature timings (issue 21): signing one review layer (`review::sign_layer`:
//! the canonical content, SM3, SM2) and verifying a 100-platform cohort (each draft's
//! `usable_stage` under an accepted directory: two signed layers each, every signature
//! verified). `cargo bench --bench signing`; prints tab-separated `signing` lines (name,
//! median ms, fastest ms) that `bench/run` reads. Goals (issue 21): a signature under
//! 100 ms and the cohort under 1 s in the browser at CPU 4×; natively they are a floor.

use cqhr::domain::review::{self, sign_layer, ReviewLayer, Stage};
use cqhr::domain::sign::{Directory, KeyCard, Role, SecretKey, Trust, TrustConfig};
use cqhr::domain::Draft;
use std::hint::black_box;
use std::time::Instant;

fn draft(i: usize) -> Draft {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/full-specialized-park.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut d = Draft::from_value(v["draft"].clone()).unwrap();
    d.platform.name = format!("平台{i}");
    d.platform.district = "黔江区".into();
    let mut l = ReviewLayer::new(Stage::District, "黔江区人力社保局 王建国", "2026-04-10");
    l.set_reason("1.1", "核减");
    let mut c = ReviewLayer::new(Stage::City, "市人力社保局 评审组", "2026-05-20");
    c.opinion = "评审通过。".into();
    d.reviews = vec![l, c];
    d
}

fn median(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0])
}

fn main() {
    let root = SecretKey::generate().unwrap();
    let district = SecretKey::generate().unwrap();
    let city = SecretKey::generate().unwrap();
    let mut dir = Directory::new(1, "2026-01-01");
    for (k, role, d) in [(&district, Role::District, "黔江"), (&city, Role::City, "")] {
        dir.add(
            KeyCard::new("审核人", "", d, role, &k.public_key()).unwrap(),
            "2026-01-01",
            "2026-12-31",
        )
        .unwrap();
    }
    dir.sign(&root);
    let mut trust = Trust::with_root(TrustConfig {
        root_fingerprint: root.public_key().fingerprint(),
        demo: false,
    });
    trust.accept(dir).unwrap();

    let base = draft(0);
    let sign_ms: Vec<f64> = (0..30)
        .map(|_| {
            let mut d = base.clone();
            let t = Instant::now();
            sign_layer(&mut d, 0, &district).unwrap();
            black_box(&d);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let cohort: Vec<Draft> = (0..100)
        .map(|i| {
            let mut d = draft(i);
            sign_layer(&mut d, 0, &district).unwrap();
            sign_layer(&mut d, 1, &city).unwrap();
            d
        })
        .collect();
    let run = |cold: bool| -> Vec<f64> {
        (0..7)
            .map(|_| {
                if cold {
                    cqhr::domain::sign::forget_verified();
                }
                let t = Instant::now();
                for d in &cohort {
                    let (s, _) = review::usable_stage_with(black_box(d), &trust);
                    assert_eq!(s, Stage::City);
                }
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect()
    };
    let verify_ms = run(true);
    let again_ms = run(false);
    let (m, f) = median(sign_ms);
    println!("signing\tsign one layer\t{m:.3}\t{f:.3}");
    let (m, f) = median(verify_ms);
    println!("signing\tverify 100-platform cohort\t{m:.3}\t{f:.3}");
    let (m, f) = median(again_ms);
    println!("signing\tverify 100-platform cohort again (results kept)\t{m:.3}\t{f:.3}");
}
