//! roadmap-tracker: turn a roadmap's commitments into something that can be checked.
//!
//! A roadmap is a tree of sections, sub-categories, areas, commitments and milestones
//! ([`Roadmap`], [`Node`]), with the sources that describe it, deadlines written in prose
//! ([`DeadlineText`]) and dated status updates ([`StatusUpdate`]). The crate
//!
//! - loads and saves it losslessly as [JSON](json) and [CSV](io::CsvTables), by path
//!   ([`Roadmap::load`], [`io::Format`]), with
//!   [validation](validate) that reports every problem and where it is;
//! - reads deadline phrases into date windows and judges them as of any date ([`deadline`]);
//! - scores targets (exact, minimum, maximum, range, trajectory) with named RAG profiles
//!   ([`target`]), on a roadmap's metrics ([`metric`]) and standalone indicators
//!   ([`indicator`]);
//!
//! The crate never reads a clock: every "as of" date is an argument.
//!
//! ```
//! use roadmap_tracker::Roadmap;
//! let roadmap = Roadmap::uk_digital_2026();
//! let strategy = roadmap.node("digital-sourcing-strategy").expect("bundled");
//! let deadline = strategy.deadline.as_ref().expect("has a deadline").parse()?;
//! assert_eq!(deadline.latest().map(|d| d.to_string()).as_deref(), Some("2026-03-31"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "bundled")]
mod bundled;
pub mod dates;
pub mod deadline;
mod error;
pub mod indicator;
pub mod io;
pub mod json;
pub mod metric;
mod model;
mod model_serde;
mod names;
mod number;
pub mod report;
pub mod schedule;
pub mod score;
pub mod snapshots;
mod sort;
pub mod spreadsheet;
pub mod status;
pub mod tables;
pub mod target;
pub mod validate;
pub mod value;

#[cfg(feature = "bundled")]
pub use bundled::UK_DIGITAL_2026_JSON;
/// The date library the API speaks, re-exported so that callers use the same version.
pub use chrono;
/// A calendar date: every date in the API (deadlines, updates, "as of") is one.
pub use chrono::NaiveDate;
/// The small-string library of [`Node`]'s `id`, `parent` and `title`, re-exported so that
/// callers use the same version.
pub use compact_str;
/// A string that holds up to 24 bytes inside itself, with no heap block: a [`Node`]'s `id`,
/// `parent` and `title`. It derefs to `str` and converts from `&str` and `String`.
///
/// ```
/// use roadmap_tracker::{CompactString, Node, NodeKind};
/// let node = Node::new("cloud", NodeKind::Area, "Cloud");
/// assert_eq!(node.id, "cloud");
/// assert!(!node.id.is_heap_allocated());
/// let id: CompactString = String::from("cloud").into();
/// assert_eq!(id, node.id);
/// ```
pub use compact_str::CompactString;
pub use error::{Error, ErrorCode, ErrorKind, Location, Problem, Problems, Result, MAX_PROBLEMS};
pub use model::{
    DeadlineText, Direction, EvidenceDate, Extra, Metric, MetricPoint, MetricTarget, Node,
    NodeKind, Observation, Precision, Roadmap, Source, StatusUpdate,
};
/// The thin-vector library of [`Node`]'s `owners`, `tags` and `sources`, re-exported so
/// that callers use the same version.
pub use thin_vec;
/// A vector one pointer wide that allocates nothing while empty: a [`Node`]'s `owners`,
/// `tags` and `sources`. It derefs to a slice and converts from a `Vec`.
///
/// ```
/// use roadmap_tracker::{Node, NodeKind, ThinVec};
/// let mut node = Node::new("cloud", NodeKind::Area, "Cloud");
/// assert!(node.owners.is_empty());
/// node.owners = ThinVec::from(vec!["DSIT".to_string()]);
/// node.tags.push("infrastructure".into());
/// assert_eq!(node.owners.as_slice(), ["DSIT"]);
/// assert_eq!(node.tags.len(), 1);
/// ```
pub use thin_vec::ThinVec;

/// The README's Rust example, compiled and run as a doc test so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
