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
    assert!(String::from_utf8_lossy(&out.stdout).contains("-F _clap_complete_sift sift"));
}

/// Bash runs the sourced completion function as it does on Tab: the function asks the binary
/// (COMPLETE=bash) and fills COMPREPLY with the entities of the catalog, the subcommands, or
/// the codes.
#[test]
fn bash_completes_entities_subcommands_and_codes_through_the_binary() {
    let cases = [
        ("sift schema time_", "time_entries time_projects time_tasks"),
        ("sift dec", "decompile"),
        ("sift check --deny unch", "unchecked_path"),
    ];
    for (line, want) in cases {
        let script = format!(
            "source <('{bin}' completions bash)
             COMP_LINE='{line}'; COMP_WORDS=({line}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
             COMP_TYPE=9
             _clap_complete_sift sift \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"
             echo \"${{COMPREPLY[*]}}\"",
            bin = env!("CARGO_BIN_EXE_sift")
        );
        let out = Command::new("bash")
            .args(["-c", &script])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .env_remove("SIFT_SPEC_PATH")
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), want, "{line}");
    }
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = sift(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        // The script asks the binary itself, by its path.
        assert!(
            script.contains("COMPLETE") && script.contains(env!("CARGO_BIN_EXE_sift")),
            "{shell}: {script}"
        );
    }
    let out = sift(&["completions", "nushell"]);
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(
        script.contains("export extern \"sift decompile\"") && script.contains("--deny"),
        "{script}"
    );
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
