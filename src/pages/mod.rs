//! One module per step of the journey, plus what they share.

pub mod confirm;
pub mod confirmation;
pub mod details;
pub mod drafts;
pub mod municipality;
pub mod overview;
pub mod prerequisites;
pub mod review;
pub mod services;
pub mod start;
pub mod status;
pub mod submit;

use std::sync::Arc;

use efa_domain::catalog::Catalog;
use efa_domain::messages::FieldError;
use efa_domain::registry::Registry;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::ApiError;
use crate::components::errors_for;
use crate::i18n::Text;
use crate::state::{AppState, use_app};
use crate::steps::Step;

/// The query parameter that brings the clerk back to "Prüfen" after a change (WCAG 3.3.4).
pub const RETURN_TO_REVIEW: &str = "zurueck=pruefen";

/// Catalog and registry, from their one load each (validation needs both): a load that
/// is running is awaited, not started again.
pub async fn loaded(app: AppState) -> Result<(Arc<Catalog>, Arc<Registry>), ApiError> {
    let catalog = app.catalog_loaded().await?;
    let registry = app.registry_loaded().await?;
    Ok((catalog, registry))
}

/// The errors of `step` in the current draft.
pub async fn step_errors(app: AppState, step: Step) -> Result<Vec<FieldError>, ApiError> {
    let (catalog, registry) = loaded(app).await?;
    let all = app
        .draft
        .with_untracked(|d| d.request.validate(&catalog, &registry));
    Ok(match all {
        Ok(()) => Vec::new(),
        Err(e) => errors_for(step, &e),
    })
}

/// The "Weiter" action of a question page: validate this step's fields; on success go to
/// the next step (or back to "Prüfen" when the clerk came from there), otherwise show the
/// errors. Nothing typed is lost either way.
pub fn continue_action(
    step: Step,
    errors: RwSignal<Vec<FieldError>>,
    load_failed: RwSignal<bool>,
) -> impl Fn() + Clone + 'static {
    let app = use_app();
    let navigate = use_navigate();
    let query = use_query_map();
    move || {
        let navigate = navigate.clone();
        let back_to_review =
            query.with_untracked(|q| q.get("zurueck").as_deref() == Some("pruefen"));
        leptos::task::spawn_local(async move {
            match step_errors(app, step).await {
                Ok(list) if list.is_empty() => {
                    errors.set(Vec::new());
                    load_failed.set(false);
                    let target = if back_to_review {
                        Step::Review
                    } else {
                        step.next()
                    };
                    app.edit(|d| d.step = target);
                    navigate(target.path(), Default::default());
                }
                Ok(list) => {
                    load_failed.set(false);
                    errors.set(list);
                }
                Err(_) => load_failed.set(true),
            }
        });
    }
}

/// The "Weiter" button and the message shown if catalog or registry could not be loaded.
#[component]
pub fn ContinueButton(
    step: Step,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional, into)] label: Option<Signal<String>>,
) -> impl IntoView {
    let app = use_app();
    let load_failed = RwSignal::new(false);
    let action = continue_action(step, errors, load_failed);
    let query = use_query_map();
    let back_to_review = move || query.with(|q| q.get("zurueck").as_deref() == Some("pruefen"));
    let text = move || match (label, back_to_review()) {
        (_, true) => app.t(Text::SaveAndBackToReview),
        (Some(l), false) => l.get(),
        (None, false) => app.t(Text::Continue),
    };
    view! {
        {move || load_failed.get().then(|| view! {
            <div class="notice notice--warning" role="alert">{app.t(Text::LoadFailedRetry)}</div>
        })}
        <div class="button-group">
            <button type="button" class="button button-primary" on:click=move |_| action()>
                {text}
            </button>
            <a class="link-button" href=Step::Overview.path()>{move || app.t(Text::BackToOverview)}</a>
        </div>
    }
}

/// Keeps the draft's "current step" in line with the page shown, so a reload or a later
/// visit resumes here.
pub fn remember_step(step: Step) {
    let app = use_app();
    if app.draft.with_untracked(|d| d.step != step) {
        app.edit(|d| d.step = step);
    }
}

/// The link for "Ändern" on the review page.
pub fn change_link(step: Step, anchor: &str) -> String {
    format!("{}?{RETURN_TO_REVIEW}#{anchor}", step.path())
}
