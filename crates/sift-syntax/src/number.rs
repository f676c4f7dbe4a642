//! The number grammar, once: JSON's, which sift source, the JSON reader, exact comparison and
//! the wire writer all read through [`scan_number`].
//!
//! `number = [ "-" ] , int , [ frac ] , [ exp ] ;` with `int = "0" | digit19 , { digit }`,
//! `frac = "." , digit , { digit }` and `exp = ( "e" | "E" ) , [ "+" | "-" ] , digit , { digit }`.

use nom::Parser;
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{cut, opt, recognize};

use crate::leaf::{Want, wanted};

/// A number at the start of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberScan {
    /// Its length in bytes (the text may go on: `01` scans as `0`, callers decide).
    pub len: usize,
    /// No fraction and no exponent.
    pub integer: bool,
}

/// Why no number starts a text: the byte offset where the grammar stopped, and what it wanted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotANumber {
    pub at: usize,
    pub expected: &'static str,
}

/// Reads the longest number that starts `text`; reads nothing past it. Written with nom: each
/// part of the rule is a combinator, and a part that must follow (a digit after `.` or `e`)
/// is `cut`, so the failure names it and where it was wanted. The parts read bytes: a number is
/// ASCII, so no character is decoded.
pub fn scan_number(text: &str) -> Result<NumberScan, NotANumber> {
    let int = wanted("a digit", int_part);
    let frac = (char('.'), cut(wanted("a digit after `.`", digit1)));
    let exp = (
        one_of("eE"),
        opt(one_of("+-")),
        cut(wanted("a digit in the exponent", digit1)),
    );
    let mut number = (
        opt(char('-')),
        int,
        opt(recognize(frac)),
        opt(recognize(exp)),
    );
    match number.parse(text.as_bytes()) {
        Ok((rest, (_, _, frac, exp))) => Ok(NumberScan {
            len: text.len() - rest.len(),
            integer: frac.is_none() && exp.is_none(),
        }),
        Err(nom::Err::Error(want) | nom::Err::Failure(want)) => Err(NotANumber {
            at: text.len() - want.rest_len,
            expected: want.expected,
        }),
        Err(nom::Err::Incomplete(_)) => Err(NotANumber {
            at: text.len(),
            expected: "a digit",
        }),
    }
}

/// `int = "0" | digit19 , { digit }`: the run of digits, of which a leading `0` is all.
fn int_part(i: &[u8]) -> nom::IResult<&[u8], &[u8], Want> {
    let (rest, digits) = digit1(i)?;
    Ok(if digits.starts_with(b"0") {
        (&i[1..], &i[..1])
    } else {
        (rest, digits)
    })
}

/// Whether `text` is exactly one number, nothing before or after it.
pub fn is_number(text: &str) -> bool {
    scan_number(text).is_ok_and(|scan| scan.len == text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_json() {
        let ok = |len, integer| Ok(NumberScan { len, integer });
        assert_eq!(scan_number("12 "), ok(2, true));
        assert_eq!(scan_number("-0.5e+3x"), ok(7, false));
        assert_eq!(scan_number("01"), ok(1, true));
        let bad = |at, expected| Err(NotANumber { at, expected });
        assert_eq!(scan_number("1."), bad(2, "a digit after `.`"));
        assert_eq!(scan_number("-"), bad(1, "a digit"));
        assert_eq!(scan_number("1e+"), bad(3, "a digit in the exponent"));
        assert!(is_number("-1.50e-7") && !is_number("1 ") && !is_number("+1") && !is_number(""));
    }
}
