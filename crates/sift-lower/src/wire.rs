//! A model of the search API's objects: conditions, `query`, `params` and the request body.
//! Names and strings borrow from the typed query; [`Output::to_json`] writes the JSON text
//! directly (every condition object has exactly one key, so no maps are built), and cannot
//! fail: every part of the model is a string, a number checked when the typed query was
//! built, or a structure of those.

use std::borrow::Cow;
use std::fmt::Write as _;

use sift_check::Number;
use sift_syntax::ast::Direction;

/// A JSON scalar on the right of a field condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scalar<'q> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A decimal written verbatim, so its value stays exact: `0.1` stays `0.1`, `1e400`
    /// stays `1e400`.
    Decimal(Number<'q>),
    /// A string; dates and date-times lower to strings too.
    String(Cow<'q, str>),
}

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

/// `params.semantic`: `{"prompt": …, "field": …, "filter": …, "min_similarity": …}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Semantic<'q> {
    pub prompt: &'q str,
    pub field: Option<&'q str>,
    pub filter: Option<Condition<'q>>,
    pub min_similarity: Option<Scalar<'q>>,
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

impl Scalar<'_> {
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Scalar::Null => out.push_str("null"),
            Scalar::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Scalar::Integer(i) => {
                if *i < 0 {
                    out.push('-');
                }
                write_unsigned(i.unsigned_abs(), out);
            }
            Scalar::Decimal(d) => out.push_str(d.as_str()),
            Scalar::String(s) => write_string(s, out),
        }
    }
}

/// `n` in decimal, without `fmt`'s machinery (this runs for every number of the output).
fn write_unsigned(mut n: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

impl Condition<'_> {
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Condition::Field { op, key, value } => {
                open_entry(op.as_str(), out);
                open_entry(key, out);
                value.write(out);
                out.push_str("}}");
            }
            Condition::In { key, values } => {
                open_entry("in", out);
                open_entry(key, out);
                write_list(values, out, Scalar::write);
                out.push_str("}}");
            }
            Condition::Any { key, condition } => write_any(key, out, |out| condition.write(out)),
            Condition::Not(inner) => write_not(out, |out| inner.write(out)),
            Condition::And(all) => write_chain("and", all, out, Condition::write),
            Condition::Or(any) => write_chain("or", any, out, Condition::write),
        }
    }
}

/// `{"and":[…]}` or `{"or":[…]}` (`connective`), each item written by `write`.
pub(crate) fn write_chain<T>(
    connective: &str,
    items: &[T],
    out: &mut String,
    write: impl FnMut(&T, &mut String),
) {
    open_entry(connective, out);
    write_list(items, out, write);
    out.push('}');
}

/// `{"not":…}`, the negated condition written by `inner`.
pub(crate) fn write_not(out: &mut String, inner: impl FnOnce(&mut String)) {
    open_entry("not", out);
    inner(out);
    out.push('}');
}

/// `{"any":{"key":…}}`, the element's condition written by `inner`.
pub(crate) fn write_any(key: &str, out: &mut String, inner: impl FnOnce(&mut String)) {
    open_entry("any", out);
    open_entry(key, out);
    inner(out);
    out.push_str("}}");
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
            min.write(object.key("min_similarity"));
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

    /// Writes the key of the next entry; the caller writes its value to the result.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_string(key, self.out);
        self.out.push(':');
        self.out
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// `{"key":` — the caller writes the value and the closing brace.
fn open_entry(key: &str, out: &mut String) {
    if needs_no_escape(key) {
        // Every condition writes two of these: one reservation, three copies.
        out.reserve(key.len() + 4);
        out.push_str("{\"");
        out.push_str(key);
        out.push_str("\":");
        return;
    }
    out.push('{');
    write_string(key, out);
    out.push(':');
}

/// True when `text` is written into a JSON string as it is.
fn needs_no_escape(text: &str) -> bool {
    !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\')
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

/// A JSON string (RFC 8259 §7): `"` and `\` escaped, the control characters as the short
/// escapes where JSON has them and `\u00XX` otherwise; everything else as it is.
pub(crate) fn write_string(text: &str, out: &mut String) {
    // Most keys and strings need no escape: one scan, one copy.
    if needs_no_escape(text) {
        out.reserve(text.len() + 2);
        out.push('"');
        out.push_str(text);
        out.push('"');
        return;
    }
    out.push('"');
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // Every byte escaped is ASCII, so `at` and `at + 1` are character boundaries.
        out.push_str(text.get(plain..at).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        plain = at + 1;
    }
    out.push_str(text.get(plain..).unwrap_or_default());
    out.push('"');
}
