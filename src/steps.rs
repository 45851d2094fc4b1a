//! The steps of the journey. Each step has a URL of its own, so browser back/forward,
//! reload and bookmarks work; the enum (not strings) is what the code passes around.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Start,
    Overview,
    Municipality,
    Services,
    Prerequisites,
    ServiceDetails,
    Review,
    Submit,
    Confirmation,
}

impl Step {
    /// The steps a clerk works through, in order (the task list on the overview).
    pub const SECTIONS: [Step; 6] = [
        Step::Municipality,
        Step::Services,
        Step::Prerequisites,
        Step::ServiceDetails,
        Step::Review,
        Step::Submit,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Step::Start => "/",
            Step::Overview => "/ueberblick",
            Step::Municipality => "/kommune",
            Step::Services => "/leistungen",
            Step::Prerequisites => "/voraussetzungen",
            Step::ServiceDetails => "/angaben",
            Step::Review => "/pruefen",
            Step::Submit => "/absenden",
            Step::Confirmation => "/bestaetigung",
        }
    }

    pub fn from_path(path: &str) -> Option<Step> {
        let path = path.trim_end_matches('/');
        let path = if path.is_empty() { "/" } else { path };
        [
            Step::Start,
            Step::Overview,
            Step::Municipality,
            Step::Services,
            Step::Prerequisites,
            Step::ServiceDetails,
            Step::Review,
            Step::Submit,
            Step::Confirmation,
        ]
        .into_iter()
        .find(|s| s.path() == path)
    }

    /// The step's title in `lang`. It lives here, not in `i18n`, so that `i18n` needs
    /// nothing from the steps.
    pub fn title(self, lang: Lang) -> String {
        let de = lang == Lang::De;
        let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
        match self {
            Step::Start => "EfA-Onboarding".into(),
            Step::Overview => pick("Überblick", "Overview"),
            Step::Municipality => pick("Ihre Kommune", "Your municipality"),
            Step::Services => pick("Leistungen auswählen", "Choose services"),
            Step::Prerequisites => pick("Voraussetzungen", "Prerequisites"),
            Step::ServiceDetails => pick("Angaben je Leistung", "Details per service"),
            Step::Review => pick("Angaben prüfen", "Check your answers"),
            Step::Submit => pick("Antrag absenden", "Submit the request"),
            Step::Confirmation => pick("Antrag gesendet", "Request sent"),
        }
    }

    /// The step after this one in the normal flow.
    pub fn next(self) -> Step {
        match self {
            Step::Start => Step::Overview,
            Step::Overview => Step::Municipality,
            Step::Municipality => Step::Services,
            Step::Services => Step::Prerequisites,
            Step::Prerequisites => Step::ServiceDetails,
            Step::ServiceDetails => Step::Review,
            Step::Review => Step::Submit,
            Step::Submit | Step::Confirmation => Step::Confirmation,
        }
    }

    /// The step before this one in the normal flow (for the "Zurück" link).
    pub fn previous(self) -> Step {
        match self {
            Step::Start | Step::Overview => Step::Start,
            Step::Municipality => Step::Overview,
            Step::Services => Step::Municipality,
            Step::Prerequisites => Step::Services,
            Step::ServiceDetails => Step::Prerequisites,
            Step::Review => Step::ServiceDetails,
            Step::Submit => Step::Review,
            Step::Confirmation => Step::Submit,
        }
    }
}

/// The query parameter that brings the clerk back to "Prüfen" after a change (WCAG 3.3.4).
pub const RETURN_TO_REVIEW: &str = "zurueck=pruefen";

/// The link for "Ändern" on the review page.
pub fn change_link(step: Step, anchor: &str) -> String {
    format!("{}?{RETURN_TO_REVIEW}#{anchor}", step.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_round_trips_through_its_path() {
        for s in [
            Step::Start,
            Step::Overview,
            Step::Municipality,
            Step::Services,
            Step::Prerequisites,
            Step::ServiceDetails,
            Step::Review,
            Step::Submit,
            Step::Confirmation,
        ] {
            assert_eq!(Step::from_path(s.path()), Some(s));
        }
        assert_eq!(Step::from_path("/kommune/"), Some(Step::Municipality));
        assert_eq!(Step::from_path("/unbekannt"), None);
    }

    #[test]
    fn next_and_previous_are_inverse_inside_the_sections() {
        for w in Step::SECTIONS.windows(2) {
            assert_eq!(w[0].next(), w[1]);
            assert_eq!(w[1].previous(), w[0]);
        }
    }
}
