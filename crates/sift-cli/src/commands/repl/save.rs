//! `:save FILE`: the last query appended to a `.sift` file, whole (a filter written on the
//! `:entity` is saved with its `from`), so that `sift check FILE` reads what the session ran.

use std::io::{Read, Write};
use std::path::Path;

use sift::Catalog;

/// The text `:save` writes for `source`: itself when it names its entity, else `from ENTITY
/// where` and it; formatted. `None` when it does not parse.
pub fn whole_query(
    source: &str,
    entity: Option<&str>,
    catalog: &Catalog,
    options: &sift::Options,
) -> Option<String> {
    let text = match (names_entity(source, catalog), entity) {
        (false, Some(entity)) => {
            let written = sift::completion::entity_completions(catalog)
                .into_iter()
                .find(|e| e.name == entity)
                .map_or_else(|| entity.to_owned(), |e| e.text);
            format!("from {written}\nwhere {source}")
        }
        _ => source.to_owned(),
    };
    sift::format(&text, options).ok()
}

/// Whether `source` starts with its own `from` (as the walk reads it: `from = 1` is a filter on
/// a field named `from`).
fn names_entity(source: &str, catalog: &Catalog) -> bool {
    use sift_complete::Class;
    sift_complete::highlight(source, catalog, None)
        .iter()
        .find(|(_, class)| *class != Class::Comment)
        .is_some_and(|(span, class)| {
            *class == Class::Keyword
                && source
                    .get(span.range())
                    .is_some_and(|word| word.eq_ignore_ascii_case("from"))
        })
}

/// Appends `query` and its `;` to the `.sift` file at `path` (created if missing), after a
/// `;` and a line break where the file's last query lacks them, so that the file's queries
/// stay apart. Only a regular file is written: a symbolic link, a FIFO or a device is refused,
/// and so is a file that ends inside a string or quoted name (what follows would join it).
pub fn append_query(
    path: &Path,
    query: &str,
    cap: crate::input::Cap,
    catalog: &Catalog,
) -> Result<(), String> {
    let name = crate::input::shown(path);
    let (mut file, _) = crate::input::open(path, crate::input::Open::Append(cap))?;
    let mut existing = Vec::new();
    (&file)
        .take(cap.bytes as u64 + 1)
        .read_to_end(&mut existing)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    let existing = String::from_utf8(existing)
        .map_err(|_| format!("{name}: not UTF-8 text; nothing was appended"))?;
    let separator = separator_after(&existing, catalog).ok_or_else(|| {
        format!("{name} ends inside a string or quoted name; nothing was appended")
    })?;
    file.write_all(format!("{separator}{query};\n").as_bytes())
        .map_err(|e| format!("cannot append to {name}: {e}"))
}

/// What goes between the text of a `.sift` file and a query appended to it: nothing, a line
/// break, or a `;` (on a line of its own after a comment); `None` when the text ends inside a
/// string or quoted name.
fn separator_after(text: &str, catalog: &Catalog) -> Option<&'static str> {
    use sift_complete::Class;
    let tokens = sift_complete::highlight(text, catalog, None);
    let line_ended = text.is_empty() || text.ends_with(['\n', '\r']);
    let after_comment = tokens.last().is_some_and(|(_, c)| *c == Class::Comment);
    let Some((span, class)) = tokens.iter().rev().find(|(_, c)| *c != Class::Comment) else {
        return Some(if line_ended { "" } else { "\n" });
    };
    let token = text.get(span.range()).unwrap_or_default();
    if *class == Class::Error && token.starts_with(['"', '`']) {
        return None;
    }
    Some(match (token == ";", line_ended, after_comment) {
        (true, true, _) => "",
        (true, false, _) => "\n",
        (false, false, true) => "\n;\n",
        (false, _, _) => ";\n",
    })
}
