//! The app's only door to the network: every HTTP call to the API goes through here, so
//! that error handling, base paths and retries are decided in one place.

use serde::Deserialize;

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

/// The part of the catalog the start page needs.
#[derive(Debug, Clone, Deserialize)]
pub struct CatalogSummary {
    pub catalog_version: String,
    pub services: Vec<serde::de::IgnoredAny>,
}

/// `GET /api/v1/catalog`.
pub async fn catalog_summary() -> Result<CatalogSummary, ApiError> {
    let resp = gloo_net::http::Request::get("/api/v1/catalog")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !resp.ok() {
        return Err(ApiError::Status(resp.status()));
    }
    resp.json::<CatalogSummary>().await.map_err(|_| ApiError::Malformed)
}
