//! Citable judgments: a derived status as one line that names the status, the as-of
//! date, the rule that gave it and the source it rests on (title, date, URL), so a
//! sentence in a report can be checked by a reader.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::{CommitmentStatus, DerivedStatus, Evaluator, TwoPhaseStatus};

/// One derived status, ready to cite.
///
/// The source is the one the judgment rests on: the status update's source when an
/// update was used, otherwise the deadline's source (once written), otherwise the node's first source,
/// otherwise the roadmap itself.
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::status::{Evaluator, Rules};
/// let roadmap = Roadmap::uk_digital_2026();
/// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
/// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
/// let c = evaluator.cite("central-local-leadership", as_of).unwrap();
/// let line = c.to_string();
/// assert!(line.starts_with("central-local-leadership: overdue, unconfirmed as of 2026-11-24 (rule overdue-unconfirmed; source: \""), "{line}");
/// assert_eq!(c.rule, "overdue-unconfirmed");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Citation {
    /// The node's id.
    pub node: String,
    /// The derived status.
    pub status: DerivedStatus,
    /// The same status in the two-phase model.
    pub two_phase: TwoPhaseStatus,
    /// The date judged.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// The id of the status rule that applied.
    pub rule: &'static str,
    /// The source's title.
    pub source_title: String,
    /// The source's publisher, if known.
    pub source_publisher: String,
    /// The source's date, if known.
    #[serde(with = "crate::dates::serde_date::option")]
    pub source_date: Option<NaiveDate>,
    /// The source's URL, if known.
    pub source_url: String,
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} as of {} (rule {}; source: \"{}\"",
            self.node,
            self.status.phrase(),
            self.as_of,
            self.rule,
            self.source_title
        )?;
        if !self.source_publisher.is_empty() {
            write!(f, ", {}", self.source_publisher)?;
        }
        if let Some(d) = self.source_date {
            write!(f, ", {d}")?;
        }
        if !self.source_url.is_empty() {
            write!(f, ", {}", self.source_url)?;
        }
        f.write_str(")")
    }
}

impl Evaluator {
    /// The status of a commitment or milestone as of a date, as a [`Citation`]; `None`
    /// for an id that is not a commitment or milestone.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// assert!(evaluator.cite("no-such-node", roadmap.published).is_none());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn cite(&self, node: &str, as_of: NaiveDate) -> Option<Citation> {
        let status = self.status_of(node, as_of)?;
        Some(self.citation(&status, as_of))
    }

    /// A [`Citation`] for a status already computed (e.g. one of an [`super::Evaluation`]).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let e = evaluator.evaluate(roadmap.published);
    /// let c = evaluator.citation(&e.commitments[0], e.as_of);
    /// assert_eq!(c.node, e.commitments[0].node());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn citation(&self, status: &CommitmentStatus, as_of: NaiveDate) -> Citation {
        let roadmap = self.roadmap();
        let node = roadmap.node(status.node());
        let update_source = status
            .update
            .and_then(|i| roadmap.updates.get(i))
            .map(|u| u.source.as_str())
            .filter(|s| !s.is_empty());
        // A deadline written after the as-of date was not known then: not a source yet.
        let deadline_source = node
            .and_then(|n| n.deadline.as_ref())
            .filter(|d| d.written_on <= as_of)
            .and_then(|d| d.source.as_deref());
        let node_source = node.and_then(|n| n.sources.first()).map(String::as_str);
        let source = update_source
            .or(deadline_source)
            .or(node_source)
            .and_then(|id| roadmap.source(id));
        let (title, publisher, date, url) = match source {
            Some(s) => (s.title.clone(), s.publisher.clone(), s.date, s.url.clone()),
            None => (
                roadmap.title.clone(),
                roadmap.publisher.clone(),
                Some(roadmap.published),
                String::new(),
            ),
        };
        Citation {
            node: status.node().to_owned(),
            status: status.status,
            two_phase: TwoPhaseStatus::from_derived(status.status),
            as_of,
            rule: status.rule,
            source_title: title,
            source_publisher: publisher,
            source_date: date,
            source_url: url,
        }
    }
}
