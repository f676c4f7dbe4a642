//! `sift repl`: explore a catalog, write queries with schema-aware completion, and see their
//! results on local data or the hosted API. On a terminal it is a line editor
//! (`repl/editor.rs`); with standard input from a file or pipe it reads entries line by line
//! and prints the same transcript, without line editing or timings.

#[path = "repl/backend.rs"]
pub(super) mod backend;
#[path = "repl/edit.rs"]
mod edit;
#[path = "repl/editor.rs"]
mod editor;
#[path = "repl/lines.rs"]
mod lines;
#[path = "repl/meta.rs"]
mod meta;
#[path = "repl/page.rs"]
mod page;
#[path = "repl/save.rs"]
mod save;
#[path = "repl/session.rs"]
mod session;

use std::io::{BufRead, IsTerminal, Read};
use std::sync::{Arc, Mutex};

use reedline::Signal;

// The record printer of `sift search` (its backend is the REPL's too: `backend.rs`).
use super::search::{hits, records_output};
use crate::args::ReplArgs;
use crate::exit;
use crate::output::{self, Failure, Outcome};
use crate::render::{Style, escape};
use editor::Context;
use lines::Lines;
use session::{Next, Session};

pub fn run(args: &ReplArgs, style: &Style) -> Outcome {
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    // The editor's helpers live as long as the process; so does the catalog.
    let catalog: &'static sift::Catalog = Box::leak(Box::new(catalog.into_owned()));
    let options = args.target.options(&args.limits)?;
    if let Some(entity) = &options.entity
        && catalog.entity(entity).is_none()
    {
        let near = sift::completion::nearest_entity(catalog, entity)
            .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
        return Err(Failure::Usage(format!(
            "no entity `{}` in the {} catalog{near}",
            escape(entity),
            catalog.connector
        )));
    }
    let backend = match (&args.data, args.api) {
        (Some(dir), _) => Some(backend::local(dir.clone(), options.target, catalog)?),
        (None, true) => Some(backend::api()?),
        (None, false) => None,
    };
    crate::config::in_force::backend(&backend::describe(&backend));
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    // The session prints on standard output: colour when the policy allows it and that is a
    // terminal too.
    let session_style = Style {
        color: style.color && std::io::stdout().is_terminal(),
        max_diagnostics: style.max_diagnostics,
    };
    let mut session = Session::new(catalog, options, backend, session_style);
    session.terminal = std::io::stdout().is_terminal();
    if interactive {
        session.timings = true;
        interactive_loop(&mut session, catalog)
    } else {
        session.width = Some(
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100),
        );
        script_loop(&mut session)
    }
}

fn banner(session: &Session<'_>) -> String {
    format!(
        "sift repl: {} catalog ({} entities), target {}, {}. :help lists the commands.",
        session.catalog.connector,
        session.catalog.entities.len(),
        session.options.target,
        backend::describe(&session.backend)
    )
}

/// The history file in the platform's data directory (created if missing), if there is one.
fn history_path() -> Option<std::path::PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "sift")?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).ok()?;
    Some(dir.join("history.txt"))
}

fn interactive_loop(session: &mut Session<'_>, catalog: &'static sift::Catalog) -> Outcome {
    let shared = Arc::new(Mutex::new(Context {
        entity: session.current_entity(),
        target: session.options.target,
    }));
    let (mut line_editor, warning) = editor::editor(
        catalog,
        shared.clone(),
        session.options.limits,
        history_path(),
        session.style.color,
    );
    output::outln(&banner(session))?;
    if let Some(warning) = warning {
        output::outln(&warning)?;
    }
    let prompt = editor::SiftPrompt;
    loop {
        // The lines of an entry a meta-command interrupted are the entry again.
        if !session.pending.is_empty() {
            let pending = std::mem::take(&mut session.pending);
            line_editor
                .run_edit_commands(&[reedline::EditCommand::InsertString(format!("{pending}\n"))]);
        }
        let signal = line_editor
            .read_line(&prompt)
            .map_err(|e| Failure::Usage(format!("cannot read the terminal: {e}")))?;
        match signal {
            Signal::Success(entry) => {
                if enter_typed(session, &entry)? == Next::Quit {
                    break;
                }
                if let Ok(mut context) = shared.lock() {
                    context.entity = session.current_entity();
                    context.target = session.options.target;
                }
            }
            // Ctrl-C: the line is dropped, the session goes on.
            Signal::CtrlC => {}
            // Ctrl-D, or an outside break.
            _ => break,
        }
    }
    Ok(exit::OK)
}

/// An entry from the editor: a meta-command on its last line runs, and the lines before it
/// stay the entry being written; anything else runs whole.
fn enter_typed(session: &mut Session<'_>, entry: &str) -> Result<Next, Failure> {
    let (before, last) = session::split_last_line(entry);
    match meta::parse(last, before.trim().is_empty()) {
        Some(command) => {
            session.pending = before.trim_end().to_owned();
            session.meta(&command)
        }
        None => session.enter(entry),
    }
}

/// Reads entries from standard input: lines gather until the entry is complete (as the
/// editor's validator decides), each echoed after its prompt as a terminal would show it. A
/// line that is not UTF-8 or longer than `--max-input-bytes` is skipped with a message. The
/// exit code says how the script went: 1 when a query in it was invalid, 2 when a line or a
/// command failed (input/output or usage), 0 otherwise.
fn script_loop(session: &mut Session<'_>) -> Outcome {
    output::outln(&banner(session))?;
    let limits = session.options.limits;
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut lines = Lines::default();
    let mut bytes = Vec::new();
    let mut number = 0usize;
    let cannot_read =
        |e: std::io::Error| Failure::Usage(format!("cannot read standard input: {e}"));
    loop {
        bytes.clear();
        number += 1;
        // At most one query's worth of bytes per line (and its line break), so a line without
        // an end cannot grow without bound.
        let read = (&mut reader)
            .take(limits.max_input_bytes as u64 + 1)
            .read_until(b'\n', &mut bytes)
            .map_err(cannot_read)?;
        if read == 0 {
            break;
        }
        if !bytes.ends_with(b"\n") && bytes.len() > limits.max_input_bytes {
            // The rest of the line is read and dropped, never held.
            reader.skip_until(b'\n').map_err(cannot_read)?;
            session.failed(&format!(
                "line {number} of standard input is longer than {} bytes (--max-input-bytes); \
                 skipped",
                limits.max_input_bytes
            ))?;
            continue;
        }
        // A line that is not text is skipped, as a terminal session would go on after it.
        let Ok(line) = std::str::from_utf8(&bytes) else {
            session.failed(&format!(
                "line {number} of standard input is not valid UTF-8; skipped"
            ))?;
            continue;
        };
        let text = line.trim_end_matches(['\n', '\r']);
        if lines.feed(session, text)? == Next::Quit {
            return Ok(session.exit_code());
        }
    }
    lines.finish(session)?;
    Ok(session.exit_code())
}
