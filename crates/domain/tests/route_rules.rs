//! The contract route per Land: decided by the key prefix, with operator, steps and
//! sources, and consistent with the shipped catalog.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "helpers outside #[test] functions count as non-test code; a panic there is still a test failure with a precise location"
)]

use efa_domain::catalog::{Catalog, Channel, is_http_url, is_kebab_case};
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
    // Address as in the DigitalMarkt's terms of use, with its postcode.
    assert_eq!(
        r.operator.address,
        Some("Lilienthalallee 25, 80939 München")
    );
    assert_eq!(r.operator.contact_email, None);
    // The Digitalisierungsbeauftragte is asked for only where there is one.
    assert!(
        r.step("digitalmarkt-registrierung")
            .unwrap()
            .explanation
            .contains("falls vorhanden")
    );
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
    // No source gives d-NRW's postal address; its FAQ page gives the contact mailbox for
    // municipalities, and the operator names that page as a source.
    assert_eq!(r.operator.address, None);
    assert_eq!(
        r.operator.contact_email,
        Some("kommunalvertreter@digitales.nrw.de")
    );
    assert!(
        r.operator
            .sources
            .contains(&"http://d-nrw.de/kommunalvertreter/fragen-zu-kosten-1")
    );
    // A Tochter-AöR may call off only as the same FAQ page puts it.
    let ea = r.step("einzelabruf").unwrap().explanation;
    assert!(ea.contains("100-prozentige Tochter der Kommune"), "{ea}");
    assert!(
        ea.contains("Aufgabenübertragung im Innenverhältnis"),
        "{ea}"
    );
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

/// Steps tied to a channel appear only where a selected service uses that channel.
#[test]
fn channel_bound_steps_follow_the_channels_in_use() {
    let nrw = route_for(Land::NordrheinWestfalen);
    let ids = |channels: &[Channel]| -> Vec<&str> {
        nrw.steps_for(channels).iter().map(|s| s.id).collect()
    };
    let always = vec!["rahmenvereinbarung", "einzelabruf", "vsm-eintrag"];
    let with_osci = vec![
        "rahmenvereinbarung",
        "einzelabruf",
        "vsm-eintrag",
        "dvdv-zertifikat",
        "dataclearing-nrw",
    ];
    let table: [(&[Channel], &Vec<&str>); 6] = [
        (&[], &always),
        (&[Channel::FitConnect], &always),
        (&[Channel::PdfDownload, Channel::Email], &always),
        (&[Channel::OsciXta], &with_osci),
        (&[Channel::FitConnect, Channel::OsciXta], &with_osci),
        (&Channel::ALL, &with_osci),
    ];
    for (channels, expected) in table {
        assert_eq!(&ids(channels), expected, "{channels:?}");
    }
    for id in ["dvdv-zertifikat", "dataclearing-nrw"] {
        assert_eq!(nrw.step(id).unwrap().channels, &[Channel::OsciXta], "{id}");
    }
    // Other routes have no channel-bound steps.
    for land in [Land::Bayern, Land::Hessen, Land::SchleswigHolstein] {
        let r = route_for(land);
        assert_eq!(r.steps_for(&[]).len(), r.steps.len(), "{land}");
    }
}

/// Schleswig-Holstein's Kommunen take the services from the OZG-Shop: no per-service
/// Nachnutzungsvertrag, no Interessenbekundung, no Marktplatz registration on their route.
#[test]
fn schleswig_holstein_obtains_services_from_the_ozg_shop() {
    let sh = route_for(Land::SchleswigHolstein);
    assert_eq!(sh.kind, RouteKind::Marktplatz);
    let ids: Vec<&str> = sh.steps.iter().map(|s| s.id).collect();
    assert_eq!(ids, vec!["ozg-shop", "kommunalvertreter"]);
    let shop = sh.step("ozg-shop").unwrap();
    assert_eq!(shop.prerequisites, &["ozg-shop-sh"]);
    assert!(
        shop.explanation
            .contains("ohne einzelne Nachnutzungsvereinbarungen")
    );
    assert!(shop.sources.contains(
        &"https://dataport.de/fachinterview/ozg-dienste-fuer-kommunen-aus-dem-online-shop"
    ));
    // The other Länder of the route keep the per-service contract.
    let he = route_for(Land::Hessen);
    for id in [
        "marktplatz-registrierung",
        "interessenbekundung",
        "nachnutzungsvertrag",
    ] {
        assert!(he.step(id).is_some(), "{id}");
        assert!(sh.step(id).is_none(), "{id}");
    }
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
    for land in Land::ALL {
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
                assert!(
                    p.applies_if.allows_land(land),
                    "{land}: {id} does not apply in this Land"
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
