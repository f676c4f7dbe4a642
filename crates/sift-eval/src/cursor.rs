//! Cursors: where a page ended in the search's total order (the sort key of its last record and
//! that record's position in the data), bound to the query that made it. The text is opaque to
//! callers: hex of a small JSON document.

use serde_json::{Value, json};

use crate::error::EvalError;

/// The last record of a page, as a point in the total order of the search.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Position {
    pub(crate) key: Vec<Option<Value>>,
    pub(crate) ordinal: u64,
}

impl Position {
    pub(crate) fn of(key: &[Option<Value>], ordinal: u64) -> Position {
        Position {
            key: key.to_vec(),
            ordinal,
        }
    }

    pub(crate) fn encode(&self, fingerprint: u64) -> String {
        let key: Vec<&Value> = self
            .key
            .iter()
            .map(|v| v.as_ref().unwrap_or(&Value::Null))
            .collect();
        let text =
            json!({"q": format!("{fingerprint:016x}"), "k": key, "o": self.ordinal}).to_string();
        text.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a cursor made by [`Position::encode`] for the query with this fingerprint and
    /// number of sort keys.
    pub(crate) fn decode(
        cursor: &str,
        fingerprint: u64,
        sort_keys: usize,
    ) -> Result<Position, EvalError> {
        let bad = |reason: &str| EvalError::BadCursor {
            reason: reason.to_owned(),
        };
        let bytes = (0..cursor.len())
            .step_by(2)
            .map(|at| {
                cursor
                    .get(at..at + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| bad("it is not a cursor of the local search"))?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|_| bad("it is not a cursor of the local search"))?;
        if value.get("q").and_then(Value::as_str) != Some(&format!("{fingerprint:016x}")) {
            return Err(bad("it belongs to a different filter or sort"));
        }
        let key = value
            .get("k")
            .and_then(Value::as_array)
            .filter(|k| k.len() == sort_keys)
            .ok_or_else(|| bad("its sort key does not fit the query"))?;
        let ordinal = value
            .get("o")
            .and_then(Value::as_u64)
            .ok_or_else(|| bad("it has no position"))?;
        Ok(Position {
            key: key
                .iter()
                .map(|v| (!v.is_null()).then(|| v.clone()))
                .collect(),
            ordinal,
        })
    }
}
