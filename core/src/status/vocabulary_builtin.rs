//! The built-in vocabularies' label tables.
//!
//! Kept apart from the matching logic so the tables can be read (and reviewed against the
//! trackers they come from) on their own.

use super::ReportedState::{self, *};

/// The library's own labels: the ones the bundled data uses, plus common synonyms.
pub(super) const LIBRARY: &[(&str, ReportedState)] = &[
    ("planned", Planned),
    ("scheduled", Planned),
    ("not started", Planned),
    ("not yet started", Planned),
    ("proposed", Planned),
    ("announced", Planned),
    ("committed", Planned),
    ("upcoming", Planned),
    ("to do", Planned),
    ("in progress", InProgress),
    ("in-progress", InProgress),
    ("underway", InProgress),
    ("under way", InProgress),
    ("ongoing", InProgress),
    ("in development", InProgress),
    ("progressing", InProgress),
    ("piloting", InProgress),
    ("in pilot", InProgress),
    ("being piloted", InProgress),
    ("started", InProgress),
    ("on track", InProgress),
    ("being implemented", InProgress),
    ("rolling out", InProgress),
    ("in delivery", InProgress),
    ("partially delivered", InProgress),
    ("delivered", Delivered),
    ("met", Delivered),
    ("launched", Delivered),
    ("completed", Delivered),
    ("complete", Delivered),
    ("done", Delivered),
    ("published", Delivered),
    ("achieved", Delivered),
    ("implemented", Delivered),
    ("live", Delivered),
    ("fulfilled", Delivered),
    ("delivered differently", DeliveredDifferently),
    ("approach changed", DeliveredDifferently),
    ("changed approach", DeliveredDifferently),
    ("met differently", DeliveredDifferently),
    ("superseded", DeliveredDifferently),
    ("replaced", DeliveredDifferently),
    ("modified", DeliveredDifferently),
    ("paused", Paused),
    ("under review", Paused),
    ("rescheduled", Paused),
    ("delayed", Paused),
    ("on hold", Paused),
    ("stalled", Paused),
    ("postponed", Paused),
    ("deferred", Paused),
    ("dropped", Dropped),
    ("abandoned", Dropped),
    ("cancelled", Dropped),
    ("canceled", Dropped),
    ("withdrawn", Dropped),
    ("scrapped", Dropped),
    ("discontinued", Dropped),
    ("not being pursued", Dropped),
    ("unknown", Unknown),
    ("not known", Unknown),
    ("no update", Unknown),
    ("unclear", Unknown),
];

/// Canada's Mandate Letter Tracker (Privy Council Office, 2017–2021).
///
/// "Underway – with challenges" is mapped to `paused`: the tracker used it for work that
/// had stalled or slipped, which the rules treat as delayed rather than on track.
pub(super) const CANADA_MANDATE_TRACKER: &[(&str, ReportedState)] = &[
    ("Completed – fully met", Delivered),
    ("Completed – modified", DeliveredDifferently),
    ("Underway – on track", InProgress),
    ("Underway – with challenges", Paused),
    ("Ongoing", InProgress),
    ("Actions taken, progress made", InProgress),
    (
        "Actions taken, progress made toward ongoing goal",
        InProgress,
    ),
    ("Not yet started", Planned),
    ("Not being pursued", Dropped),
];

/// PolitiFact's promise meters (Obameter, Trump-O-Meter, Biden Promise Tracker).
///
/// "Not Yet Rated" is `unknown`: PolitiFact gives it to every promise until it has
/// evidence either way.
pub(super) const POLITIFACT: &[(&str, ReportedState)] = &[
    ("Not Yet Rated", Unknown),
    ("In the Works", InProgress),
    ("Stalled", Paused),
    ("Promise Kept", Delivered),
    ("Compromise", DeliveredDifferently),
    ("Promise Broken", Dropped),
];

/// Delivery-confidence ratings (the UK Infrastructure and Projects Authority's five-point
/// scale, and plain red/amber/green).
///
/// A rating is a forecast, not a report of delivery, so the mapping is lossy: green and
/// amber/green are `in_progress`; amber, amber/red and red say delivery is in doubt and are
/// `paused` (the rules rate them amber before the deadline, red after). Grey and "not
/// rated" are `unknown`.
pub(super) const RAG: &[(&str, ReportedState)] = &[
    ("Green", InProgress),
    ("Amber/Green", InProgress),
    ("Amber-Green", InProgress),
    ("Amber", Paused),
    ("Amber/Red", Paused),
    ("Amber-Red", Paused),
    ("Red", Paused),
    ("Grey", Unknown),
    ("Not rated", Unknown),
];

#[cfg(test)]
mod tests {
    use super::super::Vocabulary;
    use super::*;

    #[test]
    fn the_tables_have_no_blank_or_repeated_labels() {
        for (name, table) in [
            ("roadmap-tracker", LIBRARY),
            ("canada-mandate-tracker", CANADA_MANDATE_TRACKER),
            ("politifact", POLITIFACT),
            ("rag", RAG),
        ] {
            let mut v = Vocabulary::new(name);
            for &(label, state) in table {
                let added = v.insert(label, state);
                assert!(added.is_ok(), "{name}: {label:?}: {added:?}");
            }
            let builtin = Vocabulary::builtin(name).map(|b| b.len());
            assert_eq!(builtin, Some(table.len()), "{name}");
        }
    }
}
