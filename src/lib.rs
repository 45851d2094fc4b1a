//! EfA-Onboarding in the browser: a Leptos app (client-side rendered, compiled to
//! WebAssembly) that guides a municipal clerk from choosing EfA services to a submitted
//! connection request.
//!
//! Rules live in `efa-domain`; this crate only presents them. HTTP happens in [`api`] and
//! nowhere else; all interface wording is in [`i18n`].

pub mod api;
pub mod app;
pub mod components;
pub mod download;
pub mod draft;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod steps;

/// Mounts the app into `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
