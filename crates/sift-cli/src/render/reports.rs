//! The report of `check` and `validate` for machines: every diagnostic located in its file
//! (a JSON Lines document's lines and ranges moved to where it sits), printed as JSON, one
//! line each (`file:line:col: code message`), GitHub workflow commands, JUnit XML or SARIF
//! 2.1.0. Every text that comes from the input goes through the terminal escaping rule first,
//! so no format carries a control character.

use std::fmt::Write as _;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use serde_json::{Value, json};
use sift::{DiagnosticReport, Severity};

use super::escape::{escape, escape_line};
use crate::config::in_force::InForce;

/// One source's findings: a file, or one document of a JSON Lines file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    /// The document's line in a JSON Lines file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub diagnostics: Vec<DiagnosticReport>,
    /// The fixes `--fix` applied to it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<FixReport>,
}

/// A fix that was applied, located in the text as the pass that applied it found it.
#[derive(Debug, Serialize)]
pub struct FixReport {
    pub code: &'static str,
    pub line: usize,
    pub column: usize,
    pub kind: &'static str,
}

impl FileReport {
    /// The diagnostics of `text`, located in the file: `document` is the line a JSON Lines
    /// document starts on and the byte offset of that line, whose lines and ranges are moved
    /// there.
    pub fn new(
        path: &str,
        document: Option<(usize, usize)>,
        text: &str,
        diagnostics: &sift::Diagnostics,
    ) -> Self {
        let mut reports = diagnostics.to_reports(text);
        if let Some((line, offset)) = document {
            for report in &mut reports {
                report.line += line - 1;
                report.end_line += line - 1;
                let spans = std::iter::once(&mut report.range)
                    .chain(report.labels.iter_mut().map(|l| &mut l.span))
                    .chain(report.fix.iter_mut().map(|f| &mut f.span));
                for span in spans {
                    *span = sift::Span::new(span.lo() + offset, span.hi() + offset);
                }
            }
        }
        FileReport {
            path: path.to_owned(),
            line: document.map(|(line, _)| line),
            diagnostics: reports,
            fixed: Vec::new(),
        }
    }

    /// With the fixes that were applied (their lines moved as the diagnostics' are).
    pub fn with_fixes(mut self, applied: &[sift::fix::AppliedFix]) -> Self {
        let shift = self.line.map_or(0, |line| line - 1);
        self.fixed = applied
            .iter()
            .map(|fix| FixReport {
                code: fix.code,
                line: fix.line + shift,
                column: fix.column,
                kind: fix.kind.as_str(),
            })
            .collect();
        self
    }
}

/// Counts over all files, so a CI job need not count itself.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Fixes applied (`--fix`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
    /// The project file, catalog and target the run used (`check` and `validate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &sift::Diagnostics) {
        self.files += 1;
        self.errors += diagnostics.error_count();
        self.warnings += diagnostics.warning_count();
    }
}

/// The `--format json` document: every file, and the counts over all of them.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

/// `file:line:col: code message`, one line per diagnostic.
pub fn concise(files: &[FileReport]) -> String {
    let mut out = String::new();
    for (file, d) in each(files) {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}",
            escape_line(&file.path),
            d.line,
            d.column,
            d.code,
            escape_line(&d.message)
        );
    }
    out
}

/// GitHub Actions workflow commands, one per diagnostic: an annotation on the file's line.
/// Properties and data are escaped as the runner reads them (`%`, CR and LF everywhere, `:`
/// and `,` in properties too).
pub fn github(files: &[FileReport]) -> String {
    let mut out = String::new();
    for (file, d) in each(files) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            // Advice, and any milder severity to come.
            _ => "notice",
        };
        let mut message = escape_line(&d.message).into_owned();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&escape(help));
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            github_property(&escape_line(&file.path)),
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            github_property(d.code),
            github_data(&message)
        );
    }
    out
}

fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// JUnit XML: a test suite per source, a test case per diagnostic (an error fails it; a
/// warning passes and says itself in `system-out`), one passing test case for a clean source.
pub fn junit(files: &[FileReport]) -> String {
    let writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut events: Vec<Event<'static>> =
        vec![Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))];
    let count = |f: &FileReport| {
        let failures = f
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (f.diagnostics.len().max(1), failures)
    };
    let (tests, failures) = files
        .iter()
        .map(count)
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    events.push(Event::Start(element(
        "testsuites",
        &[
            ("name", "sift"),
            ("tests", &tests.to_string()),
            ("failures", &failures.to_string()),
            ("errors", "0"),
        ],
    )));
    for file in files {
        let name = source_name(file);
        let (tests, failures) = count(file);
        events.push(Event::Start(element(
            "testsuite",
            &[
                ("name", &name),
                ("tests", &tests.to_string()),
                ("failures", &failures.to_string()),
                ("errors", "0"),
            ],
        )));
        if file.diagnostics.is_empty() {
            events.push(Event::Empty(element(
                "testcase",
                &[("name", &name), ("classname", &name)],
            )));
        }
        for d in &file.diagnostics {
            let case = format!("{} at {}:{}", d.code, d.line, d.column);
            let line = d.line.to_string();
            events.push(Event::Start(element(
                "testcase",
                &[
                    ("name", &case),
                    ("classname", &name),
                    ("file", &escape_line(&file.path)),
                    ("line", &line),
                ],
            )));
            let mut body = format!(
                "{}:{}:{}: {}",
                escape_line(&file.path),
                d.line,
                d.column,
                escape_line(&d.message)
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(&escape_line(help));
            }
            let (tag, attributes) = if d.severity == Severity::Error {
                (
                    "failure",
                    vec![
                        ("type", d.code.to_owned()),
                        ("message", escape_line(&d.message).into_owned()),
                    ],
                )
            } else {
                ("system-out", Vec::new())
            };
            let attributes: Vec<(&str, &str)> =
                attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            events.push(Event::Start(element(tag, &attributes)));
            events.push(Event::Text(BytesText::new(&body).into_owned()));
            events.push(Event::End(BytesEnd::new(tag)));
            events.push(Event::End(BytesEnd::new("testcase")));
        }
        events.push(Event::End(BytesEnd::new("testsuite")));
    }
    events.push(Event::End(BytesEnd::new("testsuites")));
    write_xml(writer, events)
}

/// `events` written (indented) after what `writer` holds, as text ending in a line break.
pub fn write_xml(mut writer: Writer<Vec<u8>>, events: Vec<Event<'_>>) -> String {
    for event in events {
        // Writing into a vector cannot fail.
        let _ = writer.write_event(event);
    }
    let mut text = String::from_utf8(writer.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

/// An element with attributes, their values escaped by the writer.
pub fn element(name: &'static str, attributes: &[(&str, &str)]) -> BytesStart<'static> {
    let mut start = BytesStart::new(name);
    for &(key, value) in attributes {
        start.push_attribute((key, value));
    }
    start.into_owned()
}

/// How a source is named in a test suite: the file, and a JSON Lines document's line.
fn source_name(file: &FileReport) -> String {
    let path = escape_line(&file.path);
    match file.line {
        Some(line) => format!("{path}:{line}"),
        None => path.into_owned(),
    }
}

/// SARIF 2.1.0: one run of the `sift` tool, the rules the results name (from the code table),
/// and a result per diagnostic with its region (columns in code points) and its fix.
pub fn sarif(files: &[FileReport]) -> String {
    let mut rules: Vec<&str> = each(files).map(|(_, d)| d.code).collect();
    rules.sort_unstable();
    rules.dedup();
    let descriptors: Vec<Value> = rules.iter().map(|code| rule(code)).collect();
    let results: Vec<Value> = each(files)
        .map(|(file, d)| {
            let uri = uri_of(&file.path);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                // Advice, and any milder severity to come.
                _ => "note",
            };
            let mut message = escape_line(&d.message).into_owned();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(&escape(help));
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": rules.binary_search(&d.code).unwrap_or(0),
                "level": level,
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": d.end_column,
                        }
                    }
                }],
            });
            if let Some(fix) = &d.fix {
                let kind = sift::lints::code_info(d.code).map_or("none", |info| info.fix.as_str());
                result["fixes"] = json!([{
                    "description": { "text": format!("{kind} fix of {}", d.code) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": [{
                            "deletedRegion": {
                                "byteOffset": fix.span.lo(),
                                "byteLength": fix.span.len(),
                            },
                            "insertedContent": { "text": fix.replacement },
                        }]
                    }]
                }]);
            }
            if let Some(pointer) = &d.pointer {
                result["properties"] = json!({ "pointer": pointer });
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "sift",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule of the SARIF log: the code table's entry.
fn rule(code: &str) -> Value {
    let info = sift::lints::code_info(code);
    let name = code.rsplit("::").next().unwrap_or(code);
    let level = match info {
        Some(info) if !info.can_error => "warning",
        _ => "error",
    };
    json!({
        "id": code,
        "name": name,
        "shortDescription": { "text": info.map_or("", |i| i.summary) },
        "fullDescription": { "text": info.map_or("", |i| i.explanation) },
        "help": {
            "text": format!("sift rule {code}"),
            "markdown": info.map_or("", |i| i.explanation),
        },
        "defaultConfiguration": { "level": level },
        "properties": { "fix": info.map_or("none", |i| i.fix.as_str()) },
    })
}

/// A path as a URI reference: every byte outside the unreserved characters and `/`
/// percent-encoded (a file name may hold spaces, `#` or `%`).
fn uri_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// Every diagnostic with its source, in order.
fn each(files: &[FileReport]) -> impl Iterator<Item = (&FileReport, &DiagnosticReport)> {
    files
        .iter()
        .flat_map(|file| file.diagnostics.iter().map(move |d| (file, d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_as_the_runner_reads() {
        assert_eq!(github_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(github_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn uris_encode_what_a_uri_cannot_hold() {
        assert_eq!(uri_of("examples/q 1.sift"), "examples/q%201.sift");
        assert_eq!(uri_of("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri_of("é#"), "%C3%A9%23");
    }
}
