//! Shared pieces of the client tests: settings pointing at a mock server on 127.0.0.1, fast
//! retries, a manual clock, and a time bound for every test.

#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use miette::Diagnostic;
use serde_json::{Value, json};
use sift_client::{
    Client, ClientError, ConnectorRef, Credentials, ManualClock, RetryPolicy, Settings,
};
use wiremock::MockServer;

pub const TOKEN: &str = "tok-SECRET-1234";
pub const CLIENT_ID: &str = "cid-SECRET-5678";
pub const CLIENT_SECRET: &str = "csecret-SECRET-9012";
pub const EXECUTE: &str = "/api/v1/integrations/connectors/conn-1/execute";
pub const TOKEN_PATH: &str = "/api/v1/account/applications/token";
pub const LOOKUP: &str = "/api/v1/integrations/connectors";
/// What `sift compile --emit request` prints for a query on users.
pub const BODY: &str = r#"{"entity":"users","action":"search","params":{"query":{"filter":{"eq":{"is_active":true}}},"limit":2}}"#;

/// Settings for `server` with a static token, connector `conn-1` and millisecond backoff.
pub fn settings(server: &MockServer) -> Settings {
    let mut settings = Settings::new(&server.uri()).expect("the mock server's URL is valid");
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    settings.credentials = Credentials::Token(TOKEN.into());
    settings.connector = Some(ConnectorRef::Id("conn-1".into()));
    settings.connect_timeout = Duration::from_secs(2);
    settings.request_timeout = Duration::from_secs(5);
    settings.retry = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(8),
        max_retry_after: Duration::from_secs(5),
        max_total: Duration::from_secs(60),
    };
    settings
}

/// The same with client credentials instead of a token.
pub fn exchange_settings(server: &MockServer) -> Settings {
    let mut settings = settings(server);
    settings.credentials = Credentials::ClientCredentials {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
    };
    settings
}

/// A client on a manual clock (sleeps return at once and are recorded).
pub fn client(settings: Settings) -> (Client, ManualClock) {
    let clock = ManualClock::new();
    let client = Client::with_clock(settings, Arc::new(clock.clone())).expect("client builds");
    (client, clock)
}

/// Runs a test body with a bound, so a hang fails the test instead of stalling the run.
pub async fn bounded<F: Future>(body: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(20), body)
        .await
        .expect("the test finished within 20 s")
}

/// A page in the plain shape.
pub fn page(records: Value, has_more: bool, cursor: Option<&str>) -> Value {
    json!({"data": records, "meta": {"has_more": has_more, "cursor": cursor, "took_ms": 1}})
}

/// The error's code, message and help, as a user would see them.
pub fn shown(error: &ClientError) -> (String, String, String) {
    let code = error
        .code()
        .map(|code| code.to_string())
        .unwrap_or_default();
    let help = error
        .help()
        .map(|help| help.to_string())
        .unwrap_or_default();
    (code, error.to_string(), help)
}
