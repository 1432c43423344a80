//! Vocabularies: versioned label tables that give each status label one [`Meaning`].
//!
//! One type serves the library's own labels, the published trackers' (PolitiFact, Canada's
//! mandate letter tracker, the Polimètre, Full Fact, GMPP, RAG, OKR bands) and a caller's
//! own: a [`Vocabulary`] has an id, the tracker and version it comes from, and its labels,
//! each with its aliases and one meaning. The status rules read a label's
//! [`ReportedState`] through [`Vocabularies`]; the sheet loader and translations read the
//! same label's open state or verdict ([`Vocabulary::read`], [`Vocabulary::translate`]).
//!
//! ```
//! use roadmap_tracker::status::{NonRating, OpenState, ReportedState, TwoPhaseStatus, Vocabulary};
//! let gmpp = Vocabulary::builtin("gmpp-5")?;
//! let r = gmpp.read("amber/red")?;
//! assert_eq!(r.label(), Some("Amber/Red"));
//! assert_eq!(r.status(), Some(TwoPhaseStatus::open(OpenState::AtRisk)));
//! assert_eq!(gmpp.get("amber/red"), Some(ReportedState::Paused));
//! assert_eq!(gmpp.read("Exempt under Section 43 FOI")?.non_rating(), Some(NonRating::Withheld));
//! assert!(gmpp.read("Purple").is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::verdict::{Meaning, NonRating, TwoPhaseStatus};
use super::vocabulary_builtin as builtin;
use super::{Rag, ReportedState};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::io::csv_error;

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

/// One label of a [`Vocabulary`]: the tracker's spelling, other spellings that mean the
/// same, and its one meaning.
///
/// ```
/// use roadmap_tracker::status::{Meaning, OpenState, Rag, Vocabulary};
/// let gmpp = Vocabulary::builtin("gmpp-5")?;
/// let label = gmpp.label("A/G").ok_or("a label")?;
/// assert_eq!(label.label, "Amber/Green");
/// assert_eq!(label.meaning, Meaning::Open(OpenState::OnTrack));
/// assert_eq!(label.rag, Some(Rag::Green));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Label {
    /// The tracker's own spelling.
    pub label: String,
    /// Other spellings that mean the same (case and dashes never matter anyway).
    pub aliases: Vec<String>,
    /// What it means.
    pub meaning: Meaning,
    /// For rating scales: the colour, used to translate between rating scales.
    pub rag: Option<Rag>,
}

/// A versioned label table: the labels one tracker used in one version of its
/// methodology (or the library's own, or a caller's), each with one [`Meaning`].
///
/// Matching ignores case, surrounding spaces, repeated spaces, and which dash is used
/// (`-`, `–`, `—` and spaces around them are all the same), so "Completed - fully met"
/// matches "Completed – fully met".
///
/// The built-ins come from [`Vocabulary::builtin`]; a caller's own from
/// [`Vocabulary::new`] and [`Vocabulary::insert`], [`Vocabulary::from_csv`] or
/// [`Vocabulary::from_json`]. A built-in serializes as its id; any other as
/// `{"name": ..., "labels": {label: meaning}}` (see [`Vocabulary::from_json`]).
///
/// ```
/// use roadmap_tracker::status::{ReportedState, Vocabulary};
/// let canada = Vocabulary::builtin("canada-mandate-tracker")?;
/// assert_eq!(canada.id(), "canada-mandate-tracker-2019");
/// assert_eq!(canada.get("completed - FULLY met"), Some(ReportedState::Delivered));
/// assert_eq!(canada.get("Completed—modified"), Some(ReportedState::DeliveredDifferently));
/// assert_eq!(canada.get("launched"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    id: String,
    tracker: String,
    version: String,
    labels: Vec<Label>,
    /// Normalized label or alias → position in `labels`.
    index: HashMap<String, usize>,
    /// Unchanged from the built-in of the same id: serialized by id alone.
    builtin: bool,
}

fn vocabulary_error(code: ErrorCode, location: Location, message: String) -> Error {
    Error::format(Problem::new(code, location, message))
}

/// What one cell says, read through a [`Vocabulary`].
///
/// ```
/// use roadmap_tracker::status::{Reading, Vocabulary};
/// let pf = Vocabulary::builtin("politifact-2017")?;
/// assert!(matches!(pf.read("promise KEPT")?, Reading::Rated { .. }));
/// assert!(matches!(pf.read("Not Yet Rated")?, Reading::NonRating { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reading {
    /// A label of the vocabulary that is an open state or a verdict.
    Rated {
        /// The vocabulary's id.
        vocabulary: String,
        /// The tracker's spelling of the label (the cell itself may differ in case).
        label: String,
        /// Its meaning in the two-phase model.
        status: TwoPhaseStatus,
        /// Its colour, for rating scales.
        rag: Option<Rag>,
    },
    /// Not a rating: a label of the vocabulary that means none, or a cell recognised by
    /// [`NonRating::recognise`].
    NonRating {
        /// Which kind.
        non_rating: NonRating,
        /// The cell as written.
        text: String,
    },
}

impl Reading {
    /// The tracker's label, for a rating.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// let pf = Vocabulary::builtin("politifact-2017")?;
    /// assert_eq!(pf.read("promise KEPT")?.label(), Some("Promise Kept"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(&self) -> Option<&str> {
        match self {
            Reading::Rated { label, .. } => Some(label),
            Reading::NonRating { .. } => None,
        }
    }

    /// The two-phase status, for a rating; `None` for a non-rating.
    ///
    /// ```
    /// # use roadmap_tracker::status::{TwoPhaseStatus, Verdict, Vocabulary};
    /// let pf = Vocabulary::builtin("politifact-2017")?;
    /// assert_eq!(pf.read("Compromise")?.status(), Some(TwoPhaseStatus::closed(Verdict::MetWithChanges)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self) -> Option<TwoPhaseStatus> {
        match self {
            Reading::Rated { status, .. } => Some(*status),
            Reading::NonRating { .. } => None,
        }
    }

    /// The colour, for a rating on a rating scale.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Rag, Vocabulary};
    /// let gmpp = Vocabulary::builtin("gmpp-5")?;
    /// assert_eq!(gmpp.read("A/G")?.rag(), Some(Rag::Green));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rag(&self) -> Option<Rag> {
        match self {
            Reading::Rated { rag, .. } => *rag,
            Reading::NonRating { .. } => None,
        }
    }

    /// The kind of non-rating, if the cell is one.
    ///
    /// ```
    /// # use roadmap_tracker::status::{NonRating, Vocabulary};
    /// let ff = Vocabulary::builtin("full-fact")?;
    /// assert_eq!(ff.read("Unclear or disputed")?.non_rating(), Some(NonRating::Unclear));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn non_rating(&self) -> Option<NonRating> {
        match self {
            Reading::NonRating { non_rating, .. } => Some(*non_rating),
            Reading::Rated { .. } => None,
        }
    }

    /// The reading as one word for tables: the tracker's label, or the non-rating's name
    /// in brackets (`[withheld]`), so the two can never be mistaken for each other.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// let gmpp = Vocabulary::builtin("gmpp-3")?;
    /// assert_eq!(gmpp.read("No DCA")?.key(), "[not_assessed]");
    /// assert_eq!(gmpp.read("red")?.key(), "Red");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self) -> String {
        match self {
            Reading::Rated { label, .. } => label.clone(),
            Reading::NonRating { non_rating, .. } => format!("[{non_rating}]"),
        }
    }
}

/// A vocabulary written out in full, built-in or not: `{"id", "tracker", "version",
/// "labels": [{"label", "aliases", "meaning", "rag"}]}`, for listing the built-ins
/// (a [`Vocabulary`] itself serializes a built-in by its id alone).
///
/// ```
/// use roadmap_tracker::status::Vocabulary;
/// let json = serde_json::to_value(Vocabulary::builtin("gmpp-3")?.table())?;
/// assert_eq!(json["id"], "gmpp-3");
/// assert_eq!(json["labels"][1]["meaning"], "at_risk");
/// assert_eq!(json["labels"][1]["rag"], "amber");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LabelTable<'a> {
    /// [`Vocabulary::id`].
    pub id: &'a str,
    /// [`Vocabulary::tracker`].
    pub tracker: &'a str,
    /// [`Vocabulary::version`].
    pub version: &'a str,
    /// [`Vocabulary::labels`].
    pub labels: &'a [Label],
}

/// A label translated into another vocabulary.
///
/// ```
/// use roadmap_tracker::status::Vocabulary;
/// let t = Vocabulary::builtin("gmpp-5")?.translate("Red", Vocabulary::builtin("gmpp-3")?)?;
/// assert_eq!((t.label.as_str(), t.lossy), ("Red", false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Translation {
    /// The target vocabulary's label.
    pub label: String,
    /// True when the translation loses detail: the target has fewer distinctions here
    /// (several source labels land on this one), or several target labels would do.
    pub lossy: bool,
}

impl Vocabulary {
    /// An empty vocabulary of one's own with the given id (its tracker and version are
    /// empty).
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// let mut v = Vocabulary::new("ours");
    /// v.insert("Shipped", ReportedState::Delivered)?;
    /// assert_eq!(v.get("shipped"), Some(ReportedState::Delivered));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Vocabulary {
            id: id.into(),
            tracker: String::new(),
            version: String::new(),
            labels: Vec::new(),
            index: HashMap::new(),
            builtin: false,
        }
    }

    /// Add a label with its meaning (a [`Meaning`], or a [`ReportedState`] read as
    /// [`Meaning::from`] it). A blank label, or one that matches a label or alias already
    /// present, is an error (`blank_field` or `duplicate_label`), so a vocabulary never
    /// maps one word two ways.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, OpenState, ReportedState, Vocabulary};
    /// # use roadmap_tracker::ErrorCode;
    /// let mut v = Vocabulary::new("ours");
    /// v.insert("Done", ReportedState::Delivered)?;
    /// v.insert("Wobbly", Meaning::Open(OpenState::AtRisk))?;
    /// assert_eq!(v.get("wobbly"), Some(ReportedState::Paused));
    /// let err = v.insert(" done ", ReportedState::Dropped).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::DuplicateLabel);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insert(
        &mut self,
        label: impl Into<String>,
        meaning: impl Into<Meaning>,
    ) -> Result<(), Error> {
        self.insert_label(
            Label {
                label: label.into(),
                aliases: Vec::new(),
                meaning: meaning.into(),
                rag: None,
            },
            Location::default(),
        )
    }

    fn insert_label(&mut self, label: Label, location: Location) -> Result<(), Error> {
        let position = self.labels.len();
        let mut keys: Vec<String> = Vec::with_capacity(1 + label.aliases.len());
        for spelling in std::iter::once(&label.label).chain(&label.aliases) {
            let key = normalize(spelling);
            if key.is_empty() {
                return Err(vocabulary_error(
                    ErrorCode::BlankField,
                    location,
                    format!("vocabulary {:?}: a label is blank", self.id),
                ));
            }
            let taken = if keys.contains(&key) {
                Some(position)
            } else {
                self.index.get(&key).copied()
            };
            if let Some(i) = taken {
                let first = self
                    .labels
                    .get(i)
                    .map_or(label.label.as_str(), |l| l.label.as_str());
                return Err(vocabulary_error(
                    ErrorCode::DuplicateLabel,
                    location,
                    format!(
                        "vocabulary {:?}: label {spelling:?} matches {first:?}, which is already mapped",
                        self.id
                    ),
                ));
            }
            keys.push(key);
        }
        for key in keys {
            self.index.insert(key, position);
        }
        self.labels.push(label);
        self.builtin = false;
        Ok(())
    }

    /// The id, e.g. `gmpp-5`, `canada-mandate-tracker-2017` or `roadmap-tracker`.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::builtin("roadmap-tracker")?.id(), "roadmap-tracker");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The tracker's name; empty for a vocabulary of one's own.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::builtin("politifact")?.tracker(), "PolitiFact");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tracker(&self) -> &str {
        &self.tracker
    }

    /// The version of the tracker's methodology (usually the year the labels came in);
    /// empty for a vocabulary of one's own.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::builtin("gmpp-3")?.version(), "3-point (from 2021)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The labels, in order (best first for the trackers).
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, NonRating, Vocabulary};
    /// let first = Vocabulary::builtin("politifact")?.labels().first().ok_or("a label")?;
    /// assert_eq!((first.label.as_str(), first.meaning), ("Not Yet Rated", Meaning::NonRating(NonRating::NotAssessed)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The vocabulary written out in full (see [`LabelTable`]).
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::builtin("okr")?.table().labels.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self) -> LabelTable<'_> {
        LabelTable {
            id: &self.id,
            tracker: &self.tracker,
            version: &self.version,
            labels: &self.labels,
        }
    }

    /// The number of labels (aliases not counted).
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert_eq!(Vocabulary::builtin("politifact")?.len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the vocabulary has no labels.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// assert!(Vocabulary::new("x").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The label a text matches (by its spelling or an alias), if any.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// let polimetre = Vocabulary::builtin("polimetre")?;
    /// assert_eq!(polimetre.label("REALISEE").map(|l| l.label.as_str()), Some("réalisée"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(&self, text: &str) -> Option<&Label> {
        self.label_normalized(&normalize(text))
    }

    fn label_normalized(&self, key: &str) -> Option<&Label> {
        let i = *self.index.get(key)?;
        self.labels.get(i)
    }

    /// The meaning of a label, if the vocabulary knows it.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, Verdict, Vocabulary};
    /// let pf = Vocabulary::builtin("politifact")?;
    /// assert_eq!(pf.meaning("promise broken"), Some(Meaning::Verdict(Verdict::Missed)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn meaning(&self, text: &str) -> Option<Meaning> {
        self.label(text).map(|l| l.meaning)
    }

    /// The [`ReportedState`] a label gives the status rules, if the vocabulary knows it.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// let library = Vocabulary::builtin("roadmap-tracker")?;
    /// assert_eq!(library.get("Under  Review"), Some(ReportedState::Paused));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, text: &str) -> Option<ReportedState> {
        self.get_normalized(&normalize(text))
    }

    /// The state of a label already normalized with [`normalize`].
    pub(super) fn get_normalized(&self, key: &str) -> Option<ReportedState> {
        self.label_normalized(key)
            .map(|l| l.meaning.reported_state())
    }

    /// Every built-in vocabulary, in the order `docs/vocabularies.md` lists them: the
    /// library's own (`roadmap-tracker`) first, then the trackers by id.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// let ids: Vec<&str> = Vocabulary::all().iter().map(|v| v.id()).collect();
    /// assert_eq!(ids.first(), Some(&"roadmap-tracker"));
    /// assert!(ids.contains(&"polimetre") && ids.contains(&"okr"));
    /// ```
    pub fn all() -> &'static [Vocabulary] {
        static ALL: OnceLock<Vec<Vocabulary>> = OnceLock::new();
        ALL.get_or_init(|| builtin::TABLES.iter().map(|t| from_table(t)).collect())
    }

    /// A built-in vocabulary by id, or by a short name that stands for a tracker's newest
    /// version: `politifact` is `politifact-2017`, `canada-mandate-tracker` is
    /// `canada-mandate-tracker-2019`. GMPP has no short name: name `gmpp-5` or `gmpp-3`.
    /// Anything else is an `unknown_value` error listing the names.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// # use roadmap_tracker::ErrorCode;
    /// assert_eq!(Vocabulary::builtin("politifact")?.id(), "politifact-2017");
    /// assert_eq!(Vocabulary::builtin("gmpp-3")?.len(), 3);
    /// let err = Vocabulary::builtin("gmpp").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// assert!(err.to_string().contains("gmpp-5"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin(name: &str) -> Result<&'static Vocabulary, Error> {
        let id = builtin::SHORT_NAMES
            .iter()
            .find(|(short, _)| *short == name)
            .map_or(name, |(_, id)| id);
        Vocabulary::all()
            .iter()
            .find(|v| v.id == id)
            .ok_or_else(|| {
                let mut names: Vec<&str> = Vocabulary::all().iter().map(|v| v.id()).collect();
                names.extend(builtin::SHORT_NAMES.iter().map(|(short, _)| *short));
                Error::unknown_value("vocabulary", name, &names)
            })
    }

    /// Read one cell: a label (any case, any dash, or an alias), a non-rating, or an
    /// `unknown_label` error that lists the vocabulary's labels. A label whose meaning is
    /// a non-rating, and a cell [`NonRating::recognise`] knows ("exempt under FOI", "No
    /// DCA"), read as [`Reading::NonRating`]. A blank cell is an error too: whether blank
    /// means "not assessed" is the caller's call, not the vocabulary's.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabulary;
    /// # use roadmap_tracker::ErrorCode;
    /// let canada = Vocabulary::builtin("canada-mandate-tracker-2017")?;
    /// assert_eq!(canada.read("completed – FULLY met")?.label(), Some("Completed - fully met"));
    /// let err = canada.read("Actions taken, progress made").unwrap_err(); // a 2019 label
    /// assert_eq!(err.code(), ErrorCode::UnknownLabel);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read(&self, text: &str) -> Result<Reading, Error> {
        if let Some(l) = self.label(text) {
            return Ok(match (l.meaning.status(), l.meaning.non_rating()) {
                (Some(status), _) => Reading::Rated {
                    vocabulary: self.id.clone(),
                    label: l.label.clone(),
                    status,
                    rag: l.rag,
                },
                (None, non) => Reading::NonRating {
                    non_rating: non.unwrap_or(NonRating::NotAssessed),
                    text: text.to_owned(),
                },
            });
        }
        match NonRating::recognise(text) {
            Some(non_rating) => Ok(Reading::NonRating {
                non_rating,
                text: text.to_owned(),
            }),
            None => Err(unknown_label(self, text)),
        }
    }

    /// Translate a label of this vocabulary into `to`.
    ///
    /// Rating scales (both sides open with a colour) translate by colour: GMPP's
    /// Amber/Green is green on the three-point scale, Amber/Red amber. Everything else
    /// translates by meaning, taking the target's first label with the same meaning (a
    /// non-rating label to the target's label for the same non-rating). A meaning the
    /// target lacks has no translation (`unknown_value`).
    ///
    /// ```
    /// use roadmap_tracker::status::Vocabulary;
    /// let five = Vocabulary::builtin("gmpp-5")?;
    /// let three = Vocabulary::builtin("gmpp-3")?;
    /// let t = five.translate("Amber/Red", three)?;
    /// assert_eq!((t.label.as_str(), t.lossy), ("Amber", true));
    /// let pf = Vocabulary::builtin("politifact-2008")?;
    /// let newer = Vocabulary::builtin("politifact-2017")?;
    /// assert_eq!(pf.translate("No Action", newer)?.label, "Not Yet Rated");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn translate(&self, label: &str, to: &Vocabulary) -> Result<Translation, Error> {
        let source = self
            .label(label)
            .ok_or_else(|| unknown_label(self, label))?;
        let is_scale = |l: &Label| l.meaning.is_open() && l.rag.is_some();
        let pick = |same: &dyn Fn(&Label) -> bool| -> Option<Translation> {
            let mut found = to.labels.iter().filter(|l| same(l));
            let first = found.next()?;
            // Several target labels would do, or several source labels land here.
            let lossy =
                found.next().is_some() || self.labels.iter().filter(|l| same(l)).count() > 1;
            Some(Translation {
                label: first.label.clone(),
                lossy,
            })
        };
        if is_scale(source) && to.labels.iter().any(is_scale) {
            if let Some(t) = pick(&|l: &Label| is_scale(l) && l.rag == source.rag) {
                return Ok(t);
            }
        }
        pick(&|l: &Label| l.meaning == source.meaning).ok_or_else(|| {
            Error::evaluation(Problem::new(
                ErrorCode::UnknownValue,
                Location::default(),
                format!(
                    "{label:?} of {} has no translation into {}: {} has no label meaning {}",
                    self.id, to.id, to.id, source.meaning
                ),
            ))
        })
    }

    /// Read a vocabulary from CSV with the columns `label` and `state` (in any order; other
    /// columns are ignored). `state` is a [`Meaning`] name or a [`ReportedState`] name
    /// (see [`Meaning`]). Errors name the line: `missing_field`, `ragged_row`,
    /// `csv_syntax`, `blank_field`, `unknown_value` (a state that does not exist) and
    /// `duplicate_label`.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabulary};
    /// # use roadmap_tracker::ErrorCode;
    /// let v = Vocabulary::from_csv("ours", "label,state\nShipped,delivered\nParked,paused\nWobbly,at_risk\n")?;
    /// assert_eq!(v.get("parked"), Some(ReportedState::Paused));
    ///
    /// let err = Vocabulary::from_csv("ours", "label,state\nShipped,shipped\n").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// assert_eq!(err.location().line, Some(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv(id: &str, text: &str) -> Result<Vocabulary, Error> {
        let file = format!("vocabulary {id}");
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
        let mut vocabulary = Vocabulary::new(id);
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(&file, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            let label = record.get(label_col).unwrap_or("");
            let state_text = record.get(state_col).unwrap_or("");
            let meaning = parse_meaning(state_text, label)
                .map_err(|e| e.at(Location::line(&file, line).with_field("state")))?;
            vocabulary.insert_label(
                plain(label.to_owned(), meaning),
                Location::line(&file, line).with_field("label"),
            )?;
        }
        Ok(vocabulary)
    }

    /// Read a vocabulary from a JSON object mapping each label to a [`Meaning`] or
    /// [`ReportedState`] name, or to an object `{"meaning": ..., "aliases": [...], "rag":
    /// ...}` (aliases and colour optional). Errors name the key: `json_syntax`/`truncated`
    /// (with line and column), `wrong_type`, `unknown_value`, `blank_field` and
    /// `duplicate_label` (including the same key twice).
    ///
    /// ```
    /// # use roadmap_tracker::status::{Rag, ReportedState, Vocabulary};
    /// # use roadmap_tracker::ErrorCode;
    /// let v = Vocabulary::from_json("ours", r#"{"Shipped": "delivered", "Binned": "dropped",
    ///     "Wobbly": {"meaning": "at_risk", "aliases": ["W"], "rag": "amber"}}"#)?;
    /// assert_eq!(v.get("binned"), Some(ReportedState::Dropped));
    /// assert_eq!(v.read("w")?.rag(), Some(Rag::Amber));
    ///
    /// let err = Vocabulary::from_json("ours", r#"{"Shipped": "shipped"}"#).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// assert_eq!(err.location().path.as_deref(), Some("[\"Shipped\"]"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(id: &str, text: &str) -> Result<Vocabulary, Error> {
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
                    file: Some(format!("vocabulary {id}")),
                    line: (e.line() > 0).then_some(e.line() as u64),
                    column: (e.line() > 0).then_some(e.column() as u64),
                    ..Location::default()
                },
                message,
            )
        })?;
        Vocabulary::from_pairs(id, pairs)
    }

    fn from_pairs(id: &str, pairs: Pairs) -> Result<Vocabulary, Error> {
        let mut vocabulary = Vocabulary::new(id);
        for (label, value) in pairs.0 {
            let at = Location::path(json_key_path(&label));
            let entry = label_from_json(label, value).map_err(|e| e.at(at.clone()))?;
            vocabulary.insert_label(entry, at)?;
        }
        Ok(vocabulary)
    }
}

fn plain(label: String, meaning: Meaning) -> Label {
    Label {
        label,
        aliases: Vec::new(),
        meaning,
        rag: None,
    }
}

fn from_table(table: &builtin::Table) -> Vocabulary {
    let mut v = Vocabulary::new(table.id);
    v.tracker = table.tracker.to_owned();
    v.version = table.version.to_owned();
    for row in table.labels {
        let label = Label {
            label: row.label.to_owned(),
            aliases: row.aliases.iter().map(|a| (*a).to_owned()).collect(),
            meaning: row.meaning,
            rag: row.rag,
        };
        // The tables are constants checked by the tests (no blanks, no duplicates); a
        // duplicate would only be skipped, never mapped twice.
        let _ = v.insert_label(label, Location::default());
    }
    v.builtin = true;
    v
}

fn parse_meaning(text: &str, label: &str) -> Result<Meaning, Error> {
    text.trim().parse::<Meaning>().map_err(|e| {
        vocabulary_error(
            ErrorCode::UnknownValue,
            Location::default(),
            format!("label {label:?}: {}", e.message()),
        )
    })
}

fn label_from_json(label: String, value: Json) -> Result<Label, Error> {
    let wrong = |what: &str| {
        vocabulary_error(
            ErrorCode::WrongType,
            Location::default(),
            format!("the {what} for label {label:?} must be a string"),
        )
    };
    match value {
        Json::Text(name) => {
            let meaning = parse_meaning(&name, &label)?;
            Ok(plain(label, meaning))
        }
        Json::Object(pairs) => {
            // As a JSON object read into a map: the first unknown key in name order, and a
            // key given twice has its last value.
            let known = |k: &str| matches!(k, "meaning" | "aliases" | "rag");
            if let Some(key) = pairs.iter().map(|(k, _)| k).filter(|k| !known(k)).min() {
                return Err(vocabulary_error(
                    ErrorCode::UnknownField,
                    Location::default(),
                    format!("label {label:?}: unknown key {key:?}: expected meaning, aliases, rag"),
                ));
            }
            let last = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);
            let meaning = match last("meaning") {
                Some(Json::Text(name)) => parse_meaning(name, &label)?,
                _ => return Err(wrong("meaning")),
            };
            let aliases = match last("aliases") {
                None | Some(Json::Null) => Vec::new(),
                Some(Json::List(items)) => items
                    .iter()
                    .map(|a| match a {
                        Json::Text(s) => Ok(s.clone()),
                        _ => Err(wrong("alias")),
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => return Err(wrong("aliases list")),
            };
            let rag = match last("rag") {
                None | Some(Json::Null) => None,
                Some(Json::Text(name)) => Some(name.trim().parse::<Rag>().map_err(|e| {
                    vocabulary_error(
                        ErrorCode::UnknownValue,
                        Location::default(),
                        format!("label {label:?}: {}", e.message()),
                    )
                })?),
                Some(_) => return Err(wrong("rag")),
            };
            Ok(Label {
                label,
                aliases,
                meaning,
                rag,
            })
        }
        _ => Err(wrong("meaning")),
    }
}

fn unknown_label(vocabulary: &Vocabulary, text: &str) -> Error {
    let labels: Vec<String> = vocabulary
        .labels
        .iter()
        .map(|l| format!("{:?}", l.label))
        .collect();
    let source = if vocabulary.tracker.is_empty() {
        String::new()
    } else {
        format!(" ({} {})", vocabulary.tracker, vocabulary.version)
    };
    Error::evaluation(Problem::new(
        ErrorCode::UnknownLabel,
        Location::default(),
        format!(
            "unknown label {text:?} for {}{source}: expected one of {}, or a non-rating such as \"exempt under FOI\" or \"No DCA\"",
            vocabulary.id,
            labels.join(", ")
        ),
    ))
}

fn json_key_path(key: &str) -> String {
    // The key as a JSON string (through the compact writer: a `Value`'s `Display` would
    // link a second, pretty-printing copy of the serializer).
    let quoted = serde_json::to_string(key).unwrap_or_default();
    format!("[{quoted}]")
}

/// A JSON object read as an ordered list of pairs, keeping repeated keys (which
/// `serde_json::Map` would silently collapse) so they can be reported.
struct Pairs(Vec<(String, Json)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object mapping each label to a meaning")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<String, Json>()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(PairsVisitor)
    }
}

/// Any JSON value, as the vocabulary readers look at it: text, lists and objects (every
/// pair kept, in order), null, and numbers and booleans as `Other`. Everything is read, so
/// only malformed text fails while reading; the readers check the values afterwards.
/// (`serde_json::Value` would do, at the cost of its own code and a map type in the
/// WebAssembly module.)
enum Json {
    Text(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
    Null,
    Other,
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct JsonVisitor;
        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any valid JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Json, E> {
                Ok(Json::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Json, E> {
                Ok(Json::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Json, E> {
                Ok(Json::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
                Ok(Json::Other)
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                Json::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Json::Object(pairs))
            }
        }
        d.deserialize_any(JsonVisitor)
    }
}

/// The name a meaning is written with in a caller's vocabulary: the [`ReportedState`]'s
/// when the meaning is the one that state stands for (so `label → state` vocabularies
/// write back as they were read), else the meaning's own.
fn written_name(meaning: Meaning) -> &'static str {
    let state = meaning.reported_state();
    if Meaning::from(state) == meaning {
        state.as_str()
    } else {
        meaning.as_str()
    }
}

impl Serialize for Vocabulary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.builtin {
            return s.serialize_str(&self.id);
        }
        struct Entry<'a>(&'a Label);
        impl Serialize for Entry<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let l = self.0;
                if l.aliases.is_empty() && l.rag.is_none() {
                    return s.serialize_str(written_name(l.meaning));
                }
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("meaning", written_name(l.meaning))?;
                if !l.aliases.is_empty() {
                    map.serialize_entry("aliases", &l.aliases)?;
                }
                if let Some(rag) = l.rag {
                    map.serialize_entry("rag", &rag)?;
                }
                map.end()
            }
        }
        struct Labels<'a>(&'a [Label]);
        impl Serialize for Labels<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for label in self.0 {
                    map.serialize_entry(&label.label, &Entry(label))?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("name", &self.id)?;
        if !self.tracker.is_empty() {
            map.serialize_entry("tracker", &self.tracker)?;
        }
        if !self.version.is_empty() {
            map.serialize_entry("version", &self.version)?;
        }
        map.serialize_entry("labels", &Labels(&self.labels))?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Vocabulary {
    /// A built-in vocabulary's name, or `{"name", "tracker"?, "version"?, "labels"}` (other
    /// keys ignored). Anything else is refused with one message, whatever is wrong in it.
    ///
    /// Written by hand: the two forms as a derived untagged enum buffered every value
    /// through serde's `Content`, which linked a second JSON reader into the WebAssembly
    /// module. Here every value is read into a type that takes any JSON value (so only
    /// malformed text fails while reading, as before) and checked afterwards.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const NO_MATCH: &str = "data did not match any variant of untagged enum Repr";
        struct ReprVisitor;
        impl<'de> Visitor<'de> for ReprVisitor {
            type Value = Vocabulary;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a vocabulary's name or object")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Vocabulary, E> {
                Vocabulary::builtin(name)
                    .cloned()
                    .map_err(|e| E::custom(e.message()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vocabulary, E> {
                Err(E::custom(NO_MATCH))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Vocabulary, E> {
                Err(E::custom(NO_MATCH))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vocabulary, E> {
                Err(E::custom(NO_MATCH))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vocabulary, E> {
                Err(E::custom(NO_MATCH))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Vocabulary, E> {
                Err(E::custom(NO_MATCH))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Vocabulary, A::Error> {
                Err(de::Error::custom(NO_MATCH))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vocabulary, A::Error> {
                // [name, tracker, version], each once; `None` inside once given and wrong.
                let mut texts: [Option<Option<String>>; 3] = [None, None, None];
                let mut labels: Option<Json> = None;
                let mut repeated = false;
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "name" => texts.get_mut(0),
                        "tracker" => texts.get_mut(1),
                        "version" => texts.get_mut(2),
                        "labels" => {
                            repeated |= labels.is_some();
                            labels = Some(map.next_value()?);
                            continue;
                        }
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    let text = match map.next_value::<Json>()? {
                        Json::Text(text) => Some(text),
                        _ => None,
                    };
                    if let Some(slot) = slot {
                        repeated |= slot.is_some();
                        *slot = Some(text);
                    }
                }
                let [name, tracker, version] = texts;
                let (Some(Some(name)), Some(Json::Object(pairs)), false) = (name, labels, repeated)
                else {
                    return Err(de::Error::custom(NO_MATCH));
                };
                let (Some(tracker), Some(version)) = (
                    tracker.unwrap_or(Some(String::new())),
                    version.unwrap_or(Some(String::new())),
                ) else {
                    return Err(de::Error::custom(NO_MATCH));
                };
                let mut v = Vocabulary::from_pairs(&name, Pairs(pairs))
                    .map_err(|e| de::Error::custom(e.to_string()))?;
                v.tracker = tracker;
                v.version = version;
                Ok(v)
            }
        }
        d.deserialize_any(ReprVisitor)
    }
}

/// The vocabularies in use by the status rules, consulted in order: the first that knows
/// a label decides.
///
/// The default is the library's own vocabulary alone. Serialized as a list in which a
/// built-in vocabulary is its id and any other is `{"name": ..., "labels": {...}}`.
///
/// ```
/// use roadmap_tracker::status::{ReportedState, Vocabularies, Vocabulary};
/// use roadmap_tracker::ErrorCode;
/// let vocabularies = Vocabularies::default().with(Vocabulary::builtin("politifact")?.clone());
/// assert_eq!(vocabularies.lookup("Promise Kept")?, ReportedState::Delivered);
/// assert_eq!(vocabularies.lookup("launched")?, ReportedState::Delivered);
/// let err = vocabularies.lookup("shipped").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::UnknownLabel);
/// assert!(err.to_string().contains("Promise Kept"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabularies {
    list: Vec<Vocabulary>,
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies {
            list: Vocabulary::all()
                .iter()
                .filter(|v| v.id == "roadmap-tracker" || v.id == "rag")
                .cloned()
                .collect(),
        }
    }
}

impl Vocabularies {
    /// No vocabularies at all: every label is unknown until one is added.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Vocabularies, Vocabulary};
    /// let only_rag = Vocabularies::empty().with(Vocabulary::builtin("rag")?.clone());
    /// assert!(only_rag.lookup("launched").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn empty() -> Self {
        Vocabularies { list: Vec::new() }
    }

    /// Built-in vocabularies by name ([`Vocabulary::builtin`]), in order; an unknown name
    /// is an `unknown_value` error at `vocabularies[i]` listing the built-in names.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// let v = Vocabularies::from_names(&["rag", "roadmap-tracker", "politifact"])?;
    /// assert_eq!(v.ids().collect::<Vec<_>>(), ["rag", "roadmap-tracker", "politifact-2017"]);
    /// assert!(Vocabularies::from_names(&["nope"]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_names(names: &[&str]) -> Result<Self, Error> {
        let mut out = Vocabularies::empty();
        for (i, name) in names.iter().enumerate() {
            let v = Vocabulary::builtin(name).map_err(|e| {
                Error::evaluation(Problem::new(
                    ErrorCode::UnknownValue,
                    Location::path(format!("vocabularies[{i}]")),
                    e.message().into_owned(),
                ))
            })?;
            out.list.push(v.clone());
        }
        Ok(out)
    }

    /// The same set with one more vocabulary, consulted after the others.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Vocabularies, Vocabulary};
    /// assert_eq!(Vocabularies::default().with(Vocabulary::builtin("okr")?.clone()).len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
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
    /// v.push(Vocabulary::new("ours"));
    /// assert_eq!(v.len(), 1);
    /// ```
    pub fn push(&mut self, vocabulary: Vocabulary) {
        self.list.push(vocabulary);
    }

    /// The vocabularies, in the order they are consulted.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// assert_eq!(Vocabularies::default().iter().count(), 2);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Vocabulary> {
        self.list.iter()
    }

    /// The vocabularies' ids, in order.
    ///
    /// ```
    /// # use roadmap_tracker::status::Vocabularies;
    /// assert_eq!(Vocabularies::default().ids().collect::<Vec<_>>(), ["roadmap-tracker", "rag"]);
    /// ```
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(Vocabulary::id)
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

    /// The meaning of a label in the first vocabulary that knows it.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, OpenState, Vocabularies};
    /// assert_eq!(Vocabularies::default().meaning("on track"), Some(Meaning::Open(OpenState::OnTrack)));
    /// ```
    pub fn meaning(&self, label: &str) -> Option<Meaning> {
        let key = normalize(label);
        self.list
            .iter()
            .find_map(|v| v.label_normalized(&key).map(|l| l.meaning))
    }

    /// The state of a label, or an `unknown_label` error whose message lists every label
    /// the vocabularies know. A label is never silently read as `unknown`.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, Vocabularies};
    /// assert_eq!(Vocabularies::default().lookup(" Under review ")?, ReportedState::Paused);
    /// assert!(Vocabularies::default().lookup("Promise Kept").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
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

    /// The state and the source's own rating (RAG labels) of a label, in the first
    /// vocabulary that knows it.
    pub(crate) fn reading_of(&self, label: &str) -> Option<(ReportedState, Option<Rag>)> {
        let key = normalize(label);
        self.list.iter().find_map(|v| {
            v.label_normalized(&key)
                .map(|l| (l.meaning.reported_state(), l.rag))
        })
    }

    pub(crate) fn unknown_label_message(&self, label: &str) -> String {
        if self.list.is_empty() {
            return format!("unknown status label {label:?}: no vocabulary is in use");
        }
        let mut message = format!("unknown status label {label:?}; the vocabularies in use know:");
        for v in &self.list {
            message.push_str(&format!(" {}: ", v.id()));
            let labels: Vec<String> = v.labels.iter().map(|l| format!("{:?}", l.label)).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_tables_have_no_blank_or_repeated_spellings() {
        for table in builtin::TABLES {
            let mut v = Vocabulary::new(table.id);
            for row in table.labels {
                let label = Label {
                    label: row.label.to_owned(),
                    aliases: row.aliases.iter().map(|a| (*a).to_owned()).collect(),
                    meaning: row.meaning,
                    rag: row.rag,
                };
                let added = v.insert_label(label, Location::default());
                assert!(added.is_ok(), "{}: {:?}: {added:?}", table.id, row.label);
            }
            assert_eq!(
                Vocabulary::builtin(table.id).map(|b| b.len()).ok(),
                Some(table.labels.len())
            );
        }
        for (short, id) in builtin::SHORT_NAMES {
            assert_eq!(Vocabulary::builtin(short).map(|v| v.id()).ok(), Some(*id));
        }
    }

    /// The derived untagged enum the hand-written `Deserialize` replaced, kept here as the
    /// reference it must agree with.
    fn derived(json: &str) -> Result<Vocabulary, String> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Full {
                name: String,
                #[serde(default)]
                tracker: String,
                #[serde(default)]
                version: String,
                labels: Pairs,
            },
        }
        let e = |e: serde_json::Error| crate::json::bare_message(&e);
        match serde_json::from_str::<Repr>(json).map_err(e)? {
            Repr::Name(name) => Vocabulary::builtin(&name)
                .cloned()
                .map_err(|e| e.message().into_owned()),
            Repr::Full {
                name,
                tracker,
                version,
                labels,
            } => {
                let mut v = Vocabulary::from_pairs(&name, labels).map_err(|e| e.to_string())?;
                v.tracker = tracker;
                v.version = version;
                Ok(v)
            }
        }
    }

    fn read(json: &str) -> Result<Vocabulary, String> {
        serde_json::from_str::<Vocabulary>(json).map_err(|e| crate::json::bare_message(&e))
    }

    #[test]
    fn a_vocabulary_reads_from_its_name_or_its_object() {
        assert_eq!(read(r#""rag""#).map(|v| v.id), Ok("rag".to_owned()));
        let v = read(
            r#"{"note": [1, {"x": 2}], "labels": {"Done": "delivered", "Late": {"meaning": "at_risk", "rag": "amber"}},
                "version": "2", "name": "ours", "tracker": "Our tracker"}"#,
        )
        .unwrap();
        assert_eq!(
            (v.id(), v.tracker(), v.version()),
            ("ours", "Our tracker", "2")
        );
        assert_eq!(v.get("done"), Some(ReportedState::Delivered));
        assert_eq!(v.read("late").unwrap().rag(), Some(Rag::Amber));
        let bare = read(r#"{"name": "ours", "labels": {}}"#).unwrap();
        assert_eq!(
            (bare.tracker(), bare.version(), bare.labels.len()),
            ("", "", 0)
        );

        // Anything else, whatever is wrong in it, is the one message of the untagged enum.
        let no_match = Err("data did not match any variant of untagged enum Repr".to_owned());
        for bad in [
            "5",
            "-5",
            "1.5",
            "true",
            "null",
            "[]",
            r#"["ours", "", "", {}]"#,
            r#"{}"#,
            r#"{"name": "ours"}"#,
            r#"{"labels": {}}"#,
            r#"{"name": 5, "labels": {}}"#,
            r#"{"name": null, "labels": {}}"#,
            r#"{"name": "ours", "labels": "x"}"#,
            r#"{"name": "ours", "labels": ["x"]}"#,
            r#"{"name": "ours", "labels": null}"#,
            r#"{"name": "ours", "labels": {}, "tracker": null}"#,
            r#"{"name": "ours", "labels": {}, "version": 2}"#,
            r#"{"name": "ours", "name": "again", "labels": {}}"#,
            r#"{"name": "ours", "labels": {}, "labels": {}}"#,
            r#"{"name": "ours", "labels": {}, "tracker": "a", "tracker": "b"}"#,
        ] {
            assert_eq!(read(bad).map(|v| v.id), no_match, "{bad}");
        }
        // A built-in name that is not one, and labels the vocabulary refuses, say why.
        let unknown = read(r#""nope""#).unwrap_err();
        assert!(
            unknown.starts_with("unknown vocabulary \"nope\""),
            "{unknown}"
        );
        let twice = read(r#"{"name": "ours", "labels": {"A": "delivered", "a": "dropped"}}"#);
        assert!(twice.unwrap_err().contains("duplicate_label"));
        // Malformed text is the reader's syntax error, at its place.
        assert_eq!(
            read(r#"{"name": "ours", "labels": {"A": }}"#).unwrap_err(),
            "expected value"
        );
    }

    #[test]
    fn a_vocabulary_reads_as_the_derived_untagged_enum_did() {
        for json in [
            r#""rag""#,
            r#""gmpp""#,
            r#""nope""#,
            "5",
            "1e400",
            "null",
            "[]",
            r#"["ours", "t", "v", {"A": "delivered"}]"#,
            "{}",
            r#"{"name": "ours", "labels": {"A": "delivered", "B": {"meaning": "dropped", "aliases": ["b2"]}}}"#,
            r#"{"name": "ours", "labels": {"A": "delivered", "A": "dropped"}}"#,
            r#"{"name": "ours", "labels": {"A": "shipped"}}"#,
            r#"{"name": "ours", "labels": {"A": {"meaning": "delivered", "colour": "red"}}}"#,
            r#"{"name": "ours", "labels": {"A": 5}}"#,
            r#"{"name": "ours", "labels": {}, "extra": {"deep": [[[]]]}}"#,
            r#"{"name": "ours", "tracker": "T", "version": "V", "labels": {}}"#,
            r#"{"name": "ours", "tracker": 1, "labels": {}}"#,
            r#"{"name": "ours", "labels": {}, "name": "x"}"#,
            r#"{"name": "ours", "labels": {"A": "delivered"}"#,
            r#"{"name": "ours", "labels": {"A": "delivered"}} trailing"#,
            r#"{"name": "ours" "labels": {}}"#,
        ] {
            assert_eq!(read(json), derived(json), "{json}");
        }
    }

    /// The label reader before `Json`: serde_json's `Value`, whose objects are maps.
    fn label_from_value(label: String, value: serde_json::Value) -> Result<Label, Error> {
        use serde_json::Value;
        let wrong = |what: &str| {
            vocabulary_error(
                ErrorCode::WrongType,
                Location::default(),
                format!("the {what} for label {label:?} must be a string"),
            )
        };
        match value {
            Value::String(name) => Ok(plain(label.clone(), parse_meaning(&name, &label)?)),
            Value::Object(mut map) => {
                if let Some(key) = map
                    .keys()
                    .find(|k| !matches!(k.as_str(), "meaning" | "aliases" | "rag"))
                {
                    return Err(vocabulary_error(
                        ErrorCode::UnknownField,
                        Location::default(),
                        format!(
                            "label {label:?}: unknown key {key:?}: expected meaning, aliases, rag"
                        ),
                    ));
                }
                let meaning = match map.remove("meaning") {
                    Some(Value::String(name)) => parse_meaning(&name, &label)?,
                    _ => return Err(wrong("meaning")),
                };
                let aliases = match map.remove("aliases") {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::Array(items)) => items
                        .into_iter()
                        .map(|a| match a {
                            Value::String(s) => Ok(s),
                            _ => Err(wrong("alias")),
                        })
                        .collect::<Result<_, _>>()?,
                    Some(_) => return Err(wrong("aliases list")),
                };
                let rag = match map.remove("rag") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(name)) => Some(name.trim().parse::<Rag>().map_err(|e| {
                        vocabulary_error(
                            ErrorCode::UnknownValue,
                            Location::default(),
                            format!("label {label:?}: {}", e.message()),
                        )
                    })?),
                    Some(_) => return Err(wrong("rag")),
                };
                Ok(Label {
                    label,
                    aliases,
                    meaning,
                    rag,
                })
            }
            _ => Err(wrong("meaning")),
        }
    }

    #[test]
    fn labels_read_as_they_did_through_serde_json_value() {
        let values = [
            r#""delivered""#,
            r#""shipped""#,
            "5",
            "null",
            "true",
            "[]",
            r#"["delivered"]"#,
            r#"{}"#,
            r#"{"meaning": "delivered"}"#,
            r#"{"meaning": "delivered", "meaning": "dropped"}"#,
            r#"{"meaning": 5, "meaning": "dropped"}"#,
            r#"{"meaning": "dropped", "meaning": 5}"#,
            r#"{"meaning": "at_risk", "aliases": ["a", "b"], "rag": "amber"}"#,
            r#"{"meaning": "at_risk", "aliases": ["a", 1], "rag": "amber"}"#,
            r#"{"meaning": "at_risk", "aliases": "a"}"#,
            r#"{"meaning": "at_risk", "aliases": null, "rag": null}"#,
            r#"{"meaning": "at_risk", "aliases": [], "aliases": ["z"]}"#,
            r#"{"meaning": "at_risk", "rag": "purple"}"#,
            r#"{"meaning": "at_risk", "rag": 1}"#,
            r#"{"meaning": "at_risk", "rag": " green "}"#,
            r#"{"zeta": 1, "alpha": 2, "meaning": "delivered"}"#,
            r#"{"meaning": "delivered", "colour": {"deep": [1, {"x": null}]}}"#,
            r#"{"b": 1, "a": 1, "b": 2}"#,
            r#"{"rag": "red"}"#,
            r#"{"aliases": [null]}"#,
        ];
        for value in values {
            let json = format!(r#"{{"L": {value}}}"#);
            let new: Pairs = serde_json::from_str(&json).unwrap();
            let old: Vec<(String, serde_json::Value)> = serde_json::from_str::<
                std::collections::BTreeMap<String, serde_json::Value>,
            >(&json)
            .unwrap()
            .into_iter()
            .collect();
            let (label, new_value) = new.0.into_iter().next().unwrap();
            let (old_label, old_value) = old.into_iter().next().unwrap();
            assert_eq!(label, old_label);
            let show = |r: Result<Label, Error>| match r {
                Ok(l) => format!("{l:?}"),
                Err(e) => e.to_string(),
            };
            assert_eq!(
                show(label_from_json(label.clone(), new_value)),
                show(label_from_value(label, old_value)),
                "{value}"
            );
        }
        // Hand-worked: the first unknown key by name, the last of a repeated key.
        let v = r#"{"L": {"zeta": 1, "alpha": 2, "meaning": "delivered"}}"#;
        let err = Vocabulary::from_json("ours", v).unwrap_err();
        assert!(err.message().contains(r#"unknown key "alpha""#), "{err}");
        let v = r#"{"L": {"meaning": "dropped", "meaning": "delivered"}}"#;
        assert_eq!(
            Vocabulary::from_json("ours", v).unwrap().get("L"),
            Some(ReportedState::Delivered)
        );
        // Malformed text is refused by the reader, where it is.
        let err = Vocabulary::from_json("ours", r#"{"L": {"meaning": [1, }}"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::JsonSyntax);
        assert_eq!(
            (err.location().line, err.location().column),
            (Some(1), Some(23))
        );
    }
}
