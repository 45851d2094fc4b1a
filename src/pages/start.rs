//! The start page: what the assistant does, what to have at hand, and the way in.

use leptos::prelude::*;

use crate::components::page::Page;
use crate::i18n::Text;
use crate::state::{Loaded, use_app};
use crate::steps::Step;

#[component]
pub fn StartPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    let has_draft = app.draft.with_untracked(|d| {
        !d.request.municipality.name.is_empty() || !d.request.services.is_empty()
    });
    let count = move || match app.catalog.get() {
        Loaded::NotYet | Loaded::Loading => app.t(Text::CatalogLoading),
        Loaded::Ready(c) => app.t(Text::CatalogCount(c.services().len())),
        Loaded::Failed(_) => app.t(Text::CatalogUnavailable),
    };
    view! {
        <Page step=Step::Start errors=Signal::stored(Vec::new()) hide_back=true>
            <p class="lead">{move || app.t(Text::Tagline)}</p>
            <p>{move || app.t(Text::StartWhat)}</p>
            <h2>{move || app.t(Text::StartNeedTitle)}</h2>
            <ul class="list list--bullet">
                <li>{move || app.t(Text::StartNeedMunicipality)}</li>
                <li>{move || app.t(Text::StartNeedContacts)}</li>
                <li>{move || app.t(Text::StartNeedTechnical)}</li>
            </ul>
            <p>{move || app.t(Text::StartDuration)}</p>
            <div class="notice">
                <p>{move || app.t(Text::StartPrivacy)}</p>
            </div>
            <p role="status" class="catalog-count">{count}</p>
            <a class="button button-primary button-start" href=Step::Overview.path() role="button" draggable="false">
                {move || app.t(Text::Start)}
            </a>
            <h2>{move || app.t(Text::StartResumeTitle)}</h2>
            <p>
                {has_draft.then(|| view! {
                    <a href=Step::Overview.path()>{move || app.t(Text::StartResumeCurrent)}</a>
                    " · "
                })}
                <a href="/entwuerfe">{move || app.t(Text::StartResumeDrafts)}</a>
            </p>
        </Page>
    }
}
