//! `textDocument/publishDiagnostics`: the diagnostics `sift check` reports, each with its
//! code, severity, range, labelled ranges as related information and a link to its entry in
//! the code table (`docs/lints.md`, what `sift rule CODE` prints).

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use std::collections::HashMap;
use std::sync::Arc;

use sift::{DiagnosticReport, Severity, Span};

use crate::document::{Document, Findings};
use crate::position::Encoding;
use crate::project::Project;

/// Where a code's entry is read: `docs/lints.md` of the repository, at the heading's anchor.
pub const RULE_DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/lints.md");

/// Checks the document with its project, keeps the reports (code actions and hovers read
/// them) and returns them as the protocol's diagnostics.
///
/// Each query is checked alone (sift checks queries independently; `tests/server.rs` holds
/// the two readings of the corpus equal), and a query whose text and project are those of a
/// query checked before is not checked again: an edit costs the queries it touched.
pub fn check(
    document: &mut Document,
    project: &Arc<Project>,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    let options = &project.options;
    if document.text.len() > options.limits.effective_file_bytes() {
        let found = sift::check(&document.text, &project.catalog, options);
        document.reports = found.to_reports(&document.text);
        document.checked = None;
    } else {
        let mut before = match document.checked.take() {
            Some((checked_with, found)) if Arc::ptr_eq(&checked_with, project) => found,
            _ => HashMap::new(),
        };
        let mut now: Findings = HashMap::with_capacity(before.len());
        let mut reports = Vec::new();
        for (lo, hi) in document.queries() {
            let text = document.text.get(lo..hi).unwrap_or("");
            let found = match now.get(text) {
                Some(found) => found,
                None => {
                    let found = before.remove(text).unwrap_or_else(|| {
                        let mut found =
                            sift::check(text, &project.catalog, options).to_reports(text);
                        // Between two `;` (or after the last) nothing is no query: the whole
                        // text is empty only when it has one query.
                        if lo > 0 {
                            found.retain(|r| r.code != EMPTY_INPUT);
                        }
                        found
                    });
                    now.entry(text.to_owned()).or_insert(found)
                }
            };
            reports.extend(found.iter().map(|report| shifted(report, lo)));
        }
        document.reports = reports;
        document.checked = Some((project.clone(), now));
    }
    document
        .reports
        .iter()
        .map(|report| to_lsp(report, document, encoding))
        .collect()
}

/// What a text without a query is told; a stretch between `;`s is not.
const EMPTY_INPUT: &str = "sift::syntax::empty_input";

/// A query's report placed in the document: its ranges moved by `by` bytes (its line and
/// column are the query's; the server reads only the ranges).
fn shifted(report: &DiagnosticReport, by: usize) -> DiagnosticReport {
    let mut report = report.clone();
    let shift = |span: &mut Span| *span = Span::new(span.lo() + by, span.hi() + by);
    shift(&mut report.range);
    report
        .labels
        .iter_mut()
        .for_each(|label| shift(&mut label.span));
    if let Some(fix) = &mut report.fix {
        shift(&mut fix.span);
    }
    report
}

/// One report as a diagnostic of the protocol; the help follows the message on a new line.
pub fn to_lsp(report: &DiagnosticReport, document: &Document, encoding: Encoding) -> Diagnostic {
    let range_of = |lo: usize, hi: usize| document.lines.range(&document.text, lo, hi, encoding);
    let related: Vec<DiagnosticRelatedInformation> = report
        .labels
        .iter()
        .filter_map(|label| {
            let text = label.text.as_ref()?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    document.uri.clone(),
                    range_of(label.span.lo(), label.span.hi()),
                ),
                message: text.clone(),
            })
        })
        .collect();
    let mut message = report.message.clone();
    if let Some(help) = &report.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range: range_of(report.range.lo(), report.range.hi()),
        severity: Some(match report.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            // Advice, and any severity a later sift adds.
            _ => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(report.code.to_owned())),
        code_description: rule_link(report.code).map(|href| CodeDescription { href }),
        source: Some("sift".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The link to a code's entry: `RULE_DOCS#` and the anchor of its heading
/// (`### `sift::check::unknown_field``: `siftcheckunknown_field`).
pub fn rule_link(code: &str) -> Option<Uri> {
    let anchor: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    format!("{RULE_DOCS}#{anchor}").parse().ok()
}
