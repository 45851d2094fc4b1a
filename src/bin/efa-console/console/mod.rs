//! The agency's console at `/verwaltung`: staff sign in with their personal operator
//! token, list and filter the requests of their account's Länder, open one, change its
//! status along the state machine and export the list as CSV.
//!
//! This is a module of the console's own binary, not of the library, so the clerk's app
//! is built exactly as without it; `index.html`'s boot script loads this binary instead
//! of the app under `/verwaltung`. The interface is German: it is for the Land's agency.

pub mod api;
mod detail;
mod list;

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use self::api::ConsoleError;
use efa_domain::wire::OperatorAccount;
use efa_onboarding::components::page::focus_id;

/// Where the token lives: the tab's session storage, so it ends with the tab.
const TOKEN_KEY: &str = "efa-console:token";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The signed-in account's token, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    /// Why the account was signed out, shown on the sign-in form.
    expired: RwSignal<bool>,
    /// The account of the token, once the API named it.
    account: Signal<Option<OperatorAccount>>,
}

impl Session {
    fn restore() -> Session {
        let token = session_storage()
            .and_then(|s| s.get_item(TOKEN_KEY).ok().flatten())
            .filter(|t| !t.is_empty());
        let token = RwSignal::new(token);
        // Asked again whenever the token changes: a restored tab learns its account too.
        let named = LocalResource::new(move || {
            let token = token.get();
            async move {
                match token {
                    Some(t) => api::me(&t).await.map(Some),
                    None => Ok(None),
                }
            }
        });
        let expired = RwSignal::new(false);
        let session = Session {
            token,
            expired,
            account: Signal::derive(move || named.get().and_then(Result::ok).flatten()),
        };
        // A token revoked since the tab signed in is noticed here first.
        Effect::new(move |_| {
            if let Some(Err(e)) = named.get() {
                session.check(&e);
            }
        });
        session
    }

    /// The signed-in account, once known.
    pub fn account(&self) -> Option<OperatorAccount> {
        self.account.get()
    }

    /// The token (empty when signed out, which the API answers with 401).
    pub fn token(&self) -> String {
        self.token.get().unwrap_or_default()
    }

    fn sign_in(&self, token: String) {
        if let Some(s) = session_storage() {
            let _ = s.set_item(TOKEN_KEY, &token);
        }
        self.expired.set(false);
        self.token.set(Some(token));
    }

    pub fn sign_out(&self) {
        if let Some(s) = session_storage() {
            let _ = s.remove_item(TOKEN_KEY);
        }
        self.token.set(None);
    }

    /// A 401 after signing in: the token was revoked; back to the sign-in form.
    pub fn check(&self, e: &ConsoleError) {
        if *e == ConsoleError::Unauthorized {
            self.expired.set(true);
            self.sign_out();
        }
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Mounts the console into `<body>`, replacing the static page of `index.html`.
pub fn start() {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(shell) = doc.get_element_by_id("boot") {
            shell.remove();
        }
        if let Some(root) = doc.document_element() {
            let _ = root.remove_attribute("data-boot");
        }
    }
    leptos::mount::mount_to_body(Console);
}

/// Sets `document.title`, prefixed "Fehler: " while the page shows errors.
pub fn set_title(title: &str, has_errors: bool) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let prefix = if has_errors { "Fehler: " } else { "" };
        doc.set_title(&format!("{prefix}{title} – EfA-Onboarding Verwaltung"));
    }
}

#[component]
pub fn Console() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    let signed_in = move || session.token.with(Option::is_some);
    view! {
        <Router>
            <a class="skip-link" href="#inhalt">"Zum Inhalt springen"</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="site-title" href="/verwaltung">"EfA-Onboarding · Verwaltung"</a>
                    <Show when=signed_in>
                        <nav class="site-nav" aria-label="Verwaltung">
                            {move || session.account().map(|a| view! {
                                <p class="site-account">
                                    "Angemeldet als " <strong>{a.name}</strong>
                                    <span class="site-account__lands">{format!(
                                        " · {}",
                                        a.lands.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")
                                    )}</span>
                                </p>
                            })}
                            <a href="/verwaltung">"Anträge"</a>
                            <button type="button" class="lang-switch"
                                on:click=move |_| session.sign_out()>"Abmelden"</button>
                        </nav>
                    </Show>
                </div>
            </header>
            <main id="inhalt" tabindex="-1">
                <Show when=signed_in fallback=SignIn>
                    <Routes fallback=|| view! { <Heading title="Seite nicht gefunden".to_owned() /> }>
                        <Route path=path!("/verwaltung") view=list::ListPage />
                        <Route path=path!("/verwaltung/antrag/:id") view=detail::DetailPage />
                    </Routes>
                </Show>
            </main>
            <footer class="site-footer">
                <p>"EfA-Onboarding · EUPL-1.2"</p>
            </footer>
        </Router>
    }
}

/// The page's `<h1>`, focused when the page appears (the router does not move focus), and
/// the document title.
#[component]
pub fn Heading(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] has_errors: Option<Signal<bool>>,
) -> impl IntoView {
    let h1 = NodeRef::<html::H1>::new();
    Effect::new(move |_| set_title(&title.get(), has_errors.is_some_and(|e| e.get())));
    Effect::new(move |_| {
        if let Some(el) = h1.get() {
            let _ = el.focus();
        }
    });
    view! { <h1 node_ref=h1 tabindex="-1">{title}</h1> }
}

/// One problem of a form: the id of its field and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

/// GOV.UK error summary: focused when it appears, each entry linking to its field.
#[component]
pub fn ErrorSummary(#[prop(into)] problems: Signal<Vec<Problem>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if problems.with(|p| !p.is_empty())
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" node_ref=summary tabindex="-1" role="alert"
                     aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title" class="error-summary__title">"Es gibt ein Problem"</h2>
                    <ul class="error-summary__list">
                        {list
                            .into_iter()
                            .map(|p| {
                                let field = p.field;
                                view! {
                                    <li>
                                        <a href=format!("#{field}") on:click=move |ev| {
                                            ev.prevent_default();
                                            focus_id(field);
                                        }>{p.message}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The wording of an error that is not about a field.
pub fn describe(e: &ConsoleError) -> String {
    match e {
        ConsoleError::Network => "Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre \
            Internetverbindung und versuchen Sie es erneut."
            .into(),
        ConsoleError::Unauthorized => "Das Zugangstoken ist nicht gültig. Bitte melden Sie \
            sich erneut an."
            .into(),
        ConsoleError::NotFound => "Den Antrag gibt es nicht, oder er gehört nicht zu den \
            Ländern Ihres Kontos."
            .into(),
        ConsoleError::Changed => "Der Antrag wurde inzwischen geändert. Bitte laden Sie \
            ihn neu und prüfen Sie, ob die Änderung noch passt; Ihr Hinweis bleibt erhalten."
            .into(),
        ConsoleError::Refused(detail) => detail.clone(),
        ConsoleError::Status(code) => format!(
            "Der Server hat einen Fehler gemeldet ({code}). Bitte versuchen Sie es später \
             erneut."
        ),
    }
}

/// The sign-in form: the personal token, checked with one list request before it is kept.
#[component]
fn SignIn() -> impl IntoView {
    let session = use_session();
    let token = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let check = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move { api::me(&token).await.map(|_| token) }
    });
    let pending = check.pending();
    Effect::new(move |_| {
        if let Some(result) = check.value().get() {
            match result {
                Ok(token) => session.sign_in(token),
                Err(e) => {
                    let message = match e {
                        ConsoleError::Unauthorized => "Dieses Zugangstoken ist nicht gültig \
                            oder wurde widerrufen. Prüfen Sie, ob Sie es vollständig \
                            eingefügt haben."
                            .to_owned(),
                        other => describe(&other),
                    };
                    problems.set(vec![Problem {
                        field: "token",
                        message,
                    }]);
                }
            }
        }
    });
    let expired = session.expired;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = token.get_untracked().trim().to_owned();
        if t.is_empty() {
            problems.set(vec![Problem {
                field: "token",
                message: "Geben Sie Ihr persönliches Zugangstoken ein.".into(),
            }]);
            return;
        }
        problems.set(Vec::new());
        check.dispatch(t);
    };
    let has_errors = Signal::derive(move || problems.with(|p| !p.is_empty()));
    let error = move || problems.with(|p| p.first().map(|p| p.message.clone()));
    view! {
        <ErrorSummary problems />
        <Heading title="Anmelden".to_owned() has_errors />
        <Show when=move || expired.get()>
            <div class="notice notice--warning">
                <p>"Ihre Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an."</p>
            </div>
        </Show>
        <p>"Die Verwaltung ist für die Beschäftigten der zuständigen Stelle. Melden Sie sich mit \
            Ihrem persönlichen Zugangstoken an; es bleibt nur in diesem Browser-Tab gespeichert, \
            bis Sie sich abmelden oder den Tab schließen."</p>
        <form on:submit=on_submit novalidate>
            <div class="form-group" class:form-group--error=move || error().is_some()>
                <label class="label" for="token">"Persönliches Zugangstoken"</label>
                <div class="hint" id="token-hint">
                    "Das Token hat Ihnen die Betriebsverantwortliche Ihrer Stelle gegeben."
                </div>
                {move || error().map(|m| view! {
                    <p class="error-message" id="token-error">
                        <span class="visually-hidden">"Fehler: "</span>{m}
                    </p>
                })}
                <input class="input" class:input--error=move || error().is_some()
                    id="token" name="token" type="password" autocomplete="current-password"
                    spellcheck="false"
                    aria-describedby=move || if error().is_some() { "token-hint token-error" } else { "token-hint" }
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || token.get()
                    on:input=move |ev| token.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button button-primary" disabled=move || pending.get()>
                "Anmelden"
            </button>
        </form>
    }
}

/// A time of the API (RFC 3339, UTC) in German civil time: `04.12.2026, 14:05`. Text that
/// is not such a time is shown as it is.
pub fn local_time(rfc3339: &str) -> String {
    parse_utc(rfc3339)
        .map(|secs| {
            let t = secs + efa_domain::civil::berlin_offset_seconds(secs);
            let (y, m, d) = efa_domain::civil::civil_from_days(t.div_euclid(86_400));
            let s = t.rem_euclid(86_400);
            format!("{d:02}.{m:02}.{y}, {:02}:{:02}", s / 3600, s % 3600 / 60)
        })
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
fn parse_utc(t: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| t.get(r)?.parse::<i64>().ok();
    if !t.ends_with('Z') || t.get(4..5) != Some("-") || t.get(10..11) != Some("T") {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let days =
        efa_domain::civil::days_from_civil(y, u32::try_from(mo).ok()?, u32::try_from(d).ok()?);
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::local_time;

    #[test]
    fn times_are_shown_in_german_civil_time() {
        assert_eq!(local_time("2026-12-04T23:59:10Z"), "05.12.2026, 00:59");
        assert_eq!(local_time("2026-07-01T10:00:00.123Z"), "01.07.2026, 12:00");
        assert_eq!(local_time("gestern"), "gestern");
    }
}
