//! The edges of the common form of a condition (`path op value`), which the parser reads in one
//! pass: on each side of every edge the tree and the errors are those the grammar gives.

use sift_syntax::ast::{Rhs, ValueKind};
use sift_syntax::{Limits, Span, SpanlessEq, SyntaxError, parse};

/// The value of the one condition `src` holds, and the codes of its errors.
fn value(src: &str) -> (ValueKind<'_>, Vec<String>) {
    let parsed = parse(src, &Limits::default());
    let codes = parsed.errors.iter().map(SyntaxError::code_str).collect();
    let query = parsed.document.queries.into_iter().next();
    let Some(condition) = query.as_ref().and_then(|q| q.tree.as_condition(q.filter?)) else {
        panic!("{src:?} is no condition");
    };
    let Rhs::Value(value) = &condition.rhs else {
        panic!("{src:?} has no value");
    };
    (value.kind.clone(), codes)
}

#[test]
fn integers_are_exact_up_to_the_ends_of_i64() {
    for (text, expected) in [
        ("999999999999999999", 999_999_999_999_999_999),
        ("1000000000000000000", 1_000_000_000_000_000_000),
        ("9223372036854775807", i64::MAX),
        ("-9223372036854775808", i64::MIN),
        ("-0", 0),
        ("0", 0),
    ] {
        let src = format!("a = {text}");
        assert_eq!(value(&src), (ValueKind::Integer(expected), vec![]), "{src}");
    }
    let (kind, codes) = value("a = 9223372036854775808");
    assert_eq!(kind, ValueKind::Decimal("9223372036854775808".into()));
    assert_eq!(codes, ["sift::syntax::integer_out_of_range"]);
    assert_eq!(value("a=-1.5e3").0, ValueKind::Decimal("-1.5e3".into()));
}

#[test]
fn numbers_that_run_on_are_errors() {
    for src in [
        "a = 07", "a = 1.", "a = 7d", "a = 1x", "a = 1_0", "a = 1é", "a = -",
    ] {
        let parsed = parse(src, &Limits::default());
        assert!(!parsed.is_ok(), "{src}");
        assert!(parsed.document.queries.is_empty(), "{src}");
    }
}

#[test]
fn strings_read_the_same_short_and_long() {
    for len in [0, 1, 31, 32, 33, 200] {
        let text = "x".repeat(len);
        let src = format!("a = \"{text}\" and b = '{text}'");
        let parsed = parse(&src, &Limits::default());
        assert!(parsed.errors.is_empty(), "{len}: {:?}", parsed.errors);
        let (kind, _) = value(&src[..src.find(" and").unwrap_or(src.len())]);
        assert_eq!(kind, ValueKind::String(text.clone().into()), "{len}");
        // An escape past the first bytes is decoded, and a line break ends the string.
        let escaped = format!("a = \"{text}\\n\"");
        assert_eq!(
            value(&escaped).0,
            ValueKind::String(format!("{text}\n").into())
        );
        let unclosed = format!("a = \"{text}\n");
        assert_eq!(
            value(&unclosed).1,
            ["sift::syntax::unclosed_string"],
            "{len}"
        );
    }
}

#[test]
fn the_node_limit_holds_exactly() {
    // `a = 1 and b = 2`: two values, two conditions and the chain: five nodes.
    let src = "a = 1 and b = 2";
    let limits = |max_nodes| Limits {
        max_nodes,
        ..Limits::default()
    };
    assert!(parse(src, &limits(5)).errors.is_empty());
    for (max_nodes, span) in [
        (4, Span::new(0, 15)),
        (3, Span::new(10, 15)),
        (2, Span::new(14, 15)),
        (1, Span::new(0, 5)),
    ] {
        let errors = parse(src, &limits(max_nodes)).errors;
        let [SyntaxError::TooManyNodes { span: at, .. }] = errors.as_slice() else {
            panic!("{max_nodes}: {errors:?}");
        };
        assert_eq!(*at, span, "{max_nodes}");
    }
}

#[test]
fn names_that_need_more_than_the_common_form_still_parse() {
    for (src, code) in [
        ("flow-actions = 1", Some("sift::syntax::needs_backticks")),
        ("café = 1", Some("sift::syntax::needs_backticks")),
        ("`a b` = 1", None),
        ("a.`b` = 1", None),
        ("where.x = 1", None),
        ("sort = 1", None),
        ("a == 1", Some("sift::syntax::double_equals")),
        ("a = yes", Some("sift::syntax::unquoted_string")),
    ] {
        let parsed = parse(src, &Limits::default());
        let codes: Vec<String> = parsed.errors.iter().map(SyntaxError::code_str).collect();
        assert_eq!(codes, code.into_iter().collect::<Vec<_>>(), "{src}");
        assert_eq!(parsed.document.queries.len(), 1, "{src}");
    }
}

/// The one condition of `src`'s first query, its tree, and the codes of the errors.
fn first_condition(src: &str) -> (sift_syntax::Parsed<'_>, Vec<String>) {
    let parsed = parse(src, &Limits::default());
    let codes = parsed.errors.iter().map(SyntaxError::code_str).collect();
    (parsed, codes)
}

#[test]
fn in_lists_of_plain_values_read_as_the_rule_reads_them() {
    // Each pair: a list read in one pass, and the same list sent to the rule by a trailing
    // comma (the common form has none). The trees agree but for spans.
    for (one_pass, by_rule) in [
        ("id in [1, 2, 3]", "id in [1, 2, 3,]"),
        (
            "id IN (1, -2.5, true, null)",
            "id in (1, -2.5, true, null,)",
        ),
        (
            "d in [2024-01-31, 2024-01-31T09:30:00Z]",
            "d in [2024-01-31, 2024-01-31T09:30:00Z,]",
        ),
        ("s in ['a', \"b\"]", "s in ['a', \"b\",]"),
        ("a.b in [1]", "a.b in [1,]"),
    ] {
        let (a, a_codes) = first_condition(one_pass);
        let (b, b_codes) = first_condition(by_rule);
        assert_eq!(a_codes, b_codes, "{one_pass}");
        assert!(a_codes.is_empty(), "{one_pass}: {a_codes:?}");
        assert!(
            a.document.spanless_eq(&b.document),
            "{one_pass}: {:?} / {:?}",
            a.document,
            b.document
        );
    }
    // Spans in one pass: the operator, the list, each value and the condition.
    let src = "id in [1, 22]";
    let (parsed, _) = first_condition(src);
    let query = &parsed.document.queries[0];
    let condition = query.tree.as_condition(query.filter.expect("a filter"));
    let condition = condition.expect("a condition");
    assert_eq!(condition.span, Span::new(0, 13));
    assert_eq!(condition.op.span, Span::new(3, 5));
    let Rhs::List(list) = &condition.rhs else {
        panic!("a list");
    };
    assert_eq!(list.span, Span::new(6, 13));
    let spans: Vec<Span> = list.items.iter().map(|v| v.span).collect();
    assert_eq!(spans, [Span::new(7, 8), Span::new(10, 12)]);
    // The edges go to the rule, which reports what it reports.
    for (src, code) in [
        ("id in []", None),
        ("id in [1 2]", Some("sift::syntax::expected")),
        ("id in [07]", Some("sift::syntax::bad_number")),
        ("id in [2024-02-30]", Some("sift::syntax::bad_date")),
        ("id in [yes]", Some("sift::syntax::unquoted_string")),
    ] {
        let (_, codes) = first_condition(src);
        assert_eq!(codes, code.into_iter().collect::<Vec<_>>(), "{src}");
    }
}

#[test]
fn dates_read_in_one_pass_keep_their_kind_and_errors() {
    for (src, expected) in [
        ("a = 2024-01-31", ValueKind::Date("2024-01-31".into())),
        (
            "a >= 2024-01-31T09:30:00Z",
            ValueKind::DateTime("2024-01-31T09:30:00Z".into()),
        ),
        (
            "a < 2024-01-31T09:30:00.5+02:00",
            ValueKind::DateTime("2024-01-31T09:30:00.5+02:00".into()),
        ),
    ] {
        assert_eq!(value(src), (expected, vec![]), "{src}");
    }
    // Not on the calendar, or not of the shape: the rule reports it, and the value stays.
    for src in [
        "a = 2024-02-30",
        "a = 2024-01-31T24:00:00Z",
        "a = 2024-01-31T09:30:00+25:00",
        "a = 2024-1-31",
    ] {
        let (_, codes) = value(src);
        assert_eq!(codes, ["sift::syntax::bad_date"], "{src}");
    }
}
