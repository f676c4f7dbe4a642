//! Paging with cursors returns exactly the unpaged result: same records, same order, no
//! repeats, for any filter, sort (with ties and nulls) and page size.

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};
use sift_eval::{Flow, Search};
use sift_lower::Target;

fn run(params: &Value, records: &[Value]) -> (Vec<Value>, Option<String>) {
    let search = Search::from_params(params, Target::V2026_03, "/params").expect("params parse");
    let mut collector = search.collector();
    for record in records {
        if collector.push(record.clone()) == Flow::Stop {
            break;
        }
    }
    let page = collector.finish();
    assert_eq!(page, common::page_via_tape(&search, records));
    let cursor = if page.has_more { page.cursor } else { None };
    (page.records, cursor)
}

fn record() -> impl Strategy<Value = Value> {
    // Few distinct values, so sort keys tie often; `None` leaves the field out.
    (
        prop::option::of(0i64..4),
        prop::option::of(prop::sample::select(vec!["a", "b", "B"])),
    )
        .prop_map(|(hours, name)| {
            let mut record = serde_json::Map::new();
            if let Some(hours) = hours {
                record.insert("hours".into(), json!(hours));
            }
            if let Some(name) = name {
                record.insert("name".into(), json!(name));
            }
            Value::Object(record)
        })
}

proptest! {
    #[test]
    fn pages_concatenate_to_the_unpaged_result(
        records in prop::collection::vec(record(), 0..40),
        page_size in 1u64..7,
        sort_key in prop::sample::select(vec!["hours", "name"]),
        descending in any::<bool>(),
        filtered in any::<bool>(),
    ) {
        // Tag each record with its position so equal-looking records stay distinguishable.
        let records: Vec<Value> = records
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { r["n"] = json!(i); r })
            .collect();
        let order = if descending { "desc" } else { "asc" };
        let mut query = json!({"sort": [{sort_key: order}]});
        if filtered {
            query["filter"] = json!({"neq": {"hours": 1}});
        }
        let (unpaged, rest) = run(&json!({"query": query, "limit": 1000}), &records);
        prop_assert!(rest.is_none());
        let mut paged = Vec::new();
        let mut params = json!({"query": query, "limit": page_size});
        for _ in 0..=records.len() {
            let (page, cursor) = run(&params, &records);
            prop_assert!(page.len() as u64 <= page_size);
            paged.extend(page);
            match cursor {
                Some(cursor) => params["cursor"] = json!(cursor),
                None => break,
            }
        }
        prop_assert_eq!(paged, unpaged);
    }
}
