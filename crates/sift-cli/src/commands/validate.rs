//! `sift validate`: JSON filters, queries, params or requests checked against the schema; every
//! diagnostic located in the JSON text and by JSON pointer. Many documents in one run: files,
//! directories, JSON Lines. The lines of a JSON Lines file are validated on every core, in
//! blocks, and reported in order.

use crate::args::{Format, JsonDocumentArgs};
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::escape::escape_line;
use crate::render::{Style, to_json};

use super::documents::{self, Budget, Document, Report};

/// Documents validated together before their results are printed: bounds what is held.
const BLOCK: usize = 4096;

/// Below this many documents, one thread does it all (starting threads would cost more).
const PARALLEL_MIN: usize = 256;

pub fn run(args: &JsonDocumentArgs, style: &Style) -> Outcome {
    let options = args.target.options(&args.limits)?.with_form(args.form);
    let mut report = Report::default();
    let mut invalid = 0;
    let mut many = false;
    let input_failed = documents::each_file(args, style, |documents, catalog| {
        // The lines of one JSON Lines file share one --max-diagnostics budget, as the queries
        // of one .sift file do: thousands of bad lines draw a screenful and a count.
        let mut budget = Budget::new(style);
        for block in documents.chunks(BLOCK) {
            let validations = validate_block(block, catalog, &options);
            for (document, validation) in block.iter().zip(validations) {
                many = document.many;
                let valid = validation.is_valid();
                invalid += usize::from(!valid);
                if args.format == Format::Json {
                    report.add(document, &validation.diagnostics);
                    continue;
                }
                report.summary.count(&validation.diagnostics);
                show(style, document, validation, &options, &mut budget)?;
            }
        }
        if let Some(path) = documents.first().map(|d| d.path) {
            budget.close(path)?;
        }
        Ok(())
    })?;
    report.summary.in_force = Some(crate::config::in_force::current());
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

/// Validates the documents, in order; a large block is cut into one run of documents per core.
fn validate_block(
    block: &[Document<'_>],
    catalog: &sift::Catalog,
    options: &sift::Options,
) -> Vec<sift::Validation> {
    let validate = |document: &Document<'_>| sift::check_json(document.text, catalog, options);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || block.len() < PARALLEL_MIN {
        return block.iter().map(validate).collect();
    }
    let run = block.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = block
            .chunks(run)
            .map(|part| scope.spawn(move || part.iter().map(validate).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(validations) => validations,
                // A panic in validation is a bug; let it surface as the panic it is.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// The human report of one document: its diagnostics and a summary line, except for the valid
/// lines of a JSON Lines file (thousands), which say nothing unless they have warnings.
fn show(
    style: &Style,
    document: &Document<'_>,
    validation: sift::Validation,
    options: &sift::Options,
    budget: &mut Budget,
) -> Result<(), output::Failure> {
    let valid = validation.is_valid();
    if document.line.is_some() && valid && validation.diagnostics.is_empty() {
        return Ok(());
    }
    if budget.is_spent() {
        // Past the budget a document is only counted; the file's closing line says how many.
        budget.count(&validation.diagnostics);
        return Ok(());
    }
    let summary = match (valid, validation.form) {
        (true, Some(form)) => format!(
            "{}: valid {form} for target {}{}",
            escape_line(&document.name),
            validation.target,
            if options.infer_target && validation.target != sift::Target::default() {
                " (as its action and operators say; --target to choose)"
            } else {
                ""
            }
        ),
        _ => format!(
            "{}: invalid ({} error(s))",
            escape_line(&document.name),
            validation.diagnostics.error_count()
        ),
    };
    if !validation.diagnostics.is_empty() {
        budget.draw(
            style,
            validation.diagnostics,
            (&document.name, document.text),
        )?;
    }
    if document.line.is_none() || !valid {
        output::errln(&summary)?;
    }
    Ok(())
}
