//! The app's only door to the network: every HTTP call goes through here, so that error
//! handling, paths and headers are decided in one place.

use efa_domain::catalog::Catalog;
use efa_domain::messages::{ErrorCode, FieldError};
use efa_domain::registry::Registry;
use gloo_net::http::{Request, Response};
use serde::Deserialize;

use crate::draft::Receipt;

/// What went wrong talking to the API, as data; the pages choose the wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request did not reach the server (offline, server down, blocked).
    Network,
    /// The server answered with an unexpected status.
    Status(u16),
    /// The server's answer could not be read.
    Malformed,
}

/// Why a confirmation did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmError {
    /// Not reached, overloaded or a server fault: keep the form and offer to try again.
    Retry(ApiError),
    /// The request was confirmed before (409): nothing left to do.
    AlreadyConfirmed,
    /// Unknown id, wrong code, or the request was deleted after its deadline (404); or a
    /// code that cannot be one (400, 422). Trying again will not help.
    Invalid,
}

/// The outcome of a submission.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitError {
    /// Not reached or a server fault: keep everything and offer to try again.
    Retry(ApiError),
    /// The server rejected fields (422): show them at their fields.
    Invalid(Vec<FieldError>),
    /// The same idempotency key was used for other content (409).
    Conflict,
    /// Any other refusal, with the server's explanation.
    Rejected(u16, String),
}

async fn get_text(url: &str) -> Result<String, ApiError> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !resp.ok() {
        return Err(ApiError::Status(resp.status()));
    }
    resp.text().await.map_err(|_| ApiError::Malformed)
}

thread_local! {
    /// The text of the catalog last read, for the PDF module (which checks it again itself
    /// and so needs the text, not the parsed catalog).
    static CATALOG_SOURCE: std::cell::RefCell<Option<std::rc::Rc<str>>> =
        const { std::cell::RefCell::new(None) };
}

/// `GET /api/v1/catalog`, checked by the domain crate.
pub async fn catalog() -> Result<Catalog, ApiError> {
    let text = get_text("/api/v1/catalog").await?;
    let catalog = Catalog::from_json(&text).map_err(|_| ApiError::Malformed)?;
    CATALOG_SOURCE.with(|s| *s.borrow_mut() = Some(text.into()));
    Ok(catalog)
}

/// The text of the catalog [`catalog`] last read successfully.
pub fn catalog_source() -> Option<std::rc::Rc<str>> {
    CATALOG_SOURCE.with(|s| s.borrow().clone())
}

/// The municipality registry asset (lazy: only the municipality step and validation need it).
pub async fn registry() -> Result<Registry, ApiError> {
    let text = get_text("/data/registry.tsv").await?;
    Registry::parse(&text).map_err(|_| ApiError::Malformed)
}

#[derive(Deserialize)]
struct ReceiptBody {
    id: String,
    reference: String,
    status: String,
    received_at: String,
    status_token: Option<String>,
    // Absent from an API without confirmations: nothing to confirm then, no deadline.
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    confirm_by: Option<String>,
}

#[derive(Deserialize)]
struct ProblemField {
    path: String,
    code: ErrorCode,
}

#[derive(Deserialize)]
struct ProblemBody {
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    errors: Vec<ProblemField>,
}

/// `POST /api/v1/connection-requests` of `body`, the request's JSON exactly as the draft
/// keeps it for this submission, with its idempotency key. A retry sends the same bytes
/// with the same key and gets the original answer, so retrying is always safe.
pub async fn submit(body: &str, idempotency_key: &str) -> Result<Receipt, SubmitError> {
    let resp = Request::post("/api/v1/connection-requests")
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotency_key)
        .body(body.to_owned())
        .map_err(|_| SubmitError::Retry(ApiError::Malformed))?
        .send()
        .await
        .map_err(|_| SubmitError::Retry(ApiError::Network))?;
    match resp.status() {
        200 | 201 => {
            let r: ReceiptBody = resp
                .json()
                .await
                .map_err(|_| SubmitError::Retry(ApiError::Malformed))?;
            Ok(Receipt {
                id: r.id,
                reference: r.reference,
                status: r.status,
                received_at: r.received_at,
                status_token: r.status_token.unwrap_or_default(),
                confirmed: r.confirmed,
                confirm_by: r.confirm_by,
            })
        }
        422 => {
            let p = problem(resp).await;
            if p.errors.is_empty() {
                // Refused as a whole (e.g. a Land this agency does not serve): its detail
                // says why and where to turn.
                return Err(SubmitError::Rejected(
                    422,
                    p.detail.or(p.title).unwrap_or_default(),
                ));
            }
            Err(SubmitError::Invalid(
                p.errors
                    .into_iter()
                    .map(|e| FieldError::new(e.path, e.code))
                    .collect(),
            ))
        }
        409 => Err(SubmitError::Conflict),
        s if s >= 500 || s == 408 || s == 429 => Err(SubmitError::Retry(ApiError::Status(s))),
        s => {
            let p = problem(resp).await;
            Err(SubmitError::Rejected(
                s,
                p.detail.or(p.title).unwrap_or_default(),
            ))
        }
    }
}

async fn problem(resp: Response) -> ProblemBody {
    resp.json().await.unwrap_or(ProblemBody {
        detail: None,
        title: None,
        errors: Vec::new(),
    })
}

/// One entry of a request's status history.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct HistoryEntry {
    pub status: String,
    #[serde(default)]
    pub note: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServiceRef {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LandInfo {
    pub name: String,
}

/// `GET /api/v1/connection-requests/{id}` as the API describes a request to its submitter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RequestStatus {
    pub id: String,
    pub reference: String,
    pub land: LandInfo,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub status: String,
    pub received_at: String,
    pub updated_at: String,
    pub history: Vec<HistoryEntry>,
    /// Whether the link in the mail to the Funktionspostfach was used.
    #[serde(default)]
    pub confirmed: bool,
    /// Until when an unconfirmed request is kept (RFC 3339); `None` once confirmed.
    #[serde(default)]
    pub confirm_by: Option<String>,
}

impl RequestStatus {
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

pub async fn status(id: &str, token: &str) -> Result<RequestStatus, ApiError> {
    // The id goes into the path: allow only what our ids look like.
    if !plausible_id(id) {
        return Err(ApiError::Status(404));
    }
    let resp = Request::get(&format!("/api/v1/connection-requests/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !resp.ok() {
        return Err(ApiError::Status(resp.status()));
    }
    resp.json().await.map_err(|_| ApiError::Malformed)
}

/// What the API answers to a successful confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Confirmed {
    pub id: String,
    pub reference: String,
}

/// Whether `id` can be one of our request ids; anything else never goes into a path.
fn plausible_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `POST /api/v1/connection-requests/{id}/confirmation` with the code from the mail's link.
/// The code is the only credential, so no Authorization header.
pub async fn confirm(id: &str, code: &str) -> Result<Confirmed, ConfirmError> {
    if !plausible_id(id) {
        return Err(ConfirmError::Invalid);
    }
    let body = serde_json::json!({ "code": code }).to_string();
    let resp = Request::post(&format!("/api/v1/connection-requests/{id}/confirmation"))
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ConfirmError::Retry(ApiError::Malformed))?
        .send()
        .await
        .map_err(|_| ConfirmError::Retry(ApiError::Network))?;
    match resp.status() {
        // A 200 whose body cannot be read still means "try again": the retry then learns
        // from the 409 that the first attempt went through.
        200 | 201 => resp
            .json()
            .await
            .map_err(|_| ConfirmError::Retry(ApiError::Malformed)),
        409 => Err(ConfirmError::AlreadyConfirmed),
        400 | 404 | 422 => Err(ConfirmError::Invalid),
        // 5xx, 408, 429 and anything unexpected (a proxy's 403, say): the code may well be
        // right, so keep the form.
        s => Err(ConfirmError::Retry(ApiError::Status(s))),
    }
}
