//! `sift decompile`: valid JSON filters, queries, params or requests → canonical sift text on
//! standard output; diagnostics (for those that are not valid) on standard error. Several
//! documents give one `.sift` document: each query after a comment naming its source, ended by
//! `;`.

use crate::args::JsonDocumentArgs;
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::Style;
use crate::render::escape::escape_line;

use super::{JsonTo, documents};

pub fn run(args: &JsonDocumentArgs, style: &Style) -> Outcome {
    let options = args.target.options(&args.limits)?.with_form(args.form);
    let mut invalid = false;
    let input_failed = documents::each(args, style, |document, catalog| {
        let source = (document.name.as_str(), document.text);
        // One validation gives both the text and the warnings `validate` would show (several
        // operator keys, a null test on a never-null field).
        let validation = sift::validate_json(document.text, catalog, &options);
        match validation.into_sift() {
            Ok((sift, warnings)) => {
                if document.many {
                    // The name is a file's: escaped, so it stays one comment line.
                    output::outln(&format!("# {}\n{sift};", escape_line(&document.name)))?;
                } else {
                    output::outln(&sift)?;
                }
                if warnings.is_empty() {
                    return Ok(());
                }
                super::report(args.format, style, source, warnings, JsonTo::Stderr)
            }
            Err(diagnostics) => {
                invalid = true;
                super::report(args.format, style, source, diagnostics, JsonTo::Stderr)
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
