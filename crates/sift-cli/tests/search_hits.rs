//! `sift search` with `similar to`: the hits of a mock API on 127.0.0.1 printed as a table,
//! CSV and JSON Lines, and the request it receives exactly what `sift compile --emit request`
//! prints; on local data the search is refused before any record is read.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "tok-hits-SECRET-0815";
const EXECUTE: &str = "/api/v1/integrations/connectors/conn-hits/execute";
const SPEC: &str = "tests/fixtures/specs/semantic/connector.yaml";
const QUERY: &str = "from projects similar to \"launch plan\" where workspace_gid = \"1\"";
/// No run of the binary may take longer than this.
const RUN_BOUND: Duration = Duration::from_secs(60);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Two hits as the API answers semantic search: the record, and its score, context and
/// attribution.
fn hits() -> Vec<Value> {
    vec![
        json!({"entity": {"gid": "11", "name": "Launch plan"},
               "metadata": {"score": 0.8123456, "context": "Launch plan\nfor Q3, with\tnotes",
                            "workspace_gid": "1"}}),
        json!({"entity": {"gid": "12", "name": "Q3 rollout", "score": 5},
               "metadata": {"score": 0.5, "context": "Rollout, \"phase\" two",
                            "workspace_gid": "1"}}),
    ]
}

struct HitsApi {
    received: Arc<Mutex<Vec<String>>>,
}

impl Respond for HitsApi {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.received
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(String::from_utf8_lossy(&request.body).into_owned());
        ResponseTemplate::new(200).set_body_json(json!({
            "result": {"data": hits(), "meta": {"has_more": false, "cursor": null}},
        }))
    }
}

fn sift(server: Option<&MockServer>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .current_dir(repo_root())
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("SIFT_SPEC_PATH")
        .env_remove("AIRBYTE_CLIENT_ID")
        .env_remove("AIRBYTE_CLIENT_SECRET")
        .env_remove("AIRBYTE_ORGANIZATION_ID")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match server {
        Some(server) => command
            .env("AIRBYTE_API_URL", server.uri())
            .env("AIRBYTE_TOKEN", TOKEN)
            .env("AIRBYTE_CONNECTOR_ID", "conn-hits"),
        None => command
            .env_remove("AIRBYTE_API_URL")
            .env_remove("AIRBYTE_TOKEN")
            .env_remove("AIRBYTE_CONNECTOR_ID"),
    };
    let child = command.spawn().expect("the binary starts");
    common::finish(child, None, RUN_BOUND, "sift search")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn hits_in_every_format() {
    let server = MockServer::start().await;
    assert!(server.uri().starts_with("http://127.0.0.1:"));
    let received = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path(EXECUTE))
        .respond_with(HitsApi {
            received: Arc::clone(&received),
        })
        .mount(&server)
        .await;
    let search = |format: &str| {
        let output = sift(
            Some(&server),
            &["search", "--spec", SPEC, "--format", format, QUERY],
        );
        assert!(output.status.success(), "{}", text(&output.stderr));
        assert!(
            text(&output.stderr).contains("2 hits on 1 page"),
            "{}",
            text(&output.stderr)
        );
        text(&output.stdout)
    };

    // CSV: score first, the record's columns, context, then the other metadata; values as
    // sent. The hit's score is `score`; a record's own `score` column is `entity.score`
    // (a column first seen in the second row comes last).
    assert_eq!(
        search("csv"),
        "score,gid,name,context,metadata.workspace_gid,entity.score\n\
         0.8123456,11,Launch plan,\"Launch plan\nfor Q3, with\tnotes\",1,\n\
         0.5,12,Q3 rollout,\"Rollout, \"\"phase\"\" two\",1,5\n"
    );
    // A table: the score with three decimals, the context on one line.
    let table = search("table");
    assert!(table.contains("0.812"), "{table}");
    assert!(!table.contains("0.8123456"), "{table}");
    assert!(table.contains("| 0.500 "), "{table}");
    assert!(table.contains("Launch plan for Q3, with"), "{table}");
    assert!(!table.contains("\\u{"), "{table}");
    // JSON Lines: each hit as the API returned it.
    let lines: Vec<Value> = search("jsonl")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines, hits());

    // The request sent is what `sift compile --emit request` prints.
    let compiled = sift(
        None,
        &["compile", "--spec", SPEC, "--emit", "request", QUERY],
    );
    assert!(compiled.status.success(), "{}", text(&compiled.stderr));
    let received = received.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert_eq!(received.len(), 3);
    for body in received {
        assert_eq!(body, text(&compiled.stdout).trim_end());
    }
}

#[test]
fn local_data_refuses_semantic_search() {
    let output = sift(
        None,
        &[
            "search",
            "--data",
            "examples/harvest",
            "--spec",
            SPEC,
            QUERY,
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("runs only on the hosted API"), "{stderr}");
}
