//! [`Segments`]: the names of a path, the first one inline.
//!
//! Nearly every path has one segment, so keeping it inline saves an allocation per condition.
//! Not `smallvec`: its `Array` projection would make the whole AST invariant in `'a`.

use std::ops::Deref;

use crate::ast::Name;

/// The segments of a [`Path`](crate::ast::Path), never empty once parsed; dereferences to
/// `[Name]`, and prints as a list.
#[derive(Clone, PartialEq)]
pub struct Segments<'a>(Repr<'a>);

#[derive(Clone, PartialEq)]
enum Repr<'a> {
    One(Name<'a>),
    Many(Vec<Name<'a>>),
}

impl<'a> Segments<'a> {
    /// A one-segment path, without allocating.
    pub fn one(name: Name<'a>) -> Self {
        Segments(Repr::One(name))
    }

    /// The segments as a slice.
    pub fn as_slice(&self) -> &[Name<'a>] {
        self
    }

    /// Appends a segment (the second one moves the first into a vector).
    pub fn push(&mut self, name: Name<'a>) {
        match &mut self.0 {
            Repr::Many(names) => names.push(name),
            Repr::One(_) => {
                let Repr::One(first) = std::mem::replace(&mut self.0, Repr::Many(Vec::new()))
                else {
                    return;
                };
                self.0 = Repr::Many(vec![first, name]);
            }
        }
    }
}

impl<'a> Deref for Segments<'a> {
    type Target = [Name<'a>];

    fn deref(&self) -> &[Name<'a>] {
        match &self.0 {
            Repr::One(name) => std::slice::from_ref(name),
            Repr::Many(names) => names,
        }
    }
}

impl<'a> From<Vec<Name<'a>>> for Segments<'a> {
    fn from(mut names: Vec<Name<'a>>) -> Self {
        match names.len() {
            1 => names
                .pop()
                .map_or(Segments(Repr::Many(names)), Segments::one),
            _ => Segments(Repr::Many(names)),
        }
    }
}

impl<'a> FromIterator<Name<'a>> for Segments<'a> {
    fn from_iter<I: IntoIterator<Item = Name<'a>>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<'s, 'a> IntoIterator for &'s Segments<'a> {
    type Item = &'s Name<'a>;
    type IntoIter = std::slice::Iter<'s, Name<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Segments<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::Span;

    fn name(text: &'static str) -> Name<'static> {
        Name {
            span: Span::default(),
            text: Cow::Borrowed(text),
            quoted: false,
        }
    }

    #[test]
    fn one_then_many_keeps_order_and_prints_as_a_list() {
        let mut segments = Segments::one(name("a"));
        assert_eq!(segments.len(), 1);
        segments.push(name("b"));
        segments.push(name("c"));
        let texts: Vec<&str> = segments.iter().map(|n| n.text.as_ref()).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        assert_eq!(
            format!("{segments:?}"),
            format!("{:?}", vec![name("a"), name("b"), name("c")])
        );
        assert_eq!(Segments::from(vec![name("a")]), Segments::one(name("a")));
        assert!(Segments::from(Vec::new()).is_empty());
    }
}
