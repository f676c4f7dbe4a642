//! Loading a connector's `connector.yaml`: the searchable entities and fields its
//! `info.x-airbyte-context-store` declares, as a [`Catalog`].
//!
//! Pure: the caller reads the file and passes its text and a name for it (`origin`, shown in
//! diagnostics). What the loader reads:
//!
//! - the connector's name from `info.x-airbyte-connector-name`, else from `origin`
//!   (`specs/klaviyo/connector.yaml` → `klaviyo`);
//! - `info.x-airbyte-context-store.entities[]`: `entity` (the name), `x-airbyte-name` (storage
//!   name), optional `description`, and `fields[]`; an entity without fields is kept and is not
//!   searchable ([`Entity::is_searchable`]);
//! - per field: `name`, `type` (a JSON-schema type name or a list of them; `null` makes it
//!   nullable, several other names make a union), `description`, `x-airbyte-name`, and for
//!   objects and arrays the nested `properties` (an array's element properties are given either
//!   directly as `properties` or as `items.properties`), down to [`MAX_PROPERTY_DEPTH`] levels;
//!   on a top-level field, `x-airbyte-semantic-search`: how the field is searched by meaning
//!   ([`crate::SemanticSearch`]: the unit label, the context bound, the metadata columns).
//!
//! Malformed specs give [`SpecError`]s naming the file, line, column and YAML path; the loader
//! never panics, works in time linear in the text (aliases are shared, and expansion stops at
//! [`MAX_EXPANDED_FIELDS`]) and never recurses deeper than the property depth bound.

mod convert;
mod error;
mod tree;

#[cfg(test)]
mod semantic_tests;
#[cfg(test)]
mod tests;

use crate::{Catalog, Entity};

pub use convert::{MAX_EXPANDED_FIELDS, MAX_PROPERTY_DEPTH};
pub use error::{SpecError, SpecLocation};

/// A catalog loaded from a connector.yaml, with the warnings found on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedCatalog {
    pub catalog: Catalog,
    /// Every diagnostic here is a warning ([`SpecError::is_warning`]).
    pub warnings: Vec<SpecError>,
}

/// Loads the searchable entities of a connector.yaml, with its warnings. `origin` names the
/// text in diagnostics (usually its file path). `Err` holds every
/// error found (at most 100), never a warning-only list.
pub fn load_connector_spec(text: &str, origin: &str) -> Result<LoadedCatalog, Vec<SpecError>> {
    let tree = match tree::parse(text) {
        Ok(tree) => tree,
        Err(error) => {
            let empty = tree::Tree::empty();
            let mut converter = convert::Converter::new(&empty, text, origin);
            return Err(vec![converter.not_yaml(error)]);
        }
    };
    let mut converter = convert::Converter::new(&tree, text, origin);
    match converter.catalog() {
        Some(catalog) if converter.errors.is_empty() => Ok(LoadedCatalog {
            catalog,
            warnings: converter.warnings,
        }),
        _ => Err(converter.errors),
    }
}

impl Entity {
    /// True when the entity declares at least one field. A connector may list entities whose
    /// records it stores without declaring searchable fields; no filter can name a field there.
    pub fn is_searchable(&self) -> bool {
        !self.fields.is_empty()
    }
}

impl Catalog {
    /// The entities that declare at least one field.
    pub fn searchable_entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(|e| e.is_searchable())
    }
}
