//! Every row of the operator tables (each sift operator, and the JSON key that writes it),
//! for each target.

use sift_check::Predicate;
use sift_syntax::ast::OpKind;

use super::*;

/// `expected[i]` is the JSON for `Target::ALL[i]`.
fn each_target(expr: TypedExpr<'static>, expected: [&str; 3]) {
    for (target, want) in Target::ALL.into_iter().zip(expected) {
        assert_eq!(filter_ok(expr.clone(), target), want, "target {target}");
    }
}

fn same_on_all(expr: TypedExpr<'static>, expected: &str) {
    each_target(expr, [expected; 3]);
}

#[test]
fn comparisons() {
    let rows = [
        (OpKind::Eq, r#"{"eq":{"a":5}}"#),
        (OpKind::Neq, r#"{"neq":{"a":5}}"#),
        (OpKind::Lt, r#"{"lt":{"a":5}}"#),
        (OpKind::Lte, r#"{"lte":{"a":5}}"#),
        (OpKind::Gt, r#"{"gt":{"a":5}}"#),
        (OpKind::Gte, r#"{"gte":{"a":5}}"#),
    ];
    for (op, want) in rows {
        same_on_all(cmp("a", op, int(5)), want);
    }
}

#[test]
fn equality_with_null_and_bool() {
    same_on_all(
        cmp("a", OpKind::Eq, value(ValueKind::Null)),
        r#"{"eq":{"a":null}}"#,
    );
    same_on_all(
        cmp("is_active", OpKind::Neq, value(ValueKind::Bool(false))),
        r#"{"neq":{"is_active":false}}"#,
    );
}

#[test]
fn membership() {
    same_on_all(
        cond(
            "a",
            Predicate::In(vec![int(1), string("x"), decimal("2.5")]),
        ),
        r#"{"in":{"a":[1,"x",2.5]}}"#,
    );
    same_on_all(
        cond("a", Predicate::NotIn(vec![int(1), int(2)])),
        r#"{"not":{"in":{"a":[1,2]}}}"#,
    );
}

#[test]
fn null_tests() {
    same_on_all(cond("a", Predicate::IsNull), r#"{"eq":{"a":null}}"#);
    same_on_all(cond("a", Predicate::IsNotNull), r#"{"neq":{"a":null}}"#);
}

#[test]
fn fuzzy_and_keyword() {
    same_on_all(
        cmp("a", OpKind::Fuzzy, string("acme inc")),
        r#"{"fuzzy":{"a":"acme inc"}}"#,
    );
    same_on_all(
        cmp("a", OpKind::Keyword, string("acme widgets")),
        r#"{"keyword":{"a":"acme widgets"}}"#,
    );
}

#[test]
fn contains_startswith_endswith() {
    each_target(
        cmp("a", OpKind::Contains, string("x")),
        [
            r#"{"like":{"a":"%x%"}}"#,
            r#"{"like":{"a":"%x%"}}"#,
            r#"{"contains":{"a":"x"}}"#,
        ],
    );
    each_target(
        cmp("a", OpKind::StartsWith, string("x")),
        [
            r#"{"like":{"a":"x%"}}"#,
            r#"{"like":{"a":"x%"}}"#,
            r#"{"startswith":{"a":"x"}}"#,
        ],
    );
    each_target(
        cmp("a", OpKind::EndsWith, string("x")),
        [
            r#"{"like":{"a":"%x"}}"#,
            r#"{"like":{"a":"%x"}}"#,
            r#"{"endswith":{"a":"x"}}"#,
        ],
    );
}

#[test]
fn wildcards_in_literal_text_are_fine_on_2026_10() {
    assert_eq!(
        filter_ok(
            cmp("a", OpKind::Contains, string("50%_off")),
            Target::V2026_10
        ),
        r#"{"contains":{"a":"50%_off"}}"#
    );
}

#[test]
fn has() {
    each_target(
        cmp("tags", OpKind::Has, string("x")),
        [
            r#"{"contains":{"tags":"x"}}"#,
            r#"{"contains":{"tags":"x"}}"#,
            r#"{"array_contains":{"tags":"x"}}"#,
        ],
    );
    each_target(
        cmp("ids", OpKind::Has, int(7)),
        [
            r#"{"contains":{"ids":7}}"#,
            r#"{"contains":{"ids":7}}"#,
            r#"{"array_contains":{"ids":7}}"#,
        ],
    );
}

#[test]
fn like_where_the_target_has_it() {
    for target in [Target::V2026_03, Target::V2026_04] {
        for pattern in ["Ac%", "%a_c%", "exact"] {
            assert_eq!(
                filter_ok(cmp("a", OpKind::Like, string(pattern)), target),
                format!(r#"{{"like":{{"a":"{pattern}"}}}}"#)
            );
        }
    }
}

#[test]
fn like_on_2026_10_becomes_a_literal_operator() {
    let rows = [
        ("Ac%", r#"{"startswith":{"a":"Ac"}}"#),
        ("%Inc", r#"{"endswith":{"a":"Inc"}}"#),
        ("%pro%", r#"{"contains":{"a":"pro"}}"#),
        ("%a b%", r#"{"contains":{"a":"a b"}}"#),
    ];
    for (pattern, want) in rows {
        assert_eq!(
            filter_ok(cmp("a", OpKind::Like, string(pattern)), Target::V2026_10),
            want
        );
    }
}

#[test]
fn any_over_array_elements() {
    let inner = and(vec![
        cmp("amount", OpKind::Gt, int(100)),
        cmp("kind", OpKind::Eq, string("service")),
    ]);
    same_on_all(
        cond("line_items", Predicate::Any(Box::new(inner))),
        r#"{"any":{"line_items":{"and":[{"gt":{"amount":100}},{"eq":{"kind":"service"}}]}}}"#,
    );
}

#[test]
fn between() {
    same_on_all(
        cond(
            "a",
            Predicate::Between {
                low: Box::new(int(1)),
                high: Box::new(int(9)),
            },
        ),
        r#"{"and":[{"gte":{"a":1}},{"lte":{"a":9}}]}"#,
    );
}

#[test]
fn logic_keeps_the_typed_nesting() {
    let a = || cmp("a", OpKind::Eq, int(1));
    let b = || cmp("b", OpKind::Eq, int(2));
    let c = || cmp("c", OpKind::Eq, int(3));
    same_on_all(
        and(vec![a(), b(), c()]),
        r#"{"and":[{"eq":{"a":1}},{"eq":{"b":2}},{"eq":{"c":3}}]}"#,
    );
    // `(a and b) and c` stays nested.
    same_on_all(
        and(vec![and(vec![a(), b()]), c()]),
        r#"{"and":[{"and":[{"eq":{"a":1}},{"eq":{"b":2}}]},{"eq":{"c":3}}]}"#,
    );
    same_on_all(
        or(vec![a(), and(vec![b(), c()])]),
        r#"{"or":[{"eq":{"a":1}},{"and":[{"eq":{"b":2}},{"eq":{"c":3}}]}]}"#,
    );
    same_on_all(not(a()), r#"{"not":{"eq":{"a":1}}}"#);
    same_on_all(not(not(a())), r#"{"not":{"not":{"eq":{"a":1}}}}"#);
}

#[test]
fn dotted_keys_are_kept_as_one_key() {
    same_on_all(
        cmp("customer.id", OpKind::Eq, int(1)),
        r#"{"eq":{"customer.id":1}}"#,
    );
}

/// The one operator table reads and writes alike: on every target, the operator a key stands
/// for is written with that key again, and every key is a wire operator, `in` or `any`.
#[test]
fn the_operator_table_reads_back_what_it_writes() {
    for target in Target::ALL {
        for key in target.operator_keys() {
            let op = target.operator_of_key(key).expect("a key of the target");
            assert_eq!(target.key_of(op), Some(key), "{target} {key}");
            assert!(
                crate::wire::FieldOp::of_key(key).is_some() || matches!(key, "in" | "any"),
                "{key}"
            );
        }
    }
    assert_eq!(
        Target::with_key("like"),
        [Target::V2026_03, Target::V2026_04]
    );
    assert_eq!(Target::with_key("array_contains"), [Target::V2026_10]);
    assert!(Target::with_key("between").is_empty());
}
