//! Column mappings: which header (and which occurrence of it) holds which field, and how
//! to read the field.
//!
//! Publishers rename columns between years ("Project Name", "Project", "Project name")
//! and sometimes repeat a header: the UK major projects data puts the central assessor's
//! delivery confidence rating and the project owner's own rating side by side, under the
//! same heading. A [`Field`] lists the header aliases it answers to and which occurrence
//! it takes, so the two ratings stay apart.

use serde::Serialize;

use crate::status::TrackerVocabulary;

/// How a field's cells are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "vocabulary")]
pub enum FieldKind {
    /// Kept as written.
    Text,
    /// A date (see [`super::DateReading`]); free text is kept as text with a warning.
    Date,
    /// A number; currency signs, thousands separators and a trailing `%` are allowed.
    Number,
    /// A label of a tracker vocabulary, or a non-rating.
    #[serde(serialize_with = "vocabulary_id")]
    Rating(&'static TrackerVocabulary),
}

fn vocabulary_id<S: serde::Serializer>(
    v: &&'static TrackerVocabulary,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.id)
}

/// One field the caller wants out of a sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The field's name in the loaded rows.
    pub name: String,
    /// How to read it.
    pub kind: FieldKind,
    /// Headers it answers to (case, spaces and dashes ignored); the name itself counts.
    pub headers: Vec<String>,
    /// Which matching column it takes, from 1: the second "DCA" column is occurrence 2.
    pub occurrence: usize,
    /// Whether a missing column or a blank cell is an error.
    pub required: bool,
}

/// The fields to read from a sheet, in order.
///
/// ```
/// use roadmap_tracker::spreadsheet::{ColumnMapping, FieldKind};
/// use roadmap_tracker::status::TrackerVocabulary;
/// let gmpp = TrackerVocabulary::get("gmpp-5").unwrap();
/// let mapping = ColumnMapping::new()
///     .text("project", &["Project Name", "Project"]).required()
///     .rating("assessor_rating", &["DCA"], gmpp)
///     .rating("owner_rating", &["DCA"], gmpp).occurrence(2);
/// assert_eq!(mapping.fields().len(), 3);
/// assert_eq!(mapping.fields()[2].occurrence, 2);
/// assert!(mapping.fields()[0].required);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ColumnMapping {
    fields: Vec<Field>,
}

impl ColumnMapping {
    /// No fields: every column is kept, none is read.
    pub fn new() -> Self {
        ColumnMapping::default()
    }

    /// Add a field.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, FieldKind};
    /// let m = ColumnMapping::new().field("cost", FieldKind::Number, &["Whole life cost (£m)"]);
    /// assert_eq!(m.fields()[0].headers, ["Whole life cost (£m)"]);
    /// ```
    pub fn field(mut self, name: &str, kind: FieldKind, headers: &[&str]) -> Self {
        self.fields.push(Field {
            name: name.to_owned(),
            kind,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            occurrence: 1,
            required: false,
        });
        self
    }

    /// Add a text field.
    pub fn text(self, name: &str, headers: &[&str]) -> Self {
        self.field(name, FieldKind::Text, headers)
    }

    /// Add a date field.
    pub fn date(self, name: &str, headers: &[&str]) -> Self {
        self.field(name, FieldKind::Date, headers)
    }

    /// Add a number field.
    pub fn number(self, name: &str, headers: &[&str]) -> Self {
        self.field(name, FieldKind::Number, headers)
    }

    /// Add a rating field read through a tracker vocabulary.
    pub fn rating(
        self,
        name: &str,
        headers: &[&str],
        vocabulary: &'static TrackerVocabulary,
    ) -> Self {
        self.field(name, FieldKind::Rating(vocabulary), headers)
    }

    /// Make the last field take the `n`th matching column (from 1).
    pub fn occurrence(mut self, n: usize) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.occurrence = n.max(1);
        }
        self
    }

    /// Make the last field required: a missing column or a blank cell is an error.
    pub fn required(mut self) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.required = true;
        }
        self
    }

    /// The fields, in order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The mapping for the UK Government Major Projects Portfolio's annual data, with the
    /// header spellings used across years: project, department, the assessor's and the
    /// owner's delivery confidence (the same header twice, assessor first), start and end
    /// dates, whole-life cost and the narrative. `vocabulary` is `gmpp-5` up to 2021 and
    /// `gmpp-3` after.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::ColumnMapping;
    /// # use roadmap_tracker::status::TrackerVocabulary;
    /// let m = ColumnMapping::gmpp(TrackerVocabulary::get("gmpp-3").unwrap());
    /// let names: Vec<&str> = m.fields().iter().map(|f| f.name.as_str()).collect();
    /// assert_eq!(names, ["project", "department", "assessor_rating", "owner_rating",
    ///                    "start_date", "end_date", "whole_life_cost", "narrative"]);
    /// ```
    pub fn gmpp(vocabulary: &'static TrackerVocabulary) -> Self {
        const DCA: &[&str] = &[
            "Delivery Confidence Assessment",
            "DCA",
            "IPA Delivery Confidence Assessment",
            "DCA rating",
        ];
        ColumnMapping::new()
            .text("project", &["Project Name", "Project", "Project title"])
            .required()
            .text("department", &["Department", "Dept", "Department name"])
            .rating("assessor_rating", DCA, vocabulary)
            .rating("owner_rating", DCA, vocabulary)
            .occurrence(2)
            .date(
                "start_date",
                &["Start Date", "Project - Start Date", "Project start date"],
            )
            .date(
                "end_date",
                &["End Date", "Project - End Date", "Project end date"],
            )
            .number(
                "whole_life_cost",
                &[
                    "Whole Life Cost (£m)",
                    "Total whole life cost (£m)",
                    "WLC (£m)",
                ],
            )
            .text(
                "narrative",
                &["Narrative", "Departmental narrative", "Commentary"],
            )
    }
}
