//! Wording of the page after submitting: the receipt, the next steps and the status
//! link.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmationText {
    ConfirmationTitle,
    NothingSubmitted,
    StatusLinkTitle,
    StatusLinkHint,
    StartNewRequest,
    ConfirmMailTitle,
    ConfirmMailSpam,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: ConfirmationText) -> String {
    use ConfirmationText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        ConfirmationTitle => pick("Antrag gesendet", "Request sent"),
        NothingSubmitted => pick("Noch kein Antrag gesendet", "No request sent yet"),
        StatusLinkTitle => pick("Status verfolgen", "Follow the status"),
        StatusLinkHint => pick(
            "Mit diesem Link sehen Sie den Bearbeitungsstand jederzeit, auch in einem anderen Browser. Bewahren Sie ihn auf; er wird nur einmal angezeigt.",
            "This link shows the status at any time, in any browser. Keep it safe; it is shown only once.",
        ),
        StartNewRequest => pick("Einen weiteren Antrag beginnen", "Start another request"),
        ConfirmMailTitle => pick(
            "Wichtig: Antrag per E-Mail bestätigen",
            "Important: confirm the request by email",
        ),
        ConfirmMailSpam => pick(
            "Keine E-Mail bekommen? Sehen Sie bitte auch im Spam-Ordner des Funktionspostfachs nach.",
            "No email? Please also look in the spam folder of the functional mailbox.",
        ),
    }
}
