//! The `x-airbyte-semantic-search` block of a top-level field → [`SemanticSearch`].
//!
//! Reads what sift uses of the block, and checks exactly that: `samples`, of which one is
//! `windowed: true` and names the unit in `sampling.unit_label` (default `chunk`);
//! `windowing.context_max_chars` (a whole number; 0 or nothing: unbounded); `metadata[]`, each
//! with `name`, `path` and `type` (`string`, the default, or `array`). The column names (the
//! unit's and the metadata's) must be usable in a filter: no `.`, not `score` or `context`,
//! none twice. The rest of the block (`content_type`, `embedding`, how units are cut) is the
//! embedding pipeline's and is not read.

use std::borrow::Cow;
use std::collections::HashSet;

use super::{Converter, Step};
use crate::connector_yaml::error::SpecError;
use crate::connector_yaml::tree::{NodeId, NodeKind};
use crate::semantic::unit_columns;
use crate::{COMPUTED_OUTPUTS, DEFAULT_UNIT_LABEL, MetadataType, SemanticMetadata, SemanticSearch};

/// The key of the block on a field.
pub(super) const SEMANTIC_KEY: &str = "x-airbyte-semantic-search";

type Entries<'t> = &'t [(NodeId, NodeId)];

impl<'t> Converter<'t, '_> {
    /// The block `block` of the field named `field`; `None` after an error (reported).
    pub(super) fn semantic_search(&mut self, block: NodeId, field: &str) -> Option<SemanticSearch> {
        let entries = self.mapping(block, "a mapping (the semantic search configuration)")?;
        let errors_before = self.errors.len();
        let unit_label = self.windowed_unit(block, entries);
        let context_max_chars = self.context_max_chars(entries);
        let metadata = self.metadata(entries, unit_label.as_deref());
        if self.errors.len() != errors_before {
            return None;
        }
        Some(SemanticSearch::new(
            field,
            unit_label?,
            context_max_chars?,
            metadata?,
        ))
    }

    /// The unit label of the one windowed sample.
    fn windowed_unit(&mut self, block: NodeId, entries: Entries<'t>) -> Option<String> {
        let Some(samples) = self.get(entries, "samples") else {
            self.missing(block, "samples", "a semantic search block");
            return None;
        };
        self.key("samples");
        let items = self.sequence(samples, "a list of samples");
        let mut windowed: Option<(usize, Entries<'t>)> = None;
        let mut ok = !items.is_empty();
        for (index, &id) in items.iter().enumerate() {
            self.path.push(Step::Index(index));
            if let Some(sample) = self.mapping(id, "a mapping (a sample)") {
                match (self.flag(sample, "windowed"), windowed) {
                    (Some(true), None) => windowed = Some((index, sample)),
                    (Some(true), Some(_)) => {
                        ok = false;
                        self.bad_semantic(
                            id,
                            String::from("more than one sample is `windowed: true`"),
                            "exactly one sample is windowed: the one whose `sampling.unit_label` names the unit the field is cut into",
                        );
                    }
                    (Some(false), _) => {}
                    (None, _) => ok = false,
                }
            } else {
                ok = false;
            }
            self.path.pop();
        }
        let unit = match windowed {
            Some((index, sample)) => {
                self.path.push(Step::Index(index));
                let unit = self.unit_label(sample);
                self.path.pop();
                unit
            }
            None if ok || items.is_empty() => {
                let what = if items.is_empty() {
                    "declares no samples"
                } else {
                    "has no sample with `windowed: true`"
                };
                self.bad_semantic(
                    samples,
                    format!("the block {what}"),
                    "one sample is `windowed: true`; its `sampling.unit_label` names the unit the field is cut into (`chunk` when not given)",
                );
                None
            }
            None => None,
        };
        self.path.pop();
        unit
    }

    /// `sampling.unit_label` of the windowed sample, else [`DEFAULT_UNIT_LABEL`].
    fn unit_label(&mut self, sample: Entries<'t>) -> Option<String> {
        let Some(sampling) = self.get(sample, "sampling").filter(|&s| !self.is_null(s)) else {
            return Some(DEFAULT_UNIT_LABEL.to_owned());
        };
        self.key("sampling");
        let label = match self.mapping(sampling, "a mapping (how the field is cut into units)") {
            Some(entries) => match self
                .get(entries, "unit_label")
                .filter(|&l| !self.is_null(l))
            {
                None => Some(DEFAULT_UNIT_LABEL.to_owned()),
                Some(id) => {
                    self.key("unit_label");
                    let label = self.column_name(id, "the unit label");
                    self.path.pop();
                    label
                }
            },
            None => None,
        };
        self.path.pop();
        label
    }

    /// `windowing.context_max_chars`: `Some(None)` when unbounded, `None` after an error.
    fn context_max_chars(&mut self, entries: Entries<'t>) -> Option<Option<u64>> {
        let Some(windowing) = self.get(entries, "windowing").filter(|&w| !self.is_null(w)) else {
            return Some(None);
        };
        self.key("windowing");
        let found = self
            .mapping(windowing, "a mapping (the context window)")
            .map(|entries| {
                self.get(entries, "context_max_chars")
                    .filter(|&n| !self.is_null(n))
            });
        let bound = match found {
            None => None,
            Some(None) => Some(None),
            Some(Some(id)) => {
                self.key("context_max_chars");
                let number = self.whole_number(id);
                self.path.pop();
                number.map(|n| (n > 0).then_some(n))
            }
        };
        self.path.pop();
        bound
    }

    /// `metadata[]`; names unique and apart from the unit's columns.
    fn metadata(
        &mut self,
        entries: Entries<'t>,
        unit: Option<&str>,
    ) -> Option<Vec<SemanticMetadata>> {
        let Some(list) = self.get(entries, "metadata").filter(|&m| !self.is_null(m)) else {
            return Some(Vec::new());
        };
        self.key("metadata");
        let reserved = unit.map(unit_columns);
        let mut columns: Vec<SemanticMetadata> = Vec::new();
        let mut seen = HashSet::new();
        let mut ok = true;
        for (index, &id) in self
            .sequence(list, "a list of metadata columns")
            .iter()
            .enumerate()
        {
            self.path.push(Step::Index(index));
            match self.metadata_column(id) {
                Some((column, name_node)) => {
                    let unit_column = reserved
                        .as_ref()
                        .and_then(|r| r.iter().find(|c| **c == column.name));
                    if !seen.insert(column.name.clone()) {
                        ok = false;
                        self.bad_semantic(
                            name_node,
                            format!("the metadata column `{}` is declared twice", column.name),
                            "a filter names each column once: remove or rename one",
                        );
                    } else if let Some(unit_column) = unit_column {
                        ok = false;
                        self.bad_semantic(
                            name_node,
                            format!(
                                "the metadata column `{}` has the name of a column of the unit (`{unit_column}`)",
                                column.name
                            ),
                            "every unit has the columns `<unit>`, `<unit>_context`, `<unit>_chunk_id` and `<unit>_chunk_index`: rename the metadata column",
                        );
                    } else {
                        columns.push(column);
                    }
                }
                None => ok = false,
            }
            self.path.pop();
        }
        self.path.pop();
        ok.then_some(columns)
    }

    /// One metadata column, and the node of its name (for later findings).
    fn metadata_column(&mut self, id: NodeId) -> Option<(SemanticMetadata, NodeId)> {
        let entries = self.mapping(id, "a mapping (a metadata column: name, path, type)")?;
        let name_node = self.get(entries, "name");
        let name = match name_node {
            Some(node) => {
                self.key("name");
                let name = self.column_name(node, "a metadata column");
                self.path.pop();
                name
            }
            None => {
                self.missing(id, "name", "a metadata column");
                None
            }
        };
        let path = match self.get(entries, "path") {
            Some(node) => {
                self.key("path");
                let text = self.node(node).and_then(|n| n.text()).map(str::to_owned);
                if text.is_none() {
                    self.wrong_shape(
                        node,
                        "a path (`/field` of the record, or a path in the unit)",
                    );
                }
                self.path.pop();
                text
            }
            None => {
                self.missing(id, "path", "a metadata column");
                None
            }
        };
        let ty = match self.get(entries, "type").filter(|&t| !self.is_null(t)) {
            None => Some(MetadataType::String),
            Some(node) => {
                self.key("type");
                let ty = match self.node(node).and_then(|n| n.text()) {
                    Some(text) => {
                        let ty = MetadataType::named(text);
                        if ty.is_none() {
                            self.bad_semantic(
                                node,
                                format!("unknown metadata type `{text}`: expected string or array"),
                                "a metadata column is `string` (one value per unit, the default) or `array` (several)",
                            );
                        }
                        ty
                    }
                    None => {
                        self.wrong_shape(node, "`string` or `array`");
                        None
                    }
                };
                self.path.pop();
                ty
            }
        };
        Some((
            SemanticMetadata {
                name: name?,
                ty: ty?,
                path: path?,
            },
            name_node?,
        ))
    }

    /// A column name a filter can use: a non-empty text without `.`, not a computed output.
    fn column_name(&mut self, id: NodeId, what: &str) -> Option<String> {
        let Some(text) = self.node(id).and_then(|n| n.text()) else {
            self.wrong_shape(id, "a name");
            return None;
        };
        if text.is_empty() {
            let (at, span) = self.at(self.region(id));
            self.error(SpecError::EmptyName { at, span });
            return None;
        }
        if text.contains('.') {
            self.bad_semantic(
                id,
                format!("{what} `{text}` contains `.`"),
                "a filter names the columns of a unit as single names: remove the `.`",
            );
            return None;
        }
        if let Some(output) = COMPUTED_OUTPUTS
            .iter()
            .find(|o| o.eq_ignore_ascii_case(text))
        {
            self.bad_semantic(
                id,
                format!("{what} `{text}` takes the name of the computed output `{output}`"),
                "every hit carries `score` and `context` in its metadata, so no column may be named so: rename it",
            );
            return None;
        }
        Some(text.to_owned())
    }

    /// A YAML boolean under `key`; absent or null is `false`. `None` after an error.
    fn flag(&mut self, entries: Entries<'t>, key: &'static str) -> Option<bool> {
        let Some(id) = self.get(entries, key).filter(|&v| !self.is_null(v)) else {
            return Some(false);
        };
        let value = match self.node(id).map(|n| &n.kind) {
            Some(NodeKind::Scalar { text, plain: true }) => match text.as_ref() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if value.is_none() {
            self.key(key);
            self.wrong_shape(id, "`true` or `false`");
            self.path.pop();
        }
        value
    }

    /// A plain scalar of decimal digits.
    fn whole_number(&mut self, id: NodeId) -> Option<u64> {
        let number = match self.node(id).map(|n| &n.kind) {
            Some(NodeKind::Scalar { text, plain: true })
                if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                text.parse::<u64>().ok()
            }
            _ => None,
        };
        if number.is_none() {
            self.wrong_shape(id, "a whole number (0 or more)");
        }
        number
    }

    fn key(&mut self, key: &'static str) {
        self.path.push(Step::Key(Cow::Borrowed(key)));
    }

    fn bad_semantic(&mut self, id: NodeId, problem: String, help: &str) {
        let (at, span) = self.at(self.region(id));
        self.error(SpecError::BadSemanticSearch {
            at,
            problem,
            help: help.to_owned(),
            span,
        });
    }
}
