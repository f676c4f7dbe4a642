//! A YAML document as an arena of nodes, each with its position.
//!
//! Built from the parser's event stream without recursion. Nodes refer to their children by
//! index, so dropping a deeply nested document is flat, and an alias is one more reference to
//! the anchored node rather than a copy: a document of aliases to aliases stays linear in size
//! here, and the conversion bounds how much of it it expands.

use std::borrow::Cow;
use std::collections::HashMap;

use index_vec::{IndexSlice, IndexVec};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

index_vec::define_index_type! {
    /// A node of a [`Tree`]: its place in [`Tree::nodes`].
    pub(super) struct NodeId = u32;
}

/// A position in the source: `index` counts characters, `line` is 1-based, `column` 0-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Mark {
    pub(super) index: usize,
    pub(super) line: usize,
    pub(super) column: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) start: Mark,
    pub(super) end: Mark,
}

impl From<Span> for Region {
    fn from(span: Span) -> Self {
        let mark = |m: saphyr_parser::Marker| Mark {
            index: m.index(),
            line: m.line(),
            column: m.col(),
        };
        Region {
            start: mark(span.start),
            end: mark(span.end),
        }
    }
}

#[derive(Debug)]
pub(super) enum NodeKind<'a> {
    /// `plain` is false for quoted and block scalars, which are never null.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Sequence(Vec<NodeId>),
    Mapping(Vec<(NodeId, NodeId)>),
}

#[derive(Debug)]
pub(super) struct Node<'a> {
    pub(super) kind: NodeKind<'a>,
    pub(super) region: Region,
}

impl Node<'_> {
    /// A YAML null: an empty plain scalar, `~` or `null`.
    pub(super) fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { text, plain: true }
            if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The text of a scalar that is not null.
    pub(super) fn text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } if !self.is_null() => Some(text),
            _ => None,
        }
    }

    /// "a mapping", "a list", "null", "a string": what a shape error says it found.
    pub(super) fn shape(&self) -> &'static str {
        match &self.kind {
            _ if self.is_null() => "null",
            NodeKind::Scalar { .. } => "a scalar",
            NodeKind::Sequence(_) => "a list",
            NodeKind::Mapping(_) => "a mapping",
        }
    }
}

/// One YAML document.
#[derive(Debug)]
pub(super) struct Tree<'a> {
    pub(super) nodes: IndexVec<NodeId, Node<'a>>,
    pub(super) root: NodeId,
}

impl<'a> Tree<'a> {
    /// A tree without nodes, whose root is no node: what a converter reporting a
    /// [`TreeError`] reads.
    pub(super) fn empty() -> Self {
        Tree {
            nodes: IndexVec::new(),
            root: NodeId::from_raw(0),
        }
    }

    pub(super) fn node(&self, id: NodeId) -> Option<&Node<'a>> {
        self.nodes.get(id)
    }
}

/// Why the text is not one YAML document.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TreeError {
    pub(super) reason: String,
    pub(super) region: Region,
}

/// An open sequence or mapping, and for a mapping the key waiting for its value.
struct Open {
    id: NodeId,
    anchor: usize,
    pending_key: Option<NodeId>,
}

/// Parses `text` into one document. Empty text, several documents, syntax errors and aliases
/// that refer to an unknown or still-open anchor are errors.
pub(super) fn parse(text: &str) -> Result<Tree<'_>, TreeError> {
    let mut nodes: IndexVec<NodeId, Node<'_>> = IndexVec::new();
    let mut anchors: HashMap<usize, NodeId> = HashMap::new();
    let mut open: Vec<Open> = Vec::new();
    let mut root: Option<NodeId> = None;
    let mut documents = 0usize;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| TreeError {
            reason: e.info().to_owned(),
            region: Region::from(Span::empty(*e.marker())),
        })?;
        let region = Region::from(span);
        let (id, container_anchor) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(TreeError {
                        reason: String::from(
                            "the file holds more than one YAML document; a connector spec is one",
                        ),
                        region,
                    });
                }
                continue;
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let id = push(
                    &mut nodes,
                    Node {
                        kind: NodeKind::Scalar {
                            text,
                            plain: style == ScalarStyle::Plain,
                        },
                        region,
                    },
                )?;
                if anchor > 0 {
                    anchors.insert(anchor, id);
                }
                (id, None)
            }
            Event::Alias(anchor) => match anchors.get(&anchor) {
                Some(&id) => (id, None),
                None => {
                    return Err(TreeError {
                        reason: String::from(
                            "this alias refers to a node that is not complete here (an alias inside its own anchor)",
                        ),
                        region,
                    });
                }
            },
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    NodeKind::Sequence(Vec::new())
                } else {
                    NodeKind::Mapping(Vec::new())
                };
                let id = push(&mut nodes, Node { kind, region })?;
                (id, Some(anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(closed) = open.pop() {
                    // The end event's span closes the region of the container.
                    if let Some(node) = nodes.get_mut(closed.id) {
                        node.region.end = region.end;
                    }
                    // Registered only now, so that an alias can never point into an open node.
                    if closed.anchor > 0 {
                        anchors.insert(closed.anchor, closed.id);
                    }
                }
                continue;
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {
                continue;
            }
        };
        attach(&mut nodes, &mut open, &mut root, id);
        if let Some(anchor) = container_anchor {
            open.push(Open {
                id,
                anchor,
                pending_key: None,
            });
        }
    }
    match root {
        Some(root) => Ok(Tree { nodes, root }),
        None => Err(TreeError {
            reason: String::from("the file is empty"),
            region: Region::default(),
        }),
    }
}

/// Stores `node` and returns its id.
fn push<'a>(nodes: &mut IndexVec<NodeId, Node<'a>>, node: Node<'a>) -> Result<NodeId, TreeError> {
    has_room(nodes.len(), node.region)?;
    Ok(nodes.push(node))
}

/// Whether a node can be stored after `len` others: a [`NodeId`] is a `u32`, and a document
/// with more nodes is refused here rather than let the id's constructor panic on it.
fn has_room(len: usize, region: Region) -> Result<(), TreeError> {
    if len > NodeId::MAX_INDEX {
        return Err(TreeError {
            reason: String::from(
                "the file holds more than 2^32 YAML nodes, more than a connector spec can have",
            ),
            region,
        });
    }
    Ok(())
}

/// Adds `id` to the innermost open container, or makes it the root.
fn attach(
    nodes: &mut IndexSlice<NodeId, [Node<'_>]>,
    open: &mut [Open],
    root: &mut Option<NodeId>,
    id: NodeId,
) {
    let Some(parent) = open.last_mut() else {
        root.get_or_insert(id);
        return;
    };
    match nodes.get_mut(parent.id).map(|n| &mut n.kind) {
        Some(NodeKind::Sequence(items)) => items.push(id),
        Some(NodeKind::Mapping(entries)) => match parent.pending_key.take() {
            Some(key) => entries.push((key, id)),
            None => parent.pending_key = Some(id),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar<'t>(tree: &'t Tree<'_>, id: NodeId) -> Option<&'t str> {
        tree.node(id).and_then(|n| n.text())
    }

    #[test]
    fn builds_mappings_sequences_and_shares_aliases() {
        let tree = parse("a: &x [1, 2]\nb: *x\nc: ~\n").unwrap_or_else(|e| panic!("{e:?}"));
        let Some(NodeKind::Mapping(entries)) = tree.node(tree.root).map(|n| &n.kind) else {
            panic!("root is not a mapping");
        };
        assert_eq!(entries.len(), 3);
        let (a, b, c) = (entries[0].1, entries[1].1, entries[2].1);
        assert_eq!(a, b, "an alias shares its anchor's node");
        assert!(tree.node(c).is_some_and(Node::is_null));
        assert_eq!(scalar(&tree, entries[0].0), Some("a"));
        let region = tree.node(b).map(|n| n.region);
        assert_eq!(region.map(|r| r.start.line), Some(1));
    }

    #[test]
    fn rejects_empty_text_several_documents_and_bad_syntax() {
        assert!(parse("").is_err());
        assert!(parse("# only a comment\n").is_err());
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
        assert!(parse("a: [1, 2\n").is_err());
        assert!(parse("a: &x [*x]\n").is_err());
    }

    #[test]
    fn quoted_null_is_a_string() {
        let tree = parse("\"null\"").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(scalar(&tree, tree.root), Some("null"));
    }

    #[test]
    fn refuses_more_nodes_than_an_id_numbers() {
        assert!(has_room(NodeId::MAX_INDEX, Region::default()).is_ok());
        if let Some(past) = NodeId::MAX_INDEX.checked_add(1) {
            let error = has_room(past, Region::default()).err();
            assert!(error.is_some_and(|e| e.reason.contains("YAML nodes")));
        }
    }

    #[test]
    fn nesting_is_flat_to_build_and_drop() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&text).is_ok_and(|t| t.nodes.len() == 100));
        // The parser refuses nesting past its own limit, quickly.
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&text).is_err());
    }
}
