//! connector.yaml specs written for these tests (`tests/fixtures/specs/`): one of each odd shape
//! real specs contain, and one of each way a spec can be malformed.

mod connectors_support;

use connectors_support::{compile_filter, exercise};
use serde_json::json;
use sift::Catalog;
use sift_schema::{LoadedCatalog, SpecError, load_connector_spec};

fn fixture_text(name: &str) -> (String, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/specs")
        .join(name)
        .join("connector.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (format!("fixtures/specs/{name}/connector.yaml"), text)
}

fn load(name: &str) -> Result<LoadedCatalog, Vec<SpecError>> {
    let (origin, text) = fixture_text(name);
    load_connector_spec(&text, &origin)
}

fn catalog(name: &str) -> Catalog {
    match load(name) {
        Ok(loaded) => {
            assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
            loaded.catalog
        }
        Err(errors) => panic!("{errors:#?}"),
    }
}

#[test]
fn malformed_specs_name_file_path_and_reason() {
    let entities = "info.x-airbyte-context-store.entities";
    let cases: [(&str, &str, String, usize, usize); 15] = [
        ("bad-not-yaml", "not_yaml", String::new(), 5, 1),
        ("bad-empty", "not_yaml", String::new(), 1, 1),
        ("bad-two-documents", "not_yaml", String::new(), 3, 1),
        ("bad-no-info", "missing_key", String::new(), 1, 1),
        (
            "bad-entities-not-list",
            "wrong_shape",
            entities.to_owned(),
            4,
            7,
        ),
        (
            "bad-entity-not-mapping",
            "wrong_shape",
            format!("{entities}[1]"),
            6,
            9,
        ),
        (
            "bad-field-without-name",
            "missing_key",
            format!("{entities}[0].fields[1]"),
            8,
            13,
        ),
        (
            "bad-unknown-type",
            "unknown_type",
            format!("{entities}[0].fields[1].type[1]"),
            9,
            28,
        ),
        (
            "bad-null-only-type",
            "empty_type",
            format!("{entities}[0].fields[0].type"),
            7,
            19,
        ),
        (
            "bad-type-shape",
            "wrong_shape",
            format!("{entities}[0].fields[0].type"),
            8,
            15,
        ),
        (
            "bad-nested-type",
            "unknown_type",
            format!("{entities}[0].fields[0].properties.city.type[1]"),
            10,
            32,
        ),
        (
            "bad-properties-shape",
            "wrong_shape",
            format!("{entities}[0].fields[0].properties"),
            8,
            25,
        ),
        (
            "bad-duplicate-key",
            "duplicate_key",
            format!("{entities}[0].fields[0]"),
            7,
            13,
        ),
        (
            "bad-empty-name",
            "empty_name",
            format!("{entities}[0].fields[0].name"),
            6,
            19,
        ),
        ("bad-too-deep", "too_deep", String::new(), 105, 143),
    ];
    for (name, code, path, line, column) in cases {
        let errors = match load(name) {
            Ok(loaded) => panic!("{name} loaded: {loaded:#?}"),
            Err(errors) => errors,
        };
        assert_eq!(errors.len(), 1, "{name}: {errors:#?}");
        let error = &errors[0];
        assert_eq!(error.code_str(), format!("sift::schema::{code}"), "{name}");
        let at = error.location();
        assert_eq!(at.origin, format!("fixtures/specs/{name}/connector.yaml"));
        if name == "bad-too-deep" {
            assert!(at.path.starts_with(&format!(
                "{entities}[0].fields[0].properties.p0.properties.p1"
            )));
            assert!(at.path.ends_with(".p31.properties"), "{}", at.path);
        } else {
            assert_eq!(at.path, path, "{name}");
        }
        assert_eq!((at.line, at.column), (line, column), "{name}");
        // The message carries the file, the position, the YAML path and the reason.
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{}:{line}:{column}: ", at.origin)),
            "{message}"
        );
        assert!(message.contains(&at.path), "{message}");
        assert!(miette::Diagnostic::help(error).is_some(), "{name}");
    }
}

#[test]
fn warnings_ride_along() {
    let loaded = match load("warnings") {
        Ok(loaded) => loaded,
        Err(errors) => panic!("{errors:#?}"),
    };
    let codes: Vec<String> = loaded.warnings.iter().map(SpecError::code_str).collect();
    assert_eq!(
        codes,
        [
            "sift::schema::duplicate_name",
            "sift::schema::properties_ignored",
            "sift::schema::conflicting_properties"
        ]
    );
    let users = loaded.catalog.entity("users");
    let field = |name: &str| users.and_then(|e| e.field(name));
    assert_eq!(
        field("id").map(|f| f.ty.to_string()).as_deref(),
        Some("integer")
    );
    assert_eq!(field("email").and_then(|f| f.ty.properties.as_ref()), None);
    let roles = field("roles").map(|f| &f.ty);
    assert!(roles.is_some_and(|t| t.property("name").is_some() && t.property("ignored").is_none()));

    let loaded = load("no-context-store").unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(loaded.catalog.entities.is_empty());
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.catalog.connector, "no-context-store");
}

#[test]
fn the_connector_name_comes_from_the_directory_when_the_spec_has_none() {
    assert_eq!(catalog("unnamed").connector, "unnamed");
    assert_eq!(catalog("oddities").connector, "oddities");
}

#[test]
fn every_field_of_the_oddities_compiles() {
    let catalog = catalog("oddities");
    let report = exercise(&catalog);
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    assert_eq!((report.entities, report.searchable_entities), (5, 3));
    assert_eq!(report.top_level_fields, 26);
    assert_eq!(report.nested_properties, 13);
    // `id` of the object `customer`: the top-level `customer.id` has the same JSON key.
    assert_eq!(report.shadowed, 1);
    // `is null` on the two non-nullable fields compiles, with a `never_null` warning.
    assert_eq!(
        (report.compiled, report.rejected, report.unchecked),
        (136, 38, 3)
    );
}

#[test]
fn model_of_the_oddities() {
    let catalog = catalog("oddities");
    let orders = catalog
        .entity("orders")
        .unwrap_or_else(|| panic!("no orders"));
    assert_eq!(orders.storage_name.as_deref(), Some("order_records"));
    let customer_id = orders.field("customer.id");
    assert_eq!(
        customer_id.and_then(|f| f.storage_name.as_deref()),
        Some("customer_id")
    );
    let searchable: Vec<(&str, bool)> = catalog
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.is_searchable()))
        .collect();
    assert_eq!(
        searchable,
        [
            ("orders", true),
            ("files", false),
            ("events", false),
            ("shared_a", true),
            ("shared_b", true)
        ]
    );
    assert_eq!(
        catalog.entity("shared_b").map(|e| e.fields.clone()),
        catalog.entity("shared_a").map(|e| e.fields.clone())
    );
}

/// `source` compiles to `expected` with exactly the warnings `warnings`, and formats unchanged.
fn compiles_to(catalog: &Catalog, source: &str, expected: serde_json::Value, warnings: &[&str]) {
    match compile_filter(catalog, source) {
        Ok((json, codes)) => {
            assert_eq!(json, expected, "{source}");
            assert_eq!(codes, warnings, "{source}");
        }
        Err(codes) => panic!("{source}: {codes:?}"),
    }
    let formatted = sift::format(source, &sift::Options::default()).ok();
    assert_eq!(
        formatted.as_deref(),
        Some(format!("{source}\n").as_str()),
        "{source}"
    );
}

fn rejected(catalog: &Catalog, source: &str, code: &str) {
    match compile_filter(catalog, source) {
        Ok(json) => panic!("{source}: compiled to {json:?}"),
        Err(codes) => assert!(codes.iter().any(|c| c == code), "{source}: {codes:?}"),
    }
}

#[test]
fn odd_names_paths_arrays_and_unions() {
    let c = catalog("oddities");
    let c = &c;
    compiles_to(
        c,
        "from orders\nwhere customer.id = 1",
        json!({"eq": {"customer.id": 1}}),
        &["sift::check::ambiguous_path"],
    );
    compiles_to(
        c,
        "from orders\nwhere `customer.id` = 1",
        json!({"eq": {"customer.id": 1}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere customer.auto_tagging_enabled = true",
        json!({"eq": {"customer.auto_tagging_enabled": true}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere customer.name = \"x\"",
        json!({"eq": {"customer.name": "x"}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere from = \"+1555\" and to is not null",
        json!({"and": [{"eq": {"from": "+1555"}}, {"neq": {"to": null}}]}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere order > 3 and query = \"q\" and sort = \"s\" and limit = 1.5 and fields has \"a\" and filter is null",
        json!({"and": [
            {"gt": {"order": 3}}, {"eq": {"query": "q"}}, {"eq": {"sort": "s"}},
            {"eq": {"limit": 1.5}}, {"array_contains": {"fields": "a"}}, {"eq": {"filter": null}}
        ]}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere `and` = true",
        json!({"eq": {"and": true}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere AmazonOrderId = \"A1\" and last4 = \"4242\"",
        json!({"and": [{"eq": {"AmazonOrderId": "A1"}}, {"eq": {"last4": "4242"}}]}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere _links.self.meta.`rel-type` = \"next\"",
        json!({"eq": {"_links.self.meta.rel-type": "next"}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere relationships.`flow-actions`.data any (id = \"x\" and type = \"flow\")",
        json!({"any": {"relationships.flow-actions.data": {"and": [{"eq": {"id": "x"}}, {"eq": {"type": "flow"}}]}}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere line_items any (amount > 100 and kind = \"service\")",
        json!({"any": {"line_items": {"and": [{"gt": {"amount": 100}}, {"eq": {"kind": "service"}}]}}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere attendees any (email = \"a@b.c\")",
        json!({"any": {"attendees": {"eq": {"email": "a@b.c"}}}}),
        &[],
    );
    rejected(
        c,
        "from orders\nwhere line_items any (amount = \"x\")",
        "sift::check::value_type_mismatch",
    );
    rejected(
        c,
        "from orders\nwhere attendees any (mail = \"x\")",
        "sift::check::unknown_field",
    );
    compiles_to(
        c,
        "from orders\nwhere amount_or_flag = true",
        json!({"eq": {"amount_or_flag": true}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere amount_or_flag >= 2",
        json!({"gte": {"amount_or_flag": 2}}),
        &[],
    );
    rejected(
        c,
        "from orders\nwhere amount_or_flag = \"x\"",
        "sift::check::value_type_mismatch",
    );
    compiles_to(
        c,
        "from orders\nwhere metadata = \"m\"",
        json!({"eq": {"metadata": "m"}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere value in [1, \"one\"]",
        json!({"in": {"value": [1, "one"]}}),
        &[],
    );
    compiles_to(
        c,
        "from orders\nwhere custom_attributes.tier = \"gold\"",
        json!({"eq": {"custom_attributes.tier": "gold"}}),
        &["sift::check::unchecked_path"],
    );
    rejected(
        c,
        "from orders\nwhere _links.self.meta.rel = \"x\"",
        "sift::check::unknown_field",
    );
    compiles_to(
        c,
        "from orders\nwhere id is null",
        json!({"eq": {"id": null}}),
        &["sift::check::never_null"],
    );
    rejected(
        c,
        "from files\nwhere id = 1",
        "sift::check::entity_not_searchable",
    );
    compiles_to(
        c,
        "from shared_b\nwhere shared_id = \"s\"",
        json!({"eq": {"shared_id": "s"}}),
        &[],
    );
}

/// Integer fields of Unix seconds: declared `format: unix-time`, or guessed from a snake-case
/// name; never beside camel-case names, whose APIs count milliseconds.
#[test]
fn unix_time_fields_are_declared_or_guessed() {
    use sift::schema::TimeFormat::{Date, DateTime, UnixTime};
    let catalog = catalog("unix-times");
    let formats = |entity: &str| -> Vec<(String, Option<sift::schema::TimeFormat>)> {
        let entity = catalog
            .entity(entity)
            .unwrap_or_else(|| panic!("no {entity}"));
        let nested = entity.fields.iter().flat_map(|f| {
            f.ty.properties
                .iter()
                .flatten()
                .map(move |p| (format!("{}.{}", f.name, p.name), p.format))
        });
        entity
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.format))
            .chain(nested)
            .collect()
    };
    let named =
        |pairs: &[(&str, Option<sift::schema::TimeFormat>)]| -> Vec<(String, Option<sift::schema::TimeFormat>)> {
            pairs.iter().map(|(n, f)| ((*n).to_owned(), *f)).collect()
        };
    assert_eq!(
        formats("charges"),
        named(&[
            ("id", None),
            ("amount", None),
            ("created", Some(UnixTime)),
            ("updated", Some(UnixTime)),
            ("paid_at", Some(UnixTime)),
            ("date", Some(UnixTime)),
            ("generated_timestamp", Some(UnixTime)),
            ("settled", Some(UnixTime)),
            ("due_date", Some(Date)),
            ("refunded_at", Some(DateTime)),
            ("outcome", None),
            ("outcome.decided_at", Some(UnixTime)),
            ("outcome.risk_score", None),
        ])
    );
    assert_eq!(
        formats("conversions"),
        named(&[
            ("id", None),
            ("created", None),
            ("lastModified", None),
            ("submittedAt", Some(UnixTime)),
        ])
    );
    // Every field takes the values of its type, without a warning.
    let report = exercise(&catalog);
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    compiles_to(
        &catalog,
        "from charges\nwhere created >= 2025-08-01 and settled < 2025-08-01T10:00:00+02:00",
        json!({"and": [{"gte": {"created": 1_754_006_400}}, {"lt": {"settled": 1_754_035_200}}]}),
        &[],
    );
    rejected(
        &catalog,
        "from conversions where created >= 2025-08-01",
        "sift::check::value_type_mismatch",
    );
}
