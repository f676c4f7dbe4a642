//! Values compared with a date or date-time field that are not in the field's form. The API
//! compares such fields as text, character by character, so `"2025-8-1"`, `"yesterday"` or a
//! date on a date-time field compare in ways the calendar does not: each gets a warning that
//! says how the text comparison behaves (`not_a_date`, `date_form_mismatch`), with a fix where
//! one is certain. How each claim is decided: `docs/lints.md`.

use jiff::ToSpan;
use jiff::civil::Date;
use sift_schema::TimeFormat;
use sift_syntax::ast::{Condition, OpKind, Rhs, Value, ValueKind};
use sift_syntax::{DateForm, Fix, date_form};

use crate::checker::Checker;
use crate::error::CheckError;
use crate::suggest::sift_value;

/// Texts longer than this are quoted cut short, and never read as dates.
const MAX_SHOWN: usize = 40;

/// What a condition says of the values of its field, for one of its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// `=`, or one value of `in`.
    Equal,
    /// `!=`, or one value of `not in`.
    Differ,
    /// `>`.
    Above,
    /// `>=`, or the low bound of `between`.
    AtLeast,
    /// `<`.
    Below,
    /// `<=`, or the high bound of `between`.
    AtMost,
}

impl Side {
    fn of(op: OpKind) -> Option<Side> {
        Some(match op {
            OpKind::Eq | OpKind::In => Side::Equal,
            OpKind::Neq | OpKind::NotIn => Side::Differ,
            OpKind::Gt => Side::Above,
            OpKind::Gte => Side::AtLeast,
            OpKind::Lt => Side::Below,
            OpKind::Lte => Side::AtMost,
            _ => return None,
        })
    }

    /// Whether the side keeps the values above the value (else below, or neither).
    fn lower_bound(self) -> bool {
        matches!(self, Side::Above | Side::AtLeast)
    }
}

/// Where a text sorts among the values of a field, when that is the same for every value in
/// the field's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placement {
    /// Before every date-time of the day and after every one of the days before: a date on
    /// a date-time field, or a date followed by a character that sorts before `T`.
    BeforeDay(Date),
    /// After the date of the day and before the next: a date-time (or a date followed by
    /// anything) on a date field, which the date is a prefix of.
    AfterDay(Date),
}

/// The text of `value` as it is compared: a string, a date or a date-time.
fn text_of<'v>(value: &'v Value<'_>) -> Option<&'v str> {
    match &value.kind {
        ValueKind::String(s) | ValueKind::Date(s) | ValueKind::DateTime(s) => Some(s),
        _ => None,
    }
}

/// The date `text` starts with, and the rest: `2025-08-01` and ` 10:00`.
fn leading_date(text: &str) -> Option<(Date, &str)> {
    let head = text.get(..10)?;
    if date_form(head) != Ok(DateForm::Date) {
        return None;
    }
    Some((head.parse().ok()?, &text[10..]))
}

/// Where `text` sorts among the values of a field of `format`, if the same for all of them.
fn placement(text: &str, format: TimeFormat) -> Option<Placement> {
    let (day, rest) = leading_date(text)?;
    match format {
        TimeFormat::Date if !rest.is_empty() => Some(Placement::AfterDay(day)),
        TimeFormat::DateTime if rest.is_empty() || rest.as_bytes()[0] < b'T' => {
            Some(Placement::BeforeDay(day))
        }
        _ => None,
    }
}

fn next_day(day: Date) -> Option<Date> {
    day.checked_add(1.day()).ok()
}

/// The value that selects the same dates on a date field as a text placed after `day`
/// does, for `side` (`>= 2025-08-01T10:00:00Z` selects what `>= 2025-08-02` does).
fn same_dates(day: Date, side: Side) -> Option<Date> {
    match side {
        Side::Above | Side::AtMost => Some(day),
        Side::AtLeast | Side::Below => next_day(day),
        Side::Equal | Side::Differ => None,
    }
}

/// The one date or date-time `text` can be read as, in `format`, when it is certain and not
/// already written so: `2025-8-1` → `2025-08-01`, `8/13/2025` → `2025-08-13` (no month 13),
/// `2025-08-01 10:00Z` → `2025-08-01T10:00:00Z`. A time without an offset could be in any
/// zone, and `01/02/2025` is two dates: neither has one reading.
pub(crate) fn certain_reading(text: &str, format: TimeFormat) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.len() > MAX_SHOWN {
        return None;
    }
    let split = trimmed.find([' ', 'T', 't']).unwrap_or(trimmed.len());
    let (date_text, time_text) = trimmed.split_at(split);
    let mut dates = date_readings(date_text);
    dates.dedup();
    let [day] = dates.as_slice() else {
        return None;
    };
    let reading = match format {
        TimeFormat::Date if time_text.is_empty() => day.to_string(),
        TimeFormat::DateTime => {
            let time = time_text.get(1..).map(str::trim_start)?;
            format!("{day}T{}", time_and_offset(time)?)
        }
        _ => return None,
    };
    let wanted = match format {
        TimeFormat::Date => DateForm::Date,
        _ => DateForm::DateTime,
    };
    (reading != text && date_form(&reading) == Ok(wanted)).then_some(reading)
}

/// The dates a date written year first (`2025-8-1`, `2025/08/01`, `20250801`) or year last
/// (`8/1/2025`: month and day either way round) can be, in order, each once.
fn date_readings(text: &str) -> Vec<Date> {
    let date = |y: &str, m: &str, d: &str| -> Option<Date> {
        let short = |s: &str| (1..=2).contains(&s.len());
        if y.len() != 4 || !short(m) || !short(d) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
    };
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return date(&text[..4], &text[4..6], &text[6..])
            .into_iter()
            .collect();
    }
    let Some(separator) = text.chars().find(|c| !c.is_ascii_digit()) else {
        return Vec::new();
    };
    if !matches!(separator, '-' | '/' | '.') {
        return Vec::new();
    }
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return Vec::new();
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Vec::new();
    }
    if a.len() == 4 {
        return date(a, b, c).into_iter().collect();
    }
    let mut readings: Vec<Date> = [date(c, a, b), date(c, b, a)]
        .into_iter()
        .flatten()
        .collect();
    readings.sort();
    readings
}

/// `10:00Z` → `10:00:00Z`, `9:30:15.5 +0200` → `09:30:15.5+02:00`; `None` without an offset.
fn time_and_offset(text: &str) -> Option<String> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(text.len());
    let (clock, zone) = text.split_at(end);
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (clock, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let two = |s: &str| -> Option<String> {
        ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("{s:0>2}"))
    };
    let (hour, minute, second) = match parts.as_slice() {
        [h, m] => (two(h)?, two(m)?, String::from("00")),
        [h, m, s] if s.len() == 2 => (two(h)?, two(m)?, two(s)?),
        _ => return None,
    };
    let fraction = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => format!(".{f}"),
        Some(_) => return None,
        None => String::new(),
    };
    let zone = zone.trim();
    let offset = if zone.eq_ignore_ascii_case("z") || zone.eq_ignore_ascii_case("utc") {
        String::from("Z")
    } else {
        let sign = zone.chars().next().filter(|c| matches!(c, '+' | '-'))?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        match &zone.as_bytes()[1..] {
            [_, _] if digits(&zone[1..]) => format!("{sign}{}:00", &zone[1..]),
            [_, _, _, _] if digits(&zone[1..]) => {
                format!("{sign}{}:{}", &zone[1..3], &zone[3..])
            }
            [_, _, b':', _, _] if digits(&zone[1..3]) && digits(&zone[4..]) => zone.to_owned(),
            _ => return None,
        }
    };
    Some(format!("{hour}:{minute}:{second}{fraction}{offset}"))
}

/// The relative time a word names, for the help: `yesterday` → `today() - 1d`.
fn relative_word(text: &str, format: TimeFormat) -> Option<&'static str> {
    let word = text.trim().to_ascii_lowercase();
    Some(match word.as_str() {
        "today" => "today()",
        "yesterday" => "today() - 1d",
        "tomorrow" => "today() + 1d",
        "now" if format == TimeFormat::DateTime => "now()",
        "now" => "today()",
        _ => return None,
    })
}

/// The field's form in words, for messages.
fn form_words(format: TimeFormat) -> (&'static str, &'static str) {
    match format {
        TimeFormat::Date => ("date", "dates written YYYY-MM-DD"),
        _ => (
            "date-time",
            "date-times written YYYY-MM-DDTHH:MM:SS with `Z` or an offset",
        ),
    }
}

/// `value` as sift writes it, cut short when long.
fn shown(value: &Value<'_>) -> String {
    let written = sift_value(value);
    if written.chars().count() <= MAX_SHOWN {
        return written;
    }
    let mut cut: String = written.chars().take(MAX_SHOWN).collect();
    cut.push('…');
    cut
}

/// What the comparison does with a text placed among the field's values, for the label.
fn placed_label(placement: Placement, side: Side, field: &str) -> String {
    match (placement, side) {
        (_, Side::Equal) => format!("no value of `{field}` equals it"),
        (_, Side::Differ) => format!("every value of `{field}` differs from it"),
        (Placement::BeforeDay(day), side) if side.lower_bound() => {
            format!("includes all of {day}")
        }
        (Placement::BeforeDay(day), _) => format!("leaves out all of {day}"),
        (Placement::AfterDay(day), side) if side.lower_bound() => format!("leaves out {day}"),
        (Placement::AfterDay(day), _) => format!("includes {day}"),
    }
}

/// How to write what was probably meant, for a text placed among the field's values.
fn placed_help(placement: Placement, side: Side, field: &str, between: bool) -> String {
    match placement {
        Placement::BeforeDay(day) => {
            let next = next_day(day).map_or_else(String::new, |d| d.to_string());
            match side {
                Side::Equal => format!(
                    "for the records of that day write `{field} >= {day} and {field} < {next}`"
                ),
                Side::Differ => format!(
                    "to leave out the records of that day write `({field} < {day} or {field} >= {next})`"
                ),
                Side::Above => format!(
                    "`>` includes {day} here, as `>=` does: to start after that day write `{field} >= {next}`"
                ),
                Side::AtLeast | Side::Below => format!(
                    "that is what a day means here; to compare with an instant write a date-time such as {day}T00:00:00Z"
                ),
                Side::AtMost if between => format!(
                    "the range leaves out {day}: to include that day write `{field} < {next}` for its end"
                ),
                Side::AtMost => format!(
                    "`<=` leaves out {day} here, as `<` does: to include that day write `{field} < {next}`"
                ),
            }
        }
        Placement::AfterDay(day) => match (side, same_dates(day, side)) {
            (Side::Equal | Side::Differ, _) => {
                format!("write the date, {day}, to compare with that day")
            }
            (_, Some(same)) => format!(
                "compared as text it selects the same dates as {same} in its place: the fix writes that"
            ),
            (_, None) => format!("write a date such as {day}"),
        },
    }
}

impl Checker {
    /// Warns about each value of `condition` that is not a date (or date-time) in the form
    /// of its field, which holds `format` and is compared as text.
    pub(crate) fn lint_dates(
        &mut self,
        condition: &Condition<'_>,
        field: &str,
        format: TimeFormat,
    ) {
        let side = Side::of(condition.op.kind);
        match (&condition.rhs, side) {
            (Rhs::Value(value), Some(side)) => self.lint_date(value, field, format, side, false),
            (Rhs::List(list), Some(side)) => {
                for value in &list.items {
                    self.lint_date(value, field, format, side, false);
                }
            }
            (Rhs::Range { low, high }, _) => {
                self.lint_date(low, field, format, Side::AtLeast, true);
                self.lint_date(high, field, format, Side::AtMost, true);
            }
            _ => {}
        }
    }

    fn lint_date(
        &mut self,
        value: &Value<'_>,
        field: &str,
        format: TimeFormat,
        side: Side,
        between: bool,
    ) {
        let Some(text) = text_of(value) else {
            return;
        };
        let wanted = match format {
            TimeFormat::Date => DateForm::Date,
            _ => DateForm::DateTime,
        };
        let written = match &value.kind {
            ValueKind::Date(_) => Ok(DateForm::Date),
            ValueKind::DateTime(_) => Ok(DateForm::DateTime),
            _ => date_form(text).map_err(|_| ()),
        };
        if written == Ok(wanted) {
            return;
        }
        let placed = placement(text, format);
        // A placement the whole field shares, on a date field: the date that selects the
        // same records, which keeps the results.
        let same = match placed {
            Some(Placement::AfterDay(day)) => same_dates(day, side),
            _ => None,
        };
        let (form, form_text) = form_words(format);
        let span = value.span;
        if let (Ok(found), Some(placed)) = (written, placed) {
            let found = match found {
                DateForm::Date => "date",
                DateForm::DateTime => "date-time",
            };
            let behaviour = match placed {
                Placement::BeforeDay(day) => {
                    format!("it sorts before every time of {day}")
                }
                Placement::AfterDay(day) => {
                    format!("every date up to {day} sorts before it")
                }
            };
            self.push(CheckError::DateFormMismatch {
                field: field.to_owned(),
                value: shown(value),
                form,
                found,
                behaviour,
                label: placed_label(placed, side, field),
                help: placed_help(placed, side, field, between),
                span,
                fix: same.map(|day| Fix {
                    span,
                    replacement: day.to_string(),
                }),
            });
            return;
        }
        let reading = certain_reading(text, format);
        let label = match (placed, side) {
            (Some(placed), _) => placed_label(placed, side, field),
            (None, Side::Equal) => format!("equals no {form}"),
            (None, Side::Differ) => format!("differs from every {form}"),
            (None, _) => format!("compared character by character, not as a {form}"),
        };
        let help = if let Some(reading) = &reading {
            format!("it reads as the {form} {reading}, which the fix writes")
        } else if let Some(relative) = relative_word(text, format) {
            format!("for a time relative to the clock write `{relative}`")
        } else if format == TimeFormat::DateTime && leading_date(text.trim()).is_some() {
            String::from(
                "a time without an offset could be in any time zone: write it with `Z` (UTC) or an offset, as in 2025-08-01T10:00:00Z or 2025-08-01T10:00:00+02:00",
            )
        } else if let Some(placed) = placed {
            placed_help(placed, side, field, between)
        } else {
            format!("write a {form} in that form, such as {}", example(format))
        };
        let fix = reading
            .or_else(|| same.map(|day| day.to_string()))
            .map(|replacement| Fix { span, replacement });
        self.push(CheckError::NotADate {
            field: field.to_owned(),
            value: shown(value),
            form,
            form_text,
            label,
            help,
            span,
            fix,
        });
    }
}

fn example(format: TimeFormat) -> &'static str {
    match format {
        TimeFormat::Date => "2025-08-01",
        _ => "2025-08-01T10:00:00Z",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certain_readings() {
        let date = |t: &str| certain_reading(t, TimeFormat::Date);
        let date_time = |t: &str| certain_reading(t, TimeFormat::DateTime);
        assert_eq!(date("2025-8-1").as_deref(), Some("2025-08-01"));
        assert_eq!(date(" 2025-08-01 ").as_deref(), Some("2025-08-01"));
        assert_eq!(date("2025/08/01").as_deref(), Some("2025-08-01"));
        assert_eq!(date("20250801").as_deref(), Some("2025-08-01"));
        assert_eq!(date("8/13/2025").as_deref(), Some("2025-08-13"));
        assert_eq!(date("13.8.2025").as_deref(), Some("2025-08-13"));
        // The same date either way round is one reading.
        assert_eq!(date("08/08/2025").as_deref(), Some("2025-08-08"));
        // Two dates, no date, or a time on a date field: no reading.
        assert_eq!(date("01/02/2025"), None);
        assert_eq!(date("2025-02-30"), None);
        assert_eq!(date("2025-08-01"), None);
        assert_eq!(date("2025-08-01 10:00"), None);
        assert_eq!(date("yesterday"), None);
        assert_eq!(date("2025-8/1"), None);
        assert_eq!(
            date_time("2025-08-01 10:00Z").as_deref(),
            Some("2025-08-01T10:00:00Z")
        );
        assert_eq!(
            date_time("2025-8-1t9:30:15.5 +0200").as_deref(),
            Some("2025-08-01T09:30:15.5+02:00")
        );
        assert_eq!(
            date_time("2025-08-01T10:00:00 UTC").as_deref(),
            Some("2025-08-01T10:00:00Z")
        );
        assert_eq!(
            date_time("2025-08-01T10:00:00-05").as_deref(),
            Some("2025-08-01T10:00:00-05:00")
        );
        // No offset: any zone; a date only: no time.
        assert_eq!(date_time("2025-08-01 10:00"), None);
        assert_eq!(date_time("2025-08-01T10:00:00"), None);
        assert_eq!(date_time("2025-08-01"), None);
        assert_eq!(date_time("2025-08-01T25:00:00Z"), None);
        assert_eq!(date_time("2025-08-01T10:00:00+25:00"), None);
    }

    #[test]
    fn placements() {
        let day: Date = "2025-08-01".parse().unwrap_or_default();
        assert_eq!(
            placement("2025-08-01", TimeFormat::DateTime),
            Some(Placement::BeforeDay(day))
        );
        assert_eq!(
            placement("2025-08-01 10:00", TimeFormat::DateTime),
            Some(Placement::BeforeDay(day))
        );
        // `t` sorts after `T`: where it goes depends on the time.
        assert_eq!(placement("2025-08-01t10:00", TimeFormat::DateTime), None);
        assert_eq!(
            placement("2025-08-01T10:00:00Z", TimeFormat::Date),
            Some(Placement::AfterDay(day))
        );
        assert_eq!(placement("2025-08-01", TimeFormat::Date), None);
        assert_eq!(placement("2025-8-1", TimeFormat::Date), None);
    }
}
