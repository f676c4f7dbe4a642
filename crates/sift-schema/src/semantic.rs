//! Semantic search as a connector configures it, per field (`x-airbyte-semantic-search`): the
//! unit the field's text is cut into, the metadata each unit carries, the most context a hit
//! can return, and the chunk-level namespace that the filter of a semantic query names.

use serde::{Deserialize, Serialize};

use crate::{Entity, Field, Kind, TimeFormat, Type};

/// The unit label when the spec names none.
pub const DEFAULT_UNIT_LABEL: &str = "chunk";

/// Names no metadata column or unit may take: the server computes them for each hit
/// (`metadata.score`, `metadata.context`), and they cannot be filtered on.
pub const COMPUTED_OUTPUTS: [&str; 2] = ["score", "context"];

/// The suffixes of the columns the server adds to every unit, after `<unit>`.
const UNIT_COLUMNS: [&str; 3] = ["_context", "_chunk_id", "_chunk_index"];

/// How one field is searched by meaning.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SemanticSearch {
    /// What one unit of the field's text is called (`project`, `comment_paragraph`);
    /// [`DEFAULT_UNIT_LABEL`] when the spec names none.
    pub unit_label: String,
    /// The most characters of context a hit returns (the bound of `context_size`); `None`
    /// when the spec sets no bound (`0` or nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_max_chars: Option<u64>,
    /// The metadata columns each unit carries, in spec order.
    pub metadata: Vec<SemanticMetadata>,
    /// What the filter of a semantic query on this field can name, typed: derived by
    /// [`SemanticSearch::new`] from the rest and the field's name (see there).
    pub filter_fields: Vec<Field>,
}

/// One metadata column of a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SemanticMetadata {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: MetadataType,
    /// Where the value comes from: `/workspace.gid` (a leading `/`) is a field of the record;
    /// any other path is relative to the unit (per-unit attribution, such as a speaker).
    pub path: String,
}

impl SemanticMetadata {
    /// True for per-unit attribution, false for a value of the record.
    pub fn per_unit(&self) -> bool {
        !self.path.starts_with('/')
    }
}

/// The type of a metadata column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetadataType {
    String,
    Array,
}

impl MetadataType {
    /// The type a spec names (`string`, `array`).
    pub fn named(name: &str) -> Option<MetadataType> {
        match name {
            "string" => Some(MetadataType::String),
            "array" => Some(MetadataType::Array),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            MetadataType::String => "string",
            MetadataType::Array => "array",
        }
    }
}

impl SemanticSearch {
    /// The configuration of the field `field`, with its filter namespace derived:
    ///
    /// - each metadata column, `null | string` or `null | array` as declared (a record may
    ///   lack the value);
    /// - `<unit>`, the text of one unit, and `<unit>_context`, the stored context around it:
    ///   `string`;
    /// - `<unit>_chunk_id`, an opaque `string` id, and `<unit>_chunk_index`, the unit's
    ///   position in its record, an `integer`;
    /// - the field's own name, when no column above has it: an alias of `<unit>`, so it
    ///   matches one unit's text, not the whole field (when a metadata column has the name,
    ///   it names that column).
    pub fn new(
        field: &str,
        unit_label: String,
        context_max_chars: Option<u64>,
        metadata: Vec<SemanticMetadata>,
    ) -> SemanticSearch {
        let filter_fields = filter_fields(field, &unit_label, &metadata);
        SemanticSearch {
            unit_label,
            context_max_chars,
            metadata,
            filter_fields,
        }
    }

    /// The columns the server adds to every unit, `<unit>` first.
    pub fn unit_columns(&self) -> [String; 4] {
        unit_columns(&self.unit_label)
    }

    /// The names of [`SemanticSearch::filter_fields`], in order.
    pub fn filter_names(&self) -> impl Iterator<Item = &str> {
        self.filter_fields.iter().map(|f| f.name.as_str())
    }
}

/// `<unit>`, `<unit>_context`, `<unit>_chunk_id`, `<unit>_chunk_index`.
pub(crate) fn unit_columns(unit: &str) -> [String; 4] {
    let [context, id, index] = UNIT_COLUMNS.map(|suffix| format!("{unit}{suffix}"));
    [unit.to_owned(), context, id, index]
}

fn filter_fields(field: &str, unit: &str, metadata: &[SemanticMetadata]) -> Vec<Field> {
    let column = |name: &str, ty: Type, description: String| Field {
        name: name.to_owned(),
        format: ty
            .has(Kind::String)
            .then(|| TimeFormat::guess_from_name(name))
            .flatten(),
        ty,
        description: Some(description),
        storage_name: None,
        semantic_search: None,
    };
    let mut out: Vec<Field> = metadata
        .iter()
        .map(|m| {
            let kind = match m.ty {
                MetadataType::String => Kind::String,
                MetadataType::Array => Kind::Array,
            };
            let description = if m.per_unit() {
                format!("per-{unit} attribution, from `{}` of each {unit}", m.path)
            } else {
                format!("metadata, from the record's `{}`", m.path)
            };
            column(&m.name, Type::of(kind).into_nullable(), description)
        })
        .collect();
    let [text, context, id, index] = unit_columns(unit);
    let string = || Type::of(Kind::String);
    out.push(column(
        &text,
        string(),
        format!("the text of one {unit}, a unit of `{field}`"),
    ));
    out.push(column(
        &context,
        string(),
        format!(
            "the stored context around the {unit} (may be wider than the `context` a hit returns)"
        ),
    ));
    out.push(column(
        &id,
        string(),
        String::from("the id of the stored chunk"),
    ));
    out.push(column(
        &index,
        Type::of(Kind::Integer),
        String::from("the position of the chunk in its record"),
    ));
    if !out.iter().any(|f| f.name == field) {
        out.push(column(
            field,
            string(),
            format!("alias of `{text}`: the text of one {unit}, not the whole field"),
        ));
    }
    out
}

impl Entity {
    /// The fields configured for semantic search, in catalog order.
    pub fn semantic_fields(&self) -> impl Iterator<Item = (&Field, &SemanticSearch)> {
        self.fields
            .iter()
            .filter_map(|f| f.semantic_search.as_deref().map(|s| (f, s)))
    }
}
