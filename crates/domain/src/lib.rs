//! The domain of EfA-Onboarding.
//!
//! Everything the clerk sees and everything the API checks comes from here: the service
//! catalog, the contract route per Land, the prerequisite rules and readiness, the
//! municipality registry, identifier validation and the connection request.
//!
//! This crate does no IO and depends on no web, UI or database crate, so that the browser
//! app (wasm32) and the API (native) share exactly the same rules.

pub mod catalog;
pub mod civil;
pub mod compare;
pub mod ident;
pub mod json;
pub mod land;
pub mod messages;
pub mod path;
pub mod readiness;
pub mod registry;
pub mod request;
pub mod route;
pub mod sample;
pub mod search;
pub mod status;
pub mod text;
pub mod wire;

/// Version of the `ConnectionRequest` schema and of exported drafts.
///
/// - 1: the first version.
/// - 2: a Gemeindeverband may apply; it is named by its ARS and has an empty AGS, and its
///   kind is one of the Verband kinds. Everything else is as in 1, so a version-1
///   document is a valid version-2 document and is still accepted as it is.
/// - 3: what an agency needs per service (domain.md §6.9): the Organisationseinheit's area
///   of responsibility, a contact at the Fachverfahren's vendor, the embedding, and the
///   municipality's Leitweg-ID as a field of its own (before, an evidence value of the
///   EfA-Marktplatz prerequisite). The new fields are absent from older documents, which
///   are accepted as they are and keep their bytes and fingerprint.
pub const SCHEMA_VERSION: u32 = 3;
