//! `sift check --fix` and `sift validate --fix` on real files: the fix fixtures
//! (`tests/fixtures/fixes/`) hold a fix of every code the code table says has fixes; fixing
//! them all leaves only diagnostics that have no fix; the safe fixes keep what every query
//! returns on the example data (`examples/harvest`, run by sift-eval); `--diff` changes
//! nothing; JSON fixes keep each line valid JSON and every other byte of the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use sift::{Emit, FixKind, Options, Target};
use sift_eval::{Flow, Search};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The fixtures and the flags each is checked with (as `tests/fixtures/fixes/README.md`
/// says).
fn fixtures() -> Vec<(&'static str, Vec<String>)> {
    let spec = |name: &str| {
        vec![
            "--spec".to_owned(),
            repo()
                .join(format!("tests/fixtures/specs/{name}/connector.yaml"))
                .display()
                .to_string(),
        ]
    };
    vec![
        ("every_fix.sift", vec![]),
        ("oddities.sift", spec("oddities")),
        ("semantic.sift", spec("semantic")),
        ("every_fix.jsonl", vec![]),
        (
            "every_fix_2026_03.jsonl",
            vec!["--target".to_owned(), "2026-03".to_owned()],
        ),
        ("semantic.jsonl", spec("semantic")),
    ]
}

fn sift(args: &[&str], dir: &Path, stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_sift"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("the sift binary runs");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.unwrap_or_default().as_bytes());
    }
    child.wait_with_output().expect("sift finishes")
}

/// The command that checks a fixture: `check` for `.sift`, `validate --jsonl` for `.jsonl`.
fn command_for(file: &str) -> Vec<&'static str> {
    if file.ends_with(".jsonl") {
        vec!["validate", "--jsonl"]
    } else {
        vec!["check"]
    }
}

/// Runs the fixture's check (with `extra` flags) on `path` in `dir`, as JSON.
fn report(file: &str, flags: &[String], extra: &[&str], dir: &Path, path: &str) -> Value {
    let mut args = command_for(file);
    args.extend(flags.iter().map(String::as_str));
    args.extend(extra);
    args.extend(["--format", "json", path]);
    let out = sift(&args, dir, None);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Every diagnostic of a report, as (code, has a fix).
fn diagnostics(report: &Value) -> Vec<(String, bool)> {
    report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|file| file["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                !d["fix"].is_null(),
            )
        })
        .collect()
}

fn kind(code: &str) -> FixKind {
    sift::code_info(code).map_or(FixKind::None, |info| info.fix)
}

#[test]
fn the_fixtures_hold_a_fix_of_every_code_that_has_fixes() {
    let fixes = repo().join("tests/fixtures/fixes");
    let mut fixed: BTreeSet<String> = BTreeSet::new();
    for (file, flags) in fixtures() {
        for (code, has_fix) in diagnostics(&report(file, &flags, &[], &fixes, file)) {
            if has_fix {
                assert_ne!(kind(&code), FixKind::None, "{file}: {code} has a fix");
                fixed.insert(code);
            }
        }
    }
    let missing: Vec<&str> = sift::codes()
        .iter()
        .filter(|c| c.fix != FixKind::None && !fixed.contains(&c.code))
        .map(|c| c.code.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "codes with fixes and no case among the fix fixtures: {missing:?}"
    );
}

/// `--fix --unsafe-fixes` leaves a file that `--deny warnings` accepts, but for diagnostics of
/// codes that have no fix; and running it again changes nothing.
#[test]
fn fixing_everything_leaves_only_codes_without_a_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (file, flags) in fixtures() {
        let original = std::fs::read_to_string(repo().join("tests/fixtures/fixes").join(file))
            .expect("fixture");
        std::fs::write(dir.path().join(file), &original).expect("copy");
        let mut args = command_for(file);
        args.extend(flags.iter().map(String::as_str));
        args.extend(["--fix", "--unsafe-fixes", file]);
        let out = sift(&args, dir.path(), None);
        assert_ne!(
            out.status.code(),
            Some(2),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let fixed = std::fs::read_to_string(dir.path().join(file)).expect("read");
        assert_ne!(fixed, original, "{file}: nothing was fixed");
        let left = report(file, &flags, &["--deny", "warnings"], dir.path(), file);
        for (code, has_fix) in diagnostics(&left) {
            assert_eq!(
                kind(&code),
                FixKind::None,
                "{file}: {code} is left after --fix --unsafe-fixes (a fix: {has_fix})\n{fixed}"
            );
        }
        let again = sift(&args, dir.path(), None);
        assert_ne!(again.status.code(), Some(2));
        let twice = std::fs::read_to_string(dir.path().join(file)).expect("read");
        assert_eq!(twice, fixed, "{file}: fixing twice changed it again");
    }
}

/// The queries of `every_fix.sift`, one per `# case:` line.
fn cases(text: &str) -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# case:") {
            cases.push((name.trim().to_owned(), String::new()));
        } else if let Some((_, body)) = cases.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    cases
}

/// Every record a query returns on `examples/harvest`, page after page, as the local
/// evaluator returns them; `None` when the query does not compile.
fn results(query: &str) -> Option<Vec<Value>> {
    let options = Options::default().with_emit(Emit::Request);
    let compiled = sift::compile(query, sift::harvest(), &options).ok()?;
    let [output] = compiled.outputs.as_slice() else {
        panic!("one query per case: {query}");
    };
    let mut request: Value = serde_json::from_str(&output.json).expect("JSON");
    let path = repo().join(format!("examples/harvest/{}.jsonl", output.entity));
    let records: Vec<Value> = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect();
    let mut found = Vec::new();
    for _ in 0..1000 {
        let (_, search) = Search::from_request(&request, Target::default()).expect("runs");
        let mut collector = search.collector();
        for record in &records {
            if collector.push(record.clone()) == Flow::Stop {
                break;
            }
        }
        let page = collector.finish();
        found.extend(page.records);
        match (page.has_more, page.cursor) {
            (true, Some(cursor)) => request["params"]["cursor"] = Value::String(cursor),
            _ => return Some(found),
        }
    }
    panic!("{query}: more than 1000 pages");
}

/// `sift check --fix` (safe fixes only) on the fixture: every query that ran before returns
/// the same records, in the same order, after.
#[test]
fn safe_fixes_keep_what_every_query_returns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original =
        std::fs::read_to_string(repo().join("tests/fixtures/fixes/every_fix.sift")).expect("read");
    std::fs::write(dir.path().join("q.sift"), &original).expect("copy");
    let out = sift(&["check", "--fix", "q.sift"], dir.path(), None);
    assert_ne!(out.status.code(), Some(2));
    let fixed = std::fs::read_to_string(dir.path().join("q.sift")).expect("read");
    let (before, after) = (cases(&original), cases(&fixed));
    assert_eq!(
        before.iter().map(|c| &c.0).collect::<Vec<_>>(),
        after.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    let mut compared = 0;
    let mut changed = 0;
    for ((name, was), (_, now)) in before.iter().zip(&after) {
        let Some(expected) = results(was) else {
            continue;
        };
        changed += usize::from(was != now);
        let got = results(now).unwrap_or_else(|| panic!("{name}: {now} no longer compiles"));
        assert_eq!(got, expected, "{name}: the safe fix of {was} gives {now}");
        compared += 1;
    }
    // The warnings' cases ran before and after, and most of them changed.
    assert!(
        compared >= 10 && changed >= 8,
        "{compared} compared, {changed} changed"
    );
}

/// `--diff` shows the fixes and writes nothing; it exits 1 when there is something to fix.
#[test]
fn diff_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "from users where id in [7];\n";
    std::fs::write(dir.path().join("q.sift"), text).expect("write");
    let out = sift(&["check", "--diff", "q.sift"], dir.path(), None);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-from users where id in [7];\n+from users where id = 7;"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("q.sift")).expect("read"),
        text
    );
    let clean = sift(&["check", "--diff", "-"], dir.path(), Some("from users"));
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
}

/// Standard input: the fixed text is the output; the report goes to standard error.
#[test]
fn fixing_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = sift(
        &["check", "--fix", "-"],
        dir.path(),
        Some("from users where first_name == \"Ann\"\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "from users where first_name = \"Ann\"\n"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("fixed 1 diagnostic(s) in 1 file(s): sift::syntax::double_equals ×1"),
        "{stderr}"
    );
    let quiet = sift(
        &["check", "-q", "--fix", "-"],
        dir.path(),
        Some("from users where id == 1"),
    );
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

/// Every JSON fix keeps its line valid JSON and every other byte of the file; a whole-file
/// document keeps its layout outside what the fix replaced.
#[test]
fn json_fixes_keep_json_valid_and_the_rest_of_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = std::fs::read_to_string(repo().join("tests/fixtures/fixes/every_fix.jsonl"))
        .expect("fixture");
    // A blank line and a CRLF line stay as they are.
    let text = format!("{original}\n{}\r\n", r#"{"eq":{"id":-0}}"#);
    std::fs::write(dir.path().join("d.jsonl"), &text).expect("write");
    let out = sift(
        &[
            "validate", "--jsonl", "--entity", "users", "--fix", "d.jsonl",
        ],
        dir.path(),
        None,
    );
    assert_ne!(out.status.code(), Some(2));
    let fixed = std::fs::read_to_string(dir.path().join("d.jsonl")).expect("read");
    assert!(fixed.ends_with("\n\n{\"eq\":{\"id\":0}}\r\n"), "{fixed:?}");
    for (was, now) in text.split('\n').zip(fixed.split('\n')) {
        if now.trim().is_empty() {
            assert_eq!(was, now);
            continue;
        }
        let parsed: Result<Value, _> = serde_json::from_str(now.trim_end_matches('\r'));
        assert!(parsed.is_ok(), "{now}");
    }
    assert_eq!(text.lines().count(), fixed.lines().count());

    let pretty = "{\n  \"gte\": {\"id\": 1},\n  \"eq\": {\"is_active\": true}\n}\n";
    std::fs::write(dir.path().join("f.json"), pretty).expect("write");
    let out = sift(
        &["validate", "--entity", "users", "--fix", "f.json"],
        dir.path(),
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let fixed = std::fs::read_to_string(dir.path().join("f.json")).expect("read");
    assert!(fixed.ends_with("\n"), "{fixed:?}");
    let value: Value = serde_json::from_str(&fixed).expect("valid JSON");
    assert_eq!(value["and"][1]["eq"]["is_active"], Value::Bool(true));
}
