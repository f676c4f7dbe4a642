//! A flat token stream of any text, complete or not, for highlighting and completion: what the
//! parser's lexical rules make of each stretch, without parsing. Never fails; text that fits
//! no rule is one [`TokenKind::Unknown`] token.

use crate::Span;
use crate::ast::OPERATOR_SPELLINGS;
use crate::lexer::{
    Keyword, bare_segment, date_run, is_line_break, is_loose_name_char, is_operator_word,
    is_symbol_char, json_number, looks_like_date, scan_delimited, starts_operator,
};

/// The words that begin a clause, in the order the grammar allows them after `from`.
pub static CLAUSE_KEYWORDS: std::sync::LazyLock<[&str; 6]> =
    std::sync::LazyLock::new(|| Keyword::CLAUSES.map(Keyword::as_str));

/// What a stretch of text is to the lexer.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A keyword of [`Keyword`] that is not an operator word (`from`, `and`, `true`, …).
    Keyword,
    /// An operator's spelling or a word of one (`>=`, `~`, `in`, `is`; `not` too, as it begins
    /// `not in`: a caller that knows the position tells negation apart).
    Operator,
    /// A bare path segment that is no keyword, or a keyword that a `.` or an operator follows
    /// (`from like "x"` is a condition on a field `from`).
    Name,
    /// A backticked path segment; `closed` is false when the line ended first.
    QuotedName {
        closed: bool,
    },
    /// A string literal; `closed` is false when the line or the text ended first.
    String {
        closed: bool,
    },
    Number,
    Date,
    Comment,
    /// One of `( ) [ ] , ; .`.
    Punct,
    Unknown,
}

/// One token: its kind and its bytes in the text.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Every token of `src` in order (blanks between them are not tokens). Linear in `src`.
pub fn tokens(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = src[at..].chars().next() {
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let rest = &src[at..];
        let (len, kind) = token_at(rest);
        let len = len.max(c.len_utf8());
        out.push(Token {
            span: Span::new(at, at + len),
            kind,
        });
        at += len;
    }
    out
}

/// The length and kind of the token at the start of `rest` (not blank).
fn token_at(rest: &str) -> (usize, TokenKind) {
    let first = rest.chars().next().unwrap_or(' ');
    match first {
        '#' => (
            rest.find(is_line_break).unwrap_or(rest.len()),
            TokenKind::Comment,
        ),
        '"' | '\'' => {
            let (len, closed) = delimited(rest, first);
            (len, TokenKind::String { closed })
        }
        '`' => {
            let (len, closed) = delimited(rest, '`');
            (len, TokenKind::QuotedName { closed })
        }
        '(' | ')' | '[' | ']' | ',' | ';' | '.' => (1, TokenKind::Punct),
        '-' | '0'..='9' => number_or_date(rest),
        c if is_symbol_char(c) => {
            let run = rest.find(|c| !is_symbol_char(c)).unwrap_or(rest.len());
            let known = OPERATOR_SPELLINGS.iter().any(|(s, _)| *s == &rest[..run]);
            (
                run,
                if known {
                    TokenKind::Operator
                } else {
                    TokenKind::Unknown
                },
            )
        }
        _ => match bare_segment(rest) {
            Ok((after, word)) => (word.len(), word_kind(word, after)),
            Err(_) => (
                rest.find(|c: char| !is_loose_name_char(c))
                    .unwrap_or(rest.len()),
                TokenKind::Unknown,
            ),
        },
    }
}

/// A string or a quoted name that `rest` opens with `delim`: its length up to and with the
/// closing delimiter, or to the line's end, as the parser reads it (the lexer's one scanner).
fn delimited(rest: &str, delim: char) -> (usize, bool) {
    let scan = scan_delimited(&rest[delim.len_utf8()..], delim);
    let closing = if scan.closed { delim.len_utf8() } else { 0 };
    (delim.len_utf8() + scan.len + closing, scan.closed)
}

fn number_or_date(rest: &str) -> (usize, TokenKind) {
    if looks_like_date(rest) {
        return (date_run(rest).len(), TokenKind::Date);
    }
    match json_number(rest) {
        // A number may not run on into letters, digits, `_` or `.`: the parser refuses `7d`.
        Some((len, _)) if !rest[len..].starts_with(|c: char| is_loose_name_char(c) || c == '.') => {
            (len, TokenKind::Number)
        }
        _ => (
            rest.find(|c: char| !(is_loose_name_char(c) || c == '.'))
                .unwrap_or(rest.len()),
            TokenKind::Unknown,
        ),
    }
}

fn word_kind(word: &str, after: &str) -> TokenKind {
    if !Keyword::all().any(|k| k.eq_ignore_ascii_case(word)) {
        return TokenKind::Name;
    }
    let logical = Keyword::LOGIC.iter().any(|k| k.is(word)) || Keyword::Is.is(word);
    if is_operator_word(word) || Keyword::Is.is(word) {
        TokenKind::Operator
    } else if !logical && starts_operator(after) {
        TokenKind::Name
    } else {
        TokenKind::Keyword
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(&str, TokenKind)> {
        tokens(src)
            .into_iter()
            .map(|t| (&src[t.span.lo()..t.span.hi()], t.kind))
            .collect()
    }

    #[test]
    fn every_rule_has_its_kind() {
        use TokenKind::*;
        assert_eq!(
            kinds(
                "from t where a.b >= 2 and `x``y` ~ \"s\\\"\" or d = 2024-01-31 # c\nsort from limit 7d"
            ),
            [
                ("from", Keyword),
                ("t", Name),
                ("where", Keyword),
                ("a", Name),
                (".", Punct),
                ("b", Name),
                (">=", Operator),
                ("2", Number),
                ("and", Keyword),
                ("`x``y`", QuotedName { closed: true }),
                ("~", Operator),
                ("\"s\\\"\"", String { closed: true }),
                ("or", Keyword),
                ("d", Name),
                ("=", Operator),
                ("2024-01-31", Date),
                ("# c", Comment),
                ("sort", Keyword),
                ("from", Keyword),
                ("limit", Keyword),
                ("7d", Unknown),
            ]
        );
    }

    #[test]
    fn unfinished_text_still_tokenizes() {
        use TokenKind::*;
        assert_eq!(
            kinds("x == 'ab\n`q"),
            [
                ("x", Name),
                ("==", Unknown),
                ("'ab", String { closed: false }),
                ("`q", QuotedName { closed: false }),
            ]
        );
        assert_eq!(kinds("from like 'x'")[0].1, Name);
        // `not` begins `not in`: an operator word wherever it stands.
        assert_eq!(kinds("a not in [1]")[1].1, Operator);
        assert!(tokens("").is_empty());
        assert_eq!(kinds("é")[0].1, Unknown);
    }
}
