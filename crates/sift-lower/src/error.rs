//! Lowering diagnostics: what a target cannot express.

use sift_syntax::{Fix, Span, SuggestFix};

use crate::Target;

/// Why a typed query could not be lowered for a target. Every variant is an error, and
/// every one is about what the target or form cannot express: the typed query cannot be
/// malformed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic, strum::EnumIter)]
pub enum LowerError {
    /// `like` on a target without `like`, with a pattern that has no literal equivalent.
    #[error(
        "target {target} has no `like`, and the pattern \"{pattern}\" is not a plain prefix, suffix or substring"
    )]
    #[diagnostic(code(sift::lower::no_like_on_target))]
    NoLikeOnTarget {
        #[label("`like` is not available on {target}")]
        span: Span,
        target: Target,
        pattern: String,
        #[help]
        help: String,
    },

    /// `contains`/`startswith`/`endswith` lowered to `like` would read a `%` or `_` in the
    /// literal as a wildcard; `like` has no escape.
    #[error(
        "`{op}` cannot match a literal `{character}` on target {target}: it becomes `like`, where `{character}` is a wildcard"
    )]
    #[diagnostic(code(sift::lower::wildcard_in_literal))]
    WildcardInLiteral {
        #[label("this text contains `{character}`")]
        span: Span,
        op: &'static str,
        character: char,
        target: Target,
        #[help]
        help: String,
    },

    /// `--emit filter` on a query that has no filter.
    #[error("emit `filter` needs a filter, but this query has none")]
    #[diagnostic(
        code(sift::lower::no_filter),
        help(
            "add a `where` clause, or emit `query`, `params` or `request`, which omit an absent filter"
        )
    )]
    NoFilter {
        #[label("no filter in this query")]
        span: Span,
    },

    /// `similar to` on a target without semantic search.
    #[error("target {target} has no semantic search (`similar to`)")]
    #[diagnostic(code(sift::lower::no_semantic_on_target))]
    NoSemanticOnTarget {
        #[label("semantic search is not available on {target}")]
        span: Span,
        target: Target,
        #[help]
        help: String,
    },

    /// `similar to` with `--emit filter` or `query`: semantic search lives in `params`.
    #[error("emit `{emit}` cannot hold semantic search (`similar to`)")]
    #[diagnostic(
        code(sift::lower::semantic_needs_params),
        help(
            "semantic search is sent as `params.semantic`, beside `params.query`: emit `params` or `request`"
        )
    )]
    SemanticNeedsParams {
        #[label("`similar to` needs the params or request form")]
        span: Span,
        emit: &'static str,
    },

    /// The typed tree nests deeper than any parse allows.
    #[error("the filter nests deeper than {limit} levels")]
    #[diagnostic(
        code(sift::lower::too_deep),
        help("split the filter or remove redundant nesting")
    )]
    TooDeep {
        #[label("nesting exceeds the limit here")]
        span: Span,
        limit: usize,
    },
}

impl LowerError {
    /// The primary span.
    pub fn span(&self) -> Span {
        match self {
            LowerError::NoLikeOnTarget { span, .. }
            | LowerError::WildcardInLiteral { span, .. }
            | LowerError::NoFilter { span }
            | LowerError::NoSemanticOnTarget { span, .. }
            | LowerError::SemanticNeedsParams { span, .. }
            | LowerError::TooDeep { span, .. } => *span,
        }
    }
}

/// No lowering error has a fix: what a target cannot say has no replacement that is sure to
/// return the same records (`=` for a `like` without wildcards compares with case).
impl SuggestFix for LowerError {
    fn fix(&self) -> Option<Fix> {
        None
    }
}

/// Help for `like` on a target without it.
pub(crate) fn no_like_help(target: Target, pattern: &str) -> String {
    let portable = format!(
        "on {target}, sift lowers `like` patterns of the form \"x%\", \"%x\" and \"%x%\" (no other `%` or `_`) to startswith, endswith and contains; \
         otherwise write the condition with the portable operators `startswith`, `endswith`, `contains`, or choose a target that has `like`: {}",
        Target::with_like()
    );
    if pattern.contains(['%', '_']) {
        portable
    } else {
        format!(
            "without a wildcard the pattern must match the whole value, and {target} has no operator sure to match the same (`=` compares with case and reads `_` literally); {portable}"
        )
    }
}

/// Help for a wildcard character in the literal of `contains`/`startswith`/`endswith`.
pub(crate) fn wildcard_help(target: Target, character: char) -> String {
    format!(
        "{target} has no literal `contains`/`startswith`/`endswith`, and `like` cannot escape `{character}`; \
         choose a target with literal text operators ({}), or write `like` deliberately if `{character}` is meant as a wildcard",
        Target::with_literal_text_ops()
    )
}

/// Help for `similar to` on a target without semantic search.
pub fn no_semantic_help() -> String {
    format!(
        "semantic search (alpha in the API) is available on {}: choose that target (`--target`), or drop `similar to` and filter with `fuzzy` or `keyword`",
        Target::with_semantic()
    )
}
