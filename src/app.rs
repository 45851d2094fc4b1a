//! The app shell: router, page layout and the state shared by all steps.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::{Lang, Text, t};
use crate::pages::start::StartPage;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::De);
    provide_context(lang);
    view! {
        <Router>
            <a class="skip-link" href="#inhalt">"Zum Inhalt springen"</a>
            <header class="site-header">
                <p class="site-title">{move || t(lang.get(), Text::ProductName)}</p>
            </header>
            <main id="inhalt" tabindex="-1">
                <Routes fallback=|| view! { <h1>"Seite nicht gefunden"</h1> }>
                    <Route path=path!("/") view=StartPage />
                </Routes>
            </main>
        </Router>
    }
}
