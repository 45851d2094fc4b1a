//! Wording of the submit step: the declarations and the sending.

use super::Lang;
use efa_domain::messages::{Declaration, declaration_label};

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitText {
    BackToReview,
    SubmitIntro,
    DeclarationsTitle,
    DeclAuthorised,
    DeclCorrect,
    DeclPrivacy,
    FieldNotes,
    SubmitButton,
    Sending,
    SendAgain,
    SubmitNetworkError,
    SubmitServerError,
    SubmitConflict,
    SubmitRejected,
    DraftIsSafe,
    AlreadySubmitted,
    GoToConfirmation,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: SubmitText) -> String {
    use SubmitText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        BackToReview => pick("Zurück zur Prüfung", "Back to the check page"),
        SubmitIntro => pick(
            "Mit dem Absenden geht Ihr Anschlussantrag an die zuständige Stelle Ihres Landes. Bitte bestätigen Sie dazu die folgenden Erklärungen.",
            "Submitting sends your connection request to your Land's agency. Please confirm the following declarations.",
        ),
        DeclarationsTitle => pick("Erklärungen", "Declarations"),
        // The signed PDF repeats these texts, so they live with the domain's wording.
        DeclAuthorised => declaration_label(Declaration::Authorised, lang).into(),
        DeclCorrect => declaration_label(Declaration::InformationCorrect, lang).into(),
        DeclPrivacy => declaration_label(Declaration::DataProtection, lang).into(),
        FieldNotes => pick(
            "Anmerkungen an die zuständige Stelle",
            "Notes for the agency",
        ),
        SubmitButton => pick("Antrag verbindlich absenden", "Submit the request"),
        Sending => pick("Wird gesendet …", "Sending …"),
        SendAgain => pick("Erneut senden", "Send again"),
        SubmitNetworkError => pick(
            "Der Antrag konnte nicht gesendet werden: Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und senden Sie erneut.",
            "The request could not be sent: the server cannot be reached. Check your connection and send again.",
        ),
        SubmitServerError => pick(
            "Der Antrag konnte nicht gesendet werden: Beim Server ist ein Fehler aufgetreten. Bitte senden Sie in einigen Minuten erneut.",
            "The request could not be sent: the server had a problem. Please send again in a few minutes.",
        ),
        SubmitConflict => pick(
            "Zu diesem Vorgang liegt beim Server bereits ein Antrag mit anderem Inhalt vor. Bitte wenden Sie sich an die zuständige Stelle.",
            "The server already holds a request with different content for this submission. Please contact the agency.",
        ),
        SubmitRejected => pick(
            "Der Server hat den Antrag abgelehnt. Bitte laden Sie den Entwurf herunter und wenden Sie sich an die zuständige Stelle.",
            "The server refused the request. Please download the draft and contact the agency.",
        ),
        DraftIsSafe => pick(
            "Ihre Angaben sind gespeichert und gehen nicht verloren.",
            "Your answers are saved and will not be lost.",
        ),
        AlreadySubmitted => pick(
            "Dieser Antrag wurde bereits gesendet.",
            "This request has already been sent.",
        ),
        GoToConfirmation => pick("Zur Bestätigung", "Go to the confirmation"),
    }
}
