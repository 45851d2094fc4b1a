//! Identifiers and validated values, checked the same way in the app and in the API.
//!
//! Each type is a newtype with `parse(&str) -> Result<Self, IdentError>`. Parsing trims
//! surrounding whitespace (including the no-break space that copying from web pages brings
//! along) and does no other normalisation unless the type's documentation says so. A
//! rejection carries an [`ErrorCode`] that says what is wrong and, through
//! [`crate::messages::message`], what is expected. Blank input is always
//! [`ErrorCode::Required`].
//!
//! Digits are ASCII digits only: fullwidth or Arabic-Indic digits look like digits on screen
//! but no register stores them, so they are rejected as "not digits".
//!
//! Sources for the formats are in `shared/research/domain.md` §8 and its Leitweg-ID addendum;
//! where a rule is an inference from examples, the type says so.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::land::Land;
use crate::messages::{ErrorCode, Lang};

/// Why an identifier or value was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdentError {
    code: ErrorCode,
}

impl IdentError {
    /// An error with `code`.
    pub const fn new(code: ErrorCode) -> Self {
        IdentError { code }
    }

    /// The error code.
    pub const fn code(self) -> ErrorCode {
        self.code
    }

    /// The user-facing message in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        crate::messages::message(self.code, lang)
    }
}

impl fmt::Display for IdentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl std::error::Error for IdentError {}

impl From<IdentError> for ErrorCode {
    fn from(e: IdentError) -> Self {
        e.code
    }
}

fn err<T>(code: ErrorCode) -> Result<T, IdentError> {
    Err(IdentError::new(code))
}

/// Trims and rejects blank input.
fn trimmed(input: &str) -> Result<&str, IdentError> {
    let s = input.trim();
    if s.is_empty() {
        err(ErrorCode::Required)
    } else {
        Ok(s)
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The common impls of a string newtype: `as_str`, `Display`, `AsRef<str>`, `FromStr`, and
/// serde as a plain string that is validated on the way in.
macro_rules! string_newtype {
    ($t:ident) => {
        impl $t {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $t {
            type Err = IdentError;
            fn from_str(s: &str) -> Result<Self, IdentError> {
                $t::parse(s)
            }
        }

        impl TryFrom<String> for $t {
            type Error = IdentError;
            fn try_from(s: String) -> Result<Self, IdentError> {
                $t::parse(&s)
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    };
}

// ── AGS / ARS ────────────────────────────────────────────────────────────────────────────

/// Amtlicher Gemeindeschlüssel: 8 digits, Land (2) + Regierungsbezirk (1) + Kreis (2) +
/// Gemeinde (3), Land 01–16.
///
/// Whether the AGS exists is a question for the registry, checked in request validation.
/// A Kreis-level authority uses the Kreis key + `000` (LK Starnberg 09188000).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ags(String);
string_newtype!(Ags);

impl Ags {
    /// Parses an AGS.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if !all_digits(s) {
            return err(ErrorCode::AgsNotDigits);
        }
        if s.len() != 8 {
            return err(ErrorCode::AgsWrongLength);
        }
        if Land::from_key_prefix(s).is_none() {
            return err(ErrorCode::AgsUnknownLand);
        }
        Ok(Ags(s.to_string()))
    }

    /// The Land (first two digits).
    pub fn land(&self) -> Land {
        // Checked in `parse`; Bayern is never reached but keeps this total without a panic.
        Land::from_key_prefix(&self.0).unwrap_or(Land::Bayern)
    }

    /// The 5-digit Kreis key.
    pub fn kreis_key(&self) -> &str {
        self.0.get(0..5).unwrap_or_default()
    }
}

/// Amtlicher Regionalschlüssel: 12 digits, Land (2) + Regierungsbezirk (1) + Kreis (2) +
/// Gemeindeverband (4) + Gemeinde (3), Land 01–16.
///
/// The AGS is ARS[0..5] + ARS[9..12] (see [`Ars::ags`]); the reverse needs the Verband
/// digits, so it needs the registry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ars(String);
string_newtype!(Ars);

impl Ars {
    /// Parses an ARS.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if !all_digits(s) {
            return err(ErrorCode::ArsNotDigits);
        }
        if s.len() != 12 {
            return err(ErrorCode::ArsWrongLength);
        }
        if Land::from_key_prefix(s).is_none() {
            return err(ErrorCode::ArsUnknownLand);
        }
        Ok(Ars(s.to_string()))
    }

    /// The Land (first two digits).
    pub fn land(&self) -> Land {
        Land::from_key_prefix(&self.0).unwrap_or(Land::Bayern)
    }

    /// The AGS contained in this ARS: digits 1–5 and 10–12.
    pub fn ags(&self) -> Ags {
        let mut ags = String::with_capacity(8);
        ags.push_str(self.0.get(0..5).unwrap_or_default());
        ags.push_str(self.0.get(9..12).unwrap_or_default());
        Ags(ags)
    }

    /// The 9-digit key of the Gemeindeverband.
    pub fn verband_key(&self) -> &str {
        self.0.get(0..9).unwrap_or_default()
    }

    /// The 5-digit Kreis key.
    pub fn kreis_key(&self) -> &str {
        self.0.get(0..5).unwrap_or_default()
    }

    /// Whether `ags` is the AGS contained in this ARS.
    pub fn matches_ags(&self, ags: &Ags) -> bool {
        self.0.get(0..5) == ags.0.get(0..5) && self.0.get(9..12) == ags.0.get(5..8)
    }
}

// ── Leika ────────────────────────────────────────────────────────────────────────────────

/// Leika-Schlüssel (Leistungsschlüssel): 14 digits.
///
/// All keys seen in the sources start with `99`; others are accepted, and
/// [`LeikaKey::has_known_prefix`] lets a caller warn about them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LeikaKey(String);
string_newtype!(LeikaKey);

impl LeikaKey {
    /// Parses a Leika key.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if !all_digits(s) {
            return err(ErrorCode::LeikaNotDigits);
        }
        if s.len() != 14 {
            return err(ErrorCode::LeikaWrongLength);
        }
        Ok(LeikaKey(s.to_string()))
    }

    /// Whether the key starts with `99`, as every key in the sources does.
    pub fn has_known_prefix(&self) -> bool {
        self.0.starts_with("99")
    }

    /// The form FIT-Connect uses as service type: `urn:de:fim:leika:leistung:<key>`.
    pub fn urn(&self) -> String {
        format!("urn:de:fim:leika:leistung:{}", self.0)
    }
}

// ── FIT-Connect ──────────────────────────────────────────────────────────────────────────

/// FIT-Connect destination ID: a UUID in the RFC 4122 textual form
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex digits in either case).
///
/// Normalisation: stored in lower case, the form RFC 4122 prescribes for output, so that the
/// same ID typed in two cases compares equal. Braces and `urn:uuid:` prefixes are not
/// accepted, because the FIT-Connect portal shows the plain form. Version and variant bits
/// are not checked: the sources only say "UUID". The nil UUID is rejected as a placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DestinationId(String);
string_newtype!(DestinationId);

impl DestinationId {
    /// Parses a destination ID.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        let bytes = s.as_bytes();
        if bytes.len() != 36 {
            return err(ErrorCode::DestinationIdInvalid);
        }
        for (i, b) in bytes.iter().enumerate() {
            let ok = match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            };
            if !ok {
                return err(ErrorCode::DestinationIdInvalid);
            }
        }
        if bytes.iter().all(|b| *b == b'0' || *b == b'-') {
            return err(ErrorCode::DestinationIdNil);
        }
        Ok(DestinationId(s.to_ascii_lowercase()))
    }
}

// ── DVDV ─────────────────────────────────────────────────────────────────────────────────

/// The categories of DVDV Organisationsschlüssel whose exact form the sources describe
/// (domain.md §8). Keys of other categories exist (the sources name none for Einbürgerung
/// or UVO, which are delivered over OSCI too), so [`DvdvKey`] accepts them in the general
/// form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DvdvCategory {
    /// Wohngeld: `wgb` + 12 digits, e.g. `wgb010540880000`. That the 12 digits are AGS (8) +
    /// laufende Nummer (2) + Umgebung (2) is an inference from the example.
    Wgb,
    /// Fahrtenschreiber: `feb:` + AGS (8) + laufende Nummer (2) + Umgebung (2, `00`
    /// production, `99` test).
    Feb,
    /// Fahrtenschreiber, like [`DvdvCategory::Feb`].
    Tpg,
    /// Fahrtenschreiber, like [`DvdvCategory::Feb`].
    Fss,
    /// Bauaufsicht NRW: `bab:` + AGS (8), e.g. `bab:05111000`.
    Bab,
}

impl DvdvCategory {
    /// Every known category.
    pub const ALL: [DvdvCategory; 5] = [
        DvdvCategory::Wgb,
        DvdvCategory::Feb,
        DvdvCategory::Tpg,
        DvdvCategory::Fss,
        DvdvCategory::Bab,
    ];

    /// The letters that start a key of this category.
    pub fn prefix(self) -> &'static str {
        match self {
            DvdvCategory::Wgb => "wgb",
            DvdvCategory::Feb => "feb",
            DvdvCategory::Tpg => "tpg",
            DvdvCategory::Fss => "fss",
            DvdvCategory::Bab => "bab",
        }
    }

    /// Whether this is one of the Fahrtenschreiber categories.
    pub fn is_fahrtenschreiber(self) -> bool {
        matches!(
            self,
            DvdvCategory::Feb | DvdvCategory::Tpg | DvdvCategory::Fss
        )
    }
}

/// A DVDV Organisationsschlüssel: category letters, then the AGS-based digits.
///
/// Normalisation: the category letters are stored in lower case (the sources write them so).
/// A key of one of the five categories the sources describe must have that category's
/// exact form, and gets that category's format message otherwise. Any other category is
/// accepted in the general form the sources describe, "category prefix + AGS-based
/// digits": 2 to 8 letters, an optional colon and 8 to 14 digits (the bounds are an
/// inference: every category seen has 3 letters, every key 8 or 12 digits; an AGS has 8).
/// Whether a category fits the service is not a question of form; request validation
/// warns about it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DvdvKey(String);
string_newtype!(DvdvKey);

impl DvdvKey {
    /// Parses a DVDV Organisationsschlüssel.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (prefix, rest) = s.split_at(letters);
        let prefix = prefix.to_ascii_lowercase();
        let Some(category) = DvdvCategory::ALL.into_iter().find(|c| c.prefix() == prefix) else {
            let digits = rest.strip_prefix(':').unwrap_or(rest);
            if !((2..=8).contains(&prefix.len())
                && (8..=14).contains(&digits.len())
                && all_digits(digits))
            {
                return err(ErrorCode::DvdvFormat);
            }
            return Ok(DvdvKey(format!("{prefix}{rest}")));
        };
        match category {
            DvdvCategory::Wgb => {
                if !(rest.len() == 12 && all_digits(rest)) {
                    return err(ErrorCode::DvdvWgbFormat);
                }
            }
            DvdvCategory::Feb | DvdvCategory::Tpg | DvdvCategory::Fss => {
                let digits = rest.strip_prefix(':').unwrap_or("");
                if !(digits.len() == 12 && all_digits(digits)) {
                    return err(ErrorCode::DvdvFahrtenschreiberFormat);
                }
                let environment = digits.get(10..12).unwrap_or_default();
                if environment != "00" && environment != "99" {
                    return err(ErrorCode::DvdvEnvironment);
                }
            }
            DvdvCategory::Bab => {
                let digits = rest.strip_prefix(':').unwrap_or("");
                if !(digits.len() == 8 && all_digits(digits)) {
                    return err(ErrorCode::DvdvBabFormat);
                }
            }
        }
        Ok(DvdvKey(format!("{prefix}{rest}")))
    }

    /// The category letters, in lower case (`wgb`, `bab`, `sta`, …).
    pub fn category_code(&self) -> &str {
        let letters = self.0.bytes().take_while(u8::is_ascii_alphabetic).count();
        self.0.get(..letters).unwrap_or_default()
    }

    /// The category, if it is one whose form the sources describe.
    pub fn category(&self) -> Option<DvdvCategory> {
        let code = self.category_code();
        DvdvCategory::ALL.into_iter().find(|c| c.prefix() == code)
    }

    /// The eight AGS digits inside the key (after the category and its colon).
    pub fn ags_digits(&self) -> &str {
        let digits = self
            .0
            .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == ':');
        digits.get(0..8).unwrap_or_default()
    }

    /// For Fahrtenschreiber keys: whether the environment digits say "test" (`99`).
    pub fn is_test_environment(&self) -> bool {
        self.category()
            .is_some_and(DvdvCategory::is_fahrtenschreiber)
            && self.0.ends_with("99")
    }
}

// ── PVOG ─────────────────────────────────────────────────────────────────────────────────

/// OE-ID of an Organisationseinheit in a Landesredaktionssystem / the PVOG.
///
/// Accepted pattern: `^L\d{6}\.OE\.\d{1,20}$`, e.g. `L100012.OE.225060530`. This is an
/// inference from the one example in the sources (the `L` + 6 digits part also appears in
/// Hessen's Leistung IDs such as `L100002_…`), so it is deliberately narrow; the OE-ID is
/// optional in a request. Case-sensitive, as in the example.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PvogOeId(String);
string_newtype!(PvogOeId);

impl PvogOeId {
    /// Parses an OE-ID.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        let ok = s
            .strip_prefix('L')
            .and_then(|r| r.split_once(".OE."))
            .is_some_and(|(system, number)| {
                system.len() == 6 && all_digits(system) && number.len() <= 20 && all_digits(number)
            });
        if ok {
            Ok(PvogOeId(s.to_string()))
        } else {
            err(ErrorCode::PvogOeIdInvalid)
        }
    }

    /// The Redaktionssystem part, e.g. `L100012`.
    pub fn system(&self) -> &str {
        self.0
            .split_once(".OE.")
            .map(|(s, _)| s)
            .unwrap_or_default()
    }
}

// ── Leitweg-ID ───────────────────────────────────────────────────────────────────────────

/// Leitweg-ID (e-invoicing address): Grobadressierung (2–12 digits), optional
/// Feinadressierung (1–30 letters or digits), and 2 check digits, joined by hyphens, e.g.
/// `04011000-1234512345-06`. The check digits follow ISO/IEC 7064 MOD 97-10 (letters count
/// A=10 … Z=35; the whole ID without hyphens, read as a number, is 1 modulo 97).
///
/// Normalisation: letters of the Feinadressierung are stored in upper case; the check
/// treats both cases alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LeitwegId(String);
string_newtype!(LeitwegId);

impl LeitwegId {
    /// Parses a Leitweg-ID and verifies its check digits.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        let mut parts = s.split('-');
        let grob = parts.next().unwrap_or_default();
        let (fein, check) = match (parts.next(), parts.next(), parts.next()) {
            (Some(check), None, None) => (None, check),
            (Some(fein), Some(check), None) => (Some(fein), check),
            _ => return err(ErrorCode::LeitwegFormat),
        };
        let grob_ok = (2..=12).contains(&grob.len()) && all_digits(grob);
        let fein_ok = fein.is_none_or(|f| {
            (1..=30).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        let check_ok = check.len() == 2 && all_digits(check);
        if !(grob_ok && fein_ok && check_ok) {
            return err(ErrorCode::LeitwegFormat);
        }
        let fein = fein.map(str::to_ascii_uppercase);
        let mut remainder = mod97(0, grob);
        if let Some(f) = &fein {
            remainder = mod97(remainder, f);
        }
        if mod97(remainder, check) != 1 {
            return err(ErrorCode::LeitwegCheckDigits);
        }
        Ok(LeitwegId(match fein {
            Some(f) => format!("{grob}-{f}-{check}"),
            None => format!("{grob}-{check}"),
        }))
    }

    /// The check digits for a Grobadressierung and optional Feinadressierung, or `None` if
    /// they contain characters other than ASCII letters and digits.
    pub fn check_digits(grob: &str, fein: Option<&str>) -> Option<String> {
        let valid = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
        if !valid(grob) || !fein.is_none_or(valid) {
            return None;
        }
        let mut remainder = mod97(0, grob);
        if let Some(f) = fein {
            remainder = mod97(remainder, &f.to_ascii_uppercase());
        }
        // Appending "00" multiplies by 100; the check value is 98 minus that remainder.
        let check = 98 - (remainder * 100) % 97;
        Some(format!("{check:02}"))
    }
}

/// Continues a MOD 97 remainder over ASCII digits and upper-case letters (A=10 … Z=35).
/// Working digit by digit keeps the numbers small, so IDs of any length never overflow.
fn mod97(mut remainder: u32, s: &str) -> u32 {
    for b in s.bytes() {
        remainder = match b {
            b'0'..=b'9' => (remainder * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (remainder * 100 + u32::from(b - b'A') + 10) % 97,
            b'a'..=b'z' => (remainder * 100 + u32::from(b - b'a') + 10) % 97,
            _ => remainder,
        };
    }
    remainder
}

// ── BKZ ──────────────────────────────────────────────────────────────────────────────────

/// Behördenkennzahl: 4 digits (asked in the Einbürgerung Nachnutzungsanfrage).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bkz(String);
string_newtype!(Bkz);

impl Bkz {
    /// Parses a BKZ.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if s.len() == 4 && all_digits(s) {
            Ok(Bkz(s.to_string()))
        } else {
            err(ErrorCode::BkzInvalid)
        }
    }
}

// ── PLZ ──────────────────────────────────────────────────────────────────────────────────

/// German postcode: 5 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Plz(String);
string_newtype!(Plz);

impl Plz {
    /// Parses a postcode.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if s.len() == 5 && all_digits(s) {
            Ok(Plz(s.to_string()))
        } else {
            err(ErrorCode::PlzInvalid)
        }
    }
}

// ── e-mail ───────────────────────────────────────────────────────────────────────────────

/// E-mail address of a person or a Funktionspostfach.
///
/// Rules: at most 254 characters; local part 1–64 characters from the WHATWG "valid e-mail
/// address" set (`A–Z a–z 0–9 . ! # $ % & ' * + / = ? ^ _ \` { | } ~ -`), no leading,
/// trailing or double dot; domain of at least two labels (internationalised names are
/// allowed and checked in their ASCII form), each 1–63 letters, digits or hyphens, not
/// starting or ending with a hyphen, with a non-numeric last label. No IP literals and no
/// `localhost`: an authority's mailbox has a public domain.
///
/// Written here instead of using the `validator` crate: its check needs `regex` (a large
/// addition to the wasm bundle) and accepts addresses such as `user@localhost` or
/// `user@[127.0.0.1]`, which are wrong for an authority's mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);
string_newtype!(Email);

impl Email {
    /// Parses an e-mail address.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if s.chars().count() > 254 {
            return err(ErrorCode::EmailInvalid);
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return err(ErrorCode::EmailInvalid);
        };
        const LOCAL_SPECIALS: &[u8] = b".!#$%&'*+/=?^_`{|}~-";
        let local_ok = (1..=64).contains(&local.len())
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(&b))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        if local_ok && public_domain(domain) {
            Ok(Email(s.to_string()))
        } else {
            err(ErrorCode::EmailInvalid)
        }
    }

    /// The domain part.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

/// Whether `domain` is a public DNS name: letters (any script), digits, hyphens and dots
/// only, at least two labels of 1–63 characters that neither start nor end with a hyphen,
/// last label not numeric.
///
/// Checked by hand rather than with a URL/IDNA library: that library alone is about 50 KB
/// (brotli) of the browser app. Internationalised labels are accepted when they consist of
/// letters and digits of any script; their punycode form is not computed.
fn public_domain(domain: &str) -> bool {
    // Percent escapes, brackets, a trailing dot (valid DNS, but in a typed address a typo)
    // and anything else outside letters, digits, '-' and '.' are refused.
    if domain.is_empty()
        || domain.ends_with('.')
        || !domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.chars().count()) && !l.starts_with('-') && !l.ends_with('-')
        })
        && labels.last().is_some_and(|tld| !all_digits(tld))
}

// ── host name ────────────────────────────────────────────────────────────────────────────

/// A web site's host name, as an operator needs it to allow embedding a service there
/// (`www.wuerzburg.de`): a public domain name, no scheme, path or port. Kept as typed
/// (trimmed, lower-cased, since DNS names do not distinguish case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HostName(String);
string_newtype!(HostName);

impl HostName {
    /// Parses a host name.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if public_domain(s) {
            Ok(HostName(s.to_lowercase()))
        } else {
            err(ErrorCode::HostNameInvalid)
        }
    }
}

// ── phone ────────────────────────────────────────────────────────────────────────────────

/// Telephone number as written in Germany: digits, spaces and `+ / - ( )`, with `+` only at
/// the start, at least 6 digits, at most 30 characters. Kept as typed (trimmed): the number
/// is for people to dial, and reformatting could lose an extension.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);
string_newtype!(Phone);

impl Phone {
    /// Parses a telephone number.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if s.chars().count() > 30 {
            return err(ErrorCode::TooLong);
        }
        let allowed = s.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '/' | '-' | '(' | ')') || (c == '+' && i == 0)
        });
        if !allowed {
            return err(ErrorCode::PhoneInvalid);
        }
        if s.bytes().filter(u8::is_ascii_digit).count() < 6 {
            return err(ErrorCode::PhoneTooShort);
        }
        Ok(Phone(s.to_string()))
    }
}

// ── URL ──────────────────────────────────────────────────────────────────────────────────

/// Web address: `https://` or `http://`, a public domain name as host (no IP address, no
/// user name or password), at most 2,000 characters. Kept as typed (trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(String);
string_newtype!(WebUrl);

impl WebUrl {
    /// Parses a web address.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if s.chars().count() > 2000 {
            return err(ErrorCode::TooLong);
        }
        let lower = s.get(0..8).unwrap_or(s).to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return err(ErrorCode::UrlScheme);
        }
        // The URL parser drops or escapes whitespace and control characters; a pasted address
        // containing them is broken, so refuse it rather than store a rewritten one.
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return err(ErrorCode::UrlInvalid);
        }
        // scheme "://" authority [path] [?query] [#fragment]; the authority is a public
        // domain name with an optional port, never user name or password.
        let rest = s.split_once("://").map(|(_, r)| r).unwrap_or_default();
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let port_ok = port.is_none_or(|p| {
            !p.is_empty()
                && p.len() <= 5
                && all_digits(p)
                && p.parse::<u32>().is_ok_and(|n| (1..=65_535).contains(&n))
        });
        if authority.contains('@') || !port_ok || !public_domain(host) {
            return err(ErrorCode::UrlInvalid);
        }
        Ok(WebUrl(s.to_string()))
    }
}

// ── dates and timestamps ─────────────────────────────────────────────────────────────────

/// A calendar date `YYYY-MM-DD` between 2000-01-01 and 2100-12-31 (test and go-live dates;
/// the range catches typos such as 0226 or 20226). Because the form is fixed, the text
/// order is the date order, so `Ord` compares dates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoDate(String);
string_newtype!(IsoDate);

impl IsoDate {
    /// Parses a date.
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        match parse_ymd(s) {
            Some((y, _, _)) if (2000..=2100).contains(&y) => Ok(IsoDate(s.to_string())),
            _ => err(ErrorCode::DateInvalid),
        }
    }
}

/// Parses exactly `YYYY-MM-DD` into a real calendar date.
fn parse_ymd(s: &str) -> Option<(i64, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if all_digits(part) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((i64::from(y), m, d))
}

/// An RFC 3339 date-time such as `2026-03-31T14:05:00+02:00` or `2026-03-31T12:05:00.123Z`.
/// The crate has no clock: callers pass the time in. Kept as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp(String);
string_newtype!(Timestamp);

impl Timestamp {
    /// Parses an RFC 3339 date-time (`T` or `t` between date and time, `Z`/`z` or a
    /// numeric offset, optional fraction of a second, leap second 60 allowed).
    pub fn parse(input: &str) -> Result<Self, IdentError> {
        let s = trimmed(input)?;
        if rfc3339_seconds(s).is_some() {
            Ok(Timestamp(s.to_string()))
        } else {
            err(ErrorCode::TimestampInvalid)
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z (fractions dropped), for ordering.
    pub fn unix_seconds(&self) -> i64 {
        rfc3339_seconds(&self.0).unwrap_or_default()
    }
}

fn rfc3339_seconds(s: &str) -> Option<i64> {
    let (y, mo, d) = parse_ymd(s.get(0..10)?)?;
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t'))?;
    let two = |t: &str| -> Option<i64> {
        if t.len() == 2 && all_digits(t) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (h, mi, sec) = (
        two(rest.get(0..2)?)?,
        two(rest.get(3..5)?)?,
        two(rest.get(6..8)?)?,
    );
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut tail = rest.get(8..)?;
    if let Some(frac) = tail.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            return None;
        }
        tail = frac.get(n..)?;
    }
    let offset = match tail {
        "Z" | "z" => 0,
        _ => {
            let sign = match tail.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if tail.len() != 6 || tail.get(3..4)? != ":" {
                return None;
            }
            let (oh, om) = (two(tail.get(1..3)?)?, two(tail.get(4..6)?)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(crate::civil::days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ars_yields_its_ags() {
        let ars = Ars::parse("053820016016").unwrap();
        assert_eq!(ars.ags().as_str(), "05382016");
        assert!(ars.matches_ags(&Ags::parse("05382016").unwrap()));
        assert!(!ars.matches_ags(&Ags::parse("05382017").unwrap()));
        assert_eq!(ars.verband_key(), "053820016");
        assert_eq!(ars.land(), Land::NordrheinWestfalen);
    }

    #[test]
    fn leitweg_check_digits_of_the_worked_example() {
        assert_eq!(
            LeitwegId::check_digits("04011000", Some("1234512345")).as_deref(),
            Some("06")
        );
    }

    #[test]
    fn epoch_seconds() {
        assert_eq!(rfc3339_seconds("1970-01-01T01:00:00+01:00"), Some(0));
    }

    #[test]
    fn dvdv_parts() {
        let k = DvdvKey::parse("FEB:091620000099").unwrap();
        assert_eq!(k.as_str(), "feb:091620000099");
        assert_eq!(k.category(), Some(DvdvCategory::Feb));
        assert_eq!(k.ags_digits(), "09162000");
        assert!(k.is_test_environment());
        assert_eq!(
            DvdvKey::parse("wgb010540880000").unwrap().ags_digits(),
            "01054088"
        );
    }
}
