//! What a review layer signs, and what its signature proves (issue 21, items 3–4).
//!
//! The content of layer `i` ([`content`]) is canonical JSON of: the platform's identity
//! (name, district, year, level, branch), the edition (rubric, edition, the SM3 of the
//! edition's canonical JSON), what the layer reviewed ([`Seen`]: choices, the self inputs,
//! every lower layer's stage and inputs), every lower layer whole (its reviewer, date,
//! reasons, opinion, confirmations and signature), this layer's own stage, reviewer,
//! date, values, reasons, confirmations and opinion, and the signer's public key. Its SM3
//! is the layer's `fingerprint`; the SM2 signature of that digest is its `signature`.
//!
//! A layer then reads as one [`LayerStatus`], checked in this order: unsigned (an FNV
//! fingerprint: 未签名（旧格式）); a malformed signature; a signature that does not cover
//! the content now (签名无效（内容已改动）, with the values that moved since); no accepted
//! directory (名录缺失); a key not in it (签名人不在名录); a key of another role; a
//! district key that is not the platform's district (签名单位与平台所在区县不符); a date
//! outside the key's validity (密钥已过期); else 签名有效. Only the last is "reviewed".

use super::*;
use crate::domain::districts;
use crate::domain::draft::review::LayerSignature;
use crate::domain::draft::Draft;
use crate::domain::edition;
use crate::domain::filing::normalise_year;
use crate::domain::rubric::Rubric;
use crate::domain::sign::{self, crypto, trust, KeyCard, PublicKey, Role, SecretKey, Trust};
use serde::Serialize;
use serde_json::{json, Value};

/// The role a stage's signer must have.
pub fn role_of(stage: Stage) -> Option<Role> {
    match stage {
        Stage::SelfAssessed => None,
        Stage::District => Some(Role::District),
        Stage::City => Some(Role::City),
    }
}

/// The SM3 of an edition's canonical JSON, computed once per rubric held.
pub fn edition_digest(r: &'static Rubric) -> String {
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<(usize, String)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let at = r as *const Rubric as usize;
    CACHE.with(|c| {
        if let Some((_, d)) = c.borrow().iter().find(|(p, _)| *p == at) {
            return d.clone();
        }
        let d = crypto::sm3_hex(edition::canonical(r).as_bytes());
        c.borrow_mut().push((at, d.clone()));
        d
    })
}

fn canonical_reasons(m: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    m.iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect()
}

fn layer_value(l: &ReviewLayer, with_signature: bool) -> Value {
    let mut confirmed = l.confirmed.clone();
    confirmed.sort();
    confirmed.dedup();
    let mut v = json!({
        "stage": l.stage.trim(),
        "reviewer": l.reviewer.trim(),
        "date": l.date.trim(),
        "inputs": canonical_inputs(&l.inputs, true),
        "reasons": canonical_reasons(&l.reasons),
        "confirmed": confirmed,
        "opinion": l.opinion.trim(),
    });
    if with_signature {
        v["signature"] = match &l.signature {
            Some(s) => {
                json!({"public_key": s.public_key.trim().to_ascii_lowercase(), "value": s.value.trim().to_ascii_lowercase()})
            }
            None => Value::Null,
        };
    }
    v
}

/// The canonical content layer `index` signs with the key `signer` (hex), as it is now.
pub fn content(draft: &Draft, index: usize, signer: &str) -> Value {
    let Some(layer) = draft.reviews.get(index) else {
        return Value::Null;
    };
    let p = &draft.platform;
    let year = normalise_year(&p.year).unwrap_or_else(|_| p.year.trim().to_string());
    let district = districts::find(&p.district)
        .map(|d| d.name.to_string())
        .unwrap_or_else(|| p.district.trim().to_string());
    let edition_digest = draft.rubric().map(edition_digest).unwrap_or_default();
    json!({
        "type": "cqhr-review-layer",
        "platform": {
            "name": p.name.trim(),
            "district": district,
            "year": year,
            "branch": p.branch,
            "level": draft.level.key(),
        },
        "edition": {
            "rubric": draft.rubric,
            "edition": draft.edition,
            "sm3": edition_digest,
        },
        "seen": seen_now(draft, index),
        "lower": draft.reviews[..index].iter().map(|l| layer_value(l, true)).collect::<Vec<_>>(),
        "layer": layer_value(layer, false),
        "signer": signer.trim().to_ascii_lowercase(),
    })
}

/// The layer's SM3 fingerprint for a signer (64 hex digits).
pub fn content_fingerprint(draft: &Draft, index: usize, signer: &str) -> String {
    crypto::hex(&sign::digest(&content(draft, index, signer)))
}

/// Signs layer `index` with a reviewer's key: records the fingerprint, the signature and
/// the content reviewed (`seen`, to list what moves later). The caller checks first that
/// the key's role fits the stage ([`signable`]).
pub fn sign_layer(draft: &mut Draft, index: usize, secret: &SecretKey) -> Result<(), ReviewError> {
    if index >= draft.reviews.len() {
        return Err(ReviewError {
            layer: index,
            stage: String::new(),
            indicator: None,
            field: None,
            kind: ReviewErrorKind::NoSuchLayer,
        });
    }
    let public = secret.public_key().to_hex();
    let c = content(draft, index, &public);
    let value = sign::sign_content(secret, &c);
    let seen = seen_now(draft, index);
    let layer = &mut draft.reviews[index];
    layer.fingerprint = Some(crypto::hex(&sign::digest(&c)));
    layer.signature = Some(LayerSignature {
        public_key: public,
        value,
    });
    layer.seen = Some(seen);
    Ok(())
}

/// Whether a key may sign a layer of this stage on this draft: its role, and for 初审 its
/// district. `None`: it may; else the status the layer would read.
pub fn signable(draft: &Draft, stage: Stage, card: &KeyCard) -> Option<LayerStatus> {
    if role_of(stage) != Some(card.role) {
        return Some(LayerStatus::WrongRole {
            office: card.office.clone(),
            role: card.role,
        });
    }
    if stage == Stage::District && !same_district(&card.district, &draft.platform.district) {
        return Some(LayerStatus::WrongDistrict {
            office: card.office.clone(),
            platform_district: draft.platform.district.trim().to_string(),
        });
    }
    None
}

fn same_district(a: &str, b: &str) -> bool {
    match (districts::find(a), districts::find(b)) {
        (Some(x), Some(y)) => x.name == y.name,
        _ => false,
    }
}

/// Whether a layer's signature holds over the current content, and who signed it, under
/// the trust installed on this thread ([`trust::current`]), by the check installed on it
/// ([`install_check`]).
pub fn layer_status(draft: &Draft, index: usize) -> LayerStatus {
    layer_status_by(draft, index, &trust::current())
}

/// How a signed layer is checked: [`layer_status_with`] (SM2 over SM3 and the directory).
pub type Check = fn(&Draft, usize, &Trust) -> LayerStatus;

// The web app's main module must not reach the SM2/SM3 code (issue 21, item 8): there no
// check is installed until its signing chunk has arrived (`ui::lazy::install_trust`), and
// a signed layer reads [`LayerStatus::Checking`] meanwhile. Everywhere else (cqhr, the
// tests, the benches) the check is there from the start.
#[cfg(not(target_arch = "wasm32"))]
const DEFAULT_CHECK: Option<Check> = Some(layer_status_with);
#[cfg(target_arch = "wasm32")]
const DEFAULT_CHECK: Option<Check> = None;

thread_local! {
    static CHECK: std::cell::Cell<Option<Check>> = const { std::cell::Cell::new(DEFAULT_CHECK) };
}

/// Installs the check this thread's [`layer_status`] and [`usable_stage`] use.
pub fn install_check(check: Check) {
    CHECK.with(|c| c.set(Some(check)));
}

/// As [`layer_status`], under a given trust, by the installed check: without one, a layer
/// without a signature is still 未签名 (or 未签名（旧格式）), a signed one
/// [`LayerStatus::Checking`] — never valid.
pub fn layer_status_by(draft: &Draft, index: usize, trust: &Trust) -> LayerStatus {
    // `black_box`: the build links main module and chunks as one program, and LLVM, seeing
    // that only `layer_status_with` is ever installed, would call it directly, which keeps
    // it (and SM2) in the main module; the barrier leaves an indirect call.
    match std::hint::black_box(CHECK.with(|c| c.get())) {
        Some(check) => check(draft, index, trust),
        None => unchecked(draft, index),
    }
}

/// A layer's state while no check is installed.
pub fn unchecked(draft: &Draft, index: usize) -> LayerStatus {
    match draft.reviews.get(index) {
        Some(layer) if layer.signature.is_some() => LayerStatus::Checking,
        Some(layer) if layer.fingerprint.as_deref().unwrap_or("").trim().len() == 16 => {
            LayerStatus::LegacyUnsigned
        }
        _ => LayerStatus::Unsigned,
    }
}

/// As [`layer_status`], under a given trust: the SM2 check itself.
pub fn layer_status_with(draft: &Draft, index: usize, trust: &Trust) -> LayerStatus {
    let Some(layer) = draft.reviews.get(index) else {
        return LayerStatus::Unsigned;
    };
    let Some(sig) = &layer.signature else {
        let fp = layer.fingerprint.as_deref().unwrap_or("").trim();
        return if fp.len() == 16 {
            LayerStatus::LegacyUnsigned
        } else {
            LayerStatus::Unsigned
        };
    };
    let Ok(key) = PublicKey::from_hex(&sig.public_key) else {
        return LayerStatus::Malformed;
    };
    let c = content(draft, index, &sig.public_key);
    match sign::verify_content(&key, &c, &sig.value) {
        Err(_) => return LayerStatus::Malformed,
        Ok(false) => {
            let now = seen_now(draft, index);
            return LayerStatus::Invalid {
                moved: layer
                    .seen
                    .as_ref()
                    .map(|was| moved(was, &now))
                    .unwrap_or_default(),
            };
        }
        Ok(true) => {}
    }
    let short = key.short_fingerprint();
    let Some(directory) = &trust.directory else {
        return LayerStatus::NoDirectory { key: short };
    };
    let Some(entry) = directory.find(&sig.public_key) else {
        return LayerStatus::NotInDirectory { key: short };
    };
    let card = &entry.card;
    if let Some(stage) = layer.stage() {
        if let Some(bad) = signable(draft, stage, card) {
            return bad;
        }
    }
    if !entry.valid_on(&layer.date) {
        return LayerStatus::Expired {
            office: card.office.clone(),
            person: card.person.clone(),
            valid_from: entry.valid_from.clone(),
            valid_to: entry.valid_to.clone(),
        };
    }
    LayerStatus::Valid {
        office: card.office.clone(),
        person: card.person.clone(),
        directory_version: directory.version,
        key: short,
        code: sign::signature_code(&sig.value),
        demo: trust.is_demo(),
    }
}

/// Whether a layer is signed over the current content by a key the directory lists for
/// its role and district. Only [`LayerStatus::Valid`] makes a stage "reviewed".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum LayerStatus {
    /// 签名有效（office · person · 名录版本 N）.
    Valid {
        office: String,
        person: String,
        directory_version: u32,
        /// The key's short fingerprint ("3F2A 91C0 …").
        key: String,
        /// The short signature code printed on the 审核表.
        code: String,
        /// Verified under the demo root: 演示密钥，不具效力.
        demo: bool,
    },
    /// 签名人不在名录: a sound signature by a key the directory does not list.
    NotInDirectory { key: String },
    /// 签名无效（内容已改动）: with the values that moved since signing (empty if the
    /// layer kept no `seen` copy, or only its own values, reasons or opinion changed).
    Invalid { moved: Vec<MovedField> },
    /// 签名无效（签名值不完整或已损坏）: not 64 bytes of hex, or a key that is no point.
    Malformed,
    /// 未签名.
    Unsigned,
    /// 未签名（旧格式）: a format-2 layer with an FNV-1a code, which anyone can recompute.
    LegacyUnsigned,
    /// 名录缺失: a sound signature, but no accepted directory to say whose key it is.
    NoDirectory { key: String },
    /// 密钥已过期: the layer's date is outside the key's validity.
    Expired {
        office: String,
        person: String,
        valid_from: String,
        valid_to: String,
    },
    /// 签名单位与平台所在区县不符: a district key on another district's platform.
    WrongDistrict {
        office: String,
        platform_district: String,
    },
    /// 签名人无此审核职责: a key of another role (a 初审 key on a 评审 layer).
    WrongRole { office: String, role: Role },
    /// 正在核验签名…: a signed layer before the check has arrived (the web app's signing
    /// chunk, [`install_check`]); never valid, never said by `cqhr`.
    Checking,
}

impl LayerStatus {
    /// The key in JSON.
    pub fn key(&self) -> &'static str {
        match self {
            LayerStatus::Valid { .. } => "valid",
            LayerStatus::NotInDirectory { .. } => "not_in_directory",
            LayerStatus::Invalid { .. } => "invalid",
            LayerStatus::Malformed => "malformed",
            LayerStatus::Unsigned => "unsigned",
            LayerStatus::LegacyUnsigned => "legacy_unsigned",
            LayerStatus::NoDirectory { .. } => "no_directory",
            LayerStatus::Expired { .. } => "expired",
            LayerStatus::WrongDistrict { .. } => "wrong_district",
            LayerStatus::WrongRole { .. } => "wrong_role",
            LayerStatus::Checking => "checking",
        }
    }

    /// The short words: 签名有效, 签名人不在名录, …
    pub fn label_zh(&self) -> &'static str {
        match self {
            LayerStatus::Valid { .. } => "签名有效",
            LayerStatus::NotInDirectory { .. } => "签名人不在名录",
            LayerStatus::Invalid { .. } => "签名无效（内容已改动）",
            LayerStatus::Malformed => "签名无效（签名值不完整或已损坏）",
            LayerStatus::Unsigned => "未签名",
            LayerStatus::LegacyUnsigned => "未签名（旧格式）",
            LayerStatus::NoDirectory { .. } => "名录缺失",
            LayerStatus::Expired { .. } => "密钥已过期",
            LayerStatus::WrongDistrict { .. } => "签名单位与平台所在区县不符",
            LayerStatus::WrongRole { .. } => "签名人无此审核职责",
            LayerStatus::Checking => "正在核验签名…",
        }
    }

    /// The whole sentence: "签名有效（黔江区人力资源和社会保障局 · 王建国 · 名录版本 3）".
    pub fn text_zh(&self) -> String {
        match self {
            LayerStatus::Valid {
                office,
                person,
                directory_version,
                demo,
                ..
            } => format!(
                "签名有效（{office} · {person} · 名录版本 {directory_version}）{}",
                crate::domain::sign::trust::demo_mark(*demo)
            ),
            LayerStatus::NotInDirectory { key } => format!("签名人不在名录（密钥 {key}）"),
            LayerStatus::NoDirectory { key } => {
                format!("名录缺失（签名完整，但无法确认密钥 {key} 属于谁）")
            }
            LayerStatus::Expired {
                office,
                person,
                valid_from,
                valid_to,
            } => format!("密钥已过期（{office} · {person}，有效期 {valid_from} 至 {valid_to}）"),
            LayerStatus::WrongDistrict {
                office,
                platform_district,
            } => format!("签名单位与平台所在区县不符（{office}，平台在{platform_district}）"),
            LayerStatus::WrongRole { office, role } => {
                format!(
                    "签名人无此审核职责（{office} 的密钥用于{}）",
                    role.label_zh()
                )
            }
            other => other.label_zh().to_string(),
        }
    }

    /// Only a valid signature makes a stage reviewed.
    pub fn is_valid(&self) -> bool {
        matches!(self, LayerStatus::Valid { .. })
    }

    /// The values that moved since signing (for 签名无效).
    pub fn moved(&self) -> &[MovedField] {
        match self {
            LayerStatus::Invalid { moved } => moved,
            _ => &[],
        }
    }
}
