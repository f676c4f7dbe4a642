//! One page of search results, read from either response shape the API documents:
//! `{"data": [...], "meta": {...}}`, or the newer `{"result": {"data", "meta"},
//! "connector_metadata": ...}`. A missing `meta` or `has_more` means there is no more.
//!
//! The answer is read in place: members the page does not use are skipped without being
//! built, and each record is kept as its JSON text, so a page costs about its size once more
//! (never a tree of values, which costs many times the text). Every record must be a JSON
//! object, and a page may not hold more records than the request's limit; the reader stops
//! at the first record that breaks either rule.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Number, Value};

/// One page of records.
#[derive(Clone, Debug)]
pub struct Page {
    /// The records (`data`), as the server sent them.
    pub records: Vec<Record>,
    /// `meta.has_more` (false when missing).
    pub has_more: bool,
    /// `meta.cursor`, the cursor of the next page.
    pub cursor: Option<String>,
    /// `meta.took_ms`, the server's time for the search.
    pub took_ms: Option<Number>,
    /// `connector_metadata` of the wrapped shape, as the server wrote it.
    pub connector_metadata: Option<Box<RawValue>>,
    /// Whether the answer came in the wrapped shape (`result`).
    pub wrapped: bool,
}

/// One record: a JSON object, kept as the exact text the server sent (key order, numbers and
/// escapes as written).
#[derive(Clone)]
pub struct Record(Box<RawValue>);

impl Record {
    /// The record's JSON text, as the server wrote it.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// The record as a value (numbers exact, keys in order).
    pub fn to_value(&self) -> Value {
        // The text was read as one JSON object already; reading it again cannot fail.
        serde_json::from_str(self.json()).unwrap_or(Value::Null)
    }
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json())
    }
}

impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        self.json() == other.json()
    }
}

/// Why an answer is not a page.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PageProblem {
    /// Not the documented shape; says what is wrong (a record that is not an object, by its
    /// index, among them).
    Shape(String),
    /// More records than `limit`.
    TooManyRecords { limit: u64 },
}

/// The members of the page's object; the rest is skipped unread.
#[derive(Deserialize)]
struct Members<'a> {
    #[serde(borrow)]
    result: Option<&'a RawValue>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    #[serde(borrow)]
    meta: Option<&'a RawValue>,
    #[serde(borrow)]
    connector_metadata: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Meta<'a> {
    #[serde(borrow)]
    has_more: Option<&'a RawValue>,
    #[serde(borrow)]
    cursor: Option<&'a RawValue>,
    #[serde(borrow)]
    took_ms: Option<&'a RawValue>,
}

/// Reads a page out of the answer's bytes; a page with more than `limit` records is refused.
pub(crate) fn read_page(bytes: &[u8], limit: u64) -> Result<Page, PageProblem> {
    let shape = |detail: String| PageProblem::Shape(detail);
    let top: Members = object(bytes, "the answer").map_err(shape)?;
    let (body, connector_metadata, wrapped, prefix) = match top.result {
        Some(result) if !is_null(result) => {
            let body: Members = object(result.get().as_bytes(), "`result`").map_err(shape)?;
            (body, top.connector_metadata, true, "result.")
        }
        _ => (top, None, false, ""),
    };
    let Some(data) = body.data.filter(|data| !is_null(data)) else {
        return Err(shape(format!("no `{prefix}data` array")));
    };
    let records = read_records(data, limit, prefix)?;
    let meta = match body.meta.filter(|meta| !is_null(meta)) {
        None => None,
        Some(meta) => {
            Some(object::<Meta>(meta.get().as_bytes(), &format!("`{prefix}meta`")).map_err(shape)?)
        }
    };
    let (has_more, cursor, took_ms) = match meta {
        Some(meta) => (
            present(meta.has_more),
            present(meta.cursor),
            present(meta.took_ms),
        ),
        None => (None, None, None),
    };
    let has_more = match has_more {
        None => false,
        Some("true") => true,
        Some("false") => false,
        Some(_) => return Err(shape(format!("`{prefix}meta.has_more` is not a boolean"))),
    };
    let cursor = match cursor {
        None => None,
        Some(text) => Some(
            serde_json::from_str::<String>(text)
                .map_err(|_| shape(format!("`{prefix}meta.cursor` is not a string")))?,
        ),
    };
    let took_ms = took_ms.and_then(|text| serde_json::from_str(text).ok());
    Ok(Page {
        records,
        has_more,
        cursor,
        took_ms,
        connector_metadata: connector_metadata.map(ToOwned::to_owned),
        wrapped,
    })
}

/// `bytes` read as a JSON object into `T`, or what is wrong with it.
pub(crate) fn object<'a, T: Deserialize<'a>>(bytes: &'a [u8], what: &str) -> Result<T, String> {
    if first_byte(bytes) != Some(b'{') {
        return Err(format!("{what} is not a JSON object"));
    }
    serde_json::from_slice(bytes).map_err(|error| error.to_string())
}

pub(crate) fn first_byte(bytes: &[u8]) -> Option<u8> {
    bytes
        .iter()
        .copied()
        .find(|byte| !byte.is_ascii_whitespace())
}

/// A member's text, unless it is missing or `null`.
fn present(value: Option<&RawValue>) -> Option<&str> {
    value.filter(|value| !is_null(value)).map(RawValue::get)
}

fn is_null(value: &RawValue) -> bool {
    value.get() == "null"
}

/// The records of `data`: each an object, at most `limit` of them.
fn read_records(data: &RawValue, limit: u64, prefix: &str) -> Result<Vec<Record>, PageProblem> {
    let mut records = Vec::new();
    let read = each_element(data, |index, record| {
        if index == limit {
            return Err(PageProblem::TooManyRecords { limit });
        }
        if first_byte(record.get().as_bytes()) != Some(b'{') {
            return Err(PageProblem::Shape(format!(
                "record {index} of `{prefix}data` is {}, not a JSON object",
                kind(record.get())
            )));
        }
        records.push(Record(record.to_owned()));
        Ok(())
    });
    match read {
        Ok(()) => Ok(records),
        Err(ArrayError::NotArray) => Err(PageProblem::Shape(format!(
            "`{prefix}data` is not an array"
        ))),
        Err(ArrayError::Json(detail)) => Err(PageProblem::Shape(detail)),
        Err(ArrayError::Stopped(problem)) => Err(problem),
    }
}

/// Why [`each_element`] stopped.
#[derive(Debug)]
pub(crate) enum ArrayError<E> {
    /// The value is not an array.
    NotArray,
    /// The array is not valid JSON (what the reader said).
    Json(String),
    /// The caller's function refused an element.
    Stopped(E),
}

/// Calls `each` with the index and text of every element of the JSON array `array`, in
/// order, reading one element at a time (nothing is built); the first `Err` stops the read.
pub(crate) fn each_element<'a, E>(
    array: &'a RawValue,
    mut each: impl FnMut(u64, &'a RawValue) -> Result<(), E>,
) -> Result<(), ArrayError<E>> {
    if first_byte(array.get().as_bytes()) != Some(b'[') {
        return Err(ArrayError::NotArray);
    }
    let mut stopped = None;
    let visitor = ElementsVisitor {
        each: &mut each,
        stopped: &mut stopped,
    };
    let mut reader = serde_json::Deserializer::from_str(array.get());
    match de::Deserializer::deserialize_seq(&mut reader, visitor) {
        Ok(()) => Ok(()),
        Err(error) => Err(match stopped {
            Some(problem) => ArrayError::Stopped(problem),
            None => ArrayError::Json(error.to_string()),
        }),
    }
}

struct ElementsVisitor<'f, F, E> {
    each: &'f mut F,
    stopped: &'f mut Option<E>,
}

impl<'de, F, E> Visitor<'de> for ElementsVisitor<'_, F, E>
where
    F: FnMut(u64, &'de RawValue) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(element) = seq.next_element::<&'de RawValue>()? {
            if let Err(problem) = (self.each)(index, element) {
                *self.stopped = Some(problem);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}

/// What kind of JSON value `text` is, for a message.
fn kind(text: &str) -> &'static str {
    match first_byte(text.as_bytes()) {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Page, PageProblem> {
        read_page(text.as_bytes(), 1000)
    }

    fn shape(text: &str) -> String {
        match read(text) {
            Err(PageProblem::Shape(detail)) => detail,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn both_shapes() {
        let plain =
            read(r#"{"data":[{"id":1}],"meta":{"has_more":true,"cursor":"c","took_ms":3}}"#)
                .unwrap();
        let wrapped = read(
            r#"{"result":{"data":[{"id":1}],"meta":{"has_more":true,"cursor":"c","took_ms":3}},"connector_metadata":{"v":1}}"#,
        )
        .unwrap();
        assert_eq!(plain.records, wrapped.records);
        assert_eq!((plain.has_more, plain.cursor.as_deref()), (true, Some("c")));
        assert_eq!(
            (wrapped.has_more, wrapped.cursor.as_deref()),
            (true, Some("c"))
        );
        assert!(!plain.wrapped && wrapped.wrapped);
        assert_eq!(wrapped.connector_metadata.unwrap().get(), r#"{"v":1}"#);
        assert_eq!(plain.took_ms.unwrap().to_string(), "3");
    }

    #[test]
    fn records_keep_their_text() {
        let page = read(r#"{"data":[ {"b": 1.50, "a": "\u00e9"} , {}]}"#).unwrap();
        let texts: Vec<&str> = page.records.iter().map(Record::json).collect();
        assert_eq!(texts, [r#"{"b": 1.50, "a": "\u00e9"}"#, "{}"]);
        let expected: Value = serde_json::from_str(r#"{"b":1.50,"a":"é"}"#).unwrap();
        assert_eq!(page.records[0].to_value(), expected);
        assert_eq!(
            page.records[0].to_value().to_string(),
            r#"{"b":1.50,"a":"é"}"#
        );
    }

    #[test]
    fn missing_has_more_means_false() {
        for text in [
            r#"{"data":[]}"#,
            r#"{"data":[],"meta":{}}"#,
            r#"{"data":[],"meta":null}"#,
            r#"{"data":[],"meta":{"has_more":null}}"#,
        ] {
            assert!(!read(text).unwrap().has_more, "{text}");
        }
    }

    #[test]
    fn wrong_shapes_say_what_is_wrong() {
        assert_eq!(shape("[]"), "the answer is not a JSON object");
        assert_eq!(shape(r#"{"result":{}}"#), "no `result.data` array");
        assert_eq!(shape(r#"{"result":[]}"#), "`result` is not a JSON object");
        assert_eq!(shape(r#"{"data":{}}"#), "`data` is not an array");
        assert_eq!(
            shape(r#"{"data":[],"meta":{"has_more":"yes"}}"#),
            "`meta.has_more` is not a boolean"
        );
        assert_eq!(
            shape(r#"{"data":[],"meta":{"cursor":7}}"#),
            "`meta.cursor` is not a string"
        );
        assert_eq!(
            shape(r#"{"data":[],"meta":[]}"#),
            "`meta` is not a JSON object"
        );
    }

    #[test]
    fn every_record_is_an_object_named_by_index_when_not() {
        assert_eq!(
            shape(r#"{"data":[{}, {}, 0, {}]}"#),
            "record 2 of `data` is a number, not a JSON object"
        );
        assert_eq!(
            shape(r#"{"result":{"data":[[1]]}}"#),
            "record 0 of `result.data` is an array, not a JSON object"
        );
        for (text, kind) in [
            ("\"x\"", "a string"),
            ("true", "a boolean"),
            ("null", "null"),
        ] {
            assert!(
                shape(&format!(r#"{{"data":[{text}]}}"#)).contains(kind),
                "{text}"
            );
        }
    }

    #[test]
    fn a_page_keeps_to_the_limit() {
        let two = r#"{"data":[{"id":1},{"id":2}]}"#;
        assert_eq!(read_page(two.as_bytes(), 2).unwrap().records.len(), 2);
        assert_eq!(
            read_page(two.as_bytes(), 1).unwrap_err(),
            PageProblem::TooManyRecords { limit: 1 }
        );
        assert_eq!(
            read_page(br#"{"data":[0]}"#, 0).unwrap_err(),
            PageProblem::TooManyRecords { limit: 0 }
        );
    }

    #[test]
    fn members_the_page_does_not_use_are_skipped() {
        let page = read(r#"{"extra":{"deep":[{},{},[]]},"data":[{"id":1}],"more":1e999}"#).unwrap();
        assert_eq!(page.records.len(), 1);
        assert!(
            read(r#"{"data":[],"data":[]}"#).is_err(),
            "a repeated member"
        );
    }
}
