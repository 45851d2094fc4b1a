//! Wording of the contract route summary, which several pages show.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteText {
    RouteTitle,
    RouteRecipient,
    RouteContact,
    WhatHappensNext,
    RecipientIs,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: RouteText) -> String {
    use RouteText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        RouteTitle => pick("Vertragsweg", "Contract route"),
        RouteRecipient => pick("Empfänger des Antrags", "Recipient of the request"),
        RouteContact => pick("Kontakt für Kommunen", "Contact for municipalities"),
        WhatHappensNext => pick("Wie es weitergeht", "What happens next"),
        RecipientIs => pick("Ihr Antrag liegt jetzt bei", "Your request is now with"),
    }
}
