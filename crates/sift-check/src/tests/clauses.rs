//! sort, limit, fields, depth, and the typed output.

use super::*;

#[test]
fn sort_keys_resolve_and_keep_their_direction() {
    let mut q = query(Some("users"), None);
    q.sort = Some(sort(&[
        ("created_at", Direction::Desc),
        ("last_name", Direction::Asc),
    ]));
    let checked = run(&q);
    let typed = checked.query.expect("valid");
    let keys: Vec<(&str, Direction)> = typed
        .sort
        .iter()
        .map(|k| (k.key.as_ref(), k.direction))
        .collect();
    assert_eq!(
        keys,
        [
            ("created_at", Direction::Desc),
            ("last_name", Direction::Asc)
        ]
    );
}

#[test]
fn sort_errors_unknown_unsortable_and_duplicate() {
    let mut q = query(Some("time_entries"), None);
    q.sort = Some(sort(&[
        ("hours", Direction::Asc),
        ("client", Direction::Asc),
        ("hours", Direction::Desc),
        ("huors", Direction::Asc),
    ]));
    let checked = run(&q);
    assert_eq!(
        codes(&checked),
        [
            "sift::check::unsortable_field",
            "sift::check::duplicate_sort_key",
            "sift::check::unknown_field"
        ]
    );
    let d = &checked.diagnostics[0];
    assert_eq!(
        d.to_string(),
        "cannot sort by `client`: expected a string, integer, number or boolean field, found `null | object`"
    );
    assert!(
        help(d).contains("of `time_entries`: billable, created_at,"),
        "{}",
        help(d)
    );
    let keys = &q.sort.as_ref().map(|s| s.keys.clone()).unwrap_or_default();
    let dup = &checked.diagnostics[1];
    assert_eq!(
        fix(dup),
        Some((
            Span::new(keys[1].span.hi(), keys[2].span.hi()),
            String::new()
        ))
    );
    // Unchecked sub-paths sort with a warning.
    let mut q = query(Some("time_entries"), None);
    q.sort = Some(sort(&[("client.name", Direction::Asc)]));
    let checked = run(&q);
    assert_eq!(codes(&checked), ["sift::check::unchecked_path"]);
    assert!(checked.query.is_some());
}

#[test]
fn limit_must_be_positive() {
    let mut q = query(Some("users"), None);
    q.limit = Some(limit(0));
    let checked = run(&q);
    let d = only(&checked, "limit_zero");
    assert_eq!(d.span(), q.limit.map(|l| l.span).unwrap_or_default());
    q.limit = Some(limit(50));
    assert_eq!(run(&q).query.and_then(|t| t.limit), Some(50));
}

#[test]
fn fields_resolve_report_and_deduplicate() {
    let mut q = query(Some("users"), None);
    q.fields = Some(fields(&["id", "frist_name", "id", "email.domain"]));
    let checked = run(&q);
    assert_eq!(
        codes(&checked),
        [
            "sift::check::unknown_field",
            "sift::check::duplicate_field",
            "sift::check::path_into_scalar"
        ]
    );
    let paths = q
        .fields
        .as_ref()
        .map(|f| f.paths.clone())
        .unwrap_or_default();
    let dup = &checked.diagnostics[1];
    assert_eq!(dup.span(), paths[2].span);
    assert_eq!(
        fix(dup),
        Some((
            Span::new(paths[1].span.hi(), paths[2].span.hi()),
            String::new()
        ))
    );
    let mut q = query(Some("users"), None);
    q.fields = Some(fields(&["id", "email", "id"]));
    let checked = run(&q);
    assert_eq!(codes(&checked), ["sift::check::duplicate_field"]);
    assert_eq!(
        checked.query.map(|t| t.fields),
        Some(vec![
            vec![Cow::Borrowed("id")],
            vec![Cow::Borrowed("email")]
        ])
    );
}

#[test]
fn typed_tree_keeps_grouping_and_drops_parentheses() {
    let q = filter(
        "users",
        and(vec![
            paren(and(vec![
                cond("id", OpKind::Gt, || int(1)),
                cond("id", OpKind::Lt, || int(9)),
            ])),
            not(paren(cond("is_active", OpKind::Eq, || boolean(false)))),
        ]),
    );
    let checked = run(&q);
    let typed = checked.query.expect("valid");
    let Some(TypedExpr {
        kind: TypedKind::And(outer),
        ..
    }) = &typed.filter
    else {
        panic!("and");
    };
    assert!(matches!(outer[0].kind, TypedKind::And(ref inner) if inner.len() == 2));
    assert!(
        matches!(&outer[1].kind, TypedKind::Not(inner) if matches!(inner.kind, TypedKind::Condition(_)))
    );
    assert_eq!(typed.entity, "users");
}

#[test]
fn deep_nesting_is_one_error_not_a_crash() {
    let mut expr = cond("id", OpKind::Eq, || int(1));
    for _ in 0..400 {
        expr = not(expr);
    }
    let checked = run(&filter("users", expr));
    let d = only(&checked, "too_deep");
    assert!(d.to_string().contains("256"), "{d}");
    let mut expr = cond("id", OpKind::Eq, || int(1));
    for _ in 0..200 {
        expr = paren(expr);
    }
    assert!(run(&filter("users", expr)).query.is_some());
}

#[test]
fn long_chains_check_in_linear_time() {
    let children: Vec<Expr<'static>> = (0..20_000)
        .map(|i| cond("id", OpKind::Neq, || int(i)))
        .collect();
    let checked = run(&filter("users", and(children)));
    assert!(checked.diagnostics.is_empty());
    let children: Vec<Expr<'static>> = (0..20_000)
        .map(|i| cond("hours", OpKind::Gt, || int(i)))
        .collect();
    let checked = run(&filter("time_entries", and(children)));
    // Each bound implies the ones before it: one redundancy warning per field and chain.
    let codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(CheckError::code_str)
        .collect();
    assert_eq!(codes, ["sift::check::redundant_condition"]);
}
