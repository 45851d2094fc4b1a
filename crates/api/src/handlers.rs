//! Public endpoints: submission, status for the municipality, catalog, health, OpenAPI.

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::SharedState;
use crate::body::{is_json, read_limited};
use crate::intake;
use crate::problem::Problem;
use crate::status::Status;
use crate::store::{self, HistoryEntry, NewRequest, ServiceRef, SubmitOutcome};
use crate::token::{bearer, sha256, token_matches_hash};
use crate::{static_files, timeutil};

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
    /// Every status change, oldest first.
    pub history: Vec<StatusHistoryEntry>,
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
}

pub fn status_url(id: &str) -> String {
    format!("/api/v1/connection-requests/{id}")
}

/// A well-formed request id in its canonical form, or `None`.
pub fn canonical_id(raw: Result<Path<String>, PathRejection>) -> Option<String> {
    let Path(raw) = raw.ok()?;
    let id = uuid::Uuid::try_parse(&raw).ok()?;
    Some(id.hyphenated().to_string())
}

/// The key of a submission: 1–255 visible ASCII characters, sent once. It lives as long
/// as the request it created is stored; a retry with it returns that request's receipt.
fn idempotency_key(headers: &HeaderMap) -> Result<String, Problem> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else {
        return Err(Problem::missing_idempotency_key());
    };
    if values.next().is_some() {
        return Err(Problem::duplicate_idempotency_key());
    }
    let raw = value
        .to_str()
        .map_err(|_| Problem::missing_idempotency_key())?
        .trim();
    // The IETF draft sends the key as a structured-field string ("…"); plain values are
    // accepted as well.
    let key = raw
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .unwrap_or(raw);
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Problem::missing_idempotency_key());
    }
    Ok(key.to_owned())
}

#[utoipa::path(
    post,
    path = "/api/v1/connection-requests",
    tag = "Anträge",
    summary = "Submit a connection request",
    description = "Validates the request with the same rules as the app and stores it. \
        Retrying with the same Idempotency-Key and the same body returns the original answer \
        (header `Idempotent-Replayed: true`); the same key with another body is a 409. \
        A key is kept as long as the request it created is stored.",
    params(("Idempotency-Key" = String, Header, description = "Unique per logical submission, 1–255 visible ASCII characters (plain or as a quoted structured-field string), e.g. a UUID; sent exactly once. Kept as long as the request it created is stored")),
    request_body(content = crate::openapi::ConnectionRequestDoc, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored (or replayed)", body = SubmissionReceipt,
            headers(("Location" = String, description = "status_url"))),
        (status = 400, description = "Missing, malformed or repeated Idempotency-Key, or malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "Body not received in time", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency-Key reused with another body", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field error (with `errors`), or a municipality in a Land this agency does not serve (type `…:land-not-accepted`, naming the agency that does)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Timeout or database unavailable; retry with the same key", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type());
    }
    let key = idempotency_key(&headers)?;
    let bytes = read_limited(body, &headers, state.body_timeout).await?;
    let value = intake::parse_value(&bytes)?;
    let body_sha256 = intake::fingerprint(&value);

    // A retry must get the original answer even if validation rules or the catalog
    // changed in between, so a known key is answered before validating again.
    let lookup_key = key.clone();
    let known = state
        .db
        .read(move |c| store::lookup_key(c, &lookup_key))
        .await
        .map_err(internal)?;
    if let Some(outcome) = known {
        return Ok(answer(&state, outcome, &body_sha256));
    }

    let prepared = intake::prepare(
        &bytes,
        &value,
        &state.request_schema,
        &state.catalog,
        &state.registry,
    )?;
    refuse_other_lands(&state, prepared.land)?;
    let id = uuid::Uuid::new_v4().hyphenated().to_string();
    let token = state.key.status_token(&id);
    let new = NewRequest {
        id,
        idempotency_key: key,
        body_sha256,
        land_iso: prepared.land.iso_code().to_owned(),
        ags: prepared.ags,
        ars: prepared.ars,
        municipality_name: prepared.municipality_name,
        services: prepared.services,
        schema_version: prepared.schema_version,
        document: prepared.document,
        token_sha256: sha256(token.as_bytes()),
        received_at: timeutil::now(),
    };
    let outcome = state
        .db
        .write(move |c| store::submit(c, &new))
        .await
        .map_err(internal)?;
    Ok(answer(&state, outcome, &body_sha256))
}

/// A request from a municipality in a Land this agency does not serve is refused, with
/// the agency that does take it, so that the clerk knows where to turn instead.
fn refuse_other_lands(state: &SharedState, land: efa_domain::land::Land) -> Result<(), Problem> {
    if state.accepted_lands.contains(&land) {
        return Ok(());
    }
    let route = efa_domain::route::route_for(land);
    Err(Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "land-not-accepted",
        "Hier nicht zuständig",
        format!(
            "Anschlussanträge von Kommunen in {} nimmt diese Stelle nicht entgegen. \
             Zuständig ist {} ({}); bitte reichen Sie den Antrag dort ein.",
            land.name(),
            route.operator.name,
            route.title
        ),
    ))
}

fn answer(state: &SharedState, outcome: SubmitOutcome, body_sha256: &[u8; 32]) -> Response {
    let (receipt, replayed) = match outcome {
        SubmitOutcome::Created(r) => {
            tracing::info!(id = %r.id, reference = %r.reference, "connection request stored");
            (r, false)
        }
        SubmitOutcome::Replayed(r) if r.body_sha256 == body_sha256.as_slice() => (r, true),
        SubmitOutcome::Replayed(_) | SubmitOutcome::KeyReused => {
            return Problem::conflict(
                "idempotency-key-reused",
                "Idempotency-Key bereits verwendet",
                "Dieser Idempotency-Key wurde bereits für einen anderen Antrag verwendet. \
                 Für einen neuen Antrag bitte einen neuen Schlüssel erzeugen.",
            )
            .into_response();
        }
    };
    let token = state.key.status_token(&receipt.id);
    // The key file could have been replaced since; then the derived token no longer
    // matches what was issued and must not be handed out.
    let (status_token, status_token_note) = if token_matches_hash(&token, &receipt.token_sha256) {
        (Some(token), None)
    } else {
        (
            None,
            Some(
                "Das Status-Token wurde bereits ausgegeben und kann nicht erneut angezeigt werden."
                    .to_owned(),
            ),
        )
    };
    let url = status_url(&receipt.id);
    let body = SubmissionReceipt {
        id: receipt.id,
        reference: receipt.reference,
        status: Status::Eingegangen,
        received_at: receipt.received_at,
        status_token,
        status_token_note,
        status_url: url.clone(),
    };
    let mut resp = (StatusCode::CREATED, axum::Json(body)).into_response();
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&url) {
        h.insert(header::LOCATION, v);
    }
    if replayed {
        h.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    resp
}

pub fn internal(e: impl std::fmt::Display) -> Problem {
    tracing::error!(error = %e, "storage error");
    Problem::unavailable(
        "Die Daten konnten gerade nicht gelesen oder gespeichert werden. Bitte später erneut versuchen.",
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/connection-requests/{id}",
    tag = "Anträge",
    summary = "Status of a submitted request",
    description = "Requires the status token from the submission as bearer token. An unknown id \
        and a wrong or missing token are answered alike with 404.",
    params(("id" = String, Path, description = "Request id")),
    security(("status_token" = [])),
    responses(
        (status = 200, description = "Status and history", body = RequestStatus),
        (status = 404, description = "Unknown id or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_status(
    State(state): State<SharedState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, Problem> {
    let Some(id) = canonical_id(id) else {
        return Err(Problem::not_found());
    };
    let presented = bearer(&headers).unwrap_or("").to_owned();
    let found = state
        .db
        .read(move |c| store::get(c, &id, false))
        .await
        .map_err(internal)?;
    // Compare against a dummy hash when the id is unknown, so both cases cost the same.
    let stored = found
        .as_ref()
        .map_or(vec![0u8; 32], |(row, _)| row.token_sha256.clone());
    let ok = token_matches_hash(&presented, &stored) && found.is_some();
    let Some((row, history)) = found.filter(|_| ok) else {
        return Err(Problem::not_found());
    };
    let body = RequestStatus {
        land: LandInfo::from_iso(&row.land_iso),
        id: row.id,
        reference: row.reference,
        municipality_name: row.municipality_name,
        services: row.services,
        status: row.status,
        received_at: row.received_at,
        updated_at: row.updated_at,
        history: history.into_iter().map(StatusHistoryEntry::from).collect(),
    };
    let mut resp = axum::Json(body).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

#[utoipa::path(
    get,
    path = "/api/v1/catalog",
    tag = "Katalog",
    summary = "The service catalog",
    description = "The catalog the server validates against. Strong ETag; send If-None-Match for a 304.",
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a cached copy")),
    responses(
        (status = 200, description = "Catalog JSON (efa-catalog.json)", body = Object,
            headers(("ETag" = String, description = "Strong entity tag"))),
        (status = 304, description = "Cached copy is current"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn catalog(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    let c = &state.catalog;
    let mut h = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&c.etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if static_files::if_none_match_hits(&headers, &c.etag) {
        return (StatusCode::NOT_MODIFIED, h).into_response();
    }
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (StatusCode::OK, h, c.raw.clone()).into_response()
}

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "Betrieb",
    summary = "Liveness",
    responses((status = 200, description = "The process is up", body = Health))
)]
pub async fn healthz() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".to_owned(),
    })
}

#[utoipa::path(
    get,
    path = "/readyz",
    tag = "Betrieb",
    summary = "Readiness",
    description = "200 while the database file is in place and answers; 503 otherwise.",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn readyz(State(state): State<SharedState>) -> Result<axum::Json<Health>, Problem> {
    match state.db.ready().await {
        Ok(()) => Ok(axum::Json(Health {
            status: "ready".to_owned(),
        })),
        Err(e) => {
            tracing::error!(error = %e, "not ready");
            Err(Problem::unavailable("Die Datenbank ist nicht erreichbar."))
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "Betrieb",
    summary = "This description",
    responses((status = 200, description = "OpenAPI 3.1", body = Object))
)]
pub async fn openapi(State(state): State<SharedState>) -> Response {
    let mut resp = state.openapi_json.clone().into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}
