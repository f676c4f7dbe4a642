//! Resource limits applied while parsing. Going past one is a diagnostic, never a crash.

/// Limits on what one parse may consume. The defaults suit interactive and CI use; callers
/// raise or lower them through the library `Options` and the CLI.
///
/// The limits on size and node count apply to each query (and each JSON document) on its own,
/// so a file of ten thousand ordinary queries is as welcome as one; the whole input has its own,
/// larger limit, [`Limits::max_file_bytes`], which the CLI also enforces while reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest single query or JSON document, in bytes; a query is measured from its first
    /// token to the `;` that ends it, before it is parsed.
    pub max_input_bytes: usize,
    /// Largest whole input (a file, standard input, one source given to `parse`), in bytes;
    /// checked before any parsing.
    pub max_file_bytes: usize,
    /// Deepest nesting of `and`/`or`/`not`/parentheses/`any`. Each level becomes two levels of
    /// JSON, and common JSON readers (serde_json among them) refuse documents nested deeper than
    /// 128, so 32 keeps every compiled filter readable by its receiver.
    pub max_depth: usize,
    /// Most values in one `in [...]` list.
    pub max_list_len: usize,
    /// Most AST nodes (conditions, operators and values) in one query.
    pub max_nodes: usize,
}

impl Limits {
    /// The hard ceiling for `max_depth`, whatever the caller asks. The parser keeps an explicit
    /// stack for nesting; the recursive walks of `sift-syntax` (formatter, `SpanlessEq`, drop)
    /// need well under 128 KiB at this depth in a debug build, which leaves the later phases most
    /// of a 2 MiB thread stack (tested in `tests/limits.rs`).
    pub const DEPTH_CEILING: usize = 256;

    /// `max_file_bytes` as enforced: never above [`MAX_SOURCE_BYTES`](crate::span::MAX_SOURCE_BYTES),
    /// the most a span can address.
    pub fn effective_file_bytes(&self) -> usize {
        self.max_file_bytes.min(crate::span::MAX_SOURCE_BYTES)
    }

    /// `max_input_bytes` as enforced, under the same ceiling.
    pub fn effective_input_bytes(&self) -> usize {
        self.max_input_bytes.min(crate::span::MAX_SOURCE_BYTES)
    }

    /// `max_depth` as enforced: never above [`Limits::DEPTH_CEILING`].
    pub fn effective_depth(&self) -> usize {
        self.max_depth.min(Self::DEPTH_CEILING)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 1 << 20,
            max_file_bytes: 64 << 20,
            max_depth: 32,
            max_list_len: 10_000,
            max_nodes: 100_000,
        }
    }
}
