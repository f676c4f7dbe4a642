//! The entity: `from`, the default, unknown names.

use super::*;

#[test]
fn from_wins_over_the_default_entity() {
    let q = filter("clients", cond("name", OpKind::Eq, || string("Acme")));
    let checked = check_query(&q, harvest(), Some("users"));
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.query.map(|q| q.entity).as_deref(), Some("clients"));
}

#[test]
fn default_entity_applies_without_from() {
    let q = query(None, Some(cond("first_name", OpKind::Eq, || string("Ann"))));
    let checked = check_query(&q, harvest(), Some("users"));
    assert_eq!(checked.query.map(|q| q.entity).as_deref(), Some("users"));
}

#[test]
fn no_entity_is_one_error_with_help() {
    let q = query(None, Some(cond("first_name", OpKind::Eq, || string("Ann"))));
    let checked = run(&q);
    let d = only(&checked, "no_entity");
    assert!(help(d).contains("from <entity>"), "{}", help(d));
    assert!(help(d).contains("--entity"));
    assert!(help(d).contains("time_entries"));
    assert!(checked.query.is_none());
}

#[test]
fn unknown_entity_suggests_the_nearest_and_does_not_cascade() {
    let q = filter(
        "user",
        and(vec![
            cond("nope", OpKind::Eq, || int(1)),
            cond("also_nope", OpKind::Eq, || int(2)),
        ]),
    );
    let checked = run(&q);
    let d = only(&checked, "unknown_entity");
    assert_eq!(
        d.to_string(),
        "unknown entity `user`: expected one of the harvest entities"
    );
    assert_eq!(help(d), "did you mean `users`?");
    let from_span = q.from.as_ref().map(|f| f.span);
    assert_eq!(fix(d), from_span.map(|s| (s, String::from("users"))));
    assert_eq!(Some(d.span()), from_span);
}

#[test]
fn unknown_entity_case_mismatch_says_names_are_case_sensitive() {
    let checked = run(&filter(
        "Time_Entries",
        cond("hours", OpKind::Gt, || int(1)),
    ));
    let d = only(&checked, "unknown_entity");
    assert_eq!(
        help(d),
        "entity names are case-sensitive: did you mean `time_entries`?"
    );
    assert_eq!(fix(d).map(|f| f.1).as_deref(), Some("time_entries"));
}

#[test]
fn unknown_entity_far_from_everything_lists_the_entities() {
    let checked = run(&filter("zzzzqqq", cond("id", OpKind::Eq, || int(1))));
    let d = only(&checked, "unknown_entity");
    assert!(
        help(d).starts_with("harvest entities: users, clients, contacts"),
        "{}",
        help(d)
    );
    assert_eq!(fix(d), None);
}

#[test]
fn unknown_default_entity_has_no_source_fix() {
    let q = query(None, Some(cond("id", OpKind::Eq, || int(1))));
    let checked = check_query(&q, harvest(), Some("projcts"));
    let d = only(&checked, "unknown_entity");
    assert!(
        help(d)
            .starts_with("the entity given with the request is unknown; did you mean `projects`?"),
        "{}",
        help(d)
    );
    assert_eq!(fix(d), None);
}

#[test]
fn limit_zero_is_reported_even_without_an_entity() {
    let mut q = query(None, None);
    q.limit = Some(limit(0));
    let checked = run(&q);
    assert_eq!(
        codes(&checked),
        ["sift::check::limit_zero", "sift::check::no_entity"]
    );
}
