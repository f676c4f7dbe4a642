//! `sift schema`: what can be searched — the entities, or one entity's fields and types.

use std::fmt::Write;

use crate::args::{Format, SchemaArgs};
use crate::exit;
use crate::output::{self, Outcome};
use crate::render::{Style, to_json};

pub fn run(args: &SchemaArgs, style: &Style) -> Outcome {
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let catalog = catalog.as_ref();
    let Some(name) = &args.entity else {
        match args.format {
            Format::Json => output::outln(&to_json(catalog))?,
            Format::Human => output::out(&entity_table(catalog))?,
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
        output::errln(&style.error_line(&message))?;
        return Ok(exit::USAGE_OR_IO);
    };
    match args.format {
        Format::Json => output::outln(&to_json(entity))?,
        Format::Human => output::out(&field_table(entity))?,
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
        out += &format!("{:width$}  {}\n", entity.name, entity.fields.len());
    }
    out
}

fn field_table(entity: &sift::Entity) -> String {
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
