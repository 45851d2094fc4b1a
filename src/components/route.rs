//! The Land's contract route for the chosen municipality: who receives the request and
//! the steps to go. Steps tied to a channel (DVDV, DataClearing NRW) are listed only where
//! a selected service uses that channel. Three pages show it, each as much as the clerk
//! needs there.

use leptos::prelude::*;

use crate::i18n::{CommonText, RouteText};
use crate::state::use_app;

/// How much of the route a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteDetail {
    /// After choosing the municipality: the whole route with its sources.
    Full,
    /// On the review page: the recipient and the step titles.
    Brief,
    /// After submitting: what happens next, step by step.
    Next,
}

#[component]
pub fn RouteSummary(detail: RouteDetail) -> impl IntoView {
    let app = use_app();
    // The routes travel with the rules' module; the confirmation page, opened again
    // later, has loaded nothing else.
    app.ensure_rules();
    move || {
        let r = app.route()?;
        let channels = app
            .readiness()
            .map(|r| r.channels_in_use())
            .unwrap_or_default();
        let steps = r.steps_for(&channels);
        let operator = r.operator;
        let address = operator.address.map(|a| format!(", {a}"));
        let contact = operator.contact_email.map(|mail| {
            view! { <a href=format!("mailto:{mail}")>{mail}</a> }
        });
        Some(match detail {
            RouteDetail::Full => view! {
                <section class="route" aria-labelledby="route-title">
                    <h2 id="route-title">{app.t(RouteText::RouteTitle)}": "{r.title}</h2>
                    <p>{r.summary}</p>
                    <p><strong>{app.t(RouteText::RouteRecipient)}": "</strong>{operator.name}{address}</p>
                    {contact.map(|link| view! {
                        <p><strong>{app.t(RouteText::RouteContact)}": "</strong>{link}</p>
                    })}
                    <ol class="list list--number">
                        {steps.into_iter().map(|s| view! {
                            <li><strong>{s.title}</strong>" ("{s.frequency.label_de()}"): "{s.explanation}</li>
                        }).collect_view()}
                    </ol>
                    <p class="hint">{app.t(CommonText::Sources)}": "
                        {r.sources.iter().map(|s| view! { <a href=*s rel="noopener noreferrer">{*s}</a>" " }).collect_view()}
                    </p>
                </section>
            }
            .into_any(),
            RouteDetail::Brief => view! {
                <h2>{app.t(RouteText::RouteTitle)}": "{r.title}</h2>
                <p>{app.t(RouteText::RouteRecipient)}": "{operator.name}</p>
                <ol class="list list--number">
                    {steps.into_iter().map(|s| view! { <li>{s.title}</li> }).collect_view()}
                </ol>
            }
            .into_any(),
            RouteDetail::Next => view! {
                <h2>{app.t(RouteText::WhatHappensNext)}</h2>
                <p>{app.t(RouteText::RecipientIs)}" "<strong>{operator.name}</strong>{address}"."</p>
                {contact.map(|link| view! { <p>{app.t(RouteText::RouteContact)}": "{link}</p> })}
                <p>{r.summary}</p>
                <ol class="list list--number">
                    {steps.into_iter().map(|s| view! {
                        <li><strong>{s.title}</strong>": "{s.explanation}</li>
                    }).collect_view()}
                </ol>
            }
            .into_any(),
        })
    }
}
