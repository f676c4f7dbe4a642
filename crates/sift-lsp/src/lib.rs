//! `sift lsp`: the Language Server Protocol for sift source. [`handle`] is the whole server —
//! the [`State`] and one message in, the messages to send out — and [`run`] drives it over a
//! connection (memory in the tests); [`run_stdio`] serves `sift lsp` on standard input and output. Diagnostics,
//! fixes, completion, formatting and hovers come from the same library the command line uses.

mod capabilities;
mod document;
mod features;
pub mod position;
pub mod project;
mod server;
mod stdio;

use lsp_server::Connection;

pub use lsp_server::Message;
pub use position::Encoding;
pub use project::{DiskFiles, Files, MemoryFiles};
pub use server::{State, handle};
pub use stdio::run_stdio;

/// Serves one client on `connection` until it sends `exit` or hangs up; the exit code is 0
/// after `shutdown` then `exit`, else 1.
pub fn run(connection: &Connection, mut state: State) -> i32 {
    for message in &connection.receiver {
        for reply in handle(&mut state, message) {
            if connection.sender.send(reply).is_err() {
                return 1;
            }
        }
        if let Some(code) = state.exit_code() {
            return code;
        }
    }
    1
}
