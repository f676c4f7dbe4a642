//! Semantic lints: warnings about filters that type-check but say something other than, or
//! less than, what they seem to. Each fires only when its claim holds for every record; how
//! each is decided is in `docs/lints.md`. They run on the source AST of a query that checked
//! (so fixes can be written as source text), with the declared types the checker recorded.
//!
//! The range contradictions (`a > 5 and a < 3`) and `and`/`or` mixing are found during the
//! check walk (`crate::lints`); what is here adds the lints that compare conditions pairwise
//! across a chain, look at one condition, or relate the filter to the sort.

mod chains;

pub(crate) use chains::is_one_sided;
mod local;
mod same;

use sift_syntax::ast::{Condition, Expr, ExprKind, OpKind, Query, Rhs, ValueKind};
use sift_syntax::{Fix, Span};

use crate::checker::Checker;
use crate::error::CheckError;
use crate::paths::path_key;
use crate::suggest::sift_value;

/// `e` without the parentheses around it.
pub(crate) fn unparen<'e, 'a>(mut e: &'e Expr<'a>) -> &'e Expr<'a> {
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    e
}

/// The condition `e` is, parentheses aside.
pub(crate) fn as_condition<'e, 'a>(e: &'e Expr<'a>) -> Option<&'e Condition<'a>> {
    match &unparen(e).kind {
        ExprKind::Condition(c) => Some(c),
        _ => None,
    }
}

/// The span that removing operand `at` of a chain takes out: from the end of the operand
/// before it (its `and`/`or` with it), or for the first, up to the start of the next one.
pub(crate) fn operand_removal(chain: &[Expr<'_>], at: usize) -> Option<Span> {
    let this = chain.get(at)?.span;
    if at > 0 {
        return Some(Span::new(chain[at - 1].span.hi(), this.hi()));
    }
    chain
        .get(1)
        .map(|next| Span::new(this.lo(), next.span.lo()))
}

/// Whether two conditions of `chain` (parentheses aside) are on the same field: what every
/// lint relating the conditions of a chain, but the repeats, needs.
pub(crate) fn shares_a_field(chain: &[Expr<'_>]) -> bool {
    shares_a_field_where(chain, |_| true)
}

/// Whether two of the conditions of `chain` that pass `relevant` are on the same field (have
/// the same JSON key). Decided pairwise for short chains; a long chain is assumed to (its
/// per-field state is a hash map, linear anyway).
pub(crate) fn shares_a_field_where<'e, 'a>(
    chain: &'e [Expr<'a>],
    relevant: impl Fn(&Condition<'a>) -> bool,
) -> bool {
    /// Chains up to this long are compared pairwise.
    const PAIRWISE: usize = 8;
    if chain.len() > PAIRWISE {
        return true;
    }
    let same_key = |a: &Condition<'a>, b: &Condition<'a>| match (
        a.field.segments.as_slice(),
        b.field.segments.as_slice(),
    ) {
        ([x], [y]) => x.text == y.text,
        _ => path_key(&a.field) == path_key(&b.field),
    };
    // The commonest chain, `a and b`, without the general loop.
    if let [x, y] = chain {
        return match (as_condition(x), as_condition(y)) {
            (Some(a), Some(b)) => relevant(a) && relevant(b) && same_key(a, b),
            _ => false,
        };
    }
    let mut seen: [Option<&'e Condition<'a>>; PAIRWISE] = [None; PAIRWISE];
    for (at, operand) in chain.iter().enumerate() {
        let Some(a) = as_condition(operand).filter(|c| relevant(c)) else {
            continue;
        };
        if seen[..at].iter().flatten().any(|b| same_key(a, b)) {
            return true;
        }
        seen[at] = Some(a);
    }
    false
}

impl Checker {
    /// Every semantic lint of `query`, which checked without errors.
    pub(crate) fn semantic_lints(&mut self, query: &Query<'_>) {
        // Where the check walk found contradictions already, sorted, to keep and-chains that
        // match nothing free of redundancy warnings.
        let mut contradictions: Vec<usize> = self
            .diagnostics
            .iter()
            .filter(|d| matches!(d, CheckError::Contradiction { .. }))
            .map(|d| d.span().lo())
            .collect();
        contradictions.sort_unstable();
        self.contradiction_starts = contradictions;
        if let Some(filter) = &query.filter {
            self.lint_expr(filter, true);
            self.lint_sort_on_pinned(query, filter);
        }
    }

    /// Walks the filter (depth bounded: the query passed the checker's depth limit).
    /// `positive` is false under an odd number of `not`s, where what a condition lets
    /// through the `not` keeps out (`negated_nullable` speaks only of positive places).
    fn lint_expr(&mut self, expr: &Expr<'_>, positive: bool) {
        match &expr.kind {
            ExprKind::And(children) => {
                let contradicted = {
                    let starts = &self.contradiction_starts;
                    let first = starts.partition_point(|&s| s < expr.span.lo());
                    starts.get(first).is_some_and(|&s| s < expr.span.hi())
                };
                self.lint_and_chain(children, contradicted);
                self.guard_nulls(children, true);
                children.iter().for_each(|c| self.lint_expr(c, positive));
            }
            ExprKind::Or(children) => {
                self.lint_or_chain(children);
                self.guard_nulls(children, false);
                children.iter().for_each(|c| self.lint_expr(c, positive));
            }
            ExprKind::Not(inner) => {
                self.lint_not(expr, inner, positive);
                match &unparen(inner).kind {
                    // Reported as one double negation; what it negates is linted on its own.
                    ExprKind::Not(twice) => self.lint_expr(twice, positive),
                    _ => self.lint_expr(inner, !positive),
                }
            }
            ExprKind::Paren(inner) => self.lint_expr(inner, positive),
            ExprKind::Condition(condition) => {
                self.lint_condition(condition, positive);
                if let Rhs::Condition(inner) = &condition.rhs {
                    self.lint_expr(inner, positive);
                }
            }
        }
    }

    /// `from t where a = 1 sort a`: every result has the same `a`, so the sort key orders
    /// nothing. Only conditions every result satisfies count: the filter itself or an operand
    /// of its top-level `and` chain.
    fn lint_sort_on_pinned(&mut self, query: &Query<'_>, filter: &Expr<'_>) {
        let Some(sort) = &query.sort else { return };
        let top = unparen(filter);
        let operands: Vec<&Expr<'_>> = match &top.kind {
            ExprKind::And(children) => children.iter().collect(),
            _ => vec![top],
        };
        let pinned: Vec<&Condition<'_>> = operands
            .into_iter()
            .filter_map(as_condition)
            .filter(|c| c.op.kind == OpKind::Eq)
            .filter(|c| matches!(&c.rhs, Rhs::Value(v) if !matches!(v.kind, ValueKind::Null)))
            .collect();
        for (at, key) in sort.keys.iter().enumerate() {
            let path = path_key(&key.path);
            let Some(condition) = pinned.iter().find(|c| path_key(&c.field) == path) else {
                continue;
            };
            let Rhs::Value(value) = &condition.rhs else {
                continue;
            };
            let removal = if sort.keys.len() == 1 {
                sort.span
            } else if at > 0 {
                Span::new(sort.keys[at - 1].span.hi(), key.span.hi())
            } else {
                Span::new(key.span.lo(), sort.keys[1].span.lo())
            };
            self.push(CheckError::SortOnPinnedField {
                path: path.to_string(),
                value: sift_value(value),
                span: key.span,
                pinned: condition.span,
                help: String::from(
                    "every record the filter matches has this value, so the sort key orders nothing: remove it",
                ),
                fix: Some(Fix {
                    span: removal,
                    replacement: String::new(),
                }),
            });
        }
    }
}

#[cfg(test)]
mod tests;
