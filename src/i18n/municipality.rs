//! Wording of the municipality step: the register search, the chosen municipality, its
//! address and the contacts.

use super::{Lang, plural};

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MunicipalityText {
    NotApplicable,
    MunicipalitySearchLabel,
    MunicipalitySearchHint,
    SuggestionCount(usize),
    RegistryLoading,
    RegistryUnavailable,
    RegistrySource,
    ChosenMunicipality,
    FieldVerband,
    FieldVerbandKey,
    FieldVerbandMembers,
    FieldPopulation,
    FieldPlzSeat,
    ContactsHint,
    FieldPersonName,
    FieldFunction,
    FunktionspostfachHint,
    LeitwegIdHint,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: MunicipalityText) -> String {
    use MunicipalityText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        NotApplicable => pick("entfällt", "not applicable"),
        MunicipalitySearchLabel => pick(
            "Name oder Gemeindeschlüssel Ihrer Kommune",
            "Name or official key of your municipality",
        ),
        MunicipalitySearchHint => pick(
            "Zum Beispiel Würzburg, Landkreis Starnberg oder 09663000. Wählen Sie einen Vorschlag mit den Pfeiltasten und der Eingabetaste.",
            "For example Würzburg, Landkreis Starnberg or 09663000. Choose a suggestion with the arrow keys and Enter.",
        ),
        SuggestionCount(n) => {
            if de {
                if n == 0 {
                    "Keine Vorschläge.".into()
                } else {
                    format!("{} verfügbar.", plural(n, "Vorschlag", "Vorschläge"))
                }
            } else if n == 0 {
                "No suggestions.".into()
            } else {
                format!("{} available.", plural(n, "suggestion", "suggestions"))
            }
        }
        RegistryLoading => pick(
            "Gemeindeverzeichnis wird geladen …",
            "Loading the municipality register …",
        ),
        RegistryUnavailable => pick(
            "Das Gemeindeverzeichnis konnte nicht geladen werden. Bitte laden Sie die Seite neu; Ihre Angaben bleiben erhalten.",
            "The municipality register could not be loaded. Please reload the page; your answers are kept.",
        ),
        RegistrySource => pick(
            "Quelle: Gemeindeverzeichnis GV100AD, Gebietsstand 30.11.2025, © Statistisches Bundesamt (Destatis), 2025, Datenlizenz Deutschland – Namensnennung – Version 2.0.",
            "Source: Gemeindeverzeichnis GV100AD, as of 30 Nov 2025, © Statistisches Bundesamt (Destatis), 2025, Data licence Germany – attribution – version 2.0.",
        ),
        ChosenMunicipality => pick("Gewählte Kommune", "Chosen municipality"),
        FieldVerband => pick("Gemeindeverband", "Association of municipalities"),
        FieldVerbandKey => pick("Verbandsschlüssel", "Association key"),
        FieldVerbandMembers => pick("Mitgliedsgemeinden", "Member municipalities"),
        FieldPopulation => pick("Einwohnerzahl", "Population"),
        FieldPlzSeat => pick(
            "Postleitzahl des Verwaltungssitzes",
            "Postcode of the administrative seat",
        ),
        ContactsHint => pick(
            "Nennen Sie für jede Rolle eine Person. Die Angaben erscheinen im Anschlussantrag.",
            "Name one person for each role. The details appear in the connection request.",
        ),
        FieldPersonName => pick("Vor- und Nachname", "Full name"),
        FieldFunction => pick("Funktion oder Amt", "Function or office"),
        FunktionspostfachHint => pick(
            "Ein Postfach, das nicht an eine Person gebunden ist, zum Beispiel digitalisierung@stadt.de",
            "A mailbox not tied to one person, for example digitalisierung@stadt.de",
        ),
        LeitwegIdHint => pick(
            "Die Registrierung auf dem EfA-Marktplatz fragt sie ab, z. B. 04011000-1234512345-06",
            "The EfA-Marktplatz registration asks for it, e.g. 04011000-1234512345-06",
        ),
    }
}
