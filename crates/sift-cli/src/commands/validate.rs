//! `sift validate`: JSON filters, queries, params or requests checked against the schema; every
//! diagnostic located in the JSON text and by JSON pointer. Many documents in one run: files,
//! directories, JSON Lines. The lines of a JSON Lines file are validated on every core, in
//! blocks, and reported in order. The report is the output (standard output); `--fix` applies
//! the fixes in place (a JSON Lines file line by line, the rest of each line's bytes kept),
//! `--diff` shows them and changes nothing.

use crate::args::{ReportFormat, ValidateArgs};
use crate::exit;
use crate::input::Source;
use crate::output::{self, Failure, Outcome};
use crate::render::escape::escape_line;
use crate::render::{Style, unified_diff};

use super::documents::{self, Budget, Document};
use super::reporting::Reporting;
use super::rewrite::{self, Purpose};

/// Documents validated together before their results are printed: bounds what is held.
const BLOCK: usize = 4096;

/// Below this many documents, one thread does it all (starting threads would cost more).
const PARALLEL_MIN: usize = 256;

pub fn run(args: &ValidateArgs, style: &Style) -> Outcome {
    let mode = args.fix.mode()?;
    if args.fix.diff && args.format != ReportFormat::Human {
        return Err(Failure::Usage(
            "--diff prints the fixes as a diff, not a report: leave out --format".into(),
        ));
    }
    let documents_args = &args.documents;
    let options = documents_args
        .target
        .options(&documents_args.limits)?
        .with_form(documents_args.form);
    let mut reporting = Reporting::new(args.format, style, mode);
    // Asked once per run: on Linux each answer reads cgroup files.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut invalid = 0;
    let mut many = false;
    let mut changed = false;
    let mut write_failed = false;
    let input_failed =
        documents::each_file(documents_args, style, |documents, catalog, source| {
            // Fixing standard input writes the fixed text to standard output: the report moves
            // to standard error before any of it is written.
            if mode.is_some() && !args.fix.diff && source.file.is_none() {
                reporting.move_to_stderr(style);
            }
            // The lines of one JSON Lines file share one --max-diagnostics budget, as the queries
            // of one .sift file do: thousands of bad lines draw a screenful and a count.
            let mut budget = Budget::new(&reporting.style);
            let mut fixed_texts: Vec<String> = Vec::new();
            for block in documents.chunks(BLOCK) {
                let validations = match mode {
                    None => validate_block(block, catalog, &options, threads),
                    Some(mode) => {
                        let mut validations = Vec::with_capacity(block.len());
                        for document in block {
                            let fixed = sift::fix::fix_json(document.text, catalog, &options, mode);
                            reporting.fixes(&document.name, &fixed)?;
                            changed |= fixed.changed();
                            let validation = sift::check_json(&fixed.text, catalog, &options);
                            validations.push((validation, Some(fixed)));
                        }
                        validations
                    }
                };
                for (document, (validation, fixed)) in block.iter().zip(validations) {
                    many = document.many;
                    invalid += usize::from(!validation.is_valid());
                    let (text, applied) = match &fixed {
                        Some(fixed) => (fixed.text.as_str(), fixed.applied.as_slice()),
                        None => (document.text, &[][..]),
                    };
                    let place = document.line;
                    reporting.add(document.path, place, text, &validation.diagnostics, applied);
                    if reporting.format == ReportFormat::Human && !args.fix.diff {
                        show(
                            &reporting,
                            (document, text),
                            validation,
                            &options,
                            &mut budget,
                        )?;
                    }
                    if let Some(fixed) = fixed {
                        fixed_texts.push(fixed.text);
                    }
                }
            }
            if let Some(path) = documents.first().map(|d| d.path) {
                budget.close(path, reporting.write())?;
            }
            if mode.is_some() {
                let new = reassemble(source, documents, &fixed_texts);
                write_failed |= !put_back(args, style, source, &new)?;
            }
            Ok(())
        })?;
    let summary = reporting.summary().clone();
    let checked = (many && reporting.format == ReportFormat::Human && !args.fix.diff).then(|| {
        format!(
            "validated {} document(s): {invalid} invalid, {} error(s), {} warning(s)",
            summary.files, summary.errors, summary.warnings
        )
    });
    let verb = if args.fix.diff { "would fix" } else { "fixed" };
    reporting.finish((verb, "document(s)"), checked)?;
    Ok(if input_failed || write_failed {
        exit::USAGE_OR_IO
    } else if args.fix.diff {
        if changed { exit::INVALID } else { exit::OK }
    } else if invalid > 0 {
        exit::INVALID
    } else {
        exit::OK
    })
}

/// The file's text with each document replaced by its fixed text (the bytes between the
/// documents, line breaks and blank lines, kept).
fn reassemble(source: &Source, documents: &[Document<'_>], fixed: &[String]) -> String {
    let mut out = String::with_capacity(source.text.len());
    let mut at = 0;
    for (document, text) in documents.iter().zip(fixed) {
        let start = document.line.map_or(0, |(_, offset)| offset);
        let end = start + document.text.len();
        out.push_str(source.text.get(at..start).unwrap_or_default());
        out.push_str(text);
        at = end;
    }
    out.push_str(source.text.get(at..).unwrap_or_default());
    out
}

/// Writes the fixed text where it belongs: a diff (`--diff`), standard output (standard
/// input was read), or the file in place. False when the file could not be written.
fn put_back(
    args: &ValidateArgs,
    style: &Style,
    source: &Source,
    new: &str,
) -> Result<bool, Failure> {
    if args.fix.diff {
        output::out(&unified_diff(&source.name, &source.text, new))?;
        return Ok(true);
    }
    let Some((path, metadata)) = &source.file else {
        output::out(new)?;
        return Ok(true);
    };
    if new == source.text {
        return Ok(true);
    }
    match rewrite::replace(path, metadata, (&source.text, new), Purpose::Fix) {
        Ok(()) => Ok(true),
        Err(message) => {
            output::errln(&style.error_line(&message))?;
            Ok(false)
        }
    }
}

/// Validates the documents, in order; a large block is cut into one run of documents per
/// thread (`threads`: the cores available).
fn validate_block(
    block: &[Document<'_>],
    catalog: &sift::Catalog,
    options: &sift::Options,
    threads: usize,
) -> Vec<(sift::Validation, Option<sift::fix::Fixed>)> {
    let validate =
        |document: &Document<'_>| (sift::check_json(document.text, catalog, options), None);
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
/// `text` is the document's text as reported: its fixed text when fixes were applied.
fn show(
    reporting: &Reporting,
    (document, text): (&Document<'_>, &str),
    validation: sift::Validation,
    options: &sift::Options,
    budget: &mut Budget,
) -> Result<(), Failure> {
    let valid = validation.is_valid();
    if document.line.is_some() && valid && validation.diagnostics.is_empty() {
        return Ok(());
    }
    // Built only here: most lines of a JSON Lines file return above, and need no copy.
    let document = &Document {
        text,
        ..document.clone()
    };
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
            &reporting.style,
            validation.diagnostics,
            document,
            reporting.write(),
        )?;
    }
    if (document.line.is_none() || !valid) && !output::is_quiet() {
        reporting.write()(&format!("{summary}\n"))?;
    }
    Ok(())
}
