//! "Prüfen": every answer on one page with "Ändern" links that return here after the change
//! (WCAG 3.3.4), the open prerequisites listed honestly, the draft documents, and print.

use leptos::prelude::*;

use crate::components::downloads::DraftDocuments;
use crate::components::page::Page;
use crate::components::readiness::ReadinessWithOpenItems;
use crate::components::request::RequestSummary;
use crate::components::route::{RouteDetail, RouteSummary};
use crate::components::{anchor_for, step_for};
use crate::i18n::{CommonText, ReviewText};
use crate::state::use_app;
use crate::steps::{Step, change_link};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    app.ensure_registry();
    crate::pages::remember_step(Step::Review);

    // The request as the agency will read it, each row with its way back.
    let summary = move || {
        let request = app.draft.with(|d| d.request.clone());
        view! { <RequestSummary request catalog=app.catalog_ready() editable=true /> }
    };

    let readiness = move || {
        let catalog = app.catalog_ready()?;
        let readiness = app.readiness()?;
        Some(view! {
            <h2>{app.t(ReviewText::ReviewPrerequisites)}</h2>
            <p><a href=change_link(Step::Prerequisites, "")>{app.t(ReviewText::ChangePrerequisites)}</a></p>
            <ReadinessWithOpenItems readiness catalog />
        })
    };

    // Values the catalog cannot confirm, with a way back to each; they do not block the
    // submission, so they are a notice and not an error summary.
    let warnings = move || {
        let catalog = app.catalog_ready()?;
        let list = app.warnings()?;
        if list.is_empty() {
            return None;
        }
        Some(view! {
            <section class="notice notice--warning" aria-labelledby="warnings-title">
                <h2 id="warnings-title" class="heading-s">{app.t(ReviewText::WarningsTitle)}</h2>
                <p>{app.t(ReviewText::WarningsIntro)}</p>
                <ul class="list list--bullet">
                    {list.into_iter().map(|w| {
                        let href = change_link(step_for(&w.path), &anchor_for(&w.path));
                        let message = app.warning_text(&w, &catalog).unwrap_or_default();
                        // The link says whose field it changes, for lists of links.
                        let whose = w
                            .service
                            .as_deref()
                            .and_then(|id| catalog.service(id))
                            .map(|s| format!(" {}", s.name))
                            .unwrap_or_default();
                        view! {
                            <li>{message}" "<a href=href>{app.t(CommonText::Change)}<span class="visually-hidden">{whose}</span></a></li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    };

    view! {
        <Page step=Step::Review errors=Signal::stored(Vec::new())>
            <p>{move || app.t(ReviewText::ReviewIntro)}</p>
            {warnings}
            {summary}
            {readiness}
            <RouteSummary detail=RouteDetail::Brief />
            <h2 class="no-print">{move || app.t(CommonText::DocumentsTitle)}</h2>
            <div class="no-print"><DraftDocuments /></div>
            <div class="button-group no-print">
                <a class="button button-primary" href=Step::Submit.path() role="button">{move || app.t(ReviewText::ContinueToSubmit)}</a>
                <button type="button" class="button button-secondary" on:click=move |_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{move || app.t(ReviewText::Print)}</button>
            </div>
        </Page>
    }
}
