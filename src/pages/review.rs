//! "Prüfen": every answer on one page with "Ändern" links that return here after the change
//! (WCAG 3.3.4), the open prerequisites listed honestly, the draft documents, and print.

use efa_documents::{DocumentKind, Generation, Submission, anschlussantrag_json, file_name};
use efa_domain::request::join_entries;
use efa_domain::request::{ChannelChoice, ConnectionRequest, ContactRole};
use efa_domain::route::{asks_leitweg_id, route_for};
use leptos::prelude::*;

use crate::components::page::Page;
use crate::components::{anchor_for, step_for};
use crate::documents;
use crate::i18n::Text;
use crate::pages::change_link;
use crate::pages::municipality::contact;
use crate::pages::prerequisites::ReadinessPanel;
use crate::state::use_app;
use crate::steps::Step;
use crate::{api, download};

fn row(label: String, value: String, change: Option<(String, String)>) -> impl IntoView {
    let app = use_app();
    let empty = value.trim().is_empty();
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{label.clone()}</dt>
            <dd class="summary-list__value" class:unknown=empty>{if empty { app.t(Text::NotGiven) } else { value }}</dd>
            <dd class="summary-list__actions">
                {change.map(|(href, what)| view! {
                    <a href=href>{app.t(Text::Change)}<span class="visually-hidden">" "{what}</span></a>
                })}
            </dd>
        </div>
    }
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

/// Downloads of the documents: the Anschlussantrag as PDF and JSON and the open items as
/// PDF. On the review page they are drafts (marked "ENTWURF"); on the confirmation page
/// (`final_version`) they are made from exactly the submitted body and carry the reference
/// number. Each is generated in the browser when its button is pressed.
#[component]
pub fn DraftDocuments(#[prop(optional)] final_version: bool) -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    // The request the documents show, and the receipt once it was submitted.
    let source = move || -> (ConnectionRequest, Option<Submission>) {
        app.draft.with_untracked(|d| {
            let submitted = d
                .submission
                .as_ref()
                .filter(|_| final_version)
                .and_then(|s| {
                    let receipt = s.receipt.as_ref()?;
                    let request = serde_json::from_str::<ConnectionRequest>(&s.body).ok()?;
                    Some((
                        request,
                        Submission {
                            reference: receipt.reference.clone(),
                            received_at: receipt.received_at.clone(),
                        },
                    ))
                });
            match submitted {
                Some((request, submission)) => (request, Some(submission)),
                None => (d.request.clone(), None),
            }
        })
    };
    // The PDF module loads while the clerk reads this page.
    documents::preload();
    // The PDF being made (its button says so), and whether the last one failed.
    let busy = RwSignal::new(None::<DocumentKind>);
    let failed = RwSignal::new(false);
    let download = move |kind: DocumentKind| {
        if busy.get_untracked().is_some() {
            return;
        }
        let (request, submission) = source();
        let now = crate::draft::now_rfc3339();
        let generation = Generation {
            generated_at: &now,
            submission: submission.as_ref(),
        };
        // The JSON is made here; the PDFs by the PDF module.
        if kind == DocumentKind::AnschlussantragJson {
            if let Ok(d) = anschlussantrag_json(&request, &generation) {
                download::offer(&d.file_name, d.mime(), &d.bytes);
            }
            return;
        }
        let name = file_name(kind, &request.municipality.name, &generation);
        let (Ok(request_json), Some(catalog_json)) =
            (serde_json::to_string(&request), api::catalog_source())
        else {
            failed.set(true);
            return;
        };
        busy.set(Some(kind));
        failed.set(false);
        leptos::task::spawn_local(async move {
            let made = documents::pdf(
                kind,
                &request_json,
                &catalog_json,
                &now,
                submission.as_ref(),
            )
            .await;
            busy.set(None);
            match made {
                Ok(bytes) => {
                    download::offer(&name, kind.mime(), &bytes);
                }
                Err(e) => {
                    leptos::logging::warn!("PDF not created: {e:?}");
                    failed.set(true);
                }
            }
        });
    };
    let label = move |kind: DocumentKind| {
        app.t(match (kind, final_version) {
            (DocumentKind::AnschlussantragPdf, true) => Text::DownloadRequestPdf,
            (DocumentKind::AnschlussantragPdf, false) => Text::DownloadRequestPdfDraft,
            (DocumentKind::AnschlussantragJson, true) => Text::DownloadRequestJson,
            (DocumentKind::AnschlussantragJson, false) => Text::DownloadRequestJsonDraft,
            (DocumentKind::OffenePunktePdf, true) => Text::DownloadOpenItemsPdf,
            (DocumentKind::OffenePunktePdf, false) => Text::DownloadOpenItemsPdfDraft,
        })
    };
    let ready = move || app.catalog_ready().is_some();
    let fingerprint = move || {
        app.draft.track();
        source().0.fingerprint()
    };
    view! {
        <ul class="list downloads">
            {DocumentKind::ALL.into_iter().map(|kind| {
                let needs_catalog = kind != DocumentKind::AnschlussantragJson;
                view! {
                    <li>
                        {move || if needs_catalog && !ready() {
                            view! { <span class="hint">{app.t(Text::CatalogLoading)}</span> }.into_any()
                        } else {
                            view! {
                                <button type="button" class="link-button" on:click=move |_| download(kind)
                                    aria-busy=move || (busy.get() == Some(kind)).then_some("true")>
                                    {move || label(kind)}
                                </button>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint" role="status">
            {move || busy.get().is_some().then(|| app.t(Text::DocumentBusy))}
        </p>
        {move || failed.get().then(|| view! {
            <p class="error-message" role="alert">{app.t(Text::DocumentFailed)}</p>
        })}
        <p class="hint">{move || app.t(Text::DocumentsFingerprint)}" "<code>{fingerprint}</code></p>
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
            <h2>{app.t(Text::ReviewMunicipality)}</h2>
            <dl class="summary-list">
                {row(app.t(Text::FieldName), m.name.clone(), ch("f-municipality"))}
                {row(app.t(Text::FieldKind), m.kind.map(|k| k.label(lang).to_string()).unwrap_or_default(), None)}
                {row(app.t(Text::FieldArs), m.ars.clone(), None)}
                {row(app.t(Text::FieldAgs), m.ags_shown(lang).to_string(), None)}
                {row(app.t(Text::FieldLand), m.land.map(|l| l.name().to_string()).unwrap_or_default(), None)}
                {row(app.t(Text::FieldKreis), m.kreis.clone().unwrap_or_default(), None)}
                {row(app.t(Text::AddressTitle), format!("{}, {} {}", m.address.street, m.address.plz, m.address.ort).trim_matches([',', ' ']).to_string(), ch("f-municipality-address-street"))}
                {leitweg.map(|id| row(app.t(Text::FieldLeitwegId), id, ch("f-municipality-leitweg_id")))}
            </dl>
        }
    };

    let contacts = move || {
        let lang = app.lang.get();
        let c = app.draft.with(|d| d.request.contacts.clone());
        view! {
            <h2>{app.t(Text::ContactsTitle)}</h2>
            <dl class="summary-list">
                {ContactRole::ALL.into_iter().map(|role| {
                    let p = contact(&c, role);
                    let value = [p.name, p.function, p.email, p.phone].into_iter().filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(", ");
                    let anchor = format!("f-contacts-{}-name", role.as_str());
                    row(role.label(lang).to_string(), value, Some((change_link(Step::Municipality, &anchor), role.label(lang).to_string())))
                }).collect_view()}
                {row(app.t(Text::FieldFunktionspostfach), c.funktionspostfach.clone(), Some((change_link(Step::Municipality, "f-contacts-funktionspostfach"), String::new())))}
            </dl>
        }
    };

    let services = move || {
        let catalog = app.catalog_ready()?;
        let list = app.draft.with(|d| d.request.services.clone());
        Some(view! {
            <h2>{app.t(Text::ReviewServices)}</h2>
            <p><a href=change_link(Step::Services, "f-services")>{app.t(Text::ChangeSelection)}</a></p>
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
                        {row(app.t(Text::AuthorityTitle), [a.name.clone(), a.kind.clone(), a.oe_id.clone(), a.bkz.clone()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", "), ch("authority-name"))}
                        {row(app.t(Text::AddressTitle), format!("{}, {} {}", a.address.street, a.address.plz, a.address.ort).trim_matches([',', ' ']).to_string(), ch("authority-address-street"))}
                        {row(app.t(Text::FieldEmail), a.email.clone(), ch("authority-email"))}
                        {row(app.t(Text::FieldPhone), a.phone.clone(), ch("authority-phone"))}
                        {row(app.t(Text::FieldArea), join_entries(&a.area_list().map(str::to_owned).collect::<Vec<_>>()), ch("authority-area"))}
                        {row(app.t(Text::ChannelTitle), channel_summary(&s.channel), ch("channel"))}
                        {row(app.t(Text::FieldFachverfahren), [s.fachverfahren.clone(), s.vendor.clone()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", "), ch("fachverfahren"))}
                        {row(app.t(Text::VendorContactTitle), vendor_contact, ch("vendor_contact-name"))}
                        {row(app.t(Text::EmbeddingTitle), embedding, ch("embedding-mode"))}
                        {row(app.t(Text::DataStandardLabel), standard, None)}
                        {(!questionnaire.is_empty()).then(|| row(app.t(Text::QuestionnaireLabel), questionnaire, None))}
                        {row(app.t(Text::FieldTestDate), s.test_date.clone(), ch("test_date"))}
                        {row(app.t(Text::FieldGoLiveDate), s.go_live_date.clone(), ch("go_live_date"))}
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
            <h2>{app.t(Text::ReviewPrerequisites)}</h2>
            <p><a href=change_link(Step::Prerequisites, "")>{app.t(Text::ChangePrerequisites)}</a></p>
            <ReadinessPanel readiness=r catalog />
            {if open.is_empty() {
                view! { <p>{app.t(Text::NoOpenItems)}</p> }.into_any()
            } else {
                view! {
                    <div class="notice notice--warning">
                        <p><strong>{app.t(Text::OpenItemsHonest(open.len()))}</strong></p>
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
                <h2 id="warnings-title" class="heading-s">{app.t(Text::WarningsTitle)}</h2>
                <p>{app.t(Text::WarningsIntro)}</p>
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
                            <li>{message}" "<a href=href>{app.t(Text::Change)}<span class="visually-hidden">{whose}</span></a></li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    };

    let route = move || {
        let land = app.draft.with(|d| d.request.municipality.land)?;
        let r = route_for(land);
        // Steps tied to a channel (DVDV, DataClearing NRW) only where a service uses it.
        let channels = app
            .readiness()
            .map(|r| r.channels_in_use())
            .unwrap_or_default();
        Some(view! {
            <h2>{app.t(Text::RouteTitle)}": "{r.title}</h2>
            <p>{app.t(Text::RouteRecipient)}": "{r.operator.name}</p>
            <ol class="list list--number">{r.steps_for(&channels).into_iter().map(|s| view! { <li>{s.title}</li> }).collect_view()}</ol>
        })
    };

    view! {
        <Page step=Step::Review errors=Signal::stored(Vec::new())>
            <p>{move || app.t(Text::ReviewIntro)}</p>
            {warnings}
            {municipality}
            {contacts}
            {services}
            {readiness}
            {route}
            <h2 class="no-print">{move || app.t(Text::DocumentsTitle)}</h2>
            <div class="no-print"><DraftDocuments /></div>
            <div class="button-group no-print">
                <a class="button button-primary" href=Step::Submit.path() role="button">{move || app.t(Text::ContinueToSubmit)}</a>
                <button type="button" class="button button-secondary" on:click=move |_| {
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }>{move || app.t(Text::Print)}</button>
            </div>
        </Page>
    }
}
