//! Column mappings: which header (and which occurrence of it) holds which field, and how
//! to read the field.
//!
//! Publishers rename columns between years ("Project Name", "Project", "Project name")
//! and sometimes repeat a header: the UK major projects data puts the central assessor's
//! delivery confidence rating and the project owner's own rating side by side, under the
//! same heading. A [`Field`] lists the header aliases it answers to and which occurrence
//! it takes, so the two ratings stay apart.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::status::Vocabulary;

/// How a field's cells are read.
///
/// Deserialised by name (`"text"`, `"date"`, `"number"`) or in its serialised form
/// (`{"kind": "rating", "vocabulary": "gmpp-5"}`); a rating needs its vocabulary.
///
/// ```
/// use roadmap_tracker::spreadsheet::FieldKind;
/// let kind: FieldKind = serde_json::from_str(r#""date""#)?;
/// assert_eq!(kind, FieldKind::Date);
/// let kind: FieldKind = serde_json::from_str(r#"{"kind": "rating", "vocabulary": "gmpp-3"}"#)?;
/// assert!(matches!(kind, FieldKind::Rating(v) if v.id() == "gmpp-3"));
/// assert!(serde_json::from_str::<FieldKind>(r#""rating""#).is_err());
/// assert!(serde_json::from_str::<FieldKind>(r#""money""#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    Rating(&'static Vocabulary),
}

fn vocabulary_id<S: serde::Serializer>(v: &&'static Vocabulary, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.id())
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
    /// For a number field of money, the unit (a power of ten: 6 for £m) used when the
    /// header names none; a header's own unit ("(£m)", "£bn") wins.
    pub unit: Option<i32>,
}

/// The fields to read from a sheet, in order.
///
/// ```
/// use roadmap_tracker::spreadsheet::{ColumnMapping, FieldKind};
/// use roadmap_tracker::status::Vocabulary;
/// let gmpp = Vocabulary::builtin("gmpp-5").unwrap();
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
            unit: None,
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
    pub fn rating(self, name: &str, headers: &[&str], vocabulary: &'static Vocabulary) -> Self {
        self.field(name, FieldKind::Rating(vocabulary), headers)
    }

    /// Make the last field take the `n`th matching column (from 1; 0 is read as 1, and
    /// [`ColumnMapping::from_spec`] refuses it).
    pub fn occurrence(mut self, n: usize) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.occurrence = n.max(1);
        }
        self
    }

    /// Give the last field a money unit, as a power of ten (6 for millions), for headers
    /// that name none.
    pub fn unit(mut self, power_of_ten: i32) -> Self {
        if let Some(f) = self.fields.last_mut() {
            f.unit = Some(power_of_ten);
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

    /// The names [`ColumnMapping::preset`] accepts.
    pub const PRESETS: [&'static str; 1] = ["gmpp"];

    /// A named preset mapping: `gmpp` ([`ColumnMapping::gmpp`], with `vocabulary`, or
    /// `gmpp-5` when `None`). Another name is an [`ErrorCode::UnknownValue`] error.
    ///
    /// ```
    /// # use roadmap_tracker::{spreadsheet::ColumnMapping, ErrorCode};
    /// let m = ColumnMapping::preset("gmpp", None)?;
    /// assert_eq!(m.fields()[0].name, "project");
    /// let err = ColumnMapping::preset("ipa", None).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// assert_eq!(err.to_string(), "unknown_value at preset: preset \"ipa\" is not one of \"gmpp\"");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn preset(
        name: &str,
        vocabulary: Option<&'static Vocabulary>,
    ) -> Result<ColumnMapping, Error> {
        match name {
            "gmpp" => Ok(ColumnMapping::gmpp(match vocabulary {
                Some(v) => v,
                None => Vocabulary::builtin("gmpp-5")?,
            })),
            other => Err(argument(
                ErrorCode::UnknownValue,
                Location::default().with_field("preset"),
                format!(
                    "preset {other:?} is not one of {}",
                    Self::PRESETS.map(|p| format!("{p:?}")).join(", ")
                ),
            )),
        }
    }

    /// A mapping from its data form, checked: each field is a header, a list of headers,
    /// or a [`FieldSpec`]. `default_vocabulary` is the vocabulary of rating fields that
    /// name none.
    ///
    /// The rules, each an error naming the field: `line` is reserved for the row's line
    /// number ([`ErrorCode::InvalidArgument`]); a rating field needs a vocabulary
    /// ([`ErrorCode::MissingField`]); only a rating field may name one
    /// ([`ErrorCode::InvalidArgument`]); the vocabulary must exist
    /// ([`ErrorCode::UnknownValue`]); `occurrence` is at least 1
    /// ([`ErrorCode::InvalidArgument`]).
    ///
    /// ```
    /// use roadmap_tracker::spreadsheet::{ColumnMapping, MappingSpec};
    /// use roadmap_tracker::status::Vocabulary;
    /// use roadmap_tracker::ErrorCode;
    /// let spec: MappingSpec = serde_json::from_str(r#"{
    ///     "project": {"headers": ["Project Name", "Project"], "required": true},
    ///     "owner_rating": {"headers": "DCA", "kind": "rating", "occurrence": 2},
    ///     "notes": "Narrative"
    /// }"#)?;
    /// let gmpp = Vocabulary::builtin("gmpp-5")?;
    /// let mapping = ColumnMapping::from_spec(spec.clone(), Some(gmpp))?;
    /// let names: Vec<&str> = mapping.fields().iter().map(|f| f.name.as_str()).collect();
    /// assert_eq!(names, ["project", "owner_rating", "notes"]);
    /// assert_eq!(mapping.fields()[1].occurrence, 2);
    /// let err = ColumnMapping::from_spec(spec, None).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::MissingField);
    /// assert_eq!(err.location().path.as_deref(), Some("owner_rating"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_spec(
        spec: MappingSpec,
        default_vocabulary: Option<&'static Vocabulary>,
    ) -> Result<ColumnMapping, Error> {
        let mut out = ColumnMapping::new();
        for (name, field) in spec.fields {
            let at = |key: &str| Location::path(name.clone()).with_field(key);
            if name == "line" {
                return Err(argument(
                    ErrorCode::InvalidArgument,
                    Location::path(name.clone()),
                    "\"line\" is reserved for the row's line number; name the field otherwise"
                        .to_owned(),
                ));
            }
            let field = match field {
                FieldSpec::Headers(headers) => FullFieldSpec {
                    headers: Headers(headers),
                    ..FullFieldSpec::default()
                },
                FieldSpec::Full(full) => full,
            };
            let vocabulary = match field.vocabulary.as_deref() {
                Some(id) => Some(Vocabulary::builtin(id).map_err(|e| {
                    argument(ErrorCode::UnknownValue, at("vocabulary"), e_message(&e))
                })?),
                None => None,
            };
            let kind =
                match field.kind {
                    KindName::Text => FieldKind::Text,
                    KindName::Date => FieldKind::Date,
                    KindName::Number => FieldKind::Number,
                    KindName::Rating => match vocabulary.or(default_vocabulary) {
                        Some(v) => FieldKind::Rating(v),
                        None => return Err(argument(
                            ErrorCode::MissingField,
                            at("vocabulary"),
                            "a rating field needs a vocabulary (in the field or as the default)"
                                .to_owned(),
                        )),
                    },
                };
            if vocabulary.is_some() && !matches!(kind, FieldKind::Rating(_)) {
                return Err(argument(
                    ErrorCode::InvalidArgument,
                    at("vocabulary"),
                    "vocabulary is only for rating fields".to_owned(),
                ));
            }
            let occurrence = field.occurrence.unwrap_or(1);
            if occurrence < 1 {
                return Err(argument(
                    ErrorCode::InvalidArgument,
                    at("occurrence"),
                    format!("occurrence must be at least 1, not {occurrence}"),
                ));
            }
            let headers: Vec<&str> = field.headers.0.iter().map(String::as_str).collect();
            out = out.field(&name, kind, &headers).occurrence(occurrence);
            if field.required {
                out = out.required();
            }
        }
        Ok(out)
    }

    /// A mapping from JSON text (see [`ColumnMapping::from_spec`]); a malformed document,
    /// an unknown key in a field (`unknown_field`) or kind (`unknown_value`) is an error
    /// with the JSON path.
    ///
    /// ```
    /// # use roadmap_tracker::{spreadsheet::ColumnMapping, ErrorCode};
    /// let err = ColumnMapping::from_json_str(r#"{"cost": {"header": "Cost"}}"#, None).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownField);
    /// let err = ColumnMapping::from_json_str(r#"{"cost": {"kind": "money"}}"#, None).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownValue);
    /// ```
    pub fn from_json_str(
        json: &str,
        default_vocabulary: Option<&'static Vocabulary>,
    ) -> Result<ColumnMapping, Error> {
        let spec: MappingSpec = crate::json::from_str_located(json)?;
        ColumnMapping::from_spec(spec, default_vocabulary)
    }

    /// The mapping for the UK Government Major Projects Portfolio's annual data, with the
    /// header spellings used across years, as published (the first line of a header:
    /// "MPA RAG rating", "IPA Delivery Confidence Assessment", "Project - End Date",
    /// "2015/16 Budget (£million)", "Whole Life Cost TOTAL Baseline £m") and as widely
    /// re-shared in snake case (`project_name`, `colour_rating`, `wlc_baseline_incl_NCG`):
    ///
    /// - `project` (required) and `department`;
    /// - `assessor_rating`: the central assessor's delivery confidence (MPA,
    ///   then IPA), the first rating column; `owner_rating`: the second one, the senior
    ///   responsible owner's, where a release has it (2023's `colour_rating` twice);
    /// - `start_date`, `end_date`;
    /// - `whole_life_cost` and `yearly_budget`, in £m (a header's own unit wins);
    /// - `narrative`: the commentary on the rating;
    /// - `project_id`: the GMPP project number, where a release has one.
    ///
    /// `vocabulary` is `gmpp-5` up to the 2021 release and `gmpp-3` from 2022.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::ColumnMapping;
    /// # use roadmap_tracker::status::Vocabulary;
    /// let m = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3").unwrap());
    /// let names: Vec<&str> = m.fields().iter().map(|f| f.name.as_str()).collect();
    /// assert_eq!(names, ["project", "department", "assessor_rating", "owner_rating",
    ///                    "start_date", "end_date", "whole_life_cost", "narrative",
    ///                    "yearly_budget", "project_id"]);
    /// ```
    pub fn gmpp(vocabulary: &'static Vocabulary) -> Self {
        const DCA: &[&str] = &[
            "Delivery Confidence Assessment",
            "DCA",
            "DCA rating",
            "IPA Delivery Confidence Assessment",
            "MPA Delivery Confidence Assessment",
            "MPA RAG rating",
            "IPA RAG rating",
            "MPA RAG",
            "SRO Delivery Confidence Assessment",
            "colour_rating",
        ];
        ColumnMapping::new()
            .text(
                "project",
                &["Project Name", "Project", "Project title", "project_name"],
            )
            .required()
            .text(
                "department",
                &[
                    "Department",
                    "Dept",
                    "Department name",
                    "Department/Organisation",
                ],
            )
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
                    "Total budgeted whole life costs",
                    "Whole Life Cost TOTAL Baseline",
                    "TOTAL Baseline Whole Life Costs",
                    "wlc_baseline_incl_NCG",
                ],
            )
            .unit(6)
            .text(
                "narrative",
                &[
                    "Narrative",
                    "Departmental narrative",
                    "Commentary",
                    "Departmental commentary on actions planned or taken on the MPA RAG rating",
                    "Departmental commentary on actions planned or taken on the IPA RAG rating",
                    "rating_comment",
                ],
            )
            .number(
                "yearly_budget",
                &[
                    "Budget",
                    "TOTAL Baseline",
                    "Financial Year Baseline",
                    "yearly_budget",
                    "total_baseline",
                ],
            )
            .unit(6)
            .text(
                "project_id",
                &[
                    "GMPP ID Number",
                    "GMPP ID",
                    "Project ID",
                    "Project Number",
                    "project_number",
                ],
            )
    }
}

fn argument(code: ErrorCode, at: Location, message: String) -> Error {
    Error::format(Problem::new(code, at, message))
}

fn e_message(e: &Error) -> String {
    e.problems()
        .first()
        .map_or_else(|| e.to_string(), |p| p.message.clone())
}

/// A column mapping as data, before it is checked: field names, in order, each with a
/// [`FieldSpec`]. It deserialises from a map (a JSON object, a Python dict) and becomes a
/// [`ColumnMapping`] through [`ColumnMapping::from_spec`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappingSpec {
    /// The fields, in the order given.
    pub fields: Vec<(String, FieldSpec)>,
}

impl<'de> Deserialize<'de> for MappingSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MappingSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of field name to header(s) or field spec")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MappingSpec, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, FieldSpec>()? {
                    fields.push(entry);
                }
                Ok(MappingSpec { fields })
            }
        }
        d.deserialize_map(V)
    }
}

/// One field of a [`MappingSpec`]: a header, a list of headers (a text field), or the
/// full form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldSpec {
    /// The headers of a text field (one header deserialises as a list of one).
    Headers(Vec<String>),
    /// The full form.
    Full(FullFieldSpec),
}

impl<'de> Deserialize<'de> for FieldSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a header, a list of headers, or a map with headers, kind, vocabulary, occurrence, required")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldSpec, E> {
                Ok(FieldSpec::Headers(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<FieldSpec, A::Error> {
                Headers::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(|h| FieldSpec::Headers(h.0))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FieldSpec, A::Error> {
                FullFieldSpec::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(FieldSpec::Full)
            }
        }
        d.deserialize_any(V)
    }
}

/// The full form of a field: `headers` (one or a list), `kind` (`text`, `date`,
/// `number`, `rating`; `text` when absent), `vocabulary` (rating fields only),
/// `occurrence` (from 1) and `required`. Unknown keys are refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullFieldSpec {
    /// The headers the field answers to.
    #[serde(default)]
    pub headers: Headers,
    /// How the field is read.
    #[serde(default)]
    pub kind: KindName,
    /// The tracker vocabulary of a rating field, by id.
    #[serde(default)]
    pub vocabulary: Option<String>,
    /// Which matching column the field takes, from 1.
    #[serde(default)]
    pub occurrence: Option<usize>,
    /// Whether a missing column or blank cell is an error.
    #[serde(default)]
    pub required: bool,
}

/// Header aliases: one string or a list of strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers(pub Vec<String>);

impl<'de> Deserialize<'de> for Headers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Headers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a header or a list of headers")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Headers, E> {
                Ok(Headers(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Headers, A::Error> {
                let mut out = Vec::new();
                while let Some(h) = seq.next_element::<String>()? {
                    out.push(h);
                }
                Ok(Headers(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A field kind's name, before a rating's vocabulary is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindName {
    /// [`FieldKind::Text`].
    #[default]
    Text,
    /// [`FieldKind::Date`].
    Date,
    /// [`FieldKind::Number`].
    Number,
    /// [`FieldKind::Rating`].
    Rating,
}

impl<'de> Deserialize<'de> for FieldKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Tagged {
            kind: KindName,
            #[serde(default)]
            vocabulary: Option<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tagged;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a kind name or {\"kind\": ..., \"vocabulary\": ...}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tagged, E> {
                let kind = KindName::deserialize(de::value::StrDeserializer::<E>::new(v))?;
                Ok(Tagged {
                    kind,
                    vocabulary: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tagged, A::Error> {
                Tagged::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        let tagged = d.deserialize_any(V)?;
        let vocabulary = tagged
            .vocabulary
            .map(|id| Vocabulary::builtin(&id).map_err(|e| de::Error::custom(e_message(&e))))
            .transpose()?;
        match (tagged.kind, vocabulary) {
            (KindName::Rating, Some(v)) => Ok(FieldKind::Rating(v)),
            (KindName::Rating, None) => Err(de::Error::custom("a rating field needs a vocabulary")),
            (_, Some(_)) => Err(de::Error::custom("vocabulary is only for rating fields")),
            (KindName::Text, None) => Ok(FieldKind::Text),
            (KindName::Date, None) => Ok(FieldKind::Date),
            (KindName::Number, None) => Ok(FieldKind::Number),
        }
    }
}

impl<'de> Deserialize<'de> for ColumnMapping {
    /// A [`MappingSpec`] checked by [`ColumnMapping::from_spec`] without a default
    /// vocabulary (rating fields name theirs); a refusal is a custom error with the
    /// problem's text.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spec = MappingSpec::deserialize(d)?;
        ColumnMapping::from_spec(spec, None).map_err(de::Error::custom)
    }
}
