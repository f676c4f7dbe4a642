//! Every phase's diagnostics under one type, so that callers handle one list. A [`Diagnostic`]
//! is read through what it says — its code, severity, message, span, labels, help, fix and,
//! about a JSON document, its pointer — not through the phase that found it, so the phases
//! can grow without breaking a caller.

use std::fmt;

use serde::Serialize;
use sift_check::CheckError;
use sift_json::JsonError;
use sift_lower::LowerError;
use sift_schema::SpecError;
use sift_syntax::{Fix, Span, SuggestFix, SyntaxError};

use crate::lints::{Denied, code_of};

/// How serious a diagnostic is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is invalid: the API would refuse it.
    Error,
    /// Valid, but probably not what was meant.
    Warning,
    /// A suggestion.
    Advice,
}

impl Severity {
    /// `error`, `warning` or `advice`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }

    /// The severity a phase's diagnostic states; one that states none is an error.
    pub(crate) fn of(diagnostic: &dyn miette::Diagnostic) -> Severity {
        match diagnostic.severity() {
            None | Some(miette::Severity::Error) => Severity::Error,
            Some(miette::Severity::Warning) => Severity::Warning,
            Some(miette::Severity::Advice) => Severity::Advice,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A labelled span of a diagnostic: what it points at, and what it says there.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// What the label points at (written `range` in JSON).
    #[serde(rename = "range", serialize_with = "crate::report::span_as_range")]
    pub span: Span,
    /// What it says there.
    pub text: Option<String>,
}

/// A diagnostic from any phase: the parser, the checker and its lints, the lowering, the JSON
/// reader, the connector-spec loader, or a warning a lint level denied.
#[derive(Debug)]
pub struct Diagnostic(Inner);

#[derive(Debug)]
pub(crate) enum Inner {
    Syntax(SyntaxError),
    Check(CheckError),
    Lower(LowerError),
    /// Boxed: a JSON finding carries a pointer and alternatives, and would double the size of
    /// every other diagnostic (a large query may have one warning per condition).
    Json(Box<JsonError>),
    Schema(Box<SpecError>),
    Denied(Denied),
}

impl Diagnostic {
    pub(crate) fn new(inner: Inner) -> Self {
        Diagnostic(inner)
    }

    pub(crate) fn syntax(error: SyntaxError) -> Self {
        Diagnostic(Inner::Syntax(error))
    }

    pub(crate) fn check(error: CheckError) -> Self {
        Diagnostic(Inner::Check(error))
    }

    pub(crate) fn lower(error: LowerError) -> Self {
        Diagnostic(Inner::Lower(error))
    }

    pub(crate) fn json(error: JsonError) -> Self {
        Diagnostic(Inner::Json(Box::new(error)))
    }

    pub(crate) fn schema(error: SpecError) -> Self {
        Diagnostic(Inner::Schema(Box::new(error)))
    }

    /// The phase's own diagnostic, a denied warning's original for a denied one.
    fn phase(&self) -> &dyn miette::Diagnostic {
        match &self.0 {
            Inner::Syntax(e) => e,
            Inner::Check(e) => e,
            Inner::Lower(e) => e,
            Inner::Json(e) => e.as_ref(),
            Inner::Schema(e) => e.as_ref(),
            Inner::Denied(e) => e.original().phase(),
        }
    }

    /// As rendered: a denied warning with its own severity and help.
    fn shown(&self) -> &dyn miette::Diagnostic {
        match &self.0 {
            Inner::Denied(e) => e,
            _ => self.phase(),
        }
    }

    /// The stable code, `sift::<phase>::<name>` (`sift::check::unknown_field`); one of
    /// [`codes`](crate::lints::codes).
    pub fn code(&self) -> &'static str {
        code_of(self.phase())
    }

    /// How serious it is; a denied warning is an error.
    pub fn severity(&self) -> Severity {
        Severity::of(self.shown())
    }

    /// The severity is an error.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// What is wrong, in one sentence.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The primary span: where the problem is, in the text the diagnostic is about (the sift
    /// source, the JSON document or the connector spec).
    pub fn span(&self) -> Span {
        match &self.0 {
            Inner::Syntax(e) => e.span(),
            Inner::Check(e) => e.span(),
            Inner::Lower(e) => e.span(),
            Inner::Json(e) => e.span(),
            Inner::Schema(e) => e.span(),
            Inner::Denied(e) => e.original().span(),
        }
    }

    /// Every labelled span.
    pub fn labels(&self) -> Vec<Label> {
        self.phase()
            .labels()
            .map(|labels| {
                labels
                    .map(|l| Label {
                        span: Span::new(l.offset(), l.offset().saturating_add(l.len())),
                        text: l.label().map(str::to_owned),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How to put it right; a denied warning says that it is denied.
    pub fn help(&self) -> Option<String> {
        self.shown().help().map(|h| h.to_string())
    }

    /// A machine-applicable fix: replace the text at its span.
    pub fn fix(&self) -> Option<Fix> {
        match &self.0 {
            Inner::Syntax(e) => e.fix(),
            Inner::Check(e) => e.fix(),
            Inner::Lower(e) => e.fix(),
            Inner::Json(e) => SuggestFix::fix(e.as_ref()),
            Inner::Schema(_) => None,
            Inner::Denied(e) => e.original().fix(),
        }
    }

    /// About a JSON document: where, as an RFC 6901 JSON pointer.
    pub fn pointer(&self) -> Option<&str> {
        self.json_finding().map(|e| e.pointer.as_str())
    }

    /// About a JSON document: what was expected here.
    pub fn expected(&self) -> Option<&str> {
        self.json_finding().and_then(|e| e.expected.as_deref())
    }

    /// About a JSON document: what was found instead.
    pub fn found(&self) -> Option<&str> {
        self.json_finding().and_then(|e| e.found.as_deref())
    }

    /// About a JSON document: the valid choices here (operators for the field's type, the
    /// nearest names, the keys that may appear).
    pub fn alternatives(&self) -> &[String] {
        self.json_finding()
            .map_or(&[], |e| e.alternatives.as_slice())
    }

    fn json_finding(&self) -> Option<&JsonError> {
        match &self.original().0 {
            Inner::Json(e) => Some(e),
            _ => None,
        }
    }

    /// The diagnostic as its phase reported it: a denied warning's original, else itself.
    pub(crate) fn original(&self) -> &Diagnostic {
        match &self.0 {
            Inner::Denied(e) => e.original(),
            _ => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.shown(), f)
    }
}

impl std::error::Error for Diagnostic {}

/// For renderers: what the phase says, as `miette` draws it.
impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.shown().code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.shown().severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.shown().help()
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.shown().url()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.shown().labels()
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
            .filter(|d| d.severity() == Severity::Warning)
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
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// The stable codes, in order; handy in tests.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(Diagnostic::code).collect()
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

#[cfg(test)]
mod tests {
    /// A query's check findings become the facade's list in place (no second list of a
    /// warning per condition) only while a `Diagnostic` is the size of a `CheckError`.
    #[test]
    fn a_diagnostic_is_the_size_of_a_check_finding() {
        assert_eq!(
            size_of::<super::Diagnostic>(),
            size_of::<sift_check::CheckError>()
        );
    }
}
