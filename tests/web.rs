//! Component tests in real headless Chromium (`cargo test --target wasm32-unknown-unknown`):
//! the pieces of the app that carry logic — the combobox, the error summary's focus, the
//! draft storage, the confirm page's handling of its link, warnings next to fields —
//! exercised through the DOM as a browser user would.
#![cfg(target_arch = "wasm32")]
// Helpers outside `#[wasm_bindgen_test]` functions are test code too: a failed lookup here is
// a failed test with a precise message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use efa_domain::catalog::{Catalog, Channel};
use efa_domain::messages::{ErrorCode, FieldError};
use efa_domain::registry::Registry;
use efa_domain::request::{ChannelChoice, ServiceRequest};
use efa_onboarding::components::combobox::{ComboOption, Combobox};
use efa_onboarding::components::page::ErrorSummary;
use efa_onboarding::draft::{self, Draft, ImportError};
use efa_onboarding::state::{AppState, Loaded};
use efa_onboarding::steps::Step;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh container in the test page, so tests don't see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    div.unchecked_into()
}

/// The next frame the browser renders: by then every reactive update queued before it has
/// run, since effects run as microtasks and a frame callback runs after them.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        window
            .request_animation_frame(&resolve)
            .expect("a frame is requested");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the frame arrives");
}

/// Waits until what was triggered has rendered: two frames, so that effects that update
/// the view in turn have run too. Tied to the browser's frames, not to a fixed time.
async fn settle() {
    next_frame().await;
    next_frame().await;
}

/// Waits, frame by frame, until `done` holds; fails with `what` after about five seconds of
/// frames (for work that takes a real round trip, such as a failing fetch).
async fn until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        next_frame().await;
    }
    panic!("timed out waiting for {what}");
}

fn by_id(id: &str) -> web_sys::HtmlElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn press(el: &web_sys::HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn start_page_has_heading_and_action() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(AppState::new());
        view! { <efa_onboarding::pages::start::StartPage /> }
    });
    settle().await;

    let h1 = root.query_selector("h1").unwrap().expect("a heading");
    assert_eq!(h1.text_content().unwrap(), "EfA-Onboarding");
    let start = root
        .query_selector("a.button-start")
        .unwrap()
        .expect("the start action");
    assert_eq!(start.text_content().unwrap(), "Starten");
    assert_eq!(start.get_attribute("href").as_deref(), Some("/ueberblick"));
}

#[wasm_bindgen_test]
async fn services_page_reports_an_unreachable_catalog() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(AppState::new());
        view! {
            <leptos_router::components::Router>
                <efa_onboarding::pages::services::ServicesPage />
            </leptos_router::components::Router>
        }
    });
    // The test page has no API behind it: the page must say so instead of spinning forever.
    until("the catalog's failure to show", || {
        root.text_content()
            .unwrap_or_default()
            .contains("nicht erreichbar")
    })
    .await;
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("Der Leistungskatalog ist gerade nicht erreichbar"),
        "page was: {text}"
    );
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("the problem is announced");
    assert!(alert.text_content().unwrap().contains("nicht erreichbar"));
}

#[wasm_bindgen_test]
async fn combobox_follows_the_aria_pattern_with_the_keyboard() {
    let root = container();
    let chosen = RwSignal::new(None::<String>);
    let text = RwSignal::new(String::new());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new());
        let suggest = Callback::new(|q: String| {
            ["Würzburg", "Würzburg, Landkreis", "Wurzen"]
                .into_iter()
                .filter(|n| {
                    n.to_lowercase()
                        .starts_with(&q.to_lowercase()[..1.min(q.len())])
                })
                .map(|n| ComboOption {
                    key: n.to_string(),
                    label: n.to_string(),
                    detail: "Bayern".into(),
                })
                .collect()
        });
        view! {
            <label for="cb">"Kommune"</label>
            <Combobox id="cb" text set_text=Callback::new(move |v: String| text.set(v)) suggest
                on_select=Callback::new(move |o: ComboOption| chosen.set(Some(o.key)))
                count_text=Callback::new(|n: usize| format!("{n} Vorschläge")) />
        }
    });
    settle().await;
    let input: web_sys::HtmlInputElement = by_id("cb").unchecked_into();
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    type_into(&input, "w");
    settle().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let listbox = by_id("cb-listbox");
    assert!(!listbox.hidden(), "the list opens on typing");
    assert_eq!(
        listbox
            .query_selector_all("[role=option]")
            .unwrap()
            .length(),
        3
    );
    assert_eq!(by_id("cb-status").text_content().unwrap(), "3 Vorschläge");
    assert_eq!(text.get_untracked(), "w", "what is typed is kept");

    press(&input, "ArrowDown");
    press(&input, "ArrowDown");
    settle().await;
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("cb-option-1")
    );
    assert_eq!(
        by_id("cb-option-1")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    press(&input, "ArrowUp");
    press(&input, "ArrowUp");
    settle().await;
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("cb-option-2"),
        "ArrowUp wraps from the first to the last option"
    );

    press(&input, "Enter");
    settle().await;
    assert_eq!(chosen.get_untracked().as_deref(), Some("Wurzen"));
    assert_eq!(input.value(), "Wurzen");
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    // Escape closes an open list; a second Escape clears the input.
    type_into(&input, "wü");
    settle().await;
    press(&input, "Escape");
    settle().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(input.value(), "wü");
    press(&input, "Escape");
    settle().await;
    assert_eq!(input.value(), "");
}

#[wasm_bindgen_test]
async fn combobox_suggests_for_earlier_typing_when_its_data_arrives() {
    let root = container();
    let loaded = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(AppState::new());
        // Like the registry: nothing to suggest until the data is there.
        let suggest = Callback::new(move |_q: String| {
            if !loaded.get() {
                return Vec::new();
            }
            vec![ComboOption {
                key: "096630000000".into(),
                label: "Würzburg".into(),
                detail: "Bayern".into(),
            }]
        });
        view! {
            <label for="cb2">"Kommune"</label>
            <Combobox id="cb2" text set_text=Callback::new(move |v: String| text.set(v)) suggest
                on_select=Callback::new(|_o: ComboOption| {})
                count_text=Callback::new(|n: usize| format!("{n} Vorschläge")) />
        }
    });
    settle().await;
    let input: web_sys::HtmlInputElement = by_id("cb2").unchecked_into();
    type_into(&input, "Wür");
    settle().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(by_id("cb2-status").text_content().unwrap(), "0 Vorschläge");

    loaded.set(true);
    settle().await;
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true"),
        "the list opens without another key"
    );
    assert_eq!(by_id("cb2-status").text_content().unwrap(), "1 Vorschläge");
    assert_eq!(input.value(), "Wür");
}

#[wasm_bindgen_test]
async fn error_summary_takes_focus_and_links_to_the_field() {
    let root = container();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        // Errors come from the checks, which load the rules' module with the wording
        // first; a page that makes errors of its own loads it as this does.
        let app = AppState::new();
        app.ensure_rules();
        provide_context(app);
        view! {
            <ErrorSummary errors step=Step::Municipality />
            <label for="f-contacts-vertretung-email">"E-Mail"</label>
            <input id="f-contacts-vertretung-email" />
        }
    });
    settle().await;
    assert!(
        root.query_selector(".error-summary").unwrap().is_none(),
        "no summary without errors"
    );

    errors.set(vec![
        FieldError::new("contacts.vertretung.email", ErrorCode::EmailInvalid),
        FieldError::new("services", ErrorCode::Required),
    ]);
    settle().await;
    let summary = root
        .query_selector(".error-summary")
        .unwrap()
        .expect("the summary appears");
    let active = document().active_element().expect("something has focus");
    assert_eq!(
        active, summary,
        "the summary takes focus so it is read first"
    );

    let links = summary.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 2);
    let first: web_sys::HtmlElement = links.item(0).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("href").as_deref(),
        Some("#f-contacts-vertretung-email")
    );
    assert_eq!(
        first.text_content().unwrap(),
        efa_domain::messages::message(ErrorCode::EmailInvalid, efa_domain::messages::Lang::De)
    );
    // An error of another step links to that step, returning to the check page after.
    let second: web_sys::HtmlElement = links.item(1).unwrap().unchecked_into();
    assert_eq!(
        second.get_attribute("href").as_deref(),
        Some("/leistungen?zurueck=pruefen#f-services")
    );

    first.click();
    settle().await;
    assert_eq!(
        document().active_element().map(|e| e.id()),
        Some("f-contacts-vertretung-email".into())
    );
}

#[wasm_bindgen_test]
fn drafts_survive_in_browser_storage_and_are_listed_and_deleted() {
    let mut a = Draft::new(draft::random_id(), "2026-11-28T10:00:00Z");
    a.request.municipality.name = "Würzburg".into();
    a.municipality_query = "würzb".into();
    let mut b = Draft::new(draft::random_id(), "2026-11-28T11:00:00Z");
    b.request.municipality.name = "Rhein-Kreis Neuss".into();
    assert_ne!(a.id, b.id, "ids are random");

    assert!(draft::save(&a));
    assert!(draft::save(&b));
    assert_eq!(draft::load(&a.id), Some(a.clone()));
    assert_eq!(
        draft::stored_current().and_then(|text| draft::import(&text).ok()),
        Some(b.clone()),
        "the last saved draft is current"
    );

    let ids: Vec<String> = draft::list().into_iter().map(|d| d.id).collect();
    assert!(ids.contains(&a.id) && ids.contains(&b.id));
    let pos = |id: &str| ids.iter().position(|x| x == id).unwrap();
    assert!(pos(&b.id) < pos(&a.id), "most recently changed first");

    draft::delete(&b.id);
    assert_eq!(draft::load(&b.id), None);
    assert_eq!(
        draft::stored_current(),
        None,
        "deleting the current draft clears the pointer"
    );
    draft::delete(&a.id);

    // A foreign file is refused before it can replace anything.
    assert_eq!(
        draft::import(r#"{"format":"other"}"#),
        Err(ImportError::Foreign)
    );
}

/// Puts `url` (path and fragment) into the address bar, as following a link would.
fn go_to(url: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
}

/// Mounts the confirm page under its route; the page lives as long as the returned handle.
fn mount_confirm_page(root: &web_sys::HtmlElement) -> impl Sized {
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;
    leptos::mount::mount_to(root.clone(), || {
        provide_context(AppState::new());
        view! {
            <Router>
                <Routes fallback=|| "nicht gefunden">
                    <Route path=path!("/bestaetigen/:id")
                        view=efa_onboarding::pages::confirm::ConfirmRequestPage />
                </Routes>
            </Router>
        }
    })
}

fn heading_text(root: &web_sys::HtmlElement) -> String {
    root.query_selector("h1")
        .unwrap()
        .map(|h| h.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn confirm_page_takes_the_code_out_of_the_address_and_waits_for_the_button() {
    let window = web_sys::window().unwrap();
    let before = window.location().href().unwrap();
    go_to("/bestaetigen/req-1#code=Geheim-123&x=1");
    let root = container();
    let _handle = mount_confirm_page(&root);
    settle().await;

    assert_eq!(heading_text(&root), "Anfrage bestätigen");
    assert_eq!(
        window.location().hash().unwrap(),
        "#x=1",
        "the code leaves the address bar, the rest of the fragment stays"
    );
    let kept = window
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("efa-confirm-code:req-1")
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Geheim-123"), "kept for a reload");
    // A real form with one submit button.
    let form = root.query_selector("form").unwrap().expect("a form");
    let button: web_sys::HtmlElement = form
        .query_selector("button[type=submit]")
        .unwrap()
        .expect("a submit button")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Anfrage bestätigen");

    // Opening the link sends nothing: any answer of the (absent) API would show an outcome.
    for _ in 0..10 {
        settle().await;
    }
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
    assert!(
        document()
            .get_element_by_id("bestaetigung-ergebnis")
            .is_none()
    );
    assert_eq!(heading_text(&root), "Anfrage bestätigen");

    // The press sends it. The test page has no API behind it, so some refusal or failure
    // comes back; either way the page shows an outcome instead of staying silent.
    button.click();
    until("an outcome after the press", || {
        root.query_selector("[role=alert]").unwrap().is_some()
    })
    .await;
    if let Some(result) = document().get_element_by_id("bestaetigung-ergebnis") {
        assert_eq!(
            document().active_element(),
            Some(result),
            "an outcome that replaces the form takes focus"
        );
    } else {
        assert!(
            root.query_selector("form").unwrap().is_some(),
            "a try-again outcome keeps the form"
        );
    }
    let _ = window
        .session_storage()
        .unwrap()
        .unwrap()
        .remove_item("efa-confirm-code:req-1");
    go_to(&before);
}

#[wasm_bindgen_test]
async fn confirm_page_without_a_code_explains_and_offers_no_button() {
    let window = web_sys::window().unwrap();
    let before = window.location().href().unwrap();
    go_to("/bestaetigen/req-2");
    let root = container();
    let _handle = mount_confirm_page(&root);
    settle().await;

    assert_eq!(heading_text(&root), "Link unvollständig");
    assert!(
        root.text_content()
            .unwrap_or_default()
            .contains("fehlt der Bestätigungscode")
    );
    assert!(root.query_selector("form").unwrap().is_none());
    go_to(&before);
}

/// An app state with the shipped catalog and registry already loaded (the test page has no
/// API) and a draft from Würzburg for each (service, channel).
fn loaded_app(services: &[(&str, Channel)]) -> AppState {
    let app = AppState::new();
    let catalog = Catalog::from_json(include_str!("../public/catalog/efa-catalog.json")).unwrap();
    let registry = Registry::parse(include_str!("../public/data/registry.tsv")).unwrap();
    let entry = registry.find_key("09663000").unwrap().clone();
    app.draft.update(|d| {
        d.request.set_municipality(&entry);
        d.request.services = services
            .iter()
            .map(|(service, channel)| ServiceRequest {
                service_id: (*service).into(),
                channel: Some(ChannelChoice::empty(*channel)),
                ..Default::default()
            })
            .collect();
    });
    app.catalog.set(Loaded::Ready(Arc::new(catalog)));
    app.registry.set(Loaded::Ready(Arc::new(registry)));
    app
}

/// Einbürgerung goes over OSCI/XTA, but no source names its DVDV category: a real key of
/// another category (here `sta`) is accepted with a warning that names Einbürgerung, is
/// linked to the input and does not mark it invalid; a malformed key gets no warning (its
/// error appears on "Weiter" as before).
#[wasm_bindgen_test]
async fn a_dvdv_key_of_a_category_no_source_names_warns_for_its_service() {
    let root = container();
    let app = loaded_app(&[("einbuergerung", Channel::OsciXta)]);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(app);
        view! {
            <leptos_router::components::Router>
                <efa_onboarding::pages::details::DetailsPage />
            </leptos_router::components::Router>
        }
    });
    settle().await;
    let id = "f-services-0-channel-dvdv_key";
    let input: web_sys::HtmlInputElement = by_id(id).unchecked_into();
    assert!(
        document()
            .get_element_by_id(&format!("{id}-warning"))
            .is_none()
    );

    type_into(&input, "sta096630000000");
    settle().await;
    let warning = by_id(&format!("{id}-warning"));
    let text = warning.text_content().unwrap();
    assert!(
        text.starts_with("Hinweis: „Antrag auf Einbürgerung“: "),
        "{text}"
    );
    assert!(text.contains("Kategorie sta"), "{text}");
    assert!(text.contains("trotzdem abgesendet"), "{text}");
    assert!(!text.contains("Wohngeld"), "{text}");
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        described.split(' ').any(|d| d == format!("{id}-warning")),
        "{described}"
    );
    assert_eq!(input.get_attribute("aria-invalid"), None);
    assert!(
        document()
            .get_element_by_id(&format!("{id}-error"))
            .is_none()
    );

    // In English too, still naming the service.
    app.lang.set(efa_domain::messages::Lang::En);
    settle().await;
    let text = by_id(&format!("{id}-warning")).text_content().unwrap();
    assert!(
        text.starts_with("Note: “Antrag auf Einbürgerung”: "),
        "{text}"
    );
    app.lang.set(efa_domain::messages::Lang::De);

    // A malformed key is no warning; its error belongs to "Weiter".
    type_into(&input, "sta0966");
    settle().await;
    assert!(
        document()
            .get_element_by_id(&format!("{id}-warning"))
            .is_none()
    );
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(!described.contains("warning"), "{described}");
}

/// The prerequisites page: the PVOG entry waits for the FIT-Connect destination only for
/// the service delivered by FIT-Connect and says so; the DVDV key in the evidence warns
/// for the OSCI service whose category it does not fit.
#[wasm_bindgen_test]
async fn prerequisites_say_for_which_service_an_item_waits_and_warn_on_evidence() {
    let root = container();
    let app = loaded_app(&[("ewa", Channel::FitConnect), ("wohngeld", Channel::OsciXta)]);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(app);
        view! {
            <leptos_router::components::Router>
                <efa_onboarding::pages::prerequisites::PrerequisitesPage />
            </leptos_router::components::Router>
        }
    });
    settle().await;
    let pvog = by_id("item-pvog-eintrag").text_content().unwrap();
    assert!(
        pvog.contains("Für eWA – Elektronische Wohnsitzanmeldung wartet dieser Punkt auf: FIT-Connect-Zustellpunkt für die Produktion. Für die anderen Leistungen können Sie diesen Punkt schon bearbeiten."),
        "{pvog}"
    );
    assert!(!pvog.contains("Kann noch nicht begonnen werden"), "{pvog}");

    let id = "f-prerequisites-dvdv-eintrag-evidence-organisationsschluessel";
    let input: web_sys::HtmlInputElement = by_id(id).unchecked_into();
    type_into(&input, "bab:09663000");
    settle().await;
    let text = by_id(&format!("{id}-warning")).text_content().unwrap();
    assert!(
        text.starts_with("Hinweis: „Wohngeld (Mietzuschuss / Lastenzuschuss) – EfA Wohngeld“: "),
        "{text}"
    );
    assert!(text.contains("nennt für diese Leistung wgb"), "{text}");
    assert_eq!(input.get_attribute("aria-invalid"), None);
}

/// A page that starts the catalog's load and a "Weiter" that needs the catalog at the same
/// time share one request: the second waits for the first instead of fetching again.
#[wasm_bindgen_test]
async fn an_asset_is_fetched_once_however_many_wait_for_it() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let fetches = || {
        performance
            .get_entries_by_type("resource")
            .iter()
            .filter(|e| {
                e.unchecked_ref::<web_sys::PerformanceEntry>()
                    .name()
                    .ends_with("/api/v1/catalog")
            })
            .count()
    };
    let before = fetches();
    let state = AppState::new();
    let _handle = leptos::mount::mount_to(container(), move || {
        provide_context(state);
        view! { <p>"Katalog"</p> }
    });
    state.ensure_catalog();
    state.ensure_catalog();
    let (a, b) = futures_util::join!(state.catalog_loaded(), state.catalog_loaded());
    // The test page has no API behind it: both callers get the same failure.
    assert!(a.is_err() && b.is_err());
    until("the failure to reach the page's state", || {
        matches!(state.catalog.get_untracked(), Loaded::Failed(_))
    })
    .await;
    assert_eq!(
        fetches() - before,
        1,
        "the catalog was fetched more than once"
    );
    // A failed load is tried again by the next caller, once.
    assert!(state.catalog_loaded().await.is_err());
    // The browser adds a request's timing entry a moment after its answer.
    until("the second request's timing entry", || {
        fetches() - before == 2
    })
    .await;
    settle().await;
    assert_eq!(fetches() - before, 2);
}

/// A large catalog is shown a page at a time: "Mehr anzeigen" adds a page for the results
/// it was pressed on, and a new search starts again at one page.
#[wasm_bindgen_test]
async fn a_large_catalog_shows_a_page_at_a_time_and_a_new_search_starts_again() {
    let root = container();
    let app = AppState::new();
    app.catalog
        .set(Loaded::Ready(Arc::new(efa_domain::catalog::synthetic(120))));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(app);
        view! {
            <leptos_router::components::Router>
                <efa_onboarding::pages::services::ServicesPage />
            </leptos_router::components::Router>
        }
    });
    let cards = || {
        root.query_selector_all("li.service-card")
            .map(|l| l.length())
            .unwrap_or(0)
    };
    let more_button = || {
        let buttons = root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .filter_map(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|b| b.text_content().unwrap_or_default().contains("anzeigen"))
    };
    until("the first page", || cards() == 50).await;
    more_button().expect("more to show").click();
    until("the second page", || cards() == 100).await;
    more_button().expect("the rest to show").click();
    until("all of them", || cards() == 120).await;
    assert!(more_button().is_none(), "nothing more to show");

    let search: web_sys::HtmlInputElement = by_id("service-search").dyn_into().unwrap();
    type_into(&search, "Synthetischer Dienst 11");
    until("the search's results", || (1..120).contains(&cards())).await;
    // Back to everything: one page again, not the three pages shown before.
    type_into(&search, "");
    until("one page of all", || cards() == 50).await;
}
