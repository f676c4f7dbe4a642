//! `sift-check`: AST + entity schema → typed query, or every diagnostic of the query.

mod typed;

pub use typed::{TypedCondition, TypedExpr, TypedKind, TypedQuery, TypedRhs, TypedSortKey};
