//! The bundled dataset: the UK's January 2026 roadmap for modern digital government, with
//! the progress its own pages and later public sources reported up to June 2026 (see
//! `data/README.md` for every source and choice).

use std::sync::OnceLock;

use crate::model::Roadmap;

/// The bundled roadmap in its canonical JSON form, as shipped in `data/uk-digital-2026.json`.
pub const UK_DIGITAL_2026_JSON: &str = include_str!("../../data/uk-digital-2026.json");

impl Roadmap {
    /// The bundled UK roadmap for modern digital government (published 19 January 2026):
    /// its sections and areas as the roadmap names them, every commitment of the summer 2026
    /// progress article and of the roadmap's own pages, and the progress reported by the
    /// roadmap's pages, its quarterly report, the minister's letter and others, each a
    /// cited source with its date at the source's precision.
    ///
    /// ```
    /// use roadmap_tracker::{NodeKind, Roadmap};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// assert_eq!(roadmap.id, "uk-digital-2026");
    /// assert_eq!(roadmap.nodes_of_kind(NodeKind::Section).count(), 6);
    /// ```
    pub fn uk_digital_2026() -> Roadmap {
        static BUNDLED: OnceLock<Roadmap> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                // The data is a constant of the crate, loaded and validated by the test
                // suite (tests/bundled.rs); a failure here is a build defect, not bad input.
                // (Its message through `Display`: `expect` would link every `Debug` impl of
                // the error into the WebAssembly module.)
                #[allow(clippy::panic)]
                match Roadmap::from_json_str(UK_DIGITAL_2026_JSON) {
                    Ok(roadmap) => roadmap,
                    Err(e) => {
                        panic!("the bundled roadmap is valid (checked by tests/bundled.rs): {e}")
                    }
                }
            })
            .clone()
    }
}
