//! An open document: its text, version, line index and what the last check found, kept
//! current as edits arrive.

use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};
use sift::DiagnosticReport;

use crate::position::{Encoding, LineIndex};

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
                    self.text.replace_range(lo..hi, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.reindex();
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
