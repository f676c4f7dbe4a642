//! One module per subcommand. Each returns the process exit code, or an error message for a
//! usage or IO failure (exit 2).

mod check;
mod compile;
mod completions;
mod connectors;
mod decompile;
mod fmt;
mod man;
mod schema;
mod validate;

use crate::args::Command;
use crate::render::Style;

pub fn run(command: Command, style: &Style) -> Result<u8, String> {
    match command {
        Command::Compile(args) => compile::run(&args, style),
        Command::Check(args) => check::run(&args, style),
        Command::Fmt(args) => fmt::run(&args, style),
        Command::Schema(args) => schema::run(&args, style),
        Command::Connectors(args) => connectors::run(&args, style),
        Command::Validate(args) => validate::run(&args, style),
        Command::Decompile(args) => decompile::run(&args, style),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}

/// Writes generated text (completions, man pages) to standard output; a closed pipe ends the
/// output quietly, as for any reader that stopped reading.
fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write standard output: {e}"))
        }
        _ => Ok(()),
    }
}
