//! The Anschlussantrag PDF, read back with poppler: every field, the route of each Land,
//! draft and final marks, footer, metadata, wrapping and pagination.

mod support;

use efa_documents::{
    DocumentKind, Generation, Submission, anschlussantrag_json, anschlussantrag_pdf,
};
use efa_domain::catalog::Catalog;
use efa_domain::messages::Lang;
use efa_domain::request::{ChannelChoice, ConnectionRequest, ContactRole};
use efa_domain::route::route_for;
use support::{GENERATED_AT, GENERATED_AT_GERMAN, Pdf, catalog, read_pdf, squash};

fn draft(request: &ConnectionRequest, catalog: &Catalog) -> Pdf {
    let doc = anschlussantrag_pdf(request, catalog, &Generation::draft(GENERATED_AT));
    read_pdf(&doc.bytes)
}

fn submission() -> Submission {
    Submission {
        reference: "BY-2026-000042".into(),
        received_at: "2026-03-02T09:31:12.123456Z".into(),
        version: 1,
    }
}

/// Asserts that `value` appears in the text, allowing line breaks where it wraps.
#[track_caller]
fn shows(pdf: &Pdf, value: &str) {
    let flat = pdf.flat();
    assert!(
        flat.contains(&squash(value)),
        "the PDF does not show {value:?}; its text is:\n{}",
        pdf.pages.join("\n---\n")
    );
}

#[test]
fn every_field_of_the_wuerzburg_request_is_printed() {
    let r = support::wuerzburg();
    let pdf = draft(&r, catalog());
    let m = &r.municipality;

    shows(&pdf, "Antrag auf Anschluss an EfA-Onlinedienste");
    // Municipality block.
    for v in [
        &m.name,
        &m.ars,
        &m.ags,
        &m.address.street,
        &m.address.plz,
        &m.address.ort,
    ] {
        shows(&pdf, v);
    }
    shows(&pdf, "Kreisfreie Stadt");
    shows(&pdf, "Bayern");
    shows(&pdf, m.kreis.as_deref().unwrap());
    // Contacts by role.
    let c = &r.contacts;
    for (role, person) in [
        (ContactRole::Vertretung, &c.vertretung),
        (ContactRole::Fachlich, &c.fachlich),
        (ContactRole::Technisch, &c.technisch),
    ] {
        shows(&pdf, role.label(Lang::De));
        for v in [&person.name, &person.function, &person.email, &person.phone] {
            if !v.is_empty() {
                shows(&pdf, v);
            }
        }
    }
    shows(&pdf, "Digitalisierungsbeauftragte Person nicht benannt");
    shows(&pdf, &c.funktionspostfach);

    // One section per service, in order, with every field.
    let mut last = 0;
    for (i, s) in r.services.iter().enumerate() {
        let entry = catalog().service(&s.service_id).unwrap();
        let heading = squash(&format!("3.{} {}", i + 1, entry.name));
        let at = pdf
            .flat()
            .find(&heading)
            .unwrap_or_else(|| panic!("no section {heading:?}"));
        assert!(at > last, "services out of order at {heading:?}");
        last = at;
        shows(&pdf, &s.service_id);
        for key in entry.leika_keys() {
            shows(&pdf, key);
        }
        if let Some(land) = entry.provider.umsetzendes_land {
            shows(&pdf, land.name());
        }
        if let Some(platform) = &entry.platform {
            shows(&pdf, platform);
        }
        let a = &s.authority;
        for v in [
            &a.name,
            &a.kind,
            &a.oe_id,
            &a.bkz,
            &a.email,
            &a.phone,
            &a.address.street,
        ] {
            if !v.is_empty() {
                shows(&pdf, v);
            }
        }
        let channel = s.channel.as_ref().unwrap();
        shows(&pdf, channel.channel().label_de());
        let address = match channel {
            ChannelChoice::FitConnect { destination_id } => destination_id,
            ChannelChoice::OsciXta { dvdv_key } => dvdv_key,
            ChannelChoice::PdfDownload { funktionspostfach } => funktionspostfach,
            ChannelChoice::Email { address } => address,
        };
        shows(&pdf, address);
        shows(&pdf, &s.fachverfahren);
        shows(&pdf, &s.vendor);
    }
    // Dates in German form.
    shows(&pdf, "Gewünschter Testtermin 04.05.2026");
    shows(&pdf, "Gewünschter Produktivstart 01.06.2026");
    shows(&pdf, "Gewünschter Testtermin nicht angegeben");

    // Prerequisites: the done one with its evidence, open ones marked.
    shows(&pdf, "Stand der Voraussetzungen");
    let (done_id, done) = r
        .prerequisites
        .iter()
        .find(|(_, p)| p.status == efa_domain::readiness::PrereqStatus::Erledigt)
        .unwrap();
    shows(
        &pdf,
        &format!(
            "Erledigt {}",
            catalog().prerequisite(done_id).unwrap().title
        ),
    );
    for v in done.evidence.values() {
        shows(&pdf, v);
    }
    shows(&pdf, "IN ARBEIT");
    shows(&pdf, "OFFEN –");
    // Notes keep their line break; declarations; signature block.
    shows(&pdf, "Bitte Rückruf vor Terminabstimmung. Danke!");
    for text in [
        "[X] Ich bin berechtigt, die Kommune zu vertreten, oder handle im Auftrag der vertretungsberechtigten Person.",
        "[X] Die Angaben sind richtig und vollständig.",
        "[X] Ich habe zur Kenntnis genommen, dass die Angaben zur Bearbeitung des Anschlusses gespeichert werden.",
    ] {
        shows(&pdf, text);
    }
    shows(&pdf, "Ort, Datum");
    shows(&pdf, "Unterschrift der vertretungsberechtigten Person");
    shows(&pdf, "Dr. Erika Mustermann, Oberbürgermeisterin");
}

#[test]
fn german_letters_and_quotes_survive() {
    let mut r = support::wuerzburg();
    r.notes = "Größere Änderungen: „Übergabe“ an die ÖPNV-Stelle – ‚vorläufig‘ … 5 € ß".into();
    let pdf = draft(&r, catalog());
    shows(&pdf, "Rückermainstraße 2");
    shows(&pdf, "Oberbürgermeisterin");
    shows(&pdf, "nach dem Prinzip „Einer für Alle“ (EfA)");
    shows(
        &pdf,
        "Größere Änderungen: „Übergabe“ an die ÖPNV-Stelle – ‚vorläufig‘ … 5 € ß",
    );
}

#[test]
fn letters_outside_win_ansi_are_transcribed_not_dropped() {
    let mut r = support::wuerzburg();
    r.contacts.technisch.name = "Łukasz Dvořák".into();
    let pdf = draft(&r, catalog());
    shows(&pdf, "Lukasz Dvorák");
}

#[test]
fn the_recipient_follows_the_land_route() {
    let by = draft(&support::wuerzburg(), catalog());
    shows(
        &by,
        "Empfänger BayKommun AöR, Lilienthalallee 25, 80939 München",
    );
    shows(&by, "Vertragsweg: BayKommun DigitalMarkt");

    let mut nw = support::mettmann();
    let pdf = draft(&nw, catalog());
    shows(
        &pdf,
        "Empfänger d-NRW AöR, kommunalvertreter@digitales.nrw.de",
    );
    shows(&pdf, "Vertragsweg: d-NRW Kommunalvertreter");
    assert!(!pdf.flat().contains("BayKommun AöR"));
    // Mettmann's services go by PDF download and e-mail: the DVDV and DataClearing steps,
    // which concern OSCI/XTA only, are not the municipality's.
    shows(&pdf, "Einzelabruf je Leistung");
    assert!(!pdf.flat().contains("DVDV-Eintrag und Zertifikat"));
    assert!(!pdf.flat().contains("Zustellung an DataClearing NRW"));
    // With one service over OSCI/XTA, every step of the route applies.
    nw.services[0].channel = Some(efa_domain::request::ChannelChoice::OsciXta {
        dvdv_key: "sta051580000000".into(),
    });
    let pdf = draft(&nw, catalog());
    for step in route_for(efa_domain::land::Land::NordrheinWestfalen).steps {
        shows(&pdf, step.title);
    }

    // Kassel (Hessen): every other Land goes through the EfA-Marktplatz.
    let mut he = support::wuerzburg();
    let kassel = support::registry()
        .by_ags(&efa_domain::ident::Ags::parse("06611000").unwrap())
        .unwrap();
    he.municipality.address = Default::default();
    he.set_municipality(kassel);
    let pdf = draft(&he, catalog());
    shows(&pdf, "Empfänger EfA-Marktplatz (govdigital und FITKO)");
    shows(&pdf, "Kassel, documenta-Stadt");
    shows(&pdf, "Hessen");
    assert!(!pdf.flat().contains("BayKommun AöR"));
}

#[test]
fn drafts_say_entwurf_on_every_page_and_final_documents_never() {
    let r = support::wuerzburg();
    let pdf = draft(&r, catalog());
    assert!(pdf.page_count() > 1);
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(
            page.contains("ENTWURF – nicht eingereicht"),
            "page {} has no draft mark",
            i + 1
        );
    }
    let flat = pdf.flat();
    assert!(
        !flat.contains("BY-2026") && !flat.contains("Eingegangen am"),
        "a draft has no reference number"
    );

    let s = submission();
    let doc = anschlussantrag_pdf(&r, catalog(), &Generation::submitted(GENERATED_AT, &s));
    let pdf = read_pdf(&doc.bytes);
    assert!(
        !pdf.flat().contains("ENTWURF"),
        "a final document is no draft"
    );
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(
            page.contains("Aktenzeichen BY-2026-000042"),
            "page {} lacks the reference",
            i + 1
        );
    }
    shows(&pdf, "Eingegangen am 02.03.2026, 10:31 Uhr");
    assert_eq!(doc.file_name, "Anschlussantrag_Wuerzburg_2026-03-02.pdf");
    assert_eq!(doc.kind, DocumentKind::AnschlussantragPdf);
}

#[test]
fn a_later_version_says_which_one_it_is_on_every_page_and_in_its_name() {
    let r = support::wuerzburg();
    let s = Submission {
        version: 2,
        ..submission()
    };
    let doc = anschlussantrag_pdf(&r, catalog(), &Generation::submitted(GENERATED_AT, &s));
    let pdf = read_pdf(&doc.bytes);
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(
            page.contains("Aktenzeichen BY-2026-000042 · Fassung 2"),
            "page {} lacks the version",
            i + 1
        );
    }
    shows(
        &pdf,
        "Dies ist Fassung 2 des Antrags; sie ersetzt die Fassung 1.",
    );
    assert_eq!(
        doc.file_name,
        "Anschlussantrag_Wuerzburg_2026-03-02_Fassung-2.pdf"
    );
    // Version 1 stays as it was: no version in the header or the notice.
    let first = anschlussantrag_pdf(
        &r,
        catalog(),
        &Generation::submitted(GENERATED_AT, &submission()),
    );
    let flat = read_pdf(&first.bytes).flat();
    assert!(!flat.contains(&squash("· Fassung")) && !flat.contains(&squash("Dies ist Fassung")));
    assert_eq!(first.file_name, "Anschlussantrag_Wuerzburg_2026-03-02.pdf");
}

#[test]
fn every_footer_has_time_schema_fingerprint_and_page_number() {
    let r = support::wuerzburg();
    let pdf = draft(&r, catalog());
    let json = anschlussantrag_json(&r, &Generation::draft(GENERATED_AT)).unwrap();
    let from_json: ConnectionRequest = serde_json::from_slice(&json.bytes).unwrap();
    let fingerprint = r.fingerprint();
    assert_eq!(from_json.fingerprint(), fingerprint);
    assert_eq!(json.fingerprint, fingerprint);

    let total = pdf.page_count();
    assert_eq!(total, pdf.pages.len());
    for (i, page) in pdf.pages.iter().enumerate() {
        let page = squash(page);
        let expected = format!(
            "Erstellt am {GENERATED_AT_GERMAN} · Schema-Version 1 · Fingerabdruck {fingerprint} Seite {} von {total}",
            i + 1
        );
        assert!(
            page.contains(&expected),
            "page {}: no {expected:?} in {page}",
            i + 1
        );
    }
}

#[test]
fn metadata_names_title_author_and_language() {
    let r = support::wuerzburg();
    let doc = anschlussantrag_pdf(&r, catalog(), &Generation::draft(GENERATED_AT));
    let pdf = read_pdf(&doc.bytes);
    assert_eq!(pdf.info["Title"], "Anschlussantrag (Entwurf) – Würzburg");
    assert_eq!(pdf.info["Author"], "Würzburg");
    assert_eq!(
        pdf.info["Subject"],
        "Antrag auf Anschluss an EfA-Onlinedienste"
    );
    assert!(
        pdf.info["Page size"].contains("(A4)"),
        "{:?}",
        pdf.info["Page size"]
    );
    assert!(
        pdf.info["CreationDate"].contains("2026"),
        "{:?}",
        pdf.info["CreationDate"]
    );
    // pdfinfo does not print the document language; pikepdf reads it from the catalog.
    assert_eq!(pdf.lang, "de-DE");
    assert_eq!(
        doc.file_name,
        "Anschlussantrag_Wuerzburg_2026-03-02_Entwurf.pdf"
    );

    let final_doc = anschlussantrag_pdf(
        &r,
        catalog(),
        &Generation::submitted(GENERATED_AT, &submission()),
    );
    assert_eq!(
        read_pdf(&final_doc.bytes).info["Title"],
        "Anschlussantrag – Würzburg"
    );
}

#[test]
fn long_names_wrap_within_the_margins() {
    let mut r = support::wuerzburg();
    let long = "Amt für Digitalisierung, Organisation und Bürgerdienste der Stadtverwaltung Würzburg – Sachgebiet „Onlinezugang, Registerführung und Standesamtswesen“ mit Außenstellen";
    r.services[0].authority.name = long.into();
    r.contacts.vertretung.function =
        "Oberbürgermeisterin und Vorsitzende des Ausschusses für Digitalisierung".into();
    r.notes = format!(
        "{}\n{}",
        "Sehr lange Bemerkung ohne Umbruch ".repeat(20),
        "https://www.example.org/ein/sehr/langer/pfad/der/nicht/in/eine/zeile/passt/und/umbrochen/werden/muss"
    );
    let pdf = draft(&r, catalog());
    shows(&pdf, long);
    // Cut inside the address, so compare without whitespace.
    assert!(pdf.dense().contains("https://www.example.org/ein/sehr/langer/pfad/der/nicht/in/eine/zeile/passt/und/umbrochen/werden/muss"));

    let (left, right) = (56.69 - 0.5, 595.28 - 56.69 + 0.5);
    let words = pdf.words();
    assert!(words.len() > 300, "too few words: {}", words.len());
    for (x_min, x_max, text) in &words {
        assert!(
            *x_min >= left && *x_max <= right,
            "{text:?} sticks out: {x_min}–{x_max}"
        );
    }
}

#[test]
fn one_service_fits_on_few_pages() {
    let mut r = support::wuerzburg();
    r.services.truncate(1);
    let pdf = draft(&r, catalog());
    let pages = pdf.page_count();
    assert!((2..=4).contains(&pages), "{pages} pages for one service");
    assert!(pdf.pages[pages - 1].contains(&format!("Seite {pages} von {pages}")));
}

#[test]
fn fifty_services_paginate_cleanly() {
    let (catalog, r) = support::many_services(50);
    let doc = anschlussantrag_pdf(
        &r,
        &catalog,
        &Generation::submitted(GENERATED_AT, &submission()),
    );
    let pdf = read_pdf(&doc.bytes);
    let pages = pdf.page_count();
    assert_eq!(pages, pdf.pages.len());
    // About two service sections per page, plus the other sections.
    assert!((20..=40).contains(&pages), "{pages} pages for 50 services");
    for (i, s) in r.services.iter().enumerate() {
        let heading = format!("3.{} Synthetischer Dienst {i}", i + 1);
        let on: Vec<usize> = pdf
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| squash(p).contains(&format!("{heading} ")))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(on.len(), 1, "{heading:?} on pages {on:?}");
        // The whole section stays on the page of its heading.
        let page = squash(&pdf.pages[on[0]]);
        let section = &page[page.find(&heading).unwrap()..];
        for v in [
            s.service_id.as_str(),
            &s.fachverfahren,
            "Gewünschter Produktivstart 01.06.2026",
            "Voraussetzungen OFFEN",
        ] {
            assert!(
                section.contains(v),
                "{v:?} is not on the page of {heading:?}"
            );
        }
    }
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(page.contains(&format!("Seite {} von {pages}", i + 1)));
    }
}

#[test]
fn an_empty_draft_still_renders() {
    let r = ConnectionRequest::new(GENERATED_AT);
    let pdf = draft(&r, catalog());
    shows(&pdf, "Kommune (noch nicht gewählt)");
    shows(&pdf, "Name nicht angegeben");
    shows(&pdf, "Keine Leistung gewählt.");
    shows(&pdf, "OFFEN: noch nicht bestätigt");
    assert_eq!(pdf.info["Author"], "Kommune (nicht angegeben)");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let r = support::wuerzburg();
    let g = Generation::draft(GENERATED_AT);
    assert_eq!(
        anschlussantrag_pdf(&r, catalog(), &g),
        anschlussantrag_pdf(&r, catalog(), &g)
    );
}

/// Schema version 3 (domain.md §6.9): each office's area, the vendor's contact, the
/// embedding, the Leitweg-ID; from the catalog the XÖV standard and the operator's own
/// onboarding form; and whom the document is for. An older document says what it lacks.
#[test]
fn what_an_agency_needs_per_service_is_printed() {
    use efa_domain::request::{Contact, Embedding, EmbeddingMode};

    let v1 = support::wuerzburg();
    assert_eq!(v1.schema_version, 1);
    let pdf = draft(&v1, catalog());
    shows(&pdf, "Für wen Der ganze Antrag ist für BayKommun AöR.");
    shows(&pdf, "Datenaustauschstandard (XÖV) XFamilie");
    shows(&pdf, "Datenaustauschstandard (XÖV) unbekannt");
    shows(
        &pdf,
        "Anbindungsweg des Betreibers Anbindungsfragebogen an: Dataport (Plattform OSI)",
    );
    shows(
        &pdf,
        "Zuständigkeitsgebiet in dieser Fassung des Antrags nicht erfasst",
    );
    shows(
        &pdf,
        "Einbindung in dieser Fassung des Antrags nicht erfasst",
    );
    assert!(!pdf.flat().contains(&squash("Leitweg-ID")));

    let mut r = v1.clone();
    r.upgrade();
    r.municipality.leitweg_id = "04011000-1234512345-06".into();
    r.services[0].authority.area = vec!["096630000000".into(), "97070".into()];
    r.services[0].vendor_contact = Contact {
        name: "Vera Vertrieb".into(),
        function: "Projektleitung".into(),
        email: "vera.vertrieb@hersteller-y.de".into(),
        phone: "0931 555-0".into(),
    };
    r.services[0].embedding = Embedding {
        mode: Some(EmbeddingMode::Snippet),
        domains: vec!["www.wuerzburg.de".into(), "service.wuerzburg.de".into()],
    };
    r.services[1].embedding = Embedding {
        mode: Some(EmbeddingMode::Link),
        domains: Vec::new(),
    };
    let pdf = draft(&r, catalog());
    shows(&pdf, "Leitweg-ID (E-Rechnung) 04011000-1234512345-06");
    shows(&pdf, "Zuständigkeitsgebiet 096630000000, 97070");
    shows(
        &pdf,
        "Ansprechperson beim Hersteller Vera Vertrieb, Projektleitung E-Mail: vera.vertrieb@hersteller-y.de Telefon: 0931 555-0",
    );
    shows(
        &pdf,
        "Einbindung HTML5-Snippet auf der eigenen Website Freizugebende Domains: www.wuerzburg.de, service.wuerzburg.de",
    );
    shows(&pdf, "Einbindung Verlinkung auf den Onlinedienst");
    // The second service (plain e-mail) has no vendor contact: "nicht angegeben".
    shows(&pdf, "Ansprechperson beim Hersteller nicht angegeben");
}

#[test]
fn the_open_items_name_whom_they_are_for_and_the_operators_own_forms() {
    let r = support::wuerzburg();
    let doc = efa_documents::offene_punkte_pdf(&r, catalog(), &Generation::draft(GENERATED_AT));
    let pdf = read_pdf(&doc.bytes);
    shows(
        &pdf,
        "Für wen Die eigene Verwaltung, zur Vorbereitung. Der Antrag geht an BayKommun AöR.",
    );
    shows(
        &pdf,
        "Anbindungswege der Betreiber Unterhaltsvorschuss Online (UVO): Anbindungsfragebogen an Dataport (Plattform OSI)",
    );
    shows(&pdf, "Datenaustauschstandard (XÖV): XFamilie");
}
