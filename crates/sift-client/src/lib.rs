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
//!   response shape into a [`Page`]; [`Client::pages`] follows cursors ([`Pages`]).
//! - [`describe_search`] returns the exact requests for `--dry-run`, secrets redacted.
//! - Credentials: a given token, or the client-credentials exchange, whose token is cached,
//!   replaced after [`Settings::token_refresh_after`] and refreshed once on a 401.
//! - Retries: 429/500/502/503/504, connection errors and timeouts, `Retry-After` first, else
//!   exponential backoff with full jitter, within a total bound ([`RetryPolicy`]); the
//!   [`Clock`] is injectable.
//! - Errors are [`ClientError`], a `miette::Diagnostic` with codes `sift::client::*`, carrying
//!   the server's message (bounded, control characters escaped, secrets cut out). Secrets are
//!   `secrecy::SecretString`, whose `Debug` is redacted.

#![warn(missing_docs)]

mod client;
mod clock;
mod error;
mod pages;
mod request;
mod response;
mod settings;

pub use client::Client;
pub use clock::{Clock, ManualClock, Sleep, SystemClock};
pub use error::{ClientError, MAX_SERVER_TEXT};
pub use pages::Pages;
pub use request::{HttpRequest, REDACTED, USER_AGENT, describe_search};
pub use response::Page;
pub use secrecy::SecretString;
pub use settings::{
    ConnectorRef, CredentialSource, Credentials, DEFAULT_API_URL, DEFAULT_WORKSPACE, RetryPolicy,
    Settings, env,
};
