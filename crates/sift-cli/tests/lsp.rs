//! `sift lsp` as an editor starts it: the real binary on pipes, one session from `initialize`
//! to `exit`. The document is `untitled:` (no file), so the server reads no file.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// How long the test waits for one message before failing (a bound, not a measurement).
const PATIENCE: Duration = Duration::from_secs(30);

struct Session {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Session {
    fn start() -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sift"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("sift lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Session {
            child,
            stdin,
            messages,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&message.to_string());
    }

    /// The next message for which `wanted` holds, skipping others.
    fn next(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.messages.recv_timeout(PATIENCE).expect("a message");
            if wanted(&message) {
                return message;
            }
        }
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.next(|m| m["id"] == id && m.get("method").is_none())
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

#[test]
fn a_session_over_stdio_from_initialize_to_exit() {
    let mut session = Session::start();
    let init = session.request(
        1,
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": ["utf-8"]}}}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    session.notify("initialized", json!({}));

    let uri = "untitled:queries.sift";
    let text = "from users   where is_actve = true";
    session.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "sift", "version": 1, "text": text}}),
    );
    let published = session.next(|m| m["method"] == "textDocument/publishDiagnostics");
    let diagnostic = &published["params"]["diagnostics"][0];
    assert_eq!(diagnostic["code"], "sift::check::unknown_field");
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("did you mean `is_active`?")),
        "{diagnostic}"
    );

    // A frame that is not JSON gets a parse error, and the session goes on.
    session.send_raw("{not json");
    let error = session.next(|m| m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(error["id"], Value::Null);

    let completion = session.request(
        2,
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 25}}),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["label"].as_str())
        .collect();
    assert_eq!(labels, ["is_active"]);

    let formatting = session.request(
        3,
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        formatting["result"][0]["newText"],
        "from users\nwhere is_actve = true\n"
    );

    let shutdown = session.request(4, "shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    session.notify("exit", Value::Null);
    let status = session.child.wait().expect("sift lsp exits");
    assert_eq!(status.code(), Some(0));
}
