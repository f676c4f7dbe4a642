//! "The same condition, as written": two operands are the same when the canonical formatter
//! writes them alike. Decided on the tree (and hashed consistently for long chains) instead of
//! formatting both, so a chain without repeats costs no text.
//!
//! The formatter's text is a function of the tree, spans and backticks aside, and tells apart
//! every tree the parser and the JSON reader build. What it does not tell apart is compared
//! alike here: a chain of one operand is written as that operand, both kinds of empty chain
//! as nothing, and a number as its text (an integer `10` and a decimal written `10`).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use sift_syntax::ast::{Condition, ExprId, ExprKind, RelativeTime, Rhs, Tree, Value, ValueKind};

/// `e` without the chains of one operand around it (written as their operand).
#[inline]
fn peel(tree: &Tree<'_>, mut e: ExprId) -> ExprId {
    while let ExprKind::And(items) | ExprKind::Or(items) = tree[e]
        && let [only] = tree.children(items)
    {
        e = *only;
    }
    e
}

/// Whether the formatter writes `a` and `b` (of one tree) alike.
pub(super) fn same_expr(tree: &Tree<'_>, a: ExprId, b: ExprId) -> bool {
    same_in(tree, a, tree, b)
}

/// [`same_expr`] of `a` in `ta` and `b` in `tb`.
fn same_in(ta: &Tree<'_>, a: ExprId, tb: &Tree<'_>, b: ExprId) -> bool {
    let (a, b) = (ta[peel(ta, a)], tb[peel(tb, b)]);
    match (a, b) {
        (ExprKind::And(x) | ExprKind::Or(x), ExprKind::And(y) | ExprKind::Or(y)) => {
            let same_joiner = matches!(
                (a, b),
                (ExprKind::And(_), ExprKind::And(_)) | (ExprKind::Or(_), ExprKind::Or(_))
            );
            let (x, y) = (ta.children(x), tb.children(y));
            x.len() == y.len()
                && (x.is_empty() || same_joiner)
                && x.iter().zip(y).all(|(&x, &y)| same_in(ta, x, tb, y))
        }
        (ExprKind::Not(x), ExprKind::Not(y)) | (ExprKind::Paren(x), ExprKind::Paren(y)) => {
            same_in(ta, x, tb, y)
        }
        (ExprKind::Condition(x), ExprKind::Condition(y)) => same_condition(ta, &ta[x], tb, &tb[y]),
        _ => false,
    }
}

fn same_condition(ta: &Tree<'_>, a: &Condition<'_>, tb: &Tree<'_>, b: &Condition<'_>) -> bool {
    a.op.kind == b.op.kind
        && a.field.segments.len() == b.field.segments.len()
        && a.field
            .segments
            .iter()
            .zip(&b.field.segments)
            .all(|(x, y)| x.text == y.text)
        && match (&a.rhs, &b.rhs) {
            (Rhs::Value(x), Rhs::Value(y)) => written(x) == written(y),
            (Rhs::List(x), Rhs::List(y)) => {
                x.items.len() == y.items.len()
                    && x.items
                        .iter()
                        .zip(&y.items)
                        .all(|(x, y)| written(x) == written(y))
            }
            (Rhs::Range { low, high }, Rhs::Range { low: l, high: h }) => {
                written(low) == written(l) && written(high) == written(h)
            }
            (Rhs::Condition(x), Rhs::Condition(y)) => same_in(ta, *x, tb, *y),
            (Rhs::Nothing, Rhs::Nothing) => true,
            _ => false,
        }
}

/// Feeds `e` to `state` so that [`same_expr`] operands hash alike. (Texts are fed without a
/// terminator: what that lets collide, `same_expr` tells apart.)
pub(super) fn hash_expr(tree: &Tree<'_>, e: ExprId, state: &mut FxHasher) {
    let e = peel(tree, e);
    match tree[e] {
        kind @ (ExprKind::And(items) | ExprKind::Or(items)) => {
            let items = tree.children(items);
            if items.is_empty() {
                state.write_u8(0);
                return;
            }
            let joiner = if matches!(kind, ExprKind::And(_)) {
                1
            } else {
                2
            };
            state.write_usize(items.len() << 2 | joiner);
            items.iter().for_each(|&item| hash_expr(tree, item, state));
        }
        ExprKind::Not(inner) => {
            state.write_u8(3);
            hash_expr(tree, inner, state);
        }
        ExprKind::Paren(inner) => {
            state.write_u8(4);
            hash_expr(tree, inner, state);
        }
        ExprKind::Condition(c) => hash_condition(tree, &tree[c], state),
    }
}

fn hash_condition(tree: &Tree<'_>, c: &Condition<'_>, state: &mut FxHasher) {
    state.write_usize(5 | (c.op.kind as usize) << 3 | c.field.segments.len() << 8);
    c.field
        .segments
        .iter()
        .for_each(|s| state.write(s.text.as_bytes()));
    match &c.rhs {
        Rhs::Value(v) => hash_written(v, state),
        Rhs::List(list) => {
            state.write_usize(list.items.len());
            list.items.iter().for_each(|v| hash_written(v, state));
        }
        Rhs::Range { low, high } => {
            hash_written(low, state);
            hash_written(high, state);
        }
        Rhs::Condition(inner) => hash_expr(tree, *inner, state),
        Rhs::Nothing => {}
    }
}

/// Feeds what [`written`] compares of `value`.
#[inline]
fn hash_written(value: &Value<'_>, state: &mut FxHasher) {
    // The common kinds directly; a decimal (which may be written as an integer) and a
    // relative time through `written`.
    let written = match &value.kind {
        ValueKind::String(s) => Written::String(s),
        ValueKind::Integer(n) => Written::Integer(*n),
        ValueKind::Bool(b) => Written::Bool(*b),
        ValueKind::Null => Written::Null,
        ValueKind::Date(d) | ValueKind::DateTime(d) => Written::Text(d),
        ValueKind::Decimal(_) | ValueKind::Relative(_) => written(value),
    };
    match written {
        Written::String(s) => {
            state.write_u8(10);
            state.write(s.as_bytes());
        }
        Written::Integer(n) => state.write_u64(n as u64 ^ 11),
        Written::Text(s) => {
            state.write_u8(12);
            state.write(s.as_bytes());
        }
        Written::Bool(b) => state.write_u8(13 + u8::from(b)),
        Written::Null => state.write_u8(15),
        relative @ Written::Relative(_) => relative.hash(state),
    }
}

/// A value as far as its written text goes: numbers, dates and date-times are their text
/// (an integer kept as a number, to skip writing it), strings are quoted apart.
#[derive(PartialEq, Eq, Hash)]
enum Written<'v> {
    String(&'v str),
    Integer(i64),
    Text(&'v str),
    Bool(bool),
    Null,
    Relative(RelativeKey<'v>),
}

fn written<'v>(value: &'v Value<'_>) -> Written<'v> {
    match &value.kind {
        ValueKind::String(s) => Written::String(s),
        ValueKind::Integer(n) => Written::Integer(*n),
        // A decimal written as an integer is written as that integer (only hand-built trees
        // have one).
        ValueKind::Decimal(d) => match d.parse::<i64>() {
            Ok(n) if n.to_string() == **d => Written::Integer(n),
            _ => Written::Text(d),
        },
        ValueKind::Date(d) | ValueKind::DateTime(d) => Written::Text(d),
        ValueKind::Bool(b) => Written::Bool(*b),
        ValueKind::Null => Written::Null,
        ValueKind::Relative(time) => Written::Relative(RelativeKey(time)),
    }
}

/// A relative time, equal and hashed by what its canonical text says.
#[derive(PartialEq, Eq)]
struct RelativeKey<'v>(&'v RelativeTime);

impl Hash for RelativeKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.anchor.hash(state);
        state.write_usize(self.0.offsets.len());
        for offset in &self.0.offsets {
            state.write_i64(offset.amount);
            offset.unit.hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::hash::Hasher;

    use rustc_hash::FxHasher;
    use sift_syntax::ast::{ExprId, Rhs, Tree, ValueKind};
    use sift_syntax::{Limits, Span, format_expr, parse};

    use super::{hash_expr, same_in};

    fn hash(tree: &Tree<'_>, e: ExprId) -> u64 {
        let mut hasher = FxHasher::default();
        hash_expr(tree, e, &mut hasher);
        hasher.finish()
    }

    /// "Written alike" is what the formatter says: for every pair of these, the tree
    /// comparison agrees with comparing the formatted texts, and alike operands hash alike.
    #[test]
    fn same_is_formatted_alike() {
        let sources = [
            "a = 1",
            "a = 1.0",
            "a = 10",
            "a = 1e1",
            "a = \"1\"",
            "a = 2024-01-31",
            "a = \"2024-01-31\"",
            "a = 2024-01-31T09:30:00Z",
            "`a` = 1",
            "a.b = 1",
            "`a.b` = 1",
            "a ~ \"x\"",
            "a fuzzy \"x\"",
            "a = \"x\\ty\"",
            "a = \"x\ty\"",
            "a in [1, 2]",
            "a in (1, 2)",
            "a in [2, 1]",
            "a not in [1, 2]",
            "a between 1 and 2",
            "a is null",
            "a = null",
            "a is not null",
            "a = true",
            "(a = 1)",
            "((a = 1))",
            "not a = 1",
            "not (a = 1)",
            "a = 1 and b = 2",
            "(a = 1 and b = 2)",
            "(a = 1 or b = 2)",
            "(a = 1 and b = 2 or c = 3)",
            "(a = 1 and (b = 2 or c = 3))",
            "tags any (x = 1)",
            "tags any (x = 1 or y = 2)",
            "a >= today() - 7d",
            "a >= today() - 1w",
            "a >= now()",
        ];
        let parsed: Vec<_> = sources
            .iter()
            .map(|s| parse(s, &Limits::default()))
            .collect();
        let exprs: Vec<(&Tree<'_>, ExprId)> = parsed
            .iter()
            .zip(sources)
            .map(|(p, s)| {
                assert!(p.errors.is_empty(), "{s}: {:?}", p.errors);
                let query = &p.document.queries[0];
                (&query.tree, query.filter.expect("a filter"))
            })
            .collect();
        for &(ta, a) in &exprs {
            for &(tb, b) in &exprs {
                let (x, y) = (format_expr(ta, a), format_expr(tb, b));
                let alike = x == y;
                assert_eq!(same_in(ta, a, tb, b), alike, "{x} / {y}");
                if alike {
                    assert_eq!(hash(ta, a), hash(tb, b), "{x}");
                }
            }
        }
    }

    /// A chain of one operand is written as that operand (the JSON reader builds them).
    #[test]
    fn a_chain_of_one_is_its_operand() {
        let parsed = parse("a = 1", &Limits::default());
        let query = &parsed.document.queries[0];
        let condition = query.tree.as_condition(query.filter.expect("a filter"));
        let condition = condition.expect("a condition").clone();
        let mut tree = Tree::default();
        let one = tree.condition(condition.clone());
        let span = Span::new(0, 5);
        let chain = tree.and(span, &[one]);
        assert!(same_in(&tree, chain, &tree, one));
        assert_eq!(hash(&tree, chain), hash(&tree, one));
        let empty_and = tree.and(span, &[]);
        let empty_or = tree.or(span, &[]);
        assert!(same_in(&tree, empty_and, &tree, empty_or));
        assert!(!same_in(&tree, empty_and, &tree, one));
        // A hand-built decimal written `1` is written as the integer 1.
        let mut decimal = condition;
        if let Rhs::Value(v) = &mut decimal.rhs {
            v.kind = ValueKind::Decimal(Cow::Borrowed("1"));
        }
        let decimal = tree.condition(decimal);
        assert_eq!(format_expr(&tree, decimal), format_expr(&tree, one));
        assert!(same_in(&tree, decimal, &tree, one));
        assert_eq!(hash(&tree, decimal), hash(&tree, one));
    }
}
