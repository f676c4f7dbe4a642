//! Field names: unknown fields, nested and dotted paths, unchecked paths, `any`.

use super::*;

#[test]
fn unknown_field_names_the_entity_and_the_nearest_field() {
    let q = filter("users", cond("frist_name", OpKind::Eq, || string("Ann")));
    let checked = run(&q);
    let d = only(&checked, "unknown_field");
    assert_eq!(
        d.to_string(),
        "unknown field `frist_name`: not a field of entity `users`"
    );
    assert_eq!(help(d), "did you mean `first_name`?");
    let c = only_condition(&q);
    assert_eq!(d.span(), c.field.span);
    assert_eq!(fix(d), Some((c.field.span, String::from("first_name"))));
}

#[test]
fn unknown_field_case_and_several_candidates() {
    let checked = run(&filter(
        "users",
        cond("First_Name", OpKind::Eq, || string("Ann")),
    ));
    let d = only(&checked, "unknown_field");
    assert_eq!(
        help(d),
        "field names are case-sensitive: did you mean `first_name`?"
    );
    let checked = run(&filter("users", cond("name", OpKind::Eq, || string("Ann"))));
    let d = only(&checked, "unknown_field");
    assert_eq!(help(d), "did you mean `last_name` or `first_name`?");
    assert_eq!(fix(d), None, "no automatic fix when two names fit equally");
}

#[test]
fn unknown_field_far_from_everything_lists_the_fields_truncated() {
    let checked = run(&filter("users", cond("qqqqqq", OpKind::Eq, || int(1))));
    let d = only(&checked, "unknown_field");
    assert!(
        help(d).starts_with("fields of entity `users`: avatar_url, cost_rate,"),
        "{}",
        help(d)
    );
    assert!(help(d).ends_with("and 3 more"), "{}", help(d));
}

#[test]
fn a_path_into_a_scalar_is_an_error_with_a_fix() {
    let q = filter(
        "users",
        cond("first_name.initial", OpKind::Eq, || string("A")),
    );
    let checked = run(&q);
    let d = only(&checked, "path_into_scalar");
    assert!(
        d.to_string()
            .contains("`first_name`, a `null | string` field"),
        "{d}"
    );
    let c = only_condition(&q);
    let [first, second] = c.field.segments.as_slice() else {
        panic!("two segments");
    };
    assert_eq!(d.span(), second.span);
    assert_eq!(
        fix(d),
        Some((Span::new(first.span.hi(), second.span.hi()), String::new()))
    );
}

#[test]
fn paths_into_opaque_objects_warn_and_compile() {
    let mut q = filter(
        "contacts",
        cond("client.name", OpKind::Eq, || string("Acme")),
    );
    q.fields = Some(fields(&["id", "client.name"]));
    let checked = run(&q);
    // One warning per path and query, however often the path appears.
    assert_eq!(codes(&checked), ["sift::check::unchecked_path"]);
    let d = &checked.diagnostics[0];
    assert_eq!(
        d.to_string(),
        "`client.name` is not checked: `client` is an object with no declared properties"
    );
    assert!(d.is_warning());
    let typed = checked.query.expect("warnings only");
    let Some(TypedExpr {
        kind: TypedKind::Condition(c),
        ..
    }) = &typed.filter
    else {
        panic!("a condition");
    };
    assert_eq!(c.key, "client.name");
    assert_eq!(typed.fields, [vec!["id"], vec!["client", "name"]]);
}

#[test]
fn dotted_top_level_field_wins_with_an_ambiguity_warning() {
    let mut q = query(
        Some("orders"),
        Some(cond("customer.id", OpKind::Eq, || int(7))),
    );
    q.fields = Some(fields(&["customer.name", "customer.id"]));
    let checked = run_shop(&q);
    assert_eq!(
        codes(&checked),
        ["sift::check::ambiguous_path", "sift::check::ambiguous_path"]
    );
    let d = &checked.diagnostics[0];
    assert!(
        d.to_string()
            .contains("using the top-level field `customer.id`"),
        "{d}"
    );
    assert_eq!(fix(d).map(|f| f.1).as_deref(), Some("`customer.id`"));
    let typed = checked.query.expect("warnings only");
    assert_eq!(
        typed.fields,
        [vec!["customer", "name"], vec!["customer.id"]]
    );
    // One quoted segment names the dotted field without ambiguity.
    let q = query(
        Some("orders"),
        Some(cond_rhs_path(segments(&["customer.id"]))),
    );
    assert!(run_shop(&q).diagnostics.is_empty());
}

fn cond_rhs_path(field: Path<'static>) -> Expr<'static> {
    let op = Op {
        span: span(1),
        kind: OpKind::Eq,
    };
    let v = int(1);
    let span = field.span.to(v.span);
    condition_expr(
        Condition {
            span,
            field,
            op,
            rhs: Rhs::Value(v),
        },
        None,
    )
}

#[test]
fn any_checks_names_against_the_element() {
    let inner = || {
        and(vec![
            cond("amount", OpKind::Gt, || int(100)),
            cond("kind", OpKind::Eq, || string("service")),
        ])
    };
    let q = query(Some("orders"), Some(cond_any("line_items", inner)));
    let checked = run_shop(&q);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let typed = checked.query.expect("valid");
    let Some(TypedExpr {
        kind: TypedKind::Condition(c),
        ..
    }) = &typed.filter
    else {
        panic!("a condition");
    };
    let crate::Predicate::Any(inner) = &c.predicate else {
        panic!("any keeps its condition");
    };
    let TypedKind::And(children) = &inner.kind else {
        panic!("and");
    };
    let keys: Vec<&str> = children
        .iter()
        .filter_map(|e| match &e.kind {
            TypedKind::Condition(c) => Some(c.key.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(
        keys,
        ["amount", "kind"],
        "names inside any are relative to the element"
    );
}

#[test]
fn any_reports_unknown_element_fields_and_element_types() {
    let inner = || {
        and(vec![
            cond("amout", OpKind::Gt, || int(100)),
            cond("kind", OpKind::Gt, || boolean(true)),
            cond("id", OpKind::Eq, || int(1)),
        ])
    };
    let q = query(Some("orders"), Some(cond_any("line_items", inner)));
    let checked = run_shop(&q);
    assert_eq!(
        codes(&checked),
        [
            "sift::check::unknown_field",
            "sift::check::value_type_mismatch",
            "sift::check::unknown_field"
        ]
    );
    let d = &checked.diagnostics[0];
    assert_eq!(
        d.to_string(),
        "unknown field `amout`: not a field of the elements of `line_items`"
    );
    assert_eq!(help(d), "did you mean `amount`?");
}

#[test]
fn any_over_an_array_without_element_properties_warns_per_path() {
    let inner = || {
        or(vec![
            cond("name", OpKind::Eq, || string("x")),
            cond("id", OpKind::Eq, || int(1)),
        ])
    };
    let q = filter("users", cond_any("roles", inner));
    let checked = run(&q);
    assert_eq!(
        codes(&checked),
        ["sift::check::unchecked_path", "sift::check::unchecked_path"]
    );
    assert!(help(&checked.diagnostics[0]).contains("relative to the elements of `roles`"));
    assert!(checked.query.is_some());
}

#[test]
fn any_on_a_non_array_is_an_operator_error_and_skips_the_inside() {
    let inner = || cond("whatever", OpKind::Eq, || int(1));
    let q = filter("users", cond_any("first_name", inner));
    let checked = run(&q);
    let d = only(&checked, "operator_type_mismatch");
    assert!(
        d.to_string()
            .starts_with("operator `any` does not apply to `first_name`"),
        "{d}"
    );
}

#[test]
fn nested_object_properties_resolve_and_unknown_ones_name_the_object() {
    let q = query(
        Some("orders"),
        Some(cond("customer.nmae", OpKind::Eq, || string("x"))),
    );
    let checked = run_shop(&q);
    let d = only(&checked, "unknown_field");
    assert_eq!(
        d.to_string(),
        "unknown field `nmae`: not a field of object `customer`"
    );
    assert_eq!(help(d), "did you mean `name`?");
    let q = query(
        Some("orders"),
        Some(cond("customer.name", OpKind::Eq, || string("x"))),
    );
    assert!(run_shop(&q).diagnostics.is_empty());
}
