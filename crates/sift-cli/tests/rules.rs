//! `sift rule`: the code table for people and programs, and `docs/lints.md`, which is the
//! table's Markdown form and must not drift from it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .expect("the sift binary runs")
}

#[test]
fn docs_lints_md_is_the_code_table() {
    let generated = sift(&["rule", "--all", "--format", "markdown"]);
    assert_eq!(generated.status.code(), Some(0));
    let generated = String::from_utf8(generated.stdout).expect("UTF-8");
    let written = std::fs::read_to_string(repo().join("docs/lints.md")).expect("docs/lints.md");
    assert!(
        written == generated,
        "docs/lints.md differs from the code table (crates/sift/src/codes.md); regenerate it \
         with `cargo run -p sift-cli -- rule --all --format markdown > docs/lints.md`"
    );
}

#[test]
fn every_code_is_listed_with_its_fix_kind() {
    let out = sift(&["rule", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(listed.len(), sift::codes().len());
    for entry in &listed {
        let code = entry["code"].as_str().expect("a code");
        let info = sift::code_info(code).expect("a code of the table");
        assert_eq!(entry["fix"].as_str(), Some(info.fix.as_str()));
        assert!(
            !entry["summary"].as_str().unwrap_or_default().is_empty(),
            "{code}"
        );
    }
    for phase in [
        "syntax", "check", "lower", "json", "schema", "lint", "eval", "client",
    ] {
        assert!(
            listed.iter().any(|e| e["phase"] == phase),
            "no code of the phase {phase}"
        );
    }
}

#[test]
fn a_name_finds_every_phase_s_code_and_an_unknown_one_the_nearest() {
    let out = sift(&["rule", "unknown_field"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("sift::check::unknown_field\n"), "{text}");
    assert!(text.contains("\nsift::json::unknown_field\n"), "{text}");
    assert!(text.contains("fix: unsafe"), "{text}");
    let out = sift(&["rule", "single_value_in"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("fix: safe"));
    let out = sift(&["rule", "unknown_feild"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("did you mean `unknown_field`?"), "{stderr}");
}
