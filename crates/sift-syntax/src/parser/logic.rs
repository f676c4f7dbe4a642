//! The logic of expressions — `or`, `and`, `not` and groups — parsed with an explicit stack
//! instead of recursion, so the machine stack stays flat however deep the input nests (a debug
//! build spends kilobytes per recursive level). One pass, no backtracking: each group is read
//! once, and every decision is made on the next token.
//!
//! Depth (checked against [`Limits::effective_depth`](crate::Limits::effective_depth)): a
//! condition is 0; `not e`, `( e )` and `f any ( e )` are one more than `e`; a chain
//! `a and b …` / `a or b …` is one more than its deepest operand. Open `not`s and groups are also
//! counted on the way down, so a million `(` fail at the limit without reading further.

use super::expr::Operand;
use super::{Parser, ends_operands};
use crate::ast::{Condition, Expr, ExprKind, Op, Path, Rhs};
use crate::lexer::{PResult, blank, describe, is_kw, peek_word};
use crate::{Span, SyntaxError};

/// An expression and its depth.
pub(crate) type Node<'a> = (Expr<'a>, usize);

/// What opened a nesting level.
enum Opener<'a> {
    /// The whole expression.
    Top,
    /// `(`.
    Paren { open: Span },
    /// `field any (`.
    Any { field: Path<'a>, op: Op, open: Span },
}

/// One open nesting level: its opener, the `not`s written before it, and its chains so far.
struct Level<'a> {
    opener: Opener<'a>,
    nots: Vec<Span>,
    or_items: Vec<Expr<'a>>,
    or_depth: usize,
    and_items: Vec<Expr<'a>>,
    and_depth: usize,
}

impl<'a> Level<'a> {
    fn new(opener: Opener<'a>, nots: Vec<Span>) -> Self {
        Level {
            opener,
            nots,
            or_items: Vec::new(),
            or_depth: 0,
            and_items: Vec::new(),
            and_depth: 0,
        }
    }
}

/// Restores the nesting counter when the expression is done, whichever way it ends.
struct NestReset<'p> {
    nest: &'p std::cell::Cell<usize>,
    base: usize,
}

impl Drop for NestReset<'_> {
    fn drop(&mut self) {
        self.nest.set(self.base);
    }
}

impl<'a> Parser<'a> {
    /// `or_expr = and_expr , { "or" , and_expr } ;`
    /// `and_expr = not_expr , { "and" , not_expr } ;`
    /// `not_expr = "not" , not_expr | primary ;`
    /// `primary = "(" , or_expr , ")" | condition ;`
    ///
    /// The four rules are read by one loop over an explicit stack of open groups. A chain of two
    /// or more operands becomes one n-ary `And`/`Or`; `(` … `)` stays a `Paren` node.
    pub(crate) fn or_expr(&self, i: &'a str) -> PResult<'a, Node<'a>> {
        let _reset = NestReset {
            nest: &self.nest,
            base: self.nest.get(),
        };
        let mut stack: Vec<Level<'a>> = vec![Level::new(Opener::Top, Vec::new())];
        let mut rest = i;
        'operand: loop {
            // not_expr: a run of `not`s, then a group or a condition.
            let mut nots = Vec::new();
            rest = blank(rest);
            while let Some(after) = self.not_keyword(rest) {
                let span = self.span(rest, after);
                self.descend(span)?;
                nots.push(span);
                rest = blank(after);
            }
            if let Some(inside) = rest.strip_prefix('(') {
                let open = self.span(rest, inside);
                self.descend(open)?;
                stack.push(Level::new(Opener::Paren { open }, nots));
                rest = inside;
                continue 'operand;
            }
            let (after, operand) = self.condition(rest)?;
            rest = after;
            let mut node = match operand {
                Operand::Done(expr) => (expr, 0),
                Operand::Any { field, op, open } => {
                    self.descend(op.span)?;
                    stack.push(Level::new(Opener::Any { field, op, open }, nots));
                    continue 'operand;
                }
            };
            node = self.wrap_nots(node, &nots)?;
            // After an operand: a connective continues the level, anything else closes it.
            loop {
                let Some(level) = stack.last_mut() else {
                    return self.fail(self.expected(rest, "a condition", None));
                };
                level.and_depth = level.and_depth.max(node.1);
                level.and_items.push(node.0);
                let j = blank(rest);
                let connective = match self.connective(j, "and") {
                    Some(after) => Some(("and", after)),
                    None => self.connective(j, "or").map(|after| ("or", after)),
                };
                if let Some((keyword, after)) = connective {
                    if keyword == "or" {
                        let (items, depth) =
                            (std::mem::take(&mut level.and_items), level.and_depth);
                        level.and_depth = 0;
                        let (expr, depth) = self.chain(items, depth, ExprKind::And)?;
                        level.or_depth = level.or_depth.max(depth);
                        level.or_items.push(expr);
                    }
                    let k = blank(after);
                    if !ends_operands(k) {
                        rest = k;
                        continue 'operand;
                    }
                    let previous_end = level
                        .and_items
                        .last()
                        .or(level.or_items.last())
                        .map_or(0, |e| e.span.end);
                    let span = self.span(j, after);
                    self.record(SyntaxError::TrailingAndOr {
                        span,
                        keyword: keyword.to_owned(),
                        found: describe(k),
                        removal: Span::new(previous_end, span.end),
                    });
                    rest = after;
                }
                // The level is complete: fold its chains and close it.
                let Some(mut level) = stack.pop() else {
                    return self.fail(self.expected(rest, "a condition", None));
                };
                if !level.and_items.is_empty() {
                    let items = std::mem::take(&mut level.and_items);
                    let (expr, depth) = self.chain(items, level.and_depth, ExprKind::And)?;
                    level.or_depth = level.or_depth.max(depth);
                    level.or_items.push(expr);
                }
                let (inner, depth) = self.chain(level.or_items, level.or_depth, ExprKind::Or)?;
                let closed = match level.opener {
                    Opener::Top => return Ok((rest, (inner, depth))),
                    Opener::Paren { open } => {
                        let (after, end) = self.close_paren(rest, open, inner.span.end)?;
                        rest = after;
                        let span = Span::new(open.start, end);
                        let expr = Expr {
                            span,
                            kind: ExprKind::Paren(Box::new(inner)),
                        };
                        self.nested(expr, depth)?
                    }
                    Opener::Any { field, op, open } => {
                        let (after, end) = self.close_paren(rest, open, inner.span.end)?;
                        rest = after;
                        let span = Span::new(field.span.start, end);
                        let condition = Condition {
                            span,
                            field,
                            op,
                            rhs: Rhs::Condition(Box::new(inner)),
                        };
                        let expr = Expr {
                            span,
                            kind: ExprKind::Condition(condition),
                        };
                        self.nested(expr, depth)?
                    }
                };
                node = self.wrap_nots(closed, &level.nots)?;
            }
        }
    }

    /// `not`, or `!` (recorded) not part of `!=`, at `i`: the rest after it.
    fn not_keyword(&self, i: &'a str) -> Option<&'a str> {
        if peek_word(i).is_some_and(|w| is_kw(w, "not")) {
            return Some(&i[3..]);
        }
        if !i.starts_with('!') || i.starts_with("!=") {
            return None;
        }
        let after = &i[1..];
        let replacement = if after.starts_with(char::is_whitespace) {
            "not"
        } else {
            "not "
        };
        self.record(SyntaxError::BangNot {
            span: self.span(i, after),
            replacement: replacement.to_owned(),
        });
        Some(after)
    }

    /// Opens one nesting level (`not`, `(`, `any (`) at `at`: `too_deep` past the limit.
    fn descend(&self, at: Span) -> Result<(), nom::Err<crate::lexer::PError>> {
        let depth = self.nest.get() + 1;
        if depth > self.limits.effective_depth() {
            return Err(self.failure(self.too_deep(at)));
        }
        self.nest.set(depth);
        Ok(())
    }

    /// Closes one nesting level: `expr` wraps an expression of depth `inner_depth`.
    fn nested(
        &self,
        expr: Expr<'a>,
        inner_depth: usize,
    ) -> Result<Node<'a>, nom::Err<crate::lexer::PError>> {
        self.nest.set(self.nest.get().saturating_sub(1));
        self.check_depth(inner_depth + 1, expr.span)?;
        self.node(expr.span)?;
        Ok((expr, inner_depth + 1))
    }

    /// Wraps `node` in the `not`s written before it, innermost last.
    fn wrap_nots(
        &self,
        mut node: Node<'a>,
        nots: &[Span],
    ) -> Result<Node<'a>, nom::Err<crate::lexer::PError>> {
        for not in nots.iter().rev() {
            let span = not.to(node.0.span);
            let expr = Expr {
                span,
                kind: ExprKind::Not(Box::new(node.0)),
            };
            node = self.nested(expr, node.1)?;
        }
        Ok(node)
    }

    /// One operand as is; two or more as one n-ary chain node.
    fn chain(
        &self,
        mut items: Vec<Expr<'a>>,
        depth: usize,
        kind: fn(Vec<Expr<'a>>) -> ExprKind<'a>,
    ) -> Result<Node<'a>, nom::Err<crate::lexer::PError>> {
        if items.len() == 1
            && let Some(single) = items.pop()
        {
            return Ok((single, depth));
        }
        let span = match (items.first(), items.last()) {
            (Some(a), Some(b)) => a.span.to(b.span),
            _ => return Err(self.failure(self.expected("", "a condition", None))),
        };
        self.check_depth(depth + 1, span)?;
        self.node(span)?;
        Ok((
            Expr {
                span,
                kind: kind(items),
            },
            depth + 1,
        ))
    }
}
