//! The JSON bodies of the public and the operator endpoints. The app reads the same
//! bodies, so they are defined once in `efa_domain::wire` and re-exported here; this
//! module adds what only the API needs: the health answer, the conversion of a stored row
//! and the placeholder that the OpenAPI description replaces with the request's schema.

use std::borrow::Cow;

use serde::Serialize;
use utoipa::openapi::{ObjectBuilder, RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

pub use efa_domain::wire::{
    AnswerRequest, Confirmation, ConfirmationRequest, EraseRequest, HistoryEntry, LandInfo,
    MunicipalitySuggestion, MunicipalitySuggestions, OperatorAccount, OperatorDetail, OperatorPage,
    OperatorSummary, RequestStatus, ServiceRef, StatusChange, StatusCount, StatusHistoryEntry,
    SubmissionReceipt, VersionComparison, VersionDocument, VersionInfo,
};

use crate::storage::Row;

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
            answered_at: r.answered_at,
            version: r.version,
        }
    }
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
