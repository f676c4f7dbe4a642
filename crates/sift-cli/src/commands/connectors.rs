//! `sift connectors`: the connectors whose schemas sift can find, with entity and field counts.

use serde::Serialize;

use crate::args::{ConnectorsArgs, Format};
use crate::catalogs;
use crate::exit;
use crate::output::{self, Outcome};
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
    /// The connector.yaml it was read from; `null` for the built-in catalog.
    source: Option<String>,
}

impl Row {
    fn new(name: String, catalog: &sift::Catalog, source: Option<String>) -> Self {
        Row {
            name,
            entities: catalog.entities.len(),
            unsearchable_entities: catalog
                .entities
                .iter()
                .filter(|e| e.fields.is_empty())
                .count(),
            fields: catalog.field_count(),
            source,
        }
    }
}

pub fn run(args: &ConnectorsArgs, style: &Style) -> Outcome {
    let (files, searched) = catalogs::discover(&args.catalog)?;
    let mut rows = Vec::new();
    let mut failed = 0;
    let mut without_store = Vec::new();
    for file in &files {
        match catalogs::load(&file.path, style, false) {
            Ok(catalog) if catalog.entities.is_empty() => without_store.push(file.name.as_str()),
            Ok(catalog) => rows.push(Row::new(
                file.name.clone(),
                &catalog,
                Some(file.path.display().to_string()),
            )),
            Err(message) => {
                output::errln(&style.error_line(&message))?;
                failed += 1;
            }
        }
    }
    let builtin = sift::harvest();
    if !rows.iter().any(|r| r.name == builtin.connector) {
        rows.push(Row::new(builtin.connector.clone(), builtin, None));
        rows.sort_by(|a, b| a.name.cmp(&b.name));
    }
    match args.format {
        Format::Json => output::outln(&to_json(&rows))?,
        Format::Human => {
            output::out(&table(&rows, searched.as_deref()))?;
            if !without_store.is_empty() {
                output::outln(&format!(
                    "not listed, no searchable entities: {}",
                    without_store.join(", ")
                ))?;
            }
        }
    }
    Ok(if failed > 0 {
        exit::USAGE_OR_IO
    } else {
        exit::OK
    })
}

fn table(rows: &[Row], searched: Option<&str>) -> String {
    let width = rows
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(0)
        .max("connector".len());
    let mut out = format!(
        "{:width$}  {:>8}  {:>6}\n",
        "connector", "entities", "fields"
    );
    for row in rows {
        let mut notes = Vec::new();
        if row.unsearchable_entities > 0 {
            notes.push(format!(
                "{} entities not searchable",
                row.unsearchable_entities
            ));
        }
        if row.source.is_none() {
            notes.push("built-in".to_owned());
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  ({})", notes.join("; "))
        };
        out += &format!(
            "{:width$}  {:>8}  {:>6}{notes}\n",
            row.name, row.entities, row.fields
        );
    }
    let entities: usize = rows.iter().map(|r| r.entities).sum();
    let fields: usize = rows.iter().map(|r| r.fields).sum();
    out += &format!(
        "{:width$}  {entities:>8}  {fields:>6}\n",
        format!("{} connectors", rows.len())
    );
    match searched {
        Some(place) => out += &format!("read from {place}\n"),
        None => {
            out +=
                "no airbyte_agent_sdk package found by python3 on PATH; only the built-in catalog\n"
        }
    }
    out
}
