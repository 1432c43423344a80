//! The set of vocabularies in use, and how it is written in JSON rules.

use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::vocabulary::normalize;
use super::{ReportedState, Vocabulary};
use crate::error::{Error, ErrorCode, Location, Problem};

/// The vocabularies in use, consulted in order: the first that knows a label decides.
///
/// The default is the library's own vocabulary alone. Serialized as a list in which a
/// built-in vocabulary is its name and any other is `{"name": ..., "labels": {...}}`.
///
/// ```
/// use roadmap_tracker::status::{ReportedState, Vocabularies, Vocabulary};
/// use roadmap_tracker::ErrorCode;
/// let vocabularies = Vocabularies::default().with(Vocabulary::politifact());
/// assert_eq!(vocabularies.lookup("Promise Kept")?, ReportedState::Delivered);
/// assert_eq!(vocabularies.lookup("launched")?, ReportedState::Delivered);
/// let err = vocabularies.lookup("shipped").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::UnknownLabel);
/// assert!(err.to_string().contains("Promise Kept"));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabularies {
    list: Vec<Vocabulary>,
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies {
            list: vec![Vocabulary::library()],
        }
    }
}

impl Vocabularies {
    /// No vocabularies at all: every label is unknown until one is added.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Vocabularies, Vocabulary};
    /// let only_rag = Vocabularies::empty().with(Vocabulary::rag());
    /// assert!(only_rag.lookup("launched").is_err());
    /// ```
    pub fn empty() -> Self {
        Vocabularies { list: Vec::new() }
    }

    /// Built-in vocabularies by name, in order; an unknown name is an `unknown_value` error
    /// listing the built-in names.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// let v = Vocabularies::from_names(&["rag", "roadmap-tracker"])?;
    /// assert_eq!(v.names().collect::<Vec<_>>(), ["rag", "roadmap-tracker"]);
    /// assert!(Vocabularies::from_names(&["nope"]).is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn from_names(names: &[&str]) -> Result<Self, Error> {
        let mut out = Vocabularies::empty();
        for (i, name) in names.iter().enumerate() {
            let v = Vocabulary::builtin(name).ok_or_else(|| {
                Error::evaluation(Problem::new(
                    ErrorCode::UnknownValue,
                    Location::path(format!("vocabularies[{i}]")),
                    super::vocabulary::unknown_builtin(name),
                ))
            })?;
            out.list.push(v);
        }
        Ok(out)
    }

    /// The same set with one more vocabulary, consulted after the others.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Vocabularies, Vocabulary};
    /// assert_eq!(Vocabularies::default().with(Vocabulary::rag()).len(), 2);
    /// ```
    pub fn with(mut self, vocabulary: Vocabulary) -> Self {
        self.push(vocabulary);
        self
    }

    /// Add a vocabulary, consulted after the others.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Vocabularies, Vocabulary};
    /// let mut v = Vocabularies::empty();
    /// v.push(Vocabulary::politifact());
    /// assert_eq!(v.len(), 1);
    /// ```
    pub fn push(&mut self, vocabulary: Vocabulary) {
        self.list.push(vocabulary);
    }

    /// The vocabularies, in the order they are consulted.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// assert_eq!(Vocabularies::default().iter().count(), 1);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Vocabulary> {
        self.list.iter()
    }

    /// The vocabularies' names, in order.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// assert_eq!(Vocabularies::default().names().collect::<Vec<_>>(), ["roadmap-tracker"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(Vocabulary::name)
    }

    /// The number of vocabularies.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// assert_eq!(Vocabularies::empty().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// assert!(Vocabularies::empty().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The state of a label in the first vocabulary that knows it.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabularies};
    /// assert_eq!(Vocabularies::default().get("On hold"), Some(ReportedState::Paused));
    /// ```
    pub fn get(&self, label: &str) -> Option<ReportedState> {
        let key = normalize(label);
        self.list.iter().find_map(|v| v.get_normalized(&key))
    }

    /// The state of a label, or an `unknown_label` error whose message lists every label
    /// the vocabularies know. A label is never silently read as `unknown`.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabularies};
    /// assert_eq!(Vocabularies::default().lookup(" Under review ")?, ReportedState::Paused);
    /// assert!(Vocabularies::default().lookup("Promise Kept").is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn lookup(&self, label: &str) -> Result<ReportedState, Error> {
        self.get(label).ok_or_else(|| {
            Error::evaluation(Problem::new(
                ErrorCode::UnknownLabel,
                Location::default(),
                self.unknown_label_message(label),
            ))
        })
    }

    pub(crate) fn unknown_label_message(&self, label: &str) -> String {
        if self.list.is_empty() {
            return format!("unknown status label {label:?}: no vocabulary is in use");
        }
        let mut message = format!("unknown status label {label:?}; the vocabularies in use know:");
        for v in &self.list {
            message.push_str(&format!(" {}: ", v.name()));
            let labels: Vec<String> = v.labels().map(|(l, _)| format!("{l:?}")).collect();
            message.push_str(&labels.join(", "));
            message.push(';');
        }
        message.pop();
        message
    }
}

impl Serialize for Vocabularies {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.list.len()))?;
        for v in &self.list {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Vocabularies {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = Vocabularies;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of vocabulary names or {name, labels} objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vocabularies, A::Error> {
                let mut out = Vocabularies::empty();
                while let Some(v) = seq.next_element::<Vocabulary>()? {
                    out.push(v);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(ListVisitor)
    }
}
