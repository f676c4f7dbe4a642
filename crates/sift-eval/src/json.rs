//! What the evaluator reads records through: [`JsonRef`], a borrowed view of one JSON value.
//! `&serde_json::Value` is one; [`crate::tape::Node`], a value of a record scanned in place
//! without building a `Value`, is the other. Every rule of `value.rs`, `filter.rs` and
//! `conformance.rs` is written once, over this trait, so both kinds of record meet the same
//! semantics by construction.

use std::borrow::Cow;

use serde_json::Value;

/// The JSON type of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum JsonKind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A borrowed JSON value. Objects never hold a key twice (a `Value` cannot; a scanned record
/// with a repeated key is read as a `Value` instead), so [`JsonRef::get`] is the one value of
/// a key.
pub trait JsonRef<'v>: Copy + 'v {
    fn kind(self) -> JsonKind;
    fn as_bool(self) -> Option<bool>;
    /// A number's text as written (`2.50`).
    fn number_text(self) -> Option<&'v str>;
    /// A string's text, unescaped.
    fn text(self) -> Option<Cow<'v, str>>;
    /// The value of an object's key.
    fn get(self, key: &str) -> Option<Self>;
    /// An array's elements (nothing for other values).
    fn items(self) -> impl Iterator<Item = Self>;
    /// An object's keys and values (nothing for other values).
    fn entries(self) -> impl Iterator<Item = (Cow<'v, str>, Self)>;
    /// The number of elements or keys (0 for scalars).
    fn count(self) -> usize;
    /// The value as an owned `serde_json::Value`.
    fn to_value(self) -> Value;
}

impl<'v> JsonRef<'v> for &'v Value {
    fn kind(self) -> JsonKind {
        match self {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Bool,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn as_bool(self) -> Option<bool> {
        self.as_bool()
    }

    fn number_text(self) -> Option<&'v str> {
        match self {
            Value::Number(n) => Some(n.as_str()),
            _ => None,
        }
    }

    fn text(self) -> Option<Cow<'v, str>> {
        self.as_str().map(Cow::Borrowed)
    }

    fn get(self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }

    fn items(self) -> impl Iterator<Item = Self> {
        self.as_array().into_iter().flatten()
    }

    fn entries(self) -> impl Iterator<Item = (Cow<'v, str>, Self)> {
        self.as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (Cow::Borrowed(k.as_str()), v))
    }

    fn count(self) -> usize {
        match self {
            Value::Array(items) => items.len(),
            Value::Object(object) => object.len(),
            _ => 0,
        }
    }

    fn to_value(self) -> Value {
        self.clone()
    }
}
