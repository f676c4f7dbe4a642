//! Generated sift documents: the AST generators and token soup shared with sift-syntax's
//! round-trip properties, and the ways the differential test garbles text.

#[path = "../../../../crates/sift-syntax/tests/generators/mod.rs"]
mod shared;

pub use shared::{document, token};

use proptest::prelude::*;

/// One change to a text, at a place chosen by proptest.
#[derive(Clone, Debug)]
pub enum Mutation {
    Insert(proptest::sample::Index, String),
    Delete(proptest::sample::Index, usize),
    Duplicate(proptest::sample::Index, usize),
    ChangeCase(proptest::sample::Index, usize),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<proptest::sample::Index>();
    prop_oneof![
        3 => (at.clone(), token()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        2 => (at.clone(), 1usize..8).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => (at.clone(), 1usize..12).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        1 => (at, 1usize..8).prop_map(|(at, n)| Mutation::ChangeCase(at, n)),
    ]
}

/// `text` with `mutation` applied; every cut falls on a character boundary.
pub fn mutate(text: &str, mutation: &Mutation) -> String {
    let mut bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    bounds.push(text.len());
    let range = |at: &proptest::sample::Index, n: usize| {
        let start = at.index(bounds.len());
        let end = bounds[(start + n).min(bounds.len() - 1)];
        (bounds[start], end)
    };
    let mut out = text.to_owned();
    match mutation {
        Mutation::Insert(at, piece) => out.insert_str(bounds[at.index(bounds.len())], piece),
        Mutation::Delete(at, n) => {
            let (lo, hi) = range(at, *n);
            out.replace_range(lo..hi, "");
        }
        Mutation::Duplicate(at, n) => {
            let (lo, hi) = range(at, *n);
            out.insert_str(hi, &text[lo..hi]);
        }
        Mutation::ChangeCase(at, n) => {
            let (lo, hi) = range(at, *n);
            let flipped: String = text[lo..hi]
                .chars()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect();
            out.replace_range(lo..hi, &flipped);
        }
    }
    out
}

/// What goes between two tokens when a text is spaced anew: nothing (the tokens run
/// together), blanks of every kind sift reads, or a comment.
pub fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "",
        "",
        "",
        "",
        " ",
        "\n",
        "\t",
        "\r\n",
        "\r",
        "  ",
        "\u{3000}",
        "\u{a0}",
        "\u{85}",
        "# c\n",
        " #\u{0}\n",
        "\n# own line\n",
    ])
}

/// `text` with the gaps before some of its tokens (sift's flat token stream) replaced: each
/// `(token, separator)` puts `separator` before that token.
pub fn respace(text: &str, gaps: &[(proptest::sample::Index, &str)]) -> String {
    let spans: Vec<sift_syntax::Span> = sift_syntax::tokens(text).iter().map(|t| t.span).collect();
    if spans.is_empty() {
        return text.to_owned();
    }
    let mut chosen: Vec<(usize, &str)> = gaps
        .iter()
        .map(|(token, separator)| (token.index(spans.len()), *separator))
        .collect();
    chosen.sort_by_key(|(token, _)| *token);
    chosen.dedup_by_key(|(token, _)| *token);
    let mut out = String::new();
    let mut end = 0;
    let mut chosen = chosen.into_iter().peekable();
    for (n, span) in spans.iter().enumerate() {
        match chosen.next_if(|(token, _)| *token == n) {
            Some((_, separator)) if n > 0 => out.push_str(separator),
            _ => out.push_str(&text[end..span.lo()]),
        }
        out.push_str(&text[span.lo()..span.hi()]);
        end = span.hi();
    }
    out.push_str(&text[end..]);
    out
}
