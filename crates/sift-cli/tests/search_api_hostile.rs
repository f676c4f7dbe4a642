//! `sift search` against API servers on 127.0.0.1 that do not keep to the protocol: what it
//! prints (nothing of a bad page), its exit code, and the commands it suggests, which must be
//! safe to copy. Every run is bounded in time.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

const TOKEN: &str = "tok-hostile-SECRET-2718";
const EXECUTE: &str = "/api/v1/integrations/connectors/conn-h/execute";
const RUN_BOUND: Duration = Duration::from_secs(60);

fn sift(server: &MockServer, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .args(["search"])
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .env_remove("AIRBYTE_CLIENT_ID")
        .env_remove("AIRBYTE_CLIENT_SECRET")
        .env_remove("AIRBYTE_ORGANIZATION_ID")
        .env("AIRBYTE_API_URL", server.uri())
        .env("AIRBYTE_TOKEN", TOKEN)
        .env("AIRBYTE_CONNECTOR_ID", "conn-h")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().expect("sift runs");
    let output = common::finish(child, None, RUN_BOUND, "sift search");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains(TOKEN),
        "the token leaked"
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(EXECUTE))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_page_of_non_objects_prints_nothing_and_names_the_first() {
    let zeros = format!("{{\"data\":[{}]}}", vec!["0"; 100_000].join(","));
    let server = answering(ResponseTemplate::new(200).set_body_string(zeros)).await;
    let output = sift(&server, &["from users limit 1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = stderr(&output);
    assert!(
        stderr.contains("sift::client::malformed_response"),
        "{stderr}"
    );
    assert!(
        stderr.contains("record 0 of `data` is a number, not a JSON object"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn more_records_than_the_limit_print_nothing() {
    let page = json!({"data": [{"id": 1}, {"id": 2}], "meta": {"has_more": false}});
    let server = answering(ResponseTemplate::new(200).set_body_json(page)).await;
    let output = sift(&server, &["from users limit 1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).contains("sift::client::too_many_records"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_redirect_to_another_server_is_not_followed() {
    let elsewhere = answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": [{"id": 666}], "meta": {"has_more": false}})),
    )
    .await;
    let target = format!("{}{EXECUTE}", elsewhere.uri());
    let server =
        answering(ResponseTemplate::new(307).insert_header("location", target.as_str())).await;
    let output = sift(&server, &["from users limit 1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "the other server's answer is not printed"
    );
    let stderr = stderr(&output);
    assert!(
        stderr.contains("sift::client::cross_origin_redirect"),
        "{stderr}"
    );
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn the_next_page_hint_quotes_the_servers_cursor_for_the_shell() {
    for cursor in [
        "abc; touch /tmp/x #",
        "$(reboot)",
        "it's",
        "c\u{1b}[2J",
        "plain-c1",
    ] {
        let page = json!({"data": [{"id": 1}], "meta": {"has_more": true, "cursor": cursor}});
        let server = answering(ResponseTemplate::new(200).set_body_json(page)).await;
        let output = sift(&server, &["from users limit 1"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let stderr = stderr(&output);
        let hint = stderr
            .lines()
            .find(|line| line.starts_with("more records match"))
            .expect("a hint");
        assert!(!hint.contains('\u{1b}'), "{hint:?}");
        let command = hint
            .split_once("--cursor ")
            .map(|(_, rest)| rest.split(" (control characters").next().unwrap_or(rest))
            .expect("a --cursor argument");
        let words = shlex::split(command).expect("valid shell words");
        let expected = cursor.replace('\u{1b}', r"\u{1b}");
        assert_eq!(words, [expected], "{hint}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn timeout_sets_the_time_each_request_may_take() {
    let server = answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": []}))
            .set_delay(Duration::from_secs(20)),
    )
    .await;
    let output = sift(&server, &["--timeout", "0.2", "from users limit 1"]);
    assert_eq!(output.status.code(), Some(2));
    // The diagnostic as words, whatever its wrapping.
    let shown = stderr(&output);
    let words: Vec<&str> = shown
        .split_whitespace()
        .filter(|word| *word != "│")
        .collect();
    let stderr = words.join(" ");
    assert!(stderr.contains("sift::client::timeout"), "{stderr}");
    assert!(stderr.contains("no answer within 0.2 s"), "{stderr}");
    assert!(stderr.contains("the request timeout 0.2 s"), "{stderr}");
    for (args, said) in [
        (vec!["--timeout", "0", "from users"], "more than 0"),
        (vec!["--timeout", "soon", "from users"], "not a number"),
        (
            vec!["--timeout", "5", "--data", "examples/harvest", "from users"],
            "cannot be used with",
        ),
    ] {
        let refused = sift(&server, &args);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains(said),
            "{args:?}: {}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
}
