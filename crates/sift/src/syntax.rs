//! For tools that read sift text themselves (an editor, a highlighter, a linter): the token
//! stream of any text, finished or not, with byte spans; the decoder of strings and quoted
//! names; lines and columns; how sift writes a field name; the date grammar; the one table
//! of invisible characters that reorder text; and the syntax tree. [`parse`] reads a text into
//! a [`Document`] of [`Query`]s; each query's filter lives in its [`Tree`], an arena: every
//! expression is an [`ExprKind`] at an [`ExprId`] (`And`/`Or` over [`Children`], `Not`,
//! `Paren`, `Condition` at a [`CondId`]), with its span at `tree.span(id)`; [`PerExpr`] and
//! [`PerCondition`] are side tables over a tree's ids, [`InTree`] compares expressions without
//! their spans, and [`Owned`] is a whole expression for [`Tree::add`] to build from.
//!
//! ```
//! use sift::syntax::{ExprKind, Limits, Rhs, parse, tokens, unquote, TokenKind};
//!
//! let source = r"from users where `first\`name` ~ 'Ann'";
//! let quoted = tokens(source)
//!     .into_iter()
//!     .find(|t| matches!(t.kind, TokenKind::QuotedName { .. }))
//!     .map(|t| &source[t.span.range()]);
//! assert_eq!(quoted, Some(r"`first\`name`"));
//! assert_eq!(unquote(r"`first\`name`").as_deref(), Some("first`name"));
//!
//! // Every condition of a filter, with the text of its field.
//! let parsed = parse("a = 1 and not (b in [2, 3] or c.d ~ 'x')", &Limits::default());
//! let query = &parsed.document.queries[0];
//! let tree = &query.tree;
//! let mut fields = Vec::new();
//! let mut stack = Vec::from_iter(query.filter);
//! while let Some(id) = stack.pop() {
//!     match tree[id] {
//!         ExprKind::And(items) | ExprKind::Or(items) => {
//!             stack.extend(tree.children(items).iter().rev());
//!         }
//!         ExprKind::Not(inner) | ExprKind::Paren(inner) => stack.push(inner),
//!         ExprKind::Condition(c) => {
//!             let condition = &tree[c];
//!             fields.push(condition.field.key().into_owned());
//!             if let Rhs::Condition(inner) = condition.rhs {
//!                 stack.push(inner);
//!             }
//!         }
//!     }
//! }
//! assert_eq!(fields, ["a", "b", "c.d"]);
//! ```

use std::borrow::Cow;

use sift_syntax::ast::{Name, Path, Segments};

pub use crate::report::SourceIndex;
pub use sift_syntax::ast::{
    Children, CondId, Condition, Document, ExprId, ExprKind, List, Op, OpKind, Owned, PerCondition,
    PerExpr, Query, Rhs, Tree, Value, ValueKind,
};
pub use sift_syntax::{
    DateForm, InTree, LINE_BREAKS, NotADate, Token, TokenKind, date_form, is_bidi_control,
    line_break_len, tokens, unquote,
};
pub use sift_syntax::{Limits, Parsed, parse};

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
