//! The client's errors, as data: one enum with a stable code `sift::client::<name>` per
//! variant and help that names what to check. Server text is carried bounded, with control
//! and bidi characters escaped and every known secret cut out.

use std::time::Duration;

use miette::Diagnostic;

use crate::settings::CredentialSource;

/// The longest piece of server text an error carries, in characters.
pub const MAX_SERVER_TEXT: usize = 500;

/// Everything that can go wrong talking to the search API.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[non_exhaustive]
pub enum ClientError {
    /// A setting has a value the client cannot use.
    #[error("invalid setting {name}: {reason}")]
    #[diagnostic(code(sift::client::bad_setting))]
    BadSetting {
        /// The variable or setting.
        name: String,
        /// What is wrong with it.
        reason: String,
    },

    /// No credentials were given.
    #[error("no credentials for the search API")]
    #[diagnostic(
        code(sift::client::no_credentials),
        help("set AIRBYTE_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET")
    )]
    NoCredentials,

    /// No connector was named.
    #[error("no connector to search")]
    #[diagnostic(
        code(sift::client::no_connector),
        help(
            "set AIRBYTE_CONNECTOR_ID (or --connector-id), or give the connector's definition id \
             (the spec's x-airbyte-connector-definition-id) to look it up in a workspace"
        )
    )]
    NoConnector,

    /// The request body given to the client is not a JSON object.
    #[error("the request body is not a JSON object with an object `params`: {reason}")]
    #[diagnostic(
        code(sift::client::bad_request_body),
        help(
            "pass the request form `{{\"entity\",\"action\",\"params\"}}` that `sift compile --emit request` prints"
        )
    )]
    BadRequestBody {
        /// What the JSON reader said.
        reason: String,
    },

    /// The API refused the credentials (HTTP 401), after one refresh when one was possible.
    #[error("the API refused {credential} (HTTP 401){}", server_suffix(.server_message))]
    #[diagnostic(code(sift::client::unauthorized))]
    Unauthorized {
        /// Which credentials were refused.
        credential: CredentialSource,
        /// Whether a freshly exchanged token was refused too.
        refreshed: bool,
        /// The server's message.
        server_message: Option<String>,
        /// What to check.
        #[help]
        help: String,
    },

    /// The credentials are valid but may not do this (HTTP 403).
    #[error("the API forbids this request with {credential} (HTTP 403){}", server_suffix(.server_message))]
    #[diagnostic(code(sift::client::forbidden))]
    Forbidden {
        /// Which credentials were used.
        credential: CredentialSource,
        /// The server's message.
        server_message: Option<String>,
        /// What to check.
        #[help]
        help: String,
    },

    /// The token exchange refused the client credentials.
    #[error("the token exchange refused AIRBYTE_CLIENT_ID / AIRBYTE_CLIENT_SECRET (HTTP {status}){}", server_suffix(.server_message))]
    #[diagnostic(
        code(sift::client::token_rejected),
        help("check AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (and AIRBYTE_API_URL)")
    )]
    TokenRejected {
        /// The HTTP status.
        status: u16,
        /// The server's message.
        server_message: Option<String>,
    },

    /// The API rejected the request as invalid (HTTP 400 or 422).
    #[error("the API rejected the request (HTTP {status}): {message}")]
    #[diagnostic(
        code(sift::client::invalid_request),
        help("`sift validate` checks a request against the schema before it is sent")
    )]
    InvalidRequest {
        /// The HTTP status.
        status: u16,
        /// The server's validation text.
        message: String,
    },

    /// The API answered 429 on every attempt.
    #[error("the API is rate limiting (HTTP 429) and still was after {attempts} attempts{}", server_suffix(.server_message))]
    #[diagnostic(code(sift::client::rate_limited), help("wait a while and run again"))]
    RateLimited {
        /// Attempts made.
        attempts: u32,
        /// The server's message.
        server_message: Option<String>,
    },

    /// The API answered 500, 502, 503 or 504 on every attempt.
    #[error("the API failed with HTTP {status} after {attempts} attempts{}", server_suffix(.server_message))]
    #[diagnostic(
        code(sift::client::server_error),
        help("the service may be down; run again later")
    )]
    ServerError {
        /// The last HTTP status.
        status: u16,
        /// Attempts made.
        attempts: u32,
        /// The server's message.
        server_message: Option<String>,
    },

    /// Any other unsuccessful status (404, 409, ...).
    #[error("{what} answered HTTP {status}{}", server_suffix(.server_message))]
    #[diagnostic(code(sift::client::http_status))]
    HttpStatus {
        /// The request, as `METHOD URL`.
        what: String,
        /// The HTTP status.
        status: u16,
        /// The server's message.
        server_message: Option<String>,
        /// What to check, when the status suggests something.
        #[help]
        help: Option<String>,
    },

    /// No answer within a timeout, on every attempt.
    #[error("{what}: no answer within {} s ({attempts} attempts)", .after.as_secs_f64())]
    #[diagnostic(
        code(sift::client::timeout),
        help("the connect timeout is 5 s and the request timeout 30 s unless set otherwise")
    )]
    Timeout {
        /// The request, as `METHOD URL`.
        what: String,
        /// The timeout that ran out.
        after: Duration,
        /// Attempts made.
        attempts: u32,
    },

    /// The connection failed on every attempt.
    #[error("{what}: could not connect after {attempts} attempts: {detail}")]
    #[diagnostic(
        code(sift::client::connection),
        help("check AIRBYTE_API_URL and the network")
    )]
    Connection {
        /// The request, as `METHOD URL`.
        what: String,
        /// Attempts made.
        attempts: u32,
        /// The transport's account of the failure.
        detail: String,
    },

    /// A successful answer that is not what the API documents.
    #[error("{what}: the answer is not a valid response: {detail}")]
    #[diagnostic(code(sift::client::malformed_response))]
    MalformedResponse {
        /// The request, as `METHOD URL`.
        what: String,
        /// What is wrong.
        detail: String,
        /// The start of the body (none for the token exchange, whose body holds a token).
        excerpt: Option<String>,
    },

    /// An answer larger than [`crate::Settings::max_response_bytes`].
    #[error("{what}: the answer is larger than {limit} bytes")]
    #[diagnostic(
        code(sift::client::response_too_large),
        help("ask for fewer records with `limit`")
    )]
    ResponseTooLarge {
        /// The request, as `METHOD URL`.
        what: String,
        /// The bound.
        limit: usize,
    },

    /// No connector matched the lookup.
    #[error("no connector with definition id {definition_id} in workspace `{workspace}`")]
    #[diagnostic(
        code(sift::client::connector_not_found),
        help(
            "check the workspace name (--workspace), or name the connector with AIRBYTE_CONNECTOR_ID"
        )
    )]
    ConnectorNotFound {
        /// The workspace searched.
        workspace: String,
        /// The definition id searched for.
        definition_id: String,
    },

    /// Several connectors matched the lookup.
    #[error("{} connectors with definition id {definition_id} in workspace `{workspace}`: {}", .ids.len(), .ids.join(", "))]
    #[diagnostic(
        code(sift::client::connector_ambiguous),
        help("name one of them with AIRBYTE_CONNECTOR_ID or --connector-id")
    )]
    ConnectorAmbiguous {
        /// The workspace searched.
        workspace: String,
        /// The definition id searched for.
        definition_id: String,
        /// The ids found (at most 20 are listed).
        ids: Vec<String>,
    },

    /// The server answered with a cursor it had already given: following it would loop.
    #[error(
        "page {page} repeats the cursor `{cursor}` of an earlier page; stopped instead of looping"
    )]
    #[diagnostic(
        code(sift::client::repeated_cursor),
        help("the pages before it are complete")
    )]
    RepeatedCursor {
        /// The 1-based page that repeated it.
        page: usize,
        /// The cursor (bounded).
        cursor: String,
    },

    /// The server said there is more but gave no cursor to ask for it.
    #[error("page {page} says there are more records but gives no cursor")]
    #[diagnostic(code(sift::client::missing_cursor))]
    MissingCursor {
        /// The 1-based page.
        page: usize,
    },

    /// The page cap was reached while the server still had more.
    #[error("stopped after {pages} pages; the server has more")]
    #[diagnostic(
        code(sift::client::page_cap),
        help("the pages so far are complete; raise the page cap or narrow the query")
    )]
    PageCap {
        /// Pages fetched.
        pages: usize,
    },
}

fn server_suffix(message: &Option<String>) -> String {
    message
        .as_ref()
        .map(|text| format!(": {text}"))
        .unwrap_or_default()
}

/// The human message of an error body, as the API documents it: the
/// `errors[].userPresentableMessage` (or `.message`, `.error`) of every entry, else a
/// top-level `message` or `error`, else the raw body. Bounded and sanitised; `None` for an
/// empty body.
pub(crate) fn server_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed: Option<serde_json::Value> = serde_json::from_str(text).ok();
    let from_json = parsed.as_ref().and_then(|value| {
        let string_at = |value: &serde_json::Value, keys: &[&str]| {
            keys.iter()
                .find_map(|key| value.get(key)?.as_str().map(str::to_owned))
        };
        let entries: Vec<String> = value
            .get("errors")
            .and_then(|errors| errors.as_array())
            .into_iter()
            .flatten()
            .filter_map(|entry| match entry {
                serde_json::Value::String(text) => Some(text.clone()),
                other => string_at(other, &["userPresentableMessage", "message", "error"]),
            })
            .collect();
        if entries.is_empty() {
            string_at(value, &["message", "error"])
        } else {
            Some(entries.join("; "))
        }
    });
    Some(bounded(from_json.as_deref().unwrap_or(text)))
}

/// `text` cut to [`MAX_SERVER_TEXT`] characters, with control and bidi characters escaped so
/// server text cannot rewrite the user's terminal.
pub(crate) fn bounded(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref().take(MAX_SERVER_TEXT) {
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    let rest = chars.count();
    if rest > 0 {
        out.push_str(&format!("… ({rest} more characters)"));
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_message_places() {
        let cases: [(&str, Option<&str>); 8] = [
            (
                r#"{"errors":[{"userPresentableMessage":"bad field","message":"x"}]}"#,
                Some("bad field"),
            ),
            (
                r#"{"errors":[{"message":"m1"},{"error":"e2"}]}"#,
                Some("m1; e2"),
            ),
            (r#"{"errors":["plain"]}"#, Some("plain")),
            (r#"{"errors":[],"message":"top"}"#, Some("top")),
            (r#"{"error":"top error"}"#, Some("top error")),
            (r#"{"detail":"other"}"#, Some(r#"{"detail":"other"}"#)),
            ("not json at all", Some("not json at all")),
            ("  ", None),
        ];
        for (body, expected) in cases {
            assert_eq!(
                server_message(body.as_bytes()).as_deref(),
                expected,
                "{body}"
            );
        }
    }

    #[test]
    fn server_text_is_bounded_and_escaped() {
        let long = "é".repeat(MAX_SERVER_TEXT + 7);
        let text = bounded(&long);
        assert!(text.ends_with("… (7 more characters)"), "{text}");
        assert_eq!(bounded("a\u{1b}[31mb\u{202E}c"), "a\\u{1b}[31mb\\u{202e}c");
    }
}
