//! The clerk's draft: everything typed so far, kept in the browser until it is submitted.
//!
//! A draft wraps the domain's `ConnectionRequest` (whose fields are plain strings, so that
//! whatever the clerk typed, valid or not, is kept) plus what the journey needs to resume:
//! the current step, the combobox text and the state of a submission. Drafts are saved to
//! `localStorage` under their own key, so several can exist side by side (an
//! IT-Dienstleister working for many municipalities keeps one per municipality).

use efa_domain::json::{self, Scalar};
use efa_domain::request::ConnectionRequest;
use efa_domain::status::Status;
use serde::{Deserialize, Serialize};

use crate::steps::Step;

/// Marks exported draft files as ours.
pub const FORMAT: &str = "efa-onboarding-draft";
/// Version of the draft file format. Raised when a change would break older readers.
pub const DRAFT_VERSION: u32 = 1;

const KEY_PREFIX: &str = "efa-onboarding:draft:";
const KEY_CURRENT: &str = "efa-onboarding:current";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub format: String,
    pub draft_version: u32,
    /// Random id of this draft (storage key and file name part).
    pub id: String,
    /// Where the clerk was, to resume there.
    pub step: Step,
    /// What is typed into the municipality search (kept even if nothing was chosen).
    pub municipality_query: String,
    pub request: ConnectionRequest,
    /// Present once "Absenden" was pressed.
    pub submission: Option<Submission>,
    /// Set when this draft is a new version of a submitted request, opened from its
    /// status page to answer the agency's Rückfrage: "Absenden" then sends it as that
    /// request's next version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Amendment>,
}

/// The submitted request a draft amends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    pub id: String,
    pub reference: String,
    /// The version the draft was opened from; it is sent as the next one.
    pub version: u32,
    /// The request's status token, which the new version needs.
    pub status_token: String,
}

/// A submission attempt and, once the API accepted it, its receipt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Reused for every retry of the same content, so a retry after a lost answer cannot
    /// create a second request on the server.
    pub idempotency_key: String,
    /// Fingerprint of the request the key was made for; new content gets a new key.
    pub fingerprint: String,
    /// The exact JSON sent, so a retry sends the same bytes with the same key.
    pub body: String,
    pub receipt: Option<Receipt>,
}

/// What the API answered with 201.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: String,
    pub reference: String,
    pub status: Status,
    pub received_at: String,
    pub status_token: String,
    /// Whether the request was confirmed through the link mailed to the Funktionspostfach.
    /// Receipts stored before confirmations existed lack this and the next field.
    #[serde(default)]
    pub confirmed: bool,
    /// Until when the request must be confirmed (RFC 3339); an unconfirmed request is
    /// deleted after it. `None` once confirmed.
    #[serde(default)]
    pub confirm_by: Option<String>,
    /// For a new version of a request: its number (2 and up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

impl Receipt {
    /// The deadline by which the request must be confirmed, while that is still open.
    /// A receipt from before confirmations has none: there is nothing to ask of the clerk.
    pub fn confirmation_deadline(&self) -> Option<&str> {
        if self.confirmed {
            None
        } else {
            self.confirm_by.as_deref()
        }
    }
}

impl Draft {
    pub fn new(id: String, now: &str) -> Draft {
        Draft {
            format: FORMAT.into(),
            draft_version: DRAFT_VERSION,
            id,
            step: Step::Start,
            municipality_query: String::new(),
            request: ConnectionRequest::new(now),
            submission: None,
            amends: None,
        }
    }

    /// A short human title for lists ("Würzburg, 3 Leistungen").
    pub fn title(&self) -> String {
        let name = &self.request.municipality.name;
        if name.is_empty() {
            String::new()
        } else {
            name.clone()
        }
    }

    /// Nothing entered yet. A blank draft is not worth keeping in the list of drafts.
    pub fn is_blank(&self) -> bool {
        let fresh = ConnectionRequest::new(&self.request.created_at);
        let mut request = self.request.clone();
        request.updated_at = request.created_at.clone();
        request == fresh && self.municipality_query.is_empty() && self.submission.is_none()
    }

    pub fn is_submitted(&self) -> bool {
        self.submission
            .as_ref()
            .is_some_and(|s| s.receipt.is_some())
    }
}

/// Why a draft file could not be loaded. The page picks the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON at all, or cut off.
    Broken,
    /// JSON, but not an EfA-Onboarding draft.
    Foreign,
    /// A draft from a newer version of this software.
    Newer,
    /// An EfA-Onboarding draft of our version whose content does not fit.
    Invalid,
}

/// Reads a draft file. Checks the marker and version before the content, so that a
/// foreign or newer file gets the right message rather than a generic one.
pub fn import(text: &str) -> Result<Draft, ImportError> {
    // Members are picked out of the text rather than parsing it into a
    // `serde_json::Value`, which would link a second deserialiser of every draft type.
    let member = |path: &[&str]| json::member(text, path).map_err(|_| ImportError::Broken);
    let unsigned = |found: Option<Scalar>| match found {
        Some(Scalar::Unsigned(n)) => n,
        _ => 0,
    };
    if member(&["format"])? != Some(Scalar::Text(FORMAT.into())) {
        return Err(ImportError::Foreign);
    }
    if unsigned(member(&["draft_version"])?) > u64::from(DRAFT_VERSION) {
        return Err(ImportError::Newer);
    }
    if unsigned(member(&["request", "schema_version"])?) > u64::from(efa_domain::SCHEMA_VERSION) {
        return Err(ImportError::Newer);
    }
    let mut draft: Draft = serde_json::from_str(text).map_err(|e| {
        // Text `member` let through but that is still not JSON (it reads past what it
        // does not need without checking every string escape).
        if e.is_syntax() || e.is_eof() {
            ImportError::Broken
        } else {
            ImportError::Invalid
        }
    })?;
    // A draft still being worked on moves up to the current version (it can then name a
    // Gemeindeverband, and it asks for what version 3 added). One that was sent, or is
    // being sent, keeps its version: its documents' fingerprint is of exactly those data,
    // and a retry must match the content its idempotency key was made for.
    if draft.submission.is_none() {
        draft.request.upgrade();
    }
    Ok(draft)
}

/// The draft as a pretty-printed JSON file (laid out as `serde_json::to_string_pretty`
/// would, without linking its second serialiser of every draft type).
pub fn export(draft: &Draft) -> String {
    serde_json::to_string(draft)
        .map(|compact| json::pretty(&compact))
        .unwrap_or_default()
}

// ── browser storage ─────────────────────────────────────────────────────────────────────

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Saves the draft. `false` if the browser refused (private mode, storage full).
pub fn save(draft: &Draft) -> bool {
    let Some(s) = storage() else { return false };
    let Ok(json) = serde_json::to_string(draft) else {
        return false;
    };
    s.set_item(&format!("{KEY_PREFIX}{}", draft.id), &json)
        .is_ok()
        && s.set_item(KEY_CURRENT, &draft.id).is_ok()
}

/// Whether a draft with this id is kept in storage.
pub fn exists(id: &str) -> bool {
    storage()
        .and_then(|s| s.get_item(&format!("{KEY_PREFIX}{id}")).ok().flatten())
        .is_some()
}

pub fn load(id: &str) -> Option<Draft> {
    let text = storage()?.get_item(&format!("{KEY_PREFIX}{id}")).ok()??;
    import(&text).ok()
}

/// The stored text of the draft the clerk worked on last, if any, not yet read (see
/// [`read`]).
pub fn stored_current() -> Option<String> {
    let s = storage()?;
    let id = s.get_item(KEY_CURRENT).ok()??;
    s.get_item(&format!("{KEY_PREFIX}{id}")).ok()?
}

/// The module that reads drafts could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderMissing;

/// Reads a stored draft: `None` if it does not read as one (it then stays in storage,
/// listed nowhere, and the clerk starts a new one, as before there were modules).
///
/// Reading links the deserialiser of every type of the request, the largest code the
/// first pages would otherwise carry, and only a clerk coming back has a draft to read.
/// So the app built with `split` keeps it in a module of its own: a first visit never
/// fetches it, and a returning clerk's browser has it cached with the rest of the
/// release.
pub async fn read(text: String) -> Result<Option<Draft>, ReaderMissing> {
    read_in_module(text).await
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    draft_reader,
    wasm_split_path = ::leptos::wasm_split,
    preload(preload_draft_reader),
    fallible
)]
fn read_in_module(text: String) -> Result<Option<Draft>, ReaderMissing> {
    Ok(import(&text).ok())
}

#[cfg(not(feature = "split"))]
async fn read_in_module(text: String) -> Result<Option<Draft>, ReaderMissing> {
    Ok(import(&text).ok())
}

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ReaderMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ReaderMissing
    }
}

/// Fetches the reader's module unless it is there (see `routes::preload_all`).
pub async fn preload_reader() {
    #[cfg(feature = "split")]
    {
        let _ = preload_draft_reader().await;
    }
}

pub fn delete(id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{KEY_PREFIX}{id}"));
        if s.get_item(KEY_CURRENT).ok().flatten().as_deref() == Some(id) {
            let _ = s.remove_item(KEY_CURRENT);
        }
    }
}

/// All saved drafts, most recently changed first.
pub fn list() -> Vec<Draft> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let len = s.length().unwrap_or(0);
    let mut drafts: Vec<Draft> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(KEY_PREFIX).map(str::to_string))
        .filter_map(|id| load(&id))
        .collect();
    // Newest first; the id breaks ties so the order never depends on the storage's.
    drafts.sort_unstable_by(|a, b| {
        b.request
            .updated_at
            .cmp(&a.request.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    drafts
}

/// A random id: 128 bits from the browser's crypto source, as hex.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No crypto (very old browser): fall back to time and Math.random, which is
        // enough for a local draft id and an idempotency key.
        let t = js_sys::Date::now() as u64;
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = ((js_sys::Math::random() * 256.0) as u8) ^ (t >> ((i % 8) * 8)) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The current time as RFC 3339 (UTC, seconds).
pub fn now_rfc3339() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // "2026-11-28T13:42:00.123Z" → "2026-11-28T13:42:00Z"
    match iso.split_once('.') {
        Some((head, _)) => format!("{head}Z"),
        None => iso,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Draft {
        let mut d = Draft::new("abc".into(), "2026-11-28T10:00:00Z");
        d.municipality_query = "Würzb".into();
        d.request.municipality.name = "Würzburg".into();
        d
    }

    #[test]
    fn a_new_draft_is_blank_until_something_is_entered() {
        let mut d = Draft::new("x".into(), "2026-11-28T10:00:00Z");
        assert!(d.is_blank());
        d.request.updated_at = "2026-11-28T11:00:00Z".into();
        assert!(d.is_blank(), "a later timestamp alone is not content");
        d.municipality_query = "W".into();
        assert!(!d.is_blank());
    }

    #[test]
    fn export_then_import_restores_everything() {
        let d = sample();
        assert_eq!(import(&export(&d)), Ok(d));
    }

    #[test]
    fn a_version_1_draft_moves_up_unless_it_was_submitted() {
        let mut v: serde_json::Value = serde_json::from_str(&export(&sample())).unwrap();
        v["request"]["schema_version"] = serde_json::json!(1);
        let d = import(&v.to_string()).unwrap();
        assert_eq!(d.request.schema_version, efa_domain::SCHEMA_VERSION);
        let mut sent = sample();
        sent.request.schema_version = 1;
        sent.submission = Some(Submission {
            idempotency_key: "k".into(),
            fingerprint: sent.request.fingerprint(),
            body: "{}".into(),
            receipt: None,
        });
        let d = import(&export(&sent)).unwrap();
        assert_eq!(d.request.schema_version, 1);
    }

    #[test]
    fn a_receipt_stored_before_confirmations_still_loads() {
        let mut d = sample();
        d.submission = Some(Submission {
            idempotency_key: "k".into(),
            fingerprint: "f".into(),
            body: "{}".into(),
            receipt: Some(Receipt {
                id: "r1".into(),
                reference: "BY-2026-000001".into(),
                status: Status::Eingegangen,
                received_at: "2026-11-28T10:00:00Z".into(),
                status_token: "t".into(),
                confirmed: false,
                confirm_by: Some("2026-12-12T10:00:00Z".into()),
                version: None,
            }),
        });
        assert_eq!(import(&export(&d)), Ok(d.clone()));
        let mut v: serde_json::Value = serde_json::from_str(&export(&d)).unwrap();
        let receipt = v["submission"]["receipt"].as_object_mut().unwrap();
        receipt.remove("confirmed");
        receipt.remove("confirm_by");
        let old = import(&v.to_string()).expect("an old receipt loads");
        let r = old.submission.and_then(|s| s.receipt).unwrap();
        assert_eq!(r.reference, "BY-2026-000001");
        assert_eq!(r.confirmation_deadline(), None, "no deadline to show");
    }

    #[test]
    fn a_draft_that_amends_a_request_keeps_what_it_amends_and_older_drafts_load() {
        let mut d = sample();
        d.amends = Some(Amendment {
            id: "r1".into(),
            reference: "BY-2026-000001".into(),
            version: 1,
            status_token: "t".into(),
        });
        assert_eq!(import(&export(&d)), Ok(d.clone()));
        // A draft saved before amendments existed has no such field.
        let plain = export(&sample());
        assert!(!plain.contains("amends"));
        assert_eq!(import(&plain).unwrap().amends, None);
    }

    #[test]
    fn export_is_laid_out_as_serde_json_pretty_prints_it() {
        let d = sample();
        assert_eq!(export(&d), serde_json::to_string_pretty(&d).unwrap());
    }

    #[test]
    fn import_explains_what_is_wrong() {
        assert_eq!(import("{ not json"), Err(ImportError::Broken));
        assert_eq!(
            import(r#"{"format": "efa-onboarding-draft", "municipality_query": "\ud800"}"#),
            Err(ImportError::Broken)
        );
        assert_eq!(
            import(r#"{"format": "efa-onboarding-draft"} x"#),
            Err(ImportError::Broken)
        );
        assert_eq!(
            import(r#"["efa-onboarding-draft"]"#),
            Err(ImportError::Foreign)
        );
        assert_eq!(import(r#"{"hello": 1}"#), Err(ImportError::Foreign));
        let mut v: serde_json::Value = serde_json::from_str(&export(&sample())).unwrap();
        v["draft_version"] = serde_json::json!(DRAFT_VERSION + 1);
        assert_eq!(import(&v.to_string()), Err(ImportError::Newer));
        let mut v: serde_json::Value = serde_json::from_str(&export(&sample())).unwrap();
        v["request"]["schema_version"] = serde_json::json!(efa_domain::SCHEMA_VERSION + 1);
        assert_eq!(import(&v.to_string()), Err(ImportError::Newer));
        let mut v: serde_json::Value = serde_json::from_str(&export(&sample())).unwrap();
        v["step"] = serde_json::json!("nirgendwo");
        assert_eq!(import(&v.to_string()), Err(ImportError::Invalid));
    }
}
