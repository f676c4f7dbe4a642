//! `sift man`: the man page (roff) on standard output, or with `--out-dir` one page per
//! command (`sift.1`, `sift-check.1`, ...), generated from the clap definition.

use clap::CommandFactory;

use crate::args::{Cli, ManArgs};
use crate::exit;

pub fn run(args: &ManArgs) -> Result<u8, String> {
    crate::config::refuse_explicit("man")?;
    let command = Cli::command();
    match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(command, dir))
                .map_err(|e| format!("cannot write man pages to {}: {e}", dir.display()))?;
            eprintln!("wrote man pages to {}", dir.display());
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| format!("cannot render the man page: {e}"))?;
            crate::commands::write_stdout(&page)?;
        }
    }
    Ok(exit::OK)
}
