//! Rendering at the edge: diagnostics for people (miette, colour only on a terminal and never
//! with NO_COLOR) and for machines (JSON reports).

use std::io::IsTerminal;

use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use serde::Serialize;

use crate::args::ColorChoice;

/// How output is styled for this run.
#[derive(Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour when asked to (`--color always` wins over NO_COLOR: flags win), or by default
    /// when stderr is a terminal and NO_COLOR is unset.
    pub fn detect(choice: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        Style { color }
    }

    /// A one-line error for failures that have no source to point into (IO, usage).
    pub fn error_line(&self, message: &str) -> String {
        if self.color {
            format!("\x1b[1;31merror\x1b[0m: {message}")
        } else {
            format!("error: {message}")
        }
    }

    fn handler(&self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme).with_width(100)
    }

    /// Every diagnostic, rendered with its source snippet, one after another.
    pub fn render<D>(
        &self,
        diagnostics: impl IntoIterator<Item = D>,
        name: &str,
        source: &str,
    ) -> String
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        let handler = self.handler();
        let window = Windowed::new(name, source);
        let mut out = String::new();
        for diagnostic in diagnostics {
            let report = miette::Report::new(Clipped(diagnostic)).with_source_code(window.clone());
            // Writing into a String cannot fail; a rendering bug must not hide the diagnostic.
            if handler.render_report(&mut out, report.as_ref()).is_err() {
                out.push_str(&format!("{report}\n"));
            }
        }
        out
    }
}

/// The machine-readable result of checking one source.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<sift::DiagnosticReport>,
}

/// Counts over all files, so a CI job need not count itself.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonOutput {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &sift::Diagnostics) {
        self.files += 1;
        self.errors += diagnostics.error_count();
        self.warnings += diagnostics.warning_count();
    }
}

/// The `--format json` document for the diagnostics of one source.
pub fn single_source_json(name: &str, text: &str, diagnostics: &sift::Diagnostics) -> String {
    let mut summary = Summary::default();
    summary.count(diagnostics);
    let reports = diagnostics.to_reports(text);
    let files = vec![FileReport {
        path: name.to_owned(),
        diagnostics: reports,
    }];
    to_json(&JsonOutput { files, summary })
}

/// Serialises a value as pretty JSON; our types always serialise.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// The source as snippets show it: at most [`Windowed::REACH`] bytes either side of a label, so
/// that a diagnostic on a 10 MB one-line input prints a line's worth of it, not all of it.
#[derive(Clone, Debug)]
struct Windowed {
    name: Arc<str>,
    text: Arc<str>,
}

impl Windowed {
    const REACH: usize = 160;

    fn new(name: &str, text: &str) -> Self {
        Windowed {
            name: name.into(),
            text: text.into(),
        }
    }
}

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.text;
        let full = text.read_span(span, before, after)?;
        let (start, len) = (full.span().offset(), full.span().len());
        let end = start + len;
        // Cut only long lines: a window edge moves out to its line's end when that is near.
        let lo = floor_char_boundary(text, span.offset().saturating_sub(Self::REACH).max(start));
        let line_start = text[start..lo]
            .rfind('\n')
            .map_or(start, |nl| start + nl + 1);
        let lo = if lo - line_start <= Self::REACH {
            line_start
        } else {
            lo
        };
        let hi = ceil_char_boundary(
            text,
            (span.offset() + span.len() + Self::REACH).min(end).max(lo),
        );
        let line_end = text[hi..end].find('\n').map_or(end, |nl| hi + nl);
        let hi = if line_end - hi <= Self::REACH {
            line_end
        } else {
            hi
        };
        // Line and column of the window's start, counted in the full snippet.
        let skipped = &text[start..lo];
        let line = full.line() + skipped.matches('\n').count();
        let column = match skipped.rfind('\n') {
            Some(nl) => skipped[nl + 1..].chars().count(),
            None => full.column() + skipped.chars().count(),
        };
        let data = &text.as_bytes()[lo..hi];
        let line_count = text[lo..hi].matches('\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data,
            SourceSpan::from(lo..hi),
            line,
            column,
            line_count,
        )))
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A diagnostic whose labels are cut to the snippet window, so that a label over a 10 MB name
/// draws a short underline rather than a 10 MB one. Everything else is passed through.
#[derive(Debug)]
struct Clipped<D>(D);

impl<D: std::fmt::Display> std::fmt::Display for Clipped<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<D: miette::Diagnostic> std::error::Error for Clipped<D> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl<D: miette::Diagnostic> miette::Diagnostic for Clipped<D> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.help()
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.url()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let labels = self.0.labels()?;
        Some(Box::new(labels.map(|label| {
            let len = label.len().min(2 * Windowed::REACH);
            miette::LabeledSpan::new(label.label().map(str::to_owned), label.offset(), len)
        })))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        self.0.related()
    }
    fn diagnostic_source(&self) -> Option<&dyn miette::Diagnostic> {
        self.0.diagnostic_source()
    }
}
