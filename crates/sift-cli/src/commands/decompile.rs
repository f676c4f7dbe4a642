//! `sift decompile`: a valid JSON filter, query, params or request → canonical sift text on
//! standard output; diagnostics (if it is not valid) on standard error.

use std::io::Write;

use crate::args::{Format, JsonDocumentArgs};
use crate::exit;
use crate::input;
use crate::render::{Style, single_source_json};

pub fn run(args: &JsonDocumentArgs, style: &Style) -> Result<u8, String> {
    let source = match input::read_or_invalid(Some(&args.file), style)? {
        Ok(source) => source,
        Err(code) => return Ok(code),
    };
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args.target.options(&args.limits)?;
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
                Format::Json => eprintln!(
                    "{}",
                    single_source_json(&source.name, &source.text, &diagnostics)
                ),
            }
            Ok(exit::INVALID)
        }
    }
}
