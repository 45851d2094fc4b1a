//! The start page: what the assistant does, what to have at hand, and the way in.
//!
//! `index.html` carries the same page as plain HTML for first-time visitors, so that it
//! shows before the app has loaded; `tests/static_start.rs` keeps the two in line. It
//! needs no data (no catalog), so that the static copy can be exact.

use leptos::prelude::*;

use crate::components::page::Page;
use crate::i18n::StartText;
use crate::state::use_app;
use crate::steps::Step;

#[component]
pub fn StartPage() -> impl IntoView {
    let app = use_app();
    let has_draft = app.draft.with_untracked(|d| {
        !d.request.municipality.name.is_empty() || !d.request.services.is_empty()
    });
    view! {
        <Page step=Step::Start errors=Signal::stored(Vec::new()) hide_back=true>
            <p class="lead">{move || app.t(StartText::Tagline)}</p>
            <p>{move || app.t(StartText::StartWhat)}</p>
            <h2>{move || app.t(StartText::StartNeedTitle)}</h2>
            <ul class="list list--bullet">
                <li>{move || app.t(StartText::StartNeedMunicipality)}</li>
                <li>{move || app.t(StartText::StartNeedContacts)}</li>
                <li>{move || app.t(StartText::StartNeedTechnical)}</li>
            </ul>
            <p>{move || app.t(StartText::StartDuration)}</p>
            <div class="notice">
                <p>{move || app.t(StartText::StartPrivacy)}</p>
            </div>
            <a class="button button-primary button-start" href=Step::Overview.path() role="button" draggable="false">
                {move || app.t(StartText::Start)}
            </a>
            <h2>{move || app.t(StartText::StartResumeTitle)}</h2>
            <p>
                {has_draft.then(|| view! {
                    <a href=Step::Overview.path()>{move || app.t(StartText::StartResumeCurrent)}</a>
                    " · "
                })}
                <a href="/entwuerfe">{move || app.t(StartText::StartResumeDrafts)}</a>
            </p>
        </Page>
    }
}
