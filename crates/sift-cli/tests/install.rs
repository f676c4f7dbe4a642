//! What installing sift as a tool needs: shell completions that load, man pages, a version
//! that names the targets.

use std::process::{Command, Output};

fn sift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the sift binary runs")
}

#[test]
fn bash_completions_load() {
    let script = format!(
        "source <('{}' completions bash) && complete -p sift",
        env!("CARGO_BIN_EXE_sift")
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("-F _sift sift"));
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = sift(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("decompile") && script.contains("--deny"),
            "{shell}"
        );
    }
}

#[test]
fn man_page_to_stdout_and_to_a_directory() {
    let out = sift(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains(".TH sift 1"), "{page}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let pages = dir.path().join("man1");
    let out = sift(&["man", "--out-dir", pages.to_str().expect("utf-8 path")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["sift.1", "sift-check.1", "sift-completions.1"] {
        assert!(pages.join(name).is_file(), "{name}");
    }
}
