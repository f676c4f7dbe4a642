use proptest::prelude::*;

use super::*;
use crate::{Field, Kind, Type};

/// A spec with one entity `users` whose fields are the given YAML list items.
fn spec(fields: &str) -> String {
    format!(
        "info:\n  x-airbyte-connector-name: test\n  x-airbyte-context-store:\n    entities:\n      - entity: users\n        x-airbyte-name: user_rows\n        fields:\n{fields}"
    )
}

fn load_ok(text: &str) -> LoadedCatalog {
    match load_connector_spec(text, "specs/test/connector.yaml") {
        Ok(loaded) => loaded,
        Err(errors) => panic!("{errors:#?}"),
    }
}

fn load_err(text: &str) -> Vec<SpecError> {
    match load_connector_spec(text, "specs/test/connector.yaml") {
        Ok(loaded) => panic!("loaded: {loaded:#?}"),
        Err(errors) => errors,
    }
}

fn fields(text: &str) -> Vec<Field> {
    let loaded = load_ok(text);
    loaded
        .catalog
        .entities
        .into_iter()
        .next()
        .map(|e| e.fields)
        .unwrap_or_default()
}

fn only_type(yaml_type: &str) -> Type {
    let text = spec(&format!(
        "          - name: f\n            type: {yaml_type}\n"
    ));
    match fields(&text).pop() {
        Some(field) => field.ty,
        None => panic!("no field"),
    }
}

#[test]
fn type_forms() {
    let string = only_type("string");
    assert_eq!(
        (string.kinds.as_slice(), string.nullable),
        (&[Kind::String][..], false)
    );
    assert_eq!(
        only_type(r#"["null", "string"]"#).to_string(),
        "null | string"
    );
    assert_eq!(
        only_type(r#"["string", "null"]"#).to_string(),
        "null | string"
    );
    assert_eq!(only_type("[integer]").to_string(), "integer");
    assert_eq!(
        only_type(r#"["boolean", "number"]"#).to_string(),
        "boolean | number"
    );
    assert_eq!(
        only_type(r#"["object", "string", "null"]"#).to_string(),
        "null | object | string"
    );
    assert_eq!(only_type(r#"["string", "string"]"#).to_string(), "string");
}

#[test]
fn bad_types_name_their_path() {
    let cases = [
        (
            r#"["null", "strin"]"#,
            "sift::schema::unknown_type",
            ".type[1]",
        ),
        (r#""null""#, "sift::schema::empty_type", ".type"),
        ("[]", "sift::schema::empty_type", ".type"),
        ("{a: b}", "sift::schema::wrong_shape", ".type"),
        ("[[string]]", "sift::schema::wrong_shape", ".type[0]"),
        ("null", "sift::schema::wrong_shape", ".type"),
        ("Object", "sift::schema::unknown_type", ".type"),
    ];
    for (yaml_type, code, suffix) in cases {
        let errors = load_err(&spec(&format!(
            "          - name: f\n            type: {yaml_type}\n"
        )));
        assert_eq!(errors.len(), 1, "{yaml_type}: {errors:#?}");
        let error = &errors[0];
        assert_eq!(error.code_str(), code, "{yaml_type}");
        let at = error.location();
        assert_eq!(
            at.path,
            format!("info.x-airbyte-context-store.entities[0].fields[0]{suffix}")
        );
        assert_eq!(
            (at.origin.as_str(), at.line),
            ("specs/test/connector.yaml", 9)
        );
        assert!(!error.is_warning());
    }
}

#[test]
fn every_error_of_a_spec_is_reported() {
    let errors = load_err(&spec(
        "          - type: string\n          - name: a\n            type: text\n          - name: b\n",
    ));
    let codes: Vec<String> = errors.iter().map(SpecError::code_str).collect();
    assert_eq!(
        codes,
        [
            "sift::schema::missing_key",
            "sift::schema::unknown_type",
            "sift::schema::missing_key"
        ]
    );
}

#[test]
fn names_descriptions_and_storage_names() {
    let loaded = load_ok(&spec(
        "          - name: customer.id\n            type: [\"null\", \"integer\"]\n            description: The customer\n            x-airbyte-name: customer_id\n",
    ));
    assert_eq!(loaded.catalog.connector, "test");
    assert!(loaded.warnings.is_empty());
    let entity = &loaded.catalog.entities[0];
    assert_eq!(entity.storage_name.as_deref(), Some("user_rows"));
    assert!(entity.is_searchable());
    let field = &entity.fields[0];
    assert_eq!(field.name, "customer.id");
    assert_eq!(field.description.as_deref(), Some("The customer"));
    assert_eq!(field.storage_name.as_deref(), Some("customer_id"));
}

#[test]
fn nested_properties_on_objects_and_array_elements() {
    let found = fields(&spec(concat!(
        "          - name: a\n            type: object\n            properties:\n",
        "              b-c:\n                type: [\"null\", \"object\"]\n                properties:\n",
        "                  d:\n                    type: integer\n",
        "          - name: rows\n            type: [\"null\", \"array\"]\n            properties:\n",
        "              amount:\n                type: number\n",
        "          - name: people\n            type: array\n            items:\n              type: object\n              properties:\n",
        "                email:\n                  type: string\n",
        "          - name: opaque\n            type: object\n            properties:\n",
        "          - name: empty\n            type: object\n            properties: {}\n",
    )));
    let a = &found[0];
    let d = a.ty.property("b-c").and_then(|b| b.ty.property("d"));
    assert_eq!(d.map(|d| d.ty.to_string()).as_deref(), Some("integer"));
    assert!(found[1].ty.property("amount").is_some());
    assert!(found[2].ty.property("email").is_some());
    assert_eq!(found[3].ty.properties, None);
    assert_eq!(found[4].ty.properties, None);
}

fn nested_spec(levels: usize) -> String {
    let mut text =
        spec("          - name: root\n            type: object\n            properties:\n");
    let mut indent = 14;
    for level in 0..levels {
        let pad = " ".repeat(indent);
        text += &format!("{pad}p{level}:\n{pad}  type: object\n{pad}  properties:\n");
        indent += 4;
    }
    text += &format!(
        "{}leaf:\n{}  type: string\n",
        " ".repeat(indent),
        " ".repeat(indent)
    );
    text
}

#[test]
fn property_depth_is_bounded() {
    // `root` is level 0; its properties are level 1, so 31 objects below it plus the leaf
    // make 32 levels: the most that loads.
    assert!(load_connector_spec(&nested_spec(MAX_PROPERTY_DEPTH - 1), "x").is_ok());
    let errors = load_err(&nested_spec(MAX_PROPERTY_DEPTH));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code_str(), "sift::schema::too_deep");
}

#[test]
fn entities_without_fields_are_kept_but_not_searchable() {
    let loaded = load_ok(
        "info:\n  x-airbyte-context-store:\n    entities:\n      - entity: a\n      - entity: b\n        fields: []\n      - entity: c\n        fields:\n",
    );
    let searchable: Vec<bool> = loaded
        .catalog
        .entities
        .iter()
        .map(|e| e.is_searchable())
        .collect();
    assert_eq!(searchable, [false, false, false]);
    assert_eq!(loaded.catalog.searchable_entities().count(), 0);
    assert_eq!(loaded.catalog.connector, "test");
}

#[test]
fn connector_name_falls_back_to_the_origin() {
    use super::convert::connector_from_origin;
    assert_eq!(
        connector_from_origin("specs/klaviyo/connector.yaml"),
        "klaviyo"
    );
    assert_eq!(connector_from_origin("klaviyo.yaml"), "klaviyo");
    assert_eq!(connector_from_origin("connector.yaml"), "connector");
    assert_eq!(connector_from_origin(""), "connector");
    assert_eq!(connector_from_origin("<stdin>"), "<stdin>");
}

#[test]
fn a_spec_without_context_store_loads_empty_with_a_warning() {
    let loaded = load_ok("info:\n  title: x\n");
    assert!(loaded.catalog.entities.is_empty());
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].code_str(),
        "sift::schema::no_context_store"
    );
    assert!(loaded.warnings[0].is_warning());
}

#[test]
fn shapes_of_the_outer_levels() {
    let cases = [
        ("- a\n- b\n", "sift::schema::wrong_shape", ""),
        ("openapi: 3.1.0\n", "sift::schema::missing_key", ""),
        ("info: [1]\n", "sift::schema::wrong_shape", "info"),
        (
            "info:\n  x-airbyte-context-store: 3\n",
            "sift::schema::wrong_shape",
            "info.x-airbyte-context-store",
        ),
        (
            "info:\n  x-airbyte-context-store: {}\n",
            "sift::schema::missing_key",
            "info.x-airbyte-context-store",
        ),
        (
            "info:\n  x-airbyte-context-store:\n    entities: {a: 1}\n",
            "sift::schema::wrong_shape",
            "info.x-airbyte-context-store.entities",
        ),
        (
            "info:\n  x-airbyte-context-store:\n    entities: [{fields: []}]\n",
            "sift::schema::missing_key",
            "info.x-airbyte-context-store.entities[0]",
        ),
        (
            "info:\n  x-airbyte-context-store:\n    entities: [{entity: [a]}]\n",
            "sift::schema::wrong_shape",
            "info.x-airbyte-context-store.entities[0].entity",
        ),
        (
            "info:\n  x-airbyte-context-store:\n    entities: [{entity: a, fields: 3}]\n",
            "sift::schema::wrong_shape",
            "info.x-airbyte-context-store.entities[0].fields",
        ),
        (
            "info:\n  x-airbyte-connector-name: [a]\n",
            "sift::schema::wrong_shape",
            "info.x-airbyte-connector-name",
        ),
        (
            "info:\n  x-airbyte-context-store:\n    entities: [{entity: a, fields: [{name: f, type: object, properties: {\"a.b\": 3}}]}]\n",
            "sift::schema::wrong_shape",
            "info.x-airbyte-context-store.entities[0].fields[0].properties[\"a.b\"]",
        ),
    ];
    for (text, code, path) in cases {
        let errors = load_err(text);
        assert_eq!(errors.len(), 1, "{text}: {errors:#?}");
        assert_eq!(errors[0].code_str(), code, "{text}");
        assert_eq!(errors[0].location().path, path, "{text}");
    }
}

#[test]
fn not_yaml_has_a_position_and_a_byte_span() {
    let text = "info:\n  é: [1, 2\n";
    let errors = load_err(text);
    assert_eq!(errors.len(), 1);
    let error = &errors[0];
    assert_eq!(error.code_str(), "sift::schema::not_yaml");
    assert!(error.to_string().starts_with("specs/test/connector.yaml:"));
    let at = error.location();
    assert!(at.line >= 2, "{at:?}");
    let labels: Vec<usize> = miette::Diagnostic::labels(error)
        .into_iter()
        .flatten()
        .map(|l| l.offset())
        .collect();
    assert!(
        labels.iter().all(|&offset| offset <= text.len()),
        "{labels:?}"
    );
}

#[test]
fn byte_spans_count_bytes_not_characters() {
    let text = spec("          - name: \"é\"\n            type: strin\n");
    let errors = load_err(&text);
    let Some(label) = miette::Diagnostic::labels(&errors[0]).and_then(|mut l| l.next()) else {
        panic!("no label");
    };
    assert_eq!(
        text.get(label.offset()..label.offset() + label.len()),
        Some("strin")
    );
}

#[test]
fn aliases_are_shared_and_their_expansion_is_bounded() {
    let loaded = load_ok(
        "info:\n  x-airbyte-context-store:\n    entities:\n      - entity: a\n        fields: &f\n          - {name: x, type: string}\n      - entity: b\n        fields: *f\n",
    );
    assert_eq!(loaded.catalog.field_count(), 2);
    // Each level doubles the properties: 2^40 if expanded without a bound.
    let mut text = String::from("defs:\n  p0: &p0 {type: string}\n");
    for level in 1..=40 {
        text += &format!(
            "  p{level}: &p{level} {{type: object, properties: {{a: *p{prev}, b: *p{prev}}}}}\n",
            prev = level - 1
        );
    }
    text += "info:\n  x-airbyte-context-store:\n    entities:\n      - entity: a\n        fields:\n          - {name: x, type: object, properties: {a: *p20, b: *p20}}\n";
    let errors = load_err(&text);
    assert!(
        errors
            .iter()
            .any(|e| e.code_str() == "sift::schema::too_large"),
        "{errors:#?}"
    );
}

#[test]
fn deeply_nested_yaml_is_no_problem() {
    let text = format!("info: {}{}", "[".repeat(200_000), "]".repeat(200_000));
    let errors = load_err(&text);
    assert_eq!(errors[0].code_str(), "sift::schema::not_yaml");
    let text = format!("info: {}", "{a: ".repeat(50_000));
    assert!(load_connector_spec(&text, "x").is_err());
}

#[test]
fn the_error_count_is_capped() {
    let mut body = String::new();
    for _ in 0..500 {
        body += "          - {name: f, type: bad}\n";
    }
    let errors = load_err(&spec(&body));
    assert_eq!(errors.len(), 100);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        let _ = load_connector_spec(&text, "x");
    }

    #[test]
    fn yaml_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("info:"), Just("\n"), Just("  "), Just("- "), Just("x-airbyte-context-store:"),
                Just("entities:"), Just("entity: a"), Just("fields:"), Just("name: f"),
                Just("type: "), Just("[\"null\", \"string\"]"), Just("properties:"), Just("items:"),
                Just("&a "), Just("*a"), Just("{"), Just("}"), Just("["), Just("]"), Just(", "),
                Just("object"), Just("array"), Just("\""), Just("'"), Just("? "), Just(": "),
                Just("---"), Just("|"), Just("!!str "), Just("\t"), Just("é"),
            ],
            0..80,
        )
    ) {
        let text: String = parts.concat();
        let _ = load_connector_spec(&text, "x");
    }

    #[test]
    fn every_prefix_of_a_valid_spec_loads_or_fails_cleanly(cut in 0usize..2000) {
        let text = nested_spec(3) + "          - name: tags\n            type: [\"null\", \"array\"]\n            items: {type: object, properties: {a: {type: string}}}\n";
        let end = text.char_indices().map(|(i, _)| i).find(|&i| i >= cut).unwrap_or(text.len());
        if let Err(errors) = load_connector_spec(&text[..end], "x") {
            prop_assert!(!errors.is_empty());
            prop_assert!(errors.iter().all(|e| !e.is_warning()));
        }
    }
}

#[test]
fn time_formats_are_declared_or_guessed_from_the_name() {
    use crate::TimeFormat;
    let text = spec(
        "          - name: created_at\n            type: string\n\
         \x20         - name: spent_date\n            type: [\"null\", \"string\"]\n\
         \x20         - name: starts_on\n            type: string\n\
         \x20         - name: paid_at\n            type: string\n            format: date\n\
         \x20         - name: closed_at\n            type: string\n            format: email\n\
         \x20         - name: stamp\n            type: string\n            format: date-time\n\
         \x20         - name: title\n            type: string\n\
         \x20         - name: updated_at\n            type: integer\n\
         \x20         - name: created\n            type: [\"null\", \"integer\"]\n\
         \x20         - name: generated_timestamp\n            type: integer\n            format: int64\n\
         \x20         - name: paid_on\n            type: integer\n            format: unix-time\n\
         \x20         - name: stamped\n            type: integer\n            format: unix-time\n\
         \x20         - name: voided_at\n            type: integer\n            format: unix-time-ms\n\
         \x20         - name: updated\n            type: number\n\
         \x20         - name: count\n            type: integer\n\
         \x20         - name: seen_at\n            type: [\"integer\", \"string\"]\n",
    );
    let formats: Vec<(String, Option<TimeFormat>)> = fields(&text)
        .into_iter()
        .map(|f| (f.name, f.format))
        .collect();
    let expected = [
        ("created_at", Some(TimeFormat::DateTime)),
        ("spent_date", Some(TimeFormat::Date)),
        ("starts_on", Some(TimeFormat::Date)),
        // A declared format wins over the name, also one that names no time.
        ("paid_at", Some(TimeFormat::Date)),
        ("closed_at", None),
        ("stamp", Some(TimeFormat::DateTime)),
        ("title", None),
        // Integers named as times hold Unix seconds; `int64` gives only the integer's size.
        ("updated_at", Some(TimeFormat::UnixTime)),
        ("created", Some(TimeFormat::UnixTime)),
        ("generated_timestamp", Some(TimeFormat::UnixTime)),
        ("paid_on", Some(TimeFormat::UnixTime)),
        ("stamped", Some(TimeFormat::UnixTime)),
        // Another declared format stops the guess.
        ("voided_at", None),
        // Not integers only: no Unix time (a union with a string takes the string's guess).
        ("updated", None),
        ("count", None),
        ("seen_at", Some(TimeFormat::DateTime)),
    ];
    let expected: Vec<(String, Option<TimeFormat>)> =
        expected.iter().map(|(n, f)| (n.to_string(), *f)).collect();
    assert_eq!(formats, expected);
}

/// The APIs that name their fields in camel case count milliseconds: an object with a
/// camel-case name gets no Unix-time guess (LinkedIn's `created` beside `lastModified`).
#[test]
fn unix_time_is_not_guessed_beside_camel_case_names() {
    use crate::TimeFormat;
    let text = spec(
        "          - name: created\n            type: integer\n\
         \x20         - name: lastModified\n            type: integer\n\
         \x20         - name: stats\n            type: object\n            properties:\n\
         \x20             closed_at:\n                type: integer\n\
         \x20             count:\n                type: integer\n",
    );
    let fields = fields(&text);
    let formats: Vec<Option<TimeFormat>> = fields.iter().map(|f| f.format).collect();
    assert_eq!(formats, [None, None, None]);
    // The nested object's own names are snake case: its `closed_at` is guessed.
    let nested = fields[2].ty.properties.as_deref().unwrap_or_default();
    assert_eq!(nested[0].format, Some(TimeFormat::UnixTime));
    assert_eq!(nested[1].format, None);
}
