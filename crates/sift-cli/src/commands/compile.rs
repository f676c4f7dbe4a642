//! `sift compile`: one query text in, one JSON document per query out.

use std::io::Write;

use crate::args::{CompileArgs, Format};
use crate::exit;
use crate::input::{self, Source};
use crate::render::{Style, single_source_json};

pub fn run(args: &CompileArgs, style: &Style) -> Result<u8, String> {
    let source = match &args.query {
        Some(text) => Source {
            name: "<query>".into(),
            text: text.clone(),
        },
        None => match input::read_or_invalid(args.file.as_deref(), style)? {
            Ok(source) => source,
            Err(code) => return Ok(code),
        },
    };
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = sift::Options {
        emit: args.emit,
        ..args.target.options(&args.limits)?
    };
    let (outputs, diagnostics, code) = match sift::compile(&source.text, &catalog, &options) {
        Ok(compiled) => (compiled.outputs, compiled.warnings, exit::OK),
        Err(diagnostics) => (Vec::new(), diagnostics, exit::INVALID),
    };
    report(args.format, style, &source, diagnostics);
    let mut stdout = std::io::stdout().lock();
    for output in outputs {
        let text = if args.pretty { pretty(&output) } else { output };
        writeln!(stdout, "{text}").map_err(|e| format!("cannot write standard output: {e}"))?;
    }
    Ok(code)
}

/// Diagnostics go to stderr, so stdout stays pure JSON output.
fn report(format: Format, style: &Style, source: &Source, diagnostics: sift::Diagnostics) {
    if diagnostics.is_empty() {
        return;
    }
    match format {
        Format::Human => eprint!("{}", style.render(diagnostics, &source.name, &source.text)),
        Format::Json => eprintln!(
            "{}",
            single_source_json(&source.name, &source.text, &diagnostics)
        ),
    }
}

/// Re-indents compact output; the value round-trips exactly (numbers keep their text).
fn pretty(compact: &str) -> String {
    serde_json::from_str::<serde_json::Value>(compact)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or_else(|_| compact.to_owned())
}
