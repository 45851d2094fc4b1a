//! Wording of the page that confirms a request through the mailed link.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmText {
    ConfirmTitle,
    ConfirmDoneTitle,
    ConfirmInvalidTitle,
    ConfirmIncompleteTitle,
    ConfirmIntro,
    ConfirmButton,
    Confirming,
    ConfirmNext,
    ConfirmAlready,
    ConfirmInvalid,
    ConfirmInvalidCopy,
    ConfirmStartAgain,
    ConfirmCodeMissing,
    ConfirmNetworkError,
    ConfirmServerError,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: ConfirmText) -> String {
    use ConfirmText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        ConfirmTitle => pick("Anfrage bestätigen", "Confirm the request"),
        ConfirmDoneTitle => pick("Anfrage bestätigt", "Request confirmed"),
        ConfirmInvalidTitle => pick("Link ungültig oder abgelaufen", "Link invalid or expired"),
        ConfirmIncompleteTitle => pick("Link unvollständig", "Incomplete link"),
        ConfirmIntro => pick(
            "Diesen Link haben Sie per E-Mail an das Funktionspostfach Ihrer Kommune bekommen. Mit der Bestätigung zeigen Sie, dass die Anfrage wirklich von Ihrer Kommune kommt. Erst dann bearbeitet die zuständige Stelle sie.",
            "You received this link by email to your municipality's functional mailbox. Confirming shows that the request really comes from your municipality. Only then will the agency process it.",
        ),
        ConfirmButton => pick("Anfrage bestätigen", "Confirm the request"),
        Confirming => pick("Wird bestätigt …", "Confirming …"),
        ConfirmNext => pick(
            "Den Bearbeitungsstand sehen Sie jederzeit mit dem Status-Link, den Sie nach dem Absenden bekommen haben.",
            "You can follow the status at any time with the status link you received after submitting.",
        ),
        ConfirmAlready => pick(
            "Diese Anfrage ist bereits bestätigt. Sie müssen nichts weiter tun.",
            "This request has already been confirmed. There is nothing more to do.",
        ),
        ConfirmInvalid => pick(
            "Zu diesem Link gibt es keine Anfrage, die noch bestätigt werden kann. Vielleicht ist die Frist abgelaufen: Nicht bestätigte Anfragen werden nach Ablauf der Frist mit allen Angaben gelöscht. Stellen Sie die Anfrage dann bitte neu.",
            "There is no request for this link that can still be confirmed. The deadline may have passed: requests that are not confirmed are deleted with all their details after the deadline. If so, please make the request again.",
        ),
        ConfirmInvalidCopy => pick(
            "Wenn Sie den Link kopiert haben, prüfen Sie, ob er vollständig ist.",
            "If you copied the link, check that it is complete.",
        ),
        ConfirmStartAgain => pick(
            "Zur Startseite, um die Anfrage neu zu stellen",
            "Go to the start page to make the request again",
        ),
        ConfirmCodeMissing => pick(
            "In diesem Link fehlt der Bestätigungscode. Öffnen Sie bitte den Link aus der E-Mail noch einmal. Wenn Sie ihn kopieren, kopieren Sie ihn vollständig bis zum Ende.",
            "The confirmation code is missing from this link. Please open the link from the email again. If you copy it, copy all of it up to the end.",
        ),
        ConfirmNetworkError => pick(
            "Die Anfrage konnte nicht bestätigt werden: Der Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
            "The request could not be confirmed: the server cannot be reached. Check your internet connection and try again.",
        ),
        ConfirmServerError => pick(
            "Die Anfrage konnte nicht bestätigt werden: Der Server ist gerade überlastet oder gestört. Bitte versuchen Sie es in einigen Minuten erneut. Der Link bleibt bis zum Ablauf der Frist gültig.",
            "The request could not be confirmed: the server is busy or has a problem. Please try again in a few minutes. The link stays valid until the deadline.",
        ),
    }
}
