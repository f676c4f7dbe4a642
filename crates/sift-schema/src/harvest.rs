//! The built-in Harvest catalog, compiled in from `data/harvest.json`.
//!
//! Provenance of the data: for each of the 18 searchable entities, the rows of its "Searchable
//! Fields" table in the Harvest connector reference (name, type, description), types exactly as
//! that table writes them.
//!
//! Nullability rule: the searchable table does not say whether a field may be null, so it is
//! taken from the same entity's "Records" response schema: `null | T` there makes the field
//! nullable, a plain `T` (every `id integer`) makes it non-nullable, and a searchable field the
//! Records schema does not list would be nullable (none is missing today).
//!
//! Time formats (`format`: `date` or `date-time`) are not in the reference's table; they follow
//! the field names and descriptions ("When created", "Due date"): `created_at`/`updated_at`
//! hold date-times, `spent_date`, `due_date`, `issue_date` and `starts_on` dates. Relative times
//! (`today() - 7d`) take the form the field declares.

use std::sync::OnceLock;

use crate::Catalog;

const HARVEST_JSON: &str = include_str!("../data/harvest.json");

/// The built-in Harvest catalog, parsed once on first use.
pub fn harvest() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| parse_builtin(HARVEST_JSON))
}

/// Parses a compiled-in catalog. The data ships with the crate and a unit test parses it, so a
/// failure here is a build defect; an empty catalog (every lookup fails with a diagnostic)
/// is still better than a panic in a library.
fn parse_builtin(json: &str) -> Catalog {
    serde_json::from_str(json).unwrap_or_else(|_| Catalog {
        connector: String::from("harvest"),
        definition_id: None,
        entities: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    #[test]
    fn builtin_data_parses() {
        let parsed: Result<Catalog, _> = serde_json::from_str(HARVEST_JSON);
        assert!(parsed.is_ok(), "{parsed:?}");
        assert_eq!(parsed.ok().as_ref(), Some(harvest()));
    }

    #[test]
    fn has_18_entities_and_154_fields() {
        let catalog = harvest();
        assert_eq!(catalog.connector, "harvest");
        assert_eq!(catalog.entities.len(), 18);
        assert_eq!(catalog.field_count(), 154);
        let names: Vec<&str> = catalog.entity_names().collect();
        assert_eq!(
            names,
            [
                "users",
                "clients",
                "contacts",
                "company",
                "projects",
                "tasks",
                "time_entries",
                "invoices",
                "invoice_item_categories",
                "estimates",
                "estimate_item_categories",
                "expenses",
                "expense_categories",
                "roles",
                "user_assignments",
                "task_assignments",
                "time_projects",
                "time_tasks",
            ]
        );
    }

    #[test]
    fn types_and_nullability_follow_the_reference() {
        let users = harvest().entity("users");
        let field = |name: &str| users.and_then(|e| e.field(name)).map(|f| &f.ty);
        let id = field("id");
        assert_eq!(
            id.map(|t| (t.kinds.as_slice(), t.nullable)),
            Some((&[Kind::Integer][..], false))
        );
        let first = field("first_name");
        assert_eq!(
            first.map(|t| (t.kinds.as_slice(), t.nullable)),
            Some((&[Kind::String][..], true))
        );
        let roles = field("roles");
        assert_eq!(
            roles.map(|t| t.to_string()),
            Some(String::from("null | array"))
        );
        let rate = field("default_hourly_rate");
        assert_eq!(
            rate.map(|t| t.to_string()),
            Some(String::from("null | number"))
        );
        // Only the ids are non-nullable: one per entity that has an `id` field.
        let non_null: Vec<(&str, &str)> = harvest()
            .entities
            .iter()
            .flat_map(|e| e.fields.iter().map(move |f| (e.name.as_str(), f)))
            .filter(|(_, f)| !f.ty.nullable)
            .map(|(e, f)| (e, f.name.as_str()))
            .collect();
        assert_eq!(non_null.len(), 15);
        assert!(non_null.iter().all(|(_, f)| *f == "id"));
    }

    #[test]
    fn every_field_has_one_kind_and_a_description() {
        for entity in &harvest().entities {
            assert!(entity.description.is_some(), "{}", entity.name);
            for field in &entity.fields {
                assert_eq!(field.ty.kinds.len(), 1, "{}.{}", entity.name, field.name);
                assert!(
                    field.description.is_some(),
                    "{}.{}",
                    entity.name,
                    field.name
                );
                assert!(field.ty.properties.is_none());
            }
        }
    }

    #[test]
    fn time_formats_cover_the_date_fields() {
        use crate::TimeFormat;
        let mut formatted = Vec::new();
        for entity in &harvest().entities {
            for field in entity.fields.iter().filter(|f| f.format.is_some()) {
                assert!(field.ty.has(Kind::String), "{}.{}", entity.name, field.name);
                formatted.push((field.name.as_str(), field.format));
            }
        }
        formatted.sort_unstable_by_key(|(name, _)| *name);
        formatted.dedup();
        assert_eq!(
            formatted,
            [
                ("created_at", Some(TimeFormat::DateTime)),
                ("due_date", Some(TimeFormat::Date)),
                ("issue_date", Some(TimeFormat::Date)),
                ("spent_date", Some(TimeFormat::Date)),
                ("starts_on", Some(TimeFormat::Date)),
                ("updated_at", Some(TimeFormat::DateTime)),
            ]
        );
    }

    #[test]
    fn a_broken_builtin_degrades_to_an_empty_catalog() {
        let catalog = parse_builtin("{ not json");
        assert!(catalog.entities.is_empty());
    }
}
