//! Every phase's diagnostics under one type, so that callers handle one list.

use std::fmt;

use miette::Severity;
use sift_check::CheckError;
use sift_json::JsonError;
use sift_lower::LowerError;
use sift_syntax::{Fix, Span, SuggestFix, SyntaxError};

use crate::lints::Denied;

/// A diagnostic from any phase. Code, message, labels, help and severity are the phase's own.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum Diagnostic {
    /// From the parser.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(SyntaxError),
    /// From the checker (names and types against the schema, and the lints).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(CheckError),
    /// What the target or output form cannot express.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Lower(LowerError),
    /// About a JSON document (validate, decompile); located in the JSON text. Boxed: a JSON
    /// finding carries a pointer and alternatives, and would double the size of every other
    /// diagnostic (a large query may have one warning per condition).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Json(Box<JsonError>),
    /// A warning that the lint levels (`Options::lints`) turned into an error.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Denied(Denied),
}

impl Diagnostic {
    /// The severity; a diagnostic that states none is an error.
    pub fn severity_or_error(&self) -> Severity {
        miette::Diagnostic::severity(self).unwrap_or(Severity::Error)
    }

    /// The severity is an error.
    pub fn is_error(&self) -> bool {
        self.severity_or_error() == Severity::Error
    }

    /// The stable code, `sift::<phase>::<name>`.
    pub fn code_str(&self) -> String {
        miette::Diagnostic::code(self)
            .map(|c| c.to_string())
            .unwrap_or_default()
    }

    /// The primary span: where the problem is.
    pub fn span(&self) -> Span {
        match self {
            Diagnostic::Syntax(e) => e.span(),
            Diagnostic::Check(e) => e.span(),
            Diagnostic::Lower(e) => e.span(),
            Diagnostic::Json(e) => e.span(),
            Diagnostic::Denied(e) => e.original().span(),
        }
    }

    /// The diagnostic as its phase reported it: a denied warning's original, else itself.
    pub fn original(&self) -> &Diagnostic {
        match self {
            Diagnostic::Denied(e) => e.original(),
            other => other,
        }
    }
}

impl SuggestFix for Diagnostic {
    fn fix(&self) -> Option<Fix> {
        match self {
            Diagnostic::Syntax(e) => e.fix(),
            Diagnostic::Check(e) => e.fix(),
            Diagnostic::Lower(e) => e.fix(),
            Diagnostic::Json(e) => SuggestFix::fix(e.as_ref()),
            Diagnostic::Denied(e) => e.original().fix(),
        }
    }
}

impl From<SyntaxError> for Diagnostic {
    fn from(e: SyntaxError) -> Self {
        Diagnostic::Syntax(e)
    }
}

impl From<CheckError> for Diagnostic {
    fn from(e: CheckError) -> Self {
        Diagnostic::Check(e)
    }
}

impl From<JsonError> for Diagnostic {
    fn from(e: JsonError) -> Self {
        Diagnostic::Json(Box::new(e))
    }
}

impl From<LowerError> for Diagnostic {
    fn from(e: LowerError) -> Self {
        Diagnostic::Lower(e)
    }
}

/// The diagnostics of one run, in source order. Also usable as one error value: it displays a
/// summary and lists each diagnostic as `related`, so `miette` renders them all.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Whether any diagnostic is an error (warnings and advice are not).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// How many are warnings.
    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity_or_error() == Severity::Warning)
            .count()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// There are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// All, as a slice.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }

    /// All, as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Adds one at the end.
    pub fn push(&mut self, diagnostic: impl Into<Diagnostic>) {
        self.0.push(diagnostic.into());
    }

    /// The stable codes, in order; handy in tests.
    pub fn codes(&self) -> Vec<String> {
        self.0.iter().map(Diagnostic::code_str).collect()
    }

    /// Orders by position in the source. Stable, so diagnostics at one place keep their
    /// phase order.
    pub(crate) fn sort_by_position(&mut self) {
        let position = |d: &Diagnostic| {
            let span = d.span();
            (span.lo(), span.hi())
        };
        // Phases report in source order, so this is mostly already true; a stable sort of
        // large diagnostics would take scratch room of half the list (tens of megabytes for a
        // warning per condition), so the keys are sorted instead (ties keep their order).
        if self.0.is_sorted_by_key(position) {
            return;
        }
        self.0.sort_by_cached_key(position);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.error_count();
        let warnings = self.warning_count();
        match self.0.first() {
            None => f.write_str("no diagnostics"),
            Some(only) if self.0.len() == 1 => write!(f, "{only}"),
            Some(_) => write!(f, "{errors} error(s) and {warnings} warning(s)"),
        }
    }
}

impl std::error::Error for Diagnostics {}

impl miette::Diagnostic for Diagnostics {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.0.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(all: Vec<Diagnostic>) -> Self {
        Diagnostics(all)
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'d> IntoIterator for &'d Diagnostics {
    type Item = &'d Diagnostic;
    type IntoIter = std::slice::Iter<'d, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
