//! The report formats CI reads, checked by their own readers: SARIF against the published
//! SARIF 2.1.0 JSON schema (vendored: `tests/fixtures/sarif-schema-2.1.0.json`), JUnit by an
//! XML parser, and every format against the JSON report of the same run (one entry per
//! diagnostic, the same locations).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The runs every format is checked on: warnings with fixes, errors, JSON Lines documents
/// (located in their file), control characters in names.
const RUNS: &[&[&str]] = &[
    &[
        "check",
        "--target",
        "2026-03",
        "tests/golden/data/lints.sift",
    ],
    &["check", "tests/golden/data/control_backtick.sift"],
    &["check", "tests/fixtures/fixes/every_fix.sift"],
    &[
        "validate",
        "--jsonl",
        "--entity",
        "users",
        "tests/golden/data/filters.jsonl",
    ],
    &[
        "validate",
        "--jsonl",
        "tests/fixtures/fixes/every_fix.jsonl",
    ],
];

fn run(args: &[&str], format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .args(["--format", format])
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .output()
        .expect("the sift binary runs");
    assert_ne!(out.status.code(), Some(2), "{args:?} {format}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Every diagnostic of the JSON report: (file, line, column, code, severity).
fn expected(args: &[&str]) -> Vec<(String, u64, u64, String, String)> {
    let report: Value = serde_json::from_str(&run(args, "json")).expect("JSON");
    let mut all = Vec::new();
    for file in report["files"].as_array().expect("files") {
        for d in file["diagnostics"].as_array().expect("diagnostics") {
            all.push((
                file["path"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_str().unwrap_or_default().to_owned(),
            ));
        }
    }
    assert!(!all.is_empty(), "{args:?} reports nothing");
    all
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/sarif-schema-2.1.0.json"))
        .expect("the vendored schema");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

#[test]
fn sarif_follows_the_published_schema() {
    let validator = sarif_validator();
    for args in RUNS {
        let log: Value = serde_json::from_str(&run(args, "sarif")).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let results = log["runs"][0]["results"].as_array().expect("results");
        let want = expected(args);
        assert_eq!(results.len(), want.len(), "{args:?}");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        for (result, (_, line, column, code, _)) in results.iter().zip(&want) {
            assert_eq!(result["ruleId"].as_str(), Some(code.as_str()));
            let index = result["ruleIndex"].as_u64().expect("an index") as usize;
            assert_eq!(rules[index]["id"].as_str(), Some(code.as_str()));
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"].as_u64(), Some(*line));
            assert_eq!(region["startColumn"].as_u64(), Some(*column));
        }
    }
}

/// A schema that refuses what it should: the vendored file is the real one, and the check
/// can fail.
#[test]
fn the_schema_refuses_a_broken_log() {
    let validator = sarif_validator();
    let mut log: Value = serde_json::from_str(&run(RUNS[0], "sarif")).expect("JSON");
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("error");
    log["version"] = Value::from("2.0.0");
    assert!(!validator.is_valid(&log));
}

#[test]
fn junit_is_well_formed_and_counts_what_json_counts() {
    for args in RUNS {
        let xml = run(args, "junit");
        let document = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("{args:?}: not well-formed XML: {e}\n{xml}"));
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let want = expected(args);
        let errors = want.iter().filter(|d| d.4 == "error").count();
        let cases: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name("testcase") && n.attribute("line").is_some())
            .collect();
        assert_eq!(cases.len(), want.len(), "{args:?}");
        let failures = root
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count();
        assert_eq!(failures, errors, "{args:?}");
        assert_eq!(
            root.attribute("failures"),
            Some(errors.to_string().as_str())
        );
        for (case, (_, line, _, code, _)) in cases.iter().zip(&want) {
            assert_eq!(case.attribute("line"), Some(line.to_string().as_str()));
            assert!(
                case.attribute("name")
                    .is_some_and(|n| n.starts_with(code.as_str()))
            );
        }
    }
}

#[test]
fn concise_and_github_print_one_line_per_diagnostic() {
    for args in RUNS {
        let want = expected(args);
        let concise = run(args, "concise");
        let lines: Vec<&str> = concise.lines().collect();
        for (line, (path, at, column, code, _)) in lines.iter().zip(&want) {
            let prefix = format!("{path}:{at}:{column}: {code} ");
            assert!(
                line.starts_with(&prefix),
                "{line:?} does not start {prefix:?}"
            );
        }
        assert!(lines.len() >= want.len());
        let github = run(args, "github");
        let commands: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
        assert_eq!(commands.len(), want.len(), "{args:?}\n{github}");
        for (command, (_, at, column, code, severity)) in commands.iter().zip(&want) {
            let level = if severity == "error" {
                "error"
            } else {
                "warning"
            };
            let escaped = code.replace(':', "%3A");
            let head = format!("::{level} file=");
            assert!(command.starts_with(&head), "{command}");
            assert!(
                command.contains(&format!(",line={at},col={column},")),
                "{command}"
            );
            assert!(
                command.contains(&format!(",title={escaped}::")),
                "{command}"
            );
            assert!(!command.contains('\r'));
        }
    }
}
