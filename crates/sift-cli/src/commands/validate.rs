//! `sift validate`: a JSON filter, query, params or request checked against the schema; every
//! diagnostic located in the JSON text and by JSON pointer.

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
        Format::Json => println!(
            "{}",
            single_source_json(&source.name, &source.text, &validation.diagnostics)
        ),
    }
    Ok(if valid { exit::OK } else { exit::INVALID })
}
