//! The recursive-descent parser (nom over `&str`). Offsets are `src.len() - rest.len()`; nothing
//! copies the remaining input. Each rule is a method named after its rule in `grammar/sift.ebnf`,
//! whose doc comment quotes the rule.
//!
//! Errors the user's intent makes unambiguous (`==`, `&&`, `order by`, …) are recorded and parsing
//! goes on as if the right token had been written; every other error fails the query with
//! `nom::Err::Failure`, and [`Parser::document`] resumes at the next `;`.

mod clauses;
mod expr;
mod literal;
mod logic;
mod plain;
mod time;

use std::cell::{Cell, RefCell};

use crate::ast::{Document, ExprId, Query, Tree};
use crate::lexer::{
    BYTE_ORDER_MARK, Keyword, PError, PResult, blank, describe, is_kw, peek_word,
    skip_to_semicolon, starts_operator, token_text,
};
use crate::{Limits, Parsed, Span, SyntaxError};

pub(crate) struct Parser<'a> {
    src: &'a str,
    limits: Limits,
    errors: RefCell<Vec<SyntaxError>>,
    /// Open `(`, `not` and `any (` levels on the way down: checked before reading deeper.
    nest: Cell<usize>,
    /// AST nodes built so far in the current query.
    nodes: Cell<usize>,
    /// The last bare word read by [`Parser::word`]: its offset and length (`usize::MAX` for
    /// none). A condition's first word is looked at by up to three rules in turn (does it end
    /// the operands, is it a keyword, the path itself); this reads it once.
    last_word: Cell<(usize, usize)>,
    /// The arena of the query being read; moved into its [`Query`] when the query is done.
    tree: RefCell<Tree<'a>>,
}

type Failure = nom::Err<PError>;

impl<'a> Parser<'a> {
    pub(crate) fn new(src: &'a str, limits: &Limits) -> Self {
        Parser {
            src,
            limits: *limits,
            errors: RefCell::new(Vec::new()),
            nest: Cell::new(0),
            nodes: Cell::new(0),
            last_word: Cell::new((usize::MAX, 0)),
            tree: RefCell::new(Tree::default()),
        }
    }

    /// Adds an expression to the current query's tree.
    #[inline]
    pub(crate) fn add(&self, build: impl FnOnce(&mut Tree<'a>) -> ExprId) -> ExprId {
        build(&mut self.tree.borrow_mut())
    }

    /// The span of an expression of the current query's tree.
    #[inline]
    pub(crate) fn expr_span(&self, id: ExprId) -> Span {
        self.tree.borrow().span(id)
    }

    /// The current query's tree, leaving an empty one for the next query.
    pub(crate) fn take_tree(&self) -> Tree<'a> {
        let mut tree = self.tree.take();
        tree.shrink_to_fit();
        tree
    }

    /// The bare word at the start of `i` (a suffix of the source), if any: [`peek_word`], read
    /// once per position.
    #[inline]
    pub(crate) fn word(&self, i: &'a str) -> Option<&'a str> {
        let at = self.off(i);
        // Only a suffix of the source has an offset the cache can key on.
        let suffix = std::ptr::eq(i.as_ptr(), self.src.as_ptr().wrapping_add(at));
        let (last, len) = self.last_word.get();
        if suffix && last == at {
            return i.get(..len);
        }
        let word = peek_word(i)?;
        if suffix {
            self.last_word.set((at, word.len()));
        }
        Some(word)
    }

    // ----- positions and errors -------------------------------------------------------------

    /// Byte offset of `rest` in the source.
    pub(crate) fn off(&self, rest: &str) -> usize {
        self.src.len().saturating_sub(rest.len())
    }

    /// The span from the start of `from` to the start of `to` (both suffixes of the source).
    pub(crate) fn span(&self, from: &str, to: &str) -> Span {
        Span::new(self.off(from), self.off(to))
    }

    /// The span of the token at the start of `rest` (empty at the end of input).
    pub(crate) fn token_span(&self, rest: &str) -> Span {
        let start = self.off(rest);
        Span::new(start, start + token_text(rest).len())
    }

    pub(crate) fn record(&self, error: SyntaxError) {
        self.errors.borrow_mut().push(error);
    }

    /// A `Failure` carrying `error`; parsing of the current query resumes after its span start.
    pub(crate) fn fail<T>(&self, error: SyntaxError) -> PResult<'a, T> {
        Err(self.failure(error))
    }

    pub(crate) fn failure(&self, error: SyntaxError) -> Failure {
        let at = error.span().lo().min(self.src.len());
        nom::Err::Failure(PError {
            rest_len: self.src.len() - at,
            error: Some(Box::new(error)),
        })
    }

    /// "expected {what}, found {token at rest}".
    pub(crate) fn expected(&self, rest: &str, what: &str, help: Option<String>) -> SyntaxError {
        SyntaxError::Expected {
            span: self.token_span(rest),
            expected: what.to_owned(),
            found: describe(rest),
            help,
            fix: None,
        }
    }

    // ----- limits -----------------------------------------------------------------------------

    pub(crate) fn too_deep(&self, span: Span) -> SyntaxError {
        SyntaxError::TooDeep {
            span,
            limit: self.limits.effective_depth(),
            ceiling: Limits::DEPTH_CEILING,
        }
    }

    /// Checks the depth of a finished node (chains count as a level too).
    pub(crate) fn check_depth(&self, depth: usize, span: Span) -> Result<(), Failure> {
        if depth > self.limits.effective_depth() {
            Err(self.failure(self.too_deep(span)))
        } else {
            Ok(())
        }
    }

    /// Counts one more AST node.
    pub(crate) fn node(&self, span: Span) -> Result<(), Failure> {
        let n = self.nodes.get() + 1;
        self.nodes.set(n);
        if n > self.limits.max_nodes {
            Err(self.failure(SyntaxError::TooManyNodes {
                span,
                limit: self.limits.max_nodes,
            }))
        } else {
            Ok(())
        }
    }

    /// When the query at `i` is larger than the per-query size limit: records that, and returns
    /// the input after it (at its `;`). A query is measured to its `;` once per `;`-separated
    /// stretch (`measured_to` is where the last measure ended), so the scans add up to one pass.
    fn oversized(&self, i: &'a str, measured_to: &mut usize) -> Option<&'a str> {
        let start = self.off(i);
        // What is left of the source fits the limit, so the query does too: no scan needed.
        if start < *measured_to || i.len() <= self.limits.max_input_bytes {
            return None;
        }
        let end = skip_to_semicolon(i);
        *measured_to = self.off(end);
        let size = *measured_to - start;
        (size > self.limits.max_input_bytes).then(|| {
            self.record(SyntaxError::InputTooLarge {
                span: Span::new(start, *measured_to),
                size,
                limit: self.limits.max_input_bytes,
            });
            end
        })
    }

    pub(crate) fn max_list_len(&self) -> usize {
        self.limits.max_list_len
    }

    // ----- rules ------------------------------------------------------------------------------

    /// `document = [ query_item , { ";" , query_item } , [ ";" ] ] ;`
    pub(crate) fn document(self) -> Parsed<'a> {
        // Most documents hold one query; a first allocation of four would be over 1 KiB.
        let mut queries = Vec::with_capacity(1);
        // A leading byte-order mark is no part of the text; spans still count its bytes.
        let text = self.src.strip_prefix(BYTE_ORDER_MARK).unwrap_or(self.src);
        let mut i = blank(text);
        // The end of the stretch already measured against the per-query size limit.
        let mut measured_to = 0;
        if i.is_empty() {
            let found = if text.is_empty() {
                "end of input"
            } else {
                "only whitespace and comments"
            };
            self.record(SyntaxError::EmptyInput {
                span: Span::new(0, self.src.len()),
                found: found.to_owned(),
            });
        }
        loop {
            i = blank(i);
            if i.is_empty() {
                break;
            }
            if let Some(rest) = i.strip_prefix(';') {
                self.record(SyntaxError::EmptyQuery {
                    span: self.span(i, rest),
                });
                i = rest;
                continue;
            }
            if let Some(end) = self.oversized(i, &mut measured_to) {
                i = end;
            } else {
                self.nodes.set(0);
                // What a query that failed left behind is no part of the next one.
                self.tree.borrow_mut().clear();
                match self.query_item(i) {
                    Ok((rest, query)) => {
                        let end = query.span.hi();
                        queries.push(query);
                        i = blank(rest);
                        if let Some(w) = peek_word(i)
                            && is_kw(w, "from")
                        {
                            // The query ended at a new `from`: a forgotten `;`.
                            self.record(SyntaxError::MissingSemicolon {
                                span: self.token_span(i),
                                insert_at: end,
                            });
                            continue;
                        }
                    }
                    Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                        let at = self.src.len().saturating_sub(e.rest_len);
                        let rest = self.src.get(at..).unwrap_or("");
                        let error = match e.error {
                            Some(error) => *error,
                            None => self.expected(rest, "a condition or a query", None),
                        };
                        self.record(error);
                        i = skip_to_semicolon(rest);
                    }
                    Err(nom::Err::Incomplete(_)) => break,
                }
            }
            // The separator: `;` (or the end of input, checked at the top of the loop).
            if let Some(rest) = i.strip_prefix(';') {
                i = blank(rest);
                if let Some(rest) = i.strip_prefix(';') {
                    self.record(SyntaxError::EmptyQuery {
                        span: self.span(i, rest),
                    });
                    i = rest;
                }
            }
        }
        let comments = crate::lexer::comments(self.src);
        for comment in &comments {
            for (at, c) in comment.text.char_indices() {
                if crate::lexer::is_bidi_control(c) {
                    // The text starts one byte (the `#`) after the comment's span.
                    let start = comment.span.lo() + 1 + at;
                    self.record(SyntaxError::BidiInComment {
                        span: Span::new(start, start + c.len_utf8()),
                        code: u32::from(c),
                    });
                }
            }
        }
        Parsed {
            document: Document {
                span: Span::new(0, self.src.len()),
                queries,
                comments,
            },
            errors: self.errors.into_inner(),
        }
    }

    /// `query_item = query | filter ;` — a query starts with the keyword `from` (or, in error,
    /// another clause keyword) not followed by an operator; anything else is a filter.
    fn query_item(&self, i: &'a str) -> PResult<'a, Query<'a>> {
        if let Some(word) = peek_word(i)
            && !starts_operator(&i[word.len()..])
        {
            if is_kw(word, "from") {
                return self.query(i);
            }
            if let Some(clause) = clauses::clause_name(word) {
                self.record(SyntaxError::MissingFrom {
                    span: self.token_span(i),
                    clause,
                });
                return self.query_tail(i, i, None, None, true);
            }
        }
        self.filter(i)
    }

    /// `filter = or_expr ;` — a bare filter expression; the entity is given out of band.
    fn filter(&self, i: &'a str) -> PResult<'a, Query<'a>> {
        let (rest, (expr, _)) = self.or_expr(i)?;
        self.query_tail(i, rest, None, Some(expr), false)
    }
}

/// Whether `i` (blank-skipped) ends a list of operands: the end of input, `;`, a closing bracket,
/// or a clause keyword that does not start a condition.
pub(crate) fn ends_operands(i: &str) -> bool {
    match i.as_bytes().first() {
        None | Some(b';' | b')' | b']') => true,
        Some(_) => peek_word(i).is_some_and(|w| ends_at_word(i, w)),
    }
}

/// [`ends_operands`] for input that starts with the bare word `w`.
#[inline]
fn ends_at_word(i: &str, w: &str) -> bool {
    match crate::lexer::keyword(w) {
        Some(Keyword::Order) => clauses::order_by(i).is_some(),
        Some(k) if k.starts_clause() => !starts_operator(&i[w.len()..]),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    /// [`ends_operands`], reading the word at `i` through [`Parser::word`].
    #[inline]
    pub(crate) fn ends_operands_at(&self, i: &'a str) -> bool {
        match i.as_bytes().first() {
            None | Some(b';' | b')' | b']') => true,
            Some(_) => self.word(i).is_some_and(|w| ends_at_word(i, w)),
        }
    }
}
