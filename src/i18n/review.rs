//! Wording of the check page and its documents.

use super::{Lang, plural};

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewText {
    WarningsTitle,
    WarningsIntro,
    DataStandardLabel,
    QuestionnaireLabel,
    ReviewIntro,
    ReviewMunicipality,
    ReviewPrerequisites,
    ChangeSelection,
    ChangePrerequisites,
    NoOpenItems,
    OpenItemsHonest(usize),
    /// The same, of a submitted request, for whoever reads it afterwards.
    OpenItemsSubmitted(usize),
    ContinueToSubmit,
    Print,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: ReviewText) -> String {
    use ReviewText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        WarningsTitle => pick("Hinweise zu Ihren Angaben", "Notes on your answers"),
        WarningsIntro => pick(
            "Diese Angaben kann der Leistungskatalog nicht bestätigen. Prüfen Sie sie; der Antrag kann trotzdem abgesendet werden.",
            "The service catalogue cannot confirm these answers. Check them; the request can still be submitted.",
        ),
        DataStandardLabel => pick(
            "Datenaustauschstandard (XÖV)",
            "Data exchange standard (XÖV)",
        ),
        QuestionnaireLabel => pick(
            "Anbindungsweg des Betreibers",
            "The operator's own onboarding form",
        ),
        ReviewIntro => pick(
            "Prüfen Sie Ihre Angaben. Mit „Ändern“ kommen Sie zur Frage und danach hierher zurück.",
            "Check your answers. “Change” takes you to the question and back here afterwards.",
        ),
        ReviewMunicipality => pick("Kommune", "Municipality"),
        ReviewPrerequisites => pick("Voraussetzungen", "Prerequisites"),
        ChangeSelection => pick(
            "Auswahl der Leistungen ändern",
            "Change the chosen services",
        ),
        ChangePrerequisites => pick("Voraussetzungen bearbeiten", "Edit the prerequisites"),
        NoOpenItems => pick(
            "Alle Voraussetzungen sind erfüllt.",
            "All prerequisites are met.",
        ),
        OpenItemsHonest(n) => {
            if de {
                format!(
                    "{} noch nicht erfüllt. Sie können trotzdem absenden; die Punkte werden im Antrag als offen ausgewiesen.",
                    plural(n, "Voraussetzung ist", "Voraussetzungen sind")
                )
            } else {
                format!(
                    "{} not met yet. You can still submit; they are marked as open in the request.",
                    plural(n, "prerequisite is", "prerequisites are")
                )
            }
        }
        OpenItemsSubmitted(n) => {
            if de {
                format!(
                    "{} bei der Einreichung noch nicht erfüllt; der Antrag weist sie als offen aus.",
                    plural(n, "Voraussetzung war", "Voraussetzungen waren")
                )
            } else {
                format!(
                    "{} not met when the request was submitted; the request marks them as open.",
                    plural(n, "prerequisite was", "prerequisites were")
                )
            }
        }
        ContinueToSubmit => pick("Weiter zum Absenden", "Continue to submit"),
        Print => pick("Drucken", "Print"),
    }
}
