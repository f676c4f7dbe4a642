//! Printing records: a table or the expanded form for people (`table.rs`), JSON, JSON Lines
//! or CSV for programs.
//!
//! Records are written as they arrive, batch by batch, in chunks of at most [`CHUNK`] bytes:
//! JSON Lines, JSON and CSV hold no more than the batch at hand. CSV names its columns
//! before its first row: the query's `fields`, else the keys of the first
//! [`CSV_COLUMNS_FROM`] records (a later record's other keys are counted and named in a
//! closing note). The table, which measures its columns over its rows, shows the first
//! [`TABLE_ROWS`] records and says how many more there were; the expanded form (`line`) is
//! written record by record.
//!
//! Terminal safety: the table always shows text through the one escaping rule
//! (`render::escape`). JSON, JSON Lines and CSV are data: on a terminal, control and bidi
//! characters are written escaped (`\uXXXX` inside JSON strings, which a JSON reader reads as
//! the same text; `\u{…}` in CSV fields); on a pipe or in a file the data is written as it is,
//! so JSON Lines of local data are the bytes of the file.

use std::collections::HashSet;

use serde_json::Value;

use super::backend::PageRecord;
use super::table::{self, Cell, Fit};
use crate::args::RecordFormat;
use crate::output::Failure;
use crate::render::escape::{escape, escape_json};

/// The longest text a table cell shows before it is cut with `…`.
pub const CELL_CHARS: usize = 40;

/// The longest value the expanded form shows before it is cut with `…`.
pub const LINE_CHARS: usize = 1000;

/// The longest context of a semantic hit a table cell shows before it is cut with `…`.
pub const CONTEXT_CHARS: usize = 200;

/// The most records a table shows; the rest are counted.
pub const TABLE_ROWS: usize = 1000;

/// Records read before CSV's columns are fixed, when the query names no `fields`.
pub const CSV_COLUMNS_FROM: usize = 1024;

/// Text is handed to the output once it is this long (and at the end of each batch).
const CHUNK: usize = 1 << 20;

/// Where finished text goes (the caller writes it through `output`).
pub type Sink<'a> = dyn FnMut(&str) -> Result<(), Failure> + 'a;

/// Writes records in one format as they arrive.
#[derive(Debug)]
pub struct RecordWriter {
    format: RecordFormat,
    fields: Option<Vec<String>>,
    terminal: bool,
    width: Option<u16>,
    /// Colour in the table (`null` dim).
    color: bool,
    /// What a table too wide for its words becomes.
    fit: Fit,
    records: u64,
    text: String,
    csv: Option<CsvState>,
    table: TableState,
}

#[derive(Debug)]
struct CsvState {
    /// The columns, once known (from the start with `fields`).
    columns: Option<Vec<String>>,
    header_written: bool,
    /// Records waiting for the columns.
    pending: Vec<Value>,
    writer: csv::Writer<Vec<u8>>,
    /// Keys of later records that are not columns, in order of first appearance, and how
    /// many records had any.
    other_keys: Vec<String>,
    other_key_set: HashSet<String>,
    records_with_other_keys: u64,
}

#[derive(Debug, Default)]
struct TableState {
    /// The columns (without `fields`: keys of the rows kept, in order of first appearance).
    columns: Vec<String>,
    column_set: HashSet<String>,
    /// Each kept row's cells, by column name.
    rows: Vec<Vec<(String, Cell)>>,
    /// Records not shown.
    more: u64,
}

impl RecordWriter {
    /// A writer for `format`; `fields` are the query's, `terminal` says whether standard output
    /// is one, `width` is the table's width (`None`: the terminal's).
    pub fn new(
        format: RecordFormat,
        fields: Option<Vec<String>>,
        terminal: bool,
        width: Option<u16>,
    ) -> RecordWriter {
        let csv = (format == RecordFormat::Csv).then(|| CsvState {
            columns: None,
            header_written: false,
            pending: Vec::new(),
            writer: csv::Writer::from_writer(Vec::new()),
            other_keys: Vec::new(),
            other_key_set: HashSet::new(),
            records_with_other_keys: 0,
        });
        let mut writer = RecordWriter {
            format,
            fields,
            terminal,
            width,
            color: false,
            fit: Fit::Table,
            records: 0,
            text: String::new(),
            csv,
            table: TableState::default(),
        };
        if let (Some(fields), Some(csv)) = (writer.fields.clone(), writer.csv.as_mut()) {
            csv.columns = Some(fields);
        }
        if let Some(fields) = writer.fields.clone() {
            writer.table.columns = fields;
        }
        writer
    }

    /// With colour (`null` dim in a table), and with a table too wide for its words shown
    /// expanded instead ([`Fit::Auto`]).
    pub fn styled(mut self, color: bool, fit: Fit) -> RecordWriter {
        self.color = color;
        self.fit = fit;
        self
    }

    /// Records written so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Writes a batch of records.
    pub fn write(&mut self, records: &[PageRecord], out: &mut Sink<'_>) -> Result<(), Failure> {
        for record in records {
            match (self.format, record) {
                (RecordFormat::Jsonl, PageRecord::Line(line)) => self.push_jsonl(line),
                (RecordFormat::Jsonl, PageRecord::Value(value)) => {
                    self.push_jsonl(&value.to_string());
                }
                (RecordFormat::Jsonl, PageRecord::Api(record)) => {
                    self.push_jsonl(&record.to_value().to_string());
                }
                (_, PageRecord::Value(value)) => self.push_value(value)?,
                (_, other) => self.push_value(&other.to_value())?,
            }
            if self.text.len() >= CHUNK || self.csv_bytes() >= CHUNK {
                self.flush(out)?;
            }
        }
        self.flush(out)
    }

    /// Writes what is still held (the CSV header and first records, the table, the end of the
    /// JSON array) and returns the notes for standard error.
    pub fn finish(mut self, out: &mut Sink<'_>) -> Result<Vec<String>, Failure> {
        let mut notes = Vec::new();
        match self.format {
            RecordFormat::Jsonl | RecordFormat::Line => {}
            RecordFormat::Json => {
                self.text
                    .push_str(if self.records == 0 { "[]\n" } else { "\n]\n" })
            }
            RecordFormat::Csv => {
                self.fix_csv_columns()?;
                self.drain_csv()?;
                if let Some(note) = self.csv.as_ref().and_then(other_keys_note) {
                    notes.push(note);
                }
            }
            RecordFormat::Table => {
                self.text.push_str(&self.table_text());
                if self.table.more > 0 {
                    notes.push(format!(
                        "the table shows the first {TABLE_ROWS} of {} records; --format jsonl or \
                         --format csv prints every record",
                        self.records
                    ));
                }
            }
        }
        self.flush(out)?;
        Ok(notes)
    }

    fn push_jsonl(&mut self, line: &str) {
        self.records += 1;
        self.push_data(line);
        self.text.push('\n');
    }

    /// Appends JSON text, escaped on a terminal.
    fn push_data(&mut self, json: &str) {
        if self.terminal {
            self.text.push_str(&escape_json(json));
        } else {
            self.text.push_str(json);
        }
    }

    fn push_value(&mut self, value: &Value) -> Result<(), Failure> {
        self.records += 1;
        match self.format {
            RecordFormat::Jsonl => {
                self.push_data(&value.to_string());
                self.text.push('\n');
            }
            RecordFormat::Json => {
                self.text
                    .push_str(if self.records == 1 { "[\n" } else { ",\n" });
                // An element of the array: its own pretty form one level deeper (strings hold
                // no raw line breaks), as serde_json writes the whole array.
                let mut indented = Indented(b"  ".to_vec());
                serde_json::to_writer_pretty(&mut indented, value).map_err(format_error)?;
                // serde_json writes UTF-8.
                self.push_data(&String::from_utf8_lossy(&indented.0));
            }
            RecordFormat::Csv => {
                let waiting = self
                    .csv
                    .as_ref()
                    .is_some_and(|csv| !csv.header_written && csv.columns.is_none());
                if waiting {
                    if let Some(csv) = self.csv.as_mut() {
                        csv.pending.push(value.clone());
                    }
                    if self
                        .csv
                        .as_ref()
                        .is_some_and(|csv| csv.pending.len() >= CSV_COLUMNS_FROM)
                    {
                        self.fix_csv_columns()?;
                    }
                } else {
                    self.fix_csv_columns()?;
                    let (terminal, count_other_keys) = (self.terminal, self.fields.is_none());
                    if let Some(csv) = self.csv.as_mut() {
                        write_csv_row(csv, value, terminal, count_other_keys)?;
                    }
                }
            }
            RecordFormat::Table => self.keep_row(value),
            RecordFormat::Line => {
                let (columns, row) = self.row_of(value, LINE_CHARS);
                let text = table::expanded(&columns, &[row], self.records, self.color);
                self.text.push_str(&text);
            }
        }
        Ok(())
    }

    /// A record's columns (the query's `fields`, else its keys) and cells.
    fn row_of(&self, value: &Value, limit: usize) -> (Vec<String>, Vec<(String, Cell)>) {
        match &self.fields {
            Some(fields) => (
                fields.clone(),
                fields
                    .iter()
                    .filter_map(|f| {
                        Some((f.clone(), table::cell(sift_eval::lookup(value, f)?, limit)))
                    })
                    .collect(),
            ),
            None => match value {
                Value::Object(object) => (
                    object.keys().cloned().collect(),
                    object
                        .iter()
                        .map(|(key, cell)| (key.clone(), table::cell(cell, limit)))
                        .collect(),
                ),
                _ => (Vec::new(), Vec::new()),
            },
        }
    }

    /// Fixes the CSV columns (the query's `fields`, else the keys of the records held), writes
    /// the header and those records; nothing once the header is written.
    fn fix_csv_columns(&mut self) -> Result<(), Failure> {
        let terminal = self.terminal;
        let Some(csv) = self.csv.as_mut().filter(|csv| !csv.header_written) else {
            return Ok(());
        };
        let pending = std::mem::take(&mut csv.pending);
        let columns = match csv.columns.take() {
            Some(columns) => columns,
            None => keys_in_order(&pending),
        };
        let header: Vec<String> = columns.iter().map(|c| field(c, terminal)).collect();
        csv.writer.write_record(&header).map_err(csv_error)?;
        csv.columns = Some(columns);
        csv.header_written = true;
        for value in &pending {
            write_csv_row(csv, value, terminal, false)?;
        }
        Ok(())
    }

    /// Bytes of CSV written but not yet taken into the text.
    fn csv_bytes(&self) -> usize {
        self.csv
            .as_ref()
            .map_or(0, |csv| csv.writer.get_ref().len())
    }

    fn drain_csv(&mut self) -> Result<(), Failure> {
        if let Some(csv) = self.csv.as_mut()
            && csv.header_written
        {
            let writer = std::mem::replace(&mut csv.writer, csv::Writer::from_writer(Vec::new()));
            let bytes = writer
                .into_inner()
                .map_err(|e| Failure::Usage(format!("cannot write CSV: {e}")))?;
            // The csv writer writes the UTF-8 text it was given.
            self.text.push_str(&String::from_utf8_lossy(&bytes));
        }
        Ok(())
    }

    fn keep_row(&mut self, value: &Value) {
        if self.table.rows.len() == TABLE_ROWS {
            self.table.more += 1;
            return;
        }
        let row = match &self.fields {
            Some(fields) => fields
                .iter()
                .filter_map(|f| {
                    Some((
                        f.clone(),
                        table::cell(sift_eval::lookup(value, f)?, CELL_CHARS),
                    ))
                })
                .collect(),
            None => match value {
                Value::Object(object) => object
                    .iter()
                    .map(|(key, cell)| {
                        if self.table.column_set.insert(key.clone()) {
                            self.table.columns.push(key.clone());
                        }
                        // A hit's context (see `hits`) is the one long text worth reading.
                        let limit = if key == "context" {
                            CONTEXT_CHARS
                        } else {
                            CELL_CHARS
                        };
                        (key.clone(), table::cell(cell, limit))
                    })
                    .collect(),
                _ => Vec::new(),
            },
        };
        self.table.rows.push(row);
    }

    fn table_text(&self) -> String {
        table::draw(
            &self.table.columns,
            &self.table.rows,
            self.width,
            self.color,
            self.fit,
        )
    }

    fn flush(&mut self, out: &mut Sink<'_>) -> Result<(), Failure> {
        self.drain_csv()?;
        if self.text.is_empty() {
            return Ok(());
        }
        let text = std::mem::take(&mut self.text);
        out(&text)
    }
}

/// Bytes that take two spaces after each line break: a JSON value written one level deeper.
struct Indented(Vec<u8>);

impl std::io::Write for Indented {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            self.0.extend_from_slice(line);
            if line.ends_with(b"\n") {
                self.0.extend_from_slice(b"  ");
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Records in a format, all at once (a page of the REPL), ending with a line break; `terminal`
/// escapes data as for standard output on a terminal.
pub fn render(
    format: RecordFormat,
    records: &[Value],
    fields: Option<&[String]>,
    width: Option<u16>,
    (terminal, color, fit): (bool, bool, Fit),
) -> std::io::Result<String> {
    let mut writer = RecordWriter::new(format, fields.map(<[String]>::to_vec), terminal, width)
        .styled(color, fit);
    let mut text = String::new();
    let mut sink = |chunk: &str| {
        text.push_str(chunk);
        Ok(())
    };
    let written = records
        .iter()
        .try_for_each(|record| writer.push_value(record))
        .and_then(|()| writer.flush(&mut sink));
    let written = written.and_then(|()| writer.finish(&mut sink).map(drop));
    written.map_err(|failure| match failure {
        Failure::Usage(message) => std::io::Error::other(message),
        Failure::Closed => std::io::Error::from(std::io::ErrorKind::BrokenPipe),
    })?;
    Ok(text)
}

fn write_csv_row(
    csv: &mut CsvState,
    value: &Value,
    terminal: bool,
    count_other_keys: bool,
) -> Result<(), Failure> {
    let Some(columns) = csv.columns.as_ref() else {
        return Ok(());
    };
    if count_other_keys && let Value::Object(object) = value {
        let mut other = false;
        for key in object.keys().filter(|key| !columns.contains(key)) {
            other = true;
            if csv.other_key_set.insert(key.clone()) {
                csv.other_keys.push(key.clone());
            }
        }
        csv.records_with_other_keys += u64::from(other);
    }
    let row = columns.iter().map(|c| match sift_eval::lookup(value, c) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => field(s, terminal),
        Some(other) => field(&other.to_string(), terminal),
    });
    csv.writer.write_record(row).map_err(csv_error)
}

/// A CSV field's text: escaped on a terminal, as it is otherwise.
fn field(text: &str, terminal: bool) -> String {
    if terminal {
        escape(text).into_owned()
    } else {
        text.to_owned()
    }
}

/// The note for keys that later records had and the CSV columns do not.
fn other_keys_note(csv: &CsvState) -> Option<String> {
    if csv.records_with_other_keys == 0 {
        return None;
    }
    const NAMED: usize = 10;
    let mut names: Vec<String> = csv
        .other_keys
        .iter()
        .take(NAMED)
        .map(|key| format!("`{}`", escape(key)))
        .collect();
    if csv.other_keys.len() > NAMED {
        names.push(format!("… ({} in all)", csv.other_keys.len()));
    }
    Some(format!(
        "{} record{} had fields that are not CSV columns ({}); the columns are the fields of \
         the first {CSV_COLUMNS_FROM} records: name them with `fields` in the query, or use \
         --format jsonl",
        csv.records_with_other_keys,
        if csv.records_with_other_keys == 1 {
            ""
        } else {
            "s"
        },
        names.join(", ")
    ))
}

fn csv_error(error: csv::Error) -> Failure {
    Failure::Usage(format!("cannot write CSV: {error}"))
}

fn format_error(error: serde_json::Error) -> Failure {
    Failure::Usage(format!("cannot format the records: {error}"))
}

/// Every top-level key of the records, in order of first appearance.
fn keys_in_order(records: &[Value]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut columns = Vec::new();
    for record in records {
        if let Value::Object(object) = record {
            for key in object.keys() {
                if seen.insert(key.as_str()) {
                    columns.push(key.clone());
                }
            }
        }
    }
    columns
}

/// The request's `fields` as dotted column names, in order.
pub(crate) fn field_columns(request: &sift_eval::Request) -> Option<Vec<String>> {
    let fields = request.fields()?.as_array()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn written(
        format: RecordFormat,
        terminal: bool,
        batches: &[Vec<Value>],
    ) -> (String, Vec<String>) {
        let mut writer = RecordWriter::new(format, None, terminal, Some(100));
        let mut text = String::new();
        let mut sink = |chunk: &str| {
            text.push_str(chunk);
            Ok(())
        };
        for batch in batches {
            let records: Vec<PageRecord> = batch.iter().cloned().map(PageRecord::Value).collect();
            writer.write(&records, &mut sink).unwrap();
        }
        let notes = writer.finish(&mut sink).unwrap();
        (text, notes)
    }

    fn records(n: usize) -> Vec<Value> {
        (0..n)
            .map(|i| serde_json::json!({"id": i, "name": format!("n{i}"), "tags": [], "o": {}}))
            .collect()
    }

    #[test]
    fn streamed_json_is_the_array_serde_json_writes() {
        for n in [0, 1, 3] {
            let all = records(n);
            let batches: Vec<Vec<Value>> = all.chunks(2).map(<[Value]>::to_vec).collect();
            let (text, _) = written(RecordFormat::Json, false, &batches);
            assert_eq!(
                text,
                serde_json::to_string_pretty(&all).unwrap() + "\n",
                "{n}"
            );
        }
    }

    #[test]
    fn csv_columns_come_from_the_first_records_and_other_keys_are_noted() {
        let (text, notes) = written(
            RecordFormat::Csv,
            false,
            &[vec![serde_json::json!({"a": 1, "b": "x,y"})]],
        );
        assert_eq!(text, "a,b\n1,\"x,y\"\n");
        assert!(notes.is_empty());
        let mut many: Vec<Value> = (0..CSV_COLUMNS_FROM)
            .map(|i| serde_json::json!({"a": i}))
            .collect();
        many.push(serde_json::json!({"a": 0, "late": true}));
        let (text, notes) = written(RecordFormat::Csv, false, &[many]);
        assert!(text.starts_with("a\n0\n1\n"), "{text}");
        assert_eq!(text.lines().count(), CSV_COLUMNS_FROM + 2);
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].starts_with("1 record had fields that are not CSV columns (`late`)"),
            "{}",
            notes[0]
        );
    }

    #[test]
    fn the_table_shows_its_bound_and_counts_the_rest() {
        let all = records(TABLE_ROWS + 5);
        let (text, notes) = written(RecordFormat::Table, false, &[all]);
        // The header's `| name` and one `| n…` cell per row shown.
        assert_eq!(text.matches("| n").count(), 1 + TABLE_ROWS);
        assert_eq!(
            notes,
            [format!(
                "the table shows the first {TABLE_ROWS} of {} records; --format jsonl or --format csv prints every record",
                TABLE_ROWS + 5
            )]
        );
    }

    #[test]
    fn data_is_escaped_on_a_terminal_and_written_as_is_elsewhere() {
        let hostile = serde_json::json!({"k\u{202e}": "\u{1b}]0;pwned\u{7}\u{9b}\r\u{2028}"});
        for format in [
            RecordFormat::Json,
            RecordFormat::Jsonl,
            RecordFormat::Csv,
            RecordFormat::Table,
            RecordFormat::Line,
        ] {
            let (shown, _) = written(format, true, &[vec![hostile.clone()]]);
            assert!(
                !shown.chars().any(crate::render::escape::needs_escape),
                "{format:?}: {shown:?}"
            );
            let (piped, _) = written(format, false, &[vec![hostile.clone()]]);
            match format {
                RecordFormat::Json | RecordFormat::Jsonl => {
                    let read: Value = serde_json::from_str(
                        shown
                            .trim_start_matches('[')
                            .trim_end()
                            .trim_end_matches(']'),
                    )
                    .unwrap();
                    assert_eq!(read, hostile, "{format:?}: the same data");
                    assert!(piped.contains('\u{202e}'), "{format:?}: as is on a pipe");
                }
                RecordFormat::Csv => assert!(piped.contains("\u{1b}]0;pwned"), "{piped:?}"),
                // Text for people is escaped everywhere.
                RecordFormat::Table | RecordFormat::Line => {
                    assert!(!piped.contains('\u{1b}'), "{piped:?}");
                }
            }
        }
    }
}
