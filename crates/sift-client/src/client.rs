//! The client: credentials and their refresh, the connector lookup, and one request loop that
//! every call goes through (retries, the 401 refresh, status errors).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::clock::{Clock, SystemClock};
use crate::error::{ClientError, MAX_LISTED_IDS, cut, server_message};
use crate::pages::Pages;
use crate::request::{self, RequestBody};
use crate::response::{self, ArrayError, Page, PageProblem, read_page};
use crate::scrub::scrub;
use crate::settings::{ConnectorRef, CredentialSource, Credentials, Settings, env};
use crate::transport::{self, Failure, Transient};

/// A client of the search API. Cheap to share by reference; it caches the exchanged token
/// and the looked-up connector id. Its `Debug` shows no secret.
pub struct Client {
    settings: Settings,
    http: reqwest::Client,
    clock: Arc<dyn Clock>,
    token: tokio::sync::Mutex<Option<CachedToken>>,
    connector_id: tokio::sync::OnceCell<String>,
    /// The last tokens the exchange gave, cut out of any server text put into an error.
    issued: std::sync::Mutex<Vec<SecretString>>,
}

/// How many exchanged tokens [`Client::scrub`] remembers.
const ISSUED_REMEMBERED: usize = 4;

struct CachedToken {
    token: SecretString,
    fetched: Instant,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.settings.base_url.as_str())
            .field("credentials", &self.settings.credentials.source())
            .field("connector", &self.settings.connector)
            .finish_non_exhaustive()
    }
}

/// Which endpoint a request goes to; it decides the authentication and the errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    Token,
    Lookup,
    Execute,
}

impl Client {
    /// A client with the real clock.
    pub fn new(settings: Settings) -> Result<Client, ClientError> {
        Client::with_clock(settings, Arc::new(SystemClock))
    }

    /// A client whose token ages and retry waits follow `clock` (see
    /// [`crate::ManualClock`] for tests).
    pub fn with_clock(settings: Settings, clock: Arc<dyn Clock>) -> Result<Client, ClientError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout)
            .redirect(transport::redirect_policy());
        if settings.is_loopback() {
            // A proxy cannot reach this machine's loopback; tests must not leave it either.
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|error| ClientError::BadSetting {
            name: "HTTP client".to_owned(),
            reason: error.to_string(),
        })?;
        Ok(Client {
            settings,
            http,
            clock,
            token: tokio::sync::Mutex::new(None),
            connector_id: tokio::sync::OnceCell::new(),
            issued: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// The settings the client was made with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Runs one search: `POST {base}/api/v1/integrations/connectors/{id}/execute` with `body`
    /// sent byte for byte (the request form `sift compile --emit request` prints). `body`
    /// must be a JSON object.
    pub async fn search(&self, body: &str) -> Result<Page, ClientError> {
        let limit = RequestBody::new(body)?.limit();
        self.execute(body, limit).await
    }

    /// The pages of a search, following `meta.cursor` while `has_more` (see [`Pages`]).
    pub fn pages(&self, body: &str) -> Result<Pages<'_>, ClientError> {
        Ok(Pages::new(self, RequestBody::new(body)?))
    }

    /// The connector id: as given, or looked up once (by workspace and definition id) and
    /// then remembered.
    pub async fn connector_id(&self) -> Result<String, ClientError> {
        let id = self
            .connector_id
            .get_or_try_init(|| self.find_connector())
            .await?;
        Ok(id.clone())
    }

    /// Sends an already checked body; a page of more than `limit` records is refused.
    pub(crate) async fn execute(&self, body: &str, limit: u64) -> Result<Page, ClientError> {
        let id = self.connector_id().await?;
        let url = request::execute_url(&self.settings, &id);
        let what = format!("POST {url}");
        let bytes = self
            .call(Endpoint::Execute, Method::POST, url, Some(body))
            .await?;
        read_page(&bytes, limit).map_err(|problem| match problem {
            PageProblem::TooManyRecords { limit } => ClientError::TooManyRecords { what, limit },
            PageProblem::Shape(detail) => self.malformed(&what, detail, &bytes),
        })
    }

    async fn find_connector(&self) -> Result<String, ClientError> {
        let (workspace, definition_id) = match &self.settings.connector {
            None => return Err(ClientError::NoConnector),
            Some(ConnectorRef::Id(id)) => return Ok(id.clone()),
            Some(ConnectorRef::Lookup {
                workspace,
                definition_id,
            }) => (workspace, definition_id),
        };
        let url = request::lookup_url(&self.settings, workspace, definition_id);
        let what = format!("GET {url}");
        let bytes = self.call(Endpoint::Lookup, Method::GET, url, None).await?;
        let (found, ids) =
            read_connectors(&bytes).map_err(|detail| self.malformed(&what, detail, &bytes))?;
        match (found, ids.as_slice()) {
            (0, _) => Err(ClientError::ConnectorNotFound {
                workspace: workspace.clone(),
                definition_id: definition_id.clone(),
            }),
            (1, [id]) => Ok(id.clone()),
            _ => Err(ClientError::ConnectorAmbiguous {
                workspace: workspace.clone(),
                definition_id: definition_id.clone(),
                found,
                ids: ids.iter().map(|id| self.shown(id, None)).collect(),
            }),
        }
    }

    /// The bearer token: the given one, or the cached exchanged one while it is younger than
    /// [`Settings::token_refresh_after`], else a new one from the token exchange.
    async fn bearer(&self) -> Result<SecretString, ClientError> {
        let (client_id, client_secret) = match &self.settings.credentials {
            Credentials::None => return Err(ClientError::NoCredentials),
            Credentials::Token(token) => return Ok(token.clone()),
            Credentials::ClientCredentials {
                client_id,
                client_secret,
            } => (client_id, client_secret),
        };
        // Holding the lock across the exchange makes concurrent searches share one exchange.
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref()
            && self.clock.now().saturating_duration_since(token.fetched)
                < self.settings.token_refresh_after
        {
            return Ok(token.token.clone());
        }
        let body = serde_json::json!({
            "client_id": client_id.expose_secret(),
            "client_secret": client_secret.expose_secret(),
        })
        .to_string();
        let url = request::token_url(&self.settings);
        let what = format!("POST {url}");
        let fetched = self.clock.now();
        // Boxed: `call` asks `bearer` for a token, and `bearer` calls `call` for the exchange.
        let bytes = Box::pin(self.call(Endpoint::Token, Method::POST, url, Some(&body))).await?;
        // The answer holds a token: no excerpt of it goes into an error.
        let malformed = |detail: &str| ClientError::MalformedResponse {
            what: what.clone(),
            detail: detail.to_owned(),
            excerpt: None,
        };
        let token = read_token(&bytes).ok_or_else(|| malformed("no `access_token` string"))?;
        if HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())).is_err() {
            return Err(malformed(
                "the `access_token` holds characters that cannot be sent in an HTTP header",
            ));
        }
        let mut issued = self
            .issued
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if issued.len() == ISSUED_REMEMBERED {
            issued.remove(0);
        }
        issued.push(token.clone());
        drop(issued);
        *cached = Some(CachedToken {
            token: token.clone(),
            fetched,
        });
        Ok(token)
    }

    /// Drops the cached token if it is still `stale`, so the next request exchanges anew.
    async fn forget_token(&self, stale: &SecretString) {
        let mut cached = self.token.lock().await;
        if cached
            .as_ref()
            .is_some_and(|token| token.token.expose_secret() == stale.expose_secret())
        {
            *cached = None;
        }
    }

    /// Sends one request with retries and at most one token refresh; returns the body of a
    /// 2xx answer, or the error that ended the tries. Only what another attempt may cure is
    /// tried again: the statuses [`crate::RetryPolicy`] names, failed connections and
    /// timeouts; an answer that is not HTTP, a cut-off body or a refused redirect is final.
    async fn call(
        &self,
        endpoint: Endpoint,
        method: Method,
        url: Url,
        body: Option<&str>,
    ) -> Result<Vec<u8>, ClientError> {
        let what = format!("{method} {url}");
        let start = self.clock.now();
        let (mut attempts, mut retries, mut refreshed) = (0u32, 0u32, false);
        loop {
            attempts += 1;
            let bearer = match endpoint {
                Endpoint::Token => None,
                Endpoint::Lookup | Endpoint::Execute => Some(self.bearer().await?),
            };
            let delay = match self.attempt(&method, &url, body, bearer.as_ref()).await {
                Ok((status, _, bytes)) if status.is_success() => return Ok(bytes),
                Ok((status, _, _))
                    if status == StatusCode::UNAUTHORIZED
                        && !refreshed
                        && bearer.is_some()
                        && matches!(
                            self.settings.credentials,
                            Credentials::ClientCredentials { .. }
                        ) =>
                {
                    // One fresh token, then give up: the SDK never retries a 401; sift does once.
                    refreshed = true;
                    if let Some(stale) = &bearer {
                        self.forget_token(stale).await;
                    }
                    continue;
                }
                Ok((status, headers, bytes)) => {
                    let retryable = matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504);
                    match retryable
                        .then(|| self.delay(retries, start, retry_after(&headers)))
                        .flatten()
                    {
                        Some(delay) => delay,
                        None => {
                            return Err(self.status_error(
                                endpoint,
                                &what,
                                status,
                                &bytes,
                                attempts,
                                refreshed,
                                bearer.as_ref(),
                            ));
                        }
                    }
                }
                Err(Failure::Final(error)) => return Err(error),
                Err(Failure::Transient(transient)) => match self.delay(retries, start, None) {
                    Some(delay) => delay,
                    None => {
                        return Err(self.transient_error(
                            &what,
                            transient,
                            attempts,
                            bearer.as_ref(),
                        ));
                    }
                },
            };
            retries += 1;
            self.clock.sleep(delay).await;
        }
    }

    /// One attempt: the status, headers and (bounded) body of the answer.
    async fn attempt(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&str>,
        bearer: Option<&SecretString>,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), Failure> {
        let what = || format!("{method} {url}");
        let headers =
            request::header_map(&self.settings, bearer.map(|token| token.expose_secret()))
                .map_err(Failure::Final)?;
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .headers(headers);
        if let Some(body) = body {
            request = request.body(body.to_owned());
        }
        let mut response = request
            .send()
            .await
            .map_err(|error| self.sending_failed(&what(), &error, bearer))?;
        let status = response.status();
        let headers = response.headers().clone();
        let limit = self.settings.max_response_bytes;
        let announced = response.content_length();
        let too_large = || {
            Failure::Final(ClientError::ResponseTooLarge {
                what: what(),
                limit,
            })
        };
        if announced.is_some_and(|length| length > limit as u64) {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(announced.map_or(0, |length| length as usize));
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(error) => {
                    let failure = transport::reading_failed(&error);
                    return Err(self.body_failure(
                        &what(),
                        failure,
                        bytes.len(),
                        announced,
                        bearer,
                    ));
                }
            };
            if bytes.len() + chunk.len() > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok((status, headers, bytes))
    }

    /// A request that got no answer: a failed connection or a timeout may be tried again;
    /// an answer that is not HTTP or a refused redirect is final.
    fn sending_failed(
        &self,
        what: &str,
        error: &reqwest::Error,
        bearer: Option<&SecretString>,
    ) -> Failure {
        match transport::sending_failed(error) {
            transport::SendFailure::Transient(transient) => Failure::Transient(transient),
            transport::SendFailure::Protocol(detail) => Failure::Final(ClientError::Protocol {
                what: what.to_owned(),
                detail: self.shown(&detail, bearer),
            }),
            transport::SendFailure::CrossOrigin(to) => {
                Failure::Final(ClientError::CrossOriginRedirect {
                    what: what.to_owned(),
                    to: self.shown(to.as_str(), bearer),
                })
            }
            transport::SendFailure::TooManyRedirects => {
                Failure::Final(ClientError::TooManyRedirects {
                    what: what.to_owned(),
                })
            }
        }
    }

    /// A body that could not be read to its end.
    fn body_failure(
        &self,
        what: &str,
        failure: transport::ReadFailure,
        received: usize,
        expected: Option<u64>,
        bearer: Option<&SecretString>,
    ) -> Failure {
        match failure {
            transport::ReadFailure::Timeout => {
                Failure::Transient(Transient::Timeout { connect: false })
            }
            transport::ReadFailure::Truncated => Failure::Final(ClientError::TruncatedResponse {
                what: what.to_owned(),
                received,
                expected,
            }),
            transport::ReadFailure::Protocol(detail) => Failure::Final(ClientError::Protocol {
                what: what.to_owned(),
                detail: self.shown(&detail, bearer),
            }),
        }
    }

    /// The wait before retry number `retries` (0-based), or `None` when no retry is left or
    /// the wait would end past the total bound.
    fn delay(
        &self,
        retries: u32,
        start: Instant,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        let policy = &self.settings.retry;
        if retries >= policy.max_retries {
            return None;
        }
        let delay = match retry_after {
            Some(wait) => wait.min(policy.max_retry_after),
            None => {
                let ceiling = policy
                    .base_delay
                    .saturating_mul(1u32 << retries.min(31))
                    .min(policy.max_delay);
                self.clock.jitter(ceiling)
            }
        };
        let elapsed = self.clock.now().saturating_duration_since(start);
        (elapsed.saturating_add(delay) <= policy.max_total).then_some(delay)
    }

    #[allow(clippy::too_many_arguments)]
    fn status_error(
        &self,
        endpoint: Endpoint,
        what: &str,
        status: StatusCode,
        bytes: &[u8],
        attempts: u32,
        refreshed: bool,
        bearer: Option<&SecretString>,
    ) -> ClientError {
        let server_message = server_message(bytes).map(|text| self.shown(&text, bearer));
        let code = status.as_u16();
        let credential = self.settings.credentials.source();
        match (endpoint, code) {
            (Endpoint::Token, 400 | 401 | 403 | 422) => ClientError::TokenRejected {
                status: code,
                server_message,
            },
            (_, 401) => ClientError::Unauthorized {
                credential,
                refreshed,
                server_message,
                help: unauthorized_help(credential, refreshed),
            },
            (_, 403) => ClientError::Forbidden {
                credential,
                server_message,
                help: format!(
                    "{credential} authenticated, but may not use this connector: check {} ({}) and the connector id",
                    env::ORGANIZATION_ID,
                    self.settings
                        .organization_id
                        .as_deref()
                        .map_or("not set".to_owned(), |org| format!("now `{org}`")),
                ),
            },
            (_, 400 | 422) => ClientError::InvalidRequest {
                status: code,
                message: server_message.unwrap_or_else(|| "(no message)".to_owned()),
            },
            (_, 429) => ClientError::RateLimited {
                attempts,
                server_message,
            },
            (_, 500 | 502 | 503 | 504) => ClientError::ServerError {
                status: code,
                attempts,
                server_message,
            },
            (endpoint, _) => ClientError::HttpStatus {
                what: what.to_owned(),
                status: code,
                server_message,
                help: (code == 404).then(|| match endpoint {
                    Endpoint::Execute => format!(
                        "check the connector id ({} or --connector-id) and {}",
                        env::CONNECTOR_ID,
                        env::API_URL
                    ),
                    Endpoint::Token | Endpoint::Lookup => format!("check {}", env::API_URL),
                }),
            },
        }
    }

    /// The error for a failure that was retried as often as allowed.
    fn transient_error(
        &self,
        what: &str,
        transient: Transient,
        attempts: u32,
        bearer: Option<&SecretString>,
    ) -> ClientError {
        match transient {
            Transient::Timeout { connect } => {
                let (connect_timeout, request_timeout) =
                    (self.settings.connect_timeout, self.settings.request_timeout);
                ClientError::Timeout {
                    what: what.to_owned(),
                    after: if connect {
                        connect_timeout
                    } else {
                        request_timeout
                    },
                    attempts,
                    help: format!(
                        "the connect timeout is {} s and the request timeout {} s (`sift search \
                         --timeout SECONDS` sets the request timeout); check AIRBYTE_API_URL and \
                         the network",
                        connect_timeout.as_secs_f64(),
                        request_timeout.as_secs_f64()
                    ),
                }
            }
            Transient::Connection(detail) => ClientError::Connection {
                what: what.to_owned(),
                attempts,
                detail: self.shown(&detail, bearer),
            },
        }
    }

    fn malformed(&self, what: &str, detail: String, bytes: &[u8]) -> ClientError {
        let excerpt = Some(self.shown(&String::from_utf8_lossy(bytes), None));
        ClientError::MalformedResponse {
            what: what.to_owned(),
            detail: self.shown(&detail, None),
            excerpt,
        }
    }

    /// Server text as an error carries it: every piece of a secret the client knows cut out
    /// (`crate::scrub`), then bounded ([`cut`]), in that order, so that bounding cannot split
    /// a secret into pieces the scrub would miss.
    pub(crate) fn shown(&self, text: &str, bearer: Option<&SecretString>) -> String {
        let configured = match &self.settings.credentials {
            Credentials::None => vec![],
            Credentials::Token(token) => vec![token],
            Credentials::ClientCredentials {
                client_id,
                client_secret,
            } => vec![client_id, client_secret],
        };
        let issued = self
            .issued
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let secrets: Vec<&str> = configured
            .into_iter()
            .chain(bearer)
            .chain(issued.iter())
            .map(|secret| secret.expose_secret())
            .collect();
        cut(&scrub(text, &secrets))
    }
}

/// The `access_token` string of the token exchange's answer (nothing else of it is read).
fn read_token(bytes: &[u8]) -> Option<SecretString> {
    #[derive(Deserialize)]
    struct Answer<'a> {
        #[serde(borrow)]
        access_token: Option<&'a RawValue>,
    }
    let answer: Answer = response::object(bytes, "the answer").ok()?;
    let token: String = serde_json::from_str(answer.access_token?.get()).ok()?;
    Some(SecretString::from(token))
}

/// How many connectors the lookup's answer lists, and the ids of the first
/// [`MAX_LISTED_IDS`]. Each entry must be an object with a non-empty `id` string: an entry
/// without one is an error (its id would become part of the execute URL).
fn read_connectors(bytes: &[u8]) -> Result<(usize, Vec<String>), String> {
    #[derive(Deserialize)]
    struct Answer<'a> {
        #[serde(borrow)]
        data: Option<&'a RawValue>,
    }
    #[derive(Deserialize)]
    struct Connector<'a> {
        #[serde(borrow)]
        id: Option<&'a RawValue>,
    }
    let answer: Answer = response::object(bytes, "the answer")?;
    let no_array = || "no `data` array of connectors".to_owned();
    let data = answer.data.ok_or_else(no_array)?;
    let (mut found, mut ids) = (0usize, Vec::new());
    let read = response::each_element(data, |index, entry| {
        let no_id = || format!("connector {index} of `data` has no `id` string");
        let connector: Connector = response::object(
            entry.get().as_bytes(),
            &format!("connector {index} of `data`"),
        )?;
        let id: String = connector
            .id
            .and_then(|id| serde_json::from_str(id.get()).ok())
            .filter(|id: &String| !id.is_empty())
            .ok_or_else(no_id)?;
        found += 1;
        if ids.len() < MAX_LISTED_IDS {
            ids.push(id);
        }
        Ok(())
    });
    match read {
        Ok(()) => Ok((found, ids)),
        Err(ArrayError::NotArray) => Err(no_array()),
        Err(ArrayError::Json(detail) | ArrayError::Stopped(detail)) => Err(detail),
    }
}

fn unauthorized_help(credential: CredentialSource, refreshed: bool) -> String {
    match credential {
        CredentialSource::Token => format!(
            "check {}: it may have expired (tokens live 15 minutes); with {} and {} set instead, sift fetches fresh tokens",
            env::TOKEN,
            env::CLIENT_ID,
            env::CLIENT_SECRET
        ),
        CredentialSource::ClientCredentials if refreshed => format!(
            "check {} and {}: a freshly exchanged token was refused too",
            env::CLIENT_ID,
            env::CLIENT_SECRET
        ),
        CredentialSource::ClientCredentials | CredentialSource::None => {
            format!("check {} and {}", env::CLIENT_ID, env::CLIENT_SECRET)
        }
    }
}

/// `Retry-After` in seconds (the form the API sends); any other form is ignored, and the
/// backoff applies.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}
