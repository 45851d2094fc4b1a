//! Offers generated content as a file download, entirely in the browser.

use wasm_bindgen::JsCast;

/// Starts the download of `content` as `filename`. Returns `false` if the browser refused.
pub fn offer(filename: &str, mime: &str, content: &[u8]) -> bool {
    fn inner(filename: &str, mime: &str, content: &[u8]) -> Option<()> {
        let window = web_sys::window()?;
        let document = window.document()?;
        let array = js_sys::Uint8Array::from(content);
        let parts = js_sys::Array::of1(&array);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(filename);
        a.set_hidden(true);
        document.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        // Revoke later: some browsers read the URL after `click()` returns.
        let revoke = url.clone();
        leptos::prelude::set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&revoke);
            },
            std::time::Duration::from_secs(10),
        );
        Some(())
    }
    inner(filename, mime, content).is_some()
}

/// A file-name-safe form of a municipality name: "Würzburg" → "Wuerzburg",
/// "Köln, Stadt" → "Koeln_Stadt".
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            '-' => out.push('-'),
            _ => {
                if !out.ends_with('_') && !out.is_empty() {
                    out.push('_');
                }
            }
        }
    }
    let trimmed = out.trim_matches('_').to_string();
    if trimmed.is_empty() {
        "Kommune".to_string()
    } else {
        trimmed
    }
}

/// Today's date as `YYYY-MM-DD` in the browser's time zone.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_are_ascii_and_readable() {
        assert_eq!(file_stem("Würzburg"), "Wuerzburg");
        assert_eq!(file_stem("Köln, Stadt"), "Koeln_Stadt");
        assert_eq!(
            file_stem("München, Landeshauptstadt"),
            "Muenchen_Landeshauptstadt"
        );
        assert_eq!(file_stem("Rhein-Kreis Neuss"), "Rhein-Kreis_Neuss");
        assert_eq!(file_stem(""), "Kommune");
    }
}
