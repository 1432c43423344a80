//! The `Roadmap` class: load, save, validate, evaluate, report.

use std::sync::Arc;

use chrono::NaiveDate;
use roadmap_tracker::io::{CsvTables, Table};
use roadmap_tracker::report::{Report, ReportFormat};
use roadmap_tracker::status::{Evaluation, Evaluator, Rules};
use roadmap_tracker::Roadmap as CoreRoadmap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{
    date_arg, evaluation_to_js, json_text, opt_date_arg, option, rules_arg, step_arg, string_arg,
    to_js,
};
use crate::errors::{argument_error, core_error};

/// A roadmap: sections, areas, commitments and milestones, with their sources, deadlines,
/// status updates and metrics. Build one with `Roadmap.ukDigital2026()`,
/// `Roadmap.fromJson()`, `Roadmap.fromObject()`, `Roadmap.fromCsvTables()` or
/// `Roadmap.fromTrackerCsv()`.
#[wasm_bindgen(js_name = Roadmap)]
pub struct JsRoadmap {
    inner: Arc<CoreRoadmap>,
}

fn core<T>(r: Result<T, roadmap_tracker::Error>) -> Result<T, JsValue> {
    r.map_err(|e| core_error(&e))
}

impl JsRoadmap {
    fn evaluator(&self, rules: Rules) -> Result<Evaluator, JsValue> {
        core(Evaluator::new(Arc::clone(&self.inner), rules))
    }

    fn evaluation(&self, as_of: &JsValue, rules: &JsValue) -> Result<Evaluation, JsValue> {
        let as_of = date_arg(as_of, "asOf", true)?;
        Ok(self.evaluator(rules_arg(rules)?)?.evaluate(as_of))
    }

    fn report_of(&self, as_of: &JsValue, options: &JsValue) -> Result<Report, JsValue> {
        let as_of = date_arg(as_of, "asOf", true)?;
        let since = opt_date_arg(&option(options, "since"), "since")?;
        let rules = rules_arg(&option(options, "rules"))?;
        Ok(self.evaluator(rules)?.report(as_of, since))
    }
}

#[wasm_bindgen(js_class = Roadmap)]
impl JsRoadmap {
    /// The bundled UK roadmap for digital government (19 January 2026), with the progress
    /// reported on it in the summer of 2026.
    #[wasm_bindgen(js_name = ukDigital2026)]
    pub fn uk_digital_2026() -> JsRoadmap {
        JsRoadmap {
            inner: CoreRoadmap::uk_digital_2026().into(),
        }
    }

    /// Read a roadmap from its JSON text (or its bytes, a `Uint8Array` that must be UTF-8),
    /// and validate it (every problem is listed in the error's `problems`). With
    /// `{validate: false}` an inconsistent roadmap is accepted, so that `problems()` can
    /// list what is wrong.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ validate?: boolean } | null")] options: JsValue,
    ) -> Result<JsRoadmap, JsValue> {
        let validate = option(&options, "validate") != JsValue::FALSE;
        let inner = if let Some(bytes) = text.dyn_ref::<js_sys::Uint8Array>() {
            let bytes = bytes.to_vec();
            match std::str::from_utf8(&bytes) {
                Ok(text) if !validate => core(CoreRoadmap::from_json_str_unchecked(text))?,
                // The core names the first bad byte's line.
                _ => core(CoreRoadmap::from_json_slice(&bytes))?,
            }
        } else {
            let text = string_arg(&text, "text")?;
            if validate {
                core(CoreRoadmap::from_json_str(&text))?
            } else {
                core(CoreRoadmap::from_json_str_unchecked(&text))?
            }
        };
        Ok(JsRoadmap {
            inner: inner.into(),
        })
    }

    /// Read a roadmap from a plain object of the JSON form (as `toObject()` returns, or
    /// `JSON.parse` of a roadmap file), and validate it.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(
        #[wasm_bindgen(unchecked_param_type = "RoadmapData")] object: JsValue,
    ) -> Result<JsRoadmap, JsValue> {
        if !object.is_object() {
            return Err(argument_error("object", "object must be a roadmap object"));
        }
        let text = json_text(&object, "object")?;
        Ok(JsRoadmap {
            inner: core(CoreRoadmap::from_json_str(&text))?.into(),
        })
    }

    /// Read the tidy CSV tables: an object from table name (`roadmap`, `sources`, `nodes`,
    /// `updates`, `metrics`, `observations`, with or without `.csv`) to its CSV text, or
    /// to its bytes (a `Uint8Array`, which must be UTF-8). `roadmap` and `nodes` are
    /// required.
    #[wasm_bindgen(js_name = fromCsvTables)]
    pub fn from_csv_tables(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string | Uint8Array>")]
        tables: JsValue,
    ) -> Result<JsRoadmap, JsValue> {
        if !tables.is_object() {
            return Err(argument_error(
                "tables",
                "tables must be an object of table name to CSV text",
            ));
        }
        let mut csv = CsvTables::default();
        let entries = js_sys::Object::entries(&js_sys::Object::from(tables));
        for entry in entries.iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            if let Some(text) = value.as_string() {
                core(csv.set_bytes(core(key.parse::<Table>())?, text.as_bytes()))?;
            } else if value.is_instance_of::<js_sys::Uint8Array>() {
                let bytes = js_sys::Uint8Array::from(value).to_vec();
                core(csv.set_bytes(core(key.parse::<Table>())?, &bytes))?;
            } else {
                return Err(argument_error(
                    &format!("tables.{key}"),
                    &format!("table {key:?} must be a string or a Uint8Array"),
                ));
            }
        }
        Ok(JsRoadmap {
            inner: core(CoreRoadmap::from_csv_tables(&csv))?.into(),
        })
    }

    /// Read a single-sheet tracker (one row per commitment, with its section and area
    /// titles) into a roadmap whose metadata and sources come from `base`.
    #[wasm_bindgen(js_name = fromTrackerCsv)]
    pub fn from_tracker_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        base: &JsRoadmap,
    ) -> Result<JsRoadmap, JsValue> {
        let text = string_arg(&text, "text")?;
        Ok(JsRoadmap {
            inner: core(CoreRoadmap::from_flat_csv(
                &text,
                CoreRoadmap::clone(&base.inner),
            ))?
            .into(),
        })
    }

    /// The canonical JSON text (what `fromJson` reads).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        core(self.inner.to_json())
    }

    /// The roadmap as a plain object of its JSON form.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "RoadmapData")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&*self.inner)
    }

    /// The tidy CSV tables: `{ "roadmap.csv": text, "sources.csv": text, ... }`.
    #[wasm_bindgen(js_name = toCsvTables, unchecked_return_type = "Record<string, string>")]
    pub fn to_csv_tables(&self) -> Result<JsValue, JsValue> {
        let t = core(self.inner.to_csv_tables())?;
        let tables: std::collections::BTreeMap<&str, &str> = t
            .iter()
            .map(|(table, text)| (table.file_name(), text))
            .collect();
        to_js(&tables)
    }

    /// The single-sheet tracker CSV (one row per commitment).
    #[wasm_bindgen(js_name = toTrackerCsv)]
    pub fn to_tracker_csv(&self) -> Result<String, JsValue> {
        core(self.inner.to_flat_csv())
    }

    /// Check the roadmap; throws a `ValidationError` listing every problem.
    pub fn validate(&self) -> Result<(), JsValue> {
        core(self.inner.validate())
    }

    /// Every validation problem, `[]` for a consistent roadmap:
    /// `{code, kind, message, location, where}`.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn problems(&self) -> Result<JsValue, JsValue> {
        let problems = match self.inner.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.problems(),
        };
        let out: Vec<serde_json::Value> = problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "code": p.code.as_str(),
                    "kind": p.code.kind().as_str(),
                    "message": p.message,
                    "location": {
                        "file": p.location.file,
                        "line": p.location.line,
                        "column": p.location.column,
                        "path": p.location.path,
                        "field": p.location.field,
                    },
                    "where": p.location.to_string(),
                })
            })
            .collect();
        to_js(&out)
    }

    /// The roadmap's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The roadmap's title.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> String {
        self.inner.title.clone()
    }

    /// Who published it.
    #[wasm_bindgen(getter)]
    pub fn publisher(&self) -> String {
        self.inner.publisher.clone()
    }

    /// The publication date, `YYYY-MM-DD`.
    #[wasm_bindgen(getter)]
    pub fn published(&self) -> String {
        self.inner.published.to_string()
    }

    /// One node (section, sub-category, area, commitment or milestone) by id, or `null`.
    #[wasm_bindgen(unchecked_return_type = "NodeData | null")]
    pub fn node(&self, id: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.node(id))
    }

    /// Every commitment's and milestone's derived status, every score (the roadmap's first,
    /// `node: null`) and every metric, as of `asOf` (today when omitted), under the
    /// documented rules or `rules`.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        evaluation_to_js(self.evaluation(&as_of, &rules)?)
    }

    /// The same evaluation as `evaluate()`, as JSON text (to save or send): `JSON.parse` of
    /// it equals what `evaluate()` returns.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null")] rules: JsValue,
    ) -> Result<String, JsValue> {
        serde_json::to_string(&self.evaluation(&as_of, &rules)?)
            .map_err(|e| argument_error("result", &format!("cannot convert the result: {e}")))
    }

    /// Only the scores as of a date (the cheap call for dashboards).
    #[wasm_bindgen(unchecked_return_type = "NodeScore[]")]
    pub fn scores(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf", true)?;
        let evaluator = self.evaluator(rules_arg(&rules)?)?;
        to_js(&evaluator.scores(as_of))
    }

    /// The status of one commitment or milestone as of a date, or `null` for an id that
    /// is not one.
    #[wasm_bindgen(js_name = statusOf, unchecked_return_type = "CommitmentStatus | null")]
    pub fn status_of(
        &self,
        node: &str,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf", true)?;
        let evaluator = self.evaluator(rules_arg(&rules)?)?;
        to_js(&evaluator.status_of(node, as_of))
    }

    /// Every status and score on each date from `from` to `to` (today when omitted) by
    /// `step` (`"daily"`, `"weekly"`, `"monthly"`; default monthly), as runs of equal
    /// status per commitment and a series of points per score.
    #[wasm_bindgen(unchecked_return_type = "History")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateLike")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateLike | null")] to: JsValue,
        #[wasm_bindgen(unchecked_param_type = "'daily' | 'weekly' | 'monthly' | null")]
        step: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let from: NaiveDate = date_arg(&from, "from", false)?;
        let to = date_arg(&to, "to", true)?;
        let step = step_arg(&step)?;
        let evaluator = self.evaluator(rules_arg(&rules)?)?;
        to_js(&core(evaluator.history(Some(from), to, step))?)
    }

    /// What changed between `since` and `asOf` (today when omitted): each commitment whose
    /// status or rating differs, or that has new updates.
    #[wasm_bindgen(unchecked_return_type = "Change[]")]
    pub fn changes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateLike")] since: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let since = date_arg(&since, "since", false)?;
        let as_of = date_arg(&as_of, "asOf", true)?;
        let evaluator = self.evaluator(rules_arg(&rules)?)?;
        to_js(&evaluator.changes(since, as_of))
    }

    /// The progress report as data: the tree of sections, sub-categories and areas with
    /// their scores, each commitment with its deadline window and derived status, and the
    /// changes since `options.since`.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReportOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.report_of(&as_of, &options)?)
    }

    /// The progress report rendered as `"text"`, `"markdown"`, `"csv"` or `"json"`.
    #[wasm_bindgen(js_name = renderReport)]
    pub fn render_report(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | undefined")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "'text' | 'markdown' | 'csv' | 'json'")]
        format: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReportOptions | null")] options: JsValue,
    ) -> Result<String, JsValue> {
        let format = string_arg(&format, "format")?;
        let report = self.report_of(&as_of, &options)?;
        let format = ReportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == format)
            .ok_or_else(|| {
                argument_error(
                    "format",
                    &format!("unknown format {format:?}: expected text, markdown, csv or json"),
                )
            })?;
        core(report.render(format))
    }
}
