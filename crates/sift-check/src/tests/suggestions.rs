//! "Did you mean" does not cost names × fields: one index per field list and query, prepared
//! once, and per name only the distances the character counts cannot rule out. Work is counted
//! (candidates prepared, edit distances and similarities computed), never timed.

use sift_syntax::{Limits, parse};

use super::*;
use crate::checker::Checker;

const FIELDS: usize = 400;

fn wide_catalog() -> Catalog {
    let fields = (0..FIELDS)
        .map(|i| Field {
            name: format!("account_field_{i}"),
            ty: Type::of(Kind::String).into_nullable(),
            description: None,
            storage_name: None,
            format: None,
            semantic_search: None,
        })
        .collect();
    Catalog {
        definition_id: None,
        connector: String::from("wide"),
        entities: vec![Entity {
            name: String::from("things"),
            description: None,
            storage_name: None,
            fields,
            unsearchable_reason: None,
        }],
    }
}

/// The work of checking one query with `unknown` misspelt names (every other one a near miss
/// of a real field), and how many indexes were built.
fn work_for(catalog: &Catalog, unknown: usize) -> (u64, usize) {
    let conditions: Vec<String> = (0..unknown)
        .map(|i| {
            if i % 2 == 0 {
                format!("acount_field_{i} = \"x\"")
            } else {
                format!("zq{i}xw = \"x\"")
            }
        })
        .collect();
    let src = format!("from things where {}", conditions.join(" and "));
    let parsed = parse(&src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut checker = Checker::new(None);
    let checked = crate::check_with(&mut checker, &parsed.document.queries[0], catalog, None);
    let unknown_found = checked
        .diagnostics
        .iter()
        .filter(|d| d.code_str() == "sift::check::unknown_field")
        .count();
    assert_eq!(unknown_found, unknown);
    checker.suggestion_work()
}

#[test]
fn suggestions_prepare_the_fields_once_per_query() {
    let catalog = wide_catalog();
    let n = 16;
    let (small, small_indexes) = work_for(&catalog, n);
    let (large, large_indexes) = work_for(&catalog, 8 * n);
    assert_eq!((small_indexes, large_indexes), (1, 1));
    let fields = FIELDS as u64;
    // The fields are prepared once per query, not once per name; what grows with the names is
    // the distances computed, a small share of the fields per name (character counts prune
    // the rest).
    for (names, work) in [(n as u64, small), (8 * n as u64, large)] {
        assert!(work >= fields, "{names} names: {work}");
        assert!(
            work - fields <= names * fields / 10,
            "{names} names: {work} units of work"
        );
    }
    // A fresh index per name would prepare the fields 8n times over.
    assert!(large < 8 * n as u64 * fields, "8n: {large}");
}

#[test]
fn near_misses_and_last_segments_are_found() {
    let index = crate::suggest::SuggestionIndex::new([
        "properties.email",
        "properties.firstname",
        "archived",
        "id",
    ]);
    assert_eq!(index.suggest("email"), [0]);
    assert_eq!(index.suggest("emial"), [0]);
    assert_eq!(index.suggest("archvied"), [2]);
    assert!(index.suggest("zzzzzz").is_empty());
}
