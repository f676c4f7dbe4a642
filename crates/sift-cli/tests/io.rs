//! The input and output conventions of every command, on the real binary: a closed pipe ends a
//! run quietly; FIFOs and other non-regular files are refused without hanging; limits are
//! enforced while reading and count each query or document, not each file. Every child runs
//! bounded in time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::finish;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sift(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sift"));
    cmd.args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH");
    cmd
}

/// Runs `cmd` with `stdin` text, bounded in time.
fn run(mut cmd: Command, stdin: Option<&str>, what: &str) -> Output {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    finish(cmd.spawn().expect("sift runs"), stdin, LIMIT, what)
}

/// How long any one run may take (a debug build, two busy cores).
const LIMIT: Duration = Duration::from_secs(120);

/// Every subcommand that prints to standard output, with what it reads.
const PRINTING: &[(&[&str], Option<&str>)] = &[
    (&["schema"], None),
    (&["schema", "--format", "json"], None),
    (&["schema", "users"], None),
    (&["schema", "users", "--format", "json"], None),
    (&["connectors"], None),
    (&["connectors", "--format", "json"], None),
    (&["check", "--format", "json", "tests/cases/queries"], None),
    (
        &["validate", "--entity", "users", "--format", "json", "-"],
        Some(r#"{"eq":{"is_active":true}}"#),
    ),
    (
        &["fmt", "--check", "tests/cases/queries/keywords_case.sift"],
        None,
    ),
    (
        &["fmt", "--format", "json", "-"],
        Some("from users where ("),
    ),
    (&["fmt", "-"], Some("FROM users WHERE id=1")),
    (&["compile", "--entity", "users", "id = 1; id = 2"], None),
    (
        &["decompile", "--entity", "users", "-"],
        Some(r#"{"eq":{"is_active":true}}"#),
    ),
    (&["--help"], None),
];

#[test]
fn every_subcommand_into_a_closed_pipe_ends_quietly() {
    for (args, stdin) in PRINTING {
        // The reading end is closed before the child starts, so its first write fails with
        // EPIPE: no race with the child.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let mut cmd = sift(args);
        cmd.stdout(writer)
            .stderr(Stdio::piped())
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            });
        let out = finish(
            cmd.spawn().expect("sift runs"),
            *stdin,
            LIMIT,
            &format!("{args:?}"),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_standard_error_ends_the_run_quietly_too() {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    // `check` reports on standard output; standard error is only for failures.
    let mut cmd = sift(&["check", "examples/queries"]);
    cmd.stderr(writer)
        .stdout(Stdio::piped())
        .stdin(Stdio::null());
    let out = finish(cmd.spawn().expect("runs"), None, LIMIT, "check");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 error(s)"));
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_without_a_writer_is_refused_by_every_reading_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("q.sift");
    mkfifo(&fifo);
    let path = fifo.to_str().expect("UTF-8 path");
    let commands: &[&[&str]] = &[
        &["check", path],
        &["fmt", path],
        &["fmt", "--check", path],
        &["compile", "-f", path],
        &["validate", "--entity", "users", path],
        &["decompile", "--entity", "users", path],
        &["schema", "--spec", path],
    ];
    for args in commands {
        let out = run(sift(args), None, &format!("{args:?}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("not a regular file (a FIFO)"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(path), "{args:?}: {stderr}");
    }
    let kind = std::fs::symlink_metadata(&fifo).expect("lstat").file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "fmt never replaces a FIFO"
    );
}

#[test]
fn a_fifo_in_a_data_directory_is_named_as_a_fifo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("time_entries.jsonl");
    mkfifo(&fifo);
    let data = dir.path().to_str().expect("UTF-8 path");
    let out = run(
        sift(&["search", "--data", data, "from time_entries"]),
        None,
        "search --data with a FIFO",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let expected = format!("{}: not a regular file (a FIFO)", fifo.display());
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_directory_walk_reports_the_links_it_skips() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("nowhere.sift", dir.path().join("broken.sift")).expect("link");
    let path = dir.path().to_str().expect("UTF-8 path");
    for command in ["check", "fmt"] {
        let out = run(sift(&[command, path]), None, command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("broken.sift: a symbolic link"), "{stderr}");
        assert!(stderr.contains("no .sift files found"), "{stderr}");
        assert!(!stderr.contains("checked 0 file(s)"), "{stderr}");
    }
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = dir.path().join("huge.sift");
    // Sparse: a GiB of size, no GiB of disk.
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(1 << 30).expect("set_len");
    let path = huge.to_str().expect("UTF-8 path");
    let out = run(sift(&["check", path]), None, "check 1 GiB");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("larger than the file limit of 67108864 bytes (1073741824 bytes)"),
        "{stderr}"
    );
}

#[test]
fn endless_standard_input_stops_at_the_file_limit() {
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let mut cmd = sift(&["compile", "--max-file-bytes", "1000000"]);
    cmd.stdin(zero)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = finish(
        cmd.spawn().expect("runs"),
        None,
        LIMIT,
        "compile < /dev/zero",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("standard input: larger than the file limit of 1000000 bytes"),
        "{stderr}"
    );
}

#[test]
fn a_spec_file_has_a_size_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("connector.yaml");
    std::fs::File::create(&spec)
        .and_then(|f| f.set_len(17 << 20))
        .expect("sparse spec");
    let out = run(
        sift(&["schema", "--spec", spec.to_str().expect("UTF-8")]),
        None,
        "schema --spec",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than the file limit"), "{stderr}");
}

/// Ten thousand ordinary queries, 1.5 MB: more than one query's limits allow in all.
fn ten_thousand_queries() -> String {
    (0..10_000)
        .map(|i| {
            format!(
                "from users where is_active = true and (first_name ~ \"ann{i}\" or email endswith \
                 \"@acme{i}.com\") and id > {i} sort last_name limit 10 fields id, email;\n"
            )
        })
        .collect()
}

#[test]
fn ten_thousand_queries_pass_check_with_default_limits() {
    let text = ten_thousand_queries();
    assert!(text.len() > 1_500_000, "{}", text.len());
    let out = run(sift(&["check", "-"]), Some(&text), "check 10 000 queries");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "checked 1 file(s): 0 error(s), 0 warning(s)"
    );
}

#[test]
fn json_lines_validate_ten_thousand_documents_in_one_run() {
    let mut text: String = (0..10_000)
        .map(|i| {
            format!("{{\"and\":[{{\"eq\":{{\"is_active\":true}}}},{{\"gt\":{{\"id\":{i}}}}}]}}\n")
        })
        .collect();
    // One bad document near the end, named by its line.
    text.push_str("{\"eq\":{\"is_actve\":true}}\n");
    let args = [
        "validate", "--entity", "users", "--jsonl", "--format", "json", "-",
    ];
    let out = run(sift(&args), Some(&text), "validate --jsonl");
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["summary"]["files"], 10_001);
    assert_eq!(report["summary"]["errors"], 1);
    let last = &report["files"][10_000];
    assert_eq!(last["line"], 10_001);
    assert_eq!(last["diagnostics"][0]["line"], 10_001);
    assert_eq!(last["diagnostics"][0]["code"], "sift::json::unknown_field");
}

/// A script for `sift repl` with a line that is not UTF-8: that line is reported and skipped,
/// the session goes on to the lines after it, and the exit code says a line failed.
#[test]
fn a_repl_script_line_that_is_not_text_is_skipped() {
    let mut child = sift(&["repl", "--data", "examples/harvest"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sift starts");
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(b":entity users\n\xff\xfe bad\n:quit\n")
        .expect("write");
    drop(stdin);
    let output = child.wait_with_output().expect("sift ends");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        stdout.contains("line 2 of standard input is not valid UTF-8; skipped"),
        "{stdout}"
    );
    assert!(stdout.contains("sift> :quit"), "{stdout}");
}
