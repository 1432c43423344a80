//! The versioned tracker vocabularies: exact labels, aliases, non-ratings, translations
//! (checked against `docs/vocabularies.md`), and their use in the status rules.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::status::{
    DerivedStatus, Evaluator, Meaning, NonRating, OpenState, Rag, ReasonCode, ReportedState, Rules,
    TermRule, TwoPhaseStatus, Verdict, Vocabularies, Vocabulary,
};
use roadmap_tracker::{ErrorCode, Roadmap};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

const DOC: &str = include_str!("../../docs/vocabularies.md");

/// The rows of the markdown table whose header starts with `header`.
fn table(header: &str) -> Result<Vec<Vec<String>>> {
    let mut lines = DOC.lines().skip_while(|l| !l.starts_with(header));
    lines.next().ok_or(format!("no table {header:?}"))?;
    lines.next();
    Ok(lines
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_owned())
                .collect()
        })
        .collect())
}

fn vocab(id: &str) -> Result<&'static Vocabulary> {
    Ok(Vocabulary::builtin(id)?)
}

fn meaning_text(m: Meaning) -> String {
    match m {
        Meaning::NonRating(n) => format!("non-rating: {n}"),
        other => other.as_str().to_owned(),
    }
}

#[test]
fn the_label_table_in_the_docs_is_exactly_the_built_in_labels() -> Result<()> {
    let rows = table("| vocabulary | label |")?;
    let mut expected = Vec::new();
    for v in Vocabulary::all() {
        for l in v.labels() {
            expected.push(vec![
                v.id().to_owned(),
                l.label.clone(),
                l.aliases.join("; "),
                meaning_text(l.meaning),
                l.meaning.reported_state().as_str().to_owned(),
                l.rag.map(|r| r.as_str().to_owned()).unwrap_or_default(),
            ]);
        }
    }
    assert_eq!(rows, expected);
    Ok(())
}

#[test]
fn every_documented_label_and_alias_reads_as_documented() -> Result<()> {
    // The expectations are the docs' rows (the trackers' published labels), not the code.
    let rows = table("| vocabulary | label |")?;
    assert!(rows.len() > 100, "{} rows", rows.len());
    for row in rows {
        let [id, label, aliases, meaning, state, colour] = row.as_slice() else {
            return Err(format!("bad row {row:?}").into());
        };
        let v = vocab(id)?;
        let meaning: Meaning = meaning.trim_start_matches("non-rating: ").parse()?;
        let state: ReportedState = state.parse()?;
        let colour: Option<Rag> = if colour.is_empty() {
            None
        } else {
            Some(colour.parse()?)
        };
        let spellings =
            std::iter::once(label.as_str()).chain(aliases.split("; ").filter(|a| !a.is_empty()));
        for spelling in spellings {
            // Upper case, padded: still the tracker's label, spelt its way.
            let shouted = format!("  {}  ", spelling.to_uppercase());
            let found = v.label(&shouted).ok_or(format!("{id}: {spelling:?}"))?;
            assert_eq!(&found.label, label, "{id}: {spelling}");
            assert_eq!(v.meaning(&shouted), Some(meaning), "{id}: {spelling}");
            assert_eq!(v.get(&shouted), Some(state), "{id}: {spelling}");
            let reading = v.read(&shouted)?;
            match meaning.status() {
                Some(status) => {
                    assert_eq!(reading.label(), Some(label.as_str()), "{id}: {spelling}");
                    assert_eq!(reading.status(), Some(status), "{id}: {spelling}");
                    assert_eq!(reading.rag(), colour, "{id}: {spelling}");
                }
                None => assert_eq!(
                    reading.non_rating(),
                    meaning.non_rating(),
                    "{id}: {spelling}"
                ),
            }
        }
    }
    Ok(())
}

#[test]
fn the_translation_table_in_the_docs_holds() -> Result<()> {
    let rows = table("| from | label | to |")?;
    assert_eq!(rows.len(), 21);
    for row in rows {
        let [from, label, to, gives, lossy] = row.as_slice() else {
            return Err(format!("bad row {row:?}").into());
        };
        let result = vocab(from)?.translate(label, vocab(to)?);
        if gives.starts_with("*error") {
            let err = result
                .err()
                .ok_or(format!("{from} {label} -> {to}: expected an error"))?;
            assert_eq!(err.code(), ErrorCode::UnknownValue, "{from} {label}");
        } else {
            let t = result?;
            assert_eq!(t.label, gives.as_str(), "{from} {label} -> {to}");
            assert_eq!(t.lossy, lossy == "yes", "{from} {label} -> {to}: lossy");
        }
    }
    Ok(())
}

#[test]
fn names_short_names_and_refusals() -> Result<()> {
    let short = table("| short name | version |")?;
    assert_eq!(short.len(), 2);
    for row in short {
        let [name, id] = row.as_slice() else {
            return Err(format!("bad row {row:?}").into());
        };
        assert_eq!(vocab(name)?.id(), id.as_str());
    }
    for v in Vocabulary::all() {
        assert_eq!(vocab(v.id())?.id(), v.id());
        assert!(!v.is_empty(), "{}", v.id());
    }
    let err = Vocabulary::builtin("gmpp")
        .err()
        .ok_or("gmpp has no short name")?;
    assert_eq!(err.code(), ErrorCode::UnknownValue);
    let text = err.to_string();
    for name in ["roadmap-tracker", "gmpp-5", "gmpp-3", "politifact"] {
        assert!(text.contains(name), "{text}");
    }
    Ok(())
}

#[test]
fn meanings_decide_both_readings() -> Result<()> {
    // PolitiFact's first rating, under either name, is no rating of the work.
    for (id, label) in [
        ("politifact-2008", "No Action"),
        ("politifact", "Not Yet Rated"),
    ] {
        let v = vocab(id)?;
        assert_eq!(v.get(label), Some(ReportedState::Unknown), "{id}");
        let reading = v.read(label)?;
        assert_eq!(reading.non_rating(), Some(NonRating::NotAssessed), "{id}");
        assert_eq!(reading.status(), None, "{id}");
    }
    for state in ReportedState::ALL {
        let meaning = Meaning::from(state);
        assert_eq!(meaning.reported_state(), state);
        assert_eq!(state.is_open(), meaning.is_open(), "{state}");
        assert_eq!(state.is_verdict(), meaning.is_verdict(), "{state}");
    }
    Ok(())
}

#[test]
fn case_variants_dashes_and_aliases_match() -> Result<()> {
    let gmpp = vocab("gmpp-5")?;
    for cell in ["Amber/red", "AMBER/RED", "amber-red", "A/R", "Amber Red"] {
        assert_eq!(gmpp.read(cell)?.label(), Some("Amber/Red"), "{cell}");
    }
    let canada = vocab("canada-mandate-tracker-2017")?;
    assert_eq!(
        canada.read("Completed – fully met")?.label(),
        Some("Completed - fully met")
    );
    // The 2019 page's slash spelling is an alias of that version only.
    let canada_2019 = vocab("canada-mandate-tracker-2019")?;
    assert_eq!(
        canada_2019.read("completed / FULLY met")?.label(),
        Some("Completed - fully met")
    );
    let err = canada.read("Completed / fully met").err();
    assert_eq!(err.map(|e| e.code()), Some(ErrorCode::UnknownLabel));
    let polimetre = vocab("polimetre")?;
    assert_eq!(polimetre.read("REALISEE")?.label(), Some("réalisée"));
    assert_eq!(
        polimetre.read("partiellement réalisée")?.label(),
        Some("en voie de réalisation ou partiellement réalisée")
    );
    Ok(())
}

#[test]
fn a_renamed_label_belongs_only_to_its_own_version() -> Result<()> {
    let err = vocab("politifact-2017")?.read("No Action").err();
    assert_eq!(err.map(|e| e.code()), Some(ErrorCode::UnknownLabel));
    let err = vocab("politifact-2008")?.read("Not Yet Rated").err();
    assert_eq!(err.map(|e| e.code()), Some(ErrorCode::UnknownLabel));
    let err = vocab("canada-mandate-tracker-2019")?
        .read("On-going commitment")
        .err();
    assert_eq!(err.map(|e| e.code()), Some(ErrorCode::UnknownLabel));
    // Five-point labels are unknown on the three-point scale.
    let err = vocab("gmpp-3")?.read("Amber/Green").err();
    let err = err.ok_or("expected an error")?;
    assert_eq!(err.code(), ErrorCode::UnknownLabel);
    assert!(
        err.to_string().contains("\"Green\", \"Amber\", \"Red\""),
        "{err}"
    );
    Ok(())
}

#[test]
fn non_ratings_stay_non_ratings_in_every_vocabulary() -> Result<()> {
    for v in Vocabulary::all() {
        let r = v.read("Exempt under Section 43 FOI")?;
        assert_eq!(r.non_rating(), Some(NonRating::Withheld), "{}", v.id());
        assert_eq!(r.status(), None, "{}", v.id());
        assert_eq!(v.read("No DCA")?.non_rating(), Some(NonRating::NotAssessed));
        assert_eq!(v.read("unclear")?.non_rating(), Some(NonRating::Unclear));
    }
    assert_eq!(
        vocab("rag")?.read("grey")?.non_rating(),
        Some(NonRating::NotAssessed)
    );
    assert!(vocab("gmpp-5")?.read("").is_err());
    assert!(vocab("gmpp-5")?.read("TBC").is_err());
    Ok(())
}

#[test]
fn meanings_in_the_two_phase_model() -> Result<()> {
    let pf = vocab("politifact-2017")?;
    assert_eq!(
        pf.read("Stalled")?.status(),
        Some(TwoPhaseStatus::open(OpenState::Stalled))
    );
    assert_eq!(
        pf.read("Promise Broken")?.status(),
        Some(TwoPhaseStatus::closed(Verdict::Missed))
    );
    let okr = vocab("okr")?;
    assert_eq!(
        okr.read("yellow")?.status(),
        Some(TwoPhaseStatus::closed(Verdict::PartiallyMet))
    );
    assert_eq!(okr.read("yellow")?.rag(), Some(Rag::Amber));
    Ok(())
}

#[test]
fn tracker_vocabularies_work_in_the_status_rules_by_id() -> Result<()> {
    let v = Vocabularies::from_names(&["gmpp-5", "polimetre"])?;
    assert_eq!(v.lookup("amber/red")?, ReportedState::Paused);
    assert_eq!(v.lookup("Amber/Green")?, ReportedState::InProgress);
    assert_eq!(v.lookup("rompue")?, ReportedState::Dropped);
    assert_eq!(v.lookup("en suspens")?, ReportedState::Paused);
    let rules = Rules::from_json(r#"{"vocabularies": ["roadmap-tracker", "full-fact"]}"#)?;
    assert_eq!(
        serde_json::to_string(&rules.vocabularies)?,
        r#"["roadmap-tracker","full-fact"]"#
    );

    // A bundled commitment reported by a Full Fact-style label.
    let mut roadmap = Roadmap::uk_digital_2026();
    let i = roadmap
        .updates
        .iter()
        .position(|u| u.node == "supplier-information-service")
        .ok_or("no update")?;
    if let Some(u) = roadmap.updates.get_mut(i) {
        u.status = "appears off track".into();
        u.delivered_on = None;
    }
    let evaluator = Evaluator::new(roadmap.clone(), rules)?;
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).ok_or("date")?;
    let s = evaluator
        .status_of("supplier-information-service", as_of)
        .ok_or("no status")?;
    // Off track is paused; it is dated 4 June, after its deadline ("in March"): a
    // confirmed delay, red.
    assert_eq!((s.status, s.rule), (DerivedStatus::Delayed, "delayed"));
    assert_eq!(
        TwoPhaseStatus::from_derived(s.status),
        TwoPhaseStatus::open(OpenState::Stalled)
    );
    Ok(())
}

#[test]
fn the_term_rule_closes_open_items_and_keeps_verdicts() -> Result<()> {
    let end = NaiveDate::from_ymd_opt(2029, 5, 1).ok_or("date")?;
    let day_before = end.pred_opt().ok_or("date")?;
    let default = TermRule::new(end);
    let polimetre = TermRule::polimetre(end);
    for state in OpenState::ALL {
        let open = TwoPhaseStatus::open(state);
        assert_eq!(default.apply(open, day_before), open);
        let closed = default.apply(open, end);
        assert_eq!(closed.verdict(), Some(Verdict::Missed), "{state}");
        assert_eq!(closed.reason(), Some(ReasonCode::TermEnded));
        let expected = match state {
            OpenState::InProgress | OpenState::OnTrack => Verdict::PartiallyMet,
            _ => Verdict::Missed,
        };
        assert_eq!(
            polimetre.apply(open, end).verdict(),
            Some(expected),
            "{state}"
        );
    }
    let late = TwoPhaseStatus::from_derived(DerivedStatus::MetLate);
    assert_eq!(default.apply(late, end), late);
    assert_eq!(late.to_string(), "met late");
    Ok(())
}
