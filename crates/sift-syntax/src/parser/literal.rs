//! Names, paths, values and lists.

use std::borrow::Cow;

use nom::error::{ErrorKind, ParseError};

use super::{Parser, ends_operands};
use crate::ast::{List, Name, Path, Segments, Value, ValueKind};
use crate::dates::{DateForm, NotADate, date_form};
use crate::lexer::{
    Keyword, PError, PResult, at_keyword, blank, date_run, describe, excerpt, is_loose_name_char,
    is_word_start_byte, json_number, keyword, looks_like_date, scan_delimited,
};
use crate::quoted::{BadEscape, decode};
use crate::{Fix, Span, SyntaxError};

impl<'a> Parser<'a> {
    /// `path = segment , { "." , segment } ;` — no blanks around the dots.
    /// Fails softly (`nom::Err::Error`) when `i` does not start with a segment.
    #[inline]
    pub(crate) fn path(&self, i: &'a str) -> PResult<'a, Path<'a>> {
        let (mut rest, first) = self.segment(i)?;
        let mut segments = Segments::one(first);
        while let Some(after_dot) = rest.strip_prefix('.') {
            match self.segment(after_dot) {
                Ok((r, name)) => {
                    segments.push(name);
                    rest = r;
                }
                Err(nom::Err::Error(_)) => return Err(self.no_name_after_dot(after_dot)),
                Err(e) => return Err(e),
            }
        }
        let span = self.span(i, rest);
        Ok((rest, Path { span, segments }))
    }

    /// The error for a `.` that no name follows. Out of line: the common case stays small.
    #[cold]
    fn no_name_after_dot(&self, after_dot: &'a str) -> nom::Err<PError> {
        self.failure(self.expected(
            after_dot,
            "a name after `.`",
            Some("a path joins names with `.` and no spaces, as in `client.name`".to_owned()),
        ))
    }

    /// `segment = bare_segment | quoted_segment ;`
    /// `bare_segment = ( letter | "_" ) , { letter | digit | "_" } ;`
    /// A name that runs on with characters a bare segment cannot hold (`flow-actions`, `café`,
    /// `3d`) is recorded as `needs_backticks` and read as one name.
    #[inline]
    pub(crate) fn segment(&self, i: &'a str) -> PResult<'a, Name<'a>> {
        if i.starts_with('`') {
            return self.quoted_segment(i);
        }
        let bare = self.word(i);
        if let Some(word) = bare {
            let rest = &i[word.len()..];
            // The common case: nothing a name could run on with follows the bare word. After a
            // whole bare word, an ASCII byte runs on only as `-`; a character beyond ASCII is
            // decoded to see.
            let runs_on = match rest.as_bytes().first() {
                Some(b'-') => true,
                Some(b) if !b.is_ascii() => rest.starts_with(is_loose_name_char),
                _ => false,
            };
            if !runs_on {
                return Ok((
                    rest,
                    Name {
                        span: self.span(i, rest),
                        text: Cow::Borrowed(word),
                        quoted: false,
                    },
                ));
            }
        }
        self.loose_segment(i, bare)
    }

    /// A segment that is not a plain bare word: a name running on with characters a bare
    /// segment cannot hold, or no name at all. Out of line: the common case stays small.
    #[cold]
    fn loose_segment(&self, i: &'a str, bare: Option<&'a str>) -> PResult<'a, Name<'a>> {
        let run_len = i.find(|c: char| !is_loose_name_char(c)).unwrap_or(i.len());
        let (run, rest) = i.split_at(run_len);
        let has_letter = run.chars().any(|c| c.is_alphabetic() || c == '_');
        if run.is_empty() || !has_letter || run.starts_with('-') && bare.is_none() {
            return Err(nom::Err::Error(PError::from_error_kind(
                i,
                ErrorKind::Alpha,
            )));
        }
        let span = self.span(i, rest);
        self.record(SyntaxError::NeedsBackticks {
            span,
            name: excerpt(run),
            quoted: format!("`{}`", excerpt(run)),
            replacement: format!("`{run}`"),
        });
        Ok((
            rest,
            Name {
                span,
                text: Cow::Borrowed(run),
                quoted: false,
            },
        ))
    }

    /// `quoted_segment = "`" , { any_char - ( "`" | "\" | newline | carriage_return ) | "``" | escape } , "`" ;`
    /// The escapes are those of strings, so any name a JSON key can hold has a spelling; a
    /// doubled backtick, like the escape of a backtick, stands for one backtick.
    fn quoted_segment(&self, i: &'a str) -> PResult<'a, Name<'a>> {
        let (content, rest, escaped) = self.delimited(i, '`');
        let span = self.span(i, rest);
        if content.is_empty() {
            self.record(SyntaxError::EmptyName { span });
        }
        let text = if escaped {
            Cow::Owned(self.unescape(content, self.off(&i[1..]), '`'))
        } else {
            Cow::Borrowed(content)
        };
        Ok((
            rest,
            Name {
                span,
                text,
                quoted: true,
            },
        ))
    }

    /// The body of a string or quoted name opening `i` and the input after it, through the
    /// lexer's one scanner; an unclosed one is recorded and read to the end of its line.
    #[inline]
    fn delimited(&self, i: &'a str, delim: char) -> (&'a str, &'a str, bool) {
        let body = &i[delim.len_utf8()..];
        let scan = scan_delimited(body, delim);
        if scan.closed {
            return (
                &body[..scan.len],
                &body[scan.len + delim.len_utf8()..],
                scan.escaped,
            );
        }
        let content = body[..scan.len].trim_end();
        let rest = &body[content.len()..];
        let span = self.span(i, rest);
        let insert_at = self.off(rest);
        self.record(if delim == '`' {
            SyntaxError::UnclosedBacktick { span, insert_at }
        } else {
            SyntaxError::UnclosedString {
                span,
                quote: delim,
                insert_at,
            }
        });
        (content, rest, scan.escaped)
    }

    /// `value = string | number | date_time | date | relative_time | "true" | "false" | "null" ;`
    /// Always committed: a missing value is a `Failure`.
    #[inline]
    pub(crate) fn value(&self, i: &'a str) -> PResult<'a, Value<'a>> {
        // On the first byte: every value starts with an ASCII character.
        let (rest, kind) = match i.as_bytes().first() {
            Some(b'"' | b'\'') => self.string(i)?,
            Some(b) if b.is_ascii_digit() && looks_like_date(i) => self.date(i)?,
            Some(b) if b.is_ascii_digit() || *b == b'-' => self.number(i)?,
            Some(b'.') if i.as_bytes().get(1).is_some_and(u8::is_ascii_digit) => {
                return self.fail(
                    self.bad_number(i, "a number starts with a digit: write `0.5`, not `.5`"),
                );
            }
            // A bare word: `true`, `false`, `null`, a time function or an unquoted string.
            Some(&b) if is_word_start_byte(b) => self.word_value(i)?,
            _ => return Err(self.no_value(i)),
        };
        let span = self.span(i, rest);
        self.node(span)?;
        Ok((rest, Value { span, kind }))
    }

    /// The error for input that cannot start a value. Out of line: the common case stays small.
    #[cold]
    fn no_value(&self, i: &'a str) -> nom::Err<PError> {
        let help = if i.starts_with('[') || i.starts_with('(') {
            "a list is only valid after `in` or `not in`, as in `status in [\"open\", \"new\"]`"
        } else {
            "a value is a string (\"text\"), a number (42, 1.5), a date (2024-01-31), true, false or null"
        };
        self.failure(self.expected(i, "a value", Some(help.to_owned())))
    }

    /// `true`, `false`, `null`; any other bare word is recorded as an unquoted string and read as
    /// that string.
    fn word_value(&self, i: &'a str) -> PResult<'a, ValueKind<'a>> {
        let word = self.word(i).unwrap_or("");
        let after = &i[word.len()..];
        match keyword(word) {
            Some(Keyword::True) => return Ok((after, ValueKind::Bool(true))),
            Some(Keyword::False) => return Ok((after, ValueKind::Bool(false))),
            Some(Keyword::Null) => return Ok((after, ValueKind::Null)),
            _ => {}
        }
        self.unquoted_word(i, after)
    }

    /// A bare word other than `true`, `false` and `null` where a value goes: a time function,
    /// or an unquoted string (recorded). Out of line: the common case stays small.
    #[cold]
    fn unquoted_word(&self, i: &'a str, after: &'a str) -> PResult<'a, ValueKind<'a>> {
        if blank(after).starts_with('(') {
            return self.relative_time(i);
        }
        let run_len = i.find(|c: char| !is_loose_name_char(c)).unwrap_or(i.len());
        let (run, rest) = i.split_at(run_len);
        self.record(SyntaxError::UnquotedString {
            span: self.span(i, rest),
            word: excerpt(run),
            replacement: format!("\"{run}\""),
        });
        Ok((rest, ValueKind::String(Cow::Borrowed(run))))
    }

    /// `string = '"' , { character - ( '"' | "\" ) | escape } , '"'
    ///          | "'" , { character - ( "'" | "\" ) | escape } , "'" ;`
    /// `escape = "\" , ( '"' | "'" | "`" | "\" | "/" | "b" | "f" | "n" | "r" | "t" | unicode ) ;`
    /// A string ends at its quote; one that reaches the end of the line is recorded as unclosed
    /// and read up to there. Borrowed unless an escape was decoded.
    #[inline]
    fn string(&self, i: &'a str) -> PResult<'a, ValueKind<'a>> {
        let quote = if i.starts_with('\'') { '\'' } else { '"' };
        let (content, rest, escaped) = self.delimited(i, quote);
        if !escaped {
            return Ok((rest, ValueKind::String(Cow::Borrowed(content))));
        }
        let start = self.off(&i[1..]);
        Ok((
            rest,
            ValueKind::String(Cow::Owned(self.unescape(content, start, quote))),
        ))
    }

    /// Decodes the escapes of a string or quoted-name body (and, in a name, each doubled
    /// backtick) with the one decoder; invalid escapes are recorded and kept as the decoder
    /// keeps them.
    fn unescape(&self, content: &'a str, start: usize, delim: char) -> String {
        decode(content, delim, |bad| match bad {
            BadEscape::Unknown { at, text } => {
                let span = Span::new(start + at, start + at + text.len());
                self.record(SyntaxError::InvalidEscape {
                    span,
                    escape: text.to_owned(),
                    reason: "unknown escape".to_owned(),
                    fix: Some(Fix {
                        span,
                        replacement: format!("\\{text}"),
                    }),
                });
            }
            BadEscape::Unicode { at, text, reason } => {
                self.record(SyntaxError::InvalidEscape {
                    span: Span::new(start + at, start + at + text.len()),
                    escape: text.to_owned(),
                    reason: reason.to_owned(),
                    fix: None,
                });
            }
        })
    }

    /// `number = [ "-" ] , int , [ frac ] , [ exp ] ;` with `int = "0" | digit19 , { digit } ;`,
    /// `frac = "." , digit , { digit } ;` and `exp = ( "e" | "E" ) , [ "+" | "-" ] , digit , { digit } ;`
    /// (the one number grammar, `crate::number`)
    /// An integer (no fraction, no exponent) must fit in i64.
    #[inline]
    fn number(&self, i: &'a str) -> PResult<'a, ValueKind<'a>> {
        // The number may not run on into a letter, a digit, `_` or `.`; a character beyond
        // ASCII is decoded only to see whether it is a letter.
        let parsed = json_number(i).filter(|&(n, _)| match i.as_bytes().get(n) {
            None => true,
            Some(b) if b.is_ascii() => !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.'),
            Some(_) => !i[n..].starts_with(char::is_alphanumeric),
        });
        let Some((n, integer)) = parsed else {
            return self.fail(self.malformed_number(i));
        };
        let (text, rest) = i.split_at(n);
        if !integer {
            return Ok((rest, ValueKind::Decimal(Cow::Borrowed(text))));
        }
        if let Some(v) = small_integer(text.as_bytes()) {
            return Ok((rest, ValueKind::Integer(v)));
        }
        match text.parse::<i64>() {
            Ok(v) => Ok((rest, ValueKind::Integer(v))),
            Err(_) => {
                self.record(SyntaxError::IntegerOutOfRange {
                    span: self.span(i, rest),
                    text: text.to_owned(),
                });
                Ok((rest, ValueKind::Decimal(Cow::Borrowed(text))))
            }
        }
    }

    /// The error for a number that breaks the grammar, with the help its shape asks for.
    #[cold]
    fn malformed_number(&self, i: &'a str) -> SyntaxError {
        let run = number_run(i);
        let digits = run.trim_start_matches('-');
        let help = if digits.len() > 1
            && digits.starts_with('0')
            && digits[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            "numbers have no leading zeros: write `7`, not `07`; quote the value if it is an identifier"
        } else if digits.len() > 1
            && digits.ends_with(['d', 'h', 'w', 'm', 's'])
            && digits[..digits.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            "a duration such as `7d` follows a time function: `today() - 7d`"
        } else if digits.ends_with('.') {
            "write at least one digit after the `.`, as in `1.0`"
        } else {
            "numbers are written as in JSON: `42`, `-7`, `1.5`, `2.5e3`"
        };
        self.bad_number(i, help)
    }

    fn bad_number(&self, i: &'a str, help: &str) -> SyntaxError {
        let run = number_run(i);
        SyntaxError::BadNumber {
            span: Span::new(self.off(i), self.off(i) + run.len()),
            text: run.to_owned(),
            help: help.to_owned(),
        }
    }

    /// `date = digit4 , "-" , digit2 , "-" , digit2 ;`
    /// `date_time = date , "T" , digit2 , ":" , digit2 , ":" , digit2 ,
    ///              [ "." , digit , { digit } ] , zone ;`
    /// Validated against the calendar; an invalid one is recorded and read as written.
    fn date(&self, i: &'a str) -> PResult<'a, ValueKind<'a>> {
        let text = date_run(i);
        let rest = &i[text.len()..];
        let span = self.span(i, rest);
        let bad = |reason: String| {
            self.record(SyntaxError::BadDate {
                span,
                text: text.to_owned(),
                reason,
            });
        };
        match date_form(text) {
            Ok(DateForm::Date) => Ok((rest, ValueKind::Date(Cow::Borrowed(text)))),
            Ok(DateForm::DateTime) => Ok((rest, ValueKind::DateTime(Cow::Borrowed(text)))),
            Err(NotADate { shape, reason }) => {
                bad(reason);
                let kind = match shape {
                    Some(DateForm::DateTime) => ValueKind::DateTime(Cow::Borrowed(text)),
                    _ => ValueKind::Date(Cow::Borrowed(text)),
                };
                Ok((rest, kind))
            }
        }
    }

    /// `list = "[" , [ values ] , "]" | "(" , [ values ] , ")" ;`
    /// `values = value , { "," , value } , [ "," ] ;`
    pub(crate) fn list(&self, i: &'a str) -> PResult<'a, List<'a>> {
        let closer = match i.chars().next() {
            Some('[') => ']',
            Some('(') => ')',
            _ => {
                return self.fail(self.expected(
                    i,
                    "a list after `in`",
                    Some(
                        "write the values in brackets: `status in [\"open\", \"new\"]`".to_owned(),
                    ),
                ));
            }
        };
        let open = Span::new(self.off(i), self.off(i) + 1);
        let mut items: Vec<Value<'a>> = Vec::new();
        let mut rest = blank(&i[1..]);
        loop {
            if let Some(after) = rest.strip_prefix(closer) {
                let span = Span::new(open.lo(), self.off(after));
                return Ok((after, List { span, items }));
            }
            if items.len() >= self.max_list_len() {
                return self.fail(SyntaxError::ListTooLong {
                    span: self.token_span(rest),
                    limit: self.max_list_len(),
                });
            }
            let (r, value) = self.value(rest)?;
            items.push(value);
            let j = blank(r);
            if let Some(after) = j.strip_prefix(',') {
                rest = blank(after);
                continue;
            }
            if j.starts_with(closer) {
                rest = j;
                continue;
            }
            let and_or = at_keyword(j, "and") || at_keyword(j, "or");
            if and_or || ends_operands(j) {
                let end = items.last().map_or(open.hi(), |v| v.span.hi());
                self.record(SyntaxError::UnclosedList {
                    span: open,
                    closer,
                    found: describe(j),
                    insert_at: end,
                });
                return Ok((
                    r,
                    List {
                        span: Span::new(open.lo(), end),
                        items,
                    },
                ));
            }
            return self.fail(self.expected(
                j,
                if closer == ']' {
                    "`,` or `]`"
                } else {
                    "`,` or `)`"
                },
                Some("separate the values of a list with `,`".to_owned()),
            ));
        }
    }
}

/// The value of an integer's text (`-` and digits, as [`json_number`] reads it) short enough
/// that it cannot overflow: at most 18 digits. Longer ones are left to `str::parse`.
#[inline]
pub(super) fn small_integer(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', digits)) => (true, digits),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut value: i64 = 0;
    for &d in digits {
        value = value * 10 + i64::from(d.wrapping_sub(b'0'));
    }
    Some(if negative { -value } else { value })
}

/// The run of characters a malformed number spans, for its message.
fn number_run(i: &str) -> &str {
    let end = i
        .char_indices()
        .find(|&(at, c)| {
            !(c.is_alphanumeric()
                || c == '_'
                || c == '.'
                || (matches!(c, '-' | '+') && (at == 0 || i[..at].ends_with(['e', 'E']))))
        })
        .map_or(i.len(), |(at, _)| at);
    &i[..end.max(1).min(i.len())]
}
