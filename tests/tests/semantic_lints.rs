//! The semantic lints stay silent on satisfiable, non-redundant filters: `and` or `or` chains
//! of conditions that each hold for some record, on distinct fields, with lists of distinct
//! values, sorted by a field the filter does not pin.

use proptest::prelude::*;
use sift_syntax::{Limits, parse};

/// One satisfiable condition on field number `which` (each field at most once per filter).
fn condition(which: usize) -> BoxedStrategy<String> {
    match which {
        0 => prop_oneof![
            (0u32..100).prop_map(|n| format!("hours > {n}")),
            (0u32..100).prop_map(|n| format!("hours <= {n}.5")),
            (0u32..50, 0u32..50).prop_map(|(a, b)| format!("hours between {a} and {}", a + b)),
        ]
        .boxed(),
        1 => prop_oneof![
            proptest::collection::btree_set(0i64..1000, 2..6).prop_map(|set| {
                let items: Vec<String> = set.iter().map(i64::to_string).collect();
                format!("id in [{}]", items.join(", "))
            }),
            (0i64..1000).prop_map(|n| format!("id != {n}")),
            (0i64..1000).prop_map(|n| format!("id >= {n}")),
        ]
        .boxed(),
        2 => prop_oneof![
            "[a-z]{1,6}".prop_map(|w| format!("notes like \"%{w}%\"")),
            "[a-z]{1,6}".prop_map(|w| format!("notes contains \"{w}\"")),
            Just(String::from("notes is null")),
        ]
        .boxed(),
        3 => any::<bool>()
            .prop_map(|b| format!("billable = {b}"))
            .boxed(),
        _ => (1i16..28)
            .prop_map(|d| format!("spent_date >= 2026-11-{d:02}"))
            .boxed(),
    }
}

fn filter() -> impl Strategy<Value = String> {
    (
        proptest::sample::subsequence((0..5).collect::<Vec<_>>(), 1..=5),
        any::<bool>(),
    )
        .prop_flat_map(|(fields, use_or)| {
            let parts: Vec<BoxedStrategy<String>> = fields.into_iter().map(condition).collect();
            (parts, Just(use_or))
        })
        .prop_map(|(parts, use_or)| parts.join(if use_or { " or " } else { " and " }))
}

proptest! {
    #[test]
    fn satisfiable_non_redundant_filters_raise_no_warning(filter in filter(), sort_by_date in any::<bool>()) {
        // `created_at` is never pinned by the family; `spent_date` only ever bounded.
        let sort = if sort_by_date { "spent_date desc" } else { "created_at" };
        let src = format!("from time_entries where {filter} sort {sort}");
        let parsed = parse(&src, &Limits::default());
        prop_assert!(parsed.errors.is_empty(), "{src}: {:?}", parsed.errors);
        let checked =
            sift_check::type_query(&parsed.document.queries[0], sift_schema::harvest(), None);
        let codes: Vec<String> = checked.diagnostics.iter().map(|d| d.code_str()).collect();
        prop_assert!(codes.is_empty(), "{src}: {codes:?}");
    }
}
