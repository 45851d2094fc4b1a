//! The status page of a submitted request: `/status/{id}#token=…` works from any browser.
//!
//! The token is a secret: once read, it leaves the address bar and the browser history
//! (`history.replaceState`) and stays in this tab's session storage, so a reload still
//! works and closing the tab forgets it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::page::Page;
use crate::i18n::Text;
use crate::state::use_app;
use crate::steps::Step;

/// The token from a URL fragment like `#token=abc`.
pub fn token_from_fragment(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// The fragment without its `token=…` part (`""` when nothing else was in it).
pub fn fragment_without_token(fragment: &str) -> String {
    let rest: Vec<&str> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("token="))
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!("#{}", rest.join("&"))
    }
}

fn storage_key(id: &str) -> String {
    format!("efa-status-token:{id}")
}

/// The token of request `id`: from the address (then moved into this tab's session
/// storage and out of the address and history), or from session storage after a reload.
fn take_token(id: &str) -> Option<String> {
    let window = web_sys::window()?;
    let storage = window.session_storage().ok().flatten();
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    match token_from_fragment(&hash) {
        Some(token) => {
            if let Some(s) = &storage {
                let _ = s.set_item(&storage_key(id), &token);
            }
            let path = location.pathname().unwrap_or_default();
            let search = location.search().unwrap_or_default();
            let clean = format!("{path}{search}{}", fragment_without_token(&hash));
            if let Ok(history) = window.history() {
                let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
                let _ = history.replace_state_with_url(&state, "", Some(&clean));
            }
            Some(token)
        }
        None => storage.and_then(|s| s.get_item(&storage_key(id)).ok().flatten()),
    }
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let status = LocalResource::new(move || {
        let id = id();
        let token = take_token(&id);
        async move {
            match token {
                None => Err(ApiError::Status(401)),
                Some(t) => api::status(&id, &t).await,
            }
        }
    });
    let heading = Signal::derive(move || app.t(Text::StatusTitle));
    view! {
        <Page step=Step::Confirmation errors=Signal::stored(Vec::new()) heading hide_back=true>
            {move || match status.get() {
                None => view! { <p role="status">{app.t(Text::Loading)}</p> }.into_any(),
                Some(Err(ApiError::Network)) => view! { <div class="notice notice--warning" role="alert">{app.t(Text::StatusUnreachable)}</div> }.into_any(),
                Some(Err(_)) => view! { <div class="notice notice--warning" role="alert">{app.t(Text::StatusNotFound)}</div> }.into_any(),
                Some(Ok(s)) => view! {
                    <dl class="summary-list">
                        <div class="summary-list__row"><dt>{app.t(Text::ReferenceNumber)}</dt><dd>{s.reference.clone()}</dd></div>
                        <div class="summary-list__row"><dt>{app.t(Text::FieldName)}</dt><dd>{s.municipality_name.clone()}</dd></div>
                        <div class="summary-list__row"><dt>{app.t(Text::FieldLand)}</dt><dd>{s.land.name.clone()}</dd></div>
                        <div class="summary-list__row"><dt>{app.t(Text::CurrentStatus)}</dt><dd><strong>{crate::i18n::request_status_label(&s.status, app.lang.get())}</strong></dd></div>
                        <div class="summary-list__row"><dt>{app.t(Text::ReceivedAt)}</dt><dd>{crate::i18n::format_timestamp(&s.received_at, app.lang.get())}</dd></div>
                        <div class="summary-list__row"><dt>{app.t(Text::ReviewServices)}</dt><dd>{s.services.iter().map(|x| x.name.clone().unwrap_or(x.id.clone())).collect::<Vec<_>>().join(", ")}</dd></div>
                    </dl>
                    <h2>{app.t(Text::HistoryTitle)}</h2>
                    <ol class="list history">
                        {s.history.iter().map(|h| view! {
                            <li><strong>{crate::i18n::request_status_label(&h.status, app.lang.get())}</strong>" – "{crate::i18n::format_timestamp(&h.at, app.lang.get())}
                                {h.note.clone().filter(|n| !n.is_empty()).map(|n| view! { <p>{n}</p> })}</li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::{fragment_without_token, token_from_fragment};

    #[test]
    fn token_is_read_from_the_fragment() {
        assert_eq!(token_from_fragment("#token=abc"), Some("abc".into()));
        assert_eq!(token_from_fragment("token=abc&x=1"), Some("abc".into()));
        assert_eq!(token_from_fragment("#token="), None);
        assert_eq!(token_from_fragment(""), None);
    }

    #[test]
    fn only_the_token_leaves_the_fragment() {
        assert_eq!(fragment_without_token("#token=abc"), "");
        assert_eq!(fragment_without_token("#token=abc&x=1"), "#x=1");
        assert_eq!(fragment_without_token(""), "");
    }
}
