//! The readiness panel: per service, whether it can go live and what is still open, and
//! the next actions. The prerequisites page and the review page show it.

use efa_domain::catalog::Catalog;
use efa_domain::readiness::{Readiness, ServiceReadiness};
use leptos::prelude::*;

use crate::i18n::{CommonText, ReadinessText};
use crate::state::use_app;

/// Per-service readiness and the ordered next actions.
#[component]
pub fn ReadinessPanel(readiness: Readiness, catalog: std::sync::Arc<Catalog>) -> impl IntoView {
    let app = use_app();
    let services = readiness.services.clone();
    let next: Vec<_> = readiness.next_actions.iter().take(5).cloned().collect();
    let more = readiness.next_actions.len().saturating_sub(5);
    view! {
        <section class="readiness" aria-labelledby="readiness-title">
            <h2 id="readiness-title">{app.t(ReadinessText::ReadinessTitle)}</h2>
            <ul class="readiness__list">
                {services.into_iter().map(|s| {
                    let name = catalog.service(&s.service).map(|x| x.name.clone()).unwrap_or(s.service.clone());
                    let (tag, class, detail) = match &s.readiness {
                        ServiceReadiness::Bereit => (app.t(ReadinessText::ReadinessReady), "tag tag--green", String::new()),
                        ServiceReadiness::Blockiert { reasons, open } => (
                            app.t(ReadinessText::ReadinessBlocked),
                            "tag tag--red",
                            {
                                let mut parts: Vec<String> = reasons.iter().map(|r| r.text_de()).collect();
                                if !open.is_empty() {
                                    parts.push(app.t(ReadinessText::OpenItems(open.len())));
                                }
                                parts.join(" ")
                            },
                        ),
                        ServiceReadiness::OffenePunkte { open } => (app.t(ReadinessText::ReadinessOpen), "tag tag--yellow", app.t(ReadinessText::OpenItems(open.len()))),
                    };
                    view! {
                        <li><strong>{name}</strong>" "<span class=class>{tag}</span>
                            {(!detail.is_empty()).then(|| view! { <span class="readiness__detail">" "{detail}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!next.is_empty()).then(|| view! {
                <h3 class="heading-s">{app.t(ReadinessText::NextActionsTitle)}</h3>
                <ol class="list list--number">
                    {next.into_iter().map(|a| {
                        let title = catalog.prerequisite(&a.prerequisite).map(|p| p.title.clone()).unwrap_or(a.prerequisite.clone());
                        let href = format!("#item-{}", a.prerequisite);
                        let label = if a.can_start { String::new() } else { format!(" ({})", app.t(CommonText::SectionCannotStart)) };
                        view! { <li><a href=href>{title}</a>{label}</li> }
                    }).collect_view()}
                </ol>
                {(more > 0).then(|| view! { <p class="hint">{app.t(ReadinessText::MoreNextActions(more))}</p> })}
            })}
        </section>
    }
}
