//! What this browser holds for signing (issue 21): the key files (sealed under their
//! passphrases, never in clear), the directory last accepted, and the deployment's root
//! (`trust.json`, fetched from beside index.html at start). [`load`] installs the trust
//! (`domain::sign::trust`) every verification reads, and bumps [`TrustVersion`] so that
//! what shows a signature's state is recomputed.
//!
//! localStorage keys (the table in `store.rs`): `cqhr.keys` (a JSON array of key files),
//! `cqhr.directory` (the directory file's text, as imported).

use crate::domain::sign::{trust, Directory, DirectoryError, KeyFile, Trust};
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

/// Where the trust stands: the SM2/SM3 code is a chunk (issue 21, item 8), fetched only
/// when a signature is to be shown ([`need`]) or by the background prefetch.
enum Load {
    /// `trust.json` on its way.
    Config,
    /// `trust.json` on its way, and [`need`] came first.
    Asked,
    /// `trust.json` read (or missing): the chunk is fetched at the first [`need`].
    Read(Option<String>),
    /// The chunk on its way.
    Started,
    /// The chunk in, the trust and the check installed.
    Done,
}

thread_local! {
    static LOAD: std::cell::RefCell<Load> = const { std::cell::RefCell::new(Load::Config) };
    static INSTALLER: std::cell::Cell<Option<Installer>> = const { std::cell::Cell::new(None) };
}

/// Fetches the signing chunk and runs [`install`] in it (`lazy::install_trust`); `Err` when
/// the chunk cannot be fetched.
pub type Installer = fn(
    Option<String>,
    Option<String>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ()>>>>;

/// Hands down the split point that installs the trust (called once by `App`, which sees the
/// pages table; this room is below it).
pub fn set_installer(load: Installer) {
    INSTALLER.with(|i| i.set(Some(load)));
}

/// Fetches `trust.json` at start (a small file); the signing chunk follows at the first
/// [`need`]. Until it has arrived, a signed layer reads 正在核验签名… (never valid).
pub fn load(version: TrustVersion) {
    leptos::task::spawn_local(async move {
        let config = web::fetch_text(TRUST_FILE).await;
        let asked = LOAD.with(|l| {
            let asked = matches!(*l.borrow(), Load::Asked);
            *l.borrow_mut() = Load::Read(config.clone());
            asked
        });
        if asked {
            need(version);
        }
    });
}

/// A signature's state is to be shown (a signed layer on screen, the ranking, the 签名与名录
/// page): fetches the signing chunk (once) and installs the root from `trust.json` and the
/// held directory (if it still verifies under that root), then bumps [`TrustVersion`]. A
/// missing or bad `trust.json` leaves no root: every signature then reads 名录缺失. A chunk
/// that cannot be fetched leaves 正在核验签名…, and the next `need` tries again.
pub fn need(version: TrustVersion) {
    let config = LOAD.with(|l| {
        let mut l = l.borrow_mut();
        match std::mem::replace(&mut *l, Load::Started) {
            Load::Read(config) => Some(config),
            Load::Config | Load::Asked => {
                *l = Load::Asked;
                None
            }
            other @ (Load::Started | Load::Done) => {
                *l = other;
                None
            }
        }
    });
    let Some(config) = config else { return };
    leptos::task::spawn_local(async move {
        let directory = web::recall(DIRECTORY_KEY);
        // The signing chunk's split point, handed down by `App` (`set_installer`: the pages
        // table is floors above). Never `install` called from here: that would bring the
        // SM2 code back into the main module.
        let installed = match INSTALLER.with(|i| i.get()) {
            Some(load) => load(config.clone(), directory).await,
            None => Err(()),
        };
        match installed {
            Ok(()) => {
                LOAD.with(|l| *l.borrow_mut() = Load::Done);
                version.bump();
            }
            Err(_) => LOAD.with(|l| *l.borrow_mut() = Load::Read(config)),
        }
    });
}

impl TrustVersion {
    /// Whether the trust is installed (the signing chunk is in): before, a signed layer
    /// reads 正在核验签名….
    pub fn ready(self) -> bool {
        self.track();
        LOAD.with(|l| matches!(*l.borrow(), Load::Done))
    }
}

/// Installs the trust and the SM2 check (`review::install_check`): run from the signing
/// chunk (`lazy::install_trust`), so that the main module carries neither.
pub fn install(config: Option<String>, directory: Option<String>) {
    trust::install(trust::from_texts(config.as_deref(), directory.as_deref()));
    crate::domain::review::install_check(crate::domain::review::layer_status_with);
}
