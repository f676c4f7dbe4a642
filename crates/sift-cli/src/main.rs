//! `sift`: compile, check and format sift filter queries for the Airbyte agent connectors'
//! search API. This binary is the only place that reads files, prints, or picks colours; all
//! printing goes through `output`.

mod args;
mod catalogs;
mod commands;
mod config;
mod input;
mod output;
mod render;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::output::Failure;

/// Exit codes, as documented in `sift --help`.
pub(crate) mod exit {
    pub const OK: u8 = 0;
    pub const INVALID: u8 = 1;
    pub const USAGE_OR_IO: u8 = 2;
}

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash sift -- …`) is answered before anything
    // else runs.
    if let Some(code) = commands::completions::answer_from_env() {
        return ExitCode::from(code);
    }
    let matches = args::Cli::command().get_matches();
    let cli = args::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let style = render::Style::detect(cli.color, cli.max_diagnostics);
    config::set_path(cli.config.clone());
    config::in_force::set_verbose(cli.verbose);
    output::set_quiet(cli.quiet);
    let outcome = args::refuse_display_flags(&cli.command, &matches)
        .map_err(Failure::from)
        .and_then(|()| commands::run(cli.command, &style));
    let code = match outcome {
        Ok(code) => code,
        // The reader went away: it has what it wanted, which is not a failure.
        Err(Failure::Closed) => exit::OK,
        Err(Failure::Usage(message)) => {
            // A closed standard error leaves nowhere to say it; the exit code still does.
            let _ = output::errln(&style.error_line(&message));
            exit::USAGE_OR_IO
        }
    };
    ExitCode::from(code)
}
