//! Wording of the details step: the authority, the delivery channel, the software, the
//! embedding and the dates.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsText {
    DetailsIntro,
    CopyOfficeLabel,
    CopyOfficeChoose,
    CopyOfficeButton,
    CopyOfficeDone,
    CopyOfficeNothingChosen,
    FieldAuthorityName,
    FieldAuthorityKind,
    FieldOeId,
    FieldBkz,
    ChannelLegend,
    ChannelsUnknown,
    ChannelValueFitConnect,
    ChannelValueOsci,
    ChannelValuePdf,
    ChannelValueEmail,
    ChannelHintFitConnect,
    ChannelHintOsci,
    ChannelHintPdf,
    ChannelHintEmail,
    FieldVendor,
    AreaHint,
    VendorContactHint,
    FieldVendorName,
    FieldVendorFunction,
    FieldVendorEmail,
    FieldVendorPhone,
    EmbeddingLegend,
    EmbeddingHint,
    FieldDomains,
    DomainsHint,
    DatesTitle,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: DetailsText) -> String {
    use DetailsText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        DetailsIntro => pick(
            "Geben Sie je Leistung an, welche Stelle zuständig ist und wie die Anträge bei Ihnen ankommen sollen.",
            "For each service, state the responsible office and how applications should reach you.",
        ),
        CopyOfficeLabel => pick("Gleiche Stelle wie bei", "Same office as for"),
        CopyOfficeChoose => pick("– Leistung wählen –", "– choose a service –"),
        CopyOfficeButton => pick("Angaben übernehmen", "Copy the details"),
        CopyOfficeDone => pick(
            "Die Angaben der Stelle wurden übernommen (Name, Anschrift, E-Mail, Telefon, OE-ID, BKZ). Sie können jedes Feld weiter ändern. Übernommen von:",
            "The office's details were copied (name, address, e-mail, phone, OE-ID, BKZ). You can still change every field. Copied from:",
        ),
        CopyOfficeNothingChosen => pick(
            "Bitte wählen Sie zuerst die Leistung, deren Stelle Sie übernehmen möchten.",
            "Please first choose the service whose office you want to copy.",
        ),
        FieldAuthorityName => pick("Name der Stelle", "Name of the office"),
        FieldAuthorityKind => pick("Behördenart", "Kind of authority"),
        FieldOeId => pick(
            "OE-ID aus dem Redaktionssystem (PVOG)",
            "OE-ID from the editorial system (PVOG)",
        ),
        FieldBkz => pick("Behördenkennzahl (BKZ)", "Authority code (BKZ)"),
        ChannelLegend => pick(
            "Wie sollen die Anträge bei Ihnen ankommen?",
            "How should applications reach you?",
        ),
        ChannelsUnknown => pick(
            "Für diese Leistung nennt keine Quelle die möglichen Übertragungswege. Klären Sie den Weg mit dem Betreiber.",
            "No source names the delivery channels of this service. Agree on one with the operator.",
        ),
        ChannelValueFitConnect => pick("FIT-Connect-Destination-ID", "FIT-Connect destination ID"),
        ChannelValueOsci => pick("DVDV-Organisationsschlüssel", "DVDV organisation key"),
        ChannelValuePdf => pick(
            "Funktionspostfach für die Download-Links",
            "Functional mailbox for the download links",
        ),
        ChannelValueEmail => pick(
            "E-Mail-Adresse für die Anträge",
            "Email address for the applications",
        ),
        ChannelHintFitConnect => pick(
            "UUID des Zustellpunkts, z. B. 36141427-d405-40a4-8f8b-3592d544e85b",
            "UUID of the destination, e.g. 36141427-d405-40a4-8f8b-3592d544e85b",
        ),
        ChannelHintOsci => pick(
            "z. B. wgb010540880000 oder bab:05111000",
            "e.g. wgb010540880000 or bab:05111000",
        ),
        ChannelHintPdf => pick("z. B. wohngeld@stadt.de", "e.g. wohngeld@stadt.de"),
        ChannelHintEmail => pick(
            "Unverschlüsselte E-Mail wird nicht empfohlen.",
            "Unencrypted email is not recommended.",
        ),
        FieldVendor => pick("Hersteller des Fachverfahrens", "Vendor of the software"),
        AreaHint => pick(
            "Für welches Gebiet ist die Stelle zuständig? Amtliche Regionalschlüssel (12 Ziffern) oder Postleitzahlen (5 Ziffern), durch Komma getrennt. Vorgeschlagen ist das Gebiet Ihrer Kommune.",
            "Which area is the office responsible for? Official regional keys (12 digits) or postcodes (5 digits), separated by commas. Your municipality's area is suggested.",
        ),
        VendorContactHint => pick(
            "Der Betreiber stimmt die Schnittstelle mit dem Hersteller ab. Name und E-Mail sind nötig, wenn die Anträge in ein Fachverfahren gehen (FIT-Connect, OSCI/XTA).",
            "The operator agrees the interface with the vendor. Name and email are needed when applications go into case-management software (FIT-Connect, OSCI/XTA).",
        ),
        FieldVendorName => pick("Kontakt beim Hersteller: Name", "Vendor contact: name"),
        FieldVendorFunction => pick("Kontakt beim Hersteller: Funktion", "Vendor contact: role"),
        FieldVendorEmail => pick("Kontakt beim Hersteller: E-Mail", "Vendor contact: email"),
        FieldVendorPhone => pick("Kontakt beim Hersteller: Telefon", "Vendor contact: phone"),
        EmbeddingLegend => pick(
            "Wie binden Sie den Onlinedienst ein?",
            "How do you embed the online service?",
        ),
        EmbeddingHint => pick(
            "Bei einem Snippet oder der Extension-API läuft der Dienst auf Ihren Seiten; der Betreiber gibt dafür Ihre Domains frei.",
            "With a snippet or the Extension API the service runs on your pages; the operator allows your domains for it.",
        ),
        FieldDomains => pick("Freizugebende Domains", "Domains to allow"),
        DomainsHint => pick(
            "Ohne https:// und ohne Pfad, durch Komma getrennt, z. B. www.wuerzburg.de, service.wuerzburg.de",
            "Without https:// and without a path, separated by commas, e.g. www.wuerzburg.de, service.wuerzburg.de",
        ),
        DatesTitle => pick("Wunschtermine", "Desired dates"),
    }
}
