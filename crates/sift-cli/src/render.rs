//! Rendering at the edge: diagnostics for people (miette, colour only on a terminal and never
//! with NO_COLOR) and for machines (JSON reports).

use std::io::IsTerminal;

use serde::Serialize;

use crate::args::ColorChoice;
pub use sift_render::escape::{self, escape};

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
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        Style {
            color,
            max_diagnostics,
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
        let rendered = sift_render::render(diagnostics, name, source, max_diagnostics, self.color);
        let mut out = rendered.text;
        if rendered.hidden_errors + rendered.hidden_warnings > 0 {
            out.push_str(&not_shown(rendered.hidden_errors, rendered.hidden_warnings));
        }
        out
    }
}

/// The closing line for diagnostics past the cap.
pub fn not_shown(errors: usize, warnings: usize) -> String {
    format!(
        "… and {} not shown (--max-diagnostics N shows more; --format json lists all)\n",
        sift_render::hidden_counts(errors, warnings)
    )
}

pub use sift::FileReport;

/// Counts over all files, so a CI job need not count itself, and what was in force.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub counts: sift::ReportSummary,
    /// The project file, catalog and target the run used (`check` and `validate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<crate::config::in_force::InForce>,
}

impl std::ops::Deref for Summary {
    type Target = sift::ReportSummary;

    fn deref(&self) -> &sift::ReportSummary {
        &self.counts
    }
}

#[derive(Debug, Serialize)]
pub struct JsonOutput {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &sift::Diagnostics) {
        self.counts.count(diagnostics);
    }
}

/// The `--format json` document for the diagnostics of one source (the library's, so every
/// edge prints the same).
pub fn single_source_json(name: &str, text: &str, diagnostics: &sift::Diagnostics) -> String {
    diagnostics.to_json_document(name, text)
}

/// Serialises a value as pretty JSON; our types always serialise.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
