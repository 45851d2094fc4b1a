//! Processing status of a connection request and the transitions the agency may make.
//!
//! One definition for the API, which enforces the transitions, and the app, which shows
//! the status to the clerk: the names on the wire and their wording live here.

use serde::{Deserialize, Serialize};

use crate::messages::Lang;

/// Processing status as the agency tracks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Eingegangen,
    InPruefung,
    Rueckfrage,
    Angenommen,
    AnbindungLaeuft,
    Live,
    Abgelehnt,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Eingegangen,
        Status::InPruefung,
        Status::Rueckfrage,
        Status::Angenommen,
        Status::AnbindungLaeuft,
        Status::Live,
        Status::Abgelehnt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Eingegangen => "eingegangen",
            Status::InPruefung => "in_pruefung",
            Status::Rueckfrage => "rueckfrage",
            Status::Angenommen => "angenommen",
            Status::AnbindungLaeuft => "anbindung_laeuft",
            Status::Live => "live",
            Status::Abgelehnt => "abgelehnt",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The wording for people: the clerk's status page, the agency's mails and exports.
    pub fn label(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Status::Eingegangen => ("Eingegangen", "Received"),
            Status::InPruefung => ("In Prüfung", "Under review"),
            Status::Rueckfrage => ("Rückfrage", "Query"),
            Status::Angenommen => ("Angenommen", "Accepted"),
            Status::AnbindungLaeuft => ("Anbindung läuft", "Connection in progress"),
            Status::Live => ("Live", "Live"),
            Status::Abgelehnt => ("Abgelehnt", "Rejected"),
        };
        match lang {
            Lang::De => de,
            Lang::En => en,
        }
    }

    /// Open states are those from which a request can still be rejected.
    pub fn is_terminal(self) -> bool {
        matches!(self, Status::Live | Status::Abgelehnt)
    }

    /// eingegangen → in_pruefung → rueckfrage ↔ in_pruefung → angenommen →
    /// anbindung_laeuft → live; abgelehnt from every open state.
    pub fn can_move_to(self, to: Status) -> bool {
        use Status::*;
        match (self, to) {
            (from, Abgelehnt) => !from.is_terminal(),
            (Eingegangen, InPruefung)
            | (InPruefung, Rueckfrage)
            | (Rueckfrage, InPruefung)
            | (InPruefung, Angenommen)
            | (Angenommen, AnbindungLaeuft)
            | (AnbindungLaeuft, Live) => true,
            _ => false,
        }
    }

    /// The municipality has to learn what is asked or why it was declined, so these
    /// transitions carry a note.
    pub fn needs_note(self) -> bool {
        matches!(self, Status::Rueckfrage | Status::Abgelehnt)
    }

    /// Allowed next states, for error details.
    pub fn next(self) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|&to| self.can_move_to(to))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn the_happy_path_is_allowed() {
        let path = [
            Eingegangen,
            InPruefung,
            Rueckfrage,
            InPruefung,
            Angenommen,
            AnbindungLaeuft,
            Live,
        ];
        for w in path.windows(2) {
            assert!(w[0].can_move_to(w[1]), "{:?} → {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn rejection_only_from_open_states() {
        for s in Status::ALL {
            assert_eq!(
                s.can_move_to(Abgelehnt),
                !matches!(s, Live | Abgelehnt),
                "{s:?}"
            );
        }
    }

    #[test]
    fn no_skipping_no_going_back_no_self_loops() {
        assert!(!Eingegangen.can_move_to(Angenommen));
        assert!(!Eingegangen.can_move_to(Rueckfrage));
        assert!(!Angenommen.can_move_to(InPruefung));
        assert!(!Live.can_move_to(AnbindungLaeuft));
        for s in Status::ALL {
            assert!(!s.can_move_to(s), "{s:?}");
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert!(!s.can_move_to(Eingegangen));
        }
        assert!(Abgelehnt.next().is_empty());
        assert!(Live.next().is_empty());
    }
}
