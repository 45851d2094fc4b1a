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
use crate::i18n::CommonText;
use crate::state::{AppState, use_app};
use crate::steps::Step;

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
    let rules = app.rules_loaded().await?;
    let all = app
        .draft
        .with_untracked(|d| (rules.check)(&d.request, &catalog, &registry).errors);
    Ok(errors_for(step, &all))
}

/// Where "Weiter" on `step` leads when its fields are complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Continue {
    /// Go on to this step.
    To(Step),
    /// The step has errors; they are shown.
    Errors,
    /// Catalog or registry could not be loaded, so nothing could be checked.
    LoadFailed,
}

/// A question page: a real `<form>` around its fields, so Enter in a field submits it as
/// "Weiter" does. Submitting checks this step's fields; on success it goes to the next
/// step (or back to "Prüfen" when the clerk came from there), otherwise it shows the
/// errors. Nothing typed is lost either way.
#[component]
pub fn QuestionForm(
    step: Step,
    errors: RwSignal<Vec<FieldError>>,
    /// A button label other than "Weiter".
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let query = use_query_map();
    let back_to_review = move || query.with(|q| q.get("zurueck").as_deref() == Some("pruefen"));
    let check = Action::new_local(move |back_to_review: &bool| {
        let back_to_review = *back_to_review;
        async move {
            match step_errors(app, step).await {
                Ok(list) if list.is_empty() => {
                    errors.set(Vec::new());
                    let target = if back_to_review {
                        Step::Review
                    } else {
                        step.next()
                    };
                    app.edit(|d| d.step = target);
                    Continue::To(target)
                }
                Ok(list) => {
                    errors.set(list);
                    Continue::Errors
                }
                Err(_) => Continue::LoadFailed,
            }
        }
    });
    // Leaving the page is the one effect on the outside world: the router.
    Effect::new(move |_| {
        if let Some(Continue::To(target)) = check.value().get() {
            navigate(target.path(), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !check.pending().get_untracked() {
            check.dispatch(back_to_review());
        }
    };
    let text = move || match (label, back_to_review()) {
        (_, true) => app.t(CommonText::SaveAndBackToReview),
        (Some(l), false) => l.get(),
        (None, false) => app.t(CommonText::Continue),
    };
    view! {
        <form novalidate on:submit=on_submit>
            {children()}
            {move || (check.value().get() == Some(Continue::LoadFailed)).then(|| view! {
                <div class="notice notice--warning" role="alert">{app.t(CommonText::LoadFailedRetry)}</div>
            })}
            <div class="button-group">
                <button type="submit" class="button button-primary"
                    aria-busy=move || check.pending().get().then_some("true")>
                    {text}
                </button>
                <a class="link-button" href=Step::Overview.path()>{move || app.t(CommonText::BackToOverview)}</a>
            </div>
        </form>
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
