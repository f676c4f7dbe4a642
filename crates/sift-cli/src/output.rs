//! The one way out: every command writes standard output and standard error through here.
//!
//! A closed pipe (`sift schema | head -1`) ends the run quietly with exit code 0, as ripgrep
//! does: the reader has what it wanted. Rust ignores SIGPIPE, so the write returns `EPIPE`,
//! which becomes [`Failure::Closed`] and travels up with `?` to `main`. Any other write error on
//! standard output (a full disk) is an IO error, exit 2; one on standard error has nowhere to
//! be reported and is dropped.

use std::io::{ErrorKind, Write};

/// Why a command stopped before its natural end.
#[derive(Debug)]
pub enum Failure {
    /// A usage or input/output error: printed as one line, exit 2.
    Usage(String),
    /// The reader of standard output or standard error went away: quiet exit 0.
    Closed,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

/// What a command returns: its exit code, or why it stopped.
pub type Outcome = Result<u8, Failure>;

/// Writes `text` to standard output.
pub fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| match e.kind() {
            ErrorKind::BrokenPipe => Failure::Closed,
            _ => Failure::Usage(format!("cannot write standard output: {e}")),
        })
}

/// Writes `text` and a line break to standard output.
pub fn outln(text: &str) -> Result<(), Failure> {
    out(&format!("{text}\n"))
}

/// Writes `text` to standard error.
pub fn err(text: &str) -> Result<(), Failure> {
    match std::io::stderr().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Err(Failure::Closed),
        // Nowhere left to report a failing standard error.
        Ok(()) | Err(_) => Ok(()),
    }
}

/// Writes `text` and a line break to standard error.
pub fn errln(text: &str) -> Result<(), Failure> {
    err(&format!("{text}\n"))
}
