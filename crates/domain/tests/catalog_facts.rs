//! Facts of the shipped catalog that were once wrong, each checked against the wording of
//! its source and against the source URL the entry must cite for it.
//!
//! The sources are those of `shared/research/domain.md` and `efa-services.md`; where the
//! research summarises a page, the page's own words are quoted in the comment.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use efa_domain::catalog::{Catalog, Channel, OfferType};
use efa_domain::land::Land;
use efa_domain::route::RouteKind;

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

const MOVE_SH: &str = "https://www.move-online.de/?p=50298&post_type=k21-meldungen";
const OZG_SHOP: &str =
    "https://dataport.de/fachinterview/ozg-dienste-fuer-kommunen-aus-dem-online-shop";
const BAYKOMMUN_FAQ: &str = "https://www.baykommun.bayern/kommunalwiki/faqs.html?category=45";
const DNRW_FAQ: &str = "http://d-nrw.de/kommunalvertreter/fragen-zu-kosten-1";
const FITKO_PROD: &str = "https://git.fitko.de/fit-connect/docs/-/commit/42db8f4a6a092540eda9cc6912f600f9c693543c?view=inline";

fn catalog() -> Catalog {
    Catalog::from_json(SHIPPED).expect("the shipped catalog loads")
}

/// Notes of services: (service, a note that must be there, text no note may contain,
/// source the service must cite).
#[test]
fn service_notes_say_what_their_source_says() {
    let table: [(&str, &str, &str, &str); 4] = [
        // domain.md §3.7: "SH Online-Dienste are used in 843 Behörden, 689 of them for
        // Wohngeld". The 843 are the authorities using services from SH, not authorities
        // in SH (SH has far fewer than 689 Wohngeld authorities).
        (
            "wohngeld",
            "Die Online-Dienste aus Schleswig-Holstein werden in 843 Behörden genutzt, 689 davon für Wohngeld.",
            "In Schleswig-Holstein werden",
            MOVE_SH,
        ),
        (
            "wohngeld",
            "Schleswig-Holstein plant Wohngeld flächendeckend im ersten Halbjahr 2026.",
            "Wohngeldbehörden angeschlossen",
            MOVE_SH,
        ),
        // efa-services.md rows 1 and 22: Fokusleistungen SH has rolled out across the
        // Land, not ones still to be rolled out.
        (
            "uvo",
            "In Schleswig-Holstein als Fokusleistung bereits flächendeckend verfügbar.",
            "für den flächendeckenden Ausbau",
            MOVE_SH,
        ),
        (
            "ewa",
            "In Schleswig-Holstein als Fokusleistung bereits flächendeckend verfügbar.",
            "für den flächendeckenden Ausbau",
            MOVE_SH,
        ),
    ];
    let c = catalog();
    for (id, note, never, source) in table {
        let s = c.service(id).unwrap();
        assert!(s.notes.iter().any(|n| n == note), "{id}: {:?}", s.notes);
        assert!(!s.notes.iter().any(|n| n.contains(never)), "{id}: {never}");
        assert!(s.sources.iter().any(|u| u == source), "{id} cites {source}");
    }
}

/// Offer types: services of the Bund are typed alike; a Land's own service whose offer to
/// other Länder no source shows is not typed as an EfA service.
#[test]
fn offer_types_follow_the_providers() {
    let table = [
        // efa-services.md #9: "Bund (elterngeld-digital.de)"; #21: "Bund: BMDV / KBA".
        ("elterngeld-digital", OfferType::FederalService, "Bund"),
        ("i-kfz", OfferType::FederalService, "Bund"),
        // #30: "Whether Gewerbe itself is offered as EfA to other Länder: (inference)".
        ("gewerbeanzeige-wsp-nrw", OfferType::LandService, "NRW"),
    ];
    let c = catalog();
    for (id, offer, provider) in table {
        let s = c.service(id).unwrap();
        assert_eq!(s.offer_type, offer, "{id}");
        assert!(
            s.provider.text.as_deref().unwrap_or("").contains(provider),
            "{id}"
        );
    }
    // The NRW service stays connectable in NRW, where municipalities are shown using it,
    // and nowhere else.
    let gewerbe = c.service("gewerbeanzeige-wsp-nrw").unwrap();
    for land in Land::ALL {
        assert_eq!(
            gewerbe.is_connectable_in(land),
            land == Land::NordrheinWestfalen,
            "{land}"
        );
    }
    assert!(
        !c.service("i-kfz")
            .unwrap()
            .is_connectable_in(Land::NordrheinWestfalen)
    );
    assert!(c.service("ewa").unwrap().is_connectable_in(Land::Bayern));
}

/// Prerequisites: (id, text its explanation must contain, source it must cite).
#[test]
fn prerequisites_say_what_their_source_says() {
    let table = [
        // BayKommun FAQ: "Falls vorhanden, sollten auch die Daten des kommunalen
        // Digitalisierungsbeauftragten hinterlegt werden."
        ("baykommun-registrierung", "falls vorhanden", BAYKOMMUN_FAQ),
        // d-NRW FAQ: "Dies setzt allerdings voraus, dass die AöR 100%-ige Tochter der
        // Kommune ist und dass im Innenverhältnis mit der Kommune die Aufgabenübertragung
        // geklärt ist."
        (
            "dnrw-einzelabruf",
            "wenn sie eine 100-prozentige Tochter der Kommune ist und die Aufgabenübertragung im Innenverhältnis mit der Kommune geklärt ist",
            DNRW_FAQ,
        ),
        // domain.md §3.7: SH Kommunen take services from the OZG-Shop "without individual
        // Nachnutzungsvereinbarungen".
        (
            "ozg-shop-sh",
            "ohne einzelne Nachnutzungsvereinbarungen",
            OZG_SHOP,
        ),
        // FITKO's production steps: "1. Beantragen Sie bei der FITKO einen Zugang zum
        // Produktivsystem für FIT-Connect."
        (
            "fit-connect-produktivzugang",
            "beantragt bei der FITKO einen Zugang zum Produktivsystem",
            FITKO_PROD,
        ),
    ];
    let c = catalog();
    for (id, text, source) in table {
        let p = c.prerequisite(id).unwrap();
        assert!(p.explanation.contains(text), "{id}: {}", p.explanation);
        assert!(p.sources.iter().any(|u| u == source), "{id} cites {source}");
    }
    assert_eq!(
        c.prerequisite("fit-connect-produktivzugang").unwrap().title,
        "Zugang zum Produktivsystem bei der FITKO beantragen"
    );
}

/// Evidence fields: (prerequisite, field, optional).
#[test]
fn evidence_is_required_only_where_the_source_asks_for_it() {
    let table = [
        (
            "baykommun-registrierung",
            "digitalisierungsbeauftragter",
            true,
        ),
        ("baykommun-registrierung", "freigeschaltet-am", false),
        ("fit-connect-produktivzugang", "beantragt-am", false),
        ("ozg-shop-sh", "bezogen-am", false),
    ];
    let c = catalog();
    for (id, field, optional) in table {
        let f = c
            .prerequisite(id)
            .unwrap()
            .evidence
            .iter()
            .find(|f| f.id == field)
            .unwrap_or_else(|| panic!("{id} has no field {field}"));
        assert_eq!(f.optional, optional, "{id}.{field}");
    }
}

/// Conditions and dependencies: where each of the changed steps applies.
#[test]
fn conditions_and_dependencies_of_the_changed_steps() {
    let c = catalog();
    let p = |id: &str| c.prerequisite(id).unwrap();
    // The production destination comes after FITKO's access, for FIT-Connect only.
    assert!(
        p("fit-connect-zustellpunkt")
            .depends_on
            .contains(&"fit-connect-produktivzugang".to_owned())
    );
    assert_eq!(
        p("fit-connect-produktivzugang").applies_if.channels,
        vec![Channel::FitConnect]
    );
    // Schleswig-Holstein: the OZG-Shop instead of Marktplatz access and per-service
    // contract; every other Land of the route keeps them.
    for land in Land::ALL {
        let sh = land == Land::SchleswigHolstein;
        assert_eq!(p("ozg-shop-sh").applies_if.allows_land(land), sh, "{land}");
        for id in ["marktplatz-zugang", "marktplatz-nachnutzungsvertrag"] {
            assert_eq!(p(id).applies_if.allows_land(land), !sh, "{id} {land}");
        }
    }
    assert_eq!(
        p("ozg-shop-sh").applies_if.routes,
        vec![RouteKind::Marktplatz]
    );
    assert!(c.common_prerequisites().contains(&"ozg-shop-sh".to_owned()));
    assert!(
        p("go-live-termin")
            .depends_on
            .contains(&"ozg-shop-sh".to_owned())
    );
}
