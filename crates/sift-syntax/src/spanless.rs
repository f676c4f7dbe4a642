//! Equality that ignores spans, `Name::quoted` and `Comment::own_line`: for tests and round-trip
//! checks.

use crate::ast::{
    Comment, Condition, Document, ExprId, ExprKind, FieldsClause, Limit, List, Name, Op, Path,
    Query, Rhs, Semantic, SortClause, SortKey, Tree, Value, ValueKind,
};

/// Structural equality ignoring spans (and whether a name was written in backticks, and where a
/// comment sits: documents compare their comment texts in order).
pub trait SpanlessEq {
    fn spanless_eq(&self, other: &Self) -> bool;
}

impl<T: SpanlessEq> SpanlessEq for Option<T> {
    fn spanless_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.spanless_eq(b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T: SpanlessEq> SpanlessEq for [T] {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a.spanless_eq(b))
    }
}

impl<T: SpanlessEq> SpanlessEq for Vec<T> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self[..].spanless_eq(&other[..])
    }
}

impl<T: SpanlessEq> SpanlessEq for Box<T> {
    fn spanless_eq(&self, other: &Self) -> bool {
        T::spanless_eq(self, other)
    }
}

/// Compares the queries and the comment texts, in order; where and how a comment sits (its span,
/// `own_line`) is layout, which the formatter may change.
impl SpanlessEq for Document<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.queries.spanless_eq(&other.queries) && self.comments.spanless_eq(&other.comments)
    }
}

impl SpanlessEq for Comment<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl SpanlessEq for Query<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.from.spanless_eq(&other.from)
            && self.semantic.spanless_eq(&other.semantic)
            && match (self.filter, other.filter) {
                (Some(a), Some(b)) => {
                    InTree::new(&self.tree, a).spanless_eq(&InTree::new(&other.tree, b))
                }
                (None, None) => true,
                _ => false,
            }
            && self.sort.spanless_eq(&other.sort)
            && self.limit.spanless_eq(&other.limit)
            && self.fields.spanless_eq(&other.fields)
    }
}

impl SpanlessEq for Semantic<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.prompt.spanless_eq(&other.prompt)
            && self.field.spanless_eq(&other.field)
            && self.min.spanless_eq(&other.min)
            && self.context_size.spanless_eq(&other.context_size)
            && self.dedup.map(|d| d.mode) == other.dedup.map(|d| d.mode)
    }
}

impl SpanlessEq for Name<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl SpanlessEq for Path<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.segments[..].spanless_eq(&other.segments[..])
    }
}

/// An expression together with the tree that holds it: what two trees compare by.
#[derive(Clone, Copy, Debug)]
pub struct InTree<'t, 'a> {
    pub tree: &'t Tree<'a>,
    pub id: ExprId,
}

impl<'t, 'a> InTree<'t, 'a> {
    pub fn new(tree: &'t Tree<'a>, id: ExprId) -> Self {
        InTree { tree, id }
    }

    fn at(self, id: ExprId) -> Self {
        InTree { id, ..self }
    }
}

impl SpanlessEq for InTree<'_, '_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        let (a, b) = (self.tree, other.tree);
        match (a[self.id], b[other.id]) {
            (ExprKind::And(x), ExprKind::And(y)) | (ExprKind::Or(x), ExprKind::Or(y)) => {
                let (x, y) = (a.children(x), b.children(y));
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|(&x, &y)| self.at(x).spanless_eq(&other.at(y)))
            }
            (ExprKind::Not(x), ExprKind::Not(y)) | (ExprKind::Paren(x), ExprKind::Paren(y)) => {
                self.at(x).spanless_eq(&other.at(y))
            }
            (ExprKind::Condition(x), ExprKind::Condition(y)) => {
                conditions_eq(self.at(self.id), &a[x], other.at(other.id), &b[y])
            }
            _ => false,
        }
    }
}

/// Two conditions, each in its tree (an `any` holds an expression of it).
fn conditions_eq(ta: InTree, a: &Condition, tb: InTree, b: &Condition) -> bool {
    a.field.spanless_eq(&b.field)
        && a.op.spanless_eq(&b.op)
        && match (&a.rhs, &b.rhs) {
            (Rhs::Condition(x), Rhs::Condition(y)) => ta.at(*x).spanless_eq(&tb.at(*y)),
            (x, y) => x.spanless_eq(y),
        }
}

impl SpanlessEq for Op {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl SpanlessEq for Rhs<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Rhs::Value(a), Rhs::Value(b)) => a.spanless_eq(b),
            (Rhs::List(a), Rhs::List(b)) => a.spanless_eq(b),
            (
                Rhs::Range { low, high },
                Rhs::Range {
                    low: low2,
                    high: high2,
                },
            ) => low.spanless_eq(low2) && high.spanless_eq(high2),
            // Compared through their trees (see `conditions_eq`); not comparable alone.
            (Rhs::Condition(_), Rhs::Condition(_)) => false,
            (Rhs::Nothing, Rhs::Nothing) => true,
            _ => false,
        }
    }
}

impl SpanlessEq for List<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.items.spanless_eq(&other.items)
    }
}

impl SpanlessEq for Value<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.kind.spanless_eq(&other.kind)
    }
}

impl SpanlessEq for ValueKind<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self == other
    }
}

impl SpanlessEq for SortClause<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.keys.spanless_eq(&other.keys)
    }
}

impl SpanlessEq for SortKey<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.direction == other.direction && self.path.spanless_eq(&other.path)
    }
}

impl SpanlessEq for Limit {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl SpanlessEq for FieldsClause<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.paths.spanless_eq(&other.paths)
    }
}
