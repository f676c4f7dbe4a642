//! An open document: its text, version, line index and what the last check found, kept
//! current as edits arrive.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};
use sift::DiagnosticReport;

use crate::position::{Encoding, LineIndex};
use crate::project::Project;

/// What each query's text was found to have, by its text.
pub type Findings = HashMap<String, Vec<DiagnosticReport>>;

#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
    pub lines: LineIndex,
    /// The file's path, for `file:` URIs: where its `sift.toml` is looked for.
    pub path: Option<PathBuf>,
    /// The project file that applies (`None`: the built-in defaults).
    pub project: Option<PathBuf>,
    /// What the last check of `text` found: code actions and hovers read it.
    pub reports: Vec<DiagnosticReport>,
    /// Where each query starts (after the `;` that ends the one before), ascending: completion
    /// and hover look at the query under the cursor only.
    pub query_starts: Vec<usize>,
    /// What each query's text was found to have (ranges from the query's start), and the
    /// project it was checked with: an edit checks again only the queries it changed.
    pub checked: Option<(Arc<Project>, Findings)>,
}

impl Document {
    pub fn new(uri: Uri, text: String, version: i32) -> Document {
        let path = file_path(&uri);
        let mut document = Document {
            uri,
            text,
            version,
            lines: LineIndex::default(),
            path,
            project: None,
            reports: Vec::new(),
            query_starts: Vec::new(),
            checked: None,
        };
        document.reindex();
        document
    }

    /// Applies the edits of one `didChange`, in order: a change with a range replaces that
    /// range (positions in the text as the edits before it left it), one without replaces
    /// the whole text.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let lo = self.lines.offset(&self.text, range.start, encoding);
                    let hi = self.lines.offset(&self.text, range.end, encoding).max(lo);
                    let (region_lo, region_hi) = self.lines.lines_around(&self.text, lo, hi);
                    self.text.replace_range(lo..hi, &change.text);
                    let new_hi = region_hi - (hi - lo) + change.text.len();
                    self.query_starts =
                        splice_starts(&self.query_starts, &self.text, region_lo, region_hi, new_hi);
                    self.lines = LineIndex::new(&self.text);
                }
                None => {
                    self.text = change.text;
                    self.reindex();
                }
            }
        }
    }

    /// Each query's byte range, in order.
    pub fn queries(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let ends = self
            .query_starts
            .iter()
            .skip(1)
            .copied()
            .chain([self.text.len()]);
        self.query_starts.iter().copied().zip(ends)
    }

    fn reindex(&mut self) {
        self.lines = LineIndex::new(&self.text);
        self.query_starts = query_starts(&self.text);
    }

    /// The query holding byte `offset`: its start, and the text from there to its end.
    pub fn query_at(&self, offset: usize) -> (usize, &str) {
        let at = self.query_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.query_starts.get(at).copied().unwrap_or(0);
        let end = self
            .query_starts
            .get(at + 1)
            .copied()
            .unwrap_or(self.text.len());
        (start, self.text.get(start..end).unwrap_or(""))
    }
}

/// The start of each query: 0, and the byte after each `;` token (a `;` in a string or a
/// comment is none: the lexer's tokens decide).
pub fn query_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        sift_syntax::tokens(text)
            .into_iter()
            .filter(|t| {
                t.kind == sift_syntax::TokenKind::Punct
                    && text.get(t.span.lo()..t.span.hi()) == Some(";")
            })
            .map(|t| t.span.hi()),
    );
    starts
}

/// The query starts of a text edited within `region_lo..old_hi` (whole lines: a line start to
/// a line start), which the edit made `region_lo..new_hi`: the starts before the region kept,
/// the region's read again, the ones after it moved. A line is read alone because every
/// token ends at a line break (comments, strings and quoted names included).
fn splice_starts(
    old: &[usize],
    text: &str,
    region_lo: usize,
    old_hi: usize,
    new_hi: usize,
) -> Vec<usize> {
    let before = old.partition_point(|&s| s <= region_lo);
    let after = old.partition_point(|&s| s <= old_hi);
    let mut starts: Vec<usize> = old[..before].to_vec();
    let region = text.get(region_lo..new_hi).unwrap_or("");
    starts.extend(
        query_starts(region)
            .into_iter()
            .skip(1)
            .map(|s| s + region_lo),
    );
    starts.extend(old[after..].iter().map(|&s| s - old_hi + new_hi));
    starts
}

/// The path of a `file:` URI, percent-decoded.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |i: usize| bytes.get(i).and_then(|b| (*b as char).to_digit(16));
        match (bytes[at], hex(at + 1), hex(at + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                decoded.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                at += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    let path = String::from_utf8(decoded).ok()?;
    // `file://host/path` names a host; only local files are read.
    path.starts_with('/').then(|| PathBuf::from(path))
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};

    use super::*;

    /// Edits keep the query starts the whole text has, wherever a `;` is (in strings and
    /// comments it is none), across CRLF and wide characters.
    #[test]
    fn edited_starts_are_the_starts_of_the_edited_text() {
        let text = "from users where a = \"x;y\";\r\n# c; d\nfrom 漢 where b = 1; from c\n;";
        let uri: Uri = "untitled:t".parse().expect("a URI");
        let mut document = Document::new(uri, text.to_owned(), 1);
        let edits = [
            ((0, 22), (0, 22), ";"),
            ((1, 3), (2, 4), "\"q;"),
            ((0, 0), (0, 0), "a;\n"),
            ((2, 0), (3, 1), ""),
            ((0, 1), (0, 1), "`;`;\r"),
            ((1, 0), (1, 0), "\n"),
        ];
        for ((l0, c0), (l1, c1), new) in edits {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let mut copy = Document::new(document.uri.clone(), document.text.clone(), 1);
                let change = TextDocumentContentChangeEvent {
                    range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
                    range_length: None,
                    text: new.to_owned(),
                };
                copy.apply(vec![change], encoding);
                assert_eq!(
                    copy.query_starts,
                    query_starts(&copy.text),
                    "{:?}",
                    copy.text
                );
                if encoding == Encoding::Utf16 {
                    document = copy;
                }
            }
        }
    }
}
