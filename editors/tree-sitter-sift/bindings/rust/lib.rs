//! The sift grammar for [tree-sitter](https://tree-sitter.github.io/): the [`LANGUAGE`] to give
//! a `tree_sitter::Parser`, and the queries editors use.
//!
//! The grammar is `grammar.js` (written from `grammar/sift.ebnf`); `src/parser.c` is generated
//! from it by the tree-sitter CLI and `src/scanner.c` reads the tokens a regular expression
//! cannot. `tests/differential.rs` holds the grammar to sift's own parser: a text is free of
//! syntax errors for one exactly when it is for the other.

use tree_sitter_language::LanguageFn;

#[allow(unsafe_code)]
unsafe extern "C" {
    fn tree_sitter_sift() -> *const ();
}

/// The tree-sitter language of sift.
// SAFETY: `tree_sitter_sift` is the generated parser's entry point, which returns a pointer
// to its static `TSLanguage`.
#[allow(unsafe_code)]
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_sift) };

/// The node types of the grammar (`src/node-types.json`).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Syntax highlighting (`queries/highlights.scm`).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// Folding ranges (`queries/folds.scm`).
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

/// Indentation (`queries/indents.scm`).
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");
