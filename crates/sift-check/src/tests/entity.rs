//! The entity: `from`, the default, unknown names.

use super::*;

#[test]
fn from_wins_over_the_default_entity() {
    let q = filter("clients", cond("name", OpKind::Eq, || string("Acme")));
    let checked = type_query(&q, harvest(), Some("users"));
    // It wins, and says so: a warning that the given entity is not the one searched.
    let codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(CheckError::code_str)
        .collect();
    assert_eq!(codes, ["sift::check::entity_overridden"]);
    assert_eq!(checked.query.map(|q| q.entity).as_deref(), Some("clients"));
    let same = type_query(&q, harvest(), Some("clients"));
    assert!(same.diagnostics.is_empty(), "{:?}", same.diagnostics);
}

#[test]
fn default_entity_applies_without_from() {
    let q = query(None, Some(cond("first_name", OpKind::Eq, || string("Ann"))));
    let checked = type_query(&q, harvest(), Some("users"));
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
    let checked = type_query(&q, harvest(), Some("projcts"));
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

/// A catalog where `files` is listed without searchable fields.
fn drive() -> Catalog {
    let entity = |name: &str, fields: Vec<Field>| Entity {
        name: name.to_owned(),
        description: None,
        storage_name: None,
        unsearchable_reason: None,
        fields,
    };
    let id = || Field {
        name: String::from("id"),
        ty: Type::of(Kind::Integer),
        description: None,
        storage_name: None,
        format: None,
        semantic_search: None,
    };
    Catalog {
        definition_id: None,
        connector: String::from("drive"),
        entities: vec![
            entity("files", Vec::new()),
            entity("users", vec![id()]),
            entity("folders", Vec::new()),
            entity("file_shares", vec![id()]),
            entity("drives", vec![id()]),
        ],
    }
}

fn run_drive(q: &Query<'static>, default_entity: Option<&str>) -> Checked<'static> {
    let q = leak(q);
    let checked = type_query(q, &drive(), default_entity);
    assert_well_formed(&checked);
    checked
}

#[test]
fn an_entity_without_fields_is_one_error_on_from_without_a_cascade() {
    let mut q = filter(
        "files",
        and(vec![
            cond("name", OpKind::Eq, || string("a")),
            cond("size", OpKind::Gt, || int(1)),
        ]),
    );
    q.sort = Some(sort(&[("name", Direction::Asc)]));
    q.fields = Some(fields(&["name"]));
    let checked = run_drive(&q, None);
    let d = only(&checked, "entity_not_searchable");
    assert_eq!(
        d.to_string(),
        "cannot search entity `files`: expected an entity with searchable fields, found none declared for it by the drive connector"
    );
    assert_eq!(Some(d.span()), q.from.as_ref().map(|f| f.span));
    assert_eq!(
        help(d),
        "the connector lists `files` but declares nothing to filter, sort or select on; searchable drive entities, nearest first: file_shares, drives, users"
    );
    assert_eq!(fix(d), None);
}

#[test]
fn an_entity_without_fields_cannot_be_searched_even_without_conditions() {
    let checked = run_drive(&query(Some("folders"), None), None);
    only(&checked, "entity_not_searchable");
    assert!(checked.query.is_none());
    // A searchable entity of the same catalog is fine.
    let checked = run_drive(&query(Some("drives"), None), None);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn an_out_of_band_entity_without_fields_points_at_the_first_use() {
    let first = cond("name", OpKind::Eq, || string("a"));
    let first_span = first.span();
    let q = query(
        None,
        Some(or(vec![
            paren(and(vec![first, cond("b", OpKind::Eq, || int(1))])),
            cond("c", OpKind::Eq, || int(1)),
        ])),
    );
    let checked = run_drive(&q, Some("files"));
    let d = only(&checked, "entity_not_searchable");
    assert_eq!(d.span(), first_span);
    let label = d
        .labels()
        .and_then(|mut l| l.next())
        .and_then(|l| l.label().map(str::to_owned));
    assert_eq!(
        label.as_deref(),
        Some("entity `files` (given with the request) declares no searchable fields")
    );
    // No filter: the first sort key; nothing at all: the start of the query.
    let mut q = query(None, None);
    q.sort = Some(sort(&[("name", Direction::Desc)]));
    let sort_span = q.sort.as_ref().and_then(|s| s.keys.first()).map(|k| k.span);
    let checked = run_drive(&q, Some("files"));
    assert_eq!(
        Some(only(&checked, "entity_not_searchable").span()),
        sort_span
    );
    let q = query(None, None);
    let checked = run_drive(&q, Some("files"));
    let d = only(&checked, "entity_not_searchable");
    assert_eq!(d.span(), Span::new(q.span.lo(), q.span.lo()));
}

#[test]
fn a_catalog_without_searchable_entities_says_so() {
    let mut catalog = drive();
    catalog.entities.retain(|e| !e.is_searchable());
    let checked = type_query(leak(&query(Some("files"), None)), &catalog, None);
    assert_well_formed(&checked);
    let d = only(&checked, "entity_not_searchable");
    assert_eq!(
        help(d),
        "no entity of the drive connector declares searchable fields, so none of them can be searched"
    );
    // The `no_entity` example names a searchable entity.
    let checked = run_drive(&query(None, None), None);
    let d = only(&checked, "no_entity");
    assert!(help(d).contains("from users where"), "{}", help(d));
}
