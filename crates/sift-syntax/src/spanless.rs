//! Equality that ignores spans, `Name::quoted` and `Comment::own_line`: for tests and round-trip
//! checks.

use crate::ast::{
    Comment, Condition, Document, Expr, ExprKind, FieldsClause, Limit, List, Name, Op, Path, Query,
    Rhs, Semantic, SortClause, SortKey, Value, ValueKind,
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
            && self.filter.spanless_eq(&other.filter)
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

impl SpanlessEq for Expr<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.kind.spanless_eq(&other.kind)
    }
}

impl SpanlessEq for ExprKind<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        match (self, other) {
            (ExprKind::And(a), ExprKind::And(b)) | (ExprKind::Or(a), ExprKind::Or(b)) => {
                a.spanless_eq(b)
            }
            (ExprKind::Not(a), ExprKind::Not(b)) | (ExprKind::Paren(a), ExprKind::Paren(b)) => {
                a.spanless_eq(b)
            }
            (ExprKind::Condition(a), ExprKind::Condition(b)) => a.spanless_eq(b),
            _ => false,
        }
    }
}

impl SpanlessEq for Condition<'_> {
    fn spanless_eq(&self, other: &Self) -> bool {
        self.field.spanless_eq(&other.field)
            && self.op.spanless_eq(&other.op)
            && self.rhs.spanless_eq(&other.rhs)
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
            (Rhs::Condition(a), Rhs::Condition(b)) => a.spanless_eq(b),
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
