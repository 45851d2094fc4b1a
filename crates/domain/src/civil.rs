//! The civil calendar, once for every crate: day numbers of proleptic Gregorian dates and
//! German civil time (Europe/Berlin) by the EU summer-time rule.
//!
//! No time-zone database is needed, and none has to be shipped or kept current: Central
//! European Time is UTC+1, summer time UTC+2 from the last Sunday of March to the last
//! Sunday of October, 01:00 UTC both times (the EU rule, in force since 1996).

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day number, inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1..=31, 1..=12).
    let small = |v: i64| u32::try_from(v).unwrap_or(1);
    (year, small(month), small(day))
}

/// Day number of the last Sunday of `month`, a month of 31 days (March or October).
fn last_sunday(year: i64, month: u32) -> i64 {
    let last = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
    last - (last + 4).rem_euclid(7)
}

/// Seconds to add to UTC for German civil time at the instant `unix_seconds`: 7,200 in
/// summer time, 3,600 otherwise.
pub fn berlin_offset_seconds(unix_seconds: i64) -> i64 {
    let (year, _, _) = civil_from_days(unix_seconds.div_euclid(86_400));
    let start = last_sunday(year, 3) * 86_400 + 3_600;
    let end = last_sunday(year, 10) * 86_400 + 3_600;
    if (start..end).contains(&unix_seconds) {
        7_200
    } else {
        3_600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000, -1, 0, 1, 11_016, 20_513, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(
            days_from_civil(2024, 2, 29) + 1,
            days_from_civil(2024, 3, 1)
        );
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_utc_on_the_last_sundays() {
        let at = |y, m, d, h: i64| days_from_civil(y, m, d) * 86_400 + h * 3_600;
        // 2026: 29 March and 25 October; 2027: 28 March and 31 October.
        for (year, march, october) in [(2026, 29, 25), (2027, 28, 31)] {
            assert_eq!(berlin_offset_seconds(at(year, 3, march, 1) - 1), 3_600);
            assert_eq!(berlin_offset_seconds(at(year, 3, march, 1)), 7_200);
            assert_eq!(berlin_offset_seconds(at(year, 10, october, 1) - 1), 7_200);
            assert_eq!(berlin_offset_seconds(at(year, 10, october, 1)), 3_600);
        }
        assert_eq!(berlin_offset_seconds(at(2026, 1, 1, 0)), 3_600);
        assert_eq!(berlin_offset_seconds(at(2026, 7, 1, 12)), 7_200);
    }
}
