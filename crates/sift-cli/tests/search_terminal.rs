//! What `sift search` writes to a terminal, read through a pseudo-terminal: records whose
//! text holds terminal escape sequences, C1 controls and bidi overrides come out escaped in
//! every format (JSON still reads as the same data), and so does a hostile organization id in
//! `--dry-run`; piped, the same data is written as it is. Every wait has a deadline.

#![cfg(unix)]

use std::io::ErrorKind;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use serde_json::Value;

mod common;

const TIMEOUT: Duration = Duration::from_secs(60);

/// A record whose name retitles a terminal (OSC), starts a C1 control sequence and reverses
/// the text after it, and whose key holds a bidi override too.
const HOSTILE: &str = r#"{"id":1,"name":"\u001b]0;pwned\u0007 \u009b31m \u202eevil\r","is_active":true,"k\u202e":"\u2028"}"#;

fn hostile_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("clients.jsonl"), format!("{HOSTILE}\n")).expect("written");
    dir
}

fn sift(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("SIFT_SPEC_PATH");
    for name in [
        "AIRBYTE_TOKEN",
        "AIRBYTE_CLIENT_ID",
        "AIRBYTE_CLIENT_SECRET",
        "AIRBYTE_CONNECTOR_ID",
        "AIRBYTE_API_URL",
        "AIRBYTE_ORGANIZATION_ID",
    ] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command
}

/// Everything the command writes to the terminal (standard output and error), and its exit
/// code.
fn on_terminal(command: Command) -> (Vec<u8>, i32) {
    let mut session = Session::spawn(command).expect("the binary starts on a pty");
    session
        .get_process_mut()
        .set_window_size(160, 50)
        .expect("the pty takes a size");
    let deadline = Instant::now() + TIMEOUT;
    let mut shown = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        assert!(Instant::now() < deadline, "still running: {shown:?}");
        match session.try_read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => shown.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if let Ok(WaitStatus::Exited(..)) = session.get_process().status() {
                    // Drain what is left, then stop.
                    while let Ok(n @ 1..) = session.try_read(&mut buffer) {
                        shown.extend_from_slice(&buffer[..n]);
                    }
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            // The pty reports an error once the child has closed it.
            Err(_) => break,
        }
    }
    let code = loop {
        assert!(Instant::now() < deadline, "no exit");
        match session.get_process().status() {
            Ok(WaitStatus::Exited(_, code)) => break code,
            Ok(WaitStatus::StillAlive) => std::thread::sleep(Duration::from_millis(10)),
            other => panic!("{other:?}"),
        }
    };
    (shown, code)
}

/// What the terminal got, with the line ends the terminal adds (`\r\n`) made plain.
fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8")
        .replace("\r\n", "\n")
}

/// The characters a terminal must never receive from data.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
        })
        .collect()
}

#[test]
fn every_format_escapes_hostile_text_on_a_terminal() {
    let data = hostile_data();
    let dir = data.path().to_str().expect("a UTF-8 path");
    let record: Value = serde_json::from_str(HOSTILE).expect("JSON");
    for format in ["csv", "json", "jsonl", "table"] {
        let (bytes, code) = on_terminal(sift(
            &[
                "search",
                "--data",
                dir,
                "--format",
                format,
                "from clients limit 5",
            ],
            &[],
        ));
        let shown = text(&bytes);
        assert_eq!(code, 0, "{format}: {shown}");
        assert_eq!(
            unsafe_chars(&shown),
            Vec::<char>::new(),
            "{format}: {shown:?}"
        );
        assert!(
            shown.contains("pwned"),
            "{format}: the text is shown: {shown}"
        );
        let records = shown.lines().filter(|line| line.contains("pwned"));
        match format {
            "jsonl" => {
                for line in records {
                    let read: Value = serde_json::from_str(line).expect("JSON Lines");
                    assert_eq!(read, record, "the same data");
                }
            }
            "json" => {
                let array =
                    &shown[shown.find('[').expect("an array")..=shown.rfind(']').expect("its end")];
                let read: Vec<Value> = serde_json::from_str(array).expect("a JSON array");
                assert_eq!(read, std::slice::from_ref(&record), "the same data");
            }
            "csv" => assert!(shown.contains(r"\u{1b}]0;pwned\u{7}"), "{shown}"),
            _ => assert!(shown.contains(r"\u{202e}evil"), "{shown}"),
        }
    }
}

#[test]
fn piped_the_data_is_written_as_it_is() {
    let data = hostile_data();
    let dir = data.path().to_str().expect("a UTF-8 path");
    let record: Value = serde_json::from_str(HOSTILE).expect("JSON");
    let child = sift(
        &[
            "search",
            "--data",
            dir,
            "--format",
            "jsonl",
            "from clients limit 5",
        ],
        &[],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("sift runs");
    let out = common::finish(child, None, TIMEOUT, "sift search");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).expect("UTF-8"),
        format!("{record}\n"),
        "serde_json's own text of the record, bidi override and all"
    );
}

#[test]
fn the_dry_run_escapes_the_organization_on_a_terminal() {
    let organization = "org-\u{1b}]0;pwned\u{7}\u{202e}x";
    let env = [
        ("AIRBYTE_TOKEN", "tok-SECRET-dry"),
        ("AIRBYTE_ORGANIZATION_ID", organization),
    ];
    let args = [
        "search",
        "--dry-run",
        "--connector-id",
        "conn-1",
        "from clients where name = \"\u{202e}x\" limit 1",
    ];
    let (bytes, code) = on_terminal(sift(&args, &env));
    let shown = text(&bytes);
    assert_eq!(code, 0, "{shown}");
    assert_eq!(unsafe_chars(&shown), Vec::<char>::new(), "{shown:?}");
    assert!(
        shown.contains(r"X-Organization-Id: org-\u{1b}]0;pwned\u{7}\u{202e}x"),
        "{shown}"
    );
    // The body stays JSON with the same data.
    let body = shown
        .lines()
        .find(|line| line.starts_with('{'))
        .expect("the body");
    let read: Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(
        read["params"]["query"]["filter"]["eq"]["name"],
        Value::from("\u{202e}x")
    );
    assert!(!shown.contains("tok-SECRET-dry"));
    // Piped: as it would be sent.
    let child = sift(&args, &env)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sift runs");
    let out = common::finish(child, None, TIMEOUT, "sift search --dry-run");
    let piped = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        piped.contains(&format!("X-Organization-Id: {organization}\n")),
        "{piped:?}"
    );
}
