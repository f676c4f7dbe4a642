//! The requests the client sends, written once: their URLs, their headers, and the body of an
//! execute call, which is sent byte for byte as the caller gave it. The dry-run description
//! is built from the same functions, with secrets replaced by `<redacted>`.

use std::fmt;

use indexmap::IndexMap;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::value::RawValue;

use crate::error::ClientError;
use crate::settings::{ConnectorRef, Credentials, Settings, env};

/// What stands in for a secret wherever a request is shown.
pub const REDACTED: &str = "<redacted>";

/// What the dry run shows for a connector id that the lookup would find.
const CONNECTOR_PLACEHOLDER: &str = "{connector_id}";

/// The page size the API uses when a request names no `limit`: the most records a page of
/// such a request may hold.
pub const DEFAULT_PAGE_LIMIT: u64 = 1000;

/// The `User-Agent` sift sends.
pub const USER_AGENT: &str = concat!("sift/", env!("CARGO_PKG_VERSION"));

/// An execute body: the caller's exact text, and its members (values kept as written) for
/// building the body of a later page.
#[derive(Clone, Debug)]
pub(crate) struct RequestBody {
    pub(crate) text: String,
    members: IndexMap<String, Box<RawValue>>,
}

impl RequestBody {
    /// Checks that `text` is a JSON object whose `params`, if any, is an object.
    pub(crate) fn new(text: &str) -> Result<RequestBody, ClientError> {
        let bad = |reason: String| ClientError::BadRequestBody { reason };
        let members: IndexMap<String, Box<RawValue>> =
            serde_json::from_str(text).map_err(|error| bad(error.to_string()))?;
        if let Some(params) = members.get("params") {
            serde_json::from_str::<IndexMap<String, Box<RawValue>>>(params.get())
                .map_err(|error| bad(format!("`params`: {error}")))?;
        }
        Ok(RequestBody {
            text: text.to_owned(),
            members,
        })
    }

    /// The most records a page may hold: `params.limit` when it is a whole number, else the
    /// server's default page size, [`DEFAULT_PAGE_LIMIT`].
    pub(crate) fn limit(&self) -> u64 {
        self.members
            .get("params")
            .and_then(|params| {
                serde_json::from_str::<IndexMap<String, Box<RawValue>>>(params.get()).ok()
            })
            .and_then(|params| serde_json::from_str::<u64>(params.get("limit")?.get()).ok())
            .unwrap_or(DEFAULT_PAGE_LIMIT)
    }

    /// The cursor the body already carries (`params.cursor`), if any.
    pub(crate) fn cursor(&self) -> Option<String> {
        let params: IndexMap<String, Box<RawValue>> =
            serde_json::from_str(self.members.get("params")?.get()).ok()?;
        serde_json::from_str(params.get("cursor")?.get()).ok()
    }

    /// The body with `params.cursor` set. Every other value keeps its exact text (numbers,
    /// escapes, key order); only the whitespace between members becomes compact.
    pub(crate) fn with_cursor(&self, cursor: &str) -> String {
        let mut members = self.members.clone();
        let mut params: IndexMap<String, Box<RawValue>> = members
            .get("params")
            .and_then(|params| serde_json::from_str(params.get()).ok())
            .unwrap_or_default();
        params.insert("cursor".to_owned(), raw(&serde_json::Value::from(cursor)));
        members.insert("params".to_owned(), raw(&params));
        serde_json::to_string(&members).unwrap_or_else(|_| self.text.clone())
    }
}

fn raw(value: &impl serde::Serialize) -> Box<RawValue> {
    // Serialising a string or a map of raw values cannot fail; the `null` default is never used.
    serde_json::value::to_raw_value(value).unwrap_or_default()
}

/// How a header's value is shown: as it is, or redacted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shown {
    Plain,
    Secret,
}

/// One header of a request.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub(crate) name: &'static str,
    pub(crate) value: String,
    pub(crate) shown: Shown,
    /// The setting the value comes from, named when it cannot be sent.
    pub(crate) setting: &'static str,
}

/// The headers of a request, in the order sent. `bearer` is the token (or [`REDACTED`]);
/// `None` for the token exchange, which has no `Authorization`.
pub(crate) fn headers(settings: &Settings, bearer: Option<&str>) -> Vec<Header> {
    let header = |name, value, shown, setting| Header {
        name,
        value,
        shown,
        setting,
    };
    let mut headers = Vec::with_capacity(4);
    if let Some(token) = bearer {
        headers.push(header(
            "Authorization",
            format!("Bearer {token}"),
            Shown::Secret,
            env::TOKEN,
        ));
    }
    headers.push(header(
        "Content-Type",
        "application/json".to_owned(),
        Shown::Plain,
        "Content-Type",
    ));
    headers.push(header(
        "User-Agent",
        USER_AGENT.to_owned(),
        Shown::Plain,
        "User-Agent",
    ));
    if let Some(organization) = &settings.organization_id {
        headers.push(header(
            "X-Organization-Id",
            organization.clone(),
            Shown::Plain,
            env::ORGANIZATION_ID,
        ));
    }
    headers
}

/// The headers as sent: a secret's value is marked sensitive (so HTTP/2 never indexes it and
/// reqwest never shows it); a value that cannot be sent is an error naming its setting, never
/// showing the value.
pub(crate) fn header_map(
    settings: &Settings,
    bearer: Option<&str>,
) -> Result<HeaderMap, ClientError> {
    let mut map = HeaderMap::new();
    for header in headers(settings, bearer) {
        let mut value =
            HeaderValue::from_str(&header.value).map_err(|_| ClientError::BadSetting {
                name: header.setting.to_owned(),
                reason: "contains characters that cannot be sent in an HTTP header".to_owned(),
            })?;
        value.set_sensitive(header.shown == Shown::Secret);
        map.append(header.name, value);
    }
    Ok(map)
}

pub(crate) fn token_url(settings: &Settings) -> reqwest::Url {
    settings.url(&["api", "v1", "account", "applications", "token"])
}

pub(crate) fn execute_url(settings: &Settings, connector_id: &str) -> reqwest::Url {
    settings.url(&[
        "api",
        "v1",
        "integrations",
        "connectors",
        connector_id,
        "execute",
    ])
}

pub(crate) fn lookup_url(
    settings: &Settings,
    workspace: &str,
    definition_id: &str,
) -> reqwest::Url {
    let mut url = settings.url(&["api", "v1", "integrations", "connectors"]);
    url.query_pairs_mut()
        .append_pair("workspace_name", workspace)
        .append_pair("definition_id", definition_id);
    url
}

/// One HTTP request as it would be sent, with secrets redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The full URL.
    pub url: String,
    /// Name and value of each header, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body, if any.
    pub body: Option<String>,
}

impl fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f)?;
            writeln!(f, "{body}")?;
        }
        Ok(())
    }
}

/// The requests a search with `body` makes, in order, for `--dry-run`: the token exchange
/// (with client credentials), the connector lookup (when the connector is found by
/// definition id; the execute URL then shows `{connector_id}` for the id it would return),
/// and the execute call with `body` exactly as given. Pure: nothing is sent.
pub fn describe_search(settings: &Settings, body: &str) -> Result<Vec<HttpRequest>, ClientError> {
    RequestBody::new(body)?;
    let connector = settings
        .connector
        .as_ref()
        .ok_or(ClientError::NoConnector)?;
    let described = |method, url: reqwest::Url, bearer: Option<&str>, body: Option<String>| {
        let headers = headers(settings, bearer)
            .into_iter()
            .map(|header| {
                let value = match header.shown {
                    Shown::Plain => header.value,
                    Shown::Secret => format!("Bearer {REDACTED}"),
                };
                (header.name.to_owned(), value)
            })
            .collect();
        HttpRequest {
            method,
            url: url.to_string(),
            headers,
            body,
        }
    };
    let mut requests = Vec::new();
    match &settings.credentials {
        Credentials::None => return Err(ClientError::NoCredentials),
        Credentials::Token(_) => {}
        Credentials::ClientCredentials { .. } => {
            let body = format!(r#"{{"client_id":"{REDACTED}","client_secret":"{REDACTED}"}}"#);
            requests.push(described("POST", token_url(settings), None, Some(body)));
        }
    }
    let connector_id = match connector {
        ConnectorRef::Id(id) => id.as_str(),
        ConnectorRef::Lookup {
            workspace,
            definition_id,
        } => {
            requests.push(described(
                "GET",
                lookup_url(settings, workspace, definition_id),
                Some(REDACTED),
                None,
            ));
            CONNECTOR_PLACEHOLDER
        }
    };
    let mut execute = described(
        "POST",
        execute_url(settings, connector_id),
        Some(REDACTED),
        Some(body.to_owned()),
    );
    // The URL encoder escapes the braces; the placeholder should read as one.
    execute.url = execute
        .url
        .replace("%7Bconnector_id%7D", CONNECTOR_PLACEHOLDER);
    requests.push(execute);
    Ok(requests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_page_keeps_every_value_as_written() {
        let text = r#"{ "entity": "users", "action": "search", "params": {"query": {"filter": {"eq": {"a": 1.50}}}, "limit": 2, "cursor": "old"}, "x": "\u00e9" }"#;
        let body = RequestBody::new(text).unwrap();
        assert_eq!(body.cursor().as_deref(), Some("old"));
        assert_eq!(
            body.with_cursor("c\"2"),
            r#"{"entity":"users","action":"search","params":{"query":{"filter": {"eq": {"a": 1.50}}},"limit":2,"cursor":"c\"2"},"x":"\u00e9"}"#
        );
        let bare = RequestBody::new(r#"{"entity":"users","action":"search"}"#).unwrap();
        assert_eq!(bare.cursor(), None);
        assert_eq!(
            bare.with_cursor("c"),
            r#"{"entity":"users","action":"search","params":{"cursor":"c"}}"#
        );
    }

    #[test]
    fn the_page_limit_is_the_requests_or_the_servers_default() {
        let limit = |text: &str| RequestBody::new(text).unwrap().limit();
        assert_eq!(limit(r#"{"params":{"query":{},"limit":7}}"#), 7);
        assert_eq!(limit(r#"{"params":{"query":{}}}"#), DEFAULT_PAGE_LIMIT);
        assert_eq!(limit(r#"{"entity":"users"}"#), DEFAULT_PAGE_LIMIT);
        assert_eq!(limit(r#"{"params":{"limit":"7"}}"#), DEFAULT_PAGE_LIMIT);
        assert_eq!(limit(r#"{"params":{"limit":-1}}"#), DEFAULT_PAGE_LIMIT);
    }

    #[test]
    fn only_the_authorization_header_is_sensitive() {
        let mut settings = Settings::new("https://h").unwrap();
        settings.organization_id = Some("org-1".into());
        let map = header_map(&settings, Some("tok-1")).unwrap();
        assert_eq!(map.len(), 4);
        for (name, value) in &map {
            assert_eq!(
                value.is_sensitive(),
                name == "authorization",
                "{name} sensitive: {}",
                value.is_sensitive()
            );
        }
        assert_eq!(map["authorization"], "Bearer tok-1");
        let exchange = header_map(&settings, None).unwrap();
        assert!(exchange.get("authorization").is_none());
    }

    #[test]
    fn a_value_that_cannot_be_sent_names_its_setting_not_its_value() {
        let mut settings = Settings::new("https://h").unwrap();
        let named = |settings: &Settings, bearer| match header_map(settings, bearer) {
            Err(ClientError::BadSetting { name, reason }) => {
                assert!(!reason.contains("s3cr3t"), "{reason}");
                name
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(named(&settings, Some("s3cr3t\nx")), env::TOKEN);
        settings.organization_id = Some("org\u{1}".into());
        assert_eq!(named(&settings, Some("t")), env::ORGANIZATION_ID);
    }

    #[test]
    fn bodies_that_are_not_objects_are_refused() {
        for text in ["[]", "{", r#"{"params": []}"#, ""] {
            assert!(
                matches!(
                    RequestBody::new(text),
                    Err(ClientError::BadRequestBody { .. })
                ),
                "{text}"
            );
        }
    }
}
