//! `sift-lower`: a typed query and an API target → the search API's wire JSON.
//!
//! Lowering is a pure function of the [`TypedQuery`](sift_check::TypedQuery), the [`Target`]
//! (API version) and the [`Emit`] form. It fails only where the target or form cannot express
//! the query (`like` on 2026-10, a literal `%` in `contains` on 2026-03, …), and then reports
//! every such place of the query at once. The typed query cannot be malformed (each operator
//! carries the right-hand side it takes, numbers are valid JSON), so there is no other error.
//!
//! The [`wire`] module is a model of the API's objects that borrows from the typed query;
//! [`lower`] builds it, and [`lower_to_string`] writes the same as compact JSON text as it
//! lowers (one walk decides both), which cannot fail. Numbers keep their text: a decimal
//! `0.1` is written `0.1`, never `0.1000000000000000055…`.
//!
//! ```
//! use sift_lower::{Emit, Target, lower_to_string};
//!
//! let source = r#"from users where email endswith "@acme.com""#;
//! let parsed = sift_syntax::parse(source, &Default::default());
//! let checked = sift_check::type_query(&parsed.document.queries[0], sift_schema::harvest(), None);
//! let typed = checked.query.expect("the query checks");
//!
//! // 2026-03 has no literal `endswith`: it becomes a `like` pattern.
//! let old = lower_to_string(&typed, Target::V2026_03, Emit::Filter);
//! assert_eq!(old.as_deref(), Ok(r#"{"like":{"email":"%@acme.com"}}"#));
//! let new = lower_to_string(&typed, Target::V2026_10, Emit::Filter);
//! assert_eq!(new.as_deref(), Ok(r#"{"endswith":{"email":"@acme.com"}}"#));
//! ```

mod error;
mod json;
mod lowering;
mod sink;
mod target;
pub mod wire;

#[cfg(test)]
mod tests;

pub use error::LowerError;
pub use error::no_semantic_help;
pub use json::pointer_child;
pub use lowering::{like_as_literal, lower, lower_to_string, lowering_errors};
pub use sift_syntax::ast::{
    AND_KEY, ANY_KEY, KeyTargets, LOGIC_KEYS, NOT_KEY, OPERATOR_KEYS, OR_KEY, OperatorKey,
};
pub use target::{Emit, ParseEmitError, ParseTargetError, Target};
