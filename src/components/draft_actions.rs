//! What can be done with the draft as a whole: export it, import one, start again. The
//! overview and the drafts page offer it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::download;
use crate::draft::{self, Draft};
use crate::i18n::{CommonText, DraftActionsText};
use crate::state::use_app;
use crate::steps::Step;

/// Export, import and "Neu beginnen" for the current draft (shown on the overview).
#[component]
pub fn DraftActions() -> impl IntoView {
    let app = use_app();
    let confirm_restart = RwSignal::new(false);
    let navigate = use_navigate();
    let export = move |_| {
        let (name, json) = app
            .draft
            .with_untracked(|d| (d.request.municipality.name.clone(), draft::export(d)));
        download::offer(
            &format!(
                "Entwurf_{}_{}.json",
                download::file_stem(&name),
                download::today()
            ),
            "application/json",
            json.as_bytes(),
        );
    };
    let restart = move |_| {
        let old = app.draft.with_untracked(|d| d.id.clone());
        draft::delete(&old);
        app.replace(Draft::new(draft::random_id(), &draft::now_rfc3339()));
        confirm_restart.set(false);
        navigate(Step::Overview.path(), Default::default());
    };
    view! {
        <h2>{move || app.t(DraftActionsText::DraftTitle)}</h2>
        <div class="button-group">
            <button type="button" class="button button-secondary" on:click=export>{move || app.t(DraftActionsText::ExportDraft)}</button>
            <a class="button button-secondary" href="/entwuerfe" role="button">{move || app.t(CommonText::ImportDraft)}</a>
            <button type="button" class="button button-warning" aria-expanded=move || confirm_restart.get().to_string()
                aria-controls="restart-confirm" on:click=move |_| confirm_restart.set(true)>
                {move || app.t(DraftActionsText::Restart)}
            </button>
        </div>
        <div id="restart-confirm">
            {move || confirm_restart.get().then(|| {
                let restart = restart.clone();
                view! {
                    <div class="notice notice--warning" role="alertdialog" aria-labelledby="restart-question">
                        <p id="restart-question"><strong>{app.t(DraftActionsText::RestartQuestion)}</strong></p>
                        <div class="button-group">
                            <button type="button" class="button button-warning" on:click=restart>{app.t(DraftActionsText::RestartConfirm)}</button>
                            <button type="button" class="button button-secondary" on:click=move |_| confirm_restart.set(false)>{app.t(CommonText::Cancel)}</button>
                        </div>
                    </div>
                }
            })}
        </div>
    }
}
