//! One module per subcommand. Each returns the process exit code, or why it stopped early
//! (a usage or IO failure, exit 2; a closed output, exit 0).

mod check;
mod compile;
pub(crate) mod completions;
mod connectors;
mod decompile;
mod documents;
mod explain;
mod fmt;
mod generate;
mod lsp;
mod man;
mod mcp;
mod repl;
mod reporting;
mod rewrite;
mod rule;
mod schema;
mod search;
mod test;
mod validate;

pub use test::{HELP as TEST_HELP, TestArgs};

use crate::args::{Command, Format};
use crate::output::{self, Failure, Outcome};
use crate::render::{Style, single_source_json};

pub fn run(command: Command, style: &Style) -> Outcome {
    match command {
        Command::Compile(args) => compile::run(&args, style),
        Command::Check(args) => check::run(&args, style),
        Command::Explain(args) => explain::run(&args, style),
        Command::Fmt(args) => fmt::run(&args, style),
        Command::Schema(args) => schema::run(&args, style),
        Command::Connectors(args) => connectors::run(&args, style),
        Command::Validate(args) => validate::run(&args, style),
        Command::Decompile(args) => decompile::run(&args, style),
        Command::Search(args) => search::run(&args, style),
        Command::Test(args) => test::run(&args, style),
        Command::Generate(args) => generate::run(&args, style),
        Command::Repl(args) => repl::run(&args, style),
        Command::Rule(args) => rule::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Mcp(args) => mcp::run(&args, style),
    }
}

/// Where `--format json` diagnostics go: standard output when they are the command's output,
/// standard error when standard output carries its results (JSON, sift text).
#[derive(Clone, Copy, Debug)]
enum JsonTo {
    Stdout,
    Stderr,
}

/// The diagnostics of one source, rendered for people (on standard error) or as JSON.
fn report(
    format: Format,
    style: &Style,
    (name, text): (&str, &str),
    diagnostics: sift::Diagnostics,
    json_to: JsonTo,
) -> Result<(), Failure> {
    match (format, json_to) {
        (Format::Human, _) => output::err(&style.render(diagnostics, name, text)),
        (Format::Json, JsonTo::Stdout) => {
            output::outln(&single_source_json(name, text, &diagnostics))
        }
        (Format::Json, JsonTo::Stderr) => {
            output::errln(&single_source_json(name, text, &diagnostics))
        }
    }
}
