//! A search request `{"entity","action","params"}`, read once from its text and checked for
//! the shape every reader relies on. The evaluator, the API client (which sends the text byte
//! for byte), the REPL and `sift search -f` all take this one value; a later page is the same
//! request with `params.cursor` and `params.limit` set, never a re-read of text.

use serde_json::{Map, Value};
use sift_lower::Target;

use crate::error::EvalError;
use crate::search::Search;

/// A search request: its exact text, and the JSON it holds. Its entity is a string, its
/// action (when present) a string, its params (when present) an object whose `limit` is a
/// whole number and whose `cursor` a string or null; what `params` means beyond that is the
/// evaluator's ([`Request::search`]) or the server's to judge.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    text: String,
    document: Value,
}

/// A JSON document read once: a request (an object with an `entity` member), or other JSON
/// (params, a bare filter) for the caller to wrap into one with [`Request::from_json`].
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Request(Request),
    Other(Value),
}

impl Request {
    /// Reads a request from its text, which is kept as it is (the API is sent these bytes).
    pub fn parse(text: &str) -> Result<Request, EvalError> {
        Request::checked(text.to_owned(), read_json(text)?)
    }

    /// Reads a document that may be a request; one that is keeps its text as [`Request::parse`]
    /// does.
    pub fn read(text: &str) -> Result<Document, EvalError> {
        let document = read_json(text)?;
        if document.get("entity").is_none() {
            return Ok(Document::Other(document));
        }
        Request::checked(text.to_owned(), document).map(Document::Request)
    }

    /// A request from JSON already read; its text is the compact form of `document`.
    pub fn from_json(document: Value) -> Result<Request, EvalError> {
        Request::checked(document.to_string(), document)
    }

    fn checked(text: String, document: Value) -> Result<Request, EvalError> {
        let object = document
            .as_object()
            .ok_or_else(|| EvalError::invalid("", "a request must be a JSON object"))?;
        if !object.get("entity").is_some_and(Value::is_string) {
            return Err(EvalError::invalid(
                "/entity",
                "a request names its entity (a string)",
            ));
        }
        if object.get("action").is_some_and(|a| !a.is_string()) {
            return Err(EvalError::invalid("/action", "the action is a string"));
        }
        match object.get("params") {
            None => {}
            Some(Value::Object(params)) => {
                if params.get("limit").is_some_and(|l| l.as_u64().is_none()) {
                    return Err(EvalError::invalid(
                        "/params/limit",
                        "`limit` is a whole number ≥ 0",
                    ));
                }
                if params
                    .get("cursor")
                    .is_some_and(|c| !c.is_string() && !c.is_null())
                {
                    return Err(EvalError::invalid(
                        "/params/cursor",
                        "`cursor` is the string of a previous page's `meta.cursor`",
                    ));
                }
            }
            Some(_) => {
                return Err(EvalError::invalid(
                    "/params",
                    "`params` must be a JSON object",
                ));
            }
        }
        Ok(Request { text, document })
    }

    /// The text to send: as read, or the compact JSON of a request built or changed here.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The whole request as JSON.
    pub fn json(&self) -> &Value {
        &self.document
    }

    pub fn entity(&self) -> &str {
        self.document["entity"].as_str().unwrap_or_default()
    }

    pub fn action(&self) -> Option<&str> {
        self.document.get("action").and_then(Value::as_str)
    }

    pub fn params(&self) -> Option<&Map<String, Value>> {
        self.document.get("params").and_then(Value::as_object)
    }

    fn param(&self, key: &str) -> Option<&Value> {
        self.params()?.get(key)
    }

    /// `params.query`: filter and sort.
    pub fn query(&self) -> Option<&Value> {
        self.param("query")
    }

    /// `params.semantic`: the semantic search, which only the API runs.
    pub fn semantic(&self) -> Option<&Value> {
        self.param("semantic")
    }

    /// `params.limit`: the most records of a page.
    pub fn limit(&self) -> Option<u64> {
        self.param("limit").and_then(Value::as_u64)
    }

    /// `params.cursor`: where the previous page ended.
    pub fn cursor(&self) -> Option<&str> {
        self.param("cursor").and_then(Value::as_str)
    }

    /// `params.fields`: the fields each record keeps.
    pub fn fields(&self) -> Option<&Value> {
        self.param("fields")
    }

    /// The same request for another page, in compact text: `params.cursor` set (adding
    /// `params` when there is none) and `params.limit` set (when there is `params`), where given.
    #[must_use]
    pub fn with_page(&self, cursor: Option<&str>, limit: Option<u64>) -> Request {
        let mut document = self.document.clone();
        if let Some(object) = document.as_object_mut() {
            if let Some(cursor) = cursor
                && let Some(params) = object
                    .entry("params")
                    .or_insert_with(|| Value::Object(Map::new()))
                    .as_object_mut()
            {
                params.insert("cursor".into(), Value::String(cursor.to_owned()));
            }
            if let Some(limit) = limit
                && let Some(params) = object.get_mut("params").and_then(Value::as_object_mut)
            {
                params.insert("limit".into(), Value::from(limit));
            }
        }
        Request {
            text: document.to_string(),
            document,
        }
    }

    /// The search the evaluator runs for `target` (whose action the request must name).
    pub fn search(&self, target: Target) -> Result<Search, EvalError> {
        Search::from_request(&self.document, target).map(|(_, search)| search)
    }
}

fn read_json(text: &str) -> Result<Value, EvalError> {
    serde_json::from_str(text).map_err(|e| EvalError::invalid("", format!("not JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_keeps_its_text_until_a_page_changes_it() {
        let text = r#"{"entity": "users", "action": "search", "params": {"limit": 2}}"#;
        let request = Request::parse(text).unwrap();
        assert_eq!(request.text(), text);
        assert_eq!((request.entity(), request.limit()), ("users", Some(2)));
        let next = request.with_page(Some("c1"), Some(1));
        assert_eq!(
            next.text(),
            r#"{"entity":"users","action":"search","params":{"limit":1,"cursor":"c1"}}"#
        );
        assert_eq!((next.cursor(), next.limit()), (Some("c1"), Some(1)));
    }

    #[test]
    fn a_limit_alone_adds_no_params_and_a_cursor_does() {
        let request = Request::parse(r#"{ "entity": "users" }"#).unwrap();
        assert_eq!(
            request.with_page(None, Some(3)).text(),
            r#"{"entity":"users"}"#
        );
        assert_eq!(
            request.with_page(Some("c"), None).text(),
            r#"{"entity":"users","params":{"cursor":"c"}}"#
        );
    }

    #[test]
    fn a_document_without_an_entity_is_left_to_the_caller() {
        let filter = r#"{"eq": {"name": "a"}}"#;
        assert!(matches!(Request::read(filter), Ok(Document::Other(_))));
        let request = r#"{"entity": "u", "params": {}}"#;
        match Request::read(request) {
            Ok(Document::Request(read)) => assert_eq!(read.text(), request),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_shape_is_checked_where_it_is_read() {
        let pointer_of = |text: &str| match Request::parse(text) {
            Err(EvalError::Invalid { pointer, .. }) => pointer,
            other => panic!("{other:?}"),
        };
        assert_eq!(pointer_of("[1]"), "");
        assert_eq!(pointer_of("{"), "");
        assert_eq!(pointer_of(r#"{"entity":1}"#), "/entity");
        assert_eq!(pointer_of(r#"{"entity":"u","action":2}"#), "/action");
        assert_eq!(pointer_of(r#"{"entity":"u","params":[]}"#), "/params");
        assert_eq!(
            pointer_of(r#"{"entity":"u","params":{"limit":-1}}"#),
            "/params/limit"
        );
        assert_eq!(
            pointer_of(r#"{"entity":"u","params":{"cursor":3}}"#),
            "/params/cursor"
        );
    }
}
