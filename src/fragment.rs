//! Secrets that arrive in a URL fragment (`#token=…`, `#code=…`).
//!
//! Browsers never send the fragment to a server, which is why links with secrets put them
//! there. Once read, the secret leaves the address bar and the browser history
//! (`history.replaceState`), so it is not shown, bookmarked or shared by accident, and stays
//! in this tab's session storage, so a reload still works and closing the tab forgets it.

/// The value of `name` in a fragment like `#name=abc&x=1` (`None` if absent or empty).
pub fn value(fragment: &str, name: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The fragment without its `name=…` part (`""` when nothing else was in it).
pub fn without(fragment: &str, name: &str) -> String {
    let rest: Vec<&str> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(name))
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!("#{}", rest.join("&"))
    }
}

/// The secret `name` for the page: from the address (then moved into this tab's session
/// storage under `storage_key` and out of the address and history), or from session storage
/// after a reload.
pub fn take(name: &str, storage_key: &str) -> Option<String> {
    let window = web_sys::window()?;
    let storage = window.session_storage().ok().flatten();
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    match value(&hash, name) {
        Some(secret) => {
            if let Some(s) = &storage {
                let _ = s.set_item(storage_key, &secret);
            }
            let path = location.pathname().unwrap_or_default();
            let search = location.search().unwrap_or_default();
            let clean = format!("{path}{search}{}", without(&hash, name));
            if let Ok(history) = window.history() {
                let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
                let _ = history.replace_state_with_url(&state, "", Some(&clean));
            }
            Some(secret)
        }
        None => storage.and_then(|s| s.get_item(storage_key).ok().flatten()),
    }
}

#[cfg(test)]
mod tests {
    use super::{value, without};

    #[test]
    fn a_value_is_read_from_the_fragment() {
        assert_eq!(value("#token=abc", "token"), Some("abc".into()));
        assert_eq!(value("token=abc&x=1", "token"), Some("abc".into()));
        assert_eq!(value("#x=1&code=a-b_c", "code"), Some("a-b_c".into()));
        assert_eq!(value("#token=", "token"), None);
        assert_eq!(value("", "token"), None);
        // Only the exact name counts, not a name that starts with it.
        assert_eq!(value("#codes=abc", "code"), None);
        assert_eq!(value("#code", "code"), None);
    }

    #[test]
    fn only_the_named_part_leaves_the_fragment() {
        assert_eq!(without("#token=abc", "token"), "");
        assert_eq!(without("#token=abc&x=1", "token"), "#x=1");
        assert_eq!(without("#codes=1&code=abc", "code"), "#codes=1");
        assert_eq!(without("", "token"), "");
    }
}
