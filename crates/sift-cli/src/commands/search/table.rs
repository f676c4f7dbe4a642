//! Records for people: a table, or the expanded form (one field per line, as psql's `\x`).
//!
//! A table never cuts a word: each column is at least as wide as its longest word (a timestamp,
//! a name, `created_at`), and cells wrap at blanks; nested values are written as JSON with a
//! blank after each `,` and `:`, so they wrap between members. A table that cannot fit the
//! width so ([`Fit::Auto`]) is shown expanded instead. `null` is written `null` (dim where
//! colour is on), a field the record lacks is left empty. Text goes through the one escaping
//! rule for a line (`render::escape`).

use comfy_table::{Attribute, Cell as Drawn, ColumnConstraint, ContentArrangement, Table, Width};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::render::escape::push_escaped_in_line;

/// A value as a table or the expanded form shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Null,
}

/// How a table meets a width it cannot keep without cutting words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The table, wider than the width if its words need it.
    Table,
    /// The expanded form instead.
    Auto,
}

/// A value for a cell, cut at `limit` characters: text without quotes, nested values as
/// JSON with blanks between members.
pub fn cell(value: &Value, limit: usize) -> Cell {
    match value {
        Value::Null => Cell::Null,
        Value::String(s) => Cell::Text(cut(s, limit)),
        Value::Array(items) if items.len() > 3 => {
            let shown: Vec<String> = items.iter().take(3).map(spaced_json).collect();
            Cell::Text(cut(
                &format!("[{}, … {} items]", shown.join(", "), items.len()),
                limit,
            ))
        }
        other => Cell::Text(cut(&spaced_json(other), limit)),
    }
}

/// Text on one line (controls and line breaks escaped), cut at `limit` characters with `…`.
pub fn cut(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == limit {
            out.push('…');
            break;
        }
        push_escaped_in_line(&mut out, c);
    }
    out
}

/// Compact JSON with a blank after each `,` and `:` between members (`{"id": 3, "name": "A"}`),
/// so that a wrapped cell breaks between members. Scalars as serde_json writes them.
fn spaced_json(value: &Value) -> String {
    let mut out = String::new();
    write_spaced(&mut out, value);
    out
}

fn write_spaced(out: &mut String, value: &Value) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_spaced(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, member)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push_str(": ");
                write_spaced(out, member);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The rows of a table: each row's cells by column name (a missing name: the record lacks it).
pub type Rows = [Vec<(String, Cell)>];

fn cell_of<'r>(row: &'r [(String, Cell)], column: &str) -> Option<&'r Cell> {
    row.iter()
        .find(|(name, _)| name == column)
        .map(|(_, cell)| cell)
}

/// The longest word of a text, in columns.
fn longest_word(text: &str) -> usize {
    text.split(' ')
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// The table of `rows` (or, with [`Fit::Auto`], the expanded form when the table cannot fit
/// `width`: `None` is the terminal's), ending with a line break.
pub fn draw(columns: &[String], rows: &Rows, width: Option<u16>, color: bool, fit: Fit) -> String {
    let mut table = Table::new();
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    // `None`: the terminal's width (a table that has not been told otherwise measures it).
    let width = width.or_else(|| Table::new().width());
    if let Some(width) = width {
        table.set_width(width);
    }
    let headers: Vec<String> = columns
        .iter()
        .map(|c| cut(c, super::records_output::CELL_CHARS))
        .collect();
    // Each column is as wide as its longest word, so no word is ever cut.
    let least: Vec<usize> = columns
        .iter()
        .zip(&headers)
        .map(|(column, header)| {
            rows.iter()
                .filter_map(|row| match cell_of(row, column) {
                    Some(Cell::Text(text)) => Some(longest_word(text)),
                    Some(Cell::Null) => Some(4),
                    None => None,
                })
                .chain(std::iter::once(longest_word(header)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let wanted: usize = least.iter().map(|w| w + 3).sum::<usize>() + 1;
    if fit == Fit::Auto && width.is_some_and(|room| wanted > usize::from(room)) {
        return expanded(columns, rows, 1, color);
    }
    table.set_header(headers);
    // A bound counts the cell's padding, one blank on each side.
    table.set_constraints(least.iter().map(|w| {
        ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
    }));
    for row in rows {
        table.add_row(columns.iter().map(|column| match cell_of(row, column) {
            Some(Cell::Text(text)) => Drawn::new(text),
            Some(Cell::Null) if color => Drawn::new("null").add_attribute(Attribute::Dim),
            Some(Cell::Null) => Drawn::new("null"),
            None => Drawn::new(""),
        }));
    }
    format!("{table}\n")
}

/// The expanded form: for each row a `-[ RECORD n ]-` line, then one `name | value` line per
/// column, names padded to one width; numbering starts at `first`.
pub fn expanded(columns: &[String], rows: &Rows, first: u64, color: bool) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|c| cut(c, super::records_output::CELL_CHARS))
        .collect();
    let name_width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        let number = first + n as u64;
        out.push_str(&format!(
            "-[ RECORD {number} ]{}\n",
            "-".repeat(name_width.max(8))
        ));
        for (column, name) in columns.iter().zip(&names) {
            let pad = " ".repeat(name_width - name.width());
            let value = match cell_of(row, column) {
                Some(Cell::Text(text)) => text.clone(),
                Some(Cell::Null) if color => "\x1b[2mnull\x1b[0m".to_owned(),
                Some(Cell::Null) => "null".to_owned(),
                None => String::new(),
            };
            out.push_str(format!("{name}{pad} | {value}").trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[(&str, Cell)]) -> Vec<(String, Cell)> {
        cells
            .iter()
            .map(|(n, c)| ((*n).to_owned(), c.clone()))
            .collect()
    }

    #[test]
    fn nested_values_have_blanks_between_members() {
        let value = serde_json::json!({"id": 3, "name": "Amber Labs", "tags": ["a", "b"]});
        assert_eq!(
            cell(&value, 100),
            Cell::Text(r#"{"id": 3, "name": "Amber Labs", "tags": ["a", "b"]}"#.into())
        );
        assert_eq!(cell(&Value::Null, 10), Cell::Null);
    }

    #[test]
    fn words_are_never_cut_and_a_table_too_wide_is_expanded() {
        let columns = vec!["created_at".to_owned(), "note".to_owned()];
        let rows = vec![row(&[
            ("created_at", Cell::Text("2025-08-09T10:57:48Z".into())),
            ("note", Cell::Text("a few short words to wrap".into())),
        ])];
        let text = draw(&columns, &rows, Some(40), false, Fit::Table);
        assert!(text.contains("2025-08-09T10:57:48Z"), "{text}");
        assert!(text.contains("created_at"), "{text}");
        let narrow = draw(&columns, &rows, Some(20), false, Fit::Auto);
        assert!(narrow.starts_with("-[ RECORD 1 ]"), "{narrow}");
        assert!(
            narrow.contains("created_at | 2025-08-09T10:57:48Z\n"),
            "{narrow}"
        );
    }
}
