//! `sift-schema`: the catalog model (entities, fields, types), the built-in Harvest catalog, the
//! connector.yaml loader, and path resolution against a catalog's fields.

mod connector_yaml;
mod harvest;
mod model;
mod resolve;
mod semantic;

pub use connector_yaml::{
    LoadedCatalog, MAX_EXPANDED_FIELDS, MAX_PROPERTY_DEPTH, SpecError, SpecLocation,
    load_connector_spec,
};
pub use harvest::harvest;
pub use model::{Catalog, Entity, Field, Kind, TimeFormat, Type};
pub use resolve::{Ambiguity, Outcome, Resolution, Step, resolve_path};
pub use semantic::{
    COMPUTED_OUTPUTS, DEFAULT_UNIT_LABEL, MetadataType, SemanticMetadata, SemanticSearch,
};
