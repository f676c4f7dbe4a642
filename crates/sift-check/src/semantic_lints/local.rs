//! Lints of one condition or one `not`.

use rustc_hash::FxHashMap;

use sift_syntax::ast::{Condition, Expr, ExprKind, Op, OpKind, Rhs, Value, ValueKind};
use sift_syntax::{Fix, Span, format_expr};

use super::{as_condition, unparen};
use crate::checker::Checker;
use crate::error::CheckError;
use crate::lints::Ordered;
use crate::paths::path_key;
use crate::suggest::sift_value;

/// `condition` with another operator (and right-hand side), as canonical source text.
fn rewritten(condition: &Condition<'_>, op: OpKind, rhs: Rhs<'_>) -> String {
    let expr = Expr {
        span: condition.span,
        kind: ExprKind::Condition(Condition {
            span: condition.span,
            field: condition.field.clone(),
            op: Op {
                span: condition.op.span,
                kind: op,
            },
            rhs,
        }),
    };
    format_expr(&expr)
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

impl Checker {
    /// `a in [x]` (use `=`), and a value listed twice in `in`/`not in`.
    pub(super) fn lint_condition(&mut self, condition: &Condition<'_>) {
        let Rhs::List(list) = &condition.rhs else {
            return;
        };
        if let ([only], OpKind::In) = (list.items.as_slice(), condition.op.kind) {
            let field = path_key(&condition.field).into_owned();
            let replacement = rewritten(condition, OpKind::Eq, Rhs::Value(only.clone()));
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
        // One pass with a set: linear in the list.
        let mut seen: FxHashMap<ValueKey<'_>, Span> = FxHashMap::default();
        seen.reserve(list.items.len());
        for (at, item) in list.items.iter().enumerate() {
            let Some(key) = ValueKey::of(item) else {
                continue;
            };
            match seen.get(&key) {
                Some(&first) if at > 0 => {
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
                _ => {
                    seen.insert(key, item.span);
                }
            }
        }
    }

    /// `not not e`; `not (a in L)` and other negations an operator already says; `not` over
    /// a condition on a nullable field.
    pub(super) fn lint_not(&mut self, not: &Expr<'_>, inner: &Expr<'_>) {
        if let ExprKind::Not(twice) = &unparen(inner).kind {
            // `twice` keeps its own parentheses, so the replacement binds as the original.
            let replacement = format_expr(twice);
            self.push(CheckError::NegationRewrite {
                what: String::from("a double negation"),
                help: format!("`not not e` is `e`: write `{replacement}`"),
                replacement: replacement.clone(),
                span: not.span,
                fix: Some(Fix {
                    span: not.span,
                    replacement,
                }),
            });
            return;
        }
        let Some(condition) = as_condition(inner) else {
            return;
        };
        if let Some(op) = negated(condition.op.kind) {
            let replacement = rewritten(condition, op, condition.rhs.clone());
            self.push(CheckError::NegationRewrite {
                what: format!("`not` over `{}`", condition.op.kind.as_str()),
                help: format!(
                    "`{replacement}` means exactly the same (it is sent as the same JSON or is the same two-valued test)"
                ),
                replacement: replacement.clone(),
                span: not.span,
                fix: Some(Fix {
                    span: not.span,
                    replacement,
                }),
            });
            return;
        }
        let nullable = self
            .condition_types
            .get(condition.span)
            .is_some_and(|ty| ty.nullable);
        if nullable {
            let field = path_key(&condition.field).to_string();
            let inner_text = format_expr(inner);
            self.push(CheckError::NegatedNullable {
                help: format!(
                    "a record without `{field}` fails `{cond}`, so `not` lets it through; to keep only records that have a value, write `not {inner_text} and {field} is not null`",
                    cond = format_expr(&Expr {
                        span: condition.span,
                        kind: ExprKind::Condition(condition.clone()),
                    }),
                ),
                field,
                span: not.span,
                fix: None,
            });
        }
    }
}
