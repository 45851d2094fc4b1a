//! The shipped `public/catalog/efa-catalog.json` loads cleanly and keeps the research's
//! facts: Leika keys exactly as in the source, sources everywhere, unknowns explicit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use std::collections::BTreeSet;

use efa_domain::catalog::{
    AvailabilityStatus, CATALOG_SCHEMA_VERSION, Catalog, Category, Channel, EvidenceKind,
    OfferType, ServiceFact, is_http_url,
};
use efa_domain::land::Land;
use efa_domain::route::RouteKind;

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

fn catalog() -> Catalog {
    match Catalog::from_json(SHIPPED) {
        Ok(c) => c,
        Err(e) => panic!("shipped catalog does not load:\n{e}"),
    }
}

#[test]
fn shipped_catalog_loads_cleanly() {
    let c = catalog();
    assert_eq!(c.schema_version(), CATALOG_SCHEMA_VERSION);
    assert!(!c.catalog_version().is_empty());
    assert!(c.services().len() >= 25, "{}", c.services().len());
}

#[test]
fn shipped_catalog_round_trips() {
    let c = catalog();
    let again = Catalog::from_json(&c.to_json_pretty().unwrap()).unwrap();
    assert_eq!(c, again);
}

/// Every Leika key the research lists, exactly as written there (efa-services.md rows 3,
/// 18, 19, 20 and 22).
const RESEARCH_LEIKA: &[(&str, &str)] = &[
    ("vms", "99013005026000"),
    ("fahrerkarte", "99108055001000"),
    ("fahrerkarte", "99108055133000"),
    ("fahrerkarte", "99108055036000"),
    ("fahrerkarte", "99108055036003"),
    ("fahrerkarte", "99108055036001"),
    ("unternehmenskarte", "99108056001000"),
    ("unternehmenskarte", "99108056133000"),
    ("unternehmenskarte", "99108056036003"),
    ("unternehmenskarte", "99108056036001"),
    ("werkstattkarte", "99108057001000"),
    ("ewa", "99115005104000"),
    ("ewa", "99115005104001"),
    ("ewa", "99115003012000"),
    ("ewa", "99008001011001"),
    ("ewa", "99008004011002"),
    ("ewa", "99008005011001"),
    ("ewa", "99085001011001"),
];

#[test]
fn leika_keys_are_exactly_those_of_the_research() {
    let c = catalog();
    let shipped: BTreeSet<(String, String)> = c
        .services()
        .iter()
        .flat_map(|s| s.leika_keys().map(|k| (s.id.clone(), k.to_owned())))
        .collect();
    let expected: BTreeSet<(String, String)> = RESEARCH_LEIKA
        .iter()
        .map(|(s, k)| ((*s).to_owned(), (*k).to_owned()))
        .collect();
    assert_eq!(shipped, expected);
    // Services without a key in the research say so with `null`, not with an empty list.
    for s in c.services() {
        if let Some(keys) = &s.leika {
            assert!(!keys.is_empty(), "{}: empty Leika list", s.id);
        }
    }
}

#[test]
fn every_entry_has_sources() {
    let c = catalog();
    for s in c.services() {
        assert!(!s.sources.is_empty(), "{}", s.id);
        assert!(s.sources.iter().all(|u| is_http_url(u)), "{}", s.id);
    }
    for p in c.prerequisites() {
        assert!(!p.sources.is_empty(), "{}", p.id);
        if let Some(link) = &p.official_link {
            assert!(
                p.sources.contains(link),
                "{}: official link {link} is not among its sources",
                p.id
            );
        }
    }
}

#[test]
fn services_of_the_research_are_present() {
    let c = catalog();
    for id in [
        "uvo",
        "ehe-online",
        "vms",
        "beistandschaft",
        "dein-kitaplatz",
        "einbuergerung",
        "baugenehmigung-bauantrag",
        "genehmigungsfreistellung",
        "wohngeld",
        "fuehrerschein-ersterteilung",
        "fahrerkarte",
        "i-kfz",
        "ewa",
        "ewaffe",
        "sozialplattform-hlu",
        "bafoeg-digital",
        "gewerbeanzeige-wsp-nrw",
        "strahlenschutz",
    ] {
        assert!(c.service(id).is_some(), "{id} missing");
    }
}

#[test]
fn honest_labels_for_entries_that_are_not_plain_efa_offers() {
    let c = catalog();
    let cases = [
        ("elfe", OfferType::Pilot),
        ("namensaenderung", OfferType::Project),
        ("familienfoerderung", OfferType::Project),
        ("elterngeld-digital", OfferType::FederalService),
        ("ewa", OfferType::EfaService),
    ];
    for (id, offer) in cases {
        assert_eq!(c.service(id).unwrap().offer_type, offer, "{id}");
    }
}

#[test]
fn facts_from_the_research_table() {
    let c = catalog();
    let ewa = c.service("ewa").unwrap();
    assert_eq!(ewa.provider.umsetzendes_land, Some(Land::Hamburg));
    let by = ewa.availability.bayern.as_ref().unwrap();
    assert_eq!(by.status, AvailabilityStatus::Available);
    assert!(by.text.contains("DigitalMarkt"));

    let wohngeld = c.service("wohngeld").unwrap();
    assert_eq!(
        wohngeld.availability.nrw.as_ref().unwrap().status,
        AvailabilityStatus::Paused
    );
    let channels: Vec<Channel> = wohngeld.known_channels().collect();
    assert_eq!(
        channels,
        vec![Channel::PdfDownload, Channel::OsciXta, Channel::FitConnect]
    );
    let osci = wohngeld
        .channels
        .as_ref()
        .unwrap()
        .iter()
        .find(|o| o.channel == Channel::OsciXta)
        .unwrap();
    assert_eq!(
        osci.dvdv_categories.as_deref(),
        Some(&["wgb".to_owned()][..])
    );

    let bau = c.service("baugenehmigung-bauantrag").unwrap();
    assert_eq!(bau.data_standard.as_deref(), Some("XBau"));
    assert_eq!(
        bau.provider.umsetzendes_land,
        Some(Land::MecklenburgVorpommern)
    );

    let einb = c.service("einbuergerung").unwrap();
    assert_eq!(einb.data_standard.as_deref(), Some("XEinbürgerung"));
    assert_eq!(einb.provider.federfuehrendes_land, Some(Land::Brandenburg));
    assert_eq!(
        einb.provider.umsetzendes_land,
        Some(Land::NordrheinWestfalen)
    );

    for id in ["fahrerkarte", "unternehmenskarte", "werkstattkarte"] {
        let s = c.service(id).unwrap();
        assert_eq!(
            s.data_standard.as_deref(),
            Some("XFahrtenschreiber"),
            "{id}"
        );
        assert_eq!(s.single_known_channel(), Some(Channel::OsciXta), "{id}");
    }
    assert_eq!(
        c.service("gewerbeanzeige-wsp-nrw")
            .unwrap()
            .data_standard
            .as_deref(),
        Some("XGewerbeanzeige")
    );
    assert_eq!(
        c.service("uvo").unwrap().data_standard.as_deref(),
        Some("XFamilie")
    );
    assert_eq!(
        c.service("fuehrerschein-ersterteilung")
            .unwrap()
            .ozg_id
            .as_deref(),
        Some("10169")
    );
}

#[test]
fn unknowns_stay_explicitly_unknown() {
    let c = catalog();
    // The research found no Leika keys for these (domain.md §10).
    for id in [
        "wohngeld",
        "uvo",
        "einbuergerung",
        "gewerbeanzeige-wsp-nrw",
        "baugenehmigung-bauantrag",
    ] {
        let s = c.service(id).unwrap();
        assert!(s.unknown_facts().contains(&ServiceFact::Leika), "{id}");
    }
    // The operator of eWaffe and of the tachograph cards is not established.
    for id in ["ewaffe", "fahrerkarte"] {
        let s = c.service(id).unwrap();
        assert!(
            s.unknown_facts().contains(&ServiceFact::UmsetzendesLand),
            "{id}"
        );
    }
    // Every unknown fact is a JSON null in the file (never a made-up empty string).
    assert!(!SHIPPED.contains("\"\""));
}

#[test]
fn prerequisites_cover_both_categories_and_the_identifiers() {
    let c = catalog();
    let categories: BTreeSet<Category> = c.prerequisites().iter().map(|p| p.category).collect();
    assert_eq!(categories.len(), 2);
    let kinds: BTreeSet<EvidenceKind> = c
        .prerequisites()
        .iter()
        .flat_map(|p| p.evidence.iter().map(|e| e.kind))
        .collect();
    for kind in [
        EvidenceKind::FitConnectDestinationId,
        EvidenceKind::DvdvOrganisationsschluessel,
        EvidenceKind::PvogOeId,
        EvidenceKind::Url,
        EvidenceKind::Date,
        EvidenceKind::Text,
        EvidenceKind::Email,
        EvidenceKind::Bkz,
    ] {
        assert!(kinds.contains(&kind), "no evidence of kind {kind:?}");
    }
    // Since request schema 3 the Leitweg-ID is a field of the request, asked once, not
    // evidence of the EfA-Marktplatz prerequisite.
    assert!(!kinds.contains(&EvidenceKind::LeitwegId));
}

#[test]
fn questionnaires_name_form_recipient_and_a_source_of_the_service() {
    let c = catalog();
    let with: Vec<(&str, &str)> = c
        .services()
        .iter()
        .filter_map(|s| {
            s.questionnaire
                .as_ref()
                .map(|q| (s.id.as_str(), q.recipient.as_str()))
        })
        .collect();
    assert_eq!(
        with,
        [
            ("uvo", "Dataport (Plattform OSI)"),
            (
                "einbuergerung",
                "Betreiber des Dienstes über digitale-verwaltung.atlassian.net"
            ),
            ("wohngeld", "Dataport (Plattform OSI)"),
            ("ewa", "Dataport (Plattform OSI)"),
            ("strahlenschutz", "Dataport (Plattform OSI)"),
        ]
    );
    for s in c.services() {
        if let Some(q) = &s.questionnaire {
            assert!(s.sources.contains(&q.source), "{}: source not listed", s.id);
        }
    }
}

#[test]
fn dependencies_the_domain_requires() {
    let c = catalog();
    let deps = |id: &str| c.prerequisite(id).unwrap().depends_on.clone();
    let fit = deps("fit-connect-zustellpunkt");
    assert!(fit.contains(&"vpki-zertifikat".to_owned()));
    assert!(fit.contains(&"elster-unternehmenskonto".to_owned()));
    assert!(deps("dvdv-eintrag").contains(&"zertifikat-osci".to_owned()));
    assert!(deps("dnrw-einzelabruf").contains(&"dnrw-rahmenvereinbarung".to_owned()));
    assert!(deps("baykommun-registrierung").contains(&"elster-unternehmenskonto".to_owned()));
}

#[test]
fn route_specific_prerequisites_name_their_route() {
    let c = catalog();
    let cases = [
        ("baykommun-registrierung", RouteKind::BayKommun),
        ("digitalumlage", RouteKind::BayKommun),
        ("bayernportal-verlinkung", RouteKind::BayKommun),
        ("dnrw-rahmenvereinbarung", RouteKind::DNrw),
        ("dnrw-einzelabruf", RouteKind::DNrw),
        ("vsm-eintrag", RouteKind::DNrw),
        ("dataclearing-nrw", RouteKind::DNrw),
        ("marktplatz-zugang", RouteKind::Marktplatz),
    ];
    for (id, route) in cases {
        assert_eq!(
            c.prerequisite(id).unwrap().applies_if.routes,
            vec![route],
            "{id}"
        );
    }
}
