//! The reader's side tables indexed, for locating a finding: of the spans read (each either
//! inside another or apart from it, as a JSON document's are), the smallest that contains a
//! finding's span, found by halving and a walk up as long as the nesting is deep.

use std::collections::HashMap;

use sift_syntax::Span;

/// Indexes over the reader's side tables.
#[derive(Debug)]
pub(crate) struct Located {
    pub(crate) spans: Innermost,
    pub(crate) keys: Innermost,
    pub(crate) ops: HashMap<Span, usize>,
}

/// Spans nested as a JSON document's are (each two either disjoint or one inside the other),
/// ordered by start (outer first) with each one's parent, the span it lies in.
#[derive(Debug)]
pub(crate) struct Innermost {
    /// `(span, index in the table)`, by start, then longest first, then first recorded last,
    /// so that of equal spans the first recorded is the innermost.
    order: Vec<(Span, usize)>,
    parent: Vec<Option<usize>>,
}

impl Innermost {
    pub(crate) fn new(spans: impl Iterator<Item = Span>) -> Self {
        let mut order: Vec<(Span, usize)> = spans.enumerate().map(|(i, s)| (s, i)).collect();
        order.sort_unstable_by_key(|&(s, i)| {
            (s.start, std::cmp::Reverse(s.end), std::cmp::Reverse(i))
        });
        let mut parent = Vec::with_capacity(order.len());
        let mut open: Vec<usize> = Vec::new();
        for (at, &(span, _)) in order.iter().enumerate() {
            while let Some(&top) = open.last() {
                if contains(order[top].0, span) {
                    break;
                }
                open.pop();
            }
            parent.push(open.last().copied());
            open.push(at);
        }
        Innermost { order, parent }
    }

    /// The table index of the smallest span containing `span`: the last span starting at or
    /// before it lies inside that one, so the walk up from it finds it.
    pub(crate) fn find(&self, span: Span) -> Option<usize> {
        let mut at = self
            .order
            .partition_point(|(s, _)| s.lo() <= span.lo())
            .checked_sub(1)?;
        loop {
            let (candidate, index) = self.order[at];
            if contains(candidate, span) {
                return Some(index);
            }
            at = self.parent[at]?;
        }
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}
