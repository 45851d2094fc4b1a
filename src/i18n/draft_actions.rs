//! Wording of the draft actions (download, load, start again), which several pages
//! offer.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftActionsText {
    DraftTitle,
    ExportDraft,
    Restart,
    RestartQuestion,
    RestartConfirm,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: DraftActionsText) -> String {
    use DraftActionsText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        DraftTitle => pick("Entwurf", "Draft"),
        ExportDraft => pick("Entwurf herunterladen", "Download draft"),
        Restart => pick("Neu beginnen", "Start again"),
        RestartQuestion => pick(
            "Möchten Sie wirklich neu beginnen? Der aktuelle Entwurf wird gelöscht. Laden Sie ihn vorher herunter, wenn Sie ihn behalten möchten.",
            "Do you really want to start again? The current draft will be deleted. Download it first if you want to keep it.",
        ),
        RestartConfirm => pick(
            "Ja, Entwurf löschen und neu beginnen",
            "Yes, delete the draft and start again",
        ),
    }
}
