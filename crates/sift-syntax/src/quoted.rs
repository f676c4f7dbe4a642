//! The escapes of strings and quoted names, decoded once. The parser decodes with [`decode`]
//! (recording each escape that does not decode), and every other reader of a string's or a
//! name's text (completion, highlighting, an editor) with [`unquote`], so a name reads the same
//! wherever it is read. Where a string or name ends is the lexer's one scanner's
//! (`scan_delimited`).

use std::borrow::Cow;

use crate::lexer::scan_delimited;

/// An escape that does not decode; `at` is its byte offset in the body given to [`decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BadEscape<'t> {
    /// `\q`: no such escape; kept as written.
    Unknown { at: usize, text: &'t str },
    /// A `\u` escape that is not four hex digits or not a whole surrogate pair; read as
    /// U+FFFD.
    Unicode {
        at: usize,
        text: &'t str,
        reason: &'static str,
    },
}

/// The text a string literal or a quoted name stands for, given as written with its opening
/// delimiter (`"a\"b"`, `'x'`, `` `a``b` ``): its escapes decoded as the parser decodes them (an
/// escape that does not decode is kept as the parser keeps it), and, in a name, each doubled
/// backtick one backtick. One the line ends before its closing delimiter reads to the end of
/// the line, blanks at its end dropped. `None` when `written` does not open with `"`, `'` or
/// `` ` ``.
///
/// ```
/// use sift_syntax::unquote;
///
/// assert_eq!(unquote("`a``b`").as_deref(), Some("a`b"));
/// assert_eq!(unquote(r"`a\`b` and more").as_deref(), Some("a`b"));
/// assert_eq!(unquote(r#""tab\there""#).as_deref(), Some("tab\there"));
/// assert_eq!(unquote("plain"), None);
/// ```
pub fn unquote(written: &str) -> Option<Cow<'_, str>> {
    let delim = written
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let body = &written[delim.len_utf8()..];
    let scan = scan_delimited(body, delim);
    let content = if scan.closed {
        &body[..scan.len]
    } else {
        body[..scan.len].trim_end()
    };
    Some(if scan.escaped {
        Cow::Owned(decode(content, delim, |_| {}))
    } else {
        Cow::Borrowed(content)
    })
}

/// Decodes the escapes of a string or quoted-name `body` (between its delimiters) and, in a
/// name (`delim` is a backtick), each doubled backtick; `bad` hears of every escape that does
/// not decode.
pub(crate) fn decode(body: &str, delim: char, mut bad: impl FnMut(BadEscape<'_>)) -> String {
    let offset_of = |suffix: &str| body.len() - suffix.len();
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(['\\', '`']) {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        if escape.starts_with('`') {
            // Only a quoted name holds a backtick that needs decoding: a doubled one.
            out.push('`');
            let doubled = delim == '`' && escape.starts_with("``");
            rest = &escape[if doubled { 2 } else { 1 }..];
            continue;
        }
        let mut chars = escape.chars().skip(1);
        let simple = match chars.next() {
            Some('"') => Some('"'),
            Some('\'') => Some('\''),
            Some('`') => Some('`'),
            Some('\\') => Some('\\'),
            Some('/') => Some('/'),
            Some('b') => Some('\u{8}'),
            Some('f') => Some('\u{c}'),
            Some('n') => Some('\n'),
            Some('r') => Some('\r'),
            Some('t') => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            rest = &escape[2..];
            continue;
        }
        if escape[1..].starts_with('u') {
            let (decoded, used) = match unicode_escape(escape) {
                Ok(decoded) => decoded,
                Err((used, reason)) => {
                    bad(BadEscape::Unicode {
                        at: offset_of(escape),
                        text: &escape[..used],
                        reason,
                    });
                    ('\u{FFFD}', used.max(1))
                }
            };
            out.push(decoded);
            rest = &escape[used..];
            continue;
        }
        // An unknown escape: keep it as written.
        let len = 1 + escape[1..].chars().next().map_or(0, char::len_utf8);
        let text = &escape[..len];
        bad(BadEscape::Unknown {
            at: offset_of(escape),
            text,
        });
        out.push_str(text);
        rest = &escape[len..];
    }
    out.push_str(rest);
    out
}

/// `\uXXXX`, and `\uXXXX\uXXXX` for a surrogate pair, at the start of `escape`: the character
/// and the bytes used, or the bytes that do not decode (on a character boundary) and why.
fn unicode_escape(escape: &str) -> Result<(char, usize), (usize, &'static str)> {
    let hex4 = |s: &str| -> Option<u32> {
        let digits = s.get(..4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    };
    let fail = |used: usize, reason| {
        let used = used.min(escape.len());
        let used = (0..=used)
            .rev()
            .find(|n| escape.is_char_boundary(*n))
            .unwrap_or(0);
        Err((used, reason))
    };
    let Some(high) = escape.get(2..).and_then(hex4) else {
        return fail(2, "`\\u` takes exactly four hex digits, as in `\\u00e9`");
    };
    if !(0xD800..0xE000).contains(&high) {
        return Ok((char::from_u32(high).unwrap_or('\u{FFFD}'), 6));
    }
    if high >= 0xDC00 {
        return fail(
            6,
            "a low surrogate must follow a high surrogate (\\uD800-\\uDBFF)",
        );
    }
    let low = escape
        .get(6..)
        .filter(|s| s.starts_with("\\u"))
        .and_then(|s| s.get(2..))
        .and_then(hex4);
    match low {
        Some(low) if (0xDC00..0xE000).contains(&low) => {
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            Ok((char::from_u32(code).unwrap_or('\u{FFFD}'), 12))
        }
        _ => fail(
            6,
            "a high surrogate must be followed by a low surrogate escape (\\uDC00-\\uDFFF)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(body: &str, delim: char) -> (String, Vec<String>) {
        let mut bad = Vec::new();
        let text = decode(body, delim, |e| bad.push(format!("{e:?}")));
        (text, bad)
    }

    #[test]
    fn escapes_decode_and_bad_ones_are_reported_in_place() {
        assert_eq!(decoded(r"a\nb\u00e9", '"').0, "a\nb\u{e9}");
        assert_eq!(decoded(r"\ud83d\ude00", '"').0, "\u{1f600}");
        assert_eq!(decoded("a``b", '`').0, "a`b");
        let (text, bad) = decoded(r"x\q\u12", '"');
        assert_eq!(text, "x\\q\u{FFFD}12");
        assert_eq!(bad.len(), 2);
        assert!(
            bad[0].contains("at: 1") && bad[1].contains("at: 3"),
            "{bad:?}"
        );
    }

    #[test]
    fn unquote_reads_what_the_scanner_ends() {
        assert_eq!(unquote("'it\\'s' x").as_deref(), Some("it's"));
        assert_eq!(unquote("`open  \nnext").as_deref(), Some("open"));
        assert_eq!(unquote("\"\"").as_deref(), Some(""));
        assert!(matches!(unquote("`plain`"), Some(Cow::Borrowed("plain"))));
    }
}
