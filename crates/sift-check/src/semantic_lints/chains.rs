//! Lints across the operands of one `and` or `or` chain: repeated and implied conditions,
//! `or`s that cover every value, and `and`s that no record satisfies (beyond the range
//! contradictions of `crate::checker::lints`). One pass per chain, one map entry per field and per
//! distinct condition (compared on the tree, see `same`), so the work is linear in the chain;
//! text is written only for what is reported.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::hash::Hasher;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use sift_schema::Kind;
use sift_syntax::ast::{Condition, ExprId, ExprKind, OpKind, Rhs, Value, ValueKind};
use sift_syntax::{Span, format_path};

use super::local::ValueKey;
use super::same::{hash_expr, same_expr};
use super::{Lints, operand_removal, shares_a_field, shares_a_field_where};
use crate::checker::lints::{ByField, Ordered};
use crate::checker::paths::path_key;
use crate::error::CheckError;

/// What [`Lints::lint_repeats`] found so far: which operands repeat an earlier one (empty
/// until one does), and the reason of each repeated operand, by its first occurrence.
#[derive(Default)]
struct Repeats {
    repeated: Vec<bool>,
    reasons: FxHashMap<usize, Arc<str>>,
}

/// A one-sided bound: `> v`, `>= v` (lower) or `< v`, `<= v` (upper).
struct OneSided<'c, 'a> {
    condition: &'c Condition<'a>,
    /// The condition's own expression (an operand only when not in parentheses).
    expr: ExprId,
    value: Ordered<'c>,
    inclusive: bool,
    lower: bool,
}

/// `expr` is the condition's own expression (inside any parentheses).
fn one_sided<'c, 'a>(expr: ExprId, condition: &'c Condition<'a>) -> Option<OneSided<'c, 'a>> {
    let Rhs::Value(v) = &condition.rhs else {
        return None;
    };
    let (lower, inclusive) = match condition.op.kind {
        OpKind::Gt => (true, false),
        OpKind::Gte => (true, true),
        OpKind::Lt => (false, false),
        OpKind::Lte => (false, true),
        _ => return None,
    };
    Some(OneSided {
        condition,
        expr,
        value: Ordered::of(v)?,
        inclusive,
        lower,
    })
}

/// Whether `condition` may be a one-sided bound (what [`one_sided`] reads).
pub(crate) fn is_one_sided(condition: &Condition<'_>) -> bool {
    matches!(
        condition.op.kind,
        OpKind::Gt | OpKind::Gte | OpKind::Lt | OpKind::Lte
    ) && matches!(condition.rhs, Rhs::Value(_))
}

/// Whether every value `b` allows, `a` allows too (same side).
fn implies(b: &OneSided<'_, '_>, a: &OneSided<'_, '_>) -> Option<bool> {
    let order = b.value.compare(&a.value)?;
    Some(match (order, b.lower) {
        (Ordering::Equal, _) => a.inclusive || !b.inclusive,
        (Ordering::Greater, lower) => lower,
        (Ordering::Less, lower) => !lower,
    })
}

/// Whether `lower` or `upper` holds for every value of their (single) order type.
fn covers(lower: &OneSided<'_, '_>, upper: &OneSided<'_, '_>) -> bool {
    match lower.value.compare(&upper.value) {
        Some(Ordering::Less) => true,
        Some(Ordering::Equal) => lower.inclusive || upper.inclusive,
        _ => false,
    }
}

/// Whether `v` satisfies the bound.
fn satisfies(v: &Ordered<'_>, bound: &OneSided<'_, '_>) -> Option<bool> {
    let order = v.compare(&bound.value)?;
    Some(match (order, bound.lower) {
        (Ordering::Equal, _) => bound.inclusive,
        (Ordering::Greater, lower) => lower,
        (Ordering::Less, lower) => !lower,
    })
}

/// Whether the condition holds only for a record with a (non-null) value of the field: it
/// fails on a null or missing field (`= null` and an `in` list with `null` hold there).
pub(crate) fn needs_value(condition: &Condition<'_>) -> bool {
    let null = |v: &Value<'_>| matches!(v.kind, ValueKind::Null);
    match (condition.op.kind, &condition.rhs) {
        (OpKind::Eq, Rhs::Value(v)) => !null(v),
        (OpKind::In, Rhs::List(list)) => !list.items.iter().any(null),
        (OpKind::Neq | OpKind::NotIn | OpKind::IsNull | OpKind::IsNotNull, _) => false,
        _ => true,
    }
}

pub(crate) fn is_null_test(condition: &Condition<'_>) -> bool {
    condition.op.kind == OpKind::IsNull
        || (condition.op.kind == OpKind::Eq
            && matches!(&condition.rhs, Rhs::Value(v) if matches!(v.kind, ValueKind::Null)))
}

/// Per field of an `and` chain: what the contradiction and implication checks remember.
#[derive(Default)]
struct AndField<'c, 'a> {
    null_test: Option<&'c Condition<'a>>,
    not_null_test: Option<&'c Condition<'a>>,
    needs_value: Option<&'c Condition<'a>>,
    /// The first `in` list whose every value sift can compare, as a set.
    list: Option<(&'c Condition<'a>, FxHashSet<ValueKey<'c>>)>,
    equal: Option<(&'c Condition<'a>, &'c Value<'a>)>,
    tightest: [Option<OneSided<'c, 'a>>; 2],
    contradicted: bool,
    /// An implied bound was reported: one per field and chain keeps the output bounded.
    implied: bool,
}

/// Per field of an `or` chain: the loosest lower and upper bound, whether a tautology was
/// reported, whether an included bound was (once per field and chain).
type OrField<'c, 'a> = ([Option<OneSided<'c, 'a>>; 2], bool, bool);

impl Lints<'_, '_> {
    /// The condition as written after its field (`> 5`, `in [1, 2]`, `is null`).
    fn after_field(&self, condition: &Condition<'_>) -> String {
        let whole = self.condition_text(condition);
        let field = format_path(&condition.field);
        whole
            .strip_prefix(field.as_str())
            .map_or(whole.clone(), |rest| rest.trim_start().to_owned())
    }

    /// What [`Lints::lint_repeats`] compares of an operand: a condition without its
    /// parentheses, anything else as it is.
    fn compared(&self, operand: ExprId) -> ExprId {
        let inner = self.unparen(operand);
        if matches!(self.tree[inner], ExprKind::Condition(_)) {
            inner
        } else {
            operand
        }
    }

    /// The field's single kind and nullability, when its type has exactly one kind.
    fn single_kind(&self, operand: ExprId) -> Option<(Kind, bool)> {
        let (id, _) = self.condition_of(operand)?;
        let ty = self.facts(id)?;
        ty.single_kind.map(|kind| (kind, ty.nullable))
    }

    /// Whether the condition's values order as its field does: numbers on a numeric field,
    /// strings (dates) on a string field. A number compared with a string field is compared
    /// as text by the API, where `"10" < "9"`, so no order claim is made for it.
    fn orders_as_field(&self, operand: ExprId, condition: &Condition<'_>) -> bool {
        let Some((kind, _)) = self.single_kind(operand) else {
            return false;
        };
        // What `Ordered::of` would make of `v`, without reading a decimal's digits (every
        // valid number is one).
        let orders = |v: &Value<'_>| match (kind, &v.kind) {
            (Kind::String, ValueKind::String(_) | ValueKind::Date(_) | ValueKind::DateTime(_))
            | (Kind::Integer | Kind::Number, ValueKind::Integer(_))
            | (Kind::Boolean, ValueKind::Bool(_)) => true,
            (Kind::Integer | Kind::Number, ValueKind::Decimal(d)) => {
                sift_syntax::number::is_number(d)
            }
            _ => false,
        };
        match &condition.rhs {
            Rhs::Value(v) => orders(v),
            Rhs::List(list) => list.items.iter().all(orders),
            Rhs::Range { low, high } => orders(low) && orders(high),
            _ => false,
        }
    }

    fn redundant(&mut self, chain: &[ExprId], at: usize, other: Span, reason: Arc<str>) {
        self.push(CheckError::RedundantCondition {
            reason,
            span: self.span(chain[at]),
            other,
            removal: operand_removal(self.tree, chain, at),
        });
    }

    /// Repeated conditions (`a = 1 … a = 1`) in either kind of chain: operands the formatter
    /// writes alike (a condition without its parentheses). The result says which operands
    /// were reported, so that other lints leave them alone; it is empty when none was.
    fn lint_repeats(&mut self, chain: &[ExprId]) -> Vec<bool> {
        /// Chains up to this long are compared pairwise, which beats hashing them.
        const PAIRWISE: usize = 8;
        let mut repeats = Repeats::default();
        if chain.len() <= PAIRWISE {
            for at in 1..chain.len() {
                let operand = self.compared(chain[at]);
                if let Some(first) =
                    (0..at).find(|&i| same_expr(self.tree, self.compared(chain[i]), operand))
                {
                    self.repeat(chain, at, first, &mut repeats);
                }
            }
            return repeats.repeated;
        }
        let mut firsts: FxHashMap<u64, usize> = FxHashMap::default();
        firsts.reserve(chain.len());
        for at in 0..chain.len() {
            let operand = self.compared(chain[at]);
            let mut hasher = FxHasher::default();
            hash_expr(self.tree, operand, &mut hasher);
            let first = match firsts.entry(hasher.finish()) {
                // The first operand of this hash, or on a collision a later one.
                Entry::Occupied(first) => {
                    let i = *first.get();
                    if same_expr(self.tree, self.compared(chain[i]), operand) {
                        Some(i)
                    } else {
                        (i + 1..at)
                            .find(|&i| same_expr(self.tree, self.compared(chain[i]), operand))
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(at);
                    None
                }
            };
            if let Some(first) = first {
                self.repeat(chain, at, first, &mut repeats);
            }
        }
        repeats.repeated
    }

    /// Reports operand `at` of `chain`, written as operand `first` is.
    fn repeat(&mut self, chain: &[ExprId], at: usize, first: usize, repeats: &mut Repeats) {
        if repeats.repeated.is_empty() {
            repeats.repeated = vec![false; chain.len()];
        }
        repeats.repeated[at] = true;
        // Every repeat of one operand is written alike: its reason is written once.
        let reason = repeats
            .reasons
            .entry(first)
            .or_insert_with(|| {
                let key = match self.as_condition(chain[at]) {
                    Some(c) => self.condition_text(c),
                    None => self.expr_text(chain[at]),
                };
                Arc::from(format!("`{key}` is written twice"))
            })
            .clone();
        self.redundant(chain, at, self.span(chain[first]), reason);
    }

    pub(super) fn lint_and_chain(&mut self, chain: &[ExprId], contradicted: bool) {
        let repeated = self.lint_repeats(chain);
        // Every lint below relates two conditions.
        let conditions = chain.iter().filter_map(|&e| self.as_condition(e)).count();
        // Each lint below relates two conditions on one field.
        if conditions < 2 || !shares_a_field(self.tree, chain) {
            return;
        }
        let mut fields: ByField<Cow<'_, str>, AndField<'_, '_>> =
            ByField::with_capacity(conditions);
        for (at, &operand) in chain.iter().enumerate() {
            let Some(condition) = self.as_condition(operand) else {
                continue;
            };
            if repeated.get(at) == Some(&true) {
                continue;
            }
            let key = path_key(&condition.field);
            let state = fields.entry(key.clone());
            // Contradictions involving null tests and `in` lists.
            let clash = if is_null_test(condition) {
                state.null_test.get_or_insert(condition);
                state.needs_value.or(state.not_null_test)
            } else if condition.op.kind == OpKind::IsNotNull {
                state.not_null_test.get_or_insert(condition);
                state.null_test
            } else if needs_value(condition) {
                state.needs_value.get_or_insert(condition);
                state.null_test
            } else {
                None
            };
            let orders = self.orders_as_field(operand, condition);
            // One contradiction per field and chain: after it, lists need not be compared.
            let clash = clash.or_else(|| {
                (orders && !state.contradicted)
                    .then(|| list_clash(state, condition))
                    .flatten()
            });
            if let Some(earlier) = clash
                && !state.contradicted
            {
                state.contradicted = true;
                self.push(CheckError::Contradiction {
                    field: key.into_owned(),
                    first: self.after_field(earlier),
                    second: self.after_field(condition),
                    span: condition.span,
                    other: earlier.span,
                    help: String::from(
                        "no record satisfies both, so this `and` matches nothing; did you mean `or`?",
                    ),
                });
            }
            // Implied one-sided bounds: `a > 5 and a > 3` (the second adds nothing).
            // A contradicted chain matches nothing; calling parts of it redundant is noise.
            let quiet = state.contradicted || state.implied || contradicted;
            if let Some(bound) =
                one_sided(self.unparen(operand), condition).filter(|_| orders && !quiet)
            {
                let side = usize::from(!bound.lower);
                let implied_by_equal = state.equal.and_then(|(eq, v)| {
                    let v = Ordered::of(v)?;
                    satisfies(&v, &bound)?.then_some(eq.span)
                });
                if let Some(eq_span) = implied_by_equal {
                    let reason = format!(
                        "`{}` follows from the `=` condition",
                        self.condition_text(condition)
                    );
                    self.redundant(chain, at, eq_span, reason.into());
                    state.implied = true;
                    continue;
                }
                match &state.tightest[side] {
                    Some(old) if implies(old, &bound) == Some(true) => {
                        let (reason, other) = (
                            format!(
                                "`{}` follows from `{}`",
                                self.condition_text(condition),
                                self.condition_text(old.condition)
                            ),
                            old.condition.span,
                        );
                        self.redundant(chain, at, other, reason.into());
                        state.implied = true;
                    }
                    Some(old) if implies(&bound, old) == Some(true) => {
                        state.implied = true;
                        let old_at = chain.iter().position(|&e| e == old.expr);
                        let reason = format!(
                            "`{}` follows from `{}`",
                            self.condition_text(old.condition),
                            self.condition_text(condition)
                        );
                        if let Some(old_at) = old_at {
                            self.redundant(chain, old_at, condition.span, reason.into());
                        }
                        state.tightest[side] = Some(bound);
                    }
                    Some(_) => {}
                    None => state.tightest[side] = Some(bound),
                }
            }
            if condition.op.kind == OpKind::Eq
                && orders
                && let Rhs::Value(v) = &condition.rhs
                && state.equal.is_none()
            {
                state.equal = Some((condition, v));
            }
        }
    }

    pub(super) fn lint_or_chain(&mut self, chain: &[ExprId]) {
        let repeated = self.lint_repeats(chain);
        // Every lint below relates two one-sided bounds.
        let bounds = chain
            .iter()
            .filter_map(|&e| self.as_condition(e))
            .filter(|c| is_one_sided(c))
            .count();
        if bounds < 2 || !shares_a_field_where(self.tree, chain, is_one_sided) {
            return;
        }
        // Per field: the loosest bounds, whether a tautology was reported, whether an
        // included bound was (once per field and chain).
        let mut loosest: ByField<Cow<'_, str>, OrField<'_, '_>> = ByField::with_capacity(bounds);
        for (at, &operand) in chain.iter().enumerate() {
            let Some(condition) = self.as_condition(operand) else {
                continue;
            };
            if repeated.get(at) == Some(&true) {
                continue;
            }
            let Some(bound) = one_sided(self.unparen(operand), condition)
                .filter(|_| self.orders_as_field(operand, condition))
            else {
                continue;
            };
            let key = path_key(&condition.field);
            let single_kind = self.single_kind(operand);
            let (sides, reported, included) = loosest.entry(key.clone());
            let side = usize::from(!bound.lower);
            match &sides[side] {
                // In an `or`, the tighter bound adds nothing.
                Some(old) if implies(&bound, old) == Some(true) => {
                    if !*included {
                        *included = true;
                        let reason = format!(
                            "`{}` is included in `{}`",
                            self.condition_text(condition),
                            self.condition_text(old.condition)
                        );
                        let other = old.condition.span;
                        self.redundant(chain, at, other, reason.into());
                    }
                    continue;
                }
                Some(old) if implies(old, &bound) == Some(true) && *included => {
                    sides[side] = Some(bound);
                }
                Some(old) if implies(old, &bound) == Some(true) => {
                    *included = true;
                    let reason = format!(
                        "`{}` is included in `{}`",
                        self.condition_text(old.condition),
                        self.condition_text(condition)
                    );
                    if let Some(old_at) = chain.iter().position(|&e| e == old.expr) {
                        self.redundant(chain, old_at, condition.span, reason.into());
                    }
                    sides[side] = Some(bound);
                }
                Some(_) => continue,
                None => sides[side] = Some(bound),
            }
            let (Some((kind, nullable)), [Some(lower), Some(upper)], false) =
                (single_kind, &sides, *reported)
            else {
                continue;
            };
            // The bounds order one JSON type (`orders_as_field`): the claim is about it alone.
            let kind = if kind == Kind::String {
                "string"
            } else {
                "number"
            };
            if covers(lower, upper) {
                *reported = true;
                let (first, second) = (
                    self.condition_text(lower.condition),
                    self.condition_text(upper.condition),
                );
                let (span, other) = if lower.condition.span == condition.span {
                    (lower.condition.span, upper.condition.span)
                } else {
                    (upper.condition.span, lower.condition.span)
                };
                // Said as the schema declares it: a value of another JSON type (`"5"` in a
                // number field) fails both bounds.
                let help = if nullable {
                    format!(
                        "the `or` matches every record whose `{key}` is a {kind}, as the schema declares (a null, a missing `{key}` or a value of another JSON type fails both): if all records with a value are meant, write `{key} is not null`; otherwise one bound is wrong"
                    )
                } else {
                    format!(
                        "the `or` matches every record whose `{key}` is a {kind}, as the schema declares (a value of another JSON type fails both): drop it, or fix the bound that is wrong"
                    )
                };
                self.push(CheckError::Tautology {
                    field: key.into_owned(),
                    kind,
                    first,
                    second,
                    span,
                    other,
                    help,
                });
            }
        }
    }
}

/// `a in [1, 2] and a = 3`, `a in [1] and a in [2]`, `b = true and b = false`: the earlier
/// condition the new one cannot hold together with. Lists are compared only when sift can compare every value.
fn list_clash<'c, 'a>(
    state: &mut AndField<'c, 'a>,
    condition: &'c Condition<'a>,
) -> Option<&'c Condition<'a>> {
    match (condition.op.kind, &condition.rhs) {
        (OpKind::Eq, Rhs::Value(v)) if !matches!(v.kind, ValueKind::Null) => {
            let key = ValueKey::of(v)?;
            if let Some((list_condition, set)) = state.list.as_ref() {
                return (!set.contains(&key)).then_some(*list_condition);
            }
            // `b = true and b = false`: two booleans (numbers and strings are ranges, found by
            // `crate::checker::lints`).
            let (eq, earlier) = state.equal?;
            let earlier = ValueKey::of(earlier)?;
            let booleans = matches!((&key, &earlier), (ValueKey::Bool(_), ValueKey::Bool(_)));
            (booleans && key != earlier).then_some(eq)
        }
        (OpKind::In, Rhs::List(list)) => {
            if let Some((list_condition, set)) = &state.list {
                // Against the first list's set, without a set of this one.
                let mut disjoint = true;
                for item in &list.items {
                    disjoint &= !set.contains(&ValueKey::of(item)?);
                }
                return disjoint.then_some(*list_condition);
            }
            let keys: Option<FxHashSet<ValueKey<'c>>> =
                list.items.iter().map(ValueKey::of).collect();
            let keys = keys?;
            if let Some((eq, v)) = state.equal {
                let key = ValueKey::of(v)?;
                let clash = !keys.contains(&key);
                state.list = Some((condition, keys));
                return clash.then_some(eq);
            }
            state.list = Some((condition, keys));
            None
        }
        _ => None,
    }
}
