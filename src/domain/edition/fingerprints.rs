//! Fingerprints of a rubric (issue 13): its canonical JSON ([`canonical`]), the FNV-1a 64
//! hash of it ([`fingerprint`]) and the 8-digit code users see ([`short`]). Its own room
//! because the draft, the registry, the review layers and the share link all name an
//! edition by this code, while none of them needs the file reader or the diff.

use crate::domain::rubric::Rubric;

/// The rubric's canonical JSON: serde_json of its value (members in `BTreeMap` order,
/// decimals as their text), compact. What the fingerprint hashes and an edition link holds.
pub fn canonical(r: &Rubric) -> String {
    serde_json::to_value(r)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// FNV-1a 64 of the rubric's canonical JSON, as 16 lowercase hex digits. Field roles
/// ([`Field::role`](crate::domain::rubric::Field::role)) are left out: they change no
/// score, and a draft recorded under an edition before roles were written keeps its code.
pub fn fingerprint(r: &Rubric) -> String {
    let canonical = if r
        .indicators
        .iter()
        .flat_map(|i| &i.fields)
        .any(|f| f.role.is_some())
    {
        let mut plain = r.clone();
        for f in plain
            .indicators
            .iter_mut()
            .flat_map(|i| i.fields.iter_mut())
        {
            f.role = None;
        }
        canonical(&plain)
    } else {
        canonical(r)
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The short code shown to users and recorded in drafts: the first 8 hex digits.
pub fn short(r: &Rubric) -> String {
    fingerprint(r)[..8].to_string()
}
