//! The app's only door to the network: every HTTP call goes through here, so that error
//! handling, paths and headers are decided in one place.

use efa_domain::catalog::Catalog;
use efa_domain::messages::{ErrorCode, FieldError};
use efa_domain::registry::Registry;
use efa_domain::request::ConnectionRequest;
use efa_domain::wire::{
    AnswerRequest, Confirmation, ConfirmationRequest, MunicipalitySuggestions, ProblemBody,
    RequestStatus, SubmissionReceipt,
};
use gloo_net::http::{Request, RequestBuilder, Response};

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

/// Why an answer to a Rückfrage did not go through. In every case the clerk's text stays
/// in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerError {
    /// Not reached, overloaded or a server fault: try again.
    Retry(ApiError),
    /// The server rejected the text (422): show it at the field.
    Invalid(Vec<FieldError>),
    /// Nothing is asked any more (409) or the link no longer fits (404), with the
    /// server's explanation where it gave one.
    Refused(String),
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

/// Sends a GET and keeps only a successful answer.
async fn get_ok(request: RequestBuilder) -> Result<Response, ApiError> {
    let resp = request.send().await.map_err(|_| ApiError::Network)?;
    if !resp.ok() {
        return Err(ApiError::Status(resp.status()));
    }
    Ok(resp)
}

async fn get_text(url: &str) -> Result<String, ApiError> {
    let resp = get_ok(Request::get(url)).await?;
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
    // The parser's module (see `parse_catalog`) is fetched while the catalog is.
    let (text, ()) =
        futures_util::future::join(get_text("/api/v1/catalog"), parser_fetched()).await;
    let text: std::rc::Rc<str> = text?.into();
    let catalog = parse_catalog(std::rc::Rc::clone(&text)).await?;
    CATALOG_SOURCE.with(|s| *s.borrow_mut() = Some(text));
    Ok(catalog)
}

/// The catalog's parser (with the catalog model's serde code) is needed only once the
/// catalog has arrived, so the app built with `split` keeps it in a module of its own,
/// fetched while the catalog loads; a failed fetch counts as a network failure.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    catalog_parser,
    wasm_split_path = ::leptos::wasm_split,
    preload(preload_catalog_parser),
    fallible
)]
fn parse_catalog(text: std::rc::Rc<str>) -> Result<Catalog, ApiError> {
    Catalog::from_json(&text).map_err(|_| ApiError::Malformed)
}

#[cfg(not(feature = "split"))]
async fn parse_catalog(text: std::rc::Rc<str>) -> Result<Catalog, ApiError> {
    Catalog::from_json(&text).map_err(|_| ApiError::Malformed)
}

/// Fetches the catalog parser's module; a failure is left to `parse_catalog` to report.
async fn parser_fetched() {
    #[cfg(feature = "split")]
    {
        let _ = preload_catalog_parser().await;
    }
}

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ApiError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ApiError::Network
    }
}

/// The text of the catalog [`catalog`] last read successfully.
pub fn catalog_source() -> Option<std::rc::Rc<str>> {
    CATALOG_SOURCE.with(|s| s.borrow().clone())
}

/// The municipality registry asset (lazy: only the municipality step and validation need it).
pub async fn registry() -> Result<Registry, ApiError> {
    // Like the catalog's: the parser's module is fetched while the registry is.
    let (text, ()) =
        futures_util::future::join(get_text("/data/registry.tsv"), registry_parser_fetched()).await;
    parse_registry(text?).await
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    registry_parser,
    wasm_split_path = ::leptos::wasm_split,
    preload(preload_registry_parser),
    fallible
)]
fn parse_registry(text: String) -> Result<Registry, ApiError> {
    Registry::parse(&text).map_err(|_| ApiError::Malformed)
}

#[cfg(not(feature = "split"))]
async fn parse_registry(text: String) -> Result<Registry, ApiError> {
    Registry::parse(&text).map_err(|_| ApiError::Malformed)
}

/// Fetches the registry parser's module; a failure is left to `parse_registry` to report.
async fn registry_parser_fetched() {
    #[cfg(feature = "split")]
    {
        let _ = preload_registry_parser().await;
    }
}

/// `GET /api/v1/municipalities?q=`: the server's search of the same registry, for the
/// keystrokes before the registry asset has arrived.
pub async fn municipalities(query: &str) -> Result<MunicipalitySuggestions, ApiError> {
    let resp = get_ok(Request::get("/api/v1/municipalities").query([("q", query)])).await?;
    resp.json().await.map_err(|_| ApiError::Malformed)
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
            let r: SubmissionReceipt = resp
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
                version: None,
            })
        }
        _ => Err(submit_error(resp).await),
    }
}

/// `POST /api/v1/connection-requests/{id}/versions`: the next version of a request, in
/// answer to the agency's Rückfrage, with its status token. Like a submission, a retry
/// sends the same bytes with the same key and gets the state the first send produced.
pub async fn submit_version(
    id: &str,
    token: &str,
    body: &str,
    idempotency_key: &str,
) -> Result<RequestStatus, SubmitError> {
    if !plausible_id(id) {
        return Err(SubmitError::Rejected(404, String::new()));
    }
    let resp = Request::post(&format!("/api/v1/connection-requests/{id}/versions"))
        .header("Content-Type", "application/json")
        .header("Authorization", &format!("Bearer {token}"))
        .header("Idempotency-Key", idempotency_key)
        .body(body.to_owned())
        .map_err(|_| SubmitError::Retry(ApiError::Malformed))?
        .send()
        .await
        .map_err(|_| SubmitError::Retry(ApiError::Network))?;
    match resp.status() {
        200 => resp
            .json()
            .await
            .map_err(|_| SubmitError::Retry(ApiError::Malformed)),
        // Nothing asked any more, or the key was used for other content: the server's
        // explanation says which.
        409 => Err(SubmitError::Rejected(409, explanation(problem(resp).await))),
        _ => Err(submit_error(resp).await),
    }
}

/// What the app reads of a [`efa_domain::wire::VersionDocument`]: the version and the
/// request itself, typed at once, because the app links no `serde_json::Value` (see
/// ARCHITECTURE.md, decisions). Unknown members are ignored, so the API may add any.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct StoredVersion {
    pub version: u32,
    pub document: ConnectionRequest,
}

/// `GET /api/v1/connection-requests/{id}/document`: the current version of a request, to
/// amend it.
pub async fn request_document(id: &str, token: &str) -> Result<StoredVersion, ApiError> {
    if !plausible_id(id) {
        return Err(ApiError::Status(404));
    }
    let resp = Request::get(&format!("/api/v1/connection-requests/{id}/document"))
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !resp.ok() {
        return Err(ApiError::Status(resp.status()));
    }
    resp.json().await.map_err(|_| ApiError::Malformed)
}

/// Why a submission or a new version was not accepted, from an answer other than 2xx.
async fn submit_error(resp: Response) -> SubmitError {
    match resp.status() {
        422 => {
            let mut p = problem(resp).await;
            // Every code the API sends is one of the domain's; one it would not know is
            // left out rather than shown as a wrong message.
            let errors: Vec<FieldError> = p
                .errors
                .take()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| Some(FieldError::new(e.path, ErrorCode::parse(&e.code)?)))
                .collect();
            if errors.is_empty() {
                // Refused as a whole (e.g. a Land this agency does not serve): its detail
                // says why and where to turn.
                return SubmitError::Rejected(422, explanation(p));
            }
            SubmitError::Invalid(errors)
        }
        409 => SubmitError::Conflict,
        s if s >= 500 || s == 408 || s == 429 => SubmitError::Retry(ApiError::Status(s)),
        s => {
            let p = problem(resp).await;
            SubmitError::Rejected(s, explanation(p))
        }
    }
}

/// The problem body of a refusal; an empty one when the answer is not one (a proxy's page).
async fn problem(resp: Response) -> ProblemBody {
    resp.json().await.unwrap_or(ProblemBody {
        problem_type: String::new(),
        title: String::new(),
        status: resp.status(),
        detail: String::new(),
        errors: None,
    })
}

/// What the API said about a refusal: its detail, else its title.
fn explanation(p: ProblemBody) -> String {
    if p.detail.is_empty() {
        p.title
    } else {
        p.detail
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

/// Whether `id` can be one of our request ids; anything else never goes into a path.
fn plausible_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `POST /api/v1/connection-requests/{id}/confirmation` with the code from the mail's link.
/// The code is the only credential, so no Authorization header.
pub async fn confirm(id: &str, code: &str) -> Result<Confirmation, ConfirmError> {
    if !plausible_id(id) {
        return Err(ConfirmError::Invalid);
    }
    let body = serde_json::to_string(&ConfirmationRequest {
        code: code.to_owned(),
    })
    .map_err(|_| ConfirmError::Retry(ApiError::Malformed))?;
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

/// `POST /api/v1/connection-requests/{id}/answer`: the municipality's answer to the
/// agency's Rückfrage, with the status token. Sending the same text again is safe: the
/// server answers with the state the first send produced.
pub async fn answer(id: &str, token: &str, text: &str) -> Result<RequestStatus, AnswerError> {
    if !plausible_id(id) {
        return Err(AnswerError::Refused(String::new()));
    }
    let body = serde_json::to_string(&AnswerRequest {
        answer: text.to_owned(),
    })
    .map_err(|_| AnswerError::Retry(ApiError::Malformed))?;
    let resp = Request::post(&format!("/api/v1/connection-requests/{id}/answer"))
        .header("Content-Type", "application/json")
        .header("Authorization", &format!("Bearer {token}"))
        .body(body)
        .map_err(|_| AnswerError::Retry(ApiError::Malformed))?
        .send()
        .await
        .map_err(|_| AnswerError::Retry(ApiError::Network))?;
    match resp.status() {
        200 => resp
            .json()
            .await
            .map_err(|_| AnswerError::Retry(ApiError::Malformed)),
        422 => {
            let mut p = problem(resp).await;
            let errors: Vec<FieldError> = p
                .errors
                .take()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| Some(FieldError::new(e.path, ErrorCode::parse(&e.code)?)))
                .collect();
            if errors.is_empty() {
                return Err(AnswerError::Refused(explanation(p)));
            }
            Err(AnswerError::Invalid(errors))
        }
        404 | 409 => Err(AnswerError::Refused(explanation(problem(resp).await))),
        s => Err(AnswerError::Retry(ApiError::Status(s))),
    }
}
