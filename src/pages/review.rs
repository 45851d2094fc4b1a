//! "Prüfen": every answer on one page with "Ändern" links that return here after the change
//! (WCAG 3.3.4), the open prerequisites listed honestly, the draft documents, and print.

use efa_domain::request::join_entries;
use efa_domain::request::{ChannelChoice, ContactRole};
use efa_domain::route::asks_leitweg_id;
use leptos::prelude::*;

use crate::components::downloads::DraftDocuments;
use crate::components::page::Page;
use crate::components::readiness::ReadinessPanel;
use crate::components::route::{RouteDetail, RouteSummary};
use crate::components::summary::SummaryRow;
use crate::components::{anchor_for, step_for};
use crate::i18n::{CommonText, ReviewText};
use crate::state::use_app;
use crate::steps::{Step, change_link};

/// A row of the review with its "Ändern" link.
fn row(label: String, value: String, change: Option<(String, String)>) -> impl IntoView {
    view! { <SummaryRow label value change /> }
}

pub fn channel_summary(c: &Option<ChannelChoice>) -> String {
    match c {
        None => String::new(),
        Some(ChannelChoice::FitConnect { destination_id }) => {
            format!("FIT-Connect: {destination_id}")
        }
        Some(ChannelChoice::OsciXta { dvdv_key }) => format!("OSCI/XTA, DVDV: {dvdv_key}"),
        Some(ChannelChoice::PdfDownload { funktionspostfach }) => {
            format!("PDF-Download an {funktionspostfach}")
        }
        Some(ChannelChoice::Email { address }) => format!("E-Mail an {address}"),
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    app.ensure_registry();
    crate::pages::remember_step(Step::Review);

    let municipality = move || {
        let lang = app.lang.get();
        let m = app.draft.with(|d| d.request.municipality.clone());
        // Shown where given or where the route's agency asks for it.
        let leitweg = app.draft.with(|d| {
            let id = d.request.leitweg_id().to_string();
            (!id.is_empty() || m.land.is_some_and(asks_leitweg_id)).then_some(id)
        });
        let ch = |a: &str| Some((change_link(Step::Municipality, a), String::new()));
        view! {
            <h2>{app.t(ReviewText::ReviewMunicipality)}</h2>
            <dl class="summary-list">
                {row(app.t(CommonText::FieldName), m.name.clone(), ch("f-municipality"))}
                {row(app.t(CommonText::FieldKind), m.kind.map(|k| k.label(lang).to_string()).unwrap_or_default(), None)}
                {row(app.t(CommonText::FieldArs), m.ars.clone(), None)}
                {row(app.t(CommonText::FieldAgs), m.ags_shown(lang).to_string(), None)}
                {row(app.t(CommonText::FieldLand), m.land.map(|l| l.name().to_string()).unwrap_or_default(), None)}
                {row(app.t(CommonText::FieldKreis), m.kreis.clone().unwrap_or_default(), None)}
                {row(app.t(CommonText::AddressTitle), format!("{}, {} {}", m.address.street, m.address.plz, m.address.ort).trim_matches([',', ' ']).to_string(), ch("f-municipality-address-street"))}
                {leitweg.map(|id| row(app.t(CommonText::FieldLeitwegId), id, ch("f-municipality-leitweg_id")))}
            </dl>
        }
    };

    let contacts = move || {
        let lang = app.lang.get();
        let c = app.draft.with(|d| d.request.contacts.clone());
        view! {
            <h2>{app.t(CommonText::ContactsTitle)}</h2>
            <dl class="summary-list">
                {ContactRole::ALL.into_iter().map(|role| {
                    let p = c.of(role);
                    let value = [p.name, p.function, p.email, p.phone].into_iter().filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(", ");
                    let anchor = format!("f-contacts-{}-name", role.as_str());
                    row(role.label(lang).to_string(), value, Some((change_link(Step::Municipality, &anchor), role.label(lang).to_string())))
                }).collect_view()}
                {row(app.t(CommonText::FieldFunktionspostfach), c.funktionspostfach.clone(), Some((change_link(Step::Municipality, "f-contacts-funktionspostfach"), String::new())))}
            </dl>
        }
    };

    let services = move || {
        let catalog = app.catalog_ready()?;
        let list = app.draft.with(|d| d.request.services.clone());
        Some(view! {
            <h2>{app.t(CommonText::ReviewServices)}</h2>
            <p><a href=change_link(Step::Services, "f-services")>{app.t(ReviewText::ChangeSelection)}</a></p>
            {list.into_iter().enumerate().map(|(i, s)| {
                let name = catalog.service(&s.service_id).map(|x| x.name.clone()).unwrap_or(s.service_id.clone());
                let ch = |suffix: &str| Some((change_link(Step::ServiceDetails, &format!("f-services-{i}-{suffix}")), name.clone()));
                let a = &s.authority;
                let entry = catalog.service(&s.service_id);
                let standard = entry.and_then(|e| e.data_standard.clone()).unwrap_or_else(|| efa_domain::catalog::UNKNOWN_LABEL.to_string());
                let questionnaire = entry
                    .and_then(|e| e.questionnaire.as_ref())
                    .map(|q| format!("{} an {}", q.form, q.recipient))
                    .unwrap_or_default();
                let vendor_contact = {
                    let c = &s.vendor_contact;
                    [c.name.clone(), c.function.clone(), c.email.clone(), c.phone.clone()].into_iter().filter(|x| !x.trim().is_empty()).collect::<Vec<_>>().join(", ")
                };
                let embedding = match s.embedding.mode {
                    None => String::new(),
                    Some(mode) => {
                        let domains: Vec<&str> = s.embedding.domain_list().collect();
                        let label = crate::i18n::embedding_label(mode, app.lang.get_untracked());
                        if domains.is_empty() { label } else { format!("{label}: {}", domains.join(", ")) }
                    }
                };
                view! {
                    <h3 class="heading-s">{name.clone()}</h3>
                    <dl class="summary-list">
                        {row(app.t(CommonText::AuthorityTitle), [a.name.clone(), a.kind.clone(), a.oe_id.clone(), a.bkz.clone()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", "), ch("authority-name"))}
                        {row(app.t(CommonText::AddressTitle), format!("{}, {} {}", a.address.street, a.address.plz, a.address.ort).trim_matches([',', ' ']).to_string(), ch("authority-address-street"))}
                        {row(app.t(CommonText::FieldEmail), a.email.clone(), ch("authority-email"))}
                        {row(app.t(CommonText::FieldPhone), a.phone.clone(), ch("authority-phone"))}
                        {row(app.t(CommonText::FieldArea), join_entries(&a.area_list().map(str::to_owned).collect::<Vec<_>>()), ch("authority-area"))}
                        {row(app.t(CommonText::ChannelTitle), channel_summary(&s.channel), ch("channel"))}
                        {row(app.t(CommonText::FieldFachverfahren), [s.fachverfahren.clone(), s.vendor.clone()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", "), ch("fachverfahren"))}
                        {row(app.t(CommonText::VendorContactTitle), vendor_contact, ch("vendor_contact-name"))}
                        {row(app.t(CommonText::EmbeddingTitle), embedding, ch("embedding-mode"))}
                        {row(app.t(ReviewText::DataStandardLabel), standard, None)}
                        {(!questionnaire.is_empty()).then(|| row(app.t(ReviewText::QuestionnaireLabel), questionnaire, None))}
                        {row(app.t(CommonText::FieldTestDate), s.test_date.clone(), ch("test_date"))}
                        {row(app.t(CommonText::FieldGoLiveDate), s.go_live_date.clone(), ch("go_live_date"))}
                    </dl>
                }
            }).collect_view()}
        })
    };

    let readiness = move || {
        let catalog = app.catalog_ready()?;
        let r = app.readiness()?;
        let open: Vec<String> = r
            .next_actions
            .iter()
            .map(|a| {
                catalog
                    .prerequisite(&a.prerequisite)
                    .map(|p| p.title.clone())
                    .unwrap_or(a.prerequisite.clone())
            })
            .collect();
        Some(view! {
            <h2>{app.t(ReviewText::ReviewPrerequisites)}</h2>
            <p><a href=change_link(Step::Prerequisites, "")>{app.t(ReviewText::ChangePrerequisites)}</a></p>
            <ReadinessPanel readiness=r catalog />
            {if open.is_empty() {
                view! { <p>{app.t(ReviewText::NoOpenItems)}</p> }.into_any()
            } else {
                view! {
                    <div class="notice notice--warning">
                        <p><strong>{app.t(ReviewText::OpenItemsHonest(open.len()))}</strong></p>
                        <ul class="list list--bullet">{open.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            }}
        })
    };

    // Values the catalog cannot confirm, with a way back to each; they do not block the
    // submission, so they are a notice and not an error summary.
    let warnings = move || {
        let catalog = app.catalog_ready()?;
        let list = app.warnings()?;
        if list.is_empty() {
            return None;
        }
        let lang = app.lang.get();
        Some(view! {
            <section class="notice notice--warning" aria-labelledby="warnings-title">
                <h2 id="warnings-title" class="heading-s">{app.t(ReviewText::WarningsTitle)}</h2>
                <p>{app.t(ReviewText::WarningsIntro)}</p>
                <ul class="list list--bullet">
                    {list.into_iter().map(|w| {
                        let href = change_link(step_for(&w.path), &anchor_for(&w.path));
                        let message = w.message(lang, &catalog);
                        // The link says whose field it changes, for lists of links.
                        let whose = w
                            .service
                            .as_deref()
                            .and_then(|id| catalog.service(id))
                            .map(|s| format!(" {}", s.name))
                            .unwrap_or_default();
                        view! {
                            <li>{message}" "<a href=href>{app.t(CommonText::Change)}<span class="visually-hidden">{whose}</span></a></li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    };

    view! {
        <Page step=Step::Review errors=Signal::stored(Vec::new())>
            <p>{move || app.t(ReviewText::ReviewIntro)}</p>
            {warnings}
            {municipality}
            {contacts}
            {services}
            {readiness}
            <RouteSummary detail=RouteDetail::Brief />
            <h2 class="no-print">{move || app.t(CommonText::DocumentsTitle)}</h2>
            <div class="no-print"><DraftDocuments /></div>
            <div class="button-group no-print">
                <a class="button button-primary" href=Step::Submit.path() role="button">{move || app.t(ReviewText::ContinueToSubmit)}</a>
                <button type="button" class="button button-secondary" on:click=move |_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{move || app.t(ReviewText::Print)}</button>
            </div>
        </Page>
    }
}
