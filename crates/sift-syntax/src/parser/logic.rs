//! The logic of expressions — `or`, `and`, `not` and groups — parsed with an explicit stack
//! instead of recursion, so the machine stack stays flat however deep the input nests (a debug
//! build spends kilobytes per recursive level). One pass, no backtracking: each group is read
//! once, and every decision is made on the next token.
//!
//! Depth (checked against [`Limits::effective_depth`](crate::Limits::effective_depth)): a
//! condition is 0; `not e`, `( e )` and `f any ( e )` are one more than `e`; a chain
//! `a and b …` / `a or b …` is one more than its deepest operand. Open `not`s and groups are also
//! counted on the way down, so a million `(` fail at the limit without reading further.

use super::Parser;
use super::expr::Operand;
use crate::ast::{ExprId, Op, Path, Rhs, Tree};
use crate::lexer::{PResult, at_keyword, blank, describe};
use crate::{Span, SyntaxError};

/// The operand stack's first places: under 1 KiB (see [`Parser::or_expr`]).
const INITIAL_OPERANDS: usize = 8;

/// Bytes of source per top-level operand expected when the operand stack is first sized (a
/// condition takes a dozen bytes or more, a group several conditions).
const OPERAND_BYTES: usize = 48;

/// Bytes of source per condition expected when the tree is first sized.
const CONDITION_BYTES: usize = 24;

/// The most operands the stack is first sized for (beyond, it grows as a vector does).
const MAX_RESERVED_OPERANDS: usize = 1 << 16;

/// An expression and its depth.
pub(crate) type Node = (ExprId, usize);

/// What opened a nesting level.
enum Opener {
    /// The whole expression.
    Top,
    /// `(`.
    Paren { open: Span },
    /// `field any (`; its field and operator wait on [`Parser::or_expr`]'s `anys`, so that a
    /// level stays small to push and pop.
    Any { open: Span },
}

/// One open nesting level: its opener, the `not`s written before it, and its chains so far.
/// The chains' operands live on one stack shared by all levels ([`Parser::or_expr`]'s
/// `operands`): this level's `or` operands from `or_start`, then the current `and` chain from
/// `and_start` to the top. Each chain is copied once, into a vector of its exact length.
struct Level {
    opener: Opener,
    nots: Vec<Span>,
    or_start: usize,
    or_depth: usize,
    and_start: usize,
    and_depth: usize,
}

impl Level {
    fn new(opener: Opener, nots: Vec<Span>, top: usize) -> Self {
        Level {
            opener,
            nots,
            or_start: top,
            or_depth: 0,
            and_start: top,
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
    pub(crate) fn or_expr(&self, i: &'a str) -> PResult<'a, Node> {
        let _reset = NestReset {
            nest: &self.nest,
            base: self.nest.get(),
        };
        // Room for a few levels and operands up front: a small filter grows neither. Both stay
        // under 1 KiB, the size past which glibc's malloc first merges its freed small chunks.
        let mut stack: Vec<Level> = Vec::with_capacity(8);
        stack.push(Level::new(Opener::Top, Vec::new(), 0));
        let mut anys: Vec<(Path<'a>, Op)> = Vec::new();
        // The text of this query: up to the next `;` (where the query most likely ends;
        // memchr finds it at a glance), measured only when it could matter. The operand stack
        // of a long filter is mostly its top-level chain: sized from it, it is not copied
        // again and again as it grows.
        let extent = if i.len() <= OPERAND_BYTES * INITIAL_OPERANDS {
            i.len()
        } else {
            memchr::memchr(b';', i.as_bytes()).unwrap_or(i.len())
        };
        let expected = (extent / OPERAND_BYTES).clamp(INITIAL_OPERANDS, MAX_RESERVED_OPERANDS);
        let mut operands: Vec<ExprId> = Vec::with_capacity(expected);
        // The tree holds every condition, not only the top level's: sized from the query's
        // text (a condition takes two dozen bytes or more), so that a small filter never grows
        // it, and a query among many is not given room for the rest of the file.
        let conditions = (extent / CONDITION_BYTES).clamp(expected, MAX_RESERVED_OPERANDS);
        self.tree.borrow_mut().reserve(conditions);
        // Every operand is read from after a blank (which each way here skips).
        let mut rest = blank(i);
        'operand: loop {
            // not_expr: a run of `not`s, then a group or a condition.
            let mut nots = Vec::new();
            while let Some(after) = self.not_keyword(rest) {
                let span = self.span(rest, after);
                self.descend(span)?;
                nots.push(span);
                rest = blank(after);
            }
            if let Some(inside) = rest.strip_prefix('(') {
                let open = self.span(rest, inside);
                self.descend(open)?;
                stack.push(Level::new(Opener::Paren { open }, nots, operands.len()));
                rest = blank(inside);
                continue 'operand;
            }
            // The condition goes on the operand stack as it is built: no move of a large node.
            let (after, operand) = self.condition(rest, &mut operands)?;
            rest = after;
            if let Operand::Any { field, op, open } = operand {
                self.descend(op.span)?;
                anys.push((field, op));
                stack.push(Level::new(Opener::Any { open }, nots, operands.len()));
                rest = blank(rest);
                continue 'operand;
            }
            // The depth of the operand on top of `operands`.
            let mut depth = 0;
            if !nots.is_empty() {
                depth = self.wrap_nots(&mut operands, depth, &nots)?;
            }
            // After an operand: a connective continues the level, anything else closes it.
            loop {
                let Some(level) = stack.last_mut() else {
                    return self.fail(self.expected(rest, "a condition", None));
                };
                level.and_depth = level.and_depth.max(depth);
                let j = blank(rest);
                if let Some((keyword, after)) = self.any_connective(j) {
                    if keyword == "or" {
                        let depth = self.fold_and(&mut operands, level)?;
                        level.and_depth = 0;
                        level.or_depth = level.or_depth.max(depth);
                        level.and_start = operands.len();
                    }
                    let k = blank(after);
                    if !self.ends_operands_at(k) {
                        rest = k;
                        continue 'operand;
                    }
                    let previous_end = operands[level.or_start..]
                        .last()
                        .map_or(0, |&e| self.expr_span(e).hi());
                    let span = self.span(j, after);
                    self.record(SyntaxError::TrailingAndOr {
                        span,
                        keyword: keyword.to_owned(),
                        found: describe(k),
                        removal: Span::new(previous_end, span.hi()),
                    });
                    rest = after;
                }
                // The level is complete: fold its chains and close it.
                let Some(mut level) = stack.pop() else {
                    return self.fail(self.expected(rest, "a condition", None));
                };
                // Without an `or`, the level's `and` chain is the whole of it (its `or` chain
                // would be that one operand): it is folded straight into the node.
                let last = matches!(level.opener, Opener::Top);
                let (inner, inner_depth) = if level.and_start == level.or_start {
                    self.chain_expr(
                        &mut operands,
                        level.and_start,
                        level.and_depth,
                        Tree::and,
                        last,
                    )?
                } else {
                    if operands.len() > level.and_start {
                        let depth = self.fold_and(&mut operands, &level)?;
                        level.or_depth = level.or_depth.max(depth);
                    }
                    self.chain_expr(
                        &mut operands,
                        level.or_start,
                        level.or_depth,
                        Tree::or,
                        last,
                    )?
                };
                let expr = match level.opener {
                    Opener::Top => return Ok((rest, (inner, inner_depth))),
                    Opener::Paren { open } => {
                        let inner_end = self.expr_span(inner).hi();
                        let (after, end) = self.close_paren(rest, open, inner_end)?;
                        rest = after;
                        self.add(|tree| tree.paren(Span::new(open.lo(), end), inner))
                    }
                    Opener::Any { open } => {
                        let Some((field, op)) = anys.pop() else {
                            return self.fail(self.expected(rest, "a condition", None));
                        };
                        let inner_end = self.expr_span(inner).hi();
                        let (after, end) = self.close_paren(rest, open, inner_end)?;
                        rest = after;
                        self.condition_expr(field, op, Rhs::Condition(inner), end)
                    }
                };
                depth = self.nested(self.expr_span(expr), inner_depth)?;
                operands.push(expr);
                if !level.nots.is_empty() {
                    depth = self.wrap_nots(&mut operands, depth, &level.nots)?;
                }
            }
        }
    }

    /// `not`, or `!` (recorded) not part of `!=`, at `i`: the rest after it.
    fn not_keyword(&self, i: &'a str) -> Option<&'a str> {
        if at_keyword(i, "not") {
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

    /// Closes one nesting level: the node spanning `span` wraps an expression of depth
    /// `inner_depth`; returns the node's depth.
    fn nested(
        &self,
        span: Span,
        inner_depth: usize,
    ) -> Result<usize, nom::Err<crate::lexer::PError>> {
        self.nest.set(self.nest.get().saturating_sub(1));
        self.check_depth(inner_depth + 1, span)?;
        self.node(span)?;
        Ok(inner_depth + 1)
    }

    /// Wraps the operand on top of `operands` (of depth `depth`) in the `not`s written before
    /// it, innermost last; returns the new depth.
    fn wrap_nots(
        &self,
        operands: &mut Vec<ExprId>,
        mut depth: usize,
        nots: &[Span],
    ) -> Result<usize, nom::Err<crate::lexer::PError>> {
        for not in nots.iter().rev() {
            let Some(inner) = operands.pop() else {
                return Err(self.failure(self.expected("", "a condition", None)));
            };
            let span = not.to(self.expr_span(inner));
            operands.push(self.add(|tree| tree.not(span, inner)));
            depth = self.nested(span, depth)?;
        }
        Ok(depth)
    }

    /// [`Parser::chain`] of the level's open `and` chain.
    fn fold_and(
        &self,
        operands: &mut Vec<ExprId>,
        level: &Level,
    ) -> Result<usize, nom::Err<crate::lexer::PError>> {
        self.chain(operands, level.and_start, level.and_depth, Tree::and)
    }

    /// The operands from `start` to the top of `operands`, replaced by their chain: one operand
    /// stays as it is; two or more become one n-ary chain node. Returns the chain's depth.
    fn chain(
        &self,
        operands: &mut Vec<ExprId>,
        start: usize,
        depth: usize,
        kind: ChainBuilder<'a>,
    ) -> Result<usize, nom::Err<crate::lexer::PError>> {
        if operands.len() == start + 1 {
            return Ok(depth);
        }
        let (expr, depth) = self.chain_expr(operands, start, depth, kind, false)?;
        operands.push(expr);
        Ok(depth)
    }

    /// [`Parser::chain`], taking the chain (or the one operand) off `operands`; `last` when
    /// nothing is pushed on `operands` after it.
    fn chain_expr(
        &self,
        operands: &mut Vec<ExprId>,
        start: usize,
        depth: usize,
        kind: ChainBuilder<'a>,
        last: bool,
    ) -> Result<(ExprId, usize), nom::Err<crate::lexer::PError>> {
        let span = match operands.get(start..) {
            Some([_]) => {
                if let Some(one) = operands.pop() {
                    return Ok((one, depth));
                }
                return Err(self.failure(self.expected("", "a condition", None)));
            }
            Some([a, .., b]) => self.expr_span(*a).to(self.expr_span(*b)),
            _ => return Err(self.failure(self.expected("", "a condition", None))),
        };
        self.check_depth(depth + 1, span)?;
        self.node(span)?;
        // The ids are copied once into the tree's child vector; the stack goes on from `start`.
        let expr = self.add(|tree| kind(tree, span, &operands[start..]));
        operands.truncate(start);
        if last {
            *operands = Vec::new();
        }
        Ok((expr, depth + 1))
    }
}

/// [`Tree::and`] or [`Tree::or`].
type ChainBuilder<'a> = fn(&mut Tree<'a>, Span, &[ExprId]) -> ExprId;
