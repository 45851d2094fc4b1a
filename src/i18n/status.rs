//! Wording of a request's status page.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusText {
    StatusTitle,
    StatusUnreachable,
    StatusNotFound,
    CurrentStatus,
    HistoryTitle,
    StatusUnconfirmed,
    ConfirmationRow,
    ConfirmedValue,
    UnconfirmedValue,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: StatusText) -> String {
    use StatusText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        StatusTitle => pick("Stand Ihres Antrags", "Status of your request"),
        StatusUnreachable => pick(
            "Der Server ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
            "The server cannot be reached right now. Please try again later.",
        ),
        StatusNotFound => pick(
            "Zu diesem Link wurde kein Antrag gefunden. Prüfen Sie, ob Sie den Link vollständig kopiert haben.",
            "No request was found for this link. Check that you copied the whole link.",
        ),
        CurrentStatus => pick("Aktueller Stand", "Current status"),
        HistoryTitle => pick("Verlauf", "History"),
        StatusUnconfirmed => pick(
            "Dieser Antrag ist noch nicht bestätigt. Den Link zum Bestätigen finden Sie in der E-Mail an das Funktionspostfach Ihrer Kommune.",
            "This request has not been confirmed yet. The link to confirm it is in the email to your municipality's functional mailbox.",
        ),
        ConfirmationRow => pick("Bestätigung", "Confirmation"),
        ConfirmedValue => pick("Bestätigt", "Confirmed"),
        UnconfirmedValue => pick("Noch nicht bestätigt", "Not confirmed yet"),
    }
}
