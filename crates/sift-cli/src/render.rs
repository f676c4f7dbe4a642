//! Rendering at the edge: diagnostics for people (miette, colour only on a terminal and never
//! with NO_COLOR) and for machines (JSON reports).

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};
use serde::Serialize;

use crate::args::ColorChoice;

/// How output is styled for this run.
#[derive(Debug)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour when asked to, or by default when stderr is a terminal and NO_COLOR is unset.
    pub fn detect(choice: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => !no_color,
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
        let named = NamedSource::new(name, source.to_owned());
        let mut out = String::new();
        for diagnostic in diagnostics {
            let report = miette::Report::new(diagnostic).with_source_code(named.clone());
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
    pub fn count(&mut self, reports: &[sift::DiagnosticReport]) {
        self.files += 1;
        for report in reports {
            match report.severity.as_str() {
                "error" => self.errors += 1,
                "warning" => self.warnings += 1,
                _ => {}
            }
        }
    }
}

/// The `--format json` document for the diagnostics of one source.
pub fn single_source_json(name: &str, text: &str, diagnostics: &sift::Diagnostics) -> String {
    let reports = diagnostics.to_reports(text);
    let mut summary = Summary::default();
    summary.count(&reports);
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
