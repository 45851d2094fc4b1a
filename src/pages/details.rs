//! "Angaben je Leistung": per selected service the responsible Organisationseinheit, the
//! delivery channel with its address, the Fachverfahren and its vendor, and the desired
//! test and go-live dates.

use efa_domain::catalog::Channel;
use efa_domain::messages::{FieldError, FieldWarning};
use efa_domain::request::{
    Address, Authority, ChannelChoice, EmbeddingMode, ServiceRequest, join_entries, split_entries,
};
use leptos::prelude::*;

use crate::components::fields::{Radios, TextField};
use crate::components::page::Page;
use crate::i18n::{CommonText, DetailsText, Text};
use crate::pages::QuestionForm;
use crate::state::use_app;
use crate::steps::Step;

/// The address value of a channel choice and its JSON field name.
fn channel_value(c: &ChannelChoice) -> (&'static str, String) {
    match c {
        ChannelChoice::FitConnect { destination_id } => ("destination_id", destination_id.clone()),
        ChannelChoice::OsciXta { dvdv_key } => ("dvdv_key", dvdv_key.clone()),
        ChannelChoice::PdfDownload { funktionspostfach } => {
            ("funktionspostfach", funktionspostfach.clone())
        }
        ChannelChoice::Email { address } => ("address", address.clone()),
    }
}

fn set_channel_value(c: &mut ChannelChoice, v: String) {
    match c {
        ChannelChoice::FitConnect { destination_id } => *destination_id = v,
        ChannelChoice::OsciXta { dvdv_key } => *dvdv_key = v,
        ChannelChoice::PdfDownload { funktionspostfach } => *funktionspostfach = v,
        ChannelChoice::Email { address } => *address = v,
    }
}

fn channel_label(c: Channel) -> Text {
    match c {
        Channel::FitConnect => DetailsText::ChannelValueFitConnect.into(),
        Channel::OsciXta => DetailsText::ChannelValueOsci.into(),
        Channel::PdfDownload => DetailsText::ChannelValuePdf.into(),
        Channel::Email => DetailsText::ChannelValueEmail.into(),
    }
}

fn channel_hint(c: Channel) -> Text {
    match c {
        Channel::FitConnect => DetailsText::ChannelHintFitConnect.into(),
        Channel::OsciXta => DetailsText::ChannelHintOsci.into(),
        Channel::PdfDownload => DetailsText::ChannelHintPdf.into(),
        Channel::Email => DetailsText::ChannelHintEmail.into(),
    }
}

#[component]
pub fn DetailsPage() -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    app.ensure_registry();
    crate::pages::remember_step(Step::ServiceDetails);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let errs: Signal<Vec<FieldError>> = errors.into();
    // Warnings show as they arise (a DVDV category the catalog does not name for the
    // service); they never hold the clerk back, so they need no "Weiter" to appear.
    let warnings = Memo::new(move |_| app.warnings().unwrap_or_default());
    let warns: Signal<Vec<FieldWarning>> = warnings.into();
    // The list of selected services shapes the page; their fields update in place.
    let ids = Memo::new(move |_| {
        app.draft.with(|d| {
            d.request
                .services
                .iter()
                .map(|s| s.service_id.clone())
                .collect::<Vec<_>>()
        })
    });

    let sections = move || {
        let catalog = app.catalog_ready();
        let list = ids.get();
        if list.is_empty() {
            return view! {
                <div class="notice notice--warning">
                    <p>{app.t(CommonText::PrereqNeedServices)}</p>
                    <p><a href=Step::Services.path()>{app.t(CommonText::GoToServices)}</a></p>
                </div>
            }
            .into_any();
        }
        let names: Vec<String> = list
            .iter()
            .map(|id| {
                catalog
                    .as_ref()
                    .and_then(|c| c.service(id))
                    .map_or_else(|| id.clone(), |s| s.name.clone())
            })
            .collect();
        list.into_iter()
            .enumerate()
            .map(|(i, id)| {
                let service = catalog.as_ref().and_then(|c| c.service(&id).cloned());
                let name = names.get(i).cloned().unwrap_or_else(|| id.clone());
                let known: Vec<Channel> = service
                    .as_ref()
                    .map(|s| s.known_channels().collect())
                    .unwrap_or_default();
                view! { <ServiceSection index=i name names=names.clone() known errors=errs warnings=warns /> }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <Page step=Step::ServiceDetails errors=errs>
            <p>{move || app.t(DetailsText::DetailsIntro)}</p>
            <QuestionForm step=Step::ServiceDetails errors>
                {sections}
            </QuestionForm>
        </Page>
    }
}

#[component]
fn ServiceSection(
    index: usize,
    name: String,
    /// The names of all selected services, by index, for "Gleiche Stelle wie bei …".
    names: Vec<String>,
    known: Vec<Channel>,
    errors: Signal<Vec<FieldError>>,
    warnings: Signal<Vec<FieldWarning>>,
) -> impl IntoView {
    let app = use_app();
    let copy = copy_office(index, names);
    let p = move |suffix: &str| format!("services[{index}].{suffix}");
    let get = move |f: fn(&ServiceRequest) -> String| {
        Signal::derive(move || {
            app.draft
                .with(|d| d.request.services.get(index).map(f).unwrap_or_default())
        })
    };
    let set = move |f: fn(&mut ServiceRequest, String)| {
        Callback::new(move |v: String| {
            app.edit(|d| {
                if let Some(s) = d.request.services.get_mut(index) {
                    f(s, v);
                }
            })
        })
    };
    let text = move |suffix: &'static str,
                     label: Text,
                     optional: bool,
                     input_type: &'static str,
                     getter: fn(&ServiceRequest) -> String,
                     setter: fn(&mut ServiceRequest, String)| {
        view! {
            <TextField path=p(suffix) label=Signal::derive(move || app.t(label)) optional
                value=get(getter) set=set(setter) errors warnings input_type />
        }
    };
    fn auth(s: &ServiceRequest) -> &Authority {
        &s.authority
    }
    fn addr(s: &ServiceRequest) -> &Address {
        &s.authority.address
    }

    // Offer the channels the sources name; if none are known, offer all and say so.
    let offered: Vec<Channel> = if known.is_empty() {
        Channel::ALL.to_vec()
    } else {
        known.clone()
    };
    let channels_unknown = known.is_empty();
    let options = Signal::derive(move || {
        let lang = app.lang.get();
        offered
            .iter()
            .map(|c| (c.as_str().to_string(), crate::i18n::channel_label(*c, lang)))
            .collect::<Vec<_>>()
    });
    let channel_kind = Signal::derive(move || {
        app.draft.with(|d| {
            d.request
                .services
                .get(index)
                .and_then(|s| s.channel.as_ref())
                .map(|c| c.channel().as_str().to_string())
                .unwrap_or_default()
        })
    });
    let set_kind = Callback::new(move |v: String| {
        if let Some(c) = Channel::ALL.into_iter().find(|c| c.as_str() == v) {
            app.edit(|d| {
                if let Some(s) = d.request.services.get_mut(index)
                    && s.channel.as_ref().map(ChannelChoice::channel) != Some(c)
                {
                    s.channel = Some(ChannelChoice::empty(c));
                }
            });
        }
    });
    // Depends on the chosen kind only, so typing the address does not rebuild the input.
    let chosen = Memo::new(move |_| {
        app.draft.with(|d| {
            d.request
                .services
                .get(index)
                .and_then(|s| s.channel.as_ref())
                .map(ChannelChoice::channel)
        })
    });
    let channel_field = move || {
        let c = chosen.get()?;
        let (field, _) = channel_value(&ChannelChoice::empty(c));
        Some(view! {
            <TextField
                path=p(&format!("channel.{field}"))
                label=Signal::derive(move || app.t(channel_label(c)))
                hint=Signal::derive(move || app.t(channel_hint(c)))
                value=Signal::derive(move || app.draft.with(|d| d.request.services.get(index).and_then(|s| s.channel.as_ref()).map(|c| channel_value(c).1).unwrap_or_default()))
                set=Callback::new(move |v: String| app.edit(|d| {
                    if let Some(ch) = d.request.services.get_mut(index).and_then(|s| s.channel.as_mut()) {
                        set_channel_value(ch, v);
                    }
                }))
                errors
                warnings
                input_type=if matches!(c, Channel::PdfDownload | Channel::Email) { "email" } else { "text" }
            />
        })
    };

    // Depends on the mode only, so typing a domain does not rebuild its input.
    let embedding_needs_domains = Memo::new(move |_| {
        app.draft.with(|d| {
            d.request
                .services
                .get(index)
                .and_then(|s| s.embedding.mode)
                .is_some_and(EmbeddingMode::needs_domains)
        })
    });
    let heading_id = format!("service-{index}-title");
    view! {
        <section class="service-section" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{name}</h2>
            <h3 class="heading-s">{move || app.t(CommonText::AuthorityTitle)}</h3>
            {copy}
            {text("authority.name", DetailsText::FieldAuthorityName.into(), false, "text", |s| auth(s).name.clone(), |s, v| s.authority.name = v)}
            {text("authority.kind", DetailsText::FieldAuthorityKind.into(), true, "text", |s| auth(s).kind.clone(), |s, v| s.authority.kind = v)}
            {text("authority.oe_id", DetailsText::FieldOeId.into(), true, "text", |s| auth(s).oe_id.clone(), |s, v| s.authority.oe_id = v)}
            {text("authority.bkz", DetailsText::FieldBkz.into(), true, "text", |s| auth(s).bkz.clone(), |s, v| s.authority.bkz = v)}
            {text("authority.address.street", CommonText::FieldStreet.into(), false, "text", |s| addr(s).street.clone(), |s, v| s.authority.address.street = v)}
            {text("authority.address.plz", CommonText::FieldPlz.into(), false, "text", |s| addr(s).plz.clone(), |s, v| s.authority.address.plz = v)}
            {text("authority.address.ort", CommonText::FieldOrt.into(), false, "text", |s| addr(s).ort.clone(), |s, v| s.authority.address.ort = v)}
            {text("authority.email", CommonText::FieldEmail.into(), false, "email", |s| auth(s).email.clone(), |s, v| s.authority.email = v)}
            {text("authority.phone", CommonText::FieldPhone.into(), false, "tel", |s| auth(s).phone.clone(), |s, v| s.authority.phone = v)}
            <TextField path=p("authority.area") label=Signal::derive(move || app.t(CommonText::FieldArea))
                hint=Signal::derive(move || app.t(DetailsText::AreaHint))
                value=get(|s| join_entries(&s.authority.area)) set=set(|s, v| s.authority.area = split_entries(&v))
                errors warnings />
            <h3 class="heading-s">{move || app.t(CommonText::ChannelTitle)}</h3>
            {channels_unknown.then(|| view! { <p class="hint">{move || app.t(DetailsText::ChannelsUnknown)}</p> })}
            <Radios path=p("channel") legend=Signal::derive(move || app.t(DetailsText::ChannelLegend)) options value=channel_kind set=set_kind errors />
            {channel_field}
            {text("fachverfahren", CommonText::FieldFachverfahren.into(), false, "text", |s| s.fachverfahren.clone(), |s, v| s.fachverfahren = v)}
            {text("vendor", DetailsText::FieldVendor.into(), false, "text", |s| s.vendor.clone(), |s, v| s.vendor = v)}
            <fieldset class="fieldset fieldset--contact">
                <legend class="fieldset__legend fieldset__legend--m">{move || app.t(CommonText::VendorContactTitle)}</legend>
                <p class="hint">{move || app.t(DetailsText::VendorContactHint)}</p>
                {text("vendor_contact.name", DetailsText::FieldVendorName.into(), false, "text", |s| s.vendor_contact.name.clone(), |s, v| s.vendor_contact.name = v)}
                {text("vendor_contact.function", DetailsText::FieldVendorFunction.into(), true, "text", |s| s.vendor_contact.function.clone(), |s, v| s.vendor_contact.function = v)}
                {text("vendor_contact.email", DetailsText::FieldVendorEmail.into(), false, "email", |s| s.vendor_contact.email.clone(), |s, v| s.vendor_contact.email = v)}
                {text("vendor_contact.phone", DetailsText::FieldVendorPhone.into(), true, "tel", |s| s.vendor_contact.phone.clone(), |s, v| s.vendor_contact.phone = v)}
            </fieldset>
            <h3 class="heading-s">{move || app.t(CommonText::EmbeddingTitle)}</h3>
            <Radios path=p("embedding.mode") legend=Signal::derive(move || app.t(DetailsText::EmbeddingLegend))
                hint=Signal::derive(move || app.t(DetailsText::EmbeddingHint))
                options=Signal::derive(move || {
                    let lang = app.lang.get();
                    EmbeddingMode::ALL.iter().map(|m| (m.as_str().to_string(), crate::i18n::embedding_label(*m, lang))).collect::<Vec<_>>()
                })
                value=get(|s| s.embedding.mode.map(|m| m.as_str().to_string()).unwrap_or_default())
                set=set(|s, v| s.embedding.mode = EmbeddingMode::ALL.into_iter().find(|m| m.as_str() == v))
                errors />
            {move || embedding_needs_domains.get().then(|| view! {
                <TextField path=p("embedding.domains") label=Signal::derive(move || app.t(DetailsText::FieldDomains))
                    hint=Signal::derive(move || app.t(DetailsText::DomainsHint))
                    value=get(|s| join_entries(&s.embedding.domains)) set=set(|s, v| s.embedding.domains = split_entries(&v))
                    errors warnings />
            })}
            <h3 class="heading-s">{move || app.t(DetailsText::DatesTitle)}</h3>
            {text("test_date", CommonText::FieldTestDate.into(), true, "date", |s| s.test_date.clone(), |s, v| s.test_date = v)}
            {text("go_live_date", CommonText::FieldGoLiveDate.into(), false, "date", |s| s.go_live_date.clone(), |s, v| s.go_live_date = v)}
        </section>
    }
}

/// "Gleiche Stelle wie bei …": where another selected service already has its office
/// entered, a choice of that service and a button that copies the office into this one
/// (each field stays editable). A plain select and button, not a form: it sits inside the
/// page's form and must not submit it. The result is announced in a live region.
fn copy_office(index: usize, names: Vec<String>) -> impl IntoView {
    let app = use_app();
    // Other services whose office has at least a name, by index.
    let sources = Memo::new(move |_| {
        app.draft.with(|d| {
            d.request
                .services
                .iter()
                .enumerate()
                .filter(|(j, s)| *j != index && !s.authority.name.trim().is_empty())
                .map(|(j, s)| (j, s.authority.name.trim().to_string()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let select_id = format!("services-{index}-copy-office");
    let names = StoredValue::new(names);
    let apply = move |_| {
        let Some(from) = chosen.get_untracked().parse::<usize>().ok() else {
            said.set(app.t(DetailsText::CopyOfficeNothingChosen));
            return;
        };
        app.edit(|d| {
            if let Some(source) = d.request.services.get(from).map(|s| s.authority.clone())
                && let Some(target) = d.request.services.get_mut(index)
            {
                target.authority.adopt(&source);
            }
        });
        let service = names.with_value(|n| n.get(from).cloned().unwrap_or_default());
        said.set(format!("{} {service}", app.t(DetailsText::CopyOfficeDone)));
    };
    move || {
        let list = sources.get();
        (!list.is_empty()).then(|| {
            let options = list
                .into_iter()
                .map(|(j, office)| {
                    let service = names.with_value(|n| n.get(j).cloned().unwrap_or_default());
                    let value = j.to_string();
                    let is_chosen = value.clone();
                    view! { <option value=value selected=move || chosen.get() == is_chosen>{format!("{service} ({office})")}</option> }
                })
                .collect_view();
            let select_id = select_id.clone();
            view! {
                <div class="copy-office">
                    <label class="label" for=select_id.clone()>{app.t(DetailsText::CopyOfficeLabel)}</label>
                    <div class="copy-office__row">
                        <select id=select_id class="select" on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="" selected=move || chosen.get().is_empty()>{app.t(DetailsText::CopyOfficeChoose)}</option>
                            {options}
                        </select>
                        <button type="button" class="button button-secondary" on:click=apply>{app.t(DetailsText::CopyOfficeButton)}</button>
                    </div>
                    <p class="hint" role="status">{move || said.get()}</p>
                </div>
            }
        })
    }
}
