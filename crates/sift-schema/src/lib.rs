//! `sift-schema`: the catalog model (entities, fields, types), the built-in Harvest catalog, and
//! path resolution against a catalog's fields.

mod harvest;
mod model;
mod resolve;

pub use harvest::harvest;
pub use model::{Catalog, Entity, Field, Kind, Type};
pub use resolve::{Ambiguity, Outcome, Resolution, Step, resolve_path};
