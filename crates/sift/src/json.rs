//! The way back from JSON: validate a JSON filter, query, params or request against the
//! schema, and decompile it to canonical sift text. Diagnostics are located in the JSON text
//! (byte range, hence line and column) and by JSON pointer.

use sift_json::JsonContext;
use sift_schema::Catalog;

use crate::{Diagnostic, Diagnostics, Options, Target};

pub use sift_json::JsonForm;

/// The outcome of [`validate_json`] and [`check_json`].
#[non_exhaustive]
#[must_use]
#[derive(Debug)]
pub struct Validation {
    /// The target the document was read for: `Options::target`, or with
    /// `Options::infer_target` the one its action and operators say.
    pub target: Target,
    /// The form the document was read as (given, or detected from its keys); `None` when the
    /// text is not a JSON object.
    pub form: Option<JsonForm>,
    /// Every diagnostic, in document order; the document is valid when none is an error.
    pub diagnostics: Diagnostics,
    /// The canonical sift text, when the document is valid (denied warnings included) and has
    /// a sift form.
    pub sift: Option<String>,
    /// Why a valid document has no sift form (a `cursor`): the errors of decompiling it.
    pub refusals: Diagnostics,
}

impl Validation {
    /// No diagnostic is an error.
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    /// The decompiled text with the warnings of the document, or why there is none: its
    /// errors, else the refusals. One validation serves both `validate` and `decompile`.
    pub fn into_sift(self) -> Result<(String, Diagnostics), Diagnostics> {
        match self.sift {
            _ if self.diagnostics.has_errors() => Err(self.diagnostics),
            Some(sift) => Ok((sift, self.diagnostics)),
            None => Err(self.refusals),
        }
    }
}

fn context<'c>(catalog: &'c Catalog, options: &'c Options, target: Target) -> JsonContext<'c> {
    JsonContext {
        catalog,
        target,
        limits: options.limits,
        entity: options.entity.as_deref(),
    }
}

fn diagnostics(errors: Vec<sift_json::JsonError>) -> Diagnostics {
    errors.into_iter().map(Diagnostic::json).collect()
}

/// Reads `text` with `read` for `options.target`, or, with `options.infer_target`, for the
/// target the document was written for: each target, newest first, until one reads it
/// without an error (a request's action names its targets, and operators such as `like` or
/// `startswith` exist only on some); when none does, the one with the fewest errors (the
/// newest of equals), so the diagnostics are those of the nearest reading. Errors are counted
/// before lint levels apply: a denied warning is not a misreading. A document valid on the
/// newest target is read once.
fn read_for_target(
    text: &str,
    catalog: &Catalog,
    options: &Options,
    read: fn(&str, &JsonContext<'_>, Option<JsonForm>) -> sift_json::JsonValidation,
) -> Validation {
    let for_target = |target| read(text, &context(catalog, options, target), options.form);
    if !options.infer_target {
        return outcome(for_target(options.target), options, options.target);
    }
    let mut nearest: Option<(usize, Target, sift_json::JsonValidation)> = None;
    for target in Target::ALL.into_iter().rev() {
        let validation = for_target(target);
        let errors = validation
            .diagnostics
            .iter()
            .filter(|d| !d.is_warning())
            .count();
        if errors == 0 {
            return outcome(validation, options, target);
        }
        if nearest.as_ref().is_none_or(|(least, ..)| errors < *least) {
            nearest = Some((errors, target, validation));
        }
    }
    match nearest {
        Some((_, target, validation)) => outcome(validation, options, target),
        None => outcome(for_target(options.target), options, options.target),
    }
}

/// Validates a JSON filter, query, params or request (`options.form`, or detected from its
/// keys) for `options.target`. The filter, query and params forms search `options.entity`; a request
/// names its own. Reports every problem in one run.
///
/// ```
/// use sift::schema::harvest;
/// use sift::{Options, Target, validate_json};
///
/// let options = Options::default().with_target(Target::V2026_10).with_entity("users");
/// let json = r#"{"and": [{"like": {"first_name": "A%"}}, {"eq": {"is_actve": true}}]}"#;
/// let validation = validate_json(json, harvest(), &options);
/// let codes = validation.diagnostics.codes();
/// assert_eq!(codes, ["sift::json::operator_not_on_target", "sift::json::unknown_field"]);
/// let reports = validation.diagnostics.to_reports(json);
/// assert_eq!(reports[1].pointer.as_deref(), Some("/and/1/eq/is_actve"));
/// ```
pub fn validate_json(text: &str, catalog: &Catalog, options: &Options) -> Validation {
    read_for_target(text, catalog, options, sift_json::validate_json)
}

/// The facade's view of a validation: the lint levels applied, and no sift text once a
/// denied warning has become an error.
fn outcome(validation: sift_json::JsonValidation, options: &Options, target: Target) -> Validation {
    let diagnostics = options.lints.apply(diagnostics(validation.diagnostics));
    Validation {
        target,
        form: validation.form,
        sift: validation.sift.filter(|_| !diagnostics.has_errors()),
        diagnostics,
        refusals: self::diagnostics(validation.refusals),
    }
}

/// [`validate_json`] without the canonical sift text, as [`check`](crate::check) is
/// [`compile`](crate::compile) without the output: the same diagnostics and refusals, `sift`
/// always `None`, and no formatting work for a valid document. For callers that only report
/// problems, such as CI over many stored filters.
///
/// ```
/// use sift::schema::harvest;
/// use sift::{Options, Target, check_json};
///
/// let options = Options::default().with_target(Target::V2026_10).with_entity("users");
/// let validation = check_json(r#"{"eq": {"is_active": true}}"#, harvest(), &options);
/// assert!(validation.is_valid() && validation.sift.is_none());
/// ```
pub fn check_json(text: &str, catalog: &Catalog, options: &Options) -> Validation {
    read_for_target(text, catalog, options, sift_json::check_json)
}

/// Decompiles a valid JSON document (read as `options.form`, or as detected) to canonical
/// sift text: a bare filter for the `filter` form, `from … where … sort … limit … fields …` for the others. Compiling the result for the
/// same target and form gives the document back (see the normalisations in the docs of
/// `sift_json`).
///
/// Dates come back absolute: `today() - 7d` was resolved when it was compiled, and the JSON
/// holds only the result (`"2026-11-21"`), so the decompiled text says `2026-11-21`; the
/// intent cannot be recovered.
///
/// ```
/// use sift::schema::harvest;
/// use sift::{Options, Target, decompile};
///
/// let options = Options::default().with_target(Target::V2026_10).with_entity("clients");
/// let sift = decompile(r#"{"startswith":{"name":"Ac"}}"#, harvest(), &options)?;
/// assert_eq!(sift, r#"name startswith "Ac""#);
/// # Ok::<(), sift::Diagnostics>(())
/// ```
pub fn decompile(text: &str, catalog: &Catalog, options: &Options) -> Result<String, Diagnostics> {
    validate_json(text, catalog, options)
        .into_sift()
        .map(|(sift, _warnings)| sift)
}
