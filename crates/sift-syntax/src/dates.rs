//! What a date or date-time literal is, decided once: the grammar's `date` and `date_time`
//! rules (their shape, `lexer::date_shape`) and the calendar (no 2024-02-30, no hour 25, no
//! offset +25:00). The parser reads bare literals with it; the checker asks it whether a string
//! is a date in a field's form; the command line whether `--now` is an instant.

use crate::lexer::date_shape;

/// Which of the two rules a text follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// `date`: `2024-01-31`.
    Date,
    /// `date_time`: `2024-01-31T09:30:00Z`, `2024-01-31T09:30:00.5+02:00`.
    DateTime,
}

/// Why a text is not a date or date-time literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotADate {
    /// The rule the text has the shape of, when only the calendar refuses it.
    pub shape: Option<DateForm>,
    /// What is wrong, in words (`February 2023 has 28 days`).
    pub reason: String,
}

/// Whether `text` is a `date` or a `date_time` of the grammar, valid on the calendar.
pub fn date_form(text: &str) -> Result<DateForm, NotADate> {
    let form = match date_shape(text) {
        Ok(false) => DateForm::Date,
        Ok(true) => DateForm::DateTime,
        Err(reason) => {
            return Err(NotADate {
                shape: None,
                reason: reason.to_owned(),
            });
        }
    };
    let refused = |reason: String| NotADate {
        shape: Some(form),
        reason,
    };
    if let Some(reason) = calendar_error(text) {
        return Err(refused(reason));
    }
    if form == DateForm::DateTime
        && let Err(e) = text.parse::<jiff::Timestamp>()
    {
        return Err(refused(e.to_string()));
    }
    Ok(form)
}

/// The calendar error of a well-shaped date or date-time, if any (`2024-02-30`, hour 25).
fn calendar_error(text: &str) -> Option<String> {
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<i16>().ok());
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month:02}"));
    }
    let first = jiff::civil::Date::new(year, month as i8, 1).ok()?;
    let days = first.days_in_month();
    if day < 1 || day > i16::from(days) {
        let name = MONTHS
            .get(month as usize - 1)
            .copied()
            .unwrap_or("that month");
        return Some(format!("{name} {year} has {days} days"));
    }
    if text.len() > 10 {
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if second == 60 && hour <= 23 && minute <= 59 {
            // RFC 3339 allows a leap second, but a timestamp cannot hold one: the API's
            // timestamps would read it as another instant than the one written.
            return Some(format!(
                "{hour:02}:{minute:02}:60 is a leap second, which sift does not accept: timestamps count no leap seconds; write {hour:02}:{minute:02}:59"
            ));
        }
        let as_i8 = |n: i16| i8::try_from(n).unwrap_or(i8::MAX);
        if jiff::civil::Time::new(as_i8(hour), as_i8(minute), as_i8(second), 0).is_err() {
            return Some(format!(
                "{hour:02}:{minute:02}:{second:02} is not a time of day"
            ));
        }
        let fraction = text[19..]
            .strip_prefix('.')
            .map_or(0, |f| f.bytes().take_while(u8::is_ascii_digit).count());
        if fraction > 9 {
            return Some(format!(
                "{fraction} fractional digits are more than the nine (nanoseconds) a timestamp holds"
            ));
        }
        // The offset is the last six bytes when it is not `Z` (the shape is checked already).
        if !text.ends_with('Z') {
            let at = text.len() - 5;
            let (oh, om) = (num(at..at + 2)?, num(at + 3..at + 5)?);
            if oh > 23 || om > 59 {
                return Some(format!(
                    "{} is not a time-zone offset: hours run from 00 to 23 and minutes from 00 to 59",
                    &text[at - 1..]
                ));
            }
        }
    }
    None
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_date_times_by_shape_and_calendar() {
        assert_eq!(date_form("2024-02-29"), Ok(DateForm::Date));
        assert_eq!(
            date_form("2024-01-31T09:30:00.5+02:00"),
            Ok(DateForm::DateTime)
        );
        let refused = |text: &str| date_form(text).map_err(|e| (e.shape, e.reason));
        assert_eq!(
            refused("2023-02-29"),
            Err((Some(DateForm::Date), "February 2023 has 28 days".to_owned()))
        );
        let Err((shape, reason)) = refused("2026-03-08T02:30:00+25:00") else {
            panic!("+25:00 accepted");
        };
        assert_eq!(shape, Some(DateForm::DateTime));
        assert!(
            reason.starts_with("+25:00 is not a time-zone offset"),
            "{reason}"
        );
        for text in [
            "2025-8-1",
            "2025-08-01 10:00",
            "yesterday",
            "2025-08-01t10:00:00Z",
            "",
        ] {
            assert_eq!(
                refused(text).map_err(|(shape, _)| shape),
                Err(None),
                "{text}"
            );
        }
    }
}
