//! Vocabularies: the words trackers use for status, mapped to [`ReportedState`].

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::vocabulary_builtin as builtin;
use super::ReportedState;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::io::csv_error;

/// A named map from status labels to [`ReportedState`].
///
/// Matching ignores case, surrounding spaces, repeated spaces, and which dash is used
/// (`-`, `–`, `—` and spaces around them are all the same), so "Completed - fully met"
/// matches "Completed – fully met".
///
/// ```
/// use roadmap_tracker::status::{ReportedState, Vocabulary};
/// let canada = Vocabulary::canada_mandate_tracker();
/// assert_eq!(canada.get("completed - FULLY met"), Some(ReportedState::Delivered));
/// assert_eq!(canada.get("Completed—modified"), Some(ReportedState::DeliveredDifferently));
/// assert_eq!(canada.get("launched"), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    name: String,
    /// The labels as given, in order (for listing and serializing).
    entries: Vec<(String, ReportedState)>,
    /// Normalized label → position in `entries`.
    index: HashMap<String, usize>,
    /// Unchanged from the built-in of the same name: serialized by name alone.
    builtin: bool,
}

/// Normalize a label for matching: lowercase, one space between words, one kind of dash
/// with no spaces around it.
pub(crate) fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut pending_space = false;
    for c in label.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let is_dash = matches!(
            c,
            '-' | '\u{2010}'
                | '\u{2011}'
                | '\u{2012}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2015}'
                | '\u{2212}'
        );
        if is_dash {
            // Spaces around a dash are dropped: "a – b", "a-b" and "a —b" all match.
            pending_space = false;
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('-');
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        pending_space = false;
        out.extend(c.to_lowercase());
    }
    out
}

fn vocabulary_error(code: ErrorCode, location: Location, message: String) -> Error {
    Error::format(Problem::new(code, location, message))
}

impl Vocabulary {
    /// An empty vocabulary with the given name.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// let mut v = Vocabulary::new("ours");
    /// v.insert("Shipped", ReportedState::Delivered)?;
    /// assert_eq!(v.get("shipped"), Some(ReportedState::Delivered));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Vocabulary {
            name: name.into(),
            entries: Vec::new(),
            index: HashMap::new(),
            builtin: false,
        }
    }

    /// Add a label. A blank label, or one that matches a label already present, is an error
    /// (`blank_field` or `duplicate_label`), so a vocabulary never maps one word two ways.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// # use roadmap_tracker::ErrorCode;
    /// let mut v = Vocabulary::new("ours");
    /// v.insert("Done", ReportedState::Delivered)?;
    /// let err = v.insert(" done ", ReportedState::Dropped).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::DuplicateLabel);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn insert(&mut self, label: impl Into<String>, state: ReportedState) -> Result<(), Error> {
        self.insert_at(label.into(), state, Location::default())
    }

    fn insert_at(
        &mut self,
        label: String,
        state: ReportedState,
        location: Location,
    ) -> Result<(), Error> {
        let key = normalize(&label);
        if key.is_empty() {
            return Err(vocabulary_error(
                ErrorCode::BlankField,
                location,
                format!("vocabulary {:?}: a label is blank", self.name),
            ));
        }
        if let Some(&i) = self.index.get(&key) {
            let first = self.entries.get(i).map_or("", |e| e.0.as_str());
            return Err(vocabulary_error(
                ErrorCode::DuplicateLabel,
                location,
                format!(
                    "vocabulary {:?}: label {label:?} matches {first:?}, which is already mapped",
                    self.name
                ),
            ));
        }
        self.index.insert(key, self.entries.len());
        self.entries.push((label, state));
        self.builtin = false;
        Ok(())
    }

    /// The vocabulary's name.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::library().name(), "roadmap-tracker");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The state a label maps to, if the vocabulary knows it.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// assert_eq!(Vocabulary::library().get("Under  Review"), Some(ReportedState::Paused));
    /// ```
    pub fn get(&self, label: &str) -> Option<ReportedState> {
        self.get_normalized(&normalize(label))
    }

    /// The state of a label already normalized with [`normalize`].
    pub(super) fn get_normalized(&self, key: &str) -> Option<ReportedState> {
        let i = *self.index.get(key)?;
        self.entries.get(i).map(|e| e.1)
    }

    /// The labels as given, with their states, in order.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// let politifact = Vocabulary::politifact();
    /// let first = politifact.labels().next();
    /// assert_eq!(first, Some(("Not Yet Rated", ReportedState::Unknown)));
    /// ```
    pub fn labels(&self) -> impl Iterator<Item = (&str, ReportedState)> + '_ {
        self.entries.iter().map(|(l, s)| (l.as_str(), *s))
    }

    /// The number of labels.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::politifact().len(), 6);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the vocabulary has no labels.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert!(Vocabulary::new("x").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A built-in vocabulary (serialized by name) from its constant table; also used for
    /// the tracker vocabularies.
    pub(super) fn from_table(name: &str, table: &[(&str, ReportedState)]) -> Vocabulary {
        let mut v = Vocabulary::new(name);
        for &(label, state) in table {
            // The tables are constants checked by the tests (no blanks, no duplicates);
            // a duplicate would only be skipped, never mapped twice.
            let _ = v.insert(label, state);
        }
        v.builtin = true;
        v
    }

    /// The library's own vocabulary, `roadmap-tracker`: every label the bundled data uses
    /// ("planned", "scheduled", "in progress", "underway", "ongoing", "in development",
    /// "progressing", "piloting", "delivered", "met", "launched", "completed", "published",
    /// "delivered differently", "approach changed", "under review", "paused",
    /// "rescheduled", "dropped", "unknown") and common synonyms.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// let v = Vocabulary::library();
    /// assert_eq!(v.get("approach changed"), Some(ReportedState::DeliveredDifferently));
    /// assert_eq!(v.get("piloting"), Some(ReportedState::InProgress));
    /// ```
    pub fn library() -> Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| Vocabulary::from_table("roadmap-tracker", builtin::LIBRARY))
            .clone()
    }

    /// Canada's Mandate Letter Tracker, `canada-mandate-tracker`: "Completed – fully met",
    /// "Completed – modified", "Underway – on track", "Underway – with challenges"
    /// (mapped to `paused`), "Ongoing", "Actions taken, progress made", "Not yet started",
    /// "Not being pursued".
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// let v = Vocabulary::canada_mandate_tracker();
    /// assert_eq!(v.get("Not being pursued"), Some(ReportedState::Dropped));
    /// ```
    pub fn canada_mandate_tracker() -> Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| {
            Vocabulary::from_table("canada-mandate-tracker", builtin::CANADA_MANDATE_TRACKER)
        })
        .clone()
    }

    /// PolitiFact's promise meters, `politifact`: "Not Yet Rated" (`unknown`), "In the
    /// Works", "Stalled", "Promise Kept", "Compromise" (`delivered_differently`), "Promise
    /// Broken" (`dropped`).
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// assert_eq!(Vocabulary::politifact().get("compromise"), Some(ReportedState::DeliveredDifferently));
    /// ```
    pub fn politifact() -> Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| Vocabulary::from_table("politifact", builtin::POLITIFACT))
            .clone()
    }

    /// Delivery-confidence ratings, `rag`: Green and Amber/Green (`in_progress`); Amber,
    /// Amber/Red and Red (`paused`: delivery in doubt); Grey (`unknown`).
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// assert_eq!(Vocabulary::rag().get("amber / red"), None); // the slash is not a dash
    /// assert_eq!(Vocabulary::rag().get("Amber/Red"), Some(ReportedState::Paused));
    /// ```
    pub fn rag() -> Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| Vocabulary::from_table("rag", builtin::RAG))
            .clone()
    }

    /// The names of the built-in vocabularies.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::builtin_names(), ["roadmap-tracker", "canada-mandate-tracker", "politifact", "rag"]);
    /// ```
    pub fn builtin_names() -> &'static [&'static str] {
        &[
            "roadmap-tracker",
            "canada-mandate-tracker",
            "politifact",
            "rag",
        ]
    }

    /// A built-in vocabulary by name: one of [`Vocabulary::builtin_names`], or the id of a
    /// versioned [`TrackerVocabulary`](super::TrackerVocabulary) such as `gmpp-5`.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert!(Vocabulary::builtin("politifact").is_some());
    /// assert!(Vocabulary::builtin("politifact-2008").is_some());
    /// assert!(Vocabulary::builtin("gartner").is_none());
    /// ```
    pub fn builtin(name: &str) -> Option<Vocabulary> {
        match name {
            "roadmap-tracker" => Some(Vocabulary::library()),
            "canada-mandate-tracker" => Some(Vocabulary::canada_mandate_tracker()),
            "politifact" => Some(Vocabulary::politifact()),
            "rag" => Some(Vocabulary::rag()),
            // The versioned tracker vocabularies, by id (see `TrackerVocabulary`).
            other => super::TrackerVocabulary::get(other).map(|t| t.to_vocabulary()),
        }
    }

    /// Read a vocabulary from CSV with the columns `label` and `state` (in any order; other
    /// columns are ignored). `state` is a [`ReportedState`] name. Errors name the line:
    /// `missing_field`, `ragged_row`, `csv_syntax`, `blank_field`, `unknown_value` (a state
    /// that does not exist) and `duplicate_label`.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// # use roadmap_tracker::ErrorCode;
    /// let v = Vocabulary::from_csv("ours", "label,state\nShipped,delivered\nParked,paused\n")?;
    /// assert_eq!(v.get("parked"), Some(ReportedState::Paused));
    ///
    /// let err = Vocabulary::from_csv("ours", "label,state\nShipped,shipped\n").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// assert_eq!(err.location().line, Some(2));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn from_csv(name: &str, text: &str) -> Result<Vocabulary, Error> {
        let file = format!("vocabulary {name}");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error(&file, &e))?.clone();
        let column = |want: &str| headers.iter().position(|h| h.trim() == want);
        let (Some(label_col), Some(state_col)) = (column("label"), column("state")) else {
            let missing = if column("label").is_none() {
                "label"
            } else {
                "state"
            };
            return Err(vocabulary_error(
                ErrorCode::MissingField,
                Location::line(file, 1).with_field(missing),
                format!("required column {missing:?} is missing"),
            ));
        };
        let mut vocabulary = Vocabulary::new(name);
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&file, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            let label = record.get(label_col).unwrap_or("");
            let state_text = record.get(state_col).unwrap_or("").trim();
            let state = state_text.parse::<ReportedState>().map_err(|_| {
                vocabulary_error(
                    ErrorCode::UnknownValue,
                    Location::line(&file, line).with_field("state"),
                    format!(
                        "unknown state {state_text:?} for label {label:?}: expected one of {}",
                        state_names()
                    ),
                )
            })?;
            vocabulary.insert_at(
                label.to_owned(),
                state,
                Location::line(&file, line).with_field("label"),
            )?;
        }
        Ok(vocabulary)
    }

    /// Read a vocabulary from a JSON object mapping each label to a [`ReportedState`] name.
    /// Errors name the key: `json_syntax`/`truncated` (with line and column), `wrong_type`,
    /// `unknown_value`, `blank_field` and `duplicate_label` (including the same key twice).
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// # use roadmap_tracker::ErrorCode;
    /// let v = Vocabulary::from_json("ours", r#"{"Shipped": "delivered", "Binned": "dropped"}"#)?;
    /// assert_eq!(v.get("binned"), Some(ReportedState::Dropped));
    ///
    /// let err = Vocabulary::from_json("ours", r#"{"Shipped": "shipped"}"#).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// assert_eq!(err.location().path.as_deref(), Some("[\"Shipped\"]"));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn from_json(name: &str, text: &str) -> Result<Vocabulary, Error> {
        let pairs: Pairs = serde_json::from_str(text).map_err(|e| {
            use serde_json::error::Category;
            let code = match e.classify() {
                Category::Eof => ErrorCode::Truncated,
                Category::Syntax => ErrorCode::JsonSyntax,
                Category::Io => ErrorCode::Io,
                Category::Data => ErrorCode::WrongType,
            };
            let full = e.to_string();
            let message = full
                .rfind(" at line ")
                .and_then(|i| full.get(..i))
                .unwrap_or(&full)
                .to_owned();
            vocabulary_error(
                code,
                Location {
                    file: Some(format!("vocabulary {name}")),
                    line: (e.line() > 0).then_some(e.line() as u64),
                    column: (e.line() > 0).then_some(e.column() as u64),
                    ..Location::default()
                },
                message,
            )
        })?;
        let mut vocabulary = Vocabulary::new(name);
        for (label, value) in pairs.0 {
            let at = Location::path(json_key_path(&label));
            let serde_json::Value::String(state_text) = value else {
                return Err(vocabulary_error(
                    ErrorCode::WrongType,
                    at,
                    format!("the state for label {label:?} must be a string"),
                ));
            };
            let state = state_text.trim().parse::<ReportedState>().map_err(|_| {
                vocabulary_error(
                    ErrorCode::UnknownValue,
                    at.clone(),
                    format!(
                        "unknown state {state_text:?} for label {label:?}: expected one of {}",
                        state_names()
                    ),
                )
            })?;
            vocabulary.insert_at(label, state, at)?;
        }
        Ok(vocabulary)
    }
}

fn json_key_path(key: &str) -> String {
    format!("[{}]", serde_json::Value::String(key.to_owned()))
}

/// The refusal of a vocabulary name that is not built in.
pub(super) fn unknown_builtin(name: &str) -> String {
    format!(
        "no built-in vocabulary is named {name:?}: expected one of {}",
        Vocabulary::builtin_names().join(", ")
    )
}

fn state_names() -> String {
    let names: Vec<&str> = ReportedState::ALL.iter().map(|s| s.as_str()).collect();
    names.join(", ")
}

/// A JSON object read as an ordered list of pairs, keeping repeated keys (which
/// `serde_json::Map` would silently collapse) so they can be reported.
pub(super) struct Pairs(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object mapping each label to a state")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, serde_json::Value>()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(PairsVisitor)
    }
}

impl Serialize for Vocabulary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.builtin {
            return s.serialize_str(&self.name);
        }
        struct Labels<'a>(&'a [(String, ReportedState)]);
        impl Serialize for Labels<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for (label, state) in self.0 {
                    map.serialize_entry(label, state)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("labels", &Labels(&self.entries))?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Vocabulary {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Full { name: String, labels: Pairs },
        }
        match Repr::deserialize(d)? {
            Repr::Name(name) => {
                Vocabulary::builtin(&name).ok_or_else(|| de::Error::custom(unknown_builtin(&name)))
            }
            Repr::Full { name, labels } => {
                let mut v = Vocabulary::new(name);
                for (label, value) in labels.0 {
                    let state: ReportedState =
                        serde_json::from_value(value).map_err(de::Error::custom)?;
                    v.insert(label, state).map_err(de::Error::custom)?;
                }
                Ok(v)
            }
        }
    }
}
