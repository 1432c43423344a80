//! The `Roadmap` class: load, save, validate, evaluate, report.

use roadmap_tracker::io::{CsvTables, Table};
use std::cell::OnceCell;
use std::sync::Arc;

use roadmap_tracker::report::{ReportForm, ReportOutput};
use roadmap_tracker::status::{Evaluator, Rules};
use roadmap_tracker::{Error, Roadmap as CoreRoadmap};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{as_of, date, json_text, opt_date, option, rules, step, string, to_js};
use crate::errors::{argument_error, core_error, finish};

/// A roadmap: sections, areas, commitments and milestones, with their sources, deadlines,
/// status updates and metrics. Build one with `Roadmap.ukDigital2026()`,
/// `Roadmap.fromJson()`, `Roadmap.fromObject()`, `Roadmap.fromCsvTables()` or
/// `Roadmap.fromFlatCsv()`.
#[wasm_bindgen(js_name = Roadmap)]
pub struct JsRoadmap {
    inner: Arc<CoreRoadmap>,
    /// The roadmap prepared under the default rules, kept for every call without `rules`.
    prepared: OnceCell<Evaluator>,
}

fn core<T>(r: Result<T, Error>) -> Result<T, JsValue> {
    r.map_err(|e| core_error(&e))
}

fn roadmap(r: Result<CoreRoadmap, Error>) -> Result<JsRoadmap, JsValue> {
    core(r).map(JsRoadmap::new)
}

/// Text or UTF-8 bytes (a `Uint8Array`); anything else is an `ArgumentError` saying `what`.
fn bytes(value: &JsValue, argument: &str, what: &str) -> Result<Vec<u8>, JsValue> {
    if value.is_string() {
        return string(value, argument).map(String::into_bytes);
    }
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(|b| b.to_vec())
        .ok_or_else(|| argument_error(argument, what))
}

impl JsRoadmap {
    fn new(roadmap: CoreRoadmap) -> JsRoadmap {
        JsRoadmap {
            inner: Arc::new(roadmap),
            prepared: OnceCell::new(),
        }
    }

    /// The evaluator under `rules`: the kept one for the default rules, else a new one.
    /// The rules an argument names: the defaults when it is omitted.
    fn rules(&self, rules_arg: &JsValue) -> Result<Rules, JsValue> {
        match rules_arg.is_undefined() || rules_arg.is_null() {
            true => Ok(Rules::default()),
            false => rules(rules_arg),
        }
    }

    fn evaluator(&self, rules_arg: &JsValue) -> Result<Evaluator, JsValue> {
        if !(rules_arg.is_undefined() || rules_arg.is_null()) {
            return core(Evaluator::new(Arc::clone(&self.inner), rules(rules_arg)?));
        }
        if let Some(kept) = self.prepared.get() {
            return Ok(kept.clone());
        }
        let prepared = core(Evaluator::new(Arc::clone(&self.inner), Rules::default()))?;
        Ok(self.prepared.get_or_init(|| prepared).clone())
    }
}

#[wasm_bindgen(js_class = Roadmap)]
impl JsRoadmap {
    /// The bundled UK roadmap for digital government (19 January 2026), with the progress
    /// reported on it in the summer of 2026.
    #[wasm_bindgen(js_name = ukDigital2026)]
    pub fn uk_digital_2026() -> JsRoadmap {
        JsRoadmap::new(CoreRoadmap::uk_digital_2026())
    }

    /// Read a roadmap from its JSON text (or its UTF-8 bytes, a `Uint8Array`), and validate
    /// it (every problem is listed in the error's `problems`). With `{validate: false}` an
    /// inconsistent roadmap is accepted, so that `problems()` can list what is wrong.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ validate?: boolean } | null | void")]
        options: JsValue,
    ) -> Result<JsRoadmap, JsValue> {
        let bytes = bytes(&text, "text", "text must be a string or a Uint8Array")?;
        match std::str::from_utf8(&bytes) {
            Ok(text) if option(&options, "validate") == JsValue::FALSE => {
                roadmap(CoreRoadmap::from_json_str_unchecked(text))
            }
            Ok(text) => roadmap(CoreRoadmap::from_json_str(text)),
            Err(_) => roadmap(CoreRoadmap::from_json_slice(&bytes)), // says where
        }
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
        roadmap(CoreRoadmap::from_json_str(&json_text(&object, "object")?))
    }

    /// Read the tidy CSV tables: an object from table name (`roadmap`, `sources`, `nodes`,
    /// `updates`, `metrics`, `observations`, with or without `.csv`) to its CSV text or
    /// UTF-8 bytes. `roadmap` and `nodes` are required.
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
        for entry in js_sys::Object::entries(&js_sys::Object::from(tables)).iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            let text = bytes(
                &pair.get(1),
                &format!("tables.{key}"),
                &format!("table {key:?} must be a string or a Uint8Array"),
            )?;
            core(csv.set_bytes(core(key.parse::<Table>())?, &text))?;
        }
        roadmap(CoreRoadmap::from_csv_tables(&csv))
    }

    /// Read a flat sheet (one row per commitment, with its section and area
    /// titles) into a roadmap whose metadata and sources come from `base`.
    #[wasm_bindgen(js_name = fromFlatCsv)]
    pub fn from_flat_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        base: &JsRoadmap,
    ) -> Result<JsRoadmap, JsValue> {
        let text = string(&text, "text")?;
        roadmap(CoreRoadmap::from_flat_csv(&text, (*base.inner).clone()))
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

    /// The tidy CSV tables, by table name: `{roadmap, sources, nodes, updates, metrics,
    /// observations}`, each its CSV text (the keys of Python's `to_csv_tables`).
    #[wasm_bindgen(js_name = toCsvTables, unchecked_return_type = "Record<string, string>")]
    pub fn to_csv_tables(&self) -> Result<JsValue, JsValue> {
        let t = core(self.inner.to_csv_tables())?;
        let mut tables: Vec<(&str, &str)> = t
            .iter()
            .map(|(table, text)| (table.as_str(), text))
            .collect();
        // In name order, as a map; for six names an insertion sort (a BTreeMap or a
        // library sort is kilobytes of code in the module).
        for i in 1..tables.len() {
            let mut j = i;
            while j > 0 && tables.get(j - 1).map(|p| p.0) > tables.get(j).map(|p| p.0) {
                tables.swap(j - 1, j);
                j -= 1;
            }
        }
        struct ByName<'a>(Vec<(&'a str, &'a str)>);
        impl serde::Serialize for ByName<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().copied())
            }
        }
        to_js(&ByName(tables))
    }

    /// The flat sheet's CSV (one row per commitment).
    #[wasm_bindgen(js_name = toFlatCsv)]
    pub fn to_flat_csv(&self) -> Result<String, JsValue> {
        core(self.inner.to_flat_csv())
    }

    /// Check the roadmap; throws a `ValidationError` listing every problem (also the
    /// deadlines and labels that `rules`, the defaults when omitted, cannot read, which do
    /// not stop loading).
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Rules | string | null | void")] rules: JsValue,
    ) -> Result<(), JsValue> {
        core(self.inner.validate_for(&self.rules(&rules)?))
    }

    /// Every validation problem under `rules` (as in a `ValidationError`'s `problems`),
    /// `[]` when valid.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn problems(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Rules | string | null | void")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        match self.inner.validate_for(&self.rules(&rules)?) {
            Ok(()) => Ok(js_sys::Array::new().into()),
            Err(e) => {
                let error = to_js(&e)?;
                finish(&error, &e);
                js_sys::Reflect::get(&error, &"problems".into())
            }
        }
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
    pub fn node(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.inner.node(&string(&id, "id")?))
    }

    /// Every commitment's and milestone's derived status, every score (the roadmap's first,
    /// `node: null`) and every metric, as of `asOf` (today when omitted), under the
    /// documented rules or `rules`.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
        as_of_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null | void")]
        rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of_date = as_of(&as_of_date, "asOf")?;
        crate::rows::evaluation_to_js(self.evaluator(&rules)?.evaluate(as_of_date))
    }

    /// The same evaluation as `evaluate()`, as JSON text (to save or send): `JSON.parse` of
    /// it equals what `evaluate()` returns, except that an unreadable status's error span
    /// is in UTF-8 bytes here, as in the core's JSON documents.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
        as_of_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null | void")]
        rules: JsValue,
    ) -> Result<String, JsValue> {
        let as_of_date = as_of(&as_of_date, "asOf")?;
        serde_json::to_string(&self.evaluator(&rules)?.evaluate(as_of_date))
            .map_err(|e| argument_error("result", &format!("cannot convert the result: {e}")))
    }

    /// Only the scores as of a date (the cheap call for dashboards).
    #[wasm_bindgen(unchecked_return_type = "NodeScore[]")]
    pub fn scores(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
        as_of_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null | void")]
        rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of_date = as_of(&as_of_date, "asOf")?;
        to_js(&self.evaluator(&rules)?.scores(as_of_date))
    }

    /// The status of one commitment or milestone as of a date, or `null` for an id that
    /// is not one.
    #[wasm_bindgen(js_name = statusOf, unchecked_return_type = "CommitmentStatus | null")]
    pub fn status_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] node: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
        as_of_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null | void")]
        rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (node, as_of_date) = (string(&node, "node")?, as_of(&as_of_date, "asOf")?);
        let status = self.evaluator(&rules)?.status_of(&node, as_of_date);
        let object = to_js(&status)?;
        if let Some(s) = &status {
            crate::errors::status_spans(&object, s);
        }
        Ok(object)
    }

    /// Every status and score on each date from `from` (the publication date when omitted)
    /// to `to` (today when omitted) by `step` (`"daily"`, `"weekly"`, `"monthly"`; default
    /// monthly), as runs of equal status per commitment and a series of points per score.
    #[wasm_bindgen(unchecked_return_type = "History")]
    pub fn history(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateLike | null | void")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateLike | null | void")] to: JsValue,
        #[wasm_bindgen(js_name = step, unchecked_param_type = "'daily' | 'weekly' | 'monthly' | null | void")]
        step_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null | void")]
        rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let from = opt_date(&from, "from")?;
        let (to, step) = (as_of(&to, "to")?, step(&step_name)?);
        to_js(&core(self.evaluator(&rules)?.history(from, to, step))?)
    }

    /// What changed between `since` and `asOf` (today when omitted): each commitment whose
    /// status or rating differs, or that has new updates.
    #[wasm_bindgen(unchecked_return_type = "Change[]")]
    pub fn changes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateLike")] since: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
        as_of_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Partial<Rules> | string | null | void")]
        rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (since, as_of_date) = (date(&since, "since")?, as_of(&as_of_date, "asOf")?);
        to_js(&self.evaluator(&rules)?.changes(since, as_of_date))
    }

    /// The progress report as of `asOf` (today when omitted), with the changes since
    /// `options.since`, as Python's `report()`, in the core's form `options.format`
    /// (`report::ReportForm`): rendered as `"text"` (the default), `"markdown"`, `"csv"`,
    /// `"json"` or `"html"`, or as data with `format: "dict"`: the
    /// tree of sections, sub-categories and areas with their scores, each commitment with
    /// its deadline window and derived status; or `format: "rows"`: its commitments and
    /// milestones as flat records with their groups (the report CSV's columns and ids).
    #[wasm_bindgen(unchecked_return_type = "string")]
    pub fn report(
        &self,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
        as_of_date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TextReportOptions | null | void")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of_date = as_of(&as_of_date, "asOf")?;
        let since = opt_date(&option(&options, "since"), "since")?;
        let format = option(&options, "format");
        let form: ReportForm = match format.is_undefined() || format.is_null() {
            true => ReportForm::default(),
            false => (string(&format, "format")?.parse())
                .map_err(|e: Error| core_error(&e.for_argument("format")))?,
        };
        let report = self
            .evaluator(&option(&options, "rules"))?
            .report(as_of_date, since);
        let output = core(report.output(form))?;
        let object = to_js(&output)?;
        if let ReportOutput::Dict(report) = output {
            // The unreadable statuses' spans, in UTF-16 units.
            let sections = js_sys::Reflect::get(&object, &"sections".into())?;
            crate::errors::report_spans(&sections, &report.sections);
        }
        Ok(object)
    }
}
