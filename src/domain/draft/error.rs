//! The error of reading a draft: what is wrong ([`DraftErrorKind`]) and where
//! ([`FieldPath`]), with the complete Chinese sentence the form and the command line show.

use serde::ser::SerializeStruct;
use serde::Serialize;

/// What is wrong with a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftErrorKind {
    /// Not JSON, or not UTF-8 text.
    Syntax,
    /// A member of the wrong type (an object expected, a text expected …).
    Shape,
    /// As [`Shape`](DraftErrorKind::Shape), found by serde before the place could be named:
    /// the web app's main module reads without the path reader (`domain::locate`, a chunk
    /// there, issue 25). The message says what, not where; the app reads again once the
    /// chunk is in, for the [`Shape`](DraftErrorKind::Shape) error with its place. Never
    /// seen natively (`cqhr`, the tests): the reader is there from the start.
    Unplaced,
    /// The draft format version is unknown or newer than this tool.
    Format,
    /// The rubric or its edition is missing or unknown.
    Rubric,
    /// An indicator the rubric does not have.
    UnknownIndicator,
    /// A field the indicator does not have.
    UnknownField,
    /// A value that cannot be read (not a number, negative, not an option …).
    InvalidValue,
    /// A 选其一 choice that names no pair or no member of it.
    Choice,
    /// Values that contradict each other (a part larger than its whole).
    Inconsistent,
}

/// Where in a draft a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldPath {
    /// The draft as a whole.
    Draft,
    /// A top-level member or a member path (`format`, `rubric`, `edition`, `level`,
    /// `platform`, `platform.year`, `inputs`, `previous_grade` …).
    Top(String),
    /// An entry of a map member: `key` in `choices`, `notes` or `inputs`.
    Entry { member: String, key: String },
    /// A scoring input: an indicator's field (`field` is empty for the indicator itself).
    Input { indicator: String, field: String },
    /// A [`Certification`](super::Certification) input, by key (`area_sqm`).
    Certification(&'static str),
    /// A 附表1 [`Application`](super::Application) field, by key (`phone`).
    Application(&'static str),
    /// A member of review layer `layer` (0-based) of `reviews`: `stage`, `date`, a field
    /// of an indicator in its `inputs`, or `inputs`/`reasons`/`confirmed` for an indicator
    /// the rubric lacks (issue 11).
    Review {
        layer: usize,
        indicator: Option<String>,
        field: String,
    },
}

impl FieldPath {
    pub fn top(member: &str) -> FieldPath {
        FieldPath::Top(member.to_string())
    }

    pub fn input(indicator: &str, field: &str) -> FieldPath {
        FieldPath::Input {
            indicator: indicator.to_string(),
            field: field.to_string(),
        }
    }

    pub fn entry(member: &str, key: &str) -> FieldPath {
        FieldPath::Entry {
            member: member.to_string(),
            key: key.to_string(),
        }
    }

    pub fn certification(key: &'static str) -> FieldPath {
        FieldPath::Certification(key)
    }

    pub fn application(key: &'static str) -> FieldPath {
        FieldPath::Application(key)
    }

    /// The indicator it names, as serialised (`indicator`): the indicator of an input, the
    /// key of a map entry.
    pub fn indicator(&self) -> Option<&str> {
        match self {
            FieldPath::Input { indicator, .. } => Some(indicator),
            FieldPath::Entry { key, .. } => Some(key),
            FieldPath::Review { indicator, .. } => indicator.as_deref(),
            _ => None,
        }
    }

    /// The field as serialised (`field`): `format`, `1.2`'s `revenue_wan`,
    /// `certification.area_sqm`, `application.phone`, `choices` …; `None` for the draft.
    pub fn field(&self) -> Option<String> {
        match self {
            FieldPath::Draft => None,
            FieldPath::Top(m) => Some(m.clone()),
            FieldPath::Entry { member, .. } => Some(member.clone()),
            FieldPath::Input { field, .. } => Some(field.clone()),
            FieldPath::Certification(k) => Some(format!("certification.{k}")),
            FieldPath::Application(k) => Some(format!("application.{k}")),
            FieldPath::Review { field, .. } => Some(field.clone()),
        }
    }
}

impl FieldPath {
    /// The place as one dotted path for scripts (`cqhr --format json` errors):
    /// `1.2.revenue_wan`, `1.2` (the indicator), `choices.2.1/2.2`, `platform.year`,
    /// `certification.area_sqm`, `application.phone`, `reviews[0].1.1.firms`,
    /// `reviews[0].date`; `None` for the draft as a whole.
    pub fn dotted(&self) -> Option<String> {
        match self {
            FieldPath::Draft => None,
            FieldPath::Top(m) => Some(m.clone()),
            FieldPath::Entry { member, key } => Some(format!("{member}.{key}")),
            FieldPath::Input { indicator, field } if field.is_empty() => Some(indicator.clone()),
            FieldPath::Input { indicator, field } => Some(format!("{indicator}.{field}")),
            FieldPath::Certification(k) => Some(format!("certification.{k}")),
            FieldPath::Application(k) => Some(format!("application.{k}")),
            FieldPath::Review {
                layer,
                indicator: Some(i),
                field,
            } if !field.is_empty() => Some(format!("reviews[{layer}].{i}.{field}")),
            FieldPath::Review {
                layer,
                indicator: Some(i),
                ..
            } => Some(format!("reviews[{layer}].{i}")),
            FieldPath::Review { layer, field, .. } => Some(format!("reviews[{layer}].{field}")),
        }
    }
}

/// A problem with a draft: its kind, its place, and a complete Chinese sentence that
/// names the indicator and field (when there is one), fit for the form and the command
/// line ([`Display`](std::fmt::Display)). Serialised as `{indicator, field, message}`
/// (the documented JSON): `indicator` and `field` from the path, as before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftError {
    pub kind: DraftErrorKind,
    pub path: FieldPath,
    /// The Chinese sentence (also the [`Display`](std::fmt::Display)).
    pub message: String,
}

impl DraftError {
    pub fn new(kind: DraftErrorKind, path: FieldPath, message: impl Into<String>) -> DraftError {
        DraftError {
            kind,
            path,
            message: message.into(),
        }
    }

    /// A problem with the draft as a whole.
    pub fn general(kind: DraftErrorKind, message: impl Into<String>) -> DraftError {
        DraftError::new(kind, FieldPath::Draft, message)
    }

    /// An invalid value at a place.
    pub fn at(path: FieldPath, message: impl Into<String>) -> DraftError {
        DraftError::new(DraftErrorKind::InvalidValue, path, message)
    }

    /// The Chinese sentence (also the [`Display`](std::fmt::Display)).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// As serialised: see [`FieldPath::indicator`].
    pub fn indicator(&self) -> Option<&str> {
        self.path.indicator()
    }

    /// As serialised: see [`FieldPath::field`].
    pub fn field(&self) -> Option<String> {
        self.path.field()
    }
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DraftError {}

impl Serialize for DraftError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("DraftError", 3)?;
        st.serialize_field("indicator", &self.indicator())?;
        st.serialize_field("field", &self.field())?;
        st.serialize_field("message", &self.message)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_before() {
        let e = DraftError::at(FieldPath::input("1.2", "revenue_wan"), "指标 1.2：不是数字");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"indicator":"1.2","field":"revenue_wan","message":"指标 1.2：不是数字"}"#
        );
        let e = DraftError::at(FieldPath::certification("sites"), "x");
        assert_eq!(e.field().as_deref(), Some("certification.sites"));
        assert_eq!(e.indicator(), None);
        let e = DraftError::general(DraftErrorKind::Syntax, "不是有效的 JSON 草稿");
        assert_eq!(e.to_string(), "不是有效的 JSON 草稿");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"indicator":null,"field":null,"message":"不是有效的 JSON 草稿"}"#
        );
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(boxed.to_string().contains("JSON"));
    }

    #[test]
    fn a_place_is_one_dotted_path_for_scripts() {
        let dotted = |p: FieldPath| p.dotted();
        assert_eq!(
            dotted(FieldPath::input("1.2", "revenue_wan")).as_deref(),
            Some("1.2.revenue_wan")
        );
        assert_eq!(dotted(FieldPath::input("9.9", "")).as_deref(), Some("9.9"));
        assert_eq!(
            dotted(FieldPath::entry("choices", "2.1/2.2")).as_deref(),
            Some("choices.2.1/2.2")
        );
        assert_eq!(
            dotted(FieldPath::top("platform.year")).as_deref(),
            Some("platform.year")
        );
        assert_eq!(
            dotted(FieldPath::application("phone")).as_deref(),
            Some("application.phone")
        );
        let review = FieldPath::Review {
            layer: 0,
            indicator: Some("1.1".into()),
            field: "firms".into(),
        };
        assert_eq!(dotted(review).as_deref(), Some("reviews[0].1.1.firms"));
        assert_eq!(dotted(FieldPath::Draft), None);
    }
}
