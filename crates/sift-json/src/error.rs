//! Diagnostics about a JSON filter, query, params or request. Each is located twice: by byte
//! span in the JSON text (so miette renders it against the JSON source) and by JSON pointer
//! (so a program can find the member without counting bytes).

use std::fmt;

use std::sync::LazyLock;

use miette::{Diagnostic, LabeledSpan};
use sift_check::CheckError;
use sift_syntax::{Fix, Span, SuggestFix};
use strum::IntoEnumIterator;

/// What one finding says and where, whatever its code: the payload of every [`JsonError`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finding {
    /// What was expected and what was found, in one sentence.
    pub message: String,
    /// Where, in the JSON text.
    pub span: Span,
    /// The label under the span.
    pub label: String,
    /// Where, as an RFC 6901 JSON pointer (`/params/query/filter/and/1`).
    pub pointer: String,
    pub help: Option<String>,
    pub expected: Option<String>,
    pub found: Option<String>,
    /// The valid choices here: operators for the field's type, the nearest names, the keys
    /// that may appear.
    pub alternatives: Vec<String>,
    /// A machine-applicable edit of the JSON text.
    pub fix: Option<Fix>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding {}

/// The code comes from the [`JsonError`] variant, and so does the severity of a warning; the
/// rest from here.
impl Diagnostic for Finding {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = self.help.as_deref()?;
        Some(Box::new(help))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.label.is_empty()).then(|| self.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new(
            label,
            self.span.lo(),
            self.span.len(),
        ))))
    }
}

/// Declares [`JsonError`] from one list: each variant with its stable code
/// `sift::json::<name>` and, for warnings, its severity.
macro_rules! json_errors {
    ($( $(#[$doc:meta])* $variant:ident = $name:ident $(, $severity:ident)?; )*) => {
        /// One finding about a JSON document, by its stable code `sift::json::<name>`. The
        /// severity is the code's; a restated checker finding keeps the checker's.
        #[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Diagnostic, strum::EnumIter)]
        pub enum JsonError {
            $(
                $(#[$doc])*
                #[error("{}", .0.message)]
                #[diagnostic(code(sift::json::$name), $(severity($severity),)? forward(0))]
                $variant(Finding),
            )*
            /// A finding of the checker about the query read from the document, restated in
            /// JSON terms at its pointer (one code per checker code: see [`Restated`]).
            #[error(transparent)]
            #[diagnostic(transparent)]
            #[strum(disabled)]
            Check(Restated),
        }

        impl JsonError {
            /// What the finding says and where.
            pub fn finding(&self) -> &Finding {
                match self {
                    $( JsonError::$variant(finding) => finding, )*
                    JsonError::Check(restated) => &restated.finding,
                }
            }

            fn finding_mut(&mut self) -> &mut Finding {
                match self {
                    $( JsonError::$variant(finding) => finding, )*
                    JsonError::Check(restated) => &mut restated.finding,
                }
            }

            /// The last part of the code: `unknown_field` of `sift::json::unknown_field`.
            pub fn name(&self) -> &'static str {
                match self {
                    $( JsonError::$variant(_) => stringify!($name), )*
                    JsonError::Check(restated) => restated.name(),
                }
            }
        }
    };
}

json_errors! {
    InvalidJson = invalid_json;
    TooLarge = too_large;
    TooDeep = too_deep;
    TooManyNodes = too_many_nodes;
    ListTooLong = list_too_long;
    UnexpectedType = unexpected_type;
    DuplicateKey = duplicate_key;
    UnknownKey = unknown_key;
    MissingKey = missing_key;
    MisplacedKey = misplaced_key;
    LimitInQuery = limit_in_query;
    /// An empty `sort` or `fields`: omitted.
    EmptyMember = empty_member, Warning;
    UnknownOperator = unknown_operator;
    OperatorNotOnTarget = operator_not_on_target;
    NoOperator = no_operator;
    /// Several operator keys in one object, which the API ANDs: an explicit `and`.
    SeveralOperators = several_operators, Warning;
    NoField = no_field;
    SeveralFields = several_fields;
    EmptyFilter = empty_filter;
    EmptyLogic = empty_logic;
    /// An `and`/`or` of one condition: the condition alone.
    SingleOperand = single_operand, Warning;
    /// `-0`, which reads as `0` (sift has no negative zero).
    NegativeZero = negative_zero, Warning;
    NotWithList = not_with_list;
    InNotList = in_not_list;
    ValueNotScalar = value_not_scalar;
    IntegerOutOfRange = integer_out_of_range;
    BadSortItem = bad_sort_item;
    BadSortDirection = bad_sort_direction;
    BadLimit = bad_limit;
    BadFields = bad_fields;
    BadDedup = bad_dedup;
    /// `"client.name"` in `fields`: the key list `["client","name"]`.
    DottedField = dotted_field, Warning;
    UnknownAction = unknown_action;
    /// No sift form (a `cursor`): decompiling refuses it.
    NotDecompilable = not_decompilable;
    /// `params` without `query`: sift sends `"query": {}`.
    MissingQuery = missing_query, Warning;
    /// `query` beside `semantic`: dropped, as the API ignores it.
    IgnoredQuery = ignored_query, Warning;
    // The lowering's findings, restated (see `explain.rs`).
    SemanticNotOnTarget = semantic_not_on_target;
    WildcardInLiteral = wildcard_in_literal;
    SemanticNeedsParams = semantic_needs_params;
}

/// A finding of the checker about the query read from a JSON document, restated at its JSON
/// pointer in JSON terms. It wraps what the checker found rather than restating its code
/// table: its code is `sift::json::` with the checker's name for the finding
/// (`sift::check::unknown_field` → `sift::json::unknown_field`), its severity the checker's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restated {
    /// What the finding says and where, in JSON terms.
    pub finding: Finding,
    /// `sift::json::<name>`, from [`restated_codes`].
    code: &'static str,
    warning: bool,
}

/// The JSON code of one checker code, and whether its findings are warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestatedCode {
    check: String,
    /// `sift::json::<name>`.
    pub code: String,
    /// The checker reports it as a warning.
    pub warning: bool,
}

/// The JSON code of every checker code, derived from the checker's error enum.
pub fn restated_codes() -> &'static [RestatedCode] {
    static CODES: LazyLock<Vec<RestatedCode>> = LazyLock::new(|| {
        let mut codes: Vec<RestatedCode> = Vec::new();
        for finding in CheckError::iter() {
            let check = Diagnostic::code(&finding)
                .map(|c| c.to_string())
                .unwrap_or_default();
            if codes.iter().any(|c| c.check == check) {
                continue;
            }
            let name = check.rsplit("::").next().unwrap_or_default();
            codes.push(RestatedCode {
                code: format!("sift::json::{name}"),
                warning: finding.is_warning(),
                check,
            });
        }
        codes
    });
    &CODES
}

impl Restated {
    /// `finding`, the restatement of the checker's `found`.
    pub(crate) fn new(found: &CheckError, finding: Finding) -> Self {
        let check = Diagnostic::code(found)
            .map(|c| c.to_string())
            .unwrap_or_default();
        // Every checker code has its row: the table is derived from the checker's enum.
        let code = restated_codes()
            .iter()
            .find(|c| c.check == check)
            .map_or("", |c| c.code.as_str());
        Restated {
            finding,
            code,
            warning: found.is_warning(),
        }
    }

    /// The last part of the code: the checker's name for the finding.
    pub fn name(&self) -> &'static str {
        self.code.rsplit("::").next().unwrap_or_default()
    }
}

impl fmt::Display for Restated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.finding.fmt(f)
    }
}

impl std::error::Error for Restated {}

impl Diagnostic for Restated {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.warning {
            miette::Severity::Warning
        } else {
            miette::Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding.help()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.finding.labels()
    }
}

/// A code, named by its variant's constructor (`JsonError::UnknownKey`).
pub type Code = fn(Finding) -> JsonError;

impl JsonError {
    /// A finding of the code `code` (a variant, e.g. `JsonError::UnknownKey`) with the given
    /// parts; the rest is filled in with the builder methods.
    pub fn new(code: Code, span: Span, pointer: &str, message: impl Into<String>) -> Self {
        code(Finding {
            message: message.into(),
            span,
            pointer: pointer.to_owned(),
            ..Finding::default()
        })
    }

    /// The same finding under another code.
    pub fn recode(self, code: Code) -> Self {
        code(self.into_finding())
    }

    fn into_finding(self) -> Finding {
        let mut this = self;
        std::mem::take(this.finding_mut())
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.finding_mut().label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.finding_mut().help = Some(help.into());
        self
    }

    pub fn expected_found(mut self, expected: impl Into<String>, found: impl Into<String>) -> Self {
        let finding = self.finding_mut();
        finding.expected = Some(expected.into());
        finding.found = Some(found.into());
        self
    }

    pub fn alternatives<S: Into<String>>(mut self, all: impl IntoIterator<Item = S>) -> Self {
        self.finding_mut().alternatives = all.into_iter().map(Into::into).collect();
        self
    }

    pub fn fix(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.finding_mut().fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// Changes the parts of the finding in place.
    pub(crate) fn edit(mut self, change: impl FnOnce(&mut Finding)) -> Self {
        change(self.finding_mut());
        self
    }

    /// The stable code, `sift::json::<name>`.
    pub fn code_str(&self) -> String {
        format!("sift::json::{}", self.name())
    }

    pub fn is_warning(&self) -> bool {
        self.severity() == Some(miette::Severity::Warning)
    }

    pub fn span(&self) -> Span {
        self.finding().span
    }
}

/// The parts every finding has, read through the variant (`error.pointer`).
impl std::ops::Deref for JsonError {
    type Target = Finding;

    fn deref(&self) -> &Finding {
        self.finding()
    }
}

impl SuggestFix for JsonError {
    fn fix(&self) -> Option<Fix> {
        self.finding().fix.clone()
    }
}

pub(crate) use sift_lower::pointer_child as child;

/// `a`, `a or b`, `a, b or c`, each in backticks.
pub(crate) fn one_of(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::from("nothing"),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape() {
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
        assert_eq!(child("/x", "0"), "/x/0");
    }

    #[test]
    fn codes_are_unique_and_named_by_the_variant() {
        let mut codes: Vec<String> = JsonError::iter()
            .map(|e| {
                miette::Diagnostic::code(&e)
                    .map(|c| c.to_string())
                    .unwrap_or_default()
            })
            .collect();
        for (error, code) in JsonError::iter().zip(&codes) {
            assert_eq!(&error.code_str(), code);
        }
        let all = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all);
    }
}
