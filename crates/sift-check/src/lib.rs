//! `sift-check`: AST + entity schema → typed query, or every diagnostic of the query.
//!
//! [`type_query`] resolves the entity and every field path, checks each operator and value
//! against the field's type, and reports all errors and warnings of the query in one pass. The
//! typed query exists only when no diagnostic is an error.

mod checker;
mod completion;
mod decimal;
mod error;
mod semantic_lints;
mod suggest;
mod typed;
mod types;

#[cfg(test)]
mod tests;

use sift_schema::Catalog;
use sift_syntax::ast::Query;

pub use checker::paths::field_as_written as written_field_name;
pub use checker::semantic::{
    SEMANTIC_DEFAULT_DEDUP, SEMANTIC_DEFAULT_LIMIT, SEMANTIC_DEFAULT_MIN, SEMANTIC_MAX_LIMIT,
};
pub use checker::time::{Clock, ResolvedTime, resolve_time, unix_seconds_of};
pub use completion::{
    EntityCompletion, FieldCompletion, MAX_COMPLETION_DEPTH, entity_completions, field_completions,
    field_completions_of, semantic_filter_completions,
};
pub use decimal::Decimal;
pub use error::{CheckError, SemanticProblem, with_article};
pub use suggest::suggest;
pub use typed::{
    Comparison, Number, Predicate, Scalar, SearchOp, TextOp, TypedCondition, TypedExpr, TypedKind,
    TypedQuery, TypedSemantic, TypedSortKey, TypedText, TypedValue,
};
pub use types::{operator_applies, operators_for};

/// The outcome of checking one query: the typed query when no diagnostic is an error, and
/// every diagnostic (warnings ride along with a typed query).
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<'a> {
    pub query: Option<TypedQuery<'a>>,
    pub diagnostics: Vec<CheckError>,
    /// Every relative time of the query and what it resolved to, in source order.
    pub resolved_times: Vec<ResolvedTime>,
}

impl Checked<'_> {
    /// True when some diagnostic is an error (and so `query` is `None`).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| !d.is_warning())
    }
}

/// Checks `query` against `catalog`. The entity is the query's `from`, else `default_entity`
/// (given out of band: an API argument, `--entity`). Never panics; work is linear in the query
/// (times the schema's size for name lookups), recursion is bounded by
/// [`Limits::DEPTH_CEILING`](sift_syntax::Limits::DEPTH_CEILING).
pub fn type_query<'a>(
    query: &'a Query<'a>,
    catalog: &Catalog,
    default_entity: Option<&str>,
) -> Checked<'a> {
    check_with(
        &mut checker::Checker::new(None),
        query,
        catalog,
        default_entity,
    )
}

/// [`type_query`] with a clock that relative times (`today() - 7d`) resolve against; without
/// one, a relative time is an error (`sift::check::no_clock`).
pub fn type_query_at<'a>(
    query: &'a Query<'a>,
    catalog: &Catalog,
    default_entity: Option<&str>,
    clock: &Clock,
) -> Checked<'a> {
    let mut checker = checker::Checker::new(Some(clock.clone()));
    check_with(&mut checker, query, catalog, default_entity)
}

/// [`type_query`] with a given checker, whose state (suggestion indexes) tests can inspect.
pub(crate) fn check_with<'a>(
    checker: &mut checker::Checker,
    query: &'a Query<'a>,
    catalog: &Catalog,
    default_entity: Option<&str>,
) -> Checked<'a> {
    let limit = checker.check_limit(query.limit.as_ref());
    let typed = checker
        .entity(query, catalog, default_entity)
        .and_then(|entity| checker.check_clauses(query, entity, catalog, limit));
    let found = checker.finish();
    let typed = typed.filter(|_| found.errors == 0);
    let mut diagnostics = found.diagnostics;
    if typed.is_some() {
        diagnostics = semantic_lints::run(query, &found.condition_types, diagnostics);
    }
    // A query may have a warning per condition: keep no more room than they take.
    if diagnostics.capacity() > diagnostics.len() + diagnostics.len() / 4 + 16 {
        diagnostics.shrink_to_fit();
    }
    Checked {
        query: typed,
        diagnostics,
        resolved_times: found.resolved_times,
    }
}
