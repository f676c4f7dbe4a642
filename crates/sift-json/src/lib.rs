//! `sift-json`, the JSON front end beside `sift-syntax`: a JSON filter, query, params or
//! request → every diagnostic about it, or its canonical sift text.
//!
//! The JSON is read into a sift AST whose spans point into the JSON text (`reader`,
//! `condition`); the AST goes through the same checker and the same lowering as sift source,
//! and their findings are restated in JSON terms (`explain`). Which JSON key writes which
//! operator on which target is read from the lowering's one table
//! (`sift_lower::OPERATOR_KEYS`). A document without errors decompiles to the formatter's
//! output of that AST.
//!
//! Round trip: for a JSON document `J` without errors and without the normalising warnings
//! below, compiling the decompiled text for the same target and form gives `J` again, byte
//! for byte after canonical serialisation (compact, members in a fixed order). Normalisations:
//! - `{"and":[{"gte":{f:a}},{"lte":{f:b}}]}` reads as `f between a and b` (which lowers to
//!   exactly that); `{"eq":{f:null}}` as `f is null`, `{"neq":{f:null}}` as `f is not null`;
//!   `{"not":{"in":…}}` as `f not in […]`;
//! - a nested `and`/`or` becomes a parenthesised group, so the nesting is kept;
//! - on 2026-03/04, `like` patterns `x%`, `%x`, `%x%` (no other `%` or `_`) read as
//!   `startswith`, `endswith`, `contains`, and `contains` (value in array) as `has`; on
//!   2026-10 `startswith`/`endswith`/`contains` keep their names and `array_contains` is `has`;
//! - warnings `single_operand` (an `and`/`or` of one condition: the condition alone),
//!   `dotted_field` (`"client.name"` in `fields`: the key list `["client","name"]`) and
//!   `empty_member` (an empty `sort` or `fields`: omitted), `several_operators` (several
//!   operator keys in one object, which the API ANDs: an explicit `and`), `missing_query`
//!   (params without `query`: sift sends `"query": {}`), `ignored_query` (`query` beside
//!   `semantic`: dropped, as the API ignores it) and `never_null` mark the documents whose
//!   decompiled form compiles to an equivalent but different text (or to the same text with
//!   the same warning); `negative_zero` (`-0` reads as `0`). A key repeated in one object
//!   stays an error.
//! - `params.semantic` reads as a `similar to` clause (target 2026-10 only); its `filter` is
//!   the `where` filter. `context_size` and `dedup` have no sift form.
//! - a `cursor` has no sift form: decompiling refuses it (`not_decompilable`).

mod clauses;
mod condition;
mod error;
mod explain;
mod keys;
mod located;
mod operators;
mod parse;
mod pointer;
mod reader;
mod semantic;

use sift_schema::Catalog;
use sift_syntax::ast::{Name, Query};
use sift_syntax::{Limits, Span, format_expr, format_query};

pub use error::{Code, Finding, JsonError, Restated, RestatedCode, restated_codes};
pub use parse::{JsonKind, JsonValue, Member, ParseFailure, parse_json};

use reader::Reader;
use sift_lower::{Emit, Target};

/// What a JSON document of the search API is: a filter (`{"eq": …}`), a `query`
/// (`{"filter": …, "sort": …}`), `params` (`{"query": …, "limit": …}`) or a whole execute
/// request (`{"entity": …, "action": …, "params": …}`). The same four shapes `compile` can
/// emit ([`JsonForm::emit`]), but a setting of its own: what a document is read as, not what
/// is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonForm {
    Filter,
    Query,
    Params,
    Request,
}

impl JsonForm {
    /// Every form, from the smallest.
    pub const ALL: [JsonForm; 4] = [
        JsonForm::Filter,
        JsonForm::Query,
        JsonForm::Params,
        JsonForm::Request,
    ];

    /// The emit form that writes a document of this form.
    pub const fn emit(self) -> Emit {
        match self {
            JsonForm::Filter => Emit::Filter,
            JsonForm::Query => Emit::Query,
            JsonForm::Params => Emit::Params,
            JsonForm::Request => Emit::Request,
        }
    }

    /// `filter`, `query`, `params` or `request`: the emit form's name.
    pub const fn as_str(self) -> &'static str {
        self.emit().as_str()
    }
}

impl std::fmt::Display for JsonForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for JsonForm {
    type Err = sift_lower::ParseEmitError;

    /// The form named as the emit form of its shape is.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.parse::<Emit>()? {
            Emit::Filter => JsonForm::Filter,
            Emit::Query => JsonForm::Query,
            Emit::Params => JsonForm::Params,
            Emit::Request => JsonForm::Request,
        })
    }
}

/// Where the JSON is checked: the catalog, the API version, limits and the entity of the forms
/// that do not name one (filter, query, params).
#[derive(Clone, Copy, Debug)]
pub struct JsonContext<'c> {
    pub catalog: &'c Catalog,
    pub target: Target,
    pub limits: Limits,
    pub entity: Option<&'c str>,
}

/// The outcome of validating a JSON document.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonValidation {
    /// The form the document was read as (detected or forced); `None` when it is not a JSON
    /// object at all.
    pub form: Option<JsonForm>,
    /// Every finding, in document order. The document is valid when none is an error.
    pub diagnostics: Vec<JsonError>,
    /// The canonical sift text, when the document is valid and has a sift form.
    pub sift: Option<String>,
    /// Why a document has no sift form (a `cursor`): not errors of the document, errors of
    /// decompiling it.
    pub refusals: Vec<JsonError>,
}

impl JsonValidation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| !d.is_warning())
    }
}

/// Validates `text` as a JSON filter, query, params or request (`form`, or detected from its
/// keys) for `context.target`, and decompiles it when it is valid. Never panics; work is linear
/// in the text (times the schema's size for name lookups); nesting is bounded by
/// `Limits::effective_depth()` before each descent.
pub fn validate_json(
    text: &str,
    context: &JsonContext<'_>,
    form: Option<JsonForm>,
) -> JsonValidation {
    validate(text, context, form, Decompile::Yes)
}

/// [`validate_json`] without the canonical sift text (`sift` is always `None`): the same
/// diagnostics and refusals, for callers that only report them (`sift validate`), so a valid
/// document costs no formatting.
pub fn check_json(text: &str, context: &JsonContext<'_>, form: Option<JsonForm>) -> JsonValidation {
    validate(text, context, form, Decompile::No)
}

/// Whether a valid document is also written back as sift text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decompile {
    Yes,
    No,
}

fn validate(
    text: &str,
    context: &JsonContext<'_>,
    form: Option<JsonForm>,
    decompile: Decompile,
) -> JsonValidation {
    let mut reader = Reader::new(context.catalog, context.target, context.limits);
    let (reading, _root) = reader.read(text, context.entity, form);
    let mut sift = None;
    if let Some(query) = &reading.query {
        let entity = match reading.form {
            Some(JsonForm::Request) => None,
            _ => context.entity,
        };
        // A request that names its entity is checked against it; an entity given as well is
        // passed on, so that the checker warns which one wins (`entity_overridden`).
        let given = match reading.form {
            Some(JsonForm::Request) if query.from.is_some() => context.entity,
            _ => entity,
        };
        let checked = sift_check::type_query(query, context.catalog, given);
        let mut findings: Vec<JsonError> = checked
            .diagnostics
            .into_iter()
            .map(|finding| reader.explain(finding))
            .collect();
        // The same lowering as sift source: what it refuses, this target cannot say.
        if let (Some(typed), false) = (&checked.query, reader.errors.iter().any(is_error)) {
            let emit = reading.form.map_or(Emit::default(), JsonForm::emit);
            if let Err(refused) = sift_lower::lower(typed, context.target, emit) {
                findings.extend(refused.into_iter().map(|e| reader.explain_lowering(e)));
            }
        }
        reader.errors.extend(findings);
        let valid = !reader.errors.iter().any(is_error);
        if valid && decompile == Decompile::Yes {
            sift = Some(render(query, reading.form, entity));
        }
    }
    let mut diagnostics = reader.errors;
    diagnostics.sort_by_key(|d| (d.span.lo(), d.span.hi()));
    let refusals = reader.not_decompilable;
    JsonValidation {
        form: reading.form,
        diagnostics,
        sift: sift.filter(|_| refusals.is_empty()),
        refusals,
    }
}

fn is_error(finding: &JsonError) -> bool {
    !finding.is_warning()
}

/// Decompiles `text` to canonical sift text: a bare filter for the `filter` form, a query
/// `from … where … sort … limit … fields …` for the others. Fails with every diagnostic when
/// the document is invalid or has no sift form.
pub fn decompile_json(
    text: &str,
    context: &JsonContext<'_>,
    form: Option<JsonForm>,
) -> Result<String, Vec<JsonError>> {
    let validation = validate_json(text, context, form);
    match validation.sift {
        Some(sift) => Ok(sift),
        None if validation.has_errors() => Err(validation.diagnostics),
        None => Err(validation.refusals),
    }
}

/// The sift text of a checked query: the filter alone for the `filter` form, else the query
/// with its entity.
fn render(query: &Query<'_>, form: Option<JsonForm>, entity: Option<&str>) -> String {
    if form == Some(JsonForm::Filter) {
        return query
            .filter
            .map(|filter| format_expr(&query.tree, filter))
            .unwrap_or_default();
    }
    let mut query = query.clone();
    if query.from.is_none() {
        query.from = entity.map(|name| Name {
            span: Span::default(),
            text: name.to_owned().into(),
            quoted: false,
        });
    }
    format_query(&query)
}
