//! `Deserialize` for the model's structs, written by hand (and for the structs of the
//! rules, `Rules` and `Thresholds`, and a metric target's JSON form).
//!
//! They read the JSON forms of docs/formats.md exactly as the derived impls did, with the
//! same messages at the same places (unknown, repeated and missing fields, wrong types),
//! but in less code: the derived impls also read each struct from a JSON array (which the
//! loaders refuse before reading: `json::check_shape`), and each had its own copy of the
//! field-name reader, where these share one ([`Keys`]). In the WebAssembly module the
//! difference was several kilobytes.
//!
//! Each struct's fields are listed in declaration order (the list an unknown field's
//! message gives), and the required ones are checked in that order after the object's
//! last key, as the derived impls did.

use std::fmt;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::de::{self, DeserializeSeed, MapAccess, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};

use crate::dates::serde_date;
use crate::model::{
    DeadlineText, Metric, MetricPoint, Node, NodeKind, Observation, Roadmap, Source, StatusUpdate,
};
use crate::score::Thresholds;
use crate::status::Rules;
use crate::target::MetricTargetJson;

/// The keys of one JSON object read into a struct with the fields `names`: each key's
/// index in `names`, an unknown key serde's `unknown_field` error and a repeated one its
/// `duplicate_field`.
pub(crate) struct Keys {
    names: &'static [&'static str],
    lookup: fn(&str) -> Option<usize>,
    seen: u64,
}

impl Keys {
    /// `lookup` gives a name's index in `names` (a `match`: a search of the list was
    /// measurably slower than the derived impls natively).
    pub(crate) fn new(names: &'static [&'static str], lookup: fn(&str) -> Option<usize>) -> Keys {
        Keys {
            names,
            lookup,
            seen: 0,
        }
    }

    /// The index of the next key, `None` after the last.
    pub(crate) fn next<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
    ) -> Result<Option<usize>, A::Error> {
        let Some(i) = map.next_key_seed(Key(self.names, self.lookup))? else {
            return Ok(None);
        };
        let bit = u32::try_from(i)
            .ok()
            .and_then(|i| 1u64.checked_shl(i))
            .unwrap_or(0);
        if self.seen & bit != 0 {
            let name = self.names.get(i).copied().unwrap_or_default();
            return Err(de::Error::duplicate_field(name));
        }
        self.seen |= bit;
        Ok(Some(i))
    }
}

/// A required field's value, or serde's `missing_field` error.
pub(crate) fn required<T, E: de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
}

/// A field name read as its index in the list (the derived field visitors' rules).
struct Key(&'static [&'static str], fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < self.0.len() => Ok(i),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &FieldIndex(self.0.len()),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        match (self.1)(v) {
            Some(i) => Ok(i),
            None => Err(E::unknown_field(v, self.0)),
        }
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match self.0.iter().position(|name| name.as_bytes() == v) {
            Some(i) => Ok(i),
            None => Err(E::unknown_field(&String::from_utf8_lossy(v), self.0)),
        }
    }
}

struct FieldIndex(usize);

impl de::Expected for FieldIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field index 0 <= i < {}", self.0)
    }
}

/// A `YYYY-MM-DD` date field (`dates::serde_date`).
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_date::deserialize(d).map(Day)
    }
}

/// An optional `YYYY-MM-DD` date field (absent or null: `None`).
struct MaybeDay(Option<NaiveDate>);

impl<'de> Deserialize<'de> for MaybeDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_date::option::deserialize(d).map(MaybeDay)
    }
}

/// `impl Deserialize` for a struct read by `$visit`, a function of the map that fills it,
/// under serde's `deserialize_struct` with the struct's name and fields.
macro_rules! deserialize_struct {
    ($ty:ident, $fields:expr, $visit:ident) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct StructVisitor;
                impl<'de> Visitor<'de> for StructVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $visit(map)
                    }
                }
                d.deserialize_struct(stringify!($ty), $fields, StructVisitor)
            }
        }
    };
}

/// The roadmap's own keys, as serde names them in its messages.
pub(crate) const ROADMAP_FIELDS: &[&str] = &[
    "id",
    "title",
    "publisher",
    "published",
    "summary",
    "sources",
    "nodes",
    "updates",
    "metrics",
    "extra",
];

fn roadmap_key(key: &str) -> Option<usize> {
    Some(match key {
        "id" => 0,
        "title" => 1,
        "publisher" => 2,
        "published" => 3,
        "summary" => 4,
        "sources" => 5,
        "nodes" => 6,
        "updates" => 7,
        "metrics" => 8,
        "extra" => 9,
        _ => return None,
    })
}

fn roadmap<'de, A: MapAccess<'de>>(mut map: A) -> Result<Roadmap, A::Error> {
    let mut keys = Keys::new(ROADMAP_FIELDS, roadmap_key);
    let (mut id, mut title, mut publisher, mut published) = (None, None, None, None);
    let mut r = Roadmap::new("", "", "", NaiveDate::MIN);
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => id = Some(map.next_value()?),
            1 => title = Some(map.next_value()?),
            2 => publisher = Some(map.next_value()?),
            3 => published = Some(map.next_value::<Day>()?.0),
            4 => r.summary = map.next_value()?,
            5 => r.sources = map.next_value()?,
            6 => r.nodes = map.next_value()?,
            7 => r.updates = map.next_value()?,
            8 => r.metrics = map.next_value()?,
            _ => r.extra = map.next_value()?,
        }
    }
    r.id = required(id, "id")?;
    r.title = required(title, "title")?;
    r.publisher = required(publisher, "publisher")?;
    r.published = required(published, "published")?;
    Ok(r)
}

deserialize_struct!(Roadmap, ROADMAP_FIELDS, roadmap);

/// The fields a source must have, in the order they are checked.
pub(crate) const SOURCE_REQUIRED: &[&str] = &["id", "title"];

const SOURCE_FIELDS: &[&str] = &["id", "title", "publisher", "date", "url", "extra"];

fn source_key(key: &str) -> Option<usize> {
    Some(match key {
        "id" => 0,
        "title" => 1,
        "publisher" => 2,
        "date" => 3,
        "url" => 4,
        "extra" => 5,
        _ => return None,
    })
}

fn source<'de, A: MapAccess<'de>>(mut map: A) -> Result<Source, A::Error> {
    let mut keys = Keys::new(SOURCE_FIELDS, source_key);
    let (mut id, mut title) = (None, None);
    let mut s = Source {
        id: String::new(),
        title: String::new(),
        publisher: String::new(),
        date: None,
        url: String::new(),
        extra: Default::default(),
    };
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => id = Some(map.next_value()?),
            1 => title = Some(map.next_value()?),
            2 => s.publisher = map.next_value()?,
            3 => s.date = map.next_value::<MaybeDay>()?.0,
            4 => s.url = map.next_value()?,
            _ => s.extra = map.next_value()?,
        }
    }
    s.id = required(id, "id")?;
    s.title = required(title, "title")?;
    Ok(s)
}

deserialize_struct!(Source, SOURCE_FIELDS, source);

/// The fields a node must have, in the order they are checked.
pub(crate) const NODE_REQUIRED: &[&str] = &["id", "kind", "title"];

const NODE_FIELDS: &[&str] = &[
    "id",
    "kind",
    "parent",
    "title",
    "summary",
    "owners",
    "tags",
    "weight",
    "sources",
    "deadline",
    "expectation",
    "extra",
];

fn node_key(key: &str) -> Option<usize> {
    Some(match key {
        "id" => 0,
        "kind" => 1,
        "parent" => 2,
        "title" => 3,
        "summary" => 4,
        "owners" => 5,
        "tags" => 6,
        "weight" => 7,
        "sources" => 8,
        "deadline" => 9,
        "expectation" => 10,
        "extra" => 11,
        _ => return None,
    })
}

fn node<'de, A: MapAccess<'de>>(mut map: A) -> Result<Node, A::Error> {
    let mut keys = Keys::new(NODE_FIELDS, node_key);
    let (mut id, mut kind, mut title) = (None, None, None);
    // Node::new holds every default (weight 1).
    let mut n = Node::new("", NodeKind::Section, "");
    // The texts are read as `String`s, then held inline where they fit: the JSON reader
    // keeps one string visitor for every record, not a second for `CompactString`
    // (504 bytes less in the gzipped WASM module; the native JSON load of 200,000
    // commitments stays within its noise).
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => id = Some(CompactString::from(map.next_value::<String>()?)),
            1 => kind = Some(map.next_value()?),
            2 => n.parent = map.next_value::<Option<String>>()?.map(CompactString::from),
            3 => title = Some(CompactString::from(map.next_value::<String>()?)),
            4 => n.summary = map.next_value()?,
            5 => n.owners = map.next_value()?,
            6 => n.tags = map.next_value()?,
            7 => n.weight = map.next_value()?,
            8 => n.sources = map.next_value()?,
            9 => n.deadline = map.next_value()?,
            10 => n.expectation = map.next_value()?,
            _ => n.extra = map.next_value()?,
        }
    }
    n.id = required(id, "id")?;
    n.kind = required(kind, "kind")?;
    n.title = required(title, "title")?;
    Ok(n)
}

deserialize_struct!(Node, NODE_FIELDS, node);

const DEADLINE_FIELDS: &[&str] = &["phrase", "written_on", "source"];

fn deadline_key(key: &str) -> Option<usize> {
    Some(match key {
        "phrase" => 0,
        "written_on" => 1,
        "source" => 2,
        _ => return None,
    })
}

fn deadline<'de, A: MapAccess<'de>>(mut map: A) -> Result<DeadlineText, A::Error> {
    let mut keys = Keys::new(DEADLINE_FIELDS, deadline_key);
    let (mut phrase, mut written_on, mut source) = (None, None, None);
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => phrase = Some(map.next_value()?),
            1 => written_on = Some(map.next_value::<Day>()?.0),
            _ => source = map.next_value()?,
        }
    }
    Ok(DeadlineText {
        phrase: required(phrase, "phrase")?,
        written_on: required(written_on, "written_on")?,
        source,
    })
}

deserialize_struct!(DeadlineText, DEADLINE_FIELDS, deadline);

/// The fields a status update must have, in the order they are checked.
pub(crate) const UPDATE_REQUIRED: &[&str] = &["node", "date", "status"];

const UPDATE_FIELDS: &[&str] = &[
    "node",
    "date",
    "status",
    "source",
    "note",
    "delivered_on",
    "new_deadline",
    "extra",
];

fn update_key(key: &str) -> Option<usize> {
    Some(match key {
        "node" => 0,
        "date" => 1,
        "status" => 2,
        "source" => 3,
        "note" => 4,
        "delivered_on" => 5,
        "new_deadline" => 6,
        "extra" => 7,
        _ => return None,
    })
}

fn update<'de, A: MapAccess<'de>>(mut map: A) -> Result<StatusUpdate, A::Error> {
    let mut keys = Keys::new(UPDATE_FIELDS, update_key);
    let (mut node, mut date, mut status) = (None, None, None);
    let (mut source, mut note, mut delivered_on, mut new_deadline, mut extra) =
        (String::new(), String::new(), None, None, Default::default());
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => node = Some(map.next_value()?),
            1 => date = Some(map.next_value()?),
            2 => status = Some(map.next_value()?),
            3 => source = map.next_value()?,
            4 => note = map.next_value()?,
            5 => delivered_on = map.next_value()?,
            6 => new_deadline = map.next_value()?,
            _ => extra = map.next_value()?,
        }
    }
    Ok(StatusUpdate {
        node: required(node, "node")?,
        date: required(date, "date")?,
        status: required(status, "status")?,
        source,
        note,
        delivered_on,
        new_deadline,
        extra,
    })
}

deserialize_struct!(StatusUpdate, UPDATE_FIELDS, update);

/// The fields a metric must have, in the order they are checked.
pub(crate) const METRIC_REQUIRED: &[&str] = &["id", "node", "title"];

const METRIC_FIELDS: &[&str] = &[
    "id",
    "node",
    "title",
    "unit",
    "direction",
    "baseline",
    "target",
    "trajectory",
    "observations",
    "extra",
];

fn metric_key(key: &str) -> Option<usize> {
    Some(match key {
        "id" => 0,
        "node" => 1,
        "title" => 2,
        "unit" => 3,
        "direction" => 4,
        "baseline" => 5,
        "target" => 6,
        "trajectory" => 7,
        "observations" => 8,
        "extra" => 9,
        _ => return None,
    })
}

fn metric<'de, A: MapAccess<'de>>(mut map: A) -> Result<Metric, A::Error> {
    let mut keys = Keys::new(METRIC_FIELDS, metric_key);
    let (mut id, mut node, mut title) = (None, None, None);
    let mut m = Metric::new("", "", "", "");
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => id = Some(map.next_value()?),
            1 => node = Some(map.next_value()?),
            2 => title = Some(map.next_value()?),
            3 => m.unit = map.next_value()?,
            4 => m.direction = map.next_value()?,
            5 => m.baseline = map.next_value()?,
            6 => m.target = map.next_value()?,
            7 => m.trajectory = map.next_value()?,
            8 => m.observations = map.next_value()?,
            _ => m.extra = map.next_value()?,
        }
    }
    m.id = required(id, "id")?;
    m.node = required(node, "node")?;
    m.title = required(title, "title")?;
    Ok(m)
}

deserialize_struct!(Metric, METRIC_FIELDS, metric);

const POINT_FIELDS: &[&str] = &["date", "value"];

fn point_key(key: &str) -> Option<usize> {
    Some(match key {
        "date" => 0,
        "value" => 1,
        _ => return None,
    })
}

fn point<'de, A: MapAccess<'de>>(mut map: A) -> Result<MetricPoint, A::Error> {
    let mut keys = Keys::new(POINT_FIELDS, point_key);
    let (mut date, mut value) = (None, None);
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => date = Some(map.next_value::<Day>()?.0),
            _ => value = Some(map.next_value()?),
        }
    }
    Ok(MetricPoint {
        date: required(date, "date")?,
        value: required(value, "value")?,
    })
}

deserialize_struct!(MetricPoint, POINT_FIELDS, point);

const OBSERVATION_FIELDS: &[&str] = &["date", "value", "source", "note", "extra"];

fn observation_key(key: &str) -> Option<usize> {
    Some(match key {
        "date" => 0,
        "value" => 1,
        "source" => 2,
        "note" => 3,
        "extra" => 4,
        _ => return None,
    })
}

fn observation<'de, A: MapAccess<'de>>(mut map: A) -> Result<Observation, A::Error> {
    let mut keys = Keys::new(OBSERVATION_FIELDS, observation_key);
    let (mut date, mut value) = (None, None);
    let (mut source, mut note, mut extra) = (String::new(), String::new(), Default::default());
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => date = Some(map.next_value::<Day>()?.0),
            1 => value = Some(map.next_value()?),
            2 => source = map.next_value()?,
            3 => note = map.next_value()?,
            _ => extra = map.next_value()?,
        }
    }
    Ok(Observation {
        date: required(date, "date")?,
        value: required(value, "value")?,
        source,
        note,
        extra,
    })
}

deserialize_struct!(Observation, OBSERVATION_FIELDS, observation);

const RULES_FIELDS: &[&str] = &[
    "staleness_days",
    "grace_days",
    "from_grace_days",
    "vocabularies",
    "weights",
    "thresholds",
];

fn rules_key(key: &str) -> Option<usize> {
    Some(match key {
        "staleness_days" => 0,
        "grace_days" => 1,
        "from_grace_days" => 2,
        "vocabularies" => 3,
        "weights" => 4,
        "thresholds" => 5,
        _ => return None,
    })
}

/// Every field optional: the defaults fill the rest (`conventions` is not read).
fn rules<'de, A: MapAccess<'de>>(mut map: A) -> Result<Rules, A::Error> {
    let mut keys = Keys::new(RULES_FIELDS, rules_key);
    let mut r = Rules::default();
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => r.staleness_days = map.next_value()?,
            1 => r.grace_days = map.next_value()?,
            2 => r.from_grace_days = map.next_value()?,
            3 => r.vocabularies = map.next_value()?,
            4 => r.weights = map.next_value()?,
            _ => r.thresholds = map.next_value()?,
        }
    }
    Ok(r)
}

deserialize_struct!(Rules, RULES_FIELDS, rules);

const THRESHOLDS_FIELDS: &[&str] = &["green", "amber"];

fn thresholds_key(key: &str) -> Option<usize> {
    Some(match key {
        "green" => 0,
        "amber" => 1,
        _ => return None,
    })
}

/// Both optional: the defaults fill the rest.
fn thresholds<'de, A: MapAccess<'de>>(mut map: A) -> Result<Thresholds, A::Error> {
    let mut keys = Keys::new(THRESHOLDS_FIELDS, thresholds_key);
    let mut t = Thresholds::default();
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => t.green = map.next_value()?,
            _ => t.amber = map.next_value()?,
        }
    }
    Ok(t)
}

deserialize_struct!(Thresholds, THRESHOLDS_FIELDS, thresholds);

const TARGET_FIELDS: &[&str] = &[
    "type",
    "value",
    "tolerance",
    "exclusive",
    "low",
    "high",
    "deadline",
];

fn target_key(key: &str) -> Option<usize> {
    Some(match key {
        "type" => 0,
        "value" => 1,
        "tolerance" => 2,
        "exclusive" => 3,
        "low" => 4,
        "high" => 5,
        "deadline" => 6,
        _ => return None,
    })
}

fn target<'de, A: MapAccess<'de>>(mut map: A) -> Result<MetricTargetJson, A::Error> {
    let mut keys = Keys::new(TARGET_FIELDS, target_key);
    let (mut kind, mut value, mut tolerance, mut exclusive) = (None, None, None, None);
    let (mut low, mut high, mut deadline) = (None, None, None);
    while let Some(i) = keys.next(&mut map)? {
        match i {
            0 => kind = map.next_value()?,
            1 => value = map.next_value()?,
            2 => tolerance = map.next_value()?,
            3 => exclusive = map.next_value()?,
            4 => low = map.next_value()?,
            5 => high = map.next_value()?,
            _ => deadline = Some(map.next_value()?),
        }
    }
    Ok(MetricTargetJson {
        kind,
        value,
        tolerance,
        exclusive,
        low,
        high,
        deadline: required(deadline, "deadline")?,
    })
}

deserialize_struct!(MetricTargetJson, TARGET_FIELDS, target);

#[cfg(test)]
mod tests {
    //! The hand-written impls against the derived ones they replaced (kept here, with the
    //! same fields and attributes, as the reference): the same value or the same message,
    //! line and column for every input below; and hand-worked messages.

    use super::*;
    use serde_json::Value;

    mod derived {
        use crate::dates::serde_date;
        use crate::model::{Direction, EvidenceDate, Extra, MetricTarget, NodeKind};
        use crate::score::Weights;
        use crate::status::Vocabularies;
        use crate::target::TargetType;
        use chrono::NaiveDate;
        use serde::{Deserialize, Serialize};
        use std::collections::BTreeMap;

        fn one() -> f64 {
            1.0
        }
        #[allow(clippy::trivially_copy_pass_by_ref)]
        fn is_one(w: &f64) -> bool {
            *w == 1.0
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Roadmap {
            id: String,
            title: String,
            publisher: String,
            #[serde(with = "serde_date")]
            published: NaiveDate,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            summary: String,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            sources: Vec<Source>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            nodes: Vec<Node>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            updates: Vec<StatusUpdate>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            metrics: Vec<Metric>,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            extra: Extra,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Source {
            id: String,
            title: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            publisher: String,
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "serde_date::option"
            )]
            date: Option<NaiveDate>,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            url: String,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            extra: Extra,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Node {
            id: String,
            kind: NodeKind,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            parent: Option<String>,
            title: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            summary: String,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            owners: Vec<String>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            tags: Vec<String>,
            #[serde(default = "one", skip_serializing_if = "is_one")]
            weight: f64,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            sources: Vec<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            deadline: Option<DeadlineText>,
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            expectation: bool,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            extra: Extra,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct DeadlineText {
            phrase: String,
            #[serde(with = "serde_date")]
            written_on: NaiveDate,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            source: Option<String>,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct StatusUpdate {
            node: String,
            date: EvidenceDate,
            status: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            source: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            note: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            delivered_on: Option<EvidenceDate>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            new_deadline: Option<DeadlineText>,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            extra: Extra,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Metric {
            id: String,
            node: String,
            title: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            unit: String,
            #[serde(default)]
            direction: Direction,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            baseline: Option<MetricPoint>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            target: Option<Target>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            trajectory: Vec<MetricPoint>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            observations: Vec<Observation>,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            extra: Extra,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct MetricPoint {
            #[serde(with = "serde_date")]
            date: NaiveDate,
            value: f64,
        }

        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Observation {
            #[serde(with = "serde_date")]
            date: NaiveDate,
            value: f64,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            source: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            note: String,
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            extra: Extra,
        }

        /// A metric's target as the derived impl read it: `MetricTargetJson`'s fields,
        /// then the same conversion.
        #[derive(Serialize, Deserialize)]
        #[serde(try_from = "MetricTargetJson")]
        struct Target(#[serde(serialize_with = "Target::write")] MetricTarget);

        impl Target {
            fn write<S: serde::Serializer>(t: &MetricTarget, s: S) -> Result<S::Ok, S::Error> {
                t.serialize(s)
            }
        }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct MetricTargetJson {
            #[serde(rename = "type", default)]
            kind: Option<TargetType>,
            #[serde(default)]
            value: Option<f64>,
            #[serde(default)]
            tolerance: Option<f64>,
            #[serde(default)]
            exclusive: Option<bool>,
            #[serde(default)]
            low: Option<f64>,
            #[serde(default)]
            high: Option<f64>,
            deadline: crate::model::DeadlineText,
        }

        impl TryFrom<MetricTargetJson> for Target {
            type Error = String;
            fn try_from(j: MetricTargetJson) -> Result<Target, String> {
                MetricTarget::try_from(crate::target::MetricTargetJson {
                    kind: j.kind,
                    value: j.value,
                    tolerance: j.tolerance,
                    exclusive: j.exclusive,
                    low: j.low,
                    high: j.high,
                    deadline: j.deadline,
                })
                .map(Target)
            }
        }

        #[derive(Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Rules {
            staleness_days: Option<u32>,
            grace_days: u32,
            from_grace_days: u32,
            vocabularies: Vocabularies,
            weights: Weights,
            thresholds: Thresholds,
        }

        impl Default for Rules {
            fn default() -> Rules {
                let r = crate::status::Rules::default();
                let t = r.thresholds;
                Rules {
                    staleness_days: r.staleness_days,
                    grace_days: r.grace_days,
                    from_grace_days: r.from_grace_days,
                    vocabularies: r.vocabularies,
                    weights: r.weights,
                    thresholds: Thresholds {
                        green: t.green,
                        amber: t.amber,
                    },
                }
            }
        }

        #[derive(Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        struct Thresholds {
            green: f64,
            amber: f64,
        }

        impl Default for Thresholds {
            fn default() -> Thresholds {
                let t = crate::score::Thresholds::default();
                Thresholds {
                    green: t.green,
                    amber: t.amber,
                }
            }
        }
    }

    /// The outcome of reading `json`: the value written back, or the whole message.
    fn outcome<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> String {
        match serde_json::from_str::<T>(json) {
            Ok(v) => serde_json::to_string(&v).unwrap(),
            Err(e) => format!("error: {e}"),
        }
    }

    /// The same outcome, for every text without an array where a struct belongs (the one
    /// difference, and one the loaders refuse before reading: `check_shape`). Repeated
    /// keys, which the loaders also refuse first, are compared too.
    fn same(json: &str) -> bool {
        same_as::<Roadmap, derived::Roadmap>(json, crate::json::ROADMAP_ARRAY_KEYS)
    }

    fn same_as<T, Mirror>(json: &str, array_keys: &[&str]) -> bool
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
        Mirror: serde::de::DeserializeOwned + serde::Serialize,
    {
        if crate::json::check_shape(json, array_keys, false).is_err() {
            return false;
        }
        assert_eq!(outcome::<T>(json), outcome::<Mirror>(json), "{json}");
        true
    }

    /// A roadmap with every struct and every field, each set to something not its default.
    const FULL: &str = r#"{"id": "r", "title": "R", "publisher": "P", "published": "2026-01-19",
  "summary": "S", "extra": {"k": "v"},
  "sources": [{"id": "s", "title": "T", "publisher": "Q", "date": "2026-01-02", "url": "u", "extra": {"a": "b"}}],
  "nodes": [{"id": "n", "kind": "section", "title": "N"},
    {"id": "c", "kind": "commitment", "parent": "n", "title": "C", "summary": "x", "owners": ["o"],
     "tags": ["t"], "weight": 2, "sources": ["s"], "expectation": true, "extra": {"e": "f"},
     "deadline": {"phrase": "by 2027", "written_on": "2026-01-19", "source": "s"}}],
  "updates": [{"node": "c", "date": "2026-Q2", "status": "delivered", "source": "s", "note": "n",
     "delivered_on": "2026-05", "new_deadline": {"phrase": "by 2028", "written_on": "2026-06-01"},
     "extra": {"g": "h"}}],
  "metrics": [{"id": "m", "node": "c", "title": "M", "unit": "%", "direction": "lower_is_better",
     "baseline": {"date": "2026-01-01", "value": 10},
     "target": {"type": "maximum", "value": 5, "deadline": {"phrase": "by 2027", "written_on": "2026-01-19"}},
     "trajectory": [{"date": "2026-06-01", "value": 8.5}],
     "observations": [{"date": "2026-03-01", "value": 9, "source": "s", "note": "q", "extra": {"i": "j"}}],
     "extra": {"l": "m"}}]}"#;

    #[test]
    fn every_field_reads_as_the_derived_impls_read_it() {
        assert!(same(FULL));
        let read: Roadmap = serde_json::from_str(FULL).unwrap();
        assert_eq!(read.nodes[1].weight, 2.0);
        assert_eq!(read.nodes[1].parent.as_deref(), Some("n"));
        assert_eq!(read.metrics[0].observations[0].value, 9.0);
        // Minimal records take the documented defaults.
        let minimal = r#"{"id": "r", "title": "R", "publisher": "P", "published": "2026-01-19",
            "nodes": [{"id": "n", "kind": "section", "title": "N"}]}"#;
        assert!(same(minimal));
        let read: Roadmap = serde_json::from_str(minimal).unwrap();
        let n = &read.nodes[0];
        assert_eq!(
            (n.weight, n.expectation, n.parent.is_none()),
            (1.0, false, true)
        );
    }

    #[test]
    fn fixtures_read_as_the_derived_impls_read_them() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut files = vec![
            format!("{root}/data/uk-digital-2026.json"),
            format!("{root}/tests/fixtures/uk-digital-2026-article.json"),
        ];
        for dir in [
            "tests/fixtures/bad",
            "tests/fixtures/minimal",
            "tests/fixtures/hostile",
        ] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "json") {
                    files.push(path.display().to_string());
                }
            }
        }
        let (mut read, mut compared) = (0, 0);
        for file in &files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue; // not UTF-8 (fixtures for that)
            };
            read += 1;
            compared += usize::from(same(&text));
        }
        // All but the two that are arrays (bad/top-level-array.json, bad/cases.json).
        assert!(
            compared + 2 == read && compared > 20,
            "{compared} of {read}: {files:?}"
        );
    }

    /// Every way a field can go wrong, at every level: other types, null, absent,
    /// repeated, unknown keys next to it; and the text cut short at every byte.
    /// `same(text)` for `doc` with every field of every object given every other type,
    /// removed, or next to an unknown key, each object with its first key twice, and the
    /// text cut at every character; the number of texts compared.
    fn mutations(doc: &str, same: impl Fn(&str) -> bool) -> usize {
        let full: Value = serde_json::from_str(doc).unwrap();
        let others = [
            Value::Null,
            Value::from(1),
            Value::from(-1.5),
            Value::from("x"),
            Value::from(true),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!({"phrase": "by 2027"}),
        ];
        let mut objects = Vec::new();
        fn walk(v: &Value, path: Vec<Value>, out: &mut Vec<Vec<Value>>) {
            match v {
                Value::Object(m) => {
                    out.push(path.clone());
                    for (k, x) in m {
                        let mut p = path.clone();
                        p.push(Value::from(k.as_str()));
                        walk(x, p, out);
                    }
                }
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        let mut p = path.clone();
                        p.push(Value::from(i));
                        walk(x, p, out);
                    }
                }
                _ => {}
            }
        }
        walk(&full, Vec::new(), &mut objects);
        fn at<'a>(mut v: &'a mut Value, path: &[Value]) -> &'a mut Value {
            for step in path {
                v = match step {
                    Value::String(k) => v.get_mut(k.as_str()).unwrap(),
                    _ => v.get_mut(step.as_u64().unwrap() as usize).unwrap(),
                };
            }
            v
        }
        let mut cases = 0;
        for path in &objects {
            let keys: Vec<String> = {
                let mut root = full.clone();
                let obj = at(&mut root, path);
                obj.as_object().unwrap().keys().cloned().collect()
            };
            for key in &keys {
                for other in &others {
                    let mut root = full.clone();
                    let obj = at(&mut root, path);
                    obj[key.as_str()] = other.clone();
                    cases += usize::from(same(&root.to_string()));
                }
                let mut root = full.clone();
                let obj = at(&mut root, path);
                obj.as_object_mut().unwrap().remove(key);
                cases += usize::from(same(&root.to_string()));
            }
            let mut root = full.clone();
            let obj = at(&mut root, path);
            obj["unknown"] = Value::from(1);
            cases += usize::from(same(&root.to_string()));
        }
        // A key given twice (the text: a JSON value cannot hold it), in every object.
        let text = full.to_string();
        for (i, _) in text.match_indices('{') {
            let close = text[i..].find(['}', ',']).map_or(text.len(), |j| i + j);
            let first = &text[i + 1..close];
            if first.contains(':') {
                let doubled = format!("{}{},{}", &text[..=i], first, &text[i + 1..]);
                cases += usize::from(same(&doubled));
            }
        }
        for end in 0..text.len() {
            if text.is_char_boundary(end) {
                cases += usize::from(same(&text[..end]));
            }
        }
        cases
    }

    #[test]
    fn every_refusal_is_the_derived_impls_message_at_their_place() {
        let cases = mutations(FULL, same);
        assert!(cases > 1000, "{cases}");
        let rules = r#"{"staleness_days": 20, "grace_days": 3, "from_grace_days": 9,
            "vocabularies": ["rag", {"name": "ours", "labels": {"Done": "delivered"}}],
            "weights": {"met_late": 0.5}, "thresholds": {"green": 0.9, "amber": 0.4}}"#;
        let rules_cases = mutations(rules, |json| {
            same_as::<Rules, derived::Rules>(json, &["vocabularies", "aliases"])
        });
        assert!(rules_cases > 100, "{rules_cases}");
    }

    #[test]
    fn each_key_lookup_agrees_with_its_field_list() {
        type Lookup = fn(&str) -> Option<usize>;
        let tables: [(&[&str], Lookup); 8] = [
            (ROADMAP_FIELDS, roadmap_key),
            (SOURCE_FIELDS, source_key),
            (NODE_FIELDS, node_key),
            (DEADLINE_FIELDS, deadline_key),
            (UPDATE_FIELDS, update_key),
            (METRIC_FIELDS, metric_key),
            (POINT_FIELDS, point_key),
            (OBSERVATION_FIELDS, observation_key),
        ];
        for (names, lookup) in tables {
            for (i, name) in names.iter().enumerate() {
                assert_eq!(lookup(name), Some(i), "{name}");
            }
            for other in ["", "ID", "extras", "type", " id"] {
                assert_eq!(lookup(other), None, "{other}");
            }
        }
    }

    #[test]
    fn hand_worked_messages() {
        let err = |json: &str| {
            serde_json::from_str::<Roadmap>(json)
                .unwrap_err()
                .to_string()
        };
        let head = r#"{"id": "r", "title": "R", "publisher": "P", "published": "2026-01-19""#;
        assert_eq!(
            err(&format!(r#"{head}, "colour": 1}}"#)),
            "unknown field `colour`, expected one of `id`, `title`, `publisher`, `published`, \
             `summary`, `sources`, `nodes`, `updates`, `metrics`, `extra` at line 1 column 79"
        );
        assert_eq!(
            err(&format!(r#"{head}, "id": "s"}}"#)),
            "duplicate field `id` at line 1 column 75"
        );
        assert_eq!(
            err(r#"{"id": "r", "title": "R", "published": "2026-01-19"}"#),
            "missing field `publisher` at line 1 column 52"
        );
        assert_eq!(
            err(&format!(
                r#"{head}, "nodes": [{{"id": "n", "title": "N"}}]}}"#
            )),
            "missing field `kind` at line 1 column 106"
        );
        assert_eq!(
            err(&format!(r#"{head}, "nodes": ["n"]}}"#)),
            "invalid type: string \"n\", expected struct Node at line 1 column 84"
        );
        // The one difference: a struct is an object. The derived impls also took an array
        // of the fields in order, which the loaders refuse before reading.
        assert_eq!(
            err(r#"["r", "R", "P", "2026-01-19"]"#),
            "invalid type: sequence, expected struct Roadmap at line 1 column 1"
        );
        assert!(
            serde_json::from_str::<derived::Roadmap>(r#"["r", "R", "P", "2026-01-19"]"#).is_ok()
        );
        let rules = |json: &str| serde_json::from_str::<Rules>(json).unwrap_err().to_string();
        assert_eq!(
            rules(r#"{"grace": 3}"#),
            "unknown field `grace`, expected one of `staleness_days`, `grace_days`, \
             `from_grace_days`, `vocabularies`, `weights`, `thresholds` at line 1 column 8"
        );
        assert_eq!(
            rules(r#"{"thresholds": {"green": 0.9, "red": 0}}"#),
            "unknown field `red`, expected `green` or `amber` at line 1 column 35"
        );
        let read: Rules =
            serde_json::from_str(r#"{"grace_days": 4, "thresholds": {"amber": 0.2}}"#).unwrap();
        assert_eq!((read.grace_days, read.from_grace_days), (4, 30));
        assert_eq!((read.thresholds.green, read.thresholds.amber), (0.8, 0.2));
    }
}
