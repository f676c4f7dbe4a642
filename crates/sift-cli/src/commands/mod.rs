//! One module per subcommand. Each returns the process exit code, or why it stopped early
//! (a usage or IO failure, exit 2; a closed output, exit 0).

mod check;
mod compile;
mod connectors;
mod decompile;
mod documents;
mod fmt;
mod rewrite;
mod schema;
mod validate;

use crate::args::Command;
use crate::output::Outcome;
use crate::render::Style;

pub fn run(command: Command, style: &Style) -> Outcome {
    match command {
        Command::Compile(args) => compile::run(&args, style),
        Command::Check(args) => check::run(&args, style),
        Command::Fmt(args) => fmt::run(&args, style),
        Command::Schema(args) => schema::run(&args, style),
        Command::Connectors(args) => connectors::run(&args, style),
        Command::Validate(args) => validate::run(&args, style),
        Command::Decompile(args) => decompile::run(&args, style),
    }
}
