//! The one rule for user text on a terminal: control characters (C0 but tab and line feed, DEL,
//! C1), bidirectional controls and the Unicode line separators are shown as `\u{…}` escapes, so
//! that a name or string can neither send terminal escape sequences nor reorder what is shown.
//! Every human renderer passes user data through [`escape`]; JSON output needs none (serde
//! escapes controls, and a JSON reader shows no raw text).

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is shown as an escape rather than as itself.
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || sift::is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every character that [`needs_escape`] written as `\u{…}`; borrowed when there
/// is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, needs_escape)
}

/// `text` for a place that must stay on one line (a table cell, a `#` comment naming a file):
/// as [`escape`], and a line feed as `\u{a}` too, so a name cannot start a line of its own.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\n' || needs_escape(c))
}

/// `text` with each character `escaped` picks written as `\u{…}`; borrowed when there is none.
fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            push_code(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends `c` as [`escape`] shows it.
pub fn push_escaped(out: &mut String, c: char) {
    if needs_escape(c) {
        push_code(out, c);
    } else {
        out.push(c);
    }
}

/// `c` as its code point, `\u{…}`.
fn push_code(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped() {
        assert_eq!(escape("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(escape("\u{7f}\u{9b}\u{202e}"), "\\u{7f}\\u{9b}\\u{202e}");
        assert_eq!(escape("tab\tand\nline"), "tab\tand\nline");
        assert!(matches!(escape("plain 漢字"), Cow::Borrowed(_)));
    }
}
