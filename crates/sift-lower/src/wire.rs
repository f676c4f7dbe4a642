//! A serde model of the search API's objects: conditions, `query`, `params` and the request
//! body. Names and strings borrow from the typed query; serialising writes the JSON text
//! directly (every condition object has exactly one key, so no maps are built).

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::value::RawValue;
use sift_syntax::ast::Direction;

/// A JSON scalar on the right of a field condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scalar<'q> {
    Null,
    Bool(bool),
    Integer(i64),
    /// A decimal written verbatim, so its value stays exact: `0.1` stays `0.1`, `1e400`
    /// stays `1e400`.
    Decimal(Decimal<'q>),
    /// A string; dates and date-times lower to strings too.
    String(Cow<'q, str>),
}

impl Serialize for Scalar<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Null => serializer.serialize_unit(),
            Scalar::Bool(b) => serializer.serialize_bool(*b),
            Scalar::Integer(i) => serializer.serialize_i64(*i),
            Scalar::Decimal(d) => d.0.serialize(serializer),
            Scalar::String(s) => serializer.serialize_str(s),
        }
    }
}

/// The text of a JSON number, borrowed and written out exactly as it is (no float
/// conversion, no normalisation of `1E5` to `1e+5`).
#[derive(Clone, Copy, Debug)]
pub struct Decimal<'q>(&'q RawValue);

impl<'q> Decimal<'q> {
    /// `Some` when `text` is exactly one JSON number (no sign `+`, no surrounding space).
    pub fn new(text: &'q str) -> Option<Self> {
        if !sift_syntax::number::is_number(text) {
            return None;
        }
        let raw: &RawValue = serde_json::from_str(text).ok()?;
        (raw.get() == text).then_some(Decimal(raw))
    }

    pub fn as_str(&self) -> &'q str {
        self.0.get()
    }
}

impl PartialEq for Decimal<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Decimal<'_> {}

/// The operators of the form `{"op": {"field": scalar}}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum FieldOp {
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    Like,
    Fuzzy,
    Keyword,
    /// 2026-03/04: value in an array field; 2026-10: case-insensitive substring.
    Contains,
    StartsWith,
    EndsWith,
    ArrayContains,
}

impl FieldOp {
    /// The field operator whose JSON key is `key`.
    pub fn of_key(key: &str) -> Option<FieldOp> {
        use strum::IntoEnumIterator;
        FieldOp::iter().find(|op| op.as_str() == key)
    }

    /// The operator's key in the JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldOp::Eq => "eq",
            FieldOp::Neq => "neq",
            FieldOp::Gt => "gt",
            FieldOp::Gte => "gte",
            FieldOp::Lt => "lt",
            FieldOp::Lte => "lte",
            FieldOp::Like => "like",
            FieldOp::Fuzzy => "fuzzy",
            FieldOp::Keyword => "keyword",
            FieldOp::Contains => "contains",
            FieldOp::StartsWith => "startswith",
            FieldOp::EndsWith => "endswith",
            FieldOp::ArrayContains => "array_contains",
        }
    }
}

/// A filter condition: an object with exactly one operator key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition<'q> {
    /// `{"eq": {"a": 1}}` and the other field operators.
    Field {
        op: FieldOp,
        key: &'q str,
        value: Scalar<'q>,
    },
    /// `{"in": {"a": [1, 2]}}`.
    In {
        key: &'q str,
        values: Vec<Scalar<'q>>,
    },
    /// `{"any": {"items": <condition over the element's fields>}}`.
    Any {
        key: &'q str,
        condition: Box<Condition<'q>>,
    },
    /// `{"not": <condition>}`.
    Not(Box<Condition<'q>>),
    /// `{"and": [<condition>, …]}`.
    And(Vec<Condition<'q>>),
    /// `{"or": [<condition>, …]}`.
    Or(Vec<Condition<'q>>),
}

/// Serialises as the one-entry object `{key: value}`.
struct Entry<'a, V: ?Sized>(&'a str, &'a V);

impl<V: Serialize + ?Sized> Serialize for Entry<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

impl Serialize for Condition<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Condition::Field { op, key, value } => {
                Entry(op.as_str(), &Entry(key, value)).serialize(serializer)
            }
            Condition::In { key, values } => {
                Entry("in", &Entry(key, values.as_slice())).serialize(serializer)
            }
            Condition::Any { key, condition } => {
                Entry("any", &Entry(key, condition.as_ref())).serialize(serializer)
            }
            Condition::Not(inner) => Entry("not", inner.as_ref()).serialize(serializer),
            Condition::And(all) => Entry("and", all.as_slice()).serialize(serializer),
            Condition::Or(any) => Entry("or", any.as_slice()).serialize(serializer),
        }
    }
}

/// One sort key: `{"created_at": "desc"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey<'q> {
    pub key: &'q str,
    pub direction: Direction,
}

impl Serialize for SortKey<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Entry(self.key, &self.direction).serialize(serializer)
    }
}

/// `params.query`: `{"filter": …, "sort": […]}`. An absent filter is omitted (the API must
/// never see `"filter": {}`), and so is an empty sort.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Query<'q> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Condition<'q>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sort: Vec<SortKey<'q>>,
}

impl Query<'_> {
    /// Neither filter nor sort: serialises as `{}`.
    pub fn is_empty(&self) -> bool {
        self.filter.is_none() && self.sort.is_empty()
    }
}

/// `params.semantic`: `{"prompt": …, "field": …, "filter": …, "min_similarity": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Semantic<'q> {
    pub prompt: &'q str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'q str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Condition<'q>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_similarity: Option<Scalar<'q>>,
}

/// A request's `params`: `{"query": …, "limit": 50, "fields": [["id"], ["client", "name"]]}`.
/// `query` is always sent (the API requires it; `{}` without filter and sort), except with
/// semantic search, which carries the filter in `semantic` instead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Params<'q> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic: Option<Semantic<'q>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<Query<'q>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// Each field as its list of keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Vec<&'q str>>,
}

/// The body of an execute request: `{"entity": "users", "action": "search", "params": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Request<'q> {
    pub entity: &'q str,
    pub action: &'static str,
    pub params: Params<'q>,
}

/// What [`lower`](crate::lower) produces, one variant per [`Emit`](crate::Emit) form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Output<'q> {
    Filter(Condition<'q>),
    Query(Query<'q>),
    Params(Params<'q>),
    Request(Request<'q>),
}

impl Output<'_> {
    /// Compact JSON text.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }
}
