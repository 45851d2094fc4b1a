//! Timestamps as the API stores and shows them, and the German civil calendar.
//!
//! Stored timestamps are fixed-width UTC (`2026-03-01T09:30:00.123456Z`) so that SQLite's
//! text order equals time order and range filters can compare strings. Reference-number
//! years and the date filters of the operator list follow the calendar of the agencies,
//! which is Europe/Berlin; the offset is computed from the EU summer-time rule instead of
//! a time-zone database, which the server would otherwise have to ship and keep current.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

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

/// A stored fixed-width UTC timestamp read back.
pub fn parse_utc(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// An instant as a German reader expects it in a letter: Berlin time,
/// `15.12.2026, 09:30 Uhr`.
pub fn format_berlin(t: OffsetDateTime) -> String {
    let local = t.to_offset(berlin_offset(t));
    format!(
        "{:02}.{:02}.{:04}, {:02}:{:02} Uhr",
        local.day(),
        u8::from(local.month()),
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// UTC offset of Europe/Berlin at the given instant: CEST (+2) from the last Sunday in
/// March 01:00 UTC to the last Sunday in October 01:00 UTC, CET (+1) otherwise (the
/// domain's rule, `efa_domain::civil`).
pub fn berlin_offset(t: OffsetDateTime) -> UtcOffset {
    let seconds = efa_domain::civil::berlin_offset_seconds(t.unix_timestamp());
    // Always 3,600 or 7,200, both valid offsets.
    i32::try_from(seconds)
        .ok()
        .and_then(|s| UtcOffset::from_whole_seconds(s).ok())
        .unwrap_or(UtcOffset::UTC)
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

/// Why a date filter value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBoundError {
    /// Neither `JJJJ-MM-TT` nor an RFC 3339 time.
    Malformed,
    /// An RFC 3339 time whose `+` offset arrived as a space: the `+` was not encoded as
    /// `%2B` in the query string, where it means a space.
    UnencodedPlus,
    /// Valid, but its stored UTC form would need a year outside 0001–9999.
    OutOfRange,
}

/// Stored timestamps have four-digit years; a bound outside them could not be compared
/// as text with what is stored.
fn in_stored_range(t: OffsetDateTime) -> Result<OffsetDateTime, DateBoundError> {
    let utc = t
        .checked_to_offset(UtcOffset::UTC)
        .ok_or(DateBoundError::OutOfRange)?;
    if (1..=9999).contains(&utc.year()) {
        Ok(utc)
    } else {
        Err(DateBoundError::OutOfRange)
    }
}

impl DateBound {
    /// Accepts a Berlin calendar day `2026-03-01` or an RFC 3339 time. As RFC 3339 (5.6)
    /// permits for readability, a space may stand for the `T`; a leap second (`23:59:60`
    /// at the end of a UTC month) counts as the last instant of its minute.
    pub fn parse(s: &str) -> Result<DateBound, DateBoundError> {
        let s = s.trim();
        if s.len() == 10 {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            return Date::parse(s, format)
                .map(DateBound::Day)
                .map_err(|_| DateBoundError::Malformed);
        }
        let with_t = match s.as_bytes().get(10) {
            Some(b' ') => format!("{}T{}", &s[..10], &s[11..]),
            _ => s.to_owned(),
        };
        match OffsetDateTime::parse(&with_t, &Rfc3339) {
            Ok(t) => {
                in_stored_range(t)?;
                Ok(DateBound::Instant(t))
            }
            Err(_) => {
                // `2026-03-01T10:00:00 01:00`: the `+` of the offset became a space.
                let plus = with_t
                    .get(19..)
                    .and_then(|rest| rest.rfind(' ').map(|i| i + 19));
                let repaired = plus.map(|i| format!("{}+{}", &with_t[..i], &with_t[i + 1..]));
                match repaired {
                    Some(r) if OffsetDateTime::parse(&r, &Rfc3339).is_ok() => {
                        Err(DateBoundError::UnencodedPlus)
                    }
                    _ => Err(DateBoundError::Malformed),
                }
            }
        }
    }

    /// The first instant the bound includes.
    fn first_instant(self) -> Result<OffsetDateTime, DateBoundError> {
        match self {
            DateBound::Day(d) => in_stored_range(berlin_midnight(d)),
            DateBound::Instant(t) => in_stored_range(t),
        }
    }

    /// The first stored instant after the bound: a day includes all of itself; an instant
    /// bound is inclusive, and stored values have microseconds.
    fn first_instant_after(self) -> Result<OffsetDateTime, DateBoundError> {
        let after = match self {
            DateBound::Day(d) => match d.next_day() {
                Some(next) => Some(berlin_midnight(next)),
                // 31 December 9999 has no next `Date`, but its end (23:00 UTC, winter
                // time) is storable.
                None => berlin_midnight(d)
                    .checked_to_offset(UtcOffset::UTC)
                    .and_then(|t| t.checked_add(time::Duration::days(1))),
            },
            DateBound::Instant(t) => in_stored_range(t)
                .ok()
                .and_then(|t| t.replace_nanosecond(t.microsecond() * 1000).ok())
                .and_then(|t| t.checked_add(time::Duration::microseconds(1))),
        };
        in_stored_range(after.ok_or(DateBoundError::OutOfRange)?)
    }

    /// Inclusive lower bound as stored text.
    pub fn lower(self) -> Result<String, DateBoundError> {
        self.first_instant().map(format_utc)
    }

    /// Exclusive upper bound as stored text.
    pub fn upper_exclusive(self) -> Result<String, DateBoundError> {
        self.first_instant_after().map(format_utc)
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
        assert_eq!(b.lower().unwrap(), "2026-06-30T22:00:00.000000Z");
        assert_eq!(b.upper_exclusive().unwrap(), "2026-07-01T22:00:00.000000Z");
        let w = DateBound::parse("2026-01-15").unwrap();
        assert_eq!(w.lower().unwrap(), "2026-01-14T23:00:00.000000Z");
        assert_eq!(
            DateBound::parse("2026-13-01"),
            Err(DateBoundError::Malformed)
        );
        assert_eq!(DateBound::parse("gestern"), Err(DateBoundError::Malformed));
        assert!(DateBound::parse("2026-01-15T10:00:00+01:00").is_ok());
    }

    #[test]
    fn the_edges_of_the_calendar_are_refused_not_panicked_on() {
        let late = DateBound::parse("9999-12-31T23:59:59.999999999Z").unwrap();
        assert_eq!(late.lower().unwrap(), "9999-12-31T23:59:59.999999Z");
        assert_eq!(late.upper_exclusive(), Err(DateBoundError::OutOfRange));
        assert_eq!(
            DateBound::parse("9999-12-31T23:30:00-01:00"),
            Err(DateBoundError::OutOfRange)
        );
        // The last Berlin day ends at 23:00 UTC, which is storable.
        let last_day = DateBound::parse("9999-12-31").unwrap();
        assert_eq!(
            last_day.upper_exclusive().unwrap(),
            "9999-12-31T23:00:00.000000Z"
        );
        assert_eq!(
            DateBound::parse("0001-01-01").unwrap().lower(),
            Err(DateBoundError::OutOfRange)
        );
        assert_eq!(
            DateBound::parse("-9999-01-01T00:00:00Z"),
            Err(DateBoundError::Malformed)
        );
    }

    #[test]
    fn space_for_t_leap_seconds_and_unencoded_plus() {
        assert_eq!(
            DateBound::parse("2026-03-01 10:00:00Z").unwrap(),
            DateBound::parse("2026-03-01T10:00:00Z").unwrap()
        );
        let leap = DateBound::parse("2016-12-31T23:59:60Z").unwrap();
        assert_eq!(leap.lower().unwrap(), "2016-12-31T23:59:59.999999Z");
        assert_eq!(
            leap.upper_exclusive().unwrap(),
            "2017-01-01T00:00:00.000000Z"
        );
        assert_eq!(
            DateBound::parse("2026-03-01T12:59:60Z"),
            Err(DateBoundError::Malformed)
        );
        assert_eq!(
            DateBound::parse("2026-03-01T10:00:00 01:00"),
            Err(DateBoundError::UnencodedPlus)
        );
    }
}
