//! `sift check`: every query of every file, all diagnostics, an honest exit code.

use crate::args::{CheckArgs, Format};
use crate::exit;
use crate::input;
use crate::output::{self, Outcome};
use crate::render::{FileReport, JsonOutput, Style, Summary, to_json};

pub fn run(args: &CheckArgs, style: &Style) -> Outcome {
    let inputs = input::collect(&args.files, "sift", style)?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args.clock.apply(args.target.options(&args.limits)?);
    // Resolved once for the run (the project file is read once), not once per file.
    let max_file_bytes = options.limits.max_file_bytes;
    let mut summary = Summary::default();
    let mut files = Vec::new();
    let mut input_failed = inputs.failed;
    for item in &inputs.items {
        let Some(source) = input::read_or_report(item, max_file_bytes, style)? else {
            input_failed = true;
            continue;
        };
        // The library's `check`: the whole pipeline, so what a target cannot express is
        // reported too.
        let diagnostics = sift::check(&source.text, &catalog, &options);
        summary.count(&diagnostics);
        match args.format {
            Format::Human => {
                output::err(&style.render(diagnostics, &source.name, &source.text))?;
            }
            Format::Json => files.push(FileReport {
                diagnostics: diagnostics.to_reports(&source.text),
                path: source.name,
            }),
        }
    }
    match args.format {
        Format::Json => output::outln(&to_json(&JsonOutput {
            files,
            summary: Summary {
                in_force: Some(crate::config::in_force::current()),
                ..summary.clone()
            },
        }))?,
        // Nothing read at all: the input errors above say everything.
        Format::Human if summary.files == 0 && input_failed => {}
        Format::Human => output::errln(&format!(
            "checked {} file(s): {} error(s), {} warning(s)",
            summary.files, summary.errors, summary.warnings
        ))?,
    }
    if input_failed {
        return Ok(exit::USAGE_OR_IO);
    }
    // Denied warnings are errors by now (the lint levels are applied by the library).
    Ok(if summary.errors > 0 {
        exit::INVALID
    } else {
        exit::OK
    })
}
