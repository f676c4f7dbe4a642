//! Every file sift opens goes through one opener: each path that opens a file (project file,
//! spec, request, data, the REPL's `:save` and `:data`) refuses a FIFO without hanging and a
//! file over its cap; the Python interpreter asked for the SDK is bounded in time and output;
//! `search --data` names what stands in a data directory as what it is. Every child runs
//! bounded in time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::finish;

/// How long any one run may take (a debug build, two busy cores; the Python timeout is 10 s).
const LIMIT: Duration = Duration::from_secs(120);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sift(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sift"));
    cmd.args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("SIFT_SPEC_PATH");
    cmd
}

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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A file of `len` bytes that takes no disk (a hole).
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path)
        .and_then(|f| f.set_len(len))
        .expect("a sparse file");
}

/// Each way sift opens a file, with the given path standing where the file goes: the
/// arguments, and the REPL script when the path is opened by a meta-command.
fn openings(fifo: &Path, dir: &Path) -> Vec<(String, Vec<String>, Option<String>)> {
    let path = utf8(fifo).to_owned();
    let dir = utf8(dir).to_owned();
    let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        (
            "--config".into(),
            args(&["check", "--config", &path, "tests/golden/data/lints.sift"]),
            None,
        ),
        ("--spec".into(), args(&["schema", "--spec", &path]), None),
        (
            "search -f (a request)".into(),
            args(&["search", "--data", "examples/harvest", "-f", &path]),
            None,
        ),
        (
            "search --data".into(),
            args(&["search", "--data", &dir, "from users"]),
            None,
        ),
        (
            ":data".into(),
            args(&["repl"]),
            Some(format!(":data {dir}\nfrom users limit 1\n")),
        ),
        (
            ":save".into(),
            args(&["repl"]),
            Some(format!("from users limit 1\n:save {path}\n")),
        ),
    ]
}

#[test]
fn every_file_opening_path_refuses_a_fifo() {
    let dir = tempfile::tempdir().expect("temp dir");
    // One FIFO stands for every file: the data directory's `users.jsonl` is it too.
    let fifo = dir.path().join("users.jsonl");
    mkfifo(&fifo);
    for (what, args, script) in openings(&fifo, dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(sift(&args), script.as_deref(), &what);
        let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{what}: {shown}");
        assert!(
            shown.contains(&format!("{}: not a regular file (a FIFO)", fifo.display())),
            "{what}: {shown}"
        );
    }
    let kind = std::fs::symlink_metadata(&fifo).expect("lstat").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
}

#[test]
fn a_device_as_the_project_file_is_refused() {
    let out = run(
        sift(&[
            "check",
            "--config",
            "/dev/zero",
            "tests/golden/data/lints.sift",
        ]),
        None,
        "--config /dev/zero",
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/dev/zero: not a regular file (a character device)"),
        "{stderr}"
    );
}

#[test]
fn every_capped_path_refuses_an_over_cap_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("sift.toml");
    sparse(&config, 2 << 20);
    let spec = dir.path().join("connector.yaml");
    sparse(&spec, 17 << 20);
    let request = dir.path().join("request.json");
    sparse(&request, 200);
    let saved = dir.path().join("saved.sift");
    sparse(&saved, 200);
    let cases: [(&str, Vec<&str>, Option<String>, &str); 4] = [
        (
            "--config",
            vec![
                "check",
                "--config",
                utf8(&config),
                "tests/golden/data/lints.sift",
            ],
            None,
            "larger than the file limit of 1048576 bytes for a sift.toml (2097152 bytes)",
        ),
        (
            "--spec",
            vec!["schema", "--spec", utf8(&spec)],
            None,
            "larger than the file limit of 16777216 bytes for a connector spec (17825792 bytes)",
        ),
        (
            "search -f",
            vec![
                "search",
                "--data",
                "examples/harvest",
                "--max-file-bytes",
                "100",
                "-f",
                utf8(&request),
            ],
            None,
            "larger than the file limit of 100 bytes (200 bytes); raise it with --max-file-bytes",
        ),
        (
            ":save",
            vec!["repl", "--max-file-bytes", "100"],
            Some(format!("from users limit 1\n:save {}\n", utf8(&saved))),
            "larger than the file limit of 100 bytes (200 bytes)",
        ),
    ];
    for (what, args, script, expected) in cases {
        let out = run(sift(&args), script.as_deref(), what);
        let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{what}: {shown}");
        assert!(shown.contains(expected), "{what}: {shown}");
    }
    assert_eq!(
        std::fs::metadata(&saved).map(|m| m.len()).ok(),
        Some(200),
        ":save appended nothing"
    );
}

/// A data file streams, so it has no size cap; a line longer than a record can be is refused
/// once that much is read (64 MiB, read from a hole: no disk).
#[test]
fn a_data_line_over_the_record_bound_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    sparse(&dir.path().join("users.jsonl"), (64 << 20) + 2);
    let out = run(
        sift(&["search", "--data", utf8(dir.path()), "from users"]),
        None,
        "a 64 MiB line",
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("users.jsonl:1: a record longer than 64 MiB"),
        "{stderr}"
    );
}

/// A fake `python3` first on PATH: a shell script.
fn fake_python(dir: &Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join("python3");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).expect("write the script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    format!("{}:/usr/bin:/bin", dir.display())
}

#[test]
fn a_python_that_hangs_or_floods_is_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        ("exec sleep 100", "did not answer within 10 s"),
        (
            "exec yes 'a line that never ends'",
            "printed more than 64 KiB",
        ),
    ];
    for (body, expected) in cases {
        let path = fake_python(dir.path(), body);
        for args in [
            &["connectors"][..],
            &["compile", "--connector", "hubspot", "from contacts"][..],
        ] {
            let mut cmd = sift(args);
            cmd.env("PATH", &path);
            let out = run(cmd, None, body);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{body} {args:?}: {stderr}");
            assert!(stderr.contains(expected), "{body} {args:?}: {stderr}");
            assert!(stderr.len() < 1000, "{body} {args:?}: {stderr}");
        }
    }
}

#[test]
fn generated_files_take_the_mode_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("data");
    let mut cmd = Command::new("/bin/sh");
    cmd.args([
        "-c",
        "umask 022 && exec \"$0\" generate --base-count 2 \"$1\"",
        env!("CARGO_BIN_EXE_sift"),
        utf8(&out_dir),
    ]);
    let out = run(cmd, None, "generate under umask 022");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mode = std::fs::metadata(out_dir.join("users.jsonl"))
        .expect("users.jsonl written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn a_missing_entity_among_twenty_thousand_files_is_named_briefly() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..20_000 {
        std::fs::File::create(dir.path().join(format!("entity_{i}.jsonl"))).expect("create");
    }
    std::fs::File::create(dir.path().join("time_entry.jsonl")).expect("create");
    let out = run(
        sift(&["search", "--data", utf8(dir.path()), "from time_entries"]),
        None,
        "20 000 files",
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.len() < 1000, "{} bytes", stderr.len());
    assert!(
        stderr.contains("the directory has 20001 entity files; the nearest: time_entry"),
        "{stderr}"
    );
}

#[test]
fn links_in_a_data_directory_are_named_as_what_they_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("time_entries.jsonl", dir.path().join("time_entries.jsonl"))
        .expect("a looping link");
    std::os::unix::fs::symlink("nowhere.jsonl", dir.path().join("users.jsonl"))
        .expect("a dangling link");
    let cases = [
        (
            "time_entries",
            "time_entries.jsonl: a symbolic link that leads back to itself",
        ),
        (
            "users",
            "users.jsonl: a symbolic link to a file that does not exist",
        ),
    ];
    for (entity, expected) in cases {
        let query = format!("from {entity}");
        let out = run(
            sift(&["search", "--data", utf8(dir.path()), &query]),
            None,
            entity,
        );
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
}

/// A line break in a file name cannot start a line of its own (and so forge an `error:` line):
/// file names are shown escaped, on one line, by every command.
#[test]
fn a_line_break_in_a_file_name_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let odd = dir.path().join("a\nerror: forged");
    std::fs::create_dir(&odd).expect("a directory with a line break in its name");
    std::fs::write(odd.join("q.sift"), "FROM users WHERE nope = 1\n").expect("write");
    std::fs::write(odd.join("users.jsonl"), "{\"id\":1}\n{\"id\":\n").expect("write");
    let data = utf8(&odd).to_owned();
    let query = format!("{data}/q.sift");
    let missing = format!("{data}/missing.sift");
    let runs: [Vec<&str>; 5] = [
        vec!["search", "--data", &data, "from users"],
        vec!["search", "--data", &data, "from clients"],
        vec!["check", &query],
        vec!["check", &missing],
        vec!["fmt", "--check", &query],
    ];
    for args in runs {
        let out = run(sift(&args), None, &format!("{args:?}"));
        let shown = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            !shown.lines().any(|line| line.starts_with("error: forged")),
            "{args:?}: {shown}"
        );
        assert!(shown.contains("a\\u{a}error: forged"), "{args:?}: {shown}");
    }
}
