//! "Bestätigung": the reference number, the request still to be confirmed through the link
//! mailed to the Funktionspostfach (and by when), what happens next on this Land route and
//! who receives the request, the documents, and a status link that works later from any
//! browser (the token travels in the URL fragment, which browsers never send to servers).

use efa_domain::request::ConnectionRequest;
use leptos::prelude::*;

use crate::components::downloads::DraftDocuments;
use crate::components::page::Page;
use crate::components::route::{RouteDetail, RouteSummary};
use crate::i18n::{
    CommonText, ConfirmationText, confirm_deadline, confirm_mail_sent, format_timestamp,
    version_sent,
};
use crate::state::use_app;
use crate::steps::Step;

/// The Funktionspostfach of the request as it was sent, which is where the API mailed the
/// confirmation link (the draft may have been edited since).
pub fn sent_mailbox(body: &str) -> Option<String> {
    serde_json::from_str::<ConnectionRequest>(body)
        .ok()
        .map(|r| r.contacts.funktionspostfach)
        .filter(|m| !m.trim().is_empty())
}

/// The status link for a receipt, absolute so it can be bookmarked or mailed.
pub fn status_link(origin: &str, id: &str, token: &str) -> String {
    format!("{origin}/status/{id}#token={token}")
}

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let app = use_app();
    let receipt = move || {
        app.draft
            .with(|d| d.submission.as_ref().and_then(|s| s.receipt.clone()))
    };
    let heading = Signal::derive(move || {
        app.t(if receipt().is_some() {
            ConfirmationText::ConfirmationTitle
        } else {
            ConfirmationText::NothingSubmitted
        })
    });
    let body = move || {
        let Some(r) = receipt() else {
            return view! {
                <p><a href=Step::Overview.path()>{app.t(CommonText::BackToOverview)}</a></p>
            }
            .into_any();
        };
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let link = status_link(&origin, &r.id, &r.status_token);
        view! {
            <div class="panel panel--confirmation">
                <p class="panel__title">{app.t(CommonText::ReferenceNumber)}</p>
                <p class="panel__body"><strong class="reference">{r.reference.clone()}</strong></p>
            </div>
            <p>{app.t(CommonText::ReceivedAt)}": "{format_timestamp(&r.received_at, app.lang.get())}</p>
            {r.version.filter(|v| *v > 1).map(|v| view! { <p>{version_sent(v, app.lang.get())}</p> })}
            {r.confirmation_deadline().map(|by| {
                let lang = app.lang.get();
                let mailbox = app.draft.with(|d| {
                    d.submission.as_ref().and_then(|s| sent_mailbox(&s.body))
                });
                view! {
                    <div class="notice notice--warning">
                        <h2>{app.t(ConfirmationText::ConfirmMailTitle)}</h2>
                        <p>{confirm_mail_sent(mailbox.as_deref().unwrap_or_default(), lang)}</p>
                        <p><strong>{confirm_deadline(&format_timestamp(by, lang), lang)}</strong></p>
                        <p>{app.t(ConfirmationText::ConfirmMailSpam)}</p>
                    </div>
                }
            })}
            <RouteSummary detail=RouteDetail::Next />
            <h2>{app.t(ConfirmationText::StatusLinkTitle)}</h2>
            <p>{app.t(ConfirmationText::StatusLinkHint)}</p>
            <p class="status-link"><a href=link.clone()>{link.clone()}</a></p>
            <h2>{app.t(CommonText::DocumentsTitle)}</h2>
            <DraftDocuments final_version=true />
            <p><a href="/entwuerfe">{app.t(ConfirmationText::StartNewRequest)}</a></p>
        }.into_any()
    };
    view! {
        <Page step=Step::Confirmation errors=Signal::stored(Vec::new()) heading=heading hide_back=true>
            {body}
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mailbox_is_the_one_sent() {
        let mut r = ConnectionRequest::new("2026-11-28T10:00:00Z");
        r.contacts.funktionspostfach = "digitalisierung@stadt.example".into();
        let body = serde_json::to_string(&r).unwrap();
        assert_eq!(
            sent_mailbox(&body).as_deref(),
            Some("digitalisierung@stadt.example")
        );
        r.contacts.funktionspostfach = " ".into();
        assert_eq!(sent_mailbox(&serde_json::to_string(&r).unwrap()), None);
        assert_eq!(sent_mailbox("{ broken"), None);
    }
}
