//! Paths into the elements of an array. A condition on elements says `any (…)`: the search API
//! does not define what a dotted key through an array matches, so `line_items.amount = 1` is
//! an error whose fix is `line_items any (amount = 1)`. A sort key cannot reach into elements
//! at all (that error is reported with the sort clause).

use sift_syntax::ast::{Condition, ExprId, Op, OpKind, Path, Rhs, Tree};
use sift_syntax::{Fix, Limits, format_expr};

use crate::checker::Checker;
use crate::checker::paths::{path_key, prefix_text};
use crate::error::CheckError;

impl Checker {
    /// Reports `condition`, whose path enters array elements at segments `entries`, with a
    /// fix to the nested `any` form. `depth` is the condition's nesting, so that the fix does
    /// not pass the depth ceiling.
    pub(crate) fn condition_through_array(
        &mut self,
        tree: &Tree<'_>,
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
        let rewritten = any_form(tree, condition, entries, op).filter(|_| fits);
        let help = match &rewritten {
            Some(expr) => {
                let mut help = format!(
                    "a record matches `{}` when at least one element of `{array}` satisfies {}; names inside `any (…)` are relative to the element. The search API does not define what a dotted key through an array matches",
                    expr.text(),
                    expr.element_condition(),
                );
                if let Some(positive) =
                    positive(op).and_then(|p| any_form(tree, condition, entries, p))
                {
                    help.push_str(&format!(
                        ". To match records where no element satisfies {}, write `not {}`",
                        positive.element_condition(),
                        positive.text()
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
                replacement: expr.text(),
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

/// A rewritten condition, in a tree of its own.
struct Rewritten<'a> {
    tree: Tree<'a>,
    root: ExprId,
}

impl Rewritten<'_> {
    fn text(&self) -> String {
        format_expr(&self.tree, self.root)
    }

    /// The condition directly inside the outermost `any`, quoted for help text.
    fn element_condition(&self) -> String {
        match self.tree.as_condition(self.root).map(|c| &c.rhs) {
            Some(Rhs::Condition(inner)) => format!("`{}`", format_expr(&self.tree, *inner)),
            _ => String::from("the condition"),
        }
    }
}

/// `a.b.c op rhs` entering arrays at segments `[1, 2]` → `a any (b any (c op rhs))`, with `op`
/// as the innermost operator. `None` when an entry leaves a piece of the path empty.
fn any_form<'a>(
    tree: &Tree<'a>,
    condition: &Condition<'a>,
    entries: &[usize],
    op: OpKind,
) -> Option<Rewritten<'a>> {
    let segments = &condition.field.segments;
    let piece = |from: usize, to: usize| -> Option<Path<'a>> {
        let part = segments.get(from..to).filter(|p| !p.is_empty())?;
        Some(Path {
            span: condition.field.span,
            segments: part.iter().cloned().collect(),
        })
    };
    let mut out = Tree::default();
    let wrap = |out: &mut Tree<'a>, field: Path<'a>, kind: OpKind, rhs| {
        out.condition(Condition {
            span: condition.span,
            field,
            op: Op {
                span: condition.op.span,
                kind,
            },
            rhs,
        })
    };
    let mut end = segments.len();
    let mut expr = None;
    for &start in entries.iter().rev() {
        let field = piece(start, end)?;
        expr = Some(match expr {
            None => {
                let rhs = match &condition.rhs {
                    Rhs::Condition(inner) => Rhs::Condition(out.add(tree.to_owned_expr(*inner))),
                    other => other.clone(),
                };
                wrap(&mut out, field, op, rhs)
            }
            Some(inner) => wrap(&mut out, field, OpKind::Any, Rhs::Condition(inner)),
        });
        end = start;
    }
    let inner = expr?;
    let root = wrap(&mut out, piece(0, end)?, OpKind::Any, Rhs::Condition(inner));
    Some(Rewritten { tree: out, root })
}
