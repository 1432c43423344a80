//! The label tables of the built-in tracker vocabularies, one per tracker and version.
//!
//! Kept apart from the lookup logic so each table can be reviewed against the tracker it
//! comes from. The first spelling of each label is the tracker's own; aliases are the
//! spellings found in spreadsheets (case never matters, nor which dash is used).
//! `docs/vocabularies.md` shows every table and the mappings between them.

use super::tracker_vocabulary::{LabelMeaning, NonRating, TrackerLabel, TrackerVocabulary};
use super::two_phase::{OpenState, TwoPhaseStatus, Verdict};
use super::Rag;

// Short names for the tables below.
const fn open(state: OpenState) -> TwoPhaseStatus {
    TwoPhaseStatus::open(state)
}

const fn closed(verdict: Verdict) -> TwoPhaseStatus {
    TwoPhaseStatus::closed(verdict)
}

const fn status(
    label: &'static str,
    aliases: &'static [&'static str],
    status: TwoPhaseStatus,
) -> TrackerLabel {
    TrackerLabel {
        label,
        aliases,
        meaning: LabelMeaning::Status { status, rag: None },
    }
}

const fn rating(
    label: &'static str,
    aliases: &'static [&'static str],
    status: TwoPhaseStatus,
    rag: Rag,
) -> TrackerLabel {
    TrackerLabel {
        label,
        aliases,
        meaning: LabelMeaning::Status {
            status,
            rag: Some(rag),
        },
    }
}

const fn non_rating(
    label: &'static str,
    aliases: &'static [&'static str],
    kind: NonRating,
) -> TrackerLabel {
    TrackerLabel {
        label,
        aliases,
        meaning: LabelMeaning::NonRating(kind),
    }
}

use OpenState::*;
use Verdict::*;

/// Canada's mandate letter tracker as launched in November 2017.
pub(super) const CANADA_2017: TrackerVocabulary = TrackerVocabulary {
    id: "canada-mandate-tracker-2017",
    tracker: "Canada mandate letter tracker",
    version: "2017",
    labels: &[
        status("Completed - fully met", &[], closed(Met)),
        status("Completed - modified", &[], closed(MetWithChanges)),
        status("Underway - on track", &[], open(OnTrack)),
        status("Underway - with challenges", &[], open(AtRisk)),
        status(
            "On-going commitment",
            &["Ongoing commitment"],
            open(InProgress),
        ),
        status("Not being pursued", &[], closed(Abandoned)),
    ],
};

/// The tracker's later labels: "On-going commitment" gave way to two "Actions taken"
/// labels for commitments with no end point. The tracker's page of June 2019
/// (canada.ca, privy-council/campaigns/mandate-tracker-results-canadians-all) writes the
/// first with a slash, "Completed / fully met": an alias.
pub(super) const CANADA_2019: TrackerVocabulary = TrackerVocabulary {
    id: "canada-mandate-tracker-2019",
    tracker: "Canada mandate letter tracker",
    version: "2019",
    labels: &[
        status(
            "Completed - fully met",
            &["Completed / fully met"],
            closed(Met),
        ),
        status("Completed - modified", &[], closed(MetWithChanges)),
        status("Underway - on track", &[], open(OnTrack)),
        status("Underway - with challenges", &[], open(AtRisk)),
        status("Actions taken, progress made", &[], open(InProgress)),
        status(
            "Actions taken, progress made toward ongoing goal",
            &[],
            open(InProgress),
        ),
        status("Not being pursued", &[], closed(Abandoned)),
    ],
};

/// PolitiFact's meters as on the Obameter, where unrated promises were "No Action".
pub(super) const POLITIFACT_2008: TrackerVocabulary = TrackerVocabulary {
    id: "politifact-2008",
    tracker: "PolitiFact",
    version: "2008",
    labels: &[
        status("No Action", &[], open(NotStarted)),
        status("In the Works", &[], open(InProgress)),
        status("Stalled", &[], open(Stalled)),
        status("Promise Kept", &[], closed(Met)),
        status("Compromise", &[], closed(MetWithChanges)),
        status("Promise Broken", &[], closed(Missed)),
    ],
};

/// PolitiFact's meters after "No Action" was renamed "Not Yet Rated".
pub(super) const POLITIFACT_2017: TrackerVocabulary = TrackerVocabulary {
    id: "politifact-2017",
    tracker: "PolitiFact",
    version: "2017",
    labels: &[
        status("Not Yet Rated", &[], open(NotStarted)),
        status("In the Works", &[], open(InProgress)),
        status("Stalled", &[], open(Stalled)),
        status("Promise Kept", &[], closed(Met)),
        status("Compromise", &[], closed(MetWithChanges)),
        status("Promise Broken", &[], closed(Missed)),
    ],
};

/// The Polimètre (Université Laval). Aliases drop the accents, as exports often do.
pub(super) const POLIMETRE: TrackerVocabulary = TrackerVocabulary {
    id: "polimetre",
    tracker: "Polimètre",
    version: "2012",
    labels: &[
        status("réalisée", &["realisee", "réalisé", "realise"], closed(Met)),
        status(
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
        status("en suspens", &[], open(Stalled)),
        status("rompue", &["rompu"], closed(Missed)),
    ],
};

/// Full Fact's government tracker. "unclear or disputed" is not a rating: it says the
/// evidence does not allow one, so it stays a non-rating.
pub(super) const FULL_FACT: TrackerVocabulary = TrackerVocabulary {
    id: "full-fact",
    tracker: "Full Fact government tracker",
    version: "2024",
    labels: &[
        status("achieved", &[], closed(Met)),
        status("appears on track", &[], open(OnTrack)),
        status("signs of progress", &[], open(InProgress)),
        status("appears off track", &[], open(AtRisk)),
        status("not kept", &[], closed(Missed)),
        non_rating("unclear or disputed", &[], NonRating::Unclear),
    ],
};

/// The UK Government Major Projects Portfolio's five-point delivery confidence
/// assessment (DCA), used until 2021. A rating is a forecast: every label is open.
pub(super) const GMPP_5: TrackerVocabulary = TrackerVocabulary {
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
pub(super) const GMPP_3: TrackerVocabulary = TrackerVocabulary {
    id: "gmpp-3",
    tracker: "GMPP delivery confidence assessment",
    version: "3-point (from 2021)",
    labels: &[
        rating("Green", &["G"], open(OnTrack), Rag::Green),
        rating("Amber", &["A"], open(AtRisk), Rag::Amber),
        rating("Red", &["R"], open(AtRisk), Rag::Red),
    ],
};

/// Plain red/amber/green status reporting; grey is "not assessed", not a rating.
pub(super) const RAG: TrackerVocabulary = TrackerVocabulary {
    id: "rag",
    tracker: "RAG status",
    version: "1",
    labels: &[
        rating("Green", &["G"], open(OnTrack), Rag::Green),
        rating("Amber", &["A", "Yellow"], open(AtRisk), Rag::Amber),
        rating("Red", &["R"], open(AtRisk), Rag::Red),
        non_rating("Grey", &["Gray"], NonRating::NotAssessed),
    ],
};

/// OKR grading bands at the end of a cycle: 0.7–1.0 green (delivered), 0.4–0.6 yellow
/// (progress, short of the aim), 0.0–0.3 red (no real progress). These are verdicts.
pub(super) const OKR: TrackerVocabulary = TrackerVocabulary {
    id: "okr",
    tracker: "OKR grading bands",
    version: "1",
    labels: &[
        rating("Green", &["G"], closed(Met), Rag::Green),
        rating("Yellow", &["Amber", "Y"], closed(PartiallyMet), Rag::Amber),
        rating("Red", &["R"], closed(Missed), Rag::Red),
    ],
};

/// Every built-in tracker vocabulary, in the order `docs/vocabularies.md` lists them.
pub(super) const ALL: &[&TrackerVocabulary] = &[
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
