//! The results of `sift test`, for people (PASS/FAIL per case, a diff per failed expectation,
//! a summary), as JSON, or as JUnit XML. Written on standard output.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesText, Event};
use serde_json::{Value, json};

use super::CaseReport;
use super::TestFormat;
use super::case::{Mismatch, Verdict};
use crate::output::{self, Failure};
use crate::render::escape::escape_line;
use crate::render::reports::{element, write_xml};

/// The stored queries no case runs (with `--coverage`), and whether that fails the run.
pub struct Coverage {
    pub uncovered: Vec<String>,
    pub denied: bool,
}

/// Writes the report of `cases` (and of coverage, when asked) in `format`.
pub fn write(
    format: TestFormat,
    cases: &[CaseReport],
    coverage: Option<&Coverage>,
) -> Result<(), Failure> {
    match format {
        TestFormat::Human => output::out(&human(cases, coverage)),
        TestFormat::Json => output::outln(&crate::render::to_json(&as_json(cases, coverage))),
        TestFormat::Junit => output::out(&junit(cases, coverage)),
    }
}

/// How many cases passed, failed, and could not run.
pub fn tally(cases: &[CaseReport]) -> (usize, usize, usize) {
    cases
        .iter()
        .fold((0, 0, 0), |(p, f, b), case| match case.verdict {
            Verdict::Pass => (p + 1, f, b),
            Verdict::Fail(_) => (p, f + 1, b),
            Verdict::Broken(_) => (p, f, b + 1),
        })
}

fn human(cases: &[CaseReport], coverage: Option<&Coverage>) -> String {
    let mut text = String::new();
    for case in cases {
        let id = escape_line(&format!("{}::{}", case.file, case.name)).into_owned();
        match &case.verdict {
            Verdict::Pass => text.push_str(&format!("PASS {id}\n")),
            Verdict::Fail(mismatches) => {
                text.push_str(&format!("FAIL {id} (line {})\n", case.line));
                for mismatch in mismatches {
                    text.push_str(&diff(mismatch));
                }
            }
            Verdict::Broken(message) => text.push_str(&format!(
                "ERROR {id} (line {}): {}\n",
                case.line,
                escape_line(message)
            )),
        }
    }
    let (passed, failed, broken) = tally(cases);
    let result = match failed + broken {
        0 => "ok",
        _ => "FAILED",
    };
    text.push_str(&format!(
        "test result: {result}. {passed} passed; {failed} failed; {broken} could not run\n"
    ));
    if let Some(coverage) = coverage {
        for path in &coverage.uncovered {
            text.push_str(&format!(
                "UNCOVERED {path}: no case runs this stored query\n"
            ));
        }
        text.push_str(&match coverage.uncovered.len() {
            0 => "coverage: every stored query is run by a case\n".to_owned(),
            n => format!(
                "coverage: {n} stored quer{} run by no case\n",
                match n {
                    1 => "y",
                    _ => "ies",
                }
            ),
        });
    }
    text
}

/// One failed expectation: its key, then what was expected against what came, as a unified
/// diff, indented under the case.
pub fn diff(mismatch: &Mismatch) -> String {
    let body = similar::TextDiff::from_lines(&mismatch.expected, &mismatch.got)
        .unified_diff()
        .context_radius(3)
        .header("expected", "got")
        .to_string();
    let mut text = format!("  {}:\n", mismatch.key);
    for line in body.lines() {
        text.push_str(&format!("    {}\n", escape_line(line)));
    }
    text
}

/// `--format json`: every case with its status and failed expectations, and the tally.
fn as_json(cases: &[CaseReport], coverage: Option<&Coverage>) -> Value {
    let (passed, failed, broken) = tally(cases);
    let cases: Vec<Value> = cases
        .iter()
        .map(|case| {
            let (status, failures, error) = match &case.verdict {
                Verdict::Pass => ("pass", Vec::new(), None),
                Verdict::Fail(mismatches) => (
                    "fail",
                    mismatches
                        .iter()
                        .map(|m| json!({"key": m.key, "expected": m.expected, "got": m.got}))
                        .collect(),
                    None,
                ),
                Verdict::Broken(message) => ("error", Vec::new(), Some(message.clone())),
            };
            json!({
                "file": case.file,
                "name": case.name,
                "line": case.line,
                "status": status,
                "failures": failures,
                "error": error,
            })
        })
        .collect();
    json!({
        "cases": cases,
        "summary": {"passed": passed, "failed": failed, "errors": broken},
        "uncovered": coverage.map(|c| &c.uncovered),
    })
}

/// `--format junit`: a test suite per file, a test case per case; a failed case carries its
/// diffs in `failure`, one that could not run its message in `error`.
fn junit(cases: &[CaseReport], coverage: Option<&Coverage>) -> String {
    let mut events: Vec<Event<'static>> =
        vec![Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))];
    let counts = |cases: &[&CaseReport]| {
        let owned: Vec<_> = cases.iter().map(|c| &c.verdict).collect();
        let failed = owned
            .iter()
            .filter(|v| matches!(v, Verdict::Fail(_)))
            .count();
        let broken = owned
            .iter()
            .filter(|v| matches!(v, Verdict::Broken(_)))
            .count();
        (
            cases.len().to_string(),
            failed.to_string(),
            broken.to_string(),
        )
    };
    let all: Vec<&CaseReport> = cases.iter().collect();
    let (tests, failures, errors) = counts(&all);
    events.push(Event::Start(element(
        "testsuites",
        &[
            ("name", "sift test"),
            ("tests", &tests),
            ("failures", &failures),
            ("errors", &errors),
        ],
    )));
    let mut files: Vec<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    files.dedup();
    for file in files {
        let suite: Vec<&CaseReport> = cases.iter().filter(|c| c.file == file).collect();
        let (tests, failures, errors) = counts(&suite);
        let file = escape_line(file);
        events.push(Event::Start(element(
            "testsuite",
            &[
                ("name", &file),
                ("tests", &tests),
                ("failures", &failures),
                ("errors", &errors),
            ],
        )));
        for case in suite {
            let line = case.line.to_string();
            let name = escape_line(&case.name);
            let testcase = element(
                "testcase",
                &[
                    ("name", &name),
                    ("classname", &file),
                    ("file", &file),
                    ("line", &line),
                ],
            );
            let (tag, message, body) = match &case.verdict {
                Verdict::Pass => {
                    events.push(Event::Empty(testcase));
                    continue;
                }
                Verdict::Fail(mismatches) => (
                    "failure",
                    mismatches
                        .iter()
                        .map(|m| m.key)
                        .collect::<Vec<_>>()
                        .join(", "),
                    mismatches.iter().map(diff).collect::<String>(),
                ),
                Verdict::Broken(message) => {
                    ("error", escape_line(message).into_owned(), String::new())
                }
            };
            events.push(Event::Start(testcase));
            events.push(Event::Start(element(tag, &[("message", &message)])));
            events.push(Event::Text(BytesText::new(&body).into_owned()));
            events.push(Event::End(BytesEnd::new(tag)));
            events.push(Event::End(BytesEnd::new("testcase")));
        }
        events.push(Event::End(BytesEnd::new("testsuite")));
    }
    if let Some(coverage) = coverage.filter(|c| !c.uncovered.is_empty()) {
        let count = coverage.uncovered.len().to_string();
        let failures = match coverage.denied {
            true => count.as_str(),
            false => "0",
        };
        events.push(Event::Start(element(
            "testsuite",
            &[
                ("name", "coverage"),
                ("tests", &count),
                ("failures", failures),
                ("errors", "0"),
            ],
        )));
        for path in &coverage.uncovered {
            events.push(Event::Start(element(
                "testcase",
                &[("name", path), ("classname", "coverage"), ("file", path)],
            )));
            let tag = match coverage.denied {
                true => "failure",
                false => "skipped",
            };
            events.push(Event::Empty(element(
                tag,
                &[("message", "no case runs this stored query")],
            )));
            events.push(Event::End(BytesEnd::new("testcase")));
        }
        events.push(Event::End(BytesEnd::new("testsuite")));
    }
    events.push(Event::End(BytesEnd::new("testsuites")));
    write_xml(Writer::new_with_indent(Vec::new(), b' ', 2), events)
}
