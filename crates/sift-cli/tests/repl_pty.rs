//! `sift repl` driven through a pseudo-terminal as a person uses it: the real binary, the line
//! editor, Tab, Enter, Ctrl-C, Ctrl-D. Every wait has a deadline ([`TIMEOUT`]): a missing
//! answer fails the test instead of hanging it. Only what the screen shows is asserted, never
//! how long anything took.

#![cfg(unix)]

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::{PtyStream, UnixProcess, WaitStatus};
use expectrl::{ControlCode, Expect, Session};

const TIMEOUT: Duration = Duration::from_secs(30);

/// The terminal's question "where is the cursor?", which the test answers as a terminal would.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Repl {
    session: Session<UnixProcess, PtyStream>,
    /// Everything shown since the last [`Repl::wait_for`] that matched, escapes removed.
    screen: String,
    /// Everything shown since the start, escapes removed.
    transcript: String,
    pending: Vec<u8>,
}

impl Repl {
    /// The REPL on the example data with a fresh home (history in `home/data/sift`), no colour
    /// and no credentials but those in `env`.
    fn spawn(home: &Path, env: &[(&str, &str)]) -> Repl {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sift"));
        cmd.current_dir(repo_root())
            .args(["repl", "--data", "examples/harvest"])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("SIFT_SPEC_PATH");
        for name in [
            "AIRBYTE_TOKEN",
            "AIRBYTE_CLIENT_ID",
            "AIRBYTE_CLIENT_SECRET",
            "AIRBYTE_CONNECTOR_ID",
            "AIRBYTE_API_URL",
            "AIRBYTE_ORGANIZATION_ID",
        ] {
            cmd.env_remove(name);
        }
        cmd.envs(env.iter().copied());
        let mut session = Session::spawn(cmd).expect("the binary starts on a pty");
        session
            .get_process_mut()
            .set_window_size(160, 50)
            .expect("the pty takes a size");
        let mut repl = Repl {
            session,
            screen: String::new(),
            transcript: String::new(),
            pending: Vec::new(),
        };
        repl.prompt();
        repl
    }

    /// The terminal's size changes (as when its window is resized).
    fn resize(&mut self, columns: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(columns, rows)
            .expect("the pty takes a size");
    }

    fn send(&mut self, text: &str) {
        self.session.send(text).expect("the pty takes input");
    }

    fn control(&mut self, code: ControlCode) {
        self.session.send(code).expect("the pty takes input");
    }

    /// Reads what is there (answering cursor queries); false at the end of output.
    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        match self.session.try_read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.pending.extend_from_slice(&buf[..n]);
                while let Some(at) = find(&self.pending, CURSOR_QUERY) {
                    self.pending.drain(at..at + CURSOR_QUERY.len());
                    self.session.send("\x1b[1;1R").expect("the pty takes input");
                }
                // Keep a possible half of a query for the next read.
                let keep = if self.pending.ends_with(b"\x1b[6") {
                    3
                } else if self.pending.ends_with(b"\x1b[") {
                    2
                } else {
                    usize::from(self.pending.ends_with(b"\x1b"))
                };
                let done: Vec<u8> = self.pending.drain(..self.pending.len() - keep).collect();
                let text = strip_escapes(&String::from_utf8_lossy(&done));
                self.screen.push_str(&text);
                self.transcript.push_str(&text);
                true
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(10));
                true
            }
            Err(_) => false,
        }
    }

    /// Waits until the screen shows `needle`; returns what was shown up to and with it.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(at) = self.screen.find(needle) {
                let end = at + needle.len();
                let shown = self.screen[..end].to_owned();
                self.screen.drain(..end);
                return shown;
            }
            assert!(
                Instant::now() < deadline && self.pump(),
                "the screen never showed {needle:?}; it showed:\n{}",
                self.transcript
            );
        }
    }

    /// Waits for an empty prompt: a new line is being read (not a repaint of the old one).
    fn prompt(&mut self) {
        self.wait_for(&format!("sift> {CURSOR_MARK}"));
    }

    /// Waits for the process to end; its exit code.
    fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let open = self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => return code,
                Ok(WaitStatus::StillAlive) if Instant::now() < deadline => {
                    if !open {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
                other => panic!("the REPL did not exit: {other:?}\n{}", self.transcript),
            }
        }
    }
}

/// The menu marks its selected entry in capitals when colour is off: compare in lower case.
fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// Where the editor saved the cursor: the end of the typed text.
const CURSOR_MARK: char = '\u{1}';

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The text of terminal output without its control sequences (CSI, save/restore cursor).
fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                // The editor saves the cursor where the typed text ends (hints follow it).
                Some('7') => out.push(CURSOR_MARK),
                Some('[') => {
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                Some(_) | None => {}
            },
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

#[test]
fn tab_after_from_lists_the_entities() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from ");
    repl.send("\t");
    let menu = lower(&repl.wait_for("time_tasks"));
    for entity in ["users", "time_entries", "invoice_item_categories"] {
        assert!(menu.contains(entity), "{entity} missing from:\n{menu}");
    }
    repl.control(ControlCode::EndOfText);
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn a_field_completes_then_only_its_operators_are_offered() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from time_entries where bil");
    // The hint shows the type and description while the name is typed.
    repl.wait_for("lable  null | boolean");
    repl.send("\t");
    repl.wait_for("where billable ");
    repl.send("\t");
    let menu = lower(&repl.wait_for("is not null"));
    for operator in ["!=", "in", "not in", "is null"] {
        assert!(menu.contains(operator), "{operator} missing from:\n{menu}");
    }
    for other in ["between", "fuzzy", "contains", "like", "<="] {
        assert!(
            !menu.contains(other),
            "{other} offered on a boolean:\n{menu}"
        );
    }
    repl.send("= ");
    let values = lower(&repl.wait_for("false"));
    assert!(values.contains("true"), "{values}");
    repl.control(ControlCode::EndOfText);
    repl.prompt();
    repl.send("from time_entries sort ");
    repl.send("\t");
    let fields = lower(&repl.wait_for("updated_at"));
    assert!(
        fields.contains("spent_date") && fields.contains("hours"),
        "{fields}"
    );
    repl.control(ControlCode::EndOfText);
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn a_syntax_error_does_not_end_the_session() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from time_entries where billable = = true\r");
    repl.wait_for("sift::syntax::expected");
    repl.prompt();
    repl.send("from clients where name startswith \"B\" fields id, name\r");
    repl.wait_for("Birch Media");
    // On a terminal the time taken is shown.
    repl.wait_for("1 record, has_more: false, ");
    repl.wait_for(" ms");
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn json_request_more_and_save() {
    let home = home();
    let saved = home.path().join("saved.sift");
    let secret = "tok-very-secret-123";
    let mut repl = Repl::spawn(
        home.path(),
        &[
            ("AIRBYTE_TOKEN", secret),
            ("AIRBYTE_CONNECTOR_ID", "conn-42"),
            ("AIRBYTE_API_URL", "http://127.0.0.1:9"),
        ],
    );
    repl.send("from clients fields id, name\r");
    repl.wait_for("10 records, has_more: true");
    repl.prompt();
    repl.send(":more\r");
    repl.wait_for("Summit Foods");
    repl.wait_for("2 records, has_more: false");
    repl.prompt();
    repl.send(":more\r");
    repl.wait_for("no more records");
    repl.prompt();
    repl.send(":json\r");
    repl.wait_for("\"fields\"");
    repl.prompt();
    repl.send(":request\r");
    let request = repl.wait_for("\"entity\":\"clients\"");
    assert!(request.contains("POST http://127.0.0.1:9/"), "{request}");
    assert!(request.contains("conn-42"), "{request}");
    // The token is a placeholder naming where it comes from, never its value.
    assert!(request.contains("Bearer <AIRBYTE_TOKEN>"), "{request}");
    repl.prompt();
    repl.send(&format!(":save {}\r", saved.display()));
    repl.wait_for("appended to");
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
    assert!(!repl.transcript.contains(secret), "the token was shown");
    let text = std::fs::read_to_string(&saved).expect("the query was saved");
    assert_eq!(text, "from clients\nfields id, name;\n");
}

#[test]
fn ctrl_c_cancels_the_line_and_ctrl_d_leaves() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from clients where");
    repl.wait_for("where");
    repl.control(ControlCode::EndOfText);
    repl.prompt();
    // The cancelled line never ran: there is no last query.
    repl.send(":json\r");
    repl.wait_for("no query yet");
    repl.prompt();
    repl.send(":quti\r");
    repl.wait_for("did you mean `:quit`?");
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
    let history = std::fs::read_to_string(home.path().join("data/sift/history.txt"))
        .expect("the history is kept in the data directory");
    assert!(history.contains(":json"), "{history}");
    assert!(!history.contains("from clients where"), "{history}");
}

#[test]
fn an_unfinished_query_continues_on_the_next_line() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from time_entries where\r");
    repl.wait_for("  ... ");
    repl.send("billable = true and hours > 6 limit 1 fields id, hours\r");
    repl.wait_for("1 record, has_more: true");
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn a_meta_command_runs_on_a_continuation_line_and_the_lines_before_stay() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from clients where\r");
    repl.wait_for("  ... ");
    repl.send(":schema\r");
    // The schema of the entity the unfinished query names.
    repl.wait_for("is_active");
    // The entry comes back, and goes on where it stopped.
    repl.wait_for("from clients where");
    repl.send("name ~ \"Indigo\" fields id, name\r");
    repl.wait_for("Indigo Labs");
    repl.wait_for("1 record, has_more: false");
    repl.prompt();
    repl.send("from clients where\r");
    repl.wait_for("  ... ");
    repl.send(":quit\r");
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn exit_quit_backslash_q_and_colon_q_leave() {
    for word in ["exit", "quit", "\\q", ":q"] {
        let home = home();
        let mut repl = Repl::spawn(home.path(), &[]);
        repl.send(&format!("{word}\r"));
        assert_eq!(repl.wait_exit(), 0, "{word}");
        assert!(
            !repl.transcript.contains("error"),
            "{word}: {}",
            repl.transcript
        );
    }
}

#[test]
fn save_writes_the_whole_query_with_its_from() {
    let home = home();
    let saved = home.path().join("f.sift");
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send(":entity clients\r");
    repl.wait_for("entity: clients");
    repl.prompt();
    repl.send("is_active = false\r");
    repl.wait_for("1 record, has_more: false");
    repl.prompt();
    repl.send(&format!(":save {}\r", saved.display()));
    repl.wait_for("appended to");
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
    let text = std::fs::read_to_string(&saved).expect("the query was saved");
    assert_eq!(text, "from clients\nwhere is_active = false;\n");
    // What was saved checks as it is.
    let check = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(["check", "--deny", "warnings"])
        .arg(&saved)
        .output()
        .expect("sift check runs");
    assert_eq!(check.status.code(), Some(0), "{check:?}");
}

#[test]
fn output_modes_expanded_display_and_tables_that_keep_words() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    // Wide enough: a table, timestamps whole, null written out.
    repl.send("from clients where id = 2001\r");
    let table = repl.wait_for("1 record, has_more: false");
    assert!(table.contains("| 2024-09-21T16:38:20Z |"), "{table}");
    assert!(table.contains("| null "), "{table}");
    repl.prompt();
    repl.send("\\x\r");
    repl.wait_for("mode: line (expanded: on)");
    repl.prompt();
    repl.send("from clients where id = 2001 fields id, name, is_active\r");
    let expanded = repl.wait_for("1 record, has_more: false");
    assert!(expanded.contains("-[ RECORD 1 ]"), "{expanded}");
    assert!(expanded.contains("name      | Birch Media"), "{expanded}");
    assert!(expanded.contains("is_active | null"), "{expanded}");
    repl.prompt();
    repl.send(":mode json\r");
    repl.wait_for("mode: json");
    repl.prompt();
    repl.send("from clients where id = 2001 fields id\r");
    repl.wait_for("\"id\": 2001");
    repl.prompt();
    repl.send(":mode csv\r");
    repl.wait_for("mode: csv");
    repl.prompt();
    repl.send("from clients where id = 2001 fields id, name\r");
    repl.wait_for("2001,Birch Media");
    repl.prompt();
    repl.send(":x auto\r");
    repl.wait_for("mode: table (expanded: auto)");
    repl.prompt();
    // Too narrow for the table's words: one field per line instead, nothing cut.
    repl.resize(60, 50);
    repl.send("from clients where id = 2001\r");
    let narrow = repl.wait_for("1 record, has_more: false");
    assert!(narrow.contains("-[ RECORD 1 ]"), "{narrow}");
    assert!(
        narrow.contains("created_at | 2024-09-21T16:38:20Z"),
        "{narrow}"
    );
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn run_a_file_and_edit_in_the_editor() {
    let home = home();
    let queries = home.path().join("q.sift");
    std::fs::write(
        &queries,
        "from clients where id = 2002 fields id, name;\n:mode line\n",
    )
    .expect("a query file");
    // The editor: a script that writes a query into the file it is given.
    let editor = home.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'from clients where id = 2003 fields id, name\\n' > \"$1\"\n",
    )
    .expect("the editor script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755))
        .expect("the script runs");
    let editor = editor.display().to_string();
    let mut repl = Repl::spawn(home.path(), &[("EDITOR", &editor), ("VISUAL", "")]);
    repl.send(&format!("\\i {}\r", queries.display()));
    repl.wait_for("Indigo Labs");
    repl.wait_for("mode: line (expanded: on)");
    repl.prompt();
    repl.send("from clients where\r");
    repl.wait_for("  ... ");
    repl.send(":edit\r");
    // What the editor saved runs, in the mode the file set.
    repl.wait_for("name | Pioneer Studio");
    repl.wait_for("1 record, has_more: false");
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}

#[test]
fn tab_with_nothing_to_offer_shows_nothing_and_dates_are_offered_relative_times() {
    let home = home();
    let mut repl = Repl::spawn(home.path(), &[]);
    repl.send("from clients where name = ");
    repl.wait_for(&format!("name = {CURSOR_MARK}"));
    repl.send("\t");
    // The line is drawn again after Tab, and a menu would be drawn below it.
    repl.wait_for(&format!("name = {CURSOR_MARK}"));
    repl.send("\"Birch Media\" fields id\r");
    repl.wait_for("2001");
    repl.prompt();
    assert!(
        !repl.transcript.contains("NO RECORDS FOUND"),
        "{}",
        repl.transcript
    );
    repl.send("from time_entries where spent_date >= ");
    repl.send("\t");
    let menu = lower(&repl.wait_for("start_of_year()"));
    for function in ["today()", "now()", "start_of_week()", "start_of_month()"] {
        assert!(menu.contains(function), "{function} missing from:\n{menu}");
    }
    repl.control(ControlCode::EndOfText);
    repl.prompt();
    repl.control(ControlCode::EndOfTransmission);
    assert_eq!(repl.wait_exit(), 0);
}
