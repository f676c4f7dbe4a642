//! Diagnostics as plain records for machines (CI, editors): byte ranges plus 1-based line and
//! column, computed for all diagnostics in one pass over the source.

use miette::Severity;
use serde::Serialize;
use sift_syntax::SuggestFix;

use crate::{Diagnostic, Diagnostics};

/// A byte range `start..end` into the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ByteRange {
    pub start: usize,
    pub end: usize,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportSeverity {
    Error,
    Warning,
    Advice,
}

impl ReportSeverity {
    pub const fn as_str(self) -> &'static str {
        match self {
            ReportSeverity::Error => "error",
            ReportSeverity::Warning => "warning",
            ReportSeverity::Advice => "advice",
        }
    }
}

/// A labelled range of a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportLabel {
    pub range: ByteRange,
    pub text: Option<String>,
}

/// A machine-applicable fix: replace `range` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportFix {
    pub range: ByteRange,
    pub replacement: String,
}

/// One diagnostic as a record. `line` and `column` are 1-based; columns count characters
/// (Unicode scalar values), not bytes. `end_line`/`end_column` locate the end of `range`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiagnosticReport {
    pub code: String,
    pub severity: ReportSeverity,
    pub message: String,
    /// The primary range.
    pub range: ByteRange,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub labels: Vec<ReportLabel>,
    pub help: Option<String>,
    pub fix: Option<ReportFix>,
    /// Diagnostics about JSON documents: where, as an RFC 6901 JSON pointer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// What was expected here (JSON diagnostics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What was found instead (JSON diagnostics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// The valid choices here: operators for the field's type, nearest names, allowed keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

impl Diagnostics {
    /// Every diagnostic as a [`DiagnosticReport`], located in `source` (the text the
    /// diagnostics came from). Linear in the source length plus `n log n` in the diagnostics.
    pub fn to_reports(&self, source: &str) -> Vec<DiagnosticReport> {
        let mut reports: Vec<DiagnosticReport> = self.iter().map(unlocated).collect();
        let mut offsets: Vec<usize> = reports
            .iter()
            .flat_map(|r| [r.range.start, r.range.end])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let positions = locate(source, &offsets);
        let find = |offset: usize| {
            offsets
                .binary_search(&offset)
                .ok()
                .and_then(|i| positions.get(i).copied())
                .unwrap_or(LineColumn { line: 1, column: 1 })
        };
        for report in &mut reports {
            let start = find(report.range.start);
            let end = find(report.range.end);
            report.line = start.line;
            report.column = start.column;
            report.end_line = end.line;
            report.end_column = end.column;
        }
        reports
    }
}

/// The record without line and column (filled in afterwards, for all records at once).
fn unlocated(diagnostic: &Diagnostic) -> DiagnosticReport {
    let severity = match diagnostic.severity_or_error() {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
        Severity::Advice => ReportSeverity::Advice,
    };
    let labels: Vec<ReportLabel> = miette::Diagnostic::labels(diagnostic)
        .map(|labels| {
            labels
                .map(|l| ReportLabel {
                    range: ByteRange {
                        start: l.offset(),
                        end: l.offset().saturating_add(l.len()),
                    },
                    text: l.label().map(str::to_owned),
                })
                .collect()
        })
        .unwrap_or_default();
    let span = diagnostic.span();
    let range = ByteRange {
        start: span.start,
        end: span.end,
    };
    let (pointer, expected, found, alternatives) = match diagnostic.original() {
        Diagnostic::Json(e) => (
            Some(e.pointer.clone()),
            e.expected.clone(),
            e.found.clone(),
            e.alternatives.clone(),
        ),
        _ => (None, None, None, Vec::new()),
    };
    DiagnosticReport {
        pointer,
        expected,
        found,
        alternatives,
        code: diagnostic.code_str(),
        severity,
        message: diagnostic.to_string(),
        range,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        labels,
        help: miette::Diagnostic::help(diagnostic).map(|h| h.to_string()),
        fix: diagnostic.fix().map(|f| ReportFix {
            range: ByteRange {
                start: f.span.start,
                end: f.span.end,
            },
            replacement: f.replacement,
        }),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LineColumn {
    line: usize,
    column: usize,
}

/// Line and column of each offset in `sorted_offsets` (ascending), in one sweep over the
/// source. Offsets past the end are located at the end; an offset inside a multi-byte
/// character counts that character as passed.
fn locate(source: &str, sorted_offsets: &[usize]) -> Vec<LineColumn> {
    let bytes = source.as_bytes();
    let mut here = LineColumn { line: 1, column: 1 };
    let mut pos = 0;
    let mut out = Vec::with_capacity(sorted_offsets.len());
    for &offset in sorted_offsets {
        let target = offset.min(bytes.len());
        for &b in bytes.get(pos..target).unwrap_or_default() {
            if b == b'\n' {
                here.line += 1;
                here.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a new character starts here.
                here.column += 1;
            }
        }
        pos = pos.max(target);
        out.push(here);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &str, offset: usize) -> (usize, usize) {
        let p = locate(source, &[offset]);
        p.first().map_or((0, 0), |p| (p.line, p.column))
    }

    #[test]
    fn lines_and_character_columns() {
        let source = "ab\nçé x\n\n𝄞y";
        assert_eq!(at(source, 0), (1, 1));
        assert_eq!(at(source, 2), (1, 3));
        assert_eq!(at(source, 3), (2, 1));
        // `ç` and `é` are two bytes each: `x` is the 4th character of line 2.
        assert_eq!(at(source, 8), (2, 4));
        assert_eq!(at(source, 10), (3, 1));
        // `𝄞` is four bytes: `y` is column 2 of line 4.
        assert_eq!(at(source, 15), (4, 2));
        assert_eq!(at(source, 16), (4, 3));
        assert_eq!(at(source, 1000), (4, 3));
    }

    #[test]
    fn many_offsets_in_one_sweep() {
        let source = "a\nb\nc";
        let found = locate(source, &[0, 2, 4, 5]);
        let pairs: Vec<_> = found.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(pairs, [(1, 1), (2, 1), (3, 1), (3, 2)]);
    }
}
