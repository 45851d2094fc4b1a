//! The readiness panel: per service, whether it can go live and what is still open, and
//! the next actions. The prerequisites page and the review page show it.

use efa_domain::catalog::Catalog;
use efa_domain::readiness::{Readiness, ServiceReadiness};
use leptos::prelude::*;

use crate::i18n::{CommonText, ReadinessText, ReviewText};
use crate::state::current_lang;
use crate::steps::{Step, change_link};

/// Where the next actions lead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ActionLinks {
    /// To the checklist item on the same page (the prerequisites page).
    #[default]
    SamePage,
    /// To the checklist item on the prerequisites page, and back to "Prüfen" from there.
    FromReview,
    /// Plain text: a submitted request has no checklist to work on.
    Unlinked,
}

/// Per-service readiness and the ordered next actions.
#[component]
pub fn ReadinessPanel(
    readiness: Readiness,
    catalog: std::sync::Arc<Catalog>,
    #[prop(optional)] links: ActionLinks,
) -> impl IntoView {
    let lang = current_lang();
    let services = readiness.services.clone();
    let next: Vec<_> = readiness.next_actions.iter().take(5).cloned().collect();
    let more = readiness.next_actions.len().saturating_sub(5);
    view! {
        <section class="readiness" aria-labelledby="readiness-title">
            <h2 id="readiness-title">{ReadinessText::ReadinessTitle.text(lang)}</h2>
            <ul class="readiness__list">
                {services.into_iter().map(|s| {
                    let name = catalog.service(&s.service).map(|x| x.name.clone()).unwrap_or(s.service.clone());
                    let (tag, class, detail) = match &s.readiness {
                        ServiceReadiness::Bereit => (ReadinessText::ReadinessReady.text(lang), "tag tag--green", String::new()),
                        ServiceReadiness::Blockiert { reasons, open } => (
                            ReadinessText::ReadinessBlocked.text(lang),
                            "tag tag--red",
                            {
                                let mut parts: Vec<String> = reasons.iter().map(|r| r.text_de()).collect();
                                if !open.is_empty() {
                                    parts.push(ReadinessText::OpenItems(open.len()).text(lang));
                                }
                                parts.join(" ")
                            },
                        ),
                        ServiceReadiness::OffenePunkte { open } => (ReadinessText::ReadinessOpen.text(lang), "tag tag--yellow", ReadinessText::OpenItems(open.len()).text(lang)),
                    };
                    view! {
                        <li><strong>{name}</strong>" "<span class=class>{tag}</span>
                            {(!detail.is_empty()).then(|| view! { <span class="readiness__detail">" "{detail}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!next.is_empty()).then(|| view! {
                <h3 class="heading-s">{ReadinessText::NextActionsTitle.text(lang)}</h3>
                <ol class="list list--number">
                    {next.into_iter().map(|a| {
                        let title = catalog.prerequisite(&a.prerequisite).map(|p| p.title.clone()).unwrap_or(a.prerequisite.clone());
                        let anchor = format!("item-{}", a.prerequisite);
                        let href = match links {
                            ActionLinks::FromReview => change_link(Step::Prerequisites, &anchor),
                            _ => format!("#{anchor}"),
                        };
                        let label = if a.can_start { String::new() } else { format!(" ({})", CommonText::SectionCannotStart.text(lang)) };
                        if links == ActionLinks::Unlinked {
                            view! { <li>{title}{label}</li> }.into_any()
                        } else {
                            view! { <li><a href=href>{title}</a>{label}</li> }.into_any()
                        }
                    }).collect_view()}
                </ol>
                {(more > 0).then(|| view! { <p class="hint">{ReadinessText::MoreNextActions(more).text(lang)}</p> })}
            })}
        </section>
    }
}

/// The panel and, below it, every prerequisite still open, said plainly: the review page
/// shows a draft's, the agency's console a submitted request's snapshot.
#[component]
pub fn ReadinessWithOpenItems(
    readiness: Readiness,
    catalog: std::sync::Arc<Catalog>,
    /// Of a submitted request, read by the agency: next actions unlinked, and the open
    /// points said of the submission rather than as advice to the clerk.
    #[prop(optional)]
    submitted: bool,
) -> impl IntoView {
    let lang = current_lang();
    let links = if submitted {
        ActionLinks::Unlinked
    } else {
        ActionLinks::FromReview
    };
    let open: Vec<String> = readiness
        .next_actions
        .iter()
        .map(|a| {
            catalog
                .prerequisite(&a.prerequisite)
                .map(|p| p.title.clone())
                .unwrap_or(a.prerequisite.clone())
        })
        .collect();
    view! {
        <ReadinessPanel readiness catalog links />
        {if open.is_empty() {
            view! { <p>{ReviewText::NoOpenItems.text(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="notice notice--warning">
                    <p><strong>{if submitted {
                        ReviewText::OpenItemsSubmitted(open.len())
                    } else {
                        ReviewText::OpenItemsHonest(open.len())
                    }.text(lang)}</strong></p>
                    <ul class="list list--bullet">{open.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                </div>
            }.into_any()
        }}
    }
}
