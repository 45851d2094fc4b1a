//! The contract route per Land: decided by the key prefix, with operator, steps and
//! sources, and consistent with the shipped catalog.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use efa_domain::catalog::{Catalog, is_http_url, is_kebab_case};
use efa_domain::land::Land;
use efa_domain::route::{RouteKind, StepFrequency, reference_prefix, route_for, route_for_key};

const SHIPPED: &str = include_str!("../../../public/catalog/efa-catalog.json");

#[test]
fn every_land_gets_its_route_and_prefix() {
    let table = [
        (Land::SchleswigHolstein, RouteKind::Marktplatz, "SH"),
        (Land::Hamburg, RouteKind::Marktplatz, "HH"),
        (Land::Niedersachsen, RouteKind::Marktplatz, "NI"),
        (Land::Bremen, RouteKind::Marktplatz, "HB"),
        (Land::NordrheinWestfalen, RouteKind::DNrw, "NW"),
        (Land::Hessen, RouteKind::Marktplatz, "HE"),
        (Land::RheinlandPfalz, RouteKind::Marktplatz, "RP"),
        (Land::BadenWuerttemberg, RouteKind::Marktplatz, "BW"),
        (Land::Bayern, RouteKind::BayKommun, "BY"),
        (Land::Saarland, RouteKind::Marktplatz, "SL"),
        (Land::Berlin, RouteKind::Marktplatz, "BE"),
        (Land::Brandenburg, RouteKind::Marktplatz, "BB"),
        (Land::MecklenburgVorpommern, RouteKind::Marktplatz, "MV"),
        (Land::Sachsen, RouteKind::Marktplatz, "SN"),
        (Land::SachsenAnhalt, RouteKind::Marktplatz, "ST"),
        (Land::Thueringen, RouteKind::Marktplatz, "TH"),
    ];
    assert_eq!(table.len(), Land::ALL.len());
    for (land, kind, prefix) in table {
        let route = route_for(land);
        assert_eq!(route.land, land);
        assert_eq!(route.kind, kind, "{land}");
        assert_eq!(RouteKind::for_land(land), kind, "{land}");
        assert_eq!(route.reference_prefix(), prefix, "{land}");
        assert_eq!(reference_prefix(land), prefix, "{land}");
        assert_eq!(prefix, land.iso_code());
    }
}

#[test]
fn key_prefix_decides() {
    let table = [
        ("09188139", Some(RouteKind::BayKommun)),
        ("091880000000", Some(RouteKind::BayKommun)),
        ("05570044", Some(RouteKind::DNrw)),
        ("053820016016", Some(RouteKind::DNrw)),
        ("120600181181", Some(RouteKind::Marktplatz)),
        ("00000000", None),
        ("17", None),
        ("9", None),
        ("", None),
        ("ä9", None),
    ];
    for (key, kind) in table {
        assert_eq!(route_for_key(key).map(|r| r.kind), kind, "{key:?}");
    }
}

#[test]
fn bayern_route_names_baykommun_and_its_steps() {
    let r = route_for(Land::Bayern);
    assert_eq!(r.operator.name, "BayKommun AöR");
    assert_eq!(r.operator.address, Some("Lilienthalallee 25, München"));
    let ids: Vec<&str> = r.steps.iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        vec![
            "elster-unternehmenskonto",
            "digitalmarkt-registrierung",
            "bestellung",
            "sub-sub-nachnutzungsvertrag",
            "digitalumlage",
            "bayernportal",
            "kein-avv",
        ]
    );
    assert_eq!(
        r.step("bestellung").unwrap().frequency,
        StepFrequency::PerService
    );
    assert!(
        r.step("kein-avv")
            .unwrap()
            .explanation
            .contains("§ 8a Abs. 4 OZG")
    );
    assert!(
        r.step("digitalumlage")
            .unwrap()
            .explanation
            .contains("Einwohnerzahl")
    );
    assert!(r.notes.is_empty());
}

#[test]
fn nrw_route_names_d_nrw_and_its_steps() {
    let r = route_for(Land::NordrheinWestfalen);
    assert_eq!(r.operator.name, "d-NRW AöR");
    // No source gives d-NRW's postal address.
    assert_eq!(r.operator.address, None);
    let rv = r.step("rahmenvereinbarung").unwrap();
    assert_eq!(rv.frequency, StepFrequency::Once);
    assert!(rv.explanation.contains("Ratsbeschluss"));
    assert!(rv.explanation.contains("Abteilungsleitung"));
    assert_eq!(
        r.step("einzelabruf").unwrap().frequency,
        StepFrequency::PerService
    );
    for id in ["vsm-eintrag", "dvdv-zertifikat", "dataclearing-nrw"] {
        assert!(r.step(id).is_some(), "{id}");
    }
}

#[test]
fn other_laender_go_through_the_marktplatz_or_their_kommunalvertreter() {
    let r = route_for(Land::Hessen);
    assert!(r.operator.name.contains("EfA-Marktplatz"));
    assert_eq!(r.operator.address, None);
    assert!(r.step("kommunalvertreter").is_some());
    assert!(r.summary.contains("1. April 2024"));
    assert!(r.notes.is_empty());
    // Land-specific hints where the sources give them.
    let sh = route_for(Land::SchleswigHolstein);
    assert!(sh.notes.iter().any(|n| n.text.contains("OZG-Shop")));
    let hh = route_for(Land::Hamburg);
    assert!(hh.notes.iter().any(|n| n.text.contains("Dataport")));
}

#[test]
fn every_step_is_sourced_and_well_formed() {
    for land in Land::ALL {
        let r = route_for(land);
        assert!(!r.sources.is_empty());
        assert!(r.sources.iter().all(|u| is_http_url(u)));
        assert!(!r.operator.sources.is_empty());
        assert!(r.operator.sources.iter().all(|u| is_http_url(u)));
        for step in r.steps {
            assert!(is_kebab_case(step.id), "{}", step.id);
            assert!(!step.title.is_empty());
            assert!(!step.explanation.is_empty());
            assert!(!step.sources.is_empty(), "{}", step.id);
            assert!(step.sources.iter().all(|u| is_http_url(u)), "{}", step.id);
        }
        for note in &r.notes {
            assert!(!note.sources.is_empty());
        }
    }
}

#[test]
fn steps_link_to_catalog_prerequisites_of_the_same_route() {
    let catalog = Catalog::from_json(SHIPPED).unwrap();
    for land in [Land::Bayern, Land::NordrheinWestfalen, Land::Berlin] {
        let r = route_for(land);
        for step in r.steps {
            for id in step.prerequisites {
                let p = catalog
                    .prerequisite(id)
                    .unwrap_or_else(|| panic!("{land}: step {} names unknown {id}", step.id));
                let routes = &p.applies_if.routes;
                assert!(
                    routes.is_empty() || routes.contains(&r.kind),
                    "{land}: {id} does not apply on route {}",
                    r.kind
                );
            }
        }
    }
}

#[test]
fn route_serialises_for_the_api() {
    let json = serde_json::to_value(route_for(Land::Bayern)).unwrap();
    assert_eq!(json["kind"], "baykommun");
    assert_eq!(json["land"], "09");
    assert_eq!(json["operator"]["name"], "BayKommun AöR");
    assert_eq!(json["steps"][0]["frequency"], "once");
    for kind in RouteKind::ALL {
        let s = serde_json::to_string(&kind).unwrap();
        assert_eq!(s, format!("\"{}\"", kind.as_str()));
        assert_eq!(serde_json::from_str::<RouteKind>(&s).unwrap(), kind);
    }
}
