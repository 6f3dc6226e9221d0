//! Where in a JSON value a structural error is (`reviews[0].date`, `indicators[2].terms`):
//! the place that `草稿结构不符：reviews[0].date …` and an edition file's `成员 … ：…` name.
//!
//! Reading a draft or an edition is a plain serde `Deserialize` from the parsed value; only
//! when it fails is the value read again with `serde_path_to_error`, to name the place.
//! That reader is a seam (issue 25), like the signature check (`review::install_check`):
//! natively (`cqhr`, the tests, the benches) it is there from the start; in the web app's
//! main module it is not, and a chunk installs it (`ui::lazy::install_locators`), so that
//! the path tracking leaves the first load (−44 KB of the shipped module: docs/bundle.md).
//! Until then a reader
//! says what is wrong without where (`DraftErrorKind::Unplaced`, `EditionErrorKind::
//! Unplaced`), and the app words the error again once the chunk is in.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The place and serde's own message of a structural error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// serde_path_to_error's path: `reviews[0].date`, `platform.name`, `.` at the top.
    pub path: String,
    /// serde's message (English; said in Chinese by `serde_zh`).
    pub message: String,
}

/// Reads a value again to name the place of its structural error (`None`: it reads).
pub type Locator = fn(&Value) -> Option<Place>;

/// The locator for type `T`: the reader the chunk installs (and native code from the
/// start). Generic, so that its `serde_path_to_error` code is made where it is named.
pub fn locate<T: DeserializeOwned>(value: &Value) -> Option<Place> {
    serde_path_to_error::deserialize::<_, T>(value)
        .err()
        .map(|e| Place {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        })
}

/// The locator in `cell`, read through `black_box`: the build links the main module and
/// its chunks as one program, and LLVM, seeing that only one function is ever stored in
/// the cell, would call it directly, which would keep it (and `serde_path_to_error`) in the
/// main module (docs/bundle.md, the signature check's trap).
pub fn installed(
    cell: &'static std::thread::LocalKey<std::cell::Cell<Option<Locator>>>,
) -> Option<Locator> {
    std::hint::black_box(cell.with(|c| c.get()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        date: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[test]
    fn names_the_place_and_keeps_serdes_message() {
        let place = locate::<Outer>(&json!({"items": [{"date": "x"}, {"date": 5}]})).unwrap();
        assert_eq!(place.path, "items[1].date");
        assert_eq!(place.message, "invalid type: number, expected a string");
        assert_eq!(locate::<Outer>(&json!({"items": []})), None);
    }
}
