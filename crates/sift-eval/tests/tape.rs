//! The tape reads a strict subset of what serde_json reads, and reads it as serde_json does:
//! whatever it accepts, serde_json accepts as the same `Value`; a text it calls canonical is
//! exactly serde_json's output for that `Value`; and serde_json's own compact output of plain
//! records (no escapes, no exponents) is always read, so the fast path is the common one.

use proptest::prelude::*;
use serde_json::{Map, Value};
use sift_eval::JsonRef;
use sift_eval::tape::Tape;

/// Values whose compact text the tape must read: strings without characters to escape,
/// numbers without exponents.
fn plain() -> impl Strategy<Value = Value> {
    let number = (any::<i32>(), 0u32..4).prop_map(|(n, places)| {
        let text = match places {
            0 => n.to_string(),
            _ => format!(
                "{}.{:0width$}",
                n / 1000,
                (n % 1000).unsigned_abs(),
                width = places as usize
            ),
        };
        serde_json::from_str::<Value>(&text).expect("a JSON number")
    });
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        "[a-zA-Z0-9 é€/_.-]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-z._]{1,6}", inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn record() -> impl Strategy<Value = Value> {
    prop::collection::vec(("[a-z._]{1,6}", plain()), 0..8)
        .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>()))
}

/// What the tape says about `text` agrees with serde_json.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    let mut tape = Tape::default();
    if let Some(scanned) = tape.scan(text) {
        let parsed = serde_json::from_str::<Value>(text);
        prop_assert!(parsed.is_ok(), "the tape read {text:?}, serde_json did not");
        let value = parsed.unwrap_or_default();
        prop_assert!(value.is_object());
        prop_assert_eq!(&scanned.record.to_value(), &value, "{}", text);
        if scanned.canonical {
            prop_assert_eq!(value.to_string(), text);
        }
    }
    Ok(())
}

const EDITS: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u00e9", "\\ud800", "\\n", "0", "01", "-", ".",
    "e5", "E+1", "true", "nul", " ", "\n", "\u{1}", "é", "\"a\":1,",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn compact_plain_records_are_read_and_canonical(record in record()) {
        let text = record.to_string();
        let mut tape = Tape::default();
        let scanned = tape.scan(&text);
        prop_assert!(scanned.is_some(), "declined {}", text);
        let scanned = scanned.unwrap();
        prop_assert!(scanned.canonical);
        prop_assert_eq!(scanned.record.to_value(), record);
    }

    #[test]
    fn pretty_records_read_the_same_and_are_not_canonical(record in record()) {
        let text = serde_json::to_string_pretty(&record).unwrap_or_default();
        agrees(&text)?;
        let compact = record.to_string();
        let mut tape = Tape::default();
        if let Some(scanned) = tape.scan(&text) {
            prop_assert_eq!(scanned.canonical, text == compact);
        }
    }

    #[test]
    fn edited_records_are_read_as_serde_json_reads_them(
        record in record(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(EDITS), any::<bool>()), 1..4),
    ) {
        let mut text = record.to_string();
        for (at, edit, replace) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if replace && at < text.len() {
                let end = (at + 1..=text.len()).find(|&e| text.is_char_boundary(e)).unwrap_or(text.len());
                text.replace_range(at..end, edit);
            } else {
                text.insert_str(at, edit);
            }
        }
        agrees(&text)?;
    }
}

#[test]
fn forms_left_to_serde_json_are_declined() {
    for text in [
        r#"{"a":1,"a":2}"#,
        r#"{"a":1e5}"#,
        r#"{"\u0061":1}"#,
        r#"{"a":"\ud83d\ude00"}"#,
        r#"[1]"#,
        r#"{"a":01}"#,
        r#"{"a":1,}"#,
        "{\"a\":\"\u{1}\"}",
    ] {
        assert!(Tape::default().scan(text).is_none(), "{text}");
    }
    let escaped = r#"{"a":"x\"y\u00e9"}"#;
    let mut tape = Tape::default();
    let scanned = tape.scan(escaped).expect("escapes in values are read");
    assert!(!scanned.canonical);
    assert_eq!(
        scanned.record.get("a").and_then(JsonRef::text).as_deref(),
        Some("x\"yé")
    );
}
