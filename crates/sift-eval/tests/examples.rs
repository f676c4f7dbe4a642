//! The committed example data is exactly what the generator makes for the built-in catalog, so
//! it cannot drift from the generator, and every value fits its field's schema type.

use std::path::Path;

use sift_eval::generate::{Plan, generate, to_jsonl};

fn examples_dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/harvest"
    ))
}

#[test]
fn committed_examples_equal_the_generator_output() {
    let catalog = sift_schema::harvest();
    let generated = generate(catalog, &Plan::default()).expect("the default plan");
    assert_eq!(generated.len(), catalog.entities.len());
    let mut committed: Vec<String> = std::fs::read_dir(examples_dir())
        .expect("examples/harvest exists")
        .map(|entry| {
            entry
                .expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    committed.sort();
    let mut expected: Vec<String> = generated
        .iter()
        .map(|(name, _)| format!("{name}.jsonl"))
        .collect();
    expected.sort();
    assert_eq!(committed, expected, "one file per entity, nothing else");
    for (name, records) in &generated {
        assert!(!records.is_empty(), "{name} has records");
        let path = examples_dir().join(format!("{name}.jsonl"));
        let text = std::fs::read_to_string(&path).expect("example file is UTF-8");
        assert!(
            text == to_jsonl(records),
            "{} differs from the generator; regenerate with `sift generate examples/harvest --force`",
            path.display()
        );
    }
}

#[test]
fn every_example_value_fits_its_schema_type() {
    let catalog = sift_schema::harvest();
    for (name, records) in generate(catalog, &Plan::default()).expect("the default plan") {
        let entity = catalog
            .entity(&name)
            .expect("generated entities are in the catalog");
        for (line, record) in records.iter().enumerate() {
            let wrong = sift_eval::mismatches(entity, record);
            assert!(wrong.is_empty(), "{name} record {}: {wrong:?}", line + 1);
        }
    }
}
