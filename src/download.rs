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

/// A file-name-safe form of a municipality name ("Würzburg" → "Wuerzburg"). It lives with
/// the documents, whose file names use it too.
pub use efa_documents::file_stem;

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
