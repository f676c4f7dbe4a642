//! `sift man`: the man page (roff) on standard output, or with `--out-dir` one page per
//! command (`sift.1`, `sift-check.1`, ...), generated from the clap definition.

use clap::CommandFactory;

use crate::args::{Cli, ManArgs};
use crate::exit;
use crate::output::{self, Outcome};

pub fn run(args: &ManArgs) -> Outcome {
    crate::config::refuse_explicit("man")?;
    let command = Cli::command();
    match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .and_then(|()| clap_mangen::generate_to(command, dir))
                .map_err(|e| {
                    format!(
                        "cannot write man pages to {}: {e}",
                        crate::input::shown(dir)
                    )
                })?;
            output::noteln(&format!("wrote man pages to {}", crate::input::shown(dir)))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| format!("cannot render the man page: {e}"))?;
            output::out_bytes(&page)?;
        }
    }
    Ok(exit::OK)
}
