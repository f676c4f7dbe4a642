//! The built-in Harvest catalog matches the connector reference it was taken from: every
//! entity, every searchable field, in order, with its type and description.
//!
//! The reference is not part of the repository, so this check runs only where the environment
//! variable `SIFT_HARVEST_REFERENCE` names the file (`.ci/run` sets it when the reference is
//! available beside the clone); elsewhere it prints one line saying it was skipped. What the
//! catalog holds is pinned from the repository's own data by `catalog_snapshot.rs`.

/// The reference's text, or `None` (with one line on stderr) when no file is named.
fn reference() -> Option<String> {
    let Some(path) = std::env::var_os("SIFT_HARVEST_REFERENCE") else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped: SIFT_HARVEST_REFERENCE names no Harvest reference file");
        }
        return None;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "SIFT_HARVEST_REFERENCE={} cannot be read: {e}",
            std::path::Path::new(&path).display()
        )
    });
    Some(text)
}

/// Each entity's "Searchable Fields" rows, as (entity, rows). The reference glues the three
/// columns together (`idintegerUnique identifier`), so rows are compared whole.
fn searchable_tables(text: &str) -> Vec<(String, Vec<String>)> {
    let mut tables = Vec::new();
    let mut entity = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("\"entity\": \"") {
            entity = rest.trim_end_matches("\",").to_owned();
        }
        if line == "Searchable Fields" {
            let header = lines.by_ref().find(|l| !l.is_empty());
            assert_eq!(header, Some("Field NameTypeDescription"));
            let rows = lines
                .by_ref()
                .take_while(|l| !l.starts_with("Response Schema"))
                .map(str::to_owned)
                .collect();
            tables.push((entity.clone(), rows));
        }
    }
    tables
}

#[test]
fn every_searchable_field_of_the_reference_is_in_the_catalog() {
    let Some(reference) = reference() else {
        return;
    };
    let tables = searchable_tables(&reference);
    let catalog = sift_schema::harvest();
    assert_eq!(tables.len(), 18);
    assert_eq!(
        tables.iter().map(|(_, rows)| rows.len()).sum::<usize>(),
        154
    );
    let names: Vec<&str> = tables.iter().map(|(e, _)| e.as_str()).collect();
    let catalog_names: Vec<&str> = catalog.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, catalog_names);
    for ((entity, rows), catalog_entity) in tables.iter().zip(&catalog.entities) {
        let catalog_rows: Vec<String> = catalog_entity
            .fields
            .iter()
            .map(|f| {
                assert_eq!(f.ty.kinds.len(), 1, "{entity}.{}: one kind", f.name);
                let kind = f.ty.kinds[0].as_str();
                format!("{}{kind}{}", f.name, f.description.as_deref().unwrap_or(""))
            })
            .collect();
        assert_eq!(rows, &catalog_rows, "entity {entity}");
    }
}
