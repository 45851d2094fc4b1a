//! The "Offene Punkte" PDF, read back with poppler: every open prerequisite in dependency
//! order with what to do, where and which services it holds up; nothing that is done.

mod support;

use std::collections::BTreeMap;

use efa_documents::{Generation, Submission, offene_punkte_pdf};
use efa_domain::readiness::{self, PrereqStatus};
use efa_domain::request::{ConnectionRequest, PrerequisiteRecord};
use support::{GENERATED_AT, Pdf, catalog, read_pdf, squash};

fn draft(request: &ConnectionRequest) -> (Vec<u8>, Pdf) {
    let doc = offene_punkte_pdf(request, catalog(), &Generation::draft(GENERATED_AT));
    let pdf = read_pdf(&doc.bytes);
    (doc.bytes, pdf)
}

#[test]
fn every_open_prerequisite_is_listed_in_order_with_how_where_and_what_it_blocks() {
    let r = support::wuerzburg();
    let input = r.readiness_input().unwrap();
    let readiness = readiness::evaluate(catalog(), &input);
    assert!(readiness.next_actions.len() >= 3);
    let (_, pdf) = draft(&r);
    let flat = pdf.flat();
    let dense = pdf.dense();

    let mut last = 0;
    for (i, action) in readiness.next_actions.iter().enumerate() {
        let p = catalog().prerequisite(&action.prerequisite).unwrap();
        let heading = squash(&format!("{}. {}", i + 1, p.title));
        let at = flat
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading:?} missing"));
        assert!(at > last, "{heading:?} out of dependency order");
        last = at;
        let section = &flat[at..];
        assert!(
            section.contains(&squash(&p.how_to)),
            "how_to of {} missing",
            p.id
        );
        match &p.official_link {
            // Links may be cut inside a word, and are clickable.
            Some(url) => {
                assert!(dense.contains(url.as_str()), "link of {} missing", p.id);
                assert!(
                    pdf.links.iter().any(|l| l == url),
                    "no link annotation for {url}"
                );
            }
            None => assert!(section.contains("Kein offizieller Link im Katalog.")),
        }
        let item = readiness.item(&action.prerequisite).unwrap();
        let blocks = if item.services.len() == readiness.services.len() {
            "Blockiert alle beantragten Leistungen".to_owned()
        } else {
            let first = catalog().service(&item.services[0]).unwrap();
            format!("Blockiert {}", first.name)
        };
        assert!(
            section.contains(&squash(&blocks)),
            "{blocks:?} missing for {}",
            p.id
        );
        let state = if action.can_start {
            "kann sofort begonnen werden"
        } else {
            "wartet auf:"
        };
        if action.state != efa_domain::readiness::ItemState::InArbeit {
            assert!(section.contains(state), "{state:?} missing for {}", p.id);
        }
    }

    // What is done does not appear.
    for (id, record) in &r.prerequisites {
        if record.status == PrereqStatus::Erledigt {
            let title = &catalog().prerequisite(id).unwrap().title;
            assert!(!flat.contains(title.as_str()), "done {title:?} is listed");
        }
    }
    // The overview names every service.
    for s in &r.services {
        assert!(flat.contains(&catalog().service(&s.service_id).unwrap().name));
    }
}

#[test]
fn nothing_open_says_so() {
    let mut r = support::wuerzburg();
    let input = r.readiness_input().unwrap();
    for group in readiness::evaluate(catalog(), &input).checklist {
        for item in group.items {
            r.prerequisites.insert(
                item.prerequisite,
                PrerequisiteRecord {
                    status: PrereqStatus::NichtZutreffend,
                    evidence: BTreeMap::new(),
                },
            );
        }
    }
    let (_, pdf) = draft(&r);
    assert!(
        pdf.flat()
            .contains("Alle Voraussetzungen der gewählten Leistungen sind erfüllt.")
    );
    assert!(!pdf.flat().contains("Was ist zu tun?"));
}

#[test]
fn a_service_without_channel_is_an_obstacle() {
    let mut r = support::mettmann();
    r.services[0].channel = None;
    let (_, pdf) = draft(&r);
    let flat = pdf.flat();
    assert!(flat.contains("Weitere Hindernisse"), "{flat}");
    assert!(
        flat.contains("Bitte einen Übertragungsweg wählen"),
        "{flat}"
    );
}

#[test]
fn draft_and_final_marks_and_footer() {
    let r = support::mettmann();
    let (_, pdf) = draft(&r);
    let total = pdf.page_count();
    for (i, page) in pdf.pages.iter().enumerate() {
        assert!(page.contains("ENTWURF – nicht eingereicht"));
        let page = squash(page);
        assert!(page.contains(&format!(
            "Fingerabdruck {} Seite {} von {total}",
            r.fingerprint(),
            i + 1
        )));
    }
    assert_eq!(pdf.info["Title"], "Offene Punkte (Entwurf) – Mettmann");
    assert_eq!(pdf.info["Author"], "Mettmann");

    let s = Submission {
        reference: "NW-2026-000007".into(),
        received_at: "2026-07-01T08:00:00Z".into(),
        version: 1,
    };
    let doc = offene_punkte_pdf(&r, catalog(), &Generation::submitted(GENERATED_AT, &s));
    assert_eq!(doc.file_name, "Offene_Punkte_Mettmann_2026-03-02.pdf");
    let pdf = read_pdf(&doc.bytes);
    assert!(!pdf.flat().contains("ENTWURF"));
    assert!(
        pdf.flat()
            .contains("am 01.07.2026, 10:00 Uhr. Aktenzeichen: NW-2026-000007")
    );
    for page in &pdf.pages {
        assert!(page.contains("Aktenzeichen NW-2026-000007"));
    }
}

#[test]
fn fifty_services_fit_and_the_empty_draft_explains_itself() {
    let (catalog, r) = support::many_services(50);
    let doc = offene_punkte_pdf(&r, &catalog, &Generation::draft(GENERATED_AT));
    let pdf = read_pdf(&doc.bytes);
    assert_eq!(pdf.page_count(), pdf.pages.len());
    for i in 0..50 {
        assert!(pdf.flat().contains(&format!("Synthetischer Dienst {i}:")));
    }

    let empty = ConnectionRequest::new(GENERATED_AT);
    let (_, pdf) = draft(&empty);
    assert!(
        pdf.flat()
            .contains("Die offenen Punkte lassen sich bestimmen, sobald die Kommune gewählt ist.")
    );
}
