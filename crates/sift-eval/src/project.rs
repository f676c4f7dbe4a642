//! `fields`: which paths of each record to return, as key lists (`[["id"],["user","name"]]`,
//! what the typed helpers send) or dotted strings (`["id","user.name"]`, what the docs show).

use serde_json::{Map, Value};

use crate::error::EvalError;
use crate::value::{lookup_keys, lookup_segments};

/// One requested path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldPath {
    /// Exact keys, one per level.
    Keys(Vec<String>),
    /// A dotted path, resolved like a filter's field (a whole key with dots wins).
    Dotted(String),
}

/// The `fields` of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    pub paths: Vec<FieldPath>,
}

impl Projection {
    pub fn from_json(fields: &Value, pointer: &str) -> Result<Projection, EvalError> {
        let invalid = |at: String| {
            EvalError::invalid(
                at,
                "`fields` lists paths: key lists [\"user\",\"name\"] or dotted strings \"user.name\"",
            )
        };
        let items = fields
            .as_array()
            .ok_or_else(|| invalid(pointer.to_owned()))?;
        let paths = items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(dotted) => Ok(FieldPath::Dotted(dotted.clone())),
                Value::Array(keys) if !keys.is_empty() => keys
                    .iter()
                    .map(|k| k.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .map(FieldPath::Keys)
                    .ok_or_else(|| invalid(format!("{pointer}/{i}"))),
                _ => Err(invalid(format!("{pointer}/{i}"))),
            })
            .collect::<Result<_, _>>()?;
        Ok(Projection { paths })
    }

    /// The record with only the requested paths, nested as in the record; a missing path is
    /// left out.
    pub fn apply(&self, record: &Value) -> Value {
        let mut out = Map::new();
        for path in &self.paths {
            let found = match path {
                FieldPath::Keys(keys) => lookup_keys(record, keys)
                    .map(|v| (v, keys.iter().map(String::as_str).collect::<Vec<_>>())),
                FieldPath::Dotted(dotted) => lookup_segments(record, dotted),
            };
            if let Some((value, keys)) = found {
                insert(&mut out, &keys, value.clone());
            }
        }
        Value::Object(out)
    }
}

fn insert(object: &mut Map<String, Value>, keys: &[&str], value: Value) {
    match keys {
        [] => {}
        [last] => {
            object.insert((*last).to_owned(), value);
        }
        [first, rest @ ..] => {
            let slot = object
                .entry((*first).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = slot {
                insert(inner, rest, value);
            }
        }
    }
}
