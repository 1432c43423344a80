//! Yearly snapshots of the same items: a portfolio's annual data, one sheet per year.
//!
//! The UK major projects portfolio, like many trackers, publishes one spreadsheet a year
//! with the same projects in each. [`Snapshots`] holds the sheets with their as-of dates
//! and summarises them: counts per rating per snapshot, and each item's end-date
//! [`slippage`] across the years.
//!
//! ```
//! use chrono::NaiveDate;
//! use roadmap_tracker::snapshots::Snapshots;
//! use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
//! use roadmap_tracker::status::Vocabulary;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let five = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-5").unwrap());
//! let three = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3").unwrap());
//! let mut s = Snapshots::new("project");
//! s.push("2020", d(2020, 9, 30), Sheet::load("Project;DCA;End Date\nRail;Amber/Red;31.03.24\n", &five, &LoadOptions::default())?);
//! s.push("2022", d(2022, 9, 30), Sheet::load("Project;DCA;End Date\nRail;Amber;31.03.25\n", &three, &LoadOptions::default())?);
//! let counts = s.rating_counts("assessor_rating");
//! assert_eq!(counts[0].counts.get("Amber/Red"), Some(&1));
//! let slips = s.slippage("end_date");
//! assert_eq!((slips[0].item.as_str(), slips[0].slippage.as_ref().map(|x| x.days)), ("Rail", Some(365)));
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::schedule::{slippage, Slippage};
use crate::spreadsheet::{Sheet, Value};

/// An item's snapshot labels, and its (as-of date, end date) pairs.
type ItemPoints = (Vec<String>, Vec<(NaiveDate, Option<NaiveDate>)>);

/// One snapshot: a label (usually the year), its as-of date, and the sheet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    /// The label, e.g. `2019`.
    pub label: String,
    /// The date the data describes.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// The loaded sheet.
    pub sheet: Sheet,
}

/// Counts of one rating field in one snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RatingCounts {
    /// The snapshot's label.
    pub label: String,
    /// Rows per reading: the tracker's label, a non-rating in brackets (`[withheld]`),
    /// `[blank]` for an empty cell, `[unreadable]` for a cell the vocabulary refused.
    pub counts: BTreeMap<String, usize>,
}

/// One item's slippage across snapshots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemSlippage {
    /// The item's key (e.g. the project name).
    pub item: String,
    /// The labels of the snapshots the item appears in.
    pub snapshots: Vec<String>,
    /// The slippage, or `None` when no snapshot gave a readable end date.
    pub slippage: Option<Slippage>,
}

/// Snapshots of the same items, keyed by a text field. See the [module docs](self).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshots {
    /// The text field that identifies an item across snapshots.
    pub key: String,
    /// The snapshots, in the order pushed.
    pub snapshots: Vec<Snapshot>,
}

impl Snapshots {
    /// No snapshots yet; items are matched on the text field `key`.
    pub fn new(key: &str) -> Self {
        Snapshots {
            key: key.to_owned(),
            snapshots: Vec::new(),
        }
    }

    /// Add a snapshot.
    pub fn push(&mut self, label: &str, as_of: NaiveDate, sheet: Sheet) {
        self.snapshots.push(Snapshot {
            label: label.to_owned(),
            as_of,
            sheet,
        });
    }

    /// Counts per reading of a rating field, one entry per snapshot, in order. Every row
    /// is counted once, so the counts add up to the rows of the sheet.
    pub fn rating_counts(&self, field: &str) -> Vec<RatingCounts> {
        self.snapshots
            .iter()
            .map(|s| {
                let mut counts = BTreeMap::new();
                for row in &s.sheet.rows {
                    let key = match row.value(field) {
                        Some(Value::Rating(r)) => r.key(),
                        Some(Value::Empty) | None => "[blank]".to_owned(),
                        Some(_) => "[unreadable]".to_owned(),
                    };
                    *counts.entry(key).or_insert(0) += 1;
                }
                RatingCounts {
                    label: s.label.clone(),
                    counts,
                }
            })
            .collect()
    }

    /// Each item's slippage of a date field across the snapshots, items in order of first
    /// appearance. Rows whose key is blank are left out of this summary (the sheet's
    /// problem report names them when the key is required).
    pub fn slippage(&self, end_field: &str) -> Vec<ItemSlippage> {
        let mut order: Vec<String> = Vec::new();
        let mut points: BTreeMap<String, ItemPoints> = BTreeMap::new();
        for s in &self.snapshots {
            for row in &s.sheet.rows {
                let Some(key) = row.text(&self.key) else {
                    continue;
                };
                let entry = points.entry(key.to_owned()).or_insert_with(|| {
                    order.push(key.to_owned());
                    (Vec::new(), Vec::new())
                });
                entry.0.push(s.label.clone());
                entry.1.push((s.as_of, row.date(end_field)));
            }
        }
        order
            .into_iter()
            .filter_map(|item| {
                let (labels, dates) = points.remove(&item)?;
                Some(ItemSlippage {
                    slippage: slippage(&dates),
                    snapshots: labels,
                    item,
                })
            })
            .collect()
    }
}
