//! Signatures (issue 21): who signed a review layer, a directory, a 公布 or an edition,
//! and whether the content is what was signed. SM2 with SM3 ([`crypto`]); keys kept under
//! a passphrase ([`key`]); the city's 审核人名录 signed by the root key ([`directory`]);
//! the trust a verifier holds — the root fingerprint and the directory it accepted
//! ([`trust`]). What a review layer signs and how it verifies is in `review::signature`
//! (it needs the draft); the design and its limits are in docs/signatures.md.

pub mod crypto;
pub mod directory;
pub mod key;
pub mod trust;
mod verify;

pub use crypto::{CryptoError, PublicKey, SecretKey};
pub use directory::{Directory, DirectoryError, Entry};
pub use key::{KeyCard, KeyError, KeyFile, Role};
pub use trust::{Trust, TrustConfig, TrustConfigError};

use serde_json::Value;

/// Canonical JSON of a value: object members sorted by key at every depth, compact, no
/// insignificant space; what every signature here covers (its SM3, signed with SM2).
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The SM3 digest (32 bytes) a signature signs: of the canonical JSON of `content`.
pub fn digest(content: &Value) -> [u8; 32] {
    crypto::sm3(canonical_json(content).as_bytes())
}

/// Signs content: SM2 over the SM3 digest of its canonical JSON; 128 hex digits.
pub fn sign_content(secret: &SecretKey, content: &Value) -> String {
    secret.sign(&digest(content))
}

/// Whether `signature` by `key` covers `content` (a malformed signature is an error).
/// An SM2 verification costs milliseconds (two scalar multiplications), and the same
/// layer is verified again whenever a screen or the ranking recomputes: results are kept
/// per thread, keyed by the digest, the key and the signature (at most [`VERIFIED_MAX`]).
pub fn verify_content(
    key: &PublicKey,
    content: &Value,
    signature: &str,
) -> Result<bool, CryptoError> {
    let d = digest(content);
    let k = (d, key.to_hex(), signature.trim().to_ascii_lowercase());
    if let Some(v) = VERIFIED.with(|c| c.borrow().get(&k).copied()) {
        return Ok(v);
    }
    let v = key.verify(&d, signature)?;
    VERIFIED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= VERIFIED_MAX {
            c.clear();
        }
        c.insert(k, v);
    });
    Ok(v)
}

/// Forgets the verification results kept on this thread (the bench's cold runs).
pub fn forget_verified() {
    VERIFIED.with(|c| c.borrow_mut().clear());
}

/// How many verification results are kept per thread.
pub const VERIFIED_MAX: usize = 4096;

type Verified = std::collections::HashMap<([u8; 32], String, String), bool>;

thread_local! {
    static VERIFIED: std::cell::RefCell<Verified> = std::cell::RefCell::new(Verified::new());
}

/// The short signature code printed on paper beside the signer: the first 12 hex digits
/// of the signature's SM3, in groups of four.
pub fn signature_code(signature: &str) -> String {
    crypto::group_fingerprint(&crypto::sm3_hex(
        signature.trim().to_ascii_lowercase().as_bytes(),
    ))
    .split(' ')
    .take(3)
    .collect::<Vec<_>>()
    .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_members_at_every_depth() {
        let a = json!({"b": 1, "a": {"y": [2, {"d": 1, "c": 0}], "x": "文"}});
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"x":"文","y":[2,{"c":0,"d":1}]},"b":1}"#
        );
    }
}
