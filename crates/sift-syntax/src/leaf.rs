//! What the leaf rules written with nom (the shapes of dates and date-times) share: an error
//! that names what the grammar wanted, and the combinator that attaches it to a part.

use nom::Parser;
use nom::error::{ErrorKind, ParseError};

/// A leaf rule's failure: what the part that failed wanted.
#[derive(Debug)]
pub(crate) struct Want {
    pub(crate) expected: &'static str,
}

impl<I: nom::Input> ParseError<I> for Want {
    fn from_error_kind(_input: I, _kind: ErrorKind) -> Self {
        Want {
            expected: "a number",
        }
    }

    fn append(_input: I, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

/// `parser`, failing with `expected` (over `&str` or bytes).
pub(crate) fn wanted<I: nom::Input, O>(
    expected: &'static str,
    mut parser: impl Parser<I, Output = O, Error = Want>,
) -> impl Parser<I, Output = O, Error = Want> {
    move |i: I| parser.parse(i).map_err(|e| e.map(|_| Want { expected }))
}
