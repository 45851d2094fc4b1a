//! "Absenden": the declarations, then the submission to the API, as one form and one
//! action. A lost connection or a
//! server fault keeps everything and offers a retry that reuses the idempotency key and
//! the exact bytes, so the server can never store the request twice; a 422 sends each
//! field error back to its step.

use efa_domain::messages::FieldError;
use efa_domain::request::ConnectionRequest;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, SubmitError};
use crate::components::fields::{Checkbox, TextField};
use crate::components::page::Page;
use crate::draft::{self, Submission};
use crate::i18n::{CommonText, SubmitText, Text};
use crate::pages::loaded;
use crate::state::use_app;
use crate::steps::Step;

/// The content fingerprint that decides whether a retry is "the same request": the
/// request without its `updated_at` stamp, which changes with every save.
pub fn content_fingerprint(request: &ConnectionRequest) -> String {
    let mut r = request.clone();
    r.updated_at = r.created_at.clone();
    r.fingerprint()
}

/// The submission to send: the earlier attempt if the content is unchanged, else a new
/// key with the current content.
pub fn prepare(
    existing: Option<&Submission>,
    request: &ConnectionRequest,
    new_key: impl FnOnce() -> String,
) -> Submission {
    let fingerprint = content_fingerprint(request);
    match existing {
        Some(s) if s.fingerprint == fingerprint && s.receipt.is_none() => s.clone(),
        _ => Submission {
            idempotency_key: new_key(),
            fingerprint,
            body: serde_json::to_string(request).unwrap_or_default(),
            receipt: None,
        },
    }
}

/// The receipt of a new version: the request's state as the server answered, with the
/// time the version was received (its history entry) and the token it was sent with.
fn version_receipt(s: efa_domain::wire::RequestStatus, token: &str) -> draft::Receipt {
    let received_at = s
        .history
        .iter()
        .rev()
        .find(|h| h.version == Some(s.version))
        .map_or_else(|| s.updated_at.clone(), |h| h.at.clone());
    draft::Receipt {
        id: s.id,
        reference: s.reference,
        status: s.status,
        received_at,
        status_token: token.to_owned(),
        confirmed: s.confirmed,
        confirm_by: s.confirm_by,
        version: Some(s.version),
    }
}

/// How a press of "Absenden" ended.
#[derive(Debug, Clone, PartialEq)]
enum Sent {
    /// Received; the receipt is in the draft.
    Received,
    /// Fields to correct, shown in the error summary (found here or by the server).
    Invalid,
    /// Nothing was stored or it is unknown whether it was: the same press is safe again.
    Failed(Text),
    /// Refused by the server, with its explanation (German, from the agency's API).
    Refused(String),
}

#[component]
pub fn SubmitPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    app.ensure_registry();
    crate::pages::remember_step(Step::Submit);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let errs: Signal<Vec<FieldError>> = errors.into();
    let navigate = use_navigate();

    let decl = move |path: &'static str,
                     label: Text,
                     get: fn(&efa_domain::request::Declarations) -> bool,
                     set: fn(&mut efa_domain::request::Declarations, bool)| {
        view! {
            <Checkbox path=path label=Signal::derive(move || app.t(label))
                checked=Signal::derive(move || app.draft.with(|d| get(&d.request.declarations)))
                set=Callback::new(move |v: bool| app.edit(|d| set(&mut d.request.declarations, v)))
                errors=errs />
        }
    };

    let send = Action::new_local(move |_: &()| async move {
        let Ok((catalog, registry)) = loaded(app).await else {
            return Sent::Failed(CommonText::LoadFailedRetry.into());
        };
        // Validate everything here first: the clerk sees every problem at once and the
        // server only gets requests it will accept.
        let problems = app.draft.with_untracked(|d| {
            d.request
                .validate(&catalog, &registry)
                .err()
                .unwrap_or_default()
        });
        if !problems.is_empty() {
            errors.set(problems);
            return Sent::Invalid;
        }
        errors.set(Vec::new());
        let submission = app
            .draft
            .with_untracked(|d| prepare(d.submission.as_ref(), &d.request, draft::random_id));
        app.draft
            .update(|d| d.submission = Some(submission.clone()));
        app.save_now();
        let amends = app.draft.with_untracked(|d| d.amends.clone());
        let sent = match &amends {
            None => api::submit(&submission.body, &submission.idempotency_key).await,
            Some(a) => api::submit_version(
                &a.id,
                &a.status_token,
                &submission.body,
                &submission.idempotency_key,
            )
            .await
            .map(|s| version_receipt(s, &a.status_token)),
        };
        match sent {
            Ok(receipt) => {
                app.draft.update(|d| {
                    if let Some(s) = d.submission.as_mut() {
                        s.receipt = Some(receipt);
                    }
                    d.step = Step::Confirmation;
                });
                app.save_now();
                Sent::Received
            }
            Err(SubmitError::Retry(api::ApiError::Network)) => {
                Sent::Failed(SubmitText::SubmitNetworkError.into())
            }
            Err(SubmitError::Retry(_)) => Sent::Failed(SubmitText::SubmitServerError.into()),
            Err(SubmitError::Invalid(list)) => {
                errors.set(list);
                Sent::Invalid
            }
            Err(SubmitError::Conflict) => Sent::Failed(SubmitText::SubmitConflict.into()),
            Err(SubmitError::Rejected(_, detail)) => Sent::Refused(detail),
        }
    });
    let sending = send.pending();
    // Leaving the page after the receipt is the one effect on the outside world.
    Effect::new(move |_| {
        if send.value().with(|v| v == &Some(Sent::Received)) {
            navigate(Step::Confirmation.path(), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One request at a time: a second press while sending would only wait for the
        // same answer.
        if !sending.get_untracked() {
            send.dispatch(());
        }
    };

    let already = move || app.draft.with(|d| d.is_submitted());

    view! {
        <Page step=Step::Submit errors=errs>
            {move || already().then(|| view! {
                <div class="notice">
                    <p>{app.t(SubmitText::AlreadySubmitted)}</p>
                    <p><a href=Step::Confirmation.path()>{app.t(SubmitText::GoToConfirmation)}</a></p>
                </div>
            })}
            {move || app.draft.with(|d| d.amends.clone()).map(|a| view! {
                <div class="notice">
                    <p>{crate::i18n::amending_notice(&a.reference, a.version + 1, app.lang.get())}</p>
                </div>
            })}
            <p>{move || app.t(SubmitText::SubmitIntro)}</p>
            <form novalidate on:submit=on_submit>
                <h2>{move || app.t(SubmitText::DeclarationsTitle)}</h2>
                {decl("declarations.authorised", SubmitText::DeclAuthorised.into(), |d| d.authorised, |d, v| d.authorised = v)}
                {decl("declarations.information_correct", SubmitText::DeclCorrect.into(), |d| d.information_correct, |d, v| d.information_correct = v)}
                {decl("declarations.data_protection_acknowledged", SubmitText::DeclPrivacy.into(), |d| d.data_protection_acknowledged, |d, v| d.data_protection_acknowledged = v)}
                <TextField path="notes" label=Signal::derive(move || app.t(SubmitText::FieldNotes)) optional=true multiline=true
                    value=Signal::derive(move || app.draft.with(|d| d.request.notes.clone()))
                    set=Callback::new(move |v: String| app.edit(|d| d.request.notes = v))
                    errors=errs />
                <div aria-live="assertive" class="submit-status">
                    // While a retry runs, the notice of the last attempt is gone: the button
                    // says what happens now.
                    {move || match send.value().get().filter(|_| !sending.get()) {
                        Some(Sent::Failed(text)) => Some(view! {
                            <div class="notice notice--warning" role="alert">
                                <p>{app.t(text)}</p>
                                <p>{app.t(SubmitText::DraftIsSafe)}</p>
                            </div>
                        }.into_any()),
                        Some(Sent::Refused(detail)) => Some(view! {
                            <div class="notice notice--warning" role="alert">
                                <p>{app.t(SubmitText::SubmitRejected)}</p>
                                {(!detail.is_empty()).then(|| view! { <p>{detail}</p> })}
                                <p>{app.t(SubmitText::DraftIsSafe)}</p>
                            </div>
                        }.into_any()),
                        _ => None,
                    }}
                </div>
                <div class="button-group">
                    <button type="submit" class="button button-primary"
                        aria-busy=move || sending.get().then_some("true")>
                        {move || match (sending.get(), send.value().get()) {
                            (true, _) => app.t(SubmitText::Sending),
                            (false, Some(Sent::Failed(_) | Sent::Refused(_))) => app.t(SubmitText::SendAgain),
                            _ => app.t(SubmitText::SubmitButton),
                        }}
                    </button>
                    <a class="link-button" href=Step::Review.path()>{move || app.t(SubmitText::BackToReview)}</a>
                </div>
            </form>
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_of_unchanged_content_reuses_key_and_bytes() {
        let mut r = ConnectionRequest::new("2026-11-28T10:00:00Z");
        let first = prepare(None, &r, || "k1".into());
        // Saving again only moves the timestamp: still the same request.
        r.updated_at = "2026-11-28T10:05:00Z".into();
        let again = prepare(Some(&first), &r, || "k2".into());
        assert_eq!(again, first);
        // A real change gets a new key.
        r.notes = "Bitte Rückruf".into();
        let changed = prepare(Some(&first), &r, || "k3".into());
        assert_eq!(changed.idempotency_key, "k3");
        assert_ne!(changed.body, first.body);
    }
}
