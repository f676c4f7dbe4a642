//! Paths into the elements of an array. A condition on elements says `any (…)`: the search API
//! does not define what a dotted key through an array matches, so `line_items.amount = 1` is
//! an error whose fix is `line_items any (amount = 1)`. A sort key cannot reach into elements
//! at all (that error is reported with the sort clause).

use sift_syntax::ast::{Condition, Expr, ExprKind, Op, OpKind, Path, Rhs};
use sift_syntax::{Fix, Limits, format_expr};

use crate::checker::Checker;
use crate::error::CheckError;
use crate::paths::{path_key, prefix_text};

impl Checker {
    /// Reports `condition`, whose path enters array elements at segments `entries`, with a
    /// fix to the nested `any` form. `depth` is the condition's nesting, so that the fix does
    /// not pass the depth ceiling.
    pub(crate) fn condition_through_array(
        &mut self,
        condition: &Condition<'_>,
        entries: &[usize],
        depth: usize,
    ) {
        let path = &condition.field;
        let Some(&first) = entries.first() else {
            return;
        };
        let array = prefix_text(path, first);
        let fits = depth.saturating_add(entries.len()) <= Limits::DEPTH_CEILING;
        let op = condition.op.kind;
        let rewritten = any_form(condition, entries, op).filter(|_| fits);
        let help = match &rewritten {
            Some(expr) => {
                let mut help = format!(
                    "a record matches `{}` when at least one element of `{array}` satisfies {}; names inside `any (…)` are relative to the element. The search API does not define what a dotted key through an array matches",
                    format_expr(expr),
                    element_condition(expr),
                );
                if let Some(positive) = positive(op).and_then(|p| any_form(condition, entries, p)) {
                    help.push_str(&format!(
                        ". To match records where no element satisfies {}, write `not {}`",
                        element_condition(&positive),
                        format_expr(&positive)
                    ));
                }
                help
            }
            None => format!(
                "write the condition as `{array} any (…)`, with names inside relative to the elements of `{array}`; the search API does not define what a dotted key through an array matches"
            ),
        };
        self.push(CheckError::PathThroughArray {
            path: path_key(path).into_owned(),
            array,
            span: path.span,
            help,
            fix: rewritten.map(|expr| Fix {
                span: condition.span,
                replacement: format_expr(&expr),
            }),
        });
    }
}

/// The positive operator whose negation a user of `!=` / `not in` on elements most likely
/// means ("no element has …").
fn positive(op: OpKind) -> Option<OpKind> {
    match op {
        OpKind::Neq => Some(OpKind::Eq),
        OpKind::NotIn => Some(OpKind::In),
        _ => None,
    }
}

/// The condition directly inside the outermost `any`, quoted for help text.
fn element_condition(expr: &Expr<'_>) -> String {
    match &expr.kind {
        ExprKind::Condition(Condition {
            rhs: Rhs::Condition(inner),
            ..
        }) => format!("`{}`", format_expr(inner)),
        _ => String::from("the condition"),
    }
}

/// `a.b.c op rhs` entering arrays at segments `[1, 2]` → `a any (b any (c op rhs))`, with `op`
/// as the innermost operator. `None` when an entry leaves a piece of the path empty.
fn any_form<'a>(condition: &Condition<'a>, entries: &[usize], op: OpKind) -> Option<Expr<'a>> {
    let segments = &condition.field.segments;
    let piece = |from: usize, to: usize| -> Option<Path<'a>> {
        let part = segments.get(from..to).filter(|p| !p.is_empty())?;
        Some(Path {
            span: condition.field.span,
            segments: part.iter().cloned().collect(),
        })
    };
    let wrap = |field: Path<'a>, kind: OpKind, rhs| Expr {
        span: condition.span,
        kind: ExprKind::Condition(Condition {
            span: condition.span,
            field,
            op: Op {
                span: condition.op.span,
                kind,
            },
            rhs,
        }),
    };
    let mut end = segments.len();
    let mut expr = None;
    for &start in entries.iter().rev() {
        let field = piece(start, end)?;
        expr = Some(match expr {
            None => wrap(field, op, condition.rhs.clone()),
            Some(inner) => wrap(field, OpKind::Any, Rhs::Condition(Box::new(inner))),
        });
        end = start;
    }
    let inner = expr?;
    Some(wrap(
        piece(0, end)?,
        OpKind::Any,
        Rhs::Condition(Box::new(inner)),
    ))
}
