//! Forward compatibility (issue 22): a draft keeps every member it does not understand, at
//! every level, and writes it back as it was. A newer app may add a member (as
//! `edition_fingerprint`, `report` and `evidence` were added within format 2); an older
//! app that loads, edits and saves such a draft must not erase it.
//!
//! Each record of the draft has an `extra` map (`#[serde(flatten, skip_deserializing)]`:
//! written back in place by serde, but not read by it: a flattened read would buffer the
//! record and turn `serde_json`'s exact numbers into maps). [`take_unknown`] moves the
//! members a record's type does not name out of the raw JSON before the typed read, and
//! [`put_back`] hands them to the records read. The names a type knows are its serde field
//! list ([`fields_of`]), so a member added to a type is known at once, with no list here.

use super::application::{Application, MaterialEntry, Publicity};
use super::certification::{Certification, Establishment, ReliefGrant};
use super::report::{EvidenceItem, ParagraphEdit, ReportEdits};
use super::review::ReviewLayer;
use super::{Draft, Platform};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Members a record does not know, as they were.
pub type Extra = Map<String, Value>;

/// A deserializer that only records the field names a derived `Deserialize` asks for.
struct FieldsProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldsProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The member names a record type reads (its serde field list).
pub fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldsProbe(&mut fields));
    fields
}

/// Moves the members of `v` (an object) that `T` does not read into the returned map.
fn take<T: for<'de> Deserialize<'de>>(v: Option<&mut Value>) -> Extra {
    let Some(Value::Object(obj)) = v else {
        return Extra::new();
    };
    let known = fields_of::<T>();
    let unknown: Vec<String> = obj
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .cloned()
        .collect();
    unknown
        .into_iter()
        .filter_map(|k| obj.remove(&k).map(|v| (k, v)))
        .collect()
}

/// Applies `take::<T>` to every item of the list at `v`.
fn take_each<T: for<'de> Deserialize<'de>>(v: Option<&mut Value>) -> Vec<Extra> {
    match v {
        Some(Value::Array(items)) => items.iter_mut().map(|i| take::<T>(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// Applies `take::<T>` to every entry of the map at `v`.
fn take_entries<T: for<'de> Deserialize<'de>>(v: Option<&mut Value>) -> BTreeMap<String, Extra> {
    match v {
        Some(Value::Object(m)) => m
            .iter_mut()
            .map(|(k, i)| (k.clone(), take::<T>(Some(i))))
            .filter(|(_, e)| !e.is_empty())
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// The members taken out of a draft's JSON, by place, until the typed draft is read.
#[derive(Default)]
pub(super) struct Unknown {
    top: Extra,
    platform: Extra,
    certification: Extra,
    relief: Vec<Extra>,
    establishment: Extra,
    application: Extra,
    materials: BTreeMap<String, Extra>,
    publicity: Extra,
    report: Extra,
    paragraphs: BTreeMap<String, Extra>,
    evidence: Vec<Extra>,
    reviews: Vec<Extra>,
}

/// Takes every member no record of this version reads out of a draft's JSON object.
pub(super) fn take_unknown(obj: &mut Map<String, Value>) -> Unknown {
    let mut u = Unknown::default();
    if let Some(Value::Object(c)) = obj.get_mut("certification") {
        u.relief = take_each::<ReliefGrant>(c.get_mut("relief"));
        u.establishment = take::<Establishment>(c.get_mut("establishment"));
    }
    u.certification = take::<Certification>(obj.get_mut("certification"));
    if let Some(Value::Object(a)) = obj.get_mut("application") {
        u.materials = take_entries::<MaterialEntry>(a.get_mut("materials"));
        u.publicity = take::<Publicity>(a.get_mut("publicity"));
    }
    u.application = take::<Application>(obj.get_mut("application"));
    if let Some(Value::Object(r)) = obj.get_mut("report") {
        u.paragraphs = take_entries::<ParagraphEdit>(r.get_mut("paragraphs"));
    }
    u.report = take::<ReportEdits>(obj.get_mut("report"));
    u.platform = take::<Platform>(obj.get_mut("platform"));
    u.evidence = take_each::<EvidenceItem>(obj.get_mut("evidence"));
    u.reviews = take_each::<ReviewLayer>(obj.get_mut("reviews"));
    let known = fields_of::<Draft>();
    let top: Vec<String> = obj
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .cloned()
        .collect();
    for k in top {
        if let Some(v) = obj.remove(&k) {
            u.top.insert(k, v);
        }
    }
    u
}

/// Hands the members taken by [`take_unknown`] to the records read from the same JSON
/// (lists keep their order and length through the typed read).
pub(super) fn put_back(d: &mut Draft, u: Unknown) {
    d.extra = u.top;
    d.platform.extra = u.platform;
    d.certification.extra = u.certification;
    for (g, e) in d.certification.relief.iter_mut().zip(u.relief) {
        g.extra = e;
    }
    d.certification.establishment.extra = u.establishment;
    d.application.extra = u.application;
    for (k, e) in u.materials {
        if let Some(m) = d.application.materials.get_mut(&k) {
            m.extra = e;
        }
    }
    d.application.publicity.extra = u.publicity;
    d.report.extra = u.report;
    for (k, e) in u.paragraphs {
        if let Some(p) = d.report.paragraphs.get_mut(&k) {
            p.extra = e;
        }
    }
    for (item, e) in d.evidence.iter_mut().zip(u.evidence) {
        item.extra = e;
    }
    for (layer, e) in d.reviews.iter_mut().zip(u.reviews) {
        layer.extra = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lists_come_from_the_types() {
        let top = fields_of::<Draft>();
        for m in [
            "format", "rubric", "platform", "inputs", "report", "evidence", "reviews",
        ] {
            assert!(top.contains(&m), "{m} in {top:?}");
        }
        assert!(!top.contains(&"extra"), "the kept members are not a member");
        assert!(fields_of::<Platform>().contains(&"fill_date"));
        assert!(fields_of::<ReviewLayer>().contains(&"opinion"));
        assert!(fields_of::<EvidenceItem>().contains(&"pages"));
    }
}
