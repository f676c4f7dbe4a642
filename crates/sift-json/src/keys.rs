//! JSON keys as sift paths.

use std::borrow::Cow;

use sift_syntax::Span;
use sift_syntax::ast::{Name, Path, Segments};

/// A JSON key as a path: split at `.`; an empty part (a dot at an end, or two dots) stays
/// with its neighbour (`"client.odd."` → `client` . `` `odd.` ``), so every key has a path whose
/// key it is. With `plain` (the key's text is the JSON text between the quotes), each segment
/// gets its own span.
pub(crate) fn key_path<'a>(key: &Cow<'a, str>, key_span: Span, plain: bool) -> Path<'a> {
    let segment_span = |from: usize, to: usize| {
        if plain {
            Span::new(key_span.lo() + 1 + from, key_span.lo() + 1 + to)
        } else {
            key_span
        }
    };
    // Nearly every key is one name: its one segment, without the ranges below.
    if !key.contains('.') {
        return Path {
            span: key_span,
            segments: Segments::one(Name {
                span: segment_span(0, key.len()),
                text: key.clone(),
                quoted: false,
            }),
        };
    }
    // (start, end) byte ranges of the segments in `key`: empty parts join the next non-empty
    // part, or the previous one at the end.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut pending: Option<usize> = None;
    let mut start = 0;
    for (at, _) in key
        .match_indices('.')
        .chain(std::iter::once((key.len(), "")))
    {
        if at == start {
            pending.get_or_insert(start);
        } else {
            ranges.push((pending.take().unwrap_or(start), at));
        }
        start = at + 1;
    }
    if let Some(from) = pending {
        match ranges.last_mut() {
            Some(last) => last.1 = key.len(),
            None => ranges.push((from, key.len())),
        }
    }
    let segments = ranges
        .iter()
        .map(|&(from, to)| Name {
            span: segment_span(from, to),
            text: match key {
                Cow::Borrowed(whole) => Cow::Borrowed(whole.get(from..to).unwrap_or_default()),
                Cow::Owned(whole) => Cow::Owned(whole.get(from..to).unwrap_or_default().to_owned()),
            },
            quoted: false,
        })
        .collect();
    Path {
        span: key_span,
        segments,
    }
}
