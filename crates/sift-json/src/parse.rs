//! A strict JSON parser (RFC 8259) that keeps the byte span of every value and key and the
//! text of every number. No comments, no trailing commas, no single quotes: what it accepts
//! is what a JSON receiver accepts. Nesting is bounded before each descent, so deep input
//! fails with a diagnostic instead of exhausting the stack.

use std::borrow::Cow;

use sift_syntax::Span;

/// A JSON value and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue<'a> {
    pub span: Span,
    pub kind: JsonKind<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written (a valid JSON number).
    Number(&'a str),
    /// The decoded string; borrowed when it has no escapes.
    String(Cow<'a, str>),
    Array(Vec<JsonValue<'a>>),
    /// Members in document order, duplicates kept (so they can be reported).
    Object(Vec<Member<'a>>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    /// The span of the key, quotes included.
    pub key_span: Span,
    pub value: JsonValue<'a>,
}

impl JsonKind<'_> {
    /// "an object", "the string \"x\"", …: how messages name what was found.
    pub fn describe(&self) -> String {
        match self {
            JsonKind::Null => "null".to_owned(),
            JsonKind::Bool(b) => format!("the boolean {b}"),
            JsonKind::Number(n) => format!("the number {}", shorten(n)),
            JsonKind::String(s) => format!("the string {}", quote(&shorten(s))),
            JsonKind::Array(items) if items.is_empty() => "an empty array".to_owned(),
            JsonKind::Array(_) => "an array".to_owned(),
            JsonKind::Object(members) if members.is_empty() => "an empty object".to_owned(),
            JsonKind::Object(_) => "an object".to_owned(),
        }
    }
}

/// At most 40 characters of `text`, with `…` when cut.
pub(crate) fn shorten(text: &str) -> Cow<'_, str> {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// `text` as a JSON string literal.
pub(crate) fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// Why the text is not JSON: at `span`, `expected` was expected and `found` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseFailure {
    Syntax {
        span: Span,
        expected: &'static str,
        found: String,
        help: Option<&'static str>,
    },
    TooDeep {
        span: Span,
        limit: usize,
    },
}

/// Parses `text` as one JSON value; `max_depth` bounds the nesting of arrays and objects.
/// A text above [`sift_syntax::MAX_SOURCE_BYTES`] is refused before it is read: spans could
/// not address it.
pub fn parse_json(text: &str, max_depth: usize) -> Result<JsonValue<'_>, ParseFailure> {
    if text.len() > sift_syntax::MAX_SOURCE_BYTES {
        return Err(ParseFailure::Syntax {
            span: Span::new(0, 0),
            expected: "a document of at most 4 GiB",
            found: format!("{} bytes", text.len()),
            help: None,
        });
    }
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        max_depth,
    };
    // A leading byte-order mark is no part of the document; spans still count its bytes.
    if text.starts_with(sift_syntax::BYTE_ORDER_MARK) {
        parser.pos = sift_syntax::BYTE_ORDER_MARK.len_utf8();
    }
    parser.skip_ws();
    let value = parser.value(0).map_err(|failure| *failure)?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.unexpected("the end of the document", None));
    }
    Ok(value)
}

/// A failure while parsing, boxed so that the `Result`s of the recursive descent stay small
/// (a frame per level of nesting: 528 levels must fit a 2 MiB thread stack in a debug build).
type Fail = Box<ParseFailure>;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A syntax failure at the current position.
    fn unexpected(&self, expected: &'static str, help: Option<&'static str>) -> ParseFailure {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let (found, len) = match rest.chars().next() {
            None => ("the end of the input".to_owned(), 0),
            Some(c) => {
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .take(20)
                    .collect();
                if word.is_empty() {
                    let shown = if c.is_control() {
                        c.escape_debug().to_string()
                    } else {
                        c.to_string()
                    };
                    (format!("`{shown}`"), c.len_utf8())
                } else {
                    let len = word.len();
                    (format!("`{word}`"), len)
                }
            }
        };
        let help = help.or_else(|| hint(rest));
        ParseFailure::Syntax {
            span: Span::new(self.pos, self.pos + len),
            expected,
            found,
            help,
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsonValue<'a>, Fail> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => JsonKind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => JsonKind::Number(self.number()?),
            Some(b't') => self.word("true", JsonKind::Bool(true))?,
            Some(b'f') => self.word("false", JsonKind::Bool(false))?,
            Some(b'n') => self.word("null", JsonKind::Null)?,
            _ => return Err(Box::new(self.unexpected("a JSON value", None))),
        };
        Ok(JsonValue {
            span: Span::new(start, self.pos),
            kind,
        })
    }

    fn word(&mut self, word: &'static str, kind: JsonKind<'a>) -> Result<JsonKind<'a>, Fail> {
        let end = self.pos + word.len();
        let continues = self
            .bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if self.text.get(self.pos..end) == Some(word) && !continues {
            self.pos = end;
            Ok(kind)
        } else {
            Err(Box::new(self.unexpected("a JSON value", None)))
        }
    }

    /// Enters one level of nesting at `depth`.
    fn descend(&self, depth: usize) -> Result<usize, Fail> {
        let next = depth + 1;
        if next > self.max_depth {
            return Err(Box::new(ParseFailure::TooDeep {
                span: Span::new(self.pos, self.pos + 1),
                limit: self.max_depth,
            }));
        }
        Ok(next)
    }

    fn array(&mut self, depth: usize) -> Result<JsonKind<'a>, Fail> {
        let depth = self.descend(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(JsonKind::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(Box::new(self.unexpected(
                            "a value after `,`",
                            Some("JSON allows no trailing comma: remove the last `,`"),
                        )));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(JsonKind::Array(items));
                }
                _ => return Err(Box::new(self.unexpected("`,` or `]`", None))),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsonKind<'a>, Fail> {
        let depth = self.descend(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(JsonKind::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(Box::new(self.unexpected(
                    "a key in double quotes",
                    Some("JSON keys are strings in double quotes: `\"eq\"`"),
                )));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(Box::new(self.unexpected("`:` after the key", None)));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(Box::new(self.unexpected(
                            "a key after `,`",
                            Some("JSON allows no trailing comma: remove the last `,`"),
                        )));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(JsonKind::Object(members));
                }
                _ => return Err(Box::new(self.unexpected("`,` or `}`", None))),
            }
        }
    }

    /// A number (the grammar of [`sift_syntax::number`]), returned as written.
    fn number(&mut self) -> Result<&'a str, Fail> {
        let start = self.pos;
        let rest = self.text.get(start..).unwrap_or_default();
        match sift_syntax::number::scan_number(rest) {
            Ok(scan) => {
                self.pos += scan.len;
                let text = &rest[..scan.len];
                if matches!(text, "0" | "-0") && matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(Box::new(self.unexpected(
                        "`.`, `e` or the end of the number",
                        Some("JSON numbers have no leading zeros"),
                    )));
                }
                Ok(text)
            }
            Err(stop) => {
                self.pos += stop.at;
                Err(Box::new(self.unexpected(stop.expected, None)))
            }
        }
    }

    /// A string at `"`: decoded, borrowed when free of escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Fail> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes.
        loop {
            match self.peek() {
                Some(b'"') => {
                    let text = self.text.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(Cow::Borrowed(text));
                }
                Some(b'\\') => break,
                Some(0..=0x1F) => return Err(Box::new(self.control_character())),
                Some(_) => self.pos += 1,
                None => return Err(Box::new(self.unclosed(start))),
            }
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or_default());
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(0..=0x1F) => return Err(Box::new(self.control_character())),
                Some(_) => {
                    let run_start = self.pos;
                    while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                        self.pos += 1;
                    }
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                }
                None => return Err(Box::new(self.unclosed(start))),
            }
        }
    }

    fn control_character(&self) -> ParseFailure {
        self.unexpected(
            "a character of the string",
            Some("control characters must be escaped in JSON strings: `\\n`, `\\t`, `\\u0000`"),
        )
    }

    fn unclosed(&self, start: usize) -> ParseFailure {
        ParseFailure::Syntax {
            span: Span::new(start.saturating_sub(1), start),
            expected: "a closing `\"`",
            found: "the end of the input".to_owned(),
            help: Some("close the string with `\"`"),
        }
    }

    /// One escape after `\`.
    fn escape(&mut self, out: &mut String) -> Result<(), Fail> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let high = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&high) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(Box::new(self.unexpected(
                            "a low surrogate `\\uDC00`-`\\uDFFF`",
                            Some("a high surrogate escape must be followed by a low one"),
                        )));
                    }
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(Box::new(self.unexpected_at(
                            self.pos - 6,
                            "a low surrogate `\\uDC00`-`\\uDFFF`",
                        )));
                    }
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    char::from_u32(high)
                };
                let Some(c) = c else {
                    return Err(Box::new(
                        self.unexpected_at(self.pos - 6, "a Unicode scalar value"),
                    ));
                };
                out.push(c);
                return Ok(());
            }
            _ => {
                return Err(Box::new(self.unexpected(
                    "an escape: `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\uXXXX`",
                    None,
                )));
            }
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn unexpected_at(&self, at: usize, expected: &'static str) -> ParseFailure {
        ParseFailure::Syntax {
            span: Span::new(at, (at + 6).min(self.bytes.len())),
            expected,
            found: "a lone surrogate".to_owned(),
            help: Some("JSON text must encode Unicode scalar values"),
        }
    }

    fn hex4(&mut self) -> Result<u32, Fail> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(value) = digits.and_then(|d| u32::from_str_radix(d, 16).ok()) else {
            return Err(Box::new(self.unexpected("four hexadecimal digits", None)));
        };
        self.pos += 4;
        Ok(value)
    }
}

/// Help for common non-JSON habits at the start of `rest`.
fn hint(rest: &str) -> Option<&'static str> {
    if rest.starts_with('\'') {
        Some("JSON strings use double quotes")
    } else if rest.starts_with("//") || rest.starts_with("/*") {
        Some("JSON has no comments")
    } else if rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        Some(
            "JSON keys and strings are written in double quotes; the only words are true, false and null",
        )
    } else if rest.starts_with('+') {
        Some("JSON numbers have no `+` sign")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> JsonKind<'_> {
        match parse_json(text, 8) {
            Ok(v) => v.kind,
            Err(e) => panic!("{text}: {e:?}"),
        }
    }

    #[test]
    fn values_spans_and_numbers() {
        let v = parse_json(
            r#" {"a": [1, -0.50e+3, "x\u00e9\ud834\udd1e", true, null]} "#,
            8,
        );
        let Ok(JsonValue {
            span,
            kind: JsonKind::Object(members),
        }) = v
        else {
            panic!("{v:?}");
        };
        assert_eq!(span, Span::new(1, 56));
        assert_eq!(members[0].key_span, Span::new(2, 5));
        let JsonKind::Array(items) = &members[0].value.kind else {
            panic!()
        };
        assert_eq!(items[1].kind, JsonKind::Number("-0.50e+3"));
        assert_eq!(items[2].kind, JsonKind::String("xé𝄞".into()));
        assert_eq!(kind("\"a\\\"b\""), JsonKind::String("a\"b".into()));
    }

    #[test]
    fn rejects_what_json_rejects() {
        for bad in [
            "",
            "01",
            "1.",
            "+1",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "{a:1}",
            "[1 2]",
            "tru",
            "nulls",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"a\nb\"",
            "\"abc",
            "1 2",
            "-",
            "1e",
            "\"\\x\"",
        ] {
            assert!(parse_json(bad, 8).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        assert!(parse_json("[[[]]]", 3).is_ok());
        assert!(matches!(
            parse_json("[[[[]]]]", 3),
            Err(ParseFailure::TooDeep { limit: 3, .. })
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            parse_json(&deep, 64),
            Err(ParseFailure::TooDeep { .. })
        ));
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        let value = parse_json("\u{feff}1", 8);
        assert!(value.is_ok(), "{value:?}");
    }
}
