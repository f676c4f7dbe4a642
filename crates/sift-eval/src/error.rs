//! What can go wrong before a single record is read: a request the evaluator cannot run.

use miette::Diagnostic;
use thiserror::Error;

/// A search request the local evaluator refuses, located by JSON pointer into the request.
#[derive(Clone, Debug, PartialEq, Eq, Error, Diagnostic)]
pub enum EvalError {
    /// The request is not a search request of the documented shape.
    #[error("{pointer}: {message}")]
    #[diagnostic(
        code(sift::eval::invalid_request),
        help("`sift validate` explains what the search API accepts at this place")
    )]
    Invalid { pointer: String, message: String },

    /// An operator key the target does not have (or no target has).
    #[error("{pointer}: target {target} has no operator `{key}`")]
    #[diagnostic(
        code(sift::eval::unknown_operator),
        help(
            "the operators of each target are listed in docs/semantics.md; `sift validate` suggests one"
        )
    )]
    UnknownOperator {
        pointer: String,
        key: String,
        target: String,
    },

    /// `params.semantic`: ranking by meaning needs the hosted index of embeddings, which local
    /// data does not have; no text match stands in for it.
    #[error(
        "semantic search (`similar to`, `params.semantic`) runs only on the hosted API: local data has no embeddings, and no text match stands in for them"
    )]
    #[diagnostic(
        code(sift::eval::semantic_unsupported),
        help(
            "run it on the API (credentials in AIRBYTE_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET), or search local data without `similar to`, with `fuzzy` or `keyword`"
        )
    )]
    Semantic,

    /// A cursor that this evaluator did not hand out for this query.
    #[error("bad cursor: {reason}")]
    #[diagnostic(
        code(sift::eval::bad_cursor),
        help("pass the `meta.cursor` of the previous page of the same query, unchanged")
    )]
    BadCursor { reason: String },
}

impl EvalError {
    pub(crate) fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> EvalError {
        EvalError::Invalid {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}
