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

impl<I: nom::Input> ParseError<I> for Want {
    fn from_error_kind(input: I, _kind: ErrorKind) -> Self {
        Want {
            rest_len: input.input_len(),
            expected: "a number",
        }
    }

    fn append(_input: I, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

/// `parser`, failing with `expected` at the position where it started (over `&str` or bytes).
pub(crate) fn wanted<I: nom::Input, O>(
    expected: &'static str,
    mut parser: impl Parser<I, Output = O, Error = Want>,
) -> impl Parser<I, Output = O, Error = Want> {
    move |i: I| {
        let rest_len = i.input_len();
        parser
            .parse(i)
            .map_err(|e| e.map(|_| Want { rest_len, expected }))
    }
}
