//! `sift decompile`: valid JSON filters, queries, params or requests → canonical sift text on
//! standard output; diagnostics (for those that are not valid) on standard error. Several
//! documents give one `.sift` document: each query after a comment naming its source, ended by
//! `;`.

use crate::args::{DecompileArgs, Format};
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::Style;
use crate::render::escape::escape_line;

use super::JsonTo;
use super::documents::{self, Budget};

pub fn run(args: &DecompileArgs, style: &Style) -> Outcome {
    let documents_args = &args.documents;
    let options = documents_args
        .target
        .options(&documents_args.limits)?
        .with_form(documents_args.form);
    let mut invalid = false;
    let input_failed = documents::each_file(documents_args, style, |documents, catalog, _| {
        // The documents of one file share one --max-diagnostics budget (see `Budget`).
        let mut budget = Budget::new(style);
        for document in documents {
            let source = (document.name.as_str(), document.text);
            // One validation gives both the text and the warnings `validate` would show
            // (several operator keys, a null test on a never-null field).
            let validation = sift::validate_json(document.text, catalog, &options);
            let diagnostics = match validation.into_sift() {
                Ok((sift, warnings)) => {
                    if document.many {
                        // The name is a file's: escaped, so it stays one comment line.
                        output::outln(&format!("# {}\n{sift};", escape_line(&document.name)))?;
                    } else {
                        output::outln(&sift)?;
                    }
                    warnings
                }
                Err(diagnostics) => {
                    invalid = true;
                    diagnostics
                }
            };
            if diagnostics.is_empty() {
                continue;
            }
            match args.format {
                Format::Human => budget.draw(style, diagnostics, document, output::err)?,
                Format::Json => {
                    super::report(args.format, style, source, diagnostics, JsonTo::Stderr)?
                }
            }
        }
        if let Some(document) = documents.first() {
            budget.close(document.path, output::err)?;
        }
        Ok(())
    })?;
    Ok(if input_failed {
        exit::USAGE_OR_IO
    } else if invalid {
        exit::INVALID
    } else {
        exit::OK
    })
}
