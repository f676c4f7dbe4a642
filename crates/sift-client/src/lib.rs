//! sift's client for the hosted search API of Airbyte's agent connectors, and the only sift
//! crate that touches the network.
//!
//! ```no_run
//! # async fn run() -> Result<(), sift_client::ClientError> {
//! let settings = sift_client::Settings::from_env(|name| std::env::var(name).ok())?;
//! let client = sift_client::Client::new(settings)?;
//! let body = r#"{"entity":"users","action":"search","params":{"query":{},"limit":10}}"#;
//! let mut pages = client.pages(body)?;
//! while let Some(page) = pages.next().await {
//!     let page = page?;
//!     let _ = page.records.len();
//! }
//! # Ok(())
//! # }
//! ```
//!
//! - [`Settings`] holds the base URL, credentials, organization, connector, timeouts, retry
//!   policy and page cap, each with a documented default; [`Settings::from_env`] reads the
//!   `AIRBYTE_*` variables ([`mod@env`]).
//! - [`Client::search`] sends the caller's execute body byte for byte and reads either
//!   response shape into a [`Page`] of [`Record`]s (each a JSON object, kept as its text;
//!   at most the request's `limit` of them); [`Client::pages`] follows cursors ([`Pages`]).
//! - [`describe_search`] returns the exact requests for `--dry-run`, secrets redacted.
//! - Credentials: a given token, or the client-credentials exchange, whose token is cached,
//!   replaced after [`Settings::token_refresh_after`] and refreshed once on a 401.
//! - Retries: 429/500/502/503/504, connection errors and timeouts, `Retry-After` first, else
//!   exponential backoff with full jitter, within a total bound ([`RetryPolicy`]); the
//!   [`Clock`] (time and jitter) is injectable. An answer that is not HTTP, a body cut off,
//!   a redirect loop and a redirect to another origin are not retried, each with its own error.
//! - Errors are [`ClientError`], a `miette::Diagnostic` with codes `sift::client::*`, carrying
//!   the server's message as data: every piece of a known secret cut out, then bounded
//!   ([`MAX_SERVER_TEXT`]); escaping it for a terminal is the caller's business. Secrets are
//!   `secrecy::SecretString`, whose `Debug` is redacted.

#![warn(missing_docs)]

mod client;
mod clock;
mod error;
mod pages;
mod request;
mod response;
mod scrub;
mod settings;
mod transport;

pub use client::Client;
pub use clock::{Clock, ManualClock, Sleep, SystemClock};
pub use error::{ClientError, MAX_LISTED_IDS, MAX_REDIRECTS, MAX_SERVER_TEXT};
pub use pages::Pages;
pub use request::{DEFAULT_PAGE_LIMIT, HttpRequest, REDACTED, USER_AGENT, describe_search};
pub use response::{Page, Record};
pub use scrub::MIN_SECRET_RUN;
pub use secrecy::SecretString;
pub use settings::{
    ConnectorRef, CredentialSource, Credentials, DEFAULT_API_URL, DEFAULT_WORKSPACE, RetryPolicy,
    Settings, env,
};
