//! `sift-eval`: runs the search API's wire JSON over JSON records, locally.
//!
//! [`Search::from_request`] reads a request (`{"entity","action","params"}`) for a target, the
//! same JSON `sift compile --emit request` prints or an agent writes by hand; its
//! [`Collector`] then takes records one at a time and returns one [`Page`] (`data`,
//! `has_more`, `cursor`). The crate is pure: the caller reads files and feeds records, and
//! stops when the collector says the page is complete, so a filter with a limit never needs
//! the whole file. The meaning of every operator, the sort order, nulls and mismatched types is
//! written down in `docs/semantics.md`.
//!
//! ```
//! use serde_json::json;
//! use sift_eval::{Flow, Search};
//!
//! let request = json!({"entity": "users", "action": "search", "params": {
//!     "query": {"filter": {"gt": {"hours": 2}}, "sort": [{"hours": "desc"}]}, "limit": 1}});
//! let (entity, search) = Search::from_request(&request, sift_lower::Target::V2026_03)?;
//! let mut collector = search.collector();
//! for hours in [1, 3, 5] {
//!     if collector.push(json!({"hours": hours})) == Flow::Stop {
//!         break;
//!     }
//! }
//! let page = collector.finish();
//! assert_eq!((entity.as_str(), page.records), ("users", vec![json!({"hours": 5})]));
//! assert!(page.has_more);
//! # Ok::<(), sift_eval::EvalError>(())
//! ```
//!
//! A request's text is read once into a [`Request`], which the evaluator
//! ([`Request::search`]), the API client (its exact text) and later pages
//! ([`Request::with_page`]) share.
//!
//! [`generate`] makes deterministic example records for any entity of any catalog.

mod conformance;
mod cursor;
mod error;
mod filter;
pub mod generate;
mod json;
mod project;
mod request;
mod search;
pub mod tape;
mod value;

pub use conformance::{fits, json_type, mismatches};
pub use error::EvalError;
pub use filter::{Comparison, Condition, Test};
pub use json::{JsonKind, JsonRef};
pub use project::{FieldPath, Projection};
pub use request::{Document, Request};
pub use search::{Collector, DEFAULT_LIMIT, Flow, Kept, Page, Search, SortKey};
/// The members of a request's `params`, the one list of them.
pub use sift_lower::wire::PARAMS_KEYS;
pub use value::{compare, is_null, json_eq, json_order, lookup, sort_order};
