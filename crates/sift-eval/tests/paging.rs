//! Paging with cursors returns exactly the unpaged result: same records, same order, no
//! repeats, for any filter, sort (one or two keys, with ties, nulls, missing fields and
//! hostile values: huge exponents, date-times with offsets, values of every JSON type) and
//! page size.

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

/// A record's value for one field: often one of a few plain values (so sort keys tie), else
/// a hostile one (see `common::HOSTILE`); `None` leaves the field out.
fn field_value(plain: &'static [&'static str]) -> impl Strategy<Value = Option<Value>> {
    let plain: Vec<Value> = plain
        .iter()
        .map(|text| serde_json::from_str(text).expect("JSON"))
        .collect();
    prop::option::of(prop_oneof![
        prop::sample::select(plain),
        prop::sample::select(common::hostile_values()),
    ])
}

fn record() -> impl Strategy<Value = Value> {
    (
        field_value(&["0", "1", "2", "3"]),
        field_value(&["\"a\"", "\"b\"", "\"B\""]),
        field_value(&["\"2025-01-01T06:00:00Z\"", "\"2025-01-01T10:00:00+05:00\""]),
    )
        .prop_map(|(hours, name, created_at)| {
            let mut record = serde_json::Map::new();
            for (key, value) in [("hours", hours), ("name", name), ("created_at", created_at)] {
                if let Some(value) = value {
                    record.insert(key.into(), value);
                }
            }
            Value::Object(record)
        })
}

/// Follows the cursors of `query` at `page_size` over `records`: the pages, concatenated.
fn all_pages(
    query: &Value,
    page_size: u64,
    records: &[Value],
) -> Result<Vec<Value>, TestCaseError> {
    let mut paged = Vec::new();
    let mut params = json!({"query": query, "limit": page_size});
    for _ in 0..=records.len() {
        let (page, cursor) = run(&params, records);
        prop_assert!(page.len() as u64 <= page_size);
        paged.extend(page);
        match cursor {
            Some(cursor) => params["cursor"] = json!(cursor),
            None => return Ok(paged),
        }
    }
    Err(TestCaseError::fail(format!(
        "the cursors of {query} did not end"
    )))
}

/// The `n` tags of records, in order.
fn tags(records: &[Value]) -> Vec<u64> {
    records.iter().filter_map(|r| r["n"].as_u64()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn pages_concatenate_to_the_unpaged_result(
        records in prop::collection::vec(record(), 0..40),
        page_size in 1u64..7,
        sort in prop::collection::vec(
            (prop::sample::select(vec!["hours", "name", "created_at"]), any::<bool>()),
            1..3,
        ),
        filtered in any::<bool>(),
    ) {
        // Tag each record with its position so equal-looking records stay distinguishable.
        let records: Vec<Value> = records
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { r["n"] = json!(i); r })
            .collect();
        let sort: Vec<Value> = sort
            .iter()
            .map(|(key, descending)| json!({*key: if *descending { "desc" } else { "asc" }}))
            .collect();
        let mut query = json!({"sort": sort});
        if filtered {
            query["filter"] = json!({"neq": {"hours": 1}});
        }
        let (unpaged, rest) = run(&json!({"query": query, "limit": 1000}), &records);
        prop_assert!(rest.is_none());
        // The one big page holds every match once.
        let search = Search::from_params(&json!({"query": query}), Target::V2026_03, "/params")
            .expect("params parse");
        let mut expected: Vec<u64> = tags(&records.iter().filter(|r| search.matches(*r)).cloned().collect::<Vec<_>>());
        let mut got = tags(&unpaged);
        got.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(got, expected);
        let paged = all_pages(&query, page_size, &records)?;
        prop_assert_eq!(tags(&paged), tags(&unpaged));
    }
}

/// Data that made the cursors lose and repeat records: a huge negative exponent among small
/// negatives, and a date-like non-date among date-times with offsets.
#[test]
fn reviewed_data_pages_completely() {
    let huge = |text: &str| -> Value { serde_json::from_str(text).expect("a number") };
    let hours = [huge("-1e99999999999999999999"), json!(-1), json!(-4)];
    let created = [
        "2025-01-01T05:30:00Z",
        "2025-01-01X",
        "2025-01-01T10:00:00+05:00",
        "2025-01-01T06:00:00Z",
    ];
    let cases = [
        (
            hours
                .iter()
                .enumerate()
                .map(|(n, h)| json!({"n": n, "hours": h}))
                .collect::<Vec<_>>(),
            "hours",
            vec![0, 2, 1],
        ),
        (
            created
                .iter()
                .enumerate()
                .map(|(n, c)| json!({"n": n, "created_at": c}))
                .collect(),
            "created_at",
            vec![0, 3, 2, 1],
        ),
    ];
    for (records, key, order) in cases {
        let query = json!({"sort": [{key: "asc"}]});
        for page_size in 1..=records.len() as u64 {
            let paged = all_pages(&query, page_size, &records).expect("pages end");
            assert_eq!(tags(&paged), order, "{key} by {page_size}");
        }
    }
}
