//! EfA-Onboarding in the browser: a Leptos app (client-side rendered, compiled to
//! WebAssembly) that guides a municipal clerk from choosing EfA services to a submitted
//! connection request.
//!
//! Rules live in `efa-domain`; this crate only presents them. The API is called in [`api`]
//! and nowhere else (the PDF module's script is loaded by [`documents`]); all interface
//! wording is in [`i18n`].

pub mod api;
pub mod app;
pub mod components;
pub mod documents;
pub mod download;
pub mod draft;
pub mod fragment;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod rules;
pub mod state;
pub mod steps;

/// Mounts the app into `<body>`, replacing the static start page of `index.html` (see
/// the progressive start there).
pub fn start() {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(shell) = doc.get_element_by_id("boot") {
            shell.remove();
        }
        if let Some(root) = doc.document_element() {
            let _ = root.remove_attribute("data-boot");
        }
    }
    leptos::mount::mount_to_body(app::App);
}
