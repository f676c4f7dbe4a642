//! Rendering at the edge: diagnostics for people (miette, colour only on a terminal and never
//! with NO_COLOR) and for machines (JSON reports).

#[path = "render/reports.rs"]
pub mod reports;

use std::io::IsTerminal;

use serde::Serialize;

use crate::args::ColorChoice;
pub use sift_render::escape::{self, escape};

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
        place: (&str, usize),
        index: &sift::syntax::SourceIndex<'_>,
        max_diagnostics: usize,
    ) -> String
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        let rendered =
            sift_render::render_indexed(diagnostics, place, index, max_diagnostics, self.color);
        let mut out = rendered.text;
        if rendered.hidden_errors + rendered.hidden_warnings > 0 {
            out.push_str(&not_shown(rendered.hidden_errors, rendered.hidden_warnings));
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
    format!(
        "… and {} not shown (--max-diagnostics N shows more; --format json lists all)\n",
        sift_render::hidden_counts(errors, warnings)
    )
}

/// The `--format json` document for the diagnostics of one source (the library's, so every
/// edge prints the same: the Python module's `SiftError.json()` too).
pub fn single_source_json(name: &str, text: &str, diagnostics: &sift::Diagnostics) -> String {
    diagnostics.to_json_document(name, text)
}

/// Serialises a value as pretty JSON; our types always serialise.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
