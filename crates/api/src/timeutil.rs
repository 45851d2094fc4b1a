//! Timestamps as the API stores and shows them, and the German civil calendar.
//!
//! Stored timestamps are fixed-width UTC (`2026-03-01T09:30:00.123456Z`) so that SQLite's
//! text order equals time order and range filters can compare strings. Reference-number
//! years and the date filters of the operator list follow the calendar of the agencies,
//! which is Europe/Berlin; the offset is computed from the EU summer-time rule instead of
//! a time-zone database, which the server would otherwise have to ship and keep current.

use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The current time, truncated to microseconds so that what is stored and what is
/// returned in the response are identical.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    let micros = now.microsecond();
    now.replace_microsecond(micros).unwrap_or(now)
}

/// Fixed-width UTC form used in the database and in every response.
pub fn format_utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// Last Sunday of a month, the day EU summer time starts (March) or ends (October).
fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last =
        Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok()?;
    let back = i64::from(last.weekday().number_days_from_sunday());
    last.checked_sub(time::Duration::days(back))
}

/// UTC offset of Europe/Berlin at the given instant: CEST (+2) from the last Sunday in
/// March 01:00 UTC to the last Sunday in October 01:00 UTC, CET (+1) otherwise.
pub fn berlin_offset(t: OffsetDateTime) -> UtcOffset {
    let cet = UtcOffset::from_hms(1, 0, 0).unwrap_or(UtcOffset::UTC);
    let cest = UtcOffset::from_hms(2, 0, 0).unwrap_or(UtcOffset::UTC);
    let t = t.to_offset(UtcOffset::UTC);
    let year = t.year();
    let (Some(start), Some(end)) = (
        last_sunday(year, Month::March),
        last_sunday(year, Month::October),
    ) else {
        return cet;
    };
    let one = Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT);
    let start = PrimitiveDateTime::new(start, one).assume_utc();
    let end = PrimitiveDateTime::new(end, one).assume_utc();
    if t >= start && t < end { cest } else { cet }
}

/// The calendar year in Berlin, which numbers the reference sequences: a request that
/// arrives at 00:30 on New Year's Day local time belongs to the new year.
pub fn berlin_year(t: OffsetDateTime) -> i32 {
    t.to_offset(berlin_offset(t)).year()
}

/// Start of a Berlin calendar day as a UTC instant. The summer-time switch happens at
/// 02:00/03:00 local time, so local midnight is never ambiguous; its offset is that of
/// the instant one hour earlier in UTC terms, which is still on the same side of the
/// switch.
pub fn berlin_midnight(date: Date) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(date, Time::MIDNIGHT);
    let guess = local.assume_utc() - time::Duration::hours(1);
    local.assume_offset(berlin_offset(guess))
}

/// A bound of a date filter: either a calendar date (`2026-03-01`, a Berlin day) or an
/// RFC 3339 timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    Day(Date),
    Instant(OffsetDateTime),
}

impl DateBound {
    pub fn parse(s: &str) -> Option<DateBound> {
        let s = s.trim();
        if s.len() == 10 {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            return Date::parse(s, format).ok().map(DateBound::Day);
        }
        OffsetDateTime::parse(s, &Rfc3339)
            .ok()
            .map(DateBound::Instant)
    }

    /// Inclusive lower bound as stored text.
    pub fn lower(self) -> String {
        match self {
            DateBound::Day(d) => format_utc(berlin_midnight(d)),
            DateBound::Instant(t) => format_utc(t),
        }
    }

    /// Exclusive upper bound as stored text: a day includes all of itself.
    pub fn upper_exclusive(self) -> Option<String> {
        match self {
            DateBound::Day(d) => d.next_day().map(|n| format_utc(berlin_midnight(n))),
            // An instant bound is inclusive: the smallest stored value after it is one
            // microsecond later.
            DateBound::Instant(t) => Some(format_utc(t + time::Duration::microseconds(1))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn fixed_width_utc() {
        assert_eq!(
            format_utc(datetime!(2026-03-01 09:30:00.5 +01:00)),
            "2026-03-01T08:30:00.500000Z"
        );
    }

    #[test]
    fn berlin_summer_time_boundaries_2026() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            berlin_offset(datetime!(2026-03-29 00:59:59 UTC)).whole_hours(),
            1
        );
        assert_eq!(
            berlin_offset(datetime!(2026-03-29 01:00:00 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            berlin_offset(datetime!(2026-10-25 00:59:59 UTC)).whole_hours(),
            2
        );
        assert_eq!(
            berlin_offset(datetime!(2026-10-25 01:00:00 UTC)).whole_hours(),
            1
        );
    }

    #[test]
    fn new_year_is_counted_in_berlin() {
        assert_eq!(berlin_year(datetime!(2025-12-31 22:59:59 UTC)), 2025);
        assert_eq!(berlin_year(datetime!(2025-12-31 23:00:00 UTC)), 2026);
    }

    #[test]
    fn day_bounds_are_berlin_days() {
        let b = DateBound::parse("2026-07-01").unwrap();
        assert_eq!(b.lower(), "2026-06-30T22:00:00.000000Z");
        assert_eq!(b.upper_exclusive().unwrap(), "2026-07-01T22:00:00.000000Z");
        let w = DateBound::parse("2026-01-15").unwrap();
        assert_eq!(w.lower(), "2026-01-14T23:00:00.000000Z");
        assert!(DateBound::parse("2026-13-01").is_none());
        assert!(DateBound::parse("gestern").is_none());
        assert!(DateBound::parse("2026-01-15T10:00:00+01:00").is_some());
    }
}
