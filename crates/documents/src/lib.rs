//! The documents of a connection request, generated in the browser (or anywhere else):
//!
//! - **Anschlussantrag (PDF, A4)**: the request as the operator of the Land route reads it,
//!   with the municipality, contacts, one section per service, the contract route, the
//!   state of the prerequisites, the declarations and a signature block
//!   ([`anschlussantrag_pdf`]).
//! - **Anschlussantrag (JSON)**: the [`ConnectionRequest`] itself, pretty-printed; it is
//!   valid against the committed schema `crates/domain/schema/connection-request.schema.json`
//!   ([`anschlussantrag_json`]).
//! - **Offene Punkte (PDF, A4)**: every open prerequisite in the order it can be done, with
//!   what to do, where, and which services it holds up ([`offene_punkte_pdf`]).
//!
//! Like `efa-domain`, this crate is pure: no IO, no clock, no web or UI crate. The caller
//! passes the generation time ([`Generation`]); the same input always gives the same bytes.
//!
//! # Accessible PDFs
//!
//! Both PDFs are tagged PDF/UA-1: a structure tree in reading order (title, section
//! headings, paragraphs, lists, the label–value blocks as tables, links), the document
//! language `de-DE` (the documents are German only, whatever the app's language), the title
//! shown as the window title, header, footer, page numbers and the draft mark as artifacts,
//! and embedded fonts (EfA Sans, a subset of Liberation Sans; see `fonts/SOURCE.md`).
//!
//! # Drafts and final documents
//!
//! Before submission the documents are drafts: every PDF page carries "ENTWURF" in its
//! header and diagonally behind the text, and file names end in `_Entwurf`. Once the API
//! has accepted the request, the caller passes the [`Submission`] (reference number and time
//! of receipt) and the documents carry the reference number instead.
//!
//! # One fingerprint for all three documents
//!
//! Every PDF page shows, in its footer, the generation time, the schema version, the page
//! number and the request's fingerprint ([`ConnectionRequest::fingerprint`]): the first 16
//! hex digits of the SHA-256 of the request's compact JSON. The JSON document is exactly
//! that request, only pretty-printed, so anyone can recompute the fingerprint from it:
//! remove the whitespace between the JSON tokens (keeping the key order of the file) and
//! hash the result, or read the file with `efa-domain` and call `fingerprint()`. A printout
//! thus identifies the exact data it was made from. The JSON carries no extra field for
//! it, because the schema does not allow unknown fields.

mod anschlussantrag;
mod common;
mod draw;
mod fonts;
mod layout;
mod offene_punkte;
mod page;
mod pdf;
mod stream;
mod structure;
mod time;

use efa_domain::catalog::Catalog;
use efa_domain::request::ConnectionRequest;

/// What the API answered when it accepted the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The reference number (Aktenzeichen), e.g. `BY-2026-000042`.
    pub reference: String,
    /// When the API received the request, or this version of it (RFC 3339).
    pub received_at: String,
    /// The version of the request: 1 as first submitted, 2 and up for the versions the
    /// municipality sent in answer to a Rückfrage. Documents of a later version say which
    /// one they are (header, notice, file name); those of version 1 look as they always did.
    pub version: u32,
}

impl Submission {
    /// The version, when it is a later one than the first.
    pub fn later_version(&self) -> Option<u32> {
        (self.version > 1).then_some(self.version)
    }
}

/// The circumstances of one generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation<'a> {
    /// When the documents are generated (RFC 3339). Printed in German civil time in every
    /// footer; its date is part of the file names.
    pub generated_at: &'a str,
    /// `Some` for the final documents of a submitted request, `None` for drafts.
    pub submission: Option<&'a Submission>,
}

impl<'a> Generation<'a> {
    /// Draft documents generated at `generated_at`.
    pub fn draft(generated_at: &'a str) -> Generation<'a> {
        Generation {
            generated_at,
            submission: None,
        }
    }

    /// Final documents of a submitted request.
    pub fn submitted(generated_at: &'a str, submission: &'a Submission) -> Generation<'a> {
        Generation {
            generated_at,
            submission: Some(submission),
        }
    }

    /// Whether these are drafts.
    pub fn is_draft(&self) -> bool {
        self.submission.is_none()
    }
}

/// The three documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// The Anschlussantrag as PDF.
    AnschlussantragPdf,
    /// The Anschlussantrag as JSON (the request itself).
    AnschlussantragJson,
    /// The list of open points as PDF.
    OffenePunktePdf,
}

impl DocumentKind {
    /// All kinds, in the order the app offers them.
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::AnschlussantragPdf,
        DocumentKind::AnschlussantragJson,
        DocumentKind::OffenePunktePdf,
    ];

    /// A stable name of the kind, e.g. for handing it from the app to the PDF module.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::AnschlussantragPdf => "anschlussantrag-pdf",
            DocumentKind::AnschlussantragJson => "anschlussantrag-json",
            DocumentKind::OffenePunktePdf => "offene-punkte-pdf",
        }
    }

    /// The kind named `name` (see [`DocumentKind::name`]).
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The media type.
    pub fn mime(self) -> &'static str {
        match self {
            DocumentKind::AnschlussantragPdf | DocumentKind::OffenePunktePdf => "application/pdf",
            DocumentKind::AnschlussantragJson => "application/json",
        }
    }

    fn file_prefix(self) -> &'static str {
        match self {
            DocumentKind::AnschlussantragPdf | DocumentKind::AnschlussantragJson => {
                "Anschlussantrag"
            }
            DocumentKind::OffenePunktePdf => "Offene_Punkte",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            DocumentKind::AnschlussantragPdf | DocumentKind::OffenePunktePdf => "pdf",
            DocumentKind::AnschlussantragJson => "json",
        }
    }
}

/// A generated document, ready to be offered as a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    /// E.g. `Anschlussantrag_Wuerzburg_2026-03-02.pdf` (drafts: `…_Entwurf.pdf`).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The request's fingerprint, as printed in the PDF footers.
    pub fingerprint: String,
}

impl Document {
    /// The media type.
    pub fn mime(&self) -> &'static str {
        self.kind.mime()
    }
}

/// The Anschlussantrag as PDF.
pub fn anschlussantrag_pdf(
    request: &ConnectionRequest,
    catalog: &Catalog,
    generation: &Generation<'_>,
) -> Document {
    let fingerprint = request.fingerprint();
    let bytes = anschlussantrag::render(request, catalog, generation, &fingerprint);
    document(
        DocumentKind::AnschlussantragPdf,
        request,
        generation,
        bytes,
        fingerprint,
    )
}

/// The list of open points as PDF.
pub fn offene_punkte_pdf(
    request: &ConnectionRequest,
    catalog: &Catalog,
    generation: &Generation<'_>,
) -> Document {
    let fingerprint = request.fingerprint();
    let bytes = offene_punkte::render(request, catalog, generation, &fingerprint);
    document(
        DocumentKind::OffenePunktePdf,
        request,
        generation,
        bytes,
        fingerprint,
    )
}

/// The Anschlussantrag as JSON: `request`, pretty-printed, with a final line break.
///
/// Fails only if the request cannot be serialised, which its types rule out.
pub fn anschlussantrag_json(
    request: &ConnectionRequest,
    generation: &Generation<'_>,
) -> Result<Document, serde_json::Error> {
    // Compact text laid out by the domain: `to_string_pretty` would link a second
    // serialiser of the request into the app.
    let mut text = efa_domain::json::pretty(&serde_json::to_string(request)?);
    text.push('\n');
    Ok(document(
        DocumentKind::AnschlussantragJson,
        request,
        generation,
        text.into_bytes(),
        request.fingerprint(),
    ))
}

/// The document of `kind`.
pub fn generate(
    kind: DocumentKind,
    request: &ConnectionRequest,
    catalog: &Catalog,
    generation: &Generation<'_>,
) -> Result<Document, serde_json::Error> {
    match kind {
        DocumentKind::AnschlussantragPdf => Ok(anschlussantrag_pdf(request, catalog, generation)),
        DocumentKind::AnschlussantragJson => anschlussantrag_json(request, generation),
        DocumentKind::OffenePunktePdf => Ok(offene_punkte_pdf(request, catalog, generation)),
    }
}

fn document(
    kind: DocumentKind,
    request: &ConnectionRequest,
    generation: &Generation<'_>,
    bytes: Vec<u8>,
    fingerprint: String,
) -> Document {
    Document {
        kind,
        file_name: file_name(kind, &request.municipality.name, generation),
        bytes,
        fingerprint,
    }
}

/// The file name of a document: `<Prefix>_<Municipality>_<YYYY-MM-DD>[_Entwurf|_Fassung-N].<ext>`,
/// with the date of generation in German civil time, e.g.
/// `Anschlussantrag_Wuerzburg_2026-03-02.pdf`, `Offene_Punkte_Koeln_Stadt_2026-03-02_Entwurf.pdf`
/// or, for a later version, `Anschlussantrag_Wuerzburg_2026-03-09_Fassung-2.pdf`.
pub fn file_name(kind: DocumentKind, municipality: &str, generation: &Generation<'_>) -> String {
    let date = time::Civil::berlin(generation.generated_at)
        .map_or_else(|| "undatiert".to_owned(), |c| c.iso_date());
    let suffix = match generation.submission {
        None => "_Entwurf".to_owned(),
        Some(s) => s
            .later_version()
            .map_or_else(String::new, |v| format!("_Fassung-{v}")),
    };
    format!(
        "{}_{}_{date}{suffix}.{}",
        kind.file_prefix(),
        file_stem(municipality),
        kind.extension()
    )
}

/// A file-name-safe form of a municipality name: ASCII letters, digits, `-` and `_`, with
/// German letters transcribed. "Würzburg" → "Wuerzburg", "Köln, Stadt" → "Koeln_Stadt";
/// an empty name gives "Kommune".
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(DocumentKind::from_name("anschlussantrag"), None);
        assert_eq!(DocumentKind::from_name(""), None);
    }

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

    #[test]
    fn file_names_carry_kind_municipality_date_and_draft() {
        let draft = Generation::draft("2026-03-01T23:30:00Z");
        assert_eq!(
            file_name(DocumentKind::AnschlussantragPdf, "Würzburg", &draft),
            "Anschlussantrag_Wuerzburg_2026-03-02_Entwurf.pdf"
        );
        let submission = Submission {
            reference: "BY-2026-000042".into(),
            received_at: "2026-03-02T09:00:00Z".into(),
            version: 1,
        };
        let done = Generation::submitted("2026-03-02T09:01:00Z", &submission);
        assert_eq!(
            file_name(DocumentKind::AnschlussantragJson, "Würzburg", &done),
            "Anschlussantrag_Wuerzburg_2026-03-02.json"
        );
        assert_eq!(
            file_name(DocumentKind::OffenePunktePdf, "Köln, Stadt", &done),
            "Offene_Punkte_Koeln_Stadt_2026-03-02.pdf"
        );
        assert_eq!(
            file_name(
                DocumentKind::OffenePunktePdf,
                "",
                &Generation::draft("bald")
            ),
            "Offene_Punkte_Kommune_undatiert_Entwurf.pdf"
        );
    }
}
