//! `sift-syntax`: sift source text → AST with byte spans, and the canonical formatter.
//!
//! No schema, no IO. Parsing never panics: it returns what it could build together with every
//! [`SyntaxError`] it found. The grammar is `grammar/sift.ebnf`; each parser function quotes its
//! rule.
//!
//! A query's filter lives in an arena ([`ast::Tree`]): dropping it frees a few vectors, with no
//! recursion. The parser caps nesting at [`Limits::effective_depth`] (at most
//! [`Limits::DEPTH_CEILING`]), so the walks that recurse (formatting, [`SpanlessEq`]) stay
//! shallow.

pub mod ast;
mod dates;
mod error;
mod format;
mod leaf;
mod lexer;
mod limits;
pub mod number;
mod parser;
mod quoted;
mod segments;
mod span;
mod spanless;
mod tokens;
mod tree;

pub use dates::{DateForm, NotADate, date_form};
pub use error::SyntaxError;
pub use format::{
    format_condition, format_document, format_entity_name, format_expr, format_path, format_query,
    format_value,
};
pub use lexer::{
    BYTE_ORDER_MARK, Keyword, LINE_BREAKS, is_bidi_control, is_line_break, line_break_len,
};
pub use limits::Limits;
pub use quoted::unquote;
pub use span::{Fix, MAX_SOURCE_BYTES, Span, SuggestFix};
pub use spanless::{InTree, SpanlessEq};
pub use tokens::{CLAUSE_KEYWORDS, Token, TokenKind, tokens};

use ast::Document;

/// What [`parse`] built, and every error it found. Queries that failed to parse are left out of
/// `document`; the document is only meaningful when `errors` is empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed<'a> {
    pub document: Document<'a>,
    pub errors: Vec<SyntaxError>,
}

impl Parsed<'_> {
    /// Whether the source parsed without errors (warnings, such as a bidirectional control
    /// in a comment, do not count).
    pub fn is_ok(&self) -> bool {
        self.errors.iter().all(SyntaxError::is_warning)
    }
}

/// Parses a `.sift` document: queries separated by `;`, or a bare filter expression (a query
/// whose `from` is `None`). Never fails and never panics; after an error it resumes at the next
/// `;`, so later queries are still parsed and their errors reported.
pub fn parse<'a>(src: &'a str, limits: &Limits) -> Parsed<'a> {
    if src.len() > limits.effective_file_bytes() {
        return Parsed {
            document: Document {
                span: Span::new(0, src.len()),
                queries: Vec::new(),
                comments: Vec::new(),
            },
            errors: vec![SyntaxError::FileTooLarge {
                span: Span::new(0, 0),
                size: src.len(),
                limit: limits.effective_file_bytes(),
            }],
        };
    }
    parser::Parser::new(src, limits).document()
}
