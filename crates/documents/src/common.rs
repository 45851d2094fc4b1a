//! Pieces both PDF documents share: the page frame, the status notice, the document
//! information and small formatting helpers.

use efa_domain::catalog::Catalog;
use efa_domain::messages::Lang;
use efa_domain::request::ConnectionRequest;

use crate::Generation;
use crate::draw::{Block, GRAY, RED, Span, Style, span};
use crate::layout::{framed, p, paragraph};
use crate::page::PageFrame;
use crate::pdf;
use crate::structure::{ROOT, Role, Tree};
use crate::time::{self, Civil};

/// What the documents print for a field the clerk has not filled in.
pub(crate) const NOT_GIVEN: &str = "nicht angegeben";

/// The draft mark in the header of every page of a draft.
pub(crate) const DRAFT_MARK: &str = "ENTWURF – nicht eingereicht";

/// `value` as body text, or a grey "nicht angegeben" when it is blank.
pub(crate) fn value(text: &str) -> Vec<Span> {
    if text.trim().is_empty() {
        vec![span(NOT_GIVEN, Style::LABEL)]
    } else {
        vec![span(text.trim(), Style::BODY)]
    }
}

/// "Kreisfreie Stadt Würzburg", or just the name while the kind is unknown.
pub(crate) fn municipality_title(request: &ConnectionRequest) -> String {
    let m = &request.municipality;
    let name = m.name.trim();
    match (m.kind, name.is_empty()) {
        (_, true) => "Kommune (noch nicht gewählt)".to_owned(),
        (Some(kind), false) => format!("{} {name}", kind.label(Lang::De)),
        (None, false) => name.to_owned(),
    }
}

/// The name of a catalog service, or its id with a note when the catalog does not know it.
pub(crate) fn service_name(catalog: &Catalog, id: &str) -> String {
    match catalog.service(id) {
        Some(s) => s.name.clone(),
        None if id.trim().is_empty() => "Leistung (nicht gewählt)".to_owned(),
        None => format!("{id} (nicht im Katalog)"),
    }
}

/// The title of a catalog prerequisite, or its id.
pub(crate) fn prerequisite_title(catalog: &Catalog, id: &str) -> String {
    catalog
        .prerequisite(id)
        .map_or_else(|| id.to_owned(), |p| p.title.clone())
}

/// The header, draft mark and footer of every page.
pub(crate) fn page_frame(
    document: &str,
    request: &ConnectionRequest,
    generation: &Generation<'_>,
    fingerprint: &str,
) -> PageFrame {
    let name = request.municipality.name.trim();
    let header = if name.is_empty() {
        document.to_owned()
    } else {
        format!("{document} – {name}")
    };
    let (mark, watermark) = match generation.submission {
        Some(s) => (
            span(
                match s.later_version() {
                    None => format!("Aktenzeichen {}", s.reference.trim()),
                    Some(v) => format!("Aktenzeichen {} · Fassung {v}", s.reference.trim()),
                },
                Style::STRONG,
            ),
            false,
        ),
        None => (span(DRAFT_MARK, Style::ALERT), true),
    };
    let footer = format!(
        "Erstellt am {} · Schema-Version {} · Fingerabdruck {}",
        time::german_datetime(generation.generated_at),
        request.schema_version,
        fingerprint
    );
    PageFrame {
        header,
        mark,
        watermark,
        footer,
    }
}

/// The document's title (its only H1) and the line under it.
pub(crate) fn title(t: &mut Tree, title: &str, subtitle: String) -> Block {
    let h1 = t.heading(ROOT, Role::H1, title);
    paragraph(&[span(title, Style::TITLE)], 0.0)
        .tag(h1)
        .then(p(t, ROOT, &[span(subtitle, Style::SUBTITLE)]))
        .then(Block::space(10.0))
}

/// The notice under the title: for a draft a red-framed warning with `draft_text`, for a
/// submitted request the reference number and time of receipt.
pub(crate) fn status_notice(t: &mut Tree, generation: &Generation<'_>, draft_text: &str) -> Block {
    match generation.submission {
        None => framed(
            p(
                t,
                ROOT,
                &[
                    span("ENTWURF", Style::ALERT),
                    span(format!(" – {draft_text}"), Style::BODY),
                ],
            ),
            RED,
        ),
        Some(s) => framed(
            p(
                t,
                ROOT,
                &[
                    span("Eingereicht", Style::STRONG),
                    span(
                        format!(
                            " über EfA-Onboarding am {}. Aktenzeichen: ",
                            time::german_datetime(&s.received_at)
                        ),
                        Style::BODY,
                    ),
                    span(s.reference.trim(), Style::STRONG),
                    span(
                        match s.later_version() {
                            None => {
                                ". Bitte geben Sie das Aktenzeichen bei Rückfragen an.".to_owned()
                            }
                            Some(v) => format!(
                                ". Dies ist Fassung {v} des Antrags; sie ersetzt die Fassung {}. \
                                 Bitte geben Sie das Aktenzeichen bei Rückfragen an.",
                                v - 1
                            ),
                        },
                        Style::BODY,
                    ),
                ],
            ),
            GRAY,
        ),
    }
}

/// The document information: title, author (the municipality), subject, creation time,
/// language, and an identifier derived from the request and the generation.
pub(crate) fn info(
    document: &str,
    subject: &str,
    request: &ConnectionRequest,
    generation: &Generation<'_>,
    fingerprint: &str,
) -> pdf::Info {
    let name = request.municipality.name.trim();
    let author = if name.is_empty() {
        "Kommune (nicht angegeben)".to_owned()
    } else {
        name.to_owned()
    };
    let draft = if generation.submission.is_some() {
        ""
    } else {
        " (Entwurf)"
    };
    let title = format!("{document}{draft} – {author}");

    let mut id = [0u8; 16];
    for (i, pair) in fingerprint.as_bytes().chunks(2).take(8).enumerate() {
        let digit = |c: u8| char::from(c).to_digit(16).unwrap_or(0);
        let hi = pair.first().map_or(0, |&c| digit(c));
        let lo = pair.get(1).map_or(0, |&c| digit(c));
        id[i] = u8::try_from(hi * 16 + lo).unwrap_or(0);
    }
    let reference = generation.submission.map_or("", |s| s.reference.as_str());
    let tail = fnv1a(&[document, generation.generated_at, reference]);
    id[8..].copy_from_slice(&tail.to_be_bytes());

    pdf::Info {
        title,
        author,
        subject: subject.to_owned(),
        created: Civil::utc(generation.generated_at),
        lang: "de-DE",
        id,
    }
}

/// FNV-1a over the parts (with a separator), for the second half of the file identifier.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}
