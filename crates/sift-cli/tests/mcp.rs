//! `sift mcp` over standard input and output: an MCP client (rmcp's) lists and calls every
//! tool, reads the resources and the prompt; a raw JSON-RPC peer sends hostile input, and the
//! server answers the next request; `search` on the hosted API (a server this test starts on
//! 127.0.0.1) never shows the token. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rmcp::ServiceExt;
use rmcp::model::{CallToolRequestParams, GetPromptRequestParams, ReadResourceRequestParams};
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use serde_json::{Value, json};

const LIMIT: Duration = Duration::from_secs(60);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const API_VARIABLES: [&str; 6] = [
    "AIRBYTE_TOKEN",
    "AIRBYTE_CLIENT_ID",
    "AIRBYTE_CLIENT_SECRET",
    "AIRBYTE_CONNECTOR_ID",
    "AIRBYTE_ORGANIZATION_ID",
    "AIRBYTE_API_URL",
];

/// `sift mcp ARGS` with the repository as its directory and none of the developer's settings.
fn configure(cmd: &mut tokio::process::Command, args: &[&str]) {
    cmd.arg("mcp")
        .args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH");
    for name in API_VARIABLES {
        cmd.env_remove(name);
    }
}

fn arguments(value: Value) -> serde_json::Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => panic!("arguments are an object"),
    }
}

#[test]
fn a_client_lists_and_calls_every_tool() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        tokio::time::timeout(LIMIT, exchange())
            .await
            .expect("the exchange finishes in time");
    });
}

async fn exchange() {
    let command = tokio::process::Command::new(env!("CARGO_BIN_EXE_sift"))
        .configure(|cmd| configure(cmd, &["--data", "examples/harvest"]));
    let transport = TokioChildProcess::new(command).expect("sift mcp starts");
    let client = ().serve(transport).await.expect("the handshake");
    let info = client.peer_info().expect("the server's info");
    assert_eq!(
        info.server_info.as_ref().map(|s| s.name.as_str()),
        Some("sift")
    );

    let tools = client.list_all_tools().await.expect("tools/list");
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    assert_eq!(
        names,
        [
            "list_entities",
            "describe_entity",
            "compile",
            "validate",
            "decompile",
            "explain",
            "search"
        ]
    );
    assert!(tools.iter().all(|t| t.output_schema.is_some()));

    let call = |name: &'static str, args: Value| {
        let client = &client;
        async move {
            client
                .call_tool(CallToolRequestParams::new(name).with_arguments(arguments(args)))
                .await
                .expect("tools/call answers")
        }
    };
    let ok = |result: rmcp::model::CallToolResult| -> Value {
        assert_eq!(result.is_error, Some(false), "{result:?}");
        let structured = result.structured_content.expect("a structured result");
        // The text content is the same JSON, for clients that read only text.
        let text = result.content[0].as_text().expect("text").text.clone();
        assert_eq!(
            serde_json::from_str::<Value>(&text).expect("JSON text"),
            structured
        );
        structured
    };

    let entities = ok(call("list_entities", json!({"match": "time"})).await);
    assert_eq!(entities["entities"][0]["name"], "time_entries");

    let fields = ok(call(
        "describe_entity",
        json!({"entity": "users", "match": "active"}),
    )
    .await);
    assert_eq!(fields["fields"][0]["path"], "is_active");
    assert_eq!(fields["fields"][0]["type"], "null | boolean");

    let compiled = ok(call(
        "compile",
        json!({"query": "from users where is_active = true limit 5", "emit": "request"}),
    )
    .await);
    assert_eq!(
        compiled["outputs"][0]["json"],
        json!({"entity": "users", "action": "context_store_search",
               "params": {"query": {"filter": {"eq": {"is_active": true}}}, "limit": 5}})
    );

    // The agent's JSON with two operators in one object: the warning and the corrected JSON.
    let validated = ok(call(
        "validate",
        json!({"document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_active": true}},
               "entity": "users"}),
    )
    .await);
    assert_eq!(validated["valid"], true);
    assert_eq!(
        validated["diagnostics"][0]["code"],
        "sift::json::several_operators"
    );
    assert_eq!(validated["diagnostics"][0]["severity"], "warning");
    assert_eq!(
        validated["corrected"]["document"],
        json!({"and": [{"gte": {"weekly_capacity": 100000}}, {"eq": {"is_active": true}}]})
    );

    // An unknown field: the did-you-mean as data.
    let unknown = ok(call(
        "validate",
        json!({"document": {"eq": {"is_actve": true}}, "entity": "users"}),
    )
    .await);
    assert_eq!(unknown["valid"], false);
    let finding = &unknown["diagnostics"][0];
    assert_eq!(finding["code"], "sift::json::unknown_field");
    assert_eq!(finding["pointer"], "/eq/is_actve");
    assert_eq!(finding["alternatives"], json!(["is_active"]));

    let decompiled = ok(call(
        "decompile",
        json!({"document": {"eq": {"is_active": true}}, "entity": "users"}),
    )
    .await);
    assert_eq!(decompiled["sift"], "is_active = true");

    let explained = ok(call(
        "explain",
        json!({"query": "from users where is_active = true"}),
    )
    .await);
    assert_eq!(explained["explanations"][0]["filter"]["operator"], "eq");

    let searched = ok(call(
        "search",
        json!({"query": "from users where is_active = true sort id asc", "limit": 2}),
    )
    .await);
    assert_eq!(searched["records"].as_array().expect("records").len(), 2);
    assert!(
        searched["backend"]
            .as_str()
            .expect("a backend")
            .starts_with("local data")
    );

    // A tool that cannot run answers with an error result the agent reads, not a protocol error.
    let refused = call("describe_entity", json!({"entity": "user"})).await;
    assert_eq!(refused.is_error, Some(true));
    let error = refused.structured_content.expect("a structured error");
    assert_eq!(error["error"]["code"], "sift::mcp::unknown_entity");
    assert_eq!(error["error"]["alternatives"], json!(["users"]));

    // A tool that does not exist is a protocol error.
    let missing = client
        .call_tool(CallToolRequestParams::new("drop_tables"))
        .await;
    assert!(missing.is_err());

    let resources = client.list_all_resources().await.expect("resources/list");
    assert_eq!(resources[0].uri, "sift://language");
    assert!(resources.iter().any(|r| r.uri == "sift://entity/users"));
    let language = client
        .read_resource(ReadResourceRequestParams::new("sift://language"))
        .await
        .expect("the language reference");
    let text = serde_json::to_value(&language.contents[0]).expect("JSON")["text"].clone();
    assert!(
        text.as_str()
            .expect("text")
            .starts_with("# The sift grammar")
    );
    let schema = client
        .read_resource(ReadResourceRequestParams::new("sift://entity/users"))
        .await
        .expect("an entity's schema");
    let text = serde_json::to_value(&schema.contents[0]).expect("JSON")["text"].clone();
    let entity: Value = serde_json::from_str(text.as_str().expect("text")).expect("JSON");
    assert_eq!(entity["name"], "users");

    let prompt = client
        .get_prompt(GetPromptRequestParams::new("write_sift_filter"))
        .await
        .expect("the prompt");
    let text = serde_json::to_value(&prompt.messages[0].content).expect("JSON")["text"].clone();
    assert!(text.as_str().expect("text").contains("harvest connector"));

    client.cancel().await.expect("the client closes");
}

/// Reads the server's lines on a thread of its own; the test waits on them with a bound.
fn lines_of(stdout: std::process::ChildStdout) -> mpsc::Receiver<Value> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let Ok(value) = serde_json::from_str(&line) else {
                panic!("the server wrote a line that is not JSON: {line:.200}");
            };
            if send.send(value).is_err() {
                break;
            }
        }
    });
    receive
}

/// The answer to request `id`, skipping others; fails after [`LIMIT`].
fn answer_to(lines: &mpsc::Receiver<Value>, id: u64) -> Value {
    let deadline = std::time::Instant::now() + LIMIT;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let message = lines
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no answer to request {id}"));
        if message["id"] == id {
            return message;
        }
    }
}

fn raw_server(args: &[&str], env: &[(&str, String)]) -> std::process::Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .arg("mcp")
        .args(args)
        .current_dir(repo_root())
        .env_remove("SIFT_SPEC_PATH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for name in API_VARIABLES {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    command.spawn().expect("sift mcp starts")
}

fn send(stdin: &mut std::process::ChildStdin, message: &str) {
    stdin
        .write_all(message.as_bytes())
        .expect("the server reads");
    stdin.write_all(b"\n").expect("the server reads");
    stdin.flush().expect("the server reads");
}

const INITIALIZE: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"0"}}}"#;
const INITIALIZED: &str = r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#;

fn tool_call(id: u64, name: &str, arguments: Value) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
           "params": {"name": name, "arguments": arguments}})
    .to_string()
}

/// Closes standard input and waits (bounded) for the server to end; its exit code and stderr.
fn close(mut child: std::process::Child) -> (std::process::ExitStatus, String) {
    drop(child.stdin.take());
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = std::time::Instant::now() + LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("sift mcp still running after its input closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (status, reader.join().expect("stderr"))
}

#[test]
fn hostile_input_never_kills_the_server() {
    let mut child = raw_server(&[], &[]);
    let mut stdin = child.stdin.take().expect("stdin");
    let lines = lines_of(child.stdout.take().expect("stdout"));
    send(&mut stdin, INITIALIZE);
    assert_eq!(answer_to(&lines, 1)["result"]["serverInfo"]["name"], "sift");
    send(&mut stdin, INITIALIZED);

    // Not JSON; JSON that is not JSON-RPC; a request of an unknown method.
    send(&mut stdin, "{\"jsonrpc\": \"2.0\", \"id\": ");
    send(&mut stdin, "[1, 2, 3]");
    send(
        &mut stdin,
        r#"{"jsonrpc":"2.0","id":2,"method":"tables/drop"}"#,
    );
    assert!(answer_to(&lines, 2).get("error").is_some());
    // An unknown tool, and arguments of the wrong shape.
    send(&mut stdin, &tool_call(3, "drop_tables", json!({})));
    assert!(answer_to(&lines, 3).get("error").is_some());
    send(
        &mut stdin,
        &tool_call(4, "compile", json!({"query": ["not", "text"]})),
    );
    let wrong = answer_to(&lines, 4);
    assert_eq!(wrong["result"]["isError"], true);
    assert_eq!(
        wrong["result"]["structuredContent"]["error"]["code"],
        "sift::mcp::bad_arguments"
    );
    // A huge query (3 MiB) and a deeply nested document: diagnostics, not a crash.
    let huge = format!(
        "from users where {}",
        "is_active = true and ".repeat(150_000)
    );
    send(
        &mut stdin,
        &tool_call(5, "compile", json!({ "query": huge })),
    );
    let answer = answer_to(&lines, 5);
    assert_eq!(answer["result"]["structuredContent"]["ok"], false);
    assert!(
        answer.to_string().len() < 64 * 1024,
        "the answer stays bounded"
    );
    let deep = format!("{}{}", "{\"not\":".repeat(100_000), "}".repeat(100_000));
    send(
        &mut stdin,
        &tool_call(
            6,
            "validate",
            json!({ "document": deep, "entity": "users" }),
        ),
    );
    assert_eq!(
        answer_to(&lines, 6)["result"]["structuredContent"]["valid"],
        false
    );
    // A message past the transport's bound (4 MiB) is dropped unread.
    let over = tool_call(
        7,
        "compile",
        json!({ "query": "x".repeat(sift_mcp_bound() + 1) }),
    );
    send(&mut stdin, &over);

    // Still serving.
    send(
        &mut stdin,
        &tool_call(8, "list_entities", json!({"limit": 1})),
    );
    let answer = answer_to(&lines, 8);
    assert_eq!(answer["result"]["structuredContent"]["next_offset"], 1);
    drop(stdin);
    let (status, _) = close(child);
    assert!(status.success(), "{status:?}");
}

/// The longest message the server reads, as its `--help` does not say: the library's bound.
fn sift_mcp_bound() -> usize {
    4 * 1024 * 1024
}

/// One HTTP exchange on `listener`: the request's head and body sent on, `reply` answered.
fn serve_once(listener: TcpListener, reply: &'static str, seen: mpsc::Sender<String>) {
    let Ok((stream, _)) = listener.accept() else {
        return;
    };
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
        "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    );
    let _ = seen.send(format!("{head}\n{}", String::from_utf8_lossy(&body)));
}

#[test]
fn search_on_the_api_never_shows_the_token() {
    const SECRET: &str = "tok-7f3a9c2e5b1d8e4f6a0c";
    // The server echoes the token in its error, as a careless one might.
    const REPLY: &str = r#"{"error":"bad token tok-7f3a9c2e5b1d8e4f6a0c for conn-42"}"#;
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("an address").port();
    let (seen_send, seen) = mpsc::channel();
    let http = std::thread::spawn(move || {
        // The 401 is retried once after a token refresh: answer both.
        let again = listener.try_clone().expect("a listener");
        serve_once(listener, REPLY, seen_send.clone());
        serve_once(again, REPLY, seen_send);
    });
    let env = [
        ("AIRBYTE_TOKEN", SECRET.to_owned()),
        ("AIRBYTE_CONNECTOR_ID", "conn-42".to_owned()),
        ("AIRBYTE_API_URL", format!("http://127.0.0.1:{port}")),
    ];
    let mut child = raw_server(&["-v"], &env);
    let mut stdin = child.stdin.take().expect("stdin");
    let lines = lines_of(child.stdout.take().expect("stdout"));
    send(&mut stdin, INITIALIZE);
    answer_to(&lines, 1);
    send(&mut stdin, INITIALIZED);
    send(
        &mut stdin,
        &tool_call(
            2,
            "search",
            json!({"query": "from users where is_active = true"}),
        ),
    );
    let answer = answer_to(&lines, 2);
    let request = seen.recv_timeout(LIMIT).expect("the API was called");
    assert!(request.contains(r#""entity":"users""#), "{request}");
    assert!(
        request.contains(SECRET),
        "the token went to the API: {request}"
    );
    assert_eq!(answer["result"]["isError"], true, "{answer}");
    assert_eq!(
        answer["result"]["structuredContent"]["error"]["code"],
        "sift::mcp::search_failed"
    );
    drop(stdin);
    let (_, stderr) = close(child);
    assert!(!answer.to_string().contains(&SECRET[..8]), "{answer}");
    assert!(!stderr.contains(&SECRET[..8]), "{stderr}");
    drop(http);
}
