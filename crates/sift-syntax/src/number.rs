//! The number grammar, once: JSON's, which sift source, the JSON reader, exact comparison and
//! the wire writer all read through [`scan_number`], which reads it by hand over bytes (it is
//! on the hot path of every parse).
//!
//! `number = [ "-" ] , int , [ frac ] , [ exp ] ;` with `int = "0" | digit19 , { digit }`,
//! `frac = "." , digit , { digit }` and `exp = ( "e" | "E" ) , [ "+" | "-" ] , digit , { digit }`.

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

/// Reads the longest number that starts `text`; reads nothing past it. Each part of the rule
/// is read in turn over bytes (a number is ASCII, so no character is decoded); a part that must
/// follow (a digit after `-`, `.` or `e`) names itself and where it was wanted when it is
/// missing.
pub fn scan_number(text: &str) -> Result<NumberScan, NotANumber> {
    let bytes = text.as_bytes();
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    // int = "0" | digit19 , { digit } : the run of digits, of which a leading `0` is all.
    match digits(bytes, at) {
        0 => {
            return Err(NotANumber {
                at,
                expected: "a digit",
            });
        }
        run => at += if bytes.get(at) == Some(&b'0') { 1 } else { run },
    }
    let mut integer = true;
    // frac = "." , digit , { digit }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        at += required_digits(bytes, at, "a digit after `.`")?;
        integer = false;
    }
    // exp = ( "e" | "E" ) , [ "+" | "-" ] , digit , { digit }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        at += required_digits(bytes, at, "a digit in the exponent")?;
        integer = false;
    }
    Ok(NumberScan { len: at, integer })
}

/// The length of the run of ASCII digits at `bytes[at..]`.
#[inline]
fn digits(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..).map_or(0, |run| {
        run.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

/// [`digits`], of which there must be one.
fn required_digits(bytes: &[u8], at: usize, expected: &'static str) -> Result<usize, NotANumber> {
    match digits(bytes, at) {
        0 => Err(NotANumber { at, expected }),
        run => Ok(run),
    }
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
        assert_eq!(scan_number("0.5e"), bad(4, "a digit in the exponent"));
        assert_eq!(scan_number("-01"), ok(2, true));
        assert_eq!(scan_number("2E9,"), ok(3, false));
        assert_eq!(scan_number(".5"), bad(0, "a digit"));
        assert!(is_number("-1.50e-7") && !is_number("1 ") && !is_number("+1") && !is_number(""));
    }
}
