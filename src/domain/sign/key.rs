//! A reviewer's key (issue 21, item 1): who holds it (name, office, district, role), the
//! public key, and the private key sealed under a passphrase ([`KeyFile`], the backup
//! file and what the browser stores); its public part ([`KeyCard`]) is what the city
//! puts in the directory. Files are bounded and every problem is a [`KeyError`].

use super::canonical_json;
use super::crypto::{self, CryptoError, PublicKey, Sealed, SecretKey};
use crate::domain::districts;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The largest key or card file read (bytes).
pub const KEY_FILE_MAX: usize = 16 * 1024;

/// What a key may sign: a district's 初审, the city's 评审, the city's 公布 (and its
/// editions, Art. 29). The root key that signs the directory has role `publish` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 初审 (区县人社局).
    District,
    /// 评审 (市人社局).
    City,
    /// 公布 (市人社局): the year's result, editions, the directory.
    Publish,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::District, Role::City, Role::Publish];

    pub fn key(self) -> &'static str {
        match self {
            Role::District => "district",
            Role::City => "city",
            Role::Publish => "publish",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key.trim())
    }

    /// 初审 / 评审 / 公布.
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::District => "初审",
            Role::City => "评审",
            Role::Publish => "公布",
        }
    }

    /// Whether a key of this role belongs to a district office (else to the city's).
    pub fn is_district(self) -> bool {
        self == Role::District
    }
}

/// The name of the city's office.
pub const CITY_OFFICE: &str = "重庆市人力资源和社会保障局";

/// A key's public part: the holder and the public key. As a file it is what a reviewer
/// sends the city (`type` = `cqhr-public-key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyCard {
    /// 姓名.
    pub person: String,
    /// 单位, e.g. 黔江区人力资源和社会保障局.
    pub office: String,
    /// The 区县 of a district office (its full name, `districts::find`); blank for the city.
    #[serde(default)]
    pub district: String,
    pub role: Role,
    /// 130 hex digits.
    pub public_key: String,
}

/// A key file: the card and the sealed private key (`type` = `cqhr-key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    #[serde(flatten)]
    pub card: KeyCard,
    pub sealed: Sealed,
}

/// What is wrong with a key or card file, or with what was typed for a new key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not JSON, not the expected `type`, a member missing or of the wrong kind.
    NotAKeyFile(String),
    TooLarge,
    /// A blank 姓名 or 单位.
    Blank(&'static str),
    /// A district role without a known 区县, or a city role with one.
    District(String),
    Crypto(CryptoError),
}

impl KeyError {
    pub fn message_zh(&self) -> String {
        match self {
            KeyError::NotAKeyFile(why) => format!("不是有效的密钥文件：{why}"),
            KeyError::TooLarge => "文件过大，不是密钥文件".into(),
            KeyError::Blank(what) => format!("请填写{what}"),
            KeyError::District(d) if d.is_empty() => "区县初审的密钥须选择所在区县".into(),
            KeyError::District(d) => format!("未知的区县“{d}”"),
            KeyError::Crypto(e) => e.message_zh().into(),
        }
    }
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl From<CryptoError> for KeyError {
    fn from(e: CryptoError) -> KeyError {
        KeyError::Crypto(e)
    }
}

impl KeyCard {
    /// The card's holder checked and normalised: names trimmed, the district read to its
    /// full name (a city role has none).
    pub fn new(
        person: &str,
        office: &str,
        district: &str,
        role: Role,
        key: &PublicKey,
    ) -> Result<KeyCard, KeyError> {
        let person = person.trim();
        if person.is_empty() {
            return Err(KeyError::Blank("姓名"));
        }
        let district = if role.is_district() {
            districts::find(district)
                .map(|d| d.name.to_string())
                .ok_or_else(|| KeyError::District(district.trim().to_string()))?
        } else {
            String::new()
        };
        let office = match office.trim() {
            "" if role.is_district() => format!("{district}人力资源和社会保障局"),
            "" => CITY_OFFICE.to_string(),
            o => o.to_string(),
        };
        Ok(KeyCard {
            person: person.to_string(),
            office,
            district,
            role,
            public_key: key.to_hex(),
        })
    }

    pub fn key(&self) -> Result<PublicKey, CryptoError> {
        PublicKey::from_hex(&self.public_key)
    }

    /// The card as a file (`type` first).
    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::from("cqhr-public-key"));
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    /// Reads a card file, or the card of a key file (its sealed part ignored).
    pub fn from_json(text: &str) -> Result<KeyCard, KeyError> {
        let v = read_typed(text, &["cqhr-public-key", "cqhr-key"])?;
        let card: KeyCard =
            serde_json::from_value(v).map_err(|e| KeyError::NotAKeyFile(e.to_string()))?;
        card.key()?;
        Ok(card)
    }

    /// The associated data sealing binds the private key to: the card's canonical JSON.
    fn aad(&self) -> Vec<u8> {
        canonical_json(&serde_json::to_value(self).unwrap_or(Value::Null)).into_bytes()
    }

    /// "黔江区人力资源和社会保障局 · 李某（初审）".
    pub fn holder_zh(&self) -> String {
        format!(
            "{} · {}（{}）",
            self.office,
            self.person,
            self.role.label_zh()
        )
    }
}

fn read_typed(text: &str, types: &[&str]) -> Result<Value, KeyError> {
    if text.len() > KEY_FILE_MAX {
        return Err(KeyError::TooLarge);
    }
    let mut v: Value = serde_json::from_str(text)
        .map_err(|e| KeyError::NotAKeyFile(format!("JSON 格式错误（第 {} 行）", e.line())))?;
    let Some(o) = v.as_object_mut() else {
        return Err(KeyError::NotAKeyFile("须为 JSON 对象".into()));
    };
    match o.remove("type") {
        Some(Value::String(t)) if types.contains(&t.as_str()) => Ok(v),
        _ => Err(KeyError::NotAKeyFile(format!(
            "缺少 \"type\": \"{}\"",
            types[0]
        ))),
    }
}

impl KeyFile {
    /// A new key for a holder, sealed under `passphrase` with `rounds` of PBKDF2.
    pub fn create(
        person: &str,
        office: &str,
        district: &str,
        role: Role,
        passphrase: &str,
        rounds: u32,
    ) -> Result<(KeyFile, SecretKey), KeyError> {
        if passphrase.chars().count() < crypto::PASSPHRASE_MIN {
            return Err(CryptoError::WeakPassphrase.into());
        }
        let secret = SecretKey::generate()?;
        let card = KeyCard::new(person, office, district, role, &secret.public_key())?;
        let sealed = crypto::seal(&secret, passphrase, &card.aad(), rounds)?;
        Ok((KeyFile { card, sealed }, secret))
    }

    /// The private key, if the passphrase opens it and it matches the card's public key.
    pub fn unlock(&self, passphrase: &str) -> Result<SecretKey, KeyError> {
        let secret = crypto::open(&self.sealed, passphrase, &self.card.aad())?;
        if secret.public_key().to_hex() != self.card.key()?.to_hex() {
            return Err(CryptoError::Corrupt.into());
        }
        Ok(secret)
    }

    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(o) = v.as_object_mut() {
            o.insert("type".into(), Value::from("cqhr-key"));
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<KeyFile, KeyError> {
        let v = read_typed(text, &["cqhr-key"])?;
        let file: KeyFile =
            serde_json::from_value(v).map_err(|e| KeyError::NotAKeyFile(e.to_string()))?;
        file.card.key()?;
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_round_trips_and_refuses_a_wrong_passphrase() {
        let (file, secret) = KeyFile::create(
            "李某",
            "",
            "黔江",
            Role::District,
            "口令口令口令口令",
            1_000,
        )
        .unwrap();
        assert_eq!(file.card.district, "黔江区");
        assert_eq!(file.card.office, "黔江区人力资源和社会保障局");
        let back = KeyFile::from_json(&file.to_json()).unwrap();
        assert_eq!(back, file);
        assert_eq!(
            back.unlock("口令口令口令口令").unwrap().public_key(),
            secret.public_key()
        );
        assert_eq!(
            back.unlock("别的口令别的口令").unwrap_err().message_zh(),
            "口令不正确，无法解开私钥"
        );
        // The card cannot be swapped under the sealed key: its name is bound.
        let mut swapped = back.clone();
        swapped.card.person = "王某".into();
        assert!(swapped.unlock("口令口令口令口令").is_err());
        assert_eq!(KeyCard::from_json(&file.card.to_json()).unwrap(), file.card);
    }

    #[test]
    fn holders_are_checked() {
        let pk = SecretKey::generate().unwrap().public_key();
        assert_eq!(
            KeyCard::new(" ", "", "黔江", Role::District, &pk),
            Err(KeyError::Blank("姓名"))
        );
        assert!(matches!(
            KeyCard::new("李某", "", "火星", Role::District, &pk),
            Err(KeyError::District(_))
        ));
        let city = KeyCard::new("张某", "", "黔江", Role::City, &pk).unwrap();
        assert_eq!(
            (city.office.as_str(), city.district.as_str()),
            (CITY_OFFICE, "")
        );
        assert!(KeyFile::from_json("{}").is_err());
        assert!(KeyFile::from_json("[").is_err());
        assert!(KeyCard::from_json(&"x".repeat(KEY_FILE_MAX + 1)).is_err());
    }
}
