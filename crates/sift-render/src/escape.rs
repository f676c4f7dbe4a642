//! The one rule for user text on a terminal: control characters (C0 but tab and line feed, DEL,
//! C1), bidirectional controls and the Unicode line separators are shown as `\u{…}` escapes, so
//! that a name or string can neither send terminal escape sequences nor reorder what is shown.
//! Every human renderer passes user data through [`escape`] (or [`escape_line`] where the text
//! must stay on one line). Data written to a terminal in a machine format takes the same rule in
//! that format's own spelling: JSON as `\uXXXX` escapes ([`escape_json`], the same data for a
//! JSON reader), CSV fields as [`escape`]; on a pipe or in a file data is written as it is.
//! Which characters are bidi controls is `sift::syntax::is_bidi_control`'s one table.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is shown as an escape rather than as itself.
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || sift::syntax::is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `c` is shown as an escape in text that must stay on one line: as
/// [`needs_escape`], and line feed and tab too.
pub fn needs_escape_in_line(c: char) -> bool {
    c == '\n' || c == '\t' || needs_escape(c)
}

/// `text` with every character that [`needs_escape`] written as `\u{…}`; borrowed when there
/// is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, needs_escape)
}

/// `text` for a place that must stay on one line (a table cell, a `#` comment naming a file):
/// as [`escape`], and a line feed and a tab as `\u{a}` and `\u{9}` too, so a name can neither
/// start a line of its own nor break a column.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_where(text, needs_escape_in_line)
}

/// JSON text for a terminal: each character [`needs_escape`] picks, inside a string, as a JSON
/// `\uXXXX` escape, which a JSON reader reads as the same character, so the data is unchanged.
/// Outside strings JSON has only ASCII punctuation, literals and whitespace; a carriage return
/// there (whitespace to JSON, a cursor move to a terminal) is shown as `\u{d}`. Borrowed when
/// nothing needs escaping.
pub fn escape_json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut in_string, mut after_backslash) = (false, false);
    for c in text.chars() {
        if in_string && needs_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
            after_backslash = false;
            continue;
        }
        if !in_string && needs_escape(c) {
            push_code(&mut out, c);
            continue;
        }
        out.push(c);
        if in_string {
            match (after_backslash, c) {
                (true, _) => after_backslash = false,
                (false, '\\') => after_backslash = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
    }
    Cow::Owned(out)
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

/// Appends `c` as [`escape_line`] shows it.
pub fn push_escaped_in_line(out: &mut String, c: char) {
    if needs_escape_in_line(c) {
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
        assert_eq!(escape_line("tab\tand\nline"), "tab\\u{9}and\\u{a}line");
        assert!(matches!(escape("plain 漢字"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_data_and_becomes_safe() {
        let value = serde_json::json!({
            "a\u{202e}": ["\u{1b}]0;title\u{7}", "x\u{9b}y\u{2028}", "\u{7f}", "\\\"\u{202e}"],
            "plain": "漢字 \\u{202e}",
        });
        for text in [
            value.to_string(),
            serde_json::to_string_pretty(&value).unwrap(),
        ] {
            let shown = escape_json(&text);
            assert!(!shown.chars().any(needs_escape), "{shown}");
            let read: serde_json::Value = serde_json::from_str(&shown).unwrap();
            assert_eq!(read, value, "{shown}");
        }
        let text = r#"{"a":"plain"}"#;
        assert!(matches!(escape_json(text), Cow::Borrowed(_)));
        assert_eq!(
            escape_json("{\r\n\"a\u{202e}\":1}"),
            "{\\u{d}\n\"a\\u202e\":1}"
        );
    }
}
