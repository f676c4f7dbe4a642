//! `sift decompile`: valid JSON filters, queries, params or requests → canonical sift text on
//! standard output; diagnostics (for those that are not valid) on standard error. Several
//! documents give one `.sift` document: each query after a comment naming its source, ended by
//! `;`.

use crate::args::JsonDocumentArgs;
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::Style;

use super::{JsonTo, documents};

pub fn run(args: &JsonDocumentArgs, style: &Style) -> Outcome {
    let options = args.target.options(&args.limits);
    let mut invalid = false;
    let input_failed = documents::each(args, style, |document, catalog| {
        match sift::decompile(document.text, catalog, &options, args.form) {
            Ok(sift) if document.many => output::outln(&format!("# {}\n{sift};", document.name)),
            Ok(sift) => output::outln(&sift),
            Err(diagnostics) => {
                invalid = true;
                let source = (document.name.as_str(), document.text);
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
