//! Warnings about queries that type-check but probably do not mean what they say.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use sift_schema::Kind;
use sift_syntax::ast::{Condition, ExprId, Tree, Value, ValueKind};
use sift_syntax::{Span, format_expr};

use crate::checker::Checker;
use crate::decimal::Decimal;
use crate::error::CheckError;
use crate::semantic_lints::condition_of;
use crate::suggest::{sift_string, sift_value};
use crate::typed::{Comparison, Predicate, Scalar, TypedExpr, TypedKind, TypedValue};

/// A value that orders: numbers exactly ([`Decimal`]), strings as text, by code points (their
/// UTF-8 bytes). Dates and date-times are strings here as on the wire: the API compares them
/// as text, and so does sift's own evaluator (`sift-eval`), so `2025-01-01T10:00:00+05:00`
/// is above `2025-01-01T06:00:00Z` although it is the earlier instant.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) enum Ordered<'v> {
    /// A whole number in `i64` range, however written (`2`, `2.0`, `2e0`): compared without
    /// a decimal, and so equal and hashed alike.
    Integer(i64),
    /// Any other number.
    Number(Decimal),
    Text(&'v str),
}

/// A decimal as an [`Ordered`] number: an integer when it is one.
fn ordered_decimal<'v>(text: &str) -> Option<Ordered<'v>> {
    let decimal = Decimal::parse(text)?;
    Some(match decimal.to_integer() {
        Some(n) => Ordered::Integer(n),
        None => Ordered::Number(decimal),
    })
}

impl<'v> Ordered<'v> {
    pub(crate) fn of(value: &'v Value<'_>) -> Option<Ordered<'v>> {
        match &value.kind {
            ValueKind::Integer(n) => Some(Ordered::Integer(*n)),
            ValueKind::Decimal(d) => ordered_decimal(d),
            ValueKind::String(s) | ValueKind::Date(s) | ValueKind::DateTime(s) => {
                Some(Ordered::Text(s))
            }
            ValueKind::Bool(_) | ValueKind::Null | ValueKind::Relative(_) => None,
        }
    }

    fn of_scalar(scalar: &'v Scalar<'_>) -> Option<Ordered<'v>> {
        match scalar {
            Scalar::Integer(n) => Some(Ordered::Integer(*n)),
            Scalar::Number(d) => ordered_decimal(d.as_str()),
            Scalar::String(s) | Scalar::Date(s) | Scalar::DateTime(s) => Some(Ordered::Text(s)),
            Scalar::Bool(_) | Scalar::Null => None,
        }
    }

    pub(crate) fn compare(&self, other: &Ordered<'_>) -> Option<Ordering> {
        match (self, other) {
            (Ordered::Integer(a), Ordered::Integer(b)) => Some(a.cmp(b)),
            (Ordered::Number(a), Ordered::Number(b)) => Some(a.cmp(b)),
            (Ordered::Integer(a), Ordered::Number(b)) => Some(Decimal::from_i64(*a).cmp(b)),
            (Ordered::Number(a), Ordered::Integer(b)) => Some(a.cmp(&Decimal::from_i64(*b))),
            (Ordered::Text(a), Ordered::Text(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}

/// State per field of one chain, for the lints that relate conditions on the same field:
/// a short list searched in order for the few fields of a short chain (no hashing), a hash
/// map for a long one (linear work).
pub(crate) enum ByField<K, V> {
    Few(Vec<(K, V)>),
    Many(FxHashMap<K, V>),
}

impl<K: std::hash::Hash + Eq, V: Default> ByField<K, V> {
    /// Up to this many fields are searched in order.
    const FEW: usize = 8;

    /// Room for `fields` fields at most.
    pub(crate) fn with_capacity(fields: usize) -> Self {
        if fields <= Self::FEW {
            ByField::Few(Vec::with_capacity(fields))
        } else {
            let mut map = FxHashMap::default();
            map.reserve(fields);
            ByField::Many(map)
        }
    }

    /// The state of field `key`, new (default) the first time.
    pub(crate) fn entry(&mut self, key: K) -> &mut V {
        match self {
            ByField::Few(list) => {
                let at = match list.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        list.push((key, V::default()));
                        list.len() - 1
                    }
                };
                &mut list[at].1
            }
            ByField::Many(map) => map.entry(key).or_default(),
        }
    }
}

/// One side of the range a condition allows.
#[derive(Debug)]
struct Bound<'v> {
    value: Ordered<'v>,
    inclusive: bool,
    span: Span,
    /// The condition's predicate, written after the field (`> 5`, `between 1 and 3`) only
    /// when a contradiction is reported.
    predicate: &'v Predicate<'v>,
}

/// The predicate of a bound as written after the field: `= 5`, `> 5`, `between 1 and 3`.
fn bound_text(predicate: &Predicate<'_>) -> String {
    let written = |value: &TypedValue<'_>| sift_value(&value.scalar.to_value(value.span));
    match predicate {
        Predicate::Compare(op, v) => format!("{} {}", op.op().as_str(), written(v)),
        Predicate::Between { low, high } => {
            format!("between {} and {}", written(low), written(high))
        }
        _ => String::new(),
    }
}

#[derive(Debug, Default)]
struct Range<'v> {
    lower: Option<Bound<'v>>,
    upper: Option<Bound<'v>>,
    reported: bool,
}

/// True when no value is above `lower` and below `upper`.
fn excludes(lower: &Bound<'_>, upper: &Bound<'_>) -> bool {
    match lower.value.compare(&upper.value) {
        Some(Ordering::Greater) => true,
        Some(Ordering::Equal) => !(lower.inclusive && upper.inclusive),
        _ => false,
    }
}

/// True when `new` narrows the range more than `old` on its side.
fn tighter(new: &Bound<'_>, old: &Bound<'_>, lower_side: bool) -> bool {
    match new.value.compare(&old.value) {
        Some(Ordering::Greater) => lower_side,
        Some(Ordering::Less) => !lower_side,
        Some(Ordering::Equal) => old.inclusive && !new.inclusive,
        None => false,
    }
}

/// Whether `predicate` bounds its field on some side (what [`bounds`] may return).
fn is_bound(predicate: &Predicate<'_>) -> bool {
    matches!(
        predicate,
        Predicate::Compare(
            Comparison::Eq | Comparison::Gt | Comparison::Gte | Comparison::Lt | Comparison::Lte,
            _
        ) | Predicate::Between { .. }
    )
}

fn bounds<'v>(predicate: &'v Predicate<'v>, span: Span) -> [Option<Bound<'v>>; 2] {
    let bound = |value: &'v TypedValue<'v>, inclusive: bool| {
        Ordered::of_scalar(&value.scalar).map(|value| Bound {
            value,
            inclusive,
            span,
            predicate,
        })
    };
    match predicate {
        Predicate::Compare(Comparison::Eq, v) => [bound(v, true), bound(v, true)],
        Predicate::Compare(op @ (Comparison::Gt | Comparison::Gte), v) => {
            [bound(v, *op == Comparison::Gte), None]
        }
        Predicate::Compare(op @ (Comparison::Lt | Comparison::Lte), v) => {
            [None, bound(v, *op == Comparison::Lte)]
        }
        Predicate::Between { low, high } => [bound(low, true), bound(high, true)],
        _ => [None, None],
    }
}

impl Checker {
    /// Bounds on one field within one `and` chain that no value can satisfy together
    /// (`a > 5 and a < 3`, `a = 1 and a = 2`). One pass, one map entry per field.
    /// `chain` is the typed form of the operands `ids` of `tree`, one for one.
    pub(crate) fn lint_contradictions(
        &mut self,
        chain: &[TypedExpr<'_>],
        tree: &Tree<'_>,
        ids: &[ExprId],
    ) {
        // A contradiction takes two bounding conditions; most chains have fewer.
        let bounding = chain
            .iter()
            .filter(|e| matches!(&e.kind, TypedKind::Condition(c) if is_bound(&c.predicate)))
            .count();
        if bounding < 2 {
            return;
        }
        let mut ranges: ByField<&str, Range<'_>> = ByField::with_capacity(bounding);
        for (expr, &id) in chain.iter().zip(ids) {
            let TypedKind::Condition(condition) = &expr.kind else {
                continue;
            };
            // A condition's span is its expression's (see `TypedCondition`).
            let [lower, upper] = bounds(&condition.predicate, expr.span);
            if lower.is_none() && upper.is_none() {
                continue;
            }
            // Sound only where the values order as the field does: a number compared with a
            // string field is compared as text by the API, where `"10" < "9"`.
            let kind = condition_of(tree, id)
                .and_then(|(c, _)| self.condition_types.get(c))
                .and_then(|t| t.single_kind);
            let orders = |bound: &Option<Bound<'_>>| {
                bound.as_ref().is_none_or(|b| {
                    matches!(
                        (kind, &b.value),
                        (Some(Kind::String), Ordered::Text(_))
                            | (
                                Some(Kind::Integer | Kind::Number),
                                Ordered::Integer(_) | Ordered::Number(_)
                            )
                    )
                })
            };
            if !orders(&lower) || !orders(&upper) {
                continue;
            }
            let range = ranges.entry(condition.key.as_ref());
            for (new, lower_side) in [(lower, true), (upper, false)] {
                let Some(new) = new else { continue };
                let opposite = if lower_side {
                    &range.upper
                } else {
                    &range.lower
                };
                if let Some(old) = opposite {
                    let clash = if lower_side {
                        excludes(&new, old)
                    } else {
                        excludes(old, &new)
                    };
                    if clash && !range.reported && old.span != new.span {
                        range.reported = true;
                        self.push(CheckError::Contradiction {
                            field: condition.key.to_string(),
                            first: bound_text(old.predicate),
                            second: bound_text(new.predicate),
                            span: new.span,
                            other: old.span,
                            help: String::from(
                                "these bounds exclude each other; did you mean `or`, or are the values swapped?",
                            ),
                        });
                    }
                }
                let own = if lower_side {
                    &mut range.lower
                } else {
                    &mut range.upper
                };
                if own
                    .as_ref()
                    .is_none_or(|old| tighter(&new, old, lower_side))
                {
                    *own = Some(new);
                }
            }
        }
    }

    /// `a and b or c`: the `and` group binds first; say so and offer the parentheses. Called
    /// only for a chain that checked, so its depth is within the limit the formatter needs.
    /// Only the group's text is written here; the help quoting it is written when rendered.
    pub(crate) fn lint_mixed_and_or(&mut self, tree: &Tree<'_>, and_chain: ExprId) {
        let mut grouped = format_expr(tree, and_chain);
        grouped.reserve_exact(2);
        grouped.insert(0, '(');
        grouped.push(')');
        self.push(CheckError::MixedAndOr {
            span: tree.span(and_chain),
            grouped,
        });
    }

    /// `like` with no `%` matches whole values only. No fix: `=` compares with case where
    /// `like` may not (sift's evaluator ignores case), and `_` is a wildcard of `like` alone,
    /// so no other operator is sure to keep the results.
    pub(crate) fn lint_like(&mut self, condition: &Condition<'_>, field: &str, value: &Value<'_>) {
        let ValueKind::String(pattern) = &value.kind else {
            return;
        };
        if pattern.contains('%') {
            return;
        }
        let literal = sift_value(value);
        let underscore = if pattern.contains('_') {
            " (`_` stands for any one character)"
        } else {
            ""
        };
        self.push(CheckError::LikeWithoutWildcard {
            field: field.to_owned(),
            help: format!(
                "without `%` the pattern must match the whole value{underscore}; for a partial match add `%`, e.g. `{field} like {}` (or use `contains`)",
                sift_string(&format!("%{pattern}%"))
            ),
            pattern: literal,
            span: condition.op.span,
            fix: None,
        });
    }

    /// `between 10 and 5` matches nothing (strings, dates included, compared as text).
    pub(crate) fn lint_reversed_range(&mut self, field: &str, low: &Value<'_>, high: &Value<'_>) {
        let (Some(l), Some(h)) = (Ordered::of(low), Ordered::of(high)) else {
            return;
        };
        if l.compare(&h) != Some(Ordering::Greater) {
            return;
        }
        let (low_text, high_text) = (sift_value(low), sift_value(high));
        // No fix: swapping the bounds would change what the query returns (nothing).
        self.push(CheckError::ReversedRange {
            field: field.to_owned(),
            help: format!(
                "`between` takes the low bound first: if `{field} between {high_text} and {low_text}` is meant, write that"
            ),
            fix: None,
            span: low.span.to(high.span),
            low: low_text,
            high: high_text,
        });
    }
}
