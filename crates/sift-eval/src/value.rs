//! How record values are found, compared and read as text. Every rule here is described in
//! `docs/semantics.md`; the evaluator, the sort and the cursors all go through these functions,
//! so a record that matches `gt` also sorts after the bound.

use std::cmp::Ordering;

use serde_json::{Map, Value};
use sift_check::Decimal;

/// The value at a wire path (`client.name`), or `None` when it is missing. A key that exists
/// whole (`customer.id` as one field) wins over the same text read as a dotted path; otherwise
/// the path walks into objects, one dot at a time. Arrays are not walked (that is `any`).
pub fn lookup<'v>(record: &'v Value, path: &str) -> Option<&'v Value> {
    lookup_segments(record, path).map(|(value, _)| value)
}

/// Like [`lookup`], also returning the keys walked (for `fields` projection).
pub(crate) fn lookup_segments<'v, 'p>(
    record: &'v Value,
    path: &'p str,
) -> Option<(&'v Value, Vec<&'p str>)> {
    let object = record.as_object()?;
    if let Some(value) = object.get(path) {
        return Some((value, vec![path]));
    }
    for (at, _) in path.match_indices('.') {
        let (head, tail) = (&path[..at], &path[at + 1..]);
        if let Some(inner) = object.get(head)
            && let Some((value, mut rest)) = lookup_segments(inner, tail)
        {
            rest.insert(0, head);
            return Some((value, rest));
        }
    }
    None
}

/// The value at a path given as its keys (`[["client","name"]]`).
pub(crate) fn lookup_keys<'v>(record: &'v Value, keys: &[String]) -> Option<&'v Value> {
    keys.iter()
        .try_fold(record, |value, key| value.as_object()?.get(key))
}

/// True when the value is missing or `null`: the evaluator treats both alike.
pub fn is_null(value: Option<&Value>) -> bool {
    matches!(value, None | Some(Value::Null))
}

/// A JSON number as an exact decimal (the workspace reads numbers with their text kept).
pub(crate) fn decimal(number: &serde_json::Number) -> Option<Decimal> {
    Decimal::parse(number.as_str())
}

/// Equality of JSON values: same JSON type and same value; numbers compare exactly (`2.50` =
/// `2.5`), strings exactly (case matters), arrays element-wise, objects key-wise.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => {
            x.as_str() == y.as_str() || (decimal(x).is_some() && decimal(x) == decimal(y))
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => objects_eq(x, y),
        _ => false,
    }
}

fn objects_eq(x: &Map<String, Value>, y: &Map<String, Value>) -> bool {
    x.len() == y.len()
        && x.iter()
            .all(|(key, a)| y.get(key).is_some_and(|b| json_eq(a, b)))
}

/// The order of two values of the same comparable type: numbers exactly, strings as instants
/// when both read as ISO 8601 dates or date-times, else by Unicode code points. Any other pair
/// (a number and a string, booleans, nulls) has no order: comparisons with it are false.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => Some(decimal(x)?.cmp(&decimal(y)?)),
        (Value::String(x), Value::String(y)) => Some(compare_text(x, y)),
        _ => None,
    }
}

/// Strings that both read as dates or date-times compare as instants (a date is midnight UTC,
/// a date-time without offset is UTC); other strings compare by code points.
pub(crate) fn compare_text(a: &str, b: &str) -> Ordering {
    match (instant(a), instant(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// `2025-03-01`, `2025-03-01T10:00:00Z`, `2025-03-01T10:00:00+02:00` as an instant.
pub(crate) fn instant(text: &str) -> Option<jiff::Timestamp> {
    // Only text that starts like a date is tried, so names and notes cost no parse attempt.
    let bytes = text.as_bytes();
    if bytes.len() < 10 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return None;
    }
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(timestamp);
    }
    let civil = text.parse::<jiff::civil::DateTime>().ok()?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The total order of the sort: values before nulls and missing fields (in both directions);
/// among values, booleans < numbers < strings < arrays < objects, then within a type by
/// [`compare`] (false < true; arrays and objects by their JSON text). `descending` reverses the
/// order of values, never the place of nulls.
pub fn sort_order(a: Option<&Value>, b: Option<&Value>, descending: bool) -> Ordering {
    match (is_null(a), is_null(b)) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => {
            let (a, b) = (a.unwrap_or(&Value::Null), b.unwrap_or(&Value::Null));
            let order = value_order(a, b);
            if descending { order.reverse() } else { order }
        }
    }
}

fn value_order(a: &Value, b: &Value) -> Ordering {
    let rank = |v: &Value| match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    };
    rank(a).cmp(&rank(b)).then_with(|| match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => match (decimal(x), decimal(y)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => x.as_str().cmp(y.as_str()),
        },
        (Value::String(x), Value::String(y)) => compare_text(x, y),
        _ => a.to_string().cmp(&b.to_string()),
    })
}

/// Text folded for the case-insensitive operators (Unicode lower case).
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// The words of a text for `fuzzy` and `keyword`: maximal runs of letters and digits, folded;
/// everything else (spaces, punctuation, symbols) separates words.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}
