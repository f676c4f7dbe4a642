//! A page of the last query, and how records are shown: `:mode table|line|json|jsonl|csv`
//! and `:x` (`\x`) for the expanded display, `auto` by default (a table, or one field per line
//! when the table would be wider than the terminal). The query's `limit` is the most records
//! its pages show in all: `:more` pages on until then, and says so when it stops there.

use std::time::Instant;

use serde_json::Value;
use sift_eval::Request;

use super::super::search::table::Fit;
use super::backend;
use super::session::{Done, Session};
use super::{hits, records_output};
use crate::args::RecordFormat;
use crate::output::{self, Failure};

/// How records are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Display {
    pub mode: RecordFormat,
    /// In table mode, one field per line when the table would be wider than the terminal.
    pub auto: bool,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            mode: RecordFormat::Table,
            auto: true,
        }
    }
}

/// The modes of `:mode`, as typed.
const MODES: [(&str, RecordFormat); 5] = [
    ("table", RecordFormat::Table),
    ("line", RecordFormat::Line),
    ("json", RecordFormat::Json),
    ("jsonl", RecordFormat::Jsonl),
    ("csv", RecordFormat::Csv),
];

impl Display {
    /// What `:mode` answers.
    fn shown(&self) -> String {
        let name = MODES
            .iter()
            .find(|(_, m)| *m == self.mode)
            .map_or("table", |(n, _)| n);
        match (self.mode, self.auto) {
            (RecordFormat::Table, true) => format!("mode: {name} (expanded: auto)"),
            (RecordFormat::Table, false) => format!("mode: {name} (expanded: off)"),
            (RecordFormat::Line, _) => format!("mode: {name} (expanded: on)"),
            _ => format!("mode: {name}"),
        }
    }

    /// `:mode [M]`: shows the mode, or sets it.
    pub fn set_mode(&mut self, argument: &str) -> Result<String, String> {
        if !argument.is_empty() {
            let Some((_, mode)) = MODES.iter().find(|(n, _)| *n == argument) else {
                let names: Vec<&str> = MODES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown mode `{}`; modes: {}",
                    crate::render::escape(argument),
                    names.join(", ")
                ));
            };
            self.mode = *mode;
        }
        Ok(self.shown())
    }

    /// `:x [on|off|auto]` (psql's `\x`): without an argument, toggles between the table and
    /// one field per line.
    pub fn set_expanded(&mut self, argument: &str) -> Result<String, String> {
        match argument {
            "" if self.mode == RecordFormat::Line => self.mode = RecordFormat::Table,
            "" | "on" => self.mode = RecordFormat::Line,
            "off" => {
                self.mode = RecordFormat::Table;
                self.auto = false;
            }
            "auto" => {
                self.mode = RecordFormat::Table;
                self.auto = true;
            }
            other => {
                return Err(format!(
                    "`:x {}`: write on, off or auto",
                    crate::render::escape(other)
                ));
            }
        }
        Ok(self.shown())
    }

    /// Whether records of the semantic search are shown as rows (score, columns, context).
    fn hits_as_rows(self) -> bool {
        matches!(
            self.mode,
            RecordFormat::Table | RecordFormat::Line | RecordFormat::Csv
        )
    }
}

impl Session<'_> {
    /// Runs the last request (from its cursor, asking for at most what is left of its
    /// `limit`) and prints the page.
    pub(super) fn run_page(&mut self) -> Done {
        let Some(last) = &self.last else {
            return self.error("no query yet");
        };
        // Cursor and limit go into the request's `params`; a request without them runs as
        // it is.
        let has_params = last.request.params().is_some();
        let cursor = last.cursor.as_deref().filter(|_| has_params);
        let limit = last.total.map(|total| {
            let size = last.request.limit().unwrap_or(total);
            size.min(total.saturating_sub(last.shown))
        });
        let request = last.request.with_page(cursor, limit);
        if let Some(last) = &mut self.last
            && let Some(cursor) = last.cursor.clone()
        {
            last.used.insert(cursor);
        }
        let started = Instant::now();
        let page = match backend::fetch(&mut self.backend, &request, self.options.target) {
            Ok(page) => page,
            Err(e) => return self.error(&e),
        };
        let took = started.elapsed();
        let shape = hits::Shape::of_request(&request);
        let text = self.records_text(&request, shape, &page.records)?;
        if !page.records.is_empty() {
            output::out(&text)?;
        }
        let count = page.records.len() as u64;
        let noun = shape.noun(count);
        let mut summary = format!("{count} {noun}, has_more: {}", page.has_more);
        if self.timings {
            summary.push_str(&format!(", {:.1} ms", took.as_secs_f64() * 1000.0));
        }
        // A cursor handed out before leads back to a page already shown: paging stops there.
        let repeated = page.has_more
            && page.cursor.as_ref().is_some_and(|cursor| {
                self.last
                    .as_ref()
                    .is_some_and(|last| last.used.contains(cursor))
            });
        let shown = self.last.as_ref().map_or(0, |l| l.shown) + count;
        let total = self.last.as_ref().and_then(|l| l.total);
        let at_limit = total.is_some_and(|total| shown >= total);
        if repeated {
            summary.push_str(
                "; the backend handed out a cursor it gave before, so the next page would \
                 repeat one already shown: paging stops here",
            );
        } else if page.has_more && at_limit {
            summary.push_str(&format!(
                " (the query's limit of {} is reached; more records match: raise or drop \
                 `limit` to see them)",
                total.unwrap_or(shown)
            ));
        } else if page.has_more {
            summary.push_str(" (:more for the next page)");
        }
        if let Some(last) = &mut self.last {
            last.shown = shown;
            last.beyond_limit = page.has_more && !repeated && at_limit;
            last.has_more = page.has_more && !repeated && !at_limit;
            last.cursor = page.cursor.filter(|_| last.has_more);
        }
        self.say(&summary)
    }

    /// The page's records as the display shows them, ending with a line break.
    fn records_text(
        &self,
        request: &Request,
        shape: hits::Shape,
        records: &[Value],
    ) -> Result<String, Failure> {
        let fields = records_output::field_columns(request);
        let fit = if self.display.auto {
            Fit::Auto
        } else {
            Fit::Table
        };
        let style = (self.terminal, self.style.color, fit);
        let rendered = match shape {
            hits::Shape::Hits if self.display.hits_as_rows() => {
                let for_table = self.display.mode != RecordFormat::Csv;
                let rows: Vec<Value> = records
                    .iter()
                    .map(|hit| hits::hit_row(hit, fields.as_deref(), for_table))
                    .collect();
                records_output::render(self.display.mode, &rows, None, self.width, style)
            }
            hits::Shape::Hits => {
                records_output::render(self.display.mode, records, None, self.width, style)
            }
            hits::Shape::Records => records_output::render(
                self.display.mode,
                records,
                fields.as_deref(),
                self.width,
                style,
            ),
        };
        rendered.map_err(|e| Failure::Usage(format!("cannot format the records: {e}")))
    }

    /// `:more`: the next page of the last query, while more records match within its `limit`.
    pub(super) fn more(&mut self) -> Done {
        match &self.last {
            None => self.error("no query yet"),
            Some(last) if last.beyond_limit => {
                let total = last.total.unwrap_or(last.shown);
                self.say(&format!(
                    "the query's limit of {total} is reached: raise or drop `limit` to see more"
                ))
            }
            Some(last) if !last.has_more || last.cursor.is_none() => self.say("no more records"),
            Some(_) => self.run_page(),
        }
    }
}
