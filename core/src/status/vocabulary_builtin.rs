//! The built-in vocabularies' label tables: the library's own, and one per outside tracker
//! and version.
//!
//! Kept apart from the lookup logic so each table can be reviewed against the tracker it
//! comes from. The first spelling of each label is the tracker's own; aliases are the
//! spellings found in spreadsheets (case never matters, nor which dash is used). Each
//! label has one [`Meaning`]; `docs/vocabularies.md` shows every table, the reasons for
//! the choices, and the translations between them.

use super::verdict::{Meaning, NonRating, OpenState, Verdict};
use super::Rag;

/// One label of a built-in table.
pub(super) struct Row {
    pub(super) label: &'static str,
    pub(super) aliases: &'static [&'static str],
    pub(super) meaning: Meaning,
    pub(super) rag: Option<Rag>,
}

/// One built-in vocabulary.
pub(super) struct Table {
    pub(super) id: &'static str,
    pub(super) tracker: &'static str,
    pub(super) version: &'static str,
    pub(super) labels: &'static [Row],
}

// Short names for the tables below.
const fn open(state: OpenState) -> Meaning {
    Meaning::Open(state)
}

const fn verdict(verdict: Verdict) -> Meaning {
    Meaning::Verdict(verdict)
}

const fn non(kind: NonRating) -> Meaning {
    Meaning::NonRating(kind)
}

const fn row(label: &'static str, aliases: &'static [&'static str], meaning: Meaning) -> Row {
    Row {
        label,
        aliases,
        meaning,
        rag: None,
    }
}

const fn rating(
    label: &'static str,
    aliases: &'static [&'static str],
    meaning: Meaning,
    rag: Rag,
) -> Row {
    Row {
        label,
        aliases,
        meaning,
        rag: Some(rag),
    }
}

use NonRating::{NotAssessed, Unclear};
use OpenState::*;
use Verdict::*;

/// The library's own labels, `roadmap-tracker`: the ones the bundled data uses, plus
/// common synonyms. Each spelling is a label of its own.
const LIBRARY: Table = Table {
    id: "roadmap-tracker",
    tracker: "roadmap-tracker",
    version: "1",
    labels: &[
        row("planned", &[], open(NotStarted)),
        row("scheduled", &[], open(NotStarted)),
        row("not started", &[], open(NotStarted)),
        row("not yet started", &[], open(NotStarted)),
        row("not begun", &[], open(NotStarted)),
        row("proposed", &[], open(NotStarted)),
        row("announced", &[], open(NotStarted)),
        row("committed", &[], open(NotStarted)),
        row("upcoming", &[], open(NotStarted)),
        row("to do", &[], open(NotStarted)),
        row("in progress", &[], open(InProgress)),
        row("in-progress", &[], open(InProgress)),
        row("underway", &[], open(InProgress)),
        row("under way", &[], open(InProgress)),
        row("ongoing", &[], open(InProgress)),
        row("in development", &[], open(InProgress)),
        row("progressing", &[], open(InProgress)),
        row("piloting", &[], open(InProgress)),
        row("in pilot", &[], open(InProgress)),
        row("being piloted", &[], open(InProgress)),
        row("started", &[], open(InProgress)),
        row("on track", &[], open(OnTrack)),
        row("being implemented", &[], open(InProgress)),
        row("rolling out", &[], open(InProgress)),
        row("in delivery", &[], open(InProgress)),
        row("partially delivered", &[], open(InProgress)),
        row("rollout ongoing", &[], open(InProgress)),
        row("in effect", &[], verdict(Met)),
        row("in place", &[], verdict(Met)),
        row("applies", &[], verdict(Met)),
        row("delivered", &[], verdict(Met)),
        row("met", &[], verdict(Met)),
        row("launched", &[], verdict(Met)),
        row("completed", &[], verdict(Met)),
        row("complete", &[], verdict(Met)),
        row("done", &[], verdict(Met)),
        row("published", &[], verdict(Met)),
        row("achieved", &[], verdict(Met)),
        row("implemented", &[], verdict(Met)),
        row("live", &[], verdict(Met)),
        row("fulfilled", &[], verdict(Met)),
        row("delivered differently", &[], verdict(MetWithChanges)),
        row("re-planned", &[], open(Replanned)),
        row("replanned", &[], open(Replanned)),
        row("new approach", &[], open(Replanned)),
        row("approach changed", &[], open(Replanned)),
        row("changed approach", &[], open(Replanned)),
        row("new timeframe to be set", &[], open(Replanned)),
        row("new deadline set", &[], open(Replanned)),
        row("met differently", &[], verdict(MetWithChanges)),
        row("superseded", &[], verdict(MetWithChanges)),
        row("replaced", &[], verdict(MetWithChanges)),
        row("modified", &[], verdict(MetWithChanges)),
        row("paused", &[], open(Stalled)),
        row("under review", &[], open(Stalled)),
        row("rescheduled", &[], open(Replanned)),
        row("delayed", &[], open(AtRisk)),
        row("on hold", &[], open(Stalled)),
        row("stalled", &[], open(Stalled)),
        row("postponed", &[], open(Stalled)),
        row("deferred", &[], open(Stalled)),
        row("dropped", &[], verdict(Abandoned)),
        row("abandoned", &[], verdict(Abandoned)),
        row("cancelled", &[], verdict(Abandoned)),
        row("canceled", &[], verdict(Abandoned)),
        row("withdrawn", &[], verdict(Abandoned)),
        row("scrapped", &[], verdict(Abandoned)),
        row("discontinued", &[], verdict(Abandoned)),
        row("not being pursued", &[], verdict(Abandoned)),
        row("unknown", &[], non(Unclear)),
        row("not known", &[], non(Unclear)),
        row("no update", &[], non(NotAssessed)),
        row("unclear", &[], non(Unclear)),
    ],
};

/// Canada's mandate letter tracker as launched in November 2017.
const CANADA_2017: Table = Table {
    id: "canada-mandate-tracker-2017",
    tracker: "Canada mandate letter tracker",
    version: "2017",
    labels: &[
        row("Completed - fully met", &[], verdict(Met)),
        row("Completed - modified", &[], verdict(MetWithChanges)),
        row("Underway - on track", &[], open(OnTrack)),
        row("Underway - with challenges", &[], open(AtRisk)),
        row(
            "On-going commitment",
            &["Ongoing commitment"],
            open(InProgress),
        ),
        row("Not being pursued", &[], verdict(Abandoned)),
    ],
};

/// The tracker's later labels: "On-going commitment" gave way to two "Actions taken"
/// labels for commitments with no end point. The tracker's page of June 2019
/// (canada.ca, privy-council/campaigns/mandate-tracker-results-canadians-all) writes the
/// first with a slash, "Completed / fully met": an alias.
const CANADA_2019: Table = Table {
    id: "canada-mandate-tracker-2019",
    tracker: "Canada mandate letter tracker",
    version: "2019",
    labels: &[
        row(
            "Completed - fully met",
            &["Completed / fully met"],
            verdict(Met),
        ),
        row("Completed - modified", &[], verdict(MetWithChanges)),
        row("Underway - on track", &[], open(OnTrack)),
        row("Underway - with challenges", &[], open(AtRisk)),
        row("Actions taken, progress made", &[], open(InProgress)),
        row(
            "Actions taken, progress made toward ongoing goal",
            &[],
            open(InProgress),
        ),
        row("Not being pursued", &[], verdict(Abandoned)),
    ],
};

/// PolitiFact's meters as the Obameter launched them, where every promise started at
/// "No Action". PolitiFact's own definition: the initial rating of every promise until it
/// has researched it, so not a rating of the work.
const POLITIFACT_2008: Table = Table {
    id: "politifact-2008",
    tracker: "PolitiFact",
    version: "2008",
    labels: &[
        row("No Action", &[], non(NotAssessed)),
        row("In the Works", &[], open(InProgress)),
        row("Stalled", &[], open(Stalled)),
        row("Promise Kept", &[], verdict(Met)),
        row("Compromise", &[], verdict(MetWithChanges)),
        row("Promise Broken", &[], verdict(Missed)),
    ],
};

/// PolitiFact's meters after "No Action" was renamed "Not Yet Rated" (the same rating,
/// renamed because readers took it to mean nothing had been done).
const POLITIFACT_2017: Table = Table {
    id: "politifact-2017",
    tracker: "PolitiFact",
    version: "2017",
    labels: &[
        row("Not Yet Rated", &[], non(NotAssessed)),
        row("In the Works", &[], open(InProgress)),
        row("Stalled", &[], open(Stalled)),
        row("Promise Kept", &[], verdict(Met)),
        row("Compromise", &[], verdict(MetWithChanges)),
        row("Promise Broken", &[], verdict(Missed)),
    ],
};

/// The Polimètre (Université Laval). Aliases drop the accents, as exports often do.
const POLIMETRE: Table = Table {
    id: "polimetre",
    tracker: "Polimètre",
    version: "2012",
    labels: &[
        row(
            "réalisée",
            &["realisee", "réalisé", "realise"],
            verdict(Met),
        ),
        row(
            "en voie de réalisation ou partiellement réalisée",
            &[
                "en voie de realisation ou partiellement realisee",
                "en voie de réalisation",
                "en voie de realisation",
                "partiellement réalisée",
                "partiellement realisee",
            ],
            open(InProgress),
        ),
        row("en suspens", &[], open(Stalled)),
        row("rompue", &["rompu"], verdict(Missed)),
    ],
};

/// Full Fact's government tracker. "unclear or disputed" is not a rating: it says the
/// evidence does not allow one, so it stays a non-rating.
const FULL_FACT: Table = Table {
    id: "full-fact",
    tracker: "Full Fact government tracker",
    version: "2024",
    labels: &[
        row("achieved", &[], verdict(Met)),
        row("appears on track", &[], open(OnTrack)),
        row("signs of progress", &[], open(InProgress)),
        row("appears off track", &[], open(AtRisk)),
        row("not kept", &[], verdict(Missed)),
        row("unclear or disputed", &[], non(Unclear)),
    ],
};

/// The UK Government Major Projects Portfolio's five-point delivery confidence
/// assessment (DCA), used until 2021. A rating is a forecast: every label is open.
const GMPP_5: Table = Table {
    id: "gmpp-5",
    tracker: "GMPP delivery confidence assessment",
    version: "5-point (to 2021)",
    labels: &[
        rating("Green", &["G"], open(OnTrack), Rag::Green),
        // "Probable", with no significant issues named: closer to green than to the
        // three-point amber, which requires significant issues to exist already.
        rating(
            "Amber/Green",
            &["Amber-Green", "Amber Green", "A/G", "AG"],
            open(OnTrack),
            Rag::Green,
        ),
        rating("Amber", &["A"], open(AtRisk), Rag::Amber),
        // "In doubt", not "unachievable": amber on the three-point scale.
        rating(
            "Amber/Red",
            &["Amber-Red", "Amber Red", "A/R", "AR"],
            open(AtRisk),
            Rag::Amber,
        ),
        rating("Red", &["R"], open(AtRisk), Rag::Red),
    ],
};

/// The three-point DCA the portfolio moved to in 2021.
const GMPP_3: Table = Table {
    id: "gmpp-3",
    tracker: "GMPP delivery confidence assessment",
    version: "3-point (from 2021)",
    labels: &[
        rating("Green", &["G"], open(OnTrack), Rag::Green),
        rating("Amber", &["A"], open(AtRisk), Rag::Amber),
        rating("Red", &["R"], open(AtRisk), Rag::Red),
    ],
};

/// Plain red/amber/green status reporting; grey is "not assessed", not a rating. The
/// in-between ratings some RAG sheets use are read by their colour, as on GMPP's
/// five-point scale (amber/green is green, amber/red amber).
const RAG: Table = Table {
    id: "rag",
    tracker: "RAG status",
    version: "1",
    labels: &[
        rating(
            "Green",
            &["G", "Amber/Green", "Amber-Green"],
            open(OnTrack),
            Rag::Green,
        ),
        rating(
            "Amber",
            &["A", "Yellow", "Amber/Red", "Amber-Red"],
            open(AtRisk),
            Rag::Amber,
        ),
        rating("Red", &["R"], open(AtRisk), Rag::Red),
        row("Grey", &["Gray", "Not rated"], non(NotAssessed)),
    ],
};

/// OKR grading bands at the end of a cycle: 0.7–1.0 green (delivered), 0.4–0.6 yellow
/// (progress, short of the aim), 0.0–0.3 red (no real progress). These are verdicts.
const OKR: Table = Table {
    id: "okr",
    tracker: "OKR grading bands",
    version: "1",
    labels: &[
        rating("Green", &["G"], verdict(Met), Rag::Green),
        rating("Yellow", &["Amber", "Y"], verdict(PartiallyMet), Rag::Amber),
        rating("Red", &["R"], verdict(Missed), Rag::Red),
    ],
};

/// Every built-in vocabulary, in the order `docs/vocabularies.md` lists them.
pub(super) const TABLES: &[&Table] = &[
    &LIBRARY,
    &CANADA_2017,
    &CANADA_2019,
    &POLITIFACT_2008,
    &POLITIFACT_2017,
    &POLIMETRE,
    &FULL_FACT,
    &GMPP_5,
    &GMPP_3,
    &RAG,
    &OKR,
];

/// Names that stand for one version of a tracker: the newest. GMPP has none on purpose:
/// its two scales read the same colours differently, so a sheet must say which it uses.
pub(super) const SHORT_NAMES: &[(&str, &str)] = &[
    ("canada-mandate-tracker", "canada-mandate-tracker-2019"),
    ("politifact", "politifact-2017"),
];

/// Cells that are not ratings in any vocabulary: the publisher withheld the value, did
/// not assess the item, or says it cannot tell. Matched after the vocabulary's labels.
pub(super) const NON_RATINGS: &[(&str, NonRating)] = &[
    ("no dca", NonRating::NotAssessed),
    ("dca not provided", NonRating::NotAssessed),
    ("not rated", NonRating::NotAssessed),
    ("not assessed", NonRating::NotAssessed),
    ("unclear", NonRating::Unclear),
    ("disputed", NonRating::Unclear),
    ("unclear or disputed", NonRating::Unclear),
];
