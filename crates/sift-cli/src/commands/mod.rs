//! One module per subcommand. Each returns the process exit code, or an error message for a
//! usage or IO failure (exit 2).

mod check;
mod compile;
mod connectors;
mod decompile;
mod fmt;
mod generate;
mod schema;
mod search;
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
        Command::Search(args) => search::run(&args, style),
        Command::Generate(args) => generate::run(&args),
    }
}
