//! The common form of a condition — `path op value` with a bare path, a symbol operator and a
//! plain value — read in one pass. The rules are those of `expr.rs` and `literal.rs`; this only
//! reads the inputs on which they record nothing, and hands every other input back untouched,
//! so [`Parser::condition`] reads it in full from the same place and the result is the same.

use std::borrow::Cow;

use super::Parser;
use super::expr::symbol_operator;
use super::literal::small_integer;
use crate::ast::{ExprId, List, Name, Op, OpKind, Path, Rhs, Segments, Value, ValueKind};
use crate::dates::{DateForm, date_form};
use crate::lexer::{
    Keyword, at_keyword, blank, date_run, is_symbol_byte, is_word_start_byte, keyword,
    looks_like_date, peek_word, scan_delimited,
};
use crate::number::scan_number;

impl<'a> Parser<'a> {
    /// `condition = path , predicate ;` in its common form: a path of bare segments joined by
    /// `.`, a symbol operator (a `compare_op` or `~`) and a plain value (a string without
    /// escapes, a number, a date, `true`, `false` or `null`), or `in` and a list of plain values
    /// ([`Parser::plain_in`]): pushed on `operands`, with the rest after
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
        if run == 0 && at_keyword(j, "in") {
            return self.plain_in(field, j, operands);
        }
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

    /// The rest of [`Parser::plain_condition`] for `field in [v, …]` (or `(v, …)`) with plain
    /// values only, `j` at the `in`; `None`, having changed nothing, for any other list.
    #[inline(never)]
    fn plain_in(&self, field: Path<'a>, j: &'a str, operands: &mut Vec<ExprId>) -> Option<&'a str> {
        let after_in = j.get(2..)?;
        let op = Op {
            span: self.span(j, after_in),
            kind: OpKind::In,
        };
        let open = blank(after_in);
        let closer = match open.as_bytes().first()? {
            b'[' => b']',
            b'(' => b')',
            _ => return None,
        };
        let mut rest = blank(open.get(1..)?);
        let mut items = Vec::new();
        loop {
            if items.len() >= self.max_list_len() {
                return None;
            }
            let (r, value) = self.plain_value(rest)?;
            items.push(value);
            let k = blank(r);
            match k.as_bytes().first()? {
                b',' => rest = blank(k.get(1..)?),
                &b if b == closer => {
                    rest = k.get(1..)?;
                    break;
                }
                _ => return None,
            }
        }
        // Each value and the condition are a node each.
        let nodes = self.nodes.get() + items.len() + 1;
        if nodes > self.limits.max_nodes {
            return None;
        }
        self.nodes.set(nodes);
        let list = List {
            span: self.span(open, rest),
            items,
        };
        let end = list.span.hi();
        operands.push(self.condition_expr(field, op, Rhs::List(list), end));
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
    /// that fits (an integer in 18 digits), a valid date or date-time, `true`, `false` or `null`.
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
            // A date or date-time valid on the calendar (an invalid one is the rule's to report).
            b if b.is_ascii_digit() && looks_like_date(i) => {
                let text = date_run(i);
                let kind = match date_form(text).ok()? {
                    DateForm::Date => ValueKind::Date(Cow::Borrowed(text)),
                    DateForm::DateTime => ValueKind::DateTime(Cow::Borrowed(text)),
                };
                (i.get(text.len()..)?, kind)
            }
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
