//! `sift schema`: what can be searched — the entities, or one entity's fields and types.

use std::fmt::Write;

use serde::Serialize;

use crate::args::{Format, SchemaArgs};
use crate::catalogs::Origin;
use crate::exit;
use crate::render::{Style, to_json};

/// What `--format json` prints: the catalog or entity, and which catalog it is.
#[derive(Serialize)]
struct Shown<'a, T: Serialize> {
    /// The connector whose catalog this is, and where the catalog came from.
    catalog: CatalogName<'a>,
    #[serde(flatten)]
    shown: &'a T,
}

#[derive(Serialize)]
struct CatalogName<'a> {
    connector: &'a str,
    origin: &'a Origin,
}

pub fn run(args: &SchemaArgs, style: &Style) -> Result<u8, String> {
    let (catalog, origin) = crate::catalogs::resolve_with_origin(&args.catalog, style)?;
    let catalog = catalog.as_ref();
    let name_of = || CatalogName {
        connector: &catalog.connector,
        origin: &origin,
    };
    let heading = format!("catalog: {} ({origin})\n", catalog.connector);
    let Some(name) = &args.entity else {
        match args.format {
            Format::Json => println!(
                "{}",
                to_json(&Shown {
                    catalog: name_of(),
                    shown: catalog
                })
            ),
            Format::Human => print!("{heading}{}", entity_table(catalog)),
        }
        return Ok(exit::OK);
    };
    let Some(entity) = catalog.entity(name) else {
        let mut message = format!("the {} catalog has no entity `{name}`", catalog.connector);
        match sift::nearest_entity(catalog, name) {
            Some(near) => write!(message, "; did you mean `{near}`?"),
            None => write!(message, "; run `sift schema` to list the entities"),
        }
        .map_err(|e| e.to_string())?;
        match args.format {
            Format::Json => println!("{}", to_json(&serde_json::json!({ "error": message }))),
            Format::Human => eprintln!("{}", style.error_line(&message)),
        }
        return Ok(exit::USAGE_OR_IO);
    };
    match args.format {
        Format::Json => println!(
            "{}",
            to_json(&Shown {
                catalog: name_of(),
                shown: entity
            })
        ),
        Format::Human => print!("{heading}{}", field_table(entity)),
    }
    Ok(exit::OK)
}

fn entity_table(catalog: &sift::Catalog) -> String {
    let width = catalog
        .entities
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(0);
    let mut out = format!("{:width$}  fields\n", "entity");
    for entity in &catalog.entities {
        let reason = match &entity.unsearchable_reason {
            Some(reason) if entity.fields.is_empty() => format!("  not searchable: {reason}"),
            _ if entity.fields.is_empty() => "  not searchable: no fields declared".to_owned(),
            _ => String::new(),
        };
        out += &format!("{:width$}  {}{reason}\n", entity.name, entity.fields.len());
    }
    out
}

fn field_table(entity: &sift::Entity) -> String {
    if entity.fields.is_empty() {
        let reason = entity
            .unsearchable_reason
            .as_deref()
            .unwrap_or("the connector declares no searchable fields for it");
        return format!("{} is not searchable: {reason}\n", entity.name);
    }
    let rows: Vec<(String, String, &str)> = entity
        .fields
        .iter()
        .map(|f| {
            let name = sift::format_field_name(&f.name);
            (
                name,
                f.ty.to_string(),
                f.description.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let name_w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(5);
    let type_w = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max(4);
    let mut out = format!("{:name_w$}  {:type_w$}  description\n", "field", "type");
    for (name, ty, description) in rows {
        out += &format!("{name:name_w$}  {ty:type_w$}  {description}\n");
    }
    out
}
