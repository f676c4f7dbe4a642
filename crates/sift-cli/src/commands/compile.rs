//! `sift compile`: one query text in, one JSON document per query out.

use crate::args::CompileArgs;
use crate::exit;
use crate::input;
use crate::output::{self, Outcome};
use crate::render::Style;

use super::JsonTo;

pub fn run(args: &CompileArgs, style: &Style) -> Outcome {
    let source = input::query_text(
        "compile",
        args.query.as_deref(),
        args.file.as_deref(),
        args.limits.limits()?.max_file_bytes,
        ", since its output (one JSON document per query) cannot say which file a query came \
         from; use `sift check` for directories",
    )?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args
        .clock
        .apply(args.target.options(&args.limits)?.with_emit(args.emit));
    let (outputs, diagnostics, code) = match sift::compile(&source.text, &catalog, &options) {
        Ok(compiled) => (
            compiled.outputs.into_iter().map(|o| o.json).collect(),
            compiled.warnings,
            exit::OK,
        ),
        Err(diagnostics) => (Vec::new(), diagnostics, exit::INVALID),
    };
    // Diagnostics go to stderr, so stdout stays pure JSON output.
    if !diagnostics.is_empty() {
        let source = (source.name.as_str(), source.text.as_str());
        super::report(args.format, style, source, diagnostics, JsonTo::Stderr)?;
    }
    for output in outputs {
        let text = if args.pretty { pretty(&output) } else { output };
        output::outln(&text)?;
    }
    Ok(code)
}

/// Re-indents compact output; the value round-trips exactly (numbers keep their text).
fn pretty(compact: &str) -> String {
    serde_json::from_str::<serde_json::Value>(compact)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or_else(|_| compact.to_owned())
}
