//! `sift connectors`: the connectors whose schemas sift can find, with entity and field counts.
//! The built-in Harvest catalog is always listed, first, under the name `builtin` (what
//! `--connector` takes for it); the SDK's own `harvest` spec, when there is one, is `harvest`.

use serde::Serialize;

use crate::args::{ConnectorsArgs, Format};
use crate::catalogs::{self, Origin};
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::escape::escape_line;
use crate::render::{Style, to_json};

#[derive(Debug, Serialize)]
struct Row {
    name: String,
    /// Entities the connector lists.
    entities: usize,
    /// Of those, the ones without searchable fields.
    unsearchable_entities: usize,
    /// Top-level searchable fields over all entities.
    fields: usize,
    /// Where the catalog comes from: built-in, the SDK (with its version), or a spec file.
    origin: Origin,
}

impl Row {
    fn new(name: String, catalog: &sift::Catalog, origin: Origin) -> Self {
        Row {
            name,
            entities: catalog.entities.len(),
            unsearchable_entities: catalog
                .entities
                .iter()
                .filter(|e| e.fields.is_empty())
                .count(),
            fields: catalog.field_count(),
            origin,
        }
    }
}

/// The listing as data: the rows and the counts the human table states.
#[derive(Debug, Serialize)]
struct Listing {
    connectors: Vec<Row>,
    /// connector.yaml files found.
    specs: usize,
    /// Of those, the ones with a context store (listed); the others are named here.
    with_context_store: usize,
    without_context_store: Vec<String>,
    /// Where the specs were looked for.
    searched: Option<String>,
}

pub fn run(args: &ConnectorsArgs, style: &Style) -> Outcome {
    let found = catalogs::discover(&args.catalog)?;
    let mut rows = Vec::new();
    let mut failed = 0;
    let mut without_store = Vec::new();
    for file in &found.files {
        let path = file.path.display().to_string();
        let origin = match &found.sdk_version {
            Some(version) => Origin::Sdk {
                path,
                version: version.clone(),
            },
            None => Origin::Spec { path },
        };
        match catalogs::load(&file.path, style, false) {
            Ok(catalog) if catalog.entities.is_empty() => without_store.push(file.name.clone()),
            Ok(catalog) => rows.push(Row::new(file.name.clone(), &catalog, origin)),
            Err(unresolved) => {
                output::errln(&style.error_line(&unresolved.shown_to_human(style)))?;
                failed += 1;
            }
        }
    }
    let listing = Listing {
        specs: found.files.len(),
        with_context_store: rows.len(),
        without_context_store: without_store,
        searched: found.searched,
        connectors: with_builtin(rows),
    };
    let listing = match &args.catalog.connector {
        Some(name) => only(listing, name, &found.files)?,
        None => listing,
    };
    match args.format {
        Format::Json => output::outln(&to_json(&listing))?,
        Format::Human => output::out(&table(&listing))?,
    }
    Ok(if failed > 0 {
        exit::USAGE_OR_IO
    } else {
        exit::OK
    })
}

/// The built-in catalog's row first, then the specs' rows sorted by name.
fn with_builtin(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    let builtin = Row::new(
        catalogs::BUILTIN_NAME.to_owned(),
        sift::schema::harvest(),
        Origin::BuiltIn,
    );
    std::iter::once(builtin).chain(rows).collect()
}

/// `--connector NAME`: only the rows of that name; none is an error, with suggestions.
fn only(mut listing: Listing, name: &str, files: &[catalogs::SpecFile]) -> Result<Listing, String> {
    listing.connectors.retain(|r| r.name == name);
    if listing.connectors.is_empty() {
        return Err(match &listing.searched {
            Some(place) => catalogs::no_such_connector(name, files, place),
            None => format!(
                "no connector `{name}`: only the built-in Harvest catalog `{}` is available (no \
                 airbyte_agent_sdk package was found by python3 on PATH)",
                catalogs::BUILTIN_NAME
            ),
        });
    }
    Ok(listing)
}

fn table(listing: &Listing) -> String {
    let rows = &listing.connectors;
    // Names and paths come from files: shown escaped, padded by what is shown.
    let names: Vec<_> = rows.iter().map(|r| escape_line(&r.name)).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max("connector".len());
    let mut out = format!(
        "{:width$}  {:>8}  {:>6}  source\n",
        "connector", "entities", "fields"
    );
    for (row, name) in rows.iter().zip(&names) {
        let source = match &row.origin {
            Origin::BuiltIn => "built-in".to_owned(),
            Origin::Sdk {
                version: Some(v), ..
            } => format!("airbyte-agent-sdk {v}"),
            Origin::Sdk { version: None, .. } => "airbyte-agent-sdk".to_owned(),
            Origin::Spec { path } => escape_line(path).into_owned(),
        };
        let note = match row.unsearchable_entities {
            0 => String::new(),
            n => format!(" ({n} entities not searchable)"),
        };
        let pad = width - name.chars().count();
        out += &format!(
            "{name}{:pad$}  {:>8}  {:>6}  {source}{note}\n",
            "", row.entities, row.fields
        );
    }
    let builtin = rows.iter().filter(|r| r.origin == Origin::BuiltIn).count();
    match &listing.searched {
        Some(place) => {
            out += &format!(
                "{} specs in {}: {} with a context store (listed), {} without",
                listing.specs,
                escape_line(place),
                listing.with_context_store,
                listing.without_context_store.len()
            );
            if !listing.without_context_store.is_empty() {
                let names: Vec<_> = listing
                    .without_context_store
                    .iter()
                    .map(|n| escape_line(n))
                    .collect();
                out += &format!(" ({})", names.join(", "));
            }
            out += "\n";
        }
        None => {
            out +=
                "no airbyte_agent_sdk package found by python3 on PATH; only the built-in catalog\n"
        }
    }
    if builtin > 0 && listing.searched.is_some() {
        out += &format!(
            "`{}` is the built-in Harvest catalog, used when no --connector, --spec, SIFT_SPEC_PATH or sift.toml names another\n",
            catalogs::BUILTIN_NAME
        );
    }
    out
}
