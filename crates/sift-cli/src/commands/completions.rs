//! `sift completions SHELL`: the completion script for bash, zsh, fish or PowerShell, generated
//! from the same clap definition that parses the command line.

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::exit;

pub fn run(args: &CompletionsArgs) -> Result<u8, String> {
    crate::config::refuse_explicit("completions")?;
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "sift", &mut script);
    crate::commands::write_stdout(&script)?;
    Ok(exit::OK)
}
