//! The common form of a condition — `path op value` with a bare path, a symbol operator and a
//! plain value — read in one pass. The rules are those of `expr.rs` and `literal.rs`; this only
//! reads the inputs on which they record nothing, and hands every other input back untouched,
//! so [`Parser::condition`] reads it in full from the same place and the result is the same.

use std::borrow::Cow;

use super::Parser;
use super::expr::symbol_operator;
use super::literal::small_integer;
use crate::ast::{ExprId, Name, Op, Path, Rhs, Segments, Value, ValueKind};
use crate::lexer::{
    Keyword, blank, is_symbol_byte, is_word_start_byte, keyword, looks_like_date, peek_word,
    scan_delimited,
};
use crate::number::scan_number;

impl<'a> Parser<'a> {
    /// `condition = path , predicate ;` in its common form: a path of bare segments joined by
    /// `.`, a symbol operator (a `compare_op` or `~`) and a plain value (a string without
    /// escapes, a number, `true`, `false` or `null`): pushed on `operands`, with the rest after
    /// it. `None` (having changed nothing) for any other input, and where the node limit would
    /// be reached.
    #[inline]
    pub(super) fn plain_condition(
        &self,
        i: &'a str,
        operands: &mut Vec<ExprId>,
    ) -> Option<&'a str> {
        let word = self.word(i)?;
        // `and`, `or` and clause keywords are errors, or need a look further on.
        if keyword(word)
            .is_some_and(|k| matches!(k, Keyword::And | Keyword::Or) || k.starts_clause())
        {
            return None;
        }
        let (mut rest, first) = self.plain_segment(i, word)?;
        let mut segments = Segments::one(first);
        while let Some(after_dot) = rest.strip_prefix('.') {
            let (r, name) = self.plain_segment(after_dot, peek_word(after_dot)?)?;
            segments.push(name);
            rest = r;
        }
        let field = Path {
            span: self.span(i, rest),
            segments,
        };
        let j = blank(rest);
        let bytes = j.as_bytes();
        let run = bytes
            .iter()
            .position(|&b| !is_symbol_byte(b))
            .unwrap_or(bytes.len());
        let kind = symbol_operator(bytes.get(..run)?)?;
        let after = j.get(run..)?;
        let op = Op {
            span: self.span(j, after),
            kind,
        };
        let (rest, value) = self.plain_value(blank(after))?;
        // The value and the condition are a node each.
        let nodes = self.nodes.get() + 2;
        if nodes > self.limits.max_nodes {
            return None;
        }
        self.nodes.set(nodes);
        let end = value.span.hi();
        operands.push(self.condition_expr(field, op, Rhs::Value(value), end));
        Some(rest)
    }

    /// `bare_segment = ( letter | "_" ) , { letter | digit | "_" } ;` — the bare `word` opening
    /// `i`, when no character a name could run on with follows it.
    #[inline]
    fn plain_segment(&self, i: &'a str, word: &'a str) -> Option<(&'a str, Name<'a>)> {
        let rest = i.get(word.len()..)?;
        if rest
            .as_bytes()
            .first()
            .is_some_and(|&b| b == b'-' || !b.is_ascii())
        {
            return None;
        }
        let name = Name {
            span: self.span(i, rest),
            text: Cow::Borrowed(word),
            quoted: false,
        };
        Some((rest, name))
    }

    /// The plain values of `value`: a string without escapes that closes on its line, a number
    /// that fits (an integer in 18 digits), `true`, `false` or `null`.
    #[inline]
    fn plain_value(&self, i: &'a str) -> Option<(&'a str, Value<'a>)> {
        let bytes = i.as_bytes();
        let (rest, kind) = match *bytes.first()? {
            quote @ (b'"' | b'\'') => {
                let body = i.get(1..)?;
                let len = plain_string_len(body, quote)?;
                (
                    body.get(len + 1..)?,
                    ValueKind::String(Cow::Borrowed(body.get(..len)?)),
                )
            }
            b if b.is_ascii_digit() && looks_like_date(i) => return None,
            b if b.is_ascii_digit() || b == b'-' => {
                // The one number grammar; an integer that needs more than 18 digits, or a
                // leading zero the grammar stops after, is left to the rule.
                let scan = scan_number(i).ok()?;
                let (text, rest) = i.split_at_checked(scan.len)?;
                let kind = if scan.integer {
                    ValueKind::Integer(small_integer(text.as_bytes())?)
                } else {
                    ValueKind::Decimal(Cow::Borrowed(text))
                };
                // A number may not run on into a letter, a digit, `_` or `.`.
                if rest.as_bytes().first().is_some_and(|&b| {
                    !b.is_ascii() || b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
                }) {
                    return None;
                }
                (rest, kind)
            }
            b if is_word_start_byte(b) => {
                let word = peek_word(i)?;
                let kind = match keyword(word)? {
                    Keyword::True => ValueKind::Bool(true),
                    Keyword::False => ValueKind::Bool(false),
                    Keyword::Null => ValueKind::Null,
                    _ => return None,
                };
                (i.get(word.len()..)?, kind)
            }
            _ => return None,
        };
        let span = self.span(i, rest);
        Some((rest, Value { span, kind }))
    }
}

/// The bytes a string holds before its closing `quote`, when it has no escape and closes on its
/// line, as the lexer's one scanner reads it.
#[inline]
fn plain_string_len(body: &str, quote: u8) -> Option<usize> {
    let scan = scan_delimited(body, char::from(quote));
    (scan.closed && !scan.escaped).then_some(scan.len)
}
