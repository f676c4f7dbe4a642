//! # sift
//!
//! sift compiles readable filter queries to the JSON filter objects of the search API of the
//! agent connectors, checking names and types against the entity's schema on the way.
//!
//! ```
//! use sift::{Options, compile, harvest};
//!
//! let options = Options::default().with_entity("clients");
//! let compiled = compile(r#"is_active = true and name ~ "Acme""#, harvest(), &options)?;
//! assert_eq!(
//!     compiled.texts(),
//!     [r#"{"query":{"filter":{"and":[{"eq":{"is_active":true}},{"fuzzy":{"name":"Acme"}}]}}}"#]
//! );
//! // Each output says where it came from.
//! assert_eq!(compiled.outputs[0].entity, "clients");
//! # Ok::<(), sift::Diagnostics>(())
//! ```
//!
//! A query names its entity itself; [`Options::target`] picks the API version and
//! [`Options::emit`] how much of the request to produce:
//!
//! ```
//! use sift::{Emit, Options, Target, compile, harvest};
//!
//! let options = Options::default()
//!     .with_target(Target::V2026_10)
//!     .with_emit(Emit::Request);
//! let source = r#"from users where email endswith "@acme.com" limit 10"#;
//! let compiled = compile(source, harvest(), &options)?;
//! assert_eq!(
//!     compiled.outputs[0].json,
//!     r#"{"entity":"users","action":"context_store_search","params":{"query":{"filter":{"endswith":{"email":"@acme.com"}}},"limit":10}}"#
//! );
//! # Ok::<(), sift::Diagnostics>(())
//! ```
//!
//! Errors are data: every phase's diagnostics come back together, each with a stable code,
//! a labelled span, help and, where one exists, a machine-applicable fix. Render them with
//! `miette`, or turn them into plain records with [`Diagnostics::to_reports`]:
//!
//! ```
//! use sift::{Options, compile, harvest};
//!
//! let source = "from users where is_actve = true";
//! let Err(diagnostics) = compile(source, harvest(), &Options::default()) else {
//!     panic!("expected an error");
//! };
//! let reports = diagnostics.to_reports(source);
//! assert_eq!(reports[0].code, "sift::check::unknown_field");
//! assert_eq!((reports[0].line, reports[0].column), (1, 18));
//! ```
//!
//! The library never prints and never panics on any input; see the architecture below.
//!
#![doc = include_str!("../../../ARCHITECTURE.md")]
#![deny(missing_docs)]

mod codes;
mod diagnostic;
mod explain;
pub mod fix;
mod json;
mod lints;
mod pipeline;
mod report;

#[cfg(test)]
mod tests;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use explain::{
    ClockInfo, ExplainNode, Explanation, ResolvedTimeInfo, SemanticInfo, Setting, explain,
};
pub use jiff::Timestamp;
pub use jiff::civil::Weekday;
pub use jiff::tz::{Offset, TimeZone};
pub use json::{
    JsonError, JsonForm, Validation, decompile, validate_json, validate_json_diagnostics,
};
pub use lints::{
    CodeInfo, Denied, FixKind, Level, LintLevelError, LintLevels, WARNINGS_GROUP, code_info, codes,
    codes_intro,
};
pub use pipeline::{Compiled, Output, check, compile, format};
pub use report::{
    ByteRange, DiagnosticReport, FileReport, ReportFix, ReportLabel, ReportSeverity, ReportSummary,
    SourceIndex,
};
pub use sift_check::{CheckError, Clock, ResolvedTime};
pub use sift_lower::{Emit, LowerError, ParseEmitError, ParseTargetError, Target};

/// Completion data for REPLs and editors: entities, fields (nested paths flattened, written as
/// sift writes them), types, descriptions and the operators valid for each field.
pub mod completion {
    pub use sift_check::{
        EntityCompletion, FieldCompletion, entity_completions, field_completions,
        field_completions_of, semantic_filter_completions,
    };
}

/// Names for people: "did you mean" suggestions and field names written as sift source
/// writes them, for messages and tables at the edge (the CLI, a REPL, an editor).
pub mod naming {
    use std::borrow::Cow;

    use sift_schema::Catalog;
    use sift_syntax::Span;
    use sift_syntax::ast::{Name, Path};

    pub use sift_check::suggest;

    /// The entity of `catalog` nearest to the unknown `name` (edit distance, case-aware).
    pub fn nearest_entity<'c>(catalog: &'c Catalog, name: &str) -> Option<&'c str> {
        suggest(name, catalog.entity_names()).into_iter().next()
    }

    /// A field name as sift source writes it: bare where it can be, in backticks where it must
    /// be (`customer.id` is one field, so it prints as `` `customer.id` ``).
    pub fn format_field_name(name: &str) -> String {
        let segment = Name {
            span: Span::default(),
            text: Cow::Borrowed(name),
            quoted: false,
        };
        sift_syntax::format_path(&Path {
            span: Span::default(),
            segments: sift_syntax::ast::Segments::one(segment),
        })
    }
}

pub use sift_schema::{
    Catalog, Entity, Field, Kind, LoadedCatalog, MetadataType, SemanticMetadata, SemanticSearch,
    SpecError, TimeFormat, Type, harvest, load_connector_spec,
};
pub use sift_syntax::{
    DateForm, Fix, Limits, NotADate, Span, SuggestFix, SyntaxError, date_form, is_bidi_control,
};

/// How to run every entry point: the API version, the output form, resource limits, the entity
/// of a bare filter expression, the lint levels, and the form a JSON document is read as.
///
/// Built with [`Options::default`] and the `with_` methods (new settings may be added, so the
/// struct cannot be written as a literal outside this crate):
///
/// ```
/// use sift::{Emit, Options, Target};
///
/// let options = Options::default()
///     .with_target(Target::V2026_10)
///     .with_emit(Emit::Request)
///     .with_entity("users");
/// assert_eq!(options.entity.as_deref(), Some("users"));
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The API version to lower for (and to validate JSON against); default 2026-10, the API as it is today.
    pub target: Target,
    /// Whether [`validate_json`] and [`decompile`] read a document for the target it was
    /// written for (a request's action, operators that exist only on some targets) instead of
    /// `target`; off by default, and turned off by [`Options::with_target`]. The chosen target
    /// is [`Validation::target`].
    pub infer_target: bool,
    /// What each output of [`compile`] contains; default `params`.
    pub emit: Emit,
    /// Limits on input size, nesting, list length and node count.
    pub limits: Limits,
    /// The entity a bare filter expression (or a JSON filter, query or params) searches; a
    /// query's `from` or a request's `entity` wins over it.
    pub entity: Option<String>,
    /// Which warnings to drop or to turn into errors; applied to every result's diagnostics.
    pub lints: LintLevels,
    /// The form [`validate_json`] and [`decompile`] read a document as; `None`: detected from
    /// its keys.
    pub form: Option<JsonForm>,
    /// The instant relative times (`today() - 7d`) are resolved against; `None`: the system
    /// clock, read once per call (the only clock the library reads).
    pub now: Option<Timestamp>,
    /// The time zone whose calendar `today()`, `start_of_week()` and day arithmetic use;
    /// `None`: UTC.
    pub time_zone: Option<TimeZone>,
    /// The day `start_of_week()` goes back to; `None`: Monday.
    pub week_start: Option<Weekday>,
}

impl Options {
    /// The clock relative times resolve against: `now`, `time_zone` and `week_start` with
    /// their defaults filled in.
    ///
    /// ```
    /// use sift::{Emit, Offset, Options, TimeZone, compile, harvest};
    ///
    /// let options = Options::default()
    ///     .with_now("2026-11-28T12:00:00Z".parse().unwrap())
    ///     .with_emit(Emit::Filter);
    /// let week = compile("from time_entries where spent_date >= today() - 7d", harvest(), &options)?;
    /// assert_eq!(week.outputs[0].json, r#"{"gte":{"spent_date":"2026-11-21"}}"#);
    ///
    /// // Five hours behind UTC (`--tz America/New_York` in the CLI reads the zone database).
    /// let new_york = options.with_time_zone(TimeZone::fixed(Offset::constant(-5)));
    /// let month = compile("from invoices where created_at >= start_of_month()", harvest(), &new_york)?;
    /// assert_eq!(month.outputs[0].json, r#"{"gte":{"created_at":"2026-11-01T05:00:00Z"}}"#);
    /// # Ok::<(), sift::Diagnostics>(())
    /// ```
    pub fn clock(&self) -> Clock {
        Clock {
            now: self.now.unwrap_or_else(Timestamp::now),
            time_zone: self.time_zone.clone().unwrap_or(TimeZone::UTC),
            week_start: self.week_start.unwrap_or(Weekday::Monday),
        }
    }

    /// These options for `target` (JSON documents are read for it too: no inference).
    pub fn with_target(mut self, target: Target) -> Self {
        self.target = target;
        self.infer_target = false;
        self
    }

    /// These options reading each JSON document for the target it was written for (see
    /// [`Options::infer_target`]); compiling sift text still uses `target`.
    pub fn with_inferred_target(mut self) -> Self {
        self.infer_target = true;
        self
    }

    /// These options emitting `emit`.
    pub fn with_emit(mut self, emit: Emit) -> Self {
        self.emit = emit;
        self
    }

    /// These options with `limits`.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// These options with `entity` for bare filters.
    pub fn with_entity(mut self, entity: impl Into<String>) -> Self {
        self.entity = Some(entity.into());
        self
    }

    /// These options with the lint levels `lints`.
    pub fn with_lints(mut self, lints: LintLevels) -> Self {
        self.lints = lints;
        self
    }

    /// These options reading JSON documents as `form` (`None`: detected).
    pub fn with_form(mut self, form: Option<JsonForm>) -> Self {
        self.form = form;
        self
    }

    /// These options resolving relative times against the instant `now`.
    pub fn with_now(mut self, now: Timestamp) -> Self {
        self.now = Some(now);
        self
    }

    /// These options counting calendar days in `time_zone`.
    pub fn with_time_zone(mut self, time_zone: TimeZone) -> Self {
        self.time_zone = Some(time_zone);
        self
    }

    /// These options with weeks starting on `week_start`.
    pub fn with_week_start(mut self, week_start: Weekday) -> Self {
        self.week_start = Some(week_start);
        self
    }
}
