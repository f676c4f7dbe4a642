//! Printing records: a table for people, JSON, JSON Lines or CSV for programs.

use std::io::Write;

use comfy_table::{ContentArrangement, Table};
use serde_json::Value;

use super::backend::PageRecord;
use crate::args::RecordFormat;

/// The longest text a table cell shows before it is cut with `…`.
const CELL_CHARS: usize = 40;

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
    records: &[Value],
    fields: Option<&[String]>,
    width: Option<u16>,
) -> std::io::Result<String> {
    let mut out = Vec::new();
    match format {
        RecordFormat::Jsonl => out.extend(jsonl(records).into_bytes()),
        RecordFormat::Json => {
            let text = serde_json::to_string_pretty(records).map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        RecordFormat::Csv => write_csv(&mut out, records, &columns(records, fields))?,
        RecordFormat::Table => write_table(&mut out, records, &columns(records, fields), width)?,
    }
    String::from_utf8(out).map_err(std::io::Error::other)
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
        writer.write_record(columns.iter().map(|c| match sift_eval::lookup(record, c) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }))?;
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
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == CELL_CHARS {
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
