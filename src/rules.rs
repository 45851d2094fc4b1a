//! The request's checks and the readiness rules, as the pages reach them.
//!
//! They are the largest part of the domain the first pages use (the overview's status of
//! each section, the warnings on the municipality step), yet they are needed only once the
//! catalog is in, since they check against it. So the app built with `split` keeps them
//! in a module of its own, fetched while the catalog loads: [`Rules`] holds the entry
//! points that module hands over. Without the feature they are linked in as usual.

use efa_domain::catalog::Catalog;
use efa_domain::readiness::{self, Readiness};
use efa_domain::registry::Registry;
use efa_domain::request::{ConnectionRequest, Validation};

use crate::api::ApiError;

/// The entry points of the rules' module.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Every error and warning of a request (`ConnectionRequest::check`).
    pub check: fn(&ConnectionRequest, &Catalog, &Registry) -> Validation,
    /// The readiness of the selected services (`readiness::evaluate`), once the request
    /// names its municipality's Land and services.
    pub readiness: fn(&Catalog, &ConnectionRequest) -> Option<Readiness>,
}

fn readiness_of(catalog: &Catalog, request: &ConnectionRequest) -> Option<Readiness> {
    let input = request.readiness_input()?;
    Some(readiness::evaluate(catalog, &input))
}

/// Named only where the rules' module hands them over, so with `split` the functions
/// they point to are linked into that module alone.
const HERE: Rules = Rules {
    check: ConnectionRequest::check,
    readiness: readiness_of,
};

/// The rules, once their module is in; a failed fetch counts as a network failure, like
/// a failed load of the catalog they work with.
#[cfg(feature = "split")]
pub async fn load() -> Result<Rules, ApiError> {
    rules().await
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    request_rules,
    wasm_split_path = ::leptos::wasm_split,
    fallible
)]
fn rules() -> Result<Rules, ApiError> {
    Ok(HERE)
}

#[cfg(not(feature = "split"))]
pub async fn load() -> Result<Rules, ApiError> {
    Ok(HERE)
}
