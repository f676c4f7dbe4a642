//! The way back from JSON: validate a JSON filter, query, params or request against the
//! schema, and decompile it to canonical sift text. Diagnostics are located in the JSON text
//! (byte range, hence line and column) and by JSON pointer.

use sift_lower::json::{JsonContext, JsonError};
use sift_schema::Catalog;

use crate::{Diagnostic, Diagnostics, Options};

pub use sift_lower::json::{JSON_CODES, JsonForm};

/// The outcome of [`validate_json`].
#[derive(Debug)]
pub struct Validation {
    /// The form the document was read as (given, or detected from its keys); `None` when the
    /// text is not a JSON object.
    pub form: Option<JsonForm>,
    /// Every diagnostic, in document order; the document is valid when none is an error.
    pub diagnostics: Diagnostics,
}

impl Validation {
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

fn context<'c>(catalog: &'c Catalog, options: &'c Options) -> JsonContext<'c> {
    JsonContext {
        catalog,
        target: options.target,
        limits: options.limits,
        entity: options.entity.as_deref(),
    }
}

fn diagnostics(errors: Vec<JsonError>) -> Diagnostics {
    errors.into_iter().map(Diagnostic::Json).collect()
}

/// Validates a JSON filter, query, params or request (`form`, or detected from its keys) for
/// `options.target`. The filter, query and params forms search `options.entity`; a request
/// names its own. Reports every problem in one run.
///
/// ```
/// use sift::{Options, Target, harvest, validate_json};
///
/// let options = Options { target: Target::V2026_10, entity: Some("users".into()), ..Options::default() };
/// let json = r#"{"and": [{"like": {"first_name": "A%"}}, {"eq": {"is_actve": true}}]}"#;
/// let validation = validate_json(json, harvest(), &options, None);
/// let codes = validation.diagnostics.codes();
/// assert_eq!(codes, ["sift::json::operator_not_on_target", "sift::json::unknown_field"]);
/// let reports = validation.diagnostics.to_reports(json);
/// assert_eq!(reports[1].pointer.as_deref(), Some("/and/1/eq/is_actve"));
/// ```
pub fn validate_json(
    text: &str,
    catalog: &Catalog,
    options: &Options,
    form: Option<JsonForm>,
) -> Validation {
    let validation = sift_lower::json::validate_json(text, &context(catalog, options), form);
    Validation {
        form: validation.form,
        diagnostics: options.lints.apply(diagnostics(validation.diagnostics)),
    }
}

/// Decompiles a valid JSON document to canonical sift text: a bare filter for the `filter`
/// form, `from … where … sort … limit … fields …` for the others. Compiling the result for the
/// same target and form gives the document back (see the normalisations in the docs of
/// `sift_lower::json`).
///
/// Dates come back absolute: `today() - 7d` was resolved when it was compiled, and the JSON
/// holds only the result (`"2026-11-21"`), so the decompiled text says `2026-11-21`; the
/// intent cannot be recovered.
///
/// ```
/// use sift::{Options, Target, decompile, harvest};
///
/// let options = Options { target: Target::V2026_10, entity: Some("clients".into()), ..Options::default() };
/// let sift = decompile(r#"{"startswith":{"name":"Ac"}}"#, harvest(), &options, None)?;
/// assert_eq!(sift, r#"name startswith "Ac""#);
/// # Ok::<(), sift::Diagnostics>(())
/// ```
pub fn decompile(
    text: &str,
    catalog: &Catalog,
    options: &Options,
    form: Option<JsonForm>,
) -> Result<String, Diagnostics> {
    // Validated here rather than by `decompile_json`, so that denied warnings refuse it too.
    let validation = sift_lower::json::validate_json(text, &context(catalog, options), form);
    let found = options.lints.apply(diagnostics(validation.diagnostics));
    match validation.sift {
        _ if found.has_errors() => Err(found),
        Some(sift) => Ok(sift),
        None => Err(diagnostics(validation.refusals)),
    }
}
