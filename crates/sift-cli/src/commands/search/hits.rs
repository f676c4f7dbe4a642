//! The hits of semantic search, `{"entity": {record}, "metadata": {"score", "context", …}}`.
//! JSON and JSON Lines print each hit as the API returns it; a table and CSV give a hit one
//! row: `score` first, then the record's columns (the query's `fields` when it names them),
//! then `context`, then the other metadata (attribution) as `metadata.NAME` columns. A record
//! column named `score` or `context` is shown as `entity.score` / `entity.context`, so every
//! column's name is decided by the hit alone, as rows are written while they arrive. In a
//! table the score has three decimals and the context is one line, cut at
//! [`CONTEXT_CHARS`](super::records_output::CONTEXT_CHARS); CSV keeps both as sent.

use serde_json::{Map, Value};

/// What a page holds: records, or the hits of semantic search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Records,
    Hits,
}

impl Shape {
    /// Hits when the request asks for semantic search (`params.semantic`).
    pub fn of_request(request: &sift_eval::Request) -> Shape {
        match request.semantic() {
            Some(_) => Shape::Hits,
            None => Shape::Records,
        }
    }

    /// What one of them is called in a summary line.
    pub fn noun(self, count: u64) -> &'static str {
        match (self, count) {
            (Shape::Records, 1) => "record",
            (Shape::Records, _) => "records",
            (Shape::Hits, 1) => "hit",
            (Shape::Hits, _) => "hits",
        }
    }
}

/// A hit as one flat row (see the module's documentation); `for_table` writes the score with
/// three decimals and the context on one line. A hit without the `{entity, metadata}` shape
/// is a record of its own.
pub fn hit_row(hit: &Value, fields: Option<&[String]>, for_table: bool) -> Value {
    let entity = hit.get("entity").and_then(Value::as_object);
    let metadata = hit.get("metadata").and_then(Value::as_object);
    let (Some(entity), Some(metadata)) = (entity, metadata) else {
        return hit.clone();
    };
    let record = Value::Object(entity.clone());
    let entity_columns: Vec<(String, Value)> = match fields {
        Some(fields) => fields
            .iter()
            .filter_map(|f| Some((f.clone(), sift_eval::lookup(&record, f)?.clone())))
            .collect(),
        None => entity.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    };
    let mut row = Map::new();
    if let Some(score) = metadata.get("score") {
        let shown = match score.as_f64() {
            Some(value) if for_table && score.is_number() => Value::String(format!("{value:.3}")),
            _ => score.clone(),
        };
        row.insert("score".to_owned(), shown);
    }
    for (column, value) in entity_columns {
        let column = match column.as_str() {
            "score" | "context" => format!("entity.{column}"),
            _ => column,
        };
        row.insert(column, value);
    }
    if let Some(context) = metadata.get("context") {
        let shown = match context {
            Value::String(text) if for_table => {
                Value::String(text.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            other => other.clone(),
        };
        row.insert("context".to_owned(), shown);
    }
    for (key, value) in metadata {
        if key != "score" && key != "context" {
            row.insert(format!("metadata.{key}"), value.clone());
        }
    }
    Value::Object(row)
}
