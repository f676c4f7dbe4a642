//! Diagnostics about a JSON filter, query, params or request. Each is located twice: by byte
//! span in the JSON text (so miette renders it against the JSON source) and by JSON pointer
//! (so a program can find the member without counting bytes).

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity};
use sift_syntax::{Fix, Span, SuggestFix};

/// The names of every `sift::json::<name>` code, for documentation and tests.
pub const JSON_CODES: [&str; 55] = [
    "invalid_json",
    "too_large",
    "too_deep",
    "too_many_nodes",
    "list_too_long",
    "unexpected_type",
    "duplicate_key",
    "unknown_key",
    "missing_key",
    "misplaced_key",
    "limit_in_query",
    "empty_member",
    "unknown_operator",
    "operator_not_on_target",
    "no_operator",
    "several_operators",
    "no_field",
    "several_fields",
    "empty_filter",
    "empty_logic",
    "single_operand",
    "not_with_list",
    "in_not_list",
    "value_not_scalar",
    "integer_out_of_range",
    "bad_sort_item",
    "bad_sort_direction",
    "bad_limit",
    "bad_fields",
    "dotted_field",
    "unknown_action",
    "not_decompilable",
    // Mapped from the checker's findings.
    "no_entity",
    "unknown_entity",
    "unknown_field",
    "path_into_scalar",
    "operator_type_mismatch",
    "value_type_mismatch",
    "missing_query",
    "ignored_query",
    "semantic_not_on_target",
    "never_null",
    "string_comparison",
    "semantic_prompt",
    "semantic_field",
    "semantic_min",
    "semantic_limit",
    "semantic_sort",
    "empty_list",
    "unsortable_field",
    "unchecked_path",
    "ambiguous_path",
    "like_without_wildcard",
    "contradiction",
    "entity_overridden",
];

/// The codes of [`JSON_CODES`] that the JSON reader itself reports as warnings (the ones
/// restated from the checker keep the checker's severity); every other JSON code is an error.
pub const JSON_WARNING_CODES: [&str; 6] = [
    "empty_member",
    "single_operand",
    "dotted_field",
    "several_operators",
    "missing_query",
    "ignored_query",
];

/// One finding about a JSON document. `name` is the last part of the stable code
/// `sift::json::<name>` (see [`JSON_CODES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub name: &'static str,
    pub warning: bool,
    /// What was expected and what was found, in one sentence.
    pub message: String,
    /// Where, in the JSON text.
    pub span: Span,
    /// The label under the span.
    pub label: String,
    /// Where, as an RFC 6901 JSON pointer (`/params/query/filter/and/1`).
    pub pointer: String,
    pub help: Option<String>,
    pub expected: Option<String>,
    pub found: Option<String>,
    /// The valid choices here: operators for the field's type, the nearest names, the keys
    /// that may appear.
    pub alternatives: Vec<String>,
    /// A machine-applicable edit of the JSON text.
    pub fix: Option<Fix>,
}

impl JsonError {
    /// An error with the given parts; the rest is filled in with the builder methods.
    pub fn new(name: &'static str, span: Span, pointer: &str, message: impl Into<String>) -> Self {
        JsonError {
            name,
            warning: false,
            message: message.into(),
            span,
            label: String::new(),
            pointer: pointer.to_owned(),
            help: None,
            expected: None,
            found: None,
            alternatives: Vec::new(),
            fix: None,
        }
    }

    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn expected_found(mut self, expected: impl Into<String>, found: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self.found = Some(found.into());
        self
    }

    pub fn alternatives<S: Into<String>>(mut self, all: impl IntoIterator<Item = S>) -> Self {
        self.alternatives = all.into_iter().map(Into::into).collect();
        self
    }

    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// The stable code, `sift::json::<name>`.
    pub fn code_str(&self) -> String {
        format!("sift::json::{}", self.name)
    }

    pub fn is_warning(&self) -> bool {
        self.warning
    }

    pub fn span(&self) -> Span {
        self.span
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}

impl Diagnostic for JsonError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code_str()))
    }

    fn severity(&self) -> Option<Severity> {
        Some(if self.warning {
            Severity::Warning
        } else {
            Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = self.help.as_deref()?;
        Some(Box::new(help))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.label.is_empty()).then(|| self.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new(
            label,
            self.span.start,
            self.span.len(),
        ))))
    }
}

impl SuggestFix for JsonError {
    fn fix(&self) -> Option<Fix> {
        self.fix.clone()
    }
}

/// Appends `segment` to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub(crate) fn child(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// `a`, `a or b`, `a, b or c`, each in backticks.
pub(crate) fn one_of(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::from("nothing"),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape() {
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
        assert_eq!(child("/x", "0"), "/x/0");
    }

    #[test]
    fn codes_are_unique() {
        let mut codes = JSON_CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), JSON_CODES.len());
    }

    #[test]
    fn warning_codes_are_codes() {
        for name in JSON_WARNING_CODES {
            assert!(JSON_CODES.contains(&name), "{name}");
        }
    }
}
