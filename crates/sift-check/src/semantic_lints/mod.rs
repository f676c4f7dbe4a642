//! Semantic lints: warnings about filters that type-check but say something other than, or
//! less than, what they seem to. Each fires only when its claim holds for every record; how
//! each is decided is in `docs/lints.md`. They are a pass of their own ([`run`]) over the source
//! tree of a query that checked (so fixes can be written as source text), whose inputs are the
//! tree and the declared types the check recorded per condition ([`ConditionTypes`]).
//!
//! The range contradictions (`a > 5 and a < 3`) and `and`/`or` mixing are found during the
//! check walk (`crate::checker::lints`); what is here adds the lints that compare conditions pairwise
//! across a chain, look at one condition, or relate the filter to the sort.

mod chains;

pub(crate) use chains::is_one_sided;
mod local;
mod same;

use sift_syntax::ast::{
    CondId, Condition, ExprId, ExprKind, OpKind, PerExpr, Query, Rhs, Tree, ValueKind,
};
use sift_syntax::{Fix, Span, format_condition, format_expr};

use crate::checker::paths::{path_key, same_key};
use crate::checker::{ConditionTypes, TypeFacts};
use crate::error::CheckError;
use crate::suggest::sift_value;

/// `e` without the parentheses around it.
pub(crate) fn unparen(tree: &Tree<'_>, mut e: ExprId) -> ExprId {
    while let ExprKind::Paren(inner) = tree[e] {
        e = inner;
    }
    e
}

/// The condition `e` is, parentheses aside.
pub(crate) fn as_condition<'t, 'a>(tree: &'t Tree<'a>, e: ExprId) -> Option<&'t Condition<'a>> {
    tree.as_condition(unparen(tree, e))
}

/// The condition `e` is, parentheses aside, with its id.
pub(crate) fn condition_of<'t, 'a>(
    tree: &'t Tree<'a>,
    e: ExprId,
) -> Option<(CondId, &'t Condition<'a>)> {
    match tree[unparen(tree, e)] {
        ExprKind::Condition(c) => Some((c, &tree[c])),
        _ => None,
    }
}

/// The span that removing operand `at` of a chain takes out: from the end of the operand
/// before it (its `and`/`or` with it), or for the first, up to the start of the next one.
pub(crate) fn operand_removal(tree: &Tree<'_>, chain: &[ExprId], at: usize) -> Option<Span> {
    let this = tree.span(*chain.get(at)?);
    if at > 0 {
        return Some(Span::new(tree.span(chain[at - 1]).hi(), this.hi()));
    }
    chain
        .get(1)
        .map(|&next| Span::new(this.lo(), tree.span(next).lo()))
}

/// Whether two conditions of `chain` (parentheses aside) are on the same field: what every
/// lint relating the conditions of a chain, but the repeats, needs.
pub(crate) fn shares_a_field(tree: &Tree<'_>, chain: &[ExprId]) -> bool {
    shares_a_field_where(tree, chain, |_| true)
}

/// Whether two of the conditions of `chain` that pass `relevant` are on the same field (have
/// the same JSON key). Decided pairwise for short chains; a long chain is assumed to (its
/// per-field state is a hash map, linear anyway).
pub(crate) fn shares_a_field_where<'t, 'a>(
    tree: &'t Tree<'a>,
    chain: &[ExprId],
    relevant: impl Fn(&Condition<'a>) -> bool,
) -> bool {
    /// Chains up to this long are compared pairwise.
    const PAIRWISE: usize = 8;
    if chain.len() > PAIRWISE {
        return true;
    }
    let same_key = |a: &Condition<'a>, b: &Condition<'a>| same_key(&a.field, &b.field);
    // The commonest chain, `a and b`, without the general loop.
    if let [x, y] = chain {
        return match (as_condition(tree, *x), as_condition(tree, *y)) {
            (Some(a), Some(b)) => relevant(a) && relevant(b) && same_key(a, b),
            _ => false,
        };
    }
    let mut seen: [Option<&'t Condition<'a>>; PAIRWISE] = [None; PAIRWISE];
    for (at, &operand) in chain.iter().enumerate() {
        let Some(a) = as_condition(tree, operand).filter(|c| relevant(c)) else {
            continue;
        };
        if seen[..at].iter().flatten().any(|b| same_key(a, b)) {
            return true;
        }
        seen[at] = Some(a);
    }
    false
}

/// Every semantic lint of `query`, which checked without errors, appended to `found`, what the
/// check reported (the contradictions among it keep a chain that matches nothing free of
/// redundancy warnings; one list, so a query with a warning per condition holds one copy of
/// them): `types` is what the check recorded of its conditions' declared types.
pub(crate) fn run(
    query: &Query<'_>,
    types: &ConditionTypes,
    found: Vec<CheckError>,
) -> Vec<CheckError> {
    let mut contradiction_starts: Vec<usize> = found
        .iter()
        .filter(|d| matches!(d, CheckError::Contradiction { .. }))
        .map(|d| d.span().lo())
        .collect();
    contradiction_starts.sort_unstable();
    let mut lints = Lints {
        tree: &query.tree,
        types,
        contradiction_starts,
        null_guarded: PerExpr::new(),
        diagnostics: found,
    };
    if let Some(filter) = query.filter {
        lints.lint_expr(filter, true);
        lints.lint_sort_on_pinned(query, filter);
    }
    lints.diagnostics
}

/// The state of one run of the lints over one query's tree.
struct Lints<'t, 'a> {
    tree: &'t Tree<'a>,
    types: &'t ConditionTypes,
    /// Start offsets of the contradictions the check reported, ascending.
    contradiction_starts: Vec<usize>,
    /// Negations whose null records their chain settles (see `guard_nulls`), by the id of the
    /// `not` or the negating condition; empty until one is marked.
    null_guarded: PerExpr<bool>,
    diagnostics: Vec<CheckError>,
}

impl<'t, 'a> Lints<'t, 'a> {
    fn push(&mut self, diagnostic: CheckError) {
        self.diagnostics.push(diagnostic);
    }

    /// The recorded declared type of the condition's field, if it checked on a declared one.
    fn facts(&self, condition: CondId) -> Option<&TypeFacts> {
        self.types.get(condition)
    }

    fn unparen(&self, e: ExprId) -> ExprId {
        unparen(self.tree, e)
    }

    fn as_condition(&self, e: ExprId) -> Option<&'t Condition<'a>> {
        as_condition(self.tree, e)
    }

    fn condition_of(&self, e: ExprId) -> Option<(CondId, &'t Condition<'a>)> {
        condition_of(self.tree, e)
    }

    fn span(&self, e: ExprId) -> Span {
        self.tree.span(e)
    }

    /// The expression as canonical text.
    fn expr_text(&self, e: ExprId) -> String {
        format_expr(self.tree, e)
    }

    /// The condition as canonical text.
    fn condition_text(&self, condition: &Condition<'_>) -> String {
        format_condition(self.tree, condition)
    }

    fn guarded(&self, e: ExprId) -> bool {
        self.null_guarded.get(e).copied().unwrap_or(false)
    }

    fn guard(&mut self, e: ExprId) {
        if self.null_guarded.is_empty() {
            self.null_guarded = self.tree.per_expr(false);
        }
        self.null_guarded[e] = true;
    }

    /// Walks the filter (depth bounded: the query passed the checker's depth limit).
    /// `positive` is false under an odd number of `not`s, where what a condition lets
    /// through the `not` keeps out (`negated_nullable` speaks only of positive places).
    fn lint_expr(&mut self, expr: ExprId, positive: bool) {
        let tree = self.tree;
        match tree[expr] {
            ExprKind::And(children) => {
                let children = tree.children(children);
                let contradicted = {
                    let span = tree.span(expr);
                    let starts = &self.contradiction_starts;
                    let first = starts.partition_point(|&s| s < span.lo());
                    starts.get(first).is_some_and(|&s| s < span.hi())
                };
                self.lint_and_chain(children, contradicted);
                self.guard_nulls(children, true);
                children.iter().for_each(|&c| self.lint_expr(c, positive));
            }
            ExprKind::Or(children) => {
                let children = tree.children(children);
                self.lint_or_chain(children);
                self.guard_nulls(children, false);
                children.iter().for_each(|&c| self.lint_expr(c, positive));
            }
            ExprKind::Not(inner) => {
                self.lint_not(expr, inner, positive);
                match tree[self.unparen(inner)] {
                    // Reported as one double negation; what it negates is linted on its own.
                    ExprKind::Not(twice) => self.lint_expr(twice, positive),
                    _ => self.lint_expr(inner, !positive),
                }
            }
            ExprKind::Paren(inner) => self.lint_expr(inner, positive),
            ExprKind::Condition(id) => {
                let condition = &tree[id];
                self.lint_condition(expr, id, condition, positive);
                if let Rhs::Condition(inner) = condition.rhs {
                    self.lint_expr(inner, positive);
                }
            }
        }
    }

    /// `from t where a = 1 sort a`: every result has the same `a`, so the sort key orders
    /// nothing. Only conditions every result satisfies count: the filter itself or an operand
    /// of its top-level `and` chain.
    fn lint_sort_on_pinned(&mut self, query: &Query<'_>, filter: ExprId) {
        let Some(sort) = &query.sort else { return };
        let top = self.unparen(filter);
        let operands: &[ExprId] = match self.tree[top] {
            ExprKind::And(children) => self.tree.children(children),
            _ => std::slice::from_ref(&top),
        };
        let pinned: Vec<&Condition<'_>> = operands
            .iter()
            .filter_map(|&e| self.as_condition(e))
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
