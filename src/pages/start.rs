//! The start page: what the assistant does and the way in.

use leptos::prelude::*;

use crate::api;
use crate::i18n::{Lang, Text, t};

#[component]
pub fn StartPage() -> impl IntoView {
    let lang = use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::De));
    let catalog = LocalResource::new(api::catalog_summary);
    view! {
        <h1>{move || t(lang.get(), Text::ProductName)}</h1>
        <p class="lead">{move || t(lang.get(), Text::Tagline)}</p>
        <p role="status" class="catalog-count">
            {move || match catalog.get() {
                None => t(lang.get(), Text::CatalogLoading),
                Some(Ok(c)) => t(lang.get(), Text::CatalogCount(c.services.len())),
                Some(Err(_)) => t(lang.get(), Text::CatalogUnavailable),
            }}
        </p>
        <a class="button button-primary" href="/ueberblick" role="button">
            {move || t(lang.get(), Text::Start)}
        </a>
    }
}
