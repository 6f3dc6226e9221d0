//! Who issued an edition (Art. 29, issue 21 item 7): a 签发单 — the rubric's id, edition,
//! the SM3 of its canonical JSON and the date — signed by the city's 公布 key (or the
//! root). An edition without one, or with one the directory does not vouch for, reads
//! 发布单位未验证 ([`IssuerStatus`]).

use super::fingerprints::canonical;
use crate::domain::rubric::Rubric;
use crate::domain::sign::{
    self, crypto, key::CITY_OFFICE, trust, PublicKey, Role, SecretKey, Trust,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The 签发单 (`type` = `cqhr-edition-issue`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub rubric: String,
    pub edition: String,
    /// SM3 of the rubric's canonical JSON (`edition::canonical`).
    pub sm3: String,
    /// 发布日期, YYYY-MM-DD.
    pub date: String,
    #[serde(default)]
    pub public_key: String,
    #[serde(default)]
    pub signature: String,
}

/// Whether an edition's issuer is verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum IssuerStatus {
    /// 发布单位：office（签名有效，密钥 fingerprint）.
    Verified {
        office: String,
        key: String,
        demo: bool,
    },
    /// 发布单位未验证: no 签发单, or one by a key that is not the bureau's.
    Unverified,
    /// The 签发单 is for other content (another edition, or the file was changed).
    Mismatch,
}

impl IssuerStatus {
    /// `verified`, `unverified`, `mismatch`.
    pub fn key(&self) -> &'static str {
        match self {
            IssuerStatus::Verified { .. } => "verified",
            IssuerStatus::Unverified => "unverified",
            IssuerStatus::Mismatch => "mismatch",
        }
    }

    pub fn text_zh(&self) -> String {
        match self {
            IssuerStatus::Verified { office, key, demo } => format!(
                "发布单位：{office}（签名有效，密钥 {key}）{}",
                crate::domain::sign::trust::demo_mark(*demo)
            ),
            IssuerStatus::Unverified => "发布单位未验证".into(),
            IssuerStatus::Mismatch => "发布单位未验证（签发单与评分标准内容不符）".into(),
        }
    }

    pub fn is_verified(&self) -> bool {
        matches!(self, IssuerStatus::Verified { .. })
    }
}

fn content(i: &Issue) -> Value {
    let mut v = serde_json::to_value(i).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.remove("signature");
        o.insert("type".into(), Value::from("cqhr-edition-issue"));
    }
    v
}

/// Signs a 签发单 for a rubric.
pub fn issue(r: &Rubric, date: &str, secret: &SecretKey) -> Issue {
    let mut i = Issue {
        rubric: r.id.clone(),
        edition: r.edition.clone(),
        sm3: crypto::sm3_hex(canonical(r).as_bytes()),
        date: date.trim().to_string(),
        public_key: secret.public_key().to_hex(),
        signature: String::new(),
    };
    i.signature = sign::sign_content(secret, &content(&i));
    i
}

impl Issue {
    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::from("cqhr-edition-issue"));
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    /// Whether this 签发单 names `r`'s content: its id, edition and the SM3 of its
    /// canonical JSON (not whether the signature holds: [`Issue::status`]).
    pub fn names(&self, r: &Rubric) -> bool {
        self.rubric == r.id
            && self.edition == r.edition
            && self.sm3 == crypto::sm3_hex(canonical(r).as_bytes())
    }

    pub fn from_json(text: &str) -> Option<Issue> {
        if text.len() > 16 * 1024 {
            return None;
        }
        let mut v: Value = serde_json::from_str(text).ok()?;
        let o = v.as_object_mut()?;
        (o.remove("type")? == "cqhr-edition-issue").then_some(())?;
        serde_json::from_value(v).ok()
    }

    /// The issuer of `r` by this 签发单, under the trust installed on this thread.
    pub fn status(&self, r: &Rubric) -> IssuerStatus {
        self.status_with(r, &trust::current())
    }

    pub fn status_with(&self, r: &Rubric, trust: &Trust) -> IssuerStatus {
        if self.rubric != r.id
            || self.edition != r.edition
            || self.sm3 != crypto::sm3_hex(canonical(r).as_bytes())
        {
            return IssuerStatus::Mismatch;
        }
        let Ok(key) = PublicKey::from_hex(&self.public_key) else {
            return IssuerStatus::Unverified;
        };
        if sign::verify_content(&key, &content(self), &self.signature) != Ok(true) {
            return IssuerStatus::Mismatch;
        }
        let short = key.short_fingerprint();
        if trust.is_root(&key) {
            return IssuerStatus::Verified {
                office: CITY_OFFICE.into(),
                key: short,
                demo: trust.is_demo(),
            };
        }
        match trust
            .directory
            .as_ref()
            .and_then(|d| d.find(&self.public_key))
            .filter(|e| e.card.role == Role::Publish && e.valid_on(&self.date))
        {
            Some(e) => IssuerStatus::Verified {
                office: e.card.office.clone(),
                key: short,
                demo: trust.is_demo(),
            },
            None => IssuerStatus::Unverified,
        }
    }
}

/// The issuer of `r` by the 签发单 held for it (its text as kept), under the trust
/// installed on this thread: none held, or one that cannot be read, is 发布单位未验证.
pub fn status_of(r: &Rubric, held: Option<&str>) -> IssuerStatus {
    held.and_then(Issue::from_json)
        .map(|i| i.status(r))
        .unwrap_or(IssuerStatus::Unverified)
}

/// An edition with no 签发单 at all.
pub fn unverified() -> IssuerStatus {
    IssuerStatus::Unverified
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sign::trust::{demo_root, TrustConfig};

    #[test]
    fn an_edition_is_the_bureaus_only_with_a_matching_issue_by_its_key() {
        let r = crate::domain::rubric::latest("specialized-park").unwrap();
        let trust = Trust::with_root(TrustConfig::demo());
        let i = issue(r, "2026-01-10", &demo_root());
        let i = Issue::from_json(&i.to_json()).unwrap();
        assert!(i.status_with(r, &trust).is_verified());
        assert!(i
            .status_with(r, &trust)
            .text_zh()
            .starts_with("发布单位：重庆市人力资源和社会保障局（签名有效，密钥 "));
        let other = crate::domain::rubric::latest("talent-market").unwrap();
        assert_eq!(i.status_with(other, &trust), IssuerStatus::Mismatch);
        let mut changed = r.clone();
        changed.title.push('改');
        assert_eq!(i.status_with(&changed, &trust), IssuerStatus::Mismatch);
        let by_anyone = issue(r, "2026-01-10", &SecretKey::generate().unwrap());
        assert_eq!(by_anyone.status_with(r, &trust), IssuerStatus::Unverified);
        assert_eq!(by_anyone.status_with(r, &trust).text_zh(), "发布单位未验证");
    }

    #[test]
    fn an_edition_reads_its_held_issue_and_is_unverified_without_one() {
        let r = crate::domain::rubric::latest("comprehensive-park").unwrap();
        trust::install(Trust::with_root(TrustConfig::demo()));
        let i = issue(r, "2026-01-10", &demo_root());
        assert!(i.names(r));
        let text = i.to_json();
        let st = status_of(r, Some(&text));
        assert!(st.is_verified(), "{st:?}");
        assert!(
            st.text_zh().ends_with("［演示密钥，不具效力］"),
            "{}",
            st.text_zh()
        );
        assert_eq!(status_of(r, None), IssuerStatus::Unverified);
        assert_eq!(status_of(r, Some("{不是 JSON")), IssuerStatus::Unverified);
        assert_eq!(status_of(r, Some("{}")), IssuerStatus::Unverified);
        // Held beside another edition (or the file changed since): not this content.
        let other = crate::domain::rubric::latest("talent-market").unwrap();
        assert!(!i.names(other));
        assert_eq!(status_of(other, Some(&text)), IssuerStatus::Mismatch);
        // A signature edited after signing.
        let mut forged = i.clone();
        forged.date = "2026-02-01".into();
        assert_eq!(
            status_of(r, Some(&forged.to_json())),
            IssuerStatus::Mismatch
        );
        // No root configured: nobody's key is the bureau's.
        trust::install(Trust::default());
        assert_eq!(status_of(r, Some(&text)), IssuerStatus::Unverified);
    }

    /// The 签发单 the browser test imports (tests/e2e/publication.test.mjs) signs exactly
    /// the 2026 edition file beside it, under the demo root.
    #[test]
    fn the_fixture_issue_signs_the_fixture_edition() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/edition-2026");
        let edition = std::fs::read_to_string(format!("{dir}/comprehensive-park.json")).unwrap();
        let issue = std::fs::read_to_string(format!("{dir}/issue.json")).unwrap();
        let file = crate::domain::edition::parse(&edition).unwrap();
        let trust = Trust::with_root(TrustConfig::demo());
        let i = Issue::from_json(&issue).unwrap();
        assert!(i.status_with(&file.rubrics[0], &trust).is_verified());
    }
}
