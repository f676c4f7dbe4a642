//! `textDocument/publishDiagnostics`: the diagnostics `sift check` reports, each with its
//! code, severity, range, labelled ranges as related information and a link to its entry in
//! the code table (`docs/lints.md`, what `sift rule CODE` prints).

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use sift::{DiagnosticReport, ReportSeverity};

use crate::document::Document;
use crate::position::Encoding;
use crate::project::Project;

/// Where a code's entry is read: `docs/lints.md` of the repository, at the heading's anchor.
pub const RULE_DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/lints.md");

/// Checks the document with its project, keeps the reports (code actions and hovers read
/// them) and returns them as the protocol's diagnostics.
pub fn check(document: &mut Document, project: &Project, encoding: Encoding) -> Vec<Diagnostic> {
    let found = sift::check(&document.text, &project.catalog, &project.options);
    document.reports = found.to_reports(&document.text);
    document
        .reports
        .iter()
        .map(|report| to_lsp(report, document, encoding))
        .collect()
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
                    range_of(label.range.start, label.range.end),
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
        range: range_of(report.range.start, report.range.end),
        severity: Some(match report.severity {
            ReportSeverity::Error => DiagnosticSeverity::ERROR,
            ReportSeverity::Warning => DiagnosticSeverity::WARNING,
            ReportSeverity::Advice => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(report.code.clone())),
        code_description: rule_link(&report.code).map(|href| CodeDescription { href }),
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
