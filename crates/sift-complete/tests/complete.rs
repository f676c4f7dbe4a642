//! The completion engine as a table: source with `|` at the cursor, the entity of a bare
//! filter, the target → the candidate texts, in order.

use sift_complete::{CandidateKind, Class, complete, highlight, hint, is_unfinished};
use sift_lower::Target;
use sift_schema::{Catalog, Entity, Field, Kind, Type, harvest};

fn field(name: &str, ty: Type, description: Option<&str>) -> Field {
    Field {
        name: name.to_owned(),
        ty,
        description: description.map(str::to_owned),
        storage_name: None,
        format: None,
        semantic_search: None,
    }
}

fn with(kind: Kind, properties: Vec<Field>) -> Type {
    let mut ty = Type::of(kind).into_nullable();
    ty.properties = Some(properties);
    ty
}

/// An entity with an object, an array of objects and a boolean: nested paths and `any`.
fn orders() -> Catalog {
    Catalog {
        definition_id: None,
        connector: String::from("shop"),
        entities: vec![Entity {
            name: String::from("orders"),
            description: Some(String::from("Orders placed")),
            storage_name: None,
            unsearchable_reason: None,
            fields: vec![
                field(
                    "customer",
                    with(
                        Kind::Object,
                        vec![
                            field("id", Type::of(Kind::Integer), None),
                            field("name", Type::of(Kind::String), Some("Full name")),
                        ],
                    ),
                    None,
                ),
                field(
                    "lines",
                    with(
                        Kind::Array,
                        vec![
                            field("sku", Type::of(Kind::String), None),
                            field("qty", Type::of(Kind::Integer), None),
                        ],
                    ),
                    None,
                ),
                field("paid", Type::of(Kind::Boolean), Some("Whether it is paid")),
                field(
                    "status",
                    Type::of(Kind::String),
                    Some("One of: open, paid, void"),
                ),
            ],
        }],
    }
}

const HARVEST_ENTITIES: &str = "users clients contacts company projects tasks time_entries \
    invoices invoice_item_categories estimates estimate_item_categories expenses \
    expense_categories roles user_assignments task_assignments time_projects time_tasks";

const TIME_ENTRY_FIELDS: &str = "billable client created_at hours id is_billed notes project \
    spent_date task updated_at user";

const BOOLEAN_OPERATORS: &str = "= != in not in is null is not null";

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// Candidates as one space-separated string (multi-word operators read naturally).
fn offered(catalog: &Catalog, source: &str, entity: Option<&str>, target: Target) -> String {
    let cursor = source.find('|').expect("every case marks its cursor");
    let text = source.replacen('|', "", 1);
    let completions = complete(&text, cursor, catalog, entity, target);
    assert!(completions.replace.hi() == cursor && completions.replace.lo() <= cursor);
    completions
        .candidates
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn harvest_cases() {
    let old = Target::V2026_03;
    let new = Target::V2026_10;
    let string_ops_03 = "= != < <= > >= between in not in is null is not null like fuzzy \
        keyword contains startswith endswith";
    let string_ops_10 = "= != < <= > >= between in not in is null is not null fuzzy keyword \
        contains startswith endswith";
    let cases: &[(&str, Option<&str>, Target, &str)] = &[
        ("from |", None, old, HARVEST_ENTITIES),
        (
            "from time_|",
            None,
            old,
            "time_entries time_projects time_tasks",
        ),
        ("from time_entries where bil|", None, old, "billable"),
        (
            "from time_entries where billable |",
            None,
            old,
            BOOLEAN_OPERATORS,
        ),
        (
            "from time_entries where billable i|",
            None,
            old,
            "in is null is not null",
        ),
        (
            "from time_entries where billable = |",
            None,
            old,
            "true false",
        ),
        (
            "from time_entries where billable =|",
            None,
            old,
            "true false",
        ),
        ("from time_entries where billable != f|", None, old, "false"),
        ("from time_entries where hours = |", None, old, ""),
        (
            "from time_entries where spent_date >= |",
            None,
            new,
            "now() today() start_of_week() start_of_month() start_of_year()",
        ),
        (
            "from time_entries where created_at < start_of_|",
            None,
            new,
            "start_of_week() start_of_month() start_of_year()",
        ),
        (
            "from time_entries where spent_date >= to|",
            None,
            new,
            "today()",
        ),
        (
            "from time_entries where spent_date >= today() - 7d |",
            None,
            new,
            "and or sort limit fields",
        ),
        (
            "from time_entries where spent_date >= today()-1w and h|",
            None,
            new,
            "hours",
        ),
        (
            "from time_entries where spent_date between start_of_month() |",
            None,
            new,
            "and",
        ),
        (
            "from time_entries where spent_date between start_of_month() and |",
            None,
            new,
            "now() today() start_of_week() start_of_month() start_of_year()",
        ),
        // `in` lists literal values; `contains` on a date is text.
        ("from time_entries where spent_date in [|", None, new, ""),
        ("from time_entries where notes |", None, old, string_ops_03),
        ("from time_entries where notes |", None, new, string_ops_10),
        ("from time_entries |", None, old, "where sort limit fields"),
        // No field of the built-in Harvest catalog is configured for semantic search.
        ("from time_entries |", None, new, "where sort limit fields"),
        ("from time_entries w|", None, old, "where"),
        (
            "from time_entries where hours > 2 |",
            None,
            old,
            "and or sort limit fields",
        ),
        ("from time_entries where hours > 2 s|", None, old, "sort"),
        ("from time_entries sort |", None, old, TIME_ENTRY_FIELDS),
        (
            "from time_entries sort hours |",
            None,
            old,
            "asc desc limit fields",
        ),
        (
            "from time_entries sort hours desc |",
            None,
            old,
            "limit fields",
        ),
        (
            "from time_entries sort hours desc, s|",
            None,
            old,
            "spent_date",
        ),
        ("from time_entries limit 5 |", None, old, "fields"),
        ("from time_entries fields no|", None, old, "notes"),
        ("from time_entries fields notes, h|", None, old, "hours"),
        ("from time_entries where notes = \"b|", None, old, ""),
        ("from nope where x |", None, old, ""),
        ("|", None, old, "from not"),
        (
            "|",
            Some("time_entries"),
            old,
            &format!("from {TIME_ENTRY_FIELDS} not"),
        ),
        ("hours > 1 and is_|", Some("time_entries"), old, "is_billed"),
        (
            "from time_entries where hours between 1 and 2 |",
            None,
            old,
            "and or sort limit fields",
        ),
        (
            "from time_entries where id in [1, 2] |",
            None,
            old,
            "and or sort limit fields",
        ),
        (
            "from time_entries where not (billable = true) o|",
            None,
            old,
            "or",
        ),
        (
            "from clients; from time_entries where bil|",
            None,
            old,
            "billable",
        ),
    ];
    let mut failures = Vec::new();
    for (source, entity, target, expected) in cases {
        let got = offered(harvest(), source, *entity, *target);
        if words(&got) != words(expected) {
            failures.push(format!(
                "{source:?} on {target}: got {got:?}, want {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nested_paths_and_any_scopes() {
    let catalog = orders();
    let t = Target::V2026_03;
    let cases: &[(&str, &str)] = &[
        (
            "from orders where |",
            "customer customer.id customer.name lines paid status not",
        ),
        ("from orders where customer.|", "customer.id customer.name"),
        ("from orders where customer.n|", "customer.name"),
        ("from orders where lines any (|", "sku qty not"),
        ("from orders where lines any (q|", "qty"),
        (
            "from orders where lines any (qty |",
            "= != < <= > >= between in not in",
        ),
        (
            "from orders where lines any (qty = 1) and |",
            "customer customer.id customer.name lines paid status not",
        ),
        ("from orders where lines any (qty = 1 and s|", "sku"),
        ("from orders where lines |", "is null is not null has any"),
        ("from orders where customer is |", "null not null"),
        ("from orders where customer is not |", "null"),
        // `paid` is never null: `is` leads nowhere.
        ("from orders where paid is |", ""),
        ("from orders where customer.id not |", "in"),
        (
            "from orders sort |",
            "customer customer.id customer.name lines paid status",
        ),
        // Values listed only in a description are not invented as candidates.
        ("from orders where status = |", ""),
    ];
    let mut failures = Vec::new();
    for (source, expected) in cases {
        let got = offered(&catalog, source, None, t);
        if words(&got) != words(expected) {
            failures.push(format!("{source:?}: got {got:?}, want {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn candidates_carry_type_and_description() {
    let catalog = orders();
    let source = "from orders where pa";
    let completions = complete(source, source.len(), &catalog, None, Target::V2026_03);
    let paid = &completions.candidates[0];
    assert_eq!(paid.text, "paid");
    assert_eq!(paid.kind, CandidateKind::Field);
    assert_eq!(paid.detail.as_deref(), Some("boolean"));
    assert_eq!(paid.description.as_deref(), Some("Whether it is paid"));
    assert_eq!(completions.replace.lo(), source.len() - 2);
    let entities = complete("from ", 5, &catalog, None, Target::V2026_03);
    assert_eq!(entities.candidates[0].kind, CandidateKind::Entity);
    assert_eq!(
        entities.candidates[0].description.as_deref(),
        Some("Orders placed")
    );
}

#[test]
fn hints_name_type_and_description() {
    let catalog = orders();
    let got = hint(
        "from orders where customer.na",
        29,
        &catalog,
        None,
        Target::V2026_03,
    );
    let got = got.expect("a field is being typed");
    assert_eq!(got.rest, "me");
    assert_eq!(got.note, "string — Full name");
    assert!(hint("from orders where ", 18, &catalog, None, Target::V2026_03).is_none());
}

#[test]
fn highlighting_marks_unknown_names() {
    let catalog = orders();
    let source = "from orders where paid = true and payd = 1 sort nam # c";
    let classes: Vec<(&str, Class)> = highlight(source, &catalog, None)
        .into_iter()
        .map(|(span, class)| (&source[span.lo()..span.hi()], class))
        .collect();
    use Class::*;
    assert_eq!(
        classes,
        [
            ("from", Keyword),
            ("orders", Entity),
            ("where", Keyword),
            ("paid", Field),
            ("=", Operator),
            ("true", Keyword),
            ("and", Keyword),
            ("payd", UnknownField),
            ("=", Operator),
            ("1", Number),
            ("sort", Keyword),
            ("nam", UnknownField),
            ("# c", Comment),
        ]
    );
    let unknown = highlight("from ordrs where x == 'a", &catalog, None);
    let kinds: Vec<Class> = unknown.into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        kinds,
        [Keyword, UnknownEntity, Keyword, Field, Operator, Error]
    );
}

#[test]
fn odd_cursors_and_inputs_do_not_panic() {
    let catalog = orders();
    let sources = [
        "",
        "é",
        "from `or",
        "from orders where `x",
        "((((((",
        "a.b.c.",
        "\"\\",
    ];
    for source in sources {
        for cursor in 0..=source.len() + 2 {
            let _ = complete(source, cursor, &catalog, Some("orders"), Target::V2026_10);
            let _ = hint(source, cursor, &catalog, Some("orders"), Target::V2026_10);
        }
        let _ = highlight(source, &catalog, Some("orders"));
    }
}

#[test]
fn unfinished_entries_are_told_apart() {
    let unfinished = [
        "from",
        "from time_entries where",
        "from t where a = 1 and",
        "from t where a >=",
        "from t where a between 1 and",
        "from t where (a = 1",
        "from t where tags any (",
        "from t where a in [1,",
        "from t sort",
        "from t sort a,",
        "from t limit",
        "from t fields a,",
        "a is not",
        "from t where a >= today(",
        "from t where a >= today() -",
    ];
    for source in unfinished {
        assert!(is_unfinished(source), "{source:?} needs more");
    }
    let finished = [
        "",
        "from t",
        "from t where a = 1",
        "from t where a = = 1",
        "from t where a = 'open",
        "from t sort a desc limit 3 fields a, b",
        "from t where (a = 1)",
        "from t where a >= today() - 7d",
    ];
    for source in finished {
        assert!(
            !is_unfinished(source),
            "{source:?} is complete or wrong for good"
        );
    }
}

/// The spec fixture with fields configured for semantic search.
fn semantic_catalog() -> Catalog {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/specs/semantic/connector.yaml"
    );
    let text = std::fs::read_to_string(path).expect("the fixture is in the repository");
    sift_schema::load_connector_spec(&text, path)
        .expect("the fixture loads")
        .catalog
}

#[test]
fn semantic_cases() {
    let catalog = semantic_catalog();
    let new = Target::V2026_10;
    let project_columns = "gid modified_at name permalink_url archived is_template created_at \
        due_on workspace_gid team_gid owner_gid project project_context project_chunk_id \
        project_chunk_index";
    let cases: &[(&str, &str)] = &[
        ("from projects sim|", "similar"),
        ("from workspaces |", "where sort limit fields"),
        ("from projects similar |", "to"),
        (
            "from projects similar to \"x\" |",
            "in min context_size dedup where sort limit fields",
        ),
        ("from projects similar to \"x\" in |", "name"),
        ("from companies similar to \"x\" in |", "description note"),
        (
            "from projects similar to \"x\" in name |",
            "min context_size dedup where sort limit fields",
        ),
        (
            "from projects similar to \"x\" min 0.3 |",
            "context_size dedup where sort limit fields",
        ),
        ("from projects similar to \"x\" dedup |", "max none"),
        (
            "from projects similar to \"x\" dedup none |",
            "where sort limit fields",
        ),
        // After `where`, the columns of the units, not the entity's fields.
        (
            "from projects similar to \"x\" where |",
            &format!("{project_columns} not"),
        ),
        (
            "from projects similar to \"x\" where project_c|",
            "project_context project_chunk_id project_chunk_index",
        ),
        (
            "from tasks similar to \"x\" in name where project_g|",
            "project_gids",
        ),
        (
            "from companies similar to \"x\" in note where |",
            "id speaker chunk chunk_context chunk_chunk_id chunk_chunk_index note not",
        ),
        // Several configured fields and no `in`: no namespace to offer.
        ("from companies similar to \"x\" where |", "not"),
        // `fields` names the entity's fields again.
        (
            "from projects similar to \"x\" where gid = \"1\" fields no|",
            "notes",
        ),
        // Without `similar to`, `where` names the entity's fields.
        (
            "from projects where works|",
            "workspace workspace.gid workspace.name",
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(
            offered(&catalog, source, None, new),
            words(expected).join(" "),
            "{source}"
        );
    }
}

#[test]
fn semantic_highlighting_and_continuation() {
    let catalog = semantic_catalog();
    let source = "from projects similar to \"x\" in name dedup none where notes = \"a\"";
    let classes: Vec<(String, Class)> = highlight(source, &catalog, None)
        .into_iter()
        .map(|(span, class)| (source[span.lo()..span.hi()].to_owned(), class))
        .collect();
    let class_of = |text: &str| {
        classes
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, c)| *c)
            .expect("the token is there")
    };
    assert_eq!(class_of("to"), Class::Keyword);
    assert_eq!(class_of("name"), Class::Field);
    assert_eq!(class_of("dedup"), Class::Keyword);
    assert_eq!(class_of("none"), Class::Keyword);
    // `notes` is a field of the entity, not a column of the semantic filter.
    assert_eq!(class_of("notes"), Class::UnknownField);
    assert!(is_unfinished("from projects similar to"));
    assert!(is_unfinished("from projects similar to \"x\" in"));
    assert!(is_unfinished("from projects similar to \"x\" dedup"));
    assert!(!is_unfinished("from projects similar to \"x\""));
}
