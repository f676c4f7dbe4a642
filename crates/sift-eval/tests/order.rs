//! The one order of JSON values is total, over hostile values too: antisymmetric and
//! transitive, with ties exactly where `eq` holds; the filters agree with the sort; and both
//! views of a record (`&Value` and a tape node) read alike, value by value.

mod common;

use std::cmp::Ordering;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use sift_eval::tape::{Node, Tape};
use sift_eval::{Flow, JsonKind, JsonRef, Search, json_eq, json_order, sort_order};
use sift_lower::Target;

/// A hostile scalar (see `common::HOSTILE`), a plain number or a short string.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => prop::sample::select(common::hostile_values()),
        1 => (-30i64..30, 0u32..3).prop_map(|(n, places)| {
            let text = match places {
                0 => n.to_string(),
                _ => format!("{n}.{}", "0".repeat(places as usize)),
            };
            serde_json::from_str(&text).expect("a number")
        }),
        1 => "[a-cA-C0-9 é_-]{0,3}".prop_map(Value::String),
    ]
}

/// Leaves half the time, else arrays and objects of them (keys from a small set, so objects
/// share keys, and arrays prefixes).
fn value() -> impl Strategy<Value = Value> {
    let nested = leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(vec!["a", "b", "c"]), inner), 0..4)
                .prop_map(|pairs| {
                    Value::Object(
                        pairs
                            .into_iter()
                            .map(|(k, v)| (k.to_owned(), v))
                            .collect::<Map<_, _>>(),
                    )
                }),
        ]
    });
    prop_oneof![leaf(), nested]
}

/// Checks that `value` and `node` read alike at every level: type, scalars, sizes, elements,
/// entries (in order) and keys.
fn same_view(value: &Value, node: Node<'_>) -> Result<(), TestCaseError> {
    prop_assert_eq!(value.kind(), node.kind(), "{}", value);
    prop_assert_eq!(JsonRef::as_bool(value), node.as_bool());
    prop_assert_eq!(value.number_text(), node.number_text());
    prop_assert_eq!(value.text(), node.text());
    prop_assert_eq!(value.count(), node.count(), "{}", value);
    prop_assert_eq!(value.items().count(), node.items().count(), "{}", value);
    for (x, y) in value.items().zip(node.items()) {
        same_view(x, y)?;
    }
    prop_assert_eq!(value.entries().count(), node.entries().count(), "{}", value);
    for ((k, x), (l, y)) in value.entries().zip(node.entries()) {
        prop_assert_eq!(&k, &l);
        same_view(x, y)?;
        let (got, expected) = (JsonRef::get(value, &k), node.get(&l));
        prop_assert!(got.is_some() && expected.is_some(), "{} has {}", value, k);
        if let (Some(got), Some(expected)) = (got, expected) {
            same_view(got, expected)?;
        }
    }
    prop_assert!(JsonRef::get(value, "absent").is_none() && node.get("absent").is_none());
    Ok(())
}

fn scan<'t>(tape: &'t mut Tape, text: &'t str) -> Option<Node<'t>> {
    tape.scan(text).map(|scanned| scanned.record)
}

/// The ids that `filter` selects among `records` (each `{"id": i, "v": value}`).
fn selected(filter: Value, records: &[Value]) -> Vec<u64> {
    let params = json!({"query": {"filter": filter}});
    let search = Search::from_params(&params, Target::V2026_03, "/params").expect("a search");
    let mut collector = search.collector();
    for record in records {
        if collector.push(record.clone()) == Flow::Stop {
            break;
        }
    }
    let page = collector.finish();
    page.records
        .iter()
        .filter_map(|r| r["id"].as_u64())
        .collect()
}

/// Every triple of the hostile values (and of each wrapped in an array): the order is
/// antisymmetric and transitive, with ties exactly where `eq` holds. Exhaustive, since a cycle
/// needs three particular values (`-1`, `-1e99999999999999999999`, `-4` made one).
#[test]
fn the_order_is_total_on_the_hostile_values() {
    let hostile = common::hostile_values();
    let pool: Vec<Value> = hostile
        .iter()
        .cloned()
        .chain(hostile.iter().map(|v| json!([v])))
        .collect();
    let order: Vec<Vec<Ordering>> = pool
        .iter()
        .map(|a| pool.iter().map(|b| json_order(a, b)).collect())
        .collect();
    for (i, a) in pool.iter().enumerate() {
        for (j, b) in pool.iter().enumerate() {
            assert_eq!(order[i][j], order[j][i].reverse(), "{a} / {b}");
            assert_eq!(order[i][j] == Ordering::Equal, json_eq(a, b), "{a} / {b}");
            for (k, c) in pool.iter().enumerate() {
                if order[i][j] != Ordering::Greater && order[j][k] != Ordering::Greater {
                    assert_ne!(order[i][k], Ordering::Greater, "{a} <= {b} <= {c}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_order_is_total(a in value(), b in value(), c in value()) {
        let ab = json_order(&a, &b);
        prop_assert_eq!(ab, json_order(&b, &a).reverse(), "{} / {}", a, b);
        prop_assert_eq!(json_order(&a, &a), Ordering::Equal, "{}", a);
        prop_assert_eq!(ab == Ordering::Equal, json_eq(&a, &b), "{} / {}", a, b);
        let bc = json_order(&b, &c);
        if ab != Ordering::Greater && bc != Ordering::Greater {
            let ac = json_order(&a, &c);
            prop_assert!(ac != Ordering::Greater, "{} <= {} <= {} but not {} <= {}", a, b, c, a, c);
            if ab == Ordering::Equal && bc == Ordering::Equal {
                prop_assert_eq!(ac, Ordering::Equal);
            }
        }
        for descending in [false, true] {
            let (x, y) = (Some(&a), Some(&b));
            prop_assert_eq!(
                sort_order(x, y, descending),
                sort_order(y, x, descending).reverse()
            );
        }
    }

    #[test]
    fn both_views_read_alike(a in value(), b in value()) {
        let (ra, rb) = (json!({"v": a}), json!({"v": b}));
        let (ta, tb) = (ra.to_string(), rb.to_string());
        let (mut tape_a, mut tape_b) = (Tape::default(), Tape::default());
        // The tape declines some forms (exponents among them); those are read as `Value`s.
        if let (Some(na), Some(nb)) = (scan(&mut tape_a, &ta), scan(&mut tape_b, &tb)) {
            same_view(&ra, na)?;
            same_view(&rb, nb)?;
            let by_value = json_order(&ra, &rb);
            prop_assert_eq!(by_value, json_order(na, nb), "{} / {}", ra, rb);
            prop_assert_eq!(by_value, json_order(&ra, nb));
            prop_assert_eq!(by_value, json_order(na, &rb));
            prop_assert_eq!(json_eq(&ra, &rb), json_eq(na, nb));
        }
    }

    /// A comparison filter and the sort read one order: of a value and a bound of the same
    /// JSON type (two numbers, two strings), exactly one of `lt`, `eq`, `gt` holds, `gte` and
    /// `lte` are their unions, and the sort puts the value before the bound exactly when `lt`
    /// holds. Other pairs are never ordered by a filter.
    #[test]
    fn filters_agree_with_the_sort(v in value(), bound in value()) {
        let records = [json!({"id": 0, "v": v}), json!({"id": 1, "v": bound})];
        // The wire takes a number or a string as a bound.
        if matches!(bound.kind(), JsonKind::Number | JsonKind::String) {
            let holds = |op: &str| selected(json!({op: {"v": bound}}), &records[..1]) == [0];
            let (lt, eq, gt) = (holds("lt"), holds("eq"), holds("gt"));
            let (lte, gte) = (holds("lte"), holds("gte"));
            let comparable = matches!(
                (v.kind(), bound.kind()),
                (JsonKind::Number, JsonKind::Number) | (JsonKind::String, JsonKind::String)
            );
            prop_assert_eq!(gte, gt || eq, "{} / {}", v, bound);
            prop_assert_eq!(lte, lt || eq, "{} / {}", v, bound);
            if comparable {
                prop_assert_eq!(u8::from(lt) + u8::from(eq) + u8::from(gt), 1, "{} / {}", v, bound);
                let params = json!({"query": {"sort": [{"v": "asc"}]}});
                let search = Search::from_params(&params, Target::V2026_03, "/params").expect("a search");
                let mut collector = search.collector();
                // The bound first, so that a tie keeps it first.
                collector.push(records[1].clone());
                collector.push(records[0].clone());
                let first = collector.finish().records[0]["id"].as_u64();
                prop_assert_eq!(first == Some(0), lt, "{} / {}", v, bound);
            } else {
                prop_assert!(!lt && !gt && !lte && !gte, "{} / {}", v, bound);
            }
        }
    }
}
