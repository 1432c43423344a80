//! The shared golden corpus (`tests/fixtures/deadlines.jsonl`): every case's expected
//! window, granularity, named unit, part, qualifiers, EDTF rendering, judgments and errors,
//! worked out by hand from `docs/deadlines.md`. The Python and WASM bindings run the same
//! file.

#![allow(clippy::expect_used)] // a malformed fixture should fail the test loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::{parse, parse_edtf, DeadlineState};
use serde_json::Value;

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str()
        .map(|s| s.parse().expect("fixture dates are valid"))
}

fn opt_str(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

#[test]
fn corpus() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/deadlines.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("corpus present");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut refused = 0;
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        cases += 1;
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let id = case["id"].as_str().unwrap_or("?").to_string();
        let phrase = case["phrase"].as_str().expect("phrase");
        let written_on = date(&case["written_on"]).expect("written_on");
        let mut fail =
            |what: String| failures.push(format!("line {} {id} ({phrase:?}): {what}", n + 1));
        let result = parse(phrase, written_on);
        if let Some(error) = case.get("error") {
            refused += 1;
            match result {
                Ok(d) => fail(format!("accepted as {d}, expected error {}", error["code"])),
                Err(e) => {
                    if e.code().as_str() != error["code"].as_str().unwrap_or("") {
                        fail(format!(
                            "error {} ({}), expected {}",
                            e.code(),
                            e.message(),
                            error["code"]
                        ));
                    }
                    if let (Some(s), Some(end)) = (error.get("start"), error.get("end")) {
                        let want = (
                            s.as_u64().unwrap_or(0) as usize,
                            end.as_u64().unwrap_or(0) as usize,
                        );
                        if e.span() != Some(want) {
                            fail(format!("span {:?}, expected {want:?}", e.span()));
                        }
                    }
                }
            }
            continue;
        }
        let d = match result {
            Ok(d) => d,
            Err(e) => {
                fail(format!("refused: {e}"));
                continue;
            }
        };
        let checks = [
            ("kind", Value::from(d.kind().as_str()), case["kind"].clone()),
            ("earliest", opt_str(d.earliest()), case["earliest"].clone()),
            ("latest", opt_str(d.latest()), case["latest"].clone()),
            (
                "granularity",
                Value::from(d.granularity().as_str()),
                case["granularity"].clone(),
            ),
            (
                "named",
                Value::from(d.named().as_str()),
                case["named"].clone(),
            ),
            (
                "approximate",
                Value::from(d.is_approximate()),
                case["approximate"].clone(),
            ),
            (
                "uncertain",
                Value::from(d.is_uncertain()),
                case.get("uncertain").cloned().unwrap_or(Value::from(false)),
            ),
        ];
        for (field, got, want) in checks {
            if got != want {
                fail(format!("{field} {got}, expected {want}"));
            }
        }
        if let Some(want) = case.get("part") {
            let got = d.part().map_or(Value::Null, |p| Value::from(p.as_str()));
            if &got != want {
                fail(format!("part {got}, expected {want}"));
            }
        }
        if let Some(want) = case.get("edtf") {
            if d.edtf().as_deref() != want.as_str() {
                fail(format!("edtf {:?}, expected {want}", d.edtf()));
            }
        }
        // Every rendering reads back to the same window.
        if let Some(edtf) = d.edtf() {
            match parse_edtf(&edtf, written_on) {
                Ok(back) if (back.earliest(), back.latest()) == (d.earliest(), d.latest()) => {}
                Ok(back) => fail(format!("EDTF {edtf} reads back as {back}")),
                Err(e) => fail(format!("EDTF {edtf} does not read back: {e}")),
            }
        }
        for j in case
            .get("judge")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let as_of = date(&j["as_of"]).expect("as_of");
            let delivered = date(&j["delivered_on"]);
            let want: DeadlineState = j["state"].as_str().unwrap_or("").parse().expect("state");
            let got = d.judge(as_of, delivered);
            if got.state != want {
                fail(format!(
                    "judged {} as of {as_of} (delivered {delivered:?}), expected {want}",
                    got.state
                ));
            }
        }
    }
    assert!(
        cases >= 250 && refused >= 30,
        "{cases} cases, {refused} refused"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
