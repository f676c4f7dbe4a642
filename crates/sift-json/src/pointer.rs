//! JSON pointers as handles: the reader passes a [`Ptr`] down to each node it reads, made in
//! O(1) without text, and writes the RFC 6901 text only when a finding needs it. A document
//! without findings costs no pointer text at all.

use crate::error::child;
use crate::parse::Member;

/// Where a node is in the document: an index into a [`Pointers`] table. Cheap to copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ptr(u32);

impl Ptr {
    /// The document itself (the empty pointer).
    pub(crate) const ROOT: Ptr = Ptr(0);
}

/// The last step of a pointer.
#[derive(Debug)]
enum Segment {
    /// The root: no step.
    Root,
    /// An array index.
    Index(u32),
    /// An object key whose text is the JSON text between its quotes (no escapes): that range.
    Source { start: u32, end: u32 },
    /// A key the reader names itself (`query`, `in`, …).
    Static(&'static str),
    /// An object key with escapes, decoded.
    Decoded(Box<str>),
}

/// Every pointer handed out while reading one document, each as its parent and last step.
#[derive(Debug)]
pub(crate) struct Pointers {
    steps: Vec<(Ptr, Segment)>,
}

impl Default for Pointers {
    fn default() -> Self {
        Pointers {
            steps: vec![(Ptr::ROOT, Segment::Root)],
        }
    }
}

impl Pointers {
    /// Room for `additional` more steps, so that a small document grows the table once.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.steps.reserve(additional);
    }

    fn push(&mut self, parent: Ptr, segment: Segment) -> Ptr {
        // Each step is one JSON member or element of a document whose spans are `u32`s, so
        // the count fits; saturating keeps a handle valid (the last step) regardless.
        let at = u32::try_from(self.steps.len()).unwrap_or(u32::MAX);
        if at == u32::MAX {
            return parent;
        }
        self.steps.push((parent, segment));
        Ptr(at)
    }

    /// `parent` then the key of `member`.
    pub(crate) fn key(&mut self, parent: Ptr, member: &Member<'_>) -> Ptr {
        let span = member.key_span;
        // The decoded key is as long as the text between the quotes only without escapes
        // (every escape decodes to fewer bytes).
        let plain = span.len().checked_sub(2) == Some(member.key.len());
        let segment = if plain {
            Segment::Source {
                start: span.start.saturating_add(1),
                end: span.end.saturating_sub(1),
            }
        } else {
            Segment::Decoded(member.key.as_ref().into())
        };
        self.push(parent, segment)
    }

    /// `parent` then a key the reader knows by name.
    pub(crate) fn name(&mut self, parent: Ptr, name: &'static str) -> Ptr {
        self.push(parent, Segment::Static(name))
    }

    /// `parent` then an array index.
    pub(crate) fn index(&mut self, parent: Ptr, index: usize) -> Ptr {
        self.push(
            parent,
            Segment::Index(u32::try_from(index).unwrap_or(u32::MAX)),
        )
    }

    /// The RFC 6901 text of `ptr`; `source` is the document the keys were read from.
    pub(crate) fn text(&self, ptr: Ptr, source: &str) -> String {
        let mut path = Vec::new();
        let mut at = ptr;
        while let Some((parent, segment)) = self.steps.get(at.0 as usize) {
            if matches!(segment, Segment::Root) {
                break;
            }
            path.push(segment);
            at = *parent;
        }
        let mut out = String::new();
        for segment in path.into_iter().rev() {
            let index;
            let text = match segment {
                Segment::Root => continue,
                Segment::Index(i) => {
                    index = i.to_string();
                    index.as_str()
                }
                Segment::Source { start, end } => source
                    .get(*start as usize..*end as usize)
                    .unwrap_or_default(),
                Segment::Static(name) => name,
                Segment::Decoded(key) => key,
            };
            out.push_str(&child("", text));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{JsonKind, parse_json};

    #[test]
    fn pointers_are_written_as_the_children_would_be() {
        let source = r#"{"a/b": [{"x~y": 1, "q\"\u0041": 2}]}"#;
        let root = parse_json(source, 16).unwrap();
        let JsonKind::Object(members) = &root.kind else {
            panic!("an object")
        };
        let mut pointers = Pointers::default();
        let outer = pointers.key(Ptr::ROOT, &members[0]);
        let item = pointers.index(outer, 0);
        let JsonKind::Array(items) = &members[0].value.kind else {
            panic!("an array")
        };
        let JsonKind::Object(inner) = &items[0].kind else {
            panic!("an object")
        };
        let plain = pointers.key(item, &inner[0]);
        let escaped = pointers.key(item, &inner[1]);
        let named = pointers.name(escaped, "in");
        let expected = |keys: &[&str]| keys.iter().fold(String::new(), |p, k| child(&p, k));
        assert_eq!(pointers.text(Ptr::ROOT, source), "");
        assert_eq!(pointers.text(plain, source), expected(&["a/b", "0", "x~y"]));
        assert_eq!(
            pointers.text(named, source),
            expected(&["a/b", "0", "q\"A", "in"])
        );
    }
}
