//! `sift`: compile, check and format sift filter queries for the Airbyte agent connectors'
//! search API. This binary is the only place that reads files, prints, or picks colours.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod catalogs;
mod commands;
mod config;
mod input;
mod render;

use std::process::ExitCode;

use clap::Parser;

/// Exit codes, as documented in `sift --help`.
pub(crate) mod exit {
    pub const OK: u8 = 0;
    pub const INVALID: u8 = 1;
    pub const USAGE_OR_IO: u8 = 2;
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let style = render::Style::detect(cli.color);
    config::set_path(cli.config.clone());
    let code = match commands::run(cli.command, &style) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", style.error_line(&err));
            exit::USAGE_OR_IO
        }
    };
    ExitCode::from(code)
}
