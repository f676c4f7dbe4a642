//! `sift generate DIR`: example records for every entity of the catalog, one NAME.jsonl each.

use std::io::Write;

use sift_eval::generate::{Plan, generate, to_jsonl};

use crate::args::GenerateArgs;
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::Style;

pub fn run(args: &GenerateArgs, style: &Style) -> Outcome {
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let plan = Plan {
        seed: args.seed,
        base_count: args.base_count,
    };
    let dir = &args.dir;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let generated = generate(&catalog, &plan);
    if !args.force
        && let Some((name, _)) = generated
            .iter()
            .find(|(name, _)| dir.join(format!("{name}.jsonl")).exists())
    {
        return Err(format!(
            "{} exists; nothing was written (pass --force to replace the files)",
            dir.join(format!("{name}.jsonl")).display()
        )
        .into());
    }
    let mut total = 0;
    for (name, records) in &generated {
        let path = dir.join(format!("{name}.jsonl"));
        // A temporary file renamed into place: a file is never left half-written.
        let mut file = tempfile::NamedTempFile::new_in(dir)
            .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
        file.write_all(to_jsonl(records).as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        file.persist(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        total += records.len();
    }
    output::errln(&format!(
        "wrote {total} records of {} entities to {}",
        generated.len(),
        dir.display()
    ))?;
    Ok(exit::OK)
}
