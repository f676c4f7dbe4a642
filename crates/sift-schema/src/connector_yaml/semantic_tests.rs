//! The `x-airbyte-semantic-search` block: what is read of it, and each malformed form named by
//! its YAML path.

use super::*;
use crate::{Kind, MetadataType, SemanticSearch};

/// A spec with one entity whose one field `body` carries the block `block` (YAML lines at
/// the block's indentation, without the key).
fn spec_with_block(block: &str) -> String {
    let block: String = block
        .lines()
        .map(|line| format!("              {line}\n"))
        .collect();
    format!(
        "info:\n  x-airbyte-context-store:\n    entities:\n      - entity: notes\n        fields:\n          - name: body\n            type: [\"null\", \"string\"]\n            x-airbyte-semantic-search:\n{block}          - name: id\n            type: string\n"
    )
}

const WELL_FORMED: &str = "content_type: plaintext
samples:
  - { name: title, path: \"/title\" }
  - name: text
    windowed: true
    sampling: { sample_type: whole, unit_label: paragraph }
windowing: { context_max_chars: 512 }
metadata:
  - { name: id, path: \"/id\", type: string }
  - { name: speaker, path: \"speaker\" }
  - { name: tag_ids, path: \"/tags[].id\", type: array }";

fn search_of(text: &str) -> SemanticSearch {
    let loaded = load_connector_spec(text, "specs/test/connector.yaml")
        .unwrap_or_else(|errors| panic!("{errors:#?}"));
    let entity = &loaded.catalog.entities[0];
    assert_eq!(entity.semantic_fields().count(), 1);
    let (field, search) = entity
        .semantic_fields()
        .next()
        .expect("one configured field");
    assert_eq!(field.name, "body");
    search.clone()
}

fn errors_of(block: &str) -> Vec<(String, String)> {
    match load_connector_spec(&spec_with_block(block), "specs/test/connector.yaml") {
        Ok(loaded) => panic!("loaded: {loaded:#?}"),
        Err(errors) => errors
            .iter()
            .map(|e| {
                let path = e.location().path.clone();
                let prefix =
                    "info.x-airbyte-context-store.entities[0].fields[0].x-airbyte-semantic-search";
                (
                    e.code_str(),
                    path.strip_prefix(prefix).unwrap_or(&path).to_owned(),
                )
            })
            .collect(),
    }
}

#[test]
fn a_block_gives_unit_bound_metadata_and_namespace() {
    let search = search_of(&spec_with_block(WELL_FORMED));
    assert_eq!(search.unit_label, "paragraph");
    assert_eq!(search.context_max_chars, Some(512));
    let metadata: Vec<(&str, MetadataType, bool)> = search
        .metadata
        .iter()
        .map(|m| (m.name.as_str(), m.ty, m.per_unit()))
        .collect();
    assert_eq!(
        metadata,
        [
            ("id", MetadataType::String, false),
            ("speaker", MetadataType::String, true),
            ("tag_ids", MetadataType::Array, false),
        ]
    );
    let namespace: Vec<(&str, String)> = search
        .filter_fields
        .iter()
        .map(|f| (f.name.as_str(), f.ty.to_string()))
        .collect();
    let expected = [
        ("id", "null | string"),
        ("speaker", "null | string"),
        ("tag_ids", "null | array"),
        ("paragraph", "string"),
        ("paragraph_context", "string"),
        ("paragraph_chunk_id", "string"),
        ("paragraph_chunk_index", "integer"),
        // Not a metadata name: an alias of the unit's text.
        ("body", "string"),
    ];
    let expected: Vec<(&str, String)> = expected
        .iter()
        .map(|(n, t)| (*n, (*t).to_owned()))
        .collect();
    assert_eq!(namespace, expected);
}

#[test]
fn defaults_unit_chunk_and_no_bound() {
    let search = search_of(&spec_with_block(
        "samples:\n  - name: text\n    windowed: true\nwindowing: { context_max_chars: 0 }\nmetadata:\n  - { name: body, path: \"/body\" }",
    ));
    assert_eq!(search.unit_label, "chunk");
    assert_eq!(search.context_max_chars, None);
    // The field is a metadata column: no alias is added, and its type is the column's.
    let body: Vec<String> = search
        .filter_fields
        .iter()
        .filter(|f| f.name == "body")
        .map(|f| f.ty.to_string())
        .collect();
    assert_eq!(body, ["null | string"]);
    assert!(
        search
            .filter_fields
            .iter()
            .any(|f| f.name == "chunk_chunk_index" && f.ty.kinds == [Kind::Integer])
    );
}

#[test]
fn malformed_blocks_name_their_path() {
    let cases: [(&str, &str, &str); 12] = [
        (
            "samples: []",
            "sift::schema::bad_semantic_search",
            ".samples",
        ),
        (
            "samples:\n  - { name: a, path: \"/a\" }",
            "sift::schema::bad_semantic_search",
            ".samples",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\n  - { name: b, windowed: true }",
            "sift::schema::bad_semantic_search",
            ".samples[1]",
        ),
        (
            "samples:\n  - { name: a, windowed: yes-please }",
            "sift::schema::wrong_shape",
            ".samples[0].windowed",
        ),
        (
            "samples:\n  - { name: a, windowed: true, sampling: { unit_label: score } }",
            "sift::schema::bad_semantic_search",
            ".samples[0].sampling.unit_label",
        ),
        (
            "samples:\n  - { name: a, windowed: true, sampling: { unit_label: a.b } }",
            "sift::schema::bad_semantic_search",
            ".samples[0].sampling.unit_label",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\nwindowing: { context_max_chars: lots }",
            "sift::schema::wrong_shape",
            ".windowing.context_max_chars",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\nmetadata:\n  - { name: x, path: \"/x\", type: number }",
            "sift::schema::bad_semantic_search",
            ".metadata[0].type",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\nmetadata:\n  - { name: Context, path: \"/x\" }",
            "sift::schema::bad_semantic_search",
            ".metadata[0].name",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\nmetadata:\n  - { name: x, path: \"/x\" }\n  - { name: x, path: \"/y\" }",
            "sift::schema::bad_semantic_search",
            ".metadata[1]",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\nmetadata:\n  - { name: chunk_context, path: \"/x\" }",
            "sift::schema::bad_semantic_search",
            ".metadata[0]",
        ),
        (
            "samples:\n  - { name: a, windowed: true }\nmetadata:\n  - { name: x }",
            "sift::schema::missing_key",
            ".metadata[0]",
        ),
    ];
    for (block, code, path) in cases {
        assert_eq!(
            errors_of(block),
            [(code.to_owned(), path.to_owned())],
            "{block}"
        );
    }
    assert_eq!(
        errors_of("[]"),
        [("sift::schema::wrong_shape".to_owned(), String::new())]
    );
}

#[test]
fn a_malformed_block_is_located_by_line_and_column() {
    let text = spec_with_block("samples:\n  - { name: a, windowed: true }\nwindowing: 7");
    let errors = load_connector_spec(&text, "specs/test/connector.yaml").unwrap_err();
    let at = errors[0].location();
    assert_eq!((at.line, at.column), (11, 26));
    assert_eq!(
        errors[0].to_string(),
        "specs/test/connector.yaml:11:26: at info.x-airbyte-context-store.entities[0].fields[0].x-airbyte-semantic-search.windowing: expected a mapping (the context window), found a scalar"
    );
}
