//! The evaluator as a table: each case is a wire filter, a target and the ids of the records it
//! selects from one fixed set of records.

mod common;

use serde_json::{Value, json};
use sift_eval::{EvalError, Flow, Search};
use sift_lower::Target::{self, V2026_03, V2026_04, V2026_10};

/// Records chosen so each operator both matches and misses: a null field, a missing field,
/// mixed case, arrays, nested objects and a value of another JSON type.
fn records() -> Vec<Value> {
    vec![
        json!({"id": 1, "name": "Acme Corp", "hours": 2.5, "tags": ["vip", "new"],
               "spent_date": "2025-03-01", "client": {"name": "Birch Media"}, "note": null,
               "tasks": [{"name": "Design", "hours": 1}]}),
        json!({"id": 2, "name": "acme labs", "hours": 4, "tags": ["old"],
               "spent_date": "2025-02-10", "client": {"name": "Juniper"},
               "tasks": [{"name": "Review", "hours": 3}]}),
        json!({"id": 3, "name": "Birch Media Group", "hours": "2.5", "tags": [],
               "spent_date": "2025-03-01T12:00:00Z", "note": "first visit"}),
        json!({"id": 4, "name": "Kestrel_Foods", "hours": 1}),
    ]
}

/// The ids a search over [`records`] returns, in order.
fn run(params: Value, target: Target) -> Result<Vec<i64>, EvalError> {
    let search = Search::from_params(&params, target, "/params")?;
    let mut collector = search.collector();
    for record in records() {
        if collector.push(record) == Flow::Stop {
            break;
        }
    }
    let page = collector.finish();
    assert_eq!(page, common::page_via_tape(&search, &records()), "{params}");
    Ok(page
        .records
        .iter()
        .map(|r| r["id"].as_i64().expect("every record has an id"))
        .collect())
}

fn filter(filter: Value, target: Target) -> Vec<i64> {
    run(json!({"query": {"filter": filter}}), target)
        .unwrap_or_else(|e| panic!("{filter} on {target}: {e}"))
}

#[test]
fn operators_select_the_documented_records() {
    let all = [V2026_03, V2026_04, V2026_10];
    let cases: Vec<(Value, &[Target], Vec<i64>)> = vec![
        (json!({"eq": {"hours": 2.5}}), &all, vec![1]),
        (json!({"eq": {"hours": 2.50}}), &all, vec![1]),
        (json!({"eq": {"name": "acme corp"}}), &all, vec![]),
        (json!({"neq": {"hours": 4}}), &all, vec![1, 3, 4]),
        (json!({"gt": {"hours": 2}}), &all, vec![1, 2]),
        (json!({"gte": {"hours": 2.5}}), &all, vec![1, 2]),
        (json!({"lt": {"hours": 2.5}}), &all, vec![4]),
        (json!({"lte": {"hours": 2.5}}), &all, vec![1, 4]),
        (
            json!({"gte": {"spent_date": "2025-03-01"}}),
            &all,
            vec![1, 3],
        ),
        (
            json!({"lt": {"spent_date": "2025-03-01T00:00:01Z"}}),
            &all,
            vec![1, 2],
        ),
        (json!({"in": {"id": [2, 4, 9]}}), &all, vec![2, 4]),
        (
            json!({"like": {"name": "acme%"}}),
            &[V2026_03, V2026_04],
            vec![1, 2],
        ),
        (
            json!({"like": {"name": "kestrel_foods"}}),
            &[V2026_03],
            vec![4],
        ),
        (json!({"like": {"name": "%m_dia%"}}), &[V2026_04], vec![3]),
        (json!({"fuzzy": {"name": "med bir"}}), &all, vec![3]),
        (json!({"fuzzy": {"name": "acme"}}), &all, vec![1, 2]),
        (json!({"keyword": {"name": "LABS group"}}), &all, vec![2, 3]),
        (json!({"keyword": {"name": "lab"}}), &all, vec![]),
        (
            json!({"contains": {"tags": "vip"}}),
            &[V2026_03, V2026_04],
            vec![1],
        ),
        (
            json!({"contains": {"name": "ME"}}),
            &[V2026_10],
            vec![1, 2, 3],
        ),
        (
            json!({"startswith": {"name": "acme"}}),
            &[V2026_10],
            vec![1, 2],
        ),
        (json!({"endswith": {"name": "FOODS"}}), &[V2026_10], vec![4]),
        (
            json!({"array_contains": {"tags": "old"}}),
            &[V2026_10],
            vec![2],
        ),
        (
            json!({"any": {"tasks": {"gt": {"hours": 2}}}}),
            &all,
            vec![2],
        ),
        (
            json!({"any": {"tasks": {"eq": {"name": "Design"}}}}),
            &all,
            vec![1],
        ),
        (json!({"not": {"eq": {"id": 1}}}), &all, vec![2, 3, 4]),
        (
            json!({"and": [{"gt": {"hours": 1}}, {"like": {"name": "a%"}}]}),
            &[V2026_03],
            vec![1, 2],
        ),
        (
            json!({"or": [{"eq": {"id": 1}}, {"eq": {"id": 4}}]}),
            &all,
            vec![1, 4],
        ),
        // Several keys in one operator, and several operators in one object, are ANDed.
        (json!({"eq": {"id": 1, "hours": 4}}), &all, vec![]),
        (
            json!({"gt": {"hours": 1}, "lt": {"hours": 3}}),
            &all,
            vec![1],
        ),
        (json!({"eq": {"client.name": "Juniper"}}), &all, vec![2]),
    ];
    for (wire, targets, expected) in cases {
        for &target in targets {
            assert_eq!(filter(wire.clone(), target), expected, "{wire} on {target}");
        }
    }
}

#[test]
fn operators_a_target_lacks_are_refused() {
    for (wire, target) in [
        (json!({"like": {"name": "a%"}}), V2026_10),
        (json!({"startswith": {"name": "a"}}), V2026_03),
        (json!({"array_contains": {"tags": "a"}}), V2026_04),
    ] {
        let error = run(json!({"query": {"filter": wire}}), target).unwrap_err();
        assert!(
            matches!(error, EvalError::UnknownOperator { .. }),
            "{wire} on {target}: {error}"
        );
    }
}

#[test]
fn null_and_missing_fields() {
    // `note` is null on 1, a string on 3, missing on 2 and 4: null and missing are alike.
    assert_eq!(
        filter(json!({"eq": {"note": null}}), V2026_03),
        vec![1, 2, 4]
    );
    assert_eq!(filter(json!({"neq": {"note": null}}), V2026_03), vec![3]);
    assert_eq!(
        filter(json!({"neq": {"note": "x"}}), V2026_03),
        vec![1, 2, 3, 4]
    );
    assert_eq!(
        filter(json!({"gt": {"client.name": "A"}}), V2026_03),
        vec![1, 2]
    );
    assert_eq!(
        filter(json!({"fuzzy": {"note": "first"}}), V2026_03),
        vec![3]
    );
    assert_eq!(
        filter(json!({"any": {"missing": {"eq": {"a": 1}}}}), V2026_03),
        Vec::<i64>::new()
    );
}

#[test]
fn values_of_another_json_type_never_compare() {
    // Record 3 holds hours as the string "2.5": no numeric comparison, equality or order.
    assert_eq!(filter(json!({"eq": {"hours": "2.5"}}), V2026_03), vec![3]);
    assert_eq!(
        filter(json!({"gte": {"hours": 0}}), V2026_03),
        vec![1, 2, 4]
    );
    assert_eq!(filter(json!({"lt": {"hours": "9"}}), V2026_03), vec![3]);
}

#[test]
fn sort_is_stable_with_nulls_last_in_both_directions() {
    let sorted = |order: &str| {
        run(json!({"query": {"sort": [{"note": order}]}}), V2026_03).expect("sort runs")
    };
    // Only record 3 has a note: it comes first; the rest keep their input order.
    assert_eq!(sorted("asc"), vec![3, 1, 2, 4]);
    assert_eq!(sorted("desc"), vec![3, 1, 2, 4]);
    let by_date = |order: &str| {
        run(
            json!({"query": {"sort": [{"spent_date": order}]}}),
            V2026_03,
        )
        .expect("sort runs")
    };
    // 1 (2025-03-01) and 3 (2025-03-01T12:00Z) differ as instants; 4 has no date.
    assert_eq!(by_date("asc"), vec![2, 1, 3, 4]);
    assert_eq!(by_date("desc"), vec![3, 1, 2, 4]);
    // Ties on the first key keep input order, then a second key breaks them.
    let two_keys = json!({"query": {"filter": {"in": {"id": [1, 2, 4]}},
        "sort": [{"tags": "asc"}, {"id": "desc"}]}});
    assert_eq!(run(two_keys, V2026_03).expect("sort runs"), vec![2, 1, 4]);
}

#[test]
fn limit_cuts_the_page() {
    let limited = |limit: u64| run(json!({"limit": limit}), V2026_03).expect("limit runs");
    assert_eq!(limited(0), Vec::<i64>::new());
    assert_eq!(limited(2), vec![1, 2]);
    assert_eq!(limited(10), vec![1, 2, 3, 4]);
    let top = json!({"query": {"sort": [{"id": "desc"}]}, "limit": 1});
    assert_eq!(run(top, V2026_03).expect("limit runs"), vec![4]);
}

#[test]
fn fields_project_key_lists_and_dotted_strings() {
    let params = json!({"query": {"filter": {"eq": {"id": 1}}},
        "fields": [["client", "name"], "hours", "tasks", "absent.path"]});
    let search = Search::from_params(&params, V2026_03, "/params").expect("fields parse");
    let mut collector = search.collector();
    for record in records() {
        collector.push(record);
    }
    let page = collector.finish();
    assert_eq!(
        page.records,
        vec![json!({"client": {"name": "Birch Media"}, "hours": 2.5,
                    "tasks": [{"name": "Design", "hours": 1}]})]
    );
    let dotted = json!({"fields": ["client.name"], "limit": 1});
    let search = Search::from_params(&dotted, V2026_03, "/params").expect("fields parse");
    let mut collector = search.collector();
    collector.push(records().remove(0));
    assert_eq!(
        collector.finish().records,
        vec![json!({"client": {"name": "Birch Media"}})]
    );
}

#[test]
fn semantic_search_is_refused_locally() {
    let error = run(json!({"semantic": {"query": "anything"}}), V2026_10).unwrap_err();
    assert!(matches!(error, EvalError::Semantic), "{error}");
    assert!(error.to_string().contains("hosted API"), "{error}");
}

/// The ids a search over `records` returns, in order (read as `Value`s and as tape views).
fn ids_over(params: Value, records: &[Value]) -> Vec<i64> {
    let search = Search::from_params(&params, V2026_03, "/params")
        .unwrap_or_else(|e| panic!("{params}: {e}"));
    let mut collector = search.collector();
    for record in records {
        if collector.push(record.clone()) == Flow::Stop {
            break;
        }
    }
    let page = collector.finish();
    assert_eq!(page, common::page_via_tape(&search, records), "{params}");
    page.records
        .iter()
        .map(|r| r["id"].as_i64().expect("every record has an id"))
        .collect()
}

/// Numbers whose exponent does not fit `i64` are numbers like any other: compared exactly in
/// filters (by sign, then exponent, then digits) and placed exactly by the sort.
#[test]
fn huge_exponents_compare_and_sort_exactly() {
    let records: Vec<Value> = [
        "-1e99999999999999999999",
        "-1",
        "-4",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "10e99999999999999999998",
    ]
    .iter()
    .enumerate()
    .map(|(i, hours)| {
        serde_json::from_str(&format!(r#"{{"id":{},"hours":{hours}}}"#, i + 1)).expect("a record")
    })
    .collect();
    let filter = |wire: Value| ids_over(json!({"query": {"filter": wire}}), &records);
    assert_eq!(filter(json!({"gt": {"hours": 2}})), vec![4, 6]);
    assert_eq!(filter(json!({"lt": {"hours": 0}})), vec![1, 2, 3]);
    assert_eq!(filter(json!({"gte": {"hours": 0}})), vec![4, 5, 6]);
    assert_eq!(filter(json!({"lt": {"hours": -4}})), vec![1]);
    let huge: Value = serde_json::from_str("1e99999999999999999999").expect("a number");
    assert_eq!(filter(json!({"eq": {"hours": huge}})), vec![4, 6]);
    assert_eq!(filter(json!({"gte": {"hours": huge}})), vec![4, 6]);
    let sorted = |order: &str| ids_over(json!({"query": {"sort": [{"hours": order}]}}), &records);
    // 4 and 6 are one value: they keep the order of the data.
    assert_eq!(sorted("asc"), vec![1, 3, 2, 5, 4, 6]);
    assert_eq!(sorted("desc"), vec![4, 6, 5, 2, 3, 1]);
}

/// Strings compare as text, by code points, dates and date-times included, as the API
/// compares string fields: an offset is not converted, and a date sorts before its
/// date-times (it is their prefix).
#[test]
fn strings_and_dates_compare_as_text() {
    let records: Vec<Value> = [
        "2025-01-01T05:30:00Z",
        "2025-01-01T10:00:00+05:00",
        "2025-01-01X",
        "2025-01-01T06:00:00Z",
        "2025-01-01",
    ]
    .iter()
    .enumerate()
    .map(|(i, at)| json!({"id": i + 1, "created_at": at}))
    .collect();
    let filter = |wire: Value| ids_over(json!({"query": {"filter": wire}}), &records);
    assert_eq!(
        filter(json!({"gt": {"created_at": "2025-01-01T06:00:00Z"}})),
        vec![2, 3]
    );
    assert_eq!(
        filter(json!({"gt": {"created_at": "2025-01-01T10:00:00+05:00"},
                      "lt": {"created_at": "2025-01-01T06:00:00Z"}})),
        Vec::<i64>::new()
    );
    assert_eq!(
        filter(json!({"gte": {"created_at": "2025-01-01T00:00:00Z"},
                      "lte": {"created_at": "2025-01-01"}})),
        Vec::<i64>::new()
    );
    let sorted = |order: &str| {
        ids_over(
            json!({"query": {"sort": [{"created_at": order}]}}),
            &records,
        )
    };
    assert_eq!(sorted("asc"), vec![5, 1, 4, 2, 3]);
    assert_eq!(sorted("desc"), vec![3, 2, 4, 1, 5]);
}

/// `fields` takes non-empty key lists of strings, or dotted strings; anything else is refused
/// (an empty key list would name the record itself and project nothing).
#[test]
fn fields_refuse_what_is_not_a_path() {
    for fields in [
        json!([[]]),
        json!([["id"], []]),
        json!([[1]]),
        json!([5]),
        json!("id"),
    ] {
        let params = json!({"fields": fields});
        let error =
            Search::from_params(&params, V2026_03, "/params").expect_err("not a list of paths");
        assert!(
            error.to_string().contains("`fields` lists paths"),
            "{params}: {error}"
        );
    }
}

/// The evaluator knows exactly the keys the one operator table gives each target (with `any`
/// and the logic keys): every other key is an unknown operator, and none of those is.
#[test]
fn the_evaluator_reads_the_keys_of_the_operator_table() {
    let mut candidates: Vec<&str> = sift_lower::OPERATOR_KEYS.iter().map(|r| r.key).collect();
    candidates.extend(sift_lower::LOGIC_KEYS);
    candidates.extend([
        sift_lower::ANY_KEY,
        "between",
        "is",
        "not_in",
        "EQ",
        "regex",
        "",
    ]);
    for target in Target::ALL {
        let mut known = target.operator_keys();
        known.extend(sift_lower::LOGIC_KEYS);
        for key in &candidates {
            let filter = json!({ *key: {"name": "x"} });
            let read = run(json!({"query": {"filter": filter}}), target);
            // An operand the key reads as a condition fails further down: only the key counts.
            let here = format!("/params/query/filter/{key}");
            let unknown = matches!(&read, Err(EvalError::UnknownOperator { pointer, .. }) if *pointer == here);
            assert_eq!(unknown, !known.contains(key), "{target} `{key}`: {read:?}");
        }
    }
}
