//! Everything that touches the domain crate: catalog and registry loading, parsing and
//! validating a submitted request, and field errors with the app's wording.
//!
//! The client is never trusted. A body goes through three stages, each reporting every
//! problem it finds:
//! 1. JSON syntax (400 with line and column),
//! 2. shape against the request's JSON Schema from the domain crate: unknown fields,
//!    missing fields, wrong types and unknown choices, all at once (422),
//! 3. the domain's own validation against catalog and registry (422).
//!
//! Syntax and fingerprint live in `intake/parse.rs`, the shape walk in `intake/shape.rs`,
//! the shared field errors in `intake/fields.rs`; this module loads catalog and registry
//! and runs the stages in [`prepare`].

mod fields;
mod parse;
mod shape;

use std::path::Path;

use axum::body::Bytes;
use efa_domain::catalog::Catalog;
use efa_domain::ident::Ags;
use efa_domain::messages::ErrorCode;
use efa_domain::registry::Registry;
use efa_domain::request::ConnectionRequest;
use serde_json::Value;

pub use self::fields::field_problem;
use self::fields::from_domain;
use self::parse::serde_problem;
pub use self::parse::{fingerprint, parse_json, parse_value};
pub use self::shape::shape_errors;
use crate::problem::Problem;
use crate::startup::StartupError;
use crate::storage::ServiceRef;
use crate::token::sha256;

/// The catalog shipped with this build.
const SHIPPED_CATALOG: &str = include_str!("../../../public/catalog/efa-catalog.json");
/// The municipality registry shipped with this build (the same file the app loads).
const SHIPPED_REGISTRY: &str = include_str!("../../../public/data/registry.tsv");

/// The catalog in use, with the exact bytes served at `/api/v1/catalog`.
#[derive(Debug)]
pub struct LoadedCatalog {
    pub catalog: Catalog,
    pub raw: Bytes,
    /// Strong ETag over `raw`.
    pub etag: String,
}

impl LoadedCatalog {
    pub fn from_text(text: &str, source_name: &str) -> Result<LoadedCatalog, StartupError> {
        let catalog = Catalog::from_json(text).map_err(|errors| StartupError::Catalog {
            source_name: source_name.to_owned(),
            errors: errors.into_iter().map(|e| e.to_string()).collect(),
        })?;
        let digest = sha256(text.as_bytes());
        let etag = format!(
            "\"{}\"",
            base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, digest)
        );
        Ok(LoadedCatalog {
            catalog,
            raw: Bytes::copy_from_slice(text.as_bytes()),
            etag,
        })
    }
}

/// The catalog from `path`, or the shipped one. A file given at start must be valid;
/// every problem in it is reported.
pub fn load_catalog(path: Option<&Path>) -> Result<LoadedCatalog, StartupError> {
    match path {
        None => LoadedCatalog::from_text(SHIPPED_CATALOG, "shipped efa-catalog.json"),
        Some(p) => {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| StartupError::Catalog {
                source_name: name.clone(),
                errors: vec![format!("cannot read the file: {e}")],
            })?;
            LoadedCatalog::from_text(&text, &name)
        }
    }
}

pub fn load_registry() -> Result<Registry, StartupError> {
    Registry::parse(SHIPPED_REGISTRY).map_err(|e| StartupError::Registry(e.to_string()))
}

/// The request's JSON Schema as the domain crate generates it.
pub fn request_json_schema() -> Option<Value> {
    let schema = ConnectionRequest::json_schema();
    schema.is_object().then_some(schema)
}

/// A validated request and what the store needs from it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub land: efa_domain::land::Land,
    pub ags: String,
    pub ars: String,
    pub municipality_name: String,
    pub services: Vec<ServiceRef>,
    pub schema_version: i64,
    pub document: String,
    /// The document's short fingerprint, as its PDF prints it.
    pub fingerprint: String,
    /// The Funktionspostfach, where confirmation and status mails go.
    pub mail_to: String,
}

/// Validates a submission completely; `value` is `bytes` already parsed.
pub fn prepare(
    bytes: &[u8],
    value: &Value,
    schema: &Value,
    catalog: &LoadedCatalog,
    registry: &Registry,
) -> Result<Prepared, Problem> {
    let shape = shape_errors(schema, value);
    if !shape.is_empty() {
        return Err(Problem::validation(shape));
    }
    // Deserialised from the bytes rather than the parsed value so that duplicate keys,
    // which a JSON value silently collapses, are caught.
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let request: ConnectionRequest = serde_path_to_error::deserialize(de)
        .map_err(|e| Problem::validation(vec![serde_problem(&e)]))?;
    request
        .validate(&catalog.catalog, registry)
        .map_err(|e| Problem::validation(from_domain(e)))?;

    // After validation the AGS is in the registry and ARS, name and Land agree with it;
    // the registry is still the source of what is stored.
    // A Gemeindeverband (schema version 2) is named by its ARS alone.
    let entry = match Ags::parse(&request.municipality.ags) {
        Ok(ags) => registry.by_ags(&ags),
        Err(_) => efa_domain::ident::Ars::parse(&request.municipality.ars)
            .ok()
            .and_then(|ars| registry.by_ars(&ars))
            .filter(|e| e.is_gemeindeverband()),
    };
    let Some(entry) = entry else {
        return Err(Problem::validation(vec![field_problem(
            "municipality.ags",
            ErrorCode::AgsNotInRegistry,
        )]));
    };
    let services = request
        .services
        .iter()
        .map(|s| ServiceRef {
            id: s.service_id.clone(),
            name: catalog
                .catalog
                .service(&s.service_id)
                .map_or_else(|| s.service_id.clone(), |c| c.name.clone()),
        })
        .collect();
    let document = serde_json::to_string(&request).map_err(|_| Problem::internal())?;
    Ok(Prepared {
        land: entry.land(),
        // Stored empty for a Gemeindeverband, which has no AGS.
        ags: entry.ags().map(ToString::to_string).unwrap_or_default(),
        ars: entry.ars().to_string(),
        municipality_name: entry.name().to_owned(),
        services,
        schema_version: i64::from(request.schema_version),
        document,
        fingerprint: request.fingerprint(),
        mail_to: request.contacts.funktionspostfach.trim().to_owned(),
    })
}
