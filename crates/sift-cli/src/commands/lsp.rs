//! `sift lsp`: the language server (`sift-lsp`) on standard input and output. The protocol
//! owns standard output: nothing else is written there while it runs.

use crate::args::LspArgs;
use crate::output::Outcome;

pub fn run(_args: &LspArgs) -> Outcome {
    // Each document finds its own sift.toml; one file for every document would be a second rule.
    crate::config::refuse_explicit("lsp")?;
    let code = sift_lsp::run_stdio()?;
    Ok(u8::try_from(code).unwrap_or(1))
}
