//! The place of a structural error in a draft or an edition file (`草稿结构不符：reviews[0].date
//! …`, `成员 indicators[1].terms：…`): its reader, `serde_path_to_error`, is a chunk
//! (`lazy::install_locators`, issue 25), fetched by the background prefetch or the first time
//! an error needs it ([`word`]). A draft that reads needs none of it: only the wording of a
//! failure waits for the chunk, never whether something reads, so what is opened, kept or
//! refused is decided at once, as before.

use std::future::Future;
use std::pin::Pin;

/// Fetches the chunk and installs the path readers in it (`domain::install_locators`); `Err`
/// when the chunk cannot be fetched.
pub type Installer = fn() -> Pin<Box<dyn Future<Output = Result<(), ()>>>>;

thread_local! {
    static INSTALLER: std::cell::Cell<Option<Installer>> = const { std::cell::Cell::new(None) };
    /// Whether the readers are in (natively they are from the start).
    static IN: std::cell::Cell<bool> = const { std::cell::Cell::new(!cfg!(target_arch = "wasm32")) };
}

/// Hands down the split point that installs the readers (called once by `App`, which sees
/// the split points; this room is below them).
pub fn set_installer(install: Installer) {
    INSTALLER.with(|i| i.set(Some(install)));
}

/// Fetches the chunk and installs the readers, unless they are in; whether they are after.
/// A chunk that cannot be fetched leaves them out, and the next call tries again.
pub async fn need() -> bool {
    if IN.with(|i| i.get()) {
        return true;
    }
    let Some(install) = INSTALLER.with(|i| i.get()) else {
        return false;
    };
    let ok = install().await.is_ok();
    if ok {
        IN.with(|i| i.set(true));
    }
    ok
}

/// Runs `then` once the path readers are in (fetching them first if they are not; at once
/// when they are, or when the chunk cannot be fetched): for an import that reads files or
/// links a person picked, so that any structural error in them is said with its place.
/// The first import before the idle prefetch waits for the chunk (about 45 KB gzip).
pub fn placed(then: impl FnOnce() + 'static) {
    if IN.with(|i| i.get()) {
        return then();
    }
    leptos::task::spawn_local(async move {
        let _ = need().await;
        then()
    });
}

/// Hands `first` (a read's outcome) to `then`, worded: when `waits(&first)` (a structural
/// error read before the path reader was in), after fetching the reader, with `again()` (the
/// same read, now naming the place); when the chunk cannot be fetched, `first` as it is (what
/// is wrong without where: never a wrong message). Otherwise at once.
pub fn word<R: 'static>(
    first: R,
    waits: impl FnOnce(&R) -> bool,
    again: impl FnOnce() -> R + 'static,
    then: impl FnOnce(R) + 'static,
) {
    if !waits(&first) {
        return then(first);
    }
    leptos::task::spawn_local(async move {
        if need().await {
            then(again())
        } else {
            then(first)
        }
    });
}

/// Whether a draft's error waits for the path reader.
pub fn draft_waits(e: &crate::domain::DraftError) -> bool {
    e.kind == crate::domain::DraftErrorKind::Unplaced
}

/// Whether an edition file's error waits for the path reader.
pub fn edition_waits(e: &crate::domain::edition::EditionError) -> bool {
    e.kind == crate::domain::edition::EditionErrorKind::Unplaced
}
