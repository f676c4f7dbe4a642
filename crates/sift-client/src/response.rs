//! One page of search results, read from either response shape the API documents:
//! `{"data": [...], "meta": {...}}`, or the newer `{"result": {"data", "meta"},
//! "connector_metadata": ...}`. A missing `meta` or `has_more` means there is no more.

use serde_json::{Map, Number, Value};

/// One page of records.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The records (`data`), as the server sent them (key order and numbers kept).
    pub records: Vec<Value>,
    /// `meta.has_more` (false when missing).
    pub has_more: bool,
    /// `meta.cursor`, the cursor of the next page.
    pub cursor: Option<String>,
    /// `meta.took_ms`, the server's time for the search.
    pub took_ms: Option<Number>,
    /// `connector_metadata` of the wrapped shape.
    pub connector_metadata: Option<Value>,
    /// Whether the answer came in the wrapped shape (`result`).
    pub wrapped: bool,
}

/// Reads a page out of a parsed JSON answer, or says what is missing.
pub(crate) fn read_page(value: Value) -> Result<Page, String> {
    let Value::Object(mut top) = value else {
        return Err("expected a JSON object".to_owned());
    };
    let (mut body, connector_metadata, wrapped, prefix) = match top.remove("result") {
        Some(Value::Object(result)) => (result, top.remove("connector_metadata"), true, "result."),
        Some(_) => return Err("`result` is not an object".to_owned()),
        None => (top, None, false, ""),
    };
    let records = match body.remove("data") {
        Some(Value::Array(records)) => records,
        Some(_) => return Err(format!("`{prefix}data` is not an array")),
        None => return Err(format!("no `{prefix}data` array")),
    };
    let meta = match body.remove("meta") {
        Some(Value::Object(meta)) => meta,
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(format!("`{prefix}meta` is not an object")),
    };
    let has_more = match meta.get("has_more") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(more)) => *more,
        Some(_) => return Err(format!("`{prefix}meta.has_more` is not a boolean")),
    };
    let cursor = match meta.get("cursor") {
        None | Some(Value::Null) => None,
        Some(Value::String(cursor)) => Some(cursor.clone()),
        Some(_) => return Err(format!("`{prefix}meta.cursor` is not a string")),
    };
    let took_ms = match meta.get("took_ms") {
        Some(Value::Number(took)) => Some(took.clone()),
        _ => None,
    };
    Ok(Page {
        records,
        has_more,
        cursor,
        took_ms,
        connector_metadata,
        wrapped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Page, String> {
        read_page(serde_json::from_str(text).unwrap())
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
        assert_eq!(
            wrapped.connector_metadata,
            Some(serde_json::json!({"v": 1}))
        );
    }

    #[test]
    fn missing_has_more_means_false() {
        for text in [
            r#"{"data":[]}"#,
            r#"{"data":[],"meta":{}}"#,
            r#"{"data":[],"meta":{"has_more":null}}"#,
        ] {
            assert!(!read(text).unwrap().has_more, "{text}");
        }
    }

    #[test]
    fn wrong_shapes_say_what_is_wrong() {
        assert_eq!(read("[]").unwrap_err(), "expected a JSON object");
        assert_eq!(
            read(r#"{"result":{}}"#).unwrap_err(),
            "no `result.data` array"
        );
        assert_eq!(
            read(r#"{"data":{}}"#).unwrap_err(),
            "`data` is not an array"
        );
        assert_eq!(
            read(r#"{"data":[],"meta":{"has_more":"yes"}}"#).unwrap_err(),
            "`meta.has_more` is not a boolean"
        );
    }
}
