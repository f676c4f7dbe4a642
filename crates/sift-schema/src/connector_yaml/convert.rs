//! The YAML tree of a connector.yaml → a [`Catalog`].
//!
//! Reads `info.x-airbyte-connector-name` and `info.x-airbyte-context-store.entities[]`, and
//! a top-level field's `x-airbyte-semantic-search` block (`semantic.rs`); every other key is
//! ignored. Recursion follows nested `properties` only and stops at
//! [`MAX_PROPERTY_DEPTH`]; the number of fields and properties built is capped at
//! [`MAX_EXPANDED_FIELDS`], which bounds the work aliases can multiply.

mod semantic;

use std::borrow::Cow;
use std::collections::HashSet;

use sift_syntax::Span;

use super::error::{SpecError, SpecLocation};
use super::tree::{Node, NodeId, NodeKind, Region, Tree, TreeError};
use crate::model::has_upper_case;
use crate::{Catalog, Entity, Field, Kind, TimeFormat, Type};

/// How deep nested `properties` may go below a top-level field.
pub const MAX_PROPERTY_DEPTH: usize = 32;
/// How many fields and nested properties one spec may expand to.
pub const MAX_EXPANDED_FIELDS: usize = 200_000;
/// Errors reported before the loader stops looking for more.
const MAX_ERRORS: usize = 100;

/// One step of a YAML path.
enum Step<'t> {
    Key(Cow<'t, str>),
    Index(usize),
}

pub(super) struct Converter<'t, 'a> {
    tree: &'t Tree<'a>,
    text: &'a str,
    origin: &'t str,
    path: Vec<Step<'t>>,
    pub(super) errors: Vec<SpecError>,
    pub(super) warnings: Vec<SpecError>,
    expanded: usize,
    /// Set when [`MAX_EXPANDED_FIELDS`] or [`MAX_ERRORS`] is reached: stop building.
    stopped: bool,
    line_starts: Option<Vec<usize>>,
}

impl<'t, 'a> Converter<'t, 'a> {
    pub(super) fn new(tree: &'t Tree<'a>, text: &'a str, origin: &'t str) -> Self {
        Converter {
            tree,
            text,
            origin,
            path: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            expanded: 0,
            stopped: false,
            line_starts: None,
        }
    }

    /// The whole conversion. `None` when there were errors.
    pub(super) fn catalog(&mut self) -> Option<Catalog> {
        let root = self.tree.root;
        let entries = self.mapping(root, "a mapping (the OpenAPI document)")?;
        let Some(info) = self.get(entries, "info") else {
            self.missing(root, "info", "the spec");
            return None;
        };
        self.path.push(Step::Key(Cow::Borrowed("info")));
        let info_entries = self.mapping(info, "a mapping")?;
        let connector = self
            .optional_text(info_entries, "x-airbyte-connector-name")
            .map(str::to_owned)
            .unwrap_or_else(|| connector_from_origin(self.origin));
        let definition_id = self
            .optional_text(info_entries, "x-airbyte-connector-definition-id")
            .map(str::to_owned);
        let entities = match self.get(info_entries, "x-airbyte-context-store") {
            Some(store) if !self.is_null(store) => {
                self.path
                    .push(Step::Key(Cow::Borrowed("x-airbyte-context-store")));
                let entities = self.entities(store);
                self.path.pop();
                entities
            }
            _ => {
                // Point at where `info` begins, not at the whole (often long) mapping.
                let start = self.region(info).start;
                let (at, span) = self.at(Region { start, end: start });
                self.warnings.push(SpecError::NoContextStore { at, span });
                Vec::new()
            }
        };
        self.path.pop();
        let catalog = Catalog {
            connector,
            definition_id,
            entities,
        };
        self.errors.is_empty().then_some(catalog)
    }

    fn entities(&mut self, store: NodeId) -> Vec<Entity> {
        let Some(entries) = self.mapping(store, "a mapping") else {
            return Vec::new();
        };
        let Some(list) = self.get(entries, "entities") else {
            self.missing(store, "entities", "the context store");
            return Vec::new();
        };
        self.path.push(Step::Key(Cow::Borrowed("entities")));
        let mut entities: Vec<Entity> = Vec::new();
        let mut seen = HashSet::new();
        for (index, &id) in self.sequence(list, "a list of entities").iter().enumerate() {
            if self.stopped {
                break;
            }
            self.path.push(Step::Index(index));
            if let Some(entity) = self.entity(id) {
                if seen.insert(entity.name.clone()) {
                    entities.push(entity);
                } else {
                    self.duplicate(id, &entity.name);
                }
            }
            self.path.pop();
        }
        self.path.pop();
        entities
    }

    fn entity(&mut self, id: NodeId) -> Option<Entity> {
        let entries = self.mapping(id, "a mapping (an entity)")?;
        let name = self.required_name(id, entries, "entity", "an entity");
        let storage_name = self
            .optional_text(entries, "x-airbyte-name")
            .map(str::to_owned);
        let description = self
            .optional_text(entries, "description")
            .map(str::to_owned);
        // An entity without fields is kept: it exists, but nothing of it is searchable.
        let fields = match self.get(entries, "fields") {
            Some(list) if !self.is_null(list) => {
                self.path.push(Step::Key(Cow::Borrowed("fields")));
                let fields = self.fields(list);
                self.path.pop();
                fields
            }
            _ => Vec::new(),
        };
        let unsearchable_reason = self
            .optional_text(entries, "x-airbyte-skip-searchable-fields")
            .map(str::to_owned);
        Some(Entity {
            name: name?,
            description,
            storage_name,
            fields,
            unsearchable_reason,
        })
    }

    fn fields(&mut self, list: NodeId) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        let mut seen = HashSet::new();
        let items = self.sequence(list, "a list of fields");
        // Looked up without `get`, which reports a repeated key: `field` reports it.
        let tree = self.tree;
        let text = |id: NodeId| tree.node(id).and_then(Node::text);
        let camel_case = items
            .iter()
            .any(|&id| match tree.node(id).map(|n| &n.kind) {
                Some(NodeKind::Mapping(entries)) => entries
                    .iter()
                    .any(|&(k, v)| text(k) == Some("name") && text(v).is_some_and(has_upper_case)),
                _ => false,
            });
        for (index, &id) in items.iter().enumerate() {
            if self.stopped {
                break;
            }
            self.path.push(Step::Index(index));
            if let Some(field) = self.field(id, camel_case) {
                if seen.insert(field.name.clone()) {
                    fields.push(field);
                } else {
                    self.duplicate(id, &field.name);
                }
            }
            self.path.pop();
        }
        fields
    }

    /// A top-level field: a mapping with `name`, perhaps configured for semantic search.
    fn field(&mut self, id: NodeId, camel_case_siblings: bool) -> Option<Field> {
        let entries = self.mapping(id, "a mapping (a field)")?;
        let name = self.required_name(id, entries, "name", "a field");
        let mut field = self.schema(id, entries, (name, camel_case_siblings), 0);
        if let Some(block) = self
            .get(entries, semantic::SEMANTIC_KEY)
            .filter(|&b| !self.is_null(b))
        {
            self.path
                .push(Step::Key(Cow::Borrowed(semantic::SEMANTIC_KEY)));
            let name = field.as_ref().map_or("", |f| f.name.as_str()).to_owned();
            let semantic = self.semantic_search(block, &name);
            self.path.pop();
            if let Some(field) = &mut field {
                field.semantic_search = semantic.map(Box::new);
            }
        }
        self.count(id)?;
        field
    }

    /// A nested property: its name is the key of its mapping.
    fn property(
        &mut self,
        id: NodeId,
        (name, camel_case_siblings): (String, bool),
        depth: usize,
    ) -> Option<Field> {
        let entries = self.mapping(id, "a mapping (a property schema)")?;
        let field = self.schema(id, entries, (Some(name), camel_case_siblings), depth);
        self.count(id)?;
        field
    }

    /// What fields and properties share: `type`, `description`, `x-airbyte-name`, `format`,
    /// and for objects and arrays the nested properties. `camel_case_siblings`: a name beside
    /// this one has an upper-case letter (see [`TimeFormat::guess`]).
    fn schema(
        &mut self,
        id: NodeId,
        entries: &'t [(NodeId, NodeId)],
        (name, camel_case_siblings): (Option<String>, bool),
        depth: usize,
    ) -> Option<Field> {
        let ty = match self.get(entries, "type") {
            Some(ty) => {
                self.path.push(Step::Key(Cow::Borrowed("type")));
                let ty = self.ty(ty);
                self.path.pop();
                ty
            }
            None => {
                self.missing(id, "type", "a field");
                None
            }
        };
        let description = self
            .optional_text(entries, "description")
            .map(str::to_owned);
        let storage_name = self
            .optional_text(entries, "x-airbyte-name")
            .map(str::to_owned);
        let declared_format = self.optional_text(entries, "format");
        let mut ty = ty?;
        ty.properties = self.nested(entries, &ty, depth);
        let name = name?;
        // A declared `format` wins, also when it names no time (`format: email`); the name
        // is a guess for specs that declare none.
        let format = TimeFormat::of_field(&name, &ty, declared_format, camel_case_siblings);
        Some(Field {
            name,
            ty,
            description,
            storage_name,
            format,
            semantic_search: None,
        })
    }

    /// `"string"`, `["null", "string"]`, `["object", "string"]`.
    fn ty(&mut self, id: NodeId) -> Option<Type> {
        let node = self.node(id)?;
        let names: Vec<(Option<usize>, NodeId)> = match &node.kind {
            NodeKind::Scalar { .. } if !node.is_null() => vec![(None, id)],
            NodeKind::Sequence(items) => items
                .iter()
                .enumerate()
                .map(|(index, &item)| (Some(index), item))
                .collect(),
            _ => {
                self.wrong_shape(id, "a type name or a list of type names");
                return None;
            }
        };
        let mut kinds = Vec::new();
        let mut nullable = false;
        let mut ok = true;
        for (index, item) in names {
            if let Some(index) = index {
                self.path.push(Step::Index(index));
            }
            match self.node(item).and_then(Node::text) {
                Some("null") => nullable = true,
                Some(name) => match kind_named(name) {
                    Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                    Some(_) => {}
                    None => {
                        let (at, span) = self.at(self.region(item));
                        self.error(SpecError::UnknownType {
                            at,
                            found: name.to_owned(),
                            span,
                        });
                        ok = false;
                    }
                },
                None => {
                    self.wrong_shape(item, "a type name");
                    ok = false;
                }
            }
            if index.is_some() {
                self.path.pop();
            }
        }
        if ok && kinds.is_empty() {
            let (at, span) = self.at(self.region(id));
            self.error(SpecError::EmptyType { at, span });
        }
        (ok && !kinds.is_empty()).then_some(Type {
            kinds,
            nullable,
            properties: None,
        })
    }

    /// The declared properties of an object, or of an array's elements (`properties` on the
    /// array itself, or `items.properties`). `None` when none are declared.
    fn nested(
        &mut self,
        entries: &'t [(NodeId, NodeId)],
        ty: &Type,
        depth: usize,
    ) -> Option<Vec<Field>> {
        let direct = self
            .get(entries, "properties")
            .filter(|&p| !self.is_null(p));
        let in_items = self.items_properties(entries);
        let (properties, under_items) = match (direct, in_items) {
            (Some(direct), Some(items)) => {
                self.path.push(Step::Key(Cow::Borrowed("properties")));
                let (at, span) = self.at(self.region(direct));
                self.path.pop();
                self.warnings
                    .push(SpecError::ConflictingProperties { at, span });
                (items, true)
            }
            (Some(direct), None) => (direct, false),
            (None, Some(items)) => (items, true),
            (None, None) => return None,
        };
        if under_items {
            self.path.push(Step::Key(Cow::Borrowed("items")));
        }
        self.path.push(Step::Key(Cow::Borrowed("properties")));
        let nested = self.property_list(properties, ty, depth);
        self.path.pop();
        if under_items {
            self.path.pop();
        }
        nested
    }

    /// `items.properties`, when `items` is a mapping that has them.
    fn items_properties(&mut self, entries: &'t [(NodeId, NodeId)]) -> Option<NodeId> {
        let items = self.get(entries, "items").filter(|&i| !self.is_null(i))?;
        self.path.push(Step::Key(Cow::Borrowed("items")));
        let found = self
            .mapping(items, "a mapping (the element schema)")
            .and_then(|e| self.get(e, "properties"))
            .filter(|&p| !self.is_null(p));
        self.path.pop();
        found
    }

    fn property_list(&mut self, id: NodeId, ty: &Type, depth: usize) -> Option<Vec<Field>> {
        let entries = self.mapping(id, "a mapping of property names to schemas")?;
        if entries.is_empty() {
            return None;
        }
        if ty.is_scalar() {
            let (at, span) = self.at(self.region(id));
            self.warnings.push(SpecError::PropertiesIgnored {
                at,
                ty: ty.to_string(),
                span,
            });
            return None;
        }
        if depth >= MAX_PROPERTY_DEPTH {
            let (at, span) = self.at(self.region(id));
            self.error(SpecError::TooDeep {
                at,
                max: MAX_PROPERTY_DEPTH,
                span,
            });
            return None;
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut seen = HashSet::new();
        let camel_case = entries.iter().any(|&(key, _)| {
            self.node(key)
                .and_then(Node::text)
                .is_some_and(has_upper_case)
        });
        for &(key, value) in entries {
            if self.stopped {
                break;
            }
            let Some(name) = self.node(key).and_then(Node::text) else {
                self.wrong_shape(key, "a property name");
                continue;
            };
            self.path.push(Step::Key(Cow::Borrowed(name)));
            if name.is_empty() {
                let (at, span) = self.at(self.region(key));
                self.error(SpecError::EmptyName { at, span });
            } else if !seen.insert(name) {
                self.duplicate(key, name);
            } else if let Some(field) =
                self.property(value, (name.to_owned(), camel_case), depth + 1)
            {
                fields.push(field);
            }
            self.path.pop();
        }
        Some(fields)
    }

    /// The name under `key`: required, a non-empty scalar.
    fn required_name(
        &mut self,
        id: NodeId,
        entries: &'t [(NodeId, NodeId)],
        key: &'static str,
        what: &'static str,
    ) -> Option<String> {
        let Some(value) = self.get(entries, key) else {
            self.missing(id, key, what);
            return None;
        };
        self.path.push(Step::Key(Cow::Borrowed(key)));
        let name = match self.node(value).and_then(Node::text) {
            Some("") => {
                let (at, span) = self.at(self.region(value));
                self.error(SpecError::EmptyName { at, span });
                None
            }
            Some(text) => Some(text.to_owned()),
            None => {
                self.wrong_shape(value, "a name");
                None
            }
        };
        self.path.pop();
        name
    }

    /// The text under `key`, if present and not null; anything else is a shape error.
    fn optional_text(
        &mut self,
        entries: &'t [(NodeId, NodeId)],
        key: &'static str,
    ) -> Option<&'t str> {
        let value = self.get(entries, key)?;
        let node = self.node(value)?;
        if node.is_null() {
            return None;
        }
        let text = node.text();
        if text.is_none() {
            self.path.push(Step::Key(Cow::Borrowed(key)));
            self.wrong_shape(value, "a string");
            self.path.pop();
        }
        text
    }

    /// The value under `key`. A key that appears twice is an error (the first value is used).
    fn get(&mut self, entries: &'t [(NodeId, NodeId)], key: &str) -> Option<NodeId> {
        let tree = self.tree;
        let mut matches = entries
            .iter()
            .filter(|(k, _)| tree.node(*k).and_then(Node::text) == Some(key));
        let (_, first) = matches.next()?;
        if let Some((second, _)) = matches.next() {
            let (at, span) = self.at(self.region(*second));
            self.error(SpecError::DuplicateKey {
                at,
                key: key.to_owned(),
                span,
            });
        }
        Some(*first)
    }

    fn mapping(&mut self, id: NodeId, expected: &'static str) -> Option<&'t [(NodeId, NodeId)]> {
        let tree = self.tree;
        match tree.node(id).map(|n| &n.kind) {
            Some(NodeKind::Mapping(entries)) => Some(entries),
            _ => {
                self.wrong_shape(id, expected);
                None
            }
        }
    }

    fn sequence(&mut self, id: NodeId, expected: &'static str) -> &'t [NodeId] {
        let tree = self.tree;
        match tree.node(id).map(|n| &n.kind) {
            Some(NodeKind::Sequence(items)) => items,
            _ => {
                self.wrong_shape(id, expected);
                &[]
            }
        }
    }

    fn node(&self, id: NodeId) -> Option<&'t Node<'a>> {
        self.tree.node(id)
    }

    fn is_null(&self, id: NodeId) -> bool {
        self.node(id).is_some_and(Node::is_null)
    }

    fn region(&self, id: NodeId) -> Region {
        self.node(id).map(|n| n.region).unwrap_or_default()
    }

    /// Counts one more field or property; stops the conversion past the cap.
    fn count(&mut self, id: NodeId) -> Option<()> {
        self.expanded += 1;
        if self.expanded > MAX_EXPANDED_FIELDS && !self.stopped {
            let (at, span) = self.at(self.region(id));
            self.error(SpecError::TooLarge {
                at,
                max: MAX_EXPANDED_FIELDS,
                span,
            });
            self.stopped = true;
        }
        (!self.stopped).then_some(())
    }

    fn error(&mut self, error: SpecError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        }
        if self.errors.len() >= MAX_ERRORS {
            self.stopped = true;
        }
    }

    fn wrong_shape(&mut self, id: NodeId, expected: &'static str) {
        let found = self.node(id).map_or("nothing", Node::shape);
        let (at, span) = self.at(self.region(id));
        self.error(SpecError::WrongShape {
            at,
            expected,
            found,
            span,
        });
    }

    fn missing(&mut self, id: NodeId, key: &'static str, what: &'static str) {
        let region = self.region(id);
        let (at, span) = self.at(Region {
            start: region.start,
            end: region.start,
        });
        self.error(SpecError::MissingKey {
            at,
            key,
            what,
            span,
        });
    }

    fn duplicate(&mut self, id: NodeId, name: &str) {
        let (at, span) = self.at(self.region(id));
        self.warnings.push(SpecError::DuplicateName {
            at,
            name: name.to_owned(),
            span,
        });
    }

    /// The diagnostic for text that is not one YAML document.
    pub(super) fn not_yaml(&mut self, error: TreeError) -> SpecError {
        let (at, span) = self.at(error.region);
        SpecError::NotYaml {
            at,
            reason: error.reason,
            span,
        }
    }

    /// The location of `region` at the current YAML path, and its byte span.
    fn at(&mut self, region: Region) -> (SpecLocation, Span) {
        let start = self.byte_offset(region.start.line, region.start.column);
        let end = self
            .byte_offset(region.end.line, region.end.column)
            .max(start);
        let location = SpecLocation {
            origin: self.origin.to_owned(),
            line: region.start.line.max(1),
            column: region.start.column + 1,
            path: render_path(&self.path),
        };
        (location, Span::new(start, end))
    }

    /// The byte offset of a 1-based line and a 0-based column counted in characters.
    fn byte_offset(&mut self, line: usize, column: usize) -> usize {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| line_starts(text));
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = text.get(start..).unwrap_or_default();
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(offset, _)| offset)
    }
}

/// Byte offsets where lines start, counting line breaks as the YAML scanner does (`\n`, `\r\n`
/// and a lone `\r`).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if b == b'\n' || lone_cr {
            starts.push(i + 1);
        }
    }
    starts
}

pub(super) fn kind_named(name: &str) -> Option<Kind> {
    Some(match name {
        "string" => Kind::String,
        "integer" => Kind::Integer,
        "number" => Kind::Number,
        "boolean" => Kind::Boolean,
        "object" => Kind::Object,
        "array" => Kind::Array,
        _ => return None,
    })
}

/// `info.x-airbyte-context-store.entities[3].fields[7].type`; keys other than plain words are
/// quoted (`properties["a.b"]`) so that the path reads back unambiguously.
fn render_path(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Step::Key(key) if is_plain_key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Key(key) => {
                out.push('[');
                out.push_str(&serde_json::Value::from(key.as_ref()).to_string());
                out.push(']');
            }
        }
    }
    out
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The connector's name when the spec does not say it: the directory of a `connector.yaml`
/// (`specs/klaviyo/connector.yaml` → `klaviyo`), else the file's stem.
pub(super) fn connector_from_origin(origin: &str) -> String {
    let path = std::path::Path::new(origin);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let directory = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str());
    match directory {
        Some(directory) if stem == "connector" => directory.to_owned(),
        _ if !stem.is_empty() => stem.to_owned(),
        _ => String::from("connector"),
    }
}
