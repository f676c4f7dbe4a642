//! The JSON documents of `validate` and `decompile`: every file named (directories yield
//! `*.json`, or `*.jsonl` with `--jsonl`), standard input with `-` or nothing; with `--jsonl`
//! each non-blank line is a document of its own, reported with its line number. Limits apply
//! to each document; the file limit to each file read.

use crate::args::JsonDocumentArgs;
use crate::input::{self, Source};
use crate::output::{self, Failure};
use crate::render::escape::escape_line;
use crate::render::{self, Style};

/// One JSON document: a whole file, or one line of a JSON Lines file.
#[derive(Clone, Debug)]
pub struct Document<'s> {
    /// How summaries name it: the file, or `FILE:N` (its line), as an editor opens it.
    pub name: DocumentName<'s>,
    pub text: &'s str,
    /// The path of its file, as diagnostics show it.
    pub path: &'s str,
    /// Its line in a JSON Lines file, and the byte offset of that line.
    pub line: Option<(usize, usize)>,
    /// Whether the run reads more than one document (outputs then say which is which).
    pub many: bool,
}

/// A document's name, written only when it is read: most lines of a JSON Lines file are valid
/// and never named.
#[derive(Clone, Debug)]
pub struct DocumentName<'s> {
    path: &'s str,
    line: Option<usize>,
    written: std::sync::OnceLock<String>,
}

impl<'s> DocumentName<'s> {
    fn new(path: &'s str, line: Option<usize>) -> Self {
        DocumentName {
            path,
            line,
            written: std::sync::OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        match self.line {
            None => self.path,
            Some(line) => self.written.get_or_init(|| format!("{}:{line}", self.path)),
        }
    }
}

impl std::ops::Deref for DocumentName<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Calls `visit` with the documents the arguments name, one file at a time (all the lines of
/// a JSON Lines file together), in order, and the file they come from. Returns whether some
/// input could not be read (each such error is printed, and the others are still visited).
pub fn each_file(
    args: &JsonDocumentArgs,
    style: &Style,
    mut visit: impl FnMut(&[Document<'_>], &sift::Catalog, &Source) -> Result<(), Failure>,
) -> Result<bool, Failure> {
    let extension = if args.jsonl { "jsonl" } else { "json" };
    let inputs = input::collect(&args.files, extension, style)?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let many = args.jsonl || inputs.items.len() > 1;
    let mut failed = inputs.failed;
    for item in &inputs.items {
        let Some(source) =
            input::read_or_report(item, args.limits.limits()?.max_file_bytes, style)?
        else {
            failed = true;
            continue;
        };
        if !args.jsonl {
            visit(&[whole(&source, many)], &catalog, &source)?;
            continue;
        }
        let documents: Vec<Document<'_>> = lines(&source).collect();
        if documents.is_empty() {
            output::errln(&style.error_line(&format!(
                "{}: no JSON documents (every line is blank)",
                escape_line(&source.name)
            )))?;
            failed = true;
        } else {
            visit(&documents, &catalog, &source)?;
        }
    }
    Ok(failed)
}

fn whole(source: &Source, many: bool) -> Document<'_> {
    Document {
        name: DocumentName::new(&source.name, None),
        text: &source.text,
        path: &source.name,
        line: None,
        many,
    }
}

/// The non-blank lines of a JSON Lines source (a line ends at `\n`; a `\r` before it is not
/// part of the document).
fn lines(source: &Source) -> impl Iterator<Item = Document<'_>> {
    let mut offset = 0;
    source
        .text
        .split_inclusive('\n')
        .enumerate()
        .filter_map(move |(index, line)| {
            let start = offset;
            offset += line.len();
            let text = line.strip_suffix('\n').unwrap_or(line);
            let text = text.strip_suffix('\r').unwrap_or(text);
            (!text.trim().is_empty()).then(|| Document {
                name: DocumentName::new(&source.name, Some(index + 1)),
                text,
                path: &source.name,
                line: Some((index + 1, start)),
                many: true,
            })
        })
}

/// One file's share of `--max-diagnostics` in human output: the lines of a JSON Lines file
/// draw at most that many diagnostics between them, as the queries of one `.sift` file do, and
/// past it they are only counted, so thousands of bad lines give a screenful and one count.
#[derive(Debug)]
pub struct Budget {
    left: usize,
    hidden_errors: usize,
    hidden_warnings: usize,
}

impl Budget {
    pub fn new(style: &Style) -> Self {
        Budget {
            left: style.max_diagnostics,
            hidden_errors: 0,
            hidden_warnings: 0,
        }
    }

    /// Nothing more may be drawn for this file.
    pub fn is_spent(&self) -> bool {
        self.left == 0
    }

    /// Counts diagnostics that are not drawn.
    pub fn count(&mut self, diagnostics: &sift::Diagnostics) {
        let errors = diagnostics.error_count();
        self.hidden_errors += errors;
        self.hidden_warnings += diagnostics.len() - errors;
    }

    /// Draws what is left of the budget of `diagnostics` (the source's own closing line counts
    /// the rest of them), or only counts them once the budget is spent. A JSON Lines document
    /// is drawn with its file's name and line numbers. Written by `write` (standard output
    /// for `validate`, whose report is its output; standard error for `decompile`).
    pub fn draw(
        &mut self,
        style: &Style,
        diagnostics: sift::Diagnostics,
        document: &Document<'_>,
        write: fn(&str) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        if self.is_spent() {
            self.count(&diagnostics);
            return Ok(());
        }
        let drawn = diagnostics.len().min(self.left);
        self.left -= drawn;
        let first_line = document.line.map_or(0, |(line, _)| line - 1);
        let place = match document.line {
            Some(_) => (document.path, first_line),
            None => (document.name.as_str(), 0),
        };
        write(&style.render_placed(diagnostics, place, document.text, drawn))
    }

    /// The file's closing line, when diagnostics past the budget were only counted.
    pub fn close(&self, path: &str, write: fn(&str) -> Result<(), Failure>) -> Result<(), Failure> {
        if self.hidden_errors + self.hidden_warnings == 0 {
            return Ok(());
        }
        let line = render::not_shown(self.hidden_errors, self.hidden_warnings);
        write(&format!("{}: {line}", escape_line(path)))
    }
}
