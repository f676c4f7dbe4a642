//! Spans are exact byte ranges; names and strings borrow from the source unless decoded.

use std::borrow::Cow;

use sift_syntax::ast::{ExprKind, OpKind, Rhs, ValueKind};
use sift_syntax::{Limits, format_document, parse};

fn text(src: &str, span: sift_syntax::Span) -> &str {
    &src[span.lo()..span.hi()]
}

#[test]
fn nodes_carry_exact_spans() {
    let src = "  (a.b = 'x' and not c in [1, 2]) or `d e` is not null # note";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let query = &parsed.document.queries[0];
    assert_eq!(
        text(src, query.span),
        "(a.b = 'x' and not c in [1, 2]) or `d e` is not null"
    );
    let tree = &query.tree;
    let filter = query.filter.unwrap();
    let ExprKind::Or(items) = tree[filter] else {
        panic!("{filter:?}")
    };
    let items = tree.children(items);
    assert_eq!(
        text(src, tree.span(items[0])),
        "(a.b = 'x' and not c in [1, 2])"
    );
    let ExprKind::Paren(inner) = tree[items[0]] else {
        panic!()
    };
    let ExprKind::And(ands) = tree[inner] else {
        panic!()
    };
    let ands = tree.children(ands);
    assert_eq!(text(src, tree.span(inner)), "a.b = 'x' and not c in [1, 2]");
    let c = tree.as_condition(ands[0]).unwrap();
    assert_eq!(text(src, c.span), "a.b = 'x'");
    assert_eq!(text(src, c.field.span), "a.b");
    assert_eq!(text(src, c.field.segments[1].span), "b");
    assert_eq!(text(src, c.op.span), "=");
    let Rhs::Value(v) = &c.rhs else { panic!() };
    assert_eq!(text(src, v.span), "'x'");
    assert!(matches!(&v.kind, ValueKind::String(Cow::Borrowed("x"))));
    assert_eq!(text(src, tree.span(ands[1])), "not c in [1, 2]");
    let ExprKind::Not(c) = tree[ands[1]] else {
        panic!()
    };
    let c = tree.as_condition(c).unwrap();
    let Rhs::List(list) = &c.rhs else { panic!() };
    assert_eq!(text(src, list.span), "[1, 2]");
    let c = tree.as_condition(items[1]).unwrap();
    assert_eq!(
        (c.op.kind, text(src, c.op.span)),
        (OpKind::IsNotNull, "is not null")
    );
    assert_eq!(text(src, c.field.segments[0].span), "`d e`");
    assert!(c.field.segments[0].quoted);
    assert!(matches!(c.field.segments[0].text, Cow::Borrowed("d e")));
}

#[test]
fn query_clause_spans() {
    let src = "from users\nwhere a = 1\nsort b desc, c\nlimit 5\nfields x, y.z;";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let q = &parsed.document.queries[0];
    assert_eq!(text(src, q.span), &src[..src.len() - 1]);
    assert_eq!(text(src, q.from.as_ref().unwrap().span), "users");
    let sort = q.sort.as_ref().unwrap();
    assert_eq!(text(src, sort.span), "sort b desc, c");
    assert_eq!(text(src, sort.keys[0].span), "b desc");
    assert_eq!(text(src, q.limit.unwrap().span), "limit 5");
    assert_eq!(text(src, q.fields.as_ref().unwrap().span), "fields x, y.z");
}

#[test]
fn keyword_like_field_names_are_bare_where_unambiguous() {
    let src = "from = \"+1555\" and to is not null and sort = 1 and limit in [1] and where.x = 2";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert!(parsed.document.queries[0].from.is_none());
    assert_eq!(format_document(&parsed.document), src);
    let src = "from orders\nwhere order = 1 and `and` = 2 and x.or = 3 and `not` = 4\nsort from desc\nfields limit, where";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(format_document(&parsed.document), src);
    // Keywords are case-insensitive and printed lower-case; `asc` is the default.
    let parsed = parse("FROM `Where` WHERE A = TRUE SORT b ASC", &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        format_document(&parsed.document),
        "from `Where`\nwhere A = true\nsort b"
    );
}

#[test]
fn escapes_decode_and_print_minimally() {
    let src = r#"a = "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\u0001" and b = 'it\'s'"#;
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(
        format_document(&parsed.document),
        r#"a = "q\"\\/\b\f\n\r\té😀\u0001" and b = "it's""#
    );
}

#[test]
fn entity_names_are_quoted_only_where_needed() {
    use sift_syntax::format_entity_name;
    assert_eq!(format_entity_name("first_name"), "first_name");
    assert_eq!(format_entity_name("customer.id"), "`customer.id`");
    assert_eq!(format_entity_name("from"), "from");
    assert_eq!(format_entity_name("order"), "order");
    assert_eq!(format_entity_name("where"), "`where`");
    assert_eq!(format_entity_name("like"), "`like`");
    assert_eq!(format_entity_name("a`b"), "`a``b`");
}
