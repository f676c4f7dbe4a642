//! Rendering at the edge: diagnostics for people (miette, colour only on a terminal and never
//! with NO_COLOR) and for machines (JSON reports).

#[path = "render/escape.rs"]
pub mod escape;
#[path = "render/excerpt.rs"]
mod excerpt;
#[path = "render/reports.rs"]
pub mod reports;

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, Severity};
use serde::Serialize;

use crate::args::ColorChoice;
pub use escape::escape;
use excerpt::Excerpt;

/// What `--color` said, to decide again for standard output ([`Style::for_stdout`]).
static CHOICE: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

/// How output is styled for this run.
#[derive(Debug)]
pub struct Style {
    pub color: bool,
    /// Most diagnostics drawn per source; the rest are counted in one closing line.
    pub max_diagnostics: usize,
}

impl Style {
    /// Colour when asked to (`--color always` wins over NO_COLOR: flags win), or by default
    /// when stderr is a terminal and NO_COLOR is unset.
    pub fn detect(choice: ColorChoice, max_diagnostics: usize) -> Self {
        let _ = CHOICE.set(choice);
        Style {
            color: Self::colors(choice, std::io::stderr().is_terminal()),
            max_diagnostics,
        }
    }

    fn colors(choice: ColorChoice, terminal: bool) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && terminal,
        }
    }

    /// The same style for drawing on standard output (a report that is the command's output):
    /// colour decided by whether standard output is a terminal.
    pub fn for_stdout(&self) -> Style {
        let choice = CHOICE.get().copied().unwrap_or(ColorChoice::Auto);
        Style {
            color: Self::colors(choice, std::io::stdout().is_terminal()),
            max_diagnostics: self.max_diagnostics,
        }
    }

    /// A one-line error for failures that have no source to point into (IO, usage).
    pub fn error_line(&self, message: &str) -> String {
        let message = escape(message);
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

    /// The diagnostics, each drawn with its source snippet, at most
    /// [`Style::max_diagnostics`] of them and then one line counting the rest. The source is
    /// indexed once; each diagnostic then costs its own size, however large the source.
    pub fn render<D>(
        &self,
        diagnostics: impl IntoIterator<Item = D>,
        name: &str,
        source: &str,
    ) -> String
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        self.render_at_most(diagnostics, name, source, self.max_diagnostics)
    }

    /// [`Style::render`] with a cap of its own: what is left of a budget that several sources
    /// share (the lines of one JSON Lines file).
    pub fn render_at_most<D>(
        &self,
        diagnostics: impl IntoIterator<Item = D>,
        name: &str,
        source: &str,
        max_diagnostics: usize,
    ) -> String
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        self.render_placed(diagnostics, (name, 0), source, max_diagnostics)
    }

    /// [`Style::render_at_most`] for a source that starts on line `first_line + 1` of the
    /// file `name` (a JSON Lines document): lines are numbered, and the header names the
    /// place, as in the file (`file:3:9`), so that editors and terminals open it there.
    pub fn render_placed<D>(
        &self,
        diagnostics: impl IntoIterator<Item = D>,
        place: (&str, usize),
        source: &str,
        max_diagnostics: usize,
    ) -> String
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        let index = sift::syntax::SourceIndex::new(source);
        self.render_from(diagnostics, place, &index, max_diagnostics)
    }

    /// [`Style::render_placed`] from a source already indexed; the index counts what the
    /// drawing reads of it ([`sift::syntax::SourceIndex::work`]).
    pub fn render_from<D>(
        &self,
        diagnostics: impl IntoIterator<Item = D>,
        (name, first_line): (&str, usize),
        index: &sift::syntax::SourceIndex<'_>,
        max_diagnostics: usize,
    ) -> String
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        let handler = self.handler();
        let mut out = String::new();
        let (mut errors, mut warnings) = (0usize, 0usize);
        for (n, diagnostic) in diagnostics.into_iter().enumerate() {
            if n >= max_diagnostics {
                match diagnostic.severity().unwrap_or(Severity::Error) {
                    Severity::Error => errors += 1,
                    _ => warnings += 1,
                }
                continue;
            }
            let labels: Vec<(usize, usize)> = diagnostic
                .labels()
                .map(|labels| labels.map(|l| (l.offset(), l.offset() + l.len())).collect())
                .unwrap_or_default();
            let (excerpt, placed) = Excerpt::new((name, first_line), index, &labels);
            let report = miette::Report::new(Placed {
                inner: diagnostic,
                placed,
            })
            .with_source_code(excerpt);
            // Writing into a String cannot fail; a rendering bug must not hide the diagnostic.
            if handler.render_report(&mut out, report.as_ref()).is_err() {
                out.push_str(&format!("{report}\n"));
            }
        }
        if errors + warnings > 0 {
            out.push_str(&not_shown(errors, warnings));
        }
        out
    }
}

/// What changes from `old` to `new`, as a unified diff with three lines of context, both
/// sides named `name` (escaped, one line), as `patch -p0` reads it; empty when nothing does.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let name = escape::escape_line(name);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&name, &name)
        .to_string()
}

/// The closing line for diagnostics past the cap.
pub fn not_shown(errors: usize, warnings: usize) -> String {
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!("{errors} more error(s)"));
    }
    if warnings > 0 {
        parts.push(format!("{warnings} more warning(s)"));
    }
    format!(
        "… and {} not shown (--max-diagnostics N shows more; --format json lists all)\n",
        parts.join(" and ")
    )
}

/// The `--format json` document for the diagnostics of one source.
pub fn single_source_json(name: &str, text: &str, diagnostics: &sift::Diagnostics) -> String {
    let mut summary = reports::Summary::default();
    summary.count(diagnostics);
    let files = vec![reports::FileReport::new(name, None, text, diagnostics)];
    to_json(&reports::Report { files, summary })
}

/// Serialises a value as pretty JSON; our types always serialise.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// A diagnostic drawn from its [`Excerpt`]: labels moved to where they land in it, and the
/// message, help and label texts escaped. Everything else is passed through.
#[derive(Debug)]
struct Placed<D> {
    inner: D,
    placed: Vec<excerpt::Placed>,
}

impl<D: std::fmt::Display> std::fmt::Display for Placed<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&escape(&self.inner.to_string()))
    }
}

impl<D: miette::Diagnostic> std::error::Error for Placed<D> {}

/// A displayed value, escaped.
fn escaped<'a>(text: Box<dyn std::fmt::Display + 'a>) -> Box<dyn std::fmt::Display + 'a> {
    Box::new(escape(&text.to_string()).into_owned())
}

impl<D: miette::Diagnostic> miette::Diagnostic for Placed<D> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.help().map(escaped)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.url().map(escaped)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let labels = self.inner.labels()?;
        Some(Box::new(labels.zip(&self.placed).map(
            |(label, &(at, len))| {
                let text = label.label().map(|t| escape(t).into_owned());
                miette::LabeledSpan::new(text, at, len)
            },
        )))
    }
}
