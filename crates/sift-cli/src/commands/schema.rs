//! `sift schema`: what can be searched — the entities, or one entity's fields and types.

use std::fmt::Write;

use serde::Serialize;

use crate::args::{Format, SchemaArgs};
use crate::catalogs::Origin;
use crate::exit;
use crate::output::{self, Outcome};
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

pub fn run(args: &SchemaArgs, style: &Style) -> Outcome {
    let (catalog, origin) = match crate::catalogs::resolve_with_origin(&args.catalog, style) {
        Ok(found) => found,
        Err(unresolved) if args.format == Format::Json => {
            output::outln(&to_json(&unresolved.to_json()))?;
            return Ok(exit::USAGE_OR_IO);
        }
        Err(unresolved) => return Err(unresolved.shown_to_human(style).into()),
    };
    let catalog = catalog.as_ref();
    let name_of = || CatalogName {
        connector: &catalog.connector,
        origin: &origin,
    };
    let heading = format!(
        "catalog: {}\n",
        crate::render::escape::escape_line(&format!("{} ({origin})", catalog.connector))
    );
    let Some(name) = &args.entity else {
        match args.format {
            Format::Json => output::outln(&to_json(&Shown {
                catalog: name_of(),
                shown: catalog,
            }))?,
            Format::Human => output::out(&format!("{heading}{}", entity_table(catalog)))?,
        }
        return Ok(exit::OK);
    };
    let Some(entity) = catalog.entity(name) else {
        let mut message = format!("the {} catalog has no entity `{name}`", catalog.connector);
        match sift::naming::nearest_entity(catalog, name) {
            Some(near) => write!(message, "; did you mean `{near}`?"),
            None => write!(message, "; run `sift schema` to list the entities"),
        }
        .map_err(|e| e.to_string())?;
        match args.format {
            Format::Json => output::outln(&to_json(&serde_json::json!({ "error": message })))?,
            Format::Human => output::errln(&style.error_line(&message))?,
        }
        return Ok(exit::USAGE_OR_IO);
    };
    match args.format {
        Format::Json => output::outln(&to_json(&Shown {
            catalog: name_of(),
            shown: entity,
        }))?,
        Format::Human => output::out(&format!("{heading}{}", field_table(entity)))?,
    }
    Ok(exit::OK)
}

/// Widest a column is padded to; a longer cell pushes the rest of its row right.
const MAX_COLUMN: usize = 40;

/// `text` escaped for the terminal and padded to `width` characters.
fn cell(text: &str, width: usize) -> String {
    let text = crate::render::escape(text);
    let pad = width.saturating_sub(text.chars().count());
    format!("{text}{}", " ".repeat(pad))
}

fn column_width<'a>(cells: impl Iterator<Item = &'a str>, least: usize) -> usize {
    cells
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(least, MAX_COLUMN.max(least))
}

fn entity_table(catalog: &sift::Catalog) -> String {
    let width = column_width(catalog.entities.iter().map(|e| e.name.as_str()), 6);
    let mut out = format!("{}  fields\n", cell("entity", width));
    for entity in &catalog.entities {
        let reason = match &entity.unsearchable_reason {
            Some(reason) if entity.fields.is_empty() => format!("  not searchable: {reason}"),
            _ if entity.fields.is_empty() => "  not searchable: no fields declared".to_owned(),
            _ => String::new(),
        };
        let reason = crate::render::escape(&reason);
        out += &format!(
            "{}  {}{reason}\n",
            name_cell(&entity.name, width, ""),
            entity.fields.len()
        );
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
    let mut out = fields_table(&entity.fields, "");
    let configured: Vec<_> = entity.semantic_fields().collect();
    if !configured.is_empty() {
        out += "\nsemantic search (`similar to \"…\" in FIELD`; `in` may be left out when one field is configured):\n";
    }
    for (field, search) in configured {
        let bound = match search.context_max_chars {
            Some(max) => format!("context_size at most {max}"),
            None => String::from("context_size unbounded"),
        };
        out += &format!(
            "  {}: unit `{}`, {bound}; the filter (`where`) names the columns of each unit:\n",
            crate::render::escape(&sift::naming::format_field_name(&field.name)),
            crate::render::escape(&search.unit_label),
        );
        out += &fields_table(&search.filter_fields, "    ");
    }
    out
}

/// A table of fields (name, type, description), each line after `indent`.
fn fields_table(fields: &[sift::Field], indent: &str) -> String {
    let rows: Vec<(String, String, &str, &str)> = fields
        .iter()
        .map(|f| {
            let name = sift::naming::format_field_name(&f.name);
            (
                name,
                f.ty.to_string(),
                f.format.map_or("", |format| format.as_str()),
                f.description.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let name_w = column_width(rows.iter().map(|r| r.0.as_str()), 5);
    let type_w = column_width(rows.iter().map(|r| r.1.as_str()), 4);
    // The form of the times a field holds (declared, or guessed from its name), in a column
    // of its own where some field has one.
    let format_w = rows
        .iter()
        .any(|r| !r.2.is_empty())
        .then(|| column_width(rows.iter().map(|r| r.2), 6));
    let format_cell =
        |text: &str| format_w.map_or(String::new(), |w| format!("{}  ", cell(text, w)));
    let mut out = format!(
        "{indent}{}  {}  {}description\n",
        cell("field", name_w),
        cell("type", type_w),
        format_cell("format")
    );
    for (name, ty, format, description) in rows {
        out += &format!(
            "{indent}{}  {}  {}{}\n",
            name_cell(&name, name_w, indent),
            cell(&ty, type_w),
            format_cell(format),
            crate::render::escape(description)
        );
    }
    out
}

/// A name padded to its column; a name wider than the column stands on a line of its own and
/// the rest of its row starts on the next, at the column's end, so every column stays aligned.
fn name_cell(name: &str, width: usize, indent: &str) -> String {
    let shown = crate::render::escape(name);
    if shown.chars().count() <= width {
        return cell(name, width);
    }
    format!("{shown}\n{indent}{}", " ".repeat(width))
}
