//! The notice a page shows while an asset it needs (catalog, registry) loads, or when it
//! could not be loaded: the same words in the same place on every page.

use leptos::prelude::*;

use crate::i18n::Words;
use crate::state::{LoadState, use_app};

#[component]
pub fn LoadNotice<L, F>(
    #[prop(into)] state: Signal<LoadState>,
    /// Said politely while loading.
    loading: L,
    /// Said as an alert when the load failed.
    failed: F,
) -> impl IntoView
where
    L: Words + Send + Sync + 'static,
    F: Words + Send + Sync + 'static,
{
    let app = use_app();
    move || match state.get() {
        LoadState::Failed => Some(
            view! { <div class="notice notice--warning" role="alert">{app.t(failed)}</div> }
                .into_any(),
        ),
        LoadState::Loading => {
            Some(view! { <p class="hint" role="status">{app.t(loading)}</p> }.into_any())
        }
        LoadState::Ready => None,
    }
}
