//! The checker's output: a query whose names are resolved against the schema and whose
//! conditions fit their fields' types. Parentheses are gone (the tree keeps their grouping);
//! spans stay, so that later phases can still point at the source.

use std::borrow::Cow;

use sift_syntax::Span;
use sift_syntax::ast::{Direction, Op, Value};

/// A query that passed checking. Lowering takes it to wire JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedQuery<'a> {
    pub span: Span,
    /// The entity's name as the API knows it.
    pub entity: String,
    /// `similar to …`: semantic search instead of a plain query.
    pub semantic: Option<TypedSemantic<'a>>,
    pub filter: Option<TypedExpr<'a>>,
    pub sort: Vec<TypedSortKey<'a>>,
    pub limit: Option<u64>,
    /// Each requested field as its list of keys: `client.name` → `["client", "name"]`, a
    /// dotted top-level name `customer.id` → `["customer.id"]`.
    pub fields: Vec<Vec<Cow<'a, str>>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypedExpr<'a> {
    pub span: Span,
    pub kind: TypedKind<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypedKind<'a> {
    And(Vec<TypedExpr<'a>>),
    Or(Vec<TypedExpr<'a>>),
    Not(Box<TypedExpr<'a>>),
    Condition(TypedCondition<'a>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypedCondition<'a> {
    pub span: Span,
    /// The field's JSON key (relative to the array element inside `any`).
    pub key: Cow<'a, str>,
    /// The span of the field path in the source.
    pub key_span: Span,
    pub op: Op,
    pub rhs: TypedRhs<'a>,
}

/// Mirrors [`sift_syntax::ast::Rhs`], with `any`'s inner condition checked against the element.
#[derive(Clone, Debug, PartialEq)]
pub enum TypedRhs<'a> {
    Value(Value<'a>),
    List(Vec<Value<'a>>),
    Range { low: Value<'a>, high: Value<'a> },
    Condition(Box<TypedExpr<'a>>),
    Nothing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypedSortKey<'a> {
    pub span: Span,
    pub key: Cow<'a, str>,
    pub direction: Direction,
}

/// A checked `similar to` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct TypedSemantic<'a> {
    pub span: Span,
    /// The prompt, non-empty.
    pub prompt: Cow<'a, str>,
    /// The JSON key of the string field compared, if one is named.
    pub field: Option<Cow<'a, str>>,
    /// The least similarity, a number in [-1, 1] as written.
    pub min: Option<Value<'a>>,
}
