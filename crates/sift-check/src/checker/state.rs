//! What a [`Checker`](super::Checker) holds apart from its indexes: the report so far, the
//! relative times, and the declared types the lints read; and what a check leaves.

use std::collections::HashSet;

use sift_schema::{Kind, Type};
use sift_syntax::ast::{CondId, PerCondition, Tree, ValueKind};

use crate::error::CheckError;

/// What the semantic lints need of a field's declared type: copied per condition without
/// allocating (a `Type` holds vectors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TypeFacts {
    /// The type's kind when it has exactly one (`None` for a union).
    pub(crate) single_kind: Option<Kind>,
    pub(crate) nullable: bool,
}

impl TypeFacts {
    pub(super) fn of(ty: &Type) -> TypeFacts {
        TypeFacts {
            single_kind: match ty.kinds.as_slice() {
                [kind] => Some(*kind),
                _ => None,
            },
            nullable: ty.nullable,
        }
    }
}

/// The [`TypeFacts`] of each condition that checked, by its id: a side table of the tree,
/// allocated at the first condition recorded. Only the conditions a lint may ask about are
/// recorded: those directly under a `not`, `!=` and `not in`, and the operands of a chain
/// where two conditions are on one field ([`shares_a_field`]), the only ones the lints that
/// read a declared type relate.
#[derive(Debug, Default)]
pub(crate) struct ConditionTypes {
    facts: PerCondition<Option<TypeFacts>>,
}

impl ConditionTypes {
    /// Records `facts` for `condition` of `tree`.
    pub(super) fn insert(&mut self, tree: &Tree<'_>, condition: CondId, facts: TypeFacts) {
        if self.facts.is_empty() {
            self.facts = tree.per_condition(None);
        }
        if let Some(slot) = self.facts.get_mut(condition) {
            *slot = Some(facts);
        }
    }

    /// The facts of `condition`, if it checked on a declared field.
    pub(crate) fn get(&self, condition: CondId) -> Option<&TypeFacts> {
        self.facts.get(condition)?.as_ref()
    }
}

/// What the check reported so far.
#[derive(Debug, Default)]
pub(super) struct Report {
    pub(super) diagnostics: Vec<CheckError>,
    /// How many of `diagnostics` are errors.
    pub(super) errors: usize,
    pub(super) too_deep_reported: bool,
    /// Unchecked paths already warned about: one warning per path and query is enough.
    pub(super) unchecked_warned: HashSet<String>,
}

/// Relative times: what they resolve against and what they resolved to.
#[derive(Debug, Default)]
pub(super) struct Times {
    /// What relative times resolve against; `None`: they are an error.
    pub(super) clock: Option<crate::Clock>,
    /// Each relative time resolved so far, in source order.
    pub(super) resolved: Vec<crate::ResolvedTime>,
    /// The resolved values of the condition being checked, in source order, by the start of
    /// the value: written by `resolve_times` for that condition (emptied first) and read when
    /// its values are checked and its predicate is built.
    pub(super) values: Vec<(usize, ValueKind<'static>)>,
}

impl Times {
    pub(super) fn value(&self, at: sift_syntax::Span) -> Option<&ValueKind<'static>> {
        let found = self.values.binary_search_by_key(&at.lo(), |(lo, _)| *lo);
        found.ok().map(|i| &self.values[i].1)
    }
}

/// What one check leaves: its diagnostics, the declared types the lints read, the relative
/// times it resolved.
pub(crate) struct Finished {
    pub(crate) diagnostics: Vec<CheckError>,
    pub(crate) errors: usize,
    pub(crate) condition_types: ConditionTypes,
    pub(crate) resolved_times: Vec<crate::ResolvedTime>,
}
