//! The 审核人名录 (issue 21, item 2): the offices' public keys the city vouches for —
//! office, district, role, person, valid from–to — signed with the city's root key. It
//! travels as a file (and a link); a verifier accepts it only when the root key's
//! fingerprint is the one its deployment names ([`Directory::verify`]).

use super::crypto::{PublicKey, SecretKey};
use super::key::{KeyCard, Role};
use super::{sign_content, verify_content};
use crate::domain::date::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The largest directory file read (bytes) and the most entries it may hold.
pub const DIRECTORY_MAX: usize = 512 * 1024;
pub const ENTRIES_MAX: usize = 2_000;

/// One key the city vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(flatten)]
    pub card: KeyCard,
    /// YYYY-MM-DD, inclusive: a layer dated outside reads 密钥已过期.
    pub valid_from: String,
    pub valid_to: String,
}

impl Entry {
    /// Whether a signing date lies within the key's validity (an unreadable date: no).
    pub fn valid_on(&self, date: &str) -> bool {
        match (
            Date::parse(date.trim()),
            Date::parse(&self.valid_from),
            Date::parse(&self.valid_to),
        ) {
            (Some(d), Some(a), Some(b)) => a <= d && d <= b,
            _ => false,
        }
    }
}

/// The directory. `signature` is blank until [`Directory::sign`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    /// 名录版本: a number the city raises with each issue.
    pub version: u32,
    /// 发布日期, YYYY-MM-DD.
    pub issued: String,
    pub entries: Vec<Entry>,
    /// The key that signed it (130 hex digits); blank while unsigned.
    #[serde(default)]
    pub root_public_key: String,
    #[serde(default)]
    pub signature: String,
}

/// Why a directory is refused or an entry not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryError {
    NotADirectory(String),
    TooLarge,
    /// No signature.
    Unsigned,
    /// Signed by a key that is not the deployment's root (its short fingerprint).
    NotRoot(String),
    /// The signature does not cover the content (changed after signing, or malformed).
    BadSignature,
    /// A date that is not YYYY-MM-DD, or from after to.
    BadDates,
    /// The key is already listed (its holder).
    Duplicate(String),
    /// The deployment names no root key.
    NoRoot,
}

impl DirectoryError {
    pub fn message_zh(&self) -> String {
        match self {
            DirectoryError::NotADirectory(why) => format!("不是有效的审核人名录：{why}"),
            DirectoryError::TooLarge => "文件过大，不是审核人名录".into(),
            DirectoryError::Unsigned => "审核人名录未经市人力社保局根密钥签名，不予采用".into(),
            DirectoryError::NotRoot(fp) => {
                format!("审核人名录的签名密钥（{fp}）不是本系统设定的根密钥，不予采用")
            }
            DirectoryError::BadSignature => "审核人名录签名无效（内容已改动），不予采用".into(),
            DirectoryError::BadDates => "有效期须为 YYYY-MM-DD 格式，且起始日不晚于截止日".into(),
            DirectoryError::Duplicate(h) => format!("该公钥已在名录中（{h}）"),
            DirectoryError::NoRoot => "未设定根密钥指纹（trust.json），无法核验审核人名录".into(),
        }
    }
}

impl std::fmt::Display for DirectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl Directory {
    pub fn new(version: u32, issued: &str) -> Directory {
        Directory {
            version,
            issued: issued.trim().to_string(),
            ..Directory::default()
        }
    }

    /// Adds a key (its signature is dropped: the directory must be signed again).
    pub fn add(
        &mut self,
        card: KeyCard,
        valid_from: &str,
        valid_to: &str,
    ) -> Result<(), DirectoryError> {
        let (Some(a), Some(b)) = (Date::parse(valid_from.trim()), Date::parse(valid_to.trim()))
        else {
            return Err(DirectoryError::BadDates);
        };
        if a > b {
            return Err(DirectoryError::BadDates);
        }
        if let Some(e) = self
            .entries
            .iter()
            .find(|e| e.card.public_key == card.public_key)
        {
            return Err(DirectoryError::Duplicate(e.card.holder_zh()));
        }
        self.entries.push(Entry {
            card,
            valid_from: a.to_string(),
            valid_to: b.to_string(),
        });
        self.root_public_key.clear();
        self.signature.clear();
        Ok(())
    }

    /// What the root signs: everything but the signature.
    fn content(&self) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.remove("signature");
            o.insert("type".into(), Value::from("cqhr-directory"));
        }
        v
    }

    /// Signs with the root key.
    pub fn sign(&mut self, root: &SecretKey) {
        self.root_public_key = root.public_key().to_hex();
        self.signature = sign_content(root, &self.content());
    }

    /// Accepts the directory when the root key named by `root_fingerprint` (64 hex
    /// digits) signed exactly this content.
    pub fn verify(&self, root_fingerprint: &str) -> Result<(), DirectoryError> {
        if root_fingerprint.trim().is_empty() {
            return Err(DirectoryError::NoRoot);
        }
        if self.signature.trim().is_empty() {
            return Err(DirectoryError::Unsigned);
        }
        let key =
            PublicKey::from_hex(&self.root_public_key).map_err(|_| DirectoryError::BadSignature)?;
        if key.fingerprint() != root_fingerprint.trim().to_ascii_lowercase() {
            return Err(DirectoryError::NotRoot(key.short_fingerprint()));
        }
        match verify_content(&key, &self.content(), &self.signature) {
            Ok(true) => Ok(()),
            _ => Err(DirectoryError::BadSignature),
        }
    }

    /// The entry of a public key (hex, either case).
    pub fn find(&self, public_key: &str) -> Option<&Entry> {
        let k = public_key.trim().to_ascii_lowercase();
        self.entries
            .iter()
            .find(|e| e.card.public_key.to_ascii_lowercase() == k)
    }

    /// The entries of a role.
    pub fn of_role(&self, role: Role) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.card.role == role)
    }

    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::from("cqhr-directory"));
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    /// Reads a directory file (bounded); its signature is checked by [`Directory::verify`].
    pub fn from_json(text: &str) -> Result<Directory, DirectoryError> {
        if text.len() > DIRECTORY_MAX {
            return Err(DirectoryError::TooLarge);
        }
        let mut v: Value = serde_json::from_str(text).map_err(|e| {
            DirectoryError::NotADirectory(format!("JSON 格式错误（第 {} 行）", e.line()))
        })?;
        let Some(o) = v.as_object_mut() else {
            return Err(DirectoryError::NotADirectory("须为 JSON 对象".into()));
        };
        if o.remove("type") != Some(Value::from("cqhr-directory")) {
            return Err(DirectoryError::NotADirectory(
                "缺少 \"type\": \"cqhr-directory\"".into(),
            ));
        }
        let d: Directory =
            serde_json::from_value(v).map_err(|e| DirectoryError::NotADirectory(e.to_string()))?;
        if d.entries.len() > ENTRIES_MAX {
            return Err(DirectoryError::TooLarge);
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(role: Role, district: &str) -> (KeyCard, SecretKey) {
        let sk = SecretKey::generate().unwrap();
        (
            KeyCard::new("李某", "", district, role, &sk.public_key()).unwrap(),
            sk,
        )
    }

    #[test]
    fn a_directory_is_accepted_only_from_the_root() {
        let root = SecretKey::generate().unwrap();
        let fp = root.public_key().fingerprint();
        let mut d = Directory::new(1, "2026-03-01");
        d.add(card(Role::District, "黔江").0, "2026-01-01", "2026-12-31")
            .unwrap();
        assert_eq!(d.verify(&fp), Err(DirectoryError::Unsigned));
        d.sign(&root);
        let d = Directory::from_json(&d.to_json()).unwrap();
        assert_eq!(d.verify(&fp), Ok(()));
        assert_eq!(d.verify(""), Err(DirectoryError::NoRoot));
        let other = SecretKey::generate().unwrap();
        assert!(matches!(
            d.verify(&other.public_key().fingerprint()),
            Err(DirectoryError::NotRoot(_))
        ));
        let mut changed = d.clone();
        changed.entries[0].valid_to = "2099-12-31".into();
        assert_eq!(changed.verify(&fp), Err(DirectoryError::BadSignature));
        let mut forged = d.clone();
        forged
            .add(card(Role::District, "万州").0, "2026-01-01", "2026-12-31")
            .unwrap();
        forged.sign(&other);
        assert!(matches!(
            forged.verify(&fp),
            Err(DirectoryError::NotRoot(_))
        ));
        let mut cut = d.clone();
        cut.signature.truncate(100);
        assert_eq!(cut.verify(&fp), Err(DirectoryError::BadSignature));
    }

    #[test]
    fn entries_are_checked() {
        let mut d = Directory::new(1, "2026-03-01");
        let (c, _) = card(Role::City, "");
        assert_eq!(
            d.add(c.clone(), "2026-12-31", "2026-01-01"),
            Err(DirectoryError::BadDates)
        );
        assert_eq!(
            d.add(c.clone(), "2026-1-1", "2026-12-31"),
            Err(DirectoryError::BadDates)
        );
        d.add(c.clone(), "2026-01-01", "2026-12-31").unwrap();
        assert!(matches!(
            d.add(c, "2026-01-01", "2026-12-31"),
            Err(DirectoryError::Duplicate(_))
        ));
        assert!(d.entries[0].valid_on("2026-06-01"));
        assert!(!d.entries[0].valid_on("2027-01-01"));
        assert!(!d.entries[0].valid_on("明天"));
        assert!(Directory::from_json("{\"type\":\"cqhr-key\"}").is_err());
    }
}
