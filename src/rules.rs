//! The request's checks, the readiness rules, the wording of their findings and the
//! Lands' contract routes, as the pages reach them.
//!
//! They are the largest part of the domain the first pages use (the overview's status of
//! each section, the warnings and the contract route on the municipality step), yet they
//! are needed only once the catalog is in, since they check against it: an error or a
//! warning exists only after a check, and the route is shown next to the readiness it
//! depends on. So the app built with `split` keeps them in a module of its own, fetched
//! while the catalog loads: [`Rules`] holds the entry points that module hands over, and
//! the texts they point to travel with it. Without the feature they are linked in as usual.

use efa_domain::catalog::Catalog;
use efa_domain::land::Land;
use efa_domain::messages::{self, ErrorCode, FieldWarning, Lang};
use efa_domain::readiness::{self, Readiness};
use efa_domain::registry::Registry;
use efa_domain::request::{ConnectionRequest, Validation};
use efa_domain::route::{self, LandRoute};

use crate::api::ApiError;

/// The entry points of the rules' module.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Every error and warning of a request (`ConnectionRequest::check`).
    pub check: fn(&ConnectionRequest, &Catalog, &Registry) -> Validation,
    /// The readiness of the selected services (`readiness::evaluate`), once the request
    /// names its municipality's Land and services.
    pub readiness: fn(&Catalog, &ConnectionRequest) -> Option<Readiness>,
    /// What an error says (`messages::message`).
    pub message: fn(ErrorCode, Lang) -> &'static str,
    /// What a warning says, naming its service from the catalog
    /// (`FieldWarning::message`).
    pub warning: fn(&FieldWarning, Lang, &Catalog) -> String,
    /// The contract route of a Land (`route::route_for`).
    pub route: fn(Land) -> LandRoute,
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
    message: messages::message,
    warning: FieldWarning::message,
    route: route::route_for,
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
