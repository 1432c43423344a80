//! The bundled UK roadmap (data/uk-digital-2026.json) under the default rules: the
//! judgments a careful fact-checker would sign, and the reader's sentences on every date.
//!
//! Every expected value was worked out by hand from the bundled data, the deadline
//! conventions (`docs/deadlines.md`) and the rule table (`docs/status-rules.md`); the
//! notes beside each say how.
//!
//! Why 30 June 2026 and not 15 June: the bundled data dates the seed article
//! (`csw-summer-2026`) and the January–March quarterly report to their quarter, `2026-Q2`,
//! since their press days are not public. An update is visible from the latest day its
//! date allows, and a deadline credited to those documents is written on the quarter's
//! last day, so nothing they say exists before 30 June 2026. On 15 June the director-level
//! assessments have neither a deadline nor a report yet (tested below); on 30 June both
//! appear.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::status::{CommitmentStatus, DerivedStatus, Evaluator, Rag, Rules, Step};
use roadmap_tracker::Roadmap;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

use DerivedStatus::*;

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

fn bundled() -> Result<Evaluator> {
    Ok(Evaluator::new(
        Roadmap::uk_digital_2026(),
        Rules::default(),
    )?)
}

fn article() -> Result<Evaluator> {
    let roadmap = Roadmap::from_json_str(include_str!(
        "../../tests/fixtures/uk-digital-2026-article.json"
    ))?;
    Ok(Evaluator::new(roadmap, Rules::default())?)
}

fn status(e: &Evaluator, id: &str, as_of: &str) -> Result<CommitmentStatus> {
    Ok(e.status_of(id, date(as_of)?)
        .ok_or(format!("no status for {id}"))?)
}

/// The 1st and the 15th of every month from January 2026 to December 2029.
fn sweep() -> Vec<NaiveDate> {
    (2026..=2029)
        .flat_map(|y| (1..=12).flat_map(move |m| [1, 15].map(|d| (y, m, d))))
        .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .collect()
}

/// Why `reason` is not a well-formed sentence, if it is not: it must start with a capital
/// and end with one full stop, have no empty clause or parentheses, no doubled or
/// misplaced punctuation, no "no days" or "0 days", no ISO date (readers get words), and
/// "and nothing has been reported since" only after the verb that carries it ("came").
fn sentence_problem(reason: &str) -> Option<&'static str> {
    let first = reason.chars().next()?;
    if !first.is_uppercase() {
        return Some("does not start with a capital");
    }
    if !reason.ends_with('.') || reason.ends_with("..") {
        return Some("does not end with one full stop");
    }
    let body = reason.trim_end_matches('.');
    if body.split("; ").any(|part| part.trim().is_empty()) {
        return Some("has an empty clause");
    }
    for (bad, why) in [
        ("()", "has empty parentheses"),
        (") (", "has two parentheses in a row"),
        ("( ", "has a space inside parentheses"),
        (" )", "has a space inside parentheses"),
        ("  ", "has a double space"),
        (" ,", "has a space before a comma"),
        (" ;", "has a space before a semicolon"),
        (" .", "has a space before the full stop"),
        (",,", "has a doubled comma"),
        (";;", "has a doubled semicolon"),
        (", ;", "has a comma before a semicolon"),
        ("; ,", "has a comma after a semicolon"),
        (", .", "has a comma before the full stop"),
        ("; .", "has a semicolon before the full stop"),
        (":.", "has a colon before the full stop"),
        ("no days", "says \"no days\""),
        (" 0 days", "says \"0 days\""),
        ("Due ;", "has a deadline with no words"),
        ("due ;", "has a deadline with no words"),
        ("due .", "has a deadline with no words"),
    ] {
        if reason.contains(bad) {
            return Some(why);
        }
    }
    if reason.contains(", and nothing has been reported since") && !reason.contains(", came ") {
        return Some("says \"and nothing has been reported since\" with no verb before it");
    }
    let bytes = reason.as_bytes();
    let iso = bytes.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    });
    if iso {
        return Some("prints an ISO date");
    }
    None
}

#[test]
fn the_sentence_check_catches_what_it_is_for() {
    // The broken sentences this test was written for, and one good one of each kind.
    let broken = [
        "Reported in development in April–June 2026, no days after it was due to apply from April 2026.",
        "Due to apply from May 2026; the last report, ongoing in April–June 2026, and nothing has been reported since.",
        "Reported scheduled in April–June 2026; due now ().",
        "reported launched on 4 June 2026.",
        "Due by 31 March 2028; ; no report yet.",
        "Met: reported launched on 2026-06-04; no dated deadline.",
        "Due by 31 March 2028; no report yet",
        "Reported underway on 4 June 2026; due now (in 2026) (the evidence is 200 days old).",
    ];
    for b in broken {
        assert!(sentence_problem(b).is_some(), "{b}");
    }
    let good = [
        "Reported in development in April–June 2026, once it was due to apply from April 2026.",
        "Due between 1 June and 31 August 2026; the last report, scheduled on 4 June 2026, came two months before the deadline's end, and nothing has been reported since.",
        "Reported rolling out in April–June 2026; due now (throughout 2026).",
    ];
    for g in good {
        assert_eq!(sentence_problem(g), None, "{g}");
    }
}

#[test]
fn every_reason_is_a_sentence_on_every_date() -> Result<()> {
    let mut failures = Vec::new();
    for (name, e) in [("bundled", bundled()?), ("article", article()?)] {
        for day in sweep() {
            for s in &e.evaluate(day).commitments {
                let reason = s.reason();
                if let Some(why) = sentence_problem(&reason) {
                    failures.push(format!("{name} {} on {day}: {why}: {reason}", s.node()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

/// Every template with every evidence precision: one commitment for each deadline kind,
/// report date precision and kind of label (and a re-plan with a new deadline, a stated
/// delivery date, a deadline written later, an expectation), judged on every date of the
/// sweep, must read as a sentence.
#[test]
fn every_template_is_a_sentence_with_coarse_dates() -> Result<()> {
    use roadmap_tracker::{DeadlineText, EvidenceDate, Extra, Node, NodeKind, StatusUpdate};
    let jan = date("2026-01-19")?;
    let mut roadmap = Roadmap::new("t", "T", "Us", jan);
    roadmap.nodes.push(Node::new("s", NodeKind::Section, "S"));
    roadmap
        .nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    let deadlines = [
        Some(("in March", jan)),
        Some(("from May 2026", jan)),
        Some(("by June 2026", jan)),
        Some(("summer 2026", jan)),
        Some(("throughout 2026", jan)),
        Some(("until March 2027", jan)),
        Some(("in due course", jan)),
        Some(("by March 2027", date("2026-06-30")?)),
        None,
    ];
    let dates = ["2026-04-10", "2026-05", "2026-Q2", "2026", "..2026-05-20"];
    let labels = [
        "in progress",
        "scheduled",
        "paused",
        "launched",
        "unknown",
        "re-planned",
        "Red",
        "Amber",
        "Green",
        "dropped",
        "delivered differently",
    ];
    let mut n = 0;
    for (k, deadline) in deadlines.iter().enumerate() {
        for when in dates {
            for label in labels {
                for variant in 0..3 {
                    n += 1;
                    let id = format!("c{n}");
                    let mut c = Node::new(&id, NodeKind::Commitment, "C").with_parent("a");
                    if let Some((phrase, written)) = deadline {
                        c = c.with_deadline(*phrase, *written);
                    }
                    c.expectation = k == 0 && variant == 1;
                    roadmap.nodes.push(c);
                    roadmap.updates.push(StatusUpdate {
                        node: id.clone(),
                        date: when.parse::<EvidenceDate>()?,
                        status: label.to_owned(),
                        source: String::new(),
                        note: String::new(),
                        // A stated delivery (kept only on delivered labels), a new
                        // deadline (kept only on re-plans).
                        delivered_on: match (variant, label) {
                            (1, "launched") => Some("2026-03".parse::<EvidenceDate>()?),
                            (0, "launched") => Some("2026-Q3".parse::<EvidenceDate>()?),
                            _ => None,
                        },
                        new_deadline: (variant == 2 && label == "re-planned").then(|| {
                            DeadlineText {
                                phrase: "by December 2026".to_owned(),
                                written_on: jan,
                                source: None,
                            }
                        }),
                        extra: Extra::new(),
                    });
                    if variant == 2 {
                        // A later report of progress, dated only to the year after.
                        roadmap.updates.push(StatusUpdate {
                            node: id,
                            date: "2027".parse::<EvidenceDate>()?,
                            status: "in progress".to_owned(),
                            source: String::new(),
                            note: String::new(),
                            delivered_on: None,
                            new_deadline: None,
                            extra: Extra::new(),
                        });
                    }
                }
            }
        }
    }
    roadmap.validate()?;
    let e = Evaluator::new(roadmap, Rules::default())?;
    let mut failures = Vec::new();
    let mut rules = std::collections::BTreeSet::new();
    for day in sweep() {
        for s in &e.evaluate(day).commitments {
            rules.insert(s.rule);
            let reason = s.reason();
            if let Some(why) = sentence_problem(&reason) {
                failures.push(format!("{} on {day}: {why}: {reason}", s.node()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every rule but `unreadable` and `delivered-within-grace` (no grace days by default)
    // is met: every template is exercised.
    let missing: Vec<&str> = roadmap_tracker::status::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !rules.contains(id) && !matches!(*id, "unreadable" | "delivered-within-grace"))
        .collect();
    assert!(missing.is_empty(), "rules never met: {missing:?}");

    // The history's change points include every date the new rules can change on: its
    // daily series agrees with evaluating each day.
    let from = date("2026-01-01")?;
    let history = e.history(Some(from), date("2028-01-31")?, Step::Daily)?;
    for &day in &history.dates {
        for (timeline, c) in history.commitments.iter().zip(&e.evaluate(day).commitments) {
            assert_eq!(
                timeline.status_at(day),
                Some(c.status),
                "{} on {day}",
                c.node()
            );
        }
    }
    Ok(())
}

#[test]
fn no_status_names_a_delivery_date_its_evidence_does_not_give() -> Result<()> {
    let e = bundled()?;
    let roadmap = e.roadmap();
    for day in sweep() {
        for s in &e.evaluate(day).commitments {
            // A delivery date is carried only when an update on the node states it.
            if let Some(d) = s.delivered_on {
                assert!(
                    roadmap
                        .updates_for(s.node())
                        .any(|u| u.delivered_on == Some(d)),
                    "{} on {day}: delivered_on {d} is not in the evidence",
                    s.node()
                );
            } else {
                // And no reason speaks of a delivery date the status does not carry.
                assert!(
                    !s.reason().contains(", delivered "),
                    "{} on {day}: {}",
                    s.node(),
                    s.reason()
                );
            }
            assert_eq!(
                s.evidence_date.is_some(),
                s.update.is_some(),
                "{}",
                s.node()
            );
            assert_eq!(
                s.evidence_age_days.is_some(),
                s.update.is_some(),
                "{}",
                s.node()
            );
        }
    }
    Ok(())
}

#[test]
fn every_status_in_the_reports_json_has_its_evidence_date_and_age() -> Result<()> {
    let e = bundled()?;
    for day in ["2026-01-19", "2026-06-30", "2026-11-24", "2029-06-01"] {
        let json: serde_json::Value = serde_json::from_str(&e.report(date(day)?, None).to_json()?)?;
        let mut statuses = Vec::new();
        let mut stack = vec![&json];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(map) => {
                    if map.contains_key("rule") && map.contains_key("reason") {
                        statuses.push(map);
                    }
                    stack.extend(map.values());
                }
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        // 65 commitments and 5 milestones, each with one status.
        assert_eq!(statuses.len(), 70, "{day}");
        for s in statuses {
            let (Some(when), Some(age)) = (s.get("evidence_date"), s.get("evidence_age_days"))
            else {
                return Err(format!("{day}: a status without its evidence fields: {s:?}").into());
            };
            assert_eq!(when.is_null(), age.is_null(), "{day}: {s:?}");
        }
    }
    Ok(())
}

#[test]
fn the_judgments_the_bundled_roadmap_calls_for() -> Result<()> {
    let e = bundled()?;

    // 15 June: the seed article's deadline for the director-level assessments ("from April
    // this year", written 2026-06-30) and its report (2026-Q2) are not yet visible.
    let early = status(&e, "senior-digital-assessment", "2026-06-15")?;
    assert_eq!((early.status, early.update), (NoEvidence, None));
    assert_eq!(
        early.reason(),
        "Deadline not yet known as of 15 June 2026; no report yet."
    );

    // 30 June. "From April this year" (written 2026-06-30) starts on 1 April 2026; the
    // article's "in development", dated 2026-Q2 (1 April to 30 June), is wholly on or after
    // the start and says it does not apply yet: late, but moving. Its day is not known, so
    // no distance is given.
    let senior = status(&e, "senior-digital-assessment", "2026-06-30")?;
    assert_eq!(
        (senior.status, senior.rag, senior.rule),
        (Behind, Rag::Amber, "behind")
    );
    assert_eq!(
        senior.reason(),
        "Reported in development in April–June 2026, once it was due to apply from April 2026."
    );
    assert_eq!(senior.evidence_age_days, Some(0));

    // "From May onwards" starts on 1 May 2026. The rollout is "ongoing" in 2026-Q2, which
    // runs from 1 April (before the start) to 30 June (after it): possibly after, so
    // `behind`, with the timing unclear. (The minister's letter, on or before 24 April, is
    // wholly before the start, and the article's report is the later one.)
    let extract = status(&e, "extract-local-authority-rollout", "2026-06-30")?;
    assert_eq!(
        (extract.status, extract.rag, extract.rule),
        (Behind, Rag::Amber, "behind-timing-unclear")
    );
    assert_eq!(
        extract.reason(),
        "Reported ongoing in April–June 2026, which may be before or after it was due to \
         apply from May 2026: the timing is unclear."
    );

    // The AI procurement guidance: only a change of approach (a re-plan, the new deadline
    // to be set) has been reported, and no delivery date.
    let guidance = status(&e, "responsible-ai-procurement-guidance", "2026-06-30")?;
    assert_eq!(
        (guidance.status, guidance.rag, guidance.rule),
        (Replanned, Rag::Amber, "replanned")
    );
    assert_eq!(guidance.delivered_on, None);
    assert_eq!(
        guidance.reason(),
        "Re-planned in April–June 2026, with the new deadline still to be set; nothing \
         delivered since."
    );

    // CustomerFirst: "by March 2028" (its window opens 1 March 2028) and a real "started"
    // report dated 2026-Q2, stored after the 23 June "in progress" and visible later: on
    // track.
    let customer = status(&e, "customerfirst-priority-services", "2026-06-30")?;
    assert_eq!((customer.status, customer.rag), (OnTrack, Rag::Green));
    assert_eq!(
        customer.reason(),
        "Reported started in April–June 2026; due by 31 March 2028."
    );

    // 24 November. The joint leadership structures have no deadline of their own; the
    // quarterly report re-plans them to "Summer 2026" (written 2026-06-30: 1 June to 31
    // August), and the article's "scheduled" (2026-Q2, stored later) is the report. It is
    // wholly before the new deadline's end and nothing is dated after it: overdue,
    // unconfirmed. Its age: 30 June to 24 November is 31 + 31 + 30 + 31 + 24 = 147 days.
    let leadership = status(&e, "central-local-leadership", "2026-11-24")?;
    assert_eq!(
        (leadership.status, leadership.rag, leadership.rule),
        (OverdueUnconfirmed, Rag::Red, "overdue-unconfirmed")
    );
    assert_eq!(
        leadership.evidence_date.map(|d| d.to_string()).as_deref(),
        Some("2026-Q2")
    );
    assert_eq!(leadership.evidence_age_days, Some(147));
    assert_eq!(
        leadership.reason(),
        "Due between 1 June and 31 August 2026; the last report, scheduled in April–June \
         2026, came before the deadline's end, and nothing has been reported since."
    );
    Ok(())
}

/// The headline as of 24 November 2026, worked commitment by commitment (all the
/// bundled updates are visible from 30 June 2026 at the latest):
///
/// - 65 commitments, one an expectation (the digital leaders on boards): 64 binding.
/// - met on time (2): the digital assurance measures ("in April", met in April 2026) and
///   the supplier information service ("in March of this year", launched in March 2026).
/// - met otherwise (18), all with no dated deadline: the GOV.UK app local services pilot,
///   the DWP health assessment service, the AI in education summit, the responsible AI
///   advisory panel, the senior capability framework, the MOD defence leaders' learning,
///   the digital succession plans, the returnship programme, the MOJ AI fellowships, the
///   digital fast stream roles, the funding model pilots, the digital spend performance
///   review, the central digital platform, the Find a Tender spending data, the Digital
///   Commercial Centre of Excellence, the ATRS records analysis, the ATRS new version and
///   the digital business review.
/// - overdue, confirmed (3): the director-level assessments and the Extract rollout
///   (`behind`), the Digital Sourcing Strategy ("in March", "under review" in 2026-Q2,
///   wholly after: `delayed`).
/// - overdue, unconfirmed (3): the leadership structures (above), the inclusive service
///   principles ("this summer", ended 31 August; "underway" in 2026-Q2, before) and the
///   annual performance data sharing ("from this August onwards": the 30 from-grace days
///   ran out on 31 August with nothing reported).
/// - re-planned (4): the Humphrey suite, the AI procurement guidance, the interactive data
///   ethics guidance and the spend control assurance; only the last has a dated deadline
///   whose window has opened ("around the end of the year": 1 November to 31 December).
/// - due (16): the 6 overdue, the 2 met on time, that re-plan, and 7 due now (the three
///   HMRC services "throughout 2026", the supply chain security "towards the end of 2026",
///   the secret community cloud "later this year", the digital workforce strategy "in
///   2026" and the central cloud contract "around the end of 2026").
#[test]
fn the_headline_of_the_bundled_roadmap() -> Result<()> {
    let e = bundled()?;
    let as_of = date("2026-11-24")?;
    let report = e.report(as_of, None);
    let h = report.score.headline;
    assert_eq!(
        (h.commitments, h.due, h.met_on_time, h.met_otherwise),
        (64, 16, 2, 18)
    );
    assert_eq!(
        (
            h.overdue_confirmed,
            h.overdue_unconfirmed,
            h.replanned,
            h.dropped
        ),
        (3, 3, 4, 0)
    );
    assert_eq!((h.expectations, h.unreadable), (1, 0));
    let sentence = "2 of 16 due met on time; 6 overdue (3 confirmed late, 3 unconfirmed).";
    assert_eq!(h.sentence(), sentence);
    // The report prints it (its second summary line), and the evaluation's roadmap score
    // is the same count.
    assert!(report.to_text().contains(sentence));
    assert_eq!(e.evaluate(as_of).roadmap_score().headline, h);
    assert_eq!(
        report.summary.lines.get(1).map(String::as_str),
        Some(sentence)
    );
    Ok(())
}
