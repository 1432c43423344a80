//! The CSV forms of a roadmap: the tidy tables ([`tables`]) and the flat sheet ([`flat`]),
//! over shared cell rules ([`cells`]).
//!
//! In both forms, columns the library does not know are kept in the record's `extra` and
//! written back (after the known columns, in alphabetical order); lists (owners, tags,
//! sources) are `;`-separated in one cell; empty cells mean "absent".

pub(crate) mod cells;
pub(crate) mod flat;
pub(crate) mod tables;
pub(crate) mod write;
