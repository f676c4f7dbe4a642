//! Relative time: `today() - 7d`, `start_of_month()`, `now() - 36h`. The parser only reads the
//! shape; the checker resolves it against the clock (it knows whether the field holds dates or
//! date-times).

use crate::Fix;
use crate::ast::{RelativeTime, TimeAnchor, TimeOffset, TimeUnit, ValueKind};
use crate::lexer::{PError, PResult, blank, edit_distance, is_word_char, peek_word};
use nom::Parser as _;
use nom::bytes::complete::tag;
use nom::character::complete::{digit0, satisfy};
use nom::combinator::not;
use nom::error::{ErrorKind, ParseError};
use nom::sequence::terminated;

use super::Parser;

/// The functions, as help texts list them.
fn function_list() -> String {
    TimeAnchor::ALL
        .iter()
        .map(|(name, _)| format!("`{name}()`"))
        .collect::<Vec<_>>()
        .join(", ")
}

const DURATION_HELP: &str = "a duration is a whole number and a unit: `30s`, `30m` (minutes), `36h`, `7d`, `2w`, `3mo` (months), `1y`, as in `today() - 7d`";

impl<'a> Parser<'a> {
    /// `relative_time = time_anchor , { ( "+" | "-" ) , duration } ;`
    /// Called at a word followed by `(`; always committed.
    pub(crate) fn relative_time(&self, i: &'a str) -> PResult<'a, ValueKind<'a>> {
        let (mut rest, anchor) = self.time_anchor(i)?;
        let mut offsets = Vec::new();
        loop {
            let j = blank(rest);
            let negative = match j.chars().next() {
                Some('-') => true,
                Some('+') => false,
                _ => break,
            };
            let (r, mut offset) = self.duration(blank(&j[1..]))?;
            if negative {
                offset.amount = -offset.amount;
            }
            offsets.push(offset);
            rest = r;
        }
        Ok((rest, ValueKind::Relative(RelativeTime { anchor, offsets })))
    }

    /// `time_anchor = ( "now" | "today" | "start_of_week" | "start_of_month" | "start_of_year" ) ,
    ///                "(" , ")" ;` — names case-insensitive, like keywords.
    fn time_anchor(&self, i: &'a str) -> PResult<'a, TimeAnchor> {
        let word = peek_word(i).unwrap_or("");
        let Some(&(_, anchor)) = TimeAnchor::ALL
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
        else {
            let nearest = TimeAnchor::ALL
                .iter()
                .map(|(name, _)| (edit_distance(&word.to_ascii_lowercase(), name), *name))
                .min()
                .filter(|(distance, _)| *distance <= 2);
            let mut error = self.expected(
                i,
                "a value",
                Some(match nearest {
                    Some((_, name)) => format!(
                        "did you mean `{name}()`? The functions sift knows are {}",
                        function_list()
                    ),
                    None => format!(
                        "`{word}(…)` is not a function sift knows; the functions are {}, as in `spent_date >= today() - 7d`",
                        function_list()
                    ),
                }),
            );
            if let (Some((_, name)), crate::SyntaxError::Expected { span, fix, .. }) =
                (nearest, &mut error)
            {
                *fix = Some(Fix {
                    span: *span,
                    replacement: name.to_owned(),
                });
            }
            return self.fail(error);
        };
        let open = blank(&i[word.len()..]);
        let after_open = blank(&open[1..]);
        match after_open.strip_prefix(')') {
            Some(rest) => Ok((rest, anchor)),
            None => self.fail(self.expected(
                after_open,
                "`)`",
                Some(format!(
                    "`{}()` takes no arguments; add or subtract a duration instead: `{}() - 7d`",
                    anchor.name(),
                    anchor.name()
                )),
            )),
        }
    }

    /// `duration = digit , { digit } , time_unit ;` (lexical)
    /// `time_unit = "s" | "m" | "h" | "d" | "w" | "mo" | "y" ;`
    fn duration(&self, i: &'a str) -> PResult<'a, TimeOffset> {
        let scanned: PResult<'a, &'a str> = digit0.parse(i);
        let digits = scanned.map_or(0, |(_, run)| run.len());
        let after_digits = &i[digits..];
        let unit = time_unit(after_digits).ok();
        let amount = i[..digits].parse::<i64>().ok();
        match (digits, unit, amount) {
            (1.., Some((rest, unit)), Some(amount)) => Ok((rest, TimeOffset { amount, unit })),
            (1.., Some(_), None) => self.fail(self.expected(
                i,
                "a duration",
                Some(String::from(
                    "the amount is larger than any calendar holds; durations are whole numbers below 2^63",
                )),
            )),
            (1.., None, _) if !after_digits.starts_with(is_word_char) => {
                let span = self.span(i, after_digits);
                self.fail(crate::SyntaxError::Expected {
                    span,
                    expected: String::from("a duration"),
                    found: format!("the number `{}` without a unit", &i[..digits]),
                    help: Some(String::from(DURATION_HELP)),
                    fix: Some(Fix {
                        span,
                        replacement: format!("{}d", &i[..digits]),
                    }),
                })
            }
            _ => self.fail(self.expected(i, "a duration", Some(String::from(DURATION_HELP)))),
        }
    }
}

/// `time_unit = "s" | "m" | "h" | "d" | "w" | "mo" | "y" ;` — the unit table's suffixes as one
/// nom `alt`-like choice: the suffix that is not followed by a word character (`5mo` is months,
/// not minutes and a stray `o`).
fn time_unit(i: &str) -> PResult<'_, TimeUnit> {
    for (suffix, unit) in TimeUnit::ALL {
        let tagged: PResult<'_, &str> =
            terminated(tag(suffix), not(satisfy(is_word_char))).parse(i);
        if let Ok((rest, _)) = tagged {
            return Ok((rest, unit));
        }
    }
    Err(nom::Err::Error(PError::from_error_kind(i, ErrorKind::Tag)))
}
