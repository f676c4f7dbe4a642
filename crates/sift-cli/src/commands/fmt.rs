//! `sift fmt`: canonical formatting. Standard input (`-`, or nothing given) goes to standard
//! output; files are rewritten in place by `rewrite`, keeping owner, group, mode and links; a
//! file with syntax errors, a read-only file and anything that is not a regular file are left
//! untouched. `--check` lists what is not formatted, `--diff` shows the changes; neither
//! writes anything.

use crate::args::{FmtArgs, Format};
use crate::exit;
use crate::input;
use crate::output::{self, Outcome};
use crate::render::escape::escape_line;
use crate::render::{Style, to_json, unified_diff};

use super::JsonTo;
use super::rewrite::{self, Purpose};

pub fn run(args: &FmtArgs, style: &Style) -> Outcome {
    if args.diff && args.format == Format::Json {
        return Err(
            "--diff prints a diff, not JSON: leave out --format json (or use --check)"
                .to_owned()
                .into(),
        );
    }
    let limits = args.limits.limits()?;
    let options = sift::Options::default().with_limits(limits);
    let inputs = input::collect(&args.files, "sift", style)?;
    let mut code = if inputs.failed {
        exit::USAGE_OR_IO
    } else {
        exit::OK
    };
    let mut unformatted = Vec::new();
    for item in &inputs.items {
        let Some(source) = input::read_or_report(item, limits.max_file_bytes, style)? else {
            code = code.max(exit::USAGE_OR_IO);
            continue;
        };
        let formatted = match sift::format(&source.text, &options) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                let text = (source.name.as_str(), source.text.as_str());
                super::report(args.format, style, text, diagnostics, JsonTo::Stdout)?;
                code = code.max(exit::INVALID);
                continue;
            }
        };
        if args.diff {
            if formatted != source.text {
                output::out(&unified_diff(&source.name, &source.text, &formatted))?;
                unformatted.push(source.name);
                code = code.max(exit::INVALID);
            }
            continue;
        }
        if args.check {
            if formatted != source.text {
                if args.format == Format::Human {
                    output::outln(&format!("{} is not formatted", escape_line(&source.name)))?;
                }
                unformatted.push(source.name);
                code = code.max(exit::INVALID);
            }
            continue;
        }
        let Some((path, metadata)) = &source.file else {
            output::out(&formatted)?;
            continue;
        };
        if formatted == source.text {
            continue;
        }
        match rewrite::replace(path, metadata, (&source.text, &formatted), Purpose::Format) {
            Ok(()) => output::noteln(&format!("formatted {}", escape_line(&source.name)))?,
            Err(message) => {
                output::errln(&style.error_line(&message))?;
                code = code.max(exit::USAGE_OR_IO);
            }
        }
    }
    let read_files = inputs.items.iter().any(|i| *i != input::Input::Stdin);
    match args.format {
        // `--check --format json`: the unformatted sources as data.
        Format::Json if args.check => {
            output::outln(&to_json(&serde_json::json!({ "unformatted": unformatted })))?;
        }
        Format::Human
            if (args.check || args.diff)
                && read_files
                && unformatted.is_empty()
                && code == exit::OK =>
        {
            output::noteln("all files are formatted")?;
        }
        _ => {}
    }
    Ok(code)
}
