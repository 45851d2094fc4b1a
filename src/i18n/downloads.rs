//! Wording of the document downloads, which several pages offer.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadsText {
    DownloadRequestJson,
    DownloadRequestJsonDraft,
    DownloadRequestPdf,
    DownloadRequestPdfDraft,
    DownloadOpenItemsPdf,
    DownloadOpenItemsPdfDraft,
    DocumentsFingerprint,
    DocumentBusy,
    DocumentFailed,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: DownloadsText) -> String {
    use DownloadsText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        DownloadRequestJson => pick(
            "Anschlussantrag als JSON herunterladen",
            "Download the connection request as JSON",
        ),
        DownloadRequestJsonDraft => pick(
            "Anschlussantrag (Entwurf) als JSON herunterladen",
            "Download the draft connection request as JSON",
        ),
        DownloadRequestPdf => pick(
            "Anschlussantrag als PDF herunterladen",
            "Download the connection request as PDF",
        ),
        DownloadRequestPdfDraft => pick(
            "Anschlussantrag (Entwurf) als PDF herunterladen",
            "Download the draft connection request as PDF",
        ),
        DownloadOpenItemsPdf => pick(
            "Offene Punkte als PDF herunterladen",
            "Download the open items as PDF",
        ),
        DownloadOpenItemsPdfDraft => pick(
            "Offene Punkte (Entwurf) als PDF herunterladen",
            "Download the draft open items as PDF",
        ),
        DocumentsFingerprint => pick(
            "Alle drei Dokumente tragen denselben Fingerabdruck der Daten:",
            "All three documents carry the same fingerprint of the data:",
        ),
        DocumentBusy => pick("Das Dokument wird erstellt …", "Creating the document …"),
        DocumentFailed => pick(
            "Das Dokument konnte nicht erstellt werden. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut. Ihre Angaben bleiben erhalten.",
            "The document could not be created. Please check your internet connection and try again. Your answers are kept.",
        ),
    }
}
