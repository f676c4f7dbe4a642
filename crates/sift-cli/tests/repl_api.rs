//! `sift repl` with `:api`: the query runs on a search API server this test starts on
//! 127.0.0.1 (one canned answer), and the request it received is the compiled one; the hits of
//! semantic search print with their score and context.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

mod common;

const ANSWER: &str =
    r#"{"result":{"data":[{"id":7,"name":"Acme Works"}],"meta":{"has_more":false,"took_ms":3}}}"#;

/// One hit of semantic search, as the API answers it.
const HITS: &str = r#"{"result":{"data":[{"entity":{"gid":"11","name":"Launch plan"},"metadata":{"score":0.8123456,"context":"Launch plan\nfor Q3"}}],"meta":{"has_more":false}}}"#;

/// Serves one HTTP request with `answer`; sends back the request line, headers and body.
fn serve_once(listener: TcpListener, reply: &'static str, seen: mpsc::Sender<String>) {
    let Ok((stream, _)) = listener.accept() else {
        return;
    };
    answer(stream, reply, &seen);
}

/// Reads one request from `stream`, answers it with `answer` and sends the request on.
fn answer(stream: std::net::TcpStream, answer: &str, seen: &mpsc::Sender<String>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
        head.push_str(&line);
    }
    let mut body = vec![0u8; length.min(1 << 20)];
    let _ = reader.read_exact(&mut body);
    let mut stream = reader.into_inner();
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
        answer.len()
    );
    let _ = seen.send(format!("{head}\n{}", String::from_utf8_lossy(&body)));
}

/// The REPL with the API's variables pointing at a server on `port`, `args` after `repl`.
fn repl_on(port: u16, secret: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .arg("repl")
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("AIRBYTE_TOKEN", secret)
        .env("AIRBYTE_CONNECTOR_ID", "conn-42")
        .env("AIRBYTE_API_URL", format!("http://127.0.0.1:{port}"))
        .env_remove("AIRBYTE_CLIENT_ID")
        .env_remove("AIRBYTE_CLIENT_SECRET")
        .env_remove("AIRBYTE_ORGANIZATION_ID")
        .env_remove("SIFT_SPEC_PATH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[test]
fn api_runs_the_compiled_request() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("an address").port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || serve_once(listener, ANSWER, tx));
    let secret = "tok-local-only-9";
    let mut child = repl_on(port, secret, &[])
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(b":api\nfrom clients where is_active = true fields id, name\n")
        .expect("the script is written");
    let output = child.wait_with_output().expect("the REPL ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("running queries on the hosted API"),
        "{stdout}"
    );
    assert!(stdout.contains("Acme Works"), "{stdout}");
    assert!(stdout.contains("1 record, has_more: false"), "{stdout}");
    assert!(!stdout.contains(secret), "the token was printed");
    let request = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server got a request");
    assert!(
        request.starts_with("POST /api/v1/integrations/connectors/conn-42/execute "),
        "{request}"
    );
    assert!(
        request.contains(&format!("authorization: Bearer {secret}"))
            || request.contains(&format!("Authorization: Bearer {secret}")),
        "{request}"
    );
    let body = request.split_once("\n\n").map_or("", |(_, b)| b);
    let body: serde_json::Value = serde_json::from_str(body).expect("the body is JSON");
    assert_eq!(body["entity"], "clients");
    assert_eq!(body["params"]["query"]["filter"]["eq"]["is_active"], true);
    assert_eq!(body["params"]["limit"], 10);
}

/// A server that hands out the same cursor on every page: `:more` stops after the page that
/// repeats it, and says so, instead of paging in a circle.
#[test]
fn more_stops_at_a_repeated_cursor() {
    const SAME: &str = r#"{"result":{"data":[{"id":7,"name":"Acme Works"}],"meta":{"has_more":true,"cursor":"c-same","took_ms":3}}}"#;
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("an address").port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // At most a few requests: a REPL that pages in a circle asks for more and gets none.
        for _ in 0..4 {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            answer(stream, SAME, &tx);
        }
    });
    let child = repl_on(port, "tok-local-only-9", &[])
        .spawn()
        .expect("the binary starts");
    let output = common::finish(
        child,
        Some(":api\nfrom clients fields id, name\n:more\n:more\n:more\n"),
        Duration::from_secs(120),
        "repl :more",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("the backend handed out a cursor it gave before"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("no more records").count(), 2, "{stdout}");
    // The first page and the one that repeated the cursor; nothing after.
    let first = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
    let second = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
    assert!(!first.contains("c-same"), "{first}");
    assert!(second.contains("\"cursor\":\"c-same\""), "{second}");
    assert!(rx.recv_timeout(Duration::from_secs(2)).is_err());
}

#[test]
fn api_prints_semantic_hits() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("an address").port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || serve_once(listener, HITS, tx));
    let spec = ["--spec", "tests/fixtures/specs/semantic/connector.yaml"];
    let mut child = repl_on(port, "tok-local-only-10", &spec)
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(b":api\nfrom projects similar to \"launch plan\"\n")
        .expect("the script is written");
    let output = child.wait_with_output().expect("the REPL ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("| score | gid | name"), "{stdout}");
    assert!(stdout.contains("| 0.812 "), "{stdout}");
    assert!(stdout.contains("Launch plan for Q3"), "{stdout}");
    assert!(stdout.contains("1 hit, has_more: false"), "{stdout}");
    let request = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server got a request");
    let body = request.split_once("\n\n").map_or("", |(_, b)| b);
    let body: serde_json::Value = serde_json::from_str(body).expect("the body is JSON");
    assert_eq!(body["params"]["semantic"]["prompt"], "launch plan");
    assert_eq!(body["params"]["limit"], 10);
}
