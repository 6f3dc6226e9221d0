//! A stored draft's id, beside the store that hands it out.

use serde::{Deserialize, Serialize};

/// A stored draft's id (`d1`, `d2` …: its key is `cqhr.draft.<id>`), as the store hands it
/// out and the ranking list refers to it ([`CohortItem::stored`]). Stored as the plain
/// string it always was (`serde(transparent)`); it reads as a `&str` wherever one is
/// asked for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DraftId(pub(super) String);

impl DraftId {
    pub fn new(id: impl Into<String>) -> DraftId {
        DraftId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for DraftId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for DraftId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DraftId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for DraftId {
    fn from(id: String) -> DraftId {
        DraftId(id)
    }
}

impl From<&str> for DraftId {
    fn from(id: &str) -> DraftId {
        DraftId(id.to_string())
    }
}

impl From<DraftId> for String {
    fn from(id: DraftId) -> String {
        id.0
    }
}

impl PartialEq<str> for DraftId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for DraftId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for DraftId {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}
