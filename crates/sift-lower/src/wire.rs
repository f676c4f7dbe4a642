//! A model of the search API's objects: conditions, `query`, `params` and the request body.
//! Names and strings borrow from the typed query; [`Output::to_json`] writes the JSON text
//! directly (every condition object has exactly one key, so no maps are built), and cannot
//! fail: every part of the model is a string, a number checked when the typed query was
//! built, or a structure of those.

use sift_syntax::ast::Direction;

use crate::json::{finish_key, open_entry, write_integer, write_string, write_unsigned};

/// The members of an execute request's body.
pub const REQUEST_KEYS: [&str; 3] = ["entity", "action", "params"];
/// The members of `params`, the one list of them: the JSON reader, the local evaluator and the
/// edges that tell params from a filter all read it.
pub const PARAMS_KEYS: [&str; 5] = ["query", "semantic", "limit", "fields", "cursor"];
/// The members of `params.query`.
pub const QUERY_KEYS: [&str; 2] = ["filter", "sort"];

/// A JSON scalar on the right of a field condition: the checker's own (`sift_check::Scalar`),
/// so a value is modelled once. Dates and date-times are written as strings, decimals as
/// written (`0.1` stays `0.1`, `1e400` stays `1e400`).
pub use sift_check::Scalar;

/// The field operators and their JSON keys: the one list that `FieldOp`, its key and the
/// opening of its object (`{"eq":{`) are declared from.
macro_rules! field_ops {
    ($($(#[$doc:meta])* $op:ident => $key:literal,)*) => {
        /// The operators of the form `{"op": {"field": scalar}}`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
        pub enum FieldOp {
            $($(#[$doc])* $op,)*
        }

        impl FieldOp {
            /// The operator's key in the JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(FieldOp::$op => $key,)*
                }
            }

            /// Writes `{"op":{"`, the text a condition with this operator starts with, up to
            /// its key (each arm copies a text of known length).
            #[inline(always)]
            pub(crate) fn write_opening(self, out: &mut String) {
                match self {
                    $(FieldOp::$op => out.push_str(concat!("{\"", $key, "\":{\"")),)*
                }
            }
        }
    };
}

field_ops! {
    Eq => "eq",
    Neq => "neq",
    Gt => "gt",
    Gte => "gte",
    Lt => "lt",
    Lte => "lte",
    Like => "like",
    Fuzzy => "fuzzy",
    Keyword => "keyword",
    /// 2026-03/04: value in an array field; 2026-10: case-insensitive substring.
    Contains => "contains",
    StartsWith => "startswith",
    EndsWith => "endswith",
    ArrayContains => "array_contains",
}

impl FieldOp {
    /// The field operator whose JSON key is `key`.
    pub fn of_key(key: &str) -> Option<FieldOp> {
        use strum::IntoEnumIterator;
        FieldOp::iter().find(|op| op.as_str() == key)
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

/// One sort key: `{"created_at": "desc"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey<'q> {
    pub key: &'q str,
    pub direction: Direction,
}

/// `params.query`: `{"filter": …, "sort": […]}`. An absent filter is omitted (the API must
/// never see `"filter": {}`), and so is an empty sort.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query<'q> {
    pub filter: Option<Condition<'q>>,
    pub sort: Vec<SortKey<'q>>,
}

impl Query<'_> {
    /// Neither filter nor sort: serialises as `{}`.
    pub fn is_empty(&self) -> bool {
        self.filter.is_none() && self.sort.is_empty()
    }
}

/// `params.semantic`: `{"prompt": …, "field": …, "filter": …, "min_similarity": …,
/// "context_size": …, "dedup": …}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Semantic<'q> {
    pub prompt: &'q str,
    pub field: Option<&'q str>,
    pub filter: Option<Condition<'q>>,
    pub min_similarity: Option<Scalar<'q>>,
    pub context_size: Option<u64>,
    /// `max` or `none`.
    pub dedup: Option<&'static str>,
}

/// A request's `params`: `{"query": …, "limit": 50, "fields": [["id"], ["client", "name"]]}`.
/// `query` is always sent (the API requires it; `{}` without filter and sort), except with
/// semantic search, which carries the filter in `semantic` instead.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params<'q> {
    pub semantic: Option<Semantic<'q>>,
    pub query: Option<Query<'q>>,
    pub limit: Option<u64>,
    /// Each field as its list of keys.
    pub fields: Vec<Vec<&'q str>>,
}

/// The body of an execute request: `{"entity": "users", "action": "search", "params": …}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request<'q> {
    pub entity: &'q str,
    pub action: &'static str,
    pub params: Params<'q>,
}

/// What [`lower`](crate::lower) produces, one variant per [`Emit`](crate::Emit) form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output<'q> {
    Filter(Condition<'q>),
    Query(Query<'q>),
    Params(Params<'q>),
    Request(Request<'q>),
}

/// Writes a filter in place of the model's own: how [`lower_to_string`](crate::lower_to_string)
/// lowers the typed filter straight into the output while the frame around it (query,
/// params, request) comes from the model.
pub(crate) type FilterWriter<'w> = &'w mut dyn FnMut(&mut String);

impl Output<'_> {
    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_with(&mut out, None);
        out
    }

    /// Appends the compact JSON text to `out`; `filter`, when given, writes the filter
    /// (the model then holds none).
    pub(crate) fn write_with(&self, out: &mut String, filter: Option<FilterWriter<'_>>) {
        match self {
            Output::Filter(condition) => match filter {
                Some(filter) => filter(out),
                None => condition.write(out),
            },
            Output::Query(query) => query.write(out, filter),
            Output::Params(params) => params.write(out, filter),
            Output::Request(request) => request.write(out, filter),
        }
    }
}

/// Writes a scalar as JSON: the one writer of values, for both writers of the wire JSON.
#[inline(always)]
pub(crate) fn write_scalar(value: &Scalar<'_>, out: &mut String) {
    match value {
        Scalar::Null => out.push_str("null"),
        Scalar::Bool(b) => write_bool(*b, out),
        Scalar::Integer(i) => write_integer(*i, out),
        Scalar::Number(n) => out.push_str(n.as_str()),
        Scalar::String(s) | Scalar::Date(s) | Scalar::DateTime(s) => write_string(s, out),
    }
}

impl Condition<'_> {
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Condition::Field { op, key, value } => {
                open_field(*op, key, out);
                write_scalar(value, out);
                close_field(out);
            }
            Condition::In { key, values } => {
                open_in(key, out);
                write_list(values, out, |value, out| write_scalar(value, out));
                close_in(out);
            }
            Condition::Any { key, condition } => {
                open_any(key, out);
                condition.write(out);
                close_any(out);
            }
            Condition::Not(inner) => {
                out.push_str(NOT_OPENING);
                inner.write(out);
                out.push('}');
            }
            Condition::And(all) => write_chain(Connective::And, all, out),
            Condition::Or(any) => write_chain(Connective::Or, any, out),
        }
    }
}

fn write_chain(connective: Connective, items: &[Condition<'_>], out: &mut String) {
    connective.write_opening(out);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write(out);
    }
    out.push_str(CHAIN_CLOSING);
}

// The text of the condition objects, shared by the model's writer and the one lowering
// writes as it walks (`crate::sink`), so that both write the same shapes.

/// `and` or `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Connective {
    And,
    Or,
}

impl Connective {
    /// Writes `{"and":[` or `{"or":[`: the closing is [`CHAIN_CLOSING`].
    #[inline]
    pub(crate) fn write_opening(self, out: &mut String) {
        match self {
            Connective::And => out.push_str("{\"and\":["),
            Connective::Or => out.push_str("{\"or\":["),
        }
    }
}

/// What closes `{"and":[` and `{"or":[`.
pub(crate) const CHAIN_CLOSING: &str = "]}";

/// `{"not":`; the negated condition and `}` follow.
pub(crate) const NOT_OPENING: &str = "{\"not\":";

/// `{"op":{"key":`; the value and [`close_field`] follow.
#[inline]
pub(crate) fn open_field(op: FieldOp, key: &str, out: &mut String) {
    op.write_opening(out);
    finish_key(key, out);
}

#[inline]
pub(crate) fn close_field(out: &mut String) {
    out.push_str("}}");
}

/// `{"in":{"key":`; the list and [`close_in`] follow.
#[inline]
pub(crate) fn open_in(key: &str, out: &mut String) {
    out.push_str("{\"in\":{\"");
    finish_key(key, out);
}

#[inline]
pub(crate) fn close_in(out: &mut String) {
    out.push_str("}}");
}

/// `{"any":{"key":`; the element's condition and [`close_any`] follow.
#[inline]
pub(crate) fn open_any(key: &str, out: &mut String) {
    out.push_str("{\"any\":{\"");
    finish_key(key, out);
}

#[inline]
pub(crate) fn close_any(out: &mut String) {
    out.push_str("}}");
}

#[inline]
pub(crate) fn write_bool(b: bool, out: &mut String) {
    if b {
        out.push_str("true");
    } else {
        out.push_str("false");
    }
}

impl SortKey<'_> {
    fn write(&self, out: &mut String) {
        open_entry(self.key, out);
        write_string(
            match self.direction {
                Direction::Asc => "asc",
                Direction::Desc => "desc",
            },
            out,
        );
        out.push('}');
    }
}

/// Writes the `"filter"` entry of `object`: by `writer` when given, else the model's.
fn write_filter(
    object: &mut Object<'_>,
    own: Option<&Condition<'_>>,
    writer: Option<FilterWriter<'_>>,
) {
    match (writer, own) {
        (Some(writer), _) => writer(object.key("filter")),
        (None, Some(filter)) => filter.write(object.key("filter")),
        (None, None) => {}
    }
}

impl Query<'_> {
    fn write(&self, out: &mut String, filter: Option<FilterWriter<'_>>) {
        let mut object = Object::open(out);
        write_filter(&mut object, self.filter.as_ref(), filter);
        if !self.sort.is_empty() {
            write_list(&self.sort, object.key("sort"), SortKey::write);
        }
        object.close();
    }
}

impl Semantic<'_> {
    fn write(&self, out: &mut String, filter: Option<FilterWriter<'_>>) {
        let mut object = Object::open(out);
        write_string(self.prompt, object.key("prompt"));
        if let Some(field) = self.field {
            write_string(field, object.key("field"));
        }
        write_filter(&mut object, self.filter.as_ref(), filter);
        if let Some(min) = &self.min_similarity {
            write_scalar(min, object.key("min_similarity"));
        }
        if let Some(size) = self.context_size {
            write_unsigned(size, object.key("context_size"));
        }
        if let Some(dedup) = self.dedup {
            write_string(dedup, object.key("dedup"));
        }
        object.close();
    }
}

impl Params<'_> {
    fn write(&self, out: &mut String, filter: Option<FilterWriter<'_>>) {
        let mut object = Object::open(out);
        // The filter goes into `semantic` when there is one, else into `query`.
        let mut filter = filter;
        if let Some(semantic) = &self.semantic {
            semantic.write(object.key("semantic"), filter.take());
        }
        if let Some(query) = &self.query {
            query.write(object.key("query"), filter.take());
        }
        if let Some(limit) = self.limit {
            write_unsigned(limit, object.key("limit"));
        }
        if !self.fields.is_empty() {
            write_list(&self.fields, object.key("fields"), |path, out| {
                write_list(path, out, |key, out| write_string(key, out));
            });
        }
        object.close();
    }
}

impl Request<'_> {
    fn write(&self, out: &mut String, filter: Option<FilterWriter<'_>>) {
        let mut object = Object::open(out);
        write_string(self.entity, object.key("entity"));
        write_string(self.action, object.key("action"));
        self.params.write(object.key("params"), filter);
        object.close();
    }
}

/// An object being written: `{`, then `"key":value` pairs separated by commas, then `}`.
struct Object<'o> {
    out: &'o mut String,
    empty: bool,
}

impl<'o> Object<'o> {
    fn open(out: &'o mut String) -> Self {
        out.push('{');
        Object { out, empty: true }
    }

    /// Writes the key of the next entry; the caller writes its value to the result. The keys
    /// are this module's own names, none of which needs an escape.
    fn key(&mut self, key: &'static str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    fn close(self) {
        self.out.push('}');
    }
}

fn write_list<T>(items: &[T], out: &mut String, mut write: impl FnMut(&T, &mut String)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}
