//! The client's errors, as data: one enum with a stable code `sift::client::<name>` per
//! variant and help that names what to check. Server text is carried with every piece of a
//! known secret cut out, then bounded; it is data, not escaped: escaping control and bidi
//! characters for a terminal is the renderer's business.

use std::time::Duration;

use miette::Diagnostic;

use crate::settings::CredentialSource;

/// The longest piece of server text an error carries, in characters.
pub const MAX_SERVER_TEXT: usize = 500;

/// The most redirects followed (within the origin) before [`ClientError::TooManyRedirects`].
pub const MAX_REDIRECTS: usize = 5;

/// The most connector ids an ambiguous lookup lists.
pub const MAX_LISTED_IDS: usize = 20;

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
    #[diagnostic(code(sift::client::timeout))]
    Timeout {
        /// The request, as `METHOD URL`.
        what: String,
        /// The timeout that ran out.
        after: Duration,
        /// Attempts made.
        attempts: u32,
        /// The timeouts in force and how to change them.
        #[help]
        help: String,
    },

    /// The connection failed (or closed before any answer) on every attempt.
    #[error("{what}: the connection failed ({attempts} attempts): {detail}")]
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

    /// The server answered with something that is not HTTP (or broke HTTP's rules mid-answer).
    /// Not retried: the same server would answer the same way.
    #[error("{what}: the answer is not valid HTTP: {detail}")]
    #[diagnostic(
        code(sift::client::protocol),
        help("AIRBYTE_API_URL may name a server that is not the search API")
    )]
    Protocol {
        /// The request, as `METHOD URL`.
        what: String,
        /// What the HTTP reader said.
        detail: String,
    },

    /// The answer stopped before its end (the connection closed early). Not retried: the
    /// request may have run.
    #[error("{what}: the answer was cut off after {received} bytes{}", .expected.map(|n| format!(" of the {n} announced")).unwrap_or_default())]
    #[diagnostic(
        code(sift::client::truncated_response),
        help("the connection closed while the answer was read; run the search again")
    )]
    TruncatedResponse {
        /// The request, as `METHOD URL`.
        what: String,
        /// Bytes of the body received.
        received: usize,
        /// The body's announced length (`Content-Length`), if any.
        expected: Option<u64>,
    },

    /// The server redirected more often than [`MAX_REDIRECTS`] times (a loop). Not retried.
    #[error("{what}: more than {MAX_REDIRECTS} redirects; stopped")]
    #[diagnostic(
        code(sift::client::too_many_redirects),
        help("the server redirects in a loop; check AIRBYTE_API_URL")
    )]
    TooManyRedirects {
        /// The request, as `METHOD URL`.
        what: String,
    },

    /// The server redirected to another origin (scheme, host or port). sift does not follow
    /// it: neither the credentials nor another server's answer are used.
    #[error("{what}: the server redirects to another origin, {to}; not followed")]
    #[diagnostic(
        code(sift::client::cross_origin_redirect),
        help(
            "sift follows redirects only within the origin of AIRBYTE_API_URL; if the API has \
             moved, set AIRBYTE_API_URL to its new address"
        )
    )]
    CrossOriginRedirect {
        /// The request, as `METHOD URL`.
        what: String,
        /// Where the server sent it (scrubbed and bounded).
        to: String,
    },

    /// A page with more records than the request's `limit` (or the server's default page
    /// size, 1000, when the request names none): the server is not keeping to the protocol,
    /// and none of the page is used.
    #[error("{what}: the page holds more than the {limit} records the request's limit allows")]
    #[diagnostic(
        code(sift::client::too_many_records),
        help("the server does not keep to the request's `limit`; check AIRBYTE_API_URL")
    )]
    TooManyRecords {
        /// The request, as `METHOD URL`.
        what: String,
        /// The request's `limit`.
        limit: u64,
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
    #[error("{found} connectors with definition id {definition_id} in workspace `{workspace}`: {}", listed(.ids, *.found))]
    #[diagnostic(
        code(sift::client::connector_ambiguous),
        help("name one of them with AIRBYTE_CONNECTOR_ID or --connector-id")
    )]
    ConnectorAmbiguous {
        /// The workspace searched.
        workspace: String,
        /// The definition id searched for.
        definition_id: String,
        /// How many were found.
        found: usize,
        /// The ids found (at most [`MAX_LISTED_IDS`] are listed).
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

/// The ids shown, with `…` when more were found.
fn listed(ids: &[String], found: usize) -> String {
    let more = if found > ids.len() { ", …" } else { "" };
    format!("{}{more}", ids.join(", "))
}

fn server_suffix(message: &Option<String>) -> String {
    message
        .as_ref()
        .map(|text| format!(": {text}"))
        .unwrap_or_default()
}

/// The human message of an error body, as the API documents it: the
/// `errors[].userPresentableMessage` (or `.message`, `.error`) of every entry, else a
/// top-level `message` or `error`, else the raw body; `None` for an empty body. Neither
/// bounded nor scrubbed: the client scrubs, then bounds ([`cut`]). The body is read without
/// building a tree of it: only the message strings are kept.
pub(crate) fn server_message(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let from_json = serde_json::from_str::<messages::ErrorBody>(text)
        .ok()
        .and_then(messages::ErrorBody::message);
    Some(from_json.unwrap_or_else(|| text.to_owned()))
}

/// `text` cut to [`MAX_SERVER_TEXT`] characters, saying how many more there were. Only for
/// text already scrubbed of secrets: cutting first could split a secret so that the scrub no
/// longer finds it. Characters are not escaped here: that is the renderer's business.
pub(crate) fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_SERVER_TEXT) {
        None => text.to_owned(),
        Some((at, _)) => {
            let rest = text[at..].chars().count();
            format!("{}… ({rest} more characters)", &text[..at])
        }
    }
}

/// Readers for the message places of an error body, keeping only their strings.
mod messages {
    use std::fmt;

    use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    /// The members of an error body or of one `errors` entry that can hold its message.
    #[derive(Default)]
    pub(super) struct ErrorBody {
        errors: Vec<String>,
        user_presentable: Option<String>,
        message: Option<String>,
        error: Option<String>,
    }

    impl ErrorBody {
        /// The entries' messages joined, else the top-level `message`, else `error`.
        pub(super) fn message(self) -> Option<String> {
            if self.errors.is_empty() {
                self.message.or(self.error)
            } else {
                Some(self.errors.join("; "))
            }
        }

        /// One `errors` entry's message.
        fn entry_message(self) -> Option<String> {
            self.user_presentable.or(self.message).or(self.error)
        }
    }

    impl<'de> de::Deserialize<'de> for ErrorBody {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(BodyVisitor)
        }
    }

    struct BodyVisitor;

    impl<'de> Visitor<'de> for BodyVisitor {
        type Value = ErrorBody;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
            let mut body = ErrorBody::default();
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match key.as_ref() {
                    "errors" => body.errors = map.next_value::<Entries>()?.0,
                    "userPresentableMessage" => body.user_presentable = map.next_value::<Text>()?.0,
                    "message" => body.message = map.next_value::<Text>()?.0,
                    "error" => body.error = map.next_value::<Text>()?.0,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(body)
        }
    }

    /// A string, or `None` for any other JSON value (read, not kept).
    struct Text(Option<String>);

    impl<'de> de::Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(TextVisitor)
        }
    }

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Text;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
            Ok(Text(Some(text.to_owned())))
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<Text, E> {
            Ok(Text(Some(text)))
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text, E> {
            Ok(Text(None))
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Text, E> {
            Ok(Text(None))
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Text, E> {
            Ok(Text(None))
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Text, E> {
            Ok(Text(None))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
            Ok(Text(None))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
            IgnoredAny.visit_map(map).map(|_| Text(None))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Text, A::Error> {
            IgnoredAny.visit_seq(seq).map(|_| Text(None))
        }
    }

    /// The messages of an `errors` array (an entry is a string or an object); any other value
    /// holds none.
    struct Entries(Vec<String>);

    impl<'de> de::Deserialize<'de> for Entries {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(EntriesVisitor)
        }
    }

    struct EntriesVisitor;

    impl<'de> Visitor<'de> for EntriesVisitor {
        type Value = Entries;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of errors")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entries, A::Error> {
            let mut found = Vec::new();
            while let Some(entry) = seq.next_element::<Entry>()? {
                found.extend(entry.0);
            }
            Ok(Entries(found))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entries, A::Error> {
            IgnoredAny.visit_map(map).map(|_| Entries(Vec::new()))
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<Entries, E> {
            Ok(Entries(Vec::new()))
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entries, E> {
            Ok(Entries(Vec::new()))
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Entries, E> {
            Ok(Entries(Vec::new()))
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Entries, E> {
            Ok(Entries(Vec::new()))
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entries, E> {
            Ok(Entries(Vec::new()))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Entries, E> {
            Ok(Entries(Vec::new()))
        }
    }

    /// One `errors` entry: a string is its message, an object names it in one of its members.
    struct Entry(Option<String>);

    impl<'de> de::Deserialize<'de> for Entry {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(EntryVisitor)
        }
    }

    struct EntryVisitor;

    impl<'de> Visitor<'de> for EntryVisitor {
        type Value = Entry;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error entry")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
            BodyVisitor
                .visit_map(map)
                .map(|body| Entry(body.entry_message()))
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Entry, E> {
            Ok(Entry(Some(text.to_owned())))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Entry, A::Error> {
            IgnoredAny.visit_seq(seq).map(|_| Entry(None))
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Entry, E> {
            Ok(Entry(None))
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Entry, E> {
            Ok(Entry(None))
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Entry, E> {
            Ok(Entry(None))
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entry, E> {
            Ok(Entry(None))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Entry, E> {
            Ok(Entry(None))
        }
    }
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
    fn server_text_is_bounded_not_escaped() {
        let long = "é".repeat(MAX_SERVER_TEXT + 7);
        let text = cut(&long);
        assert!(text.ends_with("… (7 more characters)"), "{text}");
        assert_eq!(text.chars().filter(|c| *c == 'é').count(), MAX_SERVER_TEXT);
        let exact = "x".repeat(MAX_SERVER_TEXT);
        assert_eq!(cut(&exact), exact);
        // Data, not terminal text: escaping is the renderer's.
        assert_eq!(cut("a\u{1b}[31mb\u{202E}c"), "a\u{1b}[31mb\u{202E}c");
    }

    #[test]
    fn message_places_that_hold_no_string_fall_back_to_the_body() {
        for body in [
            r#"{"message": 3, "error": null}"#,
            r#"{"errors": [1, [2], {"message": {"deep": "x"}}]}"#,
            r#"{"errors": "not an array"}"#,
        ] {
            assert_eq!(server_message(body.as_bytes()).as_deref(), Some(body));
        }
        assert_eq!(
            server_message(br#"{"errors": [{"code": 1.5e3, "message": "m"}], "n": 1e400}"#)
                .as_deref(),
            Some("m")
        );
    }
}
