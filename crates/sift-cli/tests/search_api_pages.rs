//! `sift search` against fixed, hand-written pages of the search API, in both envelopes the
//! server documents: `{"data": [...], "meta": {...}}` and the wrapped `{"result": {...},
//! "connector_metadata": ...}`. The server answers by the cursor the body carries, so a page,
//! cursor or envelope read wrongly shows as other records, another count, another request.
//! (`search_api.rs` answers through the local evaluator: its API and `--data` agree by
//! construction, and it tests the plumbing.)

mod common;

use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "tok-pages-SECRET-2024";
const CONNECTOR: &str = "conn-pages";
const EXECUTE: &str = "/api/v1/integrations/connectors/conn-pages/execute";

/// The first page: two records in the server's order (not sorted), and the next cursor.
const PAGE_1_DATA: &str = r#"[{"id":3,"name":"Gamma Works"},{"id":1,"name":"Alpha Ltd"}]"#;
const PAGE_1_META: &str = r#"{"has_more":true,"cursor":"page-2","took_ms":4}"#;
/// The second and last page.
const PAGE_2_DATA: &str = r#"[{"id":2,"name":"Beta & Co"}]"#;
const PAGE_2_META: &str = r#"{"has_more":false,"cursor":null,"took_ms":2}"#;

/// Which envelope the server answers in.
#[derive(Clone, Copy, Debug)]
enum Envelope {
    Plain,
    Wrapped,
}

/// A search API with two fixed pages: no cursor asks for the first, `page-2` for the second;
/// any other cursor is refused, as a real server refuses one it did not give.
struct FixedPages {
    envelope: Envelope,
    /// `meta` of the first page, which a test may change.
    first_meta: &'static str,
    received: Arc<Mutex<Vec<Value>>>,
}

impl Respond for FixedPages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(body.clone());
        let (data, meta) = match body["params"].get("cursor") {
            None => (PAGE_1_DATA, self.first_meta),
            Some(Value::String(cursor)) if cursor == "page-2" => (PAGE_2_DATA, PAGE_2_META),
            Some(other) => {
                let message = format!("unknown cursor {other}");
                return ResponseTemplate::new(422).set_body_json(
                    serde_json::json!({"errors": [{"userPresentableMessage": message}]}),
                );
            }
        };
        let page = format!(r#"{{"data":{data},"meta":{meta}}}"#);
        let answer = match self.envelope {
            Envelope::Plain => page,
            Envelope::Wrapped => {
                format!(r#"{{"result":{page},"connector_metadata":{{"connector":"harvest"}}}}"#)
            }
        };
        ResponseTemplate::new(200).set_body_raw(answer, "application/json")
    }
}

async fn start(
    envelope: Envelope,
    first_meta: &'static str,
) -> (MockServer, Arc<Mutex<Vec<Value>>>) {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    let received = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path(EXECUTE))
        .respond_with(FixedPages {
            envelope,
            first_meta,
            received: Arc::clone(&received),
        })
        .mount(&server)
        .await;
    (server, received)
}

/// Runs `sift` with `args` against `server`; exit code, stdout, stderr.
fn sift(server: &MockServer, args: &[&str]) -> (Option<i32>, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("AIRBYTE_API_URL", server.uri())
        .env("AIRBYTE_TOKEN", TOKEN)
        .env("AIRBYTE_CONNECTOR_ID", CONNECTOR)
        .env_remove("SIFT_SPEC_PATH")
        .env_remove("AIRBYTE_CLIENT_ID")
        .env_remove("AIRBYTE_CLIENT_SECRET")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().expect("the binary starts");
    let output = common::finish(child, None, Duration::from_secs(60), "sift search");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn cursors(received: &Mutex<Vec<Value>>) -> Vec<Option<String>> {
    received
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .map(|body| body["params"]["cursor"].as_str().map(str::to_owned))
        .collect()
}

const QUERY: &str = "from clients limit 2";
/// `--all` takes a query's limit as the total: the walks ask for every record, in pages of two.
const WALK: [&str; 7] = [
    "search",
    "--all",
    "--page-size",
    "2",
    "--format",
    "jsonl",
    "from clients",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn every_page_in_the_servers_order_in_both_envelopes() {
    for envelope in [Envelope::Plain, Envelope::Wrapped] {
        let (server, received) = start(envelope, PAGE_1_META).await;
        let (code, stdout, stderr) = sift(&server, &WALK);
        assert_eq!(code, Some(0), "{envelope:?}: {stderr}");
        assert_eq!(
            stdout,
            "{\"id\":3,\"name\":\"Gamma Works\"}\n\
             {\"id\":1,\"name\":\"Alpha Ltd\"}\n\
             {\"id\":2,\"name\":\"Beta & Co\"}\n",
            "{envelope:?}"
        );
        assert!(
            stderr.contains("3 records on 2 pages"),
            "{envelope:?}: {stderr}"
        );
        assert!(
            !stderr.contains("more records match"),
            "{envelope:?}: {stderr}"
        );
        // The first request carries no cursor, the second exactly the one the first page gave.
        assert_eq!(
            cursors(&received),
            [None, Some("page-2".to_owned())],
            "{envelope:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn one_page_and_the_cursor_of_the_next() {
    for envelope in [Envelope::Plain, Envelope::Wrapped] {
        let (server, received) = start(envelope, PAGE_1_META).await;
        let (code, stdout, stderr) = sift(&server, &["search", "--format", "jsonl", QUERY]);
        assert_eq!(code, Some(0), "{envelope:?}: {stderr}");
        assert_eq!(
            stdout, "{\"id\":3,\"name\":\"Gamma Works\"}\n{\"id\":1,\"name\":\"Alpha Ltd\"}\n",
            "{envelope:?}"
        );
        assert!(
            stderr.contains("2 records on 1 page\n"),
            "{envelope:?}: {stderr}"
        );
        assert!(
            stderr.contains("more records match: add --all, or --cursor page-2\n"),
            "{envelope:?}: {stderr}"
        );
        assert_eq!(cursors(&received), [None], "{envelope:?}");

        // The cursor given back reads the second page, and nothing more matches.
        let (code, stdout, stderr) = sift(
            &server,
            &["search", "--format", "jsonl", "--cursor", "page-2", QUERY],
        );
        assert_eq!(code, Some(0), "{envelope:?}: {stderr}");
        assert_eq!(
            stdout, "{\"id\":2,\"name\":\"Beta & Co\"}\n",
            "{envelope:?}"
        );
        assert!(
            stderr.contains("1 record on 1 page\n"),
            "{envelope:?}: {stderr}"
        );
        assert!(
            !stderr.contains("more records match"),
            "{envelope:?}: {stderr}"
        );
        assert_eq!(
            cursors(&received),
            [None, Some("page-2".to_owned())],
            "{envelope:?}"
        );
    }
}

/// A `meta` without `has_more` means there is no more, whatever cursor it holds: `--all` stops
/// after the first page and asks for no second.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_missing_has_more_ends_the_walk() {
    for envelope in [Envelope::Plain, Envelope::Wrapped] {
        let (server, received) = start(envelope, r#"{"cursor":"page-2"}"#).await;
        let (code, stdout, stderr) = sift(&server, &WALK);
        assert_eq!(code, Some(0), "{envelope:?}: {stderr}");
        assert_eq!(stdout.lines().count(), 2, "{envelope:?}: {stdout}");
        assert!(
            stderr.contains("2 records on 1 page\n"),
            "{envelope:?}: {stderr}"
        );
        assert_eq!(cursors(&received), [None], "{envelope:?}");
    }
}

/// A cursor the server did not give is refused by it: exit 2 with the server's message.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_cursor_the_server_did_not_give_is_its_error() {
    let (server, _) = start(Envelope::Wrapped, PAGE_1_META).await;
    let (code, stdout, stderr) = sift(&server, &["search", "--cursor", "page-9", QUERY]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("HTTP 422"), "{stderr}");
    assert!(stderr.contains(r#"unknown cursor "page-9""#), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}
