//! Wording of the overview with the task list.

use super::Lang;

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewText {
    TaskListTitle,
    SectionNotStarted,
    SectionInProgress,
    ReadinessCount(usize, usize),
    NextActionsCount(usize),
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: OverviewText) -> String {
    use OverviewText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        TaskListTitle => pick("Ihre Schritte", "Your steps"),
        SectionNotStarted => pick("Nicht begonnen", "Not started"),
        SectionInProgress => pick("In Arbeit", "In progress"),
        ReadinessCount(ready, total) => {
            if de {
                format!(
                    "{ready} von {total} ausgewählten Leistungen sind bereit für den Anschluss."
                )
            } else {
                format!("{ready} of {total} chosen services are ready to connect.")
            }
        }
        NextActionsCount(n) => {
            if de {
                format!("Offene Voraussetzungen: {n}")
            } else {
                format!("Open prerequisites: {n}")
            }
        }
    }
}
