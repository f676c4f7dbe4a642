//! For tools that read sift text themselves (an editor, a highlighter, a linter): the token
//! stream of any text, finished or not, with byte spans; the decoder of strings and quoted
//! names; lines and columns; how sift writes a field name; the date grammar; the one table
//! of invisible characters that reorder text. The types of the filter's arena ([`Tree`],
//! its ids [`ExprId`] and [`CondId`], the node shape [`ExprKind`], chain operands
//! [`Children`], the side tables [`PerExpr`] and [`PerCondition`], and [`InTree`] for
//! comparing expressions without their spans) are here to walk a tree by; no function of
//! this crate returns one yet.
//!
//! ```
//! use sift::syntax::{TokenKind, tokens, unquote};
//!
//! let source = r"from users where `first\`name` ~ 'Ann'";
//! let quoted = tokens(source)
//!     .into_iter()
//!     .find(|t| matches!(t.kind, TokenKind::QuotedName { .. }))
//!     .map(|t| &source[t.span.range()]);
//! assert_eq!(quoted, Some(r"`first\`name`"));
//! assert_eq!(unquote(r"`first\`name`").as_deref(), Some("first`name"));
//! ```

use std::borrow::Cow;

use sift_syntax::ast::{Name, Path, Segments};

pub use crate::report::SourceIndex;
pub use sift_syntax::ast::{Children, CondId, ExprId, ExprKind, PerCondition, PerExpr, Tree};
pub use sift_syntax::{
    DateForm, InTree, LINE_BREAKS, NotADate, Token, TokenKind, date_form, is_bidi_control,
    line_break_len, tokens, unquote,
};

/// A field name as sift source writes it: bare where it can be, in backticks where it must
/// be (`customer.id` is one field, so it prints as `` `customer.id` ``).
///
/// ```
/// assert_eq!(sift::syntax::format_field_name("first_name"), "first_name");
/// assert_eq!(sift::syntax::format_field_name("customer.id"), "`customer.id`");
/// ```
pub fn format_field_name(name: &str) -> String {
    let segment = Name {
        span: crate::Span::default(),
        text: Cow::Borrowed(name),
        quoted: false,
    };
    sift_syntax::format_path(&Path {
        span: crate::Span::default(),
        segments: Segments::one(segment),
    })
}
