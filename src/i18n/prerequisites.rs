//! Wording of the prerequisites step: the checklist, its readiness and the next
//! actions.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrerequisitesText {
    PrereqIntro,
    PrereqNeedMunicipality,
    GoToMunicipality,
    WaitsFor,
    OthersCanStart,
    HowToFulfil,
    OfficialLink,
    ConcernsServices,
    StatusLegend,
    StatusOpen,
    StatusInProgress,
    StatusDone,
    StatusNotApplicable,
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: PrerequisitesText) -> String {
    use PrerequisitesText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        PrereqIntro => pick(
            "Diese Liste zeigt jede Voraussetzung nur einmal, auch wenn sie für mehrere Leistungen gilt. Halten Sie den Stand fest; Nachweise wie Kennungen können Sie direkt eintragen.",
            "Each prerequisite appears once, even if several services need it. Record its status; evidence such as identifiers can be entered directly.",
        ),
        PrereqNeedMunicipality => pick(
            "Wählen Sie zuerst Ihre Kommune aus.",
            "First choose your municipality.",
        ),
        GoToMunicipality => pick("Zur Kommune", "Go to your municipality"),
        WaitsFor => pick("Wartet auf", "Waits for"),
        OthersCanStart => pick(
            "Für die anderen Leistungen können Sie diesen Punkt schon bearbeiten.",
            "For the other services you can already work on it.",
        ),
        HowToFulfil => pick("So erfüllen Sie die Voraussetzung", "How to meet it"),
        OfficialLink => pick("Offizielle Seite", "Official page"),
        ConcernsServices => pick("Betrifft", "Concerns"),
        StatusLegend => pick("Stand", "Status"),
        StatusOpen => pick("Offen", "Open"),
        StatusInProgress => pick("In Arbeit", "In progress"),
        StatusDone => pick("Erledigt", "Done"),
        StatusNotApplicable => pick("Nicht zutreffend", "Not applicable"),
    }
}
