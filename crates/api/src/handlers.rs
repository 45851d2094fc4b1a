//! Public endpoints: submission, status for the municipality, catalog, health, OpenAPI.

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::body::{is_json, read_limited};
use crate::intake;
use crate::problem::Problem;
use crate::request_id::RequestId;
use crate::state::{AppState, SharedState};
use crate::storage::{
    Answer, AnswerOutcome, ConfirmOutcome, HistoryEntry, NewRequest, NewVersion, Row,
    SubmitOutcome, VersionOutcome, version_infos,
};
use crate::token::{bearer, sha256, token_matches_hash};
use crate::wire::{
    AnswerRequest, Confirmation, ConfirmationRequest, Health, LandInfo, RequestStatus,
    StatusHistoryEntry, SubmissionReceipt, VersionDocument,
};
use crate::{static_files, timeutil};
use efa_domain::status::Status;
use efa_domain::wire::NOTE_MAX_CHARS;

pub fn status_url(id: &str) -> String {
    format!("/api/v1/connection-requests/{id}")
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
    request_body(content = crate::wire::ConnectionRequestDoc, content_type = "application/json"),
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
    let known = state.storage.lookup_key(&lookup_key).await?;
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
    let code = state.key.confirmation_code(&id);
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
        fingerprint: prepared.fingerprint,
        mail_to: prepared.mail_to,
        token_sha256: sha256(token.as_bytes()),
        confirmation_code_sha256: sha256(code.as_bytes()),
        received_at: timeutil::now(),
    };
    let outcome = state.storage.submit(new).await?;
    if matches!(outcome, SubmitOutcome::Created(_)) {
        state.mail_wake.notify_one();
    }
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
    let confirm_by = confirm_by(state, &receipt.received_at, receipt.confirmed_at.as_deref());
    let body = SubmissionReceipt {
        id: receipt.id,
        reference: receipt.reference,
        status: Status::Eingegangen,
        confirmed: receipt.confirmed_at.is_some(),
        confirm_by,
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

/// While a request is unconfirmed: when retention deletes it.
pub fn confirm_by(
    state: &AppState,
    received_at: &str,
    confirmed_at: Option<&str>,
) -> Option<String> {
    if confirmed_at.is_some() {
        return None;
    }
    let received = timeutil::parse_utc(received_at)?;
    Some(timeutil::format_utc(
        received + time::Duration::days(i64::from(state.retention.unconfirmed_days)),
    ))
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
    RequestId(id): RequestId,
) -> Result<Response, Problem> {
    let (row, history) = with_status_token(&state, &headers, &id).await?;
    Ok(status_response(&state, row, history))
}

/// The request and its history if the bearer token is its status token; an unknown id
/// and a wrong or missing token are the same 404.
async fn with_status_token(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
) -> Result<(Row, Vec<HistoryEntry>), Problem> {
    let presented = bearer(headers).unwrap_or("").to_owned();
    let found = state.storage.get(id, false).await?;
    // Compare against a dummy hash when the id is unknown, so both cases cost the same.
    let stored = found
        .as_ref()
        .map_or(vec![0u8; 32], |(row, _)| row.token_sha256.clone());
    let ok = token_matches_hash(&presented, &stored) && found.is_some();
    found.filter(|_| ok).ok_or_else(Problem::not_found)
}

/// What the municipality's status page shows, never cached.
fn status_response(state: &AppState, row: Row, history: Vec<HistoryEntry>) -> Response {
    let confirm_by = confirm_by(state, &row.received_at, row.confirmed_at.as_deref());
    let body = RequestStatus {
        confirmed: row.confirmed_at.is_some(),
        confirm_by,
        land: LandInfo::from_iso(&row.land_iso),
        id: row.id,
        reference: row.reference,
        municipality_name: row.municipality_name,
        services: row.services,
        status: row.status,
        received_at: row.received_at,
        updated_at: row.updated_at,
        history: history.into_iter().map(StatusHistoryEntry::from).collect(),
        version: row.version,
    };
    let mut resp = axum::Json(body).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[utoipa::path(
    post,
    path = "/api/v1/connection-requests/{id}/answer",
    tag = "Anträge",
    summary = "Answer the agency's Rückfrage",
    description = "Requires the status token as bearer token. Only while the request is in \
        `rueckfrage`: the answer is recorded in the history as the municipality's, the \
        request returns to `in_pruefung`, and the agency's list shows it first until an \
        operator acts on it. Sending the same answer again (e.g. after a lost response) \
        returns the same state without a second entry. An unknown id and a wrong or \
        missing token are answered alike with 404.",
    params(("id" = String, Path, description = "Request id")),
    security(("status_token" = [])),
    request_body(content = AnswerRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Recorded; the request's status and history", body = RequestStatus),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "Body not received in time", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The agency has not asked anything (the status is not `rueckfrage`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The answer is empty, longer than 2000 characters or holds control characters", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Overloaded or database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer_rueckfrage(
    State(state): State<SharedState>,
    headers: HeaderMap,
    // A malformed id is only refused after the body is checked, as an unknown one is.
    id: Result<RequestId, Problem>,
    body: Body,
) -> Result<Response, Problem> {
    use efa_domain::request::{TextRule, check_text};
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type());
    }
    let bytes = read_limited(body, &headers, state.body_timeout).await?;
    let request: AnswerRequest = intake::parse_json(&bytes)?;
    let rule = TextRule {
        required: true,
        max: NOTE_MAX_CHARS,
        multiline: true,
    };
    if let Err(code) = check_text(&request.answer, rule) {
        return Err(Problem::validation(vec![intake::field_problem(
            "answer", code,
        )]));
    }
    let Ok(RequestId(id)) = id else {
        return Err(Problem::not_found());
    };
    with_status_token(&state, &headers, &id).await?;
    let outcome = state
        .storage
        .answer(Answer {
            id,
            text: request.answer.trim().to_owned(),
            at: timeutil::now(),
        })
        .await?;
    match outcome {
        AnswerOutcome::Answered(b) => {
            let (row, history) = *b;
            tracing::info!(id = %row.id, "rueckfrage answered");
            Ok(status_response(&state, row, history))
        }
        AnswerOutcome::Repeated(b) => {
            let (row, history) = *b;
            Ok(status_response(&state, row, history))
        }
        AnswerOutcome::NotFound => Err(Problem::not_found()),
        AnswerOutcome::NotAsked { current } => Err(nothing_asked(current)),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/connection-requests/{id}/versions",
    tag = "Anträge",
    summary = "Submit the next version of a request in answer to a Rückfrage",
    description = "Requires the status token as bearer token and an Idempotency-Key, like a \
        submission. Only while the request is in `rueckfrage`, and only for the same \
        municipality. The body is a complete connection request, validated like a \
        submission. It becomes the current version (the previous one is kept), the request \
        returns to `in_pruefung` with a history entry of the municipality naming the version, \
        and the agency's list shows it first until an operator acts on it. Retrying with the \
        same key and body returns the same state (`Idempotent-Replayed: true`).",
    params(
        ("id" = String, Path, description = "Request id"),
        ("Idempotency-Key" = String, Header, description = "Unique per version sent, 1–255 visible ASCII characters"),
    ),
    security(("status_token" = [])),
    request_body(content = crate::wire::ConnectionRequestDoc, content_type = "application/json"),
    responses(
        (status = 200, description = "Stored (or replayed); the request's status and history", body = RequestStatus),
        (status = 400, description = "Missing or malformed Idempotency-Key, or malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "Body not received in time", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing asked (the status is not `rueckfrage`), or the key was used for another body", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field error (with `errors`), or another municipality or Land than the request's", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Overloaded or database unavailable; retry with the same key", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_version(
    State(state): State<SharedState>,
    headers: HeaderMap,
    // A malformed id is only refused after the body is read, as an unknown one is.
    id: Result<RequestId, Problem>,
    body: Body,
) -> Result<Response, Problem> {
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type());
    }
    let bytes = read_limited(body, &headers, state.body_timeout).await?;
    // The token first: without the right one nothing else about the request is told.
    let Ok(RequestId(id)) = id else {
        return Err(Problem::not_found());
    };
    let (row, _) = with_status_token(&state, &headers, &id).await?;
    let key = idempotency_key(&headers)?;
    let value = intake::parse_value(&bytes)?;
    let body_sha256 = intake::fingerprint(&value);

    // A retry gets the original answer even if rules or the catalog changed since.
    if let Some((request_id, body)) = state.storage.lookup_version_key(&key).await? {
        if request_id != id || body != body_sha256.as_slice() {
            return Err(key_reused());
        }
        let (row, history) = with_status_token(&state, &headers, &id).await?;
        return Ok(replayed(status_response(&state, row, history)));
    }

    let prepared = intake::prepare(
        &bytes,
        &value,
        &state.request_schema,
        &state.catalog,
        &state.registry,
    )?;
    refuse_other_lands(&state, prepared.land)?;
    let outcome = state
        .storage
        .submit_version(NewVersion {
            id,
            idempotency_key: key,
            body_sha256,
            ars: prepared.ars,
            municipality_name: prepared.municipality_name,
            services: prepared.services,
            schema_version: prepared.schema_version,
            document: prepared.document,
            fingerprint: prepared.fingerprint,
            mail_to: prepared.mail_to,
            at: timeutil::now(),
        })
        .await?;
    match outcome {
        VersionOutcome::Created(b) => {
            let (row, history) = *b;
            tracing::info!(id = %row.id, version = row.version, "new version stored");
            Ok(status_response(&state, row, history))
        }
        VersionOutcome::Replayed(b) => {
            let (row, history) = *b;
            Ok(replayed(status_response(&state, row, history)))
        }
        VersionOutcome::KeyReused => Err(key_reused()),
        VersionOutcome::NotFound => Err(Problem::not_found()),
        VersionOutcome::NotAsked { current } => Err(nothing_asked(current)),
        VersionOutcome::OtherMunicipality => Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "other-municipality",
            "Andere Kommune",
            format!(
                "Eine neue Fassung muss dieselbe Kommune betreffen wie der Antrag {} ({}). \
                 Für eine andere Kommune stellen Sie bitte einen eigenen Antrag.",
                row.reference, row.municipality_name
            ),
        )),
    }
}

fn replayed(mut resp: Response) -> Response {
    resp.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    resp
}

fn key_reused() -> Problem {
    Problem::conflict(
        "idempotency-key-reused",
        "Idempotency-Key bereits verwendet",
        "Dieser Idempotency-Key wurde bereits für einen anderen Inhalt verwendet. \
         Für eine neue Fassung bitte einen neuen Schlüssel erzeugen.",
    )
}

fn nothing_asked(current: Status) -> Problem {
    Problem::conflict(
        "nothing-asked",
        "Keine offene Rückfrage",
        format!(
            "Zu diesem Antrag ist keine Rückfrage offen; sein Status ist „{}“. \
             Laden Sie die Statusseite neu, um den aktuellen Stand zu sehen. \
             Es wurde nichts gespeichert; Ihre Eingaben sind noch da.",
            current.label(efa_domain::messages::Lang::De)
        ),
    )
}

#[utoipa::path(
    get,
    path = "/api/v1/connection-requests/{id}/document",
    tag = "Anträge",
    summary = "The current version of a request, for the municipality",
    description = "Requires the status token as bearer token: the request as stored, so that the \
        municipality can open it again to answer a Rückfrage with a new version, from any \
        browser. An unknown id and a wrong or missing token are answered alike with 404.",
    params(("id" = String, Path, description = "Request id")),
    security(("status_token" = [])),
    responses(
        (status = 200, description = "The current version with its document", body = VersionDocument),
        (status = 404, description = "Unknown id or wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_document(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RequestId(id): RequestId,
) -> Result<Response, Problem> {
    with_status_token(&state, &headers, &id).await?;
    let Some((row, history)) = state.storage.get(&id, true).await? else {
        return Err(Problem::not_found());
    };
    let document = row
        .document
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(serde_json::Value::Null);
    let info = version_infos(&row, &history, &[])
        .pop()
        .ok_or_else(|| Problem::unavailable("Der Antrag konnte gerade nicht gelesen werden."))?;
    let mut resp = axum::Json(VersionDocument { info, document }).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

#[utoipa::path(
    post,
    path = "/api/v1/connection-requests/{id}/confirmation",
    tag = "Anträge",
    summary = "Confirm a request with the code from the confirmation mail",
    description = "The link in the mail to the request's Funktionspostfach carries the code \
        (`/bestaetigen/{id}#code=…`). The code works once; an unknown id, a wrong code and a \
        request that was deleted for want of confirmation are answered alike with 404.",
    params(("id" = String, Path, description = "Request id")),
    request_body(content = ConfirmationRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Confirmed", body = Confirmation),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown id, wrong code, or deleted", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "Body not received in time", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already confirmed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 256 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The body is not `{\"code\": \"…\"}`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Overloaded or database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn confirm(
    State(state): State<SharedState>,
    headers: HeaderMap,
    // A malformed id is only refused after the body is checked, as an unknown one is.
    id: Result<RequestId, Problem>,
    body: Body,
) -> Result<Response, Problem> {
    let id = id.ok().map(|RequestId(id)| id);
    if !is_json(&headers) {
        return Err(Problem::unsupported_media_type());
    }
    let bytes = read_limited(body, &headers, state.body_timeout).await?;
    let request: ConfirmationRequest = intake::parse_json(&bytes)?;
    let code = request.code.trim();
    if code.is_empty() || code.chars().count() > 128 {
        return Err(Problem::validation(vec![intake::field_problem(
            "code",
            efa_domain::messages::ErrorCode::Required,
        )]));
    }
    let Some(id) = id else {
        return Err(confirmation_not_found());
    };
    let outcome = state
        .storage
        .confirm(&id, sha256(code.as_bytes()), timeutil::now())
        .await?;
    match outcome {
        ConfirmOutcome::Confirmed { reference } => {
            tracing::info!(%id, "request confirmed");
            let mut resp = axum::Json(Confirmation {
                id,
                reference,
                confirmed: true,
            })
            .into_response();
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(resp)
        }
        ConfirmOutcome::AlreadyConfirmed { reference } => Err(Problem::conflict(
            "already-confirmed",
            "Bereits bestätigt",
            format!("Der Antrag {reference} ist bereits bestätigt. Sie müssen nichts weiter tun."),
        )),
        ConfirmOutcome::NotFound => Err(confirmation_not_found()),
    }
}

fn confirmation_not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "confirmation-not-found",
        "Bestätigungslink ungültig oder abgelaufen",
        "Dieser Bestätigungslink passt zu keinem Antrag. Vielleicht ist er unvollständig \
         kopiert, oder der Antrag wurde gelöscht, weil er nicht rechtzeitig bestätigt wurde. \
         Bitte stellen Sie den Antrag dann neu.",
    )
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
        database: None,
    })
}

#[utoipa::path(
    get,
    path = "/readyz",
    tag = "Betrieb",
    summary = "Readiness",
    description = "200 while the database answers (SQLite: its file is still the one opened; PostgreSQL: a connection from the pool runs a query), with the engine's name; 503 otherwise.",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Database unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn readyz(State(state): State<SharedState>) -> Result<axum::Json<Health>, Problem> {
    match state.storage.ready().await {
        Ok(()) => Ok(axum::Json(Health {
            status: "ready".to_owned(),
            database: Some(state.storage.engine().to_owned()),
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
