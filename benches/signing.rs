//! Native signature timings (issue 21): signing one review layer (`review::sign_layer`:
//! the canonical content, SM3, SM2) and verifying a 100-platform cohort (each draft's
//! `usable_stage` under an accepted directory: two signed layers each, every signature
//! verified). `cargo bench --bench signing`; prints tab-separated `signing` lines (name,
//! median ms, fastest ms) that `bench/run` reads. Goals (issue 21): a signature under
//! 100 ms and the cohort under 1 s in the browser at CPU 4×; natively they are a floor.
//!
//! With `CQHR_COHORT_OUT=DIR` it also writes the cohort for the browser's measure
//! (`bench/cohort-verify.mjs`): `directory.json` (signed by the demo root, which
//! `scripts/serve`'s trust.json names), `signed.txt` (100 share links, two signed layers
//! each) and `unsigned.txt` (the same drafts, their layers unsigned).

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
    // The demo root: the browser measure's build trusts it (`CQHR_COHORT_OUT`).
    let root = cqhr::domain::sign::trust::demo_root();
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
    let dir_json = dir.to_json();
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
    if let Ok(out) = std::env::var("CQHR_COHORT_OUT") {
        let out = std::path::Path::new(&out);
        std::fs::create_dir_all(out).unwrap();
        std::fs::write(out.join("directory.json"), &dir_json).unwrap();
        let links = |unsigned: bool| -> String {
            cohort
                .iter()
                .map(|d| {
                    let mut d = d.clone();
                    if unsigned {
                        for l in &mut d.reviews {
                            l.signature = None;
                        }
                    }
                    format!("#{}\n", cqhr::share::encode(&d.to_json()).unwrap())
                })
                .collect()
        };
        std::fs::write(out.join("signed.txt"), links(false)).unwrap();
        std::fs::write(out.join("unsigned.txt"), links(true)).unwrap();
    }
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
    // One verification, the sm2 crate's (`VerifyingKey::verify`: two constant-time scalar
    // multiplications) against this tool's (`PublicKey::verify`, sign/verify.rs).
    let one = district.public_key();
    let msg = [7u8; 32];
    let sig = district.sign(&msg);
    let crate_key = {
        use sm2::dsa::VerifyingKey;
        let sec1: Vec<u8> = (0..65)
            .map(|i| u8::from_str_radix(&one.to_hex()[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        VerifyingKey::from_sec1_bytes(cqhr::domain::sign::crypto::DIST_ID, &sec1).unwrap()
    };
    let crate_sig = {
        let bytes: Vec<u8> = (0..64)
            .map(|i| u8::from_str_radix(&sig[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        sm2::dsa::Signature::try_from(bytes.as_slice()).unwrap()
    };
    let each = |f: &dyn Fn() -> bool| -> Vec<f64> {
        (0..40)
            .map(|_| {
                let t = Instant::now();
                assert!(f());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect()
    };
    let crate_ms = each(&|| {
        use sm2::dsa::signature::Verifier;
        crate_key.verify(black_box(&msg), &crate_sig).is_ok()
    });
    let ours_ms = each(&|| one.verify(black_box(&msg), &sig) == Ok(true));
    let verify_ms = run(true);
    let again_ms = run(false);
    let (m, f) = median(sign_ms);
    println!("signing\tsign one layer\t{m:.3}\t{f:.3}");
    let (m, f) = median(crate_ms);
    println!("signing\tverify one signature (sm2 crate)\t{m:.3}\t{f:.3}");
    let (m, f) = median(ours_ms);
    println!("signing\tverify one signature (sign/verify.rs)\t{m:.3}\t{f:.3}");
    let (m, f) = median(verify_ms);
    println!("signing\tverify 100-platform cohort\t{m:.3}\t{f:.3}");
    let (m, f) = median(again_ms);
    println!("signing\tverify 100-platform cohort again (results kept)\t{m:.3}\t{f:.3}");
}
