//! The same search run over records read in place: every record written as JSON text, scanned
//! onto a tape and offered as a view, as `sift search` reads JSON Lines. Tests compare its page
//! with the page of the `Value`s.

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
