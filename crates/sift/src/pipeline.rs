//! The pipeline: parse → check each query → lower. Every phase runs on every query it can,
//! so one run reports all diagnostics of the source.

use sift_check::{ResolvedTime, TypedQuery};
use sift_schema::Catalog;
use sift_syntax::ast::Query;
use sift_syntax::{Span, SyntaxError};

use crate::{Diagnostic, Diagnostics, Options};

/// The result of compiling a source without errors.
#[non_exhaustive]
#[must_use]
#[derive(Debug, Default)]
pub struct Compiled {
    /// One output per query, in source order, in the form `Options::emit` asks for.
    pub outputs: Vec<Output>,
    /// Warnings and advice (never errors).
    pub warnings: Diagnostics,
}

impl Compiled {
    /// The JSON text of each output, in source order.
    pub fn texts(&self) -> Vec<&str> {
        self.outputs.iter().map(|o| o.json.as_str()).collect()
    }
}

/// The compiled form of one query, and which query it came from.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Compact JSON text.
    pub json: String,
    /// The query's place in the source: 0 for the first (queries are separated by `;`).
    pub query: usize,
    /// The entity the query searches, as the API knows it.
    pub entity: String,
    /// The query in the source.
    pub span: Span,
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
    let mut outputs = Vec::new();
    let diagnostics = run(source, catalog, options, |lowered| {
        outputs.push(Output {
            json: lowered.json,
            query: lowered.index,
            entity: lowered.typed.entity.clone(),
            span: lowered.span,
        });
    });
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(Compiled {
            outputs,
            warnings: diagnostics,
        })
    }
}

/// Checks `source` as [`compile`] does, without keeping the output: every syntax, check and
/// lowering diagnostic (what `options.target` and `options.emit` cannot express included),
/// warnings too, in source order. The source is valid when none is an error.
#[must_use]
pub fn check(source: &str, catalog: &Catalog, options: &Options) -> Diagnostics {
    // Lowering decides the errors without writing an output no one reads.
    run_with(source, catalog, options, Lowering::ErrorsOnly, |_| {})
}

/// The canonical formatting of `source` (read within `options.limits`), ending with a
/// newline. Refuses (returning the syntax diagnostics) when the source has syntax errors, so
/// that formatting never rewrites a broken text.
pub fn format(source: &str, options: &Options) -> Result<String, Diagnostics> {
    let parsed = sift_syntax::parse(source, &options.limits);
    let diagnostics: Diagnostics = parsed.errors.into_iter().map(Diagnostic::syntax).collect();
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

/// One query that checked and lowered, as the pipeline has it: what [`compile`] keeps and
/// `explain` reads, while the typed query is alive.
pub(crate) struct Lowered<'q> {
    /// The query's place in the source.
    pub(crate) index: usize,
    /// The query in the source.
    pub(crate) span: Span,
    pub(crate) typed: &'q TypedQuery<'q>,
    /// Every relative time of the query and what it resolved to.
    pub(crate) resolved: &'q [ResolvedTime],
    /// The output in the form `Options::emit` asks for.
    pub(crate) json: String,
}

/// Parses, checks every query without syntax errors and lowers each typed query, handing
/// each one that lowered to `on_query` while its typed tree is alive; every diagnostic, lint
/// levels applied, in source order.
pub(crate) fn run(
    source: &str,
    catalog: &Catalog,
    options: &Options,
    on_query: impl FnMut(Lowered<'_>),
) -> Diagnostics {
    run_with(source, catalog, options, Lowering::Output, on_query)
}

/// What [`run_with`] asks of lowering.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lowering {
    /// The output, handed to `on_query`.
    Output,
    /// Only its errors (`on_query` is not called).
    ErrorsOnly,
}

fn run_with(
    source: &str,
    catalog: &Catalog,
    options: &Options,
    lowering: Lowering,
    mut on_query: impl FnMut(Lowered<'_>),
) -> Diagnostics {
    let parsed = sift_syntax::parse(source, &options.limits);
    let broken = BrokenRanges::new(&parsed.errors);
    let mut diagnostics: Diagnostics = parsed.errors.into_iter().map(Diagnostic::syntax).collect();
    let clock = options.clock();
    for (index, query) in parsed.document.queries.iter().enumerate() {
        if broken.touches(query) {
            continue;
        }
        let checked = sift_check::type_query_at(query, catalog, options.entity.as_deref(), &clock);
        let refused = checked.query.as_ref().and_then(|typed| {
            if lowering == Lowering::ErrorsOnly {
                let errors = sift_lower::lowering_errors(typed, options.target, options.emit);
                return (!errors.is_empty()).then_some(errors);
            }
            match sift_lower::lower_to_string(typed, options.target, options.emit) {
                Ok(json) => {
                    on_query(Lowered {
                        index,
                        span: query.span,
                        typed,
                        resolved: &checked.resolved_times,
                        json,
                    });
                    None
                }
                Err(errors) => Some(errors),
            }
        });
        // The typed query is dropped before its findings are moved into the list: a large
        // query may have a warning per condition, and the typed tree and both lists of them
        // need not be held at once.
        let sift_check::Checked {
            query: typed,
            diagnostics: found,
            ..
        } = checked;
        drop(typed);
        // Most queries have no finding at all: nothing to move then. The first query with
        // findings hands over its list, converted in place where a `Diagnostic` is the size of
        // a `CheckError` (a test in `diagnostic.rs` holds them so).
        if diagnostics.is_empty() {
            diagnostics = found.into_iter().map(Diagnostic::check).collect();
        } else if !found.is_empty() {
            diagnostics.extend(found.into_iter().map(Diagnostic::check));
        }
        if let Some(errors) = refused {
            diagnostics.extend(errors.into_iter().map(Diagnostic::lower));
        }
    }
    if diagnostics.is_empty() {
        return diagnostics;
    }
    let mut diagnostics = options.lints.apply(diagnostics);
    diagnostics.sort_by_position();
    diagnostics
}

/// Where the syntax errors are, to tell which queries they belong to.
struct BrokenRanges {
    /// Start offsets of error-severity syntax diagnostics, ascending.
    starts: Vec<usize>,
}

impl BrokenRanges {
    fn new(errors: &[SyntaxError]) -> Self {
        if errors.is_empty() {
            return BrokenRanges { starts: Vec::new() };
        }
        let mut starts: Vec<usize> = errors
            .iter()
            .filter(|e| !e.is_warning())
            .map(|e| e.span().lo())
            .collect();
        starts.sort_unstable();
        BrokenRanges { starts }
    }

    /// Whether a syntax error starts inside the query or right at its end (where "expected …
    /// here" errors point).
    fn touches(&self, query: &Query<'_>) -> bool {
        let (start, end) = (query.span.lo(), query.span.hi());
        let first_at_or_after = self.starts.partition_point(|&s| s < start);
        self.starts
            .get(first_at_or_after)
            .is_some_and(|&s| s <= end)
    }
}
