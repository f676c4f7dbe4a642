//! Generated values follow what a spec says its fields hold, beyond name and type: the
//! payments fixture (`tests/fixtures/specs/payments`) describes string ids, Unix seconds,
//! amounts in a currency's minor unit, lower-case currency codes and enumerated statuses.

use std::collections::HashSet;

use serde_json::Value;
use sift_eval::generate::{Plan, generate};

fn payments() -> Vec<(String, Vec<Value>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/specs/payments/connector.yaml"
    );
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    let loaded = sift::load_connector_spec(&text, "payments").expect("the fixture loads");
    let plan = Plan {
        seed: 7,
        base_count: 40,
    };
    generate(&loaded.catalog, &plan).expect("a small plan")
}

fn records<'a>(all: &'a [(String, Vec<Value>)], entity: &str) -> &'a [Value] {
    all.iter()
        .find(|(name, _)| name == entity)
        .map(|(_, records)| records.as_slice())
        .expect("the entity is generated")
}

/// 2020-01-01 and 2030-01-01 in Unix seconds: generated times fall between.
const PLAUSIBLE_SECONDS: std::ops::Range<i64> = 1_577_836_800..1_893_456_000;

#[test]
fn values_follow_the_format_and_description() {
    let all = payments();
    let customers = records(&all, "customers");
    let charges = records(&all, "charges");
    let customer_ids: HashSet<&str> = customers
        .iter()
        .map(|c| c["id"].as_str().expect("string ids"))
        .collect();
    assert_eq!(customer_ids.len(), customers.len(), "ids are distinct");
    for charge in charges {
        let id = charge["id"].as_str().expect("a string id");
        assert!(
            id.starts_with("cha_") && !id.contains(' '),
            "an id, not a sentence: {id}"
        );
        let created = charge["created"].as_i64().expect("Unix seconds");
        assert!(PLAUSIBLE_SECONDS.contains(&created), "{created}");
        let currency = charge["currency"].as_str().expect("a code");
        assert!(
            currency.len() == 3 && currency.chars().all(|c| c.is_ascii_lowercase()),
            "lower case, as the description asks: {currency}"
        );
        let amount = charge["amount"].as_u64().expect("whole minor units");
        assert!(amount >= 100, "an amount in cents: {amount}");
        let refunded = charge["amount_refunded"]
            .as_u64()
            .expect("whole minor units");
        assert!(refunded <= amount, "a refund within its charge");
        let status = charge["status"].as_str().expect("a status");
        assert!(
            ["succeeded", "pending", "failed"].contains(&status),
            "{status}"
        );
        if let Some(customer) = charge["customer"].as_str() {
            assert!(
                customer_ids.contains(customer),
                "a real customer: {customer}"
            );
        }
    }
    for customer in customers {
        assert_eq!(customer["object"], "customer");
        assert!(PLAUSIBLE_SECONDS.contains(&customer["created"].as_i64().expect("seconds")));
    }
}
