//! Diagnostics of the connector.yaml loader. Each names the file, the line and column, the YAML
//! path of the problem (`info.x-airbyte-context-store.entities[3].fields[7].type`) and the
//! reason; the byte span lets a renderer show the spot when it has the text.

use miette::Diagnostic;
use sift_syntax::Span;
use thiserror::Error;

/// Where a problem is: the file as the caller named it, 1-based line and column, and the YAML
/// path (empty for the document itself).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecLocation {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
}

impl std::fmt::Display for SpecLocation {
    /// `specs/x/connector.yaml:12:19: at info.x-airbyte-context-store.entities[0].fields[1].type`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: at ", self.origin, self.line, self.column)?;
        if self.path.is_empty() {
            f.write_str("the document root")
        } else {
            f.write_str(&self.path)
        }
    }
}

/// A problem in a connector.yaml. Errors make the load fail; warnings (see
/// [`SpecError::is_warning`]) ride along with a loaded catalog.
#[derive(Clone, Debug, PartialEq, Eq, Error, Diagnostic, strum::EnumIter)]
pub enum SpecError {
    #[error("{}:{}:{}: not a YAML document: {reason}", .at.origin, .at.line, .at.column)]
    #[diagnostic(
        code(sift::schema::not_yaml),
        help("a connector spec is one YAML document; fix the syntax at this position")
    )]
    NotYaml {
        at: SpecLocation,
        reason: String,
        #[label("here")]
        span: Span,
    },

    #[error("{at}: expected {expected}, found {found}")]
    #[diagnostic(
        code(sift::schema::wrong_shape),
        help(
            "searchable entities are listed under `info.x-airbyte-context-store.entities`, each a mapping with `entity` and a list of `fields`, each field a mapping with `name`, `type` and optional `description` and `properties`"
        )
    )]
    WrongShape {
        at: SpecLocation,
        expected: &'static str,
        found: &'static str,
        #[label("expected {expected}")]
        span: Span,
    },

    #[error("{at}: {what} has no `{key}`")]
    #[diagnostic(code(sift::schema::missing_key), help("add `{key}` to this mapping"))]
    MissingKey {
        at: SpecLocation,
        key: &'static str,
        /// "the spec", "an entity", "a field".
        what: &'static str,
        #[label("no `{key}` here")]
        span: Span,
    },

    #[error("{at}: {problem}")]
    #[diagnostic(code(sift::schema::bad_semantic_search))]
    BadSemanticSearch {
        at: SpecLocation,
        /// What is wrong with the field's `x-airbyte-semantic-search` block.
        problem: String,
        #[help]
        help: String,
        #[label("in the semantic search configuration")]
        span: Span,
    },

    #[error("{at}: the name is empty")]
    #[diagnostic(
        code(sift::schema::empty_name),
        help("entities, fields and properties need a non-empty name")
    )]
    EmptyName {
        at: SpecLocation,
        #[label("empty name")]
        span: Span,
    },

    #[error(
        "{at}: unknown type `{found}`: expected string, integer, number, boolean, object, array or null"
    )]
    #[diagnostic(
        code(sift::schema::unknown_type),
        help(
            "a type is one JSON-schema type name or a list of them, e.g. `string` or `[\"null\", \"string\"]`"
        )
    )]
    UnknownType {
        at: SpecLocation,
        found: String,
        #[label("not a JSON-schema type")]
        span: Span,
    },

    #[error("{at}: the type names no kind besides `null`")]
    #[diagnostic(
        code(sift::schema::empty_type),
        help("name at least one of string, integer, number, boolean, object, array")
    )]
    EmptyType {
        at: SpecLocation,
        #[label("no kind")]
        span: Span,
    },

    #[error("{at}: properties nested deeper than {max} levels")]
    #[diagnostic(
        code(sift::schema::too_deep),
        help("sift reads nested properties down to {max} levels; flatten the schema")
    )]
    TooDeep {
        at: SpecLocation,
        max: usize,
        #[label("level {max} ends here")]
        span: Span,
    },

    #[error("{at}: the spec expands to more than {max} fields and properties")]
    #[diagnostic(
        code(sift::schema::too_large),
        help("aliases that repeat large lists multiply the size of a spec; list fields directly")
    )]
    TooLarge {
        at: SpecLocation,
        max: usize,
        #[label("the limit is reached here")]
        span: Span,
    },

    #[error("{at}: the key `{key}` appears more than once in this mapping")]
    #[diagnostic(
        code(sift::schema::duplicate_key),
        help("YAML keys are unique within a mapping; remove or rename one")
    )]
    DuplicateKey {
        at: SpecLocation,
        key: String,
        #[label("second `{key}`")]
        span: Span,
    },

    #[error(
        "{at}: the spec has no `x-airbyte-context-store`, so none of its entities is searchable"
    )]
    #[diagnostic(
        code(sift::schema::no_context_store),
        severity(Warning),
        help("searchable entities are listed under `info.x-airbyte-context-store.entities`")
    )]
    NoContextStore {
        at: SpecLocation,
        #[label("no context store")]
        span: Span,
    },

    #[error("{at}: `{name}` is declared more than once; the first declaration is used")]
    #[diagnostic(
        code(sift::schema::duplicate_name),
        severity(Warning),
        help("remove or rename the repeated declaration")
    )]
    DuplicateName {
        at: SpecLocation,
        name: String,
        #[label("repeated")]
        span: Span,
    },

    #[error(
        "{at}: properties of a `{ty}` value are ignored: only objects and arrays have properties"
    )]
    #[diagnostic(
        code(sift::schema::properties_ignored),
        severity(Warning),
        help(
            "give the field the type `object` (or `array` for element properties), or drop `properties`"
        )
    )]
    PropertiesIgnored {
        at: SpecLocation,
        ty: String,
        #[label("ignored")]
        span: Span,
    },

    #[error(
        "{at}: element properties are declared both in `properties` and in `items.properties`; `items.properties` is used"
    )]
    #[diagnostic(
        code(sift::schema::conflicting_properties),
        severity(Warning),
        help("declare the properties of array elements in one place")
    )]
    ConflictingProperties {
        at: SpecLocation,
        #[label("ignored")]
        span: Span,
    },
}

impl SpecError {
    /// Where the problem is.
    pub fn location(&self) -> &SpecLocation {
        match self {
            SpecError::NotYaml { at, .. }
            | SpecError::WrongShape { at, .. }
            | SpecError::MissingKey { at, .. }
            | SpecError::EmptyName { at, .. }
            | SpecError::BadSemanticSearch { at, .. }
            | SpecError::UnknownType { at, .. }
            | SpecError::EmptyType { at, .. }
            | SpecError::TooDeep { at, .. }
            | SpecError::TooLarge { at, .. }
            | SpecError::DuplicateKey { at, .. }
            | SpecError::NoContextStore { at, .. }
            | SpecError::DuplicateName { at, .. }
            | SpecError::PropertiesIgnored { at, .. }
            | SpecError::ConflictingProperties { at, .. } => at,
        }
    }

    /// Where the problem is in the spec's text: its one label.
    pub fn span(&self) -> Span {
        self.labels()
            .and_then(|mut labels| labels.next())
            .map(|label| Span::new(label.offset(), label.offset() + label.len()))
            .unwrap_or_default()
    }

    /// True for the warnings: the catalog loads, with something the user should know.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            SpecError::NoContextStore { .. }
                | SpecError::DuplicateName { .. }
                | SpecError::PropertiesIgnored { .. }
                | SpecError::ConflictingProperties { .. }
        )
    }

    /// The stable code, e.g. `sift::schema::unknown_type`.
    pub fn code_str(&self) -> String {
        self.code().map(|c| c.to_string()).unwrap_or_default()
    }
}
