//! `sift decompile`: valid JSON filters, queries, params or requests → canonical sift text on
//! standard output; diagnostics (for those that are not valid) on standard error. Several
//! documents give one `.sift` document: each query after a comment naming its source, ended by
//! `;`.

use crate::args::{Format, JsonDocumentArgs};
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::{Style, single_source_json};

use super::documents;

pub fn run(args: &JsonDocumentArgs, style: &Style) -> Outcome {
    let options = args.target.options(&args.limits);
    let mut invalid = false;
    let input_failed = documents::each(args, style, |document, catalog| {
        match sift::decompile(document.text, catalog, &options, args.form) {
            Ok(sift) if document.many => output::outln(&format!("# {}\n{sift};", document.name)),
            Ok(sift) => output::outln(&sift),
            Err(diagnostics) => {
                invalid = true;
                match args.format {
                    Format::Human => {
                        output::err(&style.render(diagnostics, &document.name, document.text))
                    }
                    Format::Json => output::errln(&single_source_json(
                        &document.name,
                        document.text,
                        &diagnostics,
                    )),
                }
            }
        }
    })?;
    Ok(if input_failed {
        exit::USAGE_OR_IO
    } else if invalid {
        exit::INVALID
    } else {
        exit::OK
    })
}
