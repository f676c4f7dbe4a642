//! Completion data for REPLs and editors: the entities of a catalog, and the fields of an
//! entity with nested paths flattened, each written the way sift source writes it, with its
//! JSON key, type, description and the operators that apply to it.

use std::borrow::Cow;

use sift_schema::{Catalog, Entity, Field, Kind, Outcome, TimeFormat, Type, resolve_path};
use sift_syntax::ast::{Name, OpKind, Path};
use sift_syntax::{Span, format_path};

use crate::types::operators_for;

/// Nested properties below this many levels are not listed (a catalog built from
/// connector.yaml never goes deeper; one built by other means might).
pub const MAX_COMPLETION_DEPTH: usize = 32;

/// One entity of a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCompletion<'c> {
    pub name: &'c str,
    /// The name as it follows `from` (backticks where the name is a keyword or not a word).
    pub text: String,
    pub description: Option<&'c str>,
    /// How many top-level fields the entity declares.
    pub field_count: usize,
    /// False for an entity that declares no fields: no filter can search it.
    pub searchable: bool,
}

/// One field or nested property of an entity.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldCompletion<'c> {
    /// The path as sift writes it, relative to the innermost array of `within` (or to the
    /// entity): `name`, `customer.id`, ``relationships.`flow-actions` ``.
    pub path: String,
    /// The JSON key the path lowers to: its property names joined with `.`.
    pub key: String,
    /// The arrays whose elements hold this property, outermost first, each written relative
    /// to the elements of the one before: the property is reached with
    /// `a any (b any (path …))`. Empty for fields of the entity and of its objects.
    pub within: Vec<String>,
    /// How many levels below the entity's fields this property is (0 for a top-level field).
    pub depth: usize,
    /// True when `path` reads as another field: an object's property `id` inside `customer`
    /// has the JSON key `customer.id`, and a top-level field named exactly `customer.id` wins
    /// over it. The API cannot tell the two apart either.
    pub shadowed: bool,
    pub ty: &'c Type,
    /// The form of the times the field holds, if known (`date`, `date-time`, `unix-time`).
    pub format: Option<TimeFormat>,
    pub description: Option<&'c str>,
    /// The operators valid on the field, in documentation order.
    pub operators: Vec<OpKind>,
}

impl FieldCompletion<'_> {
    /// The type as the docs write it: `null | string`, `boolean | number`.
    pub fn type_text(&self) -> String {
        self.ty.to_string()
    }
}

/// Every entity of `catalog`, in catalog order.
pub fn entity_completions(catalog: &Catalog) -> Vec<EntityCompletion<'_>> {
    catalog
        .entities
        .iter()
        .map(|entity| EntityCompletion {
            name: &entity.name,
            text: sift_syntax::format_entity_name(&entity.name),
            description: entity.description.as_deref(),
            field_count: entity.fields.len(),
            searchable: !entity.fields.is_empty(),
        })
        .collect()
}

/// Every field of the entity named `entity` with its nested properties; `None` when the
/// catalog has no such entity.
pub fn field_completions_of<'c>(
    catalog: &'c Catalog,
    entity: &str,
) -> Option<Vec<FieldCompletion<'c>>> {
    catalog.entity(entity).map(field_completions)
}

/// Every field of `entity`, each followed by its nested properties (depth first, in schema
/// order). Properties of array elements carry the array in `within`.
pub fn field_completions(entity: &Entity) -> Vec<FieldCompletion<'_>> {
    completions_of(&entity.fields)
}

/// Every name the filter of a semantic query on `field` of `entity` can use (the columns of
/// the field's units); `None` when the field is not configured for semantic search.
pub fn semantic_filter_completions<'c>(
    entity: &'c Entity,
    field: &str,
) -> Option<Vec<FieldCompletion<'c>>> {
    let search = entity.field(field)?.semantic_search.as_deref()?;
    Some(completions_of(&search.filter_fields))
}

fn completions_of(fields: &[Field]) -> Vec<FieldCompletion<'_>> {
    let mut out = Vec::new();
    let scope = Walk {
        root: fields,
        within: Vec::new(),
    };
    flatten(&mut out, &scope, fields, &[], 0);
    out
}

/// The scope that paths are written relative to: the entity's fields, or the element
/// properties of an array that `any (…)` opens.
struct Walk<'c> {
    root: &'c [Field],
    within: Vec<String>,
}

fn flatten<'c>(
    out: &mut Vec<FieldCompletion<'c>>,
    scope: &Walk<'c>,
    level: &'c [Field],
    prefix: &[&'c str],
    depth: usize,
) {
    if depth > MAX_COMPLETION_DEPTH {
        return;
    }
    for field in level {
        let mut names = prefix.to_vec();
        names.push(&field.name);
        let (path, shadowed) = written_path(scope.root, &names, field);
        out.push(FieldCompletion {
            path: path.clone(),
            key: names.join("."),
            within: scope.within.clone(),
            depth,
            shadowed,
            ty: &field.ty,
            format: field.format,
            description: field.description.as_deref(),
            operators: operators_for(&field.ty),
        });
        let Some(properties) = field.ty.properties.as_deref() else {
            continue;
        };
        if field.ty.has(Kind::Array) {
            let mut within = scope.within.clone();
            within.push(path);
            let elements = Walk {
                root: properties,
                within,
            };
            flatten(out, &elements, properties, &[], depth + 1);
        } else {
            flatten(out, scope, properties, &names, depth + 1);
        }
    }
}

/// The sift text of the path through the properties `names` (one name per property) that
/// ends at `target`, relative to `root`, and whether it fails to reach `target` (see
/// [`FieldCompletion::shadowed`]). Dotted names are written as plain segments (`customer.id`)
/// when that reads back as the same field without ambiguity, else each name is one segment, in
/// backticks where needed (`` `customer.id` ``).
fn written_path(root: &[Field], names: &[&str], target: &Field) -> (String, bool) {
    let reaches = |segments: &[&str]| {
        let resolution = resolve_path(root, segments);
        let same = matches!(resolution.outcome, Outcome::Field(f) if std::ptr::eq(f, target));
        (same, resolution.ambiguity.is_none())
    };
    let split: Vec<&str> = names.iter().flat_map(|n| n.split('.')).collect();
    if split.len() > names.len()
        && split.iter().all(|s| !s.is_empty())
        && reaches(&split) == (true, true)
    {
        return (format_names(&split), false);
    }
    (format_names(names), !reaches(names).0)
}

fn format_names(names: &[&str]) -> String {
    let segments = names
        .iter()
        .map(|name| Name {
            span: Span::default(),
            text: Cow::Borrowed(*name),
            quoted: false,
        })
        .collect();
    format_path(&Path {
        span: Span::default(),
        segments,
    })
}

/// An entity name as it follows `from`.
#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: Type) -> Field {
        Field {
            name: name.to_owned(),
            ty,
            description: None,
            storage_name: None,
            format: None,
            semantic_search: None,
        }
    }

    fn with(kind: Kind, properties: Vec<Field>) -> Type {
        let mut ty = Type::of(kind).into_nullable();
        ty.properties = Some(properties);
        ty
    }

    fn entity() -> Entity {
        Entity {
            name: String::from("order"),
            description: Some(String::from("Orders")),
            storage_name: None,
            unsearchable_reason: None,
            fields: vec![
                field("customer.id", Type::of(Kind::Integer)),
                field("from", Type::of(Kind::String).into_nullable()),
                field(
                    "relationships",
                    with(
                        Kind::Object,
                        vec![field(
                            "flow-actions",
                            with(Kind::Array, vec![field("id", Type::of(Kind::String))]),
                        )],
                    ),
                ),
                field(
                    "a",
                    with(Kind::Object, vec![field("b", Type::of(Kind::Boolean))]),
                ),
                field("a.b", Type::of(Kind::Boolean)),
            ],
        }
    }

    #[test]
    fn paths_are_written_as_sift_reads_them() {
        let entity = entity();
        let fields = field_completions(&entity);
        let rows: Vec<(&str, &str, Vec<String>, usize, bool)> = fields
            .iter()
            .map(|f| {
                (
                    f.path.as_str(),
                    f.key.as_str(),
                    f.within.clone(),
                    f.depth,
                    f.shadowed,
                )
            })
            .collect();
        let flow = || vec![String::from("relationships.`flow-actions`")];
        assert_eq!(
            rows,
            [
                ("customer.id", "customer.id", vec![], 0, false),
                ("from", "from", vec![], 0, false),
                ("relationships", "relationships", vec![], 0, false),
                (
                    "relationships.`flow-actions`",
                    "relationships.flow-actions",
                    vec![],
                    1,
                    false
                ),
                ("id", "id", flow(), 2, false),
                ("a", "a", vec![], 0, false),
                // `a.b` reads as the top-level `a.b` (the exact name wins): `b` of `a` has the
                // same JSON key and cannot be written apart from it.
                ("a.b", "a.b", vec![], 1, true),
                // The other reading has the same type: no rival, so the plain path serves.
                ("a.b", "a.b", vec![], 0, false),
            ]
        );
    }

    #[test]
    fn operators_and_types_per_field() {
        let entity = entity();
        let fields = field_completions(&entity);
        let from = fields.iter().find(|f| f.key == "from");
        assert_eq!(
            from.map(FieldCompletion::type_text).as_deref(),
            Some("null | string")
        );
        assert!(from.is_some_and(|f| f.operators.contains(&OpKind::IsNull)));
        let actions = fields
            .iter()
            .find(|f| f.key == "relationships.flow-actions");
        assert!(actions.is_some_and(|f| f.operators.contains(&OpKind::Any)));
    }

    #[test]
    fn entities_with_counts() {
        let catalog = Catalog {
            definition_id: None,
            connector: String::from("x"),
            entities: vec![
                entity(),
                Entity {
                    name: String::from("files"),
                    description: None,
                    storage_name: None,
                    unsearchable_reason: None,
                    fields: Vec::new(),
                },
            ],
        };
        let entities = entity_completions(&catalog);
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].text, "order");
        assert_eq!(entities[0].field_count, 5);
        assert!(entities[0].searchable && !entities[1].searchable);
        assert!(field_completions_of(&catalog, "nope").is_none());
    }

    #[test]
    fn deep_catalogs_stop_at_the_bound() {
        let mut ty = Type::of(Kind::String);
        for _ in 0..100 {
            ty = with(Kind::Object, vec![field("x", ty)]);
        }
        let entity = Entity {
            name: String::from("deep"),
            description: None,
            storage_name: None,
            unsearchable_reason: None,
            fields: vec![field("x", ty)],
        };
        assert_eq!(field_completions(&entity).len(), MAX_COMPLETION_DEPTH + 1);
    }
}
