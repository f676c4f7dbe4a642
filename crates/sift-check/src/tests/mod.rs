//! Unit tests of the checker, on hand-built ASTs. Spans are synthetic but distinct: every leaf
//! gets the next free range, parents cover their children.

mod arrays;
mod clauses;
mod entity;
mod lints;
mod paths;
mod source;
mod suggestions;
mod time;
mod values;

use std::borrow::Cow;
use std::cell::Cell;

use miette::Diagnostic;
use sift_schema::{Catalog, Entity, Field, Kind, Type};
use sift_syntax::ast::{
    Condition, Direction, ExprKind, FieldsClause, Limit, List, Name, Op, OpKind, Owned, Path,
    Query, Rhs, SortClause, SortKey, Tree, Value, ValueKind,
};
use sift_syntax::{Span, SuggestFix};

use crate::{CheckError, Checked, TypedExpr, TypedKind, type_query};

thread_local! {
    static NEXT: Cell<usize> = const { Cell::new(0) };
}

/// The next synthetic span, `len` bytes long, one byte after the previous.
fn span(len: usize) -> Span {
    NEXT.with(|n| {
        let start = n.get() + 1;
        n.set(start + len);
        Span::new(start, start + len)
    })
}

fn name(text: &str) -> Name<'static> {
    Name {
        span: span(text.len()),
        text: Cow::Owned(text.to_owned()),
        quoted: false,
    }
}

/// `a.b.c` → three segments.
fn path(dotted: &str) -> Path<'static> {
    segments(&dotted.split('.').collect::<Vec<_>>())
}

/// Explicit segments: `segments(&["customer.id"])` is one quoted segment.
fn segments(parts: &[&str]) -> Path<'static> {
    let segments: Vec<Name<'static>> = parts.iter().map(|p| name(p)).collect();
    let span = match (segments.first(), segments.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => span(0),
    };
    Path {
        span,
        segments: segments.into(),
    }
}

fn value(kind: ValueKind<'static>) -> Value<'static> {
    Value {
        span: span(3),
        kind,
    }
}

fn int(n: i64) -> Value<'static> {
    value(ValueKind::Integer(n))
}

fn dec(text: &str) -> Value<'static> {
    value(ValueKind::Decimal(Cow::Owned(text.to_owned())))
}

fn string(text: &str) -> Value<'static> {
    value(ValueKind::String(Cow::Owned(text.to_owned())))
}

fn boolean(b: bool) -> Value<'static> {
    value(ValueKind::Bool(b))
}

fn null() -> Value<'static> {
    value(ValueKind::Null)
}

fn date(text: &str) -> Value<'static> {
    value(ValueKind::Date(Cow::Owned(text.to_owned())))
}

fn list(items: Vec<Value<'static>>) -> Rhs<'static> {
    let span = span(2);
    Rhs::List(List { span, items })
}

/// A hand-built expression, its spans given in source order; [`query`] adds it to the query's
/// tree.
type Expr<'a> = Owned<'a>;

fn rhs_span(rhs: &Rhs<'_>) -> Option<Span> {
    match rhs {
        Rhs::Value(v) => Some(v.span),
        Rhs::List(l) => Some(l.span),
        Rhs::Range { low, high } => Some(low.span.to(high.span)),
        Rhs::Condition(_) | Rhs::Nothing => None,
    }
}

/// The condition `field op rhs` (for `any`, over `elements`), as an expression.
fn condition_expr(condition: Condition<'static>, elements: Option<Expr<'static>>) -> Expr<'static> {
    Owned::condition(condition, elements)
}

/// `field op rhs`, built in source order.
fn cond_rhs(field: &str, op: OpKind, rhs: impl FnOnce() -> Rhs<'static>) -> Expr<'static> {
    let field = path(field);
    let op = Op {
        span: span(op.as_str().len()),
        kind: op,
    };
    let rhs = rhs();
    let end = rhs_span(&rhs).unwrap_or(op.span);
    let span = field.span.to(end);
    condition_expr(
        Condition {
            span,
            field,
            op,
            rhs,
        },
        None,
    )
}

/// `field any (inner)`, built in source order.
fn cond_any(field: &str, inner: impl FnOnce() -> Expr<'static>) -> Expr<'static> {
    let field = path(field);
    let op = Op {
        span: span(3),
        kind: OpKind::Any,
    };
    let inner = inner();
    let span = field.span.to(inner.span());
    condition_expr(
        Condition {
            span,
            field,
            op,
            rhs: Rhs::Nothing,
        },
        Some(inner),
    )
}

fn cond(field: &str, op: OpKind, v: impl FnOnce() -> Value<'static>) -> Expr<'static> {
    cond_rhs(field, op, || Rhs::Value(v()))
}

fn is_null(field: &str, op: OpKind) -> Expr<'static> {
    cond_rhs(field, op, || Rhs::Nothing)
}

fn group(
    children: Vec<Expr<'static>>,
    make: fn(Span, Vec<Expr<'static>>) -> Expr<'static>,
) -> Expr<'static> {
    let span = match (children.first(), children.last()) {
        (Some(a), Some(b)) => a.span().to(b.span()),
        _ => span(0),
    };
    make(span, children)
}

fn and(children: Vec<Expr<'static>>) -> Expr<'static> {
    group(children, Owned::And)
}

fn or(children: Vec<Expr<'static>>) -> Expr<'static> {
    group(children, Owned::Or)
}

fn not(inner: Expr<'static>) -> Expr<'static> {
    Owned::Not(inner.span(), Box::new(inner))
}

fn paren(inner: Expr<'static>) -> Expr<'static> {
    Owned::Paren(inner.span(), Box::new(inner))
}

fn query(from: Option<&str>, filter: Option<Expr<'static>>) -> Query<'static> {
    let from = from.map(name);
    let mut tree = Tree::default();
    let filter = filter.map(|f| tree.add(f));
    Query {
        span: span(1),
        from,
        semantic: None,
        filter,
        sort: None,
        limit: None,
        fields: None,
        tree,
    }
}

/// The condition that is the whole filter of `q`.
fn only_condition<'q>(q: &'q Query<'static>) -> &'q Condition<'static> {
    q.filter
        .and_then(|f| q.tree.as_condition(f))
        .expect("the filter is one condition")
}

/// The spans of the operands of the filter of `q`, a chain.
fn operand_spans(q: &Query<'static>) -> Vec<Span> {
    match q.filter.map(|f| q.tree[f]) {
        Some(ExprKind::And(c) | ExprKind::Or(c)) => {
            q.tree.children(c).iter().map(|&e| q.tree.span(e)).collect()
        }
        _ => Vec::new(),
    }
}

fn filter(entity: &str, expr: Expr<'static>) -> Query<'static> {
    query(Some(entity), Some(expr))
}

fn sort(keys: &[(&str, Direction)]) -> SortClause<'static> {
    let keys: Vec<SortKey<'static>> = keys
        .iter()
        .map(|(p, direction)| {
            let path = path(p);
            SortKey {
                span: path.span,
                path,
                direction: *direction,
            }
        })
        .collect();
    SortClause {
        span: span(1),
        keys,
    }
}

fn fields(paths: &[&str]) -> FieldsClause<'static> {
    FieldsClause {
        span: span(1),
        paths: paths.iter().map(|p| path(p)).collect(),
    }
}

fn limit(value: u64) -> Limit {
    Limit {
        span: span(7),
        value,
    }
}

fn harvest() -> &'static Catalog {
    sift_schema::harvest()
}

/// The typed query borrows the tree it was checked from; a test keeps both for its run.
fn leak(query: &Query<'static>) -> &'static Query<'static> {
    Box::leak(Box::new(query.clone()))
}

fn run(query: &Query<'static>) -> Checked<'static> {
    let query = leak(query);
    let checked = type_query(query, harvest(), None);
    assert_well_formed(&checked);
    checked
}

fn codes(checked: &Checked<'_>) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .map(CheckError::code_str)
        .collect()
}

/// The single diagnostic, asserting there is exactly one with this code.
fn only<'c>(checked: &'c Checked<'_>, code: &str) -> &'c CheckError {
    assert_eq!(
        codes(checked),
        [format!("sift::check::{code}")],
        "{:#?}",
        checked.diagnostics
    );
    &checked.diagnostics[0]
}

fn help(d: &CheckError) -> String {
    d.help().map(|h| h.to_string()).unwrap_or_default()
}

fn fix(d: &CheckError) -> Option<(Span, String)> {
    d.fix().map(|f| (f.span, f.replacement))
}

/// Every diagnostic has a code, a message, a primary label and help; the typed query exists
/// exactly when no diagnostic is an error.
fn assert_well_formed(checked: &Checked<'_>) {
    for d in &checked.diagnostics {
        let code = d.code_str();
        assert!(code.starts_with("sift::check::"), "{d:?}");
        assert!(!d.to_string().is_empty());
        assert!(!help(d).is_empty(), "{code} has no help");
        let labels: Vec<_> = d.labels().map(|l| l.collect()).unwrap_or_else(Vec::new);
        assert!(!labels.is_empty(), "{code} has no label");
        assert!(labels[0].label().is_some_and(|l| !l.is_empty()), "{code}");
        let span = d.span();
        assert_eq!(
            labels[0].offset(),
            span.lo(),
            "{code}: first label is the primary span"
        );
    }
    assert_eq!(checked.query.is_some(), !checked.has_errors());
}

/// A small catalog with what Harvest lacks: arrays of objects, dotted names, unions.
fn shop() -> Catalog {
    let field = |name: &str, ty: Type| Field {
        name: name.to_owned(),
        ty,
        description: None,
        storage_name: None,
        format: None,
        semantic_search: None,
    };
    let with = |kind: Kind, properties: Vec<Field>| Type {
        kinds: vec![kind],
        nullable: false,
        properties: Some(properties),
    };
    Catalog {
        definition_id: None,
        connector: String::from("shop"),
        entities: vec![Entity {
            name: String::from("orders"),
            description: None,
            storage_name: None,
            unsearchable_reason: None,
            fields: vec![
                field("id", Type::of(Kind::Integer)),
                field("customer.id", Type::of(Kind::Integer)),
                field(
                    "customer",
                    with(
                        Kind::Object,
                        vec![
                            // Another type than the top-level `customer.id`: a rival reading.
                            field("id", Type::of(Kind::String)),
                            field("name", Type::of(Kind::String)),
                        ],
                    ),
                ),
                field(
                    "line_items",
                    with(
                        Kind::Array,
                        vec![
                            field("amount", Type::of(Kind::Number)),
                            field("kind", Type::of(Kind::String)),
                        ],
                    ),
                ),
                field("tags", Type::of(Kind::Array).into_nullable()),
                field(
                    "flag",
                    Type {
                        kinds: vec![Kind::Boolean, Kind::Number],
                        nullable: false,
                        properties: None,
                    },
                ),
            ],
        }],
    }
}

fn run_shop(query: &Query<'static>) -> Checked<'static> {
    let query = leak(query);
    let checked = type_query(query, &shop(), None);
    assert_well_formed(&checked);
    checked
}
mod tree_size;
