//! `sift generate DIR`: example records for every entity of the catalog (or `--entity`'s), one
//! NAME.jsonl each, written one record at a time (memory holds one record, whatever the
//! count); `sift generate --entity E -` writes E's records to standard output.

use std::io::{BufWriter, Write};
use std::os::unix::fs::PermissionsExt;

use sift_eval::generate::{Generator, Plan};

use crate::args::GenerateArgs;
use crate::exit;
use crate::input::shown;
use crate::output::{self, Outcome};
use crate::render::Style;
use crate::render::escape::escape_line;

pub fn run(args: &GenerateArgs, style: &Style) -> Outcome {
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let plan = Plan {
        seed: args.seed,
        base_count: usize::try_from(args.base_count).unwrap_or(usize::MAX),
    };
    let generator = Generator::new(&catalog, &plan)?;
    let chosen = match &args.entity {
        Some(name) => match generator.entities().position(|(n, _)| n == name) {
            Some(index) => Some(index),
            None => {
                let near = sift::naming::nearest_entity(&catalog, name)
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                return Err(format!(
                    "no entity `{}` in the {} catalog{near}",
                    escape_line(name),
                    catalog.connector
                )
                .into());
            }
        },
        None => None,
    };
    let dir = &args.dir;
    if dir.as_os_str() == "-" {
        let Some(index) = chosen else {
            return Err(
                "standard output (`-`) holds the records of one entity: give --entity"
                    .to_owned()
                    .into(),
            );
        };
        return to_stdout(&generator, index);
    }
    let wanted = |index: usize| chosen.is_none_or(|chosen| chosen == index);
    // An entity name comes from a spec: it names a file in DIR, never a path elsewhere.
    if let Some((name, _)) = generator
        .entities()
        .find(|(name, _)| name.is_empty() || name.contains('/') || name.starts_with('.'))
    {
        return Err(format!(
            "the entity `{}` cannot name a file (NAME.jsonl) in {}; nothing was written",
            escape_line(name),
            shown(dir)
        )
        .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", shown(dir)))?;
    let path_of = |name: &str| dir.join(format!("{name}.jsonl"));
    if !args.force
        && let Some((_, (name, _))) = generator
            .entities()
            .enumerate()
            .find(|(index, (name, _))| wanted(*index) && path_of(name).symlink_metadata().is_ok())
    {
        return Err(format!(
            "{} exists; nothing was written (pass --force to replace the files)",
            shown(&path_of(name))
        )
        .into());
    }
    let mut total = 0u64;
    let mut entities = 0;
    for (index, (name, _)) in generator.entities().enumerate() {
        if !wanted(index) {
            continue;
        }
        let path = path_of(name);
        let cannot_write = |e: std::io::Error| format!("cannot write {}: {e}", shown(&path));
        // A temporary file renamed into place: a file is never left half-written. It is created
        // with the mode the umask gives (0644 under umask 022), as any new file is.
        let file = tempfile::Builder::new()
            .permissions(std::fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)
            .map_err(|e| format!("cannot write in {}: {e}", shown(dir)))?;
        let mut out = BufWriter::with_capacity(1 << 20, file.as_file());
        let mut line = Vec::new();
        for record in generator.records(index) {
            line.clear();
            serde_json::to_writer(&mut line, &record)
                .map_err(|e| format!("cannot write {}: {e}", shown(&path)))?;
            line.push(b'\n');
            out.write_all(&line).map_err(cannot_write)?;
            total += 1;
        }
        out.flush().map_err(cannot_write)?;
        drop(out);
        file.persist(&path).map_err(|e| cannot_write(e.error))?;
        entities += 1;
    }
    output::noteln(&format!(
        "wrote {total} records of {entities} entities to {}",
        shown(dir)
    ))?;
    Ok(exit::OK)
}

/// The records of the entity at `index` as JSON Lines on standard output, a chunk at a time.
fn to_stdout(generator: &Generator<'_>, index: usize) -> Outcome {
    let mut chunk = Vec::new();
    for record in generator.records(index) {
        serde_json::to_writer(&mut chunk, &record)
            .map_err(|e| format!("cannot write standard output: {e}"))?;
        chunk.push(b'\n');
        if chunk.len() >= 1 << 20 {
            output::out_bytes(&chunk)?;
            chunk.clear();
        }
    }
    output::out_bytes(&chunk)?;
    Ok(exit::OK)
}
