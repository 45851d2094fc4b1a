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
    QuestionTitle,
    QuestionIntro,
    AnswerLabel,
    AnswerHint,
    AnswerButton,
    AnswerSending,
    AnswerSent,
    AnswerNetworkError,
    AnswerServerError,
    AnswerRefused,
    AnswerKept,
    YourAnswer,
    AmendTitle,
    AmendIntro,
    AmendButton,
    AmendOpening,
    AmendFailed,
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
        QuestionTitle => pick("Rückfrage der Stelle", "Query from the agency"),
        QuestionIntro => pick(
            "Die Stelle, die Ihren Antrag prüft, braucht noch eine Auskunft von Ihnen. Bis Sie antworten, ruht der Antrag.",
            "The agency reviewing your request needs more information from you. The request is on hold until you answer.",
        ),
        AnswerLabel => pick("Ihre Antwort", "Your answer"),
        AnswerHint => pick(
            "Höchstens 2.000 Zeichen, Zeilenumbrüche sind möglich. Die Antwort geht an die Stelle, die Ihren Antrag prüft.",
            "At most 2,000 characters; line breaks are allowed. The answer goes to the agency reviewing your request.",
        ),
        AnswerButton => pick("Antwort senden", "Send answer"),
        AnswerSending => pick("Antwort wird gesendet …", "Sending answer …"),
        AnswerSent => pick(
            "Ihre Antwort wurde gesendet. Die Stelle prüft Ihren Antrag weiter; den Stand sehen Sie auf dieser Seite.",
            "Your answer was sent. The agency continues to review your request; this page shows its status.",
        ),
        AnswerNetworkError => pick(
            "Die Antwort konnte nicht gesendet werden, weil der Server nicht erreichbar ist. Versuchen Sie es bitte gleich noch einmal.",
            "The answer could not be sent because the server cannot be reached. Please try again shortly.",
        ),
        AnswerServerError => pick(
            "Die Antwort konnte gerade nicht gespeichert werden. Versuchen Sie es bitte in einigen Minuten erneut.",
            "The answer could not be saved just now. Please try again in a few minutes.",
        ),
        AnswerRefused => pick(
            "Die Antwort wurde nicht angenommen.",
            "The answer was not accepted.",
        ),
        AnswerKept => pick(
            "Ihr Text steht weiter im Feld, damit nichts verloren geht.",
            "Your text is still in the field, so nothing is lost.",
        ),
        YourAnswer => pick("Ihre Antwort", "Your answer"),
        AmendTitle => pick("Oder: Antrag ergänzen", "Or: amend the request"),
        AmendIntro => pick(
            "Braucht die Stelle geänderte oder zusätzliche Angaben, etwa eine andere Ansprechperson oder eine weitere Leistung? Dann öffnen Sie den Antrag als neue Fassung, ändern Sie, was gefragt ist, und senden Sie ihn erneut. Er behält sein Aktenzeichen.",
            "Does the agency need changed or additional details, such as another contact or one more service? Then open the request as a new version, change what was asked and send it again. It keeps its reference number.",
        ),
        AmendButton => pick("Antrag ergänzen", "Amend request"),
        AmendOpening => pick("Antrag wird geöffnet …", "Opening the request …"),
        AmendFailed => pick(
            "Der Antrag konnte gerade nicht geöffnet werden. Versuchen Sie es bitte gleich noch einmal.",
            "The request could not be opened just now. Please try again shortly.",
        ),
    }
}
