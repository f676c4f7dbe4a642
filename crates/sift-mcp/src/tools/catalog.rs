//! `list_entities` and `describe_entity`: what can be searched, paged and narrowed so a large
//! catalog (a thousand fields on one entity) fits a model's context.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{page_bounds, unknown_entity};
use crate::report::cut;
use crate::{Server, ToolError};

/// The most entities one `list_entities` page holds.
pub const MAX_ENTITIES: usize = 200;
/// The most fields one `describe_entity` page holds.
pub const MAX_FIELDS: usize = 200;
const DEFAULT_FIELDS: usize = 50;

/// Arguments of `list_entities`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListEntitiesArgs {
    /// Only the entities whose name or description contains this word (case-insensitive).
    #[serde(default, rename = "match")]
    pub matching: Option<String>,
    /// Skip this many of the matching entities (the `next_offset` of the page before).
    #[serde(default)]
    pub offset: Option<usize>,
    /// The most entities to return (default and at most 200).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// One entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EntitySummary {
    /// The name a query's `from` (or a request's `entity`) uses.
    pub name: String,
    /// What it holds (at most 300 characters; a longer one ends with `…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How many top-level fields it declares.
    pub fields: usize,
    /// False when no filter can search it (it declares no fields); `unsearchable_reason` says why.
    pub searchable: bool,
    /// Why it cannot be searched, when the connector says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsearchable_reason: Option<String>,
    /// The fields configured for semantic search (`similar to "…" in FIELD`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub semantic_fields: Vec<String>,
}

/// A page of entities or fields: which part of how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EntityPage {
    /// The connector whose catalog this is.
    pub connector: String,
    /// How many matched in all.
    pub total: usize,
    /// The first returned is the one after this many.
    pub offset: usize,
    /// Set when more matched than this page holds: pass it as `offset` for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<usize>,
    /// The entities of this page.
    pub entities: Vec<EntitySummary>,
}

/// The entities of the catalog, narrowed by a word and paged.
pub fn list_entities(server: &Server, args: ListEntitiesArgs) -> Result<EntityPage, ToolError> {
    let (offset, limit) = page_bounds(args.offset, args.limit, MAX_ENTITIES, MAX_ENTITIES);
    let word = args.matching.as_deref().map(str::to_lowercase);
    let matching: Vec<&sift::schema::Entity> = server
        .catalog()
        .entities
        .iter()
        .filter(|entity| {
            word.as_deref().is_none_or(|word| {
                contains_word(&entity.name, word)
                    || entity
                        .description
                        .as_deref()
                        .is_some_and(|d| contains_word(d, word))
            })
        })
        .collect();
    let total = matching.len();
    let entities = matching
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|entity| EntitySummary {
            name: entity.name.clone(),
            description: entity.description.as_deref().map(cut),
            fields: entity.fields.len(),
            searchable: !entity.fields.is_empty(),
            unsearchable_reason: entity.unsearchable_reason.as_deref().map(cut),
            semantic_fields: entity
                .semantic_fields()
                .map(|(f, _)| f.name.clone())
                .collect(),
        })
        .collect::<Vec<_>>();
    Ok(EntityPage {
        connector: server.catalog().connector.clone(),
        total,
        offset,
        next_offset: next_offset(offset, entities.len(), total),
        entities,
    })
}

fn next_offset(offset: usize, returned: usize, total: usize) -> Option<usize> {
    let next = offset.saturating_add(returned);
    (next < total).then_some(next)
}

/// Whether `text` contains `word` (already lower-case), ignoring case.
fn contains_word(text: &str, word: &str) -> bool {
    text.to_lowercase().contains(word)
}

/// Arguments of `describe_entity`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DescribeEntityArgs {
    /// The entity (`list_entities` names them).
    pub entity: String,
    /// Only the fields whose path or description contains this word (case-insensitive).
    #[serde(default, rename = "match")]
    pub matching: Option<String>,
    /// Skip this many of the matching fields (the `next_offset` of the page before).
    #[serde(default)]
    pub offset: Option<usize>,
    /// The most fields to return (default 50, at most 200).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// One searchable field or nested property.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FieldSummary {
    /// The path as sift writes it (`name`, `customer.id`, backticks where needed); inside
    /// arrays, relative to the innermost array of `within`.
    pub path: String,
    /// The JSON key a filter uses for it (property names joined with `.`).
    pub key: String,
    /// The arrays holding it, outermost first: reach it with `a any (path …)` in sift.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// Its type (`string`, `null | integer`, `array of string`, …).
    #[serde(rename = "type")]
    pub ty: String,
    /// The form of the times it holds: `date`, `date-time` or `unix-time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// What it holds (at most 300 characters; a longer one ends with `…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The sift operators valid on it.
    pub operators: Vec<String>,
}

/// A field configured for semantic search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SemanticField {
    /// The field searched (`similar to "…" in FIELD`).
    pub field: String,
    /// What one unit of it is called; the `where` of a semantic query filters units.
    pub unit: String,
    /// The most `context_size` the server allows, when bounded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_max_chars: Option<u64>,
    /// The columns of each unit the filter of a semantic query names (its namespace).
    pub filter_fields: Vec<String>,
}

/// `describe_entity`'s result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EntityFields {
    /// The entity.
    pub entity: String,
    /// What it holds (at most 300 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Why it cannot be searched, when it declares no fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsearchable_reason: Option<String>,
    /// How many fields and nested properties matched in all.
    pub total: usize,
    /// The first returned is the one after this many.
    pub offset: usize,
    /// Set when more matched than this page holds: pass it as `offset` for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<usize>,
    /// The fields of this page, in catalog order, nested properties after their object.
    pub fields: Vec<FieldSummary>,
    /// The fields configured for semantic search, and the namespace of their filters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub semantic: Vec<SemanticField>,
}

/// One entity's fields (nested properties flattened), narrowed by a word and paged; and its
/// semantic search configuration.
pub fn describe_entity(
    server: &Server,
    args: DescribeEntityArgs,
) -> Result<EntityFields, ToolError> {
    let entity = server
        .catalog()
        .entity(&args.entity)
        .ok_or_else(|| unknown_entity(server, &args.entity))?;
    let (offset, limit) = page_bounds(args.offset, args.limit, DEFAULT_FIELDS, MAX_FIELDS);
    let word = args.matching.as_deref().map(str::to_lowercase);
    let all = sift::completion::field_completions(entity);
    let matching: Vec<_> = all
        .iter()
        .filter(|field| {
            word.as_deref().is_none_or(|word| {
                contains_word(&field.path, word)
                    || field.description.is_some_and(|d| contains_word(d, word))
            })
        })
        .collect();
    let total = matching.len();
    let fields: Vec<FieldSummary> = matching
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|field| FieldSummary {
            path: field.path.clone(),
            key: field.key.clone(),
            within: field.within.clone(),
            ty: field.type_text(),
            format: field.format.map(|f| f.as_str().to_owned()),
            description: field.description.map(cut),
            operators: field
                .operators
                .iter()
                .map(|op| op.as_str().to_owned())
                .collect(),
        })
        .collect();
    let semantic = entity
        .semantic_fields()
        .map(|(field, search)| SemanticField {
            field: sift::syntax::format_field_name(&field.name),
            unit: search.unit_label.clone(),
            context_max_chars: search.context_max_chars,
            filter_fields: search
                .filter_fields
                .iter()
                .map(|f| sift::syntax::format_field_name(&f.name))
                .collect(),
        })
        .collect();
    Ok(EntityFields {
        entity: entity.name.clone(),
        description: entity.description.as_deref().map(cut),
        unsearchable_reason: entity.unsearchable_reason.as_deref().map(cut),
        total,
        offset,
        next_offset: next_offset(offset, fields.len(), total),
        fields,
        semantic,
    })
}
