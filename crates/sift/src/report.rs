//! Diagnostics as plain records for machines (CI, editors): byte ranges plus 1-based line and
//! column, computed for all diagnostics in one pass over the source.

use std::cell::Cell;
use std::ops::Range;

use serde::{Serialize, Serializer};
use sift_syntax::{Fix, Span};

use crate::{Diagnostic, Diagnostics, Label, Severity};

/// A span as JSON writes it: `{"start": 3, "end": 9}`.
pub(crate) fn span_as_range<S: Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Range {
        start: u32,
        end: u32,
    }
    Range {
        start: span.start,
        end: span.end,
    }
    .serialize(serializer)
}

/// A fix as JSON writes it: `{"range": {"start": 3, "end": 9}, "replacement": "…"}`.
fn fix_as_json<S: Serializer>(fix: &Option<Fix>, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct FixJson<'f> {
        #[serde(serialize_with = "span_as_range")]
        range: Span,
        replacement: &'f str,
    }
    fix.as_ref()
        .map(|fix| FixJson {
            range: fix.span,
            replacement: &fix.replacement,
        })
        .serialize(serializer)
}

/// One diagnostic as a record. `line` and `column` are 1-based; columns count characters
/// (Unicode scalar values), not bytes. `end_line`/`end_column` locate the end of `range`.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiagnosticReport {
    /// The stable code, `sift::<phase>::<name>`.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The primary span.
    #[serde(serialize_with = "span_as_range")]
    pub range: Span,
    /// The line of `range.start`.
    pub line: usize,
    /// The column of `range.start`.
    pub column: usize,
    /// The line of `range.end`.
    pub end_line: usize,
    /// The column of `range.end`.
    pub end_column: usize,
    /// Every labelled span.
    pub labels: Vec<Label>,
    /// How to put it right.
    pub help: Option<String>,
    /// A machine-applicable fix.
    #[serde(serialize_with = "fix_as_json")]
    pub fix: Option<Fix>,
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

/// The diagnostics of one source in a machine document (what `sift check --format json`
/// lists per file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// How the source is named (a path, `<query>`, `<stdin>`).
    pub path: String,
    /// Its diagnostics, located in it.
    pub diagnostics: Vec<DiagnosticReport>,
}

/// Counts over the sources of a machine document, so that a CI job need not count itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReportSummary {
    /// Sources counted.
    pub files: usize,
    /// Errors over all of them.
    pub errors: usize,
    /// Warnings over all of them.
    pub warnings: usize,
}

impl ReportSummary {
    /// Counts one more source with these diagnostics.
    pub fn count(&mut self, diagnostics: &Diagnostics) {
        self.files += 1;
        self.errors += diagnostics.error_count();
        self.warnings += diagnostics.warning_count();
    }
}

/// The machine document of one source: `{"files": [FileReport], "summary": ReportSummary}`.
#[derive(Serialize)]
struct SingleSource {
    files: [FileReport; 1],
    summary: ReportSummary,
}

impl Diagnostics {
    /// Every diagnostic as a [`DiagnosticReport`], located in `source` (the text the
    /// diagnostics came from). Linear in the source length plus `n log n` in the diagnostics.
    pub fn to_reports(&self, source: &str) -> Vec<DiagnosticReport> {
        let index = SourceIndex::new(source);
        let mut reports: Vec<DiagnosticReport> = self.iter().map(unlocated).collect();
        for report in &mut reports {
            (report.line, report.column) = index.position(report.range.lo());
            (report.end_line, report.end_column) = index.position(report.range.hi());
        }
        reports
    }

    /// The machine document of these diagnostics of `source`, named `name`, as pretty JSON:
    /// what `sift compile --format json` (and every command reporting on one source) prints,
    /// `{"files": [{"path", "diagnostics"}], "summary": {"files", "errors", "warnings"}}`.
    ///
    /// ```
    /// use sift::schema::harvest;
    /// use sift::{Options, check};
    ///
    /// let source = "from users where is_actve = true";
    /// let document = check(source, harvest(), &Options::default()).to_json_document("<query>", source);
    /// assert!(document.contains(r#""code": "sift::check::unknown_field""#));
    /// ```
    pub fn to_json_document(&self, name: &str, source: &str) -> String {
        let mut summary = ReportSummary::default();
        summary.count(self);
        let document = SingleSource {
            files: [FileReport {
                path: name.to_owned(),
                diagnostics: self.to_reports(source),
            }],
            summary,
        };
        // Strings, numbers and enums only: serialising cannot fail.
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }
}

/// The record without line and column (filled in afterwards, for all records at once).
fn unlocated(diagnostic: &Diagnostic) -> DiagnosticReport {
    DiagnosticReport {
        pointer: diagnostic.pointer().map(str::to_owned),
        expected: diagnostic.expected().map(str::to_owned),
        found: diagnostic.found().map(str::to_owned),
        alternatives: diagnostic.alternatives().to_vec(),
        code: diagnostic.code(),
        severity: diagnostic.severity(),
        message: diagnostic.message(),
        range: diagnostic.span(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        labels: diagnostic.labels(),
        help: diagnostic.help(),
        fix: diagnostic.fix(),
    }
}

/// Lines and character columns of one source, indexed once so that each lookup costs a binary
/// search plus at most a fixed block of bytes (256), however long the line. Lines end at LF, CR
/// or CRLF, as the lexer decides ([`line_break_len`](crate::syntax::line_break_len)).
///
/// The source is read through it — [`SourceIndex::slice`] — and it counts the bytes it reads
/// ([`SourceIndex::work`]): the whole text once when built, the block each lookup scans, every
/// slice handed out. A renderer that draws each diagnostic from its labels' windows adds a
/// bounded amount per diagnostic; one that reads the source again per diagnostic adds the
/// source's length each time, which a test of its work sees.
#[derive(Clone, Debug)]
pub struct SourceIndex<'s> {
    text: &'s str,
    /// Byte offset of each line's first byte.
    line_starts: Vec<usize>,
    /// Byte offset just past each line's last character (before its terminator).
    line_ends: Vec<usize>,
    /// Characters before byte `k * BLOCK`, for each `k`.
    chars_before_block: Vec<usize>,
    /// Bytes read so far.
    read: Cell<usize>,
}

impl<'s> SourceIndex<'s> {
    const BLOCK: usize = 256;

    /// Indexes the lines of `text`, in one pass.
    pub fn new(text: &'s str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        let mut chars_before_block = Vec::with_capacity(bytes.len() / Self::BLOCK + 1);
        let mut chars = 0;
        let mut at = 0;
        while at < bytes.len() {
            if at % Self::BLOCK == 0 {
                chars_before_block.push(chars);
            }
            let terminator = sift_syntax::line_break_len(bytes, at);
            if terminator > 0 {
                line_ends.push(at);
                for step in 0..terminator {
                    if (at + step) % Self::BLOCK == 0 && step > 0 {
                        chars_before_block.push(chars + step);
                    }
                }
                chars += terminator;
                at += terminator;
                line_starts.push(at);
                continue;
            }
            if bytes[at] & 0xC0 != 0x80 {
                chars += 1;
            }
            at += 1;
        }
        chars_before_block.push(chars);
        line_ends.push(bytes.len());
        SourceIndex {
            text,
            line_starts,
            line_ends,
            chars_before_block,
            read: Cell::new(bytes.len()),
        }
    }

    /// The bytes `range` of the text, when they lie on character boundaries inside it;
    /// counted as read.
    pub fn slice(&self, range: Range<usize>) -> Option<&'s str> {
        let part = self.text.get(range)?;
        self.read.set(self.read.get().saturating_add(part.len()));
        Some(part)
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether byte `offset` starts a character (or is the text's end).
    pub fn is_char_boundary(&self, offset: usize) -> bool {
        self.text.is_char_boundary(offset)
    }

    /// Bytes of the text read so far: by the index itself and through [`SourceIndex::slice`].
    pub fn work(&self) -> usize {
        self.read.get()
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding byte `offset` (offsets past the end are on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte range of 0-based `line`, without its terminator.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self.line_ends.get(line).copied().unwrap_or(self.text.len());
        start..end.max(start)
    }

    /// Characters (Unicode scalar values) before byte `offset`; an offset inside a character
    /// counts that character as passed.
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / Self::BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        let from = block * Self::BLOCK;
        let bytes = self.text.as_bytes().get(from..offset).unwrap_or_default();
        self.read.set(self.read.get().saturating_add(bytes.len()));
        base + bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    }

    /// The 0-based character column of byte `offset` on its line.
    pub fn column_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let start = self.line_range(self.line_of(offset)).start;
        self.chars_before(offset) - self.chars_before(start)
    }

    /// 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        (self.line_of(offset) + 1, self.column_of(offset) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &str, offset: usize) -> (usize, usize) {
        SourceIndex::new(source).position(offset)
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
    fn every_line_terminator_ends_a_line() {
        let source = "a\rb\r\nc\nd";
        assert_eq!(at(source, 2), (2, 1));
        assert_eq!(at(source, 5), (3, 1));
        assert_eq!(at(source, 7), (4, 1));
        assert_eq!(SourceIndex::new(source).line_range(1), 2..3);
    }

    #[test]
    fn columns_on_a_long_line_of_wide_characters() {
        let source = "漢".repeat(1000) + "x";
        assert_eq!(at(&source, 3000), (1, 1001));
        assert_eq!(at(&source, 1500), (1, 501));
        // Inside a character: that character counts as passed.
        assert_eq!(at(&source, 1501), (1, 502));
    }
}
