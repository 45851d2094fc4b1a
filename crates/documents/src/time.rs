//! Dates and times as the documents print them.
//!
//! The crate has no clock: the caller passes RFC 3339 timestamps. They are printed in German
//! civil time (Europe/Berlin), because the documents are read in German offices: a request
//! generated at `2026-03-31T22:30:00Z` is dated 01.04.2026, 00:30 Uhr, and so is its file
//! name. The calendar and the summer-time rule are the domain's (`efa_domain::civil`).

use efa_domain::civil::{berlin_offset_seconds, civil_from_days};
use efa_domain::ident::Timestamp;

/// A date and time of day in German civil time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Civil {
    /// The German civil time of an RFC 3339 timestamp, `None` if it is not one.
    pub(crate) fn berlin(timestamp: &str) -> Option<Civil> {
        let utc = Timestamp::parse(timestamp).ok()?.unix_seconds();
        Some(Civil::from_unix(utc + berlin_offset_seconds(utc)))
    }

    /// The UTC time of an RFC 3339 timestamp.
    pub(crate) fn utc(timestamp: &str) -> Option<Civil> {
        let utc = Timestamp::parse(timestamp).ok()?.unix_seconds();
        Some(Civil::from_unix(utc))
    }

    fn from_unix(seconds: i64) -> Civil {
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // `rest` is in 0..86_400, so the conversions cannot fail.
        let part = |v: i64| u32::try_from(v).unwrap_or(0);
        Civil {
            year,
            month,
            day,
            hour: part(rest / 3600),
            minute: part(rest % 3600 / 60),
            second: part(rest % 60),
        }
    }

    /// `02.03.2026, 10:30 Uhr`.
    pub(crate) fn german(&self) -> String {
        format!(
            "{:02}.{:02}.{:04}, {:02}:{:02} Uhr",
            self.day, self.month, self.year, self.hour, self.minute
        )
    }

    /// `2026-03-02`.
    pub(crate) fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `D:20260302093000Z`, the PDF date format (for a UTC time).
    pub(crate) fn pdf_utc(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// A timestamp as German civil time (`02.03.2026, 10:30 Uhr`), or as given if it is none
/// (cut to 40 characters, so that it cannot push the fingerprint out of a footer).
pub(crate) fn german_datetime(timestamp: &str) -> String {
    Civil::berlin(timestamp).map_or_else(
        || timestamp.trim().chars().take(40).collect(),
        |c| c.german(),
    )
}

/// A `YYYY-MM-DD` date as `01.06.2026`, or as given if it is none.
pub(crate) fn german_date(date: &str) -> String {
    let d = date.trim();
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        format!("{}.{}.{}", &d[8..10], &d[5..7], &d[0..4])
    } else {
        d.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winter_and_summer_time() {
        assert_eq!(
            german_datetime("2026-03-02T09:30:00Z"),
            "02.03.2026, 10:30 Uhr"
        );
        assert_eq!(
            german_datetime("2026-07-01T09:30:00Z"),
            "01.07.2026, 11:30 Uhr"
        );
        assert_eq!(
            german_datetime("2026-03-02T10:30:00+01:00"),
            "02.03.2026, 10:30 Uhr"
        );
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            german_datetime("2026-03-29T00:59:59Z"),
            "29.03.2026, 01:59 Uhr"
        );
        assert_eq!(
            german_datetime("2026-03-29T01:00:00Z"),
            "29.03.2026, 03:00 Uhr"
        );
        assert_eq!(
            german_datetime("2026-10-25T00:59:59Z"),
            "25.10.2026, 02:59 Uhr"
        );
        assert_eq!(
            german_datetime("2026-10-25T01:00:00Z"),
            "25.10.2026, 02:00 Uhr"
        );
    }

    #[test]
    fn the_date_follows_german_midnight() {
        let c = Civil::berlin("2026-03-31T22:30:00Z").unwrap();
        assert_eq!(c.iso_date(), "2026-04-01");
        assert_eq!(
            Civil::utc("2026-03-31T22:30:00.5Z").unwrap().pdf_utc(),
            "D:20260331223000Z"
        );
    }

    #[test]
    fn anything_else_is_printed_as_given() {
        assert_eq!(german_datetime(" gestern "), "gestern");
        assert_eq!(german_date("2026-06-01"), "01.06.2026");
        assert_eq!(german_date("1.6.2026"), "1.6.2026");
        assert_eq!(german_date(""), "");
    }
}
