//! `sift validate`: JSON filters, queries, params or requests checked against the schema; every
//! diagnostic located in the JSON text and by JSON pointer. Many documents in one run: files,
//! directories, JSON Lines.

use crate::args::{Format, JsonDocumentArgs};
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::{Style, to_json};

use super::documents::{self, Report};

pub fn run(args: &JsonDocumentArgs, style: &Style) -> Outcome {
    let options = args.target.options(&args.limits)?.with_form(args.form);
    let mut report = Report::default();
    let mut invalid = 0;
    let mut many = false;
    let input_failed = documents::each(args, style, |document, catalog| {
        many = document.many;
        let validation = sift::validate_json(document.text, catalog, &options);
        let valid = validation.is_valid();
        invalid += usize::from(!valid);
        if args.format == Format::Json {
            report.add(document, &validation.diagnostics);
            return Ok(());
        }
        report.summary.count(&validation.diagnostics);
        // Thousands of valid lines of a JSON Lines file: nothing to draw, nothing to say.
        if document.line.is_some() && valid && validation.diagnostics.is_empty() {
            return Ok(());
        }
        let summary = match (valid, validation.form) {
            (true, Some(form)) => format!(
                "{}: valid {form} for target {}",
                document.name, options.target
            ),
            _ => format!(
                "{}: invalid ({} error(s))",
                document.name,
                validation.diagnostics.error_count()
            ),
        };
        if !validation.diagnostics.is_empty() {
            output::err(&style.render(validation.diagnostics, &document.name, document.text))?;
        }
        // One line per document, except the valid lines of a JSON Lines file (thousands).
        if document.line.is_none() || !valid {
            output::errln(&summary)?;
        }
        Ok(())
    })?;
    let summary = &report.summary;
    match args.format {
        Format::Json => output::outln(&to_json(&report))?,
        Format::Human if many => output::errln(&format!(
            "validated {} document(s): {invalid} invalid, {} error(s), {} warning(s)",
            summary.files, summary.errors, summary.warnings
        ))?,
        Format::Human => {}
    }
    Ok(if input_failed {
        exit::USAGE_OR_IO
    } else if invalid > 0 {
        exit::INVALID
    } else {
        exit::OK
    })
}
