//! Wording of the services step: the catalogue search, its filters and the service
//! profiles.

use super::{Lang, plural};

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServicesText {
    CatalogUnavailable,
    ServicesIntro,
    FilterRegion,
    ServiceSearchLabel,
    ServiceSearchHint,
    FilterAll,
    FilterThemenfeld,
    FilterLand,
    FilterChannel,
    FilterResponsible,
    FilterAvailable,
    ServicesFound(usize, usize),
    ServiceListLabel,
    ShowingOf(usize, usize),
    ShowMore(usize),
    ShowProfile,
    FactOzg,
    FactThemenfeld,
    FactProvider,
    FactPlatform,
    FactLeika,
    FactLevels,
    FactChannels,
    FactBasis,
    FactStandard,
    FactAvailBy,
    FactAvailNw,
    FactPrerequisites,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: ServicesText) -> String {
    use ServicesText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        CatalogUnavailable => pick(
            "Der Leistungskatalog ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
            "The service catalogue cannot be reached right now. Please try again later.",
        ),
        ServicesIntro => pick(
            "Wählen Sie die EfA-Leistungen aus, an die Ihre Kommune angeschlossen werden soll. Unter „Steckbrief anzeigen“ finden Sie die Fakten mit Quellen; was keine Quelle nennt, steht dort als „unbekannt“.",
            "Choose the EfA services your municipality wants to connect to. “Show profile” lists the facts with sources; what no source states is shown as “unknown”.",
        ),
        FilterRegion => pick(
            "Leistungen suchen und filtern",
            "Search and filter services",
        ),
        ServiceSearchLabel => pick("Suchbegriff", "Search term"),
        ServiceSearchHint => pick(
            "Zum Beispiel Wohngeld, Baugenehmigung oder ein Leika-Schlüssel",
            "For example Wohngeld, Baugenehmigung or a Leika key",
        ),
        FilterAll => pick("Alle", "All"),
        FilterThemenfeld => pick("Themenfeld", "Topic area"),
        FilterLand => pick("Umsetzendes Land", "Implementing Land"),
        FilterChannel => pick("Anbindungsart", "Connection type"),
        FilterResponsible => pick(
            "Nur Leistungen, für die Kommunen meiner Art zuständig sind",
            "Only services my kind of municipality is responsible for",
        ),
        FilterAvailable => pick(
            "Nur Leistungen mit Nachweis der Verfügbarkeit in meinem Land",
            "Only services with evidence of availability in my Land",
        ),
        ServicesFound(found, selected) => {
            if de {
                format!(
                    "{} gefunden, {} ausgewählt.",
                    plural(found, "Leistung", "Leistungen"),
                    selected
                )
            } else {
                format!(
                    "{} found, {} chosen.",
                    plural(found, "service", "services"),
                    selected
                )
            }
        }
        ServiceListLabel => pick("Leistungen", "Services"),
        ShowingOf(shown, total) => {
            if de {
                format!("{shown} von {total} Leistungen werden angezeigt.")
            } else {
                format!("Showing {shown} of {total} services.")
            }
        }
        ShowMore(n) => {
            if de {
                format!("{n} weitere Leistungen anzeigen")
            } else {
                format!("Show {n} more services")
            }
        }
        ShowProfile => pick("Steckbrief anzeigen", "Show profile"),
        FactOzg => pick("OZG-Leistung", "OZG service"),
        FactThemenfeld => pick("Themenfeld", "Topic area"),
        FactProvider => pick("Federführung / Umsetzung", "Lead / implementation"),
        FactPlatform => pick("Plattform / Betreiber", "Platform / operator"),
        FactLeika => pick("Leika-Schlüssel", "Leika keys"),
        FactLevels => pick("Zuständige Ebene", "Responsible level"),
        FactChannels => pick("Übertragungswege", "Delivery channels"),
        FactBasis => pick("Basisdienste", "Basic components"),
        FactStandard => pick("Datenstandard", "Data standard"),
        FactAvailBy => pick("Verfügbarkeit in Bayern", "Availability in Bavaria"),
        FactAvailNw => pick(
            "Verfügbarkeit in Nordrhein-Westfalen",
            "Availability in North Rhine-Westphalia",
        ),
        FactPrerequisites => pick("Voraussetzungen", "Prerequisites"),
    }
}
