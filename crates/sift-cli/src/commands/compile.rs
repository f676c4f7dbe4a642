//! `sift compile`: one query text in, one JSON document per query out.

use std::io::Write;

use crate::args::{CompileArgs, Format};
use crate::exit;
use crate::input::{self, ReadError, Source};
use crate::render::{Style, single_source_json};

pub fn run(args: &CompileArgs, style: &Style) -> Result<u8, String> {
    let source = match (&args.query, &args.file) {
        (Some(text), _) => Source {
            name: "<query>".into(),
            text: text.clone(),
        },
        (None, Some(path)) => match input::read_path(path) {
            Ok(source) => source,
            Err(ReadError::Io(msg)) => return Err(msg),
            Err(ReadError::NotUtf8(msg)) => {
                eprintln!("{}", style.error_line(&msg));
                return Ok(exit::INVALID);
            }
        },
        (None, None) => match input::read_stdin() {
            Ok(source) => source,
            Err(ReadError::Io(msg)) => return Err(msg),
            Err(ReadError::NotUtf8(msg)) => {
                eprintln!("{}", style.error_line(&msg));
                return Ok(exit::INVALID);
            }
        },
    };
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = sift::Options {
        target: args.target.target,
        emit: args.emit,
        limits: args.limits.limits(),
        entity: args.target.entity.clone(),
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
