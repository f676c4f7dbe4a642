//! The catalog model: what a connector says its searchable entities and fields are.

use serde::{Deserialize, Serialize};

use crate::SemanticSearch;

/// All searchable entities of one connector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// The connector's name (`harvest`).
    pub connector: String,
    /// The connector definition's id (`info.x-airbyte-connector-definition-id`), with which the
    /// hosted API finds the connector in a workspace; `None` when the spec does not say.
    pub definition_id: Option<String>,
    pub entities: Vec<Entity>,
}

impl Catalog {
    /// The entity named exactly `name`.
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.name == name)
    }

    /// Every entity name, in catalog order.
    pub fn entity_names(&self) -> impl Iterator<Item = &str> {
        self.entities.iter().map(|e| e.name.as_str())
    }

    /// The entities with at least one field configured for semantic search, in catalog order.
    pub fn semantic_entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities
            .iter()
            .filter(|e| e.semantic_fields().next().is_some())
    }

    /// How many fields the catalog declares at the top level of its entities.
    pub fn field_count(&self) -> usize {
        self.entities.iter().map(|e| e.fields.len()).sum()
    }
}

/// One searchable entity (`clients`) and its searchable fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The name filters and requests use.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A storage name the connector gives the entity (`x-airbyte-name`), kept as metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_name: Option<String>,
    pub fields: Vec<Field>,
    /// Why the connector declares no searchable fields for it
    /// (`x-airbyte-skip-searchable-fields`), when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsearchable_reason: Option<String>,
}

impl Entity {
    /// The top-level field named exactly `name` (dots included: `customer.id` may be one field).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Every top-level field name, in catalog order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.name.as_str())
    }
}

/// A searchable field, or a nested property of an object or array element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A storage name the connector gives the field (`x-airbyte-name`), kept as metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_name: Option<String>,
    /// For a field holding times: a string field's `date`/`date-time` form, or an integer
    /// field's `unix-time` (seconds since 1970-01-01T00:00:00Z), which decides the value
    /// relative times (`today() - 7d`) and date literals become. `None`: not known to hold
    /// times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<TimeFormat>,
    /// How the field is searched by meaning (`similar to … in FIELD`), when the connector
    /// configures it (`x-airbyte-semantic-search`, top-level fields only). Boxed: few fields
    /// have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic_search: Option<Box<SemanticSearch>>,
}

/// The form of the times a field holds (JSON Schema's `format`, and `unix-time` as in
/// OpenAPI specs that declare Unix timestamps).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeFormat {
    /// `2026-11-21`, a string.
    #[serde(rename = "date")]
    Date,
    /// `2026-11-21T05:00:00Z`, a string.
    #[serde(rename = "date-time")]
    DateTime,
    /// `1795219200`: an integer counting seconds since 1970-01-01T00:00:00Z.
    #[serde(rename = "unix-time")]
    UnixTime,
}

impl TimeFormat {
    /// The format a JSON Schema `format` value names, if it is one of times.
    pub fn from_schema(format: &str) -> Option<TimeFormat> {
        match format {
            "date" => Some(TimeFormat::Date),
            "date-time" => Some(TimeFormat::DateTime),
            "unix-time" => Some(TimeFormat::UnixTime),
            _ => None,
        }
    }

    /// The format a field's schema gives it: the declared `format` when it names one that
    /// fits the type (`date`/`date-time` on a string field, `unix-time` on an integer field),
    /// else the guess from its name ([`TimeFormat::guess`]) when nothing else is declared. A
    /// declared format naming no time (`format: email`) stops the guess, except `int32` and
    /// `int64`, which give an integer's size, not its meaning. `camel_case_siblings`: some
    /// field beside this one (in its entity, or in its object) has an upper-case letter in
    /// its name.
    pub fn of_field(
        name: &str,
        ty: &Type,
        declared: Option<&str>,
        camel_case_siblings: bool,
    ) -> Option<TimeFormat> {
        let fits = |format: TimeFormat| match format {
            TimeFormat::Date | TimeFormat::DateTime => ty.has(Kind::String),
            TimeFormat::UnixTime => holds_only_integers(ty),
        };
        match declared {
            Some("int32" | "int64") | None => TimeFormat::guess(name, ty, camel_case_siblings),
            Some(format) => TimeFormat::from_schema(format),
        }
        .filter(|&format| fits(format))
    }

    /// The format a field's name suggests when its schema declares none. A string field:
    /// `*_at` holds date-times; `date`, `*_date` and `*_on` hold dates. An integer field (and
    /// only integers, null aside) named in snake case `created`, `updated`, `timestamp`,
    /// `*_timestamp`, `*_at`, `date`, `*_date` or `*_on` holds Unix seconds — unless a field
    /// beside it is named in camel case: the APIs that name fields so (LinkedIn's `created`,
    /// Amplitude's, Confluence's) count milliseconds.
    pub fn guess(name: &str, ty: &Type, camel_case_siblings: bool) -> Option<TimeFormat> {
        if ty.has(Kind::String) {
            return TimeFormat::guess_from_name(name);
        }
        let unix = holds_only_integers(ty)
            && !camel_case_siblings
            && !has_upper_case(name)
            && (matches!(name, "created" | "updated" | "timestamp")
                || name.ends_with("_timestamp")
                || TimeFormat::guess_from_name(name).is_some());
        unix.then_some(TimeFormat::UnixTime)
    }

    /// The format a string field's name suggests: `*_at` holds date-times; `date`, `*_date`
    /// and `*_on` hold dates.
    pub fn guess_from_name(name: &str) -> Option<TimeFormat> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("_at") {
            Some(TimeFormat::DateTime)
        } else if lower == "date" || lower.ends_with("_date") || lower.ends_with("_on") {
            Some(TimeFormat::Date)
        } else {
            None
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            TimeFormat::Date => "date",
            TimeFormat::DateTime => "date-time",
            TimeFormat::UnixTime => "unix-time",
        }
    }
}

/// True when `name` has an upper-case letter (camel case: `createdAt`, `lastModified`).
pub fn has_upper_case(name: &str) -> bool {
    name.chars().any(char::is_uppercase)
}

/// True for `integer` and `null | integer`: a Unix time is a whole number and nothing else.
fn holds_only_integers(ty: &Type) -> bool {
    ty.kinds == [Kind::Integer]
}

/// A field's type: one or more kinds (a union), nullable or not, and for objects and arrays the
/// declared properties (of the object, or of each array element), if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Type {
    /// Never empty. More than one kind is a union (`["boolean","number"]`).
    pub kinds: Vec<Kind>,
    pub nullable: bool,
    /// Declared properties of an object, or of the elements of an array. `None` means none are
    /// declared: sub-paths are accepted but not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Field>>,
}

impl Type {
    /// A single, non-nullable kind without properties.
    pub fn of(kind: Kind) -> Self {
        Type {
            kinds: vec![kind],
            nullable: false,
            properties: None,
        }
    }

    pub fn has(&self, kind: Kind) -> bool {
        self.kinds.contains(&kind)
    }

    /// The same type, nullable.
    pub fn into_nullable(mut self) -> Self {
        self.nullable = true;
        self
    }

    /// True when some member is an object or an array, so that sub-paths may walk into it.
    pub fn is_composite(&self) -> bool {
        self.kinds.iter().any(|k| !k.is_scalar())
    }

    /// True when every member is a scalar (string, integer, number, boolean).
    pub fn is_scalar(&self) -> bool {
        !self.is_composite()
    }

    /// The property named exactly `name`, if properties are declared.
    pub fn property(&self, name: &str) -> Option<&Field> {
        self.properties.as_ref()?.iter().find(|f| f.name == name)
    }
}

impl std::fmt::Display for Type {
    /// `string`, `null | integer`, `boolean | number`: the way the connector docs write types.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.nullable {
            f.write_str("null | ")?;
        }
        for (i, kind) in self.kinds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            f.write_str(kind.as_str())?;
        }
        Ok(())
    }
}

/// A JSON-schema kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

impl Kind {
    /// True for string, integer, number and boolean.
    pub const fn is_scalar(self) -> bool {
        !matches!(self, Kind::Object | Kind::Array)
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Object => "object",
            Kind::Array => "array",
        }
    }
}
