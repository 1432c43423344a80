//! Versioned tracker vocabularies: the exact labels a published tracker used in one
//! version of its methodology, what each means in the [two-phase model](super::two_phase),
//! and how to translate a label from one tracker (or version) to another.
//!
//! Trackers rename their labels (PolitiFact's "No Action" became "Not Yet Rated"; the
//! UK's major projects portfolio went from five delivery-confidence ratings to three in
//! 2021), so each version is its own vocabulary with its own id. Reading a cell gives a
//! [`Reading`]: either a rating, with the tracker's own spelling of the label, or a
//! [`NonRating`] ("exempt under FOI", "No DCA", "unclear") kept as what it is and never
//! turned into a status. Anything else is an `unknown_label` error listing the labels.
//!
//! ```
//! use roadmap_tracker::status::{NonRating, OpenState, Reading, TrackerVocabulary, TwoPhaseStatus};
//! let gmpp = TrackerVocabulary::get("gmpp-5").unwrap();
//! let r = gmpp.read("amber/red")?;
//! assert_eq!(r.label(), Some("Amber/Red"));
//! assert_eq!(r.status(), Some(TwoPhaseStatus::open(OpenState::AtRisk)));
//! assert_eq!(gmpp.read("Exempt under Section 43 FOI")?.non_rating(), Some(NonRating::Withheld));
//! assert!(gmpp.read("Purple").is_err());
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use serde::Serialize;

use super::tracker_vocabulary_builtin as builtin;
use super::two_phase::{OpenState, TwoPhaseStatus, Verdict};
use super::vocabulary::normalize;
use super::{Rag, ReportedState, Vocabulary};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::names::names;

/// A cell that is not a rating: kept as its own value, never coerced to a status.
///
/// ```
/// use roadmap_tracker::status::NonRating;
/// assert_eq!(NonRating::Withheld.as_str(), "withheld");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NonRating {
    /// The publisher withheld the value ("Exempt under FOI", "exempt – s.43").
    Withheld,
    /// The item was not assessed ("No DCA", "not rated", grey).
    NotAssessed,
    /// The tracker says the evidence does not settle it ("unclear or disputed").
    Unclear,
}

names! { NonRating, "non-rating" {
    Withheld => "withheld",
    NotAssessed => "not_assessed",
    Unclear => "unclear",
}}

impl NonRating {
    /// Recognise a non-rating anywhere: a cell that starts with "exempt" or mentions FOI
    /// is withheld; a few fixed phrases ("No DCA", "not rated", "unclear") are the others.
    ///
    /// ```
    /// # use roadmap_tracker::status::NonRating;
    /// assert_eq!(NonRating::recognise("Withheld (FOI s.43)"), Some(NonRating::Withheld));
    /// assert_eq!(NonRating::recognise("NO DCA"), Some(NonRating::NotAssessed));
    /// assert_eq!(NonRating::recognise("Green"), None);
    /// ```
    pub fn recognise(text: &str) -> Option<NonRating> {
        let key = normalize(text);
        let mentions_foi = key
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "foi" || w == "foia");
        if key.starts_with("exempt") || mentions_foi {
            return Some(NonRating::Withheld);
        }
        builtin::NON_RATINGS
            .iter()
            .find(|(phrase, _)| *phrase == key)
            .map(|(_, kind)| *kind)
    }
}

/// What a label means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelMeaning {
    /// A status (or a rating, which also has a colour).
    Status {
        /// Its meaning in the two-phase model: the pivot for translations.
        status: TwoPhaseStatus,
        /// For rating scales: the colour, used to translate between rating scales.
        rag: Option<Rag>,
    },
    /// A label the tracker uses for "no rating".
    NonRating(NonRating),
}

/// One label of a tracker vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TrackerLabel {
    /// The tracker's own spelling.
    pub label: &'static str,
    /// Other spellings that mean the same (case and dashes never matter anyway).
    pub aliases: &'static [&'static str],
    /// What it means.
    pub meaning: LabelMeaning,
}

/// The exact label set of one version of one tracker. See the [module docs](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TrackerVocabulary {
    /// The id, e.g. `gmpp-5` or `canada-mandate-tracker-2017`.
    pub id: &'static str,
    /// The tracker's name.
    pub tracker: &'static str,
    /// The version of its methodology (usually the year the labels came in).
    pub version: &'static str,
    /// The labels, best first.
    pub labels: &'static [TrackerLabel],
}

/// What one cell says, read through a [`TrackerVocabulary`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reading {
    /// A label of the vocabulary.
    Rated {
        /// The vocabulary's id.
        vocabulary: &'static str,
        /// The tracker's spelling of the label (the cell itself may differ in case).
        label: &'static str,
        /// Its meaning.
        status: TwoPhaseStatus,
        /// Its colour, for rating scales.
        rag: Option<Rag>,
    },
    /// Not a rating.
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
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// let pf = TrackerVocabulary::get("politifact-2017").unwrap();
    /// assert_eq!(pf.read("promise KEPT")?.label(), Some("Promise Kept"));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn label(&self) -> Option<&'static str> {
        match self {
            Reading::Rated { label, .. } => Some(label),
            Reading::NonRating { .. } => None,
        }
    }

    /// The two-phase status, for a rating; `None` for a non-rating.
    ///
    /// ```
    /// # use roadmap_tracker::status::{TrackerVocabulary, TwoPhaseStatus, Verdict};
    /// let pf = TrackerVocabulary::get("politifact-2017").unwrap();
    /// assert_eq!(pf.read("Compromise")?.status(), Some(TwoPhaseStatus::closed(Verdict::MetWithChanges)));
    /// # Ok::<(), roadmap_tracker::Error>(())
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
    /// # use roadmap_tracker::status::{Rag, TrackerVocabulary};
    /// let gmpp = TrackerVocabulary::get("gmpp-5").unwrap();
    /// assert_eq!(gmpp.read("A/G")?.rag(), Some(Rag::Green));
    /// # Ok::<(), roadmap_tracker::Error>(())
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
    /// # use roadmap_tracker::status::{NonRating, TrackerVocabulary};
    /// let ff = TrackerVocabulary::get("full-fact").unwrap();
    /// assert_eq!(ff.read("Unclear or disputed")?.non_rating(), Some(NonRating::Unclear));
    /// # Ok::<(), roadmap_tracker::Error>(())
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
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// let gmpp = TrackerVocabulary::get("gmpp-3").unwrap();
    /// assert_eq!(gmpp.read("No DCA")?.key(), "[not_assessed]");
    /// assert_eq!(gmpp.read("red")?.key(), "Red");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn key(&self) -> String {
        match self {
            Reading::Rated { label, .. } => (*label).to_owned(),
            Reading::NonRating { non_rating, .. } => format!("[{non_rating}]"),
        }
    }
}

/// A label translated into another vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Translation {
    /// The target vocabulary's label.
    pub label: &'static str,
    /// True when the translation loses detail: the target has fewer distinctions here
    /// (several source labels land on this one), or the meanings differ (a late `met`
    /// read as "Compromise").
    pub lossy: bool,
}

fn unknown_label(vocabulary: &TrackerVocabulary, text: &str) -> Error {
    let labels: Vec<String> = vocabulary
        .labels
        .iter()
        .map(|l| format!("{:?}", l.label))
        .collect();
    Error::evaluation(Problem::new(
        ErrorCode::UnknownLabel,
        Location::default(),
        format!(
            "unknown label {text:?} for {} ({} {}): expected one of {}, or a non-rating such as \"exempt under FOI\" or \"No DCA\"",
            vocabulary.id,
            vocabulary.tracker,
            vocabulary.version,
            labels.join(", ")
        ),
    ))
}

impl TrackerVocabulary {
    /// Every built-in tracker vocabulary.
    ///
    /// ```
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// let ids: Vec<&str> = TrackerVocabulary::all().iter().map(|v| v.id).collect();
    /// assert!(ids.contains(&"polimetre") && ids.contains(&"okr"));
    /// ```
    pub fn all() -> &'static [&'static TrackerVocabulary] {
        builtin::ALL
    }

    /// A built-in tracker vocabulary by id.
    ///
    /// ```
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// assert_eq!(TrackerVocabulary::get("gmpp-3").map(|v| v.labels.len()), Some(3));
    /// assert!(TrackerVocabulary::get("gmpp-4").is_none());
    /// ```
    pub fn get(id: &str) -> Option<&'static TrackerVocabulary> {
        builtin::ALL.iter().copied().find(|v| v.id == id)
    }

    /// A built-in tracker vocabulary by id, or an `unknown_value` error listing the ids.
    ///
    /// ```
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// # use roadmap_tracker::ErrorCode;
    /// assert_eq!(TrackerVocabulary::named("gmpp").unwrap_err().code(), ErrorCode::UnknownValue);
    /// ```
    pub fn named(id: &str) -> Result<&'static TrackerVocabulary, Error> {
        TrackerVocabulary::get(id).ok_or_else(|| {
            let ids: Vec<&str> = builtin::ALL.iter().map(|v| v.id).collect();
            Error::evaluation(Problem::new(
                ErrorCode::UnknownValue,
                Location::default(),
                format!(
                    "no tracker vocabulary is named {id:?}: expected one of {}",
                    ids.join(", ")
                ),
            ))
        })
    }

    fn find(&self, text: &str) -> Option<&'static TrackerLabel> {
        let key = normalize(text);
        self.labels
            .iter()
            .find(|l| normalize(l.label) == key || l.aliases.iter().any(|a| normalize(a) == key))
    }

    /// Read one cell: a label (any case, any dash, or an alias), a non-rating, or an
    /// `unknown_label` error that lists the vocabulary's labels. A blank cell is an error
    /// too: whether blank means "not assessed" is the caller's call, not the vocabulary's.
    ///
    /// ```
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// # use roadmap_tracker::ErrorCode;
    /// let canada = TrackerVocabulary::get("canada-mandate-tracker-2017").unwrap();
    /// assert_eq!(canada.read("completed – FULLY met")?.label(), Some("Completed - fully met"));
    /// let err = canada.read("Actions taken, progress made").unwrap_err(); // a 2019 label
    /// assert_eq!(err.code(), ErrorCode::UnknownLabel);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn read(&self, text: &str) -> Result<Reading, Error> {
        if let Some(l) = self.find(text) {
            return Ok(match l.meaning {
                LabelMeaning::Status { status, rag } => Reading::Rated {
                    vocabulary: self.id,
                    label: l.label,
                    status,
                    rag,
                },
                LabelMeaning::NonRating(non_rating) => Reading::NonRating {
                    non_rating,
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
    /// translates by meaning in the two-phase model, taking the target's first label with
    /// the same meaning; a late `met` becomes the target's `met_with_changes` label
    /// (PolitiFact's "Compromise") when it has no late label. A non-rating has no
    /// translation (`unknown_value`), nor has a meaning the target lacks.
    ///
    /// ```
    /// use roadmap_tracker::status::TrackerVocabulary;
    /// let five = TrackerVocabulary::get("gmpp-5").unwrap();
    /// let three = TrackerVocabulary::get("gmpp-3").unwrap();
    /// let t = five.translate("Amber/Red", three)?;
    /// assert_eq!((t.label, t.lossy), ("Amber", true));
    /// let pf = TrackerVocabulary::get("politifact-2008").unwrap();
    /// let newer = TrackerVocabulary::get("politifact-2017").unwrap();
    /// assert_eq!(pf.translate("No Action", newer)?.label, "Not Yet Rated");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn translate(&self, label: &str, to: &TrackerVocabulary) -> Result<Translation, Error> {
        let source = self.find(label).ok_or_else(|| unknown_label(self, label))?;
        let LabelMeaning::Status { status, rag } = source.meaning else {
            return Err(no_translation(self, label, to, "it is not a rating"));
        };
        let candidates = |pred: &dyn Fn(TwoPhaseStatus, Option<Rag>) -> bool| -> Vec<&'static str> {
            to.labels
                .iter()
                .filter_map(|l| match l.meaning {
                    LabelMeaning::Status { status, rag } if pred(status, rag) => Some(l.label),
                    _ => None,
                })
                .collect()
        };
        // How many source labels share the meaning: several landing on one target label
        // is a loss of detail.
        let sources_like = |pred: &dyn Fn(TwoPhaseStatus, Option<Rag>) -> bool| -> usize {
            self.labels
                .iter()
                .filter(|l| matches!(l.meaning, LabelMeaning::Status { status, rag } if pred(status, rag)))
                .count()
        };
        let is_scale = |s: TwoPhaseStatus, r: Option<Rag>| s.is_open() && r.is_some();
        if is_scale(status, rag) && to.labels.iter().any(|l| matches!(l.meaning, LabelMeaning::Status { status, rag } if is_scale(status, rag))) {
            let same = |s: TwoPhaseStatus, r: Option<Rag>| is_scale(s, r) && r == rag;
            let found = candidates(&same);
            if let Some(first) = found.first() {
                let lossy = found.len() > 1 || sources_like(&same) > 1;
                return Ok(Translation { label: first, lossy });
            }
        }
        let same = |s: TwoPhaseStatus, _: Option<Rag>| s == status;
        let found = candidates(&same);
        if let Some(first) = found.first() {
            let lossy = found.len() > 1 || sources_like(&same) > 1;
            return Ok(Translation {
                label: first,
                lossy,
            });
        }
        if status == TwoPhaseStatus::met_late() {
            let changed = TwoPhaseStatus::closed(Verdict::MetWithChanges);
            if let Some(first) = candidates(&|s, _| s == changed).first() {
                return Ok(Translation {
                    label: first,
                    lossy: true,
                });
            }
        }
        Err(no_translation(
            self,
            label,
            to,
            &format!("{} has no label meaning {status}", to.id),
        ))
    }

    /// The vocabulary as a [`Vocabulary`] for the status rules, named by the same id, so
    /// `{"vocabularies": ["gmpp-5"]}` works in rules. Open states and verdicts map to the
    /// closest [`ReportedState`]: at risk and stalled are `paused` (delivery in doubt),
    /// missed and abandoned `dropped`, partially met `delivered_differently`; non-ratings
    /// and uncheckable are `unknown`, which the rules never score.
    ///
    /// ```
    /// # use roadmap_tracker::status::{ReportedState, TrackerVocabulary};
    /// let v = TrackerVocabulary::get("full-fact").unwrap().to_vocabulary();
    /// assert_eq!(v.name(), "full-fact");
    /// assert_eq!(v.get("appears off track"), Some(ReportedState::Paused));
    /// assert_eq!(v.get("unclear or disputed"), Some(ReportedState::Unknown));
    /// ```
    pub fn to_vocabulary(&self) -> Vocabulary {
        let mut pairs = Vec::new();
        for l in self.labels {
            let state = match l.meaning {
                LabelMeaning::Status { status, .. } => reported_state(status),
                LabelMeaning::NonRating(_) => ReportedState::Unknown,
            };
            pairs.push((l.label, state));
            for alias in l.aliases {
                pairs.push((alias, state));
            }
        }
        Vocabulary::from_table(self.id, &pairs)
    }
}

fn reported_state(status: TwoPhaseStatus) -> ReportedState {
    match status {
        TwoPhaseStatus::Open { state } => match state {
            OpenState::NotStarted => ReportedState::Planned,
            OpenState::InProgress | OpenState::OnTrack => ReportedState::InProgress,
            OpenState::AtRisk | OpenState::Stalled => ReportedState::Paused,
        },
        TwoPhaseStatus::Closed { verdict, .. } => match verdict {
            Verdict::Met => ReportedState::Delivered,
            Verdict::MetWithChanges | Verdict::PartiallyMet => ReportedState::DeliveredDifferently,
            Verdict::Missed | Verdict::Abandoned => ReportedState::Dropped,
            Verdict::Uncheckable => ReportedState::Unknown,
        },
    }
}

fn no_translation(
    from: &TrackerVocabulary,
    label: &str,
    to: &TrackerVocabulary,
    why: &str,
) -> Error {
    Error::evaluation(Problem::new(
        ErrorCode::UnknownValue,
        Location::default(),
        format!(
            "{label:?} of {} has no translation into {}: {why}",
            from.id, to.id
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_label_or_alias_is_claimed_twice_in_a_vocabulary() {
        for v in TrackerVocabulary::all() {
            let mut seen = std::collections::HashSet::new();
            for l in v.labels {
                for spelling in std::iter::once(&l.label).chain(l.aliases.iter()) {
                    assert!(seen.insert(normalize(spelling)), "{}: {spelling:?}", v.id);
                }
            }
            assert_eq!(v.to_vocabulary().len(), seen.len(), "{}", v.id);
        }
    }
}
