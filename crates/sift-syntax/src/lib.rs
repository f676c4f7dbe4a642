//! `sift-syntax`: sift source text → AST with byte spans, and the canonical formatter.
//!
//! No schema, no IO. Parsing never panics: it returns what it could build together with every
//! [`SyntaxError`] it found.

pub mod ast;
mod limits;
mod span;

pub use limits::Limits;
pub use span::{Fix, Span, SuggestFix};
