//! Every example the help texts and the README show is run, as written, by the real binary: so
//! an example can no longer drift from the code. The examples are read from `sift --help` (and
//! each command's `--help`) and from the README's indented command blocks; each runs in `bash`
//! in a scratch copy of `examples/` with:
//! - the pinned airbyte-agent-sdk (`tests/sdk-version.txt`) installed with pip into a scratch
//!   directory on `PYTHONPATH`, so `--connector hubspot` finds its spec as a user's would;
//! - `HOME` a scratch directory (completion scripts and man pages are written there);
//! - `AIRBYTE_API_URL` a mock API on 127.0.0.1 answering every search with one fixed page, so
//!   the examples that search the hosted API send their request to it and nowhere else.
//!
//! Each must exit 0; the snapshots record what each printed (the first lines of each stream).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Lines of each stream kept in the snapshot; the rest are counted.
const SHOWN_LINES: usize = 12;

/// The longest any one example may take (the SDK lookup starts a Python interpreter).
const EXAMPLE_BOUND: Duration = Duration::from_secs(60);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sdk_version() -> String {
    std::fs::read_to_string(repo_root().join("tests/sdk-version.txt"))
        .expect("tests/sdk-version.txt names the pinned SDK")
        .trim()
        .to_owned()
}

/// The pinned SDK installed (without its dependencies, and without running it) into `dir`.
fn install_sdk(dir: &Path) {
    let output = Command::new("python3")
        .args(["-m", "pip", "install", "--no-deps", "--quiet"])
        .args(["--disable-pip-version-check", "--no-compile", "--target"])
        .arg(dir)
        .arg(format!("airbyte-agent-sdk=={}", sdk_version()))
        .output()
        .expect("running python3 -m pip (python3 with pip must be installed)");
    assert!(
        output.status.success(),
        "pip install failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Where the examples run: a copy of `examples/` (commands name `examples/…` from the
/// repository root, as a user who cloned it would), a home directory and the SDK.
struct Scratch {
    root: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("a temporary directory");
        copy_dir(
            &repo_root().join("examples"),
            &root.path().join("work/examples"),
        );
        for dir in [".zfunc", ".config/fish/completions"] {
            std::fs::create_dir_all(root.path().join("home").join(dir)).expect("mkdir");
        }
        install_sdk(&root.path().join("sdk"));
        Scratch { root }
    }

    fn path(&self, part: &str) -> PathBuf {
        self.root.path().join(part)
    }
}

/// The directory holding the `sift` binary under test, first on `PATH`.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_sift"))
        .parent()
        .expect("the binary's directory")
        .to_path_buf()
}

/// The commands of an `Examples:` block of a help text: its indented lines.
fn help_examples(help: &str) -> Vec<String> {
    let mut examples = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line.trim_end() == "Examples:" {
            inside = true;
        } else if inside && line.starts_with("  ") {
            examples.push(line.trim().to_owned());
        } else {
            inside = false;
        }
    }
    examples
}

/// The commands the README shows: lines of its indented (four-space) blocks outside fenced
/// code whose command is `sift` (after environment assignments, or in a pipeline or process
/// substitution); a comment after two spaces is not part of the command.
fn readme_examples(readme: &str) -> Vec<String> {
    let mut examples = Vec::new();
    let mut fenced = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let Some(code) = line.strip_prefix("    ") else {
            continue;
        };
        if fenced {
            continue;
        }
        let command = code.split("  #").next().unwrap_or(code).trim();
        let words: Vec<&str> = command
            .split_whitespace()
            .skip_while(|w| w.contains('=') && !w.starts_with('-'))
            .collect();
        let runs_sift = words.first() == Some(&"sift")
            || command.contains("| sift ")
            || command.contains("<(sift ");
        if runs_sift {
            examples.push(command.to_owned());
        }
    }
    examples
}

fn sift_help(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .arg("--help")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("sift --help runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).expect("UTF-8 help")
}

/// The names of the subcommands `sift --help` lists.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim_end() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// The first lines of a stream, with scratch paths and the server's address replaced, and
/// the rest counted.
fn shown(bytes: &[u8], scratch: &Scratch, server: &MockServer) -> String {
    let text = String::from_utf8_lossy(bytes)
        .replace(&scratch.root.path().display().to_string(), "{scratch}")
        .replace(&server.uri(), "{api}");
    let lines: Vec<&str> = text.lines().collect();
    let mut out: String = lines
        .iter()
        .take(SHOWN_LINES)
        .map(|l| format!("{l}\n"))
        .collect();
    if lines.len() > SHOWN_LINES {
        out += &format!("… {} more line(s)\n", lines.len() - SHOWN_LINES);
    }
    out
}

/// A relative time resolved against the system clock, or `explain`'s account of the clock,
/// prints something else on every run.
fn reads_the_clock(command: &str) -> bool {
    (command.contains("()") || command.contains("sift explain")) && !command.contains("--now")
}

fn run_all(examples: &[String], scratch: &Scratch, server: &MockServer) -> String {
    let path = std::env::join_paths(std::iter::once(bin_dir()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("a PATH");
    let mut report = String::new();
    for example in examples {
        let mut command = Command::new("bash");
        command
            .args(["-c", example])
            .current_dir(scratch.path("work"))
            .env("PATH", &path)
            .env("HOME", scratch.path("home"))
            .env("PROFILE", scratch.path("home/profile.ps1"))
            .env("PYTHONPATH", scratch.path("sdk"))
            .env("AIRBYTE_API_URL", server.uri())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env("MANWIDTH", "80")
            .env("PAGER", "cat")
            .env_remove("SIFT_SPEC_PATH")
            .env_remove("AIRBYTE_TOKEN")
            .env_remove("AIRBYTE_CLIENT_ID")
            .env_remove("AIRBYTE_CLIENT_SECRET")
            .env_remove("AIRBYTE_CONNECTOR_ID")
            .env_remove("AIRBYTE_ORGANIZATION_ID")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command.spawn().expect("bash starts");
        let output = common::finish(child, None, EXAMPLE_BOUND, example);
        assert_eq!(
            output.status.code(),
            Some(0),
            "the example `{example}` failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        report += &format!("$ {example}\n");
        if reads_the_clock(example) {
            report += "(stdout depends on the system clock: not recorded)\n";
        } else {
            report += &shown(&output.stdout, scratch, server);
        }
        let stderr = shown(&output.stderr, scratch, server);
        if !stderr.is_empty() {
            report += "--- stderr\n";
            report += &stderr;
        }
        report += "\n";
    }
    report
}

/// One page for every search: the mock API answers as the hosted one does.
async fn mock_api() -> MockServer {
    let server = MockServer::start().await;
    assert!(server.uri().starts_with("http://127.0.0.1:"));
    let page = serde_json::json!({
        "result": {
            "data": [{"id": 1001, "first_name": "Ada", "last_name": "Brennick"}],
            "meta": {"has_more": false, "cursor": null, "took_ms": 3}
        }
    });
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn every_example_of_the_help_and_the_readme_runs() {
    let server = mock_api().await;
    let scratch = Scratch::new();

    let top = sift_help(&[]);
    let mut from_help = help_examples(&top);
    for name in subcommands(&top) {
        from_help.extend(help_examples(&sift_help(&[&name])));
    }
    assert!(from_help.len() > 40, "{from_help:?}");
    insta::assert_snapshot!("help", run_all(&from_help, &scratch, &server));

    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let from_readme = readme_examples(&readme);
    assert!(from_readme.len() > 20, "{from_readme:?}");
    insta::assert_snapshot!("readme", run_all(&from_readme, &scratch, &server));
}
