//! Wording of the frame around every page: the header, the language switch, the save
//! state and the page for unknown addresses.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShellText {
    ProductName,
    SkipLink,
    LanguageSwitch,
    LanguageSwitchLabel,
    NavOverview,
    NavDrafts,
    Saved(u32, u32),
    Saving,
    SaveFailed,
    NotFoundTitle,
    NotFoundBody,
    /// A page's module could not be fetched (offline, server gone).
    PageNotLoadedTitle,
    PageNotLoadedBody,
    PageNotLoadedRetry,
    PageNotLoadedAgain,
    PageLoading,
    PageNotLoadedOverview,
    DraftReading,
    DraftNotReadTitle,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: ShellText) -> String {
    use ShellText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        ProductName => "EfA-Onboarding".into(),
        SkipLink => pick("Zum Inhalt springen", "Skip to content"),
        LanguageSwitch => pick("English", "Deutsch"),
        LanguageSwitchLabel => pick("Switch to English", "Auf Deutsch umschalten"),
        NavOverview => pick("Überblick", "Overview"),
        NavDrafts => pick("Entwürfe", "Drafts"),
        Saved(h, m) => {
            if de {
                format!("Gespeichert um {h:02}:{m:02} Uhr")
            } else {
                format!("Saved at {h:02}:{m:02}")
            }
        }
        Saving => pick("Wird gespeichert …", "Saving …"),
        SaveFailed => pick(
            "Speichern im Browser nicht möglich. Laden Sie den Entwurf herunter, damit nichts verloren geht.",
            "Cannot save in this browser. Download the draft so nothing is lost.",
        ),
        NotFoundTitle => pick("Seite nicht gefunden", "Page not found"),
        NotFoundBody => pick(
            "Diese Adresse gibt es nicht. Weiter zum",
            "This address does not exist. Go to the",
        ),
        PageNotLoadedTitle => pick(
            "Diese Seite konnte nicht geladen werden",
            "This page could not be loaded",
        ),
        PageNotLoadedBody => pick(
            "Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut. Ihre Angaben bleiben in diesem Browser gespeichert.",
            "Please check your internet connection and try again. Your answers stay saved in this browser.",
        ),
        PageNotLoadedRetry => pick("Erneut versuchen", "Try again"),
        PageNotLoadedAgain => pick(
            "Das Laden ist erneut fehlgeschlagen.",
            "Loading failed again.",
        ),
        PageLoading => pick("Die Seite wird geladen …", "Loading the page …"),
        PageNotLoadedOverview => pick("Zum Überblick", "To the overview"),
        DraftReading => pick("Ihr Entwurf wird geladen …", "Loading your draft …"),
        DraftNotReadTitle => pick(
            "Ihr Entwurf konnte nicht geladen werden",
            "Your draft could not be loaded",
        ),
    }
}
