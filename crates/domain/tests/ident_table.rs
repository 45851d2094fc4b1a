//! Table-driven checks of every identifier: valid values, each kind of rejection, and the
//! edge cases (surrounding whitespace, Unicode digits, empty input).

use efa_domain::ident::{
    Ags, Ars, Bkz, DestinationId, DvdvCategory, DvdvKey, Email, IdentError, IsoDate, LeikaKey,
    LeitwegId, Phone, Plz, PvogOeId, Timestamp, WebUrl,
};
use efa_domain::land::Land;
use efa_domain::messages::{ErrorCode as E, Lang};

/// Runs `parse` over `cases`: `Ok(normalised)` or `Err(code)`.
fn check<T: AsRef<str>>(
    parse: fn(&str) -> Result<T, IdentError>,
    cases: &[(&str, Result<&str, E>)],
) {
    for (input, expected) in cases {
        let got = parse(input)
            .map(|v| v.as_ref().to_string())
            .map_err(IdentError::code);
        let expected = expected.map(str::to_string);
        assert_eq!(got, expected, "input {input:?}");
    }
}

#[test]
fn ags() {
    check(
        Ags::parse,
        &[
            ("09663000", Ok("09663000")),
            ("  09663000\t", Ok("09663000")),
            ("\u{a0}05315000\u{a0}", Ok("05315000")), // no-break spaces from a web page
            ("16077052", Ok("16077052")),
            ("01001000", Ok("01001000")),
            ("", Err(E::Required)),
            ("   ", Err(E::Required)),
            ("0966300", Err(E::AgsWrongLength)),
            ("096630000", Err(E::AgsWrongLength)),
            ("0966300a", Err(E::AgsNotDigits)),
            ("0966 3000", Err(E::AgsNotDigits)),
            ("０９６６３０００", Err(E::AgsNotDigits)), // fullwidth digits
            ("٠٩٦٦٣٠٠٠", Err(E::AgsNotDigits)),         // Arabic-Indic digits
            ("-9663000", Err(E::AgsNotDigits)),
            ("00663000", Err(E::AgsUnknownLand)),
            ("17000000", Err(E::AgsUnknownLand)),
            ("99999999", Err(E::AgsUnknownLand)),
        ],
    );
    let a = Ags::parse("09663000").unwrap();
    assert_eq!(a.land(), Land::Bayern);
    assert_eq!(a.kreis_key(), "09663");
}

#[test]
fn ars() {
    check(
        Ars::parse,
        &[
            ("096630000000", Ok("096630000000")),
            (" 053820016016 ", Ok("053820016016")),
            ("120600181181", Ok("120600181181")),
            ("", Err(E::Required)),
            ("09663000", Err(E::ArsWrongLength)),
            ("0966300000000", Err(E::ArsWrongLength)),
            ("09663000000O", Err(E::ArsNotDigits)),
            ("０９６６３００００００", Err(E::ArsNotDigits)),
            ("000000000000", Err(E::ArsUnknownLand)),
            ("170000000000", Err(E::ArsUnknownLand)),
        ],
    );
    let ars = Ars::parse("071315002002").unwrap();
    assert_eq!(ars.ags().as_str(), "07131002");
    assert_eq!(ars.verband_key(), "071315002");
    assert_eq!(ars.kreis_key(), "07131");
    assert!(ars.matches_ags(&Ags::parse("07131002").unwrap()));
    assert!(!ars.matches_ags(&Ags::parse("07131003").unwrap()));
}

#[test]
fn leika() {
    check(
        LeikaKey::parse,
        &[
            ("99115005104000", Ok("99115005104000")),
            (" 99108055001000 ", Ok("99108055001000")),
            ("12345678901234", Ok("12345678901234")), // not starting with 99 is accepted
            ("", Err(E::Required)),
            ("9911500510400", Err(E::LeikaWrongLength)),
            ("991150051040000", Err(E::LeikaWrongLength)),
            ("99115005104OOO", Err(E::LeikaNotDigits)),
            (
                "urn:de:fim:leika:leistung:99115005104000",
                Err(E::LeikaNotDigits),
            ),
        ],
    );
    let k = LeikaKey::parse("99115005104000").unwrap();
    assert!(k.has_known_prefix());
    assert!(
        !LeikaKey::parse("12345678901234")
            .unwrap()
            .has_known_prefix()
    );
    assert_eq!(k.urn(), "urn:de:fim:leika:leistung:99115005104000");
}

#[test]
fn destination_id() {
    check(
        DestinationId::parse,
        &[
            (
                "36141427-d405-40a4-8f8b-3592d544e85b",
                Ok("36141427-d405-40a4-8f8b-3592d544e85b"),
            ),
            (
                "36141427-D405-40A4-8F8B-3592D544E85B",
                Ok("36141427-d405-40a4-8f8b-3592d544e85b"),
            ),
            (
                " f81d4fae-7dec-11d0-a765-00a0c91e6bf6\n",
                Ok("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
            ),
            ("", Err(E::Required)),
            (
                "00000000-0000-0000-0000-000000000000",
                Err(E::DestinationIdNil),
            ),
            (
                "36141427d40540a48f8b3592d544e85b",
                Err(E::DestinationIdInvalid),
            ),
            (
                "{36141427-d405-40a4-8f8b-3592d544e85b}",
                Err(E::DestinationIdInvalid),
            ),
            (
                "urn:uuid:36141427-d405-40a4-8f8b-3592d544e85b",
                Err(E::DestinationIdInvalid),
            ),
            (
                "36141427-d405-40a4-8f8b-3592d544e85",
                Err(E::DestinationIdInvalid),
            ),
            (
                "36141427-d405-40a4-8f8b-3592d544e85g",
                Err(E::DestinationIdInvalid),
            ),
            (
                "36141427-d40-540a4-8f8b-3592d544e85b",
                Err(E::DestinationIdInvalid),
            ),
            (
                "leika:99108008252000:36141427-d405-40a4-8f8b-3592d544e85b",
                Err(E::DestinationIdInvalid),
            ),
            (
                "36141427-d405-40a4-8f8b-3592d544e8５b",
                Err(E::DestinationIdInvalid),
            ),
        ],
    );
}

#[test]
fn dvdv_key() {
    check(
        DvdvKey::parse,
        &[
            ("wgb010540880000", Ok("wgb010540880000")),
            ("WGB010540880000", Ok("wgb010540880000")),
            ("feb:091620000000", Ok("feb:091620000000")),
            ("tpg:091620000199", Ok("tpg:091620000199")),
            ("fss:091620000100", Ok("fss:091620000100")),
            ("bab:05111000", Ok("bab:05111000")),
            (" bab:05111000 ", Ok("bab:05111000")),
            ("", Err(E::Required)),
            // Categories the sources do not describe are accepted in the general form
            // (letters, optional colon, 8 to 14 digits); whether they fit the service is a
            // warning of request validation, not a question of form.
            ("sta051110000000", Ok("sta051110000000")),
            ("STA:05111000", Ok("sta:05111000")),
            ("xyz:05111000", Ok("xyz:05111000")),
            ("ab05111000", Ok("ab05111000")),
            ("abcdefgh:05111000000000", Ok("abcdefgh:05111000000000")),
            ("05111000", Err(E::DvdvFormat)),
            (":05111000", Err(E::DvdvFormat)),
            ("s05111000", Err(E::DvdvFormat)),
            ("abcdefghi:05111000", Err(E::DvdvFormat)),
            ("sta0511100", Err(E::DvdvFormat)),
            ("sta051110000000000", Err(E::DvdvFormat)),
            ("sta::05111000", Err(E::DvdvFormat)),
            ("sta:0511100x", Err(E::DvdvFormat)),
            ("sta 05111000", Err(E::DvdvFormat)),
            ("stä05111000", Err(E::DvdvFormat)),
            ("wgb01054088000", Err(E::DvdvWgbFormat)),
            ("wgb:010540880000", Err(E::DvdvWgbFormat)),
            ("wgb0105408800000", Err(E::DvdvWgbFormat)),
            ("feb091620000000", Err(E::DvdvFahrtenschreiberFormat)),
            ("feb:09162000000", Err(E::DvdvFahrtenschreiberFormat)),
            ("tpg:0916200000x0", Err(E::DvdvFahrtenschreiberFormat)),
            ("feb:091620000012", Err(E::DvdvEnvironment)),
            ("bab05111000", Err(E::DvdvBabFormat)),
            ("bab:0511100", Err(E::DvdvBabFormat)),
            ("bab:051110000", Err(E::DvdvBabFormat)),
        ],
    );
    let k = DvdvKey::parse("bab:05111000").unwrap();
    assert_eq!(k.category(), Some(DvdvCategory::Bab));
    assert_eq!(k.category_code(), "bab");
    let other = DvdvKey::parse("STA:096630000000").unwrap();
    assert_eq!((other.category(), other.category_code()), (None, "sta"));
    assert_eq!(other.ags_digits(), "09663000");
    assert!(!other.is_test_environment());
    assert_eq!(k.ags_digits(), "05111000");
    assert!(!k.is_test_environment());
    assert!(
        DvdvKey::parse("fss:091620000199")
            .unwrap()
            .is_test_environment()
    );
}

#[test]
fn pvog_oe_id() {
    check(
        PvogOeId::parse,
        &[
            ("L100012.OE.225060530", Ok("L100012.OE.225060530")),
            (" L100012.OE.1 ", Ok("L100012.OE.1")),
            ("", Err(E::Required)),
            ("l100012.oe.225060530", Err(E::PvogOeIdInvalid)),
            ("L10012.OE.225060530", Err(E::PvogOeIdInvalid)),
            ("L100012.OE.", Err(E::PvogOeIdInvalid)),
            ("L100012_OE_225060530", Err(E::PvogOeIdInvalid)),
            ("L100012.OE.2250605x0", Err(E::PvogOeIdInvalid)),
            ("L100012.OE.123456789012345678901", Err(E::PvogOeIdInvalid)),
            ("100012.OE.225060530", Err(E::PvogOeIdInvalid)),
        ],
    );
    assert_eq!(
        PvogOeId::parse("L100012.OE.225060530").unwrap().system(),
        "L100012"
    );
}

#[test]
fn leitweg_id() {
    check(
        LeitwegId::parse,
        &[
            ("04011000-1234512345-06", Ok("04011000-1234512345-06")),
            (" 04011000-1234512345-06 ", Ok("04011000-1234512345-06")),
            ("991-33333TEST-33", Ok("991-33333TEST-33")),
            ("991-33333test-33", Ok("991-33333TEST-33")),
            ("04011000-45", Ok("04011000-45")),
            ("12-62", Ok("12-62")),
            (
                "123456789012-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123-03",
                Ok("123456789012-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123-03"),
            ),
            ("", Err(E::Required)),
            ("04011000-1234512345-07", Err(E::LeitwegCheckDigits)),
            ("04011000-1234512354-06", Err(E::LeitwegCheckDigits)),
            ("04011000-46", Err(E::LeitwegCheckDigits)),
            ("040110001234512345-06", Err(E::LeitwegFormat)),
            ("04011000-1234512345", Err(E::LeitwegFormat)),
            ("0401100012345123456", Err(E::LeitwegFormat)),
            ("1-06", Err(E::LeitwegFormat)),
            ("1234567890123-06", Err(E::LeitwegFormat)),
            ("04011000-1234512345-6", Err(E::LeitwegFormat)),
            ("04011000--06", Err(E::LeitwegFormat)),
            ("04011000-12345 12345-06", Err(E::LeitwegFormat)),
            (
                "04011000-ABCDEFGHIJKLMNOPQRSTUVWXYZ01234-06",
                Err(E::LeitwegFormat),
            ),
            ("04011000-1234512345-06-01", Err(E::LeitwegFormat)),
            ("O4011000-1234512345-06", Err(E::LeitwegFormat)),
            ("04011000-12345123ä5-06", Err(E::LeitwegFormat)),
        ],
    );
    assert_eq!(
        LeitwegId::check_digits("04011000", Some("1234512345")).as_deref(),
        Some("06")
    );
    assert_eq!(
        LeitwegId::check_digits("991", Some("33333test")).as_deref(),
        Some("33")
    );
    assert_eq!(
        LeitwegId::check_digits("04011000", None).as_deref(),
        Some("45")
    );
    assert_eq!(LeitwegId::check_digits("0401-1000", None), None);
}

#[test]
fn bkz_and_plz() {
    check(
        Bkz::parse,
        &[
            ("1234", Ok("1234")),
            (" 0042 ", Ok("0042")),
            ("", Err(E::Required)),
            ("123", Err(E::BkzInvalid)),
            ("12345", Err(E::BkzInvalid)),
            ("12a4", Err(E::BkzInvalid)),
            ("１２３４", Err(E::BkzInvalid)),
        ],
    );
    check(
        Plz::parse,
        &[
            ("97070", Ok("97070")),
            (" 01067 ", Ok("01067")),
            ("", Err(E::Required)),
            ("9707", Err(E::PlzInvalid)),
            ("970700", Err(E::PlzInvalid)),
            ("97 070", Err(E::PlzInvalid)),
            ("D-97070", Err(E::PlzInvalid)),
        ],
    );
}

#[test]
fn email() {
    check(
        Email::parse,
        &[
            (
                "poststelle@gemeinde-beispiel.de",
                Ok("poststelle@gemeinde-beispiel.de"),
            ),
            (
                " Max.Mustermann@stadt.example.org ",
                Ok("Max.Mustermann@stadt.example.org"),
            ),
            ("a+tag@sub.domain.de", Ok("a+tag@sub.domain.de")),
            ("o'brien@example.de", Ok("o'brien@example.de")),
            ("info@müller-gemeinde.de", Ok("info@müller-gemeinde.de")),
            ("x@a.bayern", Ok("x@a.bayern")),
            ("", Err(E::Required)),
            ("poststelle", Err(E::EmailInvalid)),
            ("poststelle@", Err(E::EmailInvalid)),
            ("@gemeinde.de", Err(E::EmailInvalid)),
            ("poststelle@localhost", Err(E::EmailInvalid)),
            ("poststelle@[127.0.0.1]", Err(E::EmailInvalid)),
            ("poststelle@127.0.0.1", Err(E::EmailInvalid)),
            ("post stelle@gemeinde.de", Err(E::EmailInvalid)),
            ("poststelle@gemeinde..de", Err(E::EmailInvalid)),
            ("poststelle@-gemeinde.de", Err(E::EmailInvalid)),
            ("poststelle@gemeinde.de.", Err(E::EmailInvalid)),
            (".poststelle@gemeinde.de", Err(E::EmailInvalid)),
            ("post..stelle@gemeinde.de", Err(E::EmailInvalid)),
            ("pöststelle@gemeinde.de", Err(E::EmailInvalid)),
            ("a@b@gemeinde.de", Err(E::EmailInvalid)),
            ("poststelle@gem%65inde.de", Err(E::EmailInvalid)),
            ("poststelle@gemeinde_beispiel.de", Err(E::EmailInvalid)),
            ("<poststelle@gemeinde.de>", Err(E::EmailInvalid)),
        ],
    );
    let long_local = format!("{}@gemeinde.de", "a".repeat(65));
    assert_eq!(
        Email::parse(&long_local).unwrap_err().code(),
        E::EmailInvalid
    );
    let long_label = format!("a@{}.de", "b".repeat(64));
    assert_eq!(
        Email::parse(&long_label).unwrap_err().code(),
        E::EmailInvalid
    );
    assert_eq!(Email::parse("a@b.de").unwrap().domain(), "b.de");
}

#[test]
fn phone() {
    check(
        Phone::parse,
        &[
            ("030 1234567", Ok("030 1234567")),
            ("+49 (30) 123456-78", Ok("+49 (30) 123456-78")),
            ("0931/37-0000", Ok("0931/37-0000")),
            (" 123456 ", Ok("123456")),
            ("", Err(E::Required)),
            ("12345", Err(E::PhoneTooShort)),
            ("+49 30", Err(E::PhoneTooShort)),
            ("030 1234567 Durchwahl 12", Err(E::PhoneInvalid)),
            ("030 1234567+1", Err(E::PhoneInvalid)),
            ("030.1234567", Err(E::PhoneInvalid)),
            ("０３０ １２３４５６７", Err(E::PhoneInvalid)),
            ("030\t1234567", Err(E::PhoneInvalid)),
            ("0123456789012345678901234567890", Err(E::TooLong)),
        ],
    );
}

#[test]
fn web_url() {
    check(
        WebUrl::parse,
        &[
            (
                "https://www.gemeinde-beispiel.de/datenschutz",
                Ok("https://www.gemeinde-beispiel.de/datenschutz"),
            ),
            ("HTTPS://www.beispiel.de", Ok("HTTPS://www.beispiel.de")),
            (
                "http://beispiel.de/a?b=c#d",
                Ok("http://beispiel.de/a?b=c#d"),
            ),
            (" https://www.münchen.de/ ", Ok("https://www.münchen.de/")),
            ("", Err(E::Required)),
            ("www.beispiel.de", Err(E::UrlScheme)),
            ("ftp://beispiel.de", Err(E::UrlScheme)),
            ("javascript:alert(1)", Err(E::UrlScheme)),
            ("mailto:a@b.de", Err(E::UrlScheme)),
            ("https://", Err(E::UrlInvalid)),
            ("https://localhost/x", Err(E::UrlInvalid)),
            ("https://127.0.0.1/x", Err(E::UrlInvalid)),
            ("https://[::1]/x", Err(E::UrlInvalid)),
            ("https://user:pw@beispiel.de/", Err(E::UrlInvalid)),
            ("https://beispiel .de", Err(E::UrlInvalid)),
            ("https://beispiel.de/a b", Err(E::UrlInvalid)),
            ("https://bei_spiel.de", Err(E::UrlInvalid)),
            (
                "https://beispiel.de:8443/x",
                Ok("https://beispiel.de:8443/x"),
            ),
            ("https://beispiel.de:0/", Err(E::UrlInvalid)),
            ("https://beispiel.de:99999/", Err(E::UrlInvalid)),
            ("https://beispiel.de:/", Err(E::UrlInvalid)),
            ("https://user@beispiel.de/", Err(E::UrlInvalid)),
            ("https://-beispiel.de/", Err(E::UrlInvalid)),
            ("https://beispiel.123/", Err(E::UrlInvalid)),
            ("https://beispiel.de?x=1", Ok("https://beispiel.de?x=1")),
            ("https://ex%61mple.de/", Err(E::UrlInvalid)),
        ],
    );
    let long = format!("https://beispiel.de/{}", "a".repeat(2000));
    assert_eq!(WebUrl::parse(&long).unwrap_err().code(), E::TooLong);
}

#[test]
fn dates_and_timestamps() {
    check(
        IsoDate::parse,
        &[
            ("2026-03-31", Ok("2026-03-31")),
            (" 2028-02-29 ", Ok("2028-02-29")),
            ("2000-02-29", Ok("2000-02-29")),
            ("", Err(E::Required)),
            ("2026-02-29", Err(E::DateInvalid)),
            ("2100-02-29", Err(E::DateInvalid)),
            ("2026-13-01", Err(E::DateInvalid)),
            ("2026-04-31", Err(E::DateInvalid)),
            ("2026-00-10", Err(E::DateInvalid)),
            ("31.03.2026", Err(E::DateInvalid)),
            ("2026-3-31", Err(E::DateInvalid)),
            ("1999-12-31", Err(E::DateInvalid)),
            ("2101-01-01", Err(E::DateInvalid)),
            ("20226-03-31", Err(E::DateInvalid)),
            ("２０２６-03-31", Err(E::DateInvalid)),
        ],
    );
    assert!(IsoDate::parse("2026-03-31").unwrap() < IsoDate::parse("2026-04-01").unwrap());
    check(
        Timestamp::parse,
        &[
            ("2026-03-31T14:05:00+02:00", Ok("2026-03-31T14:05:00+02:00")),
            ("2026-03-31T12:05:00Z", Ok("2026-03-31T12:05:00Z")),
            (
                "2026-03-31t12:05:00.123456789z",
                Ok("2026-03-31t12:05:00.123456789z"),
            ),
            ("2016-12-31T23:59:60Z", Ok("2016-12-31T23:59:60Z")),
            ("", Err(E::Required)),
            ("2026-03-31", Err(E::TimestampInvalid)),
            ("2026-03-31 12:05:00Z", Err(E::TimestampInvalid)),
            ("2026-03-31T12:05Z", Err(E::TimestampInvalid)),
            ("2026-03-31T24:00:00Z", Err(E::TimestampInvalid)),
            ("2026-03-31T12:05:00", Err(E::TimestampInvalid)),
            ("2026-03-31T12:05:00+0200", Err(E::TimestampInvalid)),
            ("2026-03-31T12:05:00.Z", Err(E::TimestampInvalid)),
            ("2026-02-30T12:05:00Z", Err(E::TimestampInvalid)),
        ],
    );
    let a = Timestamp::parse("2026-03-31T14:05:00+02:00").unwrap();
    let b = Timestamp::parse("2026-03-31T12:05:00Z").unwrap();
    assert_eq!(a.unix_seconds(), b.unix_seconds());
}

#[test]
fn errors_explain_themselves_in_both_languages() {
    let e = Ags::parse("123").unwrap_err();
    assert_eq!(e.code(), E::AgsWrongLength);
    assert_eq!(
        e.message(Lang::De),
        "Geben Sie den Amtlichen Gemeindeschlüssel mit 8 Ziffern ein, zum Beispiel 09663000."
    );
    assert!(e.to_string().contains("8 digits"));
}

#[test]
fn serde_validates_on_the_way_in() {
    let ags: Ags = serde_json::from_str("\"09663000\"").unwrap();
    assert_eq!(serde_json::to_string(&ags).unwrap(), "\"09663000\"");
    assert!(serde_json::from_str::<Ags>("\"0966300\"").is_err());
    assert!(serde_json::from_str::<LeitwegId>("\"04011000-1234512345-07\"").is_err());
    let id: DestinationId =
        serde_json::from_str("\"F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6\"").unwrap();
    assert_eq!(id.as_str(), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
}
