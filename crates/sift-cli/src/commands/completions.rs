//! `sift completions SHELL`: the completion script for bash, zsh, fish or PowerShell, generated
//! from the same clap definition that parses the command line.

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::exit;
use crate::output::{self, Outcome};

pub fn run(args: &CompletionsArgs) -> Outcome {
    crate::config::refuse_explicit("completions")?;
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "sift", &mut script);
    output::out_bytes(&script)?;
    Ok(exit::OK)
}
