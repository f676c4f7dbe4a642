//! `sift validate`: a JSON filter, query, params or request checked against the schema; every
//! diagnostic located in the JSON text and by JSON pointer.

use crate::args::{Format, ValidateArgs};
use crate::exit;
use crate::input::{self, ReadError, Source};
use crate::render::{FileReport, JsonOutput, Style, Summary, to_json};

pub fn run(args: &ValidateArgs, style: &Style) -> Result<u8, String> {
    let source = match read(&args.file, style)? {
        Ok(source) => source,
        Err(code) => return Ok(code),
    };
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = sift::Options {
        target: args.target.target,
        limits: args.limits.limits(),
        entity: args.target.entity.clone(),
        ..Default::default()
    };
    let validation = sift::validate_json(&source.text, &catalog, &options, args.form);
    let valid = validation.is_valid();
    match args.format {
        Format::Human => {
            let summary = match (valid, validation.form) {
                (true, Some(form)) => format!(
                    "{}: valid {form} for target {}",
                    source.name, options.target
                ),
                _ => format!(
                    "{}: invalid ({} error(s))",
                    source.name,
                    validation.diagnostics.error_count()
                ),
            };
            eprint!(
                "{}",
                style.render(validation.diagnostics, &source.name, &source.text)
            );
            eprintln!("{summary}");
        }
        Format::Json => {
            let reports = validation.diagnostics.to_reports(&source.text);
            let mut summary = Summary::default();
            summary.count(&reports);
            println!(
                "{}",
                to_json(&JsonOutput {
                    files: vec![FileReport {
                        path: source.name,
                        diagnostics: reports,
                    }],
                    summary,
                })
            );
        }
    }
    Ok(if valid { exit::OK } else { exit::INVALID })
}

/// The document, or the exit code when it cannot be read (2) or is not UTF-8 (1).
pub(super) fn read(path: &std::path::Path, style: &Style) -> Result<Result<Source, u8>, String> {
    match input::read_path(path) {
        Ok(source) => Ok(Ok(source)),
        Err(ReadError::Io(msg)) => Err(msg),
        Err(ReadError::NotUtf8(msg)) => {
            eprintln!("{}", style.error_line(&msg));
            Ok(Err(exit::INVALID))
        }
    }
}
