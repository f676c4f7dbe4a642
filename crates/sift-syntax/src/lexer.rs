//! Token-level building blocks shared by the parser, the formatter and error messages.
//! Everything here looks at a bounded prefix of its input: no function reads past the token it
//! recognises, so the parser stays linear.

use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while_m_n};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{cut, eof, opt, recognize};
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};

use crate::leaf::wanted;

use std::borrow::Cow;

use crate::ast::Comment;
use crate::{Span, SyntaxError};

/// The parser's nom error: either a diagnostic (`error` is `Some`) or a plain "this rule did not
/// match" that an enclosing rule turns into a diagnostic. `rest_len` locates it.
#[derive(Debug)]
pub(crate) struct PError {
    pub(crate) rest_len: usize,
    pub(crate) error: Option<Box<SyntaxError>>,
}

impl<'a> ParseError<&'a str> for PError {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PError {
            rest_len: input.len(),
            error: None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

pub(crate) type PResult<'a, T> = IResult<&'a str, T, PError>;

/// Every keyword of sift, the one list the lexer, the parser, the formatter and completion
/// derive theirs from. Spelled in lower case ([`Keyword::as_str`]); matched case-insensitively.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Keyword {
    From,
    Similar,
    Where,
    Sort,
    Limit,
    Fields,
    Asc,
    Desc,
    And,
    Or,
    Not,
    In,
    Is,
    Null,
    True,
    False,
    Like,
    Fuzzy,
    Keyword,
    Contains,
    StartsWith,
    EndsWith,
    Has,
    Any,
    Between,
    Select,
    Order,
}

impl Keyword {
    /// The clause keywords in the order their clauses must appear.
    pub const CLAUSES: [Keyword; 6] = [
        Keyword::From,
        Keyword::Similar,
        Keyword::Where,
        Keyword::Sort,
        Keyword::Limit,
        Keyword::Fields,
    ];

    /// The logic words, always keywords where a condition starts.
    pub const LOGIC: [Keyword; 3] = [Keyword::And, Keyword::Or, Keyword::Not];

    /// The keyword in lower case.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether `word` is this keyword, in any case.
    pub fn is(self, word: &str) -> bool {
        is_kw(word, self.as_str())
    }

    /// Every keyword, lower-case.
    pub fn all() -> impl Iterator<Item = &'static str> {
        <Keyword as strum::VariantArray>::VARIANTS
            .iter()
            .map(|k| k.as_str())
    }
}

/// Whether `word` is one of `set`, in any case.
pub(crate) fn is_keyword_in(word: &str, set: &[Keyword]) -> bool {
    set.iter().any(|k| k.is(word))
}

/// The keywords, bucketed by their length and first letter: a word is compared with the few
/// keywords of its bucket (most often none), not with all of them.
struct KeywordIndex {
    /// The range of `sorted` each bucket holds.
    buckets: [(u8, u8); KEYWORD_BUCKETS],
    sorted: Vec<(&'static [u8], Keyword)>,
}

/// Buckets for words of up to 15 bytes (the longest keyword has 10), by the low five bits of
/// the first byte, which an ASCII letter shares with its other case.
const KEYWORD_BUCKETS: usize = 16 * 32;

fn keyword_bucket(word: &[u8]) -> Option<usize> {
    let first = *word.first()?;
    (word.len() < 16).then(|| word.len() << 5 | usize::from(first & 0x1f))
}

/// Built once from [`Keyword`]'s variants, the one list of keywords.
static KEYWORD_INDEX: std::sync::LazyLock<KeywordIndex> = std::sync::LazyLock::new(|| {
    let mut sorted: Vec<(usize, &'static [u8], Keyword)> =
        <Keyword as strum::VariantArray>::VARIANTS
            .iter()
            .filter_map(|&k| {
                Some((
                    keyword_bucket(k.as_str().as_bytes())?,
                    k.as_str().as_bytes(),
                    k,
                ))
            })
            .collect();
    sorted.sort_by_key(|(bucket, _, _)| *bucket);
    let mut buckets = [(0u8, 0u8); KEYWORD_BUCKETS];
    for (at, (bucket, _, _)) in sorted.iter().enumerate() {
        let at = u8::try_from(at).unwrap_or(u8::MAX);
        if let Some(range) = buckets.get_mut(*bucket) {
            if range.0 == range.1 {
                *range = (at, at);
            }
            range.1 = at.saturating_add(1);
        }
    }
    KeywordIndex {
        buckets,
        sorted: sorted.into_iter().map(|(_, text, k)| (text, k)).collect(),
    }
});

/// The keyword `word` is, in any case, if any: one look at its bucket of the keyword index.
#[inline]
pub(crate) fn keyword(word: &str) -> Option<Keyword> {
    let word = word.as_bytes();
    let index = &*KEYWORD_INDEX;
    let &(start, end) = index.buckets.get(keyword_bucket(word)?)?;
    index
        .sorted
        .get(usize::from(start)..usize::from(end))?
        .iter()
        .find(|(text, _)| eq_lower(word, text))
        .map(|&(_, k)| k)
}

impl Keyword {
    /// Whether this keyword starts a clause: a clause keyword, or `select` (read as `fields`).
    pub(crate) fn starts_clause(self) -> bool {
        Keyword::CLAUSES.contains(&self) || self == Keyword::Select
    }
}

/// Whether `word` starts a clause: a clause keyword, or `select` (read as `fields`).
pub(crate) fn is_clause_word(word: &str) -> bool {
    keyword(word).is_some_and(Keyword::starts_clause)
}

/// Whether `word` begins an operator after a field path: the first word of an operator's
/// spelling in [`OPERATOR_SPELLINGS`](crate::ast::OPERATOR_SPELLINGS).
pub(crate) fn is_operator_word(word: &str) -> bool {
    crate::ast::OPERATOR_SPELLINGS
        .iter()
        .filter_map(|(spelling, _)| spelling.split(' ').next())
        .any(|first| first.starts_with(is_word_start) && first.eq_ignore_ascii_case(word))
}

/// Whether a bare word after `from` would be misread: a clause keyword other than `from`
/// itself, or `select` (read as the next clause), or an operator word (`from like …` is a
/// condition on a field `from`). Every other word, keyword or not, is an entity name there
/// (`from order`, `from from`, `from null`).
pub(crate) fn is_entity_keyword(word: &str) -> bool {
    (is_clause_word(word) && !Keyword::From.is(word)) || is_operator_word(word)
}

/// The characters that end a line: LF, CR, and so CRLF too (its LF then ends an empty
/// stretch). Comments, strings and quoted names end at any of them, and line numbers count
/// them the same way ([`line_break_len`]), so what a terminal shows on one line is one line.
pub const LINE_BREAKS: [char; 2] = ['\n', '\r'];

pub fn is_line_break(c: char) -> bool {
    LINE_BREAKS.contains(&c)
}

/// The length of the line terminator starting at byte `at` of `text` (1 for LF or a lone CR, 2
/// for CRLF), or 0 when none starts there.
pub fn line_break_len(text: &[u8], at: usize) -> usize {
    match (text.get(at), text.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\n' | b'\r'), _) => 1,
        _ => 0,
    }
}

/// The bidirectional formatting characters (embeddings, overrides, isolates and marks) that
/// make a terminal show text in another order than it is read (the "trojan source" pattern).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The byte-order mark some editors put first; a source or document starting with it is read
/// from the byte after it.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// `blank = { white_space | comment } ;` — whitespace is any Unicode white space; a comment
/// runs from `#` to the end of the line (any of [`LINE_BREAKS`]).
#[inline]
pub(crate) fn blank(i: &str) -> &str {
    // Most blanks are nothing or one space before a word: decided on the first bytes, inline.
    let b = i.as_bytes();
    match b.first() {
        Some(&first) if starts_blank(first) => {
            if first == b' ' && !b.get(1).is_some_and(|&next| starts_blank(next)) {
                &i[1..]
            } else {
                blank_run(i)
            }
        }
        _ => i,
    }
}

/// Whether `b` may start a blank: ASCII white space, `#`, or a character beyond ASCII (which
/// may be white space).
#[inline]
fn starts_blank(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & (SPACE | OTHER | HASH) != 0
}

/// The general case of [`blank`].
fn blank_run(mut i: &str) -> &str {
    loop {
        // ASCII spaces over bytes; a non-ASCII byte is decoded only where it might be white
        // space (a split before a byte below 0x80 is a character boundary).
        let ascii: IResult<&[u8], &[u8], ()> =
            take_while(|b: u8| BYTE_CLASS[usize::from(b)] & SPACE != 0).parse(i.as_bytes());
        if let Ok((_, spaces)) = ascii {
            i = &i[spaces.len()..];
        }
        if i.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
            let spaced: PResult<'_, &str> = take_while(char::is_whitespace).parse(i);
            match spaced {
                Ok((rest, spaces)) if !spaces.is_empty() => {
                    i = rest;
                    continue;
                }
                _ => return i,
            }
        }
        match i.strip_prefix('#') {
            Some(comment) => {
                // memchr finds the line end: a comment is read at the speed of a byte scan.
                let end =
                    memchr::memchr2(b'\n', b'\r', comment.as_bytes()).unwrap_or(comment.len());
                i = &comment[end..];
            }
            None => return i,
        }
    }
}

/// A byte's class for the scanners: ASCII white space (as [`char::is_whitespace`] sees it), a
/// word character, the first byte of a character beyond ASCII, or a byte a string stops at.
const SPACE: u8 = 1;
const WORD: u8 = 2;
const OTHER: u8 = 4;
/// `\\` and the line breaks, where every string and quoted name stops to decide.
const ENDS: u8 = 8;
/// What may start a bare word: a letter or `_`.
const START: u8 = 16;
/// The characters of symbol operators ([`SYMBOL_CHARS`]).
const SYMBOL: u8 = 32;
/// `#`, which starts a comment.
const HASH: u8 = 64;

/// Characters that make up symbol operators (and foreign look-alikes such as `==`, `&&`).
pub(crate) const SYMBOL_CHARS: [u8; 8] = *b"=!<>~:&|";
const BYTE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if matches!(c, b'\n' | b'\r') {
            SPACE | ENDS
        } else if matches!(c, b' ' | b'\t' | 0x0b | 0x0c) {
            SPACE
        } else if c == b'\\' {
            ENDS
        } else if c == b'#' {
            HASH
        } else if c.is_ascii_digit() {
            WORD
        } else if c.is_ascii_alphabetic() || c == b'_' {
            WORD | START
        } else if c >= 0x80 {
            OTHER
        } else {
            let mut symbol = 0;
            let mut k = 0;
            while k < SYMBOL_CHARS.len() {
                if SYMBOL_CHARS[k] == c {
                    symbol = SYMBOL;
                }
                k += 1;
            }
            symbol
        };
        b += 1;
    }
    class
};

/// Whether `b` can continue a bare word (`letter | digit | "_"`).
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & WORD != 0
}

/// Whether `b` can start a bare word (`letter | "_"`).
#[inline]
pub(crate) fn is_word_start_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & START != 0
}

/// Whether `b` is one of [`SYMBOL_CHARS`].
#[inline]
pub(crate) fn is_symbol_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & SYMBOL != 0
}

pub(crate) fn is_word_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters that, attached to a word, make the user's intended name one that needs backticks
/// (`flow-actions`, `café`).
pub(crate) fn is_loose_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// `bare_segment = ( letter | "_" ) , { letter | digit | "_" } ;`
pub(crate) fn bare_segment(i: &str) -> PResult<'_, &str> {
    match peek_word(i) {
        Some(word) => Ok((&i[word.len()..], word)),
        None => Err(nom::Err::Error(PError::from_error_kind(
            i,
            ErrorKind::Alpha,
        ))),
    }
}

/// The bare word at the start of `i`, if any ([`bare_segment`]). Over bytes: bare words are
/// ASCII, so the end of one is a character boundary.
#[inline]
pub(crate) fn peek_word(i: &str) -> Option<&str> {
    let b = i.as_bytes();
    if !b.first().is_some_and(|&c| is_word_start_byte(c)) {
        return None;
    }
    let len = b.iter().position(|&c| !is_word_byte(c)).unwrap_or(b.len());
    i.get(..len)
}

/// Whether the bare word at the start of `i` is `keyword` (lower case), in any case: the
/// keyword's letters, then no word character. Reads only the keyword's length, not the word.
#[inline]
pub(crate) fn at_keyword(i: &str, keyword: &str) -> bool {
    let b = i.as_bytes();
    b.get(..keyword.len())
        .is_some_and(|w| eq_lower(w, keyword.as_bytes()))
        && !b.get(keyword.len()).is_some_and(|&c| is_word_byte(c))
}

/// Whether `word` is `lower` (in lower case) in any ASCII case: one comparison per byte, the
/// lengths first (most words are not the keyword they are compared with).
#[inline]
fn eq_lower(word: &[u8], lower: &[u8]) -> bool {
    word.len() == lower.len()
        && word
            .iter()
            .zip(lower)
            .all(|(w, l)| w.to_ascii_lowercase() == *l)
}

/// Whether `word` is `keyword` (lower case), in any case.
pub(crate) fn is_kw(word: &str, keyword: &str) -> bool {
    eq_lower(word.as_bytes(), keyword.as_bytes())
}

/// Whether a bare name would be read as something else where the formatter prints it, given the
/// set of words reserved in that position.
pub(crate) fn is_bare_name(text: &str, reserved: &[Keyword]) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if is_word_start(c))
        && chars.all(is_word_char)
        && !is_keyword_in(text, reserved)
}

/// Whether what follows a word (`after`, starting right after it) makes the word a field path:
/// a `.` attached to it, or an operator after blanks.
pub(crate) fn starts_operator(after: &str) -> bool {
    if after.starts_with('.') {
        return true;
    }
    let next = blank(after);
    match next.chars().next() {
        Some('=' | '!' | '<' | '>' | '~' | ':') => true,
        Some(_) => peek_word(next).is_some_and(is_operator_word),
        None => false,
    }
}

/// Whether `c` is one of [`SYMBOL_CHARS`].
pub(crate) fn is_symbol_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_symbol_byte)
}

const MAX_QUOTED_TOKEN: usize = 40;

/// The token at the start of `rest`, for "found …" in messages. Bounded in length.
pub(crate) fn token_text(rest: &str) -> &str {
    let Some(first) = rest.chars().next() else {
        return "";
    };
    let end = if first == '"' || first == '\'' || first == '`' {
        let body = &rest[first.len_utf8()..];
        match body.find([first, '\n', '\r']) {
            Some(n) if body[n..].starts_with(first) => first.len_utf8() + n + first.len_utf8(),
            Some(n) => first.len_utf8() + n,
            None => rest.len(),
        }
    } else if is_loose_name_char(first) || first == '-' {
        rest.find(|c: char| !(is_loose_name_char(c) || matches!(c, '.' | ':' | '+')))
            .unwrap_or(rest.len())
    } else if is_symbol_char(first) {
        rest.find(|c: char| !is_symbol_char(c))
            .unwrap_or(rest.len())
    } else {
        first.len_utf8()
    };
    let mut end = end.min(rest.len());
    if end > MAX_QUOTED_TOKEN {
        end = MAX_QUOTED_TOKEN;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
    }
    rest.get(..end).unwrap_or("")
}

/// `text` as a message quotes it: cut to `MAX_QUOTED_TOKEN` bytes with `…`, so that a
/// diagnostic about a 10 MB name stays one line.
pub(crate) fn excerpt(text: &str) -> String {
    if text.len() <= MAX_QUOTED_TOKEN {
        return text.to_owned();
    }
    let mut end = MAX_QUOTED_TOKEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// "`token`" or "end of input", for messages.
pub(crate) fn describe(rest: &str) -> String {
    let token = token_text(rest);
    if token.is_empty() {
        "end of input".to_owned()
    } else if token.len() < rest.len() && token.len() == MAX_QUOTED_TOKEN {
        format!("`{token}…`")
    } else {
        format!("`{token}`")
    }
}

/// The number at the start of `s` (see [`crate::number`]): its length and whether it is an
/// integer.
pub(crate) fn json_number(s: &str) -> Option<(usize, bool)> {
    crate::number::scan_number(s)
        .ok()
        .map(|scan| (scan.len, scan.integer))
}

/// Whether `s` starts like a date: four digits and a `-`.
pub(crate) fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 5 && b.iter().take(4).all(u8::is_ascii_digit) && b.get(4) == Some(&b'-')
}

/// The run of characters a date or date-time literal may contain.
pub(crate) fn date_run(s: &str) -> &str {
    // Over bytes: every character of the run is ASCII, and the first byte of any other
    // character ends it as the character would.
    let end = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'.' | b'+' | b'_')))
        .unwrap_or(s.len());
    &s[..end]
}

/// Checks the exact shape of a date or date-time literal, not its calendar validity:
/// `date = digit4 , "-" , digit2 , "-" , digit2 ;`
/// `date_time = date , "T" , digit2 , ":" , digit2 , ":" , digit2 ,
///              [ "." , digit , { digit } ] , zone ;`
/// `zone = "Z" | ( "+" | "-" ) , digit2 , ":" , digit2 ;`
/// Returns `Ok(true)` for a date-time, `Ok(false)` for a date, `Err(reason)` otherwise. Each
/// part is a nom parser carrying the reason it gives when the text does not fit it.
pub(crate) fn date_shape(s: &str) -> Result<bool, &'static str> {
    // The forms written most, `2024-01-31`, `2024-01-31T09:30:00Z` and `…+02:00`, checked over
    // bytes; any other text (and every error's reason) is the rule's.
    match common_date_shape(s.as_bytes()) {
        Some(datetime) => Ok(datetime),
        None => date_shape_by_rule(s),
    }
}

/// [`date_shape`] by the grammar's rules, written as nom parsers.
fn date_shape_by_rule(s: &str) -> Result<bool, &'static str> {
    let digits = |n| take_while_m_n(n, n, |c: char| c.is_ascii_digit());
    let date = wanted(
        "a date is written YYYY-MM-DD, with two-digit month and day",
        (digits(4), char('-'), digits(2), char('-'), digits(2)),
    );
    let time = (
        wanted("a date-time separates date and time with `T`", char('T')),
        wanted(
            "the time is written HH:MM:SS",
            (digits(2), char(':'), digits(2), char(':'), digits(2)),
        ),
        opt((
            char('.'),
            cut(wanted(
                "fractional seconds need at least one digit after `.`",
                digit1,
            )),
        )),
        wanted(
            "a date-time ends with `Z` (UTC) or an offset such as `+02:00`",
            (
                alt((
                    recognize(char('Z')),
                    recognize((one_of("+-"), digits(2), char(':'), digits(2))),
                )),
                eof,
            ),
        ),
    );
    let mut shape = (date, alt((eof.map(|_| false), time.map(|_| true))));
    match shape.parse(s) {
        Ok((_, (_, datetime))) => Ok(datetime),
        Err(nom::Err::Error(want) | nom::Err::Failure(want)) => Err(want.expected),
        Err(nom::Err::Incomplete(_)) => Err("a date is written YYYY-MM-DD"),
    }
}

/// [`date_shape`] of a date, or a date-time in whole seconds with `Z` or an offset; `None` for
/// any other text (which the full rules decide).
fn common_date_shape(b: &[u8]) -> Option<bool> {
    // `d` a digit, anything else itself.
    let fits = |pattern: &[u8], text: &[u8]| {
        pattern.len() == text.len()
            && pattern.iter().zip(text).all(|(&p, &t)| match p {
                b'd' => t.is_ascii_digit(),
                b'+' => t == b'+' || t == b'-',
                _ => p == t,
            })
    };
    match b.len() {
        10 => fits(b"dddd-dd-dd", b).then_some(false),
        20 => fits(b"dddd-dd-ddTdd:dd:ddZ", b).then_some(true),
        25 => fits(b"dddd-dd-ddTdd:dd:dd+dd:dd", b).then_some(true),
        _ => None,
    }
}

/// The bytes of a string's run that [`scan_delimited`] reads one by one before handing the rest
/// to memchr (whose set-up costs more than a short loop).
const SHORT_RUN: usize = 32;

/// How a string or a quoted name ends, as [`scan_delimited`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Delimited {
    /// Bytes of the body (after the opening delimiter, before the closing one or the line end).
    pub(crate) len: usize,
    /// Whether the closing delimiter was found (else a line break or the end came first).
    pub(crate) closed: bool,
    /// Whether the body holds a `\` escape or a doubled delimiter, so decoding is needed.
    pub(crate) escaped: bool,
}

/// The one scanner for strings and quoted names: `body` follows the opening `delim`. A `\`
/// takes the next character with it (but never a line break: nothing spans lines); in a quoted
/// name (`` ` ``) a doubled delimiter stands for itself; the first other `delim` closes. The
/// parser, the comment finder and error recovery all read strings and names through this, so
/// they agree on where each ends.
pub(crate) fn scan_delimited(body: &str, delim: char) -> Delimited {
    let doubles = delim == '`';
    // The delimiters are ASCII: every byte the scan stops at is a character of its own.
    let quote = u8::try_from(delim).unwrap_or(b'"');
    let bytes = body.as_bytes();
    let mut escaped = false;
    let mut at = 0;
    loop {
        // memchr skips the plain run; only the byte after it decides anything.
        let run = &bytes[at..];
        // Most strings are short: a plain loop over their first bytes, memchr beyond.
        let short = run.len().min(SHORT_RUN);
        let mut stop = 0;
        while stop < short && run[stop] != quote && BYTE_CLASS[usize::from(run[stop])] & ENDS == 0 {
            stop += 1;
        }
        let stop = match stop {
            stop if stop < short || run.len() <= SHORT_RUN => stop,
            _ => {
                let long = &run[SHORT_RUN..];
                let stop = memchr::memchr3(quote, b'\\', b'\n', long).unwrap_or(long.len());
                SHORT_RUN + memchr::memchr(b'\r', &long[..stop]).unwrap_or(stop)
            }
        };
        at += stop;
        match bytes.get(at) {
            None | Some(b'\n' | b'\r') => {
                return Delimited {
                    len: at,
                    closed: false,
                    escaped,
                };
            }
            Some(b'\\') => {
                escaped = true;
                at += 1;
                // The escaped character, unless it is a line break (nothing spans lines).
                if let Some(next) = body[at..].chars().next().filter(|c| !is_line_break(*c)) {
                    at += next.len_utf8();
                }
            }
            Some(_) => {
                if doubles && bytes.get(at + 1) == Some(&quote) {
                    escaped = true;
                    at += 2;
                } else {
                    return Delimited {
                        len: at,
                        closed: true,
                        escaped,
                    };
                }
            }
        }
    }
}

/// The rest of `i` after a string or quoted name that `i[at..]` opens with `delim`.
fn after_delimited(i: &str, at: usize, delim: char) -> usize {
    let body = at + delim.len_utf8();
    let scan = scan_delimited(&i[body..], delim);
    body + scan.len + if scan.closed { delim.len_utf8() } else { 0 }
}

/// Skips to the next `;` that is not inside a string, a quoted name or a comment (or to the end),
/// for recovery after an error. Reads each byte once.
pub(crate) fn skip_to_semicolon(i: &str) -> &str {
    let mut at = 0;
    while let Some(found) = i[at..].find([';', '"', '\'', '`', '#']) {
        let pos = at + found;
        match i.as_bytes()[pos] {
            b';' => return &i[pos..],
            b'#' => at = i[pos..].find(LINE_BREAKS).map_or(i.len(), |n| pos + n),
            quote => at = after_delimited(i, pos, char::from(quote)),
        }
    }
    ""
}

/// Every `#` comment of `src`, in order, in one pass that reads each character once. Strings and
/// quoted names are skipped by [`scan_delimited`], as the parser reads them, so a `#` inside
/// them starts no comment.
pub(crate) fn comments(src: &str) -> Vec<Comment<'_>> {
    let mut found = Vec::new();
    // Most filters have no `#` at all: skip the scan (memchr looks at many bytes at a time).
    if memchr::memchr(b'#', src.as_bytes()).is_none() {
        return found;
    }
    let mut chars = src.char_indices().peekable();
    // Whether only white space precedes the current character on its line.
    let mut line_blank = true;
    while let Some((at, c)) = chars.next() {
        match c {
            c if is_line_break(c) => line_blank = true,
            '#' => {
                let body = src.get(at + 1..).unwrap_or("");
                let line = body.find(LINE_BREAKS).map_or(body, |n| &body[..n]);
                let text = line.trim_end();
                found.push(Comment {
                    span: Span::new(at, at + 1 + text.len()),
                    text: Cow::Borrowed(text),
                    own_line: line_blank,
                });
                // Skip the comment; the line break after it is read by the loop.
                while chars.next_if(|&(_, d)| !is_line_break(d)).is_some() {}
            }
            '"' | '\'' | '`' => {
                line_blank = false;
                let end = after_delimited(src, at, c);
                while chars.next_if(|&(n, _)| n < end).is_some() {}
            }
            c if c.is_whitespace() => {}
            _ => line_blank = false,
        }
    }
    found
}

/// Edit distance between two short words, case-insensitive (strsim's Levenshtein).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

#[cfg(test)]
mod tests;
