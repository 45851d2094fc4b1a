//! "Anfrage bestätigen": the page behind the link the API mails to the request's
//! Funktionspostfach, `/bestaetigen/{id}#code=…`. (Not to be confused with
//! [`super::confirmation`], the page shown right after submitting.)
//!
//! The code is a secret like the status token: once read it leaves the address bar and
//! the history and stays in this tab's session storage (see [`crate::fragment`]).
//! Nothing is sent on load: mail security scanners open links, and opening must not
//! confirm. Only the clerk's press of the button does.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use efa_domain::wire::Confirmation;

use crate::api::{self, ApiError, ConfirmError};
use crate::components::page::{Page, focus_id};
use crate::fragment;
use crate::i18n::{ConfirmText, confirmed_message};
use crate::state::{AppState, use_app};
use crate::steps::Step;

/// The DOM id of the outcome that replaces the form, which takes focus when it appears.
const RESULT_ID: &str = "bestaetigung-ergebnis";

fn storage_key(id: &str) -> String {
    format!("efa-confirm-code:{id}")
}

/// The code from the link, percent-decoded in case a mail program encoded it.
fn take_code(id: &str) -> Option<String> {
    let raw = fragment::take("code", &storage_key(id))?;
    let decoded = js_sys::decode_uri_component(&raw)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or(raw);
    Some(decoded.trim().to_string()).filter(|c| !c.is_empty())
}

/// After a confirmation (or learning of an earlier one), the draft's receipt of this
/// request in this browser says so too, so its confirmation page stops asking for it.
fn mark_confirmed(app: AppState, id: &str) {
    let pending = app.draft.with_untracked(|d| {
        d.submission
            .as_ref()
            .and_then(|s| s.receipt.as_ref())
            .is_some_and(|r| r.id == id && !r.confirmed)
    });
    if pending {
        app.draft.update(|d| {
            if let Some(r) = d.submission.as_mut().and_then(|s| s.receipt.as_mut()) {
                r.confirmed = true;
                r.confirm_by = None;
            }
        });
        app.save_now();
    }
}

/// Whether `outcome` ends the page's work: the form gives way to the outcome.
fn is_final(outcome: &Result<Confirmation, ConfirmError>) -> bool {
    !matches!(outcome, Err(ConfirmError::Retry(_)))
}

#[component]
pub fn ConfirmRequestPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let code = take_code(&id);
    let has_code = code.is_some();

    let confirm = Action::new_local(move |(id, code): &(String, String)| {
        let (id, code) = (id.clone(), code.clone());
        async move {
            let outcome = api::confirm(&id, &code).await;
            if matches!(outcome, Ok(_) | Err(ConfirmError::AlreadyConfirmed)) {
                mark_confirmed(app, &id);
            }
            outcome
        }
    });
    let outcome = confirm.value();
    let pending = confirm.pending();
    // Only a final outcome replaces the form; a retryable one leaves the form (and the
    // focus on its button) where it is and shows its message above it.
    let final_outcome = Memo::new(move |_| outcome.get().filter(is_final));

    // The form is gone once the outcome is final: put focus on what replaced it, so
    // keyboard and screen-reader users are not left on nothing.
    Effect::new(move |_| {
        if final_outcome.with(Option::is_some) {
            focus_id(RESULT_ID);
        }
    });

    let heading = Signal::derive(move || {
        app.t(match outcome.get() {
            _ if !has_code => ConfirmText::ConfirmIncompleteTitle,
            Some(Ok(_)) | Some(Err(ConfirmError::AlreadyConfirmed)) => {
                ConfirmText::ConfirmDoneTitle
            }
            Some(Err(ConfirmError::Invalid)) => ConfirmText::ConfirmInvalidTitle,
            Some(Err(ConfirmError::Retry(_))) | None => ConfirmText::ConfirmTitle,
        })
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(code) = code.clone() {
            confirm.dispatch_local((id.clone(), code));
        }
    };

    let form = move || {
        let on_submit = on_submit.clone();
        view! {
            <p>{move || app.t(ConfirmText::ConfirmIntro)}</p>
            // Hidden while a new attempt runs, so a repeated failure is inserted (and
            // announced) afresh.
            {move || match outcome.get() {
                _ if pending.get() => None,
                Some(Err(ConfirmError::Retry(e))) => Some(view! {
                    <div class="notice notice--warning" role="alert">
                        <p>{app.t(if e == ApiError::Network { ConfirmText::ConfirmNetworkError } else { ConfirmText::ConfirmServerError })}</p>
                    </div>
                }),
                _ => None,
            }}
            <form on:submit=on_submit>
                <div class="button-group">
                    <button type="submit" class="button button-primary"
                        aria-busy=move || pending.get().then_some("true")>
                        {move || app.t(if pending.get() { ConfirmText::Confirming } else { ConfirmText::ConfirmButton })}
                    </button>
                </div>
            </form>
        }
    };

    let body = move || {
        if !has_code {
            return view! {
                <div class="notice notice--warning">
                    <p>{app.t(ConfirmText::ConfirmCodeMissing)}</p>
                </div>
            }
            .into_any();
        }
        match final_outcome.get() {
            Some(Ok(done)) => view! {
                <div class="panel panel--confirmation" id=RESULT_ID tabindex="-1" role="status">
                    <p class="panel__body">{confirmed_message(&done.reference, app.lang.get())}</p>
                </div>
                <p>{app.t(ConfirmText::ConfirmNext)}</p>
            }
            .into_any(),
            Some(Err(ConfirmError::AlreadyConfirmed)) => view! {
                <div class="notice" id=RESULT_ID tabindex="-1" role="status">
                    <p>{app.t(ConfirmText::ConfirmAlready)}</p>
                </div>
                <p>{app.t(ConfirmText::ConfirmNext)}</p>
            }
            .into_any(),
            Some(Err(ConfirmError::Invalid)) => view! {
                <div class="notice notice--warning" id=RESULT_ID tabindex="-1" role="alert">
                    <p>{app.t(ConfirmText::ConfirmInvalid)}</p>
                    <p>{app.t(ConfirmText::ConfirmInvalidCopy)}</p>
                </div>
                <p><a href=Step::Start.path()>{app.t(ConfirmText::ConfirmStartAgain)}</a></p>
            }
            .into_any(),
            Some(Err(ConfirmError::Retry(_))) | None => form().into_any(),
        }
    };

    view! {
        <Page step=Step::Confirmation errors=Signal::stored(Vec::new()) heading hide_back=true>
            {body}
        </Page>
    }
}
