//! The transport of `sift lsp`: frames (`Content-Length: N`, a blank line, N bytes of JSON)
//! read from standard input on a thread of their own, answers written to standard output. A
//! frame that is not a JSON-RPC message is answered with the protocol's error (parse error,
//! invalid request) and the session goes on; a frame larger than [`MAX_FRAME_BYTES`] is
//! skipped unread.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc;

use lsp_server::Message;
use serde_json::{Value, json};

use crate::server::{State, handle};

/// The largest frame read: twice the largest source sift reads (64 MiB) leaves room for the
/// JSON escaping of a whole document.
pub const MAX_FRAME_BYTES: usize = 128 << 20;

/// One frame from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Not a message: the error to answer with (`id` is `null` when it cannot be read).
    Malformed {
        id: Value,
        code: i32,
        message: String,
    },
}

const PARSE_ERROR: i32 = -32700;
const INVALID_REQUEST: i32 = -32600;

/// Serves on standard input and output until `exit` or the end of input; the exit code.
pub fn run_stdio() -> Result<i32, String> {
    let (sender, receiver) = mpsc::sync_channel(16);
    // The reader blocks on standard input; it ends with the input or with the process.
    std::thread::spawn(move || {
        let mut input = io::stdin().lock();
        while let Some(frame) = read_frame(&mut input) {
            if sender.send(frame).is_err() {
                break;
            }
        }
    });
    let mut output = io::stdout().lock();
    let mut state = State::default();
    for incoming in receiver {
        let written = match incoming {
            Incoming::Message(message) => handle(&mut state, message)
                .into_iter()
                .try_for_each(|reply| reply.write(&mut output)),
            Incoming::Malformed { id, code, message } => write_raw(
                &mut output,
                &json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}),
            ),
        };
        written.map_err(|e| format!("sift lsp: cannot write to the client: {e}"))?;
        if let Some(code) = state.exit_code() {
            return Ok(code);
        }
    }
    Ok(1)
}

fn write_raw(output: &mut impl Write, value: &Value) -> io::Result<()> {
    let text = value.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    output.flush()
}

/// The next frame, or `None` at the end of input (or when it cannot be read).
pub fn read_frame(input: &mut impl BufRead) -> Option<Incoming> {
    let mut length = None;
    let mut broken = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        // A header line longer than this is no header: it is read in pieces and refused.
        let read = input
            .by_ref()
            .take(4096)
            .read_until(b'\n', &mut line)
            .ok()?;
        if read == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() && line.ends_with(b"\n") {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => broken = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => broken = Some("a header line without `:`".to_owned()),
        }
    }
    let malformed = |message: String| Incoming::Malformed {
        id: Value::Null,
        code: PARSE_ERROR,
        message,
    };
    if let Some(problem) = broken {
        return Some(malformed(problem));
    }
    let Some(length) = length else {
        return Some(malformed("a frame without Content-Length".to_owned()));
    };
    if length > MAX_FRAME_BYTES {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink()).ok()?;
        return Some(malformed(format!(
            "a frame of {length} bytes (at most {MAX_FRAME_BYTES} are read)"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).ok()?;
    Some(parse_frame(&body))
}

/// A frame's body as a message, or the error that answers it.
pub fn parse_frame(body: &[u8]) -> Incoming {
    if let Ok(message) = serde_json::from_slice::<Message>(body) {
        return Incoming::Message(message);
    }
    match serde_json::from_slice::<Value>(body) {
        Err(e) => Incoming::Malformed {
            id: Value::Null,
            code: PARSE_ERROR,
            message: format!("not JSON: {e}"),
        },
        Ok(value) => {
            let id = match value.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
                _ => Value::Null,
            };
            Incoming::Malformed {
                id,
                code: INVALID_REQUEST,
                message: "not a JSON-RPC request, response or notification".to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut input = input.as_bytes();
        std::iter::from_fn(|| read_frame(&mut input))
            .map(|f| match f {
                Incoming::Message(m) => format!("message {m:?}"),
                Incoming::Malformed { id, code, .. } => format!("error {code} id {id}"),
            })
            .collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_frames_are_answered_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("nope!"),
            frame(r#"{"id":7,"result":1,"error":"bad"}"#),
            "X-Other: 1\r\n\r\n".to_owned(),
            "Content-Length: x\r\n\r\n".to_owned(),
            frame(good),
            "Content-Length: 99999999999\r\n\r\n".to_owned(),
        ]
        .concat();
        let read = frames(&input);
        assert_eq!(
            read[..4],
            [
                "error -32700 id null",
                "error -32600 id 7",
                "error -32700 id null",
                "error -32700 id null"
            ]
        );
        assert!(read[4].starts_with("message Notification"), "{read:?}");
        // The oversized frame is refused without being held; the input then ends.
        assert_eq!(read[5], "error -32700 id null");
        assert_eq!(read.len(), 6);
    }

    #[test]
    fn a_json_value_that_is_no_message_keeps_its_id() {
        match parse_frame(br#"{"id":"a","result":1,"error":"bad"}"#) {
            Incoming::Malformed { id, code, .. } => {
                assert_eq!((id, code), (json!("a"), INVALID_REQUEST));
            }
            other => panic!("{other:?}"),
        }
    }

    /// A panic inside a handler is caught: the message gets an error, the session goes on.
    #[test]
    fn a_panic_in_a_handler_is_caught() {
        assert_eq!(crate::server::guarded(|| -> u8 { panic!("boom") }), None);
        assert_eq!(crate::server::guarded(|| 7), Some(7));
    }
}
