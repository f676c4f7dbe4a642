//! `sift check`: every query of every file, all diagnostics, an honest exit code.

use crate::args::{CheckArgs, Format};
use crate::exit;
use crate::input::{self, ReadError};
use crate::render::{FileReport, JsonOutput, Style, Summary, to_json};

pub fn run(args: &CheckArgs, style: &Style) -> Result<u8, String> {
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args.target.options(&args.limits)?;
    let mut summary = Summary::default();
    let mut files = Vec::new();
    let mut io_failed = false;
    let mut unreadable = 0;
    for path in input::expand(&args.files).map_err(|e| e.to_string())? {
        let source = match input::read_path(&path) {
            Ok(source) => source,
            Err(err) => {
                eprintln!("{}", style.error_line(&err.to_string()));
                match err {
                    ReadError::Io(_) => io_failed = true,
                    ReadError::NotUtf8(_) => unreadable += 1,
                }
                continue;
            }
        };
        // Checking runs the whole pipeline, so what a target cannot express is reported too.
        let diagnostics = match sift::compile(&source.text, &catalog, &options) {
            Ok(compiled) => compiled.warnings,
            Err(diagnostics) => diagnostics,
        };
        summary.count(&diagnostics);
        match args.format {
            Format::Human => eprint!("{}", style.render(diagnostics, &source.name, &source.text)),
            Format::Json => files.push(FileReport {
                diagnostics: diagnostics.to_reports(&source.text),
                path: source.name,
            }),
        }
    }
    // A file that is not text is a file checked and found invalid.
    summary.files += unreadable;
    summary.errors += unreadable;
    match args.format {
        Format::Json => println!(
            "{}",
            to_json(&JsonOutput {
                files,
                summary: summary.clone()
            })
        ),
        Format::Human => eprintln!(
            "checked {} file(s): {} error(s), {} warning(s)",
            summary.files, summary.errors, summary.warnings
        ),
    }
    if io_failed {
        return Ok(exit::USAGE_OR_IO);
    }
    // Denied warnings are errors by now (the lint levels are applied by the library).
    Ok(if summary.errors > 0 {
        exit::INVALID
    } else {
        exit::OK
    })
}
