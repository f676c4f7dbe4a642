//! The requests the client sends, written once: their URLs, their headers, and the body of an
//! execute call, which is sent byte for byte as the caller gave it. The dry-run description
//! is built from the same functions, with secrets replaced by `<redacted>`.

use std::fmt;

use indexmap::IndexMap;
use serde_json::value::RawValue;

use crate::error::ClientError;
use crate::settings::{ConnectorRef, Credentials, Settings};

/// What stands in for a secret wherever a request is shown.
pub const REDACTED: &str = "<redacted>";

/// What the dry run shows for a connector id that the lookup would find.
const CONNECTOR_PLACEHOLDER: &str = "{connector_id}";

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

/// The headers of a request, in the order sent. `bearer` is the token (or [`REDACTED`]);
/// `None` for the token exchange, which has no `Authorization`.
pub(crate) fn headers(
    settings: &Settings,
    bearer: Option<&str>,
) -> Vec<(&'static str, String, Shown)> {
    let mut headers = Vec::with_capacity(4);
    if let Some(token) = bearer {
        headers.push(("Authorization", format!("Bearer {token}"), Shown::Secret));
    }
    headers.push(("Content-Type", "application/json".to_owned(), Shown::Plain));
    headers.push(("User-Agent", USER_AGENT.to_owned(), Shown::Plain));
    if let Some(organization) = &settings.organization_id {
        headers.push(("X-Organization-Id", organization.clone(), Shown::Plain));
    }
    headers
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
            .map(|(name, value, shown)| {
                let value = match shown {
                    Shown::Plain => value,
                    Shown::Secret => format!("Bearer {REDACTED}"),
                };
                (name.to_owned(), value)
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
