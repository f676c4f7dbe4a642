//! `sift-schema`: the catalog model (entities, fields, types) and the built-in Harvest catalog.

mod model;

pub use model::{Catalog, Entity, Field, Kind, Type};
