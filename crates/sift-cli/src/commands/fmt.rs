//! `sift fmt`: canonical formatting. Files are rewritten through a temporary file in the same
//! directory and an atomic rename, so a file is either the old text or the new, never half of
//! one; a file with syntax errors is left untouched.

use std::io::Write;
use std::path::Path;

use crate::args::{FmtArgs, Format};
use crate::exit;
use crate::input::{self, ReadError, Source};
use crate::render::{Style, single_source_json, to_json};

pub fn run(args: &FmtArgs, style: &Style) -> Result<u8, String> {
    let limits = args.limits.limits()?;
    if args.files.is_empty() {
        let source = match input::read_or_invalid(None, style)? {
            Ok(source) => source,
            Err(code) => return Ok(code),
        };
        return match sift::format(&source.text, &limits) {
            Ok(formatted) if args.check => {
                let unformatted: Vec<&str> = if formatted == source.text {
                    Vec::new()
                } else {
                    vec![source.name.as_str()]
                };
                report_check(args.format, &unformatted, false);
                Ok(if unformatted.is_empty() {
                    exit::OK
                } else {
                    exit::INVALID
                })
            }
            Ok(formatted) => {
                std::io::stdout()
                    .write_all(formatted.as_bytes())
                    .map_err(|e| format!("cannot write standard output: {e}"))?;
                Ok(exit::OK)
            }
            Err(diagnostics) => {
                report(args.format, style, &source, diagnostics);
                Ok(exit::INVALID)
            }
        };
    }

    let mut code = exit::OK;
    let mut unformatted = Vec::new();
    for path in input::expand(&args.files).map_err(|e| e.to_string())? {
        let source = match input::read_path(&path) {
            Ok(source) => source,
            Err(err) => {
                eprintln!("{}", style.error_line(&err.to_string()));
                code = code.max(match err {
                    ReadError::Io(_) => exit::USAGE_OR_IO,
                    ReadError::NotUtf8(_) => exit::INVALID,
                });
                continue;
            }
        };
        let formatted = match sift::format(&source.text, &limits) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                report(args.format, style, &source, diagnostics);
                code = code.max(exit::INVALID);
                continue;
            }
        };
        if formatted == source.text {
            continue;
        }
        if args.check {
            unformatted.push(source.name);
            code = code.max(exit::INVALID);
        } else if let Err(msg) = write_atomically(&path, &formatted) {
            eprintln!("{}", style.error_line(&msg));
            code = code.max(exit::USAGE_OR_IO);
        } else {
            eprintln!("formatted {}", source.name);
        }
    }
    if args.check {
        let names: Vec<&str> = unformatted.iter().map(String::as_str).collect();
        report_check(args.format, &names, code == exit::OK);
    }
    Ok(code)
}

/// What `--check` found: the unformatted files, one per line, or as JSON
/// (`{"unformatted": [...]}`) with `--format json`.
fn report_check(format: Format, unformatted: &[&str], all_ok: bool) {
    match format {
        Format::Json => println!(
            "{}",
            to_json(&serde_json::json!({ "unformatted": unformatted }))
        ),
        Format::Human => {
            for name in unformatted {
                println!("{name} is not formatted");
            }
            if all_ok && unformatted.is_empty() {
                eprintln!("all files are formatted");
            }
        }
    }
}

fn report(format: Format, style: &Style, source: &Source, diagnostics: sift::Diagnostics) {
    match format {
        Format::Human => eprint!("{}", style.render(diagnostics, &source.name, &source.text)),
        Format::Json => println!(
            "{}",
            single_source_json(&source.name, &source.text, &diagnostics)
        ),
    }
}

/// Writes `text` to the file behind `path` (following a symlink, so the link survives) by
/// writing a sibling temporary file with the original permissions and renaming it over.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let shown = path.display();
    let target = std::fs::canonicalize(path).map_err(|e| format!("cannot resolve {shown}: {e}"))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target)
        .map_err(|e| format!("cannot read {shown}: {e}"))?
        .permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot create a temporary file beside {shown}: {e}"))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write {shown} (left unchanged): {e}"))?;
    std::fs::set_permissions(temp.path(), permissions)
        .map_err(|e| format!("cannot set permissions for {shown} (left unchanged): {e}"))?;
    temp.persist(&target)
        .map_err(|e| format!("cannot replace {shown} (left unchanged): {}", e.error))?;
    Ok(())
}
