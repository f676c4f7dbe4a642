//! `sift check`: every query of every file, all diagnostics, an honest exit code. The report
//! is the output: it goes to standard output. `--fix` applies the fixes in place (standard
//! input: the fixed text to standard output, the report to standard error), `--diff` shows
//! them as a diff and changes nothing.

use crate::args::{CheckArgs, ReportFormat};
use crate::exit;
use crate::input::{self, Input};
use crate::output::{self, Failure, Outcome};
use crate::render::{Style, unified_diff};

use super::reporting::Reporting;
use super::rewrite::{self, Purpose};

pub fn run(args: &CheckArgs, style: &Style) -> Outcome {
    let mode = args.fix.mode()?;
    if args.fix.diff && args.format != ReportFormat::Human {
        return Err(Failure::Usage(
            "--diff prints the fixes as a diff, not a report: leave out --format".into(),
        ));
    }
    let inputs = input::collect(&args.files, "sift", style)?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args.clock.apply(args.target.options(&args.limits)?);
    // Resolved once for the run (the project file is read once), not once per file.
    let max_file_bytes = options.limits.max_file_bytes;
    let mut reporting = Reporting::new(args.format, style, mode);
    let mut input_failed = inputs.failed;
    let mut changed = false;
    for item in &inputs.items {
        let Some(source) = input::read_or_report(item, max_file_bytes, style)? else {
            input_failed = true;
            continue;
        };
        let Some(mode) = mode else {
            // The library's `check`: the whole pipeline, so what a target cannot express is
            // reported too.
            let diagnostics = sift::check(&source.text, &catalog, &options);
            report(&mut reporting, &source.name, &source.text, diagnostics, &[])?;
            continue;
        };
        let fixed = sift::fix::fix_source(&source.text, &catalog, &options, mode);
        reporting.fixes(&source.name, &fixed)?;
        changed |= fixed.changed();
        if args.fix.diff {
            reporting.add(
                &source.name,
                None,
                &fixed.text,
                &fixed.remaining,
                &fixed.applied,
            );
            output::out(&unified_diff(&source.name, &source.text, &fixed.text))?;
            continue;
        }
        match (&source.file, *item == Input::Stdin) {
            // Standard input: the fixed text is the output, the report moves aside.
            (_, true) => {
                reporting.move_to_stderr(style);
                output::out(&fixed.text)?;
            }
            (Some((path, metadata)), false) if fixed.changed() => {
                let texts = (source.text.as_str(), fixed.text.as_str());
                if let Err(message) = rewrite::replace(path, metadata, texts, Purpose::Fix) {
                    output::errln(&style.error_line(&message))?;
                    input_failed = true;
                    let diagnostics = sift::check(&source.text, &catalog, &options);
                    report(&mut reporting, &source.name, &source.text, diagnostics, &[])?;
                    continue;
                }
            }
            _ => {}
        }
        let applied = fixed.applied;
        report(
            &mut reporting,
            &source.name,
            &fixed.text,
            fixed.remaining,
            &applied,
        )?;
    }
    let summary = reporting.summary().clone();
    let checked = (summary.files > 0 || !input_failed).then(|| {
        format!(
            "checked {} file(s): {} error(s), {} warning(s)",
            summary.files, summary.errors, summary.warnings
        )
    });
    if args.fix.diff {
        reporting.finish(("would fix", "file(s)"), None)?;
    } else {
        reporting.finish(("fixed", "file(s)"), checked)?;
    }
    if input_failed {
        return Ok(exit::USAGE_OR_IO);
    }
    if args.fix.diff {
        return Ok(if changed { exit::INVALID } else { exit::OK });
    }
    // Denied warnings are errors by now (the lint levels are applied by the library).
    Ok(if summary.errors > 0 {
        exit::INVALID
    } else {
        exit::OK
    })
}

/// The diagnostics of one source: drawn now for people, kept for the other formats.
fn report(
    reporting: &mut Reporting,
    name: &str,
    text: &str,
    diagnostics: sift::Diagnostics,
    applied: &[sift::fix::AppliedFix],
) -> Result<(), Failure> {
    reporting.add(name, None, text, &diagnostics, applied);
    if reporting.format == ReportFormat::Human && !diagnostics.is_empty() {
        let drawn = reporting.style.render(diagnostics, name, text);
        reporting.write()(&drawn)?;
    }
    Ok(())
}
