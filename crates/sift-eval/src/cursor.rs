//! Cursors: where a page ended in the search's total order (the sort key of its last record and
//! that record's position in the data), bound to the query that made it. The text is opaque to
//! callers: hex of a small JSON document `{"q","k","o","c"}`: `q` identifies the query (entity,
//! filter and sort), `k` and `o` are the position, and `c` is a checksum over all three, so
//! that a position written by hand (a key of another type, another ordinal) is refused rather
//! than read as a point in the order that no record of the query could have.

use serde_json::{Value, json};

use crate::error::EvalError;

/// The last record of a page, as a point in the total order of the search.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Position {
    pub(crate) key: Vec<Option<Value>>,
    pub(crate) ordinal: u64,
}

/// The most bytes of cursor text read: a real cursor holds one sort key per sort field, far
/// less than this.
const MAX_CURSOR_BYTES: usize = 64 * 1024;

impl Position {
    pub(crate) fn of(key: &[Option<Value>], ordinal: u64) -> Position {
        Position {
            key: key.to_vec(),
            ordinal,
        }
    }

    /// The key as the cursor holds it: a missing value as `null`.
    fn key_json(&self) -> Value {
        Value::Array(
            self.key
                .iter()
                .map(|v| v.clone().unwrap_or(Value::Null))
                .collect(),
        )
    }

    pub(crate) fn encode(&self, fingerprint: u64) -> String {
        let key = self.key_json();
        let check = checksum(fingerprint, &key, self.ordinal);
        let text = json!({
            "q": format!("{fingerprint:016x}"),
            "k": key,
            "o": self.ordinal,
            "c": format!("{check:016x}"),
        })
        .to_string();
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
        let not_ours = || bad("it is not a cursor of the local search");
        if cursor.len() > MAX_CURSOR_BYTES || !cursor.len().is_multiple_of(2) {
            return Err(not_ours());
        }
        let bytes = (0..cursor.len())
            .step_by(2)
            .map(|at| {
                cursor
                    .get(at..at + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(not_ours)?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|_| not_ours())?;
        let text_of = |member: &str| value.get(member).and_then(Value::as_str);
        let (Some(query), Some(check)) = (text_of("q"), text_of("c")) else {
            return Err(not_ours());
        };
        if query != format!("{fingerprint:016x}") {
            return Err(bad(
                "it belongs to another query (its entity, filter or sort differ)",
            ));
        }
        let key = value
            .get("k")
            .filter(|k| k.as_array().is_some_and(|k| k.len() == sort_keys))
            .ok_or_else(|| bad("its sort key does not fit the query's sort"))?;
        let ordinal = value
            .get("o")
            .and_then(Value::as_u64)
            .ok_or_else(|| bad("it has no position"))?;
        if check != format!("{:016x}", checksum(fingerprint, key, ordinal)) {
            return Err(bad(
                "its position was changed (the sort key or position does not match its checksum)",
            ));
        }
        Ok(Position {
            key: key
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| (!v.is_null()).then(|| v.clone()))
                .collect(),
            ordinal,
        })
    }
}

/// FNV-1a over the query's fingerprint, the key's JSON text and the ordinal.
fn checksum(fingerprint: u64, key: &Value, ordinal: u64) -> u64 {
    fnv1a(format!("{fingerprint:016x}|{key}|{ordinal}").as_bytes())
}

/// FNV-1a: cheap, and the same on every run and platform.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> String {
        text.bytes().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn a_cursor_reads_back_for_its_query_only() {
        let at = Position::of(&[Some(json!(7002)), None], 1);
        let cursor = at.encode(42);
        assert_eq!(Position::decode(&cursor, 42, 2), Ok(at));
        let other = Position::decode(&cursor, 43, 2).map_err(|e| e.to_string());
        assert!(other.is_err_and(|e| e.contains("another query")));
    }

    #[test]
    fn a_key_or_position_written_by_hand_is_refused() {
        let real = Position::of(&[Some(json!(7002))], 1).encode(42);
        let bytes: Vec<u8> = (0..real.len())
            .step_by(2)
            .filter_map(|at| u8::from_str_radix(&real[at..at + 2], 16).ok())
            .collect();
        let text = String::from_utf8(bytes).unwrap_or_default();
        for forged in [
            text.replace("[7002]", "[\"x\"]"),
            text.replace("[7002]", "[{\"a\":1}]"),
            text.replace("\"o\":1", "\"o\":2"),
        ] {
            assert_ne!(forged, text);
            let read = Position::decode(&hex(&forged), 42, 1).map_err(|e| e.to_string());
            assert!(read.is_err_and(|e| e.contains("was changed")), "{forged}");
        }
        for junk in ["", "abc", "zz", &hex("{\"q\":1}"), &hex("[1]")] {
            let read = Position::decode(junk, 42, 1).map_err(|e| e.to_string());
            assert!(read.is_err_and(|e| e.contains("not a cursor")), "{junk}");
        }
    }
}
