//! "Ihre Kommune": find the municipality in the official registry (the clerk never types
//! what can be looked up), see its Land route, and name the contacts by role.

use efa_domain::messages::{FieldError, Lang};
use efa_domain::registry::Registry;
use efa_domain::request::{Contact, ContactRole, Contacts};
use efa_domain::wire::{MUNICIPALITY_SUGGESTIONS, MunicipalitySuggestion};
use leptos::prelude::*;

use crate::api;
use crate::components::combobox::{ComboOption, Combobox};
use crate::components::fields::{InlineError, TextField, error_at};
use crate::components::notice::LoadNotice;
use crate::components::page::Page;
use crate::components::route::{RouteDetail, RouteSummary};
use crate::components::summary::SummaryRow;
use crate::i18n::{CommonText, MunicipalityText, OwnOrCommon};

/// A label of this page: its own text or a common one.
type Label = OwnOrCommon<MunicipalityText>;
use crate::pages::QuestionForm;
use crate::state::{LoadState, Loaded, use_app};
use crate::steps::Step;

/// Applies `f` to the contact of `role`. An optional contact left entirely blank is
/// stored as absent, so "not given" and "given" stay distinguishable.
pub fn edit_contact(c: &mut Contacts, role: ContactRole, f: impl FnOnce(&mut Contact)) {
    fn optional(slot: &mut Option<Contact>, f: impl FnOnce(&mut Contact)) {
        let mut value = slot.take().unwrap_or_default();
        f(&mut value);
        let blank = [&value.name, &value.function, &value.email, &value.phone]
            .iter()
            .all(|s| s.trim().is_empty());
        *slot = (!blank).then_some(value);
    }
    match role {
        ContactRole::Vertretung => f(&mut c.vertretung),
        ContactRole::Digitalisierung => optional(&mut c.digitalisierung, f),
        ContactRole::Fachlich => f(&mut c.fachlich),
        ContactRole::Technisch => f(&mut c.technisch),
        ContactRole::Datenschutz => optional(&mut c.datenschutz, f),
    }
}

/// How the municipality step shows a registry entry among the suggestions, whether the
/// app's own search or the server's found it.
fn suggestion_option(s: &MunicipalitySuggestion, lang: Lang) -> ComboOption {
    let mut detail = vec![s.kind.label(lang).to_string()];
    if let Some(kreis) = &s.kreis {
        detail.push(kreis.clone());
    }
    detail.push(s.land.name.clone());
    ComboOption {
        key: s.ars.clone(),
        label: s.name.clone(),
        detail: detail.join(", "),
    }
}

#[component]
pub fn MunicipalityPage() -> impl IntoView {
    let app = use_app();
    // A chosen municipality shows its registry details and its route at once. Otherwise
    // registry and catalog wait for the server's first answer (below): on a slow line the
    // clerk's first suggestions must not queue behind 160 KB they do not need yet.
    if app
        .draft
        .with_untracked(|d| !d.request.municipality.ars.is_empty())
    {
        app.ensure_registry();
        app.ensure_catalog();
    }
    crate::pages::remember_step(Step::Municipality);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let errs: Signal<Vec<FieldError>> = errors.into();

    // What was typed since the last choice: the server's search follows it until the
    // registry is here.
    let asked = RwSignal::new(None::<String>);
    // What is typed lives in the draft, so a reload keeps it too.
    let query = Signal::derive(move || app.draft.with(|d| d.municipality_query.clone()));
    let set_query = Callback::new(move |q: String| {
        asked.set(Some(q.trim().to_owned()));
        if app.draft.with_untracked(|d| d.municipality_query != q) {
            app.edit(|d| d.municipality_query = q);
        }
    });

    // A memo, so that the registry starting to load does not send the same query again.
    let registry_here = Memo::new(move |_| app.registry.with(|r| matches!(r, Loaded::Ready(_))));
    // The server searches the same registry with the same code, so its answer is what the
    // app itself will show once the registry has arrived.
    let remote = LocalResource::new(move || {
        let q = asked.get().filter(|q| !q.is_empty());
        let needed = !registry_here.get();
        async move {
            match q {
                Some(q) if needed => Some(api::municipalities(&q).await),
                _ => None,
            }
        }
    });
    let remote_failed = move || remote.with(|r| matches!(r, Some(Some(Err(_)))));
    // The first answer, or the first failure, starts the loads the step waited with, once
    // the answer is drawn; from then on the app searches offline.
    Effect::new(move |_| {
        if remote.with(|r| matches!(r, Some(Some(_)))) {
            set_timeout(
                move || {
                    app.ensure_registry();
                    app.ensure_catalog();
                },
                std::time::Duration::ZERO,
            );
        }
    });

    // Reads the registry tracked: what was typed while it loaded gets its suggestions
    // when it arrives.
    let suggest = Callback::new(move |q: String| -> Vec<ComboOption> {
        let lang = app.lang.get();
        if let Loaded::Ready(registry) = app.registry.get() {
            return registry
                .search(&q, MUNICIPALITY_SUGGESTIONS)
                .into_iter()
                .map(|hit| suggestion_option(&MunicipalitySuggestion::of(hit.entry), lang))
                .collect();
        }
        remote.with(|r| match r {
            Some(Some(Ok(answer))) if answer.fits(&q) => answer
                .suggestions
                .iter()
                .map(|s| suggestion_option(s, lang))
                .collect(),
            _ => Vec::new(),
        })
    });
    let apply = move |registry: &Registry, key: &str, label: &str| {
        if let Some(entry) = registry.find_key(key) {
            app.edit(|d| {
                d.request.set_municipality(entry);
                d.municipality_query = label.to_owned();
            });
        }
    };
    // A choice among the server's suggestions takes effect when the registry is here
    // (it is on its way by then), unless the clerk has typed something else meanwhile.
    let choose_later = Action::new_local(move |(key, label): &(String, String)| {
        let (key, label) = (key.clone(), label.clone());
        async move {
            let Ok(registry) = app.registry_loaded().await else {
                return;
            };
            if app.draft.with_untracked(|d| d.municipality_query == label) {
                apply(&registry, &key, &label);
            }
        }
    });
    let on_select = Callback::new(move |o: ComboOption| {
        asked.set(None);
        match app.registry.get_untracked() {
            Loaded::Ready(registry) => apply(&registry, &o.key, &o.label),
            _ => {
                choose_later.dispatch((o.key, o.label));
            }
        }
    });
    let count_text = Callback::new(move |n: usize| app.t(MunicipalityText::SuggestionCount(n)));
    let combo_error = error_at(errs, "municipality".to_string());

    // The registry's loading is only worth a word while something waits for it: a chosen
    // municipality's details, a choice, or suggestions the server could not give.
    let registry_notice = Signal::derive(move || match app.registry.with(Loaded::state) {
        LoadState::Loading
            if !choose_later.pending().get()
                && !remote_failed()
                && app.draft.with(|d| d.request.municipality.ars.is_empty()) =>
        {
            LoadState::Ready
        }
        state => state,
    });
    let registry_state = view! {
        <LoadNotice state=registry_notice
            loading=MunicipalityText::RegistryLoading failed=MunicipalityText::RegistryUnavailable />
    };

    // The registry part only: typing the address must not rebuild this block.
    let registry_part = Memo::new(move |_| {
        app.draft.with(|d| {
            let mut m = d.request.municipality.clone();
            m.address = Default::default();
            m
        })
    });
    let chosen = move || {
        let m = registry_part.get();
        if m.ars.is_empty() {
            return None;
        }
        let lang = app.lang.get();
        let registry = app.registry_ready();
        let entry = registry.as_ref().and_then(|r| r.find_key(&m.ars));
        let row = |label: Label, value: String| {
            view! { <SummaryRow label=app.t(label) value missing=Some(CommonText::Unknown) /> }
        };
        let unknown = app.t(CommonText::Unknown);
        let kind = m
            .kind
            .map(|k| k.label(lang).to_string())
            .unwrap_or_else(|| unknown.clone());
        let land = m
            .land
            .map(|l| l.name().to_string())
            .unwrap_or_else(|| unknown.clone());
        let population = entry
            .map(|e| format_population(e.population()))
            .unwrap_or_else(|| unknown.clone());
        // A member Gemeinde names its Verband; a Verband lists its key and members instead.
        let verband = entry
            .filter(|e| !e.is_gemeindeverband())
            .and_then(|e| e.gemeindeverband_name())
            .map(str::to_string);
        let verband_key = entry
            .filter(|e| e.is_gemeindeverband())
            .and_then(|e| e.gemeindeverband())
            .map(|v| v.key().to_string());
        let members = match (&registry, &verband_key) {
            (Some(r), Some(key)) => Some(
                r.verband_members(key)
                    .map(|m| m.short_name().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        };
        let ags = m.ags_shown(lang).to_string();
        let plz = entry
            .and_then(|e| e.plz())
            .map(|p| p.to_string())
            .unwrap_or_else(|| unknown.clone());
        Some(view! {
            <h2>{app.t(MunicipalityText::ChosenMunicipality)}</h2>
            <dl class="summary-list">
                {row(CommonText::FieldName.into(), m.name.clone())}
                {row(CommonText::FieldKind.into(), kind)}
                {row(CommonText::FieldArs.into(), m.ars.clone())}
                {row(CommonText::FieldAgs.into(), ags)}
                {verband_key.map(|k| row(MunicipalityText::FieldVerbandKey.into(), k))}
                {row(CommonText::FieldLand.into(), land)}
                {row(CommonText::FieldKreis.into(), m.kreis.clone().unwrap_or_else(|| app.t(MunicipalityText::NotApplicable)))}
                {verband.map(|v| row(MunicipalityText::FieldVerband.into(), v))}
                {members.map(|v| row(MunicipalityText::FieldVerbandMembers.into(), v))}
                {row(MunicipalityText::FieldPopulation.into(), population)}
                {row(MunicipalityText::FieldPlzSeat.into(), plz)}
            </dl>
            <p class="hint">{app.t(MunicipalityText::RegistrySource)}</p>
            <RouteSummary detail=RouteDetail::Full />
        })
    };

    let address_field = move |path: &'static str,
                              label: Label,
                              get: fn(&efa_domain::request::Address) -> String,
                              set: fn(&mut efa_domain::request::Address, String),
                              autocomplete: &'static str,
                              width: &'static str| {
        view! {
            <TextField
                path=path
                label=Signal::derive(move || app.t(label))
                value=Signal::derive(move || app.draft.with(|d| get(&d.request.municipality.address)))
                set=Callback::new(move |v: String| app.edit(|d| set(&mut d.request.municipality.address, v)))
                errors=errs
                autocomplete=autocomplete
                width=width
            />
        }
    };

    // The Leitweg-ID is asked where the route's agency needs it, or kept visible once given.
    let leitweg_asked = Memo::new(move |_| {
        app.draft.with(|d| {
            d.request
                .municipality
                .land
                .is_some_and(efa_domain::route::asks_leitweg_id)
                || !d.request.municipality.leitweg_id.is_empty()
        })
    });
    let warns: Signal<Vec<efa_domain::messages::FieldWarning>> =
        Signal::derive(move || app.warnings().unwrap_or_default());

    let contact_fields = ContactRole::ALL
        .into_iter()
        .map(|role| {
            let base = format!("contacts.{}", role.as_str());
            let field = move |suffix: &'static str, label: Label, optional: bool, input_type: &'static str, autocomplete: &'static str, get: fn(&Contact) -> String, set: fn(&mut Contact, String)| {
                let path = format!("{base}.{suffix}");
                view! {
                    <TextField
                        path=path
                        label=Signal::derive(move || app.t(label))
                        optional=optional
                        value=Signal::derive(move || app.draft.with(|d| get(&d.request.contacts.of(role))))
                        set=Callback::new(move |v: String| app.edit(|d| edit_contact(&mut d.request.contacts, role, |c| set(c, v))))
                        errors=errs
                        input_type=input_type
                        autocomplete=autocomplete
                    />
                }
            };
            let optional_role = !role.is_required();
            view! {
                <fieldset class="fieldset fieldset--contact">
                    <legend class="fieldset__legend fieldset__legend--m">
                        {move || {
                            let label = role.label(app.lang.get()).to_string();
                            if optional_role { format!("{label} {}", app.t(CommonText::OptionalSuffix)) } else { label }
                        }}
                    </legend>
                    {field("name", MunicipalityText::FieldPersonName.into(), optional_role, "text", "name", |c| c.name.clone(), |c, v| c.name = v)}
                    {field("function", MunicipalityText::FieldFunction.into(), optional_role || !role.function_required(), "text", "organization-title", |c| c.function.clone(), |c, v| c.function = v)}
                    {field("email", CommonText::FieldEmail.into(), optional_role, "email", "email", |c| c.email.clone(), |c, v| c.email = v)}
                    {field("phone", CommonText::FieldPhone.into(), optional_role || !role.phone_required(), "tel", "tel", |c| c.phone.clone(), |c, v| c.phone = v)}
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <Page step=Step::Municipality errors=errs>
            <QuestionForm step=Step::Municipality errors>
                <div class="form-group" class:form-group--error=move || combo_error.with(Option::is_some)>
                    <label class="label label--m" for="f-municipality">{move || app.t(MunicipalityText::MunicipalitySearchLabel)}</label>
                    <p class="hint" id="f-municipality-hint">{move || app.t(MunicipalityText::MunicipalitySearchHint)}</p>
                    <InlineError id="f-municipality-error" error=combo_error />
                    {registry_state}
                    <Combobox
                        id="f-municipality"
                        text=query
                        set_text=set_query
                        suggest
                        on_select
                        count_text
                        described_by=Signal::derive(move || Some(if combo_error.with(Option::is_some) {
                            "f-municipality-hint f-municipality-error".to_string()
                        } else {
                            "f-municipality-hint".to_string()
                        }))
                        invalid=Signal::derive(move || combo_error.with(Option::is_some))
                    />
                </div>
                {chosen}
                <h2>{move || app.t(CommonText::AddressTitle)}</h2>
                {address_field("municipality.address.street", CommonText::FieldStreet.into(), |a| a.street.clone(), |a, v| a.street = v, "street-address", "")}
                {address_field("municipality.address.plz", CommonText::FieldPlz.into(), |a| a.plz.clone(), |a, v| a.plz = v, "postal-code", "input--width-5")}
                {address_field("municipality.address.ort", CommonText::FieldOrt.into(), |a| a.ort.clone(), |a, v| a.ort = v, "address-level2", "")}
                {move || leitweg_asked.get().then(|| view! {
                    <TextField
                        path="municipality.leitweg_id"
                        label=Signal::derive(move || app.t(CommonText::FieldLeitwegId))
                        hint=Signal::derive(move || app.t(MunicipalityText::LeitwegIdHint))
                        optional=true
                        value=Signal::derive(move || app.draft.with(|d| d.request.municipality.leitweg_id.clone()))
                        set=Callback::new(move |v: String| app.edit(|d| d.request.municipality.leitweg_id = v))
                        errors=errs
                        warnings=warns
                    />
                })}
                <h2>{move || app.t(CommonText::ContactsTitle)}</h2>
                <p class="hint">{move || app.t(MunicipalityText::ContactsHint)}</p>
                {contact_fields}
                <TextField
                    path="contacts.funktionspostfach"
                    label=Signal::derive(move || app.t(CommonText::FieldFunktionspostfach))
                    hint=Signal::derive(move || app.t(MunicipalityText::FunktionspostfachHint))
                    value=Signal::derive(move || app.draft.with(|d| d.request.contacts.funktionspostfach.clone()))
                    set=Callback::new(move |v: String| app.edit(|d| d.request.contacts.funktionspostfach = v))
                    errors=errs
                    input_type="email"
                    autocomplete="email"
                />
            </QuestionForm>
        </Page>
    }
}

/// "133.258" (German thousands separator).
pub fn format_population(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_uses_german_grouping() {
        assert_eq!(format_population(0), "0");
        assert_eq!(format_population(999), "999");
        assert_eq!(format_population(133_258), "133.258");
        assert_eq!(format_population(1_505_005), "1.505.005");
    }

    #[test]
    fn a_blank_optional_contact_is_absent() {
        let mut c = Contacts::default();
        edit_contact(&mut c, ContactRole::Datenschutz, |p| p.name = "A".into());
        assert!(c.datenschutz.is_some());
        edit_contact(&mut c, ContactRole::Datenschutz, |p| p.name = "  ".into());
        assert!(c.datenschutz.is_none());
        edit_contact(&mut c, ContactRole::Vertretung, |p| p.name = String::new());
        assert_eq!(c.vertretung, Contact::default());
    }
}
