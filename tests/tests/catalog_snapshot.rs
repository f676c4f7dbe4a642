//! What the built-in Harvest catalog holds, pinned from the repository's own data: every
//! entity, every searchable field in order, with its type, nullability, time format and
//! description. A change to `crates/sift-schema/data/harvest.json` shows here as a snapshot
//! diff; `harvest_reference.rs` also compares it with the connector reference where that is
//! available.

use std::fmt::Write;

#[test]
fn builtin_harvest_catalog() {
    let catalog = sift::schema::harvest();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} entities, {} searchable fields",
        catalog.connector,
        catalog.entities.len(),
        catalog.field_count()
    );
    for entity in &catalog.entities {
        let _ = writeln!(out, "\n{}", entity.name);
        for field in &entity.fields {
            let format = field
                .format
                .map(|f| format!(" ({})", f.as_str()))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}: {}{format} — {}",
                field.name,
                field.ty,
                field.description.as_deref().unwrap_or("")
            );
        }
    }
    insta::assert_snapshot!(out);
}
