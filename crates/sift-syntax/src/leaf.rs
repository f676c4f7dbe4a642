//! What the leaf rules written with nom (numbers, dates, names) share: an error that names
//! what the grammar wanted and where, and the combinator that attaches it to a part.

use nom::Parser;
use nom::error::{ErrorKind, ParseError};

/// A leaf rule's failure: how much input was left where the part began, and what it wanted.
#[derive(Debug)]
pub(crate) struct Want {
    pub(crate) rest_len: usize,
    pub(crate) expected: &'static str,
}

impl<'a> ParseError<&'a str> for Want {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        Want {
            rest_len: input.len(),
            expected: "a number",
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

/// `parser`, failing with `expected` at the position where it started.
pub(crate) fn wanted<'a, O>(
    expected: &'static str,
    mut parser: impl Parser<&'a str, Output = O, Error = Want>,
) -> impl Parser<&'a str, Output = O, Error = Want> {
    move |i: &'a str| {
        parser.parse(i).map_err(|e| {
            e.map(|_| Want {
                rest_len: i.len(),
                expected,
            })
        })
    }
}
