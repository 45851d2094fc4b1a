//! The PDF module: a second, small wasm module with the PDF code of `efa-documents`. The app
//! loads it the first time it shows document downloads (see `src/documents.rs`), so the PDF
//! writer is not part of the first load.
//!
//! It takes what the app has as text (the request and the catalog as JSON) and checks both
//! again with the domain crate before drawing anything.

use efa_documents::{DocumentKind, Generation, Submission};
use efa_domain::catalog::Catalog;
use efa_domain::request::ConnectionRequest;
use wasm_bindgen::prelude::*;

fn main() {}

/// The document `kind` (a [`DocumentKind::name`]) for `request_json`, as bytes.
///
/// `generated_at` is RFC 3339; `reference` and `received_at` are given for the final
/// documents of a submitted request and absent for drafts; `version` is the request's
/// version (absent: the first). Errors are a short English
/// reason for the console; the app shows its own wording.
#[wasm_bindgen]
pub fn document(
    kind: &str,
    request_json: &str,
    catalog_json: &str,
    generated_at: &str,
    reference: Option<String>,
    received_at: Option<String>,
    version: Option<u32>,
) -> Result<Vec<u8>, String> {
    let kind =
        DocumentKind::from_name(kind).ok_or_else(|| format!("unknown document kind `{kind}`"))?;
    let request: ConnectionRequest =
        serde_json::from_str(request_json).map_err(|e| format!("request: {e}"))?;
    let catalog = Catalog::from_json(catalog_json).map_err(|e| format!("catalog: {e}"))?;
    let submission = match (reference, received_at) {
        (Some(reference), Some(received_at)) => Some(Submission {
            reference,
            received_at,
            version: version.unwrap_or(1),
        }),
        _ => None,
    };
    let generation = Generation {
        generated_at,
        submission: submission.as_ref(),
    };
    efa_documents::generate(kind, &request, &catalog, &generation)
        .map(|d| d.bytes)
        .map_err(|e| format!("document: {e}"))
}
