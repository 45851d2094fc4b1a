//! The JSON bodies of the public and the operator endpoints, and the Land as every answer
//! names it. A module of their own so that the handlers, the operator endpoints, the CSV
//! export and the OpenAPI description can share them without importing one another.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use utoipa::openapi::{ObjectBuilder, RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use crate::status::Status;
use crate::storage::{HistoryEntry, Row, ServiceRef};

/// The recipient Land of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LandInfo {
    /// Two-digit official key, e.g. `09`.
    #[schema(example = "09")]
    pub code: String,
    /// ISO 3166-2 letters, the prefix of reference numbers, e.g. `BY`.
    #[schema(example = "BY")]
    pub iso: String,
    /// Name, e.g. `Bayern`.
    #[schema(example = "Bayern")]
    pub name: String,
}

impl LandInfo {
    pub fn from_iso(iso: &str) -> LandInfo {
        match efa_domain::land::Land::parse(iso) {
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

/// Answer to a successful submission.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubmissionReceipt {
    /// Id of the request (UUID).
    pub id: String,
    /// Reference number for correspondence; the prefix names the recipient Land.
    #[schema(example = "BY-2026-000042")]
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
    #[schema(example = "/api/v1/connection-requests/4f0b6c1e-8a53-4a8e-9d7e-2b1f3c4d5e6f")]
    pub status_url: String,
}

/// Status of a request as the municipality sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
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
}

/// The code from the confirmation link.
#[derive(Debug, Clone, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationRequest {
    /// The `code` from the link in the confirmation mail (`…#code=…`).
    #[schema(max_length = 128)]
    pub code: String,
}

/// Answer to a confirmation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Confirmation {
    pub id: String,
    #[schema(example = "BY-2026-000042")]
    pub reference: String,
    pub confirmed: bool,
}

/// One entry of the status history as the municipality sees it: without the agency's
/// account names, which are internal to the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct StatusHistoryEntry {
    pub status: Status,
    /// Note of the agency for this change; none for the initial entry.
    pub note: Option<String>,
    /// When the change was made (RFC 3339, UTC).
    pub at: String,
}

impl From<HistoryEntry> for StatusHistoryEntry {
    fn from(h: HistoryEntry) -> StatusHistoryEntry {
        StatusHistoryEntry {
            status: h.status,
            note: h.note,
            at: h.at,
        }
    }
}

/// Health and readiness answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
    /// Readiness only: the database engine that answered, `sqlite` or `postgresql`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "sqlite")]
    pub database: Option<String>,
}

// ── Operator endpoints ──────────────────────────────────────────────────────────────

/// One request in the operator list.
#[derive(Debug, Clone, Serialize, ToSchema)]
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
}

impl From<Row> for OperatorSummary {
    fn from(r: Row) -> OperatorSummary {
        OperatorSummary {
            confirmed: r.confirmed_at.is_some(),
            anonymised: r.anonymised_at.is_some(),
            land: LandInfo::from_iso(&r.land_iso),
            id: r.id,
            reference: r.reference,
            ags: r.ags,
            ars: r.ars,
            municipality_name: r.municipality_name,
            services: r.services,
            status: r.status,
            received_at: r.received_at,
            updated_at: r.updated_at,
        }
    }
}

/// A page of the operator list, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OperatorPage {
    /// Number of requests matching the filters.
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    pub items: Vec<OperatorSummary>,
}

/// One request with its full document and history.
#[derive(Debug, Clone, Serialize, ToSchema)]
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
    /// Short fingerprint of the document as submitted, as its PDF prints it; kept when
    /// the personal data is erased.
    pub fingerprint: Option<String>,
    /// Every status change, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The connection request as submitted (after parsing).
    #[schema(value_type = Object)]
    pub document: serde_json::Value,
}

/// A status change by the agency.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The new status; must be reachable from the current one.
    pub status: Status,
    /// Note for the municipality (required for `rueckfrage` and `abgelehnt`), at most
    /// 2000 characters; line breaks allowed.
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Why an operator erases a request's personal data now.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseRequest {
    /// The reason, for the audit log (e.g. "Antrag der Gemeinde vom 3.12., Art. 17
    /// DSGVO"); 1 to 500 characters, one line.
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// Placeholder for `efa_domain::request::ConnectionRequest` in the derived description;
/// replaced by the domain's JSON Schema in [`crate::openapi::json`].
#[derive(Debug)]
pub struct ConnectionRequestDoc;

impl PartialSchema for ConnectionRequestDoc {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("Connection request (Anschlussantrag), see efa-domain"))
            .into()
    }
}

impl ToSchema for ConnectionRequestDoc {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ConnectionRequest")
    }
}
