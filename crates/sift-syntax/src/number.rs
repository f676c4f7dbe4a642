//! The number grammar, once: JSON's, which sift source, the JSON reader, exact comparison and
//! the wire writer all read through [`scan_number`].
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

/// Reads the longest number that starts `text`; reads nothing past it.
pub fn scan_number(text: &str) -> Result<NumberScan, NotANumber> {
    let b = text.as_bytes();
    let digits = |from: usize| {
        b.iter()
            .skip(from)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let fail = |at, expected| Err(NotANumber { at, expected });
    let mut n = usize::from(b.first() == Some(&b'-'));
    match b.get(n) {
        Some(b'0') => n += 1,
        Some(b'1'..=b'9') => n += digits(n),
        _ => return fail(n, "a digit"),
    }
    let mut integer = true;
    if b.get(n) == Some(&b'.') {
        let d = digits(n + 1);
        if d == 0 {
            return fail(n + 1, "a digit after `.`");
        }
        n += 1 + d;
        integer = false;
    }
    if matches!(b.get(n), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(n + 1), Some(b'+' | b'-')));
        let d = digits(n + 1 + sign);
        if d == 0 {
            return fail(n + 1 + sign, "a digit in the exponent");
        }
        n += 1 + sign + d;
        integer = false;
    }
    Ok(NumberScan { len: n, integer })
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
