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
    }
}
