//! Both PDFs, draft and final, with 1 and with 50 services, as tagged PDF/UA-1: every one
//! passes the independent checks of `support::read_pdf` (pdfinfo sees a tagged file;
//! pikepdf finds the structure tree, language, marked content, embedded fonts, …), and its
//! structure has the headings, tables and lists the document shows.

mod support;

use efa_documents::{Generation, Submission, anschlussantrag_pdf, offene_punkte_pdf};
use support::{GENERATED_AT, Pdf, read_pdf};

fn submission() -> Submission {
    Submission {
        reference: "BY-2026-000042".into(),
        received_at: "2026-03-02T09:31:12Z".into(),
        version: 1,
    }
}

/// The four versions (draft/final × 1/50 services) of one document.
fn versions(
    make: impl Fn(
        &efa_domain::request::ConnectionRequest,
        &efa_domain::catalog::Catalog,
        &Generation<'_>,
    ) -> efa_documents::Document,
) -> Vec<(String, Pdf)> {
    let s = submission();
    let mut out = Vec::new();
    for n in [1, 50] {
        let (catalog, request) = support::many_services(n);
        for (what, generation) in [
            ("draft", Generation::draft(GENERATED_AT)),
            ("final", Generation::submitted(GENERATED_AT, &s)),
        ] {
            let doc = make(&request, &catalog, &generation);
            out.push((format!("{what}, {n} services"), read_pdf(&doc.bytes)));
        }
    }
    out
}

fn count(pdf: &Pdf, role: &str) -> u64 {
    pdf.roles.get(role).copied().unwrap_or(0)
}

#[test]
fn the_anschlussantrag_is_tagged_in_reading_order() {
    for (what, pdf) in versions(anschlussantrag_pdf) {
        let services = if what.contains("50") { 50 } else { 1 };
        assert_eq!(pdf.lang, "de-DE", "{what}");
        assert_eq!(count(&pdf, "Document"), 1, "{what}");
        assert_eq!(count(&pdf, "H1"), 1, "{what}: one title");
        // Kommune, Ansprechpersonen, Leistungen, Vertragsweg, Voraussetzungen, Bemerkungen,
        // Erklärungen, Unterschrift.
        assert_eq!(count(&pdf, "H2"), 8, "{what}");
        assert!(count(&pdf, "H3") > services, "{what}: one H3 per service");
        // Recipient, municipality, contacts and one table per service.
        assert_eq!(count(&pdf, "Table"), 3 + services, "{what}");
        assert_eq!(count(&pdf, "TR"), count(&pdf, "TH"), "{what}");
        assert_eq!(count(&pdf, "TR"), count(&pdf, "TD"), "{what}");
        // Route steps, prerequisites by category, declarations.
        assert!(count(&pdf, "L") >= 3, "{what}");
        assert_eq!(count(&pdf, "LI"), count(&pdf, "LBody"), "{what}");
        assert!(count(&pdf, "P") >= 5, "{what}");
    }
}

#[test]
fn the_open_points_are_tagged_in_reading_order() {
    for (what, pdf) in versions(offene_punkte_pdf) {
        assert_eq!(pdf.lang, "de-DE", "{what}");
        assert_eq!(count(&pdf, "H1"), 1, "{what}");
        // Überblick, Was ist zu tun?
        assert!(count(&pdf, "H2") >= 2, "{what}");
        // One table per open point, plus the one under the title.
        assert_eq!(count(&pdf, "Table"), 1 + count(&pdf, "H3"), "{what}");
        assert_eq!(count(&pdf, "TR"), count(&pdf, "TH"), "{what}");
        // The overview lists the services.
        assert!(count(&pdf, "LI") >= 1, "{what}");
    }
    // The shipped catalog's official links: each a Link element holding its annotation
    // (check_pdf.py follows every annotation to its element).
    let r = support::wuerzburg();
    let doc = offene_punkte_pdf(&r, support::catalog(), &Generation::draft(GENERATED_AT));
    let pdf = read_pdf(&doc.bytes);
    assert!(!pdf.links.is_empty());
    assert!(count(&pdf, "Link") >= 1);
    assert!(count(&pdf, "Link") as usize <= pdf.links.len());
}

#[test]
fn the_title_is_the_window_title_and_fonts_are_embedded() {
    let (catalog, request) = support::many_services(1);
    let doc = offene_punkte_pdf(&request, &catalog, &Generation::draft(GENERATED_AT));
    let pdf = read_pdf(&doc.bytes);
    assert_eq!(pdf.info["Title"], "Offene Punkte (Entwurf) – Würzburg");
    assert_eq!(pdf.info["Tagged"], "yes");
    // pdffonts, a third reader: both fonts embedded, as subsets, with a Unicode map.
    let path = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(path.path(), &doc.bytes).unwrap();
    let out = std::process::Command::new("pdffonts")
        .arg(path.path())
        .output()
        .expect("pdffonts (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    let fonts: Vec<&str> = text.lines().skip(2).collect();
    assert_eq!(fonts.len(), 2, "{text}");
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols[0].starts_with("EFAWIN+EfASans-"), "{line}");
        // name, type (2 words), encoding, emb, sub, uni, object, ID
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{line}"
        );
    }
}
