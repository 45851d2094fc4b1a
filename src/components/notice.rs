//! The notice a page shows while an asset it needs (catalog, registry) loads, or when it
//! could not be loaded: the same words in the same place on every page; and what stands
//! in place of something whose module could not be fetched.

use leptos::html;
use leptos::prelude::*;

use crate::components::page::set_title;
use crate::i18n::{ShellText, Words};
use crate::state::{LoadState, use_app};
use crate::steps::Step;

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

/// In place of something whose module could not be fetched (a page, the stored draft's
/// reader): a focused heading that says so, that nothing typed is lost, and "Erneut
/// versuchen" in a form, which dispatches `retry` (its value `false`: failed again).
#[component]
pub fn NotFetched(
    /// The heading, also the page's title.
    title: ShellText,
    /// Said while a retry runs.
    loading: ShellText,
    retry: Action<(), bool>,
    /// Whether to offer the way back to the overview (there is none without the pages).
    #[prop(optional)]
    overview_link: bool,
) -> impl IntoView {
    let app = use_app();
    let h1 = NodeRef::<html::H1>::new();
    // Like every page: its title, and focus on its heading for screen readers.
    Effect::new(move |_| {
        set_title(&app.t(title), false, "");
        if let Some(h) = h1.get() {
            let _ = h.focus();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        retry.dispatch(());
    };
    let progress = move || {
        if retry.pending().get() {
            app.t(loading)
        } else if retry.value().get() == Some(false) {
            app.t(ShellText::PageNotLoadedAgain)
        } else {
            String::new()
        }
    };
    view! {
        <h1 tabindex="-1" node_ref=h1>{move || app.t(title)}</h1>
        <div class="notice notice--warning" role="alert">
            <p>{move || app.t(ShellText::PageNotLoadedBody)}</p>
        </div>
        <form on:submit=on_submit>
            <p class="hint" role="status">{progress}</p>
            <button type="submit" class="button button-primary"
                aria-disabled=move || retry.pending().get().then_some("true")>
                {move || app.t(ShellText::PageNotLoadedRetry)}
            </button>
        </form>
        {overview_link.then(|| view! {
            <p><a href=Step::Overview.path()>{move || app.t(ShellText::PageNotLoadedOverview)}</a></p>
        })}
    }
}
