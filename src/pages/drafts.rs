//! Drafts: list, open and delete the drafts kept in this browser; export the current one as
//! a JSON file and load one back (checked before it replaces anything); start again after
//! a confirmation.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::components::page::Page;
use crate::draft::{self, Draft, ImportError};
use crate::i18n::{CommonText, DraftsText, Text};
use crate::state::use_app;
use crate::steps::Step;

fn import_error_text(e: ImportError) -> Text {
    match e {
        ImportError::Broken => DraftsText::ImportBroken.into(),
        ImportError::Foreign => DraftsText::ImportForeign.into(),
        ImportError::Newer => DraftsText::ImportNewer.into(),
        ImportError::Invalid => DraftsText::ImportInvalid.into(),
    }
}

#[component]
pub fn DraftsPage() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let drafts = RwSignal::new(draft::list());
    let pending = RwSignal::new(None::<Draft>);
    let import_error = RwSignal::new(None::<ImportError>);
    let confirm_delete = RwSignal::new(None::<String>);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text.map(|t| draft::import(&t)) {
                Some(Ok(d)) => {
                    import_error.set(None);
                    pending.set(Some(d));
                }
                Some(Err(e)) => {
                    pending.set(None);
                    import_error.set(Some(e));
                }
                None => import_error.set(Some(ImportError::Broken)),
            }
        });
    };

    let open = {
        let navigate = navigate.clone();
        move |d: Draft| {
            let step = if d.step == Step::Start {
                Step::Overview
            } else {
                d.step
            };
            app.save_now();
            app.replace(d);
            drafts.set(draft::list());
            navigate(step.path(), Default::default());
        }
    };
    let open_for_list = open.clone();
    let new_draft = {
        let navigate = navigate.clone();
        move |_| {
            app.save_now();
            app.replace(Draft::new(draft::random_id(), &draft::now_rfc3339()));
            navigate(Step::Overview.path(), Default::default());
        }
    };
    let current_id = move || app.draft.with(|d| d.id.clone());

    view! {
        <Page step=Step::Overview errors=Signal::stored(Vec::new()) heading=Signal::derive(move || app.t(DraftsText::DraftsTitle))>
            <p>{move || app.t(DraftsText::DraftsIntro)}</p>
            {move || {
                let list = drafts.get();
                if list.is_empty() {
                    return view! { <p>{app.t(DraftsText::NoDrafts)}</p> }.into_any();
                }
                let open = open_for_list.clone();
                view! {
                    <ul class="draft-list">
                        {list.into_iter().map(|d| {
                            let title = if d.title().is_empty() { app.t(DraftsText::UntitledDraft) } else { d.title() };
                            let services = d.request.services.len();
                            let updated = crate::i18n::format_timestamp(&d.request.updated_at, app.lang.get_untracked());
                            let id = d.id.clone();
                            let id_del = d.id.clone();
                            let id_confirm = d.id.clone();
                            let is_current = id == current_id();
                            let open = open.clone();
                            let submitted = d.is_submitted();
                            view! {
                                <li class="draft-list__item">
                                    <p><strong>{title.clone()}</strong>
                                        {is_current.then(|| view! { " "<span class="tag tag--blue">{app.t(DraftsText::CurrentDraft)}</span> })}
                                        {submitted.then(|| view! { " "<span class="tag tag--green">{app.t(CommonText::SectionDone)}</span> })}
                                    </p>
                                    <p class="hint">{app.t(DraftsText::DraftMeta(services))}" · "{app.t(DraftsText::LastChanged)}" "{updated}</p>
                                    <div class="button-group">
                                        <button type="button" class="button button-secondary" on:click=move |_| open(d.clone())>
                                            {app.t(DraftsText::OpenDraft)}<span class="visually-hidden">": "{title.clone()}</span>
                                        </button>
                                        <button type="button" class="button button-warning" on:click=move |_| confirm_delete.set(Some(id_del.clone()))>
                                            {app.t(DraftsText::DeleteDraft)}<span class="visually-hidden">": "{title.clone()}</span>
                                        </button>
                                    </div>
                                    {move || (confirm_delete.get().as_deref() == Some(id_confirm.as_str())).then(|| {
                                        let id = id.clone();
                                        view! {
                                            <div class="notice notice--warning" role="alertdialog" aria-label=app.t(DraftsText::DeleteQuestion)>
                                                <p><strong>{app.t(DraftsText::DeleteQuestion)}</strong></p>
                                                <div class="button-group">
                                                    <button type="button" class="button button-warning" on:click=move |_| {
                                                        draft::delete(&id);
                                                        if id == current_id() {
                                                            app.replace(Draft::new(draft::random_id(), &draft::now_rfc3339()));
                                                        }
                                                        confirm_delete.set(None);
                                                        drafts.set(draft::list());
                                                    }>{app.t(DraftsText::DeleteConfirm)}</button>
                                                    <button type="button" class="button button-secondary" on:click=move |_| confirm_delete.set(None)>{app.t(CommonText::Cancel)}</button>
                                                </div>
                                            </div>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <div class="button-group">
                <button type="button" class="button button-secondary" on:click=new_draft>{move || app.t(DraftsText::NewDraft)}</button>
            </div>
            <h2>{move || app.t(CommonText::ImportDraft)}</h2>
            <div class="form-group" class:form-group--error=move || import_error.get().is_some()>
                <label class="label" for="draft-file">{move || app.t(DraftsText::ImportLabel)}</label>
                <p class="hint" id="draft-file-hint">{move || app.t(DraftsText::ImportHint)}</p>
                {move || import_error.get().map(|e| view! {
                    <p class="error-message" id="draft-file-error" role="alert">
                        <span class="visually-hidden">{app.t(CommonText::ErrorPrefix)}": "</span>{app.t(import_error_text(e))}
                    </p>
                })}
                <input id="draft-file" class="file-upload" type="file" accept=".json,application/json"
                    aria-describedby=move || if import_error.get().is_some() { "draft-file-hint draft-file-error" } else { "draft-file-hint" }
                    on:change=on_file />
            </div>
            {move || pending.get().map(|d| {
                let title = if d.title().is_empty() { app.t(DraftsText::UntitledDraft) } else { d.title() };
                let services = d.request.services.len();
                let open = open.clone();
                view! {
                    <div class="notice" role="alertdialog" aria-labelledby="import-question">
                        <p id="import-question"><strong>{app.t(DraftsText::ImportQuestion)}</strong></p>
                        <p>{title}" · "{app.t(DraftsText::DraftMeta(services))}</p>
                        <div class="button-group">
                            <button type="button" class="button button-primary" on:click=move |_| {
                                // An imported draft gets a fresh id so it never overwrites
                                // a draft already kept here.
                                let mut d = d.clone();
                                d.id = draft::random_id();
                                pending.set(None);
                                open(d);
                            }>{app.t(DraftsText::ImportConfirm)}</button>
                            <button type="button" class="button button-secondary" on:click=move |_| pending.set(None)>{app.t(CommonText::Cancel)}</button>
                        </div>
                    </div>
                }
            })}
        </Page>
    }
}
