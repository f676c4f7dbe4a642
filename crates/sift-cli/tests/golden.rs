//! Golden tests of the real `sift` binary. Each `tests/golden/*.cmd` file at the repository root
//! holds one invocation: `$ sift ARGS` (shell-quoted), optionally followed by `<<<` and the text
//! to pipe to standard input; `# env: NAME=VALUE` lines before it set environment variables
//! (the value shell-quoted). The snapshot records the exit code, stdout and stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Invocation {
    args: Vec<String>,
    stdin: Option<String>,
    env: Vec<(String, String)>,
}

fn read_invocation(path: &Path) -> Invocation {
    let text = std::fs::read_to_string(path).expect("golden files are UTF-8");
    let (command, stdin) = match text.split_once("\n<<<\n") {
        Some((command, stdin)) => (command, Some(stdin.to_owned())),
        None => (text.as_str(), None),
    };
    // One invocation per file: a second `$ sift` line would never run, so it is refused.
    let lines: Vec<&str> = command
        .lines()
        .filter_map(|l| l.strip_prefix("$ sift"))
        .collect();
    let [line] = lines.as_slice() else {
        panic!(
            "{}: {} `$ sift …` lines, want exactly one",
            path.display(),
            lines.len()
        );
    };
    let args = shlex::split(line).unwrap_or_else(|| panic!("{}: bad quoting", path.display()));
    let env = command
        .lines()
        .filter_map(|l| l.strip_prefix("# env: "))
        .map(|assignment| {
            let (name, value) = assignment
                .split_once('=')
                .unwrap_or_else(|| panic!("{}: `# env: NAME=VALUE`", path.display()));
            let value = match shlex::split(value).as_deref() {
                Some([one]) => one.clone(),
                Some([]) => String::new(),
                _ => panic!("{}: bad quoting in `# env:`", path.display()),
            };
            (name.to_owned(), value)
        })
        .collect();
    Invocation { args, stdin, env }
}

/// The binary with a predictable environment: no colour, a fixed width, the repo as cwd, and
/// no credentials or API settings of the developer's (they would send `sift search` to the
/// hosted API).
fn sift() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sift"));
    cmd.current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("SIFT_SPEC_PATH");
    for credential in [
        "AIRBYTE_TOKEN",
        "AIRBYTE_CLIENT_ID",
        "AIRBYTE_CLIENT_SECRET",
        "AIRBYTE_CONNECTOR_ID",
        "AIRBYTE_ORGANIZATION_ID",
        "AIRBYTE_API_URL",
    ] {
        cmd.env_remove(credential);
    }
    cmd
}

#[test]
fn golden() {
    insta::glob!("../../../tests/golden", "*.cmd", |path| {
        let invocation = read_invocation(path);
        let mut cmd = sift();
        cmd.args(&invocation.args);
        for (name, value) in &invocation.env {
            cmd.env(name, value);
        }
        match invocation.stdin {
            Some(stdin) => insta_cmd::assert_cmd_snapshot!(cmd.pass_stdin(stdin)),
            None => insta_cmd::assert_cmd_snapshot!(cmd.stdin(std::process::Stdio::null())),
        }
    });
}
