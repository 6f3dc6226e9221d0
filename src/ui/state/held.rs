//! What this browser holds for signing (issue 21): the key files (sealed under their
//! passphrases, never in clear), the directory last accepted, and the deployment's root
//! (`trust.json`, fetched from beside index.html at start). [`load`] installs the trust
//! (`domain::sign::trust`) every verification reads, and bumps [`TrustVersion`] so that
//! what shows a signature's state is recomputed.
//!
//! localStorage keys (the table in `store.rs`): `cqhr.keys` (a JSON array of key files),
//! `cqhr.directory` (the directory file's text, as imported).

use crate::domain::sign::{trust, Directory, DirectoryError, KeyFile, Trust, TrustConfig};
use crate::ui::web;
use leptos::prelude::*;

use crate::store::{DIRECTORY_KEY, KEYS_KEY};
/// The deployment's config, served beside index.html (docs/signatures.md).
pub const TRUST_FILE: &str = "trust.json";

/// Bumped whenever the installed trust changes; read by what shows a signature's state.
#[derive(Clone, Copy)]
pub struct TrustVersion(pub RwSignal<u32>);

impl TrustVersion {
    pub fn track(self) {
        self.0.track();
    }

    fn bump(self) {
        self.0.update(|v| *v += 1);
    }
}

/// The trust in force: whether a root is configured (and is the demo), the directory.
pub fn current() -> Trust {
    trust::current()
}

/// The key files held in this browser.
pub fn keys() -> Vec<KeyFile> {
    web::recall(KEYS_KEY)
        .and_then(|t| serde_json::from_str::<Vec<serde_json::Value>>(&t).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| KeyFile::from_json(&v.to_string()).ok())
        .collect()
}

/// Keeps the key files (replacing the list).
pub fn keep_keys(keys: &[KeyFile]) {
    let list: Vec<serde_json::Value> = keys
        .iter()
        .filter_map(|k| serde_json::from_str(&k.to_json()).ok())
        .collect();
    web::remember(KEYS_KEY, Some(&serde_json::Value::Array(list).to_string()));
}

/// Accepts a directory under the installed root and keeps it; the trust is reinstalled.
pub fn accept_directory(text: &str, version: TrustVersion) -> Result<Directory, DirectoryError> {
    let d = Directory::from_json(text)?;
    let mut t = trust::current();
    t.accept(d.clone())?;
    web::remember(DIRECTORY_KEY, Some(text));
    trust::install(t);
    version.bump();
    Ok(d)
}

/// Installs the root from `trust.json` and the held directory (if it still verifies under
/// that root); a missing or bad `trust.json` leaves no root: every signature then reads
/// 名录缺失.
pub fn load(version: TrustVersion) {
    leptos::task::spawn_local(async move {
        let config = web::fetch_text(TRUST_FILE)
            .await
            .and_then(|t| TrustConfig::from_json(&t).ok());
        let mut t = Trust {
            config,
            directory: None,
        };
        if let Some(text) = web::recall(DIRECTORY_KEY) {
            if let Ok(d) = Directory::from_json(&text) {
                let _ = t.accept(d);
            }
        }
        trust::install(t);
        version.bump();
    });
}
