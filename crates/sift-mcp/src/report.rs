//! Diagnostics as an agent reads them: the facade's reports cut to what a model needs to put
//! the input right (code, message, where, help, the fix, the valid choices), and bounded.

use schemars::JsonSchema;
use serde::Serialize;

/// The most diagnostics one result lists; the rest are counted in `diagnostics_omitted`.
pub const MAX_DIAGNOSTICS: usize = 20;

/// The most characters of a description or message carried; a longer one is cut and ends
/// with `…`.
pub const MAX_TEXT_CHARS: usize = 300;

/// One diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// The stable code, `sift::<phase>::<name>`.
    pub code: String,
    /// `error` (the input is refused), `warning` (valid, probably not what was meant) or `advice`.
    pub severity: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where in a JSON document, as an RFC 6901 JSON pointer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// 1-based line of the input where it starts.
    pub line: usize,
    /// 1-based column (in characters) where it starts.
    pub column: usize,
    /// The text of the input it points at.
    pub found_text: String,
    /// How to put it right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A machine-applicable fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FindingFix>,
    /// The valid choices here: the nearest names (did you mean), the operators of the field's
    /// type, the allowed keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// What was expected here (JSON documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
}

/// A fix of one diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FindingFix {
    /// The text of the input the fix replaces (at most 300 characters shown).
    pub replaces: String,
    /// What replaces it.
    pub replacement: String,
    /// `safe` (means the same; applied in `corrected`) or `unsafe` (a guess, such as the
    /// nearest name; applied only when `unsafe_fixes` is set).
    pub kind: String,
}

/// A bounded list of diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Findings {
    /// At most 20 diagnostics, in input order.
    pub diagnostics: Vec<Finding>,
    /// How many more there were.
    pub diagnostics_omitted: usize,
}

impl Findings {
    /// The first [`MAX_DIAGNOSTICS`] of `diagnostics`, located in `source`.
    pub fn of(diagnostics: sift::Diagnostics, source: &str) -> Findings {
        let total = diagnostics.len();
        let mut kept = diagnostics.into_vec();
        kept.truncate(MAX_DIAGNOSTICS);
        let kept: sift::Diagnostics = kept.into_iter().collect();
        let diagnostics = kept
            .to_reports(source)
            .into_iter()
            .map(|report| finding(report, source))
            .collect::<Vec<_>>();
        Findings {
            diagnostics_omitted: total - diagnostics.len(),
            diagnostics,
        }
    }

    /// Whether one of them is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == "error")
    }
}

fn finding(report: sift::DiagnosticReport, source: &str) -> Finding {
    let kind =
        sift::lints::code_info(report.code).map_or(sift::lints::FixKind::None, |info| info.fix);
    let fix = report.fix.map(|fix| FindingFix {
        replaces: cut(source.get(fix.span.range()).unwrap_or_default()),
        replacement: fix.replacement,
        kind: match kind {
            sift::lints::FixKind::Safe => "safe",
            _ => "unsafe",
        }
        .to_owned(),
    });
    Finding {
        found_text: cut(source.get(report.range.range()).unwrap_or_default()),
        code: report.code.to_owned(),
        severity: report.severity.as_str().to_owned(),
        message: cut(&report.message),
        pointer: report.pointer,
        line: report.line,
        column: report.column,
        help: report.help.as_deref().map(cut),
        fix,
        alternatives: report.alternatives,
        expected: report.expected,
    }
}

/// `text` cut to [`MAX_TEXT_CHARS`] characters, ending with `…` when cut.
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
