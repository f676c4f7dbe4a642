//! Expressions: `or` / `and` chains, `not`, groups and conditions.
//!
//! Conditions and their operators; the logic around them (`and`, `or`, `not`, groups) is in
//! `logic.rs`. No rule backtracks: every choice is made on the next token.

use super::{Parser, ends_operands};
use crate::ast::{
    Condition, ExprId, OPERATOR_ALIASES, OPERATOR_KEYS, OPERATOR_SPELLINGS, Op, OpKind, Rhs,
};
use crate::lexer::{
    Keyword, PResult, SYMBOL_CHARS, at_keyword, blank, describe, edit_distance, is_clause_word,
    is_kw, is_symbol_byte, keyword, peek_word, starts_operator,
};
use crate::{Fix, Span, SyntaxError};

/// What [`Parser::condition`] read: a whole condition (pushed on the operand stack), or
/// `field any (` whose inner condition comes next.
pub(super) enum Operand<'a> {
    Done,
    Any {
        field: crate::ast::Path<'a>,
        op: Op,
        open: Span,
    },
}

enum Predicate<'a> {
    Done(Op, Rhs<'a>, usize),
    Any(Op, Span),
}

/// The operator of each symbol spelling in [`OPERATOR_SPELLINGS`] (`=`, `!=`, `<=`, `~`, …), by
/// the [`SYMBOL_CHARS`] index of its first character and (after the one-character spelling at
/// 0) of its second: a symbol run is looked up, not compared with every spelling. Built from the
/// table at compile time, which fails if a symbol spelling grows past two characters.
const SYMBOL_OPERATORS: [[Option<OpKind>; SYMBOL_CHARS.len() + 1]; SYMBOL_CHARS.len()] = {
    let mut table = [[None; SYMBOL_CHARS.len() + 1]; SYMBOL_CHARS.len()];
    let mut k = 0;
    while k < OPERATOR_SPELLINGS.len() {
        let (spelling, kind) = OPERATOR_SPELLINGS[k];
        let bytes = spelling.as_bytes();
        if let Some(first) = symbol_index(bytes[0]) {
            let second = match bytes.len() {
                1 => 0,
                2 => match symbol_index(bytes[1]) {
                    Some(second) => second + 1,
                    None => panic!("a symbol operator mixes symbols and letters"),
                },
                _ => panic!("a symbol operator has more than two characters"),
            };
            // The first spelling of a text wins, as in `OpKind::from_spelling`.
            if table[first][second].is_none() {
                table[first][second] = Some(kind);
            }
        }
        k += 1;
    }
    table
};

/// The index of `b` in [`SYMBOL_CHARS`].
const fn symbol_index(b: u8) -> Option<usize> {
    let mut k = 0;
    while k < SYMBOL_CHARS.len() {
        if SYMBOL_CHARS[k] == b {
            return Some(k);
        }
        k += 1;
    }
    None
}

/// [`symbol_index`] of every byte, looked up rather than searched for (`u8::MAX` for none).
const SYMBOL_INDEX: [u8; 256] = {
    let mut table = [u8::MAX; 256];
    let mut k = 0;
    while k < SYMBOL_CHARS.len() {
        table[SYMBOL_CHARS[k] as usize] = k as u8;
        k += 1;
    }
    table
};

/// [`symbol_index`], by [`SYMBOL_INDEX`].
#[inline]
fn symbol_slot(b: u8) -> Option<usize> {
    let slot = SYMBOL_INDEX[usize::from(b)];
    (slot != u8::MAX).then_some(usize::from(slot))
}

/// The operator a run of symbol characters spells ([`OpKind::from_spelling`] for symbols).
#[inline]
pub(super) fn symbol_operator(run: &[u8]) -> Option<OpKind> {
    let row = SYMBOL_OPERATORS.get(symbol_slot(*run.first()?)?)?;
    match run {
        [_] => row[0],
        [_, second] => *row.get(symbol_slot(*second)? + 1)?,
        _ => None,
    }
}

/// "the operators are = != < … any", from the one table of spellings.
fn operator_list() -> String {
    let spellings: Vec<&str> = OPERATOR_SPELLINGS.iter().map(|(s, _)| *s).collect();
    format!("the operators are {}", spellings.join(", "))
}

impl<'a> Parser<'a> {
    /// The connective `keyword` (`and`/`or`) at `j`, or its foreign spelling `&&`/`||` (recorded);
    /// returns the rest after it.
    #[inline]
    pub(super) fn connective(&self, j: &'a str, keyword: &'static str) -> Option<&'a str> {
        if at_keyword(j, keyword) {
            return Some(&j[keyword.len()..]);
        }
        if !matches!(j.as_bytes().first(), Some(b'&' | b'|')) {
            return None;
        }
        self.foreign_connective(j, keyword)
    }

    /// The connective at `j`, `and` or `or` ([`Parser::connective`] of each, on the first
    /// byte): the keyword and the rest after it.
    #[inline]
    pub(super) fn any_connective(&self, j: &'a str) -> Option<(&'static str, &'a str)> {
        match j.as_bytes().first()? {
            b'a' | b'A' | b'&' => self.connective(j, "and").map(|after| ("and", after)),
            b'o' | b'O' | b'|' => self.connective(j, "or").map(|after| ("or", after)),
            _ => None,
        }
    }

    /// `&&` for `and`, `||` for `or`: recorded, and read as the keyword. Out of line, so the
    /// common case above stays small.
    #[cold]
    fn foreign_connective(&self, j: &'a str, keyword: &'static str) -> Option<&'a str> {
        let symbol = if keyword == "and" { "&&" } else { "||" };
        let after = j.strip_prefix(symbol)?;
        let span = self.span(j, after);
        let replacement = self.padded(keyword, span);
        self.record(if keyword == "and" {
            SyntaxError::DoubleAmpersand { span, replacement }
        } else {
            SyntaxError::DoublePipe { span, replacement }
        });
        Some(after)
    }

    /// `word`, with a space added on each side where the replaced text touches other text.
    fn padded(&self, word: &str, span: Span) -> String {
        let before = self
            .src
            .get(..span.lo())
            .and_then(|s| s.chars().next_back());
        let after = self.src.get(span.hi()..).and_then(|s| s.chars().next());
        let pad = |c: Option<char>| {
            if c.is_some_and(|c| !c.is_whitespace()) {
                " "
            } else {
                ""
            }
        };
        format!("{}{word}{}", pad(before), pad(after))
    }

    /// The `)` closing the group opened at `open`; where the input ends the group instead (end of
    /// input, `;`, a clause keyword) the missing `)` is recorded and parsing goes on.
    pub(super) fn close_paren(
        &self,
        rest: &'a str,
        open: Span,
        inner_end: usize,
    ) -> PResult<'a, usize> {
        let j = blank(rest);
        if let Some(after) = j.strip_prefix(')') {
            return Ok((after, self.off(after)));
        }
        if ends_operands(j) && !j.starts_with(']') {
            self.record(SyntaxError::UnclosedParen {
                span: open,
                found: describe(j),
                insert_at: inner_end,
            });
            return Ok((rest, inner_end));
        }
        self.fail(self.expected(
            j,
            "`)`, `and` or `or`",
            Some("a condition ends after its value; join conditions with `and` or `or`".to_owned()),
        ))
    }

    /// `condition = path , predicate ;` — for `any`, the condition is finished by
    /// [`Parser::or_expr`] once the group after `any (` closes.
    pub(super) fn condition(
        &self,
        i: &'a str,
        operands: &mut Vec<ExprId>,
    ) -> PResult<'a, Operand<'a>> {
        if let Some(rest) = self.plain_condition(i, operands) {
            return Ok((rest, Operand::Done));
        }
        if let Some(error) = self.not_a_condition(i) {
            return self.fail(error);
        }
        let (rest, field) = match self.path(i) {
            Ok(ok) => ok,
            Err(nom::Err::Error(_)) => return self.fail(self.no_condition(i)),
            Err(e) => return Err(e),
        };
        // A path in a condition position commits to a predicate.
        let (rest, predicate) = match self.predicate(rest, &field) {
            Err(nom::Err::Error(e)) => return Err(nom::Err::Failure(e)),
            other => other?,
        };
        let (op, rhs, end) = match predicate {
            Predicate::Done(op, rhs, end) => (op, rhs, end),
            Predicate::Any(op, open) => return Ok((rest, Operand::Any { field, op, open })),
        };
        self.node(Span::new(field.span.lo(), end))?;
        operands.push(self.condition_expr(field, op, rhs, end));
        Ok((rest, Operand::Done))
    }

    /// Words that cannot start a condition here: `and`, `or` and a clause keyword not followed by
    /// an operator.
    #[inline]
    fn not_a_condition(&self, i: &'a str) -> Option<SyntaxError> {
        let word = self.word(i)?;
        match keyword(word)? {
            Keyword::And | Keyword::Or => {}
            k if k.starts_clause() => {}
            _ => return None,
        }
        self.keyword_not_condition(i, word)
    }

    /// [`Parser::not_a_condition`] for a keyword word. Out of line: the common case stays small.
    #[cold]
    fn keyword_not_condition(&self, i: &'a str, word: &'a str) -> Option<SyntaxError> {
        let after = &i[word.len()..];
        let help = if is_kw(word, "and") || is_kw(word, "or") {
            format!(
                "`{}` joins two conditions; a field named `{word}` is written in backticks: `{word}`",
                word.to_lowercase()
            )
        } else if is_kw(word, "select") && !starts_operator(after) {
            String::from(
                "sift has no `select`: a query starts with `from ENTITY`, and a `fields` clause at its end picks the fields returned, as in `from clients where … fields id, name` (without one, every field comes back)",
            )
        } else if is_clause_word(word) && !starts_operator(after) {
            format!(
                "`{}` starts a clause here, but a condition was expected first; a field named `{word}` is followed by an operator, as in `{word} = 1`",
                word.to_lowercase()
            )
        } else {
            return None;
        };
        let mut error = self.expected(i, "a condition", Some(help));
        if let SyntaxError::Expected {
            found, fix, span, ..
        } = &mut error
        {
            *found = format!("the keyword `{word}`");
            // `select * from …`: everything is what a query returns anyway.
            let star = blank(after).strip_prefix('*').map(blank);
            if is_kw(word, "select")
                && let Some(rest) = star
                && peek_word(rest).is_some_and(|w| is_kw(w, "from"))
            {
                *fix = Some(Fix {
                    span: Span::new(span.lo(), self.off(rest)),
                    replacement: String::new(),
                });
            }
        }
        Some(error)
    }

    /// The error for input that cannot start a condition.
    fn no_condition(&self, i: &'a str) -> SyntaxError {
        let quoted = i.starts_with('"') || i.starts_with('\'');
        let help = if quoted {
            "field names are not quoted: write `status = \"open\"`; a name that needs quoting goes in backticks"
        } else {
            "a condition is `field operator value`, as in `status = \"open\"`"
        };
        let mut error = self.expected(i, "a condition", Some(help.to_owned()));
        if quoted && let SyntaxError::Expected { span, fix, .. } = &mut error {
            let text = self.src.get(span.lo()..span.hi()).unwrap_or("");
            let inner = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
            if text.len() >= 2 && !inner.contains(['\\', '`']) {
                *fix = Some(Fix {
                    span: *span,
                    replacement: format!("`{inner}`"),
                });
            }
        }
        error
    }

    /// `predicate = compare_op , value | text_op , value | "has" , value
    ///            | [ "not" ] , "in" , list | "is" , [ "not" ] , "null"
    ///            | "between" , value , "and" , value | "any" , "(" , or_expr , ")" ;`
    ///
    /// Returns the operator, the right-hand side and the end offset; for `any`, the operator and
    /// the span of its `(`.
    #[inline]
    fn predicate(&self, rest: &'a str, field: &crate::ast::Path<'a>) -> PResult<'a, Predicate<'a>> {
        let j = blank(rest);
        let (after, op) = self.operator(j, field)?;
        let k = blank(after);
        match op.kind {
            OpKind::IsNull | OpKind::IsNotNull => {
                Ok((after, Predicate::Done(op, Rhs::Nothing, op.span.hi())))
            }
            OpKind::In | OpKind::NotIn => {
                let (r, list) = self.list(k)?;
                let end = list.span.hi();
                Ok((r, Predicate::Done(op, Rhs::List(list), end)))
            }
            OpKind::Between => {
                let (r, low) = self.value(k)?;
                let m = blank(r);
                if !at_keyword(m, "and") {
                    return self.fail(
                        self.expected(
                            m,
                            "`and` between the two bounds of `between`",
                            Some(
                                "write `field between low and high`, as in `age between 18 and 65`"
                                    .to_owned(),
                            ),
                        ),
                    );
                }
                let (r, high) = self.value(blank(&m[3..]))?;
                let end = high.span.hi();
                let (low, high) = (Box::new(low), Box::new(high));
                Ok((r, Predicate::Done(op, Rhs::Range { low, high }, end)))
            }
            OpKind::Any => {
                let Some(inside) = k.strip_prefix('(') else {
                    return self.fail(self.expected(
                        k,
                        "`(` after `any`",
                        Some("write the condition on the elements in parentheses: `items any (amount > 100)`".to_owned()),
                    ));
                };
                let open = self.span(k, inside);
                Ok((inside, Predicate::Any(op, open)))
            }
            _ => {
                let (r, value) = self.value(k)?;
                let end = value.span.hi();
                Ok((r, Predicate::Done(op, Rhs::Value(value), end)))
            }
        }
    }

    /// `compare_op = "=" | "!=" | "<" | "<=" | ">" | ">=" ;`
    /// `text_op = "like" | "fuzzy" | "~" | "keyword" | "contains" | "startswith" | "endswith" ;`
    /// and the words that begin the other predicates. `==`, `<>` and `:` are recorded and read
    /// as `=`, `!=` and `=`.
    #[inline]
    fn operator(&self, j: &'a str, field: &crate::ast::Path<'a>) -> PResult<'a, Op> {
        // Over bytes: the symbol characters are ASCII.
        let bytes = j.as_bytes();
        let run = bytes
            .iter()
            .position(|&b| !is_symbol_byte(b))
            .unwrap_or(bytes.len());
        // The spellings table first (`=`, `!=`, `<`, `<=`, `>`, `>=`, `~`), then the foreign
        // spellings that teach, and the words.
        if let Some(kind) = bytes.get(..run).and_then(symbol_operator) {
            let after = &j[run..];
            let span = self.span(j, after);
            return Ok((after, Op { span, kind }));
        }
        self.other_operator(j, field, run)
    }

    /// [`Parser::operator`] past the symbol spellings of the table: a foreign symbol (`==`,
    /// `<>`, `:`) or an operator word. Out of line: the common case stays small.
    #[inline(never)]
    fn other_operator(
        &self,
        j: &'a str,
        field: &crate::ast::Path<'a>,
        run: usize,
    ) -> PResult<'a, Op> {
        if run > 0 {
            let (symbol, after) = j.split_at(run);
            let span = self.span(j, after);
            let kind = match symbol {
                "==" => {
                    self.record(SyntaxError::DoubleEquals { span });
                    OpKind::Eq
                }
                "<>" => {
                    self.record(SyntaxError::SqlNotEquals { span });
                    OpKind::Neq
                }
                ":" => {
                    let text = self.src.get(field.span.lo()..field.span.hi()).unwrap_or("");
                    self.record(SyntaxError::LuceneColon {
                        span,
                        field: text.to_owned(),
                        replacement: self.padded("=", span),
                    });
                    OpKind::Eq
                }
                _ => return self.fail(self.unknown_operator(symbol, span)),
            };
            return Ok((after, Op { span, kind }));
        }
        let Some(word) = peek_word(j) else {
            if j.is_empty() || j.starts_with([')', ';']) {
                return self.fail(self.bare_field(j, field));
            }
            return self.fail(self.expected(
                j,
                "an operator",
                Some(format!(
                    "a condition is `field operator value`, as in `{} = \"open\"`; {}",
                    self.src.get(field.span.lo()..field.span.hi()).unwrap_or("status"),
                    operator_list()
                )),
            ));
        };
        let after = &j[word.len()..];
        let simple = |kind| {
            Ok((
                after,
                Op {
                    span: self.span(j, after),
                    kind,
                },
            ))
        };
        if let Some(kind) = OpKind::from_spelling(word) {
            return simple(kind);
        }
        // A JSON key that sift spells otherwise (`gte`, `array_contains`): the sift spellings
        // were found above.
        if let Some(row) = OPERATOR_KEYS
            .iter()
            .find(|row| row.key.eq_ignore_ascii_case(word))
        {
            let span = self.span(j, after);
            self.record(SyntaxError::JsonOperator {
                span,
                found: word.to_owned(),
                replacement: row.op.as_str(),
            });
            return Ok((after, Op { span, kind: row.op }));
        }
        match keyword(word) {
            Some(Keyword::Not) => {
                let k = blank(after);
                match peek_word(k) {
                    Some(w) if is_kw(w, "in") => {
                        let end = &k[2..];
                        Ok((end, Op { span: self.span(j, end), kind: OpKind::NotIn }))
                    }
                    _ => self.fail(self.expected(
                        k,
                        "`in` after `not`",
                        Some(format!(
                            "`not` after a field only forms `not in`; to negate another condition put `not` before it: `not {} …`",
                            self.src.get(field.span.lo()..field.span.hi()).unwrap_or("field")
                        )),
                    )),
                }
            }
            Some(Keyword::Is) => {
                let k = blank(after);
                let (k, negated) = match peek_word(k) {
                    Some(w) if is_kw(w, "not") => (blank(&k[3..]), true),
                    _ => (k, false),
                };
                match peek_word(k) {
                    Some(w) if is_kw(w, "null") => {
                        let end = &k[4..];
                        let kind = if negated { OpKind::IsNotNull } else { OpKind::IsNull };
                        Ok((end, Op { span: self.span(j, end), kind }))
                    }
                    _ => self.fail(self.expected(
                        k,
                        if negated { "`null` after `is not`" } else { "`null` or `not null` after `is`" },
                        Some("`is` only tests for null (`is null`, `is not null`); compare values with `=` or `!=`".to_owned()),
                    )),
                }
            }
            Some(Keyword::And | Keyword::Or) => self.fail(self.bare_field(j, field)),
            Some(k) if k.starts_clause() => self.fail(self.bare_field(j, field)),
            _ => self.fail(self.unknown_operator(word, self.span(j, after))),
        }
    }

    /// A field with no operator after it, where the condition ends (`where billable`,
    /// `not billable and …`): mostly a boolean field written as a test of itself.
    #[cold]
    fn bare_field(&self, j: &'a str, field: &crate::ast::Path<'a>) -> SyntaxError {
        let name = self
            .src
            .get(field.span.lo()..field.span.hi())
            .unwrap_or("field");
        let mut error = self.expected(
            j,
            "an operator",
            Some(format!(
                "a condition is `field operator value`: a boolean field is tested with `{name} = true` (or `{name} = false`); {}",
                operator_list()
            )),
        );
        if let (SyntaxError::Expected { found, .. }, Some(word)) = (&mut error, peek_word(j)) {
            *found = format!("the keyword `{word}`");
        }
        error
    }

    /// `unknown_operator` with the nearest operator as help (and fix, where one is clear).
    fn unknown_operator(&self, found: &str, span: Span) -> SyntaxError {
        let alias = OPERATOR_ALIASES
            .iter()
            .find(|(from, _)| from.eq_ignore_ascii_case(found))
            .map(|(_, to)| to.as_str());
        let nearest = alias.or_else(|| {
            OPERATOR_SPELLINGS
                .iter()
                .map(|(s, _)| (edit_distance(found, s), *s))
                .filter(|(d, s)| *d <= 2 && *d < s.len().max(found.len()))
                .min_by_key(|(d, _)| *d)
                .map(|(_, s)| s)
        });
        let help = match nearest {
            Some(op) => format!("did you mean `{op}`? {}", operator_list()),
            None => operator_list(),
        };
        SyntaxError::UnknownOperator {
            span,
            found: format!("`{found}`"),
            help,
            fix: nearest.map(|op| Fix {
                span,
                replacement: op.to_owned(),
            }),
        }
    }
}

impl<'a> Parser<'a> {
    /// Adds the condition `field op rhs` ending at `end` to the tree: the one constructor of the
    /// full rule and of the one-pass reader (`plain.rs`).
    #[inline]
    pub(crate) fn condition_expr(
        &self,
        field: crate::ast::Path<'a>,
        op: Op,
        rhs: Rhs<'a>,
        end: usize,
    ) -> ExprId {
        let span = Span::new(field.span.lo(), end);
        self.add(|tree| {
            tree.condition(Condition {
                span,
                field,
                op,
                rhs,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_table_agrees_with_the_spellings() {
        let mut runs: Vec<Vec<u8>> = SYMBOL_CHARS.iter().map(|&a| vec![a]).collect();
        for a in SYMBOL_CHARS {
            for b in SYMBOL_CHARS {
                runs.push(vec![a, b]);
                runs.extend(SYMBOL_CHARS.iter().map(|&c| vec![a, b, c]));
            }
        }
        for run in runs {
            let text = std::str::from_utf8(&run).unwrap_or("");
            assert_eq!(symbol_operator(&run), OpKind::from_spelling(text), "{text}");
        }
        assert_eq!(symbol_operator(b""), None);
    }
}
