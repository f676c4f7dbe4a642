//! Unit tests over hand-built typed queries.

mod emit;
mod errors;
mod operators;
mod values;

use std::borrow::Cow;

use sift_check::{TypedCondition, TypedExpr, TypedKind, TypedQuery, TypedRhs, TypedSortKey};
use sift_syntax::Span;
use sift_syntax::ast::{Direction, Op, OpKind, Value, ValueKind};

use crate::{Emit, LowerError, Target, lower_to_string};

/// A span that tests can tell apart: `n..n+1`.
pub(crate) fn at(n: usize) -> Span {
    Span::new(n, n + 1)
}

pub(crate) fn value(kind: ValueKind<'static>) -> Value<'static> {
    Value { span: at(90), kind }
}

pub(crate) fn string(text: &'static str) -> Value<'static> {
    value(ValueKind::String(Cow::Borrowed(text)))
}

pub(crate) fn int(i: i64) -> Value<'static> {
    value(ValueKind::Integer(i))
}

pub(crate) fn decimal(text: &'static str) -> Value<'static> {
    value(ValueKind::Decimal(Cow::Borrowed(text)))
}

pub(crate) fn cond(key: &'static str, op: OpKind, rhs: TypedRhs<'static>) -> TypedExpr<'static> {
    TypedExpr {
        span: at(10),
        kind: TypedKind::Condition(TypedCondition {
            span: at(10),
            key: Cow::Borrowed(key),
            key_span: at(11),
            op: Op {
                span: at(12),
                kind: op,
            },
            rhs,
        }),
    }
}

/// `key op value` with a single-value right-hand side.
pub(crate) fn cmp(key: &'static str, op: OpKind, v: Value<'static>) -> TypedExpr<'static> {
    cond(key, op, TypedRhs::Value(v))
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
