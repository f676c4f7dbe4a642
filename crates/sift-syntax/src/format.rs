//! The canonical formatter. Output re-parses to the same AST (spans aside): keywords lower-case,
//! single spaces, double-quoted strings with minimal escapes, lists in brackets, parentheses
//! exactly where the AST has `Paren`, backticks only where a bare name would be misread.
//!
//! Layout: a bare filter is one line; a query puts each clause on its own line
//! (`from x\nwhere …\nsort a desc, b\nlimit 50\nfields id, client.name`); the queries of a
//! document are separated by `;` and a blank line. No trailing newline. Comments: see
//! [`layout`].

mod layout;

use std::fmt::Write;

use crate::ast::{
    Condition, Document, ExprId, ExprKind, Name, Path, Query, Rhs, Tree, Value, ValueKind,
};
use crate::lexer::{Keyword, is_bare_name, is_bidi_control, is_entity_keyword};
use layout::Printer;

/// Words a bare first segment may not be, by position.
#[derive(Clone, Copy)]
enum Position {
    /// Where a condition starts: `and`, `or` and `not` would be read as logic.
    Condition,
    /// Sort keys and fields, where a path is required: any word is a name.
    Required,
    /// After `from`: only the words that start a clause there are reserved.
    Entity,
}

/// Formats a document: queries separated by `;` and a blank line, every comment kept in order
/// (placement rules in `grammar/README.md`, Comments).
pub fn format_document(document: &Document) -> String {
    let mut printer = Printer::new(&document.comments);
    let mut queries = document.queries.iter().peekable();
    while let Some(query) = queries.next() {
        let next_start = queries.peek().map(|q| q.span.lo());
        printer.query(query, next_start.unwrap_or(usize::MAX));
        if let Some(next_start) = next_start {
            printer.end_query(next_start);
        }
    }
    printer.finish()
}

/// Formats one query: a bare filter on one line, or one clause per line. (A query holds no
/// comments; [`format_document`] keeps them.)
pub fn format_query(query: &Query) -> String {
    let mut printer = Printer::new(&[]);
    printer.query(query, usize::MAX);
    printer.finish()
}

/// Formats an expression of `tree` on one line.
pub fn format_expr(tree: &Tree, expr: ExprId) -> String {
    let mut out = String::new();
    write_expr(&mut out, tree, expr);
    out
}

/// Formats a value: strings double-quoted with minimal escapes; numbers, dates and date-times
/// verbatim.
pub fn format_value(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Formats a path as it may start a condition (the strictest position: a first segment named
/// `and`, `or` or `not` gets backticks).
pub fn format_path(path: &Path) -> String {
    let mut out = String::new();
    write_path(&mut out, path, Position::Condition);
    out
}

/// A name as the formatter writes it after `from`: bare when it can be, in backticks (a literal backtick doubled) otherwise.
pub fn format_entity_name(name: &str) -> String {
    let mut out = String::new();
    let name = Name {
        span: crate::Span::default(),
        text: std::borrow::Cow::Borrowed(name),
        quoted: false,
    };
    write_name(&mut out, &name, Position::Entity);
    out
}

fn write_expr(out: &mut String, tree: &Tree, expr: ExprId) {
    match tree[expr] {
        kind @ (ExprKind::And(items) | ExprKind::Or(items)) => {
            let joiner = if matches!(kind, ExprKind::And(_)) {
                " and "
            } else {
                " or "
            };
            for (n, &item) in tree.children(items).iter().enumerate() {
                if n > 0 {
                    out.push_str(joiner);
                }
                write_expr(out, tree, item);
            }
        }
        ExprKind::Not(inner) => {
            out.push_str("not ");
            write_expr(out, tree, inner);
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            write_expr(out, tree, inner);
            out.push(')');
        }
        ExprKind::Condition(c) => write_condition(out, tree, &tree[c]),
    }
}

/// Formats a condition on one line; `tree` holds what an `any` on its right-hand side names.
pub fn format_condition(tree: &Tree, condition: &Condition) -> String {
    let mut out = String::new();
    write_condition(&mut out, tree, condition);
    out
}

fn write_condition(out: &mut String, tree: &Tree, c: &Condition) {
    write_path(out, &c.field, Position::Condition);
    out.push(' ');
    out.push_str(c.op.kind.as_str());
    match &c.rhs {
        Rhs::Value(v) => {
            out.push(' ');
            write_value(out, v);
        }
        Rhs::List(list) => {
            out.push_str(" [");
            for (n, v) in list.items.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                write_value(out, v);
            }
            out.push(']');
        }
        Rhs::Range { low, high } => {
            out.push(' ');
            write_value(out, low);
            out.push_str(" and ");
            write_value(out, high);
        }
        Rhs::Condition(inner) => {
            out.push_str(" (");
            write_expr(out, tree, *inner);
            out.push(')');
        }
        Rhs::Nothing => {}
    }
}

fn write_path(out: &mut String, path: &Path, position: Position) {
    for (n, segment) in path.segments.iter().enumerate() {
        if n > 0 {
            out.push('.');
            write_name(out, segment, Position::Required);
        } else {
            write_name(out, segment, position);
        }
    }
}

fn write_name(out: &mut String, name: &Name, position: Position) {
    let bare = match position {
        Position::Condition => is_bare_name(&name.text, &Keyword::LOGIC),
        Position::Required => is_bare_name(&name.text, &[]),
        Position::Entity => is_bare_name(&name.text, &[]) && !is_entity_keyword(&name.text),
    };
    if bare {
        out.push_str(&name.text);
    } else {
        write_escaped(out, &name.text, '`');
    }
}

fn write_value(out: &mut String, value: &Value) {
    match &value.kind {
        ValueKind::String(s) => write_string(out, s),
        ValueKind::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        ValueKind::Decimal(text) | ValueKind::Date(text) | ValueKind::DateTime(text) => {
            out.push_str(text);
        }
        ValueKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ValueKind::Null => out.push_str("null"),
        ValueKind::Relative(time) => {
            let _ = write!(out, "{time}");
        }
    }
}

/// A double-quoted string: `"` and `\` escaped, control characters as `\n \t \r \b \f` or
/// `\uXXXX`, and so are DEL, the C1 controls and the bidirectional controls, so that formatted
/// text shows on a terminal exactly what the string holds; everything else as is.
fn write_string(out: &mut String, s: &str) {
    write_escaped(out, s, '"');
}

/// `s` between two `delim`s with the escapes of strings and quoted names (one rule for both):
/// a backtick in a name is doubled, the delimiter of a string and `\` take a `\`.
fn write_escaped(out: &mut String, s: &str, delim: char) {
    out.push(delim);
    for c in s.chars() {
        match c {
            '`' if delim == '`' => out.push_str("``"),
            '"' if delim == '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() || is_bidi_control(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push(delim);
}
