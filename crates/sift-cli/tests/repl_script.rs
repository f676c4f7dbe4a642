//! `sift repl` reading a script from standard input: `:save` keeps the queries of the file it
//! appends to apart and writes regular files only, an over-long line is skipped, and the exit
//! code says how the script went. Every child runs bounded in time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::finish;

const LIMIT: Duration = Duration::from_secs(120);

fn repl(args: &[&str], script: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sift"));
    cmd.arg("repl")
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("SIFT_SPEC_PATH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    finish(
        cmd.spawn().expect("sift runs"),
        Some(script),
        LIMIT,
        "sift repl",
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn save_keeps_queries_apart_and_writes_regular_files_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let at = |name: &str| -> PathBuf { dir.path().join(name) };
    std::fs::write(at("plain.sift"), "from users limit 1").expect("write");
    std::fs::write(at("ended.sift"), "from users;").expect("write");
    std::fs::write(at("comment.sift"), "from users\n# the last line").expect("write");
    let open = "from users where first_name = \"ab";
    std::fs::write(at("open.sift"), open).expect("write");
    std::fs::write(at("target.sift"), "from clients;\n").expect("write");
    std::os::unix::fs::symlink(at("target.sift"), at("link.sift")).expect("symlink");
    let names = ["plain", "ended", "comment", "open", "link", "new"];
    let mut script = String::from("from time_entries limit 2\n");
    for name in names {
        script.push_str(&format!(
            ":save {}\n",
            at(&format!("{name}.sift")).display()
        ));
    }
    let out = repl(&[], &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    let saved = "from time_entries\nlimit 2;\n";
    assert_eq!(
        read(&at("plain.sift")),
        format!("from users limit 1;\n{saved}")
    );
    assert_eq!(read(&at("ended.sift")), format!("from users;\n{saved}"));
    assert_eq!(
        read(&at("comment.sift")),
        format!("from users\n# the last line\n;\n{saved}")
    );
    assert_eq!(read(&at("new.sift")), saved);
    assert!(
        stdout.contains("open.sift ends inside a string or quoted name; nothing was appended"),
        "{stdout}"
    );
    assert_eq!(read(&at("open.sift")), open);
    assert!(
        stdout.contains("link.sift: a symbolic link; sift writes regular files only"),
        "{stdout}"
    );
    assert_eq!(read(&at("target.sift")), "from clients;\n");
    // Each file still holds queries that check, one after the other.
    for name in ["plain", "ended", "comment", "new"] {
        let path = at(&format!("{name}.sift"));
        let out = Command::new(env!("CARGO_BIN_EXE_sift"))
            .args(["check", path.to_str().expect("UTF-8")])
            .env("NO_COLOR", "1")
            .output()
            .expect("sift check runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_over_long_line_is_skipped_and_the_script_goes_on() {
    let long = "x".repeat(5000);
    let script =
        format!(":entity users\n{long}\nfrom users where is_active = true limit 1 fields id\n");
    let out = repl(
        &["--data", "examples/harvest", "--max-input-bytes", "1000"],
        &script,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains(
            "error: line 2 of standard input is longer than 1000 bytes (--max-input-bytes); skipped"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("1 record, has_more: true"), "{stdout}");
    assert!(!stdout.contains(&long[..100]), "the long line was echoed");
}

#[test]
fn a_script_that_ran_cleanly_exits_zero() {
    let out = repl(
        &["--data", "examples/harvest"],
        "from users limit 1 fields id\n:more\n:quit\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
}
