//! Relative times (`today() - 7d`): resolved against the caller's [`Clock`] to the form the
//! compared field holds, a date or a UTC date-time. Pure: the clock is an input.

use std::borrow::Cow;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span as Duration, Timestamp, Zoned};
use sift_schema::{Kind, TimeFormat, Type};
use sift_syntax::Fix;
use sift_syntax::ast::{
    Condition, RelativeTime, Rhs, TimeAnchor, TimeOffset, TimeUnit, Value, ValueKind,
};

use crate::checker::Checker;
use crate::error::CheckError;

/// What relative times are resolved against: an instant, a time zone (the calendar days,
/// weeks, months and years are counted in) and the first day of the week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub now: Timestamp,
    pub time_zone: TimeZone,
    /// The day `start_of_week()` goes back to; Monday by default.
    pub week_start: Weekday,
}

impl Clock {
    /// `now` in UTC, weeks starting on Monday.
    pub fn utc(now: Timestamp) -> Clock {
        Clock {
            now,
            time_zone: TimeZone::UTC,
            week_start: Weekday::Monday,
        }
    }
}

/// One relative time of the query (or a date literal compared with a Unix-time field) and
/// what it became, for `explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedTime {
    /// The span of the relative time in the source.
    pub span: sift_syntax::Span,
    /// The field it was compared with.
    pub field: String,
    /// As written, canonically (`today() - 7d`).
    pub written: String,
    /// The value sent: a string (`2026-11-21`, `2026-11-01T00:00:00Z`) or, on a Unix-time
    /// field, the integer's text (`1795219200`).
    pub resolved: String,
    pub format: TimeFormat,
    /// On a Unix-time field, the instant the seconds count to (`2026-11-21T00:00:00Z`).
    pub instant: Option<String>,
}

/// Resolves `time` against `clock` to an instant in the clock's zone. Errors when the result
/// falls outside the calendar's range (years -9999..=9999).
///
/// A time anchored at the start of a day (`today()`, `start_of_week()`, …) stays the start of
/// a day while whole days, weeks, months and years move it: the calendar moves the date and
/// the zone says when that day starts, which is not always midnight nor 24 hours after the
/// day before (where daylight-saving time starts at midnight, the day starts at 01:00). An
/// offset in hours, minutes or seconds then moves the instant, and so does every offset of
/// `now()`: calendar units keep the wall-clock time, seconds are exact.
pub fn resolve_time(time: &RelativeTime, clock: &Clock) -> Result<Zoned, jiff::Error> {
    let zone = &clock.time_zone;
    let now = clock.now.to_zoned(zone.clone());
    let today = now.date();
    let mut at = match time.anchor {
        TimeAnchor::Now => Moving::Instant(now),
        TimeAnchor::Today => Moving::Day(today),
        TimeAnchor::StartOfWeek => {
            let back = (today.weekday().to_monday_zero_offset()
                - clock.week_start.to_monday_zero_offset())
            .rem_euclid(7);
            Moving::Day(today.checked_sub(Duration::new().days(back))?)
        }
        TimeAnchor::StartOfMonth => Moving::Day(today.first_of_month()),
        TimeAnchor::StartOfYear => Moving::Day(today.first_of_year()),
    };
    for offset in &time.offsets {
        let step = duration(*offset)?;
        at = match at {
            Moving::Day(day) if !offset.unit.is_time_of_day() => {
                Moving::Day(day.checked_add(step)?)
            }
            Moving::Day(day) => Moving::Instant(start_of(day, zone)?.checked_add(step)?),
            Moving::Instant(instant) => Moving::Instant(instant.checked_add(step)?),
        };
    }
    match at {
        Moving::Day(day) => start_of(day, zone),
        Moving::Instant(instant) => Ok(instant),
    }
}

/// The instant a date (its midnight in UTC) or date-time literal names.
fn literal_instant(text: &str) -> Option<Timestamp> {
    match sift_syntax::date_form(text).ok()? {
        sift_syntax::DateForm::Date => text
            .parse::<Date>()
            .ok()?
            .to_zoned(TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp()),
        sift_syntax::DateForm::DateTime => text.parse::<Timestamp>().ok(),
    }
}

/// The seconds a date or date-time literal is sent as on a Unix-time field: a date's midnight
/// in UTC, a date-time's instant; `None` for other text and for a fraction of a second.
pub fn unix_seconds_of(text: &str) -> Option<i64> {
    literal_instant(text)
        .filter(|t| t.subsec_nanosecond() == 0)
        .map(Timestamp::as_second)
}

/// A relative time being resolved: still the start of a day, or an instant.
enum Moving {
    Day(Date),
    Instant(Zoned),
}

/// When `day` starts in `zone` (midnight, or the first instant after a gap at midnight).
fn start_of(day: Date, zone: &TimeZone) -> Result<Zoned, jiff::Error> {
    day.to_zoned(zone.clone())?.start_of_day()
}

/// Whole seconds since 1970-01-01T00:00:00Z, rounded down (a fraction of a second of the
/// clock is dropped: a Unix-time field counts whole seconds).
pub(crate) fn unix_seconds(instant: Timestamp) -> i64 {
    let seconds = instant.as_second();
    if instant.subsec_nanosecond() < 0 {
        seconds - 1
    } else {
        seconds
    }
}

fn duration(offset: TimeOffset) -> Result<Duration, jiff::Error> {
    let n = offset.amount;
    let span = Duration::new();
    match offset.unit {
        TimeUnit::Second => span.try_seconds(n),
        TimeUnit::Minute => span.try_minutes(n),
        TimeUnit::Hour => span.try_hours(n),
        TimeUnit::Day => span.try_days(n),
        TimeUnit::Week => span.try_weeks(n),
        TimeUnit::Month => span.try_months(n),
        TimeUnit::Year => span.try_years(n),
    }
}

/// The values of `rhs` (without collecting them: this runs for every condition).
pub(crate) fn values<'r, 'a>(rhs: &'r Rhs<'a>) -> impl Iterator<Item = &'r Value<'a>> {
    let (pair, list): ([Option<&'r Value<'a>>; 2], &'r [Value<'a>]) = match rhs {
        Rhs::Value(v) => ([Some(v), None], &[]),
        Rhs::List(list) => ([None, None], &list.items),
        Rhs::Range { low, high } => ([Some(low), Some(high)], &[]),
        Rhs::Condition(_) | Rhs::Nothing => ([None, None], &[]),
    };
    pair.into_iter().flatten().chain(list)
}

impl Checker {
    /// Resolves each relative time of `condition` to the value the field's form asks for (a
    /// date, a UTC date-time, or on a Unix-time field the integer seconds), and on a Unix-time
    /// field each date and date-time literal to its seconds too; each kept by the value's span
    /// for checking and building the condition (the typed tree has no relative times).
    /// `Err(())` when one could not be resolved (reported).
    pub(crate) fn resolve_times(
        &mut self,
        condition: &Condition<'_>,
        field: &str,
        ty: Option<&Type>,
        format: Option<TimeFormat>,
    ) -> Result<(), ()> {
        // The values resolved for the previous condition are no part of this one.
        self.times.values.clear();
        let unix = format == Some(TimeFormat::UnixTime) && ty.is_some_and(|t| t.has(Kind::Integer));
        // Most conditions hold no time to resolve: say so without walking an iterator chain.
        let resolves = |v: &Value<'_>| match v.kind {
            ValueKind::Relative(_) => true,
            ValueKind::Date(_) | ValueKind::DateTime(_) => unix,
            _ => false,
        };
        let any = match &condition.rhs {
            Rhs::Value(v) => resolves(v),
            Rhs::Range { low, high } => resolves(low) || resolves(high),
            Rhs::List(list) => list.items.iter().any(resolves),
            Rhs::Condition(_) | Rhs::Nothing => false,
        };
        if !any {
            return Ok(());
        }
        let format = match format {
            Some(TimeFormat::UnixTime) if !unix => None,
            other => other,
        };
        let mut ok = true;
        for value in values(&condition.rhs) {
            let kind = match &value.kind {
                ValueKind::Relative(time) => self.resolve_value(time, value, field, ty, format),
                ValueKind::Date(text) | ValueKind::DateTime(text) if unix => {
                    self.literal_seconds(value, text, field, ty)
                }
                _ => continue,
            };
            match kind {
                Some(kind) => {
                    self.times.values.push((value.span.lo(), kind));
                }
                None => ok = false,
            }
        }
        if ok { Ok(()) } else { Err(()) }
    }

    /// `value` as checked and sent: a relative time as what it resolved to, and on a
    /// Unix-time field a date or date-time as its seconds.
    #[inline]
    pub(crate) fn resolved<'v>(&self, value: &'v Value<'v>) -> Cow<'v, Value<'v>> {
        let resolvable = matches!(
            value.kind,
            ValueKind::Relative(_) | ValueKind::Date(_) | ValueKind::DateTime(_)
        );
        if !resolvable || self.times.values.is_empty() {
            return Cow::Borrowed(value);
        }
        self.resolved_relative(value)
    }

    #[cold]
    fn resolved_relative<'v>(&self, value: &'v Value<'v>) -> Cow<'v, Value<'v>> {
        match self.times.value(value.span) {
            Some(kind) => Cow::Owned(Value {
                span: value.span,
                kind: kind.clone(),
            }),
            None => Cow::Borrowed(value),
        }
    }

    /// A date (its midnight, UTC) or date-time literal compared with a Unix-time field, as
    /// its seconds; `None` after an error: a fraction of a second, which no whole number of
    /// seconds equals.
    fn literal_seconds(
        &mut self,
        value: &Value<'_>,
        text: &str,
        field: &str,
        ty: Option<&Type>,
    ) -> Option<ValueKind<'static>> {
        // The parser has validated the literal; a hand-built one that is not is reported
        // as the type mismatch it would otherwise be.
        let instant = literal_instant(text);
        let whole = instant.filter(|t| t.subsec_nanosecond() == 0);
        let Some(instant) = whole else {
            let ty = ty.map(ToString::to_string).unwrap_or_default();
            let rounded = instant.map(|t| unix_seconds(t).to_string());
            self.push(CheckError::ValueTypeMismatch {
                field: field.to_owned(),
                expected: String::from(
                    "Unix seconds: an integer, a date or a date-time in whole seconds",
                ),
                found: crate::types::describe_value(&value.kind),
                span: value.span,
                help: match rounded {
                    Some(s) => format!(
                        "`{field}` counts whole seconds since 1970-01-01T00:00:00Z, which no fraction of a second equals; write the date-time without its fraction (its whole second is `{s}`)"
                    ),
                    None => format!(
                        "`{field}` counts seconds since 1970-01-01T00:00:00Z: compare it with a valid date, date-time or integer"
                    ),
                },
                ty,
                fix: None,
            });
            return None;
        };
        let seconds = instant.as_second();
        self.times.resolved.push(ResolvedTime {
            span: value.span,
            field: field.to_owned(),
            written: text.to_owned(),
            resolved: seconds.to_string(),
            format: TimeFormat::UnixTime,
            instant: Some(instant.to_string()),
        });
        Some(ValueKind::Integer(seconds))
    }

    /// One relative time as the value the field's form asks for; `None` after an error.
    fn resolve_value(
        &mut self,
        time: &RelativeTime,
        value: &Value<'_>,
        field: &str,
        ty: Option<&Type>,
        format: Option<TimeFormat>,
    ) -> Option<ValueKind<'static>> {
        let written = time.to_string();
        let span = value.span;
        let unix = format == Some(TimeFormat::UnixTime);
        if let Some(ty) = ty.filter(|t| !t.has(Kind::String) && !unix) {
            self.push(CheckError::TimeOnNonString {
                field: field.to_owned(),
                ty: ty.to_string(),
                help: if ty.has(Kind::Integer) {
                    format!(
                        "relative times become date strings, or the seconds of a Unix-time field; if `{field}` counts seconds since 1970-01-01T00:00:00Z, declare `format: unix-time` for it in the connector spec"
                    )
                } else {
                    format!(
                        "relative times become date strings; `{field}` holds {}, so compare it with a value of that type",
                        crate::with_article(&ty.to_string())
                    )
                },
                time: written,
                span,
            });
            return None;
        }
        if format == Some(TimeFormat::Date) {
            let finer = match time.anchor {
                TimeAnchor::Now => Some("`now()` is an instant; a date field compares days"),
                _ => time
                    .offsets
                    .iter()
                    .any(|o| o.unit.is_time_of_day())
                    .then_some("an offset in seconds, minutes or hours moves inside a day"),
            };
            if let Some(reason) = finer {
                let fix = (time.anchor == TimeAnchor::Now
                    && !time.offsets.iter().any(|o| o.unit.is_time_of_day()))
                .then(|| Fix {
                    span,
                    replacement: RelativeTime {
                        anchor: TimeAnchor::Today,
                        offsets: time.offsets.clone(),
                    }
                    .to_string(),
                });
                self.push(CheckError::TimeFinerThanDate {
                    field: field.to_owned(),
                    time: written,
                    span,
                    reason: reason.to_owned(),
                    help: format!(
                        "`{field}` holds dates such as 2026-11-21: start from `today()` and move in whole days, weeks, months or years (`today() - 7d`)"
                    ),
                    fix,
                });
                return None;
            }
        }
        let Some(clock) = self.times.clock.clone() else {
            self.push(CheckError::NoClock {
                time: written,
                span,
                help: String::from(
                    "relative times are resolved when the query is compiled: pass the clock (`sift::Options::now`, or `--now` on the command line)",
                ),
            });
            return None;
        };
        let resolved = match resolve_time(time, &clock) {
            Ok(at) => at,
            Err(error) => {
                self.push(CheckError::TimeOutOfRange {
                    time: written,
                    span,
                    reason: error.to_string(),
                    help: format!(
                        "the clock reads {}; use a smaller offset",
                        clock.now.to_zoned(clock.time_zone.clone())
                    ),
                });
                return None;
            }
        };
        let (text, kind, format) = match format {
            Some(TimeFormat::UnixTime) => {
                let seconds = unix_seconds(resolved.timestamp());
                let instant = Timestamp::from_second(seconds)
                    .map_or_else(|_| resolved.timestamp().to_string(), |t| t.to_string());
                self.times.resolved.push(ResolvedTime {
                    span,
                    field: field.to_owned(),
                    written,
                    resolved: seconds.to_string(),
                    format: TimeFormat::UnixTime,
                    instant: Some(instant),
                });
                return Some(ValueKind::Integer(seconds));
            }
            Some(TimeFormat::Date) => {
                let text = resolved.date().to_string();
                (
                    text.clone(),
                    ValueKind::Date(Cow::Owned(text)),
                    TimeFormat::Date,
                )
            }
            _ => {
                let text = resolved.timestamp().to_string();
                if format.is_none() {
                    self.push(CheckError::TimeFormatAssumed {
                        field: field.to_owned(),
                        time: written.clone(),
                        resolved: text.clone(),
                        span,
                        help: format!(
                            "declare `format: date` or `format: date-time` for `{field}` in the connector spec, or compare with a literal such as 2026-11-21"
                        ),
                    });
                }
                (
                    text.clone(),
                    ValueKind::DateTime(Cow::Owned(text)),
                    TimeFormat::DateTime,
                )
            }
        };
        self.times.resolved.push(ResolvedTime {
            span,
            field: field.to_owned(),
            written,
            resolved: text,
            format,
            instant: None,
        });
        Some(kind)
    }
}
