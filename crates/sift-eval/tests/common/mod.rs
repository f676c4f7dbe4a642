//! The same search run over records read in place: every record written as JSON text, scanned
//! onto a tape and offered as a view, as `sift search` reads JSON Lines. Tests compare its page
//! with the page of the `Value`s. Also the hostile values the order tests share.

// Each test binary uses part of this module.
#![allow(dead_code)]

use serde_json::Value;
use sift_eval::tape::Tape;
use sift_eval::{Flow, JsonRef, Page, Search};

/// The page of `search` over `records` offered as tape views (a record the tape declines, as
/// `sift search` does, as its `Value`).
pub fn page_via_tape(search: &Search, records: &[Value]) -> Page {
    let mut tape = Tape::default();
    let mut collector = search.collector();
    for record in records {
        let text = record.to_string();
        let flow = match tape.scan(&text) {
            Some(scanned) => collector.push_view(scanned.record, || scanned.record.to_value()),
            None => collector.push(record.clone()),
        };
        if flow == Flow::Stop {
            break;
        }
    }
    collector.finish()
}

/// Values that have broken orders before, as JSON text: exponents beyond `i64` (both signs,
/// both directions), a zero and tiny numbers, one number spelled two ways, numbers as strings,
/// date-times with offsets and fractions, a date, a date-like non-date, other JSON types.
pub const HOSTILE: &[&str] = &[
    "1e99999999999999999999",
    "-1e99999999999999999999",
    "10e99999999999999999998",
    "1e-99999999999999999999",
    "-1e-99999999999999999999",
    "1e9223372036854775807",
    "0",
    "-0.0",
    "-1",
    "-4",
    "2.5",
    "2.50",
    "0.1",
    "5",
    "\"5\"",
    "\"2.5\"",
    "\"2025-01-01T05:30:00Z\"",
    "\"2025-01-01T06:00:00Z\"",
    "\"2025-01-01T10:00:00+05:00\"",
    "\"2025-01-01T00:00:00.5Z\"",
    "\"2025-01-01\"",
    "\"2025-01-01X\"",
    "\"Acme\"",
    "\"acme\"",
    "\"\"",
    "true",
    "false",
    "null",
    "[]",
    "[1]",
    "[1,2]",
    "[1.0]",
    "{}",
    "{\"a\":1}",
    "{\"a\":1,\"b\":2}",
    "{\"b\":2,\"a\":1.0}",
];

/// The [`HOSTILE`] values.
pub fn hostile_values() -> Vec<Value> {
    HOSTILE
        .iter()
        .map(|text| serde_json::from_str(text).expect("hostile values are JSON"))
        .collect()
}
