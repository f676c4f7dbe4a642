//! `sift decompile`: a valid JSON filter, query, params or request → canonical sift text on
//! standard output; diagnostics (if it is not valid) on standard error.

use std::io::Write;

use crate::args::{DecompileArgs, Format};
use crate::exit;
use crate::render::{FileReport, JsonOutput, Style, Summary, to_json};

pub fn run(args: &DecompileArgs, style: &Style) -> Result<u8, String> {
    let source = match super::validate::read(&args.file, style)? {
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
    match sift::decompile(&source.text, &catalog, &options, args.form) {
        Ok(sift) => {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{sift}").map_err(|e| format!("cannot write standard output: {e}"))?;
            Ok(exit::OK)
        }
        Err(diagnostics) => {
            match args.format {
                Format::Human => {
                    eprint!("{}", style.render(diagnostics, &source.name, &source.text))
                }
                Format::Json => {
                    let reports = diagnostics.to_reports(&source.text);
                    let mut summary = Summary::default();
                    summary.count(&reports);
                    eprintln!(
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
            Ok(exit::INVALID)
        }
    }
}
