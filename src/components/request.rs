//! A connection request as summary lists: the municipality, the contacts and each
//! selected service with its office, channel, Fachverfahren and dates. One rendering for
//! the clerk's review page, where every row has its "Ändern" link, and for the agency's
//! console, where the same request is read without them: what the agency reads is what the
//! clerk checked.

use std::sync::Arc;

use efa_domain::catalog::Catalog;
use efa_domain::request::{ChannelChoice, ConnectionRequest, ContactRole, join_entries};
use efa_domain::route::asks_leitweg_id;
use leptos::prelude::*;

use crate::components::summary::SummaryRow;
use crate::i18n::{self, CommonText, ReviewText};
use crate::state::current_lang;
use crate::steps::{Step, change_link};

/// How a channel reads in a summary: its kind and its address.
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

/// The parts of a text that are given, joined with ", ".
fn given(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// The request's municipality, contacts and services. With `editable`, every row links to
/// the step that changes it and back to the review. Services are shown once `catalog` is
/// there (their names, data standards and questionnaires come from it).
#[component]
pub fn RequestSummary(
    request: ConnectionRequest,
    catalog: Option<Arc<Catalog>>,
    #[prop(optional)] editable: bool,
) -> impl IntoView {
    let lang = current_lang();
    let link = move |step: Step, anchor: &str, what: String| {
        editable.then(|| (change_link(step, anchor), what))
    };
    let m = &request.municipality;
    // Shown where given or where the route's agency asks for it.
    let leitweg = {
        let id = request.leitweg_id().to_string();
        (!id.is_empty() || m.land.is_some_and(asks_leitweg_id)).then_some(id)
    };
    let ch = |anchor: &str| link(Step::Municipality, anchor, String::new());
    let municipality = view! {
        <h2>{ReviewText::ReviewMunicipality.text(lang)}</h2>
        <dl class="summary-list">
            <SummaryRow label=CommonText::FieldName.text(lang) value=m.name.clone() change=ch("f-municipality") />
            <SummaryRow label=CommonText::FieldKind.text(lang) value=m.kind.map(|k| k.label(lang).to_string()).unwrap_or_default() />
            <SummaryRow label=CommonText::FieldArs.text(lang) value=m.ars.clone() />
            <SummaryRow label=CommonText::FieldAgs.text(lang) value=m.ags_shown(lang).to_string() />
            <SummaryRow label=CommonText::FieldLand.text(lang) value=m.land.map(|l| l.name().to_string()).unwrap_or_default() />
            <SummaryRow label=CommonText::FieldKreis.text(lang) value=m.kreis.clone().unwrap_or_default() />
            <SummaryRow label=CommonText::AddressTitle.text(lang)
                value=format!("{}, {} {}", m.address.street, m.address.plz, m.address.ort).trim_matches([',', ' ']).to_string()
                change=ch("f-municipality-address-street") />
            {leitweg.map(|id| view! {
                <SummaryRow label=CommonText::FieldLeitwegId.text(lang) value=id change=ch("f-municipality-leitweg_id") />
            })}
        </dl>
    };

    let c = &request.contacts;
    let contacts = view! {
        <h2>{CommonText::ContactsTitle.text(lang)}</h2>
        <dl class="summary-list">
            {ContactRole::ALL.into_iter().map(|role| {
                let p = c.of(role);
                let value = given(&[&p.name, &p.function, &p.email, &p.phone]);
                let anchor = format!("f-contacts-{}-name", role.as_str());
                let label = role.label(lang).to_string();
                view! {
                    <SummaryRow label=label.clone() value change=link(Step::Municipality, &anchor, label) />
                }
            }).collect_view()}
            <SummaryRow label=CommonText::FieldFunktionspostfach.text(lang) value=c.funktionspostfach.clone()
                change=link(Step::Municipality, "f-contacts-funktionspostfach", String::new()) />
        </dl>
    };

    let services = catalog.map(|catalog| {
        view! {
            <h2>{CommonText::ReviewServices.text(lang)}</h2>
            {editable.then(|| view! {
                <p><a href=change_link(Step::Services, "f-services")>{ReviewText::ChangeSelection.text(lang)}</a></p>
            })}
            {request.services.iter().enumerate().map(|(i, s)| {
                let entry = catalog.service(&s.service_id);
                let name = entry.map(|x| x.name.clone()).unwrap_or(s.service_id.clone());
                let ch = |suffix: &str| link(Step::ServiceDetails, &format!("f-services-{i}-{suffix}"), name.clone());
                let a = &s.authority;
                let standard = entry
                    .and_then(|e| e.data_standard.clone())
                    .unwrap_or_else(|| efa_domain::catalog::UNKNOWN_LABEL.to_string());
                let questionnaire = entry
                    .and_then(|e| e.questionnaire.as_ref())
                    .map(|q| format!("{} an {}", q.form, q.recipient))
                    .unwrap_or_default();
                let v = &s.vendor_contact;
                let embedding = match s.embedding.mode {
                    None => String::new(),
                    Some(mode) => {
                        let domains: Vec<&str> = s.embedding.domain_list().collect();
                        let label = i18n::embedding_label(mode, lang);
                        if domains.is_empty() { label } else { format!("{label}: {}", domains.join(", ")) }
                    }
                };
                view! {
                    <h3 class="heading-s">{name.clone()}</h3>
                    <dl class="summary-list">
                        <SummaryRow label=CommonText::AuthorityTitle.text(lang) value=given(&[&a.name, &a.kind, &a.oe_id, &a.bkz]) change=ch("authority-name") />
                        <SummaryRow label=CommonText::AddressTitle.text(lang)
                            value=format!("{}, {} {}", a.address.street, a.address.plz, a.address.ort).trim_matches([',', ' ']).to_string()
                            change=ch("authority-address-street") />
                        <SummaryRow label=CommonText::FieldEmail.text(lang) value=a.email.clone() change=ch("authority-email") />
                        <SummaryRow label=CommonText::FieldPhone.text(lang) value=a.phone.clone() change=ch("authority-phone") />
                        <SummaryRow label=CommonText::FieldArea.text(lang) value=join_entries(&a.area_list().map(str::to_owned).collect::<Vec<_>>()) change=ch("authority-area") />
                        <SummaryRow label=CommonText::ChannelTitle.text(lang) value=channel_summary(&s.channel) change=ch("channel") />
                        <SummaryRow label=CommonText::FieldFachverfahren.text(lang) value=given(&[&s.fachverfahren, &s.vendor]) change=ch("fachverfahren") />
                        <SummaryRow label=CommonText::VendorContactTitle.text(lang) value=given(&[&v.name, &v.function, &v.email, &v.phone]) change=ch("vendor_contact-name") />
                        <SummaryRow label=CommonText::EmbeddingTitle.text(lang) value=embedding change=ch("embedding-mode") />
                        <SummaryRow label=ReviewText::DataStandardLabel.text(lang) value=standard />
                        {(!questionnaire.is_empty()).then(|| view! {
                            <SummaryRow label=ReviewText::QuestionnaireLabel.text(lang) value=questionnaire />
                        })}
                        <SummaryRow label=CommonText::FieldTestDate.text(lang) value=s.test_date.clone() change=ch("test_date") />
                        <SummaryRow label=CommonText::FieldGoLiveDate.text(lang) value=s.go_live_date.clone() change=ch("go_live_date") />
                    </dl>
                }
            }).collect_view()}
        }
    });

    view! {
        {municipality}
        {contacts}
        {services}
    }
}
