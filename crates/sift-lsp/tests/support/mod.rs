//! `TestServer`: the server on one end of an in-memory connection (`Connection::memory()`),
//! driven from the other as an editor would.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};
use sift_lsp::{MemoryFiles, State};

/// How long a test waits for one message before it fails (a bound, not a measurement).
const PATIENCE: Duration = Duration::from_secs(20);

pub struct TestServer {
    client: Connection,
    thread: Option<JoinHandle<i32>>,
    next_id: i32,
    /// Notifications and server requests received while waiting for a response.
    pending: VecDeque<Message>,
}

impl TestServer {
    /// A server with no project files, initialized offering `encodings`.
    pub fn start(encodings: &[&str]) -> TestServer {
        TestServer::with_files(MemoryFiles::default(), encodings)
    }

    /// A server that reads `files` (path → text) as the disk, initialized offering
    /// `encodings`.
    pub fn with_files(files: MemoryFiles, encodings: &[&str]) -> TestServer {
        let mut server = TestServer::uninitialized(files);
        let result = server.request(
            "initialize",
            json!({
                "capabilities": {"general": {"positionEncodings": encodings}},
            }),
        );
        assert!(result.get("capabilities").is_some(), "{result}");
        server.notify("initialized", json!({}));
        server
    }

    pub fn uninitialized(files: MemoryFiles) -> TestServer {
        let (server, client) = Connection::memory();
        let thread =
            std::thread::spawn(move || sift_lsp::run(&server, State::new(Box::new(files))));
        TestServer {
            client,
            thread: Some(thread),
            next_id: 0,
            pending: VecDeque::new(),
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let message = Notification::new(method.to_owned(), params);
        self.send(Message::Notification(message));
    }

    pub fn send(&mut self, message: Message) {
        self.client
            .sender
            .send(message)
            .expect("the server is running");
    }

    /// Sends a request and returns its response (result or error).
    pub fn respond(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_owned(), params);
        self.send(Message::Request(request));
        loop {
            match self.receive() {
                Message::Response(response) if response.id == id => return response,
                other => self.pending.push_back(other),
            }
        }
    }

    /// Sends a request and returns its result; fails on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.respond(method, params);
        assert!(response.error.is_none(), "{method}: {:?}", response.error);
        response.result.unwrap_or(Value::Null)
    }

    fn receive(&mut self) -> Message {
        self.client
            .receiver
            .recv_timeout(PATIENCE)
            .expect("the server answers")
    }

    /// The next notification named `method`, skipping others (kept for later).
    pub fn notification(&mut self, method: &str) -> Value {
        if let Some(at) = self
            .pending
            .iter()
            .position(|m| matches!(m, Message::Notification(n) if n.method == method))
            && let Some(Message::Notification(n)) = self.pending.remove(at)
        {
            return n.params;
        }
        loop {
            match self.receive() {
                Message::Notification(n) if n.method == method => return n.params,
                other => self.pending.push_back(other),
            }
        }
    }

    /// The params of the next request the server sends (skipping other messages).
    pub fn server_request(&mut self, method: &str) -> Value {
        loop {
            match self.receive() {
                Message::Request(r) if r.method == method => return r.params,
                other => self.pending.push_back(other),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let params = self.notification("textDocument/publishDiagnostics");
            if params["uri"] == uri {
                return params["diagnostics"].clone();
            }
        }
    }

    /// Opens a document and returns its first diagnostics.
    pub fn open(&mut self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "sift", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    /// Replaces the whole text and returns the new diagnostics.
    pub fn replace(&mut self, uri: &str, version: i32, text: &str) -> Value {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    /// `shutdown` then `exit`; the server's exit code.
    pub fn stop(mut self) -> i32 {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.join()
    }

    pub fn join(mut self) -> i32 {
        let thread = self.thread.take().expect("joined once");
        thread.join().expect("the server thread does not panic")
    }
}

/// `value` as pretty JSON text, numbers as written (the workspace's serde_json keeps numbers
/// exact, which insta's own JSON serializer would show as their internal form).
pub fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Asserts a JSON snapshot of `value`.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::assert_snapshot!($name, support::pretty(&$value))
    };
}

/// A position's JSON.
pub fn at(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// `text` with `edits` (LSP TextEdits, in the UTF-8 encoding, on a one-line text or with
/// whole-text ranges) applied, the last first.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap_or(0) as usize;
        let character = position["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        (start + character).min(text.len())
    };
    let mut sorted: Vec<&Value> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_owned();
    for edit in sorted {
        let lo = offset(&edit["range"]["start"]);
        let hi = offset(&edit["range"]["end"]);
        out.replace_range(lo..hi, edit["newText"].as_str().unwrap_or(""));
    }
    out
}
