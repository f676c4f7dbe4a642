//! Unit tests over hand-built typed queries.

mod emit;
mod errors;
mod operators;
mod values;

use std::borrow::Cow;

use sift_check::{
    Comparison, Predicate, Scalar, SearchOp, TextOp, TypedCondition, TypedExpr, TypedKind,
    TypedQuery, TypedSortKey, TypedText, TypedValue,
};
use sift_syntax::Span;
use sift_syntax::ast::{Direction, OpKind, Value, ValueKind};

use crate::{Emit, LowerError, Target, lower_to_string};

/// A span that tests can tell apart: `n..n+1`.
pub(crate) fn at(n: usize) -> Span {
    Span::new(n, n + 1)
}

pub(crate) fn value(kind: ValueKind<'static>) -> TypedValue<'static> {
    // Typed values borrow the tree they were checked from; a test's values live for the run.
    let value: &'static Value<'static> = Box::leak(Box::new(Value { span: at(90), kind }));
    TypedValue::of(value).expect("a test value is valid")
}

pub(crate) fn string(text: &'static str) -> TypedValue<'static> {
    value(ValueKind::String(Cow::Borrowed(text)))
}

pub(crate) fn int(i: i64) -> TypedValue<'static> {
    value(ValueKind::Integer(i))
}

pub(crate) fn decimal(text: &'static str) -> TypedValue<'static> {
    value(ValueKind::Decimal(Cow::Borrowed(text)))
}

pub(crate) fn cond(key: &'static str, predicate: Predicate<'static>) -> TypedExpr<'static> {
    TypedExpr {
        span: at(10),
        kind: TypedKind::Condition(TypedCondition {
            key: Cow::Borrowed(key),
            op_span: at(12),
            predicate,
        }),
    }
}

/// `key op value` with a single-value right-hand side.
pub(crate) fn cmp(key: &'static str, op: OpKind, v: TypedValue<'static>) -> TypedExpr<'static> {
    let predicate = if let Some(comparison) = Comparison::of(op) {
        Predicate::Compare(comparison, v)
    } else if let Some(search) = SearchOp::of(op) {
        Predicate::Search(search, v)
    } else if let Some(text_op) = TextOp::of(op) {
        let Scalar::String(text) = v.scalar else {
            panic!("a text operator takes a string in these tests");
        };
        Predicate::Text(text_op, TypedText { span: v.span, text })
    } else if op == OpKind::Has {
        Predicate::Has(v)
    } else {
        panic!("`{}` does not take one value", op.as_str())
    };
    cond(key, predicate)
}

pub(crate) fn and(all: Vec<TypedExpr<'static>>) -> TypedExpr<'static> {
    TypedExpr {
        span: at(1),
        kind: TypedKind::And(all),
    }
}

pub(crate) fn or(any: Vec<TypedExpr<'static>>) -> TypedExpr<'static> {
    TypedExpr {
        span: at(2),
        kind: TypedKind::Or(any),
    }
}

pub(crate) fn not(inner: TypedExpr<'static>) -> TypedExpr<'static> {
    TypedExpr {
        span: at(3),
        kind: TypedKind::Not(Box::new(inner)),
    }
}

pub(crate) fn query(filter: Option<TypedExpr<'static>>) -> TypedQuery<'static> {
    TypedQuery {
        span: Span::new(0, 100),
        entity: "users".to_owned(),
        semantic: None,
        filter,
        sort: Vec::new(),
        limit: None,
        fields: Vec::new(),
    }
}

pub(crate) fn sort_key(key: &'static str, direction: Direction) -> TypedSortKey<'static> {
    TypedSortKey {
        span: at(50),
        key: Cow::Borrowed(key),
        direction,
    }
}

/// The filter alone, lowered for `target`.
pub(crate) fn filter(expr: TypedExpr<'static>, target: Target) -> Result<String, Vec<LowerError>> {
    lower_to_string(&query(Some(expr)), target, Emit::Filter)
}

/// The filter alone, lowered for `target`; panics (test failure) with the errors otherwise.
pub(crate) fn filter_ok(expr: TypedExpr<'static>, target: Target) -> String {
    match filter(expr, target) {
        Ok(json) => json,
        Err(errors) => panic!("lowering for {target} failed: {errors:?}"),
    }
}

/// Codes of the errors lowering `expr` for `target` reports.
pub(crate) fn filter_codes(expr: TypedExpr<'static>, target: Target) -> Vec<String> {
    use miette::Diagnostic;
    match filter(expr, target) {
        Ok(json) => panic!("expected errors for {target}, got {json}"),
        Err(errors) => errors
            .iter()
            .map(|e| e.code().map(|c| c.to_string()).unwrap_or_default())
            .collect(),
    }
}
