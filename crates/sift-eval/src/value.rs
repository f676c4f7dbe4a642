//! How record values are found, compared and read as text. Every rule here is described in
//! `docs/semantics.md`. One total order of JSON values ([`json_order`]) is written here once;
//! equality, the comparisons, the sort and the cursors all read it, so a record that matches
//! `gt` also sorts after the bound, and paging by cursor neither loses nor repeats a record.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;
use sift_check::Decimal;

use crate::json::{JsonKind, JsonRef};

/// The value at a wire path (`client.name`), or `None` when it is missing. A key that exists
/// whole (`customer.id` as one field) wins over the same text read as a dotted path; otherwise
/// the path walks into objects, one dot at a time. Arrays are not walked (that is `any`).
pub fn lookup<'v, J: JsonRef<'v>>(record: J, path: &str) -> Option<J> {
    resolve(record, path, None)
}

/// Like [`lookup`], also returning the keys walked (for `fields` projection).
pub(crate) fn lookup_segments<'v, 'p>(
    record: &'v Value,
    path: &'p str,
) -> Option<(&'v Value, Vec<&'p str>)> {
    let mut keys = Vec::new();
    resolve(record, path, Some(&mut keys)).map(|value| (value, keys))
}

/// [`lookup`], recording the keys walked in `keys` when asked.
fn resolve<'v, 'p, J: JsonRef<'v>>(
    record: J,
    path: &'p str,
    mut keys: Option<&mut Vec<&'p str>>,
) -> Option<J> {
    if record.kind() != JsonKind::Object {
        return None;
    }
    if let Some(value) = record.get(path) {
        if let Some(keys) = keys {
            keys.push(path);
        }
        return Some(value);
    }
    for (at, _) in path.match_indices('.') {
        let (head, tail) = (&path[..at], &path[at + 1..]);
        if let Some(inner) = record.get(head) {
            let mark = keys.as_deref().map_or(0, Vec::len);
            if let Some(keys) = keys.as_deref_mut() {
                keys.push(head);
            }
            if let Some(value) = resolve(inner, tail, keys.as_deref_mut()) {
                return Some(value);
            }
            if let Some(keys) = keys.as_deref_mut() {
                keys.truncate(mark);
            }
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
pub fn is_null<'v, J: JsonRef<'v>>(value: Option<J>) -> bool {
    value.is_none_or(|v| v.kind() == JsonKind::Null)
}

/// A JSON number's text as an exact decimal.
pub(crate) fn decimal(number: &str) -> Option<Decimal> {
    Decimal::parse(number)
}

/// A plain JSON number (`-12.50`: no exponent, at most 18 digits) as `mantissa / 10^scale`:
/// the common case, compared exactly without building a [`Decimal`].
#[derive(Clone, Copy)]
struct Plain {
    mantissa: i64,
    scale: u32,
}

impl Plain {
    fn parse(text: &str) -> Option<Plain> {
        let body = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        if whole.is_empty()
            || whole.len() + fraction.len() > 18
            || !whole
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
            || (body.len() > whole.len() && fraction.is_empty())
        {
            return None;
        }
        let digits = whole.bytes().chain(fraction.bytes());
        let magnitude = digits.fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        Some(Plain {
            mantissa: if body.len() < text.len() {
                -magnitude
            } else {
                magnitude
            },
            scale: fraction.len() as u32,
        })
    }

    fn scaled(self, scale: u32) -> i128 {
        i128::from(self.mantissa) * 10i128.pow(scale - self.scale)
    }

    fn cmp(self, other: Plain) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.scaled(scale).cmp(&other.scaled(scale))
    }
}

/// The exact order of two JSON numbers (`2.50` = `2.5`, `1e99999999999999999999` above every
/// number with a smaller exponent), by [`Decimal`]'s order; `None` when one is not a number.
pub(crate) fn number_order(a: &str, b: &str) -> Option<Ordering> {
    if a == b {
        return Some(Ordering::Equal);
    }
    match (Plain::parse(a), Plain::parse(b)) {
        (Some(x), Some(y)) => Some(x.cmp(y)),
        _ => Some(decimal(a)?.cmp(&decimal(b)?)),
    }
}

/// True when a JSON number is whole and fits an `i64` (`2.0` and `1e3` are whole).
pub(crate) fn is_whole(number: &str) -> bool {
    match Plain::parse(number) {
        Some(plain) => plain.mantissa % 10i64.pow(plain.scale) == 0,
        None => decimal(number).is_some_and(|d| d.to_integer().is_some()),
    }
}

/// Equality of JSON values: [`json_order`] says `Equal`. So: same JSON type and same value;
/// numbers exactly (`2.50` = `2.5`), strings exactly (case matters), arrays element-wise,
/// objects key-wise (whatever the order of their keys).
pub fn json_eq<'a, 'b, A: JsonRef<'a>, B: JsonRef<'b>>(a: A, b: B) -> bool {
    json_order(a, b) == Ordering::Equal
}

/// The order of two values for `gt`, `gte`, `lt` and `lte`: [`json_order`] where both are numbers
/// or both are strings. Any other pair (a number and a string, booleans, nulls, arrays,
/// objects) has no order: comparisons with it are false.
pub fn compare<'a, 'b, A: JsonRef<'a>, B: JsonRef<'b>>(a: A, b: B) -> Option<Ordering> {
    match (a.kind(), b.kind()) {
        (JsonKind::Number, JsonKind::Number) | (JsonKind::String, JsonKind::String) => {
            Some(json_order(a, b))
        }
        _ => None,
    }
}

/// The one total order of JSON values, which equality, the comparisons and the sort all
/// read: first by JSON type, null < booleans < numbers < strings < arrays < objects; then
/// within a type: false < true; numbers exactly by value ([`Decimal`]: sign, then decimal
/// exponent, then digits; no float, no overflow); strings as text, by Unicode code points
/// (dates and date-times included, as the API compares them: an offset is not converted);
/// arrays element by element, a prefix first; objects by their entries in key order (key,
/// then value), a prefix first.
pub fn json_order<'a, 'b, A: JsonRef<'a>, B: JsonRef<'b>>(a: A, b: B) -> Ordering {
    a.kind().cmp(&b.kind()).then_with(|| match a.kind() {
        JsonKind::Null => Ordering::Equal,
        JsonKind::Bool => a.as_bool().cmp(&b.as_bool()),
        JsonKind::Number => {
            let (x, y) = (
                a.number_text().unwrap_or_default(),
                b.number_text().unwrap_or_default(),
            );
            // Both are JSON numbers (a `Value` and the tape hold nothing else); the text
            // order only keeps the order total should one not be.
            number_order(x, y).unwrap_or_else(|| x.cmp(y))
        }
        JsonKind::String => a.text().cmp(&b.text()),
        JsonKind::Array => {
            let mut ys = b.items();
            for x in a.items() {
                match ys.next() {
                    Some(y) => match json_order(x, y) {
                        Ordering::Equal => {}
                        unequal => return unequal,
                    },
                    None => return Ordering::Greater,
                }
            }
            if ys.next().is_some() {
                Ordering::Less
            } else {
                Ordering::Equal
            }
        }
        JsonKind::Object => {
            let (xs, ys) = (by_key(a), by_key(b));
            for ((k, x), (l, y)) in xs.iter().zip(&ys) {
                match k.cmp(l).then_with(|| json_order(*x, *y)) {
                    Ordering::Equal => {}
                    unequal => return unequal,
                }
            }
            xs.len().cmp(&ys.len())
        }
    })
}

/// An object's entries in key order (keys are unique: see [`JsonRef`]).
fn by_key<'v, J: JsonRef<'v>>(object: J) -> Vec<(Cow<'v, str>, J)> {
    let mut entries: Vec<_> = object.entries().collect();
    entries.sort_by(|(k, _), (l, _)| k.cmp(l));
    entries
}

/// The order of the sort: values before nulls and missing fields (in both directions); among
/// values, [`json_order`]. `descending` reverses the order of values, never the place of nulls.
pub fn sort_order<'a, 'b, A: JsonRef<'a>, B: JsonRef<'b>>(
    a: Option<A>,
    b: Option<B>,
    descending: bool,
) -> Ordering {
    match (
        a.filter(|v| v.kind() != JsonKind::Null),
        b.filter(|v| v.kind() != JsonKind::Null),
    ) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let order = json_order(a, b);
            if descending { order.reverse() } else { order }
        }
    }
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
