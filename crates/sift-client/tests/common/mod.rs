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
    settings.retry = fast_retries();
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

/// A server on 127.0.0.1 that answers each request with the bytes `answer` gives for the
/// request's number (0-based), then closes the connection: for answers no HTTP server
/// library would write (not HTTP, cut off, badly framed).
pub struct RawServer {
    pub uri: String,
    requests: Arc<std::sync::atomic::AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl RawServer {
    pub async fn start(answer: impl Fn(usize) -> Vec<u8> + Send + Sync + 'static) -> RawServer {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let uri = format!("http://{}", listener.local_addr().expect("bound"));
        let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        let answer = Arc::new(answer);
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let counter = Arc::clone(&counter);
                let answer = Arc::clone(&answer);
                tokio::spawn(async move {
                    // Read the head and the announced body, then answer and close.
                    let mut seen = Vec::new();
                    let mut buffer = [0u8; 4096];
                    let body_start = loop {
                        match stream.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => seen.extend_from_slice(&buffer[..n]),
                        }
                        if let Some(at) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
                            break at + 4;
                        }
                    };
                    let head = String::from_utf8_lossy(&seen[..body_start]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|line| line.strip_prefix("content-length:"))
                        .and_then(|n| n.trim().parse().ok())
                        .unwrap_or(0);
                    while seen.len() < body_start + length {
                        match stream.read(&mut buffer).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => seen.extend_from_slice(&buffer[..n]),
                        }
                    }
                    let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let _ = stream.write_all(&answer(n)).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        RawServer {
            uri,
            requests,
            task,
        }
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Settings for this server: static token, connector `conn-1`, millisecond backoff.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::new(&self.uri).expect("a loopback URL");
        settings.credentials = Credentials::Token(TOKEN.into());
        settings.connector = Some(ConnectorRef::Id("conn-1".into()));
        settings.connect_timeout = Duration::from_secs(2);
        settings.request_timeout = Duration::from_secs(5);
        settings.retry = fast_retries();
        settings
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Three retries with millisecond waits.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(8),
        max_retry_after: Duration::from_secs(5),
        max_total: Duration::from_secs(60),
    }
}

/// An HTTP/1.1 answer with these headers and body, as bytes.
pub fn http_answer(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("connection: close\r\n\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// The records of a page as values.
pub fn values(page: &sift_client::Page) -> Vec<Value> {
    page.records
        .iter()
        .map(sift_client::Record::to_value)
        .collect()
}
