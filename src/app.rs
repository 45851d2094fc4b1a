//! The app shell: router, header (language switch, save status) and the state shared by all
//! steps.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::notice::NotFetched;
use crate::i18n::{Lang, ShellText, lang_code, store_lang};
use crate::pages::municipality::MunicipalityPage;
use crate::pages::overview::OverviewPage;
use crate::pages::start::StartPage;
use crate::routes::{
    confirm, confirmation, details, drafts, prerequisites, review, services, status, submit,
};
use crate::state::{AppState, LoadState, Restore, SaveState, use_app};
use crate::steps::Step;

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    if app.restore.get_untracked() == Restore::Reading {
        leptos::task::spawn_local(async move {
            app.read_stored().await;
        });
    }

    // Keep <html lang> in line with the interface language (WCAG 3.1.1).
    Effect::new(move |_| {
        let code = lang_code(app.lang.get());
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", code);
        }
    });
    // The other pages' modules, once catalog and registry are in, so the clerk can go on
    // if the line drops later; before, they would compete with what the page waits for.
    let preloaded = StoredValue::new(false);
    Effect::new(move |_| {
        let idle = app.catalog.with(|c| c.state() == LoadState::Ready)
            && app.registry.with(|r| r.state() == LoadState::Ready);
        if idle && !preloaded.get_value() {
            preloaded.set_value(true);
            leptos::task::spawn_local(crate::routes::preload_all());
        }
    });
    // Save before the tab closes or the browser discards it.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| app.save_now());

    let toggle_lang = move |_| {
        let next = match app.lang.get_untracked() {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        };
        store_lang(next);
        app.lang.set(next);
    };
    let save_text = move || match app.save.get() {
        SaveState::Idle => String::new(),
        SaveState::Pending => app.t(ShellText::Saving),
        SaveState::Saved(h, m) => app.t(ShellText::Saved(h, m)),
        SaveState::Failed => app.t(ShellText::SaveFailed),
    };

    view! {
        <Router>
            <a class="skip-link" href="#inhalt">{move || app.t(ShellText::SkipLink)}</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="site-title" href="/">{move || app.t(ShellText::ProductName)}</a>
                    <nav class="site-nav" aria-label=move || app.t(ShellText::NavOverview)>
                        <a href=Step::Overview.path()>{move || app.t(ShellText::NavOverview)}</a>
                        <a href="/entwuerfe">{move || app.t(ShellText::NavDrafts)}</a>
                        <button type="button" class="lang-switch" on:click=toggle_lang
                            lang=move || if app.lang.get() == Lang::De { "en" } else { "de" }
                            aria-label=move || app.t(ShellText::LanguageSwitchLabel)>
                            {move || app.t(ShellText::LanguageSwitch)}
                        </button>
                    </nav>
                </div>
            </header>
            <div class="save-status" role="status" aria-live="polite"
                class:save-status--failed=move || app.save.get() == SaveState::Failed>
                {save_text}
            </div>
            <main id="inhalt" tabindex="-1">
                <Show when=move || app.restore.get() == Restore::Done
                    fallback=move || view! { <DraftNotRead /> }>
                <Routes fallback=move || view! {
                    <h1>{app.t(ShellText::NotFoundTitle)}</h1>
                    <p>{app.t(ShellText::NotFoundBody)}" "<a href="/">{app.t(ShellText::ProductName)}</a></p>
                }>
                    <Route path=path!("/") view=StartPage />
                    <Route path=path!("/ueberblick") view=OverviewPage />
                    <Route path=path!("/kommune") view=MunicipalityPage />
                    <Route path=path!("/leistungen") view={services()} />
                    <Route path=path!("/voraussetzungen") view={prerequisites()} />
                    <Route path=path!("/angaben") view={details()} />
                    <Route path=path!("/pruefen") view={review()} />
                    <Route path=path!("/absenden") view={submit()} />
                    <Route path=path!("/bestaetigung") view={confirmation()} />
                    <Route path=path!("/entwuerfe") view={drafts()} />
                    <Route path=path!("/status/:id") view={status()} />
                    <Route path=path!("/bestaetigen/:id") view={confirm()} />
                </Routes>
                </Show>
            </main>
            <footer class="site-footer">
                <p>"EfA-Onboarding · EUPL-1.2"</p>
            </footer>
        </Router>
    }
}

/// In place of the pages while the stored draft is read: a short note, and if the
/// reader's module could not be fetched, what happened, that nothing is lost, and a button
/// that tries again.
#[component]
fn DraftNotRead() -> impl IntoView {
    let app = use_app();
    let retry = Action::new_local(move |_: &()| async move { app.read_stored().await });
    // The first read gets a short note; once it has failed, the notice stays in view
    // while a retry runs, and its status line says what is going on.
    let first_read =
        Memo::new(move |_| app.restore.get() == Restore::Reading && retry.version().get() == 0);
    move || {
        if first_read.get() {
            view! { <p class="hint" role="status">{app.t(ShellText::DraftReading)}</p> }.into_any()
        } else {
            view! {
                <NotFetched title=ShellText::DraftNotReadTitle loading=ShellText::DraftReading retry />
            }
            .into_any()
        }
    }
}
