//! Error and warning codes and the user-facing wording for them, German first, English
//! second.
//!
//! Every rejection in the domain is an [`ErrorCode`]: a stable snake_case string that the
//! API returns in its 422 body and the app turns into text with [`message`]. Because both
//! sides look the text up here, the clerk reads the same sentence in the browser's error
//! summary and in an API answer. Codes are part of the API contract: add new ones, never
//! rename or reuse old ones.
//!
//! A [`FieldWarning`] marks a value that is accepted but deserves a second look, because
//! the catalog cannot confirm it (a DVDV category no source names for the service, an
//! OE-ID unlike the one example in the sources). Warnings never block a submission; their
//! text names the service whose field it is.
//!
//! Wording follows the GOV.UK error-message pattern: say what to do, be specific, give an
//! example of the expected form, address the reader politely ("Geben Sie … ein").
//!
//! Labels for the kinds of registry entries and for contact roles live here too, so that all
//! text a clerk reads comes from one place.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German, the default.
    #[default]
    De,
    /// English.
    En,
}

/// Why a value was rejected. Serialised as a stable snake_case string.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // ── general ──────────────────────────────────────────────────────────────────────
    /// A required value is missing or blank.
    Required,
    /// A text is longer than its field allows.
    TooLong,
    /// A text contains control characters (tabs, escape characters, line breaks in a
    /// single-line field).
    ControlCharacters,
    /// A list has more items than allowed.
    TooManyItems,
    /// The request was written for a schema version this software does not understand.
    SchemaVersionUnsupported,
    /// A declaration that must be confirmed is not.
    DeclarationRequired,
    /// A date is not a real calendar date in the form YYYY-MM-DD (2000–2100).
    DateInvalid,
    /// The go-live date lies before the test date.
    GoLiveBeforeTest,
    /// A timestamp is not an RFC 3339 date-time.
    TimestampInvalid,
    /// The "updated" timestamp lies before the "created" timestamp.
    UpdatedBeforeCreated,

    // ── municipality ─────────────────────────────────────────────────────────────────
    /// The AGS does not have 8 characters.
    AgsWrongLength,
    /// The AGS contains something other than the digits 0–9.
    AgsNotDigits,
    /// The AGS does not start with a Land key 01–16.
    AgsUnknownLand,
    /// No municipality with this AGS is in the registry.
    AgsNotInRegistry,
    /// No Gemeindeverband with this ARS is in the registry (a request that names its
    /// municipality by ARS alone).
    ArsNotInRegistry,
    /// The ARS does not have 12 characters.
    ArsWrongLength,
    /// The ARS contains something other than the digits 0–9.
    ArsNotDigits,
    /// The ARS does not start with a Land key 01–16.
    ArsUnknownLand,
    /// ARS[0..5] + ARS[9..12] is not the AGS.
    ArsAgsMismatch,
    /// The ARS differs from the one the registry has for this AGS.
    ArsRegistryMismatch,
    /// The municipality's name differs from the registry's.
    NameRegistryMismatch,
    /// The Land differs from the one the AGS and the registry give.
    LandRegistryMismatch,
    /// The kind (Stadt, Landkreis, …) differs from the registry's.
    KindRegistryMismatch,
    /// The Kreis name differs from the registry's.
    KreisRegistryMismatch,
    /// A postcode is not 5 digits.
    PlzInvalid,

    // ── identifiers ──────────────────────────────────────────────────────────────────
    /// A Leika key does not have 14 characters.
    LeikaWrongLength,
    /// A Leika key contains something other than digits.
    LeikaNotDigits,
    /// A FIT-Connect destination ID is not a UUID.
    DestinationIdInvalid,
    /// A FIT-Connect destination ID is the nil UUID (all zeros), a placeholder.
    DestinationIdNil,
    /// A DVDV Organisationsschlüssel starts with an unknown category. No longer produced:
    /// every category is accepted now (with a [`WarningCode`] where the catalog names
    /// others); kept because codes are never reused.
    DvdvUnknownCategory,
    /// A Wohngeld key (`wgb`) is not `wgb` + 12 digits.
    DvdvWgbFormat,
    /// A Fahrtenschreiber key (`feb:`, `tpg:`, `fss:`) is not prefix + 12 digits.
    DvdvFahrtenschreiberFormat,
    /// The environment digits of a Fahrtenschreiber key are neither `00` nor `99`.
    DvdvEnvironment,
    /// A Bauaufsicht key (`bab:`) is not `bab:` + 8 digits.
    DvdvBabFormat,
    /// The DVDV category is not one the service uses (per the catalog). No longer
    /// produced: it is [`WarningCode::DvdvCategoryNotNamed`] now; kept because codes are
    /// never reused.
    DvdvCategoryNotAccepted,
    /// A PVOG OE-ID does not have the form `L100012.OE.225060530`. No longer produced by
    /// request validation, which warns instead ([`WarningCode::PvogOeIdUnusual`]), because
    /// the form comes from a single example.
    PvogOeIdInvalid,
    /// A Leitweg-ID does not have the form Grobadressierung-[Feinadressierung-]Prüfziffer.
    LeitwegFormat,
    /// The check digits of a Leitweg-ID are wrong.
    LeitwegCheckDigits,
    /// A Behördenkennzahl is not 4 digits.
    BkzInvalid,
    /// An e-mail address is malformed.
    EmailInvalid,
    /// A phone number contains characters other than digits, spaces, + / - ( ).
    PhoneInvalid,
    /// A phone number has fewer than 6 digits.
    PhoneTooShort,
    /// A web address cannot be read as a URL with a host name.
    UrlInvalid,
    /// A web address does not start with https:// or http://.
    UrlScheme,
    /// A DVDV Organisationsschlüssel of a category other than the five the sources
    /// describe is not letters, an optional colon and 8 to 14 digits.
    DvdvFormat,
    /// A host name for embedding is not a public domain name such as `www.wuerzburg.de`.
    HostNameInvalid,

    // ── services and evidence ────────────────────────────────────────────────────────
    /// No service is selected.
    NoServices,
    /// A service ID is not in the catalog.
    UnknownService,
    /// A service is selected twice.
    DuplicateService,
    /// The catalog entry is not a connectable offer (a pilot or a project).
    ServiceNotConnectable,
    /// The catalog entry is a Land's own service that no source shows offered in the
    /// municipality's Land.
    ServiceNotOfferedInLand,
    /// The chosen channel is not one the service accepts.
    ChannelNotAccepted,
    /// A prerequisite ID is not in the catalog.
    UnknownPrerequisite,
    /// An evidence field ID is not defined for its prerequisite.
    UnknownEvidenceField,
    /// The contract route does not belong to the municipality's Land.
    RouteLandMismatch,
    /// An entry of an area of responsibility is neither a 12-digit ARS nor a 5-digit PLZ.
    AreaEntryInvalid,
    /// An ARS in an area of responsibility is not in the registry.
    AreaNotInRegistry,

    // ── shape of a submitted document (only hand-made or hostile bodies have these) ──
    /// A field that the request format does not have.
    UnknownField,
    /// A value of the wrong JSON type (a number where text is expected, …).
    InvalidType,
    /// A value outside the allowed set (an unknown enum value, …).
    InvalidValue,
    /// The same field given twice in one object.
    DuplicateField,
}

impl ErrorCode {
    /// Every code, in declaration order (for tests and documentation).
    pub const ALL: [ErrorCode; 61] = [
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::ControlCharacters,
        ErrorCode::TooManyItems,
        ErrorCode::SchemaVersionUnsupported,
        ErrorCode::DeclarationRequired,
        ErrorCode::DateInvalid,
        ErrorCode::GoLiveBeforeTest,
        ErrorCode::TimestampInvalid,
        ErrorCode::UpdatedBeforeCreated,
        ErrorCode::AgsWrongLength,
        ErrorCode::AgsNotDigits,
        ErrorCode::AgsUnknownLand,
        ErrorCode::AgsNotInRegistry,
        ErrorCode::ArsNotInRegistry,
        ErrorCode::ArsWrongLength,
        ErrorCode::ArsNotDigits,
        ErrorCode::ArsUnknownLand,
        ErrorCode::ArsAgsMismatch,
        ErrorCode::ArsRegistryMismatch,
        ErrorCode::NameRegistryMismatch,
        ErrorCode::LandRegistryMismatch,
        ErrorCode::KindRegistryMismatch,
        ErrorCode::KreisRegistryMismatch,
        ErrorCode::PlzInvalid,
        ErrorCode::LeikaWrongLength,
        ErrorCode::LeikaNotDigits,
        ErrorCode::DestinationIdInvalid,
        ErrorCode::DestinationIdNil,
        ErrorCode::DvdvUnknownCategory,
        ErrorCode::DvdvWgbFormat,
        ErrorCode::DvdvFahrtenschreiberFormat,
        ErrorCode::DvdvEnvironment,
        ErrorCode::DvdvBabFormat,
        ErrorCode::DvdvCategoryNotAccepted,
        ErrorCode::PvogOeIdInvalid,
        ErrorCode::LeitwegFormat,
        ErrorCode::LeitwegCheckDigits,
        ErrorCode::BkzInvalid,
        ErrorCode::EmailInvalid,
        ErrorCode::PhoneInvalid,
        ErrorCode::PhoneTooShort,
        ErrorCode::UrlInvalid,
        ErrorCode::UrlScheme,
        ErrorCode::DvdvFormat,
        ErrorCode::HostNameInvalid,
        ErrorCode::NoServices,
        ErrorCode::UnknownService,
        ErrorCode::DuplicateService,
        ErrorCode::ServiceNotConnectable,
        ErrorCode::ServiceNotOfferedInLand,
        ErrorCode::ChannelNotAccepted,
        ErrorCode::UnknownPrerequisite,
        ErrorCode::UnknownEvidenceField,
        ErrorCode::RouteLandMismatch,
        ErrorCode::AreaEntryInvalid,
        ErrorCode::AreaNotInRegistry,
        ErrorCode::UnknownField,
        ErrorCode::InvalidType,
        ErrorCode::InvalidValue,
        ErrorCode::DuplicateField,
    ];

    /// The code of its stable string form, as an answer of the API carries it.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The stable string form, as serialised (`"ags_wrong_length"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::TooLong => "too_long",
            ErrorCode::ControlCharacters => "control_characters",
            ErrorCode::TooManyItems => "too_many_items",
            ErrorCode::SchemaVersionUnsupported => "schema_version_unsupported",
            ErrorCode::DeclarationRequired => "declaration_required",
            ErrorCode::DateInvalid => "date_invalid",
            ErrorCode::GoLiveBeforeTest => "go_live_before_test",
            ErrorCode::TimestampInvalid => "timestamp_invalid",
            ErrorCode::UpdatedBeforeCreated => "updated_before_created",
            ErrorCode::AgsWrongLength => "ags_wrong_length",
            ErrorCode::AgsNotDigits => "ags_not_digits",
            ErrorCode::AgsUnknownLand => "ags_unknown_land",
            ErrorCode::AgsNotInRegistry => "ags_not_in_registry",
            ErrorCode::ArsNotInRegistry => "ars_not_in_registry",
            ErrorCode::ArsWrongLength => "ars_wrong_length",
            ErrorCode::ArsNotDigits => "ars_not_digits",
            ErrorCode::ArsUnknownLand => "ars_unknown_land",
            ErrorCode::ArsAgsMismatch => "ars_ags_mismatch",
            ErrorCode::ArsRegistryMismatch => "ars_registry_mismatch",
            ErrorCode::NameRegistryMismatch => "name_registry_mismatch",
            ErrorCode::LandRegistryMismatch => "land_registry_mismatch",
            ErrorCode::KindRegistryMismatch => "kind_registry_mismatch",
            ErrorCode::KreisRegistryMismatch => "kreis_registry_mismatch",
            ErrorCode::PlzInvalid => "plz_invalid",
            ErrorCode::LeikaWrongLength => "leika_wrong_length",
            ErrorCode::LeikaNotDigits => "leika_not_digits",
            ErrorCode::DestinationIdInvalid => "destination_id_invalid",
            ErrorCode::DestinationIdNil => "destination_id_nil",
            ErrorCode::DvdvUnknownCategory => "dvdv_unknown_category",
            ErrorCode::DvdvWgbFormat => "dvdv_wgb_format",
            ErrorCode::DvdvFahrtenschreiberFormat => "dvdv_fahrtenschreiber_format",
            ErrorCode::DvdvEnvironment => "dvdv_environment",
            ErrorCode::DvdvBabFormat => "dvdv_bab_format",
            ErrorCode::DvdvCategoryNotAccepted => "dvdv_category_not_accepted",
            ErrorCode::PvogOeIdInvalid => "pvog_oe_id_invalid",
            ErrorCode::LeitwegFormat => "leitweg_format",
            ErrorCode::LeitwegCheckDigits => "leitweg_check_digits",
            ErrorCode::BkzInvalid => "bkz_invalid",
            ErrorCode::EmailInvalid => "email_invalid",
            ErrorCode::PhoneInvalid => "phone_invalid",
            ErrorCode::PhoneTooShort => "phone_too_short",
            ErrorCode::UrlInvalid => "url_invalid",
            ErrorCode::UrlScheme => "url_scheme",
            ErrorCode::DvdvFormat => "dvdv_format",
            ErrorCode::NoServices => "no_services",
            ErrorCode::UnknownService => "unknown_service",
            ErrorCode::DuplicateService => "duplicate_service",
            ErrorCode::ServiceNotConnectable => "service_not_connectable",
            ErrorCode::ServiceNotOfferedInLand => "service_not_offered_in_land",
            ErrorCode::ChannelNotAccepted => "channel_not_accepted",
            ErrorCode::UnknownPrerequisite => "unknown_prerequisite",
            ErrorCode::UnknownEvidenceField => "unknown_evidence_field",
            ErrorCode::RouteLandMismatch => "route_land_mismatch",
            ErrorCode::AreaEntryInvalid => "area_entry_invalid",
            ErrorCode::AreaNotInRegistry => "area_not_in_registry",
            ErrorCode::HostNameInvalid => "host_name_invalid",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::DuplicateField => "duplicate_field",
        }
    }

    /// The user-facing message in `lang`; the same as [`message`].
    pub fn message(self, lang: Lang) -> &'static str {
        message(self, lang)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The message a clerk reads for `code`.
pub fn message(code: ErrorCode, lang: Lang) -> &'static str {
    let (de, en) = texts(code);
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// German and English text for each code, side by side so that they stay in step.
fn texts(code: ErrorCode) -> (&'static str, &'static str) {
    use ErrorCode as C;
    match code {
        C::Required => ("Füllen Sie dieses Feld aus.", "Fill in this field."),
        C::TooLong => (
            "Kürzen Sie den Text. Namen und kurze Angaben dürfen höchstens 200 Zeichen lang sein, Anmerkungen höchstens 2.000 Zeichen.",
            "Shorten the text. Names and short entries can be at most 200 characters long, notes at most 2,000 characters.",
        ),
        C::ControlCharacters => (
            "Entfernen Sie Steuerzeichen wie Tabulatoren aus dem Text. Zeilenumbrüche sind nur in Anmerkungen erlaubt.",
            "Remove control characters such as tabs from the text. Line breaks are allowed only in notes.",
        ),
        C::TooManyItems => (
            "Die Liste hat zu viele Einträge. Entfernen Sie Einträge, die Sie nicht brauchen.",
            "The list has too many entries. Remove the entries you do not need.",
        ),
        C::SchemaVersionUnsupported => (
            "Dieser Antrag wurde mit einer anderen Version von EfA-Onboarding erstellt und kann nicht gelesen werden. Erstellen Sie den Antrag neu.",
            "This request was created with a different version of EfA-Onboarding and cannot be read. Create the request again.",
        ),
        C::DeclarationRequired => (
            "Bestätigen Sie diese Erklärung, um den Antrag abzusenden.",
            "Confirm this declaration to submit the request.",
        ),
        C::DateInvalid => (
            "Geben Sie ein gültiges Datum im Format JJJJ-MM-TT ein, zum Beispiel 2026-03-31.",
            "Enter a real date in the format YYYY-MM-DD, for example 2026-03-31.",
        ),
        C::GoLiveBeforeTest => (
            "Der Wunschtermin für den Produktivbetrieb muss am oder nach dem Testtermin liegen.",
            "The desired go-live date must be the same as or after the test date.",
        ),
        C::TimestampInvalid => (
            "Der Zeitstempel ist ungültig. Erwartet wird Datum und Uhrzeit nach RFC 3339, zum Beispiel 2026-03-31T14:05:00+02:00.",
            "The timestamp is not valid. Expected is a date and time per RFC 3339, for example 2026-03-31T14:05:00+02:00.",
        ),
        C::UpdatedBeforeCreated => (
            "Der Zeitpunkt der letzten Änderung liegt vor dem Zeitpunkt der Erstellung.",
            "The time of the last change lies before the time of creation.",
        ),
        C::AgsWrongLength => (
            "Geben Sie den Amtlichen Gemeindeschlüssel mit 8 Ziffern ein, zum Beispiel 09663000.",
            "Enter the official municipality key (AGS) with 8 digits, for example 09663000.",
        ),
        C::AgsNotDigits => (
            "Der Amtliche Gemeindeschlüssel darf nur Ziffern enthalten. Geben Sie ihn mit 8 Ziffern ein, zum Beispiel 09663000.",
            "The official municipality key (AGS) can only contain digits. Enter it with 8 digits, for example 09663000.",
        ),
        C::AgsUnknownLand => (
            "Der Amtliche Gemeindeschlüssel muss mit der Kennzahl eines Landes von 01 bis 16 beginnen, zum Beispiel 09 für Bayern.",
            "The official municipality key (AGS) must start with a Land code from 01 to 16, for example 09 for Bavaria.",
        ),
        C::AgsNotInRegistry => (
            "Diesen Amtlichen Gemeindeschlüssel gibt es im Gemeindeverzeichnis nicht. Prüfen Sie die Ziffern oder wählen Sie Ihre Kommune aus der Liste aus.",
            "This official municipality key (AGS) is not in the register of municipalities. Check the digits or choose your municipality from the list.",
        ),
        C::ArsNotInRegistry => (
            "Diesen Amtlichen Regionalschlüssel gibt es im Gemeindeverzeichnis nicht. Wählen Sie Ihre Kommune oder Ihren Gemeindeverband aus der Liste aus.",
            "This official regional key (ARS) is not in the register of municipalities. Choose your municipality or association of municipalities from the list.",
        ),
        C::ArsWrongLength => (
            "Geben Sie den Amtlichen Regionalschlüssel mit 12 Ziffern ein, zum Beispiel 096630000000.",
            "Enter the official regional key (ARS) with 12 digits, for example 096630000000.",
        ),
        C::ArsNotDigits => (
            "Der Amtliche Regionalschlüssel darf nur Ziffern enthalten. Geben Sie ihn mit 12 Ziffern ein, zum Beispiel 096630000000.",
            "The official regional key (ARS) can only contain digits. Enter it with 12 digits, for example 096630000000.",
        ),
        C::ArsUnknownLand => (
            "Der Amtliche Regionalschlüssel muss mit der Kennzahl eines Landes von 01 bis 16 beginnen, zum Beispiel 09 für Bayern.",
            "The official regional key (ARS) must start with a Land code from 01 to 16, for example 09 for Bavaria.",
        ),
        C::ArsAgsMismatch => (
            "Regionalschlüssel und Gemeindeschlüssel passen nicht zusammen: Die Ziffern 1 bis 5 und 10 bis 12 des Regionalschlüssels müssen den Gemeindeschlüssel ergeben.",
            "The regional key (ARS) and the municipality key (AGS) do not match: digits 1 to 5 and 10 to 12 of the ARS must make up the AGS.",
        ),
        C::ArsRegistryMismatch => (
            "Der Amtliche Regionalschlüssel stimmt nicht mit dem Gemeindeverzeichnis überein. Wählen Sie Ihre Kommune erneut aus der Liste aus.",
            "The official regional key (ARS) does not match the register of municipalities. Choose your municipality from the list again.",
        ),
        C::NameRegistryMismatch => (
            "Der Name stimmt nicht mit dem Gemeindeverzeichnis überein. Wählen Sie Ihre Kommune erneut aus der Liste aus.",
            "The name does not match the register of municipalities. Choose your municipality from the list again.",
        ),
        C::LandRegistryMismatch => (
            "Das Land passt nicht zum Amtlichen Gemeindeschlüssel. Wählen Sie Ihre Kommune erneut aus der Liste aus.",
            "The Land does not match the official municipality key (AGS). Choose your municipality from the list again.",
        ),
        C::KindRegistryMismatch => (
            "Die Art der Kommune (zum Beispiel Stadt oder Landkreis) stimmt nicht mit dem Gemeindeverzeichnis überein. Wählen Sie Ihre Kommune erneut aus der Liste aus.",
            "The kind of municipality (for example town or district) does not match the register of municipalities. Choose your municipality from the list again.",
        ),
        C::KreisRegistryMismatch => (
            "Der Kreis stimmt nicht mit dem Gemeindeverzeichnis überein. Wählen Sie Ihre Kommune erneut aus der Liste aus.",
            "The district (Kreis) does not match the register of municipalities. Choose your municipality from the list again.",
        ),
        C::PlzInvalid => (
            "Geben Sie die Postleitzahl mit 5 Ziffern ein, zum Beispiel 97070.",
            "Enter the postcode with 5 digits, for example 97070.",
        ),
        C::LeikaWrongLength => (
            "Geben Sie den Leistungsschlüssel (Leika) mit 14 Ziffern ein, zum Beispiel 99115005104000.",
            "Enter the service key (Leika) with 14 digits, for example 99115005104000.",
        ),
        C::LeikaNotDigits => (
            "Der Leistungsschlüssel (Leika) darf nur Ziffern enthalten. Geben Sie ihn mit 14 Ziffern ein, zum Beispiel 99115005104000.",
            "The service key (Leika) can only contain digits. Enter it with 14 digits, for example 99115005104000.",
        ),
        C::DestinationIdInvalid => (
            "Geben Sie die Destination-ID des FIT-Connect-Zustellpunkts als UUID ein: 32 Hexadezimalzeichen in Gruppen von 8-4-4-4-12, zum Beispiel f81d4fae-7dec-11d0-a765-00a0c91e6bf6.",
            "Enter the destination ID of the FIT-Connect destination as a UUID: 32 hexadecimal characters in groups of 8-4-4-4-12, for example f81d4fae-7dec-11d0-a765-00a0c91e6bf6.",
        ),
        C::DestinationIdNil => (
            "Die Destination-ID besteht nur aus Nullen und ist ein Platzhalter. Geben Sie die Destination-ID Ihres Zustellpunkts aus dem FIT-Connect-Self-Service-Portal ein.",
            "The destination ID consists only of zeros and is a placeholder. Enter the destination ID of your destination from the FIT-Connect self-service portal.",
        ),
        C::DvdvUnknownCategory => (
            "Der DVDV-Organisationsschlüssel beginnt mit einer unbekannten Kategorie. Bekannt sind wgb (Wohngeld), feb:, tpg: und fss: (Fahrtenschreiber) sowie bab: (Bauaufsicht).",
            "The DVDV organisation key starts with an unknown category. Known are wgb (housing benefit), feb:, tpg: and fss: (tachograph) and bab: (building authority).",
        ),
        C::DvdvWgbFormat => (
            "Geben Sie einen DVDV-Organisationsschlüssel der Kategorie wgb als wgb und 12 Ziffern ein, zum Beispiel wgb010540880000.",
            "Enter a DVDV organisation key of the category wgb as wgb followed by 12 digits, for example wgb010540880000.",
        ),
        C::DvdvFahrtenschreiberFormat => (
            "Geben Sie einen DVDV-Organisationsschlüssel der Kategorie feb, tpg oder fss als feb:, tpg: oder fss: und 12 Ziffern ein: Gemeindeschlüssel (8), laufende Nummer (2) und Umgebung (2), zum Beispiel feb:091620000000.",
            "Enter a DVDV organisation key of the category feb, tpg or fss as feb:, tpg: or fss: followed by 12 digits: municipality key (8), serial number (2) and environment (2), for example feb:091620000000.",
        ),
        C::DvdvEnvironment => (
            "Die letzten beiden Ziffern des DVDV-Organisationsschlüssels geben die Umgebung an: 00 für Produktion oder 99 für Test.",
            "The last two digits of the DVDV organisation key give the environment: 00 for production or 99 for test.",
        ),
        C::DvdvBabFormat => (
            "Geben Sie einen DVDV-Organisationsschlüssel der Kategorie bab als bab: und den Gemeindeschlüssel mit 8 Ziffern ein, zum Beispiel bab:05111000.",
            "Enter a DVDV organisation key of the category bab as bab: followed by the 8-digit municipality key, for example bab:05111000.",
        ),
        C::DvdvCategoryNotAccepted => (
            "Dieser DVDV-Organisationsschlüssel gehört zu einer Kategorie, die diese Leistung nicht verwendet. Geben Sie den Schlüssel der Kategorie ein, die für die Leistung angegeben ist, zum Beispiel wgb für Wohngeld.",
            "This DVDV organisation key belongs to a category this service does not use. Enter the key of the category given for the service, for example wgb for housing benefit.",
        ),
        C::PvogOeIdInvalid => (
            "Geben Sie die OE-ID aus dem Redaktionssystem in der Form L, 6 Ziffern, .OE. und Ziffern ein, zum Beispiel L100012.OE.225060530.",
            "Enter the OE-ID from the editorial system in the form L, 6 digits, .OE. and digits, for example L100012.OE.225060530.",
        ),
        C::LeitwegFormat => (
            "Geben Sie die Leitweg-ID in der Form Grobadressierung (2 bis 12 Ziffern), optional Feinadressierung (bis 30 Buchstaben oder Ziffern) und 2 Prüfziffern ein, getrennt durch Bindestriche, zum Beispiel 04011000-1234512345-06.",
            "Enter the Leitweg-ID as coarse address (2 to 12 digits), optionally a fine address (up to 30 letters or digits) and 2 check digits, separated by hyphens, for example 04011000-1234512345-06.",
        ),
        C::LeitwegCheckDigits => (
            "Die Prüfziffern der Leitweg-ID stimmen nicht. Prüfen Sie die Leitweg-ID auf Tippfehler.",
            "The check digits of the Leitweg-ID are wrong. Check the Leitweg-ID for typing errors.",
        ),
        C::BkzInvalid => (
            "Geben Sie die Behördenkennzahl (BKZ) mit 4 Ziffern ein.",
            "Enter the authority code (BKZ) with 4 digits.",
        ),
        C::EmailInvalid => (
            "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel poststelle@gemeinde-beispiel.de.",
            "Enter an email address in the correct format, like poststelle@gemeinde-beispiel.de.",
        ),
        C::PhoneInvalid => (
            "Geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und den Zeichen + / - ( ) ein, zum Beispiel 030 1234567 oder +49 30 1234567.",
            "Enter a telephone number using only digits, spaces and the characters + / - ( ), like 030 1234567 or +49 30 1234567.",
        ),
        C::PhoneTooShort => (
            "Geben Sie die Telefonnummer mit Vorwahl ein, mindestens 6 Ziffern, zum Beispiel 030 1234567.",
            "Enter the telephone number with its area code, at least 6 digits, like 030 1234567.",
        ),
        C::UrlInvalid => (
            "Geben Sie eine vollständige Internetadresse mit Domain ein, zum Beispiel https://www.gemeinde-beispiel.de/datenschutz.",
            "Enter a complete web address with a domain, like https://www.gemeinde-beispiel.de/datenschutz.",
        ),
        C::UrlScheme => (
            "Die Internetadresse muss mit https:// oder http:// beginnen, zum Beispiel https://www.gemeinde-beispiel.de/datenschutz.",
            "The web address must start with https:// or http://, like https://www.gemeinde-beispiel.de/datenschutz.",
        ),
        C::DvdvFormat => (
            "Geben Sie den DVDV-Organisationsschlüssel als Kategorie aus Buchstaben, gegebenenfalls einen Doppelpunkt und 8 bis 14 Ziffern ein, die mit dem Gemeindeschlüssel beginnen, zum Beispiel wgb010540880000 oder bab:05111000.",
            "Enter the DVDV organisation key as a category of letters, a colon where used and 8 to 14 digits starting with the municipality key, for example wgb010540880000 or bab:05111000.",
        ),
        C::HostNameInvalid => (
            "Geben Sie jede Domain ohne https:// und ohne Pfad ein, durch Komma getrennt, zum Beispiel www.wuerzburg.de.",
            "Enter each domain without https:// and without a path, separated by commas, for example www.wuerzburg.de.",
        ),
        C::NoServices => (
            "Wählen Sie mindestens eine Leistung aus.",
            "Select at least one service.",
        ),
        C::UnknownService => (
            "Diese Leistung gibt es im Katalog nicht. Wählen Sie die Leistung erneut aus dem Katalog aus.",
            "This service is not in the catalogue. Select the service from the catalogue again.",
        ),
        C::DuplicateService => (
            "Diese Leistung ist mehrfach ausgewählt. Entfernen Sie die doppelte Auswahl.",
            "This service is selected more than once. Remove the duplicate.",
        ),
        C::ServiceNotConnectable => (
            "Für diesen Katalogeintrag ist kein Anschluss möglich, weil er ein Pilotvorhaben oder ein Projekt ohne bekannten Stand ist. Entfernen Sie ihn aus der Auswahl.",
            "This catalogue entry cannot be connected because it is a pilot or a project whose state is unknown. Remove it from your selection.",
        ),
        C::ServiceNotOfferedInLand => (
            "Die Quellen zeigen diese Leistung nur als Onlinedienst eines anderen Landes; ein Angebot für Ihr Land ist nicht belegt. Entfernen Sie sie aus der Auswahl oder klären Sie das Angebot mit dem Betreiber.",
            "The sources show this service only as an online service of another Land; no offer for your Land is shown. Remove it from your selection or clarify the offer with the operator.",
        ),
        C::ChannelNotAccepted => (
            "Diese Leistung kann über den gewählten Übermittlungsweg nicht zugestellt werden. Wählen Sie einen der angebotenen Übermittlungswege.",
            "This service cannot be delivered through the chosen channel. Choose one of the channels offered.",
        ),
        C::UnknownPrerequisite => (
            "Diese Voraussetzung gibt es im Katalog nicht. Öffnen Sie die Voraussetzungen erneut, damit sie mit dem aktuellen Katalog abgeglichen werden.",
            "This prerequisite is not in the catalogue. Open the prerequisites again so that they are matched with the current catalogue.",
        ),
        C::UnknownEvidenceField => (
            "Dieser Nachweis ist für die Voraussetzung nicht vorgesehen. Prüfen Sie die Voraussetzung erneut.",
            "This evidence is not expected for the prerequisite. Check the prerequisite again.",
        ),
        C::RouteLandMismatch => (
            "Der Vertragsweg gehört zu einem anderen Land als Ihre Kommune. Prüfen Sie die Angaben zur Kommune.",
            "The contract route belongs to a different Land than your municipality. Check the details of your municipality.",
        ),
        C::AreaEntryInvalid => (
            "Geben Sie das Zuständigkeitsgebiet als Amtliche Regionalschlüssel (12 Ziffern) oder Postleitzahlen (5 Ziffern) ein, durch Komma getrennt, zum Beispiel 096790000000 oder 97070, 97072.",
            "Enter the area of responsibility as official regional keys (12 digits) or postcodes (5 digits), separated by commas, for example 096790000000 or 97070, 97072.",
        ),
        C::AreaNotInRegistry => (
            "Ein Regionalschlüssel im Zuständigkeitsgebiet steht nicht im Gemeindeverzeichnis. Prüfen Sie die Ziffern; der Regionalschlüssel Ihrer Kommune steht auf der Seite „Kommune“.",
            "A regional key in the area of responsibility is not in the register of municipalities. Check the digits; your municipality's regional key is shown on the page \"Municipality\".",
        ),
        C::UnknownField => (
            "Dieses Feld ist im Antrag nicht vorgesehen. Entfernen Sie es.",
            "This field is not part of the request. Remove it.",
        ),
        C::InvalidType => (
            "Der Wert hat den falschen Typ, zum Beispiel eine Zahl statt eines Textes.",
            "The value has the wrong type, for example a number instead of a text.",
        ),
        C::InvalidValue => (
            "Dieser Wert ist nicht zulässig. Wählen Sie einen der vorgesehenen Werte.",
            "This value is not allowed. Choose one of the expected values.",
        ),
        C::DuplicateField => (
            "Dieses Feld kommt mehrfach vor. Geben Sie es nur einmal an.",
            "This field occurs more than once. Give it only once.",
        ),
    }
}

/// A rejected value in a request: where it is and why it was rejected.
///
/// `path` names the field in the JSON of the request, with dots for nesting and `[i]` for
/// list positions: `"municipality.ags"`, `"services[2].channel.destination_id"`,
/// `"contacts.vertretung.email"`, `"prerequisites.fit_connect.evidence.destination_id"`.
/// The app puts the error next to the field with that path; the API returns the list as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldError {
    /// The JSON path of the field.
    pub path: String,
    /// Why the value was rejected.
    pub code: ErrorCode,
}

impl FieldError {
    /// An error at `path` with `code`.
    pub fn new(path: impl Into<String>, code: ErrorCode) -> Self {
        FieldError {
            path: path.into(),
            code,
        }
    }

    /// The message for this error in `lang`.
    pub fn message(&self, lang: Lang) -> &'static str {
        message(self.code, lang)
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.code)
    }
}

/// Why an accepted value deserves a second look. Serialised as a stable snake_case string;
/// like [`ErrorCode`], add new codes, never rename or reuse old ones.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// The DVDV key's category is not among those the catalog names for the service.
    DvdvCategoryNotNamed,
    /// No source names a DVDV category for the service, so the key's category cannot be
    /// confirmed.
    DvdvCategoryUnknownForService,
    /// The OE-ID does not have the form of the one example in the sources
    /// (`L100012.OE.225060530`).
    PvogOeIdUnusual,
    /// The route's agency asks for a Leitweg-ID (e-invoicing address) and none is given.
    LeitwegIdMissing,
}

impl WarningCode {
    /// Every code, in declaration order.
    pub const ALL: [WarningCode; 4] = [
        WarningCode::DvdvCategoryNotNamed,
        WarningCode::DvdvCategoryUnknownForService,
        WarningCode::PvogOeIdUnusual,
        WarningCode::LeitwegIdMissing,
    ];

    /// The stable string form, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::DvdvCategoryNotNamed => "dvdv_category_not_named",
            WarningCode::DvdvCategoryUnknownForService => "dvdv_category_unknown_for_service",
            WarningCode::PvogOeIdUnusual => "pvog_oe_id_unusual",
            WarningCode::LeitwegIdMissing => "leitweg_id_missing",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An accepted value that deserves a second look: where it is, why, and for which service.
///
/// `path` is a field path like [`FieldError::path`]. Several warnings may share a path
/// when one value concerns several services (a DVDV key in the prerequisites).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldWarning {
    /// The JSON path of the field.
    pub path: String,
    /// Why the value deserves a second look.
    pub code: WarningCode,
    /// Catalog id of the service whose field it is, or which the value concerns.
    pub service: Option<String>,
    /// What the value has, e.g. the DVDV category `sta`.
    pub found: String,
    /// What the catalog names for the service, e.g. `["wgb"]`; empty when it names
    /// nothing.
    pub expected: Vec<String>,
}

impl FieldWarning {
    /// The message for this warning in `lang`. It names the service by its catalog name
    /// (the id if the catalog does not know it), so the clerk knows whose field it is.
    pub fn message(&self, lang: Lang, catalog: &crate::catalog::Catalog) -> String {
        let service = self.service.as_deref().map(|id| {
            catalog
                .service(id)
                .map_or_else(|| id.to_owned(), |s| s.name.clone())
        });
        let found = &self.found;
        let expected = self.expected.join(", ");
        let text = match (self.code, lang) {
            (WarningCode::DvdvCategoryNotNamed, Lang::De) => format!(
                "Der DVDV-Organisationsschlüssel hat die Kategorie {found}; der Katalog nennt für diese Leistung {expected}. Prüfen Sie den Schlüssel oder klären Sie die Kategorie mit dem Betreiber. Der Antrag kann trotzdem abgesendet werden."
            ),
            (WarningCode::DvdvCategoryNotNamed, Lang::En) => format!(
                "The DVDV organisation key has the category {found}; the catalogue names {expected} for this service. Check the key or clarify the category with the operator. The request can still be submitted."
            ),
            (WarningCode::DvdvCategoryUnknownForService, Lang::De) => format!(
                "Für diese Leistung nennt keine Quelle eine DVDV-Kategorie (unbekannt). Der Schlüssel hat die Kategorie {found}; klären Sie mit dem Betreiber, ob sie stimmt. Der Antrag kann trotzdem abgesendet werden."
            ),
            (WarningCode::DvdvCategoryUnknownForService, Lang::En) => format!(
                "No source names a DVDV category for this service (unknown). The key has the category {found}; check with the operator that it is right. The request can still be submitted."
            ),
            (WarningCode::PvogOeIdUnusual, Lang::De) => {
                "Die OE-ID hat nicht die Form des einzigen bekannten Beispiels (L100012.OE.225060530). Prüfen Sie sie mit Ihrer Landesredaktion. Der Antrag kann trotzdem abgesendet werden.".to_owned()
            }
            (WarningCode::PvogOeIdUnusual, Lang::En) => {
                "The OE-ID does not have the form of the only known example (L100012.OE.225060530). Check it with your Land's editorial office. The request can still be submitted.".to_owned()
            }
            (WarningCode::LeitwegIdMissing, Lang::De) => {
                "Die Registrierung auf dem EfA-Marktplatz fragt die Leitweg-ID für E-Rechnungen ab. Tragen Sie sie ein, wenn Ihre Verwaltung eine hat. Der Antrag kann trotzdem abgesendet werden.".to_owned()
            }
            (WarningCode::LeitwegIdMissing, Lang::En) => {
                "The registration on the EfA-Marktplatz asks for the Leitweg-ID for e-invoices. Enter it if your administration has one. The request can still be submitted.".to_owned()
            }
        };
        match (service, lang) {
            (Some(name), Lang::De) => format!("„{name}“: {text}"),
            (Some(name), Lang::En) => format!("“{name}”: {text}"),
            (None, _) => text,
        }
    }
}

impl std::fmt::Display for FieldWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.code)
    }
}

// ── labels ───────────────────────────────────────────────────────────────────────────────

/// What stands where the AGS would be for a Gemeindeverband, which has none.
pub fn no_ags(lang: Lang) -> &'static str {
    pick(
        "keiner (ein Gemeindeverband hat keinen AGS; maßgeblich ist der ARS)",
        "none (an association of municipalities has no AGS; its ARS identifies it)",
        lang,
    )
}

/// A declaration the clerk confirms before submitting (see `request::Declarations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Declaration {
    Authorised,
    InformationCorrect,
    DataProtection,
}

impl Declaration {
    /// In the order of the form and of the Anschlussantrag.
    pub const ALL: [Declaration; 3] = [
        Declaration::Authorised,
        Declaration::InformationCorrect,
        Declaration::DataProtection,
    ];
}

/// The wording of a declaration. The app's checkbox and the signed PDF use this same text,
/// so the document states exactly what the clerk confirmed.
pub fn declaration_label(d: Declaration, lang: Lang) -> &'static str {
    let (de, en) = match d {
        Declaration::Authorised => (
            "Ich bin berechtigt, die Kommune zu vertreten, oder handle im Auftrag der vertretungsberechtigten Person.",
            "I am authorised to represent the municipality or act on behalf of the authorised representative.",
        ),
        Declaration::InformationCorrect => (
            "Die Angaben sind richtig und vollständig.",
            "The information is correct and complete.",
        ),
        Declaration::DataProtection => (
            "Ich habe zur Kenntnis genommen, dass die Angaben zur Bearbeitung des Anschlusses gespeichert werden.",
            "I acknowledge that the information is stored to process the connection.",
        ),
    };
    pick(de, en, lang)
}

/// The German or the English text, as `lang` asks; each type's `label` uses this.
pub(crate) fn pick(de: &'static str, en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialised_form_is_as_str() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ErrorCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, code);
        }
    }

    /// `ALL` lists every variant: the schema derived from the enum names them all.
    #[test]
    fn all_is_complete() {
        // Documented variants appear as `oneOf` entries with `const` (or `enum`) values.
        fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        match (k.as_str(), v) {
                            ("const", serde_json::Value::String(s)) => out.push(s.clone()),
                            ("enum", serde_json::Value::Array(items)) => out.extend(
                                items.iter().filter_map(|i| i.as_str().map(str::to_string)),
                            ),
                            _ => strings(v, out),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
                _ => {}
            }
        }
        let schema = serde_json::to_value(schemars::schema_for!(ErrorCode)).unwrap();
        let mut derived = Vec::new();
        strings(&schema, &mut derived);
        derived.sort();
        let mut listed: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        listed.sort();
        assert_eq!(listed, derived);
    }

    #[test]
    fn every_code_has_distinct_non_empty_text_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            for lang in [Lang::De, Lang::En] {
                let text = message(code, lang);
                assert!(text.ends_with('.'), "{code} {lang:?}: {text}");
                assert!(seen.insert(text), "duplicate text {text}");
            }
            assert_ne!(message(code, Lang::De), message(code, Lang::En));
        }
    }

    #[test]
    fn field_error_serialises_path_and_code() {
        let e = FieldError::new(
            "services[2].channel.destination_id",
            ErrorCode::DestinationIdInvalid,
        );
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"path":"services[2].channel.destination_id","code":"destination_id_invalid"}"#
        );
    }
}
