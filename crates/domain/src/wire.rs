//! The JSON bodies the API sends and receives, defined once for the API, which writes
//! them, and the app, which reads them. Serde only; the `openapi` feature adds their
//! descriptions for the API's OpenAPI document (the app does not compile it).
//!
//! The API serves the app, so both sides are always of the same release and no field
//! needs a default for an older counterpart.

use serde::{Deserialize, Serialize};

use crate::compare::FieldChange;
use crate::land::Land;
use crate::registry::{Entry, EntryKind};
use crate::status::Status;

/// The recipient Land of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LandInfo {
    /// Two-digit official key, e.g. `09`.
    #[cfg_attr(feature = "openapi", schema(example = "09"))]
    pub code: String,
    /// ISO 3166-2 letters, the prefix of reference numbers, e.g. `BY`.
    #[cfg_attr(feature = "openapi", schema(example = "BY"))]
    pub iso: String,
    /// Name, e.g. `Bayern`.
    #[cfg_attr(feature = "openapi", schema(example = "Bayern"))]
    pub name: String,
}

impl LandInfo {
    pub fn from_iso(iso: &str) -> LandInfo {
        match Land::parse(iso) {
            Some(l) => LandInfo {
                code: l.code().to_owned(),
                iso: iso.to_owned(),
                name: l.name().to_owned(),
            },
            None => LandInfo {
                code: String::new(),
                iso: iso.to_owned(),
                name: iso.to_owned(),
            },
        }
    }
}

/// A catalog service as it was named when the request was submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceRef {
    /// Catalog id of the service.
    pub id: String,
    /// Name of the service in the catalog at submission time.
    pub name: String,
}

impl ServiceRef {
    /// How the service is named to people: its catalog name, or its id where the name
    /// is missing.
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// Answer to a successful submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionReceipt {
    /// Id of the request (UUID).
    pub id: String,
    /// Reference number for correspondence; the prefix names the recipient Land.
    #[cfg_attr(feature = "openapi", schema(example = "BY-2026-000042"))]
    pub reference: String,
    pub status: Status,
    /// Time of receipt (RFC 3339, UTC).
    pub received_at: String,
    /// Whether the request was confirmed through the link mailed to its
    /// Funktionspostfach. Until then the agency does not work on it.
    pub confirmed: bool,
    /// While unconfirmed: when the request is deleted with all its data unless it is
    /// confirmed before (RFC 3339, UTC).
    pub confirm_by: Option<String>,
    /// Secret for reading the status at `status_url` (`Authorization: Bearer …`). It is
    /// not stored on the server; keep it. A replay with the same Idempotency-Key and body
    /// returns the same token.
    pub status_token: Option<String>,
    /// Set when a replay cannot return the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_token_note: Option<String>,
    /// Where the status can be read.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "/api/v1/connection-requests/4f0b6c1e-8a53-4a8e-9d7e-2b1f3c4d5e6f")
    )]
    pub status_url: String,
}

/// Status of a request as the municipality sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestStatus {
    pub id: String,
    pub reference: String,
    pub land: LandInfo,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub status: Status,
    pub received_at: String,
    pub updated_at: String,
    /// Whether the request was confirmed through the mailed link.
    pub confirmed: bool,
    /// While unconfirmed: when it is deleted unless confirmed before (RFC 3339, UTC).
    pub confirm_by: Option<String>,
    /// Every status change, oldest first.
    pub history: Vec<StatusHistoryEntry>,
    /// The current version of the request: 1 as submitted, one more for each version the
    /// municipality submitted in answer to a Rückfrage.
    #[serde(default = "first_version")]
    pub version: u32,
}

fn first_version() -> u32 {
    1
}

impl RequestStatus {
    /// The agency's open question: the note of the latest Rückfrage while the request
    /// waits for the municipality's answer.
    pub fn open_question(&self) -> Option<&str> {
        if self.status != Status::Rueckfrage {
            return None;
        }
        self.history
            .iter()
            .rev()
            .find(|h| h.status == Status::Rueckfrage && !h.by_municipality)
            .and_then(|h| h.note.as_deref())
            .filter(|n| !n.trim().is_empty())
    }

    /// The deadline by which the request must be confirmed, while that is still open.
    /// Without a deadline there is nothing the clerk could act on, so nothing is shown.
    pub fn confirmation_deadline(&self) -> Option<&str> {
        if self.confirmed {
            None
        } else {
            self.confirm_by.as_deref()
        }
    }
}

/// The code from the confirmation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmationRequest {
    /// The `code` from the link in the confirmation mail (`…#code=…`).
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub code: String,
}

/// The longest note of the agency and the longest answer of the municipality, in
/// characters; the published schemas say the same.
pub const NOTE_MAX_CHARS: usize = 2000;

/// The municipality's answer to the agency's Rückfrage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    /// The answer, 1 to 2000 characters; line breaks allowed.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub answer: String,
}

/// Answer to a confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Confirmation {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(example = "BY-2026-000042"))]
    pub reference: String,
    pub confirmed: bool,
}

/// One entry of the status history as the municipality sees it: without the agency's
/// account names, which are internal to the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusHistoryEntry {
    pub status: Status,
    /// Note of the agency for this change, or the municipality's answer to a
    /// Rückfrage (`by_municipality`); none for the initial entry.
    pub note: Option<String>,
    /// When the change was made (RFC 3339, UTC).
    pub at: String,
    /// The municipality made this change by answering a Rückfrage: with a text (the
    /// note) or with a new version of its request (`version`). Otherwise the entry is
    /// the submission or the agency's.
    #[serde(default)]
    pub by_municipality: bool,
    /// The version of the request this entry submitted (2 and up); none otherwise.
    #[serde(default)]
    pub version: Option<u32>,
}

/// One entry of the status history, as the agency sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub status: Status,
    /// Note of the agency for this change; none for the initial entry.
    pub note: Option<String>,
    /// When the change was made (RFC 3339, UTC).
    pub at: String,
    /// The operator account that made the change; none for the submission, for an
    /// answer of the municipality and for changes made before operator accounts
    /// existed (shared token).
    pub account: Option<String>,
    /// The municipality made this change by answering a Rückfrage: with a text (the
    /// note) or with a new version of its request (`version`).
    #[serde(default)]
    pub by_municipality: bool,
    /// The version of the request this entry submitted (2 and up); none otherwise.
    #[serde(default)]
    pub version: Option<u32>,
}

impl From<HistoryEntry> for StatusHistoryEntry {
    fn from(h: HistoryEntry) -> StatusHistoryEntry {
        StatusHistoryEntry {
            status: h.status,
            note: h.note,
            at: h.at,
            by_municipality: h.by_municipality,
            version: h.version,
        }
    }
}

/// One field error of a 422 response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// JSON path of the offending value, e.g. `municipality.ags` or `services[2]`.
    pub path: String,
    /// Stable machine-readable error code.
    pub code: String,
    /// German message, the same text the app shows.
    pub message: String,
    /// English message.
    pub message_en: String,
}

/// RFC 9457 problem details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = Problem))]
pub struct ProblemBody {
    /// URI identifying the problem type.
    #[serde(rename = "type")]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "urn:efa-onboarding:problem:validation")
    )]
    pub problem_type: String,
    /// Short German summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// German explanation of this occurrence.
    pub detail: String,
    /// Every field error (422 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldProblem>>,
}

// ── Operator endpoints ──────────────────────────────────────────────────────────────

/// One request in the operator list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorSummary {
    pub id: String,
    pub reference: String,
    pub land: LandInfo,
    /// Amtlicher Gemeindeschlüssel.
    pub ags: String,
    /// Amtlicher Regionalschlüssel.
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub status: Status,
    pub received_at: String,
    pub updated_at: String,
    /// Confirmed through the link mailed to the Funktionspostfach. Unconfirmed requests
    /// are deleted after the configured number of days.
    pub confirmed: bool,
    /// Whether the personal data was replaced by a marker (retention or erasure).
    pub anonymised: bool,
    /// When the municipality answered the agency's Rückfrage (RFC 3339, UTC), while
    /// no operator has acted on the answer yet. Such requests come first in the list.
    #[serde(default)]
    pub answered_at: Option<String>,
    /// The current version of the request (1 as submitted).
    #[serde(default = "first_version")]
    pub version: u32,
}

/// A page of the operator list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorPage {
    /// Number of requests matching the filters.
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    pub items: Vec<OperatorSummary>,
    /// Per status, in the order of the state machine and with zeros, how many requests
    /// match every filter except `status`: what each status would show.
    pub counts: Vec<StatusCount>,
}

impl OperatorPage {
    /// The 1-based positions of the first and last request on this page, if it has any.
    pub fn shown(&self) -> Option<(u64, u64)> {
        let len = u64::try_from(self.items.len()).unwrap_or(u64::MAX);
        (len > 0).then(|| (self.offset + 1, self.offset.saturating_add(len)))
    }

    /// The offset of the page before this one, if this is not the first.
    pub fn previous_offset(&self) -> Option<u64> {
        (self.offset > 0).then(|| self.offset.saturating_sub(u64::from(self.limit)))
    }

    /// The offset of the page after this one, if more requests match.
    pub fn next_offset(&self) -> Option<u64> {
        let (_, last) = self.shown()?;
        (last < self.total).then_some(last)
    }
}

/// How many requests are in a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: Status,
    pub count: u64,
}

/// The operator account a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorAccount {
    /// The account's name, as the audit log and the history show it.
    pub name: String,
    /// The Länder whose requests the account sees, in key order.
    pub lands: Vec<LandInfo>,
}

/// What changed between two versions of a request, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionComparison {
    /// The earlier version.
    pub from: VersionInfo,
    /// The later version.
    pub to: VersionInfo,
    /// Every field that differs, by area (municipality, contacts, services, channels,
    /// prerequisites, evidence, declarations, notes). Empty when nothing differs.
    pub changes: Vec<FieldChange>,
}

/// One request with its full document and history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorDetail {
    pub id: String,
    pub reference: String,
    pub land: LandInfo,
    pub ags: String,
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub status: Status,
    pub received_at: String,
    pub updated_at: String,
    /// Confirmed through the mailed link.
    pub confirmed: bool,
    /// When it was confirmed (RFC 3339, UTC).
    pub confirmed_at: Option<String>,
    /// When its personal data was replaced by a marker (RFC 3339, UTC).
    pub anonymised_at: Option<String>,
    /// When the municipality answered the agency's Rückfrage (RFC 3339, UTC), while
    /// no operator has acted on the answer yet.
    #[serde(default)]
    pub answered_at: Option<String>,
    /// The current version: the one `document` and `fingerprint` are.
    #[serde(default = "first_version")]
    pub version: u32,
    /// Every version, oldest first (the last is the current one).
    #[serde(default)]
    pub versions: Vec<VersionInfo>,
    /// Short fingerprint of the document as submitted, as its PDF prints it; kept when
    /// the personal data is erased.
    pub fingerprint: Option<String>,
    /// Every status change, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The connection request as submitted (after parsing).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub document: serde_json::Value,
}

/// One version of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionInfo {
    pub version: u32,
    /// Short fingerprint of this version's document, as its PDF prints it.
    pub fingerprint: Option<String>,
    /// When the municipality submitted this version (RFC 3339, UTC).
    pub submitted_at: String,
}

/// One version of a request with its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionDocument {
    #[serde(flatten)]
    pub info: VersionInfo,
    /// The connection request of this version (after parsing).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub document: serde_json::Value,
}

/// A status change by the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The new status; must be reachable from the current one.
    pub status: Status,
    /// Note for the municipality (required for `rueckfrage` and `abgelehnt`), at most
    /// 2000 characters; line breaks allowed.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
}

/// Why an operator erases a request's personal data now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// The reason, for the audit log (e.g. "Antrag der Gemeinde vom 3.12., Art. 17
    /// DSGVO"); 1 to 500 characters, one line.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// Suggestions a municipality search answers with at most: enough to find any entry, few
/// enough to scan. The app's own search of the loaded registry shows as many.
pub const MUNICIPALITY_SUGGESTIONS: usize = 8;

/// The longest query `GET /api/v1/municipalities` accepts, in characters. The longest
/// name in the registry has 61; a query is a name, a part of one or a key.
pub const MUNICIPALITY_QUERY_MAX_CHARS: usize = 100;

/// One registry entry as the municipality search suggests it: what the municipality step
/// shows for it, and the ARS that identifies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalitySuggestion {
    /// Amtlicher Regionalschlüssel, 5 digits for a Kreis, else 12.
    #[cfg_attr(feature = "openapi", schema(example = "091630000000"))]
    pub ars: String,
    /// Official name, e.g. `Würzburg`.
    #[cfg_attr(feature = "openapi", schema(example = "Würzburg"))]
    pub name: String,
    pub kind: EntryKind,
    /// The Kreis the entry belongs to; absent for a Kreis and a kreisfreie Stadt.
    pub kreis: Option<String>,
    pub land: LandInfo,
}

impl MunicipalitySuggestion {
    pub fn of(entry: &Entry) -> MunicipalitySuggestion {
        MunicipalitySuggestion {
            ars: entry.ars().to_string(),
            name: entry.name().to_owned(),
            kind: entry.kind(),
            kreis: entry
                .kreis_name()
                .filter(|_| !entry.is_kreis_level())
                .map(str::to_owned),
            land: LandInfo::from_iso(entry.land().iso_code()),
        }
    }
}

/// The answer of `GET /api/v1/municipalities`: the best matches for the query, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalitySuggestions {
    /// The query as received, so that a late answer is never shown for a newer one.
    pub query: String,
    pub suggestions: Vec<MunicipalitySuggestion>,
}

impl MunicipalitySuggestions {
    /// Whether this answer may be shown for what is typed now (trimmed): the answer for
    /// exactly that, or, while that one is on its way, the answer for its beginning, so
    /// that the list stays put between keystrokes instead of closing at each one. An
    /// answer for more than is typed (after a deletion) or for something else never is.
    pub fn fits(&self, typed: &str) -> bool {
        typed.starts_with(self.query.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(total: u64, offset: u64, items: usize) -> OperatorPage {
        let item = OperatorSummary {
            id: "x".into(),
            reference: "BY-2026-000001".into(),
            land: LandInfo::from_iso("BY"),
            municipality_name: "Würzburg".into(),
            ags: "09163000".into(),
            ars: "091630000000".into(),
            status: Status::Eingegangen,
            received_at: "2026-12-01T08:00:00.000000Z".into(),
            updated_at: "2026-12-01T08:00:00.000000Z".into(),
            confirmed: true,
            anonymised: false,
            version: 1,
            answered_at: None,
            services: Vec::new(),
        };
        OperatorPage {
            total,
            limit: 25,
            offset,
            items: vec![item; items],
            counts: Vec::new(),
        }
    }

    #[test]
    fn an_answer_fits_what_is_typed_and_its_continuations_only() {
        let answer = MunicipalitySuggestions {
            query: "Wür".into(),
            suggestions: Vec::new(),
        };
        assert!(answer.fits("Wür"));
        assert!(answer.fits("Würz"));
        assert!(
            !answer.fits("Wü"),
            "after a deletion the old answer is too narrow"
        );
        assert!(!answer.fits("Köln"));
        assert!(!answer.fits(""));
    }

    #[test]
    fn pages_lead_to_their_neighbours_and_stop_at_the_ends() {
        let first = page(60, 0, 25);
        assert_eq!(first.shown(), Some((1, 25)));
        assert_eq!(first.previous_offset(), None);
        assert_eq!(first.next_offset(), Some(25));
        let middle = page(60, 25, 25);
        assert_eq!(middle.previous_offset(), Some(0));
        assert_eq!(middle.next_offset(), Some(50));
        let last = page(60, 50, 10);
        assert_eq!(last.shown(), Some((51, 60)));
        assert_eq!(last.previous_offset(), Some(25));
        assert_eq!(last.next_offset(), None);
        // A bookmarked offset between pages still leads back to the start, not below it.
        assert_eq!(page(60, 10, 25).previous_offset(), Some(0));
        // Past the end (the list shrank since the bookmark): nothing shown, the way back stays.
        let beyond = page(3, 25, 0);
        assert_eq!(beyond.shown(), None);
        assert_eq!(beyond.next_offset(), None);
        assert_eq!(beyond.previous_offset(), Some(0));
    }

    fn entry(status: Status, note: Option<&str>, by_municipality: bool) -> StatusHistoryEntry {
        StatusHistoryEntry {
            status,
            note: note.map(str::to_owned),
            at: "2026-12-01T08:00:00.000000Z".into(),
            by_municipality,
            version: None,
        }
    }

    #[test]
    fn the_open_question_is_the_latest_rueckfrage_while_one_is_open() {
        let mut s = RequestStatus {
            id: "x".into(),
            reference: "BY-2026-000001".into(),
            land: LandInfo::from_iso("BY"),
            municipality_name: "Würzburg".into(),
            services: Vec::new(),
            status: Status::Rueckfrage,
            received_at: "2026-12-01T08:00:00.000000Z".into(),
            updated_at: "2026-12-01T08:00:00.000000Z".into(),
            confirmed: true,
            confirm_by: None,
            history: vec![
                entry(Status::Eingegangen, None, false),
                entry(Status::InPruefung, Some("Wir prüfen."), false),
                entry(Status::Rueckfrage, Some("Erste Frage"), false),
                entry(Status::InPruefung, Some("Erste Antwort"), true),
                entry(Status::Rueckfrage, Some("Zweite Frage"), false),
            ],
            version: 1,
        };
        assert_eq!(s.open_question(), Some("Zweite Frage"));
        s.history
            .push(entry(Status::InPruefung, Some("Zweite Antwort"), true));
        s.status = Status::InPruefung;
        assert_eq!(s.open_question(), None, "answered: nothing open");
        s.status = Status::Rueckfrage;
        s.history.push(entry(Status::Rueckfrage, Some("  "), false));
        assert_eq!(
            s.open_question(),
            None,
            "a blank question is not shown as one"
        );
    }

    #[test]
    fn a_service_without_a_name_is_named_by_its_id() {
        let named = ServiceRef {
            id: "wohngeld".into(),
            name: "Wohngeld".into(),
        };
        assert_eq!(named.display_name(), "Wohngeld");
        let unnamed = ServiceRef {
            id: "wohngeld".into(),
            name: " ".into(),
        };
        assert_eq!(unnamed.display_name(), "wohngeld");
    }
}
