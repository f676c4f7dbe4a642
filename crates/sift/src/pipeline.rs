//! The pipeline: parse → check each query → lower. Every phase runs on every query it can,
//! so one run reports all diagnostics of the source.

use sift_schema::Catalog;
use sift_syntax::ast::Query;
use sift_syntax::{Limits, Span, SyntaxError};

use crate::{Diagnostic, Diagnostics, Options};

/// The result of compiling a source without errors.
#[derive(Debug, Default)]
pub struct Compiled {
    /// One compact JSON text per query, in source order, in the form `Options::emit` asks for.
    pub outputs: Vec<String>,
    /// Warnings and advice (never errors).
    pub warnings: Diagnostics,
}

/// Compiles `source` (a filter expression or `;`-separated queries) against `catalog`.
///
/// Returns one JSON text per query, or every diagnostic of every phase and every query: a
/// syntax error in one query does not hide the check errors of another. A query with syntax
/// errors is not checked (its recovered tree would only produce noise).
pub fn compile(
    source: &str,
    catalog: &Catalog,
    options: &Options,
) -> Result<Compiled, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut outputs = Vec::new();
    run(
        source,
        catalog,
        options,
        &mut diagnostics,
        |typed, diagnostics| match sift_lower::lower_to_string(&typed, options.target, options.emit)
        {
            Ok(json) => outputs.push(json),
            Err(errors) => diagnostics.extend(errors.into_iter().map(Diagnostic::Lower)),
        },
    );
    let mut diagnostics = options.lints.apply(diagnostics);
    diagnostics.sort_by_position();
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(Compiled {
            outputs,
            warnings: diagnostics,
        })
    }
}

/// Parses and checks `source`; every syntax and check diagnostic, warnings included, in source
/// order. Does not lower: what a target cannot express is reported by [`compile`].
pub fn check(source: &str, catalog: &Catalog, options: &Options) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    run(source, catalog, options, &mut diagnostics, |_, _| {});
    let mut diagnostics = options.lints.apply(diagnostics);
    diagnostics.sort_by_position();
    diagnostics
}

/// The canonical formatting of `source`, ending with a newline. Refuses (returning the syntax diagnostics) when the
/// source has syntax errors, so that formatting never rewrites a broken text.
pub fn format(source: &str, limits: &Limits) -> Result<String, Diagnostics> {
    let parsed = sift_syntax::parse(source, limits);
    let diagnostics: Diagnostics = parsed.errors.into_iter().map(Diagnostic::Syntax).collect();
    if diagnostics.has_errors() {
        let mut diagnostics = diagnostics;
        diagnostics.sort_by_position();
        return Err(diagnostics);
    }
    // A formatted file ends with one newline, as text files do.
    let mut text = sift_syntax::format_document(&parsed.document);
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

/// Parses, reports syntax errors, checks every query without syntax errors and hands each
/// typed query to `on_typed`.
fn run(
    source: &str,
    catalog: &Catalog,
    options: &Options,
    diagnostics: &mut Diagnostics,
    mut on_typed: impl FnMut(sift_check::TypedQuery<'_>, &mut Diagnostics),
) {
    let parsed = sift_syntax::parse(source, &options.limits);
    let broken = BrokenRanges::new(&parsed.errors);
    diagnostics.extend(parsed.errors.into_iter().map(Diagnostic::Syntax));
    let clock = options.clock();
    for query in &parsed.document.queries {
        if broken.touches(query) {
            continue;
        }
        let checked = sift_check::check_query_at(query, catalog, options.entity.as_deref(), &clock);
        diagnostics.extend(checked.diagnostics.into_iter().map(Diagnostic::Check));
        if let Some(typed) = checked.query {
            on_typed(typed, diagnostics);
        }
    }
}

/// Where the syntax errors are, to tell which queries they belong to.
struct BrokenRanges {
    /// Start offsets of error-severity syntax diagnostics, ascending.
    starts: Vec<usize>,
}

impl BrokenRanges {
    fn new(errors: &[SyntaxError]) -> Self {
        let mut starts: Vec<usize> = errors
            .iter()
            .filter(|e| {
                miette::Diagnostic::severity(*e).unwrap_or(miette::Severity::Error)
                    == miette::Severity::Error
            })
            .map(|e| e.span().start)
            .collect();
        starts.sort_unstable();
        BrokenRanges { starts }
    }

    /// Whether a syntax error starts inside the query or right at its end (where "expected …
    /// here" errors point).
    fn touches(&self, query: &Query<'_>) -> bool {
        let Span { start, end } = query.span;
        let first_at_or_after = self.starts.partition_point(|&s| s < start);
        self.starts
            .get(first_at_or_after)
            .is_some_and(|&s| s <= end)
    }
}
