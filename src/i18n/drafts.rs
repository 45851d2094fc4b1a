//! Wording of the drafts: export, import, restart and the drafts page.

use super::{Lang, plural};

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftsText {
    DraftsTitle,
    DraftsIntro,
    NoDrafts,
    UntitledDraft,
    CurrentDraft,
    DraftMeta(usize),
    LastChanged,
    OpenDraft,
    DeleteDraft,
    DeleteQuestion,
    DeleteConfirm,
    NewDraft,
    ImportLabel,
    ImportHint,
    ImportBroken,
    ImportForeign,
    ImportNewer,
    ImportInvalid,
    ImportQuestion,
    ImportConfirm,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: DraftsText) -> String {
    use DraftsText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        DraftsTitle => pick("Entwürfe", "Drafts"),
        DraftsIntro => pick(
            "Diese Entwürfe sind in diesem Browser gespeichert. Sie können zum Beispiel für jede betreute Kommune einen eigenen Entwurf führen.",
            "These drafts are kept in this browser. You can, for example, keep one draft per municipality you work for.",
        ),
        NoDrafts => pick(
            "In diesem Browser sind keine Entwürfe gespeichert.",
            "No drafts are kept in this browser.",
        ),
        UntitledDraft => pick("Entwurf ohne Kommune", "Draft without a municipality"),
        CurrentDraft => pick("aktuell", "current"),
        DraftMeta(n) => {
            if de {
                plural(n, "Leistung", "Leistungen")
            } else {
                plural(n, "service", "services")
            }
        }
        LastChanged => pick("zuletzt geändert", "last changed"),
        OpenDraft => pick("Öffnen", "Open"),
        DeleteDraft => pick("Löschen", "Delete"),
        DeleteQuestion => pick(
            "Diesen Entwurf wirklich löschen?",
            "Really delete this draft?",
        ),
        DeleteConfirm => pick("Ja, löschen", "Yes, delete"),
        NewDraft => pick("Neuen Entwurf anlegen", "Create a new draft"),
        ImportLabel => pick("Entwurfsdatei auswählen", "Choose a draft file"),
        ImportHint => pick(
            "Eine Datei, die Sie mit „Entwurf herunterladen“ gespeichert haben (JSON). Ihr aktueller Entwurf bleibt erhalten.",
            "A file saved with “Download draft” (JSON). Your current draft is kept.",
        ),
        ImportBroken => pick(
            "Die Datei ist beschädigt oder unvollständig. Wählen Sie die JSON-Datei, die Sie mit „Entwurf herunterladen“ gespeichert haben.",
            "The file is damaged or incomplete. Choose the JSON file saved with “Download draft”.",
        ),
        ImportForeign => pick(
            "Die Datei ist kein Entwurf von EfA-Onboarding. Wählen Sie eine mit „Entwurf herunterladen“ gespeicherte Datei.",
            "The file is not an EfA-Onboarding draft. Choose a file saved with “Download draft”.",
        ),
        ImportNewer => pick(
            "Der Entwurf stammt aus einer neueren Version von EfA-Onboarding und kann hier nicht geöffnet werden.",
            "The draft comes from a newer version of EfA-Onboarding and cannot be opened here.",
        ),
        ImportInvalid => pick(
            "Der Entwurf enthält Angaben, die nicht gelesen werden können. Die Datei wurde vermutlich verändert.",
            "The draft contains data that cannot be read. The file was probably edited.",
        ),
        ImportQuestion => pick("Diesen Entwurf öffnen?", "Open this draft?"),
        ImportConfirm => pick("Entwurf öffnen", "Open draft"),
    }
}
