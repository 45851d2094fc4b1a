//! The PDF documents come from a second wasm module (`src/bin/efa-pdf.rs`), loaded the first
//! time a page with document downloads opens: the PDF writer is not part of the app's first
//! load. `index.html` names its files in `<meta name="efa-pdf-module">` (content-hashed by
//! `cargo xtask build`).

use efa_documents::{DocumentKind, Submission};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let loading = null;
let attempt = 0;
export function loadPdfModule() {
  const meta = document.querySelector('meta[name="efa-pdf-module"]');
  if (!meta) return Promise.reject(new Error('this page names no PDF module'));
  if (!loading) {
    // A browser may keep a failed module fetch in its module map for the page's lifetime,
    // so importing the same URL again fails at once without a request. After a failure,
    // each attempt therefore asks for a URL of its own; the server ignores the query.
    const url = attempt === 0 ? meta.content : `${meta.content}?attempt=${attempt}`;
    attempt += 1;
    loading = import(url)
      .then(async (m) => { await m.default({ module_or_path: meta.dataset.wasm }); return m; })
      .catch((e) => { loading = null; throw e; });
  }
  return loading;
}
"#)]
extern "C" {
    /// Resolves to the module's exports once it is loaded (once; after a failure the next
    /// call loads it again, under a fresh URL).
    #[wasm_bindgen(js_name = loadPdfModule)]
    fn load_pdf_module() -> js_sys::Promise;
}

/// Why no PDF came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The module could not be loaded (offline, or the page predates it).
    Unavailable,
    /// The module refused the input (its message, for the console).
    Failed(String),
}

/// Starts loading the module in the background, so that the first download is quick.
/// A failure here is reported by the download that needs the module.
pub fn preload() {
    let loading = load_pdf_module();
    leptos::task::spawn_local(async move {
        let _ = JsFuture::from(loading).await;
    });
}

/// The document `kind` for the request `request_json`, made by the PDF module, generated at
/// `generated_at` (RFC 3339); with `submission` the final version, without it the draft.
pub async fn pdf(
    kind: DocumentKind,
    request_json: &str,
    catalog_json: &str,
    generated_at: &str,
    submission: Option<&Submission>,
) -> Result<Vec<u8>, PdfError> {
    let module = JsFuture::from(load_pdf_module())
        .await
        .map_err(|_| PdfError::Unavailable)?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &JsValue::from_str("document"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(PdfError::Unavailable)?;
    let args = js_sys::Array::new();
    args.push(&JsValue::from_str(kind.name()));
    args.push(&JsValue::from_str(request_json));
    args.push(&JsValue::from_str(catalog_json));
    args.push(&JsValue::from_str(generated_at));
    match submission {
        Some(s) => {
            args.push(&JsValue::from_str(&s.reference));
            args.push(&JsValue::from_str(&s.received_at));
            args.push(&JsValue::from(s.version));
        }
        None => {
            args.push(&JsValue::UNDEFINED);
            args.push(&JsValue::UNDEFINED);
            args.push(&JsValue::UNDEFINED);
        }
    }
    let out = function
        .apply(&JsValue::NULL, &args)
        .map_err(|e| PdfError::Failed(e.as_string().unwrap_or_default()))?;
    let bytes: js_sys::Uint8Array = out
        .dyn_into()
        .map_err(|_| PdfError::Failed("not bytes".into()))?;
    Ok(bytes.to_vec())
}
