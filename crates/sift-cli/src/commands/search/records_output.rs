//! Printing records: a table for people, JSON, JSON Lines or CSV for programs.
//!
//! Semantic search answers hits, `{"entity": {record}, "metadata": {"score", "context", …}}`.
//! JSON and JSON Lines print each hit as the API returns it; a table and CSV give a hit one
//! row: `score` first, then the record's columns, then `context`, then the other metadata
//! (attribution) as `metadata.NAME` columns. In a table the score has three decimals and the
//! context is one line, cut at [`CONTEXT_CHARS`]; CSV keeps both as sent.

use std::io::Write;

use comfy_table::{ContentArrangement, Table};
use serde_json::Value;

use super::backend::PageRecord;
use crate::args::RecordFormat;

/// The longest text a table cell shows before it is cut with `…`.
const CELL_CHARS: usize = 40;

/// The longest context a table cell shows before it is cut with `…`.
const CONTEXT_CHARS: usize = 200;

/// What a page holds: records, or the hits of semantic search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Records,
    Hits,
}

impl Shape {
    /// Hits when the request asks for semantic search (`params.semantic`).
    pub fn of_request(request: &Value) -> Shape {
        match request.get("params").and_then(|p| p.get("semantic")) {
            Some(_) => Shape::Hits,
            None => Shape::Records,
        }
    }
}

/// The columns: the requested `fields` in order, else every top-level key in order of first
/// appearance.
pub fn columns(records: &[Value], fields: Option<&[String]>) -> Vec<String> {
    if let Some(fields) = fields {
        return fields.to_vec();
    }
    let mut columns: Vec<String> = Vec::new();
    for record in records {
        if let Value::Object(object) = record {
            for key in object.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
        }
    }
    columns
}

/// Records in a format that needs them all (table, json, csv), ending with a line break; JSON
/// Lines streams page by page through [`jsonl`] instead.
pub fn render(
    format: RecordFormat,
    shape: Shape,
    records: &[Value],
    fields: Option<&[String]>,
    width: Option<u16>,
) -> std::io::Result<String> {
    let mut out = Vec::new();
    match (format, shape) {
        (RecordFormat::Jsonl, _) => out.extend(jsonl(records).into_bytes()),
        (RecordFormat::Json, _) => {
            let text = serde_json::to_string_pretty(records).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        (RecordFormat::Csv, Shape::Records) => {
            write_csv(&mut out, records, &columns(records, fields))?;
        }
        (RecordFormat::Table, Shape::Records) => {
            write_table(&mut out, records, &columns(records, fields), width)?;
        }
        (RecordFormat::Csv, Shape::Hits) => {
            let (columns, rows) = hit_rows(records, fields);
            let mut writer = csv::Writer::from_writer(&mut out);
            writer.write_record(columns.iter().map(|c| c.name.as_str()))?;
            for row in &rows {
                writer.write_record(row.iter().map(|value| csv_text(*value)))?;
            }
            writer.flush()?;
        }
        (RecordFormat::Table, Shape::Hits) => {
            let (columns, rows) = hit_rows(records, fields);
            let mut table = Table::new();
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(columns.iter().map(|c| cell_text(&c.name)));
            if let Some(width) = width {
                table.set_width(width);
            }
            for row in &rows {
                table.add_row(columns.iter().zip(row).map(|(column, value)| {
                    value.map_or_else(String::new, |value| match column.part {
                        Part::Score => score_text(value),
                        Part::Context => context_text(value),
                        Part::Entity | Part::Metadata => abbreviate(value),
                    })
                }));
            }
            writeln!(out, "{table}")?;
        }
    }
    String::from_utf8(out).map_err(std::io::Error::other)
}

/// Where a column of a hit's row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Score,
    Entity,
    Context,
    Metadata,
}

/// One column of the rows of hits: its heading and where its values are.
#[derive(Debug)]
struct HitColumn {
    name: String,
    part: Part,
    /// The key (or dotted path, for a record column) the value is read at.
    key: String,
}

/// The columns and rows of hits (see the module's documentation). A hit without the
/// `{entity, metadata}` shape is shown as a record.
fn hit_rows<'v>(
    hits: &'v [Value],
    fields: Option<&[String]>,
) -> (Vec<HitColumn>, Vec<Vec<Option<&'v Value>>>) {
    let entity_of = |hit: &'v Value| hit.get("entity").filter(|e| e.is_object()).unwrap_or(hit);
    let metadata_of = |hit: &'v Value| hit.get("metadata").and_then(Value::as_object);
    let records: Vec<Value> = hits.iter().map(|hit| entity_of(hit).clone()).collect();
    let entity_columns = columns(&records, fields);
    let mut extra: Vec<String> = Vec::new();
    for metadata in hits.iter().filter_map(metadata_of) {
        for key in metadata.keys() {
            if key != "score" && key != "context" && !extra.contains(key) {
                extra.push(key.clone());
            }
        }
    }
    // `score` and `context` are named so, unless the record has a column of that name.
    let computed = |key: &str, part| HitColumn {
        name: if entity_columns.iter().any(|c| c == key) {
            format!("metadata.{key}")
        } else {
            key.to_owned()
        },
        part,
        key: key.to_owned(),
    };
    let mut columns = vec![computed("score", Part::Score)];
    columns.extend(entity_columns.iter().map(|c| HitColumn {
        name: c.clone(),
        part: Part::Entity,
        key: c.clone(),
    }));
    columns.push(computed("context", Part::Context));
    columns.extend(extra.into_iter().map(|key| HitColumn {
        name: format!("metadata.{key}"),
        part: Part::Metadata,
        key,
    }));
    let rows = hits
        .iter()
        .map(|hit| {
            columns
                .iter()
                .map(|column| match column.part {
                    Part::Entity => sift_eval::lookup(entity_of(hit), &column.key),
                    _ => metadata_of(hit).and_then(|m| m.get(&column.key)),
                })
                .collect()
        })
        .collect();
    (columns, rows)
}

/// A value as CSV writes it: text without quotes, other values as JSON, null as nothing.
fn csv_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A similarity score with three decimals; anything else as a table shows it.
fn score_text(value: &Value) -> String {
    match value.as_f64() {
        Some(score) if value.is_number() => format!("{score:.3}"),
        _ => abbreviate(value),
    }
}

/// The context of a hit on one line: runs of white space (line breaks included) as one
/// space, escaped as every cell is, cut at [`CONTEXT_CHARS`].
fn context_text(value: &Value) -> String {
    let Value::String(text) = value else {
        return abbreviate(value);
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    cut_text(&one_line, CONTEXT_CHARS)
}

/// One compact JSON document per line, as the example files are written.
pub use sift_eval::generate::to_jsonl as jsonl;

/// The records of a page as JSON Lines: a canonical line as it was read, a `Value` as
/// [`jsonl`] writes it.
pub fn jsonl_records(records: &[PageRecord]) -> String {
    let mut out = String::new();
    for record in records {
        match record {
            PageRecord::Line(line) => out.push_str(line),
            PageRecord::Value(value) => out.push_str(&value.to_string()),
        }
        out.push('\n');
    }
    out
}

fn write_csv(out: &mut dyn Write, records: &[Value], columns: &[String]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns)?;
    for record in records {
        writer.write_record(
            columns
                .iter()
                .map(|c| csv_text(sift_eval::lookup(record, c))),
        )?;
    }
    writer.flush()
}

fn write_table(
    out: &mut dyn Write,
    records: &[Value],
    columns: &[String],
    width: Option<u16>,
) -> std::io::Result<()> {
    let mut table = Table::new();
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(columns.iter().map(|c| cell_text(c)));
    if let Some(width) = width {
        table.set_width(width);
    }
    for record in records {
        table.add_row(
            columns
                .iter()
                .map(|c| sift_eval::lookup(record, c).map_or_else(String::new, abbreviate)),
        );
    }
    writeln!(out, "{table}")
}

/// A value as a table shows it: text without quotes, nested values as short JSON
/// (`{"id":3001,"name":"Amber Labs"}`), cut at [`CELL_CHARS`].
fn abbreviate(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => cell_text(s),
        Value::Array(items) if items.len() > 3 => {
            let shown: Vec<String> = items.iter().take(3).map(Value::to_string).collect();
            cell_text(&format!("[{}, … {} items]", shown.join(","), items.len()))
        }
        other => cell_text(&other.to_string()),
    }
}

/// Text safe for a terminal cell: control and bidirectional-override characters are shown as
/// escapes, and long text is cut.
fn cell_text(text: &str) -> String {
    cut_text(text, CELL_CHARS)
}

/// [`cell_text`] cut at `limit` characters.
fn cut_text(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == limit {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// The request's `fields` as dotted column names, in order.
pub(crate) fn field_columns(request: &Value) -> Option<Vec<String>> {
    let fields = request.get("params")?.get("fields")?.as_array()?;
    fields
        .iter()
        .map(|f| match f {
            Value::String(s) => Some(s.clone()),
            Value::Array(keys) => Some(
                keys.iter()
                    .map(|k| k.as_str().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("."),
            ),
            _ => None,
        })
        .collect()
}
