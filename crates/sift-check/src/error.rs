//! The checker's diagnostics. Every variant has a stable code, a message that says what was
//! expected and what was found, a labelled primary span and help; `fix` holds the
//! machine-applicable replacement where one exists.

use std::sync::Arc;

use miette::Diagnostic;
use sift_syntax::{Fix, Span, SuggestFix};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Error, Diagnostic, strum::EnumIter)]
pub enum CheckError {
    #[error(
        "no entity to search: expected `from <entity>` or an entity given with the request, found neither"
    )]
    #[diagnostic(code(sift::check::no_entity))]
    NoEntity {
        #[label("which entity does this filter search?")]
        span: Span,
        #[help]
        help: String,
    },

    #[error("unknown entity `{name}`: expected one of the {connector} entities")]
    #[diagnostic(code(sift::check::unknown_entity))]
    UnknownEntity {
        name: String,
        connector: String,
        #[label("not a {connector} entity")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("unknown field `{name}`: not a field of {owner}")]
    #[diagnostic(code(sift::check::unknown_field))]
    UnknownField {
        /// The segment(s) that did not resolve.
        name: String,
        /// Where it was looked up: "entity `users`", "object `client`", "the elements of `roles`".
        owner: String,
        #[label("not a field of {owner}")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error(
        "`{path}` walks into `{field}`, {} field: expected an object or array to have properties, found a scalar",
        with_article(ty)
    )]
    #[diagnostic(code(sift::check::path_into_scalar))]
    PathIntoScalar {
        path: String,
        field: String,
        ty: String,
        #[label("`{field}` has no properties")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error(
        "`{path}` reaches into the elements of the array `{array}`: expected `{array} any (…)` for a condition on its elements, found a dotted path"
    )]
    #[diagnostic(code(sift::check::path_through_array))]
    PathThroughArray {
        path: String,
        /// The array the path goes through first, as written (`line_items`).
        array: String,
        #[label("`{array}` is an array: conditions on its elements need `any (…)`")]
        span: Span,
        #[help]
        help: String,
        /// Rewrites the whole condition to the `any` form.
        fix: Option<Fix>,
    },

    #[error(
        "cannot sort by `{path}`: expected a field with one value per record, found a path into the elements of the array `{array}`"
    )]
    #[diagnostic(code(sift::check::path_through_array))]
    SortThroughArray {
        path: String,
        array: String,
        #[label("`{array}` holds any number of elements")]
        span: Span,
        #[help]
        help: String,
    },

    #[error(
        "cannot search entity `{name}`: expected an entity with searchable fields, found none declared for it by the {connector} connector"
    )]
    #[diagnostic(code(sift::check::entity_not_searchable))]
    EntityNotSearchable {
        name: String,
        connector: String,
        #[label("{reason}")]
        span: Span,
        /// The label: the entity in `from`, or why a condition points at it.
        reason: String,
        #[help]
        help: String,
    },

    #[error(
        "operator `{op}` does not apply to `{field}`: expected {needs}, found {} field",
        with_article(ty)
    )]
    #[diagnostic(code(sift::check::operator_type_mismatch))]
    OperatorTypeMismatch {
        field: String,
        ty: String,
        op: &'static str,
        /// What the operator works on: "a string field", "an array field", ...
        needs: &'static str,
        /// The operator the fix writes instead, when there is one.
        replacement: Option<sift_syntax::ast::OpKind>,
        #[label("`{op}` on this `{ty}` field")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("wrong value for `{field}` (type `{ty}`): expected {expected}, found {found}")]
    #[diagnostic(code(sift::check::value_type_mismatch))]
    ValueTypeMismatch {
        field: String,
        ty: String,
        expected: String,
        found: String,
        #[label("expected {expected}")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`{field}` is never null (its type is `{ty}`), so `{test}` is {always}")]
    #[diagnostic(code(sift::check::never_null), severity(Warning))]
    NeverNull {
        field: String,
        ty: String,
        /// The null test as written: `is null`, `is not null`, `= null`, `!= null`.
        test: String,
        /// "always false" or "always true".
        always: &'static str,
        /// The test is `is not null` or `!= null` (always true), not `is null` or `= null`.
        negated: bool,
        #[label("{always}: `{field}` is not nullable")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`{field}` holds strings, so `{op}` compares {found} as text")]
    #[diagnostic(code(sift::check::string_comparison), severity(Warning))]
    StringComparison {
        field: String,
        op: &'static str,
        found: String,
        #[label("a number compared with a `string` field")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_prompt), forward(0))]
    SemanticPrompt(SemanticProblem),

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_field), forward(0))]
    SemanticField(SemanticProblem),

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_not_configured), forward(0))]
    SemanticNotConfigured(SemanticProblem),

    #[error("`{name}` cannot be filtered in semantic search: {reason}")]
    #[diagnostic(code(sift::check::semantic_filter_field))]
    SemanticFilterField {
        /// The path's JSON key.
        name: String,
        reason: String,
        #[label("{label}")]
        span: Span,
        label: String,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_context_size), forward(0))]
    SemanticContextSize(SemanticProblem),

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_min), forward(0))]
    SemanticMin(SemanticProblem),

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_limit), forward(0))]
    SemanticLimit(SemanticProblem),

    #[error(transparent)]
    #[diagnostic(code(sift::check::semantic_sort), forward(0))]
    SemanticSort(SemanticProblem),

    #[error("`{op}` expects a list of at least one value, found an empty list")]
    #[diagnostic(code(sift::check::empty_list))]
    EmptyList {
        field: String,
        op: &'static str,
        #[label("empty list")]
        span: Span,
        #[help]
        help: String,
    },

    #[error(
        "cannot sort by `{field}`: expected a string, integer, number or boolean field, found `{ty}`"
    )]
    #[diagnostic(code(sift::check::unsortable_field))]
    UnsortableField {
        field: String,
        ty: String,
        #[label("`{ty}` fields have no order")]
        span: Span,
        #[help]
        help: String,
    },

    #[error("`limit 0` would return no records: expected a limit of 1 or more")]
    #[diagnostic(code(sift::check::limit_zero))]
    LimitZero {
        #[label("limit must be at least 1")]
        span: Span,
        #[help]
        help: String,
    },

    #[error("the filter nests deeper than {max} levels")]
    #[diagnostic(code(sift::check::too_deep))]
    TooDeep {
        max: usize,
        #[label("nesting goes past {max} levels here")]
        span: Span,
        #[help]
        help: String,
    },

    /// A syntax tree the parser never produces: an operator with another operator's
    /// right-hand side, or a decimal that is not a JSON number. Only hand-built trees have
    /// one; the typed query cannot represent it.
    #[error("internal error: malformed syntax tree: {problem}")]
    #[diagnostic(
        code(sift::check::malformed_tree),
        help(
            "this is a bug in the program that built the syntax tree; sift's parsers never produce one"
        )
    )]
    MalformedTree {
        problem: String,
        #[label("malformed")]
        span: Span,
    },

    #[error("`{path}` is not checked: `{opaque}` is {kind} with no declared properties")]
    #[diagnostic(code(sift::check::unchecked_path), severity(Warning))]
    UncheckedPath {
        path: String,
        opaque: String,
        /// "an object", "an array", or for `any` "an array whose elements".
        kind: String,
        #[label("not checked against the schema")]
        span: Span,
        #[help]
        help: String,
    },

    #[error(
        "`{path}` could name two fields; using the top-level field `{chosen}`, not the property inside `{other}`"
    )]
    #[diagnostic(code(sift::check::ambiguous_path), severity(Warning))]
    AmbiguousPath {
        path: String,
        chosen: String,
        other: String,
        #[label("resolved to the field `{chosen}`")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`like` without a `%` wildcard: {pattern} must match the whole value")]
    #[diagnostic(code(sift::check::like_without_wildcard), severity(Warning))]
    LikeWithoutWildcard {
        field: String,
        /// The pattern as a sift string literal.
        pattern: String,
        #[label("no `%` in the pattern")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error(
        "`and` inside `or` without parentheses: `and` binds tighter, so this group is evaluated first"
    )]
    #[diagnostic(
        code(sift::check::mixed_and_or),
        severity(Warning),
        help(
            "make the grouping explicit: `{} or …`; if you meant the `or` to bind first, put the parentheses around the `or` operands instead",
            quoted_prefix(grouped)
        )
    )]
    MixedAndOr {
        #[label("this `and` group is one operand of the `or`")]
        span: Span,
        /// The group in parentheses, canonically: the fix writes it over `span`, the help
        /// quotes it (written when rendered, not when found: a query may have many).
        grouped: String,
    },

    #[error(
        "contradiction: no value of `{field}` is both {first} and {second}, so this `and` matches nothing"
    )]
    #[diagnostic(code(sift::check::contradiction), severity(Warning))]
    Contradiction {
        field: String,
        /// The earlier bound, as sift text (`> 5`).
        first: String,
        /// The bound that contradicts it (`< 3`).
        second: String,
        #[label("cannot hold together with `{first}`")]
        span: Span,
        #[label("the other bound")]
        other: Span,
        #[help]
        help: String,
    },

    #[error(
        "empty range: `between {low} and {high}` matches nothing, the low bound is above the high bound"
    )]
    #[diagnostic(code(sift::check::contradiction), severity(Warning))]
    ReversedRange {
        field: String,
        low: String,
        high: String,
        #[label("{low} > {high}")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`{path}` is listed twice in `fields`")]
    #[diagnostic(code(sift::check::duplicate_field), severity(Warning))]
    DuplicateField {
        path: String,
        #[label("listed again here")]
        span: Span,
        #[label("first listed here")]
        first: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error(
        "the query searches `{from}`, not `{given}`: its `from` wins over the entity given with the request"
    )]
    #[diagnostic(code(sift::check::entity_overridden), severity(Warning))]
    EntityOverridden {
        from: String,
        given: String,
        #[label("this entity is searched, not `{given}`")]
        span: Span,
        #[help]
        help: String,
    },

    #[error(
        "`{time}` is a time, but `{field}` holds {}: expected a string field, or an integer field of Unix seconds",
        with_article(ty)
    )]
    #[diagnostic(code(sift::check::time_on_non_string))]
    TimeOnNonString {
        field: String,
        ty: String,
        time: String,
        #[label("a time compared with {}", with_article(ty))]
        span: Span,
        #[help]
        help: String,
    },

    #[error("`{time}` falls inside a day, but `{field}` holds dates: expected a whole-day time")]
    #[diagnostic(code(sift::check::time_finer_than_date))]
    TimeFinerThanDate {
        field: String,
        time: String,
        #[label("{reason}")]
        span: Span,
        reason: String,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`{time}` is outside the years -9999 to 9999 that dates are written in")]
    #[diagnostic(code(sift::check::time_out_of_range))]
    TimeOutOfRange {
        time: String,
        #[label("{reason}")]
        span: Span,
        reason: String,
        #[help]
        help: String,
    },

    #[error("`{time}` needs a clock, and none was given")]
    #[diagnostic(code(sift::check::no_clock))]
    NoClock {
        time: String,
        #[label("resolved against the caller's clock")]
        span: Span,
        #[help]
        help: String,
    },

    #[error(
        "the schema does not say whether `{field}` holds dates or date-times; `{time}` is sent as the UTC date-time {resolved}"
    )]
    #[diagnostic(code(sift::check::time_format_assumed), severity(Warning))]
    TimeFormatAssumed {
        field: String,
        time: String,
        resolved: String,
        #[label("sent as {resolved}")]
        span: Span,
        #[help]
        help: String,
    },

    #[error(
        "{value} is not a {form}: `{field}` holds {form_text}, and the API compares them as text"
    )]
    #[diagnostic(code(sift::check::not_a_date), severity(Warning))]
    NotADate {
        field: String,
        /// The value as sift writes it (cut short when long).
        value: String,
        /// `date` or `date-time`: the field's form.
        form: &'static str,
        /// The form in words: "dates written YYYY-MM-DD".
        form_text: &'static str,
        #[label("{label}")]
        span: Span,
        /// What the text comparison does with it.
        label: String,
        #[help]
        help: String,
        /// The one date the text can be read as; or, on a date field, the date that selects
        /// the same records.
        fix: Option<Fix>,
    },

    #[error("`{field}` holds {form}s, but {value} is a {found}: compared as text, {behaviour}")]
    #[diagnostic(code(sift::check::date_form_mismatch), severity(Warning))]
    DateFormMismatch {
        field: String,
        /// The value as sift writes it.
        value: String,
        /// `date` or `date-time`: the field's form.
        form: &'static str,
        /// `date-time` or `date`: the value's.
        found: &'static str,
        /// Where it sorts among the field's values.
        behaviour: String,
        #[label("{label}")]
        span: Span,
        /// What the text comparison does with it.
        label: String,
        #[help]
        help: String,
        /// On a date field, the date that selects the same records.
        fix: Option<Fix>,
    },

    #[error("redundant condition: {reason}")]
    #[diagnostic(
        code(sift::check::redundant_condition),
        severity(Warning),
        help("remove it: the query matches the same records without it")
    )]
    RedundantCondition {
        /// Shared by every repeat of one operand (a chain may repeat it many times).
        reason: Arc<str>,
        #[label("adds nothing")]
        span: Span,
        #[label("already says it")]
        other: Span,
        /// What the fix removes (the operand with its `and`/`or`), replaced by nothing.
        removal: Option<Span>,
    },

    #[error("tautology: `{first}` or `{second}` holds for every {kind} in `{field}`")]
    #[diagnostic(code(sift::check::tautology), severity(Warning))]
    Tautology {
        field: String,
        /// The JSON type the bounds order (`number`, `string`): what the schema declares the
        /// field holds, and all the claim covers.
        kind: &'static str,
        first: String,
        second: String,
        #[label("together with the other bound, covers every {kind}")]
        span: Span,
        #[label("the other bound")]
        other: Span,
        #[help]
        help: String,
    },

    #[error("`in` with one value is an equality: `{field} = {value}`")]
    #[diagnostic(code(sift::check::single_value_in), severity(Warning))]
    SingleValueIn {
        field: String,
        value: String,
        #[label("a list of one")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("{value} is listed twice in the list of `{field}`")]
    #[diagnostic(code(sift::check::duplicate_list_value), severity(Warning))]
    DuplicateListValue {
        field: String,
        value: String,
        #[label("listed again here")]
        span: Span,
        #[label("first listed here")]
        first: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("{what} on the nullable field `{field}` also matches records where `{field}` is null")]
    #[diagnostic(code(sift::check::negated_nullable), severity(Warning))]
    NegatedNullable {
        /// What negates: "`not` over a condition", "`!=`", "`not in`".
        what: &'static str,
        field: String,
        #[label("also true when `{field}` is null or missing")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("{what} reads better as `{replacement}`")]
    #[diagnostic(code(sift::check::negation_rewrite), severity(Warning))]
    NegationRewrite {
        what: String,
        replacement: String,
        #[label("same meaning, written without this `not`")]
        span: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("sorting by `{path}` does nothing: the filter pins it to {value}")]
    #[diagnostic(code(sift::check::sort_on_pinned_field), severity(Warning))]
    SortOnPinnedField {
        path: String,
        value: String,
        #[label("every result has the same `{path}`")]
        span: Span,
        #[label("pinned here")]
        pinned: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },

    #[error("`{path}` is a sort key twice; only its first occurrence matters")]
    #[diagnostic(code(sift::check::duplicate_sort_key), severity(Warning))]
    DuplicateSortKey {
        path: String,
        #[label("repeated sort key")]
        span: Span,
        #[label("first sort key on `{path}`")]
        first: Span,
        #[help]
        help: String,
        fix: Option<Fix>,
    },
}

/// Help texts quote at most this many characters of an expression.
const MAX_QUOTED: usize = 100;

/// `text`, cut to [`MAX_QUOTED`] characters with `…` when longer.
fn quoted_prefix(text: &str) -> std::borrow::Cow<'_, str> {
    // Bytes bound characters: most texts are short enough without counting.
    if text.len() <= MAX_QUOTED || text.chars().count() <= MAX_QUOTED {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut: String = text.chars().take(MAX_QUOTED).collect();
    cut.push('…');
    std::borrow::Cow::Owned(cut)
}

/// A type name with its indefinite article, for messages: "an `integer`", "a `string`".
pub fn with_article(ty: &str) -> String {
    let vowel = ty
        .trim_start_matches(['[', '('])
        .starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    format!("{} `{ty}`", if vowel { "an" } else { "a" })
}

/// What is wrong with a `similar to` clause (or a clause beside it): the payload of every
/// `semantic_*` finding but `semantic_filter_field`, whose code says which rule it breaks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SemanticProblem {
    /// What semantic search needs or cannot do, completing "semantic search …".
    pub problem: String,
    pub span: Span,
    pub label: String,
    pub help: String,
    pub fix: Option<Fix>,
}

impl std::fmt::Display for SemanticProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "semantic search {}", self.problem)
    }
}

impl std::error::Error for SemanticProblem {}

impl Diagnostic for SemanticProblem {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some(self.label.clone()),
            self.span.lo(),
            self.span.len(),
        ))))
    }
}

impl CheckError {
    /// The stable code, e.g. `sift::check::unknown_field`.
    pub fn code_str(&self) -> String {
        self.code().map(|c| c.to_string()).unwrap_or_default()
    }

    /// True for warnings; the query still compiles when every diagnostic is one.
    pub fn is_warning(&self) -> bool {
        self.severity() == Some(miette::Severity::Warning)
    }

    /// The primary span.
    pub fn span(&self) -> Span {
        match self {
            CheckError::NoEntity { span, .. }
            | CheckError::UnknownEntity { span, .. }
            | CheckError::UnknownField { span, .. }
            | CheckError::PathIntoScalar { span, .. }
            | CheckError::PathThroughArray { span, .. }
            | CheckError::SortThroughArray { span, .. }
            | CheckError::EntityNotSearchable { span, .. }
            | CheckError::OperatorTypeMismatch { span, .. }
            | CheckError::ValueTypeMismatch { span, .. }
            | CheckError::NeverNull { span, .. }
            | CheckError::StringComparison { span, .. }
            | CheckError::SemanticFilterField { span, .. }
            | CheckError::EmptyList { span, .. }
            | CheckError::UnsortableField { span, .. }
            | CheckError::LimitZero { span, .. }
            | CheckError::TooDeep { span, .. }
            | CheckError::MalformedTree { span, .. }
            | CheckError::UncheckedPath { span, .. }
            | CheckError::AmbiguousPath { span, .. }
            | CheckError::LikeWithoutWildcard { span, .. }
            | CheckError::MixedAndOr { span, .. }
            | CheckError::Contradiction { span, .. }
            | CheckError::ReversedRange { span, .. }
            | CheckError::DuplicateField { span, .. }
            | CheckError::DuplicateSortKey { span, .. }
            | CheckError::EntityOverridden { span, .. }
            | CheckError::TimeOnNonString { span, .. }
            | CheckError::TimeFinerThanDate { span, .. }
            | CheckError::TimeOutOfRange { span, .. }
            | CheckError::NoClock { span, .. }
            | CheckError::TimeFormatAssumed { span, .. }
            | CheckError::NotADate { span, .. }
            | CheckError::DateFormMismatch { span, .. }
            | CheckError::RedundantCondition { span, .. }
            | CheckError::Tautology { span, .. }
            | CheckError::SingleValueIn { span, .. }
            | CheckError::DuplicateListValue { span, .. }
            | CheckError::NegatedNullable { span, .. }
            | CheckError::NegationRewrite { span, .. }
            | CheckError::SortOnPinnedField { span, .. } => *span,
            CheckError::SemanticPrompt(problem)
            | CheckError::SemanticField(problem)
            | CheckError::SemanticNotConfigured(problem)
            | CheckError::SemanticContextSize(problem)
            | CheckError::SemanticMin(problem)
            | CheckError::SemanticLimit(problem)
            | CheckError::SemanticSort(problem) => problem.span,
        }
    }
}

impl SuggestFix for CheckError {
    fn fix(&self) -> Option<Fix> {
        match self {
            CheckError::UnknownEntity { fix, .. }
            | CheckError::UnknownField { fix, .. }
            | CheckError::PathIntoScalar { fix, .. }
            | CheckError::PathThroughArray { fix, .. }
            | CheckError::OperatorTypeMismatch { fix, .. }
            | CheckError::ValueTypeMismatch { fix, .. }
            | CheckError::AmbiguousPath { fix, .. }
            | CheckError::LikeWithoutWildcard { fix, .. }
            | CheckError::ReversedRange { fix, .. }
            | CheckError::DuplicateField { fix, .. }
            | CheckError::DuplicateSortKey { fix, .. }
            | CheckError::NeverNull { fix, .. }
            | CheckError::StringComparison { fix, .. }
            | CheckError::SemanticFilterField { fix, .. }
            | CheckError::TimeFinerThanDate { fix, .. }
            | CheckError::NotADate { fix, .. }
            | CheckError::DateFormMismatch { fix, .. }
            | CheckError::SingleValueIn { fix, .. }
            | CheckError::DuplicateListValue { fix, .. }
            | CheckError::NegatedNullable { fix, .. }
            | CheckError::NegationRewrite { fix, .. }
            | CheckError::SortOnPinnedField { fix, .. } => fix.clone(),
            CheckError::SemanticPrompt(problem)
            | CheckError::SemanticField(problem)
            | CheckError::SemanticNotConfigured(problem)
            | CheckError::SemanticContextSize(problem)
            | CheckError::SemanticMin(problem)
            | CheckError::SemanticLimit(problem)
            | CheckError::SemanticSort(problem) => problem.fix.clone(),
            CheckError::MixedAndOr { span, grouped } => Some(Fix {
                span: *span,
                replacement: grouped.clone(),
            }),
            CheckError::RedundantCondition { removal, .. } => removal.map(|span| Fix {
                span,
                replacement: String::new(),
            }),
            CheckError::NoEntity { .. }
            | CheckError::SortThroughArray { .. }
            | CheckError::EntityNotSearchable { .. }
            | CheckError::EmptyList { .. }
            | CheckError::UnsortableField { .. }
            | CheckError::LimitZero { .. }
            | CheckError::TooDeep { .. }
            | CheckError::MalformedTree { .. }
            | CheckError::UncheckedPath { .. }
            | CheckError::Contradiction { .. }
            | CheckError::EntityOverridden { .. }
            | CheckError::TimeOnNonString { .. }
            | CheckError::TimeOutOfRange { .. }
            | CheckError::NoClock { .. }
            | CheckError::TimeFormatAssumed { .. }
            | CheckError::Tautology { .. } => None,
        }
    }
}
