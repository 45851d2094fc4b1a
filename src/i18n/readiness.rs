//! Wording of the readiness panel, which several pages show.

use super::{Lang, plural};

/// A piece of text of this area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadinessText {
    ReadinessTitle,
    ReadinessReady,
    ReadinessBlocked,
    ReadinessOpen,
    OpenItems(usize),
    NextActionsTitle,
    MoreNextActions(usize),
}

/// The wording of `text` in `lang`.
pub(super) fn t(lang: Lang, text: ReadinessText) -> String {
    use ReadinessText::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        ReadinessTitle => pick("Stand je Leistung", "Status per service"),
        ReadinessReady => pick("Bereit", "Ready"),
        ReadinessBlocked => pick("Blockiert", "Blocked"),
        ReadinessOpen => pick("Offene Punkte", "Open items"),
        OpenItems(n) => {
            if de {
                format!("{} offen.", plural(n, "Voraussetzung", "Voraussetzungen"))
            } else {
                format!("{} open.", plural(n, "prerequisite", "prerequisites"))
            }
        }
        NextActionsTitle => pick("Als Nächstes zu tun", "Next actions"),
        MoreNextActions(n) => {
            if de {
                format!("… und {n} weitere in der Liste unten.")
            } else {
                format!("… and {n} more in the list below.")
            }
        }
    }
}
