//! Wording of the start page.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartText {
    Tagline,
    Start,
    StartWhat,
    StartNeedTitle,
    StartNeedMunicipality,
    StartNeedContacts,
    StartNeedTechnical,
    StartDuration,
    StartPrivacy,
    StartResumeTitle,
    StartResumeCurrent,
    StartResumeDrafts,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: StartText) -> String {
    use StartText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        Tagline => pick(
            "Schritt für Schritt zum Anschluss Ihrer Kommune an EfA-Onlinedienste",
            "Connect your municipality to EfA online services, step by step",
        ),
        Start => pick("Starten", "Start"),
        StartWhat => pick(
            "Dieser Assistent führt Sie durch den Anschluss Ihrer Kommune an Onlinedienste nach dem Prinzip „Einer für Alle“ (EfA): Sie wählen Leistungen aus, prüfen die rechtlichen und technischen Voraussetzungen und erstellen einen Anschlussantrag, den Sie herunterladen und an die zuständige Stelle Ihres Landes senden.",
            "This assistant guides you through connecting your municipality to “Einer für Alle” (EfA) online services: choose services, check the legal and technical prerequisites, and create a connection request that you download and send to your Land's agency.",
        ),
        StartNeedTitle => pick("Das sollten Sie bereithalten", "What you need"),
        StartNeedMunicipality => pick(
            "den Namen oder Gemeindeschlüssel Ihrer Kommune",
            "the name or official key of your municipality",
        ),
        StartNeedContacts => pick(
            "Namen und Kontaktdaten: vertretungsberechtigte Person, fachliche und technische Ansprechperson, Funktionspostfach",
            "names and contact details: authorised representative, subject-matter and technical contacts, functional mailbox",
        ),
        StartNeedTechnical => pick(
            "soweit vorhanden: FIT-Connect-Destination-ID oder DVDV-Organisationsschlüssel, OE-ID aus dem Redaktionssystem, Name und Hersteller Ihres Fachverfahrens",
            "if available: FIT-Connect destination ID or DVDV key, OE-ID from the editorial system, name and vendor of your case-management software",
        ),
        StartDuration => pick(
            "Das dauert etwa 20 bis 40 Minuten. Sie können jederzeit unterbrechen und später weitermachen.",
            "This takes about 20 to 40 minutes. You can stop at any time and continue later.",
        ),
        StartPrivacy => pick(
            "Ihre Angaben bleiben in diesem Browser gespeichert, bis Sie den Antrag absenden. Vorher wird nichts übertragen.",
            "Your answers stay in this browser until you submit the request. Nothing is sent before that.",
        ),
        StartResumeTitle => pick("Schon begonnen?", "Already started?"),
        StartResumeCurrent => pick(
            "Mit dem aktuellen Entwurf fortfahren",
            "Continue the current draft",
        ),
        StartResumeDrafts => pick(
            "Gespeicherte Entwürfe anzeigen oder einen Entwurf laden",
            "Show saved drafts or load a draft",
        ),
    }
}
