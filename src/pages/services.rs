//! "Leistungen auswählen": the catalog with free-text search and filters, a profile
//! (Steckbrief) per service with its facts, prerequisites and sources, and multi-select.

use std::sync::Arc;

use efa_domain::catalog::{Catalog, Channel, Service};
use efa_domain::land::Land;
use efa_domain::messages::FieldError;
use efa_domain::registry::EntryKind;
use efa_domain::search::{ServiceFilter, ServiceIndex, themenfelder, umsetzende_laender};
use leptos::prelude::*;

use crate::components::notice::LoadNotice;
use crate::components::page::Page;
use crate::components::summary::SummaryRow;
use crate::i18n::{CommonText, ServicesText, Text};
use crate::pages::QuestionForm;
use crate::state::{Loaded, use_app};
use crate::steps::Step;

/// Services shown at once; more on request.
const PAGE: usize = 50;

#[component]
pub fn ServicesPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    crate::pages::remember_step(Step::Services);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let text = RwSignal::new(String::new());
    let themenfeld = RwSignal::new(String::new());
    let land = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let only_responsible = RwSignal::new(false);
    let only_available = RwSignal::new(false);

    // Built once per catalog; the memo compares by pointer (a new catalog is a new Arc).
    let index = Memo::new_with_compare(
        move |_| match app.catalog.get() {
            Loaded::Ready(c) => Some((c.clone(), Arc::new(ServiceIndex::new(&c)))),
            _ => None,
        },
        |a: Option<&Option<(Arc<Catalog>, Arc<ServiceIndex>)>>,
         b: Option<&Option<(Arc<Catalog>, Arc<ServiceIndex>)>>| {
            match (a.and_then(Option::as_ref), b.and_then(Option::as_ref)) {
                (Some(x), Some(y)) => !Arc::ptr_eq(&x.0, &y.0),
                (None, None) => a.is_none() != b.is_none(),
                _ => true,
            }
        },
    );
    let my_kind = Memo::new(move |_| {
        app.draft.with(|d| {
            d.request
                .municipality
                .kind
                .and_then(EntryKind::municipality_kind)
        })
    });
    let my_land = Memo::new(move |_| app.draft.with(|d| d.request.municipality.land));

    let filter = move || ServiceFilter {
        text: text.get(),
        themenfeld: Some(themenfeld.get()).filter(|s| !s.is_empty()),
        umsetzendes_land: Land::from_key_prefix(&land.get()),
        channel: Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == channel.get()),
        responsible_for: if only_responsible.get() {
            my_kind.get()
        } else {
            None
        },
        available_in: if only_available.get() {
            my_land.get()
        } else {
            None
        },
    };
    let results = Memo::new(move |_| {
        let f = filter();
        index.with(|i| i.as_ref().map(|(c, idx)| idx.filter(c, &f)))
    });
    let selected_count = move || app.draft.with(|d| d.request.services.len());

    let toggle = move |id: String, on: bool| {
        app.edit(|d| {
            let present = d.request.services.iter().position(|s| s.service_id == id);
            match (on, present) {
                (true, None) => d.request.add_service(&id),
                (false, Some(i)) => {
                    d.request.services.remove(i);
                }
                _ => {}
            }
        });
    };

    let select = |id: &'static str,
                  label: Text,
                  value: RwSignal<String>,
                  options: Vec<(String, String)>| {
        let app = use_app();
        view! {
            <div class="form-group form-group--inline">
                <label class="label" for=id>{move || app.t(label)}</label>
                <select id=id class="select" on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                    <option value="">{move || app.t(ServicesText::FilterAll)}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };

    let filters = move || {
        let (catalog, _) = index.get()?;
        let lang = app.lang.get();
        let tf: Vec<(String, String)> = themenfelder(&catalog)
            .into_iter()
            .map(|t| (t.clone(), t))
            .collect();
        let laender: Vec<(String, String)> = umsetzende_laender(&catalog)
            .into_iter()
            .map(|l| (l.code().to_string(), l.name().to_string()))
            .collect();
        let channels: Vec<(String, String)> = Channel::ALL
            .into_iter()
            .map(|c| (c.as_str().to_string(), crate::i18n::channel_label(c, lang)))
            .collect();
        Some(view! {
            // Filters apply as they change; their own form keeps Enter in the search
            // field from submitting the selection.
            <form class="filters" role="search" aria-label=move || app.t(ServicesText::FilterRegion)
                on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="form-group">
                    <label class="label" for="service-search">{move || app.t(ServicesText::ServiceSearchLabel)}</label>
                    <p class="hint" id="service-search-hint">{move || app.t(ServicesText::ServiceSearchHint)}</p>
                    <input id="service-search" class="input" type="search" aria-describedby="service-search-hint"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                </div>
                {select("filter-themenfeld", ServicesText::FilterThemenfeld.into(), themenfeld, tf)}
                {select("filter-land", ServicesText::FilterLand.into(), land, laender)}
                {select("filter-channel", ServicesText::FilterChannel.into(), channel, channels)}
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="filter-responsible"
                        prop:checked=move || only_responsible.get()
                        on:change=move |ev| only_responsible.set(event_target_checked(&ev)) />
                    <label class="checkboxes__label" for="filter-responsible">{move || app.t(ServicesText::FilterResponsible)}</label>
                </div>
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="filter-available"
                        prop:checked=move || only_available.get()
                        on:change=move |ev| only_available.set(event_target_checked(&ev)) />
                    <label class="checkboxes__label" for="filter-available">{move || app.t(ServicesText::FilterAvailable)}</label>
                </div>
            </form>
        })
    };

    // A large catalog (an operator's may hold thousands of entries) is shown a page at a
    // time, so a keystroke never has to build thousands of cards.
    // "Mehr anzeigen" counts for the results it was pressed on; new results (a new search
    // or filter) start again at one page. The results are told apart by a generation that
    // a memo derives from its previous value, rather than by an effect resetting a signal.
    let generation = Memo::new(move |previous: Option<&u64>| {
        results.track();
        previous.map_or(0, |g| g.wrapping_add(1))
    });
    let more = RwSignal::new((0u64, 0usize));
    let limit = Memo::new(move |_| {
        let now = generation.get();
        more.with(|&(on, n)| if on == now { PAGE * (1 + n) } else { PAGE })
    });
    let show_more = move || {
        let now = generation.get_untracked();
        more.update(|(on, n)| {
            if *on == now {
                *n += 1;
            } else {
                *on = now;
                *n = 1;
            }
        });
    };
    let list = move || {
        let (catalog, _) = index.get()?;
        let shown = results.get().unwrap_or_default();
        let total = shown.len();
        let visible = limit.get().min(total);
        Some(view! {
            <ul class="service-list" id="f-services" tabindex="-1" aria-label=move || app.t(ServicesText::ServiceListLabel)>
                {shown.into_iter().take(visible).filter_map(|i| catalog.services().get(i).cloned()).map(|s| {
                    view! { <ServiceCard service=s catalog=catalog.clone() toggle /> }
                }).collect_view()}
            </ul>
            {(visible < total).then(|| view! {
                <p class="hint">{app.t(ServicesText::ShowingOf(visible, total))}</p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| show_more()>
                    {app.t(ServicesText::ShowMore(PAGE.min(total - visible)))}
                </button>
            })}
        })
    };

    let catalog_state = view! {
        <LoadNotice state=Signal::derive(move || app.catalog.with(Loaded::state))
            loading=CommonText::CatalogLoading failed=ServicesText::CatalogUnavailable />
    };

    view! {
        <Page step=Step::Services errors>
            <p>{move || app.t(ServicesText::ServicesIntro)}</p>
            {catalog_state}
            {filters}
            <p class="result-count" role="status" aria-live="polite">
                {move || app.t(ServicesText::ServicesFound(results.get().map(|r| r.len()).unwrap_or(0), selected_count()))}
            </p>
            <QuestionForm step=Step::Services errors>
                {list}
            </QuestionForm>
        </Page>
    }
}

/// One service: its checkbox, name and description, and its profile (Steckbrief) behind
/// "Steckbrief anzeigen".
#[component]
fn ServiceCard(
    service: Service,
    catalog: Arc<Catalog>,
    toggle: impl Fn(String, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = use_app();
    let id = service.id.clone();
    let checkbox_id = format!("service-{}", service.id);
    let selected = {
        let id = id.clone();
        Memo::new(move |_| {
            app.draft
                .with(|d| d.request.services.iter().any(|s| s.service_id == id))
        })
    };
    let details_id = format!("steckbrief-{}", service.id);
    // The profile is drawn when it is first opened (the first `toggle` of a closed
    // `<details>` is its opening): it is most of a card's elements, and a search or a
    // filter redraws up to 50 cards at 5,000 services (see ARCHITECTURE.md).
    let opened = RwSignal::new(false);
    let name = service.name.clone();
    let description = service.description.clone();
    view! {
        <li class="service-card" class:service-card--selected=selected>
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id=checkbox_id.clone()
                    aria-describedby=details_id.clone()
                    prop:checked=selected
                    on:change=move |ev| toggle(id.clone(), event_target_checked(&ev)) />
                <label class="checkboxes__label service-card__name" for=checkbox_id>{name}</label>
            </div>
            <p id=details_id class="service-card__description">{description}</p>
            <details class="details" on:toggle=move |_| opened.set(true)>
                <summary class="details__summary">{move || app.t(ServicesText::ShowProfile)}</summary>
                {move || opened.get().then(|| view! {
                    <ServiceProfile service=service.clone() catalog=catalog.clone() />
                })}
            </details>
        </li>
    }
}

/// A service's facts, prerequisites and sources; what no source states reads "unbekannt".
#[component]
fn ServiceProfile(service: Service, catalog: Arc<Catalog>) -> impl IntoView {
    let app = use_app();
    let fact = |label: String, value: Option<String>| {
        view! { <SummaryRow label value=value.unwrap_or_default() missing=Some(CommonText::Unknown) /> }
    };
    let s = &service;
    let leika = s.leika.as_ref().map(|keys| {
        keys.iter()
            .map(|k| match &k.label {
                Some(l) => format!("{} ({l})", k.key),
                None => k.key.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    let lang = app.lang.get_untracked();
    let levels = s.responsible_levels.as_ref().map(|l| {
        l.iter()
            .map(|k| crate::i18n::kind_label(*k, lang))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let channels = s.channels.as_ref().map(|c| {
        c.iter()
            .map(|o| crate::i18n::channel_label(o.channel, lang))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let basis = s.basis_components.as_ref().map(|b| {
        b.iter()
            .map(|c| c.label_de())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let avail = |e: Option<&efa_domain::catalog::AvailabilityEvidence>| {
        e.map(|e| {
            format!(
                "{}: {}",
                crate::i18n::availability_label(e.status, lang),
                e.text
            )
        })
    };
    let prereqs: Vec<String> = s
        .prerequisites
        .iter()
        .chain(catalog.common_prerequisites())
        .filter_map(|p| catalog.prerequisite(p).map(|p| p.title.clone()))
        .collect();
    let provider = s
        .provider
        .text
        .clone()
        .or_else(|| s.provider.umsetzendes_land.map(|l| l.name().to_string()));
    view! {
                <div class="details__text">
                    <dl class="summary-list">
                        {fact(app.t(ServicesText::FactOzg), s.ozg_leistung.clone())}
                        {fact(app.t(ServicesText::FactThemenfeld), s.themenfeld.clone())}
                        {fact(app.t(ServicesText::FactProvider), provider)}
                        {fact(app.t(ServicesText::FactPlatform), s.platform.clone())}
                        {fact(app.t(ServicesText::FactLeika), leika)}
                        {fact(app.t(ServicesText::FactLevels), levels)}
                        {fact(app.t(ServicesText::FactChannels), channels)}
                        {fact(app.t(ServicesText::FactBasis), basis)}
                        {fact(app.t(ServicesText::FactStandard), s.data_standard.clone())}
                        {fact(app.t(ServicesText::FactAvailBy), avail(s.availability.bayern.as_ref()))}
                        {fact(app.t(ServicesText::FactAvailNw), avail(s.availability.nrw.as_ref()))}
                    </dl>
                    {(!s.notes.is_empty()).then(|| view! {
                        <ul class="list list--bullet">{s.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    })}
                    <h3 class="heading-s">{move || app.t(ServicesText::FactPrerequisites)}</h3>
                    <ul class="list list--bullet">{prereqs.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    <h3 class="heading-s">{move || app.t(CommonText::Sources)}</h3>
                    <ul class="list sources">
                        {s.sources.iter().map(|u| view! { <li><a href=u.clone() rel="noopener noreferrer">{u.clone()}</a></li> }).collect_view()}
                    </ul>
                </div>
    }
}
