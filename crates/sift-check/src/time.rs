//! Relative times (`today() - 7d`): resolved against the caller's [`Clock`] to the form the
//! compared field holds, a date or a UTC date-time. Pure: the clock is an input.

use std::borrow::Cow;

use jiff::civil::Weekday;
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

/// One relative time of the query and what it became, for `explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedTime {
    /// The span of the relative time in the source.
    pub span: sift_syntax::Span,
    /// The field it was compared with.
    pub field: String,
    /// As written, canonically (`today() - 7d`).
    pub written: String,
    /// The string sent (`2026-11-21`, `2026-11-01T00:00:00Z`).
    pub resolved: String,
    pub format: TimeFormat,
}

/// Resolves `time` against `clock` to an instant in the clock's zone. Errors when the result
/// falls outside the calendar's range (years -9999..=9999).
pub fn resolve_time(time: &RelativeTime, clock: &Clock) -> Result<Zoned, jiff::Error> {
    let now = clock.now.to_zoned(clock.time_zone.clone());
    let mut at = match time.anchor {
        TimeAnchor::Now => now,
        TimeAnchor::Today => now.start_of_day()?,
        TimeAnchor::StartOfWeek => {
            let back = (now.weekday().to_monday_zero_offset()
                - clock.week_start.to_monday_zero_offset())
            .rem_euclid(7);
            now.date()
                .checked_sub(Duration::new().days(back))?
                .to_zoned(clock.time_zone.clone())?
                .start_of_day()?
        }
        TimeAnchor::StartOfMonth => now.first_of_month()?.start_of_day()?,
        TimeAnchor::StartOfYear => now.first_of_year()?.start_of_day()?,
    };
    for offset in &time.offsets {
        at = at.checked_add(duration(*offset)?)?;
    }
    Ok(at)
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
    /// Resolves each relative time of `condition` to the date or date-time the field's form
    /// asks for, kept by the value's span for checking and building the condition (the typed
    /// tree has no relative times). `Err(())` when one could not be resolved (reported).
    pub(crate) fn resolve_times(
        &mut self,
        condition: &Condition<'_>,
        field: &str,
        ty: Option<&Type>,
        format: Option<TimeFormat>,
    ) -> Result<(), ()> {
        // Most conditions hold no relative time: say so without walking an iterator chain.
        let relative = |v: &Value<'_>| matches!(v.kind, ValueKind::Relative(_));
        let any = match &condition.rhs {
            Rhs::Value(v) => relative(v),
            Rhs::Range { low, high } => relative(low) || relative(high),
            Rhs::List(list) => list.items.iter().any(relative),
            Rhs::Condition(_) | Rhs::Nothing => false,
        };
        if !any {
            return Ok(());
        }
        let mut ok = true;
        for value in values(&condition.rhs) {
            if let ValueKind::Relative(time) = &value.kind {
                match self.resolve_value(time, value, field, ty, format) {
                    Some(kind) => {
                        self.resolved_values.insert(value.span, kind);
                    }
                    None => ok = false,
                }
            }
        }
        if ok { Ok(()) } else { Err(()) }
    }

    /// `value` as checked and sent: a relative time as what it resolved to.
    #[inline]
    pub(crate) fn resolved<'v>(&self, value: &'v Value<'v>) -> Cow<'v, Value<'v>> {
        if !matches!(value.kind, ValueKind::Relative(_)) {
            return Cow::Borrowed(value);
        }
        self.resolved_relative(value)
    }

    #[cold]
    fn resolved_relative<'v>(&self, value: &'v Value<'v>) -> Cow<'v, Value<'v>> {
        match self.resolved_values.get(&value.span) {
            Some(kind) => Cow::Owned(Value {
                span: value.span,
                kind: kind.clone(),
            }),
            None => Cow::Borrowed(value),
        }
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
        if let Some(ty) = ty.filter(|t| !t.has(Kind::String)) {
            self.push(CheckError::TimeOnNonString {
                field: field.to_owned(),
                ty: ty.to_string(),
                help: format!(
                    "relative times become date strings; `{field}` holds {}, so compare it with a value of that type",
                    crate::with_article(&ty.to_string())
                ),
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
        let Some(clock) = self.clock.clone() else {
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
        self.resolved_times.push(ResolvedTime {
            span,
            field: field.to_owned(),
            written,
            resolved: text,
            format,
        });
        Some(kind)
    }
}
