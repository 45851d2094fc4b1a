//! The document downloads of a request (Anschlussantrag as PDF and JSON, Offene Punkte as
//! PDF). The review page offers drafts, the confirmation page the submitted version.

use efa_documents::{DocumentKind, Generation, Submission, anschlussantrag_json, file_name};
use efa_domain::request::ConnectionRequest;
use leptos::prelude::*;

use crate::i18n::{CommonText, DownloadsText};
use crate::state::use_app;
use crate::{api, documents, download};

/// Downloads of the documents: the Anschlussantrag as PDF and JSON and the open items as
/// PDF. On the review page they are drafts (marked "ENTWURF"); on the confirmation page
/// (`final_version`) they are made from exactly the submitted body and carry the reference
/// number. Each is generated in the browser when its button is pressed.
#[component]
pub fn DraftDocuments(#[prop(optional)] final_version: bool) -> impl IntoView {
    let app = use_app();
    app.ensure_catalog();
    // The request the documents show, and the receipt once it was submitted.
    let source = move || -> (ConnectionRequest, Option<Submission>) {
        app.draft.with_untracked(|d| {
            let submitted = d
                .submission
                .as_ref()
                .filter(|_| final_version)
                .and_then(|s| {
                    let receipt = s.receipt.as_ref()?;
                    let request = serde_json::from_str::<ConnectionRequest>(&s.body).ok()?;
                    Some((
                        request,
                        Submission {
                            reference: receipt.reference.clone(),
                            received_at: receipt.received_at.clone(),
                            version: receipt.version.unwrap_or(1),
                        },
                    ))
                });
            match submitted {
                Some((request, submission)) => (request, Some(submission)),
                None => (d.request.clone(), None),
            }
        })
    };
    // The PDF module loads while the clerk reads this page.
    documents::preload();
    // The PDF being made (its button says so), and whether the last one failed.
    let busy = RwSignal::new(None::<DocumentKind>);
    let failed = RwSignal::new(false);
    let download = move |kind: DocumentKind| {
        if busy.get_untracked().is_some() {
            return;
        }
        let (request, submission) = source();
        let now = crate::draft::now_rfc3339();
        let generation = Generation {
            generated_at: &now,
            submission: submission.as_ref(),
        };
        // The JSON is made here; the PDFs by the PDF module.
        if kind == DocumentKind::AnschlussantragJson {
            if let Ok(d) = anschlussantrag_json(&request, &generation) {
                download::offer(&d.file_name, d.mime(), &d.bytes);
            }
            return;
        }
        let name = file_name(kind, &request.municipality.name, &generation);
        let (Ok(request_json), Some(catalog_json)) =
            (serde_json::to_string(&request), api::catalog_source())
        else {
            failed.set(true);
            return;
        };
        busy.set(Some(kind));
        failed.set(false);
        leptos::task::spawn_local(async move {
            let made = documents::pdf(
                kind,
                &request_json,
                &catalog_json,
                &now,
                submission.as_ref(),
            )
            .await;
            busy.set(None);
            match made {
                Ok(bytes) => {
                    download::offer(&name, kind.mime(), &bytes);
                }
                Err(e) => {
                    leptos::logging::warn!("PDF not created: {e:?}");
                    failed.set(true);
                }
            }
        });
    };
    let label = move |kind: DocumentKind| {
        app.t(match (kind, final_version) {
            (DocumentKind::AnschlussantragPdf, true) => DownloadsText::DownloadRequestPdf,
            (DocumentKind::AnschlussantragPdf, false) => DownloadsText::DownloadRequestPdfDraft,
            (DocumentKind::AnschlussantragJson, true) => DownloadsText::DownloadRequestJson,
            (DocumentKind::AnschlussantragJson, false) => DownloadsText::DownloadRequestJsonDraft,
            (DocumentKind::OffenePunktePdf, true) => DownloadsText::DownloadOpenItemsPdf,
            (DocumentKind::OffenePunktePdf, false) => DownloadsText::DownloadOpenItemsPdfDraft,
        })
    };
    let ready = move || app.catalog_ready().is_some();
    let fingerprint = move || {
        app.draft.track();
        source().0.fingerprint()
    };
    view! {
        <ul class="list downloads">
            {DocumentKind::ALL.into_iter().map(|kind| {
                let needs_catalog = kind != DocumentKind::AnschlussantragJson;
                view! {
                    <li>
                        {move || if needs_catalog && !ready() {
                            view! { <span class="hint">{app.t(CommonText::CatalogLoading)}</span> }.into_any()
                        } else {
                            view! {
                                <button type="button" class="link-button" on:click=move |_| download(kind)
                                    aria-busy=move || (busy.get() == Some(kind)).then_some("true")>
                                    {move || label(kind)}
                                </button>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint" role="status">
            {move || busy.get().is_some().then(|| app.t(DownloadsText::DocumentBusy))}
        </p>
        {move || failed.get().then(|| view! {
            <p class="error-message" role="alert">{app.t(DownloadsText::DocumentFailed)}</p>
        })}
        <p class="hint">{move || app.t(DownloadsText::DocumentsFingerprint)}" "<code>{fingerprint}</code></p>
    }
}
