//! Diagnostics as Python values: each one the record `--format json` prints
//! (`sift::DiagnosticReport`), and the report a `SiftError` carries, drawn and serialised by
//! the same library functions as the CLI's.

use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyType};

/// Most diagnostics drawn by `str(error)`, as the CLI's `--max-diagnostics` default.
const MAX_DRAWN: usize = 100;

/// One finding: code, severity, message, where (byte range, line and column, JSON pointer),
/// labels, help and a fix.
#[pyclass(frozen, eq, module = "sift")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    report: sift::DiagnosticReport,
}

impl Diagnostic {
    pub fn list<'py>(
        py: Python<'py>,
        diagnostics: &sift::Diagnostics,
        source: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        if diagnostics.is_empty() {
            return Ok(PyList::empty(py));
        }
        PyList::new(
            py,
            diagnostics
                .to_reports(source)
                .into_iter()
                .map(|report| Diagnostic { report }),
        )
    }
}

#[pymethods]
impl Diagnostic {
    /// The stable code, `sift::<phase>::<name>`.
    #[getter]
    fn code(&self) -> &str {
        self.report.code
    }

    /// `error`, `warning` or `advice`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.report.severity.as_str()
    }

    /// What is wrong, in one sentence.
    #[getter]
    fn message(&self) -> &str {
        &self.report.message
    }

    /// The primary range, `(start, end)` in UTF-8 bytes of the source (as the CLI's JSON).
    #[getter]
    fn span(&self) -> (usize, usize) {
        (self.report.range.lo(), self.report.range.hi())
    }

    /// The 1-based line of the span's start.
    #[getter]
    fn line(&self) -> usize {
        self.report.line
    }

    /// The 1-based column (in characters) of the span's start.
    #[getter]
    fn column(&self) -> usize {
        self.report.column
    }

    /// The 1-based line of the span's end.
    #[getter]
    fn end_line(&self) -> usize {
        self.report.end_line
    }

    /// The 1-based column of the span's end.
    #[getter]
    fn end_column(&self) -> usize {
        self.report.end_column
    }

    /// Where in a JSON document, as an RFC 6901 pointer; `None` for sift text.
    #[getter]
    fn pointer(&self) -> Option<&str> {
        self.report.pointer.as_deref()
    }

    /// Every labelled range.
    #[getter]
    fn labels(&self) -> Vec<Label> {
        self.report
            .labels
            .iter()
            .map(|l| Label {
                span: (l.span.lo(), l.span.hi()),
                text: l.text.clone(),
            })
            .collect()
    }

    /// How to put it right.
    #[getter]
    fn help(&self) -> Option<&str> {
        self.report.help.as_deref()
    }

    /// A machine-applicable fix, when one is sure to keep what the query returns.
    #[getter]
    fn fix(&self) -> Option<Fix> {
        self.report.fix.as_ref().map(|f| Fix {
            span: (f.span.lo(), f.span.hi()),
            replacement: f.replacement.clone(),
        })
    }

    /// What was expected here (JSON documents).
    #[getter]
    fn expected(&self) -> Option<&str> {
        self.report.expected.as_deref()
    }

    /// What was found instead (JSON documents).
    #[getter]
    fn found(&self) -> Option<&str> {
        self.report.found.as_deref()
    }

    /// The valid choices here: operators, nearest names, allowed keys.
    #[getter]
    fn alternatives(&self) -> Vec<String> {
        self.report.alternatives.clone()
    }

    /// The record as the CLI's `--format json` prints it, as JSON text.
    fn json(&self) -> String {
        serde_json::to_string(&self.report).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!(
            "Diagnostic(code={:?}, severity={:?}, line={}, column={}, message={:?})",
            self.report.code,
            self.report.severity.as_str(),
            self.report.line,
            self.report.column,
            self.report.message
        )
    }
}

/// A labelled range of a diagnostic.
#[pyclass(frozen, eq, get_all, module = "sift")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// `(start, end)` in UTF-8 bytes of the source.
    span: (usize, usize),
    /// What it says there.
    text: Option<String>,
}

#[pymethods]
impl Label {
    fn __repr__(&self) -> String {
        format!("Label(span={:?}, text={:?})", self.span, self.text)
    }
}

/// A machine-applicable fix: replace `span` (UTF-8 bytes) with `replacement`.
#[pyclass(frozen, eq, get_all, module = "sift")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    span: (usize, usize),
    replacement: String,
}

#[pymethods]
impl Fix {
    /// `source` with this fix applied (`source` is the text the diagnostic came from).
    fn apply(&self, source: &str) -> PyResult<String> {
        let (start, end) = self.span;
        match (source.get(..start), source.get(end..)) {
            (Some(before), Some(after)) if start <= end => {
                Ok(format!("{before}{}{after}", self.replacement))
            }
            _ => Err(PyValueError::new_err(
                "the fix does not fit this text: apply it to the text it was reported for",
            )),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Fix(span={:?}, replacement={:?})",
            self.span, self.replacement
        )
    }
}

/// What a failed call found: the diagnostics of one source, with its name and text. The
/// native half of `sift.SiftError`.
#[pyclass(frozen, module = "sift._native")]
#[derive(Debug)]
pub struct Report {
    name: &'static str,
    source: String,
    diagnostics: sift::Diagnostics,
    drawn: OnceLock<String>,
}

impl Report {
    /// `sift.SiftError` for `diagnostics` of `source`, named as the CLI names it (`<query>`
    /// for sift text, `<stdin>` for a JSON document).
    pub fn error(
        py: Python<'_>,
        name: &'static str,
        source: &str,
        diagnostics: sift::Diagnostics,
    ) -> PyErr {
        static SIFT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        let report = Report {
            name,
            source: source.to_owned(),
            diagnostics,
            drawn: OnceLock::new(),
        };
        let raised = SIFT_ERROR
            .import(py, "sift", "SiftError")
            .and_then(|class| class.call1((report,)));
        match raised {
            Ok(error) => PyErr::from_value(error),
            Err(error) => error,
        }
    }
}

#[pymethods]
impl Report {
    /// Every diagnostic, in source order.
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        Diagnostic::list(py, &self.diagnostics, &self.source)
    }

    /// The CLI's `--format json` document for this source.
    fn json(&self) -> String {
        self.diagnostics.to_json_document(self.name, &self.source)
    }

    /// The diagnostics drawn as the CLI draws them, without colour (drawn once).
    fn render(&self) -> String {
        self.drawn
            .get_or_init(|| {
                let rendered = sift_render::render_borrowed(
                    self.diagnostics.iter(),
                    self.name,
                    &self.source,
                    MAX_DRAWN,
                    false,
                );
                let mut text = rendered.text;
                if rendered.hidden_errors + rendered.hidden_warnings > 0 {
                    text.push_str(&format!(
                        "… and {} not shown (.diagnostics lists all)\n",
                        sift_render::hidden_counts(
                            rendered.hidden_errors,
                            rendered.hidden_warnings
                        )
                    ));
                }
                text
            })
            .clone()
    }

    /// One line: the only diagnostic's message, or the counts.
    fn summary(&self) -> String {
        self.diagnostics.to_string()
    }
}

/// A connector.yaml that could not be loaded: a `ValueError` listing every problem, drawn as
/// the CLI draws them.
pub struct SpecFailure;

impl SpecFailure {
    pub fn error(py: Python<'_>, origin: &str, text: &str, errors: sift::Diagnostics) -> PyErr {
        let count = errors.len();
        let rendered = py.detach(|| sift_render::render(errors, origin, text, MAX_DRAWN, false));
        PyValueError::new_err(format!(
            "{origin}: not a usable connector spec ({count} error(s))\n{}",
            rendered.text
        ))
    }
}
