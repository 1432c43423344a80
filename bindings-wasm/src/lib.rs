//! WebAssembly bindings for roadmap-tracker: the `roadmap-tracker` npm package.
//!
//! Built by `bindings-wasm/build.sh` (cargo for `wasm32-unknown-unknown`, then
//! wasm-bindgen-cli for the `web` and `nodejs` targets). The JS API is documented in
//! `docs/wasm.md`; this crate has no logic of its own: it converts arguments, calls the core
//! and converts results and errors back.
//!
//! - Names are camelCase (`parseDeadline`, `Roadmap.ukDigital2026()`, `roadmap.evaluate()`).
//! - Results are plain JS data made from the core's serde form (objects, not `Map`s;
//!   numbers, not `BigInt`s; dates as `YYYY-MM-DD`), with the keys of the JSON documents, so
//!   a result and a file read with `JSON.parse` have one shape. Most cross as JSON text
//!   read by `JSON.parse` (`convert`); an evaluation's commitment statuses cross as columns
//!   (`rows`), which is several times faster for a big roadmap.
//! - Errors are real JS `Error`s with `name`, `code`, `kind`, location fields and
//!   `problems` (see `errors`).
//! - No panic may reach JS: a trap leaves a wasm instance unusable. The code here returns
//!   `Result` on every path (no unwrap, expect, panic or indexing; clippy checks it), and the
//!   core does the same.

#![deny(clippy::indexing_slicing)]

mod convert;
mod deadline;
mod errors;
mod roadmap;
mod rows;

pub use deadline::{
    default_rules, judge_deadline, parse_deadline, parse_deadlines, parse_edtf, status_rules,
    window_text,
};
pub use roadmap::JsRoadmap;

use wasm_bindgen::prelude::*;

/// The version of the package (the crate's version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The result and option types of the TypeScript declarations (`src/types.d.ts`, written by
/// hand like Python's `.pyi`; `tests/types.test.mjs` checks it against what the calls return
/// and `tsc` checks `tests/types.ts` against it).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");
