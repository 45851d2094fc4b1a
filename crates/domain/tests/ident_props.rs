//! Property tests: no parser panics on any input, valid values survive a round trip, and
//! the Leitweg check digits computed for any address validate.

use efa_domain::ident::{
    Ags, Ars, Bkz, DestinationId, DvdvKey, Email, IsoDate, LeikaKey, LeitwegId, Phone, Plz,
    PvogOeId, Timestamp, WebUrl,
};
use proptest::prelude::*;

fn all_parsers(s: &str) {
    let _ = Ags::parse(s);
    let _ = Ars::parse(s);
    let _ = LeikaKey::parse(s);
    let _ = DestinationId::parse(s);
    let _ = DvdvKey::parse(s);
    let _ = PvogOeId::parse(s);
    let _ = LeitwegId::parse(s);
    let _ = Bkz::parse(s);
    let _ = Plz::parse(s);
    let _ = Email::parse(s);
    let _ = Phone::parse(s);
    let _ = WebUrl::parse(s);
    let _ = IsoDate::parse(s);
    let _ = Timestamp::parse(s);
}

proptest! {
    #[test]
    fn no_parser_panics_on_any_string(s in any::<String>()) {
        all_parsers(&s);
    }

    #[test]
    fn no_parser_panics_on_near_misses(
        s in "[0-9a-zA-Z:.@/+()\\- ßäöü\u{a0}\u{ff10}-\u{ff19}]{0,60}",
    ) {
        all_parsers(&s);
    }

    #[test]
    fn ags_and_ars_round_trip(land in 1u8..=16, rest in "[0-9]{6}", verband in "[0-9]{4}") {
        let ags = format!("{land:02}{rest}");
        let parsed = Ags::parse(&format!(" {ags} ")).unwrap();
        prop_assert_eq!(parsed.as_str(), ags.as_str());
        let ars = format!("{land:02}{}{verband}{}", &rest[..3], &rest[3..]);
        let parsed_ars = Ars::parse(&ars).unwrap();
        prop_assert_eq!(parsed_ars.ags(), parsed.clone());
        prop_assert!(parsed_ars.matches_ags(&parsed));
    }

    #[test]
    fn leitweg_check_digits_always_validate(grob in "[0-9]{2,12}", fein in proptest::option::of("[0-9A-Za-z]{1,30}")) {
        let check = LeitwegId::check_digits(&grob, fein.as_deref()).unwrap();
        let id = match &fein {
            Some(f) => format!("{grob}-{f}-{check}"),
            None => format!("{grob}-{check}"),
        };
        let parsed = LeitwegId::parse(&id).unwrap();
        prop_assert_eq!(parsed.as_str(), id.to_ascii_uppercase());
        // Any other pair of check digits fails.
        let wrong = format!("{:02}", (check.parse::<u32>().unwrap() + 1) % 100);
        let bad = match &fein {
            Some(f) => format!("{grob}-{f}-{wrong}"),
            None => format!("{grob}-{wrong}"),
        };
        prop_assert!(LeitwegId::parse(&bad).is_err());
    }

    #[test]
    fn uuids_round_trip_in_lower_case(id in "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}") {
        prop_assume!(id.bytes().any(|b| b != b'0' && b != b'-'));
        let parsed = DestinationId::parse(&id).unwrap();
        prop_assert_eq!(parsed.as_str(), id.to_ascii_lowercase());
        prop_assert_eq!(DestinationId::parse(parsed.as_str()).unwrap(), parsed);
    }

    #[test]
    fn dates_from_a_calendar_are_valid(days in 0i64..36_500) {
        // Walk forward from 2000-01-01 with a simple calendar and check each date parses.
        let (mut y, mut m, mut d) = (2000u32, 1u32, 1u32);
        for _ in 0..days % 400 {
            let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
            let len = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize];
            d += 1;
            if d > len { d = 1; m += 1; }
            if m > 12 { m = 1; y += 1; }
        }
        let y = y + (days / 400) as u32 % 100;
        prop_assume!(!(m == 2 && d == 29));
        let date = format!("{y:04}-{m:02}-{d:02}");
        prop_assert!(IsoDate::parse(&date).is_ok(), "{}", date);
    }
}
