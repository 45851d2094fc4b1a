//! The request id in a path, as an extractor: a handler that takes a [`RequestId`] only
//! runs with a well-formed id in its canonical form, and every malformed one is answered
//! like an unknown request.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::problem::Problem;

/// A well-formed request id (UUID), hyphenated and in lower case as stored.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<RequestId, Problem> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| Problem::not_found())?;
        let id = uuid::Uuid::try_parse(&raw).map_err(|_| Problem::not_found())?;
        Ok(RequestId(id.hyphenated().to_string()))
    }
}
