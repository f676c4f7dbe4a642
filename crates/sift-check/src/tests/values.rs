//! Operators × types, values, null, lists.

use super::*;

fn op_span(q: &Query<'static>) -> Span {
    only_condition(q).op.span
}

fn value_span(q: &Query<'static>) -> Span {
    match &only_condition(q).rhs {
        Rhs::Value(v) => v.span,
        _ => Span::default(),
    }
}

#[test]
fn operator_on_the_wrong_type_names_field_type_and_valid_operators() {
    let q = filter("users", cond("is_active", OpKind::Gt, || boolean(true)));
    let checked = run(&q);
    let d = only(&checked, "operator_type_mismatch");
    assert_eq!(
        d.to_string(),
        "operator `>` does not apply to `is_active`: expected a string, integer or number field, found a `null | boolean` field"
    );
    assert_eq!(
        help(d),
        "operators for `null | boolean`: `=`, `!=`, `in`, `not in`, `is null`, `is not null`"
    );
    assert_eq!(d.span(), op_span(&q));
    assert_eq!(fix(d), None);
}

#[test]
fn text_operator_on_a_number_offers_equals() {
    let q = filter("users", cond("id", OpKind::Fuzzy, || int(5)));
    let checked = run(&q);
    let d = only(&checked, "operator_type_mismatch");
    assert!(
        help(d).contains("text matching needs a string field"),
        "{}",
        help(d)
    );
    assert_eq!(fix(d), Some((op_span(&q), String::from("="))));
}

#[test]
fn contains_on_an_array_offers_has_and_has_on_a_string_offers_contains() {
    let q = filter("roles", cond("user_ids", OpKind::Contains, || int(5)));
    let d = run(&q).diagnostics.first().cloned();
    assert_eq!(
        d.as_ref().and_then(fix).map(|f| f.1).as_deref(),
        Some("has")
    );
    let q = filter("users", cond("roles", OpKind::Eq, || string("admin")));
    let d = run(&q).diagnostics.first().cloned();
    assert_eq!(
        d.as_ref().and_then(fix).map(|f| f.1).as_deref(),
        Some("has")
    );
    let q = filter("users", cond("email", OpKind::Has, || string("@")));
    let checked = run(&q);
    let d = only(&checked, "operator_type_mismatch");
    assert_eq!(fix(d).map(|f| f.1).as_deref(), Some("contains"));
    assert!(
        help(d).contains("for a substring of a string use `email contains"),
        "{}",
        help(d)
    );
}

#[test]
fn objects_take_no_operator_but_null_tests() {
    let checked = run(&filter("contacts", cond("client", OpKind::Eq, || int(1))));
    let d = only(&checked, "operator_type_mismatch");
    assert!(
        help(d).contains("`client` is an object: filter on one of its properties"),
        "{}",
        help(d)
    );
    assert!(
        run(&filter("contacts", is_null("client", OpKind::IsNull)))
            .diagnostics
            .is_empty()
    );
    assert!(
        run(&filter("contacts", cond("client", OpKind::Eq, null)))
            .diagnostics
            .is_empty()
    );
}

#[test]
fn quoted_boolean_and_quoted_integer_get_fixes() {
    let q = filter("users", cond("is_active", OpKind::Eq, || string("true")));
    let checked = run(&q);
    let d = only(&checked, "value_type_mismatch");
    assert_eq!(
        d.to_string(),
        "wrong value for `is_active` (type `null | boolean`): expected a boolean (`true` or `false`), found the string \"true\""
    );
    assert_eq!(fix(d), Some((value_span(&q), String::from("true"))));
    assert!(
        help(d).starts_with("remove the quotes: `true`"),
        "{}",
        help(d)
    );

    let q = filter(
        "users",
        cond("weekly_capacity", OpKind::Eq, || string("42")),
    );
    let checked = run(&q);
    let d = only(&checked, "value_type_mismatch");
    assert_eq!(fix(d), Some((value_span(&q), String::from("42"))));
}

#[test]
fn decimals_on_integer_fields() {
    let checked = run(&filter(
        "users",
        cond("weekly_capacity", OpKind::Eq, || dec("1.5")),
    ));
    let d = only(&checked, "value_type_mismatch");
    assert!(
        d.to_string()
            .contains("expected an integer (a whole number), found the decimal 1.5"),
        "{d}"
    );
    assert!(help(d).contains("holds whole numbers"), "{}", help(d));
    assert_eq!(fix(d), None);
    let checked = run(&filter(
        "users",
        cond("weekly_capacity", OpKind::Eq, || dec("2.0")),
    ));
    assert_eq!(
        fix(only(&checked, "value_type_mismatch"))
            .map(|f| f.1)
            .as_deref(),
        Some("2")
    );
    // Number fields take integers and decimals.
    assert!(
        run(&filter("users", cond("cost_rate", OpKind::Eq, || int(2))))
            .diagnostics
            .is_empty()
    );
    assert!(
        run(&filter(
            "users",
            cond("cost_rate", OpKind::Lt, || dec("2.5"))
        ))
        .diagnostics
        .is_empty()
    );
}

#[test]
fn numbers_on_string_fields_are_quoted_by_the_fix() {
    let checked = run(&filter(
        "invoices",
        cond("number", OpKind::Eq, || int(1001)),
    ));
    assert_eq!(
        fix(only(&checked, "value_type_mismatch"))
            .map(|f| f.1)
            .as_deref(),
        Some("\"1001\"")
    );
}

#[test]
fn dates_are_strings() {
    let q = filter(
        "time_entries",
        and(vec![
            cond("spent_date", OpKind::Gte, || date("2024-01-01")),
            cond("created_at", OpKind::Gte, || {
                value(ValueKind::DateTime("2024-01-01T00:00:00Z".into()))
            }),
            cond("notes", OpKind::Eq, || date("2024-01-01")),
        ]),
    );
    assert!(run(&q).diagnostics.is_empty());
    // On a date-time field a date compares as text, before every time of its day.
    let checked = run(&filter(
        "time_entries",
        cond("created_at", OpKind::Eq, || date("2024-01-01")),
    ));
    let d = only(&checked, "date_form_mismatch");
    assert!(d.is_warning() && fix(d).is_none());
    assert!(
        d.to_string()
            .contains("sorts before every time of 2024-01-01"),
        "{d}"
    );
    let checked = run(&filter(
        "time_entries",
        cond("hours", OpKind::Gt, || date("2024-01-01")),
    ));
    let d = only(&checked, "value_type_mismatch");
    assert!(help(d).starts_with("dates are strings"), "{}", help(d));
}

#[test]
fn null_tests_on_never_null_fields_warn_and_compile() {
    let checked = run(&filter("users", cond("id", OpKind::Eq, null)));
    let d = only(&checked, "never_null");
    assert!(d.is_warning());
    assert_eq!(
        d.to_string(),
        "`id` is never null (its type is `integer`), so `= null` is always false"
    );
    assert!(checked.query.is_some());
    let checked = run(&filter("users", is_null("id", OpKind::IsNull)));
    assert!(
        only(&checked, "never_null")
            .to_string()
            .ends_with("always false")
    );
    let checked = run(&filter("users", is_null("id", OpKind::IsNotNull)));
    let d = only(&checked, "never_null");
    assert!(d.to_string().ends_with("always true"));
    assert!(help(d).contains("holds for every record"));
    assert!(
        run(&filter("users", cond("first_name", OpKind::Eq, null)))
            .diagnostics
            .is_empty()
    );
    assert!(
        run(&filter("users", is_null("first_name", OpKind::IsNotNull)))
            .diagnostics
            .is_empty()
    );
}

#[test]
fn null_where_a_value_is_needed() {
    let checked = run(&filter("users", cond("weekly_capacity", OpKind::Lt, null)));
    let d = only(&checked, "value_type_mismatch");
    assert!(
        help(d).contains("use `weekly_capacity is null`"),
        "{}",
        help(d)
    );
}

#[test]
fn lists_report_each_bad_element_at_its_own_span() {
    let mut items = Vec::new();
    let q = filter(
        "users",
        cond_rhs("id", OpKind::In, || {
            items = vec![int(1), string("2"), dec("3.5"), null()];
            list(items.clone())
        }),
    );
    let checked = run(&q);
    assert_eq!(codes(&checked), ["sift::check::value_type_mismatch"; 3]);
    let spans: Vec<Span> = checked.diagnostics.iter().map(CheckError::span).collect();
    assert_eq!(spans, [items[1].span, items[2].span, items[3].span]);
    assert!(help(&checked.diagnostics[2]).contains("`id` is never null: remove `null`"));
    let checked = run(&filter(
        "users",
        cond_rhs("weekly_capacity", OpKind::In, || list(vec![int(1), null()])),
    ));
    let d = only(&checked, "value_type_mismatch");
    assert!(
        help(d).contains("(weekly_capacity in [...] or weekly_capacity is null)"),
        "{}",
        help(d)
    );
}

#[test]
fn empty_lists_are_errors() {
    let checked = run(&filter(
        "users",
        cond_rhs("id", OpKind::In, || list(vec![])),
    ));
    let d = only(&checked, "empty_list");
    assert_eq!(
        d.to_string(),
        "`in` expects a list of at least one value, found an empty list"
    );
    let checked = run(&filter(
        "users",
        cond_rhs("id", OpKind::NotIn, || list(vec![])),
    ));
    assert!(help(only(&checked, "empty_list")).contains("holds for every record"));
}

#[test]
fn text_operators_need_strings_and_has_needs_a_value() {
    let checked = run(&filter("users", cond("email", OpKind::EndsWith, || int(5))));
    only(&checked, "value_type_mismatch");
    assert!(
        run(&filter(
            "users",
            cond("email", OpKind::EndsWith, || string("@acme.com"))
        ))
        .diagnostics
        .is_empty()
    );
    assert!(
        run(&filter("roles", cond("user_ids", OpKind::Has, || int(5))))
            .diagnostics
            .is_empty()
    );
    let checked = run(&filter("roles", cond("user_ids", OpKind::Has, null)));
    only(&checked, "value_type_mismatch");
}

#[test]
fn between_checks_both_bounds() {
    let q = filter(
        "users",
        cond_rhs("weekly_capacity", OpKind::Between, || Rhs::Range {
            low: Box::new(string("a")),
            high: Box::new(dec("2.5")),
        }),
    );
    assert_eq!(codes(&run(&q)), ["sift::check::value_type_mismatch"; 2]);
}

#[test]
fn unions_accept_any_members_operators_and_values() {
    let run_flag = |op, v: fn() -> Value<'static>| {
        run_shop(&query(Some("orders"), Some(cond("flag", op, v)))).diagnostics
    };
    assert!(run_flag(OpKind::Eq, || boolean(true)).is_empty());
    assert!(run_flag(OpKind::Eq, || dec("0.5")).is_empty());
    assert!(run_flag(OpKind::Lt, || int(3)).is_empty());
    let lt_bool = run_flag(OpKind::Lt, || boolean(true));
    assert_eq!(lt_bool.len(), 1);
    assert!(
        lt_bool[0]
            .to_string()
            .contains("expected a number, found the boolean true"),
        "{}",
        lt_bool[0]
    );
}

#[test]
fn all_errors_of_a_query_are_reported_each_at_its_span() {
    let q = filter(
        "users",
        and(vec![
            cond("frist_name", OpKind::Eq, || string("Ann")),
            cond("is_active", OpKind::Eq, || string("yes")),
            cond("weekly_capacity", OpKind::Fuzzy, || string("40")),
        ]),
    );
    let checked = run(&q);
    assert_eq!(
        codes(&checked),
        [
            "sift::check::unknown_field",
            "sift::check::value_type_mismatch",
            "sift::check::operator_type_mismatch"
        ]
    );
    let spans: Vec<Span> = checked.diagnostics.iter().map(CheckError::span).collect();
    assert!(
        spans[0].end <= spans[1].start && spans[1].end <= spans[2].start,
        "{spans:?}"
    );
    assert!(checked.query.is_none());
}

#[test]
fn only_exact_json_numbers_are_numbers() {
    use crate::Number;
    for good in ["0", "-0", "1.5", "1e400", "2E-10", "-0.0e+5"] {
        assert_eq!(Number::new(good).map(|d| d.as_str()), Some(good));
    }
    for bad in [
        "", "+1", " 1", "1 ", "01", "1.", ".5", "NaN", "1e", "0x10", "1,5", "[1]",
    ] {
        assert!(Number::new(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn text_operators_on_unchecked_paths_need_text() {
    // `client` of `contacts` is an object without declared properties.
    for op in [
        OpKind::Like,
        OpKind::Contains,
        OpKind::StartsWith,
        OpKind::EndsWith,
    ] {
        let checked = run(&filter("contacts", cond("client.name", op, || int(5))));
        assert_eq!(
            codes(&checked),
            [
                "sift::check::unchecked_path",
                "sift::check::value_type_mismatch"
            ],
            "{op:?}"
        );
        let fix = checked.diagnostics[1].fix().map(|f| f.replacement);
        assert_eq!(fix.as_deref(), Some("\"5\""));
    }
    // A bare date is text too (`like` on a string field takes one).
    let checked = run(&filter(
        "contacts",
        cond("client.name", OpKind::Contains, || date("2024-01-31")),
    ));
    assert_eq!(codes(&checked), ["sift::check::unchecked_path"]);
}

#[test]
fn hand_built_trees_the_parser_never_makes_are_refused() {
    let checked = run(&filter(
        "users",
        cond_rhs("first_name", OpKind::In, || Rhs::Nothing),
    ));
    assert_eq!(codes(&checked), ["sift::check::malformed_tree"]);
    let checked = run(&filter(
        "users",
        cond("cost_rate", OpKind::Eq, || dec("1.2.3")),
    ));
    assert_eq!(codes(&checked), ["sift::check::malformed_tree"]);
    let checked = run(&filter(
        "users",
        cond_rhs("first_name", OpKind::Eq, || Rhs::Nothing),
    ));
    assert_eq!(codes(&checked), ["sift::check::malformed_tree"]);
}
