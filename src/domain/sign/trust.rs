//! What a verifier trusts: the deployment's root key fingerprint (`trust.json`, served
//! beside index.html; `cqhr --trust FILE` or `--root FP`) and the directory it accepted
//! under that root. One [`Trust`] is installed per thread ([`install`], [`current`]): the
//! app's one thread, the command's run, each test its own — so that the ranking asks
//! "is this stage reviewed?" through the same single function as everywhere else
//! (`review::usable_stage`) without a directory threaded through every caller.

use super::crypto::{sm3, PublicKey, SecretKey};
use super::directory::{Directory, DirectoryError};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::sync::Arc;

/// `trust.json`: the root key's fingerprint (64 hex digits) and whether it is the demo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustConfig {
    pub root_fingerprint: String,
    /// The demo root (its private key is in the source): every screen says
    /// 演示密钥，不具效力.
    #[serde(default)]
    pub demo: bool,
}

/// Why a `trust.json` was refused ([`TrustConfig::from_json`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustConfigError {
    /// Over [`CONFIG_MAX`].
    TooLarge,
    /// Not the config's JSON (serde's words).
    NotConfig(String),
    /// `root_fingerprint` is not 64 hex digits.
    BadFingerprint,
}

impl std::fmt::Display for TrustConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrustConfigError::TooLarge => f.write_str("trust.json 过大"),
            TrustConfigError::NotConfig(e) => write!(f, "trust.json 格式错误：{e}"),
            TrustConfigError::BadFingerprint => {
                f.write_str("trust.json 的 root_fingerprint 须为 64 位十六进制")
            }
        }
    }
}

impl std::error::Error for TrustConfigError {}

/// The largest `trust.json` read.
pub const CONFIG_MAX: usize = 4 * 1024;

impl TrustConfig {
    pub fn from_json(text: &str) -> Result<TrustConfig, TrustConfigError> {
        if text.len() > CONFIG_MAX {
            return Err(TrustConfigError::TooLarge);
        }
        let c: TrustConfig =
            serde_json::from_str(text).map_err(|e| TrustConfigError::NotConfig(e.to_string()))?;
        let fp = c.root_fingerprint.trim().to_ascii_lowercase();
        if fp.len() != 64 || !fp.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(TrustConfigError::BadFingerprint);
        }
        let demo = c.demo || fp == demo_root().public_key().fingerprint();
        Ok(TrustConfig {
            root_fingerprint: fp,
            demo,
        })
    }

    /// The demo deployment's config (`scripts/serve`, the tests).
    pub fn demo() -> TrustConfig {
        TrustConfig {
            root_fingerprint: demo_root().public_key().fingerprint(),
            demo: true,
        }
    }
}

/// The demo root key. Its secret is derived from a sentence in this file, so anyone can
/// sign as it: it only makes a demo deployment work end to end, and is marked so.
pub fn demo_root() -> SecretKey {
    let mut seed = sm3("cqhr 演示根密钥 demo root: 演示密钥，不具效力".as_bytes());
    loop {
        if let Some(k) = SecretKey::from_bytes(&seed) {
            return k;
        }
        seed = sm3(&seed);
    }
}

/// The root and the directory accepted under it (each may be missing).
#[derive(Debug, Clone, Default)]
pub struct Trust {
    pub config: Option<TrustConfig>,
    /// Only a directory that [`Directory::verify`] accepted under `config`.
    pub directory: Option<Arc<Directory>>,
}

impl Trust {
    /// Trust with a root and no directory yet.
    pub fn with_root(config: TrustConfig) -> Trust {
        Trust {
            config: Some(config),
            directory: None,
        }
    }

    /// Accepts a directory under this trust's root, or says why not.
    pub fn accept(&mut self, directory: Directory) -> Result<(), DirectoryError> {
        let Some(c) = &self.config else {
            return Err(DirectoryError::NoRoot);
        };
        directory.verify(&c.root_fingerprint)?;
        self.directory = Some(Arc::new(directory));
        Ok(())
    }

    pub fn is_demo(&self) -> bool {
        self.config.as_ref().is_some_and(|c| c.demo)
    }

    /// Whether a key is the root (the 公布 and editions may be signed by it directly).
    pub fn is_root(&self, key: &PublicKey) -> bool {
        self.config
            .as_ref()
            .is_some_and(|c| c.root_fingerprint == key.fingerprint())
    }
}

thread_local! {
    static CURRENT: RefCell<Trust> = RefCell::new(Trust::default());
}

/// What every verified state under the demo root says after its own words
/// (`scripts/serve`'s root): ［演示密钥，不具效力］; nothing under a real root.
pub fn demo_mark(demo: bool) -> &'static str {
    if demo {
        "［演示密钥，不具效力］"
    } else {
        ""
    }
}

/// Installs the trust this thread verifies with.
/// The trust of a `trust.json` text and a held directory's text, as the app installs it at
/// start and the exporter worker for each request: a bad `trust.json` leaves no root; a
/// directory is taken only if it verifies under that root.
pub fn from_texts(config: Option<&str>, directory: Option<&str>) -> Trust {
    let mut t = Trust {
        config: config.and_then(|t| TrustConfig::from_json(t).ok()),
        directory: None,
    };
    if let Some(d) = directory.and_then(|text| Directory::from_json(text).ok()) {
        let _ = t.accept(d);
    }
    t
}

pub fn install(trust: Trust) {
    CURRENT.with(|c| *c.borrow_mut() = trust);
}

/// The trust installed on this thread (none: every signed stage reads 名录缺失).
pub fn current() -> Trust {
    CURRENT.with(|c| c.borrow().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_is_read_strictly_and_the_demo_root_is_marked() {
        let demo = TrustConfig::demo();
        let text = format!(
            "{{\"root_fingerprint\":\"{}\"}}",
            demo.root_fingerprint.to_uppercase()
        );
        assert_eq!(
            TrustConfig::from_json(&text),
            Ok(demo.clone()),
            "the demo is recognised"
        );
        assert!(TrustConfig::from_json("{\"root_fingerprint\":\"abc\"}").is_err());
        assert!(TrustConfig::from_json("[]").is_err());
        let mut t = Trust::with_root(demo);
        assert!(t.is_demo() && t.is_root(&demo_root().public_key()));
        assert_eq!(
            t.accept(Directory::new(1, "2026-01-01")),
            Err(DirectoryError::Unsigned)
        );
    }

    #[test]
    fn the_trust_of_texts_takes_a_good_root_and_only_a_directory_it_verifies() {
        let demo = TrustConfig::demo();
        let config = serde_json::to_string(&demo).unwrap();
        let mut signed = Directory::new(3, "2026-01-01");
        signed.sign(&demo_root());
        let signed = signed.to_json();
        let unsigned = Directory::new(4, "2026-01-01").to_json();

        let t = from_texts(Some(&config), Some(&signed));
        assert_eq!(t.config, Some(demo.clone()));
        assert_eq!(t.directory.as_ref().map(|d| d.version), Some(3));
        let t = from_texts(Some(&config), Some(&unsigned));
        assert!(
            t.config.is_some() && t.directory.is_none(),
            "an unsigned directory is not taken"
        );
        let t = from_texts(Some("not json"), Some(&signed));
        assert!(
            t.config.is_none() && t.directory.is_none(),
            "no root, no directory"
        );
        let t = from_texts(None, None);
        assert!(t.config.is_none() && t.directory.is_none());
    }
}
