//! The status page of a submitted request: `/status/{id}#token=…` works from any browser.
//! A request not yet confirmed through the mailed link says so, with its deadline.
//!
//! The token is a secret: once read, it leaves the address bar and the browser history and
//! stays in this tab's session storage (see [`crate::fragment`]).

use efa_domain::wire::ServiceRef;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::page::Page;
use crate::components::summary::SummaryRow;
use crate::fragment;
use crate::i18n::{CommonText, StatusText};
use crate::state::use_app;
use crate::steps::Step;

fn storage_key(id: &str) -> String {
    format!("efa-status-token:{id}")
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let status = LocalResource::new(move || {
        let id = id();
        let token = fragment::take("token", &storage_key(&id));
        async move {
            match token {
                None => Err(ApiError::Status(401)),
                Some(t) => api::status(&id, &t).await,
            }
        }
    });
    let heading = Signal::derive(move || app.t(StatusText::StatusTitle));
    view! {
        <Page step=Step::Confirmation errors=Signal::stored(Vec::new()) heading hide_back=true>
            {move || match status.get() {
                None => view! { <p role="status">{app.t(CommonText::Loading)}</p> }.into_any(),
                Some(Err(ApiError::Network)) => view! { <div class="notice notice--warning" role="alert">{app.t(StatusText::StatusUnreachable)}</div> }.into_any(),
                Some(Err(_)) => view! { <div class="notice notice--warning" role="alert">{app.t(StatusText::StatusNotFound)}</div> }.into_any(),
                Some(Ok(s)) => view! {
                    {s.confirmation_deadline().map(|by| view! {
                        <div class="notice notice--warning">
                            <p>{app.t(StatusText::StatusUnconfirmed)}</p>
                            <p><strong>{crate::i18n::confirm_deadline(&crate::i18n::format_timestamp(by, app.lang.get()), app.lang.get())}</strong></p>
                        </div>
                    })}
                    <dl class="summary-list">
                        <SummaryRow label=app.t(CommonText::ReferenceNumber) value=s.reference.clone() />
                        <SummaryRow label=app.t(CommonText::FieldName) value=s.municipality_name.clone() />
                        <SummaryRow label=app.t(CommonText::FieldLand) value=s.land.name.clone() />
                        <SummaryRow label=app.t(StatusText::CurrentStatus) value=s.status.label(app.lang.get()) strong=true />
                        {(s.confirmed || s.confirmation_deadline().is_some()).then(|| view! {
                            <SummaryRow label=app.t(StatusText::ConfirmationRow) value={app.t(if s.confirmed { StatusText::ConfirmedValue } else { StatusText::UnconfirmedValue })} />
                        })}
                        <SummaryRow label=app.t(CommonText::ReceivedAt) value=crate::i18n::format_timestamp(&s.received_at, app.lang.get()) />
                        <SummaryRow label=app.t(CommonText::ReviewServices) value={s.services.iter().map(ServiceRef::display_name).collect::<Vec<_>>().join(", ")} />
                    </dl>
                    <h2>{app.t(StatusText::HistoryTitle)}</h2>
                    <ol class="list history">
                        {s.history.iter().map(|h| view! {
                            <li><strong>{h.status.label(app.lang.get())}</strong>" – "{crate::i18n::format_timestamp(&h.at, app.lang.get())}
                                {h.note.clone().filter(|n| !n.is_empty()).map(|n| view! { <p>{n}</p> })}</li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </Page>
    }
}
