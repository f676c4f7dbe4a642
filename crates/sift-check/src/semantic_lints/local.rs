//! Lints of one condition or one `not`.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use sift_syntax::ast::{
    CondId, Condition, ExprId, ExprKind, Op, OpKind, Rhs, Tree, Value, ValueKind,
};
use sift_syntax::{Fix, Span, format_condition};

use super::Lints;
use super::chains::{is_null_test, needs_value};
use crate::checker::lints::Ordered;
use crate::checker::paths::path_key;
use crate::error::CheckError;
use crate::suggest::sift_value;

/// `condition` with another operator (and right-hand side), as canonical source text.
/// (`tree` holds what an `any` on the right-hand side names.)
fn rewritten<'a>(tree: &Tree<'a>, condition: &Condition<'a>, op: OpKind, rhs: Rhs<'a>) -> String {
    let rewritten = Condition {
        span: condition.span,
        field: condition.field.clone(),
        op: Op {
            span: condition.op.span,
            kind: op,
        },
        rhs,
    };
    format_condition(tree, &rewritten)
}

/// The operator a `not` over `op` amounts to, where the two lower to the same JSON or are
/// two-valued tests: `not (a in L)` is `{"not":{"in":…}}`, exactly what `a not in L` lowers to.
fn negated(op: OpKind) -> Option<OpKind> {
    match op {
        OpKind::In => Some(OpKind::NotIn),
        OpKind::NotIn => Some(OpKind::In),
        OpKind::IsNull => Some(OpKind::IsNotNull),
        OpKind::IsNotNull => Some(OpKind::IsNull),
        _ => None,
    }
}

/// A value as the JSON it lowers to, for finding repeats: numbers by their exact value,
/// strings and dates by their text.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) enum ValueKey<'v> {
    Ordered(Ordered<'v>),
    Bool(bool),
    Null,
}

impl<'v> ValueKey<'v> {
    pub(crate) fn of(value: &'v Value<'_>) -> Option<ValueKey<'v>> {
        match &value.kind {
            ValueKind::Bool(b) => Some(ValueKey::Bool(*b)),
            ValueKind::Null => Some(ValueKey::Null),
            _ => Ordered::of(value).map(ValueKey::Ordered),
        }
    }
}

/// What a condition that holds on a null field negates, for `negated_nullable`: `!=` a value
/// and `not in` a list without `null` (a null field equals no value, so they hold there).
fn negation(condition: &Condition<'_>) -> Option<&'static str> {
    let null = |v: &Value<'_>| matches!(v.kind, ValueKind::Null);
    match (condition.op.kind, &condition.rhs) {
        (OpKind::Neq, Rhs::Value(v)) if !null(v) => Some("`!=`"),
        (OpKind::NotIn, Rhs::List(list)) if !list.items.iter().any(null) => Some("`not in`"),
        _ => None,
    }
}

impl<'a> Lints<'_, 'a> {
    /// Whether the schema declares the field of the condition nullable.
    fn on_nullable(&self, condition: CondId) -> bool {
        self.facts(condition).is_some_and(|ty| ty.nullable)
    }

    /// `a in [x]` (use `=`), a value listed twice in `in`/`not in`, and `!=` or `not in` on
    /// a nullable field.
    /// `expr` is the condition's expression, `id` its id.
    pub(super) fn lint_condition(
        &mut self,
        expr: ExprId,
        id: CondId,
        condition: &Condition<'a>,
        positive: bool,
    ) {
        if let Some(what) = negation(condition)
            && positive
            && self.on_nullable(id)
            && !self.guarded(expr)
        {
            let field = path_key(&condition.field).to_string();
            let text = self.condition_text(condition);
            let reason = if condition.op.kind == OpKind::Neq {
                "equals no value"
            } else {
                "is in no list"
            };
            self.push(CheckError::NegatedNullable {
                what,
                help: format!(
                    "a null or missing `{field}` {reason}, so `{text}` holds for it; to keep only records that have a value, write `{text} and {field} is not null`"
                ),
                field,
                span: condition.span,
                fix: None,
            });
        }
        let Rhs::List(list) = &condition.rhs else {
            return;
        };
        if let ([only], OpKind::In) = (list.items.as_slice(), condition.op.kind) {
            let field = path_key(&condition.field).into_owned();
            let replacement = rewritten(self.tree, condition, OpKind::Eq, Rhs::Value(only.clone()));
            self.push(CheckError::SingleValueIn {
                value: sift_value(only),
                help: format!("`{replacement}` says the same and reads plainly"),
                span: list.span,
                fix: Some(Fix {
                    span: condition.span,
                    replacement,
                }),
                field,
            });
            return;
        }
        if list.items.len() < 2 {
            return;
        }
        // A short list pairwise (no allocation); a long one in one pass with a set: linear.
        /// Lists up to this long are compared pairwise.
        const PAIRWISE: usize = 8;
        // The keys of a short list, each read once.
        let mut keys: [Option<ValueKey<'_>>; PAIRWISE] = Default::default();
        let mut seen: FxHashMap<ValueKey<'_>, Span> = FxHashMap::default();
        if list.items.len() > PAIRWISE {
            seen.reserve(list.items.len());
        }
        for (at, item) in list.items.iter().enumerate() {
            let Some(key) = ValueKey::of(item) else {
                continue;
            };
            let first = if list.items.len() > PAIRWISE {
                match seen.entry(key) {
                    Entry::Occupied(first) => Some(*first.get()),
                    Entry::Vacant(slot) => {
                        slot.insert(item.span);
                        None
                    }
                }
            } else {
                let earlier = keys[..at].iter().position(|k| k.as_ref() == Some(&key));
                keys[at] = Some(key);
                earlier.map(|e| list.items[e].span)
            };
            if let Some(first) = first {
                let removal = Span::new(list.items[at - 1].span.hi(), item.span.hi());
                self.push(CheckError::DuplicateListValue {
                    field: path_key(&condition.field).into_owned(),
                    value: sift_value(item),
                    span: item.span,
                    first,
                    help: String::from(
                        "a list is a set: the second copy changes nothing; remove it",
                    ),
                    fix: Some(Fix {
                        span: removal,
                        replacement: String::new(),
                    }),
                });
            }
        }
    }

    /// `negation_rewrite`: the `not` at `span` says what `replacement` says without it.
    fn negation_rewrite(&mut self, span: Span, what: String, help: String, replacement: String) {
        self.push(CheckError::NegationRewrite {
            what,
            help,
            replacement: replacement.clone(),
            span,
            fix: Some(Fix { span, replacement }),
        });
    }

    /// `not not e`; `not (a in L)` and other negations an operator already says; `not` over
    /// a condition on a nullable field.
    pub(super) fn lint_not(&mut self, not: ExprId, inner: ExprId, positive: bool) {
        if let ExprKind::Not(twice) = self.tree[self.unparen(inner)] {
            // `twice` keeps its own parentheses, so the replacement binds as the original.
            let replacement = self.expr_text(twice);
            let help = format!("`not not e` is `e`: write `{replacement}`");
            self.negation_rewrite(
                self.span(not),
                String::from("a double negation"),
                help,
                replacement,
            );
            return;
        }
        let Some((id, condition)) = self.condition_of(inner) else {
            return;
        };
        if let Some(op) = negated(condition.op.kind) {
            let replacement = rewritten(self.tree, condition, op, condition.rhs.clone());
            let what = format!("`not` over `{}`", condition.op.kind.as_str());
            let help = format!(
                "`{replacement}` means exactly the same (it is sent as the same JSON or is the same two-valued test)"
            );
            self.negation_rewrite(self.span(not), what, help, replacement);
            return;
        }
        // Only a condition that fails on a null field makes `not` hold there (`not (a != 1)`
        // and `not (a = null)` do not).
        if needs_value(condition) && positive && self.on_nullable(id) && !self.guarded(not) {
            let field = path_key(&condition.field).to_string();
            let inner_text = self.expr_text(inner);
            self.push(CheckError::NegatedNullable {
                what: "`not` over a condition",
                help: format!(
                    "a record without `{field}` fails `{cond}`, so `not` lets it through; to keep only records that have a value, write `not {inner_text} and {field} is not null`",
                    cond = self.condition_text(condition),
                ),
                field,
                span: self.span(not),
                fix: None,
            });
        }
    }

    /// Marks the negations among the operands of `chain` whose null records the chain itself
    /// settles, so `negated_nullable` leaves them alone: in an `and`, another operand on the
    /// field that needs a value (`not a > 2 and a is not null`); in an `or`, a null test on
    /// it (`a != 1 or a is null`).
    pub(super) fn guard_nulls(&mut self, chain: &[ExprId], and: bool) {
        let tree = self.tree;
        let negates = |&operand: &ExprId| match tree[self.unparen(operand)] {
            ExprKind::Not(_) => true,
            ExprKind::Condition(c) => negation(&tree[c]).is_some(),
            _ => false,
        };
        if !chain.iter().any(negates) {
            return;
        }
        let settles = |c: &Condition<'_>| {
            if and {
                needs_value(c) || c.op.kind == OpKind::IsNotNull || is_not_null_test(c)
            } else {
                is_null_test(c)
            }
        };
        let settled: Vec<_> = chain
            .iter()
            .filter_map(|&e| self.as_condition(e))
            .filter(|c| settles(c))
            .map(|c| path_key(&c.field))
            .collect();
        if settled.is_empty() {
            return;
        }
        let settled: FxHashSet<_> = settled.into_iter().collect();
        for &operand in chain {
            let negation_at = self.unparen(operand);
            let condition = match tree[negation_at] {
                ExprKind::Not(inner) => self.as_condition(inner),
                ExprKind::Condition(c) if negation(&tree[c]).is_some() => Some(&tree[c]),
                _ => continue,
            };
            if let Some(c) = condition
                && settled.contains(&path_key(&c.field))
            {
                self.guard(negation_at);
            }
        }
    }
}

/// `a != null`: a null test written with `!=`.
fn is_not_null_test(condition: &Condition<'_>) -> bool {
    condition.op.kind == OpKind::Neq
        && matches!(&condition.rhs, Rhs::Value(v) if matches!(v.kind, ValueKind::Null))
}
