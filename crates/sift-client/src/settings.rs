//! Where the client sends its requests and how patient it is: base URL, credentials,
//! organization, connector, timeouts, retries and the page cap. Every setting has a default
//! (see [`Settings::new`]); [`Settings::from_env`] reads the `AIRBYTE_*` variables through a
//! lookup function, so a program (and a test) decides where the environment comes from.

use std::fmt;
use std::time::Duration;

use reqwest::Url;
use secrecy::SecretString;

use crate::error::ClientError;

/// The hosted API, used when `AIRBYTE_API_URL` is not set.
pub const DEFAULT_API_URL: &str = "https://api.airbyte.ai";

/// The workspace searched for a connector when none is named.
pub const DEFAULT_WORKSPACE: &str = "default";

/// The environment variables [`Settings::from_env`] reads, in one place for help texts.
pub mod env {
    /// A bearer token, used as it is (it cannot be refreshed).
    pub const TOKEN: &str = "AIRBYTE_TOKEN";
    /// The client id of the client-credentials exchange.
    pub const CLIENT_ID: &str = "AIRBYTE_CLIENT_ID";
    /// The client secret of the client-credentials exchange.
    pub const CLIENT_SECRET: &str = "AIRBYTE_CLIENT_SECRET";
    /// Sent as the `X-Organization-Id` header.
    pub const ORGANIZATION_ID: &str = "AIRBYTE_ORGANIZATION_ID";
    /// The API's base URL (default [`super::DEFAULT_API_URL`]).
    pub const API_URL: &str = "AIRBYTE_API_URL";
    /// The connector to search, by id.
    pub const CONNECTOR_ID: &str = "AIRBYTE_CONNECTOR_ID";
}

/// How the client authenticates. A secret's `Debug` prints `[REDACTED]`, never its value.
#[derive(Clone, Debug)]
pub enum Credentials {
    /// No credentials: every request fails with [`ClientError::NoCredentials`].
    None,
    /// A bearer token used as it is (`AIRBYTE_TOKEN`). A 401 cannot be cured by a refresh.
    Token(SecretString),
    /// The client-credentials exchange (`AIRBYTE_CLIENT_ID`, `AIRBYTE_CLIENT_SECRET`): the
    /// token it yields is cached, refreshed after [`Settings::token_refresh_after`], and
    /// refreshed once when a request is answered with 401.
    ClientCredentials {
        /// The application's client id.
        client_id: SecretString,
        /// The application's client secret.
        client_secret: SecretString,
    },
}

impl Credentials {
    /// Which variables to check when the API refuses these credentials.
    pub fn source(&self) -> CredentialSource {
        match self {
            Credentials::None => CredentialSource::None,
            Credentials::Token(_) => CredentialSource::Token,
            Credentials::ClientCredentials { .. } => CredentialSource::ClientCredentials,
        }
    }
}

/// Where the credentials came from, named in errors so the user knows what to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    /// No credentials were given.
    None,
    /// A bearer token (`AIRBYTE_TOKEN`).
    Token,
    /// The client-credentials exchange (`AIRBYTE_CLIENT_ID` / `AIRBYTE_CLIENT_SECRET`).
    ClientCredentials,
}

impl fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialSource::None => f.write_str("no credentials"),
            CredentialSource::Token => write!(f, "the token in {}", env::TOKEN),
            CredentialSource::ClientCredentials => {
                write!(f, "{} and {}", env::CLIENT_ID, env::CLIENT_SECRET)
            }
        }
    }
}

/// Which connector a search runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectorRef {
    /// A connector id (`AIRBYTE_CONNECTOR_ID`, `--connector-id`).
    Id(String),
    /// Look the connector up once per client with
    /// `GET {base}/api/v1/integrations/connectors?workspace_name=<w>&definition_id=<uuid>`;
    /// exactly one match is required.
    Lookup {
        /// The workspace's name ([`DEFAULT_WORKSPACE`] unless given).
        workspace: String,
        /// The connector definition id, the spec's `x-airbyte-connector-definition-id`.
        definition_id: String,
    },
}

/// When and how often a failed request is tried again. A request is retried on HTTP 429,
/// 500, 502, 503 and 504, on connection errors and on timeouts. The delay before retry `n`
/// (0-based) is the server's `Retry-After` (in seconds, capped at `max_retry_after`) when it
/// sends one, else a uniformly random duration in `0..=min(max_delay, base_delay * 2^n)`
/// ("full jitter"). A retry whose delay would end after `max_total` from the first attempt
/// is not made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// The backoff unit (default 1 s: ceilings of 1 s, 2 s, 4 s, ...).
    pub base_delay: Duration,
    /// The largest backoff ceiling (default 60 s).
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; longer values are cut to this (default 60 s).
    pub max_retry_after: Duration,
    /// The bound on the time from the first attempt to the start of the last (default 120 s).
    pub max_total: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(60),
            max_total: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries at all: the first answer or failure is final.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }
}

/// Everything the client needs to know. Construct with [`Settings::new`] or
/// [`Settings::from_env`], then change fields as flags ask.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Settings {
    /// The API's base URL (default [`DEFAULT_API_URL`]). `http://` is accepted only for
    /// loopback hosts, so a token never travels in clear text; for loopback hosts no proxy is
    /// used.
    pub base_url: Url,
    /// How to authenticate (default [`Credentials::None`]).
    pub credentials: Credentials,
    /// Sent as `X-Organization-Id` when set (default none).
    pub organization_id: Option<String>,
    /// The connector to search (default none: searching fails with
    /// [`ClientError::NoConnector`]).
    pub connector: Option<ConnectorRef>,
    /// Time allowed to open a connection (default 5 s).
    pub connect_timeout: Duration,
    /// Time allowed for one attempt, from sending the request to the last byte of the answer
    /// (default 30 s).
    pub request_timeout: Duration,
    /// Retries (default [`RetryPolicy::default`]).
    pub retry: RetryPolicy,
    /// The most pages [`crate::Pages`] fetches (default 20, the SDK's guidance for agents;
    /// the first page is always fetched, so 0 acts as 1).
    pub max_pages: usize,
    /// How long an exchanged token is used before a new one is fetched (default 14 minutes;
    /// tokens live 15).
    pub token_refresh_after: Duration,
    /// The largest answer read, in bytes (default 64 MiB); a larger one is an error, not a
    /// flood of memory.
    pub max_response_bytes: usize,
}

impl Settings {
    /// Settings with every default and the given base URL, checked like `AIRBYTE_API_URL`.
    pub fn new(base_url: &str) -> Result<Settings, ClientError> {
        Ok(Settings {
            base_url: parse_base_url(base_url)?,
            credentials: Credentials::None,
            organization_id: None,
            connector: None,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            max_pages: 20,
            token_refresh_after: Duration::from_secs(14 * 60),
            max_response_bytes: 64 << 20,
        })
    }

    /// Settings from the environment, read through `lookup` (pass
    /// `|name| std::env::var(name).ok()` for the process environment). Empty values count as
    /// unset. `AIRBYTE_TOKEN` wins over `AIRBYTE_CLIENT_ID`/`AIRBYTE_CLIENT_SECRET`; giving
    /// only one of the latter two is an error, as is a base URL that is not http(s).
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Result<Settings, ClientError> {
        let get = |name: &str| lookup(name).filter(|value| !value.is_empty());
        let base_url = get(env::API_URL);
        let mut settings = Settings::new(base_url.as_deref().unwrap_or(DEFAULT_API_URL))?;
        settings.credentials = match (
            get(env::TOKEN),
            get(env::CLIENT_ID),
            get(env::CLIENT_SECRET),
        ) {
            (Some(token), _, _) => Credentials::Token(token.into()),
            (None, Some(id), Some(secret)) => Credentials::ClientCredentials {
                client_id: id.into(),
                client_secret: secret.into(),
            },
            (None, Some(_), None) => {
                return Err(half_credentials(env::CLIENT_SECRET, env::CLIENT_ID));
            }
            (None, None, Some(_)) => {
                return Err(half_credentials(env::CLIENT_ID, env::CLIENT_SECRET));
            }
            (None, None, None) => Credentials::None,
        };
        settings.organization_id = get(env::ORGANIZATION_ID);
        settings.connector = get(env::CONNECTOR_ID).map(ConnectorRef::Id);
        Ok(settings)
    }

    /// Whether any credentials are set (the CLI runs on the API only then, unless asked).
    pub fn has_credentials(&self) -> bool {
        !matches!(self.credentials, Credentials::None)
    }

    /// Name the connector by id.
    pub fn with_connector_id(mut self, id: impl Into<String>) -> Settings {
        self.connector = Some(ConnectorRef::Id(id.into()));
        self
    }

    /// Find the connector by workspace ([`DEFAULT_WORKSPACE`] when `None`) and definition id.
    pub fn with_connector_lookup(
        mut self,
        workspace: Option<&str>,
        definition_id: impl Into<String>,
    ) -> Settings {
        self.connector = Some(ConnectorRef::Lookup {
            workspace: workspace.unwrap_or(DEFAULT_WORKSPACE).to_owned(),
            definition_id: definition_id.into(),
        });
        self
    }

    /// The URL of an API path given as segments below the base URL; each segment is
    /// percent-encoded, so an id cannot change the path or add a query.
    pub(crate) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Whether the base URL names this machine (then proxies are bypassed).
    pub(crate) fn is_loopback(&self) -> bool {
        is_loopback(&self.base_url)
    }
}

fn half_credentials(missing: &str, given: &str) -> ClientError {
    ClientError::BadSetting {
        name: missing.to_owned(),
        reason: format!("{given} is set but {missing} is not; the token exchange needs both"),
    }
}

fn parse_base_url(text: &str) -> Result<Url, ClientError> {
    let bad = |reason: String| ClientError::BadSetting {
        name: env::API_URL.to_owned(),
        reason,
    };
    let url = Url::parse(text).map_err(|error| bad(format!("`{text}` is not a URL ({error})")))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(bad(format!(
                "`{text}` uses http://, which would send the token in clear text; use https:// \
                 (http:// is accepted for loopback addresses only)"
            )));
        }
        other => {
            return Err(bad(format!(
                "`{text}` has scheme `{other}`; expected https"
            )));
        }
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(bad(format!("`{text}` has no host")));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(bad(format!(
            "`{text}` must not carry a query, fragment or user name"
        )));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(address) => address.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> Result<Settings, ClientError> {
        Settings::from_env(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn defaults_when_the_environment_is_empty() {
        let settings = from(&[]).unwrap();
        assert_eq!(settings.base_url.as_str(), "https://api.airbyte.ai/");
        assert!(!settings.has_credentials());
        assert_eq!(settings.organization_id, None);
        assert_eq!(settings.connector, None);
        assert_eq!(settings.connect_timeout, Duration::from_secs(5));
        assert_eq!(settings.request_timeout, Duration::from_secs(30));
        assert_eq!(settings.retry, RetryPolicy::default());
        assert_eq!(settings.max_pages, 20);
        assert_eq!(settings.token_refresh_after, Duration::from_secs(840));
    }

    #[test]
    fn every_variable_is_read() {
        let settings = from(&[
            (env::API_URL, "https://example.test/prefix"),
            (env::CLIENT_ID, "id"),
            (env::CLIENT_SECRET, "secret"),
            (env::ORGANIZATION_ID, "org-1"),
            (env::CONNECTOR_ID, "c-1"),
        ])
        .unwrap();
        assert_eq!(settings.base_url.as_str(), "https://example.test/prefix");
        assert_eq!(
            settings.credentials.source(),
            CredentialSource::ClientCredentials
        );
        assert_eq!(settings.organization_id.as_deref(), Some("org-1"));
        assert_eq!(settings.connector, Some(ConnectorRef::Id("c-1".into())));
        assert_eq!(
            settings.url(&["api", "v1", "x"]).as_str(),
            "https://example.test/prefix/api/v1/x"
        );
    }

    #[test]
    fn the_token_wins_and_empty_values_are_unset() {
        let settings = from(&[
            (env::TOKEN, "t"),
            (env::CLIENT_ID, "id"),
            (env::CONNECTOR_ID, ""),
        ])
        .unwrap();
        assert_eq!(settings.credentials.source(), CredentialSource::Token);
        assert_eq!(settings.connector, None);
    }

    #[test]
    fn half_of_the_client_credentials_is_an_error() {
        let error = from(&[(env::CLIENT_ID, "id")]).unwrap_err();
        assert!(
            error.to_string().contains("AIRBYTE_CLIENT_SECRET"),
            "{error}"
        );
        let error = from(&[(env::CLIENT_SECRET, "s3cr3t")]).unwrap_err();
        assert!(error.to_string().contains("AIRBYTE_CLIENT_ID"), "{error}");
        assert!(!error.to_string().contains("s3cr3t"));
    }

    #[test]
    fn base_urls_are_checked() {
        for bad in [
            "not a url",
            "ftp://example.test",
            "http://example.test",
            "https://h/?q=1",
        ] {
            let error = Settings::new(bad).unwrap_err();
            assert!(
                error.to_string().contains("AIRBYTE_API_URL"),
                "{bad}: {error}"
            );
        }
        for good in [
            "http://127.0.0.1:8080",
            "http://localhost",
            "http://[::1]:1",
            "https://h",
        ] {
            Settings::new(good).unwrap();
        }
    }

    #[test]
    fn ids_cannot_change_the_path() {
        let settings = Settings::new("https://h").unwrap();
        assert_eq!(
            settings.url(&["c", "a/b?x"]).as_str(),
            "https://h/c/a%2Fb%3Fx"
        );
    }
}
